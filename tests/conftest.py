"""Shared fixtures: the published plan, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhez import Plan, load_plan

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server for the session (skipped, with the reason, only if none can start here)."""
    import pg_server

    try:
        url, stop = pg_server.start()
    except pg_server.NoPostgres as reason:
        pytest.skip(str(reason))
    yield url
    stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """An empty database on each backend, not yet migrated."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    import pg_server

    url = request.getfixturevalue("postgres_url")
    pg_server.empty(url)
    return url


@pytest.fixture
def store(store_url):
    """An empty, migrated store on each backend."""
    from zhez.store import Store

    opened = Store(store_url)
    opened.migrate()
    yield opened
    opened.dispose()


@pytest.fixture
def editor():
    """An editor of the education department (ББ) and the health department (ДСБ)."""
    from zhez.auth import trusted_person

    return trusted_person("Aigul Test", "editor", ["ББ", "ДСБ"])


@pytest.fixture
def coordinator():
    from zhez.auth import trusted_person

    return trusted_person("Dana Coordinator", "coordinator")


@pytest.fixture
def second_coordinator():
    from zhez.auth import trusted_person

    return trusted_person("Erlan Coordinator", "coordinator")


@pytest.fixture(autouse=True)
def isolated_app_store(tmp_path, monkeypatch):
    """Every test gets its own store file, and the app's caches start empty (the plan is re-read, cheaply)."""
    monkeypatch.setenv("ZHEZ_DATABASE_URL", f"sqlite:///{tmp_path / 'app-store.sqlite'}")
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Files the app hands to download buttons in AppTest runs, by file name (Streamlit drops them after the run)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    files: dict[str, bytes] = {}
    add = MediaFileManager.add

    def remember(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name and isinstance(path_or_data, bytes):
            files[file_name] = path_or_data
        return add(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", remember)
    return files


@pytest.fixture
def made_on_click(monkeypatch) -> dict[str, object]:
    """What the download buttons that make their file only when clicked would make, by file name: calling
    one does what the click does (Streamlit drops the makers after an AppTest run)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    makers: dict[str, object] = {}
    add = MediaFileManager.add_deferred

    def remember(self, data_callable, mimetype, coordinates, file_name=None, *, element_id=""):
        if file_name:
            makers[file_name] = data_callable
        return add(self, data_callable, mimetype, coordinates, file_name, element_id=element_id)

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    return makers
