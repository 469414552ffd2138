"""A coordinator loads an amended plan as a Word file in a real browser and sees on one screen what changed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from browser_helpers import ROOT, start_app, stop_app, wait_rendered

sys.path.insert(0, str(ROOT / "tests"))

import edition_helpers as h

from zhez.auth import hash_password

PASSWORD = "correct horse 2026"


@pytest.fixture(scope="module")
def coordinator_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("editions-app")
    secrets = tmp / "secrets.toml"
    secrets.write_text(
        f'[users."Dana Coordinator"]\npassword = "{hash_password(PASSWORD)}"\nrole = "coordinator"\n', encoding="utf-8"
    )
    proc, base = start_app(tmp, {"STREAMLIT_SECRETS_FILES": str(secrets)})
    yield base, tmp
    stop_app(proc)


def test_a_coordinator_uploads_a_word_edition_and_sees_the_changes(coordinator_app, page, tmp_path: Path):
    base, _ = coordinator_app
    text = h.table_text()
    row = h.row_named(text, "Нәресте өлімінің төмендеуі")
    amended = tmp_path / "amended.docx"
    amended.write_bytes(h.docx_bytes(h.set_cell(h.set_cell(text, row, 8, "4,0"), row, 9, "4,2")))

    page.goto(f"{base}/editions?lang=ru")
    wait_rendered(page)
    assert page.get_by_role("heading", name="Редакции плана").is_visible()
    assert page.get_by_text("Пока загружен только опубликованный план").is_visible()
    page.get_by_label("Имя").fill("Dana Coordinator")
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    wait_rendered(page)

    page.get_by_label("Название редакции").fill("Изменения 2027")
    page.get_by_label("Основание").fill("решение маслихата № 5")
    page.locator("input[type=file]").set_input_files(str(amended))
    page.get_by_text("Прочитано.").wait_for(timeout=60000)
    wait_rendered(page)
    assert page.get_by_text("2 изменения").first.is_visible()
    page.get_by_role("button", name="Загрузить эту редакцию").click()
    page.get_by_text("Редакция «Изменения 2027» загружена").wait_for(timeout=60000)
    wait_rendered(page)
    # what changed, now between the published plan and the edition loaded
    page.get_by_text("по сравнению с: опубликованный план — 2 изменения").wait_for(timeout=30000)
    page.screenshot(path=str(tmp_path / "editions.png"), full_page=True)
    grid = page.locator("[data-testid=stDataFrame]").first  # the changes (the editions are printed above)
    assert grid.is_visible()
    # the same changes as a file, made when the button is clicked
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="Скачать CSV").first.click()
    assert info.value.suggested_filename == "plan-changes-0-1.csv"
    rows = info.value.path().read_bytes().decode("utf-8-sig").splitlines()
    assert len(rows) == 3 and rows[0].startswith("Изменение,")
    assert [r.split(",")[5:8] for r in rows[1:]] == [["6.75", "4.0", "-2.75"], ["6.55", "4.2", "-2.35"]]
