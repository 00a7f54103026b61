"""The demo desk's content: complete, consistent, and shaped like a real support desk."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from zoneinfo import ZoneInfo, available_timezones

import pytest

from calmdesk.demo.content import CUSTOMERS, NOTABLE_TICKETS, STAFF, TEAMS, TICKETS, DemoTicket

STAFF_BY_KEY = {person.key: person for person in STAFF}
CUSTOMERS_BY_KEY = {person.key: person for person in CUSTOMERS}
TEAM_KEYS = {team.key for team in TEAMS}
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")
STAFF_AUTHORS = {"agent", "note", "call"}
# What the customer sees from staff: a written reply or a phone call (notes are internal).
STAFF_CONTACT = {"agent", "call"}
RANK = {
    "contractor": 0, "admin": 0, "agent": 1, "supervisor": 2, "manager": 3, "hr_manager": 3,
    "head_of_operations": 4,
}


def _ticket_name(ticket: DemoTicket) -> str:
    return f"{ticket.customer_key}: {ticket.subject}"


def _chain(key: str) -> list[str]:
    """The roles met walking up ``reports_to`` from ``key``; fails on a cycle."""
    seen: list[str] = []
    current: str | None = key
    while current is not None:
        assert current not in seen, f"reports_to cycle through {[*seen, current]}"
        seen.append(current)
        current = STAFF_BY_KEY[current].reports_to
    return [STAFF_BY_KEY[member].role for member in seen]


def _staff_text(ticket: DemoTicket) -> str:
    return " ".join(t.text for t in ticket.turns if t.author in STAFF_CONTACT).lower()


def test_the_desk_is_big_enough_to_feel_real() -> None:
    assert len(CUSTOMERS) >= 30
    assert len(TICKETS) >= 100
    assert len(TEAMS) >= 7
    assert sum(person.role == "agent" for person in STAFF) >= 6


def test_keys_are_unique_slugs() -> None:
    for kind, keys in (
        ("team", [team.key for team in TEAMS]),
        ("staff", [person.key for person in STAFF]),
        ("customer", [person.key for person in CUSTOMERS]),
    ):
        assert len(keys) == len(set(keys)), f"duplicate {kind} keys"
        assert [key for key in keys if not SLUG.match(key)] == []


def test_slugs_and_lengths_fit_the_tables() -> None:
    skills = [skill for team in TEAMS for skill in team.skills]
    tags = [tag for ticket in TICKETS for tag in ticket.tags]
    categories = [ticket.category for ticket in TICKETS]
    assert [value for value in skills + tags + categories if not SLUG.match(value)] == []
    assert len({team.name for team in TEAMS}) == len(TEAMS)
    assert all(0 < len(ticket.subject) <= 300 for ticket in TICKETS)
    assert all(1 <= ticket.severity <= 4 for ticket in TICKETS)


def test_the_required_teams_exist() -> None:
    wanted = {"general", "technical", "billing", "administrative", "legal", "engineering"}
    assert wanted | {"field_service"} <= TEAM_KEYS


def test_every_reference_resolves() -> None:
    problems = [
        f"{person.key}: team {team}" for person in STAFF for team in person.teams
        if team not in TEAM_KEYS
    ]
    for ticket in TICKETS:
        name = _ticket_name(ticket)
        if ticket.customer_key not in CUSTOMERS_BY_KEY:
            problems.append(f"{name}: customer")
        if ticket.team_key is not None and ticket.team_key not in TEAM_KEYS:
            problems.append(f"{name}: team {ticket.team_key}")
        if ticket.assignee_key is not None and ticket.assignee_key not in STAFF_BY_KEY:
            problems.append(f"{name}: assignee {ticket.assignee_key}")
        for turn in ticket.turns:
            if turn.staff_key is not None and turn.staff_key not in STAFF_BY_KEY:
                problems.append(f"{name}: turn by {turn.staff_key}")
    assert problems == []


def test_turn_fields_fit_their_author() -> None:
    problems = []
    for ticket in TICKETS:
        for turn in ticket.turns:
            where = f"{_ticket_name(ticket)} @ {turn.hours_after_open}h"
            if (turn.staff_key is not None) != (turn.author in STAFF_AUTHORS):
                problems.append(f"{where}: staff_key on a {turn.author} turn")
            is_call = turn.author == "call"
            if (turn.call_direction is not None) != is_call:
                problems.append(f"{where}: call_direction on a {turn.author} turn")
            if (turn.call_duration_seconds is not None) != is_call:
                problems.append(f"{where}: call duration on a {turn.author} turn")
            if is_call and not (turn.call_duration_seconds or 0) > 0:
                problems.append(f"{where}: a call lasts some seconds")
            if turn.is_html and turn.author != "customer":
                problems.append(f"{where}: only customer email arrives as HTML")
            if not turn.text.strip():
                problems.append(f"{where}: empty text")
    assert problems == []


def test_assignees_belong_to_the_ticket_team_or_rank_above_it() -> None:
    misplaced = [
        _ticket_name(ticket) for ticket in TICKETS
        if ticket.assignee_key is not None and ticket.team_key is not None
        and ticket.team_key not in STAFF_BY_KEY[ticket.assignee_key].teams
        and RANK[STAFF_BY_KEY[ticket.assignee_key].role] < RANK["supervisor"]
    ]
    assert misplaced == []


def test_reports_to_is_one_acyclic_chain_up_to_the_head_of_operations() -> None:
    heads = [person for person in STAFF if person.role == "head_of_operations"]
    assert len(heads) == 1
    assert [person.key for person in STAFF if person.reports_to is None] == [heads[0].key]
    for person in STAFF:
        roles = _chain(person.key)
        assert roles[-1] == "head_of_operations", person.key
        ranks = [RANK[role] for role in roles]
        assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks), (person.key, roles)


def test_every_rung_of_the_escalation_chain_is_staffed() -> None:
    roles = Counter(person.role for person in STAFF)
    assert roles["supervisor"] >= 2 and roles["contractor"] >= 2
    assert all(roles[role] >= 1 for role in ("manager", "hr_manager", "admin"))
    for person in STAFF:
        if person.role == "agent":
            chain = _chain(person.key)
            assert chain[:4] == ["agent", "supervisor", "manager", "head_of_operations"]
    technicians = [p for p in STAFF if p.role == "agent" and "field_service" in p.teams]
    assert len(technicians) >= 2
    contractors = [p for p in STAFF if p.role == "contractor"]
    assert all(p.teams == ("field_service",) for p in contractors)


def test_moods_are_mixed_like_a_real_queue() -> None:
    share: Counter[str] = Counter(ticket.mood for ticket in TICKETS)
    for mood, target, slack in (
        ("calm", 0.40, 0.07), ("frustrated", 0.30, 0.07), ("angry", 0.20, 0.06),
        ("abusive", 0.10, 0.04),
    ):
        assert abs(share[mood] / len(TICKETS) - target) <= slack, (mood, share)


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("channel", {"email", "web", "phone", "chat", "api"}),
        ("status", {"new", "open", "pending_customer", "on_hold", "resolved", "closed"}),
        ("priority", {"low", "normal", "high", "urgent"}),
        ("severity", {1, 2, 3, 4}),
    ],
)
def test_every_value_is_used(field: str, values: set[object]) -> None:
    used = Counter(getattr(ticket, field) for ticket in TICKETS)
    assert set(used) == values
    assert min(used.values()) >= 3, used


def test_the_categories_cover_the_desk() -> None:
    wanted = {
        "billing", "technical", "delivery", "account", "outage", "field_service",
        "staff_conduct", "data_privacy", "cancellation", "complaint",
    }
    assert wanted <= {ticket.category for ticket in TICKETS}


def test_the_checkout_outage_is_a_burst_from_different_customers() -> None:
    cluster = [TICKETS[position] for position in NOTABLE_TICKETS["checkout_outage"]]
    opened = [ticket.opened_days_ago for ticket in cluster]
    assert len({ticket.customer_key for ticket in cluster}) >= 6
    assert (max(opened) - min(opened)) * 24 <= 3
    assert len({ticket.subject for ticket in cluster}) == len(cluster)
    assert len({ticket.channel for ticket in cluster}) >= 3


def test_no_other_burst_looks_like_an_incident() -> None:
    cluster = set(NOTABLE_TICKETS["checkout_outage"])
    others = [t for i, t in enumerate(TICKETS) if i not in cluster]
    for ticket in others:
        near = {
            other.customer_key for other in others
            if other.category == ticket.category
            and 0 <= ticket.opened_days_ago - other.opened_days_ago <= 3 / 24
        }
        assert len(near) < 4, (ticket.category, ticket.opened_days_ago, near)


def test_conversations_run_forward_in_time_and_never_past_now() -> None:
    problems = []
    for ticket in TICKETS:
        hours = [turn.hours_after_open for turn in ticket.turns]
        if not 1 <= len(hours) <= 8:
            problems.append(f"{_ticket_name(ticket)}: {len(hours)} turns")
        if hours != sorted(hours) or hours[0] < 0:
            problems.append(f"{_ticket_name(ticket)}: out of order {hours}")
        if hours[-1] > ticket.opened_days_ago * 24:
            problems.append(f"{_ticket_name(ticket)}: last turn is in the future")
    assert problems == []


def test_statuses_agree_with_the_conversation() -> None:
    problems = []
    for ticket in TICKETS:
        authors = [turn.author for turn in ticket.turns]
        public = [author for author in authors if author != "note"]
        if ticket.status in ("resolved", "closed") and authors[-1] not in STAFF_CONTACT:
            problems.append(f"{_ticket_name(ticket)}: finished without a last word from staff")
        if ticket.status == "pending_customer" and public[-1] not in STAFF_CONTACT:
            problems.append(f"{_ticket_name(ticket)}: waits on a customer who wrote last")
        if ticket.status == "new" and STAFF_CONTACT & set(authors):
            problems.append(f"{_ticket_name(ticket)}: new, yet staff already replied")
        if ticket.status != "new" and ticket.assignee_key is None:
            problems.append(f"{_ticket_name(ticket)}: worked without an assignee")
    assert problems == []


def test_emails_are_unique_and_never_deliverable() -> None:
    staff = [person.email for person in STAFF]
    customers = [person.email for person in CUSTOMERS if person.email is not None]
    everyone = staff + customers
    assert len({email.lower() for email in everyone}) == len(everyone)
    assert all(email == email.lower() for email in everyone)
    assert all(email.endswith("@harbourline.example.com") for email in staff)
    assert all(email.split("@")[1] in {"example.com", "example.org", "example.net"}
               for email in customers)


def test_customers_are_varied_and_reachable() -> None:
    tiers = Counter(person.tier for person in CUSTOMERS)
    assert tiers["standard"] > tiers["priority"] > tiers["vip"] >= 2
    assert sum(person.email is None for person in CUSTOMERS) >= 2
    assert sum(person.company is not None for person in CUSTOMERS) >= 8
    assert len({person.timezone for person in CUSTOMERS}) >= 12
    assert all(person.email or person.phone for person in CUSTOMERS)
    assert all(person.notes for person in CUSTOMERS)


def test_time_zones_are_iana_names() -> None:
    zones = available_timezones()
    for person in CUSTOMERS:
        assert person.timezone in zones, person.key
        ZoneInfo(person.timezone)


def test_contacts_use_a_channel_the_customer_has() -> None:
    problems = []
    for ticket in TICKETS:
        person = CUSTOMERS_BY_KEY[ticket.customer_key]
        if person.email is None and ticket.channel in ("email", "web", "chat"):
            problems.append(f"{_ticket_name(ticket)}: {ticket.channel} but no email")
        if person.phone is None and ticket.channel == "phone":
            problems.append(f"{_ticket_name(ticket)}: phone but no number")
        if ticket.channel == "phone" and ticket.turns[0].author not in ("call", "customer"):
            problems.append(f"{_ticket_name(ticket)}: a phone ticket starts with a call")
    assert problems == []


def _name_words(customer_key: str) -> set[str]:
    """Names that may be greeted on this customer's tickets: theirs, or a contact in the notes."""
    person = CUSTOMERS_BY_KEY[customer_key]
    return set(re.findall(r"[\w'-]+", f"{person.name} {person.company or ''} {person.notes}"))


