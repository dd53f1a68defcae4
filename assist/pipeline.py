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

This module is the entry point; the capabilities live in their own modules:

- assist/card_steps.py: a timed step, its soft failure (a partial card), the card's threads and CPU slots;
- assist/analysis.py: the analysis (language, order, translation, intent, asks, policies; ``analyse``);
- assist/card.py: the offline card (suggestions, summary, asks, facts, engines; ``offline_card``);
- assist/card_stream.py: the progressive card and the chat model's parts (``assist_events``, ``assist_card``).
"""

from __future__ import annotations

from assist.analysis import (
    POLICY_K,
    Analysis,
    MemoTranslator,
    Shop,
    analyse,
    offline_intent,
    offline_translator,
    shop_facts,
)
from assist.card import (
    LLM_PARTS,
    READING_AID,
    AssistCard,
    add_cited_passages,
    card_asks,
    facts_for_card,
    offline_card,
    record_suggestions,
    summary_for,
)
from assist.card_steps import PARTIAL, cpu_slots, degraded_steps, is_store_failure, partial_note
from assist.card_stream import assist_card, assist_events, build_assist_card
from assist.suggest import stream_suggestions

__all__ = [
    "LLM_PARTS",
    "PARTIAL",
    "POLICY_K",
    "READING_AID",
    "Analysis",
    "AssistCard",
    "MemoTranslator",
    "Shop",
    "add_cited_passages",
    "analyse",
    "assist_card",
    "assist_events",
    "build_assist_card",
    "card_asks",
    "cpu_slots",
    "degraded_steps",
    "facts_for_card",
    "is_store_failure",
    "offline_card",
    "offline_intent",
    "offline_translator",
    "partial_note",
    "record_suggestions",
    "shop_facts",
    "stream_suggestions",
    "summary_for",
]
