"""The one part of ``zhez`` that touches Streamlit.

Pages use the shared core through this package (``from zhez import ui``: ``ui.plan()``, ``ui.t(…)``,
``ui.multiselect(…)``), and the module of their own screen for the rest (``from zhez.ui import whatif
as screen``).

The shared core, one concern a module:

- ``startup``: a page opened by its link on a fresh server runs inside app.py's navigation; what the server
  holds after its first run is left out of the garbage collector's walk after every run (``settle``);
- ``loaders``: the plan, the store and what is computed from them, cached;
- ``language``: the reader's language, words and numbers in it;
- ``link``: the view's state in the URL, with one encoding (the only module that touches ``st.query_params``);
- ``widgets``: inputs kept in the link, links to other pages;
- ``render``: charts, tables, findings, status badges, cards (their look in ``render.css``);
- ``downloads``: files made when clicked, each saying where its data comes from;
- ``session``: who is signed in in this browser session, and whether they draw submitted values too;
- ``signin``: signing in and out (the account panel in the sidebar), the role's pages;
- ``cookie``: the route that keeps a sign-in across page reloads (``serve.py`` mounts it);
- ``native``: Streamlit's own words (its hints, the file uploader's, "Page not found") kept out of a kk or ru screen.

Feature modules, one a screen (``whatif``, ``map``, ``meeting``, ``record``, ``tasks``, ``review``, ``board``,
``editions``, and ``explanations``: the Indicator page's section on what bodies reported), hold what serves that
screen only: its widgets, its session keys, its CSS. They use the core and never one another
(the import contracts in pyproject.toml).
"""

from zhez.ui.downloads import chart_downloads, provenance, sheet_downloads, table_downloads
from zhez.ui.language import (
    lang,
    language_buttons,
    language_switch,
    money,
    name,
    number,
    status_text,
    t,
    today,
    when,
)
from zhez.ui.loaders import (
    assessment,
    audit_findings,
    execution_reports,
    financing_chart,
    manual_statuses,
    new_run,
    observed,
    plan,
    progress_rows,
    project_corrections,
    published_plan,
    recorded_actuals,
    reports,
    rounds,
    scenario_chart,
    status_overview,
    store,
    trajectory_chart,
    trajectory_grid,
)
from zhez.ui.native import streamlit_words, unknown_path_to_default
from zhez.ui.render import (
    FAVICON,
    calculation,
    chart,
    direction_financing_line,
    estimate_banner,
    execution_cards,
    execution_line,
    findings_list,
    kpis,
    preview_banner,
    reading_note,
    scorecard,
    short_table,
    status_badge,
    status_line,
    status_table,
    status_thresholds,
    stylesheet,
    table,
    translation_note,
)
from zhez.ui.signin import SIGN_IN_PAGES, account_panel, cycle_pages, editor, person, role_text, sign_in_form
from zhez.ui.startup import run_inside_app, settle
from zhez.ui.widgets import (
    edition_choice,
    filters,
    indicator_href,
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
    "FAVICON",
    "SIGN_IN_PAGES",
    "account_panel",
    "assessment",
    "audit_findings",
    "calculation",
    "chart",
    "chart_downloads",
    "cycle_pages",
    "direction_financing_line",
    "edition_choice",
    "editor",
    "estimate_banner",
    "execution_cards",
    "execution_line",
    "execution_reports",
    "filters",
    "financing_chart",
    "findings_list",
    "indicator_href",
    "indicator_link",
    "kpis",
    "lang",
    "language_buttons",
    "language_switch",
    "manual_statuses",
    "money",
    "multiselect",
    "name",
    "new_run",
    "number",
    "number_field",
    "observed",
    "open_indicator",
    "paginate",
    "person",
    "pick_row",
    "pills",
    "plan",
    "preview_banner",
    "progress_rows",
    "project_corrections",
    "provenance",
    "published_plan",
    "reading_note",
    "recorded_actuals",
    "reports",
    "role_text",
    "rounds",
    "run_inside_app",
    "scenario_chart",
    "scorecard",
    "search",
    "segmented",
    "select",
    "settle",
    "sheet_downloads",
    "short_table",
    "sign_in_form",
    "status_badge",
    "status_line",
    "status_overview",
    "status_table",
    "status_text",
    "status_thresholds",
    "store",
    "streamlit_words",
    "stylesheet",
    "t",
    "table",
    "table_downloads",
    "today",
    "toggle",
    "trajectory_chart",
    "trajectory_grid",
    "translation_note",
    "unknown_path_to_default",
    "when",
]
