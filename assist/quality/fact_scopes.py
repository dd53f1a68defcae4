"""Which of a slot's facts a draft's sentence speaks of, when the shop states the slot per scope.

A shop may state one slot several times: a warranty per component ("frame 10 years, cushions 1 year"), a transit
time per zone inside its country ("islands 3-5 days, special zones 5-8 days") and per parcel class ("small items"
vs "furniture"), a warranty for business customers. A number in a draft is held only to the facts whose scope fits
what the sentence speaks of, dimension by dimension (region, product class, customer group, payment method):

- the sentence names a scope label by meaning (the multilingual encoder over its short phrases and the label's
  parts, plus shared trigrams: "les coussins et la mousse" for "Tissus, coussins et mousse", "per Livigno" for
  "Livigno e Campione d'Italia");
- else, for regions, the place the sentence names or the order's address: the shop's regions that contain it
  (:func:`assist.regions.match_region`); a region label the gazetteer cannot place (a zone or a group of provinces
  inside the shop's country) stays possible for a place in the shop's country, since it may hold it;
- else, for product classes, the order's items when all of them are of one class.

A dimension that cannot be decided keeps every scope. The check then fires only when the value agrees with none
of the facts left (precision first: an agreeing value of any possible scope is no contradiction).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assist import places, regions
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.quality.context import DraftContext

DIMENSIONS = ("region", "product_class", "customer_group", "payment_method")
_LABEL_PARTS = re.compile(r"\s*(?:[,;/()（）、，]|\s(?:and|und|et|e|y|ou|o|or|oder|en)\s)\s*")


def label_parts(label: str) -> list[str]:
    """A scope label and its parts ("Tissus, coussins et mousse" -> the label, "Tissus", "coussins", "mousse")."""
    parts = [p for p in _LABEL_PARTS.split(label) if len(p.strip()) >= 3]
    return list(dict.fromkeys([label, *parts]))


def label_meant(embed: Any, text: str, labels: Sequence[str]) -> str | None:
    """The one label of ``labels`` that ``text`` names by meaning, or None when none stands out."""
    from assist.quality.item_match import meant

    unique = list(dict.fromkeys(labels))
    if len(unique) < 2 or embed is None:
        return None
    targets = [(index, part) for index, label in enumerate(unique) for part in label_parts(label)]
    found = meant(embed, text, targets)
    return unique[found] if found is not None else None


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{4,}", places.plain(text)))


def _labels_written(clause: str, labels: list[str]) -> set[str] | None:
    """The region labels one of whose own words (four letters or more; a place name, "Livigno") the clause
    writes, where the other labels share none of them; None when none or several are written."""
    said = _words(clause)
    written = {label for label in labels if _words(label) & said}
    common = set.intersection(*(_words(label) for label in written)) if len(written) > 1 else set()
    return written if len(written) == 1 or (written and not common and len(written) < len(labels)) else None


_VOWELS = re.compile(r"[aeiouyjh\W\d_]+")
_SOUNDS = str.maketrans({"c": "k", "q": "k", "l": "r", "v": "w", "x": "k"})


def _sound(word: str) -> str:
    """A word's consonants in Latin letters ("Глюкометр" and "glucometers": "grkmtr", "grkmtrs")."""
    from anyascii import anyascii

    return _VOWELS.sub("", anyascii(word).lower()).translate(_SOUNDS)


def _script(word: str) -> str:
    import unicodedata

    return unicodedata.name(word[0], "?").split(" ")[0]


def labels_sounded(text: str, labels: list[str]) -> set[str] | None:
    """The one label a part of which ``text`` writes in another script, every word of the part sounding like one of
    the text's: a loanword written in two scripts ("power banks" and "ፓወር ባንኮች", "glucometers" and "Глюкометр"),
    by their consonants in Latin letters (three at the least, one a beginning of the other but for a last letter of a
    case or plural ending; five in the part); None for none or several labels."""
    said = [(_script(w), _sound(w)) for w in _WORD.findall(text) if len(w) >= 3]

    def sounds(word: str) -> bool:
        key = _sound(word)
        for script, sound in said:
            short, long = sorted((key, sound), key=len)
            if script != _script(word) and len(short) >= 3 and len(long) - len(short) <= 1:
                if long.startswith(short[:-1] if len(short) >= 4 else short):  # "banks" and "ባንኮች" (bnks, bnkk)
                    return True
        return False

    found: set[str] = set()
    for label in labels:
        for part in re.split(r"[,;/()（）、，፣]|\s(?:and|und|et|y|e|o|or|и|та|і|እና)\s", label):
            words = _WORD.findall(part)
            if words and sum(len(_sound(w)) for w in words) >= 5 and all(sounds(w) for w in words):
                found.add(label)
    return found if len(found) == 1 else None


