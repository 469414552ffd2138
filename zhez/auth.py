"""Who may write, and what: editors of responsible bodies, and coordinators.

Viewers need no sign-in. A signed-in ``Person`` is an **editor** of one or more responsible
bodies (the plan's abbreviations: ББ, ДСБ, …) or a **coordinator** (the economy and budget
planning department: reviews every body). A ``Person`` can only be made here — by checking
a password, by the identity provider's sign-in, or from the accounts file for the server's
own command line — and every write in ``zhez.store`` demands one and checks its scope there,
so a viewer's session cannot write whatever a page shows.

The accounts live in ``.streamlit/secrets.toml`` (hashes only, never a password)::

    [users."Aigul Bekova"]
    password = "$argon2id$…"          # python -m zhez users add prints this block
    role = "editor"                   # or "coordinator"
    bodies = ["ББ", "ДСБ"]            # an editor's responsible bodies
    email = "a.bekova@example.kz"     # optional: reminders, and sign-in through the identity provider

    [editors]                          # the release before roles: name = hash
    "Old Name" = "$argon2id$…"        # → an editor of every body (what they could write before), never a coordinator

With the identity provider (``[auth]`` and ``st.login``), ``[access]`` gives the roles::

    [access]
    editor_emails = ["x@example.kz"]          # as before: editors of every body
    role_claim = "zhez_roles"                 # optional: a claim listing "coordinator" or "editor:ББ,ДСБ"
    [access.emails."y@example.kz"]
    role = "editor"
    bodies = ["ББ"]

and a user's ``email`` in ``[users]`` counts too. ``email_verified`` must be true.

Sign-in abuse is bounded by ``SignInGuard``: backoff and a temporary lockout per name and per
client, a cap on concurrent argon2 verifications (each holds 64 MiB), every failure logged with
the name and the time, never the password.

A password sign-in lasts across page reloads through ``SessionTokens``: a signed, expiring token
(itsdangerous) in an HttpOnly cookie, holding the name and a keyed fingerprint of the account's hash,
never the password or the hash. The identity provider keeps its own cookie (``st.login``).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import logging
import re
import secrets
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadData, TimestampSigner, URLSafeTimedSerializer

from zhez.problems import Problem

_ISSUED = object()  # only this module can issue a Person
_HASHER = PasswordHasher()
NAME = re.compile(r"^[\w.\-@ ]{2,80}$")
ROLES = ("editor", "coordinator")
LOG = logging.getLogger("zhez.auth")


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against for an unknown name, so that it costs as long as a known one. Made on first
    use: hashing takes argon2's full cost, which every process (each server, each command) would pay at import."""
    return _HASHER.hash("not a password")


class AuthError(PermissionError):
    """Sign-in refused, or a write attempted without a signed-in person. ``problem`` says why, in any language."""

    def __init__(self, key: str, **params: Any) -> None:
        self.problem = Problem.of(key, **params)
        super().__init__(key)

    def text(self, lang: str) -> str:
        return self.problem.text(lang)


