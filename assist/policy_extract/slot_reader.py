"""Training text for the reader's ``slot`` head: which duration slot a policy sentence states.

Generated, not collected: every reply template of ``resources/replies/answers/<language>.yaml`` that states a
duration slot (read, never edited), written several times with random durations in the template's own unit words,
random places, dates, carriers and amounts; plus the ``slot`` frames of ``resources/policy_reader/frames.yaml``
(policy phrasings per slot and language, and sentences with a duration that state no slot: opening hours, payment
terms, how long the shop has existed...).
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import yaml

ANSWERS = Path(__file__).resolve().parent.parent / "resources" / "replies" / "answers"
# Reply template key -> the slot whose duration it states.
TEMPLATE_SLOTS = {
    "transit": "shipping.transit_time",
    "transit_nocarrier": "shipping.transit_time",
    "transit_general": "shipping.transit_time",
    "dispatch_time": "shipping.dispatch_time",
    "return_not_started": "returns.window",
    "return_window": "returns.window",
    "refund_time": "refunds.time",
    "refund_time_plain": "refunds.time",
    "damage_window": "damage.report_window",
    "wrong_window": "wrong_item.report_window",
    "warranty_length": "warranty.length",
    "cancel_rule_within_window": "cancellation.window",
    "cancel_refund": "cancellation.refund_time",
    "lost_not_received": "lost.not_received_wait",
    "lost_report": "lost.report_after",
    "lost_trace": "lost.trace_time",
    "price_adjust_window": "prices.adjustment_window",
    "code_window": "prices.code_after_purchase",
}
WRITES = 4  # each template is written this many times with random values
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PLACES = ["Canada", "Japan", "Europe", "Brazil", "Norway", "Mexico", "Poland", "Chile", "Korea", "Sweden"]
_CARRIERS = ["ParcelOne", "SwiftPost", "NordExpress", "Kurier24", "RapidBox"]


def _duration(spec: dict[str, Any], rng: random.Random) -> str:
    unit = rng.choice(list(spec["units"]))
    words = spec["units"][unit]
    low = rng.choice([1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 180])
    if rng.random() < 0.3:
        text = str(spec.get("range", "{low}-{high}")).format(low=low, high=low + rng.choice([1, 2, 3, 5]))
        number = 2
    else:
        text, number = str(low), low
    word = words[-1] if number != 1 or len(words) == 1 else words[0]
    joiner = "" if spec.get("language") in ("ja", "zh") else " "
    return f"{text}{joiner}{word}"


def _fill(template: str, spec: dict[str, Any], rng: random.Random) -> str:
    def value(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "duration":
            return _duration(spec, rng)
        if name == "region":
            return rng.choice(_PLACES)
        if name == "carrier":
            return rng.choice(_CARRIERS)
        if name == "event":
            starts = (spec.get("words") or {}).get("window_starts") or {"x": "delivery"}
            return str(rng.choice(list(starts.values())))
        if name in ("date", "until"):
            return f"{rng.randint(1, 28)}.{rng.randint(1, 12)}."
        if name == "amount":
            return f"{rng.choice([20, 50, 99, 150])} {rng.choice(['EUR', 'USD', 'CHF'])}"
        return m.group(0)

    return _PLACEHOLDER.sub(value, template)


def template_pairs(seed: int) -> list[tuple[str, str]]:
    """(sentence, slot) from the reply templates of every language."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for path in sorted(ANSWERS.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, slot in TEMPLATE_SLOTS.items():
            template = (spec.get("sentences") or {}).get(key)
            if isinstance(template, str) and "{duration}" in template:
                out.extend((_fill(template, spec, rng), slot) for _ in range(WRITES))
    return out
