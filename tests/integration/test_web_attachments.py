"""The files that came with a customer's email, listed on the ticket page and downloaded by staff."""

from __future__ import annotations

import re

from calmdesk.staff.roles import Role
from tests.integration import mail_fixtures
from tests.integration.mail_fixtures import MESSAGES, MailDesk
from tests.integration.test_web_auth import browser, sign_in

mail_desk = mail_fixtures.mail_desk


def test_the_ticket_page_lists_an_emails_files_and_staff_download_them(mail_desk: MailDesk) -> None:
    mail_desk.send((MESSAGES / "inline_image.eml").read_bytes(), mail_from="priya@example.org")
    [ticket] = mail_desk.tickets()
    agent = mail_desk.desk.account()
    client = browser(mail_desk.desk)
    assert sign_in(client, agent).status_code == 303

    page = client.get(f"/tickets/{ticket.reference}")
    assert page.status_code == 200
    links = {
        name: href
        for href, name in re.findall(
            r'<a href="(/tickets/[^"]+/attachments/\d+)" download>([^<]+)</a>', page.text
        )
    }
    assert set(links) == {"hinge.png", "receipt.pdf"}  # fix.exe was not an allowed type: not listed
    assert 'aria-label="Attachments"' in page.text

    pdf = client.get(links["receipt.pdf"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="receipt.pdf"'
    assert pdf.headers["content-type"] == "application/octet-stream"

    other = mail_desk.desk.new_ticket(agent)
    elsewhere = links["receipt.pdf"].replace(ticket.reference, other["reference"])
    assert client.get(elsewhere).status_code == 404  # a file is reached only through its own ticket


def test_only_signed_in_staff_who_read_tickets_download_files(mail_desk: MailDesk) -> None:
    mail_desk.send((MESSAGES / "inline_image.eml").read_bytes(), mail_from="priya@example.org")
    [ticket] = mail_desk.tickets()
    agent = mail_desk.desk.account()
    client = browser(mail_desk.desk)
    sign_in(client, agent)
    href = re.findall(
        r'href="(/tickets/[^"]+/attachments/\d+)"', client.get(f"/tickets/{ticket.reference}").text
    )[0]

    stranger = browser(mail_desk.desk)
    answer = stranger.get(href, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/signin")
    contractor = browser(mail_desk.desk)
    sign_in(contractor, mail_desk.desk.account(Role.CONTRACTOR))
    assert contractor.get(href).status_code == 403
