"""Yes/no and who-pays rules read by the learned reader in languages the cue lists do not cover: "you can cancel
until the parcel ships" (``cancellation.rule``), "the buyer pays the import duties" (``customs.paid_by``), "a later
price drop is not refunded" (``prices.adjustment``), "paid before 3 pm, shipped today" (``shipping.dispatch_cutoff``,
its clock time read by the value parser)...

The reader's ``rule`` head (frames in ``resources/policy_reader/frames.yaml``) names the rule and its value; a reading
is a fact when it is sure, or when the topic reader (:mod:`.topics`) read the sentence or its heading as the same
area; otherwise it goes to review. A rule scoped by region (customs) without a region in its sentence or heading
goes to review too: who pays duties depends on where the parcel goes.
"""

from __future__ import annotations

from typing import Any

from assist.policy_extract.coverage import covered
from assist.policy_extract.framing import SECTION_ONLY, Candidate, has, scope_at
from assist.policy_extract.text import Unit
from assist.policy_extract.topics import REVIEW, agrees
from assist.policy_extract.values import times_of_day

RULE_FLOOR = 0.7  # the reader's probability that makes a rule a fact on its own
RULE_SEEN = 0.4  # from here: a fact when the topic reader agrees, else for review
_BOOL = {"true": True, "false": False}


def read_rules(reader: Any, unit_list: list[Unit]) -> list[Candidate]:
    """Rule readings of the sentences and list items of chunks outside the cue languages."""
    open_units = [u for u in unit_list if u.kind in ("sentence", "item") and not u.question and not covered(u.chunk)]
    if not open_units:
        return []
    out = []
    for unit, (label, probability) in zip(open_units, reader.rules([u.text for u in open_units]), strict=True):
        if label == "other" or probability < RULE_SEEN:
            continue
        slot, _, written = label.partition("=")
        value: Any = _BOOL.get(written, written)
        if slot == "shipping.dispatch_cutoff":  # "paid before 3 pm, shipped the same day": the clock time is the value
            times = times_of_day(unit.text)
            if len(times) != 1:
                continue
            value = times[0].value
        sure = probability >= RULE_FLOOR or agrees(unit, slot)
        if label == "returns.shipping_paid_by=shop" and has("if_clause", unit.text):
            sure = False  # "if the item is faulty, we pay the return postage": a condition's rule, not the rule
        scope = {}
        if slot == "customs.paid_by":
            region = scope_at(unit, unit.text, 0).get("region")
            scope = {"region": region} if region else {}
            sure = sure and bool(region)
        out.append(Candidate(slot, value, unit, scope=scope, confidence=SECTION_ONLY if sure else REVIEW))
    return out
