"""The language-detector protocol and ISO 639-1 code helpers, shared by the language task
(``assist.language``, which implements detectors) and ``retrievers/`` (which receives a detector from
``Services`` and never builds one). Small on purpose: no models, no task logic.
"""

from __future__ import annotations

from typing import Protocol

from assist.models import LanguageGuess

UNDETERMINED = "und"

# fastText labels -> ISO 639-1 where they differ.
_ALIASES = {"wuu": "zh", "yue": "zh", "zh-cn": "zh", "zh-tw": "zh", "iw": "he", "in": "id", "ji": "yi", "jw": "jv"}


def normalize_code(code: str) -> str:
    code = code.strip().lower().replace("_", "-")
    code = _ALIASES.get(code, code)
    if "-" in code:  # pt-br -> pt, zh-hans -> zh
        code = code.split("-", 1)[0]
    return _ALIASES.get(code, code)


class LanguageDetector(Protocol):
    def detect(self, text: str) -> LanguageGuess: ...
