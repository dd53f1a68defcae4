"""The progressive card: the offline card at once, then each part a chat model adds as it arrives.

:func:`assist_events` yields the offline card (assist/card.py), then, when a chat model is configured,
runs its translation, suggestions and summary in parallel and yields each as it arrives (and the offline
word-by-word reading aid, when one follows). :func:`assist_card` is the same run collected into one
complete card; :func:`build_assist_card` its synchronous form.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Any

from assist.analysis import Analysis, offline_translator
from assist.card import READING_AID, AssistCard, card_in_slot, record_shown, record_suggestions, summary_for
from assist.card_steps import PARTIAL, cpu_slots, is_store_failure, partial_note
from assist.errors import AssistError
from assist.models import Conversation, IntentPrediction, Translation
from assist.suggest import ReplyContext, suggest_replies

if TYPE_CHECKING:
    from assist.services import Services

log = logging.getLogger("assist.pipeline")
# Chat-model calls wait on the network for seconds: they get their own threads, so that they never
# hold the default pool's few threads that the offline (CPU) steps of other requests need.
_LLM_THREADS = ThreadPoolExecutor(max_workers=32, thread_name_prefix="assist-llm")


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
        card, analysis = await card_in_slot(services, shop, conversation, agent_language, n, started, slots)
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
    await _record_softly(card, record_shown, services, shop, intent, conversation_id, card.suggestions)
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
