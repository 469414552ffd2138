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
