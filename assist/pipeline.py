"""The sidebar's one call: everything the agent needs about a conversation, as one AssistCard.

Steps run concurrently where they do not depend on each other::

    language + order lookup  ->  translation + intent  ->  policies  ->  suggestions + summary

The card is progressive. :func:`assist_events` first builds it from the offline engines only (tens
of milliseconds: templates, the intent classifier, offline translation), then, when a chat model is
configured, runs its translation, suggestions and summary in parallel and yields each as it
arrives; ``pending`` on the first card names what will follow. :func:`assist_card` is the same run
collected into one complete card.

Each step's time is reported in ``timings_ms``, the engine behind each answer in ``engines``. A step
that fails on its own (translation engine down, policy index unreachable) leaves its part empty and
says so in ``notes``; the rest of the card still arrives.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AsyncExitStack
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, Field

from assist.cpu_slots import CpuSlots
from assist.errors import AssistError, InvalidInput
from assist.models import (
    AskCoverage,
    Conversation,
    IntentPrediction,
    LanguageGuess,
    Order,
    PolicyPassage,
    SuggestionSet,
    Summary,
    Translation,
)
from assist.suggest import ReplyContext, stream_suggestions, suggest_replies
from assist.summarize import summarize

if TYPE_CHECKING:
    from assist.services import Services

log = logging.getLogger("assist.pipeline")
T = TypeVar("T")
POLICY_K = 6
LLM_PARTS = ("translation", "suggestions", "summary")
# Chat-model calls wait on the network for seconds: they get their own threads, so that they never
# hold the default pool's few threads that the offline (CPU) steps of other requests need.
_LLM_THREADS = ThreadPoolExecutor(max_workers=32, thread_name_prefix="assist-llm")
# The card's offline steps: enough threads that a step waiting on another (the gist waits for the intent,
# an embedding waits for its micro-batch) never waits for a free thread behind other cards' steps (the
# event loop's default pool has cpu_count + 4 threads).
_STEP_THREADS = ThreadPoolExecutor(max_workers=32, thread_name_prefix="assist-step")
# Set while a whole card runs on one thread (_card_on_one_thread): its steps run there, one after another.
_ONE_THREAD: ContextVar[bool] = ContextVar("assist_card_on_one_thread", default=False)


class AssistCard(BaseModel):
    agent_language: str
    language: LanguageGuess
    translation: Translation | None = None
    intent: IntentPrediction
    order: Order | None = None
    order_lookup: str = Field(description="How the order was found, or why none was.")
    other_orders: list[str] = Field(default_factory=list, description="Further order ids the conversation mentions.")
    policies: list[PolicyPassage] = Field(default_factory=list)
    suggestions: SuggestionSet
    summary: Summary
    engines: dict[str, str] = Field(default_factory=dict)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
    asks: list[AskCoverage] = Field(
        default_factory=list, description="The buyer's asks in order, each covered by the top suggestion or not."
    )
    policy_facts: list[dict[str, Any]] = Field(
        default_factory=list,
        description="The shop's policy facts behind the intent, each with its sentence, source and review flag "
        "(see GET /v1/policies/facts).",
    )
    pending: list[str] = Field(
        default_factory=list,
        description="Parts still being written: 'reading_aid' (the offline word-by-word reading aid, when no "
        "engine translates the buyer's language; the card shows the gist meanwhile) and what a chat model adds "
        "(translation, suggestions, summary). With 'Accept: text/event-stream' each follows as its own event; "
        "the JSON answer waits for them.",
    )
    degraded: str | None = Field(
        default=None,
        description="The steps whose store or index failed (named in 'notes'): the card is partial.",
    )


@dataclass
class Shop:
    """What the pipeline needs to know about the caller's shop (api.deps.ShopContext fits)."""

    id: int
    settings: dict[str, Any] = field(default_factory=dict)
    facts: Any = None  # the shop's effective PolicyFacts, when known (see shop_facts)


