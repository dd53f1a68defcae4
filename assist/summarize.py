"""Case summaries for the agent, in the agent's language.

With a chat model: a structured summary (personal data masked; a summary stating numbers, dates or
ids that are in neither the conversation nor the order falls back to the offline engine). Offline:
sentences from the intent, the order facts and the buyer's mood, written with the per-language
templates in ``assist/resources/replies/<language>.yaml`` (``summary:``); the buyer's last ask
(translated when an engine can, else the offline gist, else the original, marked); and the agent's
commitments found in agent messages ("I will refund", "wir haben ... erstattet", "已为您退款"...).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from assist import replies
from assist.errors import AssistError
from assist.facts import Grounding, unsupported
from assist.models import Conversation, IntentPrediction, Order, Summary

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assist.config import Settings

log = logging.getLogger("assist.summarize")

_DONE = re.compile(
    r"\b(?:I|we)(?:\s+have|'ve)\s+(?:just\s+|already\s+)?(?:sent|issued|refunded|processed|cancell?ed|forwarded|"
    r"opened|created|updated|changed|arranged|shipped|reshipped|started)\b"
    r"|\b(?:I|we)\s+(?:sent|issued|refunded|processed|cancell?ed|forwarded|opened|arranged|reshipped)\b"
    r"|\b(?:ich|wir)\s+(?:habe|haben)\b[^.!?]*\b(?:gesendet|geschickt|erstattet|storniert|veranlasst|eröffnet|"
    r"eingeleitet|weitergeleitet|geändert|angelegt|verschickt)\b"
    r"|\b(?:he|hemos)\s+(?:enviado|reembolsado|cancelado|tramitado|abierto|reenviado|cambiado|emitido)\b"
    r"|\b(?:j'ai|nous avons)\s+(?:bien\s+)?(?:envoyé|remboursé|annulé|ouvert|transmis|modifié|traité|émis)\b"
    r"|\b(?:enviei|enviamos|reembolsamos|cancelamos|abrimos|encaminhei|alteramos|estornamos)\b"
    r"|\b(?:ho|abbiamo)\s+(?:già\s+)?(?:inviato|rimborsato|annullato|aperto|inoltrato|modificato|emesso)\b"
    r"|(?:いたしました|致しました|手配しました|返金しました|お送りしました|発送しました|キャンセルしました)"
    r"|(?:已经|已)(?:为您|给您)?(?:退款|发送|寄出|取消|安排|提交|处理|补发|发出|办理)",
    re.IGNORECASE,
)
_PROMISE = re.compile(
    r"\b(?:I|we)\s*(?:will|'ll|shall|am going to|are going to)\b"
    r"|\b(?:ich|wir)\s+(?:werde|werden)\b|\bich\s+(?:kläre|prüfe|melde mich|schicke|sende|leite)\b"
    r"|\bwir\s+(?:schicken|senden|erstatten|leiten)\b"
    r"|\b(?:enviaremos|reembolsaremos|revisaré|comprobaré|escribiré|voy a|vamos a|abriremos|trasladaré)\b"
    r"|\b(?:je vais|nous allons|nous vous enverrons|je vous enverrai|nous rembourserons|je reviens vers vous)\b"
    r"|\b(?:vou|vamos|enviaremos|reembolsaremos|abriremos)\b"
    r"|\b(?:invieremo|rimborseremo|verificherò|scriverò|provvederemo|apriremo|inoltrerò)\b"
    r"|(?:いたします|致します|ご連絡します|お送りします|手配します)"
    r"|(?:我们会|我会|将为您|会为您|马上为您)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])|\n+")


class LLMSummary(BaseModel):
    summary: str = Field(min_length=1)
    customer_ask: str = ""
    actions_taken: list[str] = Field(default_factory=list)
    open_items: list[str] = Field(default_factory=list)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def commitments(conversation: Conversation) -> tuple[list[str], list[str]]:
    """``(done, promised)``: sentences from agent messages that report an action or promise one."""
    done: list[str] = []
    promised: list[str] = []
    for message in conversation.messages:
        if message.role != "agent":
            continue
        for sentence in _sentences(message.text):
            if _DONE.search(sentence):
                done.append(sentence)
            elif _PROMISE.search(sentence):
                promised.append(sentence)
    return done[-5:], promised[-5:]


def _in_language(text: str, language: str, source: str | None, translator: Any, data: dict[str, Any]) -> str:
    """``text`` in ``language`` when it already is or an engine can translate it; else the gist or the
    original, marked as untranslated (never passed off as a translation)."""
    if source == language:
        return text
    if translator is not None:
        try:
            result = translator.translate(text, language, source_language=source)
            if result.engine != "none":
                return str(result.text)
            if result.gist:
                return str(result.gist)
        except AssistError as exc:
            log.info("summary translation failed: %s", exc)
    marker = data["summary"]["untranslated"].format(language=source or "?")
    return f"{text} {marker}"


def template_summary(
    conversation: Conversation,
    agent_language: str,
    *,
    intent: IntentPrediction | None = None,
    order: Order | None = None,
    translator: Any = None,
    buyer_language: str | None = None,
    translated_ask: str | None = None,
) -> Summary:
    language = agent_language if agent_language in replies.supported_languages() else "en"
    data = replies.load_replies(language)
    texts = data["summary"]
    topic = texts["intents"].get(intent.intent if intent else "other", texts["intents"]["other"])
    name = conversation.customer.name or (order.customer_name if order else None)
    parts = [texts["about"].format(name=name, topic=topic) if name else texts["about_anonymous"].format(topic=topic)]
    if order is not None:
        parts.append(texts["order"].format(order_id=order.order_id, status=texts["status"][order.status]))
    else:
        parts.append(texts["no_order"])
    if intent is not None and intent.sentiment in texts["mood"]:
        parts.append(texts["mood"][intent.sentiment])
    if intent is not None and intent.urgency == "high":
        parts.append(texts["urgent"])
    agent_count = sum(1 for m in conversation.messages if m.role == "agent")
    parts.append(texts["agent_replies"].format(count=agent_count) if agent_count else texts["no_reply"])
    ask = conversation.last_customer_text()
    if translated_ask:
        customer_ask = translated_ask
    elif ask:
        customer_ask = _in_language(ask, language, buyer_language, translator, data)
    else:
        customer_ask = ""
    done, promised = commitments(conversation)
    source = buyer_language or conversation.customer.language
    actions = [_in_language(s, language, source, translator, data) for s in done]
    open_items = [_in_language(s, language, source, translator, data) for s in promised]
    if conversation.messages[-1].role == "customer":
        open_items.append(texts["open_reply"])
    if order is None:
        open_items.append(texts["open_order"])
    joiner = data["joiner"]
    degraded = None if language == agent_language else f"no summary templates for {agent_language!r}; English"
    return Summary(
        summary=joiner.join(parts),
        customer_ask=customer_ask[:500],
        actions_taken=actions,
        open_items=open_items,
        language=language,
        engine="template",
        degraded=degraded,
    )


def _order_facts(order: Order | None) -> str:
    from assist.suggest_llm import order_facts_block

    return order_facts_block(order)


def llm_summary(
    conversation: Conversation,
    agent_language: str,
    model: BaseChatModel,
    *,
    intent: IntentPrediction | None,
    order: Order | None,
    prompt_version: str | None,
    settings: Settings | None,
) -> Summary:
    from assist.llm import engine_name, structured_call
    from assist.privacy import Masking, mask
    from assist.prompts import load_prompt

    masking = Masking()
    keep = [v for v in ((order.order_id, order.tracking_number) if order else ()) if v]
    lines = [f"{m.role}: {mask(m.text, masking, keep)[0]}" for m in conversation.messages]
    prompt = load_prompt("summarize", prompt_version, settings)
    out = structured_call(
        model,
        prompt,
        {
            "agent_language": agent_language,
            "intent": intent.intent if intent else "other",
            "conversation": "\n".join(lines),
            "order_facts": _order_facts(order),
        },
        LLMSummary,
    )
    fields = [out.summary, out.customer_ask, *out.actions_taken, *out.open_items]
    grounding = Grounding.build(order, extra=[m.text for m in conversation.messages])
    invented = [m.text for text in fields for m in unsupported(masking.restore(text), grounding)]
    if invented or any(masking.unknown_placeholders(text) for text in fields):
        raise AssistError(f"the model's summary states facts that are not in the conversation: {invented}")
    return Summary(
        summary=masking.restore(out.summary),
        customer_ask=masking.restore(out.customer_ask),
        actions_taken=[masking.restore(t) for t in out.actions_taken],
        open_items=[masking.restore(t) for t in out.open_items],
        language=agent_language,
        engine=engine_name(model),
    )


def summarize(
    conversation: Conversation,
    agent_language: str,
    *,
    intent: IntentPrediction | None = None,
    order: Order | None = None,
    chat_model: BaseChatModel | None = None,
    translator: Any = None,
    prompt_version: str | None = None,
    settings: Settings | None = None,
    buyer_language: str | None = None,
    translated_ask: str | None = None,
) -> Summary:
    """A :class:`Summary` in ``agent_language`` (see the module docstring)."""
    degraded = None
    if chat_model is not None:
        try:
            return llm_summary(
                conversation,
                agent_language,
                chat_model,
                intent=intent,
                order=order,
                prompt_version=prompt_version,
                settings=settings,
            )
        except AssistError as exc:
            degraded = f"the chat model's summary was not usable ({exc}); template summary instead"
        except Exception as exc:  # a broken endpoint must never break the sidebar
            log.exception("summary model crashed")
            degraded = f"the chat model failed ({type(exc).__name__}); template summary instead"
    result = template_summary(
        conversation,
        agent_language,
        intent=intent,
        order=order,
        translator=translator,
        buyer_language=buyer_language,
        translated_ask=translated_ask,
    )
    if degraded:
        result.degraded = degraded
    return result
