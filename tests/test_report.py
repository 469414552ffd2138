"""The implementation report: what it says (every figure as the data holds it, formatted for the language),
its files (Word opens them; the PDF's text layer reads back), drafts for coordinators only, the command line."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

import pandas as pd
import pytest
from cycle_helpers import approve_values, open_round
from docx import Document
from pypdf import PdfReader

from zhez import i18n, report, rollups, tables
from zhez.audit import audit
from zhez.auth import AuthError, trusted_person
from zhez.cycle import Entry, IndicatorReport, Period
from zhez.i18n import t
from zhez.report.content import achievement, deviation
from zhez.report.execution import execution_of
from zhez.store import Store

MADE_ON = dt.date(2027, 1, 25)
KAZAKH_LETTERS = "әғқңөұүһі"  # the letters Kazakh adds to Russian Cyrillic
Y2026 = Period(2026)
# A body's explanation in real Kazakh with every letter of the alphabet's own (һ occurs in no text of the plan)
EXPLANATION = (
    "Қаһарлы аяздар салдарынан ғимарат құрылысы кешікті; үкімет өңірлік бюджеттен қосымша қаржы бөлді, "
    "мердігермен келісім жаңартылды, әкімдік бақылауды күшейтті."
)
MEASURES = "Жұмыс кестесі қайта қаралды; мердігер 2027 жылдың бірінші тоқсанында аяқтайды."
NO_DATA = "Статистикалық деректер 2027 жылдың сәуірінде жарияланады."
LONG = " ".join(f"{n}-кезең: мердігер жұмыстарды кестеден кешіктірді, қосымша келісім жасалды." for n in range(1, 26))
SUBMITTED = {"i40": 71.5, "i41": 64.0}  # submitted by the body, not yet approved
MANUAL = ("i03", "at_risk", "Ведомственные данные за IV квартал ещё не сверены со статистикой.")


def target(plan, indicator_id: str, year: int = 2026) -> float | None:
    series = plan.series(indicator_id)
    cells = series[(series["year"] == year) & (series["kind"] == "target")]["value"]
    return None if cells.empty or math.isnan(cells.iloc[0]) else float(cells.iloc[0])


def approved_values(plan) -> dict[str, float]:
    """Values near each target for the first 30 indicators that have a 2026 target (percentages capped at 100)."""
    values = {}
    for index, indicator_id in enumerate(plan.indicators["id"][:36]):
        goal = target(plan, indicator_id)
        if goal is None:
            continue
        value = round(goal * (0.9 + 0.04 * (index % 5)), 1)
        if plan.indicator(indicator_id)["unit"].strip() == "%":
            value = min(value, 100.0)
        values[indicator_id] = value
    return values


@pytest.fixture(scope="module")
def filled(plan, tmp_path_factory) -> Store:
    """A 2026 round: approved values with explanations, two submitted values, a "no data yet", a manual status."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('report') / 'store.sqlite'}")
    store.migrate()
    coordinator = trusted_person("Dana Sarsen", "coordinator")
    editor = trusted_person("Aigul Bekova", every_body=True)
    open_round(store, Y2026, coordinator)
    values = approved_values(plan)
    approve_values(store, plan, [(i, 2026, v) for i, v in values.items()], editor, coordinator)
    explained = [Entry("i10", Y2026, IndicatorReport(values["i10"], "", EXPLANATION, MEASURES, "ДСБ есебі"))]
    saved = store.save(plan, editor, explained, submit=True)
    store.approve(plan, coordinator, saved.saved)
    store.save(
        plan,
        trusted_person("Bolat Nurov", every_body=True),
        [Entry(i, Y2026, IndicatorReport(v, deviation_reason="кешігу", source="form 1")) for i, v in SUBMITTED.items()]
        + [Entry("i45", Y2026, IndicatorReport(None, no_data_reason=NO_DATA))],
        submit=True,
    )
    long = [Entry("i20", Y2026, IndicatorReport(values["i20"], "", LONG, "", "ДСБ есебі"))]
    store.approve(plan, coordinator, store.save(plan, editor, long, submit=True).saved)
    store.set_manual_status(plan, coordinator, *MANUAL[:1], 2026, *MANUAL[1:])
    yield store
    store.dispose()