@dataclass
class Analysis:
    """Everything before the reply: the inputs of suggestions and summary."""

    context: ReplyContext
    language: LanguageGuess
    translation: Translation | None
    order_lookup: str
    other_orders: list[str]
    timings_ms: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


async def _timed(
    name: str,
    timings: dict[str, float],
    notes: list[str],
    fn: Callable[[], T],
    default: Any = None,
    soft: bool = True,
    executor: ThreadPoolExecutor | None = None,
) -> T:
    started = time.perf_counter()
    try:
        if _ONE_THREAD.get():  # the whole card runs on one thread (see _card_on_one_thread)
            return fn()
        return await asyncio.get_running_loop().run_in_executor(executor or _STEP_THREADS, fn)
    except AssistError as exc:
        if not soft or default is None:
            raise
        notes.append(f"{name}: {exc}")
        return default  # type: ignore[no-any-return]
    except Exception as exc:
        # A store or index failure (database, Chroma, disk) leaves this step empty: a partial card.
        if not soft or (default is None and name != "translation") or not is_store_failure(exc):
            raise
        log.warning("assist card step %s failed: %r", name, exc, exc_info=exc)
        notes.append(partial_note(name, exc))
        return default  # type: ignore[no-any-return]
    finally:
        timings[name] = round((time.perf_counter() - started) * 1000, 2)


PARTIAL = "the card is partial"


def is_store_failure(exc: BaseException) -> bool:
    """Whether ``exc`` is a store or index failure (database, Chroma, its server, the disk)."""
    import httpx
    from chromadb.errors import ChromaError
    from sqlalchemy.exc import SQLAlchemyError

    return isinstance(exc, SQLAlchemyError | ChromaError | httpx.TransportError | OSError)


def partial_note(step: str, exc: BaseException) -> str:
    return f"{step}: failed ({type(exc).__name__} in the store or index); {PARTIAL}, try again shortly"


def degraded_steps(notes: list[str]) -> str | None:
    steps = [note.split(":", 1)[0] for note in notes if PARTIAL in note]
    return f"failed: {', '.join(steps)}" if steps else None


def _lookup_order(services: Services, shop: Any, conversation: Conversation) -> tuple[Order | None, str, list[str]]:
    from retrievers.orders import find_order_ids, find_orders

    pattern = shop.settings.get("order_id_pattern")
    orders = find_orders(services.order_store, shop.id, conversation, pattern)
    mentioned = list(conversation.order_ids)
    for message in conversation.messages:
        mentioned += [i for i in find_order_ids(message.text, pattern) if i not in mentioned]
    if orders:
        order = orders[0]
        how = (
            f"order {order.order_id} mentioned in the conversation"
            if order.order_id.upper() in {m.upper() for m in mentioned}
            else f"the buyer's latest order ({order.order_id})"
        )
        return order, how, [o.order_id for o in orders[1:]]
    if mentioned:
        return None, f"order id(s) {', '.join(mentioned)} not found in this shop: check the id with the buyer", []
    return None, "no order id in the conversation and no known customer id: ask the buyer for the order number", []


class MemoTranslator:
    """Offline translations remembered by their input (the offline engines are deterministic): a
    conversation is re-sent on every keystroke pause, and the summary and the back-translations
    translate the same sentences again; each is translated (gist and reading aid included) once.
    Degraded answers (a deadline, an engine failure) are never remembered."""

    def __init__(self, inner: Any, size: int = 4096) -> None:
        self.inner = inner
        self.size = size
        self._memo: OrderedDict[tuple[Any, ...], Translation] = OrderedDict()
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def translate(self, text: str, target_language: str, source_language: str | None = None, **kw: Any) -> Any:
        if kw.get("classify") is not None:  # the caller's own intent for the gist: not the same answer
            return self.inner.translate(text, target_language, source_language, **kw)
        key = (text, target_language, source_language, tuple(sorted(kw.items())))
        with self._lock:
            found = self._memo.get(key)
            if found is not None:
                self._memo.move_to_end(key)
        if found is None:
            found = self.inner.translate(text, target_language, source_language, **kw)
            if not found.degraded:
                with self._lock:
                    self._memo[key] = found
                    while len(self._memo) > self.size:
                        self._memo.popitem(last=False)
        return found.model_copy(deep=True)