def test_greetings_and_sign_offs_name_the_right_customer() -> None:
    greeting = re.compile(
        r"^(?:Hi|Hello|Dear|Good (?:morning|afternoon|evening))\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?"
        r"([A-Z][\w'-]+)"
    )
    problems = []
    for ticket in TICKETS:
        names = _name_words(ticket.customer_key)
        for turn in ticket.turns:
            if turn.author == "agent":
                match = greeting.match(turn.text)
                if match and match.group(1) not in names:
                    problems.append(f"{_ticket_name(ticket)}: greets {match.group(1)}")
            if turn.author == "customer":
                for signed in re.findall(r"^— ([A-Z][\w'-]+)", turn.text, flags=re.M):
                    if signed not in names:
                        problems.append(f"{_ticket_name(ticket)}: signed {signed}")
    assert problems == []


def test_html_email_shows_formatting_and_a_hostile_payload() -> None:
    html = [turn.text for ticket in TICKETS for turn in ticket.turns if turn.is_html]
    assert 2 <= len(html) <= 4
    assert any("<blockquote" in text and "<a href=\"https://" in text for text in html)
    (xss,) = NOTABLE_TICKETS["xss_email"]
    payload = TICKETS[xss].turns[0].text
    assert all(marker in payload for marker in ("<script", "onerror=", "javascript:"))
    assert TICKETS[xss].channel == "email" and TICKETS[xss].turns[0].is_html


