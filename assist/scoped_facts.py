"""Which of a slot's facts answer an ask, when the shop states the slot per region and per product class at once
("Western provinces: small items 4-8 days, furniture 10-20 days").

- The region: the most specific of the slot's regions that holds the buyer's place
  (:func:`assist.regions.match_region`).
- The product class: the class whose name, or the members the policy lists for it ("Furniture (sofas, tables,
  beds)", "Kleinteile: Lampen, Kissen"), shares a word with the order's items or the ask's own words.
- When several classes fit the region and nothing tells which one the buyer means, every class's fact is
  chosen, so the reply states each briefly ("2-4 days for small items, 5-10 for furniture") rather than a wrong
  one; an order whose items fall in several classes gets each of them too.
- When the place falls in a region only as its whole country ("rest of the country") and the shop names other
  regions whose extent its words do not tell ("extended zones"), their facts are chosen too (:func:`unread_regions`).
- A town the buyer names that only the shop's own member list names ("mountain villages (Bovec, Trenta)",
  a town too small for the gazetteer or in a script it lacks) chooses that region (:func:`member_region`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assist import places, region_lists, regions
from assist.models import Order
from assist.policy_facts import PolicyFact, PolicyFacts

MAX_LISTED = 8  # the most regions or product classes one answer lists, each with its own value
_WORD = re.compile(rf"(?:[^\W\d_]|[{places.MARKED_SCRIPTS}]){{3,}}")  # vowel signs inside a word
_MEMBERS = r"\s*[*_]*\s*(?:[(（]([^()（）]{3,200})[)）]|[:：]\s*([^.;:\n|]{3,200}))"


def _stems(text: str) -> set[str]:
    """Word stems of four letters ("sofas", "Sofa" -> "sofa"; "lampes" -> "lamp"); Han and kana runs whole."""
    plain = places.plain(text)
    out = {w[:4] for w in _WORD.findall(plain) if len(w) >= 4}
    out |= set(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{2,}", plain))
    return out


def class_members(name: str, facts: PolicyFacts) -> str:
    """The words the policy lists for a product class, after its name in any of the shop's sentences ("Meubles
    (sofas, fauteuils, tables)", "**Small items** (lamps, cushions, rugs)"), with the class name itself."""
    return _members(name.strip(), tuple(dict.fromkeys(f.sentence for f in facts.facts if f.sentence)))


@lru_cache(maxsize=512)
def _members(name: str, sentences: tuple[str, ...]) -> str:
    found = [name]
    pattern = re.compile(re.escape(name) + _MEMBERS, re.IGNORECASE)
    for sentence in sentences:
        for match in pattern.finditer(sentence):
            found.append(match.group(1) or match.group(2) or "")
    return " ".join(found)


def _shares_word(class_words: set[str], text: str, class_text: str = "") -> bool:
    words = _stems(text)
    if class_words & words:
        return True
    if class_text and _compound_head(class_text, text):
        return True
    # a Hangul noun with its particle ("랜턴이", "배터리가"): the class word begins the text's word
    if any(_HANGUL.fullmatch(c) and w.startswith(c) for c in class_words if len(c) >= 2 for w in words):
        return True
    # a compound that ends in a class word ("Dreisitzer-Sofa", "Stehlampe"): the class word's stem inside it
    return any(len(c) >= 4 and c.isascii() and c in w for c in class_words for w in places.plain(text).split())


_HANGUL = re.compile(r"[\uac00-\ud7af]+")
_LATIN_WORD = re.compile(r"[^\W\d_]{6,}")


def _compound_head(class_text: str, text: str) -> bool:
    """Whether a word of ``text``, less up to three final letters (an inflection: "batteriet", "batteries"), is the
    head of a compound word of the class ("bilbatterier": car batteries): it stands in it after three letters or
    more, at most three letters from its end. Cores of six letters or more."""
    class_words = _LATIN_WORD.findall(places.plain(class_text))
    for word in set(_LATIN_WORD.findall(places.plain(text))):
        for cut in range(0, 4):
            core = word[: len(word) - cut]
            if len(core) < 6:
                break
            for long in class_words:
                at = long.find(core, 3)
                if at >= 3 and len(long) - at - len(core) <= 3:
                    return True
    return False


