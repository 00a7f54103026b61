"""Contractor pay through the API, on SQLite and PostgreSQL: the seed's example and the issue's proofs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from tests.integration.conftest import Desk
from tests.integration.contractor_desk import ContractorDesk, at

OCT_14 = date(2026, 10, 14)


def _travel(moment: datetime) -> time_machine.travel:
    return time_machine.travel(moment, tick=False)


def _amounts(statement: dict[str, object], kind: str) -> list[str]:
    lines = statement["lines"]
    assert isinstance(lines, list)
    return [line["amount"] for line in lines if line["kind"] == kind]


def test_the_seeds_example_nine_hours_in_a_day_pay_123_75_before_commission(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor()  # default terms: £13.75 an hour
    jobs = [cd.book(marek, at(OCT_14, 8 + 3 * i), timedelta(hours=2, minutes=15)) for i in range(4)]
    with _travel(at(OCT_14, 19)):
        cd.settle(cd.upsell(jobs[0], "200.00"), "confirmed")  # commission is on top, never in the hours
    cd.client.post(
        f"/api/v1/contractors/{marek.id}/commission-rules",
        json={"effective_from": "2026-01-01", "percent": "10"},
        headers=cd.admin.headers,
    )

    statement = cd.statement(marek, "2026-10")
    assert statement["worked"] == "9:00"
    assert statement["work_subtotal"] == "123.75"
    assert statement["commission_subtotal"] == "20.00"
    assert statement["total"] == "143.75"
    assert statement["currency"] == "GBP"
    assert _amounts(statement, "appointment") == ["30.94"] * 4  # 2.25 h x 13.75 = 30.9375
    assert _amounts(statement, "day_rounding") == ["-0.01"]  # 4 x 30.94 = 123.76: the day pays 123.75
    assert all(isinstance(line["amount"], str) for line in statement["lines"])


def test_a_rate_change_inside_a_period_pays_each_day_at_its_own_rate(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    chloe = cd.contractor()
    raise_ = {"hourly_rate": "15.00", "effective_from": "2026-10-15"}
    url = f"/api/v1/contractors/{chloe.id}/rates"
    assert cd.client.post(url, json=raise_, headers=cd.admin.headers).status_code == 201
    cd.book(
        chloe, at(date(2026, 10, 14), 22), timedelta(hours=3)
    )  # starts the day before, runs past midnight
    cd.book(chloe, at(date(2026, 10, 15), 9), timedelta(hours=2))

    statement = cd.statement(chloe, "2026-10")
    assert [(line["rate"], line["amount"]) for line in statement["lines"]] == [
        ("13.75", "41.25"),
        ("15.00", "30.00"),
    ]
    assert statement["total"] == "71.25"
    again = cd.client.post(url, json=raise_, headers=cd.admin.headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "rate_exists"
    as_number = cd.client.post(
        url, json={"hourly_rate": 16.5, "effective_from": "2026-11-01"}, headers=cd.admin.headers
    )
    assert as_number.status_code == 422  # money never travels as a JSON number
    too_fine = cd.client.post(
        url, json={"hourly_rate": "16.555", "effective_from": "2026-11-01"}, headers=cd.admin.headers
    )
    assert too_fine.status_code == 422 and too_fine.json()["error"]["code"] == "invalid_amount"


def test_split_hours_are_paid_exactly_and_rounded_once_per_line_half_up(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor()
    cd.book(marek, at(date(2026, 10, 5), 9), timedelta(minutes=18))  # 0.3 h x 13.75 = 4.125
    for start in (9, 10, 11):
        cd.book(marek, at(date(2026, 10, 6), start), timedelta(minutes=20))  # 4.58333... each

    statement = cd.statement(marek, "2026-10")
    assert [(line["day"], line["kind"], line["amount"]) for line in statement["lines"]] == [
        ("2026-10-05", "appointment", "4.13"),  # half-up: a half penny goes up
        ("2026-10-06", "appointment", "4.58"),
        ("2026-10-06", "appointment", "4.58"),
        ("2026-10-06", "appointment", "4.58"),
        ("2026-10-06", "day_rounding", "0.01"),  # 1 h at 13.75 is 13.75, not 3 x 4.58
    ]
    assert statement["lines"][0]["duration"] == "0:18" and statement["lines"][0]["hours"] == "0.30"
    assert statement["total"] == "17.88"
    assert "half-up" in statement["rounding"]


def test_overlapping_appointments_for_one_contractor_are_refused(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek, chloe = cd.contractor(), cd.contractor()
    first = cd.book(marek, at(OCT_14, 9), timedelta(hours=2), status="scheduled")
    clash = cd.book(marek, at(OCT_14, 10), timedelta(hours=2), status="scheduled", expect=409)
    assert clash["error"]["code"] == "appointment_overlaps"
    assert first["reference"] in clash["error"]["message"]
    assert clash["error"]["details"][0]["appointment"] == first["reference"]

    cd.book(marek, at(OCT_14, 11), timedelta(hours=1), status="scheduled")  # touching end to start is fine
    cd.book(chloe, at(OCT_14, 10), timedelta(hours=2), status="scheduled")  # another contractor is free
    moved = cd.client.patch(
        f"/api/v1/appointments/{first['id']}",
        json={"actual_start": at(OCT_14, 9).isoformat(), "actual_end": at(OCT_14, 11, 30).isoformat()},
        headers=cd.admin.headers,
    )
    assert moved.status_code == 409  # running over into the next job is an overlap too
    cancel = cd.client.patch(
        f"/api/v1/appointments/{first['id']}",
        json={"status": "cancelled_by_customer"},
        headers=cd.admin.headers,
    )
    assert cancel.status_code == 200
    cd.book(marek, at(OCT_14, 9), timedelta(hours=2))  # a cancelled slot is free again
    listed = cd.client.get(
        "/api/v1/appointments", params={"contractor_id": marek.id}, headers=cd.admin.headers
    ).json()["items"]
    assert len(listed) == 3


def test_a_refund_after_the_statement_was_issued_is_clawed_back_in_the_next_period(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    chloe = cd.contractor()
    url = f"/api/v1/contractors/{chloe.id}/commission-rules"
    rule = {
        "effective_from": "2026-01-01",
        "category": "warranty",
        "percent": "10",
        "fixed_per_upsell": "2.00",
    }
    assert cd.client.post(url, json=rule, headers=cd.admin.headers).status_code == 201
    job = cd.book(chloe, at(date(2026, 10, 20), 9), timedelta(hours=4))
    upsell = cd.upsell(job, "200.00")
    with _travel(at(date(2026, 10, 20), 15)):
        cd.settle(upsell, "confirmed")
    with _travel(datetime(2026, 11, 2, 9, tzinfo=UTC)):
        issued = cd.issue(chloe, "2026-10")
    assert issued["status"] == "issued"
    assert (issued["work_subtotal"], issued["commission_subtotal"], issued["total"]) == (
        "55.00",
        "22.00",
        "77.00",
    )

    with _travel(datetime(2026, 11, 5, 11, tzinfo=UTC)):
        refunded = cd.settle(upsell, "refunded")
        november = cd.statement(chloe, "2026-11")
    assert refunded["status"] == "refunded"
    assert [(line["kind"], line["day"], line["amount"]) for line in november["lines"]] == [
        ("clawback", "2026-11-05", "-22.00")
    ]
    assert november["total"] == "-22.00" and november["status"] == "draft"
    assert cd.statement(chloe, "2026-10") == issued  # the issued statement never changes

    with desk.database.engine.connect() as connection:
        for statement in ("UPDATE pay_statements SET total = 0", "DELETE FROM pay_statement_lines"):
            with pytest.raises(DatabaseError, match="frozen"):
                connection.execute(text(statement))
            connection.rollback()


def test_a_late_change_to_an_issued_period_becomes_an_adjustment_once(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor()
    job = cd.book(marek, at(date(2026, 10, 12), 9), timedelta(hours=2))
    with _travel(datetime(2026, 11, 1, 8, tzinfo=UTC)):
        assert cd.issue(marek, "2026-10")["total"] == "27.50"
    # The visit actually ran 2 h 30; dispatch fixes it after October was paid.
    fix = {
        "actual_end": at(date(2026, 10, 12), 11, 30).isoformat(),
        "scheduled_end": at(date(2026, 10, 12), 11, 30).isoformat(),
    }
    etag = cd.client.get(f"/api/v1/appointments/{job['id']}", headers=cd.admin.headers).headers["etag"]
    stale = cd.client.patch(
        f"/api/v1/appointments/{job['id']}", json=fix, headers={**cd.admin.headers, "If-Match": '"99"'}
    )
    assert stale.status_code == 412
    fixed = cd.client.patch(
        f"/api/v1/appointments/{job['id']}", json=fix, headers={**cd.admin.headers, "If-Match": etag}
    )
    assert fixed.status_code == 200, fixed.text

    november = cd.statement(marek, "2026-11")
    (correction,) = november["lines"]
    assert correction["kind"] == "adjustment" and correction["amount"] == "6.88"
    assert correction["corrects"] == f"appointment:{job['reference']}"
    assert "was £27.50, now £34.38" in correction["description"]
    with _travel(datetime(2026, 12, 1, 8, tzinfo=UTC)):
        assert cd.issue(marek, "2026-11")["adjustment_subtotal"] == "6.88"
    assert cd.statement(marek, "2026-12")["lines"] == []  # paid once, not again


def test_issuing_is_refused_before_the_period_ends_twice_or_over_an_issued_period(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor()
    with _travel(datetime(2026, 10, 31, 20, tzinfo=UTC)):
        assert cd.issue(marek, "2026-10", expect=409)["error"]["code"] == "period_not_ended"
    with _travel(datetime(2026, 11, 1, 8, tzinfo=UTC)):
        cd.issue(marek, "2026-10")
        assert cd.issue(marek, "2026-10", expect=409)["error"]["code"] == "statement_issued"
        assert cd.issue(marek, "2026-W43", expect=409)["error"]["code"] == "period_overlaps"  # 19-25 Oct
        assert cd.issue(marek, "2026-13", expect=422)["error"]["code"] == "invalid_period"
    listed = cd.client.get(f"/api/v1/contractors/{marek.id}/statements", headers=cd.admin.headers).json()
    assert [(s["period"], s["total"]) for s in listed["items"]] == [("2026-10", "0.00")]


def test_missed_appointments_follow_the_call_out_rule_of_the_period(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor()
    url = f"/api/v1/contractors/{marek.id}/call-out-rules"
    rule = {
        "applies_to": "no_show",
        "effective_from": "2026-10-01",
        "basis": "fixed_amount",
        "fixed_amount": "15.00",
    }
    assert cd.client.post(url, json=rule, headers=cd.admin.headers).status_code == 201
    bad = {"applies_to": "no_show", "effective_from": "2026-11-01", "basis": "fixed_amount"}
    assert cd.client.post(url, json=bad, headers=cd.admin.headers).status_code == 422
    cd.book(marek, at(OCT_14, 9), timedelta(hours=1), status="no_show")
    cd.book(marek, at(OCT_14, 11), timedelta(hours=1), status="cancelled_by_customer")

    statement = cd.statement(marek, "2026-10")
    assert [(line["kind"], line["amount"]) for line in statement["lines"]] == [
        ("missed_appointment", "15.00"),
        ("missed_appointment", "0.00"),  # cancelled by the customer: unpaid by default, still listed
    ]
    assert "customer no-show: call-out £15.00" in statement["lines"][0]["description"]


def test_one_off_adjustments_land_in_open_periods_only_and_retries_are_safe(desk: Desk) -> None:
    cd = ContractorDesk(desk)
    marek = cd.contractor()
    url = f"/api/v1/contractors/{marek.id}/adjustments"
    body = {"day": "2026-10-30", "description": "kit allowance", "amount": "25.00"}
    headers = {**cd.admin.headers, "Idempotency-Key": "kit-allowance-oct"}
    first = cd.client.post(url, json=body, headers=headers)
    retry = cd.client.post(url, json=body, headers=headers)
    assert first.status_code == retry.status_code == 201
    assert retry.headers["idempotent-replayed"] == "true" and retry.json() == first.json()
    assert cd.statement(marek, "2026-10")["adjustment_subtotal"] == "25.00"
    with _travel(datetime(2026, 11, 2, 8, tzinfo=UTC)):
        cd.issue(marek, "2026-10")
    late = cd.client.post(url, json={**body, "day": "2026-10-31"}, headers=cd.admin.headers)
    assert late.status_code == 409 and late.json()["error"]["code"] == "period_issued"
    assert len(cd.client.get(url, headers=cd.admin.headers).json()) == 1
