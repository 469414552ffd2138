"""The number field reads what an official types in their language and says how it read it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def field_app(lang: str) -> AppTest:
    def script(lang: str) -> None:
        import streamlit as st

        from zhez import ui

        st.session_state["lang"] = lang
        reading = ui.number_field("Value", key="v")
        st.session_state["read"] = reading.value

    at = AppTest.from_function(script, args=(lang,), default_timeout=60)
    at.run()
    return at


@pytest.mark.parametrize(
    ("lang", "typed", "value", "shown"),
    [
        ("ru", "17,5", 17.5, "Прочитано как 17,5"),
        ("kk", "95,6", 95.6, "Былай оқылды: 95,6"),
        ("ru", "1 700,5", 1700.5, "Прочитано как 1\u00a0700,5"),
        ("en", "17.5", 17.5, "Read as 17.5"),
    ],
)
def test_a_typed_number_is_read_as_the_language_writes_it(lang, typed, value, shown):
    at = field_app(lang)
    at.text_input(key="v").input(typed).run()
    assert at.session_state["read"] == value
    assert [c.value for c in at.caption] == [shown]
    assert not at.error


def test_an_ambiguous_number_is_refused_in_words():
    at = field_app("ru")
    at.text_input(key="v").input("1.700").run()
    assert at.session_state["read"] is None
    assert at.error and "1" in at.error[0].value and not at.caption
