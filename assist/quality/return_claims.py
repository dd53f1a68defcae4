"""Draft claims about returns, refunds and the warranty against the facts and this order: a return accepted
after the window or for an excluded item (or one excluded only once opened or used:
:mod:`assist.quality.conditional_returns`), "the window has closed" while it runs, a refund as store credit
where the shop refunds the payment, the warranty said to run or to have ended against its dates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from assist.answers import (
    add_duration,
    as_utc,
    describe,
    excluded_items,
    product_class,
    return_deadline,
)
from assist.models import Order, OrderItem, QAIssue
from assist.policy_facts import PolicyFacts
from assist.quality.claims import Claim
from assist.quality.context import DraftContext
from assist.quality.fact_issues import first_fact, policy_issue
from assist.quality.fact_numbers import (
    numeric,
    quote,
)
from assist.quality.item_match import items_meant


def refund_method_issues(ctx: DraftContext, claim: Claim, facts: PolicyFacts, text: str) -> list[QAIssue]:
    """A refund as store credit where the shop refunds to the original payment method; not where the buyer asks for
    credit, or names a payment method the shop refunds as credit (points, gift cards)."""
    from assist.quality.claim_frames import credit_asked

    method = facts.get("refunds.method")
    if method is None or method.scope.payment_method or str(method.value) != "original_payment_method":
        return []
    for scoped in facts.all("refunds.method"):
        named = scoped.scope.payment_method
        if scoped.value == "store_credit" and named and named.casefold() in text.casefold():
            return []
    if credit_asked(ctx.customer_text()):
        return []
    return [
        policy_issue(ctx, claim, "refunds as store credit, but refunds go back to the original payment method", method)
    ]


def warranty_issues(ctx: DraftContext, by_kind: dict[str, Claim], facts: PolicyFacts, order: Order) -> list[QAIssue]:
    """ "Still under warranty" after it ended, or "the warranty has expired" while it runs (from delivery, else the
    order date, for the order's product class where the shop scopes its warranty)."""
    start = order.delivered_at or order.placed_at
    since = f"{'delivered' if order.delivered_at else 'ordered'} {as_utc(start).date().isoformat()}"
    ends = sorted(
        (add_duration(as_utc(start).date(), float(f.value), f.unit), i, f)  # type: ignore[arg-type]
        for i, f in enumerate(_warranties(facts, order))
    )
    if not ends:
        return []
    today = as_utc(ctx.reference_time).date()
    said = by_kind.get("warranty_running")
    if said is not None and ends[-1][0] < today:  # ended under every warranty the order's items may fall under
        until, _, fact = ends[-1]
        what = f"says the warranty still covers it, but the {describe(fact)} warranty ended on {until} ({since})"
        return [policy_issue(ctx, said, what, fact)]
    ended = by_kind.get("warranty_expired")
    if ended is not None and ends[0][0] >= today:  # runs under every one of them
        until, _, fact = ends[0]
        what = f"says the warranty has ended, but the {describe(fact)} warranty runs until {until} ({since})"
        return [policy_issue(ctx, ended, what, fact)]
    return []


def _warranties(facts: PolicyFacts, order: Order) -> list[Any]:
    """The warranty lengths that may hold for the order: its product class's, else, where the shop scopes its
    warranty by product classes none of which the items' names tell, each of them (a claim is wrong only where it is
    wrong under all)."""
    named = product_class("warranty.length", facts, order)
    fact = facts.get("warranty.length", product_class=named)
    if fact is not None and (named or not fact.scope.product_class):
        return [fact] if numeric(fact) else []
    return [f for f in facts.all("warranty.length") if numeric(f)]


def window_closed_issues(ctx: DraftContext, claim: Claim, facts: PolicyFacts, order: Order) -> list[QAIssue]:
    """ "The return window has closed" while this order's window still runs."""
    deadline = return_deadline(order, facts, ctx.reference_time)
    if deadline is None or deadline.holds is not True:
        return []
    fact = first_fact(deadline)
    return [
        ctx.issue(
            "policy_contradiction",
            "error",
            f'The draft says the return window is over ("{claim.span.text}"), but it runs until {deadline.value} '
            f"({', '.join(f'{k} {v}' for k, v in deadline.inputs.items())}).{quote(fact)}",
            claim.span,
            policy_id=fact.chunk_id if fact else None,
            order_field="delivered_at",
        )
    ]


def returnable_issues(
    ctx: DraftContext, claim: Claim, facts: PolicyFacts, order: Order | None, refusals: Sequence[Claim] = ()
) -> list[QAIssue]:
    """A return accepted after the window or of an excluded item. ``refusals``: the draft's own refused returns; an
    item one of them names is refused, not accepted ("you can return the cardigan ... the gift card can't be
    returned")."""
    if order is None:
        return []
    deadline = return_deadline(order, facts, ctx.reference_time)
    if deadline is not None and deadline.holds is False:
        fact = first_fact(deadline)
        return [
            ctx.issue(
                "policy_contradiction",
                "error",
                f'The draft says the item can be returned ("{claim.span.text}"), but the return window ended on '
                f"{deadline.value} ({', '.join(f'{k} {v}' for k, v in deadline.inputs.items())}).{quote(fact)}",
                claim.span,
                policy_id=fact.chunk_id if fact else None,
                order_field="delivered_at",
            )
        ]
    from assist.quality.conditional_returns import conditional_exclusion

    excluded = next((a for a in excluded_items(order, facts) if a.key == "excluded_items" and a.holds), None)
    said, part = _said(claim)
    in_sentence = [i for i in order.items if _names(said, i.name) or _category_named(part, i)]
    wording = {str(k): str(v) for k, v in excluded.value.items()} if excluded is not None else None
    embed = _embed_of(ctx)
    # named in another language: the item the words mean, where it stands out, wins over a word the names share
    # ("bracelet en cuir" is the strap, not the "montre-bracelet")
    meant = items_meant(embed, _item_words(said, part), order.items, wording)
    where = said if in_sentence or meant else said + " " + ctx.customer_text()
    concerned = [i.sku for i in order.items if _names(where, i.name) or i in in_sentence]
    if meant and meant[0] not in in_sentence:
        in_sentence, concerned = meant, [meant[0].sku]
    if not concerned:
        concerned = [i.sku for i in items_meant(embed, _last_buyer_turn(ctx), order.items, wording)]
    if excluded is None:
        return conditional_exclusion(ctx, claim, facts, order, concerned)
    refused = _refused_items(refusals, order)
    concerned = [sku for sku in concerned if sku not in refused]
    named = [i for i in order.items if i.sku in excluded.value and i.sku in concerned]
    if not named and refused & set(excluded.value):  # the draft refuses the excluded item itself
        return conditional_exclusion(ctx, claim, facts, order, concerned)
    whole = len(excluded.value) == len(order.items)
    if not named and (not whole or in_sentence):
        return conditional_exclusion(ctx, claim, facts, order, concerned)
    items = named or [i for i in order.items if i.sku in excluded.value]
    fact = first_fact(excluded)
    phrases = ", ".join(dict.fromkeys(excluded.value[i.sku] for i in items))
    return [
        ctx.issue(
            "policy_contradiction",
            "error",
            f'The draft accepts a return ("{claim.span.text}") of {", ".join(i.name for i in items)}, but the policy '
            f"excludes {phrases} from returns.{quote(fact)}",
            claim.span,
            policy_id=fact.chunk_id if fact else None,
            order_field="items",
        )
    ]


def _refused_items(refusals: Sequence[Claim], order: Order) -> set[str]:
    """The skus of the order's items that the draft's refused returns name in their own words."""
    refused: set[str] = set()
    for claim in refusals:
        said, part = _said(claim)
        refused |= {i.sku for i in order.items if _names(said, i.name) or _category_named(part, i)}
    return refused


def _item_words(said: str, part: str) -> str:
    """The acceptance's part up to the next comma or semicolon of its clause: "nous renvoyer le bracelet en cuir"
    (a part may stop at a word that is also a conjunction), never the clause's other parts."""
    at = said.find(part)
    if at < 0:
        return part
    cut = re.search(r"[,;，；]", said[at + len(part) :])
    return said[at : at + len(part) + (cut.start() if cut else len(said))]


def _embed_of(ctx: DraftContext) -> Any:
    from assist.quality.fact_scopes import embed_of

    return embed_of(ctx)


def _last_buyer_turn(ctx: DraftContext) -> str:
    turns = [m.text for m in (ctx.conversation.messages if ctx.conversation else []) if m.role == "customer"]
    return turns[-1] if turns else ""


def refused_issues(ctx: DraftContext, claim: Claim, facts: PolicyFacts, order: Order | None) -> list[QAIssue]:
    """A return the draft refuses that the policy allows: an item excluded only once opened or used, which the buyer
    says is intact, within the window (:func:`assist.quality.conditional_returns.refused_intact`)."""
    from assist.quality.conditional_returns import refused_intact

    if order is None:
        return []
    said, part = _said(claim)
    named = [i.sku for i in order.items if _names(said, i.name) or _category_named(part, i)]
    concerned = named or [i.sku for i in order.items if _names(ctx.customer_text(), i.name)]
    return refused_intact(ctx, claim, facts, order, concerned)


EXCEPT = re.compile(
    r"\b(except|apart from|but not|außer|ausgenommen|sauf|à part|excepto|salvo|menos|tranne|eccetto|exceto|fora)\b"
    r"|以外|除了|除外",
    re.IGNORECASE,
)


def _said(claim: Claim) -> tuple[str, str]:
    """The words a return acceptance covers: its clause ("you can return the towel; the gift card cannot be
    returned" covers the towel) up to an exception ("everything except the gift card"), and its part."""
    from assist.quality.claim_frames import clause_at, part_at

    text, at = claim.sentence.text, claim.span.start - claim.sentence.start
    lo, hi = clause_at(text, at)
    cut = EXCEPT.search(text, at, hi)
    clause = text[lo : cut.start() if cut else hi]
    plo, phi = part_at(text, at)
    return clause, text[plo : min(phi, cut.start()) if cut else phi]


def _category_named(part: str, item: OrderItem) -> bool:
    """Whether the words name the item's kind in any language ("Gutschein", "carte cadeau", "ギフトカード" for a
    "Gift card 25 EUR"): the reply layer's category words, for drafts in another language than the item names."""
    from assist.replies import item_category, load_exclusions

    category = item_category(item.name, item.sku)
    if category in (None, "not_goods"):
        return False
    folded = unicodedata.normalize("NFKC", part).casefold()
    return any(word.casefold() in folded for word in load_exclusions()["categories"].get(category or "", []))


def _names(text: str, item_name: str) -> bool:
    from assist.asks import items_named
    from assist.models import OrderItem

    probe = Order(
        order_id="-",
        customer_id="-",
        customer_name="-",
        status="processing",
        placed_at=datetime(2000, 1, 1, tzinfo=UTC),
        items=[OrderItem(sku="-", name=item_name, quantity=1, price=0)],
        total=0,
        currency="EUR",
    )
    return bool(items_named(text, probe))