def labels_written(clause: str, labels: list[str]) -> set[str] | None:
    """The labels one of whose own words (four letters or more) the clause writes, where the others share none."""
    return _labels_written(clause, labels)


def embed_of(ctx: DraftContext) -> Any:
    """The first encoder (the label and item matching's floors are set on its scale), or None."""
    from assist.quality.claim_polarity import first_embed, reader_of

    return first_embed(ctx) if reader_of(ctx) is not None else None


_WORD = re.compile(rf"(?:[^\W\d_]|[{places.MARKED_SCRIPTS}])+")
_NAME = re.compile(r"[^\W\d_][\w'’.-]*")


def place_for_shop(text: str, hints: Sequence[str | None]) -> str | None:
    """The place ``text`` names, read as a subdivision of the shop's or the order's country (``hints``) when the
    word that names a foreign place also names one of theirs ("delivery in Ontario" for a Canadian shop is the
    province, not the Californian city)."""
    found = regions.country_in_text(text)
    wanted = [h for h in dict.fromkeys(hints) if h]
    if found is None or not wanted or regions.country_of(found) in wanted:
        return found
    words = _NAME.findall(text)
    names = [" ".join(words[i : i + n]) for n in (3, 2, 1) for i in range(len(words) - n + 1)]
    for name in names:
        if len(name) < 4 or not all(w[0].isupper() or not w[0].isascii() for w in name.split()):
            continue  # a proper name: capitalised words (or a script without capitals)
        for country in wanted:
            inside = places.subdivision_named(country, name)
            if inside is not None:
                return inside
    return found


def _placed(label: str, home: str | None) -> bool:
    covered = regions.region_countries(label, home)
    return covered is None or bool(covered)


def _regions_possible(labels: list[str], place: str | None, home: str | None) -> set[str] | None:
    """The region labels that may hold ``place`` (empty: none of them does); None when that cannot be narrowed.
    A region label the gazetteer cannot place stays possible for a place in the shop's own country; a place known
    only as its country may be in any zone of the shop's inside that country."""
    if place is None:
        return None
    country = regions.country_of(place)
    matched = regions.match_region(place, labels, home)
    unplaced = {label for label in labels if not _placed(label, home)} if home and country == home else set()
    if place != country:
        return ({matched} if matched else set()) | unplaced
    inside = {
        label
        for label in labels
        if (covered := regions.region_countries(label, home))
        and all(regions.country_of(code) == country and code != country for code in covered)
    }
    return ({matched} if matched else set()) | inside | unplaced


def _flagged_labels(text: str, labels: list[str], place: str | None, home: str | None) -> set[str] | None:
    """The labels of the areas the words name by their kind ("delivery to the islands takes...", "na otoke", "auf
    die Inseln"): the shop's zones for that kind of area in the order's (else the shop's) country."""
    from assist.place_regions import _flag_words
    from assist.places import fold

    if place is None:
        return None
    folded = fold(text)
    flags = {f"{regions.country_of(place)}:{flag}" for pattern, flag in _flag_words() if pattern.search(folded)}
    chosen = {label for label in labels if flags & set(regions.region_countries(label, home) or ())}
    return chosen or None


def regions_holding(labels: list[str], place: str, home: str | None) -> set[str] | None:
    """The region labels that may hold ``place``; an empty set only when every label is placed by the gazetteer (or
    is "everywhere else") and none holds it; None when that cannot be told."""
    if any(not _placed(label, home) for label in labels):
        return None
    return _regions_possible(labels, place, home)


def _named_items_class(slot: str, facts: PolicyFacts, ctx: DraftContext, text: str) -> set[str] | None:
    """The product class of the order's items that ``text`` names."""
    from assist.answers import product_class
    from assist.asks import items_named

    order = ctx.order
    named = items_named(text, order) if order is not None and text else []
    if not named:
        return None
    found = product_class(slot, facts, order, named)
    return {found} if found else None


def _classes_of_order(slot: str, facts: PolicyFacts, ctx: DraftContext) -> set[str] | None:
    """The one product class of all the order's items."""
    from assist.answers import product_class

    order = ctx.order
    if order is None or not order.items:
        return None
    classes = {product_class(slot, facts, order, [item.sku]) for item in order.items}
    only = next(iter(classes)) if len(classes) == 1 else None
    return {only} if only is not None else None


