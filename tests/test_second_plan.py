"""Another city's plan of the same ministerial form loads the same way: by the same ingest from its own
reviewed files, as the app's plan through ``ZHEZ_PLAN_DIR``, and with editions of its own."""

from __future__ import annotations

import edition_helpers as h
import pytest
import second_plan

from zhez import audit, editions, ingest, load_plan, progress


@pytest.fixture(scope="module")
def other_dir(tmp_path_factory):
    return second_plan.write_other_city_plan(tmp_path_factory.mktemp("other") / "plan")


@pytest.fixture(scope="module")
def other(other_dir):
    return load_plan(other_dir)


def test_the_other_city_s_plan_is_read_as_printed(other, plan):
    assert len(other.indicators) == len(plan.indicators)
    assert other.document_id == "satpayev-2026-2030" and other.document_id != plan.document_id
    assert other.indicators["name_kk"].str.startswith(second_plan.CITY_KK).all()
    assert set(other.indicators["code"]).isdisjoint({"НИ-1", "1.1"})
    # numbers doubled, cell text kept
    pairs = other.values.merge(plan.values, on=["indicator_id", "year"], suffixes=("", "_real"))
    both = pairs.dropna(subset=["value", "value_real"])
    assert len(both) > 300 and ((both["value"] - 2 * both["value_real"]).abs() < 1e-6).all()
    # the responsible bodies are read past the other city's name ("Сәтбаев қ. ТКШБ")
    assert other.indicators["responsible_body"].tolist() == plan.indicators["responsible_body"].tolist()
    assert other.indicators["responsible"].str.contains(second_plan.CITY_KK).any()
    assert other.period_total() == pytest.approx(2 * plan.period_total())
    assert other.choices_for("method", "worked_example") == ["i02", "i05"]


def test_the_lenses_and_the_audit_run_on_it(other):
    assessed = progress.assess(other)
    assert len(assessed) == len(other.indicators) and set(assessed["status"]) - {"no_rating"}
    findings = audit.audit(other)
    assert not findings.empty and findings["message_ru"].str.len().gt(0).all()


def test_zhez_plan_dir_points_the_app_s_plan_at_it(other_dir, monkeypatch):
    monkeypatch.setenv("ZHEZ_PLAN_DIR", str(other_dir))
    assert load_plan().document_id == "satpayev-2026-2030"


def test_an_edition_of_the_other_plan_loads_the_same_way_and_apart(store, coordinator, other, plan, other_dir):
    text = (other_dir.parent / "source" / "section4_table.txt").read_text(encoding="utf-8")
    first = other.indicators.iloc[9]
    row = h.row_named(text, ingest.split_code(first["indicator_raw"])[2])
    amended = h.set_cell(text, row, 9, "1,5")
    edition = store.import_edition(
        coordinator, other, editions.read(amended.encode(), "satpayev.txt"), name="Өзгерістер", effective_year=2027
    )
    diff = editions.diff(other, editions.edition_plan(other, edition))
    assert diff[["change", "indicator_id", "year", "after"]].values.tolist() == [
        ["value_changed", first["id"], 2027, 1.5]
    ]
    assert store.plan_in_force(plan) is plan  # the first city's plan knows nothing of it
    assert [e.name for e in store.editions(other.document_id)] == ["Өзгерістер"]


def test_the_screens_choices_name_what_this_plan_has(other_dir, tmp_path):
    """A choice naming an indicator or a line the plan does not have is refused on loading, with where."""
    import shutil

    broken = tmp_path / "plan"
    shutil.copytree(other_dir, broken)
    (broken / "choices.csv").write_text("screen,choice,value\nmethod,worked_example,i99\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"choices.csv, row 1, column 'value': unknown indicator 'i99'"):
        load_plan(broken)