def classes_named_apart(
    slot_facts: list[PolicyFact], facts: PolicyFacts, text: str, item_names: list[str]
) -> list[str]:
    """The product classes the ask's own words name beyond the order's items: the part or component the buyer
    says failed ("the battery of my phone", "텐트 폴대" of a tent), whose class may differ from the item's own.
    Words the item names share are left out first (the item names its own class already), and so is a word that
    names several classes at once, one of them the item's ("the heater" beside wood and electric heaters, of an
    order holding a wood heater): the order's item tells which one it means."""
    if not text or not any(f.scope.product_class for f in slot_facts):
        return []
    item_words = _stems(" ".join(item_names))
    own = set(classes_meant(slot_facts, facts, item_names)) if item_names else set()

    def of_item(word: str) -> bool:
        stems = _stems(word)
        if stems & item_words:
            return True
        if any(len(w) >= 2 and (w in i or i in w) for w in stems if _HANGUL.fullmatch(w) for i in item_words):
            return True
        meant = classes_meant(slot_facts, facts, [word]) if own else []
        return len(meant) > 1 and bool(own & set(meant))

    kept = " ".join(w for w in places.plain(text).split() if not of_item(w))
    return classes_meant(slot_facts, facts, [kept]) if kept.strip() else []


def classes_meant(slot_facts: list[PolicyFact], facts: PolicyFacts, texts: list[str]) -> list[str]:
    """The product classes of ``slot_facts`` that ``texts`` (item names, or the ask's words) name."""
    classes = list(dict.fromkeys(f.scope.product_class for f in slot_facts if f.scope.product_class))
    members = {c: class_members(c, facts) for c in classes}
    words = {c: _stems(members[c]) for c in classes}
    return [c for c in classes if any(_shares_word(words[c], t, members[c]) for t in texts if t)]


def choose(
    slot: str,
    facts: PolicyFacts,
    place: str | None,
    home: str | None,
    *,
    order: Order | None = None,
    skus: list[str] | None = None,
    text: str = "",
    payment_method: str | None = None,
    hint: str | None = None,
    every_class: bool = True,
    apart: list[str] | None = None,
) -> list[PolicyFact]:
    """The facts of ``slot`` that answer for ``place`` and the items meant: one fact, or one per product class
    when the class stays open (see the module doc); empty when the slot is stated only for other regions or the
    place is unknown and the slot is stated only per region. ``hint``: a class another reader found for the
    order's items (:func:`assist.answers.product_class`), used when the words here name none. ``every_class``
    False: at most one fact, and none when no class is named (for slots a reply cannot state per class).
    ``apart``: the classes the ask's words name beyond the items (:func:`classes_named_apart`); they come first,
    each stated when there are several."""
    candidates = facts.all(slot)
    country = regions.country_of(place) if place else None
    town = order_town(order, country)
    if not any(f.scope.product_class for f in candidates):
        fact = _regional(slot, facts, candidates, place, home, payment_method, town, text)
        if fact is None:
            return home_regions(place, candidates, home)[:MAX_LISTED] if every_class else []
        unread = unread_regions(place, fact, candidates, home) if every_class else []
        return [fact, *unread][:MAX_LISTED]
    scoped = [f for f in candidates if f.scope.region]
    if scoped:
        region = _region_of(place, town, text, scoped, home)
        if region is None:
            general = [f for f in candidates if not f.scope.region]
            if not general and every_class:  # no region holds the place: the unread ones of its country may
                return home_regions(place, [f for f in candidates if not f.scope.product_class], home)[:MAX_LISTED]
            candidates = general
        else:
            key = regions.region_key(region)
            candidates = [f for f in candidates if f.scope.region and regions.region_key(f.scope.region) == key]
    if not candidates:
        return []
    items = [i for i in order.items if not skus or i.sku in skus] if order else []
    named = [c for c in apart or [] if any(f.scope.product_class == c for f in candidates)]
    if named:  # the ask names a part beyond the items ("the battery"): each class it names
        every_class = every_class or len(named) > 1
    named = named or classes_meant(candidates, facts, [i.name for i in items] or [text])
    classed = [f for f in candidates if f.scope.product_class]
    if not named and hint and any(f.scope.product_class == hint for f in candidates):
        named = [hint]
    if not named and items:  # the order's items name no class: the ask's words may
        named = classes_meant(candidates, facts, [text])
    chosen = [f for f in classed if f.scope.product_class in named] if named else classed
    chosen.sort(key=lambda f: named.index(f.scope.product_class) if f.scope.product_class in named else 0)
    general = [f for f in candidates if not f.scope.product_class]
    if not named and (general or not every_class):
        return general[:1]
    out: list[PolicyFact] = []
    for fact in chosen:  # one per class (a policy in two languages states each class twice)
        if all(_class_key(fact) != _class_key(o) for o in out):
            out.append(fact)
    return out[: MAX_LISTED if every_class else 1]


