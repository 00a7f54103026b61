"""Field types shared by request schemas, each with a message a person can act on."""

from __future__ import annotations

import re
from typing import Annotated
from zoneinfo import available_timezones

from pydantic import AfterValidator, EmailStr, Field

_PHONE = re.compile(r"^\+?[0-9 ()./-]{5,40}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")
_ZONES = frozenset(available_timezones())


def _lower_email(value: str) -> str:
    return value.lower()


def _check_phone(value: str) -> str:
    if not _PHONE.match(value):
        raise ValueError("a phone number has 5 to 40 digits, spaces, +, (, ), ., / or -")
    return value


def _check_zone(value: str) -> str:
    if value not in _ZONES:
        raise ValueError(f"unknown time zone {value!r}: use an IANA name such as Europe/London")
    return value


def _check_slug(value: str) -> str:
    value = value.strip().lower()
    if not _SLUG.match(value):
        raise ValueError("use 1-50 lowercase letters, digits, '-' or '_', starting with a letter or digit")
    return value


Email = Annotated[EmailStr, AfterValidator(_lower_email)]
Phone = Annotated[str, AfterValidator(_check_phone)]
TimeZoneName = Annotated[str, AfterValidator(_check_zone)]
Slug = Annotated[str, AfterValidator(_check_slug)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
