"""Scripted encoders for tests of readers that learn from the multilingual encoder."""

from __future__ import annotations

from typing import Any


class Directions:
    """A scripted encoder: each listed text points the way it is given; any other text, the plain-days way."""

    def __init__(self, ways: dict[str, list[float]]) -> None:
        self.ways = ways

    def embed(self, texts: list[str]) -> Any:
        import numpy as np

        rows = np.asarray([self.ways.get(t, [0.0, 1.0, 0.0]) for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)
