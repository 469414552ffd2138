"""User text inside Markdown stays text: no link, image, emphasis or HTML can be planted."""

from __future__ import annotations

import re

import pytest

from zhez.markdown import escape, excerpt

UNESCAPED = re.compile(r"(?<!\\)[\[\]()!*_`<>#|~:$&]")


@pytest.mark.parametrize(
    "hostile",
    [
        "[Session expired: sign in again](http://evil.example/login)",
        "![x](http://tracker.example/pixel.png)",
        "<img src=http://tracker.example/p.png>",
        "**bold** _it_ `code` # heading",
        ":red[alarm] :material/warning:",
        "$x^2$",
        "http://evil.example www.evil.example a@evil.example",
        "1. item\n- item\n> quote",
    ],
)
def test_markdown_syntax_in_user_text_is_escaped(hostile):
    text = escape(hostile)
    assert not UNESCAPED.search(text), text
    assert "\n" not in text
    assert "http://" not in text and "www." not in text  # no bare address GFM would link


def test_plain_words_are_left_as_they_are():
    assert escape("Мектеп 2028 сценарийі") == "Мектеп 2028 сценарийі"
    assert escape("Жезқазған") == "Жезқазған"


def test_an_excerpt_is_short_and_escaped():
    long = "[" + "x" * 200 + "](http://a)"
    cut = excerpt(long)
    assert cut.startswith("\\[") and cut.endswith("…") and len(cut) < 70
    assert excerpt("short") == "short"