def test_phone_tickets_log_their_calls() -> None:
    phone = [ticket for ticket in TICKETS if ticket.channel == "phone"]
    assert len(phone) >= 10
    assert all(any(turn.author == "call" for turn in ticket.turns) for ticket in phone)
    directions = {turn.call_direction for t in phone for turn in t.turns if turn.author == "call"}
    assert directions == {"inbound", "outbound"}
    assert sum(turn.author == "note" for ticket in TICKETS for turn in ticket.turns) >= 10


@pytest.mark.parametrize(
    "habit",
    ["calm down", "as i already said", "our policy", "nothing i can do", "you're wrong",
     "definitely today", "department"],
)
def test_some_replies_show_habits_the_coach_flags(habit: str) -> None:
    assert any(habit in _staff_text(ticket) for ticket in TICKETS)


@pytest.mark.parametrize(
    "practice",
    ["sorry", "i understand", "to check i've understood", "respectful", "would you like",
     "is there anything else"],
)
def test_many_replies_show_good_de_escalation(practice: str) -> None:
    assert any(practice in _staff_text(ticket) for ticket in TICKETS)


@pytest.mark.parametrize(
    "offer",
    ["partial refund", "refund", "discount", "account credit", "replacement", "call you back",
     "engineer visit", "technician"],
)
def test_replies_make_concrete_offers(offer: str) -> None:
    assert sum(offer in _staff_text(ticket) for ticket in TICKETS) >= 2


