"""The one module of the package that touches Streamlit: cached loaders, shared widgets, formatting.

Pages stay thin: they read widgets, call ``zhez`` and render through the helpers here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from zhez import budget, charts, geo, i18n, progress, tables
from zhez.audit import audit
from zhez.auth import AuthError, Person, accounts_from_secrets, default_guard, oidc_person, sign_in
from zhez.plan import ROOT, Plan, load_plan
from zhez.store import Correction, Store, StoreError, StoreTooNew

LANG_KEY = "lang"


# ── every page starts here ─────────────────────────────────────────────────


def page_start() -> None:
    """Make sure the page runs inside app.py's navigation.

    Before any session has run ``st.navigation``, Streamlit treats the ``pages/`` folder
    the old way: a page opened by its link (``/indicator?…``) on a fresh server runs on
    its own, without app.py. Then run app.py here, in this same run (so no click or typed
    value is lost), and let its navigation run the page; stop this outer copy after it.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if not PagesManager.uses_pages_directory:
        return
    PagesManager.uses_pages_directory = False
    app = ROOT / "app.py"
    exec(compile(app.read_text(encoding="utf-8"), str(app), "exec"), {"__name__": "__main__", "__file__": str(app)})
    st.stop()


# ── cached data ────────────────────────────────────────────────────────────


@st.cache_resource(show_spinner=False)
def plan() -> Plan:
    """The published plan, loaded once per server process (it is never written to)."""
    return load_plan()


@st.cache_resource(show_spinner=False)
def audit_findings() -> pd.DataFrame:
    return audit(plan())


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """The store, created or upgraded on first use (URL: secrets ``database_url``, env, or SQLite default)."""
    try:
        url = st.secrets.get("database_url")
    except FileNotFoundError:  # no secrets file: the embedded defaults
        url = None
    opened = Store(url)
    try:
        opened.migrate()
    except StoreTooNew as error:  # the store was upgraded by a newer release: say so, change nothing
        st.error(t("problem.store_too_new", found=error.found, known=error.known))
        st.stop()
    return opened


@st.cache_data(show_spinner=False, max_entries=4)
def _actuals_at(revision: int) -> pd.DataFrame:
    return store().actuals()


def recorded_actuals() -> pd.DataFrame:
    """What editors recorded, re-read only when the store has changed."""
    return _actuals_at(store().revision())


@st.cache_data(show_spinner=False, max_entries=8)
def _assessment_at(revision: int) -> pd.DataFrame:
    return progress.assess(plan(), _actuals_at(revision))


def assessment() -> pd.DataFrame:
    """Every indicator's status, with recorded actuals in place of what they replace."""
    return _assessment_at(store().revision())


@st.cache_data(show_spinner=False, max_entries=64)
def _progress_rows_at(
    revision: int, lang: str, direction: str | None, goals: tuple[str, ...], statuses: tuple[str, ...],
    bodies: tuple[str, ...], search: str,
) -> pd.DataFrame:  # fmt: skip
    return tables.progress_rows(plan(), _assessment_at(revision), lang, direction, goals, statuses, bodies, search)


def progress_rows(
    lang: str,
    direction: str | None = None,
    goals: Sequence[str] = (),
    statuses: Sequence[str] = (),
    bodies: Sequence[str] = (),
    search: str = "",
) -> pd.DataFrame:
    """``tables.progress_rows`` for the current data, kept per filter: its sentences cost ~0.2 ms an indicator."""
    return _progress_rows_at(store().revision(), lang, direction, tuple(goals), tuple(statuses), tuple(bodies), search)


@st.cache_resource(show_spinner=False, max_entries=32)
def _trajectory_grid_at(
    revision: int, lang: str, rows: pd.DataFrame, title: str, layout: tuple[int, int, int, float]
) -> alt.FacetChart:
    from zhez.export import direction_panels

    panels = direction_panels(plan(), rows, _observed_at(revision), _actuals_at(revision), lang)
    columns, panel_width, panel_height, size = layout
    return charts.small_multiples(panels, lang, title, columns, panel_width, panel_height, size)


def trajectory_grid(
    rows: pd.DataFrame,
    title: str,
    columns: int = 3,
    panel_width: int = 250,
    panel_height: int = 120,
    size: float = 1.0,
) -> alt.FacetChart:
    """``charts.small_multiples`` of ``progress_rows``, kept while the data stands: building
    an 18-panel grid in Altair takes ~150 ms, most of the Directions page's rerun.
    (The chart is shared, never changed: Altair's methods return copies.)"""
    layout = (columns, panel_width, panel_height, size)
    key_columns = ["indicator_id", "status", "code", "name"]
    return _trajectory_grid_at(store().revision(), lang(), rows[key_columns], title, layout)