@dataclass(frozen=True)
class Person:
    """Someone signed in. ``role``: editor or coordinator; ``bodies``: an editor's responsible bodies
    (``every_body`` for the accounts of the release before roles); ``via``: password, oidc or cli."""

    name: str
    role: str
    bodies: frozenset[str] = frozenset()
    via: str = "password"
    email: str = ""
    every_body: bool = False
    _issued: object = field(repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if self._issued is not _ISSUED:
            raise AuthError("forged_person")

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"

    def answers_for(self, body: str) -> bool:
        """May this person enter values for ``body``'s subjects (a coordinator: every body, and those of none)."""
        return self.is_coordinator or self.every_body or (bool(body) and body in self.bodies)


Editor = Person  # the name of the release before roles; pages still say ``Editor``


def require_person(who: object) -> Person:
    """The person behind a write; anything else (a viewer, a name, None) is refused."""
    if not isinstance(who, Person):
        raise AuthError("sign_in_needed")
    return who


def require_coordinator(who: object) -> Person:
    person = require_person(who)
    if not person.is_coordinator:
        raise AuthError("coordinators_only")
    return person


def normal_body(code: str) -> str:
    """A body code as typed (NFC, trimmed)."""
    return unicodedata.normalize("NFC", code).strip()


def check_bodies(bodies: Iterable[str], known: Iterable[str]) -> list[str]:
    """The codes in ``bodies``, or ``ValueError`` naming the unknown ones and every known one."""
    codes = [normal_body(b) for b in bodies]
    allowed = sorted(normal_body(k) for k in known)
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise ValueError(f"unknown body code(s): {', '.join(unknown)}; known: {', '.join(allowed)}")
    return codes


# ── accounts ───────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Account:
    """One entry of the accounts file."""

    name: str
    password_hash: str
    role: str
    bodies: frozenset[str]
    email: str = ""
    every_body: bool = False


def hash_password(password: str) -> str:
    if len(password) < 8:
        raise ValueError("a password needs at least 8 characters")
    return _HASHER.hash(password)


def accounts_from_secrets(
    secrets: Mapping[str, object], known_bodies: Iterable[str] | None = None
) -> dict[str, Account]:
    """Every account of the secrets file, by name: ``[users]`` with roles, and the older ``[editors]`` table.

    An entry with an unknown role or body code is left out and logged (a typo never widens anyone's scope).
    """
    known = None if known_bodies is None else {normal_body(b) for b in known_bodies}
    accounts: dict[str, Account] = {}
    legacy = secrets.get("editors", {})
    if isinstance(legacy, Mapping):
        for name, hashed in legacy.items():
            accounts[str(name)] = Account(str(name), str(hashed), "editor", frozenset(), every_body=True)
    users = secrets.get("users", {})
    if isinstance(users, Mapping):
        for name, entry in users.items():
            if not isinstance(entry, Mapping):
                LOG.warning("accounts: [users.%r] is not a table; left out", name)
                continue
            role = str(entry.get("role", ""))
            bodies = frozenset(normal_body(str(b)) for b in entry.get("bodies", []) or [])
            if role not in ROLES or (known is not None and not bodies <= known):
                LOG.warning("accounts: [users.%r] has an unknown role or body; left out", name)
                continue
            accounts[str(name)] = Account(
                str(name), str(entry.get("password", "")), role, bodies, str(entry.get("email", "")).lower()
            )
    return accounts


editors_from_secrets = accounts_from_secrets  # the release before roles


def _person(account: Account, via: str, name: str | None = None) -> Person:
    return Person(
        name or account.name,
        account.role,
        account.bodies,
        via,
        account.email,
        account.every_body,
        _ISSUED,
    )


def sign_in(
    name: str,
    password: str,
    accounts: Mapping[str, Account] | Mapping[str, str],
    guard: SignInGuard | None = None,
    client: str = "",
) -> Person:
    """Check a password; ``AuthError`` with no hint whether the name or the password was wrong.

    With a ``guard``, repeated failures slow down and then lock the name and the client out for a while.
    """
    name = name.strip()
    found = accounts.get(name)
    account = Account(name, found, "editor", frozenset(), every_body=True) if isinstance(found, str) else found
    guard = guard or _DEFAULT_GUARD
    guard.check(name, client)
    with guard.verifying():
        try:
            _HASHER.verify(account.password_hash if account else _dummy_hash(), password)
            ok = account is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
    if not ok or account is None:
        guard.failure(name, client)
        raise AuthError("wrong_password")
    guard.success(name, client)
    return _person(account, "password")


def oidc_person(
    user: Mapping[str, object],
    access: Mapping[str, object],
    accounts: Mapping[str, Account] | None = None,
    known_bodies: Iterable[str] | None = None,
) -> Person:
    """A person signed in through the akimat's identity provider (``st.user``), if their e-mail is given a role.

    The e-mail must be verified by the provider (``email_verified``). The role comes, first found, from
    ``[access.emails]``, a ``[users]`` account with that e-mail, the ``role_claim`` claim, or ``editor_emails``.
    """
    email = str(user.get("email", "") or "").strip().lower()
    if not email:
        raise AuthError("not_a_user")
    if user.get("email_verified") is not True:
        raise AuthError("email_not_verified")
    known = None if known_bodies is None else {normal_body(b) for b in known_bodies}
    emails = access.get("emails", {}) if isinstance(access, Mapping) else {}
    if isinstance(emails, Mapping):
        entry = {str(k).lower(): v for k, v in emails.items()}.get(email)
        if isinstance(entry, Mapping):
            role = str(entry.get("role", ""))
            bodies = frozenset(normal_body(str(b)) for b in entry.get("bodies", []) or [])
            if role in ROLES and (known is None or bodies <= known):
                return _person(Account(email, "", role, bodies, email), "oidc")
    for account in (accounts or {}).values():
        if account.email and account.email == email:
            return _person(account, "oidc", name=account.name)
    claim = str(access.get("role_claim", "") or "") if isinstance(access, Mapping) else ""
    if claim:
        person = _from_claim(email, user.get(claim), known)
        if person is not None:
            return person
    listed: Any = access.get("editor_emails", []) if isinstance(access, Mapping) else []  # a list in the secrets
    if email in {str(e).lower() for e in listed or []}:
        return _person(Account(email, "", "editor", frozenset(), email, every_body=True), "oidc")
    raise AuthError("not_a_user")


def _from_claim(email: str, value: object, known: set[str] | None) -> Person | None:
    """``coordinator`` or ``editor:ББ,ДСБ`` (a string or a list of them) in the provider's claim."""
    items = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
    roles = [str(i).strip() for i in items]
    if "coordinator" in roles:
        return _person(Account(email, "", "coordinator", frozenset(), email), "oidc")
    bodies = frozenset(
        normal_body(b)
        for r in roles
        if r.startswith("editor:")
        for b in r.removeprefix("editor:").split(",")
        if b.strip()
    )
    if bodies and (known is None or bodies <= known):
        return _person(Account(email, "", "editor", bodies, email), "oidc")
    return None


def cli_person(name: str, accounts: Mapping[str, Account]) -> Person:
    """The account ``name`` of the accounts file, for the server's command line: its role and bodies, nothing more."""
    account = accounts.get(name.strip())
    if account is None:
        raise AuthError("unknown_user", name=name)
    return _person(account, "cli")


def trusted_person(name: str, role: str = "editor", bodies: Iterable[str] = (), *, every_body: bool = False) -> Person:
    """A person made without a password: for tests and the server's own scripts, never for a page."""
    if not NAME.match(name) or role not in ROLES:
        raise AuthError("bad_name")
    return _person(Account(name, "", role, frozenset(normal_body(b) for b in bodies), every_body=every_body), "cli")


def secrets_block(name: str, password: str, role: str, bodies: Iterable[str], known_bodies: Iterable[str]) -> str:
    """The ``[users."NAME"]`` block to paste into ``.streamlit/secrets.toml``; ``ValueError`` on a bad name,
    role or body code (the message lists the known codes)."""
    if not NAME.match(name) or '"' in name:
        raise ValueError("a name: 2–80 letters, digits, spaces, dots, @ or dashes")
    if role not in ROLES:
        raise ValueError(f"a role: {' or '.join(ROLES)}")
    codes = check_bodies(bodies, known_bodies)
    if role == "editor" and not codes:
        raise ValueError("an editor answers for at least one body: --body CODE")
    if role == "coordinator" and codes:
        raise ValueError("a coordinator reviews every body: no --body")
    lines = [f'[users."{name}"]', f'password = "{hash_password(password)}"', f'role = "{role}"']
    if codes:
        lines.append("bodies = [" + ", ".join(f'"{c}"' for c in codes) + "]")
    return "\n".join(lines)


# ── sign-in abuse ──────────────────────────────────────────────────────────


class SignInThrottled(AuthError):
    """Too many failures: wait ``retry_after`` seconds."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__("throttled", n=max(1, round(retry_after)))


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0


class SignInGuard:
    """Backoff and lockout per name and per client, and a cap on concurrent password checks.

    After ``free`` failures in a row, each further try waits ``2 ** (extra - 1)`` seconds (capped at
    ``max_delay``); after ``lockout_after`` failures the key is locked for ``lockout`` seconds. A success
    clears the name. Failures older than ``forget`` are forgotten. The clock is injectable for tests.
    One guard per server process (several servers each count their own tries).
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        free: int = 3,
        max_delay: float = 30.0,
        lockout_after: int = 10,
        lockout: float = 900.0,
        forget: float = 3600.0,
        concurrent: int = 2,
        wait_for_slot: float = 10.0,
        wall_clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.clock, self.wall_clock = clock, wall_clock
        self.free, self.max_delay, self.lockout_after, self.lockout, self.forget = (
            free,
            max_delay,
            lockout_after,
            lockout,
            forget,
        )
        self.wait_for_slot = wait_for_slot
        self._slots = threading.BoundedSemaphore(concurrent)
        self._lock = threading.Lock()
        self._failures: dict[str, _Failures] = {}

    @staticmethod
    def _keys(name: str, client: str) -> list[str]:
        return [f"name:{name.casefold()}"] + ([f"client:{client}"] if client else [])

    def wait(self, name: str, client: str = "") -> float:
        """Seconds before ``name`` from ``client`` may try again (0: now)."""
        now = self.clock()
        with self._lock:
            return max((self._wait(self._failures.get(k), now) for k in self._keys(name, client)), default=0.0)

    def _wait(self, record: _Failures | None, now: float) -> float:
        if record is None or now - record.last > self.forget:
            return 0.0
        if record.count >= self.lockout_after:
            delay = self.lockout
        elif record.count >= self.free:
            delay = min(self.max_delay, 2.0 ** (record.count - self.free))
        else:
            delay = 0.0
        return max(0.0, record.last + delay - now)

    def check(self, name: str, client: str = "") -> None:
        """``SignInThrottled`` while ``name`` or ``client`` must wait."""
        wait = self.wait(name, client)
        if wait > 0:
            LOG.warning("sign-in refused without checking (backoff %.0f s) for name %r at %s", wait, name, self._at())
            raise SignInThrottled(wait)

    def failure(self, name: str, client: str = "") -> None:
        now = self.clock()
        with self._lock:
            for key in self._keys(name, client):
                record = self._failures.get(key)
                if record is None or now - record.last > self.forget:
                    record = self._failures[key] = _Failures()
                record.count += 1
                record.last = now
            count = self._failures[self._keys(name, client)[0]].count
        LOG.warning("sign-in failed for name %r at %s (failure %d in a row)", name, self._at(), count)

    def success(self, name: str, client: str = "") -> None:
        with self._lock:
            self._failures.pop(self._keys(name, client)[0], None)

    def verifying(self) -> _Slot:
        """A context holding one of the few slots for an argon2 check (``AuthError`` if none frees in time)."""
        return _Slot(self)

    def _at(self) -> str:
        return self.wall_clock().isoformat(timespec="seconds")


class _Slot:
    def __init__(self, guard: SignInGuard) -> None:
        self.guard = guard

    def __enter__(self) -> None:
        if not self.guard._slots.acquire(timeout=self.guard.wait_for_slot):
            raise AuthError("busy")

    def __exit__(self, *_exc: object) -> None:
        self.guard._slots.release()


_DEFAULT_GUARD = SignInGuard()


def default_guard() -> SignInGuard:
    """The guard of this server process."""
    return _DEFAULT_GUARD


# ── a sign-in kept across page reloads ──────────────────────────────────────

SESSION_HOURS = 10  # a working day; then the person signs in again
HANDOFF_SECONDS = 60


class _ClockedSigner(TimestampSigner):
    """itsdangerous' timestamp signer with the clock injectable (tests sign a token in the past)."""

    def __init__(self, *args: Any, clock: Callable[[], float] = time.time, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clock = clock

    def get_timestamp(self) -> int:
        return int(self.clock())


class SessionTokens:
    """Signed, expiring tokens that keep a password sign-in across page reloads.

    After ``sign_in`` the page gets a ``handoff`` token (valid ``HANDOFF_SECONDS``) and passes it to the
    server's cookie route, which sets ``session(handoff)`` as an HttpOnly cookie; every new page session
    reads the cookie back with ``person``. A token holds the account's name, a fingerprint of its password
    hash keyed with the server's secret (a changed password or a removed account ends every session), an
    id (signing out revokes it on this server) and when it was signed (``hours`` later it is refused) —
    never the password or the hash. A forged or altered token fails the signature and is refused.
    """

    def __init__(self, key: str, clock: Callable[[], float] = time.time, hours: float = SESSION_HOURS) -> None:
        if len(key) < 16:
            raise ValueError("a session key needs at least 16 characters")
        self.key, self.clock, self.max_age = key, clock, int(hours * 3600)
        self._revoked: dict[str, float] = {}  # token id → when it would have expired anyway
        self._lock = threading.Lock()

    def _serializer(self, purpose: str) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(
            self.key, salt=f"zhez-{purpose}", signer=_ClockedSigner, signer_kwargs={"clock": self.clock}
        )

    def _fingerprint(self, account: Account) -> str:
        digest = hmac.new(self.key.encode(), b"account:" + account.password_hash.encode(), hashlib.sha256)
        return digest.hexdigest()[:24]

    def handoff(self, person: Person, accounts: Mapping[str, Account]) -> str | None:
        """A short-lived token for the cookie route, or None when ``person`` did not sign in by password."""
        account = accounts.get(person.name)
        if person.via != "password" or not isinstance(account, Account):
            return None
        payload = {"n": account.name, "f": self._fingerprint(account), "i": secrets.token_hex(8)}
        return str(self._serializer("handoff").dumps(payload))

    def session(self, handoff: str) -> str | None:
        """The session token a valid, fresh ``handoff`` stands for (None for a forged or stale one)."""
        try:
            payload = self._serializer("handoff").loads(handoff, max_age=HANDOFF_SECONDS)
        except BadData:
            return None
        return str(self._serializer("session").dumps(payload))

    def person(self, token: str, accounts: Mapping[str, Account]) -> Person | None:
        """The person a session token stands for, or None: forged, expired, revoked, or the account changed."""
        try:
            payload = self._serializer("session").loads(token, max_age=self.max_age)
        except BadData:
            LOG.info("a session cookie was refused (forged, altered or expired)")
            return None
        if not isinstance(payload, dict) or payload.get("i") in self._revoked:
            return None
        account = accounts.get(str(payload.get("n", "")))
        if not isinstance(account, Account) or not hmac.compare_digest(
            str(payload.get("f", "")), self._fingerprint(account)
        ):
            return None
        return _person(account, "password")

    def revoke(self, token: str) -> None:
        """Refuse ``token`` from now on, on this server (signing out; the browser deletes its cookie too)."""
        try:
            payload = self._serializer("session").loads(token, max_age=self.max_age)
        except BadData:
            return
        now = self.clock()
        with self._lock:
            self._revoked = {i: until for i, until in self._revoked.items() if until > now}
            self._revoked[str(payload.get("i", ""))] = now + self.max_age
