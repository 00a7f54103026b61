"""Admin configuration forms → the SLA and notification schemas, with errors placed by field.

The forms flatten nested inputs (a policy's targets, a chain's levels, a calendar's
weekdays) into named fields; this module builds the schema's input back from them and
maps each validation error's location to the form field it concerns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from calmdesk.notify.schemas import TOPICS, WebhookCreate, WebhookUpdate
from calmdesk.sla.calendar import WEEKDAY_KEYS, BusinessCalendar
from calmdesk.sla.clock import ClockKind
from calmdesk.sla.schemas import (
    CalendarCreate,
    CalendarUpdate,
    ChainCreate,
    ChainUpdate,
    PolicyCreate,
    PolicyUpdate,
)
from calmdesk.web.forms import FORM_ERROR, FormErrors, split_list

InputT = TypeVar("InputT", bound=BaseModel)
LEVEL_ROWS = 4
Locator = Callable[[tuple[Any, ...]], str]


def _sentence(message: str) -> str:
    message = message.removeprefix("Value error, ").removeprefix("calendar: ")
    return message[:1].upper() + message[1:]


def parse_located(
    schema: type[InputT], data: Mapping[str, Any], locate: Locator
) -> tuple[InputT | None, FormErrors]:
    """Validates ``data``; each error goes to the form field ``locate`` names for its location."""
    try:
        return schema.model_validate(dict(data)), FormErrors()
    except ValidationError as error:
        errors = FormErrors()
        for item in error.errors():
            kind = item.get("type")
            empty = kind == "string_too_short" and item.get("ctx", {}).get("min_length") == 1
            message = (
                "Required."
                if kind == "missing" or empty
                else _sentence(str(item.get("msg", "invalid value")))
            )
            errors.add(locate(tuple(item.get("loc", ()))), message)
        return None, errors


def values_of(form: FormData) -> dict[str, str]:
    """Every single-valued field as stripped text."""
    return {key: str(value).strip() for key, value in form.items() if isinstance(value, str)}


def _number(text: str) -> int | str | None:
    return None if not text else int(text) if text.lstrip("-").isdigit() else text


# Calendars -------------------------------------------------------------------------------


def calendar_input(values: Mapping[str, str]) -> tuple[CalendarCreate | None, FormErrors]:
    """A calendar from the form: name, time zone, windows per weekday, holiday region, closed dates."""
    errors = FormErrors()
    zone = values.get("time_zone", "")
    weekly = {day: split_list(values.get(f"day_{day}", "")) for day in WEEKDAY_KEYS}
    holidays = {
        key: value
        for key, value in (
            ("country", values.get("holiday_country", "")),
            ("subdivision", values.get("holiday_subdivision", "")),
        )
        if value
    }
    # Check each part on its own first so its message lands next to its own field.
    checks: list[tuple[str, dict[str, Any]]] = [("time_zone", {"time_zone": zone})]
    checks += [(f"day_{day}", {"time_zone": "UTC", "weekly": {day: weekly[day]}}) for day in WEEKDAY_KEYS]
    checks.append(("holiday_country", {"time_zone": "UTC", "holidays": holidays}))
    checks.append(
        ("closed_dates", {"time_zone": "UTC", "closed_dates": split_list(values.get("closed_dates", ""))})
    )
    for field, part in checks:
        if field == "time_zone" and not zone:
            errors.add(field, "Required: a time zone such as Europe/London.")
            continue
        try:
            BusinessCalendar.from_dict(part)
        except (ValueError, TypeError, KeyError) as error:
            errors.add(field, _sentence(str(error)))
    definition: dict[str, Any] = {
        "time_zone": zone,
        "weekly": {day: windows for day, windows in weekly.items() if windows},
        "closed_dates": split_list(values.get("closed_dates", "")),
    }
    if holidays:
        definition["holidays"] = holidays
    calendar, schema_errors = parse_located(
        CalendarCreate,
        {"name": values.get("name", ""), "definition": definition},
        lambda loc: "name" if loc[:1] == ("name",) else FORM_ERROR,
    )
    for field, message in schema_errors.by_field.items():
        if not (field == FORM_ERROR and errors):
            errors.add(field, message)
    return (None, errors) if errors else (calendar, errors)


# Policies --------------------------------------------------------------------------------


def policy_data(form: FormData) -> dict[str, Any]:
    """A policy's input from the form; a target row counts when its minutes are filled in."""
    values = values_of(form)
    targets = [
        {
            "kind": kind.value,
            "minutes": _number(values.get(f"minutes_{kind.value}", "")),
            "warn_percent": _number(values.get(f"warn_{kind.value}", "")),
        }
        for kind in ClockKind
        if values.get(f"minutes_{kind.value}", "")
    ]
    for target in targets:
        if target["warn_percent"] is None:
            del target["warn_percent"]
    return {
        "name": values.get("name", ""),
        "position": _number(values.get("position", "")) or 100,
        "is_default": values.get("is_default") == "on",
        "calendar_id": _number(values.get("calendar_id", "")),
        "escalation_chain_id": _number(values.get("escalation_chain_id", "")),
        "conditions": {
            "priorities": form.getlist("priorities"),
            "channels": form.getlist("channels"),
            "categories": split_list(values.get("categories", "")),
        },
        "targets": targets,
    }


