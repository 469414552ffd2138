"""Markdown in a link or in what a user typed reaches the page escaped, and so is shown literally.

AppTest gives each element's Markdown source; rendering it with a CommonMark parser (markdown-it, the
family Streamlit's renderer follows) shows what the reader sees: the text as typed, no link, no image.
"""

from __future__ import annotations

import pytest
from apptest_helpers import LANGS, no_exceptions, open_page
from markdown_it import MarkdownIt

from zhez import load_plan
from zhez.auth import trusted_person
from zhez.i18n import t
from zhez.store import Correction, Store

LINK = "[Session expired: sign in again](http://127.0.0.1:9/a)"
IMAGE = "![x](http://127.0.0.1:9/img.png)"
EDITOR = "__Aigul__ aigul@evil.example"  # the most markdown a person's name may hold (zhez.auth.NAME)
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough", "linkify"])


def rendered(source: str) -> str:
    html = GFM.render(source)
    assert not any(tag in html for tag in ("<a ", "<img", "<strong", "<em")), html
    return html.replace("\u2060", "")


def test_the_check_can_fail():
    with pytest.raises(AssertionError):
        rendered(f"reason ({LINK})")
    with pytest.raises(AssertionError):
        rendered(IMAGE)
    with pytest.raises(AssertionError):
        rendered(EDITOR)


@pytest.mark.parametrize("lang", LANGS)
def test_a_hostile_move_in_the_link_is_shown_literally(lang):
    at = open_page("pages/whatif.py", lang=lang, m=[LINK, IMAGE])
    no_exceptions(at)
    (warning,) = [w.value for w in at.warning]
    html = rendered(warning)
    assert "[Session expired: sign in again](http" in html and "…" in html  # literally, cut to a short excerpt


def test_a_scenario_saved_with_markdown_is_shown_literally():
    at = open_page(None, lang="en", m="rp-1,2026,2028,10000")
    at.session_state["editor"] = trusted_person(EDITOR, every_body=True)
    at.session_state["wi-tab"] = t("whatif.tab_saved", "en")  # the saved scenarios' tab, where Save is
    at.switch_page("pages/whatif.py").run()
    at.text_input(key="wi-name").input(LINK)
    next(b for b in at.get("button") if getattr(b, "label", "") == "Save").click().run()
    no_exceptions(at)
    assert Store().scenarios()["name"].tolist() == [LINK]
    assert LINK in rendered(at.success[0].value)
    at.run()  # the saved list, as the next run shows it
    (who_saved,) = [c.value for c in at.caption if "evil" in c.value]
    assert EDITOR in rendered(who_saved)
    assert f"«{LINK}»" in rendered(at.toggle(key="wi-compare").label)


def test_an_editor_name_in_markdown_is_shown_literally():
    store = Store()
    store.migrate()
    store.correct_point(load_plan(), trusted_person(EDITOR, every_body=True), Correction("p34", 47.8, 67.7, "exact"))
    at = open_page("pages/map.py", lang="ru", project="p34")
    no_exceptions(at)
    (caption,) = [c.value for c in at.caption if "evil" in c.value]
    assert EDITOR in rendered(caption)
