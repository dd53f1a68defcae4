"""Amounts in the currency of a language's own country ("69 Kč", "250 Ft", "79 euron"): the shared money parser
(:mod:`assist.money`), which the draft checks read with too."""

from __future__ import annotations

from assist.money import local_amounts

__all__ = ["local_amounts"]
