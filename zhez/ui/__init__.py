"""The one part of ``zhez`` that touches Streamlit.

Pages use the shared core through this package (``from zhez import ui``: ``ui.plan()``, ``ui.t(…)``,
``ui.multiselect(…)``), and the module of their own screen for the rest (``from zhez.ui import whatif
as screen``).

The shared core, one concern a module:

- ``startup``: a page opened by its link on a fresh server runs inside app.py's navigation;
- ``loaders``: the plan, the store and what is computed from them, cached;
- ``language``: the reader's language, words and numbers in it;
- ``link``: the view's state in the URL, with one encoding (the only module that touches ``st.query_params``);
- ``widgets``: inputs kept in the link, links to other pages;
- ``render``: charts, tables, findings, status badges, cards (their look in ``render.css``);
- ``downloads``: files made when clicked, each saying where its data comes from;
- ``signin``: editors.

Feature modules, one a screen (``whatif``, ``map``, ``meeting``, ``record``, ``editions``), hold what serves that
screen only: its widgets, its session keys, its CSS. They use the core and never one another
(the import contracts in pyproject.toml).
"""

from zhez.ui.downloads import chart_downloads, provenance, table_downloads
from zhez.ui.language import lang, language_buttons, language_switch, money, name, number, status_text, t
from zhez.ui.loaders import (
    assessment,
    audit_findings,
    observed,
    plan,
    progress_rows,
    project_corrections,
    published_plan,
    recorded_actuals,
    store,
    trajectory_grid,
)
from zhez.ui.render import (
    calculation,
    chart,
    direction_financing_line,
    estimate_banner,
    findings_list,
    kpis,
    reading_note,
    scorecard,
    status_badge,
    status_line,
    status_table,
    status_thresholds,
    stylesheet,
    table,
    translation_note,
)
from zhez.ui.signin import editor, sign_in_form, signed_in_bar
from zhez.ui.startup import run_inside_app
from zhez.ui.widgets import (
    edition_choice,
    filters,
    indicator_link,
    multiselect,
    number_field,
    open_indicator,
    paginate,
    pick_row,
    pills,
    search,
    segmented,
    select,
    toggle,
)

__all__ = [
    "assessment",
    "audit_findings",
    "calculation",
    "chart",
    "chart_downloads",
    "direction_financing_line",
    "edition_choice",
    "editor",
    "estimate_banner",
    "filters",
    "findings_list",
    "indicator_link",
    "kpis",
    "lang",
    "language_buttons",
    "language_switch",
    "money",
    "multiselect",
    "name",
    "number",
    "number_field",
    "observed",
    "open_indicator",
    "paginate",
    "pick_row",
    "pills",
    "plan",
    "progress_rows",
    "project_corrections",
    "provenance",
    "published_plan",
    "reading_note",
    "recorded_actuals",
    "run_inside_app",
    "scorecard",
    "search",
    "segmented",
    "select",
    "sign_in_form",
    "signed_in_bar",
    "status_badge",
    "status_line",
    "status_table",
    "status_text",
    "status_thresholds",
    "store",
    "stylesheet",
    "t",
    "table",
    "table_downloads",
    "toggle",
    "trajectory_grid",
    "translation_note",
]
