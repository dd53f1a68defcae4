"""The language a policy document's numbers and unit words are read in where the language detector is unsure of it.

fastText's lid.176 knows 176 languages; a document in one it does not know reads as a neighbour at 0.2 or so (a
West African language as Italian or English), and a wrong guess leaves its unit words unread ("watanni 6": CLDR's
months, written before the number). Where the detector reads the document below :data:`assist.language.SURE`, the
candidates are the languages it reads next and those of the countries the shop's currencies place it in (CLDR's
territory languages, spoken by :data:`MIN_SHARE` per cent or more): the one whose CLDR unit words stand beside the
document's numbers most often, and :data:`MIN_MORE` times more often than those of the detector's guess, is the
document's language. Where none does, the guess stands.
"""

from __future__ import annotations

from functools import lru_cache

MIN_SHARE = 5.0  # per cent of a country's people who speak a language
MIN_MORE = 2  # unit words read beyond the detector's guess


def fitting_language(document: str, guess: str, confidence: float, declared: str | None = None) -> str:
    """The language ``document``'s unit words are read in: ``guess`` (the detector's, at ``confidence``) where the
    detector is sure or no candidate reads :data:`MIN_MORE` more of them. ``declared``: the one language the shop's
    other documents declare (an HTML page's ``lang``), taken over an unsure guess where its unit words read no fewer
    of the document's numbers (a Markdown page and an HTML page of one shop are written in one language)."""
    from assist.language import SURE, UNDETERMINED, offline_detector, strip_noise
    from assist.policy_extract.world_money import current_currencies
    from assist.world_places import shop_world

    if confidence >= SURE or guess == UNDETERMINED or not strip_noise(document):
        return guess
    candidates = list(offline_detector().scores(strip_noise(document)))
    for country in sorted(shop_world(current_currencies())):
        candidates += _country_languages(country)
    best, best_read = guess, _units_read(document, guess)
    if declared and declared != guess and (read := _units_read(document, declared)) >= best_read:
        best, best_read = declared, read
    floor = best_read + MIN_MORE
    for language in dict.fromkeys(candidates):
        read = _units_read(document, language)
        if read >= floor and read > best_read:
            best, best_read = language, read
    return best


def _units_read(document: str, language: str) -> int:
    """How many durations CLDR's unit words of ``language`` read in ``document`` (0 for a language CLDR writes no unit
    names in)."""
    from assist.policy_extract.unit_words import cldr_durations, cldr_unit_forms

    if not language or not cldr_unit_forms(language):
        return 0
    return len(cldr_durations(document, language, wide=True))


@lru_cache(maxsize=256)
def _country_languages(country: str) -> tuple[str, ...]:
    """The languages CLDR says :data:`MIN_SHARE` per cent or more of ``country``'s people speak, most spoken first."""
    from babel.languages import get_territory_language_info

    info = get_territory_language_info(country)
    spoken = sorted(info.items(), key=lambda kv: -float(kv[1].get("population_percent") or 0))
    return tuple(code for code, row in spoken if float(row.get("population_percent") or 0) >= MIN_SHARE)
