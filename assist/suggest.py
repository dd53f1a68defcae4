"""Suggested replies in the buyer's language, grounded in order data and shop policy.

``suggest_replies(context)`` uses the chat model when one is given (structured output, personal data
masked, every suggestion checked afterwards) and the native templates otherwise, or when the model
fails or every suggestion it wrote fails the checks (``degraded`` says why). ``stream_suggestions``
yields each suggestion as soon as it is ready, then the final :class:`SuggestionSet`.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from assist import replies
from assist.errors import AssistError
from assist.models import (
    AskCoverage,
    Conversation,
    IntentPrediction,
    Order,
    PolicyPassage,
    Suggestion,
    SuggestionSet,
)

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assist.asks import Ask
    from assist.config import Settings
    from assist.policy_facts import PolicyFacts

log = logging.getLogger("assist.suggest")

_NAMESPACE = uuid.UUID("6f1c3a52-9d7e-4a43-8d55-3f3b2f0a9e10")


@dataclass
class ReplyContext:
    """Everything a reply may draw on. Only ``order``, ``policies`` and ``shop_settings`` are facts."""

    conversation: Conversation
    buyer_language: str
    agent_language: str
    buyer_text: str = ""
    translated_text: str | None = None
    intent: IntentPrediction | None = None
    order: Order | None = None
    policies: list[PolicyPassage] = field(default_factory=list)
    shop_settings: dict[str, Any] = field(default_factory=dict)
    facts: PolicyFacts | None = None  # the shop's effective policy facts (assist/policy_facts.py)
    asks: list[Ask] = field(default_factory=list)  # the buyer's latest turn, split (assist/asks.py)
    # what every reply is written in: the buyer's language where templates exist and the buyer's words are its
    # common words, else English with ``language_note`` for the agent (assist/reply_language.py)
    reply_language: str = ""
    language_note: str | None = None

    def __post_init__(self) -> None:
        if not self.buyer_text:
            self.buyer_text = self.conversation.customer_text(last=3) or self.conversation.messages[-1].text
        if not self.reply_language:
            from assist.reply_language import reply_language

            picked = reply_language(self.buyer_language, self.buyer_text, replies.supported_languages())
            self.reply_language, self.language_note = picked.language, picked.note

    @property
    def intent_name(self) -> str:
        return self.intent.intent if self.intent else "other"

    @property
    def buyer_name(self) -> str | None:
        return self.conversation.customer.name or (self.order.customer_name if self.order else None)

    @property
    def reference_time(self) -> datetime:
        """When the reply is written: the latest message's ``sent_at`` (UTC), else now."""
        times = [
            m.sent_at if m.sent_at.tzinfo else m.sent_at.replace(tzinfo=UTC)
            for m in self.conversation.messages
            if m.sent_at is not None
        ]
        return max(times) if times else datetime.now(UTC)

    @property
    def key(self) -> str:
        """Identifies the conversation state, so suggestion ids are stable for the same input."""
        if self.conversation.id:
            basis = f"{self.conversation.id}|{len(self.conversation.messages)}"
        else:
            basis = "\n".join(f"{m.role}:{m.text}" for m in self.conversation.messages)
        return hashlib.sha256(basis.encode()).hexdigest()[:16]


