"""The article English writes before some place names ("Shipping to the United Kingdom", "the Netherlands", "the EU"),
read from the names themselves rather than listed per shop:

- a name whose head is a common noun takes "the": a kingdom, republic, union, federation, states, emirates, islands
  or territories (CLDR's "United Kingdom", "Dominican Republic", "Cook Islands", "European Union");
- a plural name that pycountry's ISO 3166 official name writes after "the" ("Kingdom of the Netherlands",
  "Republic of the Philippines", "Commonwealth of the Bahamas");
- a capital-letter abbreviation of such a name ("UK", "US", "EU", "UAE").

A name already after "the" (the shop's own words: "the UK") is left as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

_COMMON_HEAD = re.compile(
    r"\b(?:kingdom|republic|union|federation|states|emirates|islands|isles|territories|territory|commonwealth)\b",
    re.IGNORECASE,
)


def takes_the(name: str) -> bool:
    """Whether English writes "the" before the place name ``name`` (an English CLDR name, an alias, or an
    abbreviation of one)."""
    return _key(name) in _names_with_the()


def with_article(text: str) -> str:
    """``text`` (a place name or a list of them, in English) with "the" before each name that takes it and has none:
    "United Kingdom" -> "the United Kingdom", "Germany and Netherlands" -> "Germany and the Netherlands"."""
    pattern = _pattern()
    if pattern is None or not text:
        return text
    return pattern.sub(lambda m: f"the {m.group(0)}", text)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip()).casefold()


@lru_cache(maxsize=1)
def _names_with_the() -> frozenset[str]:
    import pycountry
    from babel import Locale

    from assist.country_names import gazetteer

    english = {code: name for code, name in Locale("en").territories.items() if len(code) == 2 and code.isalpha()}
    official = {str(c.alpha_2): getattr(c, "official_name", "") or "" for c in pycountry.countries}
    out: set[str] = set()
    takes: set[str] = set()
    for code, name in english.items():
        plural_after_the = name.endswith("s") and f"the {name}".casefold() in official.get(code, "").casefold()
        if _COMMON_HEAD.search(name) or plural_after_the:
            out.add(_key(name))
            takes.add(code)
    for name, english_name in gazetteer()["group_names"].items():  # "EU": the European Union
        if name.isupper() and len(name) <= 4 and isinstance(english_name, dict) and english_name.get("en") == name:
            out.add(_key(name))
    for alias, code in gazetteer()["aliases"].items():
        # "UK", "U.K.", "USA": abbreviations of a name that takes "the"; "Great Britain" takes none
        if code in takes and re.fullmatch(r"[A-Z.]{2,5}", alias):
            out.add(_key(alias))
    return frozenset(out)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str] | None:
    names = sorted(_names_with_the(), key=len, reverse=True)
    if not names:
        return None
    # an abbreviation only in capitals ("EU", never the letters inside a word), a name in any case
    short = [n.upper() for n in names if re.fullmatch(r"[a-z.]{2,5}", n)]
    full = [n for n in names if not re.fullmatch(r"[a-z.]{2,5}", n)]
    alternatives = "|".join([*(f"(?i:{re.escape(n)})" for n in full), *(re.escape(n) for n in short)])
    # the name as a whole word, with no "the" (any case) before it; a gloss in brackets ("Europe (EU)") keeps none
    return re.compile(rf"(?<![\w.(（])(?<![Tt]he )(?<!THE )(?:{alternatives})(?![\w])")
