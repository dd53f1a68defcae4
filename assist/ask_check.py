"""The asks for the chat model, and the check that a model reply answered every one of them.

The model gets each ask with the answer computed from the policy facts and the order (the template
sentences in the buyer's language, and the facts to declare). After the usual grounding checks, a reply
that does not state an ask's answer (none of its declared facts, none of its numbers or dates in the
text) gets that ask's template answer added before its closing line, and a note says so.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from assist.ask_replies import AskReply, Sentence, answer_asks
from assist.models import Fact, Suggestion

if TYPE_CHECKING:
    from assist.privacy import Masking
    from assist.suggest import ReplyContext


def ask_reply(context: ReplyContext) -> AskReply | None:
    """The template answers of the context's asks in the reply language (None without asks or facts)."""

    if not context.asks or context.facts is None:
        return None
    return answer_asks(
        context.reply_language,
        context.asks,
        context.facts,
        context.order,
        context.reference_time,
        buyer_name=context.buyer_name,
        policies=context.policies,
        shop_settings=context.shop_settings,
        currency=context.shop_settings.get("currency"),
        buyer_language=context.buyer_language,
    )


def asks_block(context: ReplyContext, reply: AskReply | None, masking: Masking) -> str:
    """The ASKS section of the prompt: each ask, its answer and the facts to declare, or 'not covered'."""
    from assist.privacy import mask

    if not context.asks:
        return "(the buyer's latest message holds no separate asks)"
    keep = [v for v in ((context.order.order_id, context.order.tracking_number) if context.order else ()) if v]
    lines = []
    for index, ask in enumerate(context.asks, start=1):
        text, _ = mask(ask.text, masking, keep)
        lines.append(f'{index}. "{text}" (about: {", ".join(ask.topics)})')
        sentences = reply.per_ask[index - 1] if reply is not None else []
        if not sentences:
            lines.append("   not covered: no policy fact answers it")
            continue
        lines.append("   answer: " + " ".join(s.text for s in sentences))
        facts = [f"{f.field}={f.value}" for s in sentences for f in s.facts]
        if facts:
            lines.append("   facts: " + "; ".join(facts))
    return "\n".join(lines)


def answer_values(reply: AskReply | None) -> list[Any]:
    """Numbers and dates the ask answers state: the grounding accepts them in a model reply."""
    values: list[Any] = []
    for sentences in reply.per_ask if reply is not None else []:
        for sentence in sentences:
            values.append(sentence.text)
            for fact in sentence.facts:
                values.append(_as_value(fact.value))
    return values


def _as_value(value: str) -> Any:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return value


def _addressed(suggestion: Suggestion, sentences: list[Sentence]) -> bool:
    from assist.facts import Grounding, extract_mentions

    declared = {f.field for f in suggestion.facts}
    wanted = [f for s in sentences for f in s.facts]
    if any(f.field in declared for f in wanted):
        return True
    grounding = Grounding()
    for fact in wanted:
        if fact.field.endswith(".open"):
            continue
        grounding.add_value(_as_value(fact.value))
    mentions = [m for m in extract_mentions(suggestion.text) if m.kind in ("date", "number")]
    return any(grounding.supports(m) for m in mentions)


def complete_asks(suggestion: Suggestion, reply: AskReply | None, notes: list[str], index: int) -> Suggestion:
    """``suggestion`` with the template answer of every ask it missed added before its closing line."""
    if reply is None:
        return suggestion
    added: list[Sentence] = []
    for number, sentences in enumerate(reply.per_ask, start=1):
        if sentences and not _addressed(suggestion, sentences):
            added += [s for s in sentences if s.text not in suggestion.text]
            notes.append(
                f"suggestion {index}: ask {number} was not answered by the model; its template answer was added"
            )
    if not added:
        return suggestion
    extra = " ".join(s.text for s in added)
    head, sep, closing = suggestion.text.rpartition("\n\n")
    text = f"{head} {extra}{sep}{closing}" if sep else f"{suggestion.text}\n\n{extra}"
    facts = list(suggestion.facts)
    for fact in (f for s in added for f in s.facts):
        if fact not in facts:
            facts.append(Fact(field=fact.field, value=fact.value))
    citations = list(dict.fromkeys([*suggestion.citations, *(c for s in added for c in s.citations)]))
    return suggestion.model_copy(update={"text": text, "facts": facts, "citations": citations})


def keep_answer_facts(declared: list[Fact], reply: AskReply | None) -> tuple[list[Fact], list[Fact]]:
    """Declared ``answer.*`` / ``policy_fact.*`` facts that match the computed answers (kept), and the rest."""
    known = {(f.field, f.value.casefold()) for s in (reply.per_ask if reply else []) for x in s for f in x.facts}
    ours = [
        f
        for f in declared
        if f.field.startswith(("answer.", "policy_fact.")) and (f.field, f.value.casefold()) in known
    ]
    return ours, [f for f in declared if f not in ours and not f.field.startswith(("answer.", "policy_fact."))]