def policy_input(form: FormData) -> tuple[PolicyCreate | None, FormErrors]:
    """Validates the policy form; a target's error sits next to that target's fields."""
    data = policy_data(form)
    kinds = [target["kind"] for target in data["targets"]]

    def locate(loc: tuple[Any, ...]) -> str:
        if loc[:1] == ("targets",):
            if len(loc) >= 3 and isinstance(loc[1], int) and loc[1] < len(kinds):
                prefix = "warn" if loc[2] == "warn_percent" else "minutes"
                return f"{prefix}_{kinds[loc[1]]}"
            return "targets"
        if loc[:1] == ("conditions",):
            return f"{loc[1]}" if len(loc) > 1 else FORM_ERROR
        return str(loc[0]) if loc else FORM_ERROR

    policy, errors = parse_located(PolicyCreate, data, locate)
    if data["calendar_id"] is None:
        errors.by_field["calendar_id"] = "Choose the calendar whose opening hours the targets count in."
    return policy, errors


# Escalation chains -------------------------------------------------------------------------


def chain_data(form: FormData) -> dict[str, Any]:
    """A chain's input from the form's level rows; a row counts when someone is chosen."""
    values = values_of(form)
    levels = []
    for row in range(1, LEVEL_ROWS + 1):
        who = values.get(f"level_{row}_who", "")
        if not who:
            continue
        kind, _, ident = who.partition(":")
        level: dict[str, Any] = {
            "delay_minutes": _number(values.get(f"level_{row}_delay", "")) or 0,
            "channels": form.getlist(f"level_{row}_channels") or ["in_app"],
        }
        level["role" if kind == "role" else "staff_id"] = ident if kind == "role" else _number(ident)
        levels.append((row, level))
    return {
        "name": values.get("name", ""),
        "team_id": _number(values.get("team_id", "")),
        "levels": levels,
    }


def chain_input(form: FormData) -> tuple[ChainCreate | None, FormErrors]:
    """Validates the chain form; a level's error sits next to that level's row."""
    data = chain_data(form)
    rows = [row for row, _ in data["levels"]]

    def locate(loc: tuple[Any, ...]) -> str:
        if loc[:1] == ("levels",):
            if len(loc) >= 2 and isinstance(loc[1], int) and loc[1] < len(rows):
                column = {"delay_minutes": "delay", "channels": "channels"}.get(
                    str(loc[2]) if len(loc) > 2 else "", "who"
                )
                return f"level_{rows[loc[1]]}_{column}"
            return "levels"
        return str(loc[0]) if loc else FORM_ERROR

    return parse_located(ChainCreate, {**data, "levels": [level for _, level in data["levels"]]}, locate)


