"""Who may write: editors, signed in with a name and a password checked against an argon2 hash.

Viewers need no sign-in. An ``Editor`` can only be made here (by checking a password, by
an identity provider's sign-in, or for the command line), and every write in
``zhez.store`` demands one — so a viewer's session cannot write, whatever a page shows.
Passwords are never stored or logged; the secrets file holds hashes only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_ISSUED = object()  # only this module can issue an Editor
_HASHER = PasswordHasher()
NAME = re.compile(r"^[\w.\- ]{2,60}$")
# A real hash to verify against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password")


class AuthError(PermissionError):
    """Sign-in refused, or a write attempted without an editor."""


@dataclass(frozen=True)
class Editor:
    """A signed-in editor. ``via``: ``password``, ``oidc`` or ``cli``."""

    name: str
    via: str
    _issued: object = field(repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if self._issued is not _ISSUED:
            raise AuthError("an Editor is issued only by zhez.auth")


def require_editor(who: object) -> Editor:
    """The editor behind a write; anything else (a viewer, a name, None) is refused."""
    if not isinstance(who, Editor):
        raise AuthError("only a signed-in editor can change stored data")
    return who


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise ValueError("a password needs at least 8 characters")
    return _HASHER.hash(password)


def editors_from_secrets(secrets: Mapping[str, object]) -> dict[str, str]:
    """``[editors]`` table of the secrets file: name → argon2 hash."""
    table = secrets.get("editors", {})
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, Mapping) else {}


def sign_in(name: str, password: str, editors: Mapping[str, str]) -> Editor:
    """Check a password; ``AuthError`` with no hint whether the name or the password was wrong."""
    stored = editors.get(name.strip())
    try:
        _HASHER.verify(stored or _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise AuthError("wrong name or password") from None
    if stored is None:
        raise AuthError("wrong name or password")
    return Editor(name.strip(), "password", _ISSUED)


def oidc_editor(email: str, allowed: Mapping[str, Any]) -> Editor:
    """An editor signed in through the akimat's identity provider (``st.login``), if listed."""
    emails = {str(e).lower() for e in allowed.get("editor_emails", [])} if isinstance(allowed, Mapping) else set()
    if email.lower() not in emails:
        raise AuthError("this account is not an editor")
    return Editor(email, "oidc", _ISSUED)


def cli_editor(name: str) -> Editor:
    """The person running the command line on the server (they already hold its files)."""
    if not NAME.match(name):
        raise AuthError("an editor's name: 2–60 letters, digits, spaces, dots or dashes")
    return Editor(name, "cli", _ISSUED)


def secrets_line(name: str, password: str) -> str:
    """The line to paste under ``[editors]`` in ``.streamlit/secrets.toml``."""
    if not NAME.match(name):
        raise ValueError("an editor's name: 2–60 letters, digits, spaces, dots or dashes")
    return f'"{name}" = "{hash_password(password)}"'
