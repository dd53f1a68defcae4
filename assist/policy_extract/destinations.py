"""Where the shop ships (``shipping.regions``): a sentence that lists the destinations ("We ship to A, B
and C", "発送できる国・地域：A、B"), or a sentence saying there are no others ("We do not deliver outside
these countries") after a shipping table whose rows name the destinations.

A layout is read as the list when it says it is one: the labelled items under a heading such as "Where we ship"
("Dove spediamo", "Lieferländer"), region headings ("UK delivery", "Delivery to the EU") of which one is the
rest of the world ("Worldwide delivery"), or, where neither a sentence nor such a layout gives the list, the
document's one delivery price list (a destination, a delivery time and a price per row: a shop prices every
place it ships to). A table of delivery times alone is not read as the full list: it need not name every place
the shop ships to, and a wrong "we do not ship there" is worse than no answer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from assist.policy_extract.rules import Candidate, has, heading_region
from assist.policy_extract.scope import region_label, region_names_in, regions_in
from assist.policy_extract.text import Unit
from assist.policy_extract.values import all_values

_SPLIT = re.compile(r"\s*(?:,|;|、|，|；)\s*|\s+(?:and|und|et|y|e|ou|or|oder|o)\s+|\s*(?:和|及|与)\s*", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|all|die|den|les|la|le|los|las|el|il|lo|i|gli|os|as|o|a)\s+", re.IGNORECASE)
_LEADING = re.compile(r"^(?:au|aux|en|in|to|nach|a|al|do|da|na|no|nos|nas|em|der|des|du|de)\s+", re.IGNORECASE)
_ADDRESS_WORD = re.compile(r"\s+(?:addresses|adressen|adresses|direcciones|indirizzi|endereços)$", re.IGNORECASE)


def _destinations(tail: str) -> list[str]:
    head = re.match(r"^[^:：]{0,12}[:：]", tail)  # "国・地域：A、B": the list starts after the colon
    tail = tail[head.end() :] if head else tail
    tail = re.split(r"[.。!！;；]|\s[—–-]\s|\(|（", tail.strip(" :："))[0]
    out = []
    for piece in _SPLIT.split(tail):
        piece = _ADDRESS_WORD.sub("", _ARTICLE.sub("", _LEADING.sub("", piece.strip(" .:："))))
        if 2 <= len(piece) <= 40:
            out.append(piece)
    return out


def listed(unit: Unit) -> list[Candidate]:
    """ "We ship to A, B and C." / "配送范围：A、B、C" (no durations or prices in it: then it is a shipping rule)."""
    from assist.policy_extract.cues import label_patterns

    m = label_patterns("frames")["ships_to"].search(unit.text)
    if m is None or all_values(unit.text) or unit.question:
        return []
    places = _destinations(unit.text[m.end() :])
    # Every destination must be a place: at least half of them known to the gazetteer, the rest short names.
    known = [p for p in places if regions_in(p)]
    if len(places) < 2 or len(known) * 2 < len(places):
        return []
    return [Candidate("shipping.regions", places, unit)]


def from_table(unit: Unit, rows: list[Unit]) -> list[Candidate]:
    """ "Outside these countries we do not deliver." after a table whose first column names destinations."""
    if not has("ships_nowhere_else", unit.text) or not rows:
        return []
    places = [r.cells[0] for r in rows if r.cells and regions_in(r.cells[0])]
    if len(places) < 2:
        return []
    return [Candidate("shipping.regions", places, unit)]


def _heading(unit: Unit) -> str:
    named = [part for part in unit.section.split(" > ") if re.search(r"\w", part)] if unit.section else []
    return named[-1] if named else ""


def _unique(places: list[str]) -> list[str]:
    return list(dict.fromkeys(p.strip(" *:：") for p in places if p.strip(" *:：")))


def from_layout(unit_list: list[Unit]) -> list[Candidate]:
    """The destinations a document's layout lists (see the module text); [] when it lists none."""
    from assist.policy_extract.cues import label_patterns

    where = label_patterns("frames")["where_we_ship"]
    out: list[Candidate] = []
    labelled = [u for u in unit_list if where.search(_heading(u)) and (u.label or u.kind == "item")]
    labels = [u.label or re.split(r"\s*[(:：]", u.text, maxsplit=1)[0] for u in labelled]
    places = _unique([label for label in labels if region_label(label)])
    if len(places) >= 2 and not out:
        out.append(Candidate("shipping.regions", places, labelled[0]))
    headed = [(u, heading_region(u)) for u in unit_list]
    headings = _unique([r for _, r in headed if r])
    named = _unique([p for h in headings for _, _, p in regions_in(h)])
    rest = [p for p in named if _rest_of_world(p)]
    if len(named) >= 2 and rest and not out:
        first = next(u for u, r in headed if r)
        out.append(Candidate("shipping.regions", named, first, sentence=first.raw))
    if not out:
        out.extend(_price_list(unit_list))
    return out