def offline_translator(services: Services) -> Any:
    """The translator without its chat-model engine (what answers in milliseconds), remembering answers."""
    kept = services.__dict__.setdefault("_offline_engines", {})
    translator = services.translator
    if id(translator) in kept:
        return kept[id(translator)]
    from assist.translate import ChatTranslator

    offline = translator
    engines = getattr(translator, "engines", None)
    if services.chat_model is not None and engines is not None:
        offline = copy.copy(translator)  # shares the detector, cache and engines' locks
        offline.engines = [e for e in engines if not isinstance(e, ChatTranslator)]
        if getattr(offline, "classify", None) is not None:  # the gist's intent: no model vote either
            offline.classify = lambda text: offline_intent(services, {}).predict(text)
    return kept.setdefault(id(translator), MemoTranslator(offline))


def offline_intent(services: Services, shop_settings: dict[str, Any]) -> Any:
    """The shop's intent classifier without the chat-model vote (same trained model)."""
    classifier = services.intent_classifier(shop_settings)
    if getattr(classifier, "chat_model", None) is None:
        return classifier
    kept = services.__dict__.setdefault("_offline_engines", {})
    if id(classifier) not in kept:
        clone = copy.copy(classifier)
        clone.chat_model = None
        kept[id(classifier)] = clone
    return kept[id(classifier)]


def _offline_prediction(services: Services, classifier: Any, conversation: Conversation) -> IntentPrediction:
    """The offline classifier's answer, remembered per conversation state: the sidebar re-sends the same
    conversation on every keystroke pause, and the classifier is deterministic."""
    memo: OrderedDict[tuple[Any, ...], IntentPrediction] = services.__dict__.setdefault("_intent_memo", OrderedDict())
    key = (id(classifier), tuple((m.role, m.text) for m in conversation.messages))
    found = memo.get(key)
    if found is None:
        found = classifier.predict_conversation(conversation)
        memo[key] = found
        while len(memo) > 2048:
            memo.popitem(last=False)
    return found.model_copy(deep=True)


def _buyer_language(services: Services, conversation: Conversation, agent_language: str) -> LanguageGuess:
    from assist.language import buyer_language

    guess = buyer_language(services.language_detector, conversation)
    if guess.language == "und":
        return LanguageGuess(language=conversation.customer.language or agent_language, confidence=0.0)
    return guess


def _prediction(future: Future[IntentPrediction], fallback: IntentPrediction) -> IntentPrediction:
    try:
        return future.result(timeout=60)
    except Exception:  # the intent step reports its own failure
        return fallback


