"""Who is signed in (an editor or a coordinator: name and password checked against argon2 hashes in
secrets, or the akimat's identity provider), the sign-in form and the signed-in bar. Viewers need nothing."""

from __future__ import annotations

from typing import Any

import streamlit as st

from zhez.auth import AuthError, Person, accounts_from_secrets, default_guard, oidc_person, sign_in
from zhez.markdown import escape
from zhez.ui.language import lang, t
from zhez.ui.loaders import plan

EDITOR_KEY = "editor"


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:
        return {}


def editor() -> Person | None:
    """The signed-in person (editor or coordinator) of this session, or None for a viewer."""
    who = st.session_state.get(EDITOR_KEY)
    if isinstance(who, Person):
        return who
    if "auth" in _secrets() and getattr(st.user, "is_logged_in", False):
        try:
            who = oidc_person(st.user.to_dict(), _secrets().get("access", {}), _accounts(), plan().bodies["abbr"])
        except AuthError:
            return None
        st.session_state[EDITOR_KEY] = who
        return who
    return None


def _accounts() -> dict[str, Any]:
    return accounts_from_secrets(_secrets(), plan().bodies["abbr"])


def sign_in_form() -> None:
    """Name and password (checked against argon2 hashes in secrets), or the akimat's identity provider."""
    secrets = _secrets()
    accounts = _accounts()
    st.info(t("auth.viewers_need_nothing"))
    if "auth" in secrets:
        st.button(t("auth.sign_in_oidc"), on_click=st.login, icon=":material/login:")
    if not accounts and "auth" not in secrets:
        st.warning(t("auth.no_editors"))
        return
    with st.form("sign-in"):
        name = st.text_input(t("auth.name"))
        password = st.text_input(t("auth.password"), type="password")
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
    if submitted:
        client = str(getattr(st.context, "ip_address", None) or "")
        try:
            st.session_state[EDITOR_KEY] = sign_in(name, password, accounts, default_guard(), client)
        except AuthError as error:
            st.error(t("auth.refused") if error.problem.key == "wrong_password" else escape(error.text(lang())))
            return
        st.rerun()


def signed_in_bar(who: Person) -> None:
    """Who is signed in, and the button to sign out."""
    left, right = st.columns([4, 1])
    left.success(t("auth.signed_in_as", name=escape(who.name)), icon=":material/verified_user:")
    if right.button(t("auth.sign_out"), key="sign-out", width="stretch"):
        st.session_state.pop(EDITOR_KEY, None)
        if who.via == "oidc":
            st.logout()
        st.rerun()
