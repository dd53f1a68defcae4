"""The offline card: the analysis, then suggestions and summary from the offline engines, as one AssistCard.

:func:`offline_card` builds it in tens of milliseconds (templates, the intent classifier, offline
translation) inside one of the worker's CPU slots; ``pending`` names what follows it (the reading aid, a
chat model's parts: see assist/card_stream.py). Each step's time is in ``timings_ms``, the engine behind
each answer in ``engines``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from assist.analysis import Analysis, analyse, offline_translator
from assist.card_steps import ONE_THREAD, STEP_THREADS, cpu_slots, degraded_steps, timed
from assist.cpu_slots import CpuSlots
from assist.errors import AssistError
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
from assist.suggest import ReplyContext, suggest_replies
from assist.summarize import summarize

if TYPE_CHECKING:
    from assist.services import Services

log = logging.getLogger("assist.pipeline")
LLM_PARTS = ("translation", "suggestions", "summary")


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


def facts_for_card(ctx: ReplyContext) -> list[dict[str, Any]]:
    """The facts behind the card's intent, for the sidebar (facts marked for review are flagged)."""
    facts = getattr(ctx, "facts", None)
    if facts is None or ctx.intent is None:
        return []
    from assist.shop_facts import card_facts

    return card_facts(facts, ctx.intent.intent, (ctx.agent_language, ctx.buyer_language))


def record_suggestions(services: Services, shop: Any, analysis: Analysis, result: SuggestionSet) -> None:
    ctx = analysis.context
    record_shown(services, shop, ctx.intent_name, ctx.conversation.id, result)


def record_shown(
    services: Services, shop: Any, intent: str, conversation_id: str | None, result: SuggestionSet
) -> None:
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


def card_engines(
    services: Services, analysis: Analysis, suggestions: SuggestionSet, summary: Summary
) -> dict[str, str]:
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
        card, analysis = await card_in_slot(services, shop, conversation, agent_language, n, started, slots)
    card.timings_ms["cpu_slot_wait"] = waited
    return card, analysis


async def card_in_slot(
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
        STEP_THREADS, _card_on_one_thread, services, shop, conversation, agent_language, n, started
    )


def _card_on_one_thread(
    services: Services, shop: Any, conversation: Conversation, agent_language: str, n: int, started: float
) -> tuple[AssistCard, Analysis]:
    token = ONE_THREAD.set(True)
    try:
        return asyncio.run(_offline_card(services, shop, conversation, agent_language, n, started))
    finally:
        ONE_THREAD.reset(token)


async def _offline_card(
    services: Services, shop: Any, conversation: Conversation, agent_language: str, n: int, started: float
) -> tuple[AssistCard, Analysis]:
    analysis = await analyse(services, shop, conversation, agent_language, llm=False, reading_aid=False)
    ctx, timings, notes = analysis.context, analysis.timings_ms, analysis.notes
    translator = offline_translator(services)
    suggestions, summary = await asyncio.gather(
        timed(
            "suggestions",
            timings,
            notes,
            lambda: suggest_replies(ctx, n, chat_model=None, translator=translator, settings=services.settings),
        ),
        timed("summary", timings, notes, lambda: summary_for(services, analysis, llm=False)),
    )
    await timed("cited_passages", timings, notes, lambda: add_cited_passages(services, shop, ctx, suggestions))
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
        engines=card_engines(services, analysis, suggestions, summary),
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