async def analyse(
    services: Services,
    shop: Any,
    conversation: Conversation,
    agent_language: str,
    *,
    llm: bool = True,
    reading_aid: bool = True,
) -> Analysis:
    """Language, order, translation, intent and policies for the conversation (``llm=False``: the
    offline engines only, even when a chat model is configured; ``reading_aid=False``: when no engine
    translates the pair, the gist without the word-by-word reading aid, which the card sends after)."""
    if not conversation.customer_messages():
        raise InvalidInput("the conversation has no customer message: add the buyer's messages (role 'customer')")
    timings: dict[str, float] = {}
    notes: list[str] = []
    buyer_text = conversation.customer_text(last=3)
    language, (order, lookup, others) = await asyncio.gather(
        _timed("language", timings, notes, lambda: _buyer_language(services, conversation, agent_language)),
        _timed(
            "order_lookup",
            timings,
            notes,
            lambda: _lookup_order(services, shop, conversation),
            default=(None, "order lookup failed", []),
        ),
    )
    lang = language.language

    fallback_intent = IntentPrediction(intent="other", confidence=0.0, engine="none")
    predicted: Future[IntentPrediction] = Future()

    def classify_conversation() -> IntentPrediction:
        try:
            if llm:
                result = services.intent_classifier(shop.settings).predict_conversation(conversation)
            else:
                result = _offline_prediction(services, offline_intent(services, shop.settings), conversation)
        except BaseException as exc:
            predicted.set_exception(exc)
            raise
        predicted.set_result(result)
        return result

    def translate() -> Translation:
        # The offline gist (when no engine serves the pair) reuses the intent step's prediction.
        translator = services.translator if llm else offline_translator(services)
        return translator.translate(
            buyer_text,
            agent_language,
            lang,
            order_id_pattern=shop.settings.get("order_id_pattern"),
            classify=lambda _text: _prediction(predicted, fallback_intent),
            **({} if reading_aid else {"reading_aid": False}),
        )

    intent, translation = await asyncio.gather(  # intent first: on one thread, the gist waits for it
        _timed("intent", timings, notes, classify_conversation, default=fallback_intent),
        _timed("translation", timings, notes, translate, default=None),
    )
    # a gloss (word-by-word reading aid) is for the agent's eyes, not a query or a summary
    translated = translation.text if translation is not None and translation.engine not in ("none", "gloss") else None
    query = translated or buyer_text
    policies = await _timed(
        "policies",
        timings,
        notes,
        lambda: services.policy_index.search(shop.id, query, POLICY_K, intents=[intent.intent], language=lang),
        default=[],
    )
    asks = await _timed("asks", timings, notes, lambda: _split_asks(services, shop, conversation, order), default=[])
    context = ReplyContext(
        conversation=conversation,
        buyer_language=lang,
        agent_language=agent_language,
        buyer_text=buyer_text,
        translated_text=translated,
        intent=intent,
        order=order,
        policies=policies,
        shop_settings=dict(shop.settings),
        facts=shop_facts(services, shop),
        asks=asks,
    )
    return Analysis(context, language, translation, lookup, others, timings, notes)


def _split_asks(services: Services, shop: Any, conversation: Conversation, order: Order | None) -> list[Any]:
    """The buyer's latest turn as asks, each classified by the shop's intent classifier (assist/asks.py)."""
    from assist.asks import conversation_asks

    classifier = services.intent_classifier(shop.settings)
    embed = services.embedder.embed
    names = _remembered_names(services, classifier)
    return conversation_asks(conversation, names, order, embed, learned=_topic_reader(services, embed))


def _topic_reader(services: Services, embed: Any) -> Any:
    """The learned ask-topic reader for ``embed``, found once per services: finding it re-derives the
    exemplars' content key (masking, serialising and hashing ~3,000 exemplars), which cost about a sixth
    of a first-sight card's CPU when done per card."""
    from assist.ask_topics import topic_model

    memo: dict[int, Any] = services.__dict__.setdefault("_topic_readers", {})
    owner = id(getattr(embed, "__self__", embed))
    if owner not in memo:
        memo[owner] = topic_model(embed)
    return memo[owner]


def _remembered_names(services: Services, classifier: Any) -> Callable[[list[str]], list[str]]:
    """``classifier.predict_many`` (deterministic: no model vote) remembered per input, for re-sent conversations."""
    memo: OrderedDict[tuple[Any, ...], list[str]] = services.__dict__.setdefault("_intent_names_memo", OrderedDict())

    def predict_many(texts: list[str]) -> list[str]:
        key = (id(classifier), tuple(texts))
        found = memo.get(key)
        if found is None:
            found = list(classifier.predict_many(texts))
            memo[key] = found
            while len(memo) > 4096:
                memo.popitem(last=False)
        return list(found)

    return predict_many


