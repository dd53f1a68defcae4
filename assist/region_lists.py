"""Region groups a policy defines by listing their members: "Western provinces (MB, SK, AB, BC)", "Provinces de
l'Atlantique (N.-B., N.-É., Î.-P.-É., T.-N.-L.)", "Zona 2: Galicia, Asturias y Cantabria", "東日本（青森・岩手・宮城）".

A group's own name may be a word the code has never seen ("Atlantic", "Prairies", "Levante"); its list names the
members, by full name in any language pycountry and babel know, by ISO 3166-2 code ("NSW", "QLD"), or by a written
abbreviation, read by its shape and never from a table of abbreviations:

- a cut word with a dot: a prefix of the name ("Sask." -> Saskatchewan, "Alb." -> Alberta);
- dotted or hyphenated initials: one per word of the name, leaving out "and", "of", "du", "y" ... ("C.-B." ->
  Colombie-Britannique, "T.N.-O." -> Territoires du Nord-Ouest, "PEI" -> Prince Edward Island);
- a contraction: the first and last letters of the name, the others in order ("Yn" -> Yukon, "Nt" -> Nunavut).

An abbreviation that fits several subdivisions is settled once the list's other members have taken theirs. A member
that is only a part of a subdivision ("Nord-du-Québec", "Northern Ontario", "Labrador" of Newfoundland and
Labrador) is read as a part: the group does not cover the whole subdivision (a buyer in Montréal is not in a
"territories and remote communities" group because Nord-du-Québec is in it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assist import places

# the words a multi-word subdivision name is abbreviated without (its initials skip them)
_LINKS = frozenset("and of the et du de des la le les d l y e i und del della di da do dos das van von och og".split())
# "including" ("(including Sikkim)", "(inkl. Tirol)", "(उत्तराखंड सहित)"): the member is the whole place it names
_LINKS |= frozenset(
    "including incl inkl inklusive einschliesslich compris incluido incluida incluidos incluidas incluyendo incluso "
    "compreso compresa compresi incluindo inclusive सहित समेत".split()
)
_LIST = re.compile(r"[(（\[]([^()（）\[\]]+)[)）\]]|[:：]\s*(.+)$")
_SPLIT = re.compile(r"\s*(?:[,;、・/／，；]|\s(?:and|et|y|e|i|und|en|och|og|und)\s|&)\s*")


@dataclass(frozen=True)
class Members:
    """What a region's member list names: whole subdivisions, and subdivisions it names only a part of."""

    whole: frozenset[str]
    parts: frozenset[str]
    outside: str  # the region name without its list ("Provinces de l'Ouest")


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-'’.]+", places.plain(name)) if w and w not in _LINKS]


def _names(country: str) -> dict[str, list[list[str]]]:
    """Subdivision code -> its names as word lists (every language the index reads, code suffixes left out)."""
    out: dict[str, list[list[str]]] = {}
    for name, code in places.subdivision_index(country).items():
        if name == code.split("-", 1)[1].casefold() or places.CJK.search(name):
            continue
        words = _words(name)
        if words:
            out.setdefault(code, []).append(words)
    return out


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(c in letters for c in short)


def _abbreviates(member: str, words: list[str]) -> bool:
    """Whether ``member`` (as written) abbreviates the name ``words`` (see the module doc)."""
    segments = [s for s in re.split(r"[.\-\s]+", places.plain(member)) if s]
    if not segments or not all(s.isalpha() for s in segments):
        return False
    if len(segments) >= 2:
        return len(segments) == len(words) and all(w.startswith(s) for s, w in zip(segments, words, strict=True))
    (seg,) = segments
    joined = "".join(words)
    if member.strip().isupper() and len(seg) == len(words) >= 2:
        return all(w.startswith(c) for c, w in zip(seg, words, strict=True))  # "PEI"
    if len(seg) < 2 or len(seg) >= len(joined):
        return False
    if member.strip().endswith(".") and len(seg) >= 3:  # "Sask.", else a dotted contraction: "Dgo.", "Nds."
        return joined.startswith(seg) or (seg[0] == joined[0] and _is_subsequence(seg[1:], joined[1:]))
    return seg[0] == joined[0] and seg[-1] == joined[-1] and _is_subsequence(seg[1:-1], joined[1:-1])


def _member(member: str, country: str) -> tuple[set[str], str | None]:
    """The subdivisions a list member may name (several for an ambiguous abbreviation), and the one it names
    only a part of ("Nord-du-Québec" -> CA-QC), if any."""
    written = member.strip()
    suffixes = {code.split("-", 1)[1]: code for code in _names(country)}
    if written.isupper() and written.replace(".", "") in suffixes:  # an ISO 3166-2 code: "NSW", "BC"
        return {suffixes[written.replace(".", "")]}, None
    exact = places.subdivision_named(country, written)
    as_code = places.plain(written) in {s.casefold() for s in suffixes}  # "Nt" is not "NT": read it by its shape
    if exact is not None and not as_code and places.plain(written) in places.subdivision_index(country):
        return {exact}, None
    words = _words(written)
    found = {code for code, names in _names(country).items() if words in names}  # "Araucanía" ~ "La Araucanía"
    found = found or {code for code, names in _names(country).items() if any(_abbreviates(written, n) for n in names)}
    if len(found) > 1 and written.endswith("."):  # a cut word ("Mont.") before a contraction that fits too
        cut = places.plain(written).rstrip(".")
        prefixed = {c for c in found if any("".join(n).startswith(cut) for n in _names(country)[c])}
        found = prefixed or found
    if found:
        return found, None
    for code, names in _names(country).items():  # a part: a name inside the member, or the member inside a name
        for name in names:
            if len(name) <= len(words) and _contains(words, name) and len(words) > len(name):
                return set(), code
            if len(words) < len(name) and _contains(name, words) and len("".join(words)) >= 4:
                return set(), code
    return set(), None


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