def payment_named(text: str, facts: PolicyFacts) -> str | None:
    """The payment-method scope of the shop's facts that the buyer's words write out ("betalade med Swish",
    "paguei com Mercado Pago", "cez BLIK"): the scope's name, less any bracketed gloss, as whole words (case and
    accents folded); the longest such name when several fit; None when the text names none."""
    if not text:
        return None
    named: list[str] = []
    for scope in dict.fromkeys(f.scope.payment_method for f in facts.facts if f.scope.payment_method):
        name = re.sub(r"\s*[(（\[].*?[)）\]]", "", scope or "").strip()
        if writes_name(text, name) or _brand_named(text, name):
            named.append(scope or "")
    return max(named, key=len) if named else None


def _brand_named(text: str, name: str) -> bool:
    """Whether the buyer writes the brand a payment method's name holds, as another form of the word: a word
    written with a capital inside a sentence of the buyer ("paid with Inbank hire purchase") that is the name's
    capitalised word less or plus a case ending of up to two letters ("Inbanki järelmaks")."""
    brands = [places.plain(w) for w in re.findall(r"(?<![^\W\d_])[A-Z][^\W\d_]{3,}", name)]
    if not brands:
        return False
    # a capital after a letter, a comma or a space inside a sentence: a name, not the sentence's first word
    written = {places.plain(m) for m in re.findall(r"(?<=[^\W\d_,] )[A-Z][^\W\d_]{3,}|(?<=, )[A-Z][^\W\d_]{3,}", text)}
    for brand in brands:
        for word in written:
            short, long = sorted((brand, word), key=len)
            if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 2:
                return True
    return False


def writes_name(text: str, name: str, *, capitals: bool = False) -> bool:
    """Whether ``text`` writes ``name`` (a payment method, a brand) as whole words of 3 letters or more, case and
    accents folded ("momo" ~ "MoMo"); with ``capitals``, a name in capitals only in capitals ("DANA", never "dana",
    Indonesian for funds)."""
    folded = places.plain(name).strip()
    if len(folded) < 3:
        return False
    exact = capitals and name.isupper()
    pattern = rf"(?<![^\W_]){re.escape(name if exact else folded)}(?![^\W_])"
    return re.search(pattern, text if exact else places.plain(text)) is not None


def region_for(place: str, facts: list[PolicyFact], home: str | None) -> str | None:
    """The region (as ``facts`` name it) that holds ``place``: the most specific, each region read with the member
    list its source sentence gives (:func:`assist.region_lists.spelled_out`); None when none does."""
    names: dict[str, str] = {}
    for fact in facts:
        if fact.scope.region:
            names.setdefault(region_lists.spelled_out(fact.scope.region, fact.sentence), fact.scope.region)
    found = regions.match_region(place, list(names), home)
    return names[found] if found else None


def order_town(order: Order | None, country: str | None) -> str | None:
    """The town of the order's shipping address, where the order goes to that address's country."""
    if order is None or not order.shipping_city:
        return None
    return order.shipping_city if order.shipping_country in (None, country) else None


def town_region(town: str | None, facts: list[PolicyFact], country: str | None = None) -> str | None:
    """The one region of ``facts`` whose name writes the order's town as a word of its own ("Islands (Ibiza,
    Formentera)" for an address in Ibiza), by any name GeoNames gives the town in ``country`` ("Tiberias" in a region
    written in Hebrew): a town too small for the gazetteer's regions, named by the shop itself."""
    from assist.cities import town_names

    if len((town or "").strip()) < 3:
        return None
    names = town_names(town or "", country) if country else frozenset({places.fold(town or "")})
    named: set[str] = set()
    for fact in facts:
        region = places.fold(fact.scope.region or "")
        if region and any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", region) for n in names if n in region):
            named.add(str(fact.scope.region))
    return next(iter(named)) if len(named) == 1 else None


def unread_regions(
    place: str | None, fact: PolicyFact, candidates: list[PolicyFact], home: str | None
) -> list[PolicyFact]:
    """The slot's facts for regions of the place's country whose extent the policy's words do not tell ("Zone 2",
    "extended areas" defined elsewhere), when ``fact``'s region holds the place only as its whole country ("rest
    of the country"): the place may lie in one of them, so the reply states them too rather than one wrong time."""
    if not place or not fact.scope.region:
        return []
    country = regions.country_of(place)
    if home is None or country != home:
        # The shop's unread regions lie in its own country, not abroad; a shop whose country is not known (a
        # currency many countries use) gets none: a whole foreign country it ships to is no "rest of the country".
        return []
    spelled = region_lists.spelled_out(fact.scope.region, fact.sentence)
    if regions.contained_as(place, spelled, home) != country:
        return []  # the place lies in the region by its subdivision or area: decided
    return _regions_unread(candidates, home, country, beside=fact)


