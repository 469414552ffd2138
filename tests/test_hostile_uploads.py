"""Hostile workbooks uploaded on the Record page: a refusal in words, never a traceback, nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_helpers import no_exceptions
from test_record_page import editors, open_2026, record_page, sign_in  # noqa: F401 (editors is a fixture)

from zhez.i18n import t
from zhez.store import Store

DATA = Path(__file__).resolve().parent / "data"
CRASHED_BEFORE = [  # each raised a Python traceback on the Record page before issue 21
    "nan-number.xlsx",
    "digits-5000.xlsx",
    "shared-string-out-of-range.xlsx",
    "bad-crc.xlsx",
    "truncated-sheet.xlsx",
    "illegal-character-reference.xlsx",
    "many-problems.xlsx",
]


@pytest.mark.parametrize("name", CRASHED_BEFORE)
def test_a_hostile_upload_is_refused_in_words(editors, name):  # noqa: F811
    open_2026()
    at = sign_in(record_page(editors, lang="ru"))
    data = (DATA / "bad" / name).read_bytes()
    at.get("file_uploader")[0].set_value((name, data, "application/octet-stream")).run()
    no_exceptions(at)
    errors = " ".join(e.value for e in at.error)
    assert t("record.refused", "ru") in errors, errors
    assert "Traceback" not in errors and "site-packages" not in errors
    assert Store().reports().empty
