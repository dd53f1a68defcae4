"""Case summaries for the agent, in the agent's language. Every sentence is supported by the conversation.

Offline (default), each its own field:

* ``summary``: a short paragraph of the conversation's most central sentences (embedding centrality with
  MMR for diversity; greetings, thanks and signatures left out), in conversation order;
* ``asks`` / ``customer_ask``: what the buyer asked, in their own words when agent and buyer share a
  language (``assist.asks``), else translated when an engine can, else the gist or the original, marked;
* ``actions_taken``: agent sentences that report an action, promise one ("I will refund", "wir haben ...
  erstattet", "已为您退款"...), or state a date or an amount;
* ``open_items``: what still needs the agent (an unanswered last message, an order not yet found);
* ``overview``: who writes about what, the order's status and the mood, from the per-language templates
  in ``assist/resources/replies/<language>.yaml`` (``summary:``).

With a chat model: a structured summary (personal data masked), then checked claim by claim against the
conversation and the order (:func:`check_claims`); unsupported sentences are removed and listed in
``removed_claims``; when nothing of the paragraph survives, the offline summary is used instead.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from assist import replies
from assist.errors import AssistError
from assist.facts import Grounding, unsupported
from assist.models import Conversation, IntentPrediction, Order, Summary, SummaryPoint
from assist.summary_sentences import (
    agent_commitments,
    buyer_asks,
    central_sentences,
    conversation_sentences,
    sentence_vectors,
    split_sentences,
    supported,
)

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assist.config import Settings
    from retrievers.embeddings import Embedder

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


class LLMSummary(BaseModel):
    summary: str = Field(min_length=1)
    customer_ask: str = ""
    actions_taken: list[str] = Field(default_factory=list)
    open_items: list[str] = Field(default_factory=list)


def commitments(conversation: Conversation) -> tuple[list[str], list[str]]:
    """``(done, promised)``: agent sentences that report an action (or state a date or amount) or promise one."""
    return agent_commitments(conversation, _DONE, _PROMISE)


def _in_language(text: str, language: str, source: str | None, translator: Any, data: dict[str, Any]) -> str:
    """``text`` in ``language`` when it already is or an engine can translate it; else the gist or the
    original, marked as untranslated (never passed off as a translation)."""
    if source == language:
        return text
    if translator is not None:
        try:
            # a word-by-word reading aid is never a summary line: not built at all
            result = translator.translate(text, language, source_language=source, reading_aid=False)
            if result.engine not in ("none", "gloss"):
                return str(result.text)
            if result.gist:
                return str(result.gist)
        except AssistError as exc:
            log.info("summary translation failed: %s", exc)
    marker = data["summary"]["untranslated"].format(language=source or "?")
    return f"{text} {marker}"


def _overview(
    conversation: Conversation, data: dict[str, Any], intent: IntentPrediction | None, order: Order | None
) -> str:
    """Who writes about what, the order's status, the mood: template sentences in the agent's language."""
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
    return str(data["joiner"]).join(parts)


def template_summary(
    conversation: Conversation,
    agent_language: str,
    *,
    intent: IntentPrediction | None = None,
    order: Order | None = None,
    translator: Any = None,
    buyer_language: str | None = None,
    translated_ask: str | None = None,
    embedder: Embedder | None = None,
) -> Summary:
    """The offline summary: every sentence is the conversation's own (translated when the agent reads
    another language), except the overview and open-item notes, which are templates."""
    language = agent_language if agent_language in replies.supported_languages() else "en"
    data = replies.load_replies(language)
    texts = data["summary"]
    source = buyer_language or conversation.customer.language

    def own(text: str) -> str:
        return _in_language(text, language, source, translator, data)

    points = central_sentences(conversation_sentences(conversation), embedder)
    key_points = [SummaryPoint(text=p.text, role=p.role, message_index=p.message_index) for p in points]  # type: ignore[arg-type]
    paragraph = own(_join([p.text for p in points])) if points else ""
    overview = _overview(conversation, data, intent, order)
    asks = buyer_asks(conversation)
    same_language = source is None or source == language
    last_ask = asks[-1] if asks else conversation.last_customer_text()
    if not same_language and translated_ask:
        customer_ask = translated_ask
    elif last_ask:
        customer_ask = own(last_ask)
    else:
        customer_ask = ""
    did, promised = commitments(conversation)
    done_and_promised = _in_order(conversation, did + promised)
    open_items = []
    if conversation.messages[-1].role == "customer":
        open_items.append(texts["open_reply"])
    if order is None:
        open_items.append(texts["open_order"])
    degraded = None if language == agent_language else f"no summary templates for {agent_language!r}; English"
    return Summary(
        summary=paragraph or overview,
        customer_ask=customer_ask[:500],
        actions_taken=[own(s) for s in done_and_promised],
        open_items=open_items,
        language=language,
        engine="template",
        degraded=degraded,
        overview=overview,
        asks=[own(a) for a in asks],
        key_points=key_points,
    )


_CJK_END = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _join(sentences: list[str]) -> str:
    """Sentences joined as their script wants: no space after 。！？ (ja/zh), a space otherwise."""
    out = ""
    for sentence in sentences:
        if out and out[-1] not in ".!?。！？…":
            out += "。" if _CJK_END.search(out[-1]) else "."  # a message that ended without a full stop
        out += sentence if not out or out[-1] in "。！？" else f" {sentence}"
    return out


def _in_order(conversation: Conversation, sentences: list[str]) -> list[str]:
    """``sentences`` (agent sentences) in the order they were written, each once."""
    text = "\n".join(m.text for m in conversation.messages)
    return sorted(dict.fromkeys(sentences), key=lambda s: text.find(s))


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
    embedder: Embedder | None = None,
    translated_ask: str | None = None,
) -> Summary:
    """The chat model's summary, checked claim by claim (see :func:`check_claims`)."""
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
    restored = LLMSummary(
        summary=masking.restore(out.summary),
        customer_ask=masking.restore(out.customer_ask),
        actions_taken=[masking.restore(t) for t in out.actions_taken],
        open_items=[masking.restore(t) for t in out.open_items],
    )
    checked, removed = check_claims(
        restored, conversation, order, embedder, translations=(translated_ask,) if translated_ask else ()
    )
    if not checked.summary:
        raise AssistError(f"no sentence of the model's summary is supported by the conversation: {removed[:3]}")
    return Summary(
        summary=checked.summary,
        customer_ask=checked.customer_ask,
        actions_taken=checked.actions_taken,
        open_items=checked.open_items,
        language=agent_language,
        engine=engine_name(model),
        removed_claims=removed,
    )


