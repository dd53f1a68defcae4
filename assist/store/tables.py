"""Imports every module that declares tables, so metadata is complete for migrations."""

from assist.store import feedback, orders, policy_facts, reviews, shops  # noqa: F401
