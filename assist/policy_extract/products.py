"""Which products a warranty sentence is about: "our warranty covers hand tools for 5 years", "tents are
covered against seam failures for 2 years", "all garden tools have a 3-year warranty" (a class) as against
"all our products" (every product: no scope)."""

from __future__ import annotations

import re

from assist.policy_extract.cues import topic_patterns
from assist.policy_extract.scope import is_universal

_COVERS = re.compile(
    r"\b(?:covers?|deckt|couvre|cubre|copre|cobre)\s+(?P<object>.{3,80}?)\s+(?:for|während|für|pendant|durante|per|por)\s+$",
    re.IGNORECASE,
)
_ARE_COVERED = re.compile(
    r"^(?P<subject>.{3,80}?)\s+(?:are|is|sind|ist|sont|est|están|está|son|sono|è|são|é)\s+"
    r"(?:covered|abgedeckt|gedeckt|couverts?|cubiert[oa]s?|copert[oi]|coberto?s?)\b"
    r"(?!\s+(?:by|durch|von|par|por|da|dalla|pela|pelo)\b)",  # "faults ... are covered by our warranty": no product
    re.IGNORECASE,
)


def covered_products(text: str, at: int) -> str | None:
    """The products a warranty sentence names by "covers X for N" or "X are covered ... for N"."""
    head = text[:at]
    m = _COVERS.search(head)
    if m:
        return _ARTICLES.sub("", m.group("object")).strip(" ,")
    m = _ARE_COVERED.search(head)
    if m and not topic_patterns()["warranty"].search(m.group("subject")) and not is_universal(m.group("subject")):
        return _ARTICLES.sub("", m.group("subject")).strip(" ,")
    return None


_GENERIC = re.compile(
    r"(?:(?:our|unsere[nr]?|nos|nuestros|nuestras|nostri|nossos|nossas|当店の|本店)\s*)?"
    r"(?:products?|items?|articles?|goods|devices|produkte|artikel|waren|geräte|produits|productos|artículos|"
    r"prodotti|articoli|produtos|artigos|商品|产品|製品|品)"
    r"(?:\s+(?:(?:that )?we (?:sell|offer)|sold (?:by us|here)|bought (?:here|from us)|"
    r"(?:in|from) (?:our|the) (?:shop|store)|"
    r"die wir verkaufen|que nous vendons|que vendemos|che vendiamo))?",
    re.IGNORECASE,
)


def quantified_class(subject: str | None) -> str | None:
    """ "Todas las herramientas de jardín" -> "herramientas de jardín"; "All our products" -> None."""
    if not subject:
        return None
    m = re.match(
        r"^(?:all|every|alle[nr]?|tous|toutes|todos|todas|tutti|tutte)\s+(?:(?:the|les|los|las|i|le|gli|os|as|die)\s+)?",
        subject,
        re.I,
    )
    if m is None:
        return None
    rest = subject[m.end() :].strip()
    return None if not rest or _GENERIC.fullmatch(rest) else rest


_ARTICLES = re.compile(
    r"^(?:the|all|our|die|alle|unsere|les|tous les|nos|las|los|todas las|todos los|le|gli|i|os|as)\s+", re.I
)