def check_claims(
    out: LLMSummary,
    conversation: Conversation,
    order: Order | None,
    embedder: Embedder | None,
    translations: tuple[str, ...] = (),
) -> tuple[LLMSummary, list[str]]:
    """The model's summary with every unsupported sentence removed, and the removed sentences.

    Summary, ask and actions are claims about the conversation: each sentence must be supported
    (``summary_sentences.supported``). Open items are to-dos, not claims: only their numbers, dates and
    ids must be grounded. A leftover masking placeholder is never supported."""
    vectors = sentence_vectors(conversation, embedder)
    grounding = Grounding.build(order, extra=[m.text for m in conversation.messages])
    removed: list[str] = []

    def keep(sentence: str, claim: bool = True) -> bool:
        ok = "[" not in sentence or not re.search(r"\[[A-Z]+_\d+\]", sentence)
        if ok and claim:
            ok = supported(sentence, conversation, order, embedder, vectors, translations)
        elif ok:
            ok = not unsupported(sentence, grounding)
        if not ok:
            removed.append(sentence)
        return ok

    def clean(text: str, claim: bool = True) -> str:
        return " ".join(s for s in split_sentences(text) if keep(s, claim))

    checked = LLMSummary.model_construct(
        summary=clean(out.summary),
        customer_ask=clean(out.customer_ask),
        actions_taken=[t for t in (clean(a) for a in out.actions_taken) if t],
        open_items=[t for t in (clean(o, claim=False) for o in out.open_items) if t],
    )
    return checked, removed


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
    embedder: Embedder | None = None,
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
                embedder=embedder,
                translated_ask=translated_ask,
            )
        except AssistError as exc:
            degraded = f"the chat model's summary was not usable ({exc}); offline summary instead"
        except Exception as exc:  # a broken endpoint must never break the sidebar
            log.exception("summary model crashed")
            degraded = f"the chat model failed ({type(exc).__name__}); offline summary instead"
    result = template_summary(
        conversation,
        agent_language,
        intent=intent,
        order=order,
        translator=translator,
        buyer_language=buyer_language,
        translated_ask=translated_ask,
        embedder=embedder,
    )
    if degraded:
        result.degraded = degraded
    return result
