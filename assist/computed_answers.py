"""Answers computed from a policy fact and the order: dates a window runs until, and yes/no verdicts.

Each answer keeps its inputs (the order's date or status, the fact read) so a reply states it and a draft check
compares against it (:mod:`assist.answers` picks which ones an ask calls for):

- :func:`return_deadline`: delivery (or order) date + ``returns.window``, and whether it has passed;
- ``warranty_until`` / ``damage_report_until`` (:func:`running`): whether a window counted from delivery runs;
- :func:`change_possible`: cancellation or address change, given the rule and the order status;
- :func:`refund_expected`: when a returned or cancelled order's refund is due;
- :func:`since_order`: whether a price-drop refund or a forgotten code is still possible;
- :func:`doubted`: no verdict where a rival fact of the same scope would give the other one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from assist.answer_model import DAYS, Answer, add_duration, as_utc, describe
from assist.models import Order
from assist.policy_facts import PolicyFact, PolicyFacts


def return_deadline(
    order: Order | None,
    facts: PolicyFacts,
    now: datetime,
    product_class: str | None = None,
    place: str | None = None,
    home: str | None = None,
) -> Answer | None:
    """The day the order's return window ends, and whether it is still open: the window the policy gives the
    region ``place`` lies in where it gives one ("30 days for addresses in ..."), else the general one."""
    window = _regional_window(facts, product_class, place, home) or facts.get(
        "returns.window", product_class=product_class
    )
    if window is None or order is None or not isinstance(window.value, int | float) or isinstance(window.value, bool):
        return None
    starts = facts.get("returns.window_starts")
    counts_from = str(starts.value) if starts else "delivery"
    start = order.placed_at if counts_from == "order" else order.delivered_at
    used = [window] + ([starts] if starts else [])
    if start is None:
        return Answer(
            key="return_deadline",
            slot="returns.window",
            value=None,
            holds=True,
            inputs={"returns.window": describe(window), "counts from": counts_from, "order.status": order.status},
            facts=used,
            note=f"the {describe(window)} return window starts at {counts_from}, which has not happened yet",
        )
    deadline = add_duration(as_utc(start).date(), window.value, window.unit)
    holds = as_utc(now).date() <= deadline
    field = "order.placed_at" if counts_from == "order" else "order.delivered_at"
    return Answer(
        key="return_deadline",
        slot="returns.window",
        value=deadline.isoformat(),
        holds=holds,
        inputs={field: as_utc(start).date().isoformat(), "returns.window": describe(window)},
        facts=used,
        note=f"return window {'open until' if holds else 'ended on'} {deadline.isoformat()} "
        f"({field[6:]} {as_utc(start).date().isoformat()} + {describe(window)})",
    )


def _regional_window(
    facts: PolicyFacts, product_class: str | None, place: str | None, home: str | None
) -> PolicyFact | None:
    """The return window of the item's class the policy gives the region ``place`` lies in, else None."""
    from assist import scoped_facts

    scoped = [f for f in facts.all("returns.window") if f.scope.region and f.scope.product_class == product_class]
    region = scoped_facts.region_for(place, scoped, home) if scoped and place else None
    return next((f for f in scoped if f.scope.region == region), None) if region else None


def _ends(start: datetime, fact: PolicyFact, now: datetime) -> tuple[date, bool]:
    """The day a window of ``fact`` counted from ``start`` ends, and whether ``now`` is still in it. A window in
    hours ends at the hour (24 hours from 16:00 close at 16:00 the next day); one in days at the end of its day."""
    assert isinstance(fact.value, int | float)
    if fact.unit == "hour":
        end = as_utc(start) + timedelta(hours=float(fact.value))
        return end.date(), as_utc(now) <= end
    until = add_duration(as_utc(start).date(), fact.value, fact.unit)
    return until, as_utc(now).date() <= until


def running(
    key: str, slot: str, order: Order | None, facts: PolicyFacts, now: datetime, product_class: str | None = None
) -> Answer | None:
    fact = facts.get(slot, product_class=product_class)
    if fact is None or order is None or not isinstance(fact.value, int | float) or isinstance(fact.value, bool):
        return None
    start = order.delivered_at or (order.placed_at if slot == "warranty.length" else None)
    if start is None:
        return None
    until, holds = _ends(start, fact, now)
    field = "order.delivered_at" if order.delivered_at else "order.placed_at"
    return Answer(
        key=key,
        slot=slot,
        value=until.isoformat(),
        holds=holds,
        inputs={field: as_utc(start).date().isoformat(), slot: describe(fact)},
        facts=[fact],
        note=f"{slot} {'runs until' if holds else 'ended on'} {until.isoformat()}",
    )


def change_possible(key: str, slot: str, order: Order | None, facts: PolicyFacts, now: datetime) -> Answer | None:
    """Cancellation or address change: the rule against the order's status (and the window, if any)."""
    rule = facts.get(slot)
    if rule is None or order is None:
        return None
    used = [rule]
    inputs = {slot: str(rule.value), "order.status": order.status}
    holds = order.status == "processing"
    why = "the order has not shipped" if holds else f"the order is {order.status}"
    if str(rule.value) == "not_allowed":
        holds, why = False, "the policy does not allow it"
    elif str(rule.value) == "within_window":
        window = facts.get("cancellation.window")
        if window is not None and isinstance(window.value, int | float):
            used.append(window)
            ends = as_utc(order.placed_at) + timedelta(days=float(window.value) * DAYS.get(window.unit or "day", 1))
            inputs |= {"order.placed_at": as_utc(order.placed_at).isoformat(), "cancellation.window": describe(window)}
            if as_utc(now) > ends:
                holds, why = False, f"the {describe(window)} window ended at {ends.isoformat()}"
    if order.status == "cancelled":
        holds, why = False, "the order is already cancelled"
    return Answer(
        key=key,
        slot=slot,
        value=holds,
        holds=holds,
        inputs=inputs,
        facts=used,
        note=f"{key.replace('_', ' ')}: {'yes' if holds else 'no'} ({why})",
    )


