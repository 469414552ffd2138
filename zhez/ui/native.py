"""Streamlit's own words in the reader's language: what Streamlit 1.67 writes in English whatever the page's
language, and no option of its own turns off or translates.

- The hint under a field ("Press Enter to apply") is hidden (``native.css``): leaving the field applies it.
- The file uploader's button ("Upload"), its line on the limit and type ("5MB per file • XLSX") and what shows
  while a file is dragged over it ("Drag and drop a file here") take our words: a CSS block made here per
  language from the catalogue (``upload.*``), with the real limit (``server.maxUploadSize``) and the accepted
  types (``ACCEPTED``), hides Streamlit's text and puts ours in its place (streamlit/streamlit#13500 asks for
  a real option).
- A select box's or multiselect's list whose search finds nothing says so in our words, not "No results".
- The link the first Tab on a page shows ("Skip to main content") says so in our words (a screen reader reads
  both: the link's own text cannot be hidden from it without hiding the link).
- A URL path that is no page of the app (``/home``) opens the Overview, the default page, without Streamlit's
  English "Page not found" dialog (``unknown_path_to_default``).

Streamlit's menu (⋮: "Print", "Record screen") is off: ``client.toolbarMode = "minimal"`` in
``.streamlit/config.toml``. Left in English, with no way to reach them from here: the tooltips of a table's
and a chart's toolbar, the date picker's month and day names, an upload's size and refusal ("14.0KB",
"File must be 5.0MB or smaller"), and labels only a screen reader reads ("Remove", "Add files", "Open").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from zhez import i18n
from zhez.ui.language import lang

STYLES = Path(__file__).resolve().parent
# Each set of file types an uploader of the app accepts (``st.file_uploader(type=…)``), as Streamlit writes
# it in the file input's ``accept``: the uploader that accepts it says so in its line.
ACCEPTED: tuple[tuple[str, ...], ...] = (("xlsx",), ("docx", "txt"))

DROPZONE = "[data-testid=stFileUploaderDropzone]"
INSTRUCTIONS = "[data-testid=stFileUploaderDropzoneInstructions] span"
SKIP_LINK = "a[data-testid=stSkipToContent]"


def streamlit_words() -> None:
    """Streamlit's English hidden, and the uploader's and the lists' words in the reader's language (app.py)."""
    st.html(f"<style>{_fixed()}\n{words_css(lang(), upload_limit_mb())}</style>")


@functools.cache
def _fixed() -> str:
    return (STYLES / "native.css").read_text(encoding="utf-8")


def upload_limit_mb() -> int:
    """The largest file the server takes, in MB (``server.maxUploadSize`` of ``.streamlit/config.toml``)."""
    return int(st.get_option("server.maxUploadSize"))


@functools.cache
def words_css(language: str, limit_mb: int) -> str:
    """Our words in ``language`` in place of Streamlit's: the uploader's button, what shows while a file is
    dragged over it, its limit and type line (one rule per ``ACCEPTED``, after the line for any other type),
    a list whose search finds nothing, and the link that skips to the page's content."""
    rules = [
        (f"{DROPZONE} button [data-testid=stMarkdownContainer]", i18n.t("upload.button", language)),
        (f"{DROPZONE} > div:not([data-testid]) > span", i18n.t("upload.drop", language)),
        (f"{DROPZONE} {INSTRUCTIONS}", i18n.t("upload.limit", language, mb=limit_mb)),
    ]
    rules.append(("[role=listbox][data-empty=true] > [role=option] > span", i18n.t("select.no_results", language)))
    rules.append((SKIP_LINK, i18n.t("nav.skip_to_content", language)))  # shown when Tab is first pressed
    for types in ACCEPTED:
        accept = ",".join(f".{kind}" for kind in types)
        text = i18n.t("upload.limit_types", language, types=types_text(types, language), mb=limit_mb)
        rules.append((f'{DROPZONE}:has(input[accept$="{accept}"]) {INSTRUCTIONS}', text))
    return "\n".join(f"{selector}::after{{content:{css_string(text)}}}" for selector, text in rules)


def types_text(types: Sequence[str], language: str) -> str:
    """``XLSX``; ``DOCX or TXT``, in ``language``."""
    names = [kind.upper() for kind in types]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {i18n.t('upload.or', language)} {names[-1]}"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return f'"{escaped}"'


def unknown_path_to_default(pages: Sequence[st.Page]) -> None:
    """Before app.py's ``st.navigation``: a URL path that names none of ``pages`` runs the default page, as
    Streamlit does, but without its English "Page not found" dialog.

    Streamlit 1.67 (``commands/navigation.py``) resolves the page from the path the browser asked for and,
    when none has it, sends ``page_not_found`` and runs the default page. Asking for no path (the default
    page) does the same without the dialog; the browser's address becomes the default page's (``/``), with
    the link's parameters. On a fresh server the old ``pages/`` way (``zhez/ui/startup.py``) has already
    sent the dialog before app.py runs: the page closes it as soon as it can (``_CLOSE_NOT_FOUND``).
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    manager = ctx.pages_manager
    asked = manager.intended_page_name
    if manager.intended_page_script_hash or not asked or asked in {page.url_path for page in pages}:
        return
    manager.set_script_intent("", "")
    if PagesManager.uses_pages_directory:
        st.html(_CLOSE_NOT_FOUND, unsafe_allow_javascript=True)


# Streamlit's dialog is English whatever the page; this closes it (its title is Streamlit's own words).
_CLOSE_NOT_FOUND = """<script>
(() => {
  let tries = 0;
  const close = () => {
    const dialog = [...document.querySelectorAll('[role=dialog]')].find(d => d.innerText.includes('Page not found'));
    if (dialog) {
      const button = dialog.querySelector('button[aria-label=Close]');
      if (button) button.click();
      else document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
      return;
    }
    if (++tries < 100) setTimeout(close, 50);
  };
  close();
})();
</script>"""