@pytest.fixture(scope="module")
def findings(plan):
    return audit(plan)


@pytest.fixture(scope="module")
def coordinator():
    return trusted_person("Dana Sarsen", "coordinator")


def built(store, plan, findings, lang, draft=False, person=None, period=Y2026):
    who = person or (trusted_person("Dana Sarsen", "coordinator") if draft else None)
    return report.build(report.gather(store, plan, period, findings, who, draft=draft), lang, MADE_ON)


@pytest.fixture(scope="module")
def docx_kk(filled, plan, findings):
    return Document(io.BytesIO(report.docx_bytes(built(filled, plan, findings, "kk"))))


@pytest.fixture(scope="module")
def docx_ru_draft(filled, plan, findings):
    return Document(io.BytesIO(report.docx_bytes(built(filled, plan, findings, "ru", draft=True))))


@pytest.fixture(scope="module")
def pdf_kk_draft(filled, plan, findings):
    return PdfReader(io.BytesIO(report.pdf_bytes(built(filled, plan, findings, "kk", draft=True))))


@pytest.fixture(scope="module")
def pdf_ru(filled, plan, findings, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "report-ru.pdf"
    path.write_bytes(report.pdf_bytes(built(filled, plan, findings, "ru")))
    return path


def indicator_rows(document, lang: str) -> list[list[str]]:
    """Every data row of the indicator tables (those headed by the code column), cells as text."""
    heading = t("report.col_code", lang)
    rows = []
    for table in document.tables:
        cells = [c.text for c in table.rows[0].cells]
        if cells[0] == heading and len(cells) == 10:
            rows += [[c.text for c in row.cells] for row in table.rows[1:]]
    return rows


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


# ── figures ────────────────────────────────────────────────────────────────


def test_achievement_follows_the_stated_formula_for_each_direction_of_change():
    assert achievement("increase", 90.0, 100.0, "%", "ru") == "90,0\u00a0%"
    assert achievement("decrease", 8.0, 6.0, "", "ru") == "75,0\u00a0%"  # target ÷ actual
    assert achievement("decrease", 0.0, 6.0, "", "ru") == i18n.NO_VALUE  # no division by nothing
    assert achievement("increase", 5.0, 0.0, "", "ru") == i18n.NO_VALUE
    assert achievement("maintain", 94.6, 95.0, "%", "ru") == t("report.level_held", "ru")  # within 0.5 points
    assert achievement("maintain", 94.4, 95.0, "%", "ru") == t("report.level_not_held", "ru")
    assert achievement("maintain", 99.0, 95.0, "%", "kk") == t("report.level_held", "kk")
    assert achievement("increase", None, 95.0, "%", "kk") == i18n.NO_VALUE
    assert deviation(88.4, 95.0, "ru") == "−6,6" and deviation(6.9, 6.75, "kk") == "+0,15"
    assert achievement("increase", 78935.3, 100000.0, "", "en") == "78.9\u00a0%"


def test_one_row_per_indicator_each_figure_as_the_data_formatted_for_the_language(docx_kk, plan, filled):
    rows = indicator_rows(docx_kk, "kk")
    assert len(rows) == len(plan.indicators)
    values = approved_values(plan)
    ids = [
        i
        for direction_id in plan.directions["id"]
        for i in plan.indicators[plan.indicators["direction_id"] == direction_id].sort_values("order")["id"]
    ]
    by_code_order = dict(zip(ids, rows, strict=True))
    for indicator_id, cells in by_code_order.items():
        row = plan.indicator(indicator_id)
        assert cells[0] == (row["code_raw"] or "—")
        assert cells[1] == row["name_kk"]
        goal = target(plan, indicator_id)
        assert cells[3] == (i18n.number(goal, "kk") if goal is not None else i18n.NO_VALUE)
        if indicator_id in values:
            assert cells[4] == i18n.number(values[indicator_id], "kk")
            assert cells[5] == achievement(row["desired"], values[indicator_id], goal, row["unit"], "kk")
            assert cells[6] == i18n.signed(values[indicator_id] - goal, "kk")
        else:  # submitted values and "no data yet" are not in a viewer's report
            assert cells[4] == i18n.NO_VALUE and cells[5] == i18n.NO_VALUE
    i10 = by_code_order["i10"]
    assert i10[8] == EXPLANATION and i10[9] == MEASURES
    assert any("\u00a0" in c[3] for c in rows)  # thousands apart with a no-break space: 78 935,3


def test_the_summary_counts_statuses_owed_values_and_says_execution_is_not_in(filled, plan, findings):
    content = built(filled, plan, findings, "ru")
    counts = content.tables("status_counts")[0]
    assert counts.rows[-1][-1] == str(len(plan.indicators))  # the total row counts every indicator
    assert sum(int(c) for c in counts.rows[-1][1:-1]) == len(plan.indicators)
    assert content.tables("status_counts_manual")  # the coordinator set a status for 2026
    owed = content.tables("owed_by_body")[0]
    expected = len(plan.indicators) - len(approved_values(plan))
    assert sum(int(r[1]) for r in owed.rows) == expected
    assert set(content.tables("without_data")[0].keys) == set(plan.indicators["id"]) - set(approved_values(plan))
    texts = [b.text for part in content.parts for b in part.blocks if hasattr(b, "text")]
    assert texts.count(t("report.no_execution", "ru")) >= 2  # financing and projects both say so
    financing = content.tables("financing")[0]
    assert all(r[3] == i18n.NO_VALUE for r in financing.rows)  # nothing executed is printed as nothing, not zero
    reason = next(r for r, k in zip(content.tables("without_data")[0].rows, content.tables("without_data")[0].keys, strict=True) if k == "i45")  # fmt: skip
    assert reason[3] == t("report.not_reported", "ru")  # a viewer's report: the body's submitted reason is not approved


def test_the_title_page_names_the_plan_as_its_passport_prints_it_and_the_round(filled, plan, findings):
    content = built(filled, plan, findings, "ru")
    assert content.plan_name == "Жезқазған қаласының 2026-2030 жылдарға арналған даму жоспары"
    assert "перевод" in content.plan_name_note
    facts = dict(content.facts)
    assert facts[t("report.fact_period", "ru")] == "2026"
    assert facts[t("report.fact_approved", "ru")] == "Dana Sarsen"
    assert facts[t("report.fact_prepared", "ru")] == "Aigul Bekova"  # a viewer's report: who submitted approved ones
    assert (
        "Dana Sarsen" in facts[t("report.fact_round", "ru")] and "01.03.2027" in facts[t("report.fact_round", "ru")]
    )  # the date as Russian documents write it
    draft = dict(built(filled, plan, findings, "ru", draft=True).facts)
    assert draft[t("report.fact_prepared", "ru")] == "Aigul Bekova, Bolat Nurov"


def test_execution_once_approved_fills_the_financing_and_the_projects(plan):
    from zhez.execution import FinancingReport, ProjectReport

    at = pd.Timestamp("2027-01-20", tz="UTC")
    line = plan.financing[plan.financing["role"] == "line"].iloc[0]

    def approved(kind, subject, period, payload):
        return {"id": 1, "kind": kind, "subject_id": subject, "period": period, "payload": payload,
                "submitted_by": "Editor", "created_by": "Editor", "submitted_at": at, "reviewed_by": "Dana",
                "reviewed_at": at, "approval": "approved"}  # fmt: skip

    reports = pd.DataFrame(
        [
            approved("project", "p33", "2026", ProjectReport("construction", 90.0, dt.date(2025, 5, 1), None, 600.0).payload()),
            approved("project", "p34", "2027", ProjectReport("commissioned", 100.0, dt.date(2026, 4, 1), None, 1.0).payload()),
            approved("financing", line["line_id"], "2026", FinancingReport(50.26, 40.0, "Тариф вырос").payload()),
        ]
    )  # fmt: skip
    assert execution_of(reports.iloc[:0], Y2026) is None
    executed = execution_of(reports, Y2026)
    assert executed.as_of == dt.date(2027, 1, 20)
    assert list(executed.reports["subject_id"]) == ["p33", line["line_id"]]  # 2027's report is after the period
    sources = report.Sources(plan, Y2026, _no_reports(), _no_manual(), pd.DataFrame(columns=["period"]),
                             audit(plan).iloc[:0], executed)  # fmt: skip
    content = report.build(sources, "ru", MADE_ON)
    projects = dict(zip(content.tables("projects")[0].keys, content.tables("projects")[0].rows, strict=True))
    assert len(projects) == len(plan.projects)  # every project of the plan, reported or not
    cost = plan.projects.set_index("id").loc["p33", "cost_mln_kzt"]
    assert projects["p33"] == (
        "33", plan.projects.set_index("id").loc["p33", "name_ru"], t("exec.status.construction", "ru"), "90,0\u00a0%",
        "600,0", i18n.number(cost, "ru", 1), "окончание по плану — 2026 г.; не введён в эксплуатацию на 31.12.2026",
    )  # fmt: skip
    assert projects["p34"][2] == t("exec.status.not_reported", "ru")
    by_status = dict(content.tables("projects_by_status")[0].rows)
    assert by_status[t("exec.status.construction", "ru")] == "1"
    financing = {(r[0], r[1]): r for r in content.tables("financing")[0].rows}
    direction = tables.direction_names(plan, "ru")[line["direction_id"]]
    published = plan.financing[(plan.financing["line_id"] == line["line_id"]) & (plan.financing["year"] == 2026)]
    line_plan_2026 = float(published["amount_mln_kzt"].iloc[0])
    planned, budget, executed, of_plan, of_budget = financing[(direction, "2026")][2:7]
    assert (budget, executed, of_budget) == ("40,0", "50,3", rollups.pct_text(50.26 / 40.0 * 100, "ru"))
    assert planned != i18n.NO_VALUE and of_plan != i18n.NO_VALUE
    # executed beyond the approved budget: the line is listed with the reason its report gives
    (deviating,) = content.tables("financing_deviations")
    assert deviating.keys == (line["line_id"],)
    assert deviating.rows[0][1:] == ("2026", i18n.number(line_plan_2026, "ru", 1), "40,0", "50,3", "Тариф вырос")
    # the title page names who entered and who approved the execution figures it prints
    facts = dict(content.facts)
    assert (facts[t("report.fact_prepared", "ru")], facts[t("report.fact_approved", "ru")]) == ("Editor", "Dana")
    assert t("report.no_execution", "ru") not in [b.text for p in content.parts for b in p.blocks if hasattr(b, "text")]


def _no_reports() -> pd.DataFrame:
    from zhez.store import REPORT_COLUMNS

    return pd.DataFrame(columns=[*REPORT_COLUMNS, "approval"])


def _no_manual() -> pd.DataFrame:
    return pd.DataFrame(columns=["indicator_id", "year", "status", "reason", "set_by", "set_at"])


def test_a_long_explanation_is_printed_whole_under_its_table(filled, plan, findings, pdf_kk_draft):
    assert len(LONG) > 1500  # longer than a table row could hold on one page
    content = built(filled, plan, findings, "kk")
    blocks = [b for part in content.parts for b in part.blocks]
    table = next(b for b in blocks if isinstance(b, report.content.Table) and "i20" in b.keys)
    cell = table.rows[table.keys.index("i20")][8]
    assert cell.endswith(t("report.see_note", "kk", n=1)) and LONG.startswith(cell.split(" … ")[0])
    note = blocks[blocks.index(table) + 1]
    assert note.text.endswith(LONG)
    printed = flat(" ".join(page.extract_text() for page in pdf_kk_draft.pages))
    # every sentence of it printed (the note may flow onto the next page, past a footer and a header)
    assert all(f"{n}-кезең:" in printed for n in range(1, 26))
    assert printed.count("қосымша келісім жасалды") >= 25


def test_a_half_year_report_prints_the_half_year_values(filled, plan, findings):
    coordinator = trusted_person("Dana Sarsen", "coordinator")
    h1 = Period(2026, 1)
    open_round(filled, h1, coordinator)
    saved = filled.save(plan, trusted_person("Aigul Bekova", every_body=True), [Entry("i29", h1, IndicatorReport(97.5, source="s"))], submit=True)  # fmt: skip
    filled.approve(plan, coordinator, saved.saved)
    content = built(filled, plan, findings, "kk", period=h1)
    table = next(tb for tb in content.tables("indicators") if "i29" in tb.keys)
    assert table.rows[table.keys.index("i29")][4] == "97,5"
    assert t("report.col_actual", "kk", period=h1.label("kk")) in table.columns


# ── who may have a draft ───────────────────────────────────────────────────


def test_a_draft_is_for_a_coordinator_only_in_the_store(store, plan):
    with pytest.raises(AuthError):
        store.report_view("indicator", draft=True)  # a viewer
    with pytest.raises(AuthError):
        store.report_view("indicator", person=trusted_person("Aigul", "editor", ["ББ"]), draft=True)
    with pytest.raises(AuthError):
        report.gather(store, plan, Y2026, audit(plan).iloc[:0], None, draft=True)
    open_round(store, Y2026)
    store.save(plan, trusted_person("Aigul", every_body=True), [Entry("i29", Y2026, IndicatorReport(98.0, source="s"))], submit=True)  # fmt: skip
    assert store.report_view("indicator").empty  # nothing approved yet
    draft = store.report_view("indicator", person=trusted_person("Dana", "coordinator"), draft=True)
    assert draft["approval"].tolist() == ["submitted"]


def test_a_draft_prints_the_submitted_values_marked(filled, plan, findings):
    content = built(filled, plan, findings, "ru", draft=True)
    table = next(tb for tb in content.tables("indicators") if "i40" in tb.keys)
    cell = table.rows[table.keys.index("i40")][4]
    assert cell == f"{i18n.number(SUBMITTED['i40'], 'ru')}\n{t('report.not_approved', 'ru')}"


# ── the Word file ──────────────────────────────────────────────────────────


def test_the_docx_has_words_headings_a4_landscape_tables_and_repeated_header_rows(docx_kk, plan):
    headings: dict[str, list[str]] = {}
    for paragraph in docx_kk.paragraphs:
        headings.setdefault(paragraph.style.name, []).append(paragraph.text)
    for key in ("report.summary", "report.indicators", "report.without_data", "report.projects", "report.annex"):
        assert t(key, "kk") in headings["Heading 1"]
    for name in plan.directions["name_kk"]:
        assert name in headings["Heading 2"]
    assert "TOC" in docx_kk.element.body.xml  # the contents field over the headings
    sizes = {(round(s.page_width.mm), round(s.page_height.mm)) for s in docx_kk.sections}
    assert sizes == {(210, 297), (297, 210)}  # A4, with landscape sections for the wide tables
    wide = [tb for tb in docx_kk.tables if len(tb.columns) == 10]
    assert wide and all("w:tblHeader" in tb.rows[0]._tr.xml for tb in wide)
    footers = [s.footer for s in docx_kk.sections]
    assert all("PAGE" in f._element.xml and "NUMPAGES" in f._element.xml for f in footers)
    parts = {p.partname.ext for p in docx_kk.part.package.iter_parts()}
    assert {"svg", "png"} <= parts  # each chart as SVG, with a PNG for readers that cannot take SVG


def test_the_docx_is_proofed_in_its_language_and_keeps_headings_with_their_tables(docx_kk, docx_ru_draft):
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph as DocxParagraph

    for document, tag in ((docx_kk, "kk-KZ"), (docx_ru_draft, "ru-RU")):
        defaults = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
        assert [d.get(qn("w:val")) for d in defaults] == [
            tag
        ]  # not python-docx's en-US: Word would underline every word
        assert document.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == tag
    body = list(docx_kk.element.body.iterchildren())
    for index, element in enumerate(body[1:], start=1):
        before = body[index - 1]
        if element.tag == qn("w:tbl") and before.tag == qn("w:p") and before.xpath("string(.)").strip():
            # the line that introduces a table stays on its page, and so does the table's header row
            paragraph = DocxParagraph(before, docx_kk._body)
            kept = paragraph.paragraph_format.keep_with_next or paragraph.style.paragraph_format.keep_with_next
            assert kept, paragraph.text
    header_rows = [tb.rows[0]._tr for tb in docx_kk.tables if "w:tblHeader" in tb.rows[0]._tr.xml]
    assert header_rows and all(row.xpath(".//w:pPr/w:keepNext") for row in header_rows)


def test_the_draft_mark_is_on_every_page_of_a_draft_and_nowhere_else(docx_kk, docx_ru_draft):
    mark_ru, mark_kk = t("report.draft_mark", "ru"), t("report.draft_mark", "kk")
    assert all(mark_ru in s.header.paragraphs[0].text for s in docx_ru_draft.sections)
    assert mark_ru in "\n".join(p.text for p in docx_ru_draft.paragraphs)  # and on the title page
    everything = "\n".join(
        [p.text for p in docx_kk.paragraphs]
        + [p.text for s in docx_kk.sections for p in s.header.paragraphs + s.footer.paragraphs]
    )
    assert mark_kk not in everything and mark_ru not in everything
    for document, lang in ((docx_kk, "kk"), (docx_ru_draft, "ru")):
        footer = document.sections[0].footer.paragraphs[0].text
        assert t("export.made_on", lang, date="25.01.2027") in footer
        assert t("export.note_source", lang) in footer


def test_kazakh_letters_are_text_in_the_docx(docx_kk):
    text = "\n".join(c.text for tb in docx_kk.tables for row in tb.rows for c in row.cells)
    assert set(KAZAKH_LETTERS) <= set(text)


# ── the PDF ────────────────────────────────────────────────────────────────


def test_the_pdf_text_layer_holds_every_kazakh_letter_every_code_and_the_mark_on_every_page(pdf_kk_draft, plan):
    pages = [page.extract_text() for page in pdf_kk_draft.pages]
    text = flat("\n".join(pages))
    assert set(KAZAKH_LETTERS) <= set(text)
    for code in plan.indicators["code_raw"]:
        assert flat(code) in text, code
    mark = flat(t("report.draft_mark", "kk"))
    assert all(mark in flat(page) for page in pages)
    assert flat(EXPLANATION) in text
    assert [o.title for o in pdf_kk_draft.outline if not isinstance(o, list)][:1] == [t("report.summary", "kk")]


def test_a_viewers_pdf_has_no_draft_mark_and_numbers_its_pages(pdf_ru, plan):
    reader = PdfReader(pdf_ru)
    pages = [flat(page.extract_text()) for page in reader.pages]
    assert not any(flat(t("report.draft_mark", "ru")) in p for p in pages)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert flat(t("report.page", "ru").format(n=number, total=total)) in page
    assert all(flat(t("export.made_on", "ru", date="25.01.2027")) in p for p in pages)


def test_the_first_page_rendered_by_poppler_is_not_blank(pdf_ru, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed (.ci/run installs poppler-utils)")
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf_ru), str(tmp_path / "p")], check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height  # the title, the facts table: ink, not an empty page


