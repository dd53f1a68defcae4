"""The chat-model engine for suggested replies, and the checks every model suggestion must pass.

Personal data is masked before the prompt leaves the process. After generation, a suggestion is
dropped or repaired (the offending sentence removed) when it: invents placeholders or personal
data, cites passages it was not given, states a number, date, id or amount that is not in the order,
the cited passages or the shop's settings, or fails the QA checks (policy/order contradictions,
marketplace rules, personal data). Every drop and repair is written to ``notes``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from assist import facts as fact_check
from assist.ask_check import answer_values, ask_reply, asks_block, complete_asks, keep_answer_facts
from assist.models import Fact, Order, PolicyPassage, Suggestion
from assist.privacy import Masking, find_personal_data, mask

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assist.ask_replies import AskReply
    from assist.config import Settings
    from assist.suggest import ReplyContext

log = logging.getLogger("assist.suggest")

GUARD_CHECKS = ("policy_contradiction", "order_contradiction", "marketplace_rules", "personal_data")
_SKIP_SETTINGS = {"order_id_pattern", "taxonomy", "name", "display_name", "channels", "scorecard"}
_BRACKET = re.compile(r"\s*\[([^\[\]\n]{1,160})\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")


class LLMFact(BaseModel):
    field: str
    value: str


class LLMSuggestion(BaseModel):
    text: str = Field(min_length=1)
    citations: list[str] = Field(default_factory=list)
    facts: list[LLMFact] = Field(default_factory=list)
    text_in_agent_language: str | None = None


class LLMSuggestions(BaseModel):
    suggestions: list[LLMSuggestion] = Field(min_length=1)


# --- prompt blocks -------------------------------------------------------------------------


def order_facts_block(order: Order | None) -> str:
    if order is None:
        return "(no order found: ask the buyer for the order number; do not assume any order details)"
    lines = [
        f"order.{name}: {getattr(order, name)}"
        for name in ("order_id", "status", "carrier", "tracking_number")
        if getattr(order, name)
    ]
    for name in ("placed_at", "shipped_at", "delivered_at"):
        value = getattr(order, name)
        if value:
            lines.append(f"order.{name}: {value.date().isoformat()}")
    lines.append(f"order.total: {order.total:.2f} {order.currency}")
    for item in order.items:
        lines.append(f"order.items: {item.quantity} x {item.name} (sku {item.sku}, {item.price:.2f} {order.currency})")
    lines.append(f"buyer.name: {order.customer_name}")
    return "\n".join(lines)


def shop_facts_block(settings: dict[str, Any]) -> str:
    lines = [f"shop_settings.{k}: {v}" for k, v in settings.items() if k not in _SKIP_SETTINGS and v is not None]
    return "\n".join(lines) or "(none)"


def policy_block(policies: list[PolicyPassage]) -> str:
    if not policies:
        return "(no policy passages found: do not state any policy)"
    return "\n\n".join(f"[{p.id}] ({p.section})\n{p.text}" for p in policies)


def _keep(order: Order | None) -> list[str]:
    return [v for v in ((order.order_id, order.tracking_number) if order else ()) if v]


def masked_transcript(context: ReplyContext, masking: Masking) -> tuple[str, str]:
    keep = _keep(context.order)
    lines = []
    for message in context.conversation.messages:
        text, _ = mask(message.text, masking, keep)
        lines.append(f"{message.role}: {text}")
    buyer, _ = mask(context.buyer_text, masking, keep)
    return "\n".join(lines), buyer


# --- checks --------------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def remove_sentences(text: str, bad: list[str]) -> tuple[str, int]:
    """``text`` without the sentences containing any of ``bad``; returns the text and body sentences left."""
    lines = text.split("\n")
    kept_lines = []
    for line in lines:
        parts = [s for s in _sentences(line) if not any(b and b in s for b in bad)]
        if parts or not line.strip():
            kept_lines.append(" ".join(parts) if parts else "")
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept_lines)).strip()
    body = [ln for ln in cleaned.split("\n") if ln.strip()][1:-1]
    return cleaned, sum(len(_sentences(ln)) for ln in body)


def _strip_citation_markers(text: str, known: set[str], citations: list[str], notes: list[str]) -> str:
    def swap(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        if re.fullmatch(r"(EMAIL|IBAN|CARD|ADDRESS|PHONE)_\d+", inner):
            return match.group(0)
        ids = [i.strip() for i in inner.split(",")]
        if all(i in known for i in ids):
            citations.extend(i for i in ids if i not in citations)
            return ""
        if "#" in inner or ".md" in inner:
            notes.append(f"removed a citation of an unknown passage {inner!r}")
            return ""
        return match.group(0)

    return _BRACKET.sub(swap, text)


def _quality_issues(text: str, context: ReplyContext, cited: list[PolicyPassage]) -> list[Any]:
    try:
        from assist.quality.checks import check_draft
    except ImportError:  # pragma: no cover - the quality package is part of the install
        return []
    issues = check_draft(
        text,
        conversation=context.conversation,
        order=context.order,
        policies=context.policies,
        buyer_language=context.reply_language,
        shop_settings=context.shop_settings,
        checks=GUARD_CHECKS,
        facts=context.facts,
    )
    return [i for i in issues if i.severity == "error"]


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def review(
    item: LLMSuggestion,
    context: ReplyContext,
    masking: Masking,
    instructions: set[tuple[str, ...]] | None = None,
    reply: AskReply | None = None,
) -> tuple[LLMSuggestion | None, list[str]]:
    """The suggestion after checks (None when dropped) and what was done to it. ``instructions``:
    word 5-grams of the system prompt; a reply repeating them is leaking the prompt. ``reply``: the
    answers computed for the buyer's asks; their numbers, dates and declared facts are grounded."""
    notes: list[str] = []
    if instructions and len(shingles(item.text) & instructions) >= 3:
        return None, ["it repeats the reply instructions (prompt leak)"]
    known = {p.id for p in context.policies}
    citations = [c for c in item.citations if c in known]
    if len(citations) < len(item.citations):
        notes.append(f"removed citations of passages it was not given: {sorted(set(item.citations) - known)}")
    text = _strip_citation_markers(item.text, known, citations, notes)
    invented = masking.unknown_placeholders(text)
    if invented:
        return None, [f"it contains personal-data placeholders that do not exist ({', '.join(invented)})"]
    text = masking.restore(text)
    allowed = {v.strip().lower() for v in masking.values.values()}
    if context.order and context.order.customer_email:
        allowed.add(context.order.customer_email.lower())
    foreign = [value for kind, value in find_personal_data(text, _keep(context.order)) if value.lower() not in allowed]
    if foreign:
        return None, [f"it contains personal data that is not the buyer's own ({len(foreign)} item(s))"]
    cited = [p for p in context.policies if p.id in citations]
    grounding = fact_check.Grounding.build(context.order, cited, context.shop_settings, extra=answer_values(reply))
    bad = fact_check.unsupported(text, grounding)
    if bad:
        values = [m.text for m in bad]
        text, left = remove_sentences(text, values)
        if left == 0:
            return None, [f"it states facts that are not in the order or the cited policy: {', '.join(values)}"]
        notes.append(f"removed sentence(s) stating facts not in the order or the cited policy: {', '.join(values)}")
    issues = _quality_issues(text, context, cited)
    if issues:
        spans = [i.evidence.text for i in issues if i.evidence and i.evidence.text]
        reasons = "; ".join(f"{i.check}: {i.message}" for i in issues)
        if len(spans) < len(issues):
            return None, [f"it failed the QA checks ({reasons})"]
        text, left = remove_sentences(text, spans)
        if left == 0 or _quality_issues(text, context, cited):
            return None, [f"it failed the QA checks ({reasons})"]
        notes.append(f"removed sentence(s) that failed the QA checks ({reasons})")
    answered, declared = keep_answer_facts([Fact(field=f.field, value=f.value) for f in item.facts], reply)
    wrong = fact_check.check_facts(declared, context.order, cited, context.shop_settings)
    if wrong:
        notes.append("removed declared facts that do not match the data: " + "; ".join(wrong))
        bad_fields = {w.split("=")[0].removeprefix("fact ") for w in wrong}
        declared = [f for f in declared if f.field not in bad_fields]
    declared = answered + declared
    return item.model_copy(
        update={
            "text": text,
            "citations": citations,
            "facts": [LLMFact(field=f.field, value=f.value) for f in declared],
        }
    ), notes