def refund_expected(
    order: Order | None, facts: PolicyFacts, now: datetime, payment_method: str | None = None
) -> Answer | None:
    """For a returned or cancelled order: the refund time from the policy, counted from today at the latest."""
    if order is None or order.status not in ("returned", "cancelled"):
        return None
    slot = "cancellation.refund_time" if order.status == "cancelled" else "refunds.time"
    fact = facts.get(slot, payment_method=payment_method) or facts.get("refunds.time", payment_method=payment_method)
    if fact is None or not isinstance(fact.value, int | float):
        return None
    high = fact.max_value if fact.max_value is not None else fact.value
    due = add_duration(as_utc(now).date(), high, fact.unit)
    return Answer(
        key="refund_expected",
        slot=fact.slot,
        value=due.isoformat(),
        holds=True,
        inputs={
            "order.status": order.status,
            fact.slot: describe(fact),
            "counted from": as_utc(now).date().isoformat(),
        },
        facts=[fact],
        note=f"refund due by {due.isoformat()} at the latest ({describe(fact)} from today, order {order.status})",
    )


def since_order(key: str, slot: str, order: Order | None, facts: PolicyFacts, now: datetime) -> Answer | None:
    fact = facts.get(slot)
    if fact is None or order is None or not isinstance(fact.value, int | float) or isinstance(fact.value, bool):
        return None
    until, holds = _ends(order.placed_at, fact, now)
    return Answer(
        key=key,
        slot=slot,
        value=until.isoformat(),
        holds=holds,
        inputs={"order.placed_at": as_utc(order.placed_at).date().isoformat(), slot: describe(fact)},
        facts=[fact],
        note=f"{slot}: {'open until' if holds else 'ended on'} {until.isoformat()}",
    )


def _could_apply(rival: PolicyFact, used: PolicyFact) -> bool:
    """Whether ``rival`` may hold for the order ``used`` was chosen for: its scope is the same (none where ``used``
    has none). A less specific one is overridden by ``used`` (a class's own window beats the general one), and a
    more specific one would have been chosen had the order been in its scope."""
    for key in ("region", "product_class", "payment_method", "customer_group"):
        have, want = getattr(rival.scope, key), getattr(used.scope, key)
        if (have or "").casefold() != (want or "").casefold():
            return False
    return True


def _with_only(facts: PolicyFacts, rival: PolicyFact) -> PolicyFacts:
    """``facts`` with ``rival`` as the one fact of its slot (trusted, so the computation reads it)."""
    kept = [f for f in facts.facts if f.slot != rival.slot]
    return facts.model_copy(update={"facts": [*kept, rival.model_copy(update={"source": "manual"})]})


def _numbers(facts: list[PolicyFact]) -> set[tuple[float, str]]:
    return {
        (float(f.value), f.unit)
        for f in facts
        if f.unit and isinstance(f.value, int | float) and not isinstance(f.value, bool)
    }


def _another_topics_sentence(rival: PolicyFact, facts: PolicyFacts) -> bool:
    """Whether ``rival``, held for review, was read from a sentence of another topic's rule: one that states, by the
    same number and unit, a trusted fact of another topic (a warranty sentence, "repaired items stay covered for
    the rest of the 24 months", beside a trusted 24-month warranty). What else was read from it for this slot is
    that rule's number (the 6 months at least), not a condition of this one."""
    if not rival.needs_review or not rival.sentence:
        return False
    topic = rival.slot.split(".")[0]
    trusted = _numbers([f for f in facts.facts if f.slot.split(".")[0] != topic and not f.needs_review])
    read_there = [f for f in facts.facts if f.slot == rival.slot and f.sentence == rival.sentence]
    return bool(_numbers(read_there) & trusted)


def doubted(compute: Callable[[PolicyFacts], Answer | None], facts: PolicyFacts) -> Answer | None:
    """``compute(facts)``, with no verdict (``holds`` None) when a rival fact of a slot it read would give the other
    one: a fact of the same slot whose scope may hold for this order (the same or none), also one held for review
    ("14 days" beside a "30 days" whose condition, say unopened goods, the extractor did not read) unless its
    sentence is another topic's rule (:func:`_another_topics_sentence`). The note names the rival for the agent;
    the reply then states the rule, not whether it still holds (:mod:`assist.reply_topics`). ``compute`` is run
    again with each rival as its slot's only fact."""
    answer = compute(facts)
    if answer is None or answer.holds is None:
        return answer
    rivals: list[PolicyFact] = []
    for used in answer.facts:
        for rival in facts.all(used.slot, include_review=True):
            if rival in answer.facts or rival.value == used.value and rival.unit == used.unit:
                continue
            if not _could_apply(rival, used) or _another_topics_sentence(rival, facts):
                continue
            other = compute(_with_only(facts, rival))
            if other is not None and other.holds is not None and other.holds != answer.holds:
                rivals.append(rival)
    if not rivals:
        return answer
    said = "; ".join(f"{r.slot} {describe(r)}" + (f' ("{r.sentence}")' if r.sentence else "") for r in rivals[:2])
    return answer.model_copy(
        update={
            "holds": None,
            "inputs": answer.inputs | {"rival": said},
            "note": f"{answer.note}; NOT stated as a verdict: the policy also says {said}, which would give the "
            "other answer (its condition may apply to this order: check before promising either way)",
        }
    )
