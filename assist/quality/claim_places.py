"""Where a draft says the shop ships, or does not, read by the claim reader (:mod:`assist.quality.claim_polarity`)
clause by clause and place by place: "we only deliver within A and B | and can't ship to C" reads A and B as served
and C as refused; a place word that also names a subdivision of the shop's or the order's country is read as it."""

from __future__ import annotations

import re
from typing import Any

from assist.quality.claim_polarity import ADD_FLOOR, PolarityReader, clauses, reader_of
from assist.quality.claims import Claim

SURE = 0.9  # a sentence's shipping reading this sure outweighs a clause's less sure opposite one


def place_claims(draft: str, ctx: Any, known: list[tuple[Claim, str]]) -> list[tuple[Claim, str]]:
    """Where the reader reads that the shop ships to a place, or does not ("we ship worldwide, including the
    USA"), in a clause naming a country the rule frames (``known``) did not read: the claim and the country.
    Each place gets the reading of its own part of the clause ("we only deliver within Canada | and can't ship to
    the United States"); a bare place in a list ("including the USA and Canada") takes the clause's."""
    reader = reader_of(ctx)
    if reader is None:
        return []
    found: list[tuple[Claim, str]] = []
    carried: dict[int, str] = {}  # per sentence: the reading of its last clause that says something of its own
    whole: dict[int, tuple[str, float]] = {}  # per sentence of several clauses: its own shipping reading
    for reading in reader.readings(draft):
        shipping = reading.label in ("ship:granted", "ship:refused") and reading.probability >= ADD_FLOOR
        if reading.span == reading.sentence and len(clauses(draft, reading.sentence)) > 1:
            if shipping:  # its clauses are read one by one; the sentence's reading carries to bare lists
                carried[reading.sentence.start] = reading.label
                whole[reading.sentence.start] = (reading.label, reading.probability)
            continue
        sentence = whole.get(reading.sentence.start)
        if shipping and sentence and sentence[0] != reading.label and sentence[1] >= SURE > reading.probability:
            continue  # the sentence surely says the opposite of this clause's less sure reading: no claim either way
        if not _bare(reading.span.text):
            if reading.label not in ("ship:granted", "ship:refused"):
                carried.pop(reading.sentence.start, None)  # a clause about something else ends the list
                continue
            carried[reading.sentence.start] = reading.label  # its likeliest reading, for the bare list after it
            if not shipping:
                continue
        elif reading.sentence.start not in carried:
            continue  # a list of places with no reading before it in its sentence
        last = carried[reading.sentence.start]  # a bare place continues the list it stands in
        for piece in LIST_CUT.split(reading.span.text):
            if not piece.strip():
                continue
            label = _piece_reading(reader, piece, last)
            last = label if label is not None and not _bare(piece) else last
            country = _shop_place(piece, ctx)
            if country is None or any(regions_country(c) == regions_country(country) for _, c in known + found):
                continue
            if label is None:
                continue
            kind = "ships_to" if label == "ship:granted" else "no_ship_to"
            found.append((Claim(kind, reading.span, reading.sentence), country))
    return found


def _bare(text: str) -> bool:
    """A list continuation: four words at most and no shipping word ("Liechtenstein and EU countries")."""
    from assist.quality.claim_frames import SHIP_VERB

    return len(text.split()) <= 4 and not SHIP_VERB.search(text)


def _piece_reading(reader: PolarityReader, piece: str, clause_label: str) -> str | None:
    """The shipping reading of one place's part of a clause: the clause's for a bare place (:func:`_bare`), else its
    own when the reader is sure of it, else none (the part says something the clause's reading may not)."""
    if _bare(piece):
        return clause_label
    label, probability = reader.read([piece.strip()])[0]
    if label in ("ship:granted", "ship:refused") and probability >= ADD_FLOOR:
        return label
    return None


def _shop_place(text: str, ctx: Any) -> str | None:
    from assist import regions
    from assist.quality.fact_scopes import place_for_shop

    order = getattr(ctx, "order", None)
    settings = getattr(ctx, "shop_settings", None) or {}
    currency = order.currency if order is not None else settings.get("currency")
    home = regions.shop_home_country(currency, settings, getattr(ctx, "facts", None))
    return place_for_shop(text, [home, getattr(order, "shipping_country", None)])


def regions_country(code: str) -> str:
    from assist import regions

    return regions.country_of(code)


LIST_CUT = re.compile(r"\s+(?:and|und|et|y|e|i|ve|и|or|oder|ou|o)\s+|[,、，/&]|と|和|及")  # not "en": French "in"