def _regions_unread(
    candidates: list[PolicyFact], home: str, country: str | None, beside: PolicyFact | None = None
) -> list[PolicyFact]:
    """The facts of ``candidates`` whose region the code cannot read (nothing says the place is outside it), one per
    value; none of ``beside``'s region or value."""
    out: list[PolicyFact] = []
    for other in candidates:
        name = other.scope.region
        if not name:
            continue
        if beside is not None and (name == beside.scope.region or _class_key(other) == _class_key(beside)):
            continue
        spelled = region_lists.spelled_out(name, other.sentence)
        covered = regions.region_countries(spelled, home, country)
        unread = covered is not None and (not covered or partly_read(spelled, home, country))
        if unread and all(_class_key(other) != _class_key(o) for o in out):
            out.append(other)
    return out


@lru_cache(maxsize=1)
def _conjunctions() -> frozenset[str]:
    """The word each language joins the last two items of a list with (CLDR's list patterns: "и", "da", "اور",
    "iyo"), casefolded."""
    from babel import Locale, localedata

    words: set[str] = set()
    for name in localedata.locale_identifiers():
        try:
            pattern = Locale.parse(name).list_patterns["standard"]["end"]
        except (KeyError, ValueError):
            continue
        joint = pattern.replace("{0}", "").replace("{1}", "").strip(" ,،、，")
        if joint and all(ch.isalpha() for ch in joint):
            words.add(joint.casefold())
    return frozenset(words)


def partly_read(region: str, home: str | None, country: str | None) -> bool:
    """Whether ``region`` joins places the code reads with a part it does not read ("Скопје и поголеми градови",
    Skopje and the larger towns; "Kudu da Abuja", the south and Abuja): the region holds more than the places read,
    so a place outside them may lie in it."""
    if region_lists.listed_members(region, country) is not None:
        return False  # a member list ("Zona 2: Galicia, Asturias") names its members
    words = [w for w in re.split(r"[\s,،、，;&+/]+", region) if w]
    joined: list[list[str]] = [[]]
    for word in words:  # the words between conjunctions, as parts
        if word.casefold() in _conjunctions():
            joined.append([])
        else:
            joined[-1].append(word)
    pieces = [" ".join(p) for p in joined if p]
    if len(pieces) < 2:
        return False
    readings = [regions.region_countries(piece, home, country) for piece in pieces]
    return any(readings) and any(not r for r in readings)


def home_regions(place: str | None, candidates: list[PolicyFact], home: str | None) -> list[PolicyFact]:
    """The slot's facts for regions of the shop's own country whose extent the words do not tell ("Almaty city",
    "regional centres", "villages"), when the place lies in that country and no region holds it (a village the
    gazetteer does not know, or the whole country): the place lies in one of them, so the reply states each."""
    if not place or home is None or regions.country_of(place) != home:
        return []
    return _regions_unread(candidates, home, home)


def _class_key(fact: PolicyFact) -> tuple[object, ...]:
    return (fact.value, fact.max_value, fact.unit)


def _regional(
    slot: str,
    facts: PolicyFacts,
    candidates: list[PolicyFact],
    place: str | None,
    home: str | None,
    payment_method: str | None,
    town: str | None = None,
    text: str = "",
) -> PolicyFact | None:
    """The fact for the region that names the order's ``town`` or holds ``place`` (the most specific) or lists a
    town ``text`` names, else the general one."""
    scoped = [f for f in candidates if f.scope.region]
    if scoped:
        region = _region_of(place, town, text, scoped, home)
        if region is not None:
            return next(f for f in scoped if f.scope.region == region)
    return facts.get(slot, payment_method=payment_method)


def _region_of(
    place: str | None, town: str | None, text: str, scoped: list[PolicyFact], home: str | None
) -> str | None:
    """The region of ``scoped`` for the order's town, else the buyer's place, else a town of a region's own member
    list that the buyer's words name: that town wins over a region holding the place only as its whole country."""
    country = regions.country_of(place) if place else None
    found = town_region(town, scoped, country)
    if found is not None:
        return found
    by_place = region_for(place, scoped, home) if place else None
    if by_place is not None and place and regions.contained_as(place, by_place, home) != country:
        return by_place  # the region holds the place by its subdivision or area: decided
    return subdivision_town_region(place, scoped) or member_region(text, scoped) or by_place