def facts_for_card(ctx: ReplyContext) -> list[dict[str, Any]]:
    """The facts behind the card's intent, for the sidebar (facts marked for review are flagged)."""
    facts = getattr(ctx, "facts", None)
    if facts is None or ctx.intent is None:
        return []
    from assist.shop_facts import card_facts

    return card_facts(facts, ctx.intent.intent, (ctx.agent_language, ctx.buyer_language))


def shop_facts(services: Services, shop: Any) -> Any:
    """The shop's effective PolicyFacts: the ``facts`` the caller's shop carries, else
    ``services.policy_facts(shop_id)`` when the service offers it; None when neither knows any."""
    facts = getattr(shop, "facts", None)
    if facts is not None:
        return facts
    load = getattr(services, "policy_facts", None)
    if not callable(load):
        return None
    try:
        return load(shop.id)
    except AssistError as exc:
        log.warning("policy facts unavailable: %s", exc)
        return None
    except Exception as exc:
        if not is_store_failure(exc):
            raise
        log.warning("policy facts unavailable: %r", exc)
        return None


def record_suggestions(services: Services, shop: Any, analysis: Analysis, result: SuggestionSet) -> None:
    ctx = analysis.context
    _record(services, shop, ctx.intent_name, ctx.conversation.id, result)


def _record(services: Services, shop: Any, intent: str, conversation_id: str | None, result: SuggestionSet) -> None:
    from assist.store import feedback

    with services.db.session() as session:
        feedback.record_issued(session, shop.id, result.suggestions, intent=intent, conversation_id=conversation_id)


def summary_for(
    services: Services, analysis: Analysis, prompt_version: str | None = None, *, llm: bool = True
) -> Summary:
    """The case summary, reusing the analysis' translation of the buyer's ask (``llm=False``: the
    offline summary even when a chat model is configured)."""
    ctx = analysis.context
    translated = analysis.translation and analysis.translation.engine not in ("none", "gloss")
    ask = analysis.translation.text if analysis.translation and translated else None
    if ask is None and analysis.translation is not None and analysis.translation.gist:
        ask = analysis.translation.gist
    return summarize(
        ctx.conversation,
        ctx.agent_language,
        intent=ctx.intent,
        order=ctx.order,
        chat_model=services.chat_model if llm else None,
        translator=offline_translator(services),  # the offline summary never waits for (or retries) a model
        settings=services.settings,
        prompt_version=prompt_version,
        buyer_language=ctx.buyer_language,
        translated_ask=ask,
        embedder=services.embedder,
    )


def _engines(services: Services, analysis: Analysis, suggestions: SuggestionSet, summary: Summary) -> dict[str, str]:
    ctx = analysis.context
    return {
        "language": getattr(services.language_detector, "engine", type(services.language_detector).__name__),
        "translation": analysis.translation.engine if analysis.translation else "none",
        "intent": ctx.intent.engine if ctx.intent else "none",
        "mood": ctx.intent.mood_engine if ctx.intent else "none",
        "suggestions": suggestions.engine,
        "summary": summary.engine,
    }


def add_cited_passages(services: Services, shop: Any, ctx: ReplyContext, suggestions: SuggestionSet) -> None:
    """Passages the suggestions cite but retrieval did not return (a policy fact's own chunk), added to
    the card's policies so every citation can be opened."""
    known = {p.id for p in ctx.policies}
    for cited in dict.fromkeys(c for s in suggestions.suggestions for c in s.citations if c not in known):
        try:
            passage = services.policy_index.get(shop.id, cited)
        except AssistError as exc:
            log.info("cited passage %s unavailable: %s", cited, exc)
            continue
        if passage is not None:
            ctx.policies.append(passage)


def card_asks(ctx: ReplyContext, suggestions: SuggestionSet) -> list[AskCoverage]:
    """The asks for the card: with their coverage when the suggestions answered them from policy facts,
    else as split, each marked uncovered with the reason."""
    if suggestions.asks:
        return suggestions.asks
    why = "this shop has no policy facts yet (assist policies ingest)" if ctx.facts is None else "no fact answers it"
    return [
        AskCoverage(text=a.text, intent=a.intent, topics=a.topics, items=a.items, covered=False, note=why)
        for a in ctx.asks
    ]


