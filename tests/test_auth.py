"""Roles and scopes, the accounts file, the identity provider, and sign-in abuse (backoff, lockout, a cap on
concurrent argon2 checks, failures logged without the password), with an injected clock."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading

import pytest

from zhez.auth import (
    AuthError,
    Person,
    SignInGuard,
    SignInThrottled,
    accounts_from_secrets,
    cli_person,
    hash_password,
    oidc_person,
    secrets_block,
    sign_in,
)

PASSWORD = "correct horse 2026"
BODIES = ["ББ", "ДСБ", "ТКШБ", "ЭБ"]


@pytest.fixture(scope="module")
def hashed():
    return hash_password(PASSWORD)


@pytest.fixture
def secrets(hashed):
    return {
        "users": {
            "Aigul": {"password": hashed, "role": "editor", "bodies": ["ББ", "ДСБ"], "email": "Aigul@Example.kz"},
            "Dana": {"password": hashed, "role": "coordinator"},
            "Typo": {"password": hashed, "role": "editor", "bodies": ["XX"]},
            "Boss": {"password": hashed, "role": "admin"},
        },
        "editors": {"Old Editor": hashed},
    }


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_accounts_carry_roles_and_bodies_and_a_typo_never_widens_a_scope(secrets):
    accounts = accounts_from_secrets(secrets, BODIES)
    assert set(accounts) == {"Aigul", "Dana", "Old Editor"}  # the unknown body and the unknown role are left out
    aigul = sign_in("Aigul", PASSWORD, accounts, SignInGuard())
    assert (aigul.role, aigul.bodies, aigul.answers_for("ББ"), aigul.answers_for("ТКШБ")) == (
        "editor",
        frozenset({"ББ", "ДСБ"}),
        True,
        False,
    )
    dana = sign_in("Dana", PASSWORD, accounts, SignInGuard())
    assert dana.is_coordinator and dana.answers_for("ТКШБ") and dana.answers_for("")
    old = sign_in("Old Editor", PASSWORD, accounts, SignInGuard())
    assert (old.role, old.every_body, old.is_coordinator) == ("editor", True, False)  # never more than before
    assert not old.answers_for("") or old.every_body


def test_a_person_is_issued_only_by_zhez_auth():
    with pytest.raises(AuthError):
        Person("forged", "coordinator")


def test_the_cli_looks_the_name_up_with_its_role_and_bodies(secrets):
    accounts = accounts_from_secrets(secrets, BODIES)
    assert cli_person("Aigul", accounts).bodies == frozenset({"ББ", "ДСБ"})
    with pytest.raises(AuthError) as refused:
        cli_person("Nobody", accounts)
    assert "Nobody" in refused.value.text("ru")


def test_users_add_prints_a_block_and_refuses_an_unknown_body(secrets):
    import tomllib

    block = secrets_block("Aigul Bekova", PASSWORD, "editor", ["ББ", "ДСБ"], BODIES)
    parsed = tomllib.loads(block)["users"]["Aigul Bekova"]
    assert (parsed["role"], parsed["bodies"]) == ("editor", ["ББ", "ДСБ"]) and parsed["password"].startswith("$argon2")
    with pytest.raises(ValueError, match=r"unknown body code.*XX.*known: ББ, ДСБ, ТКШБ, ЭБ"):
        secrets_block("A B", PASSWORD, "editor", ["XX"], BODIES)
    with pytest.raises(ValueError):
        secrets_block("A B", PASSWORD, "coordinator", ["ББ"], BODIES)
    assert 'role = "coordinator"' in secrets_block("C D", PASSWORD, "coordinator", [], BODIES)


def test_the_cli_users_add_refuses_an_unknown_body_before_asking_a_password(root):
    done = subprocess.run(
        [sys.executable, "-m", "zhez", "users", "add", "Aigul", "--role", "editor", "--body", "XX"],
        cwd=root,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1 and "XX" in done.stderr and "ББ" in done.stderr and "ДСБ" in done.stderr


def test_the_identity_provider_gives_roles_only_to_verified_addresses(secrets):
    accounts = accounts_from_secrets(secrets, BODIES)
    access = {
        "editor_emails": ["old@example.kz"],
        "role_claim": "zhez_roles",
        "emails": {"coord@example.kz": {"role": "coordinator"}},
    }
    verified = {"email_verified": True}
    assert oidc_person({"email": "coord@example.kz", **verified}, access, accounts, BODIES).is_coordinator
    assert oidc_person({"email": "aigul@example.kz", **verified}, access, accounts, BODIES).name == "Aigul"
    claimed = oidc_person(
        {"email": "x@example.kz", "zhez_roles": ["editor:ТКШБ"], **verified}, access, accounts, BODIES
    )
    assert claimed.bodies == frozenset({"ТКШБ"}) and not claimed.is_coordinator
    assert oidc_person({"email": "old@example.kz", **verified}, access, accounts, BODIES).every_body
    for user in (
        {"email": "coord@example.kz"},  # not verified
        {"email": "coord@example.kz", "email_verified": "true"},  # not the boolean true
        {"email": "stranger@example.kz", **verified},
        {"email": "y@example.kz", "zhez_roles": ["editor:XX"], **verified},  # unknown body in the claim
    ):
        with pytest.raises(AuthError):
            oidc_person(user, access, accounts, BODIES)


def test_failures_back_off_then_lock_the_name_and_the_client_out(secrets):
    accounts = accounts_from_secrets(secrets, BODIES)
    clock = Clock()
    guard = SignInGuard(clock, free=3, max_delay=30, lockout_after=6, lockout=900)
    for _ in range(3):
        with pytest.raises(AuthError) as refused:
            sign_in("Aigul", "wrong", accounts, guard, "10.0.0.1")
        assert refused.value.problem.key == "wrong_password"
    with pytest.raises(SignInThrottled):  # the 4th try comes too soon
        sign_in("Aigul", PASSWORD, accounts, guard, "10.0.0.1")
    clock.now += 1.1
    with pytest.raises(AuthError):
        sign_in("Aigul", "wrong", accounts, guard, "10.0.0.2")
    assert guard.wait("Aigul") == pytest.approx(2.0)  # doubling
    for _ in range(2):
        clock.now += 31
        with pytest.raises(AuthError):
            sign_in("Aigul", "wrong", accounts, guard, "10.0.0.3")
    clock.now += 31
    with pytest.raises(SignInThrottled) as locked:
        sign_in("Aigul", PASSWORD, accounts, guard, "10.0.0.4")  # locked out: even the right password waits
    assert locked.value.retry_after > 800
    assert "секунд" in locked.value.text("ru")
    # the client that tried the wrong password three times waits too, under another name
    assert guard.wait("Dana", "10.0.0.1") == 0  # its failures are old by now
    clock.now += 901
    assert sign_in("Aigul", PASSWORD, accounts, guard, "10.0.0.4").name == "Aigul"
    assert guard.wait("Aigul") == 0  # a success clears the name


def test_a_client_guessing_many_names_is_slowed_down(secrets):
    accounts = accounts_from_secrets(secrets, BODIES)
    guard = SignInGuard(Clock(), free=2)
    for name in ("a1", "a2"):
        with pytest.raises(AuthError):
            sign_in(name, "x", accounts, guard, "10.9.9.9")
    with pytest.raises(SignInThrottled):
        sign_in("a3", "x", accounts, guard, "10.9.9.9")


def test_every_failure_is_logged_with_the_name_never_the_password(secrets, caplog):
    caplog.set_level(logging.INFO, logger="zhez.auth")
    accounts = accounts_from_secrets(secrets, BODIES)
    with pytest.raises(AuthError):
        sign_in("Aigul", "my secret guess 1", accounts, SignInGuard(Clock()))
    assert "Aigul" in caplog.text and "sign-in failed" in caplog.text
    assert "my secret guess 1" not in caplog.text


def test_concurrent_password_checks_are_capped(secrets, monkeypatch):
    import zhez.auth as auth

    accounts = accounts_from_secrets(secrets, BODIES)
    guard = SignInGuard(Clock(), concurrent=2, wait_for_slot=0.2)
    inside, most = [0], [0]
    lock, release = threading.Lock(), threading.Event()
    real = auth._HASHER.verify

    def slow_verify(hashed, password):
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        release.wait(2)
        with lock:
            inside[0] -= 1
        return real(hashed, password)

    class SlowHasher:
        verify = staticmethod(slow_verify)

    monkeypatch.setattr(auth, "_HASHER", SlowHasher())
    errors: list[str] = []

    def attempt() -> None:
        try:
            sign_in("Aigul", PASSWORD, accounts, guard, "")
        except AuthError as error:
            errors.append(error.problem.key)

    threads = [threading.Thread(target=attempt) for _ in range(5)]
    for thread in threads:
        thread.start()
    threading.Timer(0.6, release.set).start()
    for thread in threads:
        thread.join(10)
    assert most[0] == 2  # never more than two argon2 checks (64 MiB each) at once
    assert errors.count("busy") == 3


def test_no_page_makes_a_person_without_signing_in(root):
    """Only sign-in (password, identity provider) issues a Person in the app; the shortcuts are for scripts and tests."""
    for path in [*root.glob("pages/*.py"), *root.glob("zhez/ui*.py"), *root.glob("zhez/ui/**/*.py"), root / "app.py"]:
        text = path.read_text(encoding="utf-8")
        assert "trusted_person" not in text and "cli_person" not in text and "_ISSUED" not in text, path
