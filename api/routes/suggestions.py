"""Suggested replies, the sidebar's whole card, summaries, and feedback on suggestions."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sse_starlette import EventSourceResponse
from starlette.concurrency import iterate_in_threadpool

from api.deps import ServicesDep, ShopDep
from assist.errors import AssistError
from assist.limits import check_conversation, check_text
from assist.models import Conversation, SuggestionSet, Summary
from assist.pipeline import (
    Analysis,
    AssistCard,
    analyse,
    assist_card,
    assist_events,
    record_suggestions,
    summary_for,
)
from assist.store import feedback
from assist.suggest import stream_suggestions
from assist.translate import check_language_code

log = logging.getLogger("assist.api")
router = APIRouter(prefix="/v1", tags=["agent"])


class SuggestionRequest(BaseModel):
    conversation: Conversation
    agent_language: str = Field(min_length=2, max_length=12, description="ISO 639-1 code of the agent, e.g. 'en'.")
    n: int = Field(default=3, ge=1, le=5, description="How many suggestions (1-5).")


class SummaryRequest(BaseModel):
    conversation: Conversation
    agent_language: str | None = Field(
        default=None,
        min_length=2,
        max_length=12,
        description="Defaults to the shop's agent_language setting, else 'en'.",
    )


class FeedbackRequest(BaseModel):
    suggestion_id: str = Field(min_length=1, max_length=64)
    action: Literal["inserted", "edited", "dismissed", "sent"]
    final_text: str | None = Field(default=None, max_length=20000)


class FeedbackResponse(BaseModel):
    suggestion_id: str
    action: str
    edit_ratio: float | None = None
    intent: str
    engine: str


def _check(services: Any, body: SuggestionRequest | SummaryRequest) -> str:
    check_conversation(body.conversation, services.settings)
    return check_language_code(body.agent_language or "en", "agent_language")


@router.post("/assist", response_model=AssistCard)
async def assist(body: SuggestionRequest, request: Request, shop: ShopDep, services: ServicesDep) -> Any:
    """Everything for the sidebar in one call: language, translation, intent (with sentiment and urgency),
    order (or why none was found), policies, suggested replies, summary, engines and timings.

    With ``Accept: text/event-stream`` the card is progressive: a ``card`` event from the offline
    engines at once (``pending`` lists what a chat model is still writing), then ``translation``,
    ``suggestions`` and ``summary`` events as the chat model's parts arrive (in parallel), then
    ``done`` (engines, timings, notes); failures as ``error``. Without it, one JSON card with
    everything merged."""
    agent_language = _check(services, body)
    if "text/event-stream" in request.headers.get("accept", ""):
        events = assist_events(services, shop, body.conversation, agent_language, body.n)
        _, card = await anext(events)  # bad input and auth fail here, as a plain 4xx
        return EventSourceResponse(_card_events(card, events), ping=15)
    return await assist_card(services, shop, body.conversation, agent_language, body.n)


async def _card_events(
    card: AssistCard, events: AsyncGenerator[tuple[str, Any], None]
) -> AsyncIterator[dict[str, str]]:
    yield {"event": "card", "data": card.model_dump_json()}
    try:
        async for name, value in events:
            data = value.model_dump_json() if isinstance(value, BaseModel) else json.dumps(value, ensure_ascii=False)
            yield {"event": name, "data": data}
    except AssistError as exc:
        yield {"event": "error", "data": json.dumps({"detail": str(exc)}, ensure_ascii=False)}
    except Exception:  # the stream has started: report the failure as an event, not a broken connection
        log.exception("assist card stream failed")
        yield {"event": "error", "data": json.dumps({"detail": "internal error while finishing the card; try again"})}
    finally:
        await events.aclose()


async def _events(services: Any, shop: Any, analysis: Analysis, n: int) -> AsyncIterator[dict[str, str]]:
    accepted = []
    try:
        stream = stream_suggestions(
            analysis.context,
            n,
            chat_model=services.chat_model,
            translator=services.translator,
            settings=services.settings,
        )
        async for item in iterate_in_threadpool(stream):
            if isinstance(item, SuggestionSet):
                await asyncio.to_thread(record_suggestions, services, shop, analysis, item)
                done = {
                    "engine": item.engine,
                    "degraded": item.degraded,
                    "notes": item.notes,
                    "count": len(item.suggestions),
                }
                yield {"event": "done", "data": json.dumps(done, ensure_ascii=False)}
            else:
                accepted.append(item)
                yield {"event": "suggestion", "data": item.model_dump_json()}
    except AssistError as exc:
        yield {"event": "error", "data": json.dumps({"detail": str(exc)}, ensure_ascii=False)}
    except Exception:  # the stream has started: report the failure as an event, not a broken connection
        log.exception("suggestion stream failed")
        yield {"event": "error", "data": json.dumps({"detail": "internal error while writing suggestions; try again"})}


@router.post("/suggestions", response_model=SuggestionSet)
async def suggestions(body: SuggestionRequest, request: Request, shop: ShopDep, services: ServicesDep) -> Any:
    """Suggested replies in the buyer's language. With ``Accept: text/event-stream``: one ``suggestion``
    event per reply as soon as it is ready, then ``done`` (engine, degraded, notes); failures as ``error``."""
    agent_language = _check(services, body)
    analysis = await analyse(services, shop, body.conversation, agent_language)
    if "text/event-stream" in request.headers.get("accept", ""):
        return EventSourceResponse(_events(services, shop, analysis, body.n), ping=0)
    result = None
    async for item in iterate_in_threadpool(
        stream_suggestions(
            analysis.context,
            body.n,
            chat_model=services.chat_model,
            translator=services.translator,
            settings=services.settings,
        )
    ):
        if isinstance(item, SuggestionSet):
            result = item
    assert result is not None
    await asyncio.to_thread(record_suggestions, services, shop, analysis, result)
    return result


@router.post("/summary", response_model=Summary)
async def summary(body: SummaryRequest, shop: ShopDep, services: ServicesDep) -> Summary:
    """A short summary of the case in the agent's language: the ask, what was done, what is open."""
    body.agent_language = body.agent_language or str(shop.settings.get("agent_language") or "en")
    agent_language = _check(services, body)
    analysis = await analyse(services, shop, body.conversation, agent_language)
    return await asyncio.to_thread(summary_for, services, analysis)


@router.post("/feedback", response_model=FeedbackResponse)
def give_feedback(body: FeedbackRequest, shop: ShopDep, services: ServicesDep) -> FeedbackResponse:
    """What the agent did with a suggestion: ``inserted``, ``edited`` (with ``final_text``), ``dismissed``, ``sent``."""
    if body.final_text is not None:
        check_text(body.final_text, "final_text", services.settings)
    with services.db.session() as session:
        row = feedback.add_feedback(session, shop.id, body.suggestion_id.strip(), body.action, body.final_text)
    return FeedbackResponse(**row)


@router.get("/stats/suggestions")
def suggestion_stats(shop: ShopDep, services: ServicesDep) -> dict[str, Any]:
    """Acceptance rate (inserted or sent / issued), edit rate (edited / inserted) and mean edit ratio of
    the agents' final texts: overall, per intent and per engine."""
    with services.db.session() as session:
        return feedback.suggestion_stats(session, shop.id)
