"""Editors: who is signed in (name and password checked against argon2 hashes in secrets, or the
akimat's identity provider), the sign-in form and the signed-in bar. Viewers need nothing."""

from __future__ import annotations

from typing import Any

import streamlit as st

from zhez.auth import AuthError, Editor, editors_from_secrets, oidc_editor, sign_in
from zhez.ui.language import t

EDITOR_KEY = "editor"


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:
        return {}


def editor() -> Editor | None:
    """The signed-in editor of this session, or None for a viewer."""
    who = st.session_state.get(EDITOR_KEY)
    if isinstance(who, Editor):
        return who
    if "auth" in _secrets() and getattr(st.user, "is_logged_in", False):
        try:
            who = oidc_editor(str(st.user.get("email", "")), _secrets().get("access", {}))
        except AuthError:
            return None
        st.session_state[EDITOR_KEY] = who
        return who
    return None


def sign_in_form() -> None:
    """Name and password (checked against argon2 hashes in secrets), or the akimat's identity provider."""
    secrets = _secrets()
    editors = editors_from_secrets(secrets)
    st.info(t("auth.viewers_need_nothing"))
    if "auth" in secrets:
        st.button(t("auth.sign_in_oidc"), on_click=st.login, icon=":material/login:")
    if not editors and "auth" not in secrets:
        st.warning(t("auth.no_editors"))
        return
    with st.form("sign-in"):
        name = st.text_input(t("auth.name"))
        password = st.text_input(t("auth.password"), type="password")
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
    if submitted:
        try:
            st.session_state[EDITOR_KEY] = sign_in(name, password, editors)
        except AuthError:
            st.error(t("auth.refused"))
            return
        st.rerun()


def signed_in_bar(who: Editor) -> None:
    """Who is signed in, and the button to sign out."""
    left, right = st.columns([4, 1])
    left.success(t("auth.signed_in_as", name=who.name), icon=":material/verified_user:")
    if right.button(t("auth.sign_out"), key="sign-out", width="stretch"):
        st.session_state.pop(EDITOR_KEY, None)
        if who.via == "oidc":
            st.logout()
        st.rerun()
