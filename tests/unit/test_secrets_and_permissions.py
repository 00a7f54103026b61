"""Password hashing, token hashing and the role table."""

from __future__ import annotations

from calmdesk.auth import secrets
from calmdesk.auth.permissions import ROLE_PERMISSIONS, Permission, allows
from calmdesk.staff.roles import Role


def test_passwords_verify_only_against_their_own_hash() -> None:
    stored = secrets.hash_password("a long enough password")
    assert stored.startswith("$argon2id$")
    assert secrets.verify_password(stored, "a long enough password")
    assert not secrets.verify_password(stored, "a long enough passworD")
    assert not secrets.verify_password(None, "anything at all")
    assert not secrets.verify_password("not-a-hash", "anything at all")


def test_tokens_are_unique_prefixed_and_hashed() -> None:
    tokens = {secrets.new_token("cdk") for _ in range(200)}
    assert len(tokens) == 200
    token = tokens.pop()
    assert token.startswith("cdk_") and len(token) > 40
    assert secrets.token_hash(token) == secrets.token_hash(token)
    assert secrets.token_hash(token) != secrets.token_hash(token + "x")


def test_every_role_has_an_entry_and_only_admins_manage_the_desk() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)
    managers = {role for role in Role if allows(role, Permission.STAFF_MANAGE)}
    assert managers == {Role.ADMIN}
    assert not allows(Role.AGENT, Permission.CONFIG_MANAGE)
    assert not allows(Role.CONTRACTOR, Permission.TICKETS_READ)
    assert allows(Role.SUPERVISOR, Permission.AUDIT_READ) and not allows(Role.AGENT, Permission.AUDIT_READ)
