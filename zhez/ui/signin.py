"""Who is signed in (an editor or a coordinator: name and password checked against argon2 hashes in
secrets, or the akimat's identity provider), the sign-in form and the account panel in the sidebar.
Viewers need nothing.

A password sign-in lasts across page reloads: the session cookie that ``zhez.ui.cookie`` sets (a signed,
expiring token, ``auth.SessionTokens``) is read back here from ``st.context.cookies`` when a new page
session starts. Signing out revokes the token on this server and has the browser delete the cookie.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from zhez.auth import (
    Account,
    AuthError,
    Person,
    SessionTokens,
    accounts_from_secrets,
    default_guard,
    oidc_person,
    sign_in,
)
from zhez.markdown import escape
from zhez.ui import cookie, session
from zhez.ui.language import lang, t
from zhez.ui.loaders import plan

SIGNED_OUT_KEY = "signin-signed-out"  # this session signed out: its cookie is not read again
HANDOFF_KEY = "signin-handoff"  # a handoff token waiting to be passed to the cookie route
FORGET_KEY = "signin-forget"  # the browser is to delete its session cookie
# The first screen after signing in, and the pages of the monitoring cycle each role uses.
FIRST_SCREEN = {"editor": "pages/tasks.py", "coordinator": "pages/review.py"}
CYCLE_PAGES = {None: {"board"}, "editor": {"tasks", "record", "board"}, "coordinator": {"review", "record", "board"}}
SIGN_IN_PAGES = {
    "tasks",
    "record",
    "review",
    "editions",
    "execution",
}  # URL paths of the pages that show the sign-in form themselves


def secrets_dict() -> dict[str, Any]:
    """The secrets file as a dict (empty without one)."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:
        return {}


def accounts() -> dict[str, Account]:
    """The accounts of the secrets file (names, roles, bodies, hashes)."""
    return accounts_from_secrets(secrets_dict(), plan().bodies["abbr"])


@st.cache_resource(show_spinner=False)
def _tokens(key: str) -> SessionTokens:
    return SessionTokens(key)


def tokens() -> SessionTokens:
    """This server's session tokens (one set of revoked tokens for every page session)."""
    return _tokens(cookie.key())


def _cookie() -> str | None:
    return st.context.cookies.get(cookie.COOKIE)


def person() -> Person | None:
    """The signed-in person (editor or coordinator) of this session, or None for a viewer."""
    who = session.person()
    if who is not None:
        return who
    if not st.session_state.get(SIGNED_OUT_KEY):
        token = _cookie()
        who = tokens().person(token, accounts()) if token else None
        if who is not None:
            session.set_person(who)
            return who
    if "auth" in secrets_dict() and getattr(st.user, "is_logged_in", False):
        try:
            who = oidc_person(st.user.to_dict(), secrets_dict().get("access", {}), accounts(), plan().bodies["abbr"])
        except AuthError:
            return None
        session.set_person(who)
        return who
    return None


editor = person  # the name pages used before roles


def role_text(who: Person) -> str:
    """``Editor · ББ, ДСБ`` or ``Coordinator``."""
    role = t(f"cycle.role.{who.role}")
    if who.is_coordinator:
        return role
    return f"{role} · {t('auth.every_body') if who.every_body else ', '.join(sorted(who.bodies))}"


def cycle_pages(who: Person | None) -> set[str]:
    """The monitoring cycle's pages ``who`` uses (the others stay reachable by link, out of the navigation)."""
    return CYCLE_PAGES[who.role if who is not None else None]


def account_panel(sign_in_here: bool) -> None:
    """The sidebar: who is signed in, their role and bodies, "include submitted" and signing out; for a viewer
    the sign-in form (unless ``sign_in_here`` is false: the page shows it)."""
    _instruct_browser()
    who = person()
    if who is None:
        if sign_in_here:  # else nothing: an empty frame where the form would be
            with st.sidebar.container(border=True).expander(t("auth.sign_in_title"), icon=":material/login:"):
                sign_in_form(first_screen=True)
        return
    box = st.sidebar.container(border=True)
    box.markdown(f"**{escape(who.name)}**  \n{escape(role_text(who))}")
    box.toggle(t("cycle.include_submitted"), key=session.PREVIEW_KEY, help=t("cycle.include_submitted_help"))
    box.button(t("auth.sign_out"), key="sign-out", icon=":material/logout:", on_click=_sign_out, args=(who.via,))


def sign_in_form(first_screen: bool = False) -> None:
    """Name and password (checked against argon2 hashes in secrets), or the akimat's identity provider.
    ``first_screen``: then go to the role's first screen (My tasks, Review)."""
    secrets = secrets_dict()
    known = accounts()
    st.caption(t("auth.viewers_need_nothing"))
    if "auth" in secrets:
        st.button(t("auth.sign_in_oidc"), on_click=st.login, icon=":material/login:", key="signin-oidc")
    if not known:
        if "auth" not in secrets:
            st.info(t("auth.no_editors"), icon=":material/support_agent:")
        return
    with st.form("sign-in", border=False):
        name = st.text_input(t("auth.name"), key="signin-name", max_chars=80)
        password = st.text_input(t("auth.password"), type="password", key="signin-password", max_chars=200)
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
    if not submitted:
        return
    client = str(getattr(st.context, "ip_address", None) or "")
    try:
        who = sign_in(name, password, known, default_guard(), client)
    except AuthError as error:
        st.error(t("auth.refused") if error.problem.key == "wrong_password" else escape(error.text(lang())))
        return
    session.set_person(who)
    st.session_state.pop(SIGNED_OUT_KEY, None)
    handoff = tokens().handoff(who, known)
    if handoff is not None and cookie.mounted():
        st.session_state[HANDOFF_KEY] = handoff
    if first_screen:
        st.switch_page(FIRST_SCREEN[who.role], query_params={"lang": lang()})
    st.rerun()


def _sign_out(via: str) -> None:
    token = _cookie()
    if token:
        tokens().revoke(token)
    session.set_person(None)
    st.session_state[SIGNED_OUT_KEY] = True
    st.session_state[FORGET_KEY] = True
    if via == "oidc":
        st.logout()


def _instruct_browser() -> None:
    """Pass a waiting handoff token to the cookie route, or have the browser delete the session cookie
    (the cookie is HttpOnly: only the route's answer can set or delete it)."""
    handoff = st.session_state.pop(HANDOFF_KEY, None)
    forget = st.session_state.pop(FORGET_KEY, False) and cookie.mounted()
    if handoff is None and not forget:
        return
    options = {"method": "POST", "body": handoff} if handoff else {"method": "DELETE"}
    st.sidebar.html(
        f"<script>fetch({json.dumps(cookie.PATH)}, {{...{json.dumps(options)}, credentials: 'same-origin'}});</script>",
        unsafe_allow_javascript=True,
    )
