"""Multilingual phrase lists (en, de, ja, zh, es, fr, pt, it) for the rule-based QA checks.

Each entry is a compiled pattern from :func:`assist.quality.extract.terms`. Lists are short and
precise on purpose: a rule fires on clear wording; the LLM judge (when configured) covers paraphrase.

The lists live by capability: topics of numbers (:mod:`assist.quality.lexicon_topics`), commitments and status
claims (:mod:`assist.quality.lexicon_claims`), the shape of a good reply (:mod:`assist.quality.lexicon_replies`);
every name stays importable from here.
"""

from __future__ import annotations

from assist.quality.lexicon_claims import (
    BUYER_PAYS_RETURN,
    CAN_RETURN,
    CASH_OR_BANK,
    DAMAGE_CONTEXT,
    EXCLUSION_TERMS,
    PRICE_DIFFERENCE,
    REFUND_AMOUNT_WORDS,
    SHOP_PAYS_RETURN,
    STATUS_CLAIMS,
    STORE_CREDIT,
    TOTAL_WORDS,
    TRACKING_WORDS,
)
from assist.quality.lexicon_replies import (
    BUYER_THANKS,
    CLOSING,
    EMPATHY,
    GREETING,
    NEGATIVE_BUYER,
    NEXT_STEP,
    NEXT_STEP_OR_CLOSING,
)
from assist.quality.lexicon_topics import (
    TOPIC_ANCHORS,
    TOPICS,
)

__all__ = [
    "BUYER_PAYS_RETURN",
    "BUYER_THANKS",
    "CAN_RETURN",
    "CASH_OR_BANK",
    "CLOSING",
    "DAMAGE_CONTEXT",
    "EMPATHY",
    "EXCLUSION_TERMS",
    "GREETING",
    "NEGATIVE_BUYER",
    "NEXT_STEP",
    "NEXT_STEP_OR_CLOSING",
    "PRICE_DIFFERENCE",
    "REFUND_AMOUNT_WORDS",
    "SHOP_PAYS_RETURN",
    "STATUS_CLAIMS",
    "STORE_CREDIT",
    "TOPICS",
    "TOPIC_ANCHORS",
    "TOTAL_WORDS",
    "TRACKING_WORDS",
]
