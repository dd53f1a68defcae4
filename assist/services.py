"""The service container: every client built once (in the app's lifespan or the CLI) and injected.

Each attribute is created on first use from settings; pass a ready object to the constructor to
swap it (tests pass fakes). Nothing here connects at import time.
"""

from __future__ import annotations

import threading
import time
from functools import cached_property
from typing import TYPE_CHECKING, Any

from assist.config import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assist.cpu_slots import CpuSlots
    from assist.intent import IntentClassifier
    from assist.language import LanguageDetector
    from assist.quality.tone import ToneClassifier
    from assist.store import Database
    from assist.translate import TranslationRouter
    from retrievers.embeddings import Embedder
    from retrievers.orders import OrderStore
    from retrievers.policies import PolicyIndex


# The warm-up steps a card needs, loaded first: /v1/assist waits for these, every other /v1 call for the whole
# warm-up (api/hardening.py). The reading aid's dictionaries come after: each loads under its own lock on first need.
CARD_STEPS = frozenset(
    {
        "embedder",
        "language",
        "intent",
        "ask topics",
        "claim reader",
        "claim polarity",
        "translator",
        "policies",
        "chat model",
        "templates",
        "quality",
    }
)


class Services:
    def __init__(self, settings: Settings, **overrides: Any) -> None:
        self.settings = settings
        # Set while no warm-up runs: /healthz answers 503 "starting" and /v1 requests wait until it is.
        self.warm = threading.Event()
        self.warm.set()
        # Set once the warm-up has loaded what a card needs (CARD_STEPS): /v1/assist waits for this alone.
        self.card_ready = threading.Event()
        self.card_ready.set()
        self.warm_up_seconds: dict[str, float] = {}  # each warm-up step's duration (bench/startup.py)
        for name, value in overrides.items():
            if not isinstance(getattr(type(self), name, None), cached_property):
                raise TypeError(f"Services has no swappable service named {name!r}")
            self.__dict__[name] = value

    @cached_property
    def db(self) -> Database:
        from assist.store import Database

        db = Database(self.settings.sqlalchemy_url)
        db.create_schema()
        return db

    @cached_property
    def cpu_slots(self) -> CpuSlots:
        """The worker's CPU slots (``ASSIST_CPU_SLOTS``): cards, draft checks and translations take turns."""
        from assist.cpu_slots import CpuSlots

        return CpuSlots(self.settings.cpu_slots)

    @cached_property
    def embedder(self) -> Embedder:
        from retrievers.embeddings import default_embedder

        return default_embedder()

    @cached_property
    def second_embedder(self) -> Embedder | None:
        """The encoder for policy text in a language the first does not read (Czech, Finnish, Swedish...): loaded
        on first use; None where the first has no name (a test fake: the learned readers are off anyway)."""
        from assist.ask_topics import encoder_name
        from retrievers.embeddings import second_embedder

        return second_embedder() if encoder_name(self.embedder.embed) is not None else None

    @cached_property
    def policy_index(self) -> PolicyIndex:
        from retrievers.policies import build_policy_index

        return build_policy_index(self.settings, self.embedder, self.language_detector)

    @cached_property
    def order_store(self) -> OrderStore:
        from retrievers.orders import SqlOrderStore

        return SqlOrderStore(self.db)

    @cached_property
    def language_detector(self) -> LanguageDetector:
        from assist.language import FastTextDetector

        return FastTextDetector()

    @cached_property
    def chat_model(self) -> BaseChatModel | None:
        """The configured chat model, or None (no LLM: tasks use their offline path)."""
        from assist.llm import build_chat_model

        return build_chat_model(self.settings)

    @cached_property
    def tone_classifier(self) -> ToneClassifier:
        """Tone of agent drafts: the shipped model on the USE embedder (lexicon only with another embedder)."""
        from assist.quality.tone import ToneClassifier

        return ToneClassifier(self.embedder)

    @cached_property
    def claim_reader(self) -> Any:
        """Which fact a draft's number speaks of (assist/quality/claim_reader.py): trained once per encoder and
        cached under the cache dir; None for an encoder without a name (test fakes)."""
        from assist.quality.claim_reader import claim_reader

        return claim_reader(self.embedder.embed, self.settings.cache_dir, second=lambda: self.second_embedder)

    @cached_property
    def translator(self) -> TranslationRouter:
        from assist.translate import build_translator

        return build_translator(
            self.settings,
            self.language_detector,
            self.chat_model,
            classify=lambda text: self.intent_classifier(None).predict(text),
            embedder=self.embedder,
        )

    def intent_classifier(self, shop_settings: dict[str, Any] | None = None) -> IntentClassifier:
        """The classifier for a shop's taxonomy (``shop_settings["taxonomy"]``, else the default, plus the
        examples its reviewers taught), trained once per taxonomy; the 32 most recent are kept."""
        from assist.intent import IntentClassifier, shop_taxonomy

        taxonomy = shop_taxonomy(shop_settings)
        cache: dict[str, IntentClassifier] = self.__dict__.setdefault("_intent_classifiers", {})
        if taxonomy.hash not in cache:
            while len(cache) >= 32:  # every taught example makes a new taxonomy: drop the oldest models
                cache.pop(next(iter(cache)), None)
            cache[taxonomy.hash] = IntentClassifier(
                taxonomy,
                self.embedder,
                chat_model=self.chat_model,
                cache_dir=self.settings.cache_dir,
                settings=self.settings,
            )
        return cache[taxonomy.hash]

    def start_warm_up(self) -> threading.Thread:
        """Run :meth:`warm_up` in the background; until it ends, ``warm`` is clear (the server is starting)."""
        self.warm.clear()
        self.card_ready.clear()
        thread = threading.Thread(target=self.warm_up, name="assist-warm-up", daemon=True)
        thread.start()
        return thread

    def _warm_ask_topics(self) -> None:
        """The learned ask-topic reader (assist/ask_topics.py): trained once, then loaded from the cache."""
        from assist.ask_topics import warm_up

        warm_up(self.embedder.embed, self.settings.cache_dir)

    def _warm_claim_polarity(self) -> None:
        """The draft checks' claim reader (assist/quality/claim_polarity.py): trained once, then from the cache."""
        from assist.quality.claim_polarity import polarity_reader

        polarity_reader(self.embedder.embed, self.settings.cache_dir)

    def _load_translation_engines(self) -> None:
        for engine in self.translator.engines:
            load = getattr(engine, "load", None)
            if load is not None:
                load()  # e.g. both EN<->PT directions of the offline engine
        self.translator.translate("Where is my parcel?", "pt", "en")
        self.translator.translate("Onde está a minha encomenda?", "en", "pt")

    def _warm_unread_languages(self) -> None:
        """The second encoder (the languages the first does not read: Swahili, Hindi, Finnish...), with its ask
        readers and the readers of the shops looked up so far (:func:`assist.shop_readers.start_waiting`) building
        on background threads: after the card steps, so the first card does not wait, and before a server's first
        buyer in such a language, who would get the first encoder's readings (a holding reply) while they build."""
        from assist import ask_readers, shop_readers

        second = self.second_embedder
        if second is None:  # a test fake: no learned readers
            return
        second.embed(["warm up"])
        ask_readers.second_readers(second, self.intent_classifier(None).taxonomy, self.settings.cache_dir)
        shop_readers.start_waiting(self)

    def _load_reading_aid(self) -> None:
        languages = self.settings.reading_aid_languages  # None: all (ja, zh, de, fr, es, it); []: none at start
        if self.translator.gloss is not None and languages != []:
            self.translator.gloss.warm_up(languages)  # the reading aid's dictionaries (~0.75 GB for all six)

    def warm_up(self) -> None:
        """Load every engine a shop can use (embedder, detector, intent classifier, both EN<->PT
        translation directions, policy index, chat model, tone model), so that no request loads native
        code while others run. Failures are logged, never raised; ``warm`` is set at the end."""
        try:
            self._warm_up()
        finally:
            self.card_ready.set()
            self.warm.set()

    def _warm_up(self) -> None:
        import logging

        from assist.quality.checks import check_draft

        steps = {
            "embedder": lambda: self.embedder.embed(["warm up"]),
            "language": lambda: self.language_detector.detect("Wo ist mein Paket?"),
            "intent": lambda: self.intent_classifier(None).predict("Where is my parcel?"),
            "ask topics": self._warm_ask_topics,
            "claim reader": lambda: self.claim_reader,
            "claim polarity": self._warm_claim_polarity,
            "translator": self._load_translation_engines,
            "policies": lambda: self.policy_index,
            "chat model": lambda: self.chat_model,
            "templates": _load_templates,
            "quality": lambda: check_draft(
                "Hello, your parcel is on its way. Best regards",
                buyer_language="en",
                language_detector=self.language_detector,
                tone=self.tone_classifier,
            ),
            # the reading aid's dictionaries last, after the card is ready: a card whose buyer needs one loads it
            # (each under its own lock), the others never wait for the ~0.75 GB of all six languages
            "reading aid": self._load_reading_aid,
            # last: loaded before the reading aid, beside a server's first card, it slowed that card (bench.first_run,
            # one run each on a loaded machine: card request 28.1 s, 16.6 s as the last step, 15.5 s without it)
            "unread languages": self._warm_unread_languages,
        }
        log = logging.getLogger("assist.services")
        for name, step in steps.items():
            if name not in CARD_STEPS:
                self.card_ready.set()
            started = time.perf_counter()
            try:
                step()
            except Exception:  # a model that fails here fails visibly on first use too
                log.exception("warm-up of %s failed", name)
            self.warm_up_seconds[name] = time.perf_counter() - started
            log.info("warm-up of %s took %.1f s", name, self.warm_up_seconds[name])

    def close(self) -> None:
        if "db" in self.__dict__:
            self.db.dispose()


def _load_templates() -> None:
    """Reply and summary templates, gist phrases and ask rules for every language, parsed once at start:
    the first card in a language never parses YAML while other requests wait on the GIL."""
    from assist import replies
    from assist.asks import split_asks
    from assist.gist import phrases

    for language in replies.supported_languages():
        replies.load_replies(language)
    phrases()
    split_asks("Where is my parcel? And can I return it?")
    from assist.regions import country_in_text

    country_in_text("Do you ship to Innsbruck?")  # the country names and the city map (GeoNames), built once
    country_in_text("寄到杭州要几天？")  # the Han, kana and Hangul city names
