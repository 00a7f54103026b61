"""Articles the knowledge-base tests write, and a helper to write them through the API."""

from __future__ import annotations

from typing import Any

from tests.integration.conftest import Account, Desk

ARTICLES: dict[str, dict[str, Any]] = {
    "e21": {
        "title": "Washing machine error E21: the water will not drain",
        "body": "E21 means the drum did not empty in time.\n\n1. Switch off.\n2. Clean the pump filter "
        "behind the flap at the bottom left.\n3. Check the drain hose is not kinked.",
        "tags": ["washing-machine", "error-codes", "technical"],
    },
    "refund": {
        "title": "When will my refund arrive?",
        "body": "Refunds go back to the card you paid with within 5 working days of the return being "
        "checked in. Banks can take 3 more days to show the money.",
        "tags": ["refunds", "billing"],
    },
    "delivery": {
        "title": "Rearranging a missed delivery",
        "body": "If our driver could not deliver, pick a new day from the tracking page or call us. "
        "A second missed slot returns the parcel to the depot.",
        "tags": ["delivery"],
    },
    "password": {
        "title": "Resetting your account password",
        "body": "Use **Forgot password** on the sign-in page. The reset email expires after one hour; "
        "check your spam folder.",
        "tags": ["account"],
    },
    "heatpump": {
        "title": "Heat pump pressure keeps dropping",
        "body": "If the gauge falls below 1 bar, top up the system with the filling loop and look for "
        "leaks at the radiator valves. Book an engineer if it drops again within a week.",
        "tags": ["heat-pumps", "field-service"],
    },
}


def write(desk: Desk, editor: Account, key: str, *, published: bool = True, **changes: Any) -> dict[str, Any]:
    """Creates one of ARTICLES through the API and returns its JSON."""
    body = {**ARTICLES[key], "is_published": published, **changes}
    response = desk.client.post("/api/v1/articles", json=body, headers=editor.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def write_all(desk: Desk, editor: Account) -> dict[str, int]:
    """Creates every article in ARTICLES, published; returns their ids by key."""
    return {key: write(desk, editor, key)["id"] for key in ARTICLES}