_PRICED = frozenset({"region", "transit_time", "cost"})  # a delivery price list: where, how long, at what price


def _price_list(unit_list: list[Unit]) -> list[Candidate]:
    """A delivery price list: a table whose columns the readers read as the destination, the delivery time and the
    price, one row per destination. A shop prices every place it ships to (a place it gives no price for, it cannot
    be charged for), so the rows' places are where it ships; a table of times alone is not such a list."""
    rows = [u for u in unit_list if u.kind == "row" and u.cells and _PRICED <= set(u.roles)]
    if len({tuple(u.header) for u in rows}) != 1:  # one price list in the document, else which is the full one
        return []
    column = rows[0].roles.index("region")
    places = _unique([p for u in rows if column < len(u.cells) for p in _cell_places(u.cells[column])])
    if len(places) < 2 or not any(regions_in(p) for p in places):
        return []
    return [Candidate("shipping.regions", places, rows[0], sentence=" | ".join(rows[0].header) or rows[0].raw)]


def _rest_of_world(place: str) -> bool:
    from assist.regions import region_countries

    return region_countries(place) is None


SHIPS_ONLY_FLOOR = (
    0.8  # the reader's probability that a sentence closes the destination list (TUNE, HELD-OUT: none above 0.73)
)
SHIPS_AFTER_TABLE = 0.6  # ... for a sentence naming no place right under a shipping table of destinations
EXAMPLES = re.compile(r"\s*[(（][^()（）]*[)）]")  # "(e.g. the UK, Norway)": examples of what is excluded
_LABEL_AT_START = re.compile(r"^([^:：。.!?]{2,40}?)\s*[:：]")


def closing(unit: Unit, earlier: list[Unit], reader: Any, table_rows: list[Unit] | None = None) -> list[Candidate]:
    """A sentence that closes the list of destinations: the places it names ("Deliveries outside A, B and C are
    not possible"), or, naming none, the destinations labelled before it ("A: carrier, 3 days." ... "We deliver
    nowhere but the places above"): this section's labels. Read by the rule frame or the learned reader.

    Places named where none of the labelled destinations is are the places *not* served ("We do not ship to A,
    B or outside Europe" under a table of other places): then the labels are the list, whatever the language."""
    if unit.question or all_values(unit.text):
        return []
    said = EXAMPLES.sub("", unit.text)  # an aside in brackets ("e.g. the UK") is not the rule
    floor = SHIPS_AFTER_TABLE if _closes_table(unit, earlier, table_rows or []) else SHIPS_ONLY_FLOOR
    if not has("ships_nowhere_else", unit.text) and (reader is None or reader.ships_only(said) < floor):
        return []
    named = _unique([p for found in _places(said) for p in _destinations(found)])
    labels = _labels_before(unit, earlier, table_rows or [])
    if len(named) >= 2 and (len(labels) < 2 or any(_same_place(p, label) for p in named for label in labels)):
        return [Candidate("shipping.regions", named, unit)]
    if len(named) == 1:  # "... and only within Mexico": the places labelled in its section that the gazetteer knows
        same_section = [u for u in earlier if u.section == unit.section]
        labels = _unique([p for u in same_section for p in _destinations(_destination_label(u) or "")])
    if len(labels) >= 2:
        return [Candidate("shipping.regions", labels, unit)]
    return []


