"""Statements for payroll (CSV) and for the contractor (PDF, looked at as an image)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import time_machine
from PIL import Image, ImageStat

from calmdesk.contractors.pay import CSV_COLUMNS
from tests.integration.conftest import Desk
from tests.integration.contractor_desk import ContractorDesk, at

DAY = date(2026, 10, 14)
AFTER_OCTOBER = datetime(2026, 11, 2, 9, tzinfo=UTC)


def _nine_hours(cd: ContractorDesk, contractor_name: str, customer_name: str) -> int:
    contractor = cd.contractor(name=contractor_name)
    customer_id = cd.customer(customer_name)
    for start in (8, 13):
        cd.book(contractor, at(DAY, start), timedelta(hours=4, minutes=30), customer_id=customer_id)
    return contractor.id


def _page_image(pdf: bytes, path: Path) -> tuple[Image.Image, str]:
    document = pdfium.PdfDocument(pdf)
    page = document[0]
    image = page.render(scale=1.5).to_pil().convert("L")
    image.save(path)
    text = page.get_textpage().get_text_range()
    return image, text


def test_the_pdf_statement_shows_the_total_and_escapes_names(desk: Desk, tmp_path: Path) -> None:
    cd = ContractorDesk(desk)
    contractor_id = _nine_hours(cd, "Zoë <b>Ő</b>'Brien", "<script>alert(1)</script> Household")
    url = f"/api/v1/contractors/{contractor_id}/statements/2026-10/pdf"

    draft = cd.client.get(url, headers=cd.admin.headers)
    assert draft.status_code == 200 and draft.headers["content-type"] == "application/pdf"
    assert "DRAFT" in _page_image(draft.content, tmp_path / "draft.png")[1]

    with time_machine.travel(AFTER_OCTOBER, tick=False):
        cd.client.post(
            f"/api/v1/contractors/{contractor_id}/statements",
            json={"period": "2026-10"},
            headers=cd.admin.headers,
        )
    issued = cd.client.get(url, headers=cd.admin.headers)
    assert issued.content.startswith(b"%PDF-")
    assert (
        issued.headers["content-disposition"]
        == f'attachment; filename="pay-statement-{contractor_id}-2026-10.pdf"'
    )
    image, text = _page_image(issued.content, tmp_path / "issued.png")

    ink = sum(image.histogram()[:128])  # pixels darker than mid-grey
    assert ink > image.width * image.height * 0.005, "the page is (nearly) blank"
    ((darkest, lightest),) = ImageStat.Stat(image).extrema
    assert darkest < 64 and lightest > 240  # dark text on a white page
    assert "£123.75" in text and "Total payable" in text and "DRAFT" not in text
    assert "Zoë <b>O</b>'Brien" in text  # escaped, not bold; Ő drawn as O (the font has no Ő)
    assert "<script>alert(1)</script> Household" in text
    assert "2026-10: 1 October 2026 to 31 October 2026" in text


def test_csv_statement_and_payroll_export(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    first = _nine_hours(cd, "Marek Nowak", '=HYPERLINK("http://evil.example")')
    second = _nine_hours(cd, "Chloé Dubois", "Okafor household")

    response = cd.client.get(f"/api/v1/contractors/{first}/statements/2026-10/csv", headers=cd.admin.headers)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["amount"] for row in rows if row["kind"] == "appointment"] == ["61.88", "61.88"]
    total = next(row for row in rows if row["kind"] == "total")
    assert (total["amount"], total["currency"]) == ("123.75", "GBP")
    assert not any(cell.startswith("=") for row in rows for cell in row.values())

    with time_machine.travel(AFTER_OCTOBER, tick=False):
        for contractor_id in (first, second):
            cd.client.post(
                f"/api/v1/contractors/{contractor_id}/statements",
                json={"period": "2026-10"},
                headers=cd.admin.headers,
            )
    adjustment = {"day": "2026-11-03", "description": "=1+1 kit allowance", "amount": "-5.00"}
    cd.client.post(f"/api/v1/contractors/{first}/adjustments", json=adjustment, headers=cd.admin.headers)
    november = cd.client.get(f"/api/v1/contractors/{first}/statements/2026-11/csv", headers=cd.admin.headers)
    (line,) = [row for row in csv.DictReader(io.StringIO(november.text)) if row["kind"] == "adjustment"]
    assert line["description"] == "'=1+1 kit allowance" and line["amount"] == "-5.00"

    payroll = cd.client.get("/api/v1/payroll/2026-10/csv", headers=cd.admin.headers)
    totals = [row for row in csv.DictReader(io.StringIO(payroll.text)) if row["kind"] == "total"]
    assert sorted(row["amount"] for row in totals) == ["123.75", "123.75"]
    assert len({row["contractor"] for row in totals}) == 2
