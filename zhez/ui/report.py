"""The Report screen: the period and the language chosen, the summary shown as the file prints it, the Word
and PDF files made when clicked. Its widget keys start with ``rp-``.

A draft (submitted values too) is for a coordinator only: the switch is offered to them, and whoever asks
for one — by the switch or by ``draft=1`` in the link — goes through ``zhez.auth`` here and the store's
``report_view``, which refuse everyone else.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html

import streamlit as st

from zhez import charts, i18n, report
from zhez.auth import AuthError, Person, require_coordinator
from zhez.cycle import Period
from zhez.editions import edition_in_force
from zhez.plan import PLAN_YEARS
from zhez.report.content import Block, Chart, Heading, Paragraph
from zhez.report.images import chart_svg
from zhez.ui import link
from zhez.ui.language import lang, t, today
from zhez.ui.loaders import audit_findings, plan, revision, store
from zhez.ui.render import html_lines, html_table, html_text
from zhez.ui.widgets import select, toggle


def period_choice() -> Period:
    """Every plan year and every half-year a round was opened for; the latest round's period first chosen."""
    rounds = store().rounds()
    keys = sorted({*(str(y) for y in PLAN_YEARS), *(p for p in rounds["period"] if Period.parse(p).year in PLAN_YEARS)})
    default = str(rounds["period"].iloc[0]) if not rounds.empty and str(rounds["period"].iloc[0]) in keys else keys[0]
    labels = {k: Period.parse(k).label(lang()) for k in keys}
    return Period.parse(select(t("report.choose_period"), keys, "period", default, labels.get, key="rp-period"))


def language_choice() -> str:
    """The report's language (the page's by default)."""
    return select(
        t("report.choose_lang"), list(i18n.LANGUAGES), "rlang", lang(), i18n.LANGUAGE_NAMES.get, key="rp-lang"
    )


def draft_choice(who: Person | None) -> bool:
    """The draft switch, offered to coordinators; ``draft=1`` in the link asks for one whoever follows it."""
    if who is not None and who.is_coordinator:
        return toggle(t("report.draft_toggle"), "draft", False, key="rp-draft")
    return link.switch("draft", False)


@st.cache_resource(show_spinner=False, max_entries=16)
def _content_at(
    revision: int, period_key: str, report_lang: str, draft: bool, _who: Person | None, made_on: dt.date
) -> report.Report:
    period = Period.parse(period_key)
    findings = audit_findings(edition_in_force(plan(), period.year))  # the audit of the edition judged by
    sources = report.gather(store(), plan(), period, findings, _who, draft=draft)
    return report.build(sources, report_lang, made_on)


def content(period: Period, report_lang: str, who: Person | None, draft: bool) -> report.Report:
    """The report for the current data, kept while the store stands. A draft is checked for the person here
    (a kept draft is never handed to a viewer) and, when made, by the store."""
    if draft:
        require_coordinator(who)
    return _content_at(revision(), period.key, report_lang, draft, who, today())  # a new day, a new date


def summary(made: report.Report) -> None:
    """The title page's facts and the summary as the files print them, charts included (the same vector
    images, drawn once per report on the server): one HTML block, far lighter for the browser than an element
    per paragraph and a Vega chart each."""
    if made.draft_mark:
        st.error(made.draft_mark, icon=":material/draft:")
    note = f" · {made.plan_name_note}" if made.plan_name_note else ""
    facts = "".join(f"<li><b>{html_text(label)}</b>: {html_text(value)}</li>" for label, value in made.facts)
    text = [f"<h3>{html_text(made.title)}</h3>", f"<p class='note'>{html_text(made.plan_name + note)}</p>"]
    text.append(f"<ul>{facts}</ul>")
    text += [printed_block(block, made.lang) for block in made.parts[0].blocks]
    st.html(f"<div class='zhez-document'>{''.join(text)}</div>")


def printed_block(block: Block, report_lang: str) -> str:
    """A heading, paragraph, table or chart of the report as HTML, as the file prints it."""
    if isinstance(block, Heading):
        tag = "h2" if block.level == 1 else "h3"
        return f"<{tag}>{html_text(block.text)}</{tag}>"
    if isinstance(block, Paragraph):
        lines = html_lines(block.text)
        return f"<p>{lines}</p>" if block.style == "body" else f"<p class='{block.style}'>{lines}</p>"
    if isinstance(block, Chart):
        drawn = base64.b64encode(chart_svg(block.chart, report_lang).encode("utf-8")).decode("ascii")
        described = html.escape(charts.title_text(block.chart))  # read out in place of the picture
        return f"<figure class='zhez-chart'><img src='data:image/svg+xml;base64,{drawn}' alt='{described}'></figure>"
    return html_table(block.columns, block.rows, block.numeric, total_row=block.total_row)  # the total row bold


def downloads(made: report.Report) -> None:
    """The report as Word and as PDF, each made when its button is clicked."""
    stem = f"zhezkazgan-report-{made.period.key}-{made.lang}" + ("-draft" if made.draft else "")
    left, right = st.columns(2)
    left.download_button(
        t("report.download_docx"), functools.partial(report.docx_bytes, made), f"{stem}.docx", report.DOCX_MIME,
        key="rp-docx", on_click="ignore", icon=":material/description:", type="primary", width="stretch",
    )  # fmt: skip
    right.download_button(
        t("report.download_pdf"), functools.partial(report.pdf_bytes, made), f"{stem}.pdf", report.PDF_MIME,
        key="rp-pdf", on_click="ignore", icon=":material/picture_as_pdf:", width="stretch",
    )  # fmt: skip


def refused(error: AuthError) -> None:
    st.error(error.text(lang()), icon=":material/block:")
