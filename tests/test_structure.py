"""The shape the code keeps (README, "What is where"): pages read like the screen, the link has one owner."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from apptest_helpers import ROOT

PAGES = sorted((ROOT / "pages").glob("*.py"))
UI = sorted((ROOT / "zhez" / "ui").glob("*.py"))


def touches_the_link(path: Path) -> bool:
    """Whether the code reads or writes ``st.query_params`` (a page link's ``query_params=`` does not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(node, ast.Attribute) and node.attr == "query_params" for node in ast.walk(tree))


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_a_page_is_short_and_leaves_the_link_to_zhez_ui(page):
    text = page.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 80, "a page reads like the screen: move its logic into zhez or zhez/ui"
    assert not touches_the_link(page), "the link is read and written through zhez.ui (widgets, link)"
    assert text.splitlines()[-1].strip(), "ends with a line"
    assert "ui.run_inside_app()" in text, "a page opened by its link must run inside app.py's navigation"


def test_only_the_link_module_touches_the_query_parameters():
    touching = [p.name for p in [*UI, ROOT / "app.py"] if touches_the_link(p)]
    assert touching == ["link.py"]


def test_every_page_url_path_is_its_file_name():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    listed = re.findall(r'st\.Page\("pages/(\w+)\.py"(.*?)\)', app)
    assert sorted(name for name, _ in listed) == sorted(p.stem for p in PAGES)
    assert not [name for name, rest in listed if "url_path" in rest]  # Streamlit infers it from the file name