@lru_cache(maxsize=1024)
def listed_members(region: str, country: str | None) -> Members | None:
    """The subdivisions of ``country`` that ``region``'s member list names (after a bracket or a colon); None
    when the name has no list, or when fewer than two of its members (or not all of a shorter list) are
    subdivisions of ``country`` and none is a part of one: such a list names something else (cities, countries)."""
    if not country:
        return None
    match = _LIST.search(region)
    if match is None:
        return None
    listed = match.group(1) or match.group(2) or ""
    members = [m for m in _SPLIT.split(listed) if m.strip()]
    if not members:
        return None
    readings = [_member(m, country) for m in members]
    named = [found for found, _ in readings if found]
    parted = [code for _, code in readings if code]
    if not parted and len(named) < min(2, len(members)):
        return None
    whole: set[str] = set()
    pending = [set(found) for found in named]
    for _ in range(len(pending)):  # an ambiguous abbreviation takes what the list's other members leave
        for found in pending:
            if len(found) == 1:
                whole |= found
        pending = [found - whole if len(found) > 1 else found for found in pending]
    whole |= {next(iter(f)) for f in pending if len(f) == 1}
    parts = frozenset(code for _, code in readings if code) - whole
    outside = (region[: match.start()] + " " + region[match.end() :]).strip()
    return Members(frozenset(whole), parts, outside)


# the word a list of postcode areas opens with ("postcodes IV, HS", "PLZ 25980, 25992", "우편번호 63000")
_POSTCODE_WORDS = re.compile(
    r"\b(?:post\s?codes?|postal\s+codes?|zip(?:\s?codes?)?|c[oó]digos?\s+postal(?:es)?|codes?\s+postaux"
    r"|cap|plz|postleitzahl(?:en)?|postcodes?|kody?\s+pocztowe|code\s+postal|postnumm?er|postinumero[ta]?|psč"
    r"|irányítószám(?:ok)?|pašto\s+kod(?:as|ai)|cod(?:uri)?\s+poștal[e]?|posta\s+kodu)\b|우편번호|郵便番号|邮编|郵遞區號",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"[A-Z]{1,2}\d{0,2}[A-Z]?|\d{2,6}")


def _spans(token: str) -> list[str]:
    """A postcode list item as the prefixes it stands for: a numeric range of equal length ("83–98") is each of its
    prefixes; any other item is its first postcode ("PH17–PH44" -> PH17)."""
    parts = [p for p in re.split(r"\s*[–—-]\s*", token) if p]
    if len(parts) == 2 and all(p.isdigit() for p in parts) and len(parts[0]) == len(parts[1]):
        low, high = int(parts[0]), int(parts[1])
        if 0 < high - low <= 100:
            return [str(n).zfill(len(parts[0])) for n in range(low, high + 1)]
    return parts[:1]


def postcode_members(region: str, country: str | None) -> Members | None:
    """The places a region's list of postcode areas names ("Scottish Highlands & Islands (postcodes IV, HS, KW,
    PH17–PH44)": the flagged areas or subdivisions those postcodes start in, by the postcode prefixes of
    ``resources/places.yaml``); None when the name has no such list (a postcode word, or postcodes with digits)."""
    from assist.addresses import postcode_place

    match = _LIST.search(region) if country else None
    if match is None or country is None:
        return None
    listed = match.group(1) or match.group(2) or ""
    worded = bool(_POSTCODE_WORDS.search(listed))
    tokens = [t for m in _SPLIT.split(listed) for t in _spans(_POSTCODE_WORDS.sub(" ", m).strip())]
    if not tokens or not all(_POSTCODE.fullmatch(t) for t in tokens):
        return None
    if not worded and not all(re.search(r"\d", t) for t in tokens):
        return None  # "(NSW, QLD)" names subdivisions
    whole: set[str] = set()
    for token in tokens:
        place = postcode_place(country, token)
        if place is None:
            continue
        flags = places.locality_flags(place)
        whole |= {f"{country}:{flag}" for flag in flags} if flags else {place.split("/", 1)[0]}
    outside = (region[: match.start()] + " " + region[match.end() :]).strip()
    return Members(frozenset(whole), frozenset(), outside)


def spelled_out(region: str, sentence: str | None) -> str:
    """The region's name with the member list its source sentence gives after it ("Provinces de l'Ouest" in
    "| Provinces de l'Ouest (Man., Sask., Alb., C.-B.) | 4 à 8 jours |" -> "Provinces de l'Ouest (Man., Sask.,
    Alb., C.-B.)"); the name as it is when it has a list already or the sentence gives none."""
    if not sentence or _LIST.search(region):
        return region
    match = re.search(re.escape(region) + r"\s*([(（][^()（）]{2,200}[)）])", sentence)
    return f"{region} {match.group(1)}" if match else region
