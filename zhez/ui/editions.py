"""The Editions screen: the plan as published and as amended, what one edition changed against another, each
edition's audit, and — for a coordinator — loading an amended edition (a Word file or text), reviewing the
indicators it brought in, and withdrawing one. Its widget keys start with ``ed-``.

Every write goes through ``zhez.store``, which checks that the person is a coordinator: the forms are shown
to anyone signed in, and an editor's attempt is refused there, in words.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from zhez import editions, tables
from zhez.auth import AuthError, Person
from zhez.editions import edition_in_force
from zhez.ingest import SourceError
from zhez.markdown import escape
from zhez.plan import DESIRED, PLAN_YEARS, YEARS, Plan
from zhez.store import StoreError
from zhez.ui.downloads import table_downloads
from zhez.ui.language import lang, t, today
from zhez.ui.loaders import audit_findings, plan, plan_revision, published_plan, store
from zhez.ui.render import findings_list, short_table, table
from zhez.ui.widgets import select

DONE_KEY = "ed-done"  # what the last write did, shown once after the rerun it causes
UPLOAD_ROUND = "ed-upload-round"  # a new uploader after a load, so the loaded file is not offered again


def numbers() -> list[str]:
    """The editions of the plan in force, by number as text (the link's values), the published one first."""
    return [str(n) for n in plan().editions["number"]]


def label(number: str) -> str:
    return tables.edition_label(plan(), int(number), lang())


def overview() -> None:
    """Every edition with its basis, year in force, who loaded it and its state (withdrawn ones too): a few rows,
    printed whole (in the data grid, its last column was cut at 1366 px)."""
    published = published_plan()
    short_table(tables.editions_table(published, store().edition_states(published.document_id), lang()))


@st.cache_resource(show_spinner=False, max_entries=16)
def _edition_plan_at(plan_revision: int, number: int) -> Plan:
    published = published_plan()
    if number == 0:
        return published
    stored = {e.number: e for e in store().editions(published.document_id)}
    return editions.edition_plan(published, stored[number], store().indicator_reviews(published.document_id))


def edition_plan(number: str) -> Plan:
    """One edition as a plan of its own (its table as printed), kept per plan revision."""
    return _edition_plan_at(plan_revision(), int(number))


def pick_pair() -> tuple[str, str]:
    """The two editions to compare, in the link (``from``, ``to``): by default the latest and the one before."""
    options = numbers()
    newest = str(edition_in_force(plan(), YEARS[-1]))
    before = options[max(0, options.index(newest) - 1)]
    labels = {n: label(n) for n in options}  # in this run's language (a format function is kept past the run)
    left, right = st.columns(2)
    old = select(t("editions.from"), options, "from", before, labels.get, key="ed-from", container=left)
    new = select(t("editions.to"), options, "to", newest, labels.get, key="ed-to", container=right)
    return old, new


def changes(old: str, new: str) -> None:
    """What ``new`` changed against ``old``: a table on screen, the same as CSV and XLSX."""
    before, after = edition_plan(old), edition_plan(new)
    found = editions.diff(before, after)
    if found.empty:
        st.info(t("editions.no_changes", old=escape(label(old)), new=escape(label(new))))
        return
    compared = t("editions.changes_between", old=label(old), new=label(new), n=len(found))  # plain, for the files
    st.caption(t("editions.changes_between", old=escape(label(old)), new=escape(label(new)), n=len(found)))
    table(tables.diff_table(before, after, found, lang(), for_screen=True), key="ed-diff")
    notes = {t("export.note_made_on"): today().isoformat(), t("editions.note_compared"): compared}
    table_downloads(
        tables.diff_table(before, after, found, lang()), f"plan-changes-{old}-{new}", "ed-diff", notes,
        sheet=t("editions.sheet_diff"),
    )  # fmt: skip


def audit_of(number: str) -> None:
    """The plan audit of one edition, saying whose findings they are."""
    findings = audit_findings(int(number))
    st.caption(t("editions.audit_of", edition=escape(label(number)), n=len(findings)))
    if number != "0":
        st.caption(t("editions.audit_table_only"))
    findings_list(tables.findings_table(plan(), findings, lang()))


def review_queue() -> pd.DataFrame:
    queue = tables.review_queue(plan(), lang())
    if queue.empty:
        st.info(t("editions.none_awaiting"))
    else:
        table(queue)
    return queue


def last_write() -> None:
    """What the previous run wrote, once."""
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(done)


def _wrote(message: str) -> None:
    st.session_state[DONE_KEY] = message
    st.rerun()


def import_form(person: Person) -> None:
    """Upload an amended edition, see what it would change against the edition in force, then load it."""
    round_ = st.session_state.get(UPLOAD_ROUND, 0)
    upload = st.file_uploader(t("editions.file"), type=["docx", "txt"], key=f"ed-file-{round_}")
    name = st.text_input(t("editions.name"), max_chars=200, key="ed-name")
    basis = st.text_input(t("editions.basis"), max_chars=2000, placeholder=t("editions.basis_hint"), key="ed-basis")
    this_year = today().year
    years = list(PLAN_YEARS)
    effective = st.selectbox(
        t("editions.effective"), years, index=years.index(this_year) if this_year in years else 0, key="ed-year"
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        section = editions.read(data, upload.name)
        preview = editions.preview(section, plan(), name, int(effective))
    except SourceError as error:
        st.error(escape(error.text(lang())), icon=":material/block:")
        return
    current = str(edition_in_force(plan(), YEARS[-1]))
    before = edition_plan(current)
    found = editions.diff(before, editions.edition_plan(published_plan(), preview))
    counts = preview.matching["match"].value_counts()
    st.markdown(t("editions.preview", n=len(found), against=escape(label(current))))
    st.caption(" · ".join(f"{t(f'editions.match.{how}')}: {int(counts.get(how, 0))}" for how in editions.MATCHES))
    if found.empty:  # most likely the edition loaded already, uploaded again
        st.warning(t("editions.preview_nothing", against=escape(label(current))), icon=":material/content_copy:")
    else:
        table(tables.diff_table(before, editions.edition_plan(published_plan(), preview), found, lang(), True))
    if st.button(t("editions.load"), type="primary", icon=":material/upload_file:", key="ed-load"):
        try:
            edition = store().import_edition(
                person, published_plan(), section, name=name, basis=basis, effective_year=int(effective),
                source_file=upload.name, source_sha256=hashlib.sha256(data).hexdigest(),
            )  # fmt: skip
        except (AuthError, StoreError, SourceError) as error:
            st.error(escape(error.text(lang())), icon=":material/block:")
            return
        st.session_state[UPLOAD_ROUND] = round_ + 1
        _wrote(t("editions.loaded_short", name=escape(edition.name), year=str(edition.effective_year)))


def review_form(person: Person, queue: pd.DataFrame) -> None:
    """Set a new indicator's desired direction and its Russian and English names (a coordinator)."""
    if queue.empty:
        return
    ids = list(queue[t("col.id")])
    names = tables.indicator_labels(plan(), lang())
    with st.form("ed-review", enter_to_submit=False):
        indicator_id = st.selectbox(
            t("indicator.pick"), ids, format_func=lambda i: names.get(i, i), key="ed-review-ind"
        )
        directions = {"": "—", **{d: t(f"desired.{d}") for d in DESIRED if d != "unknown"}}
        desired = st.selectbox(
            t("col.desired"), list(directions), format_func=directions.__getitem__, key="ed-review-desired"
        )
        name_ru = st.text_input(t("editions.name_ru"), max_chars=2000, key="ed-review-ru")
        name_en = st.text_input(t("editions.name_en"), max_chars=2000, key="ed-review-en")
        save = st.form_submit_button(t("editions.save_review"), type="primary")
    if save:
        try:
            store().review_indicator(
                person, plan(), str(indicator_id), desired=desired, name_ru=name_ru, name_en=name_en
            )
        except (AuthError, StoreError) as error:
            st.error(escape(error.text(lang())), icon=":material/block:")
            return
        _wrote(t("editions.reviewed", indicator=escape(names.get(str(indicator_id), str(indicator_id)))))


def withdraw_form(person: Person) -> None:
    """Take a loaded edition out of force, with the reason (kept in the store and the log)."""
    stored = [n for n in numbers() if n != "0"]
    if not stored:
        return
    with st.expander(t("editions.withdraw_title")), st.form("ed-withdraw", enter_to_submit=False):
        labels = {n: label(n) for n in stored}
        number = st.selectbox(t("editions.col_name"), stored, format_func=labels.__getitem__, key="ed-withdraw-which")
        reason = st.text_input(t("editions.withdraw_reason"), max_chars=2000, key="ed-withdraw-reason")
        go = st.form_submit_button(t("editions.withdraw"))
    if go:
        try:
            store().withdraw_edition(person, published_plan(), int(number), reason)
        except (AuthError, StoreError) as error:
            st.error(escape(error.text(lang())), icon=":material/block:")
            return
        _wrote(t("editions.withdrawn_short", edition=escape(label(number))))
