"""Helpers for browser tests: a real Streamlit server and headless Chromium (Debian's, via Playwright)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# True when the page has finished running and every chart and map on it is drawn.
RENDERED = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  // an element whose code is still being fetched shows a skeleton (Streamlit loads charts, maps, tables on demand)
  if (document.querySelector('[data-testid=stSkeleton]')) return false;
  for (const c of document.querySelectorAll('[data-testid=stVegaLiteChart]'))
    if (!c.querySelector('canvas, svg')) return false;
  for (const c of document.querySelectorAll('[data-testid=stDeckGlJsonChart]'))
    if (!c.querySelector('canvas')) return false;
  return true;
}"""


def chromium_path() -> str:
    path = os.environ.get("ZHEZ_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Browser tests need Debian's chromium: apt-get install -y chromium (.ci/run does this)")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(
    tmp: Path, extra_env: dict[str, str] | None = None, script: Path | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """A Streamlit server for ``script`` (the app by default) on a free port, with its own store."""
    proc, base = launch_app(tmp, extra_env, script)
    wait_healthy(proc, base, tmp)
    return proc, base


def launch_app(
    tmp: Path, extra_env: dict[str, str] | None = None, script: Path | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """``start_app`` without waiting: several servers can start side by side (``wait_healthy`` each)."""
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {**os.environ, "ZHEZ_DATABASE_URL": f"sqlite:///{tmp / 'store.sqlite'}", **(extra_env or {})}
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script or ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(proc: subprocess.Popen[bytes], base: str, tmp: Path, seconds: float = 60) -> None:
    """Until the server answers its health check; its log in the error if it stopped or never answered."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError((tmp / "server.log").read_text())
        try:
            if urllib.request.urlopen(base + "/_stcore/health", timeout=1).read().strip() == b"ok":
                return
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError(f"streamlit did not become healthy in {seconds:g} s")


def stop_app(proc: subprocess.Popen[bytes]) -> None:
    """Stop a server; a busy machine may take a while to let it go, so kill it if it will not."""
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def wait_rendered(page, timeout: float = 60000) -> None:
    """Until the script has finished and every chart and map is drawn, and stays so (a rerun may follow)."""
    page.wait_for_function(RENDERED, timeout=timeout)
    page.wait_for_timeout(400)
    page.wait_for_function(RENDERED, timeout=timeout)


def scroll_through(page) -> None:
    """Scroll the page to the bottom step by step: Streamlit mounts charts only when they come into view."""
    for _ in range(30):
        moved = page.evaluate(
            """() => {
                const main = document.querySelector('[data-testid=stMain]') || document.scrollingElement;
                const before = main.scrollTop;
                main.scrollBy(0, 600); window.scrollBy(0, 600);
                return main.scrollTop !== before;
            }"""
        )
        page.wait_for_timeout(120)
        if not moved:
            break
    wait_rendered(page)


# Streamlit's own English words, which no Kazakh or Russian screen may show (zhez/ui/native.py).
ENGLISH = (
    *("Select all", "Press Enter", "Drag and drop", "Browse files", "per file", "Page not found", "Upload"),
    *("No results", "Print", "Record screen", "Made with Streamlit", "Skip to main content"),
)

# The text a reader sees: text nodes that are rendered and not hidden, and what a ::before or ::after shows.
SEEN = """() => {
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.textContent.trim() || el.closest('script, style')) continue;
    const style = getComputedStyle(el);
    if (el.checkVisibility({visibilityProperty: true, opacityProperty: true}) && parseFloat(style.fontSize) > 0)
      parts.push(node.textContent);
  }
  for (const el of document.body.querySelectorAll('*'))
    for (const pseudo of ['::before', '::after']) {
      const content = getComputedStyle(el, pseudo).content;
      if (content && content.startsWith('"') && el.checkVisibility()) parts.push(JSON.parse(content));
    }
  return parts.join('\\n');
}"""


def english_seen(page) -> list[str]:
    text = page.evaluate(SEEN)
    return [word for word in ENGLISH if word in text]