def test_a_pdf_tables_money_unit_is_never_left_alone_on_a_line(pdf_ru):
    # the projects' "Стоимость, млн ₸" printed "Стоимость, млн" over a line of its own "₸"
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed (.ci/run installs poppler-utils)")
    text = subprocess.run(["pdftotext", "-layout", str(pdf_ru), "-"], capture_output=True, text=True, check=True)
    lines = text.stdout.replace("\u00a0", " ").splitlines()
    assert any("Стоимость" in line for line in lines)
    alone = [line for line in lines if re.search(r"(^|\s{2})\s*₸|млн(\s{2}|\s*$)", line)]
    assert alone == []


def test_a_docx_tables_headings_keep_their_unit_and_years_together(docx_kk):
    headings = [cell.text for table in docx_kk.tables for cell in table.rows[0].cells]
    assert any(h.endswith("млн\u00a0₸") for h in headings)
    assert not any(h.endswith(" ₸") or h.endswith(" %") for h in headings)


# ── indicator sheets ───────────────────────────────────────────────────────


def test_a_directions_sheets_are_one_page_each(filled, plan, findings):
    sources = report.gather(filled, plan, Y2026, findings)
    ids = list(plan.indicators[plan.indicators["direction_id"] == "od-2"]["id"])
    reader = PdfReader(io.BytesIO(report.sheets_pdf(report.indicator_sheets(sources, ids, "ru", MADE_ON))))
    assert len(reader.pages) == len(ids)
    for page, indicator_id in zip(reader.pages, ids, strict=True):
        text = flat(page.extract_text())
        row = plan.indicator(indicator_id)
        assert flat(row["code_raw"]) in text and flat(row["name_ru"])[:40] in text
        assert flat(t("export.made_on", "ru", date="25.01.2027")) in text
        assert flat(t("report.draft_mark", "ru")) not in text


