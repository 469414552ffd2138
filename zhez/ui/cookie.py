"""The server side of a sign-in that lasts across page reloads: the route that sets and deletes the
session cookie. Streamlit 1.67 gives a script no way to set a cookie (``st.context.cookies`` is read-only);
an ``st.App`` (``serve.py``) can add routes, and a route's answer can set an HttpOnly cookie, out of
reach of any script in the page.

The page hands the route a short-lived signed token (``SessionTokens.handoff``) with ``fetch``; the route
answers with the session token in the cookie ``zhez_session`` (HttpOnly, SameSite=Strict, Secure over
HTTPS, ``SESSION_HOURS``). Each new page session reads it from ``st.context.cookies``. ``DELETE`` removes it.
The key signing the tokens is ``session_key`` in the secrets; without one, a random key of this server
process (a restart signs everyone out; several processes behind one address need the shared key).
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from zhez.auth import SessionTokens

COOKIE = "zhez_session"
PATH = "/zhez/session"
MAX_HANDOFF = 4096  # bytes: a handoff token is ~150
_PROCESS_KEY = secrets.token_urlsafe(32)
_mounted = False


def key() -> str:
    """The key signing session tokens: ``session_key`` of the secrets, else this process's own."""
    try:
        configured = st.secrets.get("session_key")
    except FileNotFoundError:
        configured = None
    return str(configured) if configured else _PROCESS_KEY


def mounted() -> bool:
    """Whether this server answers the cookie route (started through ``serve.py``)."""
    return _mounted


def routes() -> list[Route]:
    """The cookie route, for ``st.App(routes=…)``."""
    global _mounted
    _mounted = True
    return [Route(PATH, _session, methods=["POST", "DELETE"])]


async def _session(request: Request) -> Response:
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        return Response(status_code=403)  # another site may not sign a reader in or out
    answer = Response(status_code=204)
    if request.method == "DELETE":
        answer.delete_cookie(COOKIE, path="/", samesite="strict")
        return answer
    body = await request.body()
    token = SessionTokens(key()).session(body[:MAX_HANDOFF].decode("ascii", "replace"))
    if token is None:
        return Response(status_code=403)
    answer.set_cookie(
        COOKIE,
        token,
        max_age=SessionTokens(key()).max_age,
        path="/",
        httponly=True,
        samesite="strict",
        secure="https" in (request.url.scheme, request.headers.get("x-forwarded-proto")),
    )
    return answer
