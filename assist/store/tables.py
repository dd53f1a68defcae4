"""Imports every module that declares tables, so metadata is complete for migrations."""

from assist.store import orders, shops  # noqa: F401