def _closes_table(unit: Unit, earlier: list[Unit], table_rows: list[Unit]) -> bool:
    """Whether ``unit`` stands right under a shipping table of destinations, in its section, and names no place
    itself ("| Andorra | 3-5 days | ... |" then "We ship to no other countries."): where the list closes."""
    last = earlier[-1] if earlier else None
    rows = {id(r) for r in table_rows}
    return last is not None and id(last) in rows and last.section == unit.section and not regions_in(unit.text)


def _labels_before(unit: Unit, earlier: list[Unit], table_rows: list[Unit]) -> list[str]:
    """The destinations labelled before ``unit`` in its own section ("the places above"); a shipping table's place
    cells (``table_rows``) as :func:`_cell_places` reads them. (Another section's table is not taken: a sentence
    the reader reads as closing may be about something else, such as where an address may be changed to.)"""
    rows = {id(r) for r in table_rows if r.cells}
    same_section = [u for u in earlier if u.section == unit.section]
    labels = _unique(
        [
            p
            for u in same_section
            for p in (_cell_places(u.cells[0]) if id(u) in rows else _destinations(_destination_label(u) or ""))
        ]
    )
    return labels


_JOINT = re.compile(r"\s*(?:[,;/&、，；]\s*)?(?:\w{1,4}\s+)?")  # what joins two names in a list: ", ", " og ", " и "


def _cell_places(cell: str) -> list[str]:
    """The destinations a table's place cell names: "A, B and C" as three, an aside in brackets dropped
    ("Svalbard (postcodes ...)"); a dash joins a place to its part ("Island – coast" is one destination)."""
    cell = re.split(r"\s*[(（]", cell.strip(" *:："), maxsplit=1)[0]
    pieces = [piece for piece in (p.strip(" .:：") for p in _SPLIT.split(cell)) if 2 <= len(piece) <= 40]
    return [place for piece in pieces for place in _coordinated(piece)]


def _coordinated(piece: str) -> list[str]:
    """ "A og B" as two places when the gazetteer reads both and only a short joining word (any language's
    "and") stands between them; else the piece as it is ("Bosna i Hercegovina" is one country)."""
    found = region_names_in(piece)
    if len(found) < 2 or found[0][0] > 0 or found[-1][1] < len(piece.rstrip()):
        return [piece]
    gaps = [piece[end:start] for (_, end, _), (start, _, _) in zip(found, found[1:], strict=False)]
    if not all(_JOINT.fullmatch(gap) and gap.strip() for gap in gaps):
        return [piece]
    return [name for _, _, name in found]


def _same_place(a: str, b: str) -> bool:
    """Two names of one destination: one holds the other ("Norge" in "Sør-Norge"), or the gazetteer reads both
    as the same countries ("României", "România")."""
    from assist.regions import region_countries

    fa, fb = (re.sub(r"\W+", "", x.casefold()) for x in (a, b))
    if fa and fb and (fa in fb or fb in fa):
        return True
    ca, cb = region_countries(a), region_countries(b)
    return bool(ca) and ca == cb


def _destination_label(unit: Unit) -> str | None:
    """The place a row, item or sentence is labelled with ("Japan | 3-5 days", "- Hawaii:", "Japan: EMS, ...")."""
    if unit.kind == "row":
        label = unit.cells[0] if unit.cells else ""
    elif unit.label:
        label = unit.label
    else:
        m = _LABEL_AT_START.match(unit.text)
        label = m.group(1) if m else ""
    return label if label and region_label(label) else None


# Country and territory names as CLDR writes them (babel), for the places a closing sentence names in a language
# the gazetteer has no words for ("buiten Nederland en België"). Only here: a sentence that already closes the list.
_CLDR_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "cs", "ro", "hu", "tr", "id")


@lru_cache(maxsize=1)
def _territory_names() -> re.Pattern[str]:
    from babel import Locale

    names = {
        name
        for language in _CLDR_LANGUAGES
        for code, name in Locale(language).territories.items()
        if code.isalpha() and len(name) >= 4 and name[0].isupper()
    }
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _places(text: str) -> list[str]:
    """The places ``text`` names: the gazetteer's, then CLDR territory names it does not cover, in text order."""
    found = [(start, end, name) for start, end, name in region_names_in(text)]
    for m in _territory_names().finditer(text):
        if not any(start < m.end() and m.start() < end for start, end, _ in found):
            found.append((m.start(), m.end(), m.group(0)))
    return [name for _, _, name in sorted(found)]