# --- engine --------------------------------------------------------------------------------


def llm_suggestions(
    context: ReplyContext,
    n: int,
    model: BaseChatModel,
    translator: Any,
    prompt_version: str | None,
    settings: Settings | None,
    notes: list[str],
) -> Iterator[Suggestion]:
    """Model suggestions that passed the checks, one by one; ModelError when the model fails."""
    from assist.llm import engine_name, structured_call
    from assist.prompts import load_prompt
    from assist.suggest import _back_translate, suggestion_id

    prompt = load_prompt("suggest", prompt_version, settings)
    masking = Masking()
    conversation, buyer_message = masked_transcript(context, masking)
    reply = ask_reply(context)
    variables = {
        "n": n,
        "buyer_language": context.reply_language,
        "agent_language": context.agent_language,
        "intent": context.intent_name,
        "conversation": conversation,
        "buyer_message": buyer_message,
        "order_facts": order_facts_block(context.order),
        "shop_facts": shop_facts_block(context.shop_settings),
        "policy_passages": policy_block(context.policies),
        "asks": asks_block(context, reply, masking),
    }
    instructions = shingles(str(prompt.render(**variables)[0].content))
    output = structured_call(model, prompt, variables, LLMSuggestions)
    engine = engine_name(model)
    seen: set[str] = set()
    for index, raw in enumerate(output.suggestions[:n], start=1):
        checked, problems = review(raw, context, masking, instructions, reply)
        if checked is None:
            notes.append(f"suggestion {index} dropped: {'; '.join(problems)}")
            continue
        if problems:
            notes.append(f"suggestion {index} repaired: {'; '.join(problems)}")
        if checked.text in seen:
            continue
        seen.add(checked.text)
        suggestion = Suggestion(
            id=suggestion_id(context, engine, index, checked.text),
            text=checked.text,
            language=context.reply_language,
            citations=checked.citations,
            facts=[Fact(field=f.field, value=f.value) for f in checked.facts],
            engine=engine,
        )
        completed = complete_asks(suggestion, reply, notes, index)
        if completed is not suggestion:
            suggestion, problems = completed, [*problems, "template answers added"]
        model_back = checked.text_in_agent_language
        model_back = masking.restore(model_back) if model_back and not problems else None  # stale after a repair
        _back_translate(suggestion, context, translator, model_back, masking)
        yield suggestion
