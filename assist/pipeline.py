"""The sidebar's one call: everything the agent needs about a conversation, as one AssistCard.

Steps run concurrently where they do not depend on each other::

    language + order lookup  ->  translation + intent  ->  policies  ->  suggestions + summary

Each step's time is reported in ``timings_ms``, the engine behind each answer in ``engines``. A step
that fails on its own (translation engine down, policy index unreachable) leaves its part empty and
says so in ``notes``; the rest of the card still arrives.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, Field

from assist.errors import AssistError, InvalidInput
from assist.models import (
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


@dataclass
class Shop:
    """What the pipeline needs to know about the caller's shop (api.deps.ShopContext fits)."""

    id: int
    settings: dict[str, Any] = field(default_factory=dict)


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
    name: str, timings: dict[str, float], notes: list[str], fn: Callable[[], T], default: Any = None, soft: bool = True
) -> T:
    started = time.perf_counter()
    try:
        return await asyncio.to_thread(fn)
    except AssistError as exc:
        if not soft or default is None:
            raise
        notes.append(f"{name}: {exc}")
        return default  # type: ignore[no-any-return]
    finally:
        timings[name] = round((time.perf_counter() - started) * 1000, 2)


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


async def analyse(services: Services, shop: Any, conversation: Conversation, agent_language: str) -> Analysis:
    """Language, order, translation, intent and policies for the conversation."""
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
            result = services.intent_classifier(shop.settings).predict_conversation(conversation)
        except BaseException as exc:
            predicted.set_exception(exc)
            raise
        predicted.set_result(result)
        return result

    def translate() -> Translation:
        # The offline gist (when no engine serves the pair) reuses the intent step's prediction.
        return services.translator.translate(
            buyer_text,
            agent_language,
            lang,
            order_id_pattern=shop.settings.get("order_id_pattern"),
            classify=lambda _text: _prediction(predicted, fallback_intent),
        )

    translation, intent = await asyncio.gather(
        _timed("translation", timings, notes, translate, default=None),
        _timed("intent", timings, notes, classify_conversation, default=fallback_intent),
    )
    translated = translation.text if translation is not None and translation.engine != "none" else None
    query = translated or buyer_text
    policies = await _timed(
        "policies",
        timings,
        notes,
        lambda: services.policy_index.search(shop.id, query, POLICY_K, intents=[intent.intent], language=lang),
        default=[],
    )
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
    )
    return Analysis(context, language, translation, lookup, others, timings, notes)


def record_suggestions(services: Services, shop: Any, analysis: Analysis, result: SuggestionSet) -> None:
    from assist.store import feedback

    with services.db.session() as session:
        feedback.record_issued(
            session,
            shop.id,
            result.suggestions,
            intent=analysis.context.intent_name,
            conversation_id=analysis.context.conversation.id,
        )


def summary_for(services: Services, analysis: Analysis, prompt_version: str | None = None) -> Summary:
    """The case summary, reusing the analysis' translation of the buyer's ask."""
    ctx = analysis.context
    ask = analysis.translation.text if analysis.translation and analysis.translation.engine != "none" else None
    if ask is None and analysis.translation is not None and analysis.translation.gist:
        ask = analysis.translation.gist
    return summarize(
        ctx.conversation,
        ctx.agent_language,
        intent=ctx.intent,
        order=ctx.order,
        chat_model=services.chat_model,
        translator=services.translator,
        settings=services.settings,
        prompt_version=prompt_version,
        buyer_language=ctx.buyer_language,
        translated_ask=ask,
    )


async def assist_card(
    services: Services, shop: Any, conversation: Conversation, agent_language: str, n: int = 3
) -> AssistCard:
    started = time.perf_counter()
    analysis = await analyse(services, shop, conversation, agent_language)
    ctx, timings, notes = analysis.context, analysis.timings_ms, analysis.notes
    suggestions, summary = await asyncio.gather(
        _timed(
            "suggestions",
            timings,
            notes,
            lambda: suggest_replies(
                ctx, n, chat_model=services.chat_model, translator=services.translator, settings=services.settings
            ),
        ),
        _timed("summary", timings, notes, lambda: summary_for(services, analysis)),
    )
    await asyncio.to_thread(record_suggestions, services, shop, analysis, suggestions)
    timings["total"] = round((time.perf_counter() - started) * 1000, 2)
    engines = {
        "language": getattr(services.language_detector, "engine", type(services.language_detector).__name__),
        "translation": analysis.translation.engine if analysis.translation else "none",
        "intent": ctx.intent.engine if ctx.intent else "none",
        "suggestions": suggestions.engine,
        "summary": summary.engine,
    }
    return AssistCard(
        agent_language=agent_language,
        language=analysis.language,
        translation=analysis.translation,
        intent=ctx.intent or IntentPrediction(intent="other", confidence=0.0),
        order=ctx.order,
        order_lookup=analysis.order_lookup,
        other_orders=analysis.other_orders,
        policies=ctx.policies,
        suggestions=suggestions,
        summary=summary,
        engines=engines,
        timings_ms=timings,
        notes=notes,
    )


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
    "build_assist_card",
    "record_suggestions",
    "stream_suggestions",
    "summary_for",
]
