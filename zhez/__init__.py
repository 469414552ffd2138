"""Zhezkazgan development plan 2026–2030: the dataset and the logic behind the dashboard."""

from zhez.plan import Plan, PlanError, load_plan

__all__ = ["Plan", "PlanError", "load_plan"]
