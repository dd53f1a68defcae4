"""Which stage of the reply pipeline lost each required fact the top suggestion misses, from the pipeline's own
outputs (the ``shop_suggest`` task's asks, its ``trace`` and the top suggestion), never from reading the case.

For each fact of a case's ``must_state`` that the top suggestion does not state (the ``facts_stated`` scorer's
test), the first stage, in pipeline order, that lost it:

1. ``ask not split``: no ask of the turn has a topic that answers the fact, and fewer asks were read than the case
   lists (the question was left inside another ask);
2. ``topic misread``: no ask has a topic that answers the fact, with as many asks read as the case lists;
3. ``order not found``: the fact is about the order (a computed date or verdict) and the pipeline found none;
4. ``not in facts``: the shop's facts hold no fact of the slot (of the computed answer's slot), or none with the
   value (with ``--facts extracted``: the extractor's miss);
   ``held for review``: the facts hold it only below the extractor's review confidence, which replies leave out;
5. ``scope: region`` / ``scope: product class`` / ``scope: payment method``: the fact with the value is scoped to a
   region (``region unplaced``: and the order's region was not found) / class / method the answer did not choose;
6. ``fact not chosen``: the fact with the value is general, yet the answer holds another (or none);
7. ``computed missing``: a computed answer (deadline, exclusion match, warranty end, cancel/change by status,
   refund date) was not computed, though its topic, order and fact are there;
8. ``computed wrong``: a computed answer was computed with another value or verdict than the case's (no order item
   matched an excluded class; another date);
9. ``answered, not written``: the answer was there, the reply does not state it;
10. ``value wrong``: the reply states the fact with another value that no fact of the slot holds (a computed date
    or verdict with another value counts as ``computed wrong``, another scope's fact as that scope's cause);
11. ``value not in text``: the reply declares the right value but its text does not write it in a form the scorer
    reads (a number or date in the buyer's locale);
12. ``shop rule unmatched``: a shop's own rule (``other``) the reply did not state (``shop rule: another``: it
    stated another of the shop's rules).

Forbidden promises get a cause each too: ``forbidden phrase`` (a literal the case forbids), ``verdict wrong`` (a
computed date or verdict the case forbids), ``fact value`` (a policy fact's value the case forbids).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from assist.answers import REGION_TOPICS, TOPIC_SLOTS
from evals.shops import _declares, _states, _value_matches

# the computed answers: the topics that call for each and the slot it rests on (assist/answers.py)
COMPUTED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "return_deadline": (("return",), ("returns.window",)),
    "excluded_items": (("return",), ("returns.excluded",)),
    "excluded_if_opened": (("return",), ("returns.excluded",)),
    "damage_report_until": (("damage", "wrong_item"), ("damage.report_window",)),
    "wrong_item_report_until": (("wrong_item",), ("wrong_item.report_window",)),
    "warranty_until": (("warranty", "damage"), ("warranty.length",)),
    "cancel_possible": (("cancel",), ("cancellation.rule", "cancellation.window")),
    "address_change_possible": (("address_change",), ("address_change.rule",)),
    "refund_expected": (("refund", "cancel"), ("refunds.time", "cancellation.refund_time")),
    "price_adjustment_open": (("price_adjustment",), ("prices.adjustment_window",)),
    "code_window_open": (("discount_code",), ("prices.code_after_purchase",)),
    "order_region": (tuple(sorted(REGION_TOPICS)), ()),
}
# what the order's own fields answer (the status line): no policy fact behind them
ORDER_FIELDS: dict[str, tuple[str, ...]] = {
    "shipped_at": ("order_status", "lost", "shipping_time"),
    "placed_at": ("order_status", "cancel", "address_change"),
}
# slots the order's status adds to a topic beyond TOPIC_SLOTS (answers_for)
EXTRA_SLOT_TOPICS: dict[str, tuple[str, ...]] = {
    "shipping.dispatch_time": ("order_status",),
    "shipping.dispatch_cutoff": ("order_status",),
    "cancellation.refund_time": ("order_status", "refund"),
    "refunds.method": ("cancel",),
}
CAUSES = (
    "ask not split",
    "topic misread",
    "order not found",
    "not in facts",
    "held for review",
    "scope: region unplaced",
    "scope: region",
    "scope: product class",
    "scope: payment method",
    "fact not chosen",
    "computed missing",
    "computed wrong",
    "answered, not written",
    "value wrong",
    "value not in text",
    "shop rule unmatched",
    "shop rule: another",
)
PROMISE_CAUSES = ("forbidden phrase", "verdict wrong", "fact value")


def _bare(name: str) -> str:
    return name[: -len(".open")] if name.endswith(".open") else name


def fact_topics(name: str) -> tuple[str, ...]:
    """The ask topics whose answers state ``name`` (a policy slot, a computed answer or an order field)."""
    name = _bare(name)
    if name in COMPUTED:
        return COMPUTED[name][0]
    if name in ORDER_FIELDS:
        return ORDER_FIELDS[name]
    topics = [t for t, slots in TOPIC_SLOTS.items() if name in slots]
    topics += EXTRA_SLOT_TOPICS.get(name, ())
    if name.startswith("shipping.") and "order_status" not in topics:
        topics.append("order_status")
    return tuple(dict.fromkeys(topics))


def _declared(top: dict[str, Any], name: str) -> list[str]:
    """The values the top suggestion declares for ``name`` (any of its forms)."""
    names = {name, _bare(name)} if name.endswith(".open") else {name}
    out = []
    for declared in top.get("facts") or []:
        field = str(declared.get("field", ""))
        if any(field.split(".", 1)[-1] == n or field.endswith("." + n) for n in names):
            out.append(str(declared.get("value", "")))
    return out


def _slots_of(name: str) -> tuple[str, ...]:
    name = _bare(name)
    if name in COMPUTED:
        return COMPUTED[name][1]
    return () if name in ORDER_FIELDS else (name,)


def _computed(answer: dict[str, Any], wanted: Any) -> bool:
    """Whether a computed answer of the trace says what the case wants (its value, or its verdict for a yes/no)."""
    if isinstance(wanted, bool):
        return answer.get("holds") is wanted
    return bool(answer.get("value")) and _value_matches(str(answer["value"]), wanted)


def _order_ids(case: dict[str, Any]) -> list[str]:
    return list(case.get("order_ids") or (case.get("conversation") or {}).get("order_ids") or [])


def _scope_cause(scope: dict[str, str], trace_asks: list[list[dict[str, Any]]]) -> str:
    if scope.get("region"):
        placed = any(a["key"] == "order_region" and a["value"] not in ("", "None") for ask in trace_asks for a in ask)
        return "scope: region" if placed else "scope: region unplaced"
    if scope.get("product_class"):
        return "scope: product class"
    if scope.get("payment_method"):
        return "scope: payment method"
    return "fact not chosen"


def miss_cause(case: dict[str, Any], output: dict[str, Any], fact: dict[str, Any]) -> str:
    """The stage that lost ``fact`` (one of ``CAUSES``); call it for a fact the top suggestion does not state."""
    name, wanted = str(fact["fact"]), fact.get("value")
    top = ((output or {}).get("suggestions") or [{}])[0]
    declared = _declared(top, name)
    if declared:
        if any(_value_matches(v, wanted) for v in declared if wanted is not None):
            return "value not in text"
        if name == "other":
            return "shop rule: another"
        return _wrong_value(name, wanted, output)
    asks = (output or {}).get("asks") or []
    trace = (output or {}).get("trace") or {}
    trace_asks: list[list[dict[str, Any]]] = trace.get("asks") or []
    facts: list[dict[str, Any]] = trace.get("facts") or []
    read = {t for a in asks for t in a.get("topics") or []}
    if name == "other":
        if not asks or ("other" not in read and len(asks) < len(case.get("asks") or [])):
            return "ask not split"
        if not any(f["slot"] == "other" and _value_matches(f["value"], wanted) for f in facts):
            return "not in facts"
        return "shop rule unmatched"
    topics = fact_topics(name)
    if topics and not read & set(topics):
        return "ask not split" if len(asks) < len(case.get("asks") or []) else "topic misread"
    base = _bare(name)
    answered = [
        a
        for ask in trace_asks
        for a in ask
        if a["key"] == base or (a["key"] in ("fact", "by_class", "by_payment") and a["slot"] == base)
    ]
    if answered:
        if base in COMPUTED and wanted is not None and not any(_computed(a, wanted) for a in answered):
            return "computed wrong"
        return "answered, not written"
    if base in COMPUTED or base in ORDER_FIELDS:
        if _order_ids(case) and not (output or {}).get("order"):
            return "order not found"
    slots = _slots_of(name)
    of_slot = [f for f in facts if f["slot"] in slots]
    if slots and not of_slot:
        return "not in facts"
    if of_slot and all(f.get("review") for f in of_slot):
        return "held for review"
    if base in COMPUTED or base in ORDER_FIELDS:
        return "computed missing"
    with_value = [f for f in of_slot if wanted is None or _value_matches(f["value"], wanted)]
    if not with_value:
        return "not in facts"
    if all(f.get("review") for f in with_value):
        return "held for review"
    general = [f for f in with_value if not f["scope"]]
    return "fact not chosen" if general else _scope_cause(with_value[0]["scope"], trace_asks)


def _wrong_value(name: str, wanted: Any, output: dict[str, Any]) -> str:
    """The stage behind a fact the reply states with another value: the computation (a date or verdict), the choice
    of scope where a fact of the slot with the wanted value is scoped to a region, class or method (or is general and
    was passed over), else the value itself."""
    base = _bare(name)
    if base in COMPUTED or base in ORDER_FIELDS:
        return "computed wrong"
    trace = (output or {}).get("trace") or {}
    with_value = [
        f
        for f in trace.get("facts") or []
        if f["slot"] == base and wanted is not None and _value_matches(f["value"], wanted)
    ]
    if not with_value:
        return "value wrong"
    if any(not f["scope"] for f in with_value):
        return "fact not chosen"
    return _scope_cause(with_value[0]["scope"], trace.get("asks") or [])


def promise_causes(case: dict[str, Any], output: dict[str, Any]) -> list[str]:
    """A cause for each forbidden promise the top suggestion makes (one of ``PROMISE_CAUSES``)."""
    top = ((output or {}).get("suggestions") or [{}])[0]
    text = str(top.get("text", "")).casefold()
    out = []
    for forbidden in case.get("must_not") or []:
        if isinstance(forbidden, str) and forbidden.casefold() in text:
            out.append("forbidden phrase")
        elif isinstance(forbidden, dict) and _declares(top, forbidden):
            out.append("verdict wrong" if _bare(str(forbidden["fact"])) in COMPUTED else "fact value")
    return out


def miss_causes(case: dict[str, Any], output: dict[str, Any]) -> list[str]:
    """The cause of each required fact the top suggestion misses (empty when it states them all)."""
    top = ((output or {}).get("suggestions") or [{}])[0]
    return [
        miss_cause(case, output, f) for f in case.get("must_state") or [] if isinstance(f, dict) and not _states(top, f)
    ]


class CauseTally:
    """Missed facts and forbidden promises per cause, and the conversations each cause alone lost."""

    def __init__(self) -> None:
        self.missed: Counter[str] = Counter()
        self.alone: Counter[str] = Counter()
        self.promises: Counter[str] = Counter()
        self.conversations = self.failed = 0

    def add(self, case: dict[str, Any], output: dict[str, Any]) -> None:
        self.conversations += 1
        causes = miss_causes(case, output)
        self.missed.update(causes)
        if causes:
            self.failed += 1
            if len(set(causes)) == 1:
                self.alone[causes[0]] += 1
        self.promises.update(promise_causes(case, output))


def cause_rows(tallies: dict[str, CauseTally]) -> tuple[list[str], list[list[str]]]:
    """The table of causes (rows) per group (columns: missed facts, and in brackets the conversations that cause
    alone lost), with a total column and the forbidden promises below."""
    total = CauseTally()
    for tally in tallies.values():
        total.missed += tally.missed
        total.alone += tally.alone
        total.promises += tally.promises
        total.conversations += tally.conversations
        total.failed += tally.failed
    groups = [*tallies.items(), ("total", total)]
    header = ["cause", *[name for name, _ in groups]]
    rows = []
    for cause in CAUSES:
        if total.missed[cause]:
            rows.append([cause, *[f"{t.missed[cause]} ({t.alone[cause]})" for _, t in groups]])
    rows.append(["conversations missing a fact", *[f"{t.failed}/{t.conversations}" for _, t in groups]])
    for cause in PROMISE_CAUSES:
        if total.promises[cause]:
            rows.append([f"promise: {cause}", *[str(t.promises[cause]) for _, t in groups]])
    return header, rows


def cause_columns(tallies: dict[str, CauseTally]) -> tuple[list[str], list[list[str]]]:
    """The same table turned (groups as rows, causes as columns), for many groups (buyer languages)."""
    header, rows = cause_rows(tallies)
    groups = header[1:]
    return [header[0].replace("cause", "group"), *[row[0] for row in rows]], [
        [group, *[row[i + 1] for row in rows]] for i, group in enumerate(groups)
    ]


def by_group(pairs: list[tuple[str, dict[str, Any], dict[str, Any]]]) -> dict[str, CauseTally]:
    """(group, case, output) triples tallied per group."""
    out: dict[str, CauseTally] = defaultdict(CauseTally)
    for group, case, output in pairs:
        out[group].add(case, output)
    return dict(out)