def _llm_pending(services: Services, analysis: Analysis) -> list[str]:
    """What a configured chat model adds to the offline card."""
    if services.chat_model is None:
        return []
    translation = analysis.translation
    untranslated = analysis.context.buyer_language != analysis.context.agent_language and (
        translation is None or translation.engine in ("none", "gloss")
    )
    return [p for p in LLM_PARTS if p != "translation" or untranslated]


async def offline_card(
    services: Services, shop: Any, conversation: Conversation, agent_language: str, n: int = 3
) -> tuple[AssistCard, Analysis]:
    """The card from the offline engines only; ``pending`` names what a chat model will add. It waits
    for one of the worker's CPU slots (assist/cpu_slots.py), in arrival order, and holds it until ready."""
    started = time.perf_counter()
    slots = cpu_slots(services)
    async with slots.held_async():
        waited = round((time.perf_counter() - started) * 1000, 2)
        card, analysis = await _card(services, shop, conversation, agent_language, n, started, slots)
    card.timings_ms["cpu_slot_wait"] = waited
    return card, analysis


async def _card(
    services: Services,
    shop: Any,
    conversation: Conversation,
    agent_language: str,
    n: int,
    started: float,
    slots: CpuSlots,
) -> tuple[AssistCard, Analysis]:
    """Alone in the worker, the card's independent steps run on parallel threads (their native parts
    overlap). While other requests compute too, the whole card runs on one thread: a step handed from
    thread to thread waits for the GIL behind every busy thread, at each hand-over."""
    if not slots.others_busy():
        return await _offline_card(services, shop, conversation, agent_language, n, started)
    return await asyncio.get_running_loop().run_in_executor(
        _STEP_THREADS, _card_on_one_thread, services, shop, conversation, agent_language, n, started
    )


def _card_on_one_thread(
    services: Services, shop: Any, conversation: Conversation, agent_language: str, n: int, started: float
) -> tuple[AssistCard, Analysis]:
    token = _ONE_THREAD.set(True)
    try:
        return asyncio.run(_offline_card(services, shop, conversation, agent_language, n, started))
    finally:
        _ONE_THREAD.reset(token)


def cpu_slots(services: Any) -> CpuSlots:
    """The services' CPU slots; services without any (a test double) get no limit."""
    slots = getattr(services, "cpu_slots", None)
    return slots if isinstance(slots, CpuSlots) else _NO_LIMIT


_NO_LIMIT = CpuSlots(0)


async def _offline_card(
    services: Services, shop: Any, conversation: Conversation, agent_language: str, n: int, started: float
) -> tuple[AssistCard, Analysis]:
    analysis = await analyse(services, shop, conversation, agent_language, llm=False, reading_aid=False)
    ctx, timings, notes = analysis.context, analysis.timings_ms, analysis.notes
    translator = offline_translator(services)
    suggestions, summary = await asyncio.gather(
        _timed(
            "suggestions",
            timings,
            notes,
            lambda: suggest_replies(ctx, n, chat_model=None, translator=translator, settings=services.settings),
        ),
        _timed("summary", timings, notes, lambda: summary_for(services, analysis, llm=False)),
    )
    await _timed("cited_passages", timings, notes, lambda: add_cited_passages(services, shop, ctx, suggestions))
    timings["offline_card"] = round((time.perf_counter() - started) * 1000, 2)
    card = AssistCard(
        agent_language=agent_language,
        language=analysis.language,
        translation=analysis.translation,
        intent=ctx.intent or IntentPrediction(intent="other", confidence=0.0),
        order=ctx.order,
        order_lookup=analysis.order_lookup,
        other_orders=analysis.other_orders,
        policies=ctx.policies,
        suggestions=suggestions,
        asks=card_asks(ctx, suggestions),
        policy_facts=facts_for_card(ctx),
        summary=summary,
        engines=_engines(services, analysis, suggestions, summary),
        timings_ms=timings,
        notes=notes,
        pending=_reading_aid_pending(services, analysis) + _llm_pending(services, analysis),
        degraded=degraded_steps(notes),
    )
    return card, analysis


