"""The scorecard's categories, in the order a scorecard lists them (one check each in ``scorecard.py``).

Kept apart from ``scorecard.py`` so that the learned overall score (``overall.py``, which the scorecard
calls) reads the same list without an import cycle.
"""

from __future__ import annotations

CATEGORIES = (
    "greeting",
    "empathy",
    "tone",
    "accuracy",
    "resolution",
    "language_match",
    "response_time",
    "compliance",
    "closing",
)
