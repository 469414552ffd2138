"""The server's settings that protect users: no traceback or server path ever reaches a browser."""

from __future__ import annotations

import tomllib

from streamlit import config


def test_error_details_are_never_shown_to_a_user(root):
    settings = tomllib.loads((root / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    value = settings["client"]["showErrorDetails"]
    assert value == config.ShowErrorDetailsConfigOptions.NONE  # not "full", "stacktrace" or "type"
