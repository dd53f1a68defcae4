"""LLM policy-fact extraction: the same :class:`~assist.policy_facts.PolicyFact` model, filled by a chat model.

One structured call per chunk (prompt ``prompts/policy_facts/v1.md``). Every fact must quote text that
occurs in the chunk, or it is dropped; values are checked against the slot's kind (enum choices, units).
The LLM's facts are merged with the rule facts: agreement raises confidence, a value only the LLM found is
kept at :data:`LLM_ONLY`, and a disagreement is settled like any other (the loser is marked for review).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from assist.errors import ModelError
from assist.policy_extract.extractor import settle
from assist.policy_extract.text import PolicyChunk
from assist.policy_facts import SLOTS, FactScope, FactValue, PolicyFact

log = logging.getLogger("assist.policy_facts")
LLM_ONLY = 0.7
AGREED = 0.95
UNITS = {"day", "business_day", "hour", "week", "month", "year"}


class LLMFact(BaseModel):
    slot: str
    value: FactValue
    max_value: float | None = None
    unit: str | None = None
    region: str | None = None
    product_class: str | None = None
    payment_method: str | None = None
    customer_group: str | None = None
    quote: str = Field(min_length=1)


class LLMPolicyFacts(BaseModel):
    facts: list[LLMFact] = Field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def slot_catalogue() -> str:
    lines = []
    for spec in SLOTS.values():
        choices = f" choices: {', '.join(spec.choices)}." if spec.choices else ""
        lines.append(f"- {spec.name} ({spec.kind}): {spec.description}{choices}")
    return "\n".join(lines)


def checked(fact: LLMFact, chunk: PolicyChunk) -> PolicyFact | None:
    """The fact as a PolicyFact, or None when its quote is not in the chunk or its value does not fit."""
    if fact.slot not in SLOTS or _norm(fact.quote) not in _norm(chunk.text):
        return None
    spec = SLOTS[fact.slot]
    value: Any = fact.value
    if spec.kind == "duration" and (fact.unit not in UNITS or not isinstance(value, (int, float))):
        return None
    if spec.kind == "money" and (not isinstance(value, (int, float)) or not re.fullmatch(r"[A-Z]{3}", fact.unit or "")):
        return None
    if spec.kind == "enum" and value not in spec.choices:
        return None
    if spec.kind == "bool" and not isinstance(value, bool):
        return None
    if spec.kind == "phrases":
        value = value if isinstance(value, list) else [str(value)]
    scope = FactScope(
        region=fact.region,
        product_class=fact.product_class,
        payment_method=fact.payment_method,
        customer_group=fact.customer_group,
    )
    return PolicyFact(
        slot=fact.slot,
        value=value,
        max_value=fact.max_value,
        unit=fact.unit if spec.kind in ("duration", "money") else None,
        scope=scope,
        chunk_id=chunk.id,
        sentence=fact.quote.strip(),
        language=chunk.language,
        source="llm",
        confidence=LLM_ONLY,
    )


def _same(a: PolicyFact, b: PolicyFact) -> bool:
    return (a.slot, a.scope, a.max_value, a.unit) == (b.slot, b.scope, b.max_value, b.unit) and (
        a.value == b.value
        or (
            isinstance(a.value, (int, float)) and isinstance(b.value, (int, float)) and float(a.value) == float(b.value)
        )
    )


def extract_with_llm(model: Any, chunks: list[PolicyChunk], rule_facts: list[PolicyFact]) -> list[PolicyFact]:
    """Rule facts merged with the chat model's facts for ``chunks``; a failed call keeps the rule facts."""
    from assist.llm.structured import structured_call
    from assist.prompts import load_prompt

    prompt = load_prompt("policy_facts", "v1")
    found: list[PolicyFact] = []
    dropped = 0
    for chunk in chunks:
        try:
            answer = structured_call(
                model,
                prompt,
                {"slots": slot_catalogue(), "chunk": chunk.text, "language": chunk.language or "unknown"},
                LLMPolicyFacts,
            )
        except (ModelError, ValidationError, TimeoutError) as exc:
            log.warning("policy-fact LLM call failed for chunk %s: %s; rule facts kept", chunk.id, exc)
            continue
        for fact in answer.facts:
            ok = checked(fact, chunk)
            if ok is None:
                dropped += 1
            else:
                found.append(ok)
    if dropped:
        log.info("dropped %d LLM facts whose quote is not in the chunk or whose value does not fit the slot", dropped)
    merged = list(rule_facts)
    for new in found:
        twin = next((i for i, f in enumerate(merged) if _same(f, new)), None)
        if twin is None:
            merged.append(new)
        else:
            merged[twin] = merged[twin].model_copy(update={"confidence": max(merged[twin].confidence, AGREED)})
    return settle(merged)