READING_AID = "reading_aid"


def _reading_aid_pending(services: Services, analysis: Analysis) -> list[str]:
    """``["reading_aid"]`` when no engine translated the buyer's text and the word-by-word reading aid can
    be built: it follows the first card (tens of milliseconds), which shows the gist meanwhile."""
    translation = analysis.translation
    if translation is None or translation.engine != "none" or translation.degraded:
        return []
    can = getattr(offline_translator(services), "reading_aid_for", None)
    return [READING_AID] if callable(can) and can(translation.source_language, translation.target_language) else []


def _reading_aid(services: Services, shop: Any, ctx: ReplyContext, intent: IntentPrediction) -> Translation:
    """The buyer's text with its word-by-word reading aid (offline; built in the card's CPU slot)."""
    return offline_translator(services).translate(  # type: ignore[no-any-return]
        ctx.buyer_text,
        ctx.agent_language,
        ctx.buyer_language,
        order_id_pattern=shop.settings.get("order_id_pattern"),
        classify=lambda _text: intent,
    )


async def _llm_parts(
    services: Services, shop: Any, analysis: Analysis, parts: list[str], n: int
) -> AsyncIterator[tuple[str, Any, float]]:
    """Run the chat model's parts (and the offline reading aid) in parallel; yield ``(part, result or
    AssistError, ms)`` as each ends."""
    ctx = analysis.context
    intent = ctx.intent or IntentPrediction(intent="other", confidence=0.0, engine="none")
    jobs: dict[str, Callable[[], Any]] = {
        "translation": lambda: services.translator.translate(
            ctx.buyer_text,
            ctx.agent_language,
            ctx.buyer_language,
            order_id_pattern=shop.settings.get("order_id_pattern"),
            classify=lambda _text: intent,
        ),
        # Back-translations from the offline engines or the model's own (marked): one model round trip.
        "suggestions": lambda: suggest_replies(
            ctx, n, chat_model=services.chat_model, translator=offline_translator(services), settings=services.settings
        ),
        "summary": lambda: summary_for(services, analysis),
        READING_AID: lambda: _reading_aid(services, shop, ctx, intent),
    }
    loop = asyncio.get_running_loop()

    async def run(part: str) -> tuple[str, Any, float]:
        started = time.perf_counter()
        try:
            result: Any = await loop.run_in_executor(_LLM_THREADS, jobs[part])
        except AssistError as exc:
            result = exc
        return part, result, round((time.perf_counter() - started) * 1000, 2)

    tasks = [asyncio.ensure_future(run(part)) for part in parts]
    try:
        for finished in asyncio.as_completed(tasks):
            yield await finished
    finally:
        for task in tasks:
            task.cancel()