# Webhooks ----------------------------------------------------------------------------------


def webhook_input(form: FormData) -> tuple[WebhookCreate | None, FormErrors]:
    """Validates the webhook form (no secret given: calmdesk makes one)."""
    values = values_of(form)
    data = {
        "name": values.get("name", ""),
        "url": values.get("url", ""),
        "secret": values.get("secret") or None,
        "body_format": values.get("body_format") or "json",
        "topics": form.getlist("topics") or list(TOPICS),
        "is_active": values.get("is_active") == "on",
    }
    return parse_located(WebhookCreate, data, lambda loc: str(loc[0]) if loc else FORM_ERROR)


# Editing ---------------------------------------------------------------------------------


def current_values(kind: str, record: Any) -> dict[str, Any]:
    """A saved calendar, policy, chain or webhook as the values its form shows."""
    if kind == "calendars":
        definition = record.definition
        holidays = definition.get("holidays") or {}
        return {
            "name": record.name,
            "time_zone": definition.get("time_zone", ""),
            **{f"day_{day}": " ".join(definition.get("weekly", {}).get(day, [])) for day in WEEKDAY_KEYS},
            "holiday_country": holidays.get("country", ""),
            "holiday_subdivision": holidays.get("subdivision", ""),
            "closed_dates": " ".join(definition.get("closed_dates", [])),
        }
    if kind == "policies":
        values: dict[str, Any] = {
            "name": record.name,
            "position": str(record.position),
            "is_default": "on" if record.is_default else "",
            "calendar_id": str(record.calendar_id),
            "escalation_chain_id": ""
            if record.escalation_chain_id is None
            else str(record.escalation_chain_id),
            "priorities": list(record.conditions.get("priorities", [])),
            "channels": list(record.conditions.get("channels", [])),
            "categories": " ".join(record.conditions.get("categories", [])),
        }
        for target in record.targets:
            values[f"minutes_{target.kind}"] = str(target.minutes)
            values[f"warn_{target.kind}"] = "" if target.warn_percent is None else str(target.warn_percent)
        return values
    if kind == "chains":
        values = {"name": record.name, "team_id": "" if record.team_id is None else str(record.team_id)}
        for row, level in enumerate(record.levels, start=1):
            values[f"level_{row}_who"] = f"role:{level.role}" if level.role else f"staff:{level.staff_id}"
            values[f"level_{row}_delay"] = str(level.delay_minutes)
            values[f"level_{row}_channels"] = list(level.channels)
        for row in range(len(record.levels) + 1, LEVEL_ROWS + 1):
            values[f"level_{row}_who"] = ""
        return values
    return {
        "name": record.name,
        "url": record.url,
        "body_format": record.body_format,
        "topics": list(record.topics),
        "is_active": "on" if record.is_active else "",
    }


def update_input(kind: str, form: FormData, record: Any) -> tuple[BaseModel | None, FormErrors]:
    """Validates an edit form with the create form's rules and returns the matching update input."""
    created: BaseModel | None
    if kind == "calendars":
        created, errors = calendar_input(values_of(form))
        if created is not None:
            # The form has no field for special opening days: keep the ones already set.
            definition = {**created.model_dump()["definition"]}
            if record.definition.get("open_dates"):
                definition["open_dates"] = record.definition["open_dates"]
            return CalendarUpdate(name=created.model_dump()["name"], definition=definition), errors
        return None, errors
    if kind == "policies":
        created, errors = policy_input(form)
        return (
            None
            if created is None
            else PolicyUpdate.model_validate(created.model_dump(exclude={"is_active"}))
        ), errors
    if kind == "chains":
        created, errors = chain_input(form)
        return (None if created is None else ChainUpdate.model_validate(created.model_dump())), errors
    created, errors = webhook_input(form)
    if created is None:
        return None, errors
    return WebhookUpdate.model_validate(created.model_dump(exclude={"secret"})), errors