@st.cache_resource(show_spinner=False, max_entries=8)
def _observed_at(revision: int) -> dict[str, list[progress.Point]]:
    return progress.observed_by_indicator(plan(), _actuals_at(revision))


def observed() -> dict[str, list[progress.Point]]:
    """Each indicator's observed points (published and recorded)."""
    return _observed_at(store().revision())


# ── editors ────────────────────────────────────────────────────────────────

EDITOR_KEY = "editor"


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:
        return {}


def editor() -> Person | None:
    """The signed-in person (editor or coordinator) of this session, or None for a viewer."""
    who = st.session_state.get(EDITOR_KEY)
    if isinstance(who, Person):
        return who
    if "auth" in _secrets() and getattr(st.user, "is_logged_in", False):
        try:
            who = oidc_person(st.user.to_dict(), _secrets().get("access", {}), _accounts(), plan().bodies["abbr"])
        except AuthError:
            return None
        st.session_state[EDITOR_KEY] = who
        return who
    return None


def _accounts() -> dict[str, Any]:
    return accounts_from_secrets(_secrets(), plan().bodies["abbr"])


def sign_in_form() -> None:
    """Name and password (checked against argon2 hashes in secrets), or the akimat's identity provider."""
    secrets = _secrets()
    accounts = _accounts()
    st.info(t("auth.viewers_need_nothing"))
    if "auth" in secrets:
        st.button(t("auth.sign_in_oidc"), on_click=st.login, icon=":material/login:")
    if not accounts and "auth" not in secrets:
        st.warning(t("auth.no_editors"))
        return
    with st.form("sign-in"):
        name = st.text_input(t("auth.name"))
        password = st.text_input(t("auth.password"), type="password")
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
    if submitted:
        client = str(getattr(st.context, "ip_address", None) or "")
        try:
            st.session_state[EDITOR_KEY] = sign_in(name, password, accounts, default_guard(), client)
        except AuthError as error:
            st.error(t("auth.refused") if error.problem.key == "wrong_password" else error.text(lang()))
            return
        st.rerun()


def signed_in_bar(who: Person) -> None:
    left, right = st.columns([4, 1])
    left.success(t("auth.signed_in_as", name=who.name), icon=":material/verified_user:")
    if right.button(t("auth.sign_out"), key="sign-out", width="stretch"):
        st.session_state.pop(EDITOR_KEY, None)
        if who.via == "oidc":
            st.logout()
        st.rerun()


# ── language ───────────────────────────────────────────────────────────────


def lang() -> str:
    """The reader's language: from the session, else the link's ``?lang=``, else Kazakh."""
    if LANG_KEY not in st.session_state:
        asked = st.query_params.get("lang", i18n.DEFAULT_LANGUAGE)
        st.session_state[LANG_KEY] = asked if asked in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
    return str(st.session_state[LANG_KEY])


def language_switch() -> str:
    """The sidebar's language choice; kept in the link so a shared URL opens in the same language."""
    current = lang()
    st.sidebar.radio(
        "Тіл · Язык · Language",
        i18n.LANGUAGES,
        index=i18n.LANGUAGES.index(current),
        format_func=i18n.LANGUAGE_NAMES.get,
        horizontal=True,
        key="lang_choice",
        on_change=_language_changed,
    )
    st.query_params["lang"] = lang()
    # Streamlit's page says lang="en" whatever the content; screen readers and the browser's
    # hyphenation and translation offers need the reader's language. (The value is one of ours.)
    st.sidebar.html(
        f"<script>document.documentElement.lang = {json.dumps(lang())};</script>", unsafe_allow_javascript=True
    )
    return lang()


def _language_changed() -> None:
    st.session_state[LANG_KEY] = st.session_state["lang_choice"]


def t(key: str, **params: object) -> str:
    """A string in the reader's language."""
    return i18n.t(key, lang(), **params)


def money(value: float | None) -> str:
    return i18n.money(value, lang())


def number(value: float | None, decimals: int | None = None) -> str:
    return i18n.number(value, lang(), decimals)


def name(row: pd.Series | dict[str, Any], field: str = "name") -> str:
    return i18n.localized(row, field, lang())


# ── links and widgets that live in the URL ─────────────────────────────────


def query_value(param: str, options: Sequence[str], default: str) -> str:
    """The link's value for ``param`` if it is one of ``options``, else ``default``."""
    value = st.query_params.get(param)
    return value if value in options else default


def query_list(param: str, options: Sequence[str]) -> list[str]:
    """A comma-separated list in the link, keeping only known options."""
    raw = st.query_params.get(param, "")
    return [v for v in raw.split(",") if v in options] if raw else []


def query_range(param: str, low: float, high: float) -> tuple[float, float]:
    """A ``low-high`` range in the link, clipped to the allowed span; the whole span if absent or unreadable."""
    try:
        first, last = (float(v) for v in st.query_params.get(param, "").split("-", 1))
    except ValueError:
        return (low, high)
    first, last = max(low, min(first, high)), max(low, min(last, high))
    return (first, last) if first <= last else (low, high)