async def assist_events(
    services: Services,
    shop: Any,
    conversation: Conversation,
    agent_language: str,
    n: int = 3,
    *,
    record: bool = True,
) -> AsyncGenerator[tuple[str, Any], None]:
    """The progressive card: ``("card", AssistCard)`` from the offline engines at once, then the offline
    word-by-word reading aid (``("reading_aid", Translation)``, when no engine translates the pair) and
    each chat-model part as it arrives (``("translation", Translation)``, ``("suggestions", SuggestionSet)``,
    ``("summary", Summary)``, in parallel), then ``("done", {engines, timings_ms, notes})``. The card
    object is updated in place, so after ``done`` it is the complete card. ``record``: store every
    suggestion set shown (for feedback and stats)."""
    started = time.perf_counter()
    async with AsyncExitStack() as slot:
        # One CPU slot for the offline card and, when it follows, its reading aid (never re-queued for it).
        slots = cpu_slots(services)
        await slot.enter_async_context(slots.held_async())
        waited = round((time.perf_counter() - started) * 1000, 2)
        card, analysis = await _card(services, shop, conversation, agent_language, n, started, slots)
        card.timings_ms["cpu_slot_wait"] = waited
        if READING_AID not in card.pending:
            await slot.aclose()
        if record:
            await _record_softly(card, record_suggestions, services, shop, analysis, card.suggestions)
        yield "card", card
        async for part, result, ms in _llm_parts(services, shop, analysis, list(card.pending), n):
            card.pending.remove(part)
            if part == READING_AID:
                await slot.aclose()
                card.timings_ms[part] = ms
                _add_reading_aid(card, result)
                if not isinstance(result, AssistError):
                    yield part, result
                continue
            async for event in _merge_llm_part(services, shop, analysis, card, part, result, ms, record):
                yield event
    card.timings_ms["total"] = round((time.perf_counter() - started) * 1000, 2)
    yield "done", {"engines": card.engines, "timings_ms": card.timings_ms, "notes": card.notes}


async def _merge_llm_part(
    services: Services,
    shop: Any,
    analysis: Analysis,
    card: AssistCard,
    part: str,
    result: Any,
    ms: float,
    record: bool,
) -> AsyncGenerator[tuple[str, Any], None]:
    """A chat model's part merged into the card (a failure becomes a note); yields the part's event."""
    card.timings_ms[f"llm_{part}"] = ms
    if isinstance(result, AssistError):
        card.notes.append(f"{part} (chat model): {result}")
        return
    setattr(card, part, result)
    card.engines[part] = result.engine
    if part == "suggestions" and result.asks:
        card.asks = result.asks
    if part == "suggestions" and record:
        await _record_softly(card, record_suggestions, services, shop, analysis, result)
    yield part, result


def _add_reading_aid(card: AssistCard, result: Translation | AssistError) -> None:
    """The reading aid replaces the card's gist-only translation (never a chat model's translation)."""
    if isinstance(result, AssistError):
        card.notes.append(f"reading aid: {result}")
    elif card.translation is None or card.translation.engine == "none":
        card.translation = result
        card.engines["translation"] = result.engine


async def assist_card(
    services: Services, shop: Any, conversation: Conversation, agent_language: str, n: int = 3
) -> AssistCard:
    """The complete card: the offline card with the chat model's parts (run in parallel) merged in."""
    card: AssistCard | None = None
    async for event, value in assist_events(services, shop, conversation, agent_language, n, record=False):
        if event == "card":
            card = value
    assert card is not None
    intent, conversation_id = card.intent.intent, conversation.id
    await _record_softly(card, _record, services, shop, intent, conversation_id, card.suggestions)
    return card


async def _record_softly(card: AssistCard, record: Callable[..., None], *args: Any) -> None:
    """Store the shown suggestions (for feedback); a store failure is a note, not a lost card."""
    try:
        await asyncio.to_thread(record, *args)
    except Exception as exc:
        if not (is_store_failure(exc) or isinstance(exc, AssistError)):
            raise
        log.warning("suggestions not recorded: %r", exc)
        note = partial_note("feedback", exc).replace(PARTIAL, "feedback on these suggestions is not counted")
        card.notes.append(note)


def build_assist_card(
    services: Services, shop: Any, conversation: Conversation, agent_language: str, n: int = 3
) -> AssistCard:
    """Synchronous form of :func:`assist_card` (CLI, evals, benchmarks)."""
    return asyncio.run(assist_card(services, shop, conversation, agent_language, n))


__all__ = [
    "AssistCard",
    "Shop",
    "analyse",
    "assist_card",
    "assist_events",
    "offline_card",
    "build_assist_card",
    "record_suggestions",
    "stream_suggestions",
    "summary_for",
]
