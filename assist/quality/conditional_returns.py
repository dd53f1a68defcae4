"""Draft checks for conditional return exclusions: a class the policy excludes only once opened or used
("games whose shrink-wrap has been removed", "一度でも研いだ包丁", "sem o lacre de higiene").

A draft that accepts the return of such an item contradicts the policy when the item is in that condition:
the draft's own sentence says so ("opened games can be returned", "mesmo já afiada", "開封済みの茶葉でも"), or
the buyer said so ("I opened it", "afiei a faca") and the draft accepts the return without asking for it
intact. A draft that makes the return depend on the item being intact ("as long as it is unopened",
"sofern unbenutzt") agrees with the policy. The condition words are the ones replies read
(:mod:`assist.return_conditions`); which items a class covers comes from :func:`assist.answers.excluded_items`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from assist.answers import excluded_items
from assist.models import Order, QAIssue
from assist.policy_facts import PolicyFacts
from assist.quality.claims import Claim
from assist.quality.context import DraftContext
from assist.quality.fact_numbers import quote
from assist.return_conditions import RESOURCE, Condition, buyer_condition

STATE = {"opened": "opened", "used": "used"}


@lru_cache(maxsize=1)
def _words() -> dict[str, re.Pattern[str]]:
    """Condition words in a draft: the policy's state words (opened, afiada, 開封済み) and the buyer's (I opened
    it), and the intact words a conditional acceptance uses ("unopened", "sofern unbenutzt", "未拆封")."""
    import yaml

    data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))

    def join(*lists: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for items in lists for p in items), re.IGNORECASE)

    return {
        "intact": join(data["buyer"]["intact"], EXTRA_INTACT),
        "opened": join(data["policy"]["opened"], data["buyer"]["opened"]),
        "used": join(data["policy"]["used"], data["buyer"]["used"], EXTRA_USED),
    }


# participles the shared lists do not hold (they read policies and buyers, not an agent's "even sharpened")
EXTRA_USED = [r"\bafiad[oa]s?\b", r"\bamolad[oa]s?\b", r"\bgebraucht\b", r"\bgetragen\b"]
EXTRA_INTACT = [
    r"\bintact\w*\b",
    r"\bsealed\b",
    r"\bversiegelt\b",
    r"\bscellé\w*\b",
    r"\bprecintad\w*\b",
    r"\blacrad\w*\b",
]


def _states(text: str, condition: Condition) -> tuple[bool, bool]:
    """Whether ``text`` says the item is intact, and whether it says it is in ``condition`` (use counts as opening)."""
    plain = unicodedata.normalize("NFKC", text)
    words = _words()
    intact = bool(words["intact"].search(plain))
    rest = words["intact"].sub(" ", plain)
    broken = bool(words["used"].search(rest)) or (condition == "opened" and bool(words["opened"].search(rest)))
    return intact, broken


@lru_cache(maxsize=1)
def _state_words() -> dict[str, re.Pattern[str]]:
    import yaml

    from assist.quality.claims import RESOURCE as CLAIMS

    data = yaml.safe_load(CLAIMS.read_text(encoding="utf-8"))["condition_states"]
    return {state: re.compile("|".join(f"(?:{p})" for p in words), re.IGNORECASE) for state, words in data.items()}


def _by_state(text: str, classes: dict[str, str]) -> list[str]:
    """The skus whose excluded class names a state (sharpened, washed, worn, opened) that ``text`` names too, when
    every such sku's class names it: the words link a draft to a class written in another language."""
    plain = unicodedata.normalize("NFKC", _words()["intact"].sub(" ", unicodedata.normalize("NFKC", text)))
    named = [s for s, pattern in _state_words().items() if pattern.search(plain)]
    return [
        sku
        for sku, phrase in classes.items()
        if any(_state_words()[s].search(unicodedata.normalize("NFKC", phrase)) for s in named)
    ]


def conditional_exclusion(
    ctx: DraftContext, claim: Claim, facts: PolicyFacts, order: Order, concerned: list[str]
) -> list[QAIssue]:
    """The issue for a return the draft accepts (``claim``) of an item the policy excludes once opened or used,
    where the draft or the buyer says it is. ``concerned``: the skus the draft's sentence or the buyer names."""
    answer = next((a for a in excluded_items(order, facts) if a.key == "excluded_if_opened" and a.holds), None)
    if answer is None:
        return []
    skus = [s for s in answer.value if s in concerned] or (list(answer.value) if len(order.items) == 1 else [])
    if not skus and not concerned:  # no item named: the state the words name picks the class ("afiada" ~ 研いだ)
        skus = _by_state(f"{claim.sentence.text}\n{ctx.customer_text()}", answer.value)
    if not skus:
        return []
    condition: Condition = "opened" if answer.inputs.get("condition") == "opened" else "used"
    intact, broken = _states(claim.sentence.text, condition)
    buyer = buyer_condition(ctx.customer_text(), condition)
    if intact or not (broken or buyer == "broken"):
        return []  # "as long as it is unopened" sets the policy's condition; nothing says it is broken
    items = [i.name for i in order.items if i.sku in skus]
    phrases = ", ".join(dict.fromkeys(answer.value[s] for s in skus))
    fact = answer.facts[0] if answer.facts else None
    said = "the draft" if broken else "the buyer"
    return [
        ctx.issue(
            "policy_contradiction",
            "error",
            f'The draft accepts a return ("{claim.span.text}") of {", ".join(items)}, which {said} says is '
            f"{STATE[condition]}, but the policy excludes {phrases} from returns.{quote(fact)}",
            claim.span,
            policy_id=fact.chunk_id if fact else None,
            order_field="items",
        )
    ]


def refused_intact(
    ctx: DraftContext, claim: Claim, facts: PolicyFacts, order: Order, concerned: list[str]
) -> list[QAIssue]:
    """The issue for a return the draft refuses (``claim``) of an item the policy excludes only once opened or
    used, where the buyer says it is intact and the return window still runs."""
    from assist.answers import return_deadline

    answer = next((a for a in excluded_items(order, facts) if a.key == "excluded_if_opened" and a.holds), None)
    deadline = return_deadline(order, facts, ctx.reference_time)
    if answer is None or deadline is None or deadline.holds is not True:
        return []
    skus = [s for s in answer.value if s in concerned] or (list(answer.value) if len(order.items) == 1 else [])
    condition: Condition = "opened" if answer.inputs.get("condition") == "opened" else "used"
    _, broken = _states(claim.sentence.text, condition)
    if not skus or broken or buyer_condition(ctx.customer_text(), condition) != "intact":
        return []
    items = ", ".join(i.name for i in order.items if i.sku in skus)
    unless = "unopened" if condition == "opened" else "unused"
    fact = answer.facts[0] if answer.facts else None
    return [
        ctx.issue(
            "policy_contradiction",
            "error",
            f'The draft refuses the return ("{claim.span.text}") of {items}, but the policy excludes it only once '
            f"{STATE[condition]}, the buyer says it is {unless}, and the return window runs until {deadline.value}."
            f"{quote(fact)}",
            claim.span,
            policy_id=fact.chunk_id if fact else None,
            order_field="items",
        )
    ]


__all__ = ["conditional_exclusion", "refused_intact"]