def set_query(**params: str | Sequence[str] | None) -> None:
    """Write the view's state into the link (empty values are removed)."""
    for key, value in params.items():
        text = value if isinstance(value, str) or value is None else ",".join(value)
        if text:
            if st.query_params.get(key) != text:
                st.query_params[key] = text
        elif key in st.query_params:
            del st.query_params[key]


def select(
    label: str,
    options: Sequence[str],
    param: str,
    default: str,
    format_func: Callable[[str], str],
    key: str,
    container: Any = st,
) -> str:
    """A selectbox whose choice is kept in the link under ``param``."""
    initial = query_value(param, options, default)
    value = container.selectbox(label, options, index=list(options).index(initial), format_func=format_func, key=key)
    set_query(**{param: value})
    return str(value)


# ── rendering helpers ──────────────────────────────────────────────────────


def chart(
    spec: alt.TopLevelMixin, key: str, size: float = 1.0, scenario: str | None = None, contrast: bool = False
) -> None:
    """An Altair chart in the page's language and our theme, with PNG/SVG/PDF downloads drawn on the server.

    ``scenario`` (a name, or "") marks the downloaded images hypothetical. The images are made only
    when asked for, so the page does not pay for them on every rerun.
    """
    st.altair_chart(charts.finish(spec, lang(), size=size, contrast=contrast), theme=None, key=key, width="stretch")
    chart_downloads(spec, key, scenario)


def provenance(scenario: str | None = None) -> Any:
    """What every export says about itself: made today, data as of the last recorded actual, source."""
    import datetime as dt

    from zhez.export import Provenance, data_as_of

    return Provenance(lang(), dt.date.today(), data_as_of(recorded_actuals()), scenario)


def chart_downloads(spec: alt.TopLevelMixin, key: str, scenario: str | None = None) -> None:
    from zhez.export import FORMATS, chart_bytes

    stamp = provenance(scenario)
    with st.popover(t("export.chart"), icon=":material/download:"):
        for fmt, mime in FORMATS.items():
            st.download_button(
                fmt.upper(),
                lambda fmt=fmt: chart_bytes(spec, fmt, stamp),
                f"zhezkazgan-{key}.{fmt}",
                mime,
                key=f"{key}-{fmt}",
                on_click="ignore",
                width="stretch",
            )


def status_badge(status: str) -> str:
    """Icon, word and colour of a status, as a small HTML badge (colour is never alone)."""
    from zhez.progress import STATUS_COLORS, status_label

    return (
        f"<span style='display:inline-block;padding:1px 8px;border-radius:10px;border:2px solid {STATUS_COLORS[status]};"
        f"color:{STATUS_COLORS[status]};font-weight:600;white-space:nowrap'>{status_label(status, lang())}</span>"
    )


def kpis(items: Sequence[tuple[str, str, str]]) -> None:
    """Key figures as cards: (label, value, note). Values are never cut off, unlike ``st.metric``."""
    cards = "".join(
        f"<div class='zhez-kpi'><div class='zhez-kpi-label'>{label}</div><div class='zhez-kpi-value'>{value}</div>"
        f"<div class='zhez-kpi-note'>{note}</div></div>"
        for label, value, note in items
    )
    st.html(
        "<style>.zhez-kpis{display:flex;flex-wrap:wrap;gap:12px;margin:4px 0 12px}"
        ".zhez-kpi{flex:1 1 200px;background:#F2F5F8;border-radius:8px;padding:10px 14px}"
        ".zhez-kpi-label{font-size:0.9rem;color:#444}.zhez-kpi-value{font-size:1.9rem;font-weight:700;line-height:1.25;color:#1A1A1A}"
        ".zhez-kpi-note{font-size:0.85rem;color:#555}</style>"
        f"<div class='zhez-kpis'>{cards}</div>"
    )


TABLE_PAGE_ROWS = 500  # more than this is shown a page at a time (the downloads keep every row)


def table(frame: pd.DataFrame, height: int | str = "auto", key: str | None = None) -> None:
    """A table with its numbers written the reader's way; sorting still uses the numbers.

    Numbers are written by a pandas Styler, cell by cell; with ``key``, a long table is shown
    ``TABLE_PAGE_ROWS`` at a time (page in the link) so a much bigger plan stays quick.
    """
    if key is not None and len(frame) > TABLE_PAGE_ROWS:
        total = len(frame)
        frame, page, _ = paginate(frame, TABLE_PAGE_ROWS, param=f"{key}-page", key=f"{key}-page")
        first = (page - 1) * TABLE_PAGE_ROWS + 1
        st.caption(t("common.rows_shown", first=first, last=first + len(frame) - 1, total=total))
    numeric = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]
    styled = frame.style.format(lambda v: i18n.number(v, lang()), subset=numeric, na_rep="–") if numeric else frame
    st.dataframe(styled, hide_index=True, width="stretch", height=height)