def subdivision_town_region(place: str | None, scoped: list[PolicyFact]) -> str | None:
    """The one region of ``scoped`` whose name writes the town the place's subdivision is named for ("Wien und
    Umgebung" for a buyer in Wien, AT-9), by any name GeoNames gives that town: it wins over a region that holds
    the place only as its whole country ("Österreich", "the rest of Austria")."""
    if not place or regions.country_of(place) == place:
        return None
    name = places.place_name(place, "en")
    return town_region(name, scoped, regions.country_of(place)) if name else None


_MEMBER_WORD = re.compile(rf"(?:[^\W\d_]|[{places.MARKED_SCRIPTS}]){{5,}}")
_VOWEL_END = re.compile(r"[aeiouyаеиоуыэюяіїєαεηιουωაეიოუ]$", re.IGNORECASE)


def _member_stems(region: str) -> set[str]:
    """The stems of the places a region's name lists ("Gorske vasi (Bovec, Trenta)", "Sylt, Föhr und Amrum"): each
    listed word of 5 letters or more less a final vowel, so a declined form reads too ("v Trenti", "w Krakowie")."""
    inner = re.findall(r"[(（]([^()（）]+)[)）]", region)
    listed = inner or ([region] if re.search(r"[,、;]", region) else [])
    return {_VOWEL_END.sub("", w.casefold()) for part in listed for w in _MEMBER_WORD.findall(part)}


def member_region(text: str, facts: list[PolicyFact]) -> str | None:
    """The one region of ``facts`` whose member list names a town the buyer's ``text`` names, as written or declined
    by a short case ending (a word that begins with the member's stem, at most 4 letters more); None when no region
    or several do."""
    if not text:
        return None
    stems: dict[str, set[str]] = {}
    for fact in facts:
        if fact.scope.region:  # the list its name has, or the one its source sentence gives after it
            for stem in _member_stems(region_lists.spelled_out(fact.scope.region, fact.sentence)):
                stems.setdefault(stem, set()).add(fact.scope.region)
    words = [w.casefold() for w in re.findall(rf"(?:[^\W\d_]|[{places.MARKED_SCRIPTS}]){{4,}}", text)]
    named: set[str] = set()
    for stem, names in stems.items():
        if len(names) == 1 and len(stem) >= 4 and any(w.startswith(stem) and len(w) - len(stem) <= 4 for w in words):
            named |= names
    return next(iter(named)) if len(named) == 1 else None


def served(
    place: str, shipping_regions: list[PolicyFact], home: str | None, regional: Sequence[PolicyFact] = ()
) -> bool | None:
    """Whether the shop's ``shipping.regions`` facts ship to ``place``: True when one covers it, False when every
    listed name is read and none does, None when a name cannot be read (it might) or one is "everywhere else". A name
    not read, listed beside a province or town of the shop's ``home`` country, is read as one more part of it.

    A list scoped to a region ("in the EU we ship to France, Germany and Belgium only") speaks for places in that
    region alone: a place outside it, or one the scope cannot be read for, is not refused by it. ``regional``: the
    shop's other facts scoped to a region (delivery times, costs, customs); a place one of them covers is served,
    unless their region is the scope of a list (the list decides there)."""
    codes = set(places.place_codes(place))
    country = regions.country_of(place)
    scopes = {f.scope.region for f in shipping_regions if f.scope.region}
    for fact in regional:
        if fact.scope.region in scopes:
            continue
        covered = regions.region_countries(fact.scope.region or "", home, country) if fact.scope.region else set()
        if covered and codes & covered:
            return True
    shipping_regions = [f for f in shipping_regions if _speaks_for(f, codes, home, country)]
    unknown = domestic = False
    for fact in shipping_regions:
        for value in fact.value if isinstance(fact.value, list) else [fact.value]:
            covered = regions.region_countries(str(value), home, country)
            if covered is None:
                return None
            if codes & covered:
                return True
            unknown = unknown or not covered
            domestic = domestic or bool(home and any(c.startswith(f"{home}-") for c in covered))
    if unknown and domestic and country and country != home:
        # names not read beside a province or town of the shop's own country ("Gauteng", then "main centres",
        # "other provinces") are more of its parts: none holds a place abroad (beside the whole country, "Zona B"
        # may be a zone abroad)
        unknown = False
    return None if unknown or not shipping_regions else False


def _speaks_for(listed: PolicyFact, codes: set[str], home: str | None, country: str) -> bool:
    """Whether a ``shipping.regions`` list speaks for a place: an unscoped one always, one scoped to a region only
    for the places the region's name is read to hold."""
    if not listed.scope.region:
        return True
    covered = regions.region_countries(listed.scope.region, home, country)
    return covered is not None and bool(codes & covered)
