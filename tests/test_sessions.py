"""A sign-in kept across reloads (signed, expiring tokens) and times in Zhezkazgan's clock."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from zhez import clock
from zhez.auth import (
    HANDOFF_SECONDS,
    SESSION_HOURS,
    SessionTokens,
    accounts_from_secrets,
    hash_password,
    oidc_person,
    sign_in,
    trusted_person,
)

KEY = "a-session-key-for-tests-only-0123456789"
PASSWORD = "correct horse 2026"


@pytest.fixture(scope="module")
def hashed():
    return hash_password(PASSWORD)


def accounts(hashed, bodies=("ББ",)):
    return accounts_from_secrets({"users": {"Aigul": {"password": hashed, "role": "editor", "bodies": list(bodies)}}})


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def signed_in(hashed):
    known = accounts(hashed)
    return sign_in("Aigul", PASSWORD, known), known


def test_a_token_brings_back_the_same_person_and_holds_neither_password_nor_hash(hashed):
    person, known = signed_in(hashed)
    tokens = SessionTokens(KEY)
    handoff = tokens.handoff(person, known)
    token = tokens.session(handoff)
    back = tokens.person(token, known)
    assert back == person and back.bodies == frozenset({"ББ"}) and back.role == "editor"
    for text in (handoff, token):
        assert PASSWORD not in text and hashed not in text and hashed.split("$")[-1] not in text


def test_a_forged_or_altered_token_is_refused(hashed):
    person, known = signed_in(hashed)
    tokens = SessionTokens(KEY)
    token = tokens.session(tokens.handoff(person, known))
    assert tokens.person(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), known) is None
    assert tokens.person("Aigul", known) is None
    assert SessionTokens("another-key-entirely-0123456789").person(token, known) is None
    # a handoff is not a session, nor the other way round (different salts)
    assert tokens.person(tokens.handoff(person, known), known) is None
    assert tokens.session(token) is None


def test_an_expired_token_or_a_stale_handoff_is_refused(hashed):
    person, known = signed_in(hashed)
    now = Clock()
    tokens = SessionTokens(KEY, clock=now)
    handoff = tokens.handoff(person, known)
    now.now += HANDOFF_SECONDS + 1
    assert tokens.session(handoff) is None
    token = tokens.session(tokens.handoff(person, known))
    now.now += SESSION_HOURS * 3600 - 5
    assert tokens.person(token, known) == person
    now.now += 10
    assert tokens.person(token, known) is None


def test_a_changed_password_or_a_removed_account_ends_the_session(hashed):
    person, known = signed_in(hashed)
    tokens = SessionTokens(KEY)
    token = tokens.session(tokens.handoff(person, known))
    assert tokens.person(token, accounts(hash_password("a new password 1"))) is None
    assert tokens.person(token, {}) is None
    # a change of bodies is read from the accounts, not from the token
    assert tokens.person(token, accounts(hashed, ("ДСБ",))).bodies == frozenset({"ДСБ"})


def test_signing_out_revokes_the_token_on_this_server(hashed):
    person, known = signed_in(hashed)
    tokens = SessionTokens(KEY)
    token = tokens.session(tokens.handoff(person, known))
    other = tokens.session(tokens.handoff(person, known))
    tokens.revoke(token)
    assert tokens.person(token, known) is None
    assert tokens.person(other, known) == person  # another browser of the same person stays signed in


def test_only_a_password_sign_in_gets_a_token(hashed):
    known = accounts(hashed)
    tokens = SessionTokens(KEY)
    assert tokens.handoff(trusted_person("Aigul"), known) is None  # a command-line person
    oidc = oidc_person({"email": "x@example.kz", "email_verified": True}, {"editor_emails": ["x@example.kz"]})
    assert tokens.handoff(oidc, known) is None
    with pytest.raises(ValueError):
        SessionTokens("short")


def test_zhezkazgan_keeps_utc_plus_five():
    almaty = clock.zone()
    assert almaty.key == "Asia/Almaty"
    winter, summer = dt.datetime(2026, 1, 15, tzinfo=dt.UTC), dt.datetime(2026, 7, 15, tzinfo=dt.UTC)
    assert almaty.utcoffset(winter) == almaty.utcoffset(summer) == dt.timedelta(hours=5)
    assert clock.zone_label(almaty, winter) == "Asia/Almaty, UTC+05:00"


def test_moments_are_shown_on_the_local_clock():
    almaty = clock.zone("Asia/Almaty")
    late = dt.datetime(2026, 12, 1, 21, 30, tzinfo=dt.UTC)
    assert clock.when(late, almaty) == "2026-12-02 02:30"
    assert clock.when(dt.datetime(2026, 12, 1, 21, 30), almaty) == "2026-12-02 02:30"  # naive = UTC
    assert clock.when(pd.Timestamp(late), almaty, seconds=True) == "2026-12-02 02:30:00"
    assert clock.when(None, almaty) == clock.when(pd.NaT, almaty) == ""
    assert clock.today(almaty, late) == dt.date(2026, 12, 2)
    with pytest.raises(ValueError):
        clock.zone("Mars/Olympus")


def test_a_stored_moment_falls_on_the_citys_day_everywhere_a_day_is_written(plan):
    """Approved at 22:05 UTC on 7 December is 8 December in Zhezkazgan: the Overview's and the report's "data as
    of", the indicator's "who and when" and the execution tables wrote 07.12 beside "2026-12-08 03:05"."""
    from zhez import execution_tables, export, tables

    late = pd.Timestamp(dt.datetime(2026, 12, 7, 22, 5))  # the store keeps UTC, naive
    assert clock.day(late) == dt.date(2026, 12, 8) and clock.day_text(late.tz_localize("UTC")) == "2026-12-08"
    assert clock.day("2026-12-07T22:05:00") == dt.date(2026, 12, 8)
    assert clock.day(None) is clock.day(pd.NaT) is clock.day(float("nan")) is None
    assert clock.day(dt.date(2026, 12, 7)) == dt.date(2026, 12, 7)
    assert clock.day(late, clock.zone("UTC")) == dt.date(2026, 12, 7)
    actuals = pd.DataFrame(
        {"indicator_id": ["i01"], "year": [2026], "value": [1.0], "recorded_by": ["Aigul"], "recorded_at": [late]}
    )
    assert export.data_as_of(actuals) == dt.date(2026, 12, 8)
    assert tables.recorded_at_by_year(actuals, "i01") == {2026: "2026-12-08"}
    assert "Aigul, 2026-12-08" in tables.indicator_values(plan, actuals, "i01", "ru").to_string()
    assert execution_tables._when(late) == "2026-12-08"