def findings_list(frame: pd.DataFrame) -> None:
    """Audit findings grouped by kind, one expander each, most severe kinds first; text wraps in full."""
    kind_col, where_col, text_col = t("col.kind"), t("col.where"), t("col.finding")
    severity_col = t("col.severity")
    if frame.empty:
        st.info(t("audit.none"))
        return
    for kind, group in frame.groupby(kind_col, sort=False):
        with st.expander(f"{group[severity_col].iloc[0]} · {kind} ({len(group)})", expanded=len(group) <= 3):
            st.markdown("\n".join(f"- **{w}**: {m}" for w, m in zip(group[where_col], group[text_col], strict=True)))


def downloads(frame: pd.DataFrame, file_stem: str, key: str) -> None:
    """CSV and XLSX downloads of a table, side by side, made only when clicked."""
    from zhez.excel import workbook_bytes

    left, right = st.columns(2)
    left.download_button(
        t("common.download_csv"),
        lambda: frame.to_csv(index=False).encode("utf-8-sig"),
        f"{file_stem}.csv",
        "text/csv",
        key=f"{key}-csv",
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        t("common.download_xlsx"),
        lambda: workbook_bytes({file_stem[:31]: frame}),
        f"{file_stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        on_click="ignore",
        width="stretch",
    )


def status_text(status: str) -> str:
    """Icon and word of a status in the reader's language (``▼ Moving away``)."""
    return progress.status_label(status, lang())


def body_names() -> dict[str, str]:
    """Responsible bodies: abbreviation → full name in the reader's language (our expansion)."""
    return {row["abbr"]: name(row) for _, row in plan().bodies.iterrows()}


def scorecard(counts: dict[str, int], total: float | None, by_year: dict[int, float | None]) -> None:
    """Status counts (icon, word, colour, number) and the direction's financing."""
    chips = "".join(
        f"<div class='zhez-chip' style='border-color:{progress.STATUS_COLORS[s]}'>"
        f"<span style='color:{progress.STATUS_COLORS[s]};font-weight:700'>{progress.STATUS_ICONS[s]} {t(f'status.{s}')}</span>"
        f"<span class='zhez-chip-n'>{int(counts.get(s, 0))}</span></div>"
        for s in progress.WORST_FIRST
    )
    years = " · ".join(f"{y}: {money(v) if v is not None else '–'}" for y, v in by_year.items())
    money_text = money(total) if total is not None else t("overview.no_financing")
    st.html(
        "<style>.zhez-chips{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}"
        ".zhez-chip{border:2px solid;border-radius:8px;padding:6px 12px;display:flex;gap:10px;align-items:baseline;background:#fff}"
        ".zhez-chip-n{font-size:1.5rem;font-weight:700;color:#1A1A1A}"
        ".zhez-fin{margin:4px 0 10px;color:#333}</style>"
        f"<div class='zhez-chips'>{chips}</div>"
        f"<div class='zhez-fin'><b>{t('directions.financing')}: {money_text}</b><br><small>{years}</small></div>"
    )


