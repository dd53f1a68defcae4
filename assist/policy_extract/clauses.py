"""What a clause says about the value in it: who the rule is for, and whether the law or the shop sets it.

- A rule opened by "for <noun phrase>" before its topic word is scoped to that phrase: "Per gli strumenti con
  regolazione personalizzata l'annullamento è possibile solo entro 24 ore" -> product class; buyers named as a
  business ("Per gli acquisti con partita IVA la garanzia è di 12 mesi", ``business_buyers`` frames) -> customer
  group.
- A duration whose own clause says the law sets it ("the 14 days the law provides", ``by_law`` frames) is the legal
  minimum, not the shop's own rule, when the same sentence gives the shop's longer one.
- A sentence that denies a warranty in one clause and gives a duration in another ("Supplements carry no warranty;
  we guarantee 6 months of shelf life") states no warranty length.
- "If payment is not made within 48 hours the order is cancelled" (``unpaid`` frames) is a payment deadline, not a
  buyer's cancellation window.
"""

from __future__ import annotations

import re

from assist.policy_extract.cues import label_patterns, topic_hits
from assist.policy_extract.scope import payment_methods_in, regions_in
from assist.policy_extract.text import clauses

_FOR = re.compile(
    r"^\s*(?:for|für|pour|para|per|bei|on|sur|sui|sugli|sulle|sugl[i']|nos|nas|nei|negli|nelle|en los|en las|"
    r"对于|対象の)\s+(?:(?:the|all|our|die|der|den|les|le|la|l'|los|las|el|gli|il|i|le|os|as|o|a|nos|nossos)\s+)?"
    r"(?P<phrase>[^,;:]{3,80}?)[\s,]*$",
    re.IGNORECASE,
)
_TRAILING_ARTICLE = re.compile(
    r"(?:\s+(?:the|die|der|das|le|la|les|el|los|las|il|lo|gli|i|o|a|os|as)|\s+l'|\s*,)+\s*$", re.IGNORECASE
)
_VERB = re.compile(
    r"\s+(?:is|are|ist|sind|est|sont|es|son|è|sono|é|são|can|may|kann|können|peut|peuvent|puede|pueden|può|"
    r"possono|pode|podem)\b",
    re.IGNORECASE,
)
MAX_WORDS = 8


def _frame(name: str, text: str) -> bool:
    return bool(label_patterns("frames")[name].search(text))


def prefixed_scope(text: str, cue_start: int) -> dict[str, str]:
    """The scope a "for <noun phrase>" opening gives the rule whose topic word starts at ``cue_start``."""
    m = _FOR.match(text[:cue_start])
    if not m:
        return {}
    phrase = _VERB.split(m.group("phrase"), maxsplit=1)[0]  # "Für Maßanfertigungen ist eine Stornierung …"
    phrase = _TRAILING_ARTICLE.sub("", phrase).strip(" ,")
    if not phrase or len(phrase.split()) > MAX_WORDS or topic_hits(phrase) and not _frame("business_buyers", phrase):
        return {}
    if _frame("business_buyers", phrase):
        return {"customer_group": phrase}
    if regions_in(phrase) or payment_methods_in(phrase) or _frame("order_start", phrase):
        return {}  # "for EU orders", "for PayPal payments", "for orders": other scopes, or none
    return {"product_class": phrase}


def set_by_law(text: str, at: int) -> bool:
    """Whether the clause holding offset ``at`` says the law sets its value."""
    for start, clause in clauses(text):
        if start <= at < start + len(clause):
            return _frame("by_law", clause)
    return False


def payment_deadline(text: str) -> bool:
    """Whether a cancellation sentence is about an order left unpaid."""
    return _frame("unpaid", text)


def no_warranty_elsewhere(text: str, at: int) -> bool:
    """Whether the sentence denies a warranty in another clause than the value's ("X carry no warranty; we
    guarantee 6 months of shelf life")."""
    from assist.policy_extract.cues import negation, topic_patterns

    pieces = clauses(text)
    own = next(((start, clause) for start, clause in pieces if start <= at < start + len(clause)), None)
    if own is None or topic_patterns()["warranty"].search(own[1]):
        return False  # "1-year warranty on teapots, breakage not covered by the warranty": the value's own
    return any(
        start != own[0] and topic_patterns()["warranty"].search(clause) and negation().search(clause)
        for start, clause in pieces
    )