def test_angry_and_abusive_customers_sound_like_it() -> None:
    angry_words = ("manager", "cancel", "competitor", "review", "ombudsman", "court", "!!")
    for ticket in TICKETS:
        said = " ".join(t.text for t in ticket.turns if t.author in ("customer", "call"))
        if ticket.mood == "angry":
            assert any(word in said.lower() for word in angry_words), _ticket_name(ticket)
    abusive = [ticket for ticket in TICKETS if ticket.mood == "abusive"]
    boundaries = [t for t in abusive if "respectful" in _staff_text(t) or any(
        "respectful" in turn.text.lower() for turn in t.turns if turn.author == "call")]
    assert len(boundaries) >= len(abusive) // 2


@pytest.mark.parametrize(
    ("notable", "category", "team"),
    [
        ("staff_conduct", "staff_conduct", None),
        ("legal_threat", "complaint", "legal"),
        ("privacy_request", "data_privacy", "legal"),
        ("threat_to_staff", None, None),
    ],
)
def test_notable_tickets_are_what_they_say(
    notable: str, category: str | None, team: str | None
) -> None:
    (position,) = NOTABLE_TICKETS[notable]
    ticket = TICKETS[position]
    if category is not None:
        assert ticket.category == category
    if team is not None:
        assert ticket.team_key == team
    if notable == "threat_to_staff":
        assert ticket.mood == "abusive"


def test_notable_positions_point_at_distinct_tickets() -> None:
    positions = [p for group in NOTABLE_TICKETS.values() for p in group]
    assert len(positions) == len(set(positions))
    assert all(0 <= p < len(TICKETS) for p in positions)


def test_tickets_run_oldest_first() -> None:
    opened = [ticket.opened_days_ago for ticket in TICKETS]
    assert opened == sorted(opened, reverse=True)


_DIGEST = (
    "import hashlib; from calmdesk.demo import content as c; "
    "print(hashlib.sha256(repr((c.TEAMS, c.STAFF, c.CUSTOMERS, c.TICKETS)).encode()).hexdigest())"
)


def test_content_is_the_same_on_every_import() -> None:
    digests = {
        subprocess.run(
            [sys.executable, "-c", _DIGEST], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    here = hashlib.sha256(repr((TEAMS, STAFF, CUSTOMERS, TICKETS)).encode()).hexdigest()
    assert digests == {here}
