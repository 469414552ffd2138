"""Every string a user reads exists in Kazakh, Russian and English; numbers read the officials' way."""

from __future__ import annotations

import re

import pytest

# Importing the modules registers their strings.
import zhez.audit
import zhez.charts
import zhez.progress  # noqa: F401
from zhez import i18n


def test_every_string_has_three_non_empty_translations():
    for key, texts in i18n.TEXTS.items():
        assert len(texts) == 3, key
        assert all(text.strip() for text in texts), key


def test_placeholders_agree_across_languages():
    for key, texts in i18n.TEXTS.items():
        fields = [sorted(set(re.findall(r"{(\w+)}", text))) for text in texts]
        assert fields[0] == fields[1] == fields[2], key


def test_every_key_used_in_the_code_is_defined(root):
    used: set[str] = set()
    for path in [*root.glob("zhez/*.py"), *root.glob("pages/*.py"), root / "app.py"]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""", text))
    missing = sorted(k for k in used if k not in i18n.TEXTS)
    assert not missing


def test_kazakh_strings_are_kazakh_not_russian_copies():
    same = [k for k, (kk, ru, _en) in i18n.TEXTS.items() if kk == ru and re.search(r"[а-яА-Я]{4,}", kk)]
    allowed = {
        "sector.sport",
        "sector.ecology",
        "page.indicator",
        "indicator.pick",
        "unit.mln_kzt",
        "col.code",
        "col.id",
        "action.import",
        "export.source_file",
        "auth.signed_in_as",
        "whatif.col_scenario",  # «сценарий» is the Kazakh word too
    }
    assert set(same) <= allowed


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "78\u00a0935,3\u00a0млн ₸"), ("ru", "78\u00a0935,3\u00a0млн ₸"), ("en", "78,935.3\u00a0mln ₸")],
)
def test_money_is_written_as_officials_write_it(lang, expected):
    assert i18n.money(78935.3, lang) == expected


def test_numbers_and_signs():
    assert i18n.number(184716.0, "ru") == "184\u00a0716"
    assert i18n.number(0.16, "en") == "0.16"
    assert i18n.number(float("nan"), "kk") == "–"
    assert i18n.signed(-62.6, "en", 1) == "−62.6"
    assert i18n.signed(1200.5, "ru") == "+1\u00a0200,5"
    assert i18n.number(-0.0, "en") == "0"


def test_an_unknown_key_or_language_is_a_bug():
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "kk")
    with pytest.raises(KeyError):
        i18n.t("page.overview", "de")