def paginate(rows: pd.DataFrame, per_page: int, param: str, key: str) -> tuple[pd.DataFrame, int, int]:
    """One page of ``rows``; the page number lives in the link. Returns (rows, page, pages)."""
    pages = max(1, -(-len(rows) // per_page))
    options = [str(n) for n in range(1, pages + 1)]
    page = int(query_value(param, options, "1"))
    if pages > 1:
        page = int(st.segmented_control(t("common.page"), options, default=str(page), key=f"{key}-{pages}") or page)
    set_query(**{param: str(page) if page > 1 else None})
    return rows.iloc[(page - 1) * per_page : page * per_page], page, pages


def pick_row(frame: pd.DataFrame, key: str) -> int | None:
    """A table where clicking a row picks it; returns the row's position, or None."""
    event = st.dataframe(
        frame, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key=key
    )
    selected = event.selection.rows if event is not None else []
    return int(selected[0]) if selected else None


def status_line(row: pd.Series, unit: str) -> None:
    """Status badge, what it rests on and the sentence that explains it."""
    basis = progress.basis_label(row, lang())
    lens = t(f"lens.{row['lens']}") if row["lens"] else ""
    st.html(
        f"<div style='font-size:1.15rem;margin:4px 0'>{status_badge(str(row['status']))}"
        f" &nbsp;<span style='color:#444'>{t('indicator.based_on')}: <b>{basis}</b>{' · ' + lens if lens else ''}</span></div>"
    )
    st.write(progress.explain(row, unit, lang()))


def translation_note() -> None:
    """Ru/en readers see that indicator names are translations of the Kazakh original."""
    if lang() != "kk":
        st.caption("ℹ " + t("common.translation_note"))


# ── what-if ────────────────────────────────────────────────────────────────

MOVES_KEY = "wi-moves"


@st.cache_resource(show_spinner=False)
def financing() -> budget.Financing:
    """The published financing prepared once for scenario arithmetic."""
    return budget.Financing(plan())


def scenario_moves() -> list[budget.Move]:
    """The scenario of this session: from the link (``m=…`` once per move) on arrival, then from the session."""
    if MOVES_KEY not in st.session_state:
        moves: list[budget.Move] = []
        try:
            moves = budget.decode(st.query_params.get_all("m"))
            budget.apply(financing(), moves)
        except budget.BudgetError as error:
            st.warning(t("whatif.bad_link", reason=error.text(lang())))
            moves = []
        except ValueError as error:
            st.warning(t("whatif.bad_link", reason=str(error)))
            moves = []
        st.session_state[MOVES_KEY] = moves
    moves = list(st.session_state[MOVES_KEY])
    _moves_to_link(moves)
    return moves


def _moves_to_link(moves: list[budget.Move]) -> None:
    """One ``m=`` per move (a repeated key, unlike the comma lists of filters)."""
    encoded = budget.encode(moves)
    if st.query_params.get_all("m") != encoded:
        if encoded:
            st.query_params["m"] = encoded
        elif "m" in st.query_params:
            del st.query_params["m"]


def change_scenario(moves: list[budget.Move]) -> None:
    """Replace the scenario if every move is valid; else say why and keep the previous one."""
    try:
        budget.apply(financing(), moves)
    except budget.BudgetError as error:
        st.error(error.text(lang()))
        return
    st.session_state[MOVES_KEY] = moves
    _moves_to_link(moves)
    st.rerun()


def moves_from_editor(frame: pd.DataFrame) -> list[budget.Move]:
    """Rows of the moves editor as moves (incomplete rows are skipped)."""
    moves = []
    for row in frame.to_dict("records"):
        if any(
            pd.isna(row.get(k)) or row.get(k) in ("", None)
            for k in ("line_id", "from_year", "to_year", "amount_mln_kzt")
        ):
            continue
        to_line = row.get("to_line_id")
        moves.append(
            budget.Move(str(row["line_id"]), int(row["from_year"]), int(row["to_year"]), float(row["amount_mln_kzt"]),
                        str(to_line) if isinstance(to_line, str) and to_line else None)
        )  # fmt: skip
    return moves


def forget_widgets_when_changed(prefix: str, token: object) -> None:
    """Drop the remembered values of widgets whose keys start with ``prefix`` when ``token`` changes.

    A keyed widget keeps its value across reruns even when its default changes; inputs that mirror
    the current scenario must start again from it after each change.
    """
    marker = f"{prefix}__token"
    if st.session_state.get(marker) != token:
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
            del st.session_state[key]
        st.session_state[marker] = token


def hypothetical_banner(active: bool) -> None:
    """Always on the what-if page: this is not the approved plan."""
    text = f"**{t('whatif.hypothetical_word')}** — {t('whatif.banner')}"
    if active:
        st.warning(text, icon=":material/science:")
    else:
        st.info(text + " " + t("whatif.no_moves"), icon=":material/science:")


def scenario_summary(table_frame: pd.DataFrame, scenario: pd.DataFrame, line_id: str) -> None:
    """The year-by-year table, changes in red (losses) or green, and whether the 2026–2030 total is kept."""
    delta_column = t("whatif.col_delta")
    pct_column = t("whatif.col_delta_pct")
    numeric = [c for c in table_frame.columns if pd.api.types.is_float_dtype(table_frame[c])]

    def colour(value: float) -> str:
        if pd.isna(value) or abs(value) < 1e-6:
            return ""
        return "color:#B00020;font-weight:600" if value < 0 else "color:#00693E;font-weight:600"

    styled = (
        table_frame.style.format(lambda v: i18n.number(v, lang(), 1), subset=numeric, na_rep="–")
        .format(lambda v: i18n.signed(v, lang(), 1) if not pd.isna(v) else "–", subset=[delta_column])
        .map(colour, subset=[delta_column])
        .map(
            lambda text: colour(-1.0 if str(text).startswith("−") else 1.0 if str(text).startswith("+") else 0.0),
            subset=[pct_column],
        )
    )
    st.dataframe(styled, hide_index=True, width="stretch")
    rows = tables.scenario_rows(scenario, line_id)
    period = rows[rows["year"].isin(range(2026, 2031))]
    before, after = period["baseline_mln_kzt"].sum(), period["amount_mln_kzt"].fillna(0).sum()
    change = after - before
    if abs(change) < 0.05:
        st.success(t("whatif.total_kept", total=money(before)))
    else:
        st.markdown(
            f"<span style='color:#B00020;font-weight:700'>{t('whatif.total_changed', delta=i18n.signed(change, lang(), 1), before=money(before), after=money(after))}</span>",
            unsafe_allow_html=True,
        )


def saved_scenarios(moves: list[budget.Move]) -> None:
    """Save the current scenario (editors), open or delete a saved one, compare one with the current."""
    saved = store().scenarios()
    who = editor()
    with st.form("wi-save"):
        name = st.text_input(t("whatif.scenario_name"), key="wi-name", max_chars=120)
        if st.form_submit_button(t("whatif.save"), disabled=not moves):
            try:
                store().save_scenario(plan(), who, name, [m.as_dict() for m in moves])  # type: ignore[arg-type]
            except AuthError:
                st.error(t("auth.editors_only"))
            except StoreError as error:
                st.error(error.text(lang()))
            else:
                st.success(t("whatif.saved", name=name.strip()))
    if saved.empty:
        st.caption(t("whatif.none_saved"))
        return
    names = list(saved["name"])
    chosen = st.selectbox(t("whatif.tab_saved"), names, key="wi-saved-pick")
    row = saved[saved["name"] == chosen].iloc[0]
    st.caption(
        f"{row['updated_by']}, {pd.Timestamp(row['updated_at']):%Y-%m-%d %H:%M} UTC"
        + (f" — {row['note']}" if row["note"] else "")
    )
    c1, c2, c3 = st.columns(3)
    if c1.button(t("whatif.open"), key="wi-open"):
        change_scenario([budget.Move.from_dict(m) for m in row["moves"]])
    if c2.button(t("whatif.delete"), key="wi-delete"):
        try:
            store().delete_scenario(who, chosen)  # type: ignore[arg-type]
        except AuthError:
            st.error(t("auth.editors_only"))
        else:
            st.rerun()
    if c3.toggle(t("whatif.compare_with") + f" «{chosen}»", key="wi-compare"):
        other = budget.apply(financing(), [budget.Move.from_dict(m) for m in row["moves"]])
        current = budget.apply(financing(), moves)
        st.dataframe(
            tables.compare_scenarios(current, other, chosen, lang()).style.format(lambda v: i18n.number(v, lang(), 1), na_rep="–",
                                                                                  subset=pd.IndexSlice[:, t("whatif.col_plan"):]),
            hide_index=True, width="stretch",
        )  # fmt: skip


# ── map ────────────────────────────────────────────────────────────────────

PROJECT_KEY = "map-project"


@st.cache_data(show_spinner=False, max_entries=4)
def _corrections_at(revision: int) -> pd.DataFrame:
    return store().project_points()


def project_corrections() -> pd.DataFrame:
    """Project points corrected by editors, re-read only when the store has changed."""
    return _corrections_at(store().revision())


@st.cache_resource(show_spinner=False, max_entries=32)
def _deck_at(
    revision: int, lang: str, shown_ids: tuple[str, ...], view: str, basemap: bool, chosen: str | None
) -> geo.CompactDeck:
    """The map of these projects, kept while the data stands (drawing thousands of points costs)."""
    projects = geo.located_projects(plan(), _corrections_at(revision))
    shown = projects[projects["id"].isin(set(shown_ids))]
    return geo.deck(plan(), shown, lang, view=view, basemap=basemap, selected=chosen)


def project_map(shown: pd.DataFrame, view: str, basemap: bool) -> str | None:
    """The deck with the shown projects; returns the project chosen on the map or in the list."""
    chosen = st.session_state.get(PROJECT_KEY) or st.query_params.get("project")
    if chosen not in set(shown["id"]):
        chosen = None
    deck = _deck_at(store().revision(), lang(), tuple(shown["id"]), view, basemap, chosen)
    event = st.pydeck_chart(
        deck,
        height=620,
        on_select="rerun",
        selection_mode="single-object",
        key="map-deck",
        alt=t("map.alt", n=len(shown)),
    )
    picked = geo.selected_project(getattr(event, "selection", None))
    if picked and picked != st.session_state.get("map-last-pick"):
        # a click on the map wins over the list until the next click
        st.session_state["map-last-pick"] = picked
        st.session_state[PROJECT_KEY] = picked
        set_query(project=picked)
        st.rerun()
    return chosen


def sector_legend(shown: pd.DataFrame) -> None:
    """Sector colours with their names and counts; sizes explained in the page's intro."""
    items = geo.legend(shown, lang())
    if not items:
        return
    swatches = " ".join(
        f"<span style='white-space:nowrap;margin-right:14px'><span style='display:inline-block;width:14px;height:14px;"
        f"border-radius:7px;background:{color};vertical-align:-2px;margin-right:5px'></span>{name} ({count})</span>"
        for name, color, count in items
    )
    st.markdown(f"**{t('map.legend')}:** {swatches}", unsafe_allow_html=True)


def project_detail(shown: pd.DataFrame, chosen: str | None) -> None:
    """The chosen project as the plan describes it, with its linked indicators and their status."""
    from zhez.tables import years_text

    options = ["", *shown["id"]]
    if st.session_state.get(PROJECT_KEY) not in options:
        st.session_state[PROJECT_KEY] = chosen if chosen in options else ""
    numbered = {
        pid: f"{geo.project_number(pid)}. {n}" for pid, n in zip(shown["id"], shown[f"name_{lang()}"], strict=True)
    }
    project_id = st.selectbox(
        t("map.pick"),
        options,
        format_func={**numbered, "": t("map.none_selected")}.get,
        key=PROJECT_KEY,
        help=t("map.pick_help"),
    )
    set_query(project=project_id or None)
    if not project_id:
        st.caption(t("map.pick_help"))
        return
    row = shown[shown["id"] == project_id].iloc[0]
    st.subheader(f"{geo.project_number(project_id)}. {row[f'name_{lang()}']}")
    if lang() != "kk":
        st.caption("ℹ " + t("map.translated"))
    has_cost = not pd.isna(row["cost_mln_kzt"])
    capacity = row[i18n.translated_column("capacity", lang())]
    facts = [
        (t("col.sector"), t(f"sector.{row['sector']}")),
        (t("col.direction"), tables.direction_names(plan(), lang()).get(row["direction_id"], t("map.no_direction"))),
        (t("col.years"), years_text(row["start_year"], row["end_year"], lang())),
        (t("col.cost"), number(row["cost_mln_kzt"]) if has_cost else t("map.no_cost")),
        (t("col.capacity"), capacity if isinstance(capacity, str) and capacity else "—"),
        (t("col.stage"), t(f"stage.{row['stage']}")),
        (t("col.precision"), geo.precision_text(row, tables.place_names(plan(), lang()), lang())),
    ]
    st.markdown("\n".join(f"- **{k}:** {v}" for k, v in facts))
    if row["corrected_by"]:
        st.caption(t("map.corrected", who=row["corrected_by"], when=f"{row['corrected_at']:%Y-%m-%d %H:%M} UTC"))
    st.markdown(f"**{t('map.quote')}**")
    st.markdown(f"> {row['source_quote']}")
    st.markdown(f"**{t('map.linked')}**")
    linked = [i for i in str(row["indicator_ids"] or "").split(";") if i]
    if not linked:
        st.caption(t("map.no_linked"))
        return
    st.caption(t(f"map.basis.{row['link_basis']}"))
    statuses = assessment().set_index("indicator_id")["status"]
    for indicator_id in linked:
        indicator = plan().indicator(indicator_id)
        label = f"{indicator['code'] or '—'} {name(indicator)}"
        st.markdown(f"{status_badge(statuses[indicator_id])} {label}", unsafe_allow_html=True)
        st.page_link(
            "pages/indicator.py",
            label=t("map.open_indicator"),
            icon=":material/show_chart:",
            query_params={"ind": indicator_id, "lang": lang()},
        )


def correct_point_form(projects: pd.DataFrame) -> None:
    """Editors place a project where it really is; the plan's point stays as published."""
    who = editor()
    if who is None:
        return
    with st.expander(t("map.correct"), icon=":material/edit_location_alt:"):
        st.caption(t("map.correct_help"))
        numbered = {
            pid: f"{geo.project_number(pid)}. {n}"
            for pid, n in zip(projects["id"], projects[f"name_{lang()}"], strict=True)
        }
        project_id = st.selectbox(t("map.pick"), list(projects["id"]), format_func=numbered.get, key="map-fix-project")
        current = projects[projects["id"] == project_id].iloc[0]
        with st.form("map-correct"):
            c1, c2 = st.columns(2)
            # keyed by project so the inputs start from the chosen project's point in force
            lat = c1.number_input(
                t("map.lat"), value=float(current["lat"]), format="%.5f", step=0.001, key=f"map-fix-lat-{project_id}"
            )
            lon = c2.number_input(
                t("map.lon"), value=float(current["lon"]), format="%.5f", step=0.001, key=f"map-fix-lon-{project_id}"
            )
            precision = st.selectbox(
                t("col.precision"),
                geo.PRECISIONS,
                index=geo.PRECISIONS.index(current["precision"]),
                format_func={p: t(f"precision.{p}") for p in geo.PRECISIONS}.get,
                key=f"map-fix-precision-{project_id}",
            )
            note = st.text_input(t("map.note"), key=f"map-fix-note-{project_id}")
            submitted = st.form_submit_button(t("map.save_point"), type="primary")
        if submitted:
            try:
                store().correct_point(plan(), who, Correction(project_id, float(lat), float(lon), precision, note))
            except StoreError as error:
                st.error(t("map.bad_point", problems=error.text(lang())))
                return
            st.session_state["map-point-saved"] = project_id
            st.rerun()  # the map above is drawn again with the corrected point
        if st.session_state.pop("map-point-saved", None):
            st.success(t("map.saved_point"))


# ── meeting mode ───────────────────────────────────────────────────────────


def slide_number(total: int) -> int:
    """The slide in the link (``?slide=3``, 1-based), clamped to the deck."""
    try:
        number_ = int(st.query_params.get("slide", "1"))
    except ValueError:
        number_ = 1
    return max(1, min(total, number_))


def go_to_slide(number_: int) -> None:
    st.query_params["slide"] = str(number_)


def meeting_style(contrast: bool) -> None:
    """Type readable from the back of the room (24 px body at 1920×1080); pure black on white if asked."""
    strong = (
        "[data-testid=stMain] *{color:#000 !important}"
        "[data-testid=stCaptionContainer]{opacity:1 !important}"
        ".stApp,[data-testid=stMain]{background:#fff !important}"
        "[data-testid=stMarkdownContainer] p,[data-testid=stMarkdownContainer] li{font-weight:600}"
        if contrast
        else ""
    )
    st.html(
        "<style>"
        "[data-testid=stSidebar]{display:none}"
        "[data-testid=stMainBlockContainer]{max-width:100%;padding:1.5rem 3rem 2rem}"
        "[data-testid=stMain] p,[data-testid=stMain] li,[data-testid=stMain] td,[data-testid=stMain] th,"
        "[data-testid=stMain] label,[data-testid=stMain] button{font-size:24px !important;line-height:1.35}"
        "[data-testid=stMain] h1{font-size:48px !important}"
        "[data-testid=stMain] h2{font-size:36px !important}"
        "[data-testid=stMain] h3{font-size:30px !important}"
        ".zhez-chip-n{font-size:36px !important}"
        ".zhez-agenda{width:100%;border-collapse:collapse}"
        ".zhez-agenda td,.zhez-agenda th{border-bottom:2px solid #ccc;padding:10px 14px;text-align:left}"
        ".zhez-agenda td.n{text-align:right;font-weight:700}" + strong + "</style>"
    )


def agenda_table(rows: pd.DataFrame) -> None:
    """All directions with their status counts, as one large, plain table (``direction`` + a column per status)."""
    head = "".join(
        f"<th style='color:{progress.STATUS_COLORS[s]}'>{progress.STATUS_ICONS[s]} {t(f'status.{s}')}</th>"
        for s in progress.WORST_FIRST
    )
    body = "".join(
        f"<tr><td>{row['direction']}</td>"
        + "".join(f"<td class='n'>{int(row[s])}</td>" for s in progress.WORST_FIRST)
        + "</tr>"
        for _, row in rows.iterrows()
    )
    st.html(f"<table class='zhez-agenda'><tr><th>{t('col.direction')}</th>{head}</tr>{body}</table>")


def static_map(shown: pd.DataFrame, key: str, height: int = 460) -> None:
    """The projects on the city map, without selection (for slides)."""
    st.pydeck_chart(geo.deck(plan(), shown, lang()), height=height, key=key, alt=t("map.alt", n=len(shown)))


def direction_money(direction_id: str) -> tuple[float | None, dict[int, float | None]]:
    """A direction's financing 2026–2030 and year by year, as the scorecard shows it."""
    from zhez.summary import direction_financing, financing_by_year

    return direction_financing(plan(), direction_id), financing_by_year(plan(), direction_id)


def export_downloads(direction_id: str | None) -> None:
    """The brief (PPTX) and the workbooks (XLSX) of the whole plan or a direction, made when clicked."""
    from zhez import export

    stamp = provenance()
    columns = st.columns(3 if direction_id else 2)
    columns[0].download_button(
        t("export.brief"),
        lambda: export.brief_pptx(plan(), assessment(), observed(), recorded_actuals(), audit_findings(), stamp),
        "zhezkazgan-brief.pptx",
        export.PPTX_MIME,
        key="dl-brief",
        on_click="ignore",
        icon=":material/slideshow:",
    )
    columns[1].download_button(
        t("export.plan_workbook"),
        lambda: export.plan_workbook(plan(), assessment(), stamp),
        "zhezkazgan-plan.xlsx",
        export.XLSX_MIME,
        key="dl-plan-xlsx",
        on_click="ignore",
        icon=":material/table_view:",
    )
    if direction_id:
        columns[2].download_button(
            t("export.workbook"),
            lambda: export.plan_workbook(plan(), assessment(), stamp, direction_id),
            f"zhezkazgan-{direction_id}.xlsx",
            export.XLSX_MIME,
            key="dl-direction-xlsx",
            on_click="ignore",
            icon=":material/table_view:",
        )