def possible_facts(
    slot: str,
    candidates: list[PolicyFact],
    facts: PolicyFacts,
    ctx: DraftContext,
    clause: str,
    place: str | None,
    home: str | None,
    part: str | None = None,
    by_meaning: bool = True,
) -> list[PolicyFact]:
    """The facts of ``candidates`` (one slot's) whose scope may be what ``clause`` speaks of. ``part``: the number's
    own part of the clause, read first ("the hull 7 years, | the paddle 2 years"); ``place``: where the order goes
    (a place the words name decides first); ``by_meaning``: False keeps to firm evidence (a label's own words, a
    place, the order's items), never a label the encoder reads into the words."""
    kept = list(candidates)
    for dimension in DIMENSIONS:
        labels = list(dict.fromkeys(str(getattr(f.scope, dimension)) for f in kept if getattr(f.scope, dimension)))
        if not labels:
            continue
        chosen: set[str] | None = None
        for text in dict.fromkeys(t for t in (part, clause) if t):
            if text != part and part and dimension != "region" and _numbers(text) > 1:
                break  # the clause's other parts state other numbers: their words name their own scopes
            chosen = _named_scope(dimension, labels, slot, facts, ctx, text, place, home, by_meaning)
            if chosen is not None:
                break
        if chosen is None and dimension == "region":
            chosen = _regions_possible(labels, place, home)
        if chosen is None and dimension == "product_class" and ctx.order is not None:
            chosen = _classes_of_order(slot, facts, ctx)
        if chosen is None:
            continue
        general_applies = dimension != "region"  # a general warranty covers every class; a region overrides
        narrowed = [
            f
            for f in kept
            if getattr(f.scope, dimension) in chosen or (general_applies and not getattr(f.scope, dimension))
        ]
        if not chosen and dimension == "region":  # none of the shop's regions holds the place: its general fact
            return [f for f in kept if not f.scope.region]
        kept = narrowed or kept
    return kept


def _numbers(text: str) -> int:
    from assist.quality.extract import draft_durations
    from assist.quality.money_mentions import amounts

    return len(draft_durations(text)) + len(amounts(text))  # any language's units ("2 години")


def _named_scope(
    dimension: str,
    labels: list[str],
    slot: str,
    facts: PolicyFacts,
    ctx: DraftContext,
    text: str,
    place: str | None,
    home: str | None,
    by_meaning: bool = True,
) -> set[str] | None:
    """The scopes of ``labels`` the words of ``text`` name: places by the gazetteer or by the label's own words
    (never by meaning alone); other scopes by meaning, and product classes by the order's items the words name."""
    if dimension == "region":
        named_place = place_for_shop(text, [home, place and regions.country_of(place)])
        if named_place:
            return _regions_possible(labels, named_place, home)
        return _labels_written(text, labels) or _flagged_labels(text, labels, place or home, home)
    written = labels_written(text, labels) if dimension in ("payment_method", "customer_group") else None
    if written is not None and len(written) == 1:
        return written  # the method's or group's own name ("Multibanco", "PayPal"), the same in any language
    named = label_meant(embed_of(ctx), text, labels) if len(labels) > 1 and by_meaning else None
    if named is not None:
        return {named}
    if dimension == "product_class":
        return _named_items_class(slot, facts, ctx, text) or labels_sounded(text, labels)
    return None


def other_class_named(
    embed: Any, clause: str, slot_facts: list[PolicyFact], facts: PolicyFacts
) -> tuple[str, list[PolicyFact]] | None:
    """A product class of the shop (named in the scope of a slot of the same topic) that ``clause`` names, where every
    fact of the slot is stated for other classes: the class named and the slot's facts ("free delivery on all our
    furniture from $150" where the threshold holds only for small items)."""
    if not slot_facts or any(not f.scope.product_class for f in slot_facts):
        return None
    topic = slot_facts[0].slot.split(".", 1)[0]  # the classes of the same topic's slots (shipping: parcel classes)
    classes = list(
        dict.fromkeys(
            str(f.scope.product_class)
            for f in facts.facts
            if f.scope.product_class and f.slot.split(".", 1)[0] == topic and not f.needs_review
        )
    )
    own = {str(f.scope.product_class) for f in slot_facts}
    if not set(classes) - own:
        return None
    named = label_meant(embed, clause, classes)
    if named is None or named in own:
        return None
    return named, slot_facts


__all__ = [
    "label_meant",
    "label_parts",
    "labels_written",
    "other_class_named",
    "place_for_shop",
    "possible_facts",
    "regions_holding",
]