def suggestion_id(context: ReplyContext, engine: str, index: int, text: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{context.key}|{engine}|{index}|{text}"))


# --- template engine -----------------------------------------------------------------------


def template_suggestions(context: ReplyContext, n: int = 3, translator: Any = None) -> SuggestionSet:
    """Replies from the native templates, filled with order facts and cited policy numbers."""
    notes: list[str] = [context.language_note] if context.language_note else []
    buyer_lang = context.reply_language
    agent_lang = context.agent_language if context.agent_language in replies.supported_languages() else None
    now = context.reference_time
    buyer_slots = replies.build_slots(
        buyer_lang, context.order, context.policies, context.shop_settings, context.buyer_name, now
    )
    agent_slots = (
        replies.build_slots(agent_lang, context.order, context.policies, context.shop_settings, context.buyer_name, now)
        if agent_lang
        else {}
    )
    out: list[Suggestion] = []
    coverage: list[AskCoverage] = []
    answered = ask_answer_suggestion(context, buyer_lang, agent_lang, translator)
    if answered is not None:
        top, coverage = answered
        if top is not None:
            out.append(top)
        notes += [f"ask not covered: {c.text!r}: {c.note}" for c in coverage if not c.covered]
    # generic intent replies only next to a reply that answers an ask from the facts, never in place of one
    generic = answered is None or (any(c.covered for c in coverage) and context.intent_name != "other")
    for variant in replies.variants_for(context.intent_name, buyer_lang) if generic else []:
        rendered = replies.render_variant(buyer_lang, variant["parts"], context.order, context.policies, buyer_slots)
        if rendered is None or any(s.text == rendered.text for s in out):
            continue
        suggestion = Suggestion(
            id=suggestion_id(context, "template", len(out), rendered.text),
            text=rendered.text,
            language=buyer_lang,
            citations=rendered.citations,
            facts=rendered.facts,
            engine="template",
            style=variant.get("style"),
        )
        if agent_lang == buyer_lang:
            suggestion.text_in_agent_language, suggestion.back_translation_engine = rendered.text, "same"
        elif agent_lang:
            mirror = replies.render_variant(agent_lang, variant["parts"], context.order, context.policies, agent_slots)
            suggestion.text_in_agent_language = mirror.text if mirror else None
            suggestion.back_translation_engine = "template" if mirror else "none"
        else:
            _back_translate(suggestion, context, translator, model_text=None)
        out.append(suggestion)
        if len(out) >= n:
            break
    return SuggestionSet(suggestions=out, engine="template", notes=notes, asks=coverage)


def ask_answer_suggestion(
    context: ReplyContext, buyer_lang: str, agent_lang: str | None, translator: Any = None
) -> tuple[Suggestion | None, list[AskCoverage]] | None:
    """The reply that answers each ask from the policy facts (None without facts or asks), and the coverage."""
    from assist.ask_replies import answer_asks

    if context.facts is None or not context.asks:
        return None
    now = context.reference_time
    common: dict[str, Any] = {
        "buyer_name": context.buyer_name,
        "policies": context.policies,
        "shop_settings": context.shop_settings,
        "currency": context.shop_settings.get("currency"),
        "buyer_language": context.buyer_language,
    }
    reply = answer_asks(buyer_lang, context.asks, context.facts, context.order, now, **common)
    if reply.text is None:
        return None, reply.coverage
    suggestion = Suggestion(
        id=suggestion_id(context, "template", 0, reply.text),
        text=reply.text,
        language=buyer_lang,
        citations=reply.citations,
        facts=reply.facts,
        engine="template",
        style="answers",
    )
    if agent_lang == buyer_lang:
        suggestion.text_in_agent_language, suggestion.back_translation_engine = reply.text, "same"
    elif agent_lang:
        mirror = answer_asks(agent_lang, context.asks, context.facts, context.order, now, **common)
        suggestion.text_in_agent_language = mirror.text
        suggestion.back_translation_engine = "template" if mirror.text else "none"
    else:
        _back_translate(suggestion, context, translator, model_text=None)
    return suggestion, reply.coverage


def _back_translate(
    suggestion: Suggestion, context: ReplyContext, translator: Any, model_text: str | None, masking: Any = None
) -> None:
    """``text_in_agent_language`` from the translator, else the model's own (marked), else none."""
    if suggestion.language == context.agent_language:
        suggestion.text_in_agent_language, suggestion.back_translation_engine = suggestion.text, "same"
        return
    if translator is not None:
        try:
            source = suggestion.text
            if masking is not None:
                from assist.privacy import mask

                source, _ = mask(source, masking)
            result = translator.translate(source, context.agent_language, source_language=suggestion.language)
            if result.engine != "none" and not (result.engine == "gloss" and model_text):  # a gloss: display only
                text = masking.restore(result.text) if masking is not None else result.text
                suggestion.text_in_agent_language, suggestion.back_translation_engine = text, result.engine
                return
        except AssistError as exc:
            log.info("back-translation failed: %s", exc)
    if model_text:
        suggestion.text_in_agent_language, suggestion.back_translation_engine = model_text, "model"
        return
    suggestion.text_in_agent_language, suggestion.back_translation_engine = None, "none"


# --- orchestration -------------------------------------------------------------------------


def stream_suggestions(
    context: ReplyContext,
    n: int = 3,
    *,
    chat_model: BaseChatModel | None = None,
    translator: Any = None,
    prompt_version: str | None = None,
    settings: Settings | None = None,
) -> Iterator[Suggestion | SuggestionSet]:
    """Each suggestion as soon as it passed its checks, then the complete :class:`SuggestionSet`."""
    n = max(1, min(int(n), 5))
    if chat_model is not None:
        from assist.suggest_llm import llm_suggestions

        accepted: list[Suggestion] = []
        notes: list[str] = [context.language_note] if context.language_note else []
        degraded: str | None = None
        try:
            for item in llm_suggestions(context, n, chat_model, translator, prompt_version, settings, notes):
                accepted.append(item)
                yield item
        except AssistError as exc:
            degraded = f"the chat model failed ({exc}); template replies instead"
        except Exception as exc:  # a broken endpoint must never break the sidebar
            log.exception("suggestion model crashed")
            degraded = f"the chat model failed ({type(exc).__name__}); template replies instead"
        if accepted:
            from assist.ask_check import ask_reply
            from assist.llm import engine_name

            answered = ask_reply(context)
            yield SuggestionSet(
                suggestions=accepted,
                engine=engine_name(chat_model),
                notes=notes,
                asks=answered.coverage if answered is not None else [],
            )
            return
        if degraded is None:
            degraded = "every model suggestion failed the grounding checks; template replies instead"
        fallback = template_suggestions(context, n, translator)
        yield from fallback.suggestions
        kept = [note for note in notes if note not in fallback.notes]  # the language note once
        yield fallback.model_copy(update={"degraded": degraded, "notes": kept + fallback.notes})
        return
    result = template_suggestions(context, n, translator)
    yield from result.suggestions
    yield result


def suggest_replies(
    context: ReplyContext,
    n: int = 3,
    *,
    chat_model: BaseChatModel | None = None,
    translator: Any = None,
    prompt_version: str | None = None,
    settings: Settings | None = None,
) -> SuggestionSet:
    """Up to ``n`` suggested replies (see the module docstring)."""
    final: SuggestionSet | None = None
    for item in stream_suggestions(
        context, n, chat_model=chat_model, translator=translator, prompt_version=prompt_version, settings=settings
    ):
        if isinstance(item, SuggestionSet):
            final = item
    assert final is not None
    return final