def test_a_sheet_carries_the_explanation_and_in_a_draft_the_mark(filled, plan, findings, coordinator):
    sources = report.gather(filled, plan, Y2026, findings, coordinator, draft=True)
    sheet = report.indicator_sheets(sources, ["i10"], "kk", MADE_ON)[0]
    assert dict(sheet.explanation)[t("cycle.field.deviation_reason", "kk")] == EXPLANATION
    text = flat(PdfReader(io.BytesIO(report.sheets_pdf([sheet]))).pages[0].extract_text())
    assert flat(t("report.draft_mark", "kk")) in text and flat(EXPLANATION) in text
    values = dict((r[0], r) for r in sheet.values.rows)
    assert values["2026"][3] == i18n.number(approved_values(plan)["i10"], "kk")
    assert values["2024"][2] == plan.series("i10").set_index("year").loc[2024, "raw"].strip()


# ── the command line ───────────────────────────────────────────────────────


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def run_cli(filled, capsys, *args, secrets=None) -> Done:
    """``python -m zhez report …`` in this process (the same ``main`` the module runs)."""
    from zhez.cli import main

    command = ["--database", filled.url, "--lang", "ru", "--secrets", str(secrets or "/nonexistent/secrets.toml")]
    capsys.readouterr()
    code = main([*command, "report", *args])
    out = capsys.readouterr()
    return Done(code, out.out, out.err)


