"""The contractors' console page: own appointments and statements only; supervisors their line."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from calmdesk.staff.roles import Role
from tests.integration.conftest import Desk
from tests.integration.contractor_desk import ContractorDesk, at
from tests.integration.test_web_auth import browser, sign_in

DAY = date(2026, 10, 7)


def test_a_contractor_lands_on_their_own_pay_and_sees_nobody_elses(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor(name="Marek Nowak")
    chloe = cd.contractor(name="Chloe Evans")
    cd.book(marek, at(DAY, 9), timedelta(hours=9))  # the seed's day: 9 h x 13.75 = 123.75
    cd.book(chloe, at(DAY, 9), timedelta(hours=3), customer_id=cd.customer("Household of Chloe"))

    client = browser(desk)
    signed = sign_in(client, marek)
    assert signed.status_code == 303 and signed.headers["location"] == "/"
    assert client.get("/", follow_redirects=False).headers["location"] == "/contractors"
    assert (
        client.get("/contractors", follow_redirects=False).headers["location"] == f"/contractors/{marek.id}"
    )

    page = client.get(f"/contractors/{marek.id}", params={"period": "2026-10"})
    assert page.status_code == 200
    assert "Your appointments and pay" in page.text
    assert "£123.75" in page.text and "9.00" in page.text
    assert "Household of Chloe" not in page.text and "Chloe Evans" not in page.text
    assert f'href="/contractors/{marek.id}/statements/2026-10/pdf"' in page.text

    for url in (
        f"/contractors/{chloe.id}",
        f"/contractors/{chloe.id}/statements/2026-10/csv",
        f"/contractors/{chloe.id}/statements/2026-10/pdf",
    ):
        assert client.get(url).status_code == 404, url

    exported = client.get(f"/contractors/{marek.id}/statements/2026-10/csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert rows and {row["contractor"] for row in rows} == {marek.email}
    assert any(row.get("amount") == "123.75" for row in rows)
    pdf = client.get(f"/contractors/{marek.id}/statements/2026-10/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_supervisor_sees_their_contractors_and_an_admin_everyone(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    lead = desk.account(Role.SUPERVISOR, name="Sam Lead")
    mine = cd.contractor(reports_to=lead.id, name="Priya Shah")
    other = cd.contractor(name="Tom Other")
    cd.book(mine, at(DAY, 10), timedelta(hours=2))

    supervisor = browser(desk)
    sign_in(supervisor, lead)
    listing = supervisor.get("/contractors")
    assert listing.status_code == 200
    assert "Priya Shah" in listing.text and "Tom Other" not in listing.text
    assert supervisor.get(f"/contractors/{mine.id}", params={"period": "2026-10"}).status_code == 200
    assert supervisor.get(f"/contractors/{other.id}").status_code == 404

    admin = browser(desk)
    sign_in(admin, cd.admin)
    everyone = admin.get("/contractors").text
    assert "Priya Shah" in everyone and "Tom Other" in everyone
    assert '<a href="/contractors" >Contractors</a>' in admin.get("/inbox").text  # in the navigation

    agent = browser(desk)
    sign_in(agent, desk.account(Role.AGENT))
    assert agent.get("/contractors").status_code == 403
    assert 'href="/contractors"' not in agent.get("/inbox").text


def test_an_unknown_period_is_explained(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor()
    client = browser(desk)
    sign_in(client, marek)
    answer = client.get(f"/contractors/{marek.id}", params={"period": "2026-13"})
    assert answer.status_code == 422
    assert "names no real period" in answer.text
