"""Tests that need a real outside program (Chromium, Ray): they skip on a developer's machine that
lacks it, but under ``CI=true`` they FAIL, so a broken install can never turn CI green."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> NoReturn:
    """Skip with ``reason`` locally; fail with it under CI."""
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)
