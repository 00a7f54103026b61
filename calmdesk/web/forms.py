"""HTML forms → the domains' Pydantic inputs, with errors placed next to the field they concern.

The console validates with the very schemas the JSON API uses (``TeamCreate``,
``StaffCreate``, ``MessageCreate`` …) and calls the same services, so a form and an API
call accept and refuse exactly the same things.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from calmdesk.errors import AppError

InputT = TypeVar("InputT", bound=BaseModel)

# Service errors that are about one field; anything else is shown above the form.
FIELD_OF_ERROR_CODE = {
    "team_name_taken": "name",
    "staff_email_taken": "email",
    "password_too_short": "password",
    "reporting_loop": "reports_to_id",
    "staff_member_not_found": "reports_to_id",
    "team_not_found": "team_ids",
    "not_assignable": "assignee_id",
    "illegal_transition": "status",
}
FORM_ERROR = "__form__"


@dataclass
class FormErrors:
    """Messages for the fields of one form (``FORM_ERROR`` for the form as a whole)."""

    by_field: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def get(self, name: str) -> str:
        """The message for ``name`` ('' when the field is fine)."""
        return self.by_field.get(name, "")

    @property
    def form(self) -> str:
        """The message about the form as a whole ('' when there is none)."""
        return self.by_field.get(FORM_ERROR, "")

    def add(self, name: str, message: str) -> None:
        """Records a message, keeping the first one a field got."""
        self.by_field.setdefault(name, message)


def _sentence(message: str) -> str:
    message = message.removeprefix("Value error, ")
    return message[:1].upper() + message[1:]


def _message(item: Mapping[str, Any]) -> str:
    kind = item.get("type")
    if kind == "missing" or (kind == "string_too_short" and item.get("ctx", {}).get("min_length") == 1):
        return "Required."
    return _sentence(str(item.get("msg", "invalid value")))


def errors_from_validation(
    error: ValidationError, *, fields: set[str] | None = None, rename: Mapping[str, str] | None = None
) -> FormErrors:
    """Turns Pydantic's errors into per-field messages; unknown places go to the form.

    ``rename`` maps a schema field to the form field that feeds it (e.g. seconds ← minutes).
    """
    errors = FormErrors()
    for item in error.errors():
        location = [str(part) for part in item.get("loc", ())]
        name = location[0] if location else FORM_ERROR
        if fields is not None and name not in fields:
            name = FORM_ERROR
        errors.add((rename or {}).get(name, name), _message(item))
    return errors


def errors_from_app_error(error: AppError, *, field_of: Mapping[str, str] | None = None) -> FormErrors:
    """Places a service's refusal next to its field when the error code names one."""
    fields = {**FIELD_OF_ERROR_CODE, **(field_of or {})}
    errors = FormErrors()
    errors.add(fields.get(error.code, FORM_ERROR), _sentence(error.message))
    return errors


def parse(
    schema: type[InputT], data: Mapping[str, Any], *, rename: Mapping[str, str] | None = None
) -> tuple[InputT | None, FormErrors]:
    """Validates ``data`` with ``schema``: the input, or None and the errors by field."""
    try:
        return schema.model_validate(dict(data)), FormErrors()
    except ValidationError as error:
        return None, errors_from_validation(error, fields=set(schema.model_fields), rename=rename)


def optional_int(value: str) -> int | str | None:
    """A select's value as an id: '' is None; anything not a number is left for the schema to refuse."""
    value = value.strip()
    if not value:
        return None
    return int(value) if value.isdigit() else value


def split_list(value: str) -> list[str]:
    """Splits 'billing, refunds  legal' into ['billing', 'refunds', 'legal']."""
    return [part for part in value.replace(",", " ").split() if part]