def test_python_m_zhez_report_writes_the_file(filled, root, tmp_path):
    out = tmp_path / "report.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "zhez", "--database", filled.url, "report", "--year", "2026", "--lang", "ru", "--out", str(out)],
        cwd=root, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.strip() == str(out), done.stderr
    assert len(PdfReader(out).pages) > 5


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--year", "2031", "--lang", "kk"), "2031"),
        (("--year", "2025", "--lang", "ru"), "2026–2030"),
        (("--year", "2026", "--lang", "de"), "«de»"),
    ],
)
def test_the_cli_refuses_a_year_outside_the_plan_or_an_unknown_language_in_one_line(
    filled, capsys, tmp_path, args, words
):
    out = tmp_path / "r.docx"
    done = run_cli(filled, capsys, *args, "--out", str(out))
    assert done.returncode == 1 and words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and not out.exists()


def test_the_cli_refuses_a_path_it_cannot_write_in_one_line(filled, capsys, tmp_path):
    done = run_cli(filled, capsys, "--year", "2026", "--lang", "ru", "--out", str(tmp_path / "no" / "such" / "r.pdf"))
    assert done.returncode == 1 and t("report.reason.no_folder", "ru") in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    folder = tmp_path / "r.docx"
    folder.mkdir()
    done = run_cli(filled, capsys, "--year", "2026", "--lang", "ru", "--out", str(folder))
    assert done.returncode == 1 and t("report.reason.is_folder", "ru") in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_cli_writes_the_docx_and_a_coordinators_draft_only(filled, capsys, tmp_path):
    from zhez.auth import hash_password

    secrets = tmp_path / "secrets.toml"
    password = hash_password("x" * 10)
    secrets.write_text(
        f'[users."Dana Sarsen"]\npassword = "{password}"\nrole = "coordinator"\n'
        f'[users."Aigul"]\npassword = "{password}"\nrole = "editor"\nbodies = ["ББ"]\n',
        encoding="utf-8",
    )
    out = tmp_path / "report.docx"
    done = run_cli(filled, capsys, "--year", "2026", "--lang", "kk", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert len(indicator_rows(Document(str(out)), "kk")) > 0
    refused = run_cli(filled, capsys, "--year", "2026", "--draft", "--by", "Aigul", "--out", str(tmp_path / "d.pdf"), secrets=secrets)  # fmt: skip
    assert refused.returncode == 1 and t("problem.coordinators_only", "ru") in refused.stderr
    assert not (tmp_path / "d.pdf").exists()
    missing = run_cli(filled, capsys, "--year", "2026", "--draft", "--out", str(tmp_path / "d.pdf"))
    assert missing.returncode == 1 and "--by" in missing.stderr
    draft = run_cli(filled, capsys, "--year", "2026", "--draft", "--by", "Dana Sarsen", "--out", str(tmp_path / "d.docx"), secrets=secrets)  # fmt: skip
    assert draft.returncode == 0, draft.stderr
    assert t("report.draft_mark", "ru") in Document(str(tmp_path / "d.docx")).sections[0].header.paragraphs[0].text


def test_a_year_is_reported_against_the_edition_in_force_and_the_report_names_it(store, plan, coordinator, tmp_path):
    import edition_helpers as h

    from zhez import editions

    text = h.table_text()
    row = h.row_named(text, "Нәресте өлімінің төмендеуі")  # i10's 2026 target is column 8
    data = h.set_cell(text, row, 8, "4,0").encode("utf-8")
    store.import_edition(
        coordinator, plan, editions.read(data, "amended.txt"), name="Өзгеріс 2026", basis="шешім № 5",
        effective_year=2026, source_file="amended.txt", source_sha256=h.sha(data),
    )  # fmt: skip
    in_force = store.plan_in_force(plan)
    content = report.build(report.gather(store, in_force, Y2026, audit(in_force)), "ru", MADE_ON)
    row_i10 = next(
        r for table in content.tables("indicators") for r, k in zip(table.rows, table.keys, strict=True) if k == "i10"
    )
    assert row_i10[3] == "4"  # the amended target, not the published one
    assert "«Өзгеріс 2026»" in dict(content.facts)[t("report.fact_source", "ru")] and "«Өзгеріс 2026»" in content.footer
    out = tmp_path / "r.docx"
    done = subprocess.run(
        [sys.executable, "-m", "zhez", "--database", store.url, "report", "--year", "2026", "--lang", "ru", "--out", str(out)],
        cwd=h.ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "«Өзгеріс 2026»" in Document(str(out)).sections[0].footer.paragraphs[0].text  # the command line too


def test_a_charts_filled_point_is_printed_without_a_black_ring(tmp_path):
    # Vega writes a filled point with a stroke width and no stroke; fpdf2 ringed it in black (the target path's
    # blue points on every indicator sheet and in the report)
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed (.ci/run installs poppler-utils)")
    import altair as alt
    from fpdf import FPDF
    from PIL import Image

    from zhez.report.images import chart_svg

    middle = {"axis": None, "scale": alt.Scale(domain=[0, 2])}
    point = alt.Chart(pd.DataFrame({"x": [1], "y": [1]})).mark_point(filled=True, size=4000, color="#0072B2", opacity=1)
    svg = chart_svg(point.encode(x=alt.X("x:Q", **middle), y=alt.Y("y:Q", **middle)).properties(height=100), "ru")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(svg.encode("utf-8")), x=10, y=10, w=150)
    (tmp_path / "point.pdf").write_bytes(bytes(pdf.output()))
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(tmp_path / "point.pdf"), str(tmp_path / "p")], check=True)
    pixels = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB").getdata()
    blue = sum(1 for r, g, b in pixels if b > 150 and r < 60)
    black = sum(1 for r, g, b in pixels if r < 60 and g < 60 and b < 60)
    assert blue > 100 and black == 0, (blue, black)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_summarys_owed_codes_are_written_as_the_screens_write_them(filled, plan, findings, lang):
    # the Russian report listed "1.1 көрсеткіш; 1.2көрсеткіш; НҰИ - 6; НИ–2" (the plan's printed cells)
    owed = built(filled, plan, findings, lang).tables("owed_by_body")[0]
    codes = [code for row in owed.rows for code in row[2].split("; ")]
    assert codes and set(codes) <= set(plan.indicators["code"]) | {"—"}
    assert not any("көрсеткіш" in row[2] for row in owed.rows)
