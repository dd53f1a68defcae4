"""Numbers written in words in the languages the value parser (``assist.quality.extract``) was not written for:
"sju dagar", "kaksi viikkoa", "čtrnácti dnů", "pięciu dni". The words come from num2words' cardinal spellings
(every case it writes for Finnish), in the buyers' languages (``assist.country_names``), and for the languages
num2words does not spell from CLDR's spell-out rules (unicode-rbnf: "վեց ամիս", "twee jaar", "ஆறு மாதம்", "шест
месеци" in Armenian, Afrikaans, Tamil, Macedonian and some twenty more, each gender's form); a word is read in the
language the text is written in only (fastText, as :mod:`.unit_words` reads unit words: the Danish "to" is no
English "to"), exactly as written or inflected from a spelling of three letters or more the way :mod:`.unit_words`
inflects unit words ("čtrnácti" from "čtrnáct", "pięciu" from "pięć", "tří" from "tři"). A word that reads as two
numbers is left alone. :func:`spelled_as_digits` writes such words as digits (same length: every span stays an
offset into the text), so the value parsers read "tří pracovních dnů" as they read "3 pracovních dnů".

Legal texts also write a number twice, in digits and in words: "30 (trzydziestu) dni", "dvacet jedna (21) dnů".
:func:`plain_numbers` blanks the words and brackets (same length) so the digits stand next to their unit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from assist.char_classes import LETTER

_LARGEST = 100  # policy numbers written in words are small ("fourteen days", "two years"); 120 and 365 too
_EXTRA = (120, 180, 365)
_SHORTEST_INFLECTED = 3  # "tří" from "tři", "pěti" from "pět"; "to", "en" only as written
# a short number word inflected to a word of its own length changes at most its last letter ("tří" from "tři"); a
# longer ending may replace two ("trijų" from "trys"): two letters changed of four read ordinary words as numbers
# (Danish "send" as "seks")
_SHORT_FORM = 4
_EVERY_CASE = {"fi"}  # languages whose case forms num2words writes (read as written only)
# fastText's Norwegian, the buyers' list's Bokmål; Malay, whose numbers are Indonesian's ("tujuh", "empat belas")
_ALIASES = {"no": "nb", "nn": "nb", "ms": "id"}
_CODES = {"nb": "no", "fil": None, "zh_Hant": None, "el": None, "ca": None, "ko": None, "vi": None}
# languages whose CLDR spell-out words are left out: written without spaces between words (a number word is part of
# a longer one: "一" in "一緒"), or one syllable each that is also an ordinary word (the languages left out above)
_NOT_SPELLED_OUT = {"ja", "zh", "yue", "th", "lo", "km", "my", "ko", "vi", "ccp", "root"}


def _languages() -> list[str]:
    """The buyers' languages, and every other language num2words spells numbers in (one code per language, none the
    value parser reads already): a policy may be written in any."""
    from num2words import CONVERTER_CLASSES

    from assist.country_names import BUYER_LANGUAGES
    from assist.policy_extract.unit_words import PARSER_LANGUAGES

    spelled = {_CODES.get(code, code) for code in BUYER_LANGUAGES}
    others = [c for c in CONVERTER_CLASSES if "_" not in c and c not in PARSER_LANGUAGES and c not in spelled]
    return [*BUYER_LANGUAGES, *sorted(others)]


@lru_cache(maxsize=1)
def _all_spellings() -> dict[str, dict[str, int]]:
    """Language -> spelling (folded; one word, or several: "ארבעה עשר") -> number."""
    from num2words import CONVERTER_CLASSES

    out: dict[str, dict[str, int]] = {}
    for language in _languages():
        code = _CODES.get(language, language)
        if code is None or code not in CONVERTER_CLASSES:
            continue
        converter = CONVERTER_CLASSES[code]
        words: dict[str, int] = out.setdefault(language.split("_")[0], {})
        for n in (*range(1, _LARGEST + 1), *_EXTRA):
            for written in _written(converter, code, n):
                word = written.casefold().replace("\u00ad", "").strip()
                if _SPELLING.fullmatch(word):
                    words.setdefault(word, n)
                    if code == "sr":  # Serbian is written in both alphabets; num2words spells it in Latin
                        words.setdefault(_serbian_cyrillic(word), n)
                    if code == "ar":  # the tens after a preposition: "خلال ثلاثين يوما" (num2words: "ثلاثون"),
                        for form in {word, word.replace(" و ", " و")}:  # and "and" joined to its word: "خمسة وعشرين"
                            words.setdefault(form, n)
                            words.setdefault(_ARABIC_OBLIQUE.sub("ين", form), n)
    for language, words in _spelled_out().items():
        if language not in out:
            out[language] = words
    return out


def _spelled_out() -> dict[str, dict[str, int]]:
    """Language -> CLDR spell-out word (folded) -> number, for the languages num2words does not spell and the value
    parser does not read (every cardinal rule set: masculine, feminine, neuter)."""
    from num2words import CONVERTER_CLASSES
    from unicode_rbnf import RbnfEngine

    from assist.policy_extract.unit_words import PARSER_LANGUAGES

    out: dict[str, dict[str, int]] = {}
    for code in RbnfEngine.get_supported_languages():
        if "_" in code or code in CONVERTER_CLASSES or code in PARSER_LANGUAGES or code in _NOT_SPELLED_OUT:
            continue
        engine = RbnfEngine.for_language(code)
        words: dict[str, int] = out.setdefault(code, {})
        for n in (*range(1, _LARGEST + 1), *_EXTRA):
            try:
                found = engine.format_number(n).text_by_ruleset
            except Exception:  # noqa: BLE001 - a rule set CLDR leaves incomplete for this number: no spelling
                continue
            for ruleset, written in found.items():
                word = written.casefold().replace("\u00ad", "").strip()
                if ruleset.startswith(("spellout-cardinal", "spellout-numbering")) and "year" not in ruleset:
                    if _SPELLING.fullmatch(word):
                        words.setdefault(word, n)
    return out


# one to three words of letters (with their vowel signs: "ஆறு", "छह", "পাঁচ", which ``\w`` alone leaves out)
_SPELLING = re.compile(rf"{LETTER}+(?:[- ]{LETTER}+){{0,2}}")


# Serbian Latin to Cyrillic, letter for letter (the digraphs first)
_SERBIAN = {"lj": "љ", "nj": "њ", "dž": "џ", "a": "а", "b": "б", "c": "ц", "č": "ч", "ć": "ћ", "d": "д", "đ": "ђ"}
_SERBIAN |= {"e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "ј", "k": "к", "l": "л", "m": "м", "n": "н"}
_SERBIAN |= {"o": "о", "p": "п", "r": "р", "s": "с", "š": "ш", "t": "т", "u": "у", "v": "в", "z": "з", "ž": "ж"}
_SERBIAN_LETTERS = re.compile("|".join(sorted(_SERBIAN, key=len, reverse=True)))


# Arabic tens end in -ūn as subject and in -īn after a preposition or as object, the case policies write most
_ARABIC_OBLIQUE = re.compile(r"ون(?=\s|$)")


def _serbian_cyrillic(word: str) -> str:
    return _SERBIAN_LETTERS.sub(lambda m: _SERBIAN[m.group(0)], word)


@lru_cache(maxsize=1)
def _spellings() -> dict[str, dict[str, int]]:
    """Language -> one-word spelling (folded) -> number."""
    return {lang: {w: n for w, n in words.items() if " " not in w} for lang, words in _all_spellings().items()}


@lru_cache(maxsize=64)
def _phrases(language: str) -> re.Pattern[str] | None:
    """The spellings of several words in ``language`` ("أربعة عشر", "ארבעה עשר"), longest first."""
    phrases = sorted((w for w in _all_spellings().get(language, {}) if " " in w), key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<![\w.,])(" + "|".join(re.escape(p) for p in phrases) + r")(?=\s+[^\W\d_])", re.IGNORECASE)


def _written(converter: object, code: str, n: int) -> list[str]:
    import inspect

    forms = [converter.to_cardinal(n)]  # type: ignore[attr-defined]
    if "gender" in inspect.signature(converter.to_cardinal).parameters:  # type: ignore[attr-defined]
        for gender in ("m", "f"):  # "שבעה ימים" beside "שבע שנים": the number agrees with its noun
            try:
                forms.append(converter.to_cardinal(n, gender=gender))  # type: ignore[attr-defined]
            except (TypeError, ValueError, KeyError, NotImplementedError):
                continue
    if code == "fi":  # Finnish numbers take the case of their noun: "viiden päivän", "kahta viikkoa"
        from num2words.lang_FI import NAME_TO_CASE

        for case in NAME_TO_CASE:
            for plural in (False, True):
                try:
                    forms.append(converter.to_cardinal(n, case=case, plural=plural))  # type: ignore[attr-defined]
                except (TypeError, ValueError, KeyError, NotImplementedError):
                    continue
    return forms


def number_of_word(word: str, language: str | None) -> int | None:
    """The number ``word`` spells in ``language`` (as written or inflected); None when it spells none or two."""
    from assist.gloss.freedict import known_lemma, lemmas_read

    if not language:
        return None
    spellings = _spellings().get(language.split("-")[0].split("_")[0], {})
    folded = word.casefold()
    if folded in spellings:
        return spellings[folded]
    if language in _EVERY_CASE:
        return None  # every case form is written out: a word that is none of them spells no number
    code = _LEMMA_CODES.get(language, language)
    if lemmas_read(code):  # the language's dictionary tells an inflected number ("treh": "trije") from a word
        lemma = known_lemma(folded, code)  # that only looks like one ("pes", "trak" beside "pet", "tri")
        if lemma is None:  # a word the dictionary lacks ("traje"): a short number word's own letters only
            return _inflected_number(folded, spellings, "same")
        by_lemma = _lemma_numbers(language.split("-")[0].split("_")[0], code)
        if lemma in by_lemma or lemma in spellings:  # "eno" (lemma "en", as of "ena"), "dva" (as of "dve")
            return by_lemma.get(lemma) or spellings[lemma]
        if lemma == folded:  # a headword of its own ("pes" beside "pet"), unless cut of a last letter ("un": "unu")
            return _inflected_number(folded, spellings, "cut")
        return _inflected_number(lemma, spellings, "whole")
    return _inflected_number(folded, spellings, "any")


@lru_cache(maxsize=64)
def _lemma_numbers(language: str, code: str) -> dict[str, int]:
    """The dictionary's lemma of each number spelling of ``language`` -> its number ("dve" -> "dva" -> 2), where the
    lemma is of one number only."""
    from assist.gloss.freedict import known_lemma

    out: dict[str, int] = {}
    torn: set[str] = set()
    for form, n in _spellings().get(language, {}).items():
        lemma = known_lemma(form, code)
        if lemma is not None and out.setdefault(lemma, n) != n:
            torn.add(lemma)
    return {lemma: n for lemma, n in out.items() if lemma not in torn}


# simplemma's code of a language whose dictionary it ships under another name (Serbo-Croatian)
_LEMMA_CODES = {"sr": "hbs", "hr": "hbs", "bs": "hbs", "sh": "hbs"}


def _inflected_number(folded: str, spellings: dict[str, int], short: str) -> int | None:
    """The one number of which ``folded`` is an inflected form (:func:`.unit_words.inflected_from`). "cut": only a
    number word with its last letter cut ("un" of "unu"; a headword of the dictionary is no other inflection). A
    short number word (four letters or fewer: "tri", "pet") gives only the forms ``short`` allows: "same" (that, or
    its last letter changed: "tří" of "tři"), "whole" (that, or every letter of it kept: the lemma "trije" of "tri",
    not "själv" of "sju"), "any" (that, or any ending on its first letters: the letters alone tell no more)."""
    from assist.policy_extract.unit_words import inflected_from

    def allowed(form: str) -> bool:
        if folded == form[:-1] or short == "cut":
            return folded == form[:-1]
        if len(form) > _SHORT_FORM:
            return True
        if len(folded) == len(form):
            return short != "cut" and folded[:-1] == form[:-1]
        return len(folded) > len(form) and (short == "any" or (short == "whole" and folded.startswith(form)))

    found = {
        n
        for form, n in spellings.items()
        if len(form) >= _SHORTEST_INFLECTED and inflected_from(folded, {form}) and allowed(form)
    }
    return found.pop() if len(found) == 1 else None


# "30 (trzydziestu) dni", "14 (czternastu) dni": digits first, the words in brackets after them.
_DIGITS_THEN_WORDS = re.compile(r"(?<![\w.,])(\d{1,3})(\s*\([^\W\d_][^()\d]{1,40}\))")
# "dvacet jedna (21) dnů", "thirty (30) days": the words first, the digits in brackets after them.
_WORDS_THEN_DIGITS = re.compile(r"((?:[^\W\d_]+[\s-]){0,2}[^\W\d_]+\s*\()(\d{1,3})(\))")


def plain_numbers(text: str) -> str:
    """``text`` with the words that repeat a number in brackets blanked, and the brackets (same length)."""
    text = _DIGITS_THEN_WORDS.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)

    def digits_only(m: re.Match[str]) -> str:
        head = m.group(1)[:-1].rstrip()
        # the number's own words are the last ones before the bracket ("within thirty (30)": "thirty")
        words = list(re.finditer(r"[^\W\d_]+", head))
        while words and number_of_any(words[0].group()) is None:
            words.pop(0)
        if not words:
            return m.group(0)  # "Zásilkovna (2) dny"-like text: the words are no number
        kept = m.group(1)[: words[0].start()]
        return kept + " " * (len(m.group(1)) - len(kept)) + m.group(2) + " "

    return _WORDS_THEN_DIGITS.sub(digits_only, text)


def number_of_any(word: str) -> int | None:
    """The number ``word`` spells as written in any of the languages read here (for a bracketed repeat, whose digits
    say the number already)."""
    folded = word.casefold()
    for spellings in _spellings().values():
        if folded in spellings:
            return spellings[folded]
    from assist.quality.extract import WORD_NUMBERS

    return WORD_NUMBERS.get(folded)


_WORD = re.compile(rf"(?<![\w.,])(?<!{LETTER})({LETTER}{{2,}})(?=\s+[^\W\d_])")


# "3 (tre) ditë", "14 (арван дөрөв) хоног": the words a shop's documents write in brackets after a number's digits
_BESIDE_DIGITS = re.compile(r"(?<![\w.,])(\d{1,3})\s*\(([^\W\d_]+(?:[ -][^\W\d_]+){0,2})\)")
_SHOP_WORDS: ContextVar[tuple[tuple[str, int], ...]] = ContextVar("shop_number_words", default=())


def words_beside_digits(texts: Iterable[str]) -> dict[str, int]:
    """The number words ``texts`` write in brackets after the digits ("3 (tre)"), folded, -> their number; a word
    given two numbers, and a code in capitals ("800 (ALL)"), are left out."""
    found: dict[str, set[int]] = {}
    for text in texts:
        for m in _BESIDE_DIGITS.finditer(text):
            if not m.group(2).isupper():
                found.setdefault(m.group(2).casefold(), set()).add(int(m.group(1)))
    return {word: next(iter(numbers)) for word, numbers in found.items() if len(numbers) == 1}


@contextmanager
def shop_number_words(words: dict[str, int]) -> Iterator[None]:
    """Read ``words`` (a shop's own, :func:`words_beside_digits`) as the numbers they spell inside the block, in any
    language num2words spells or not ("tre vjet" in Albanian)."""
    token = _SHOP_WORDS.set(tuple(sorted(words.items())))
    try:
        yield
    finally:
        _SHOP_WORDS.reset(token)


def _shop_spelled(text: str) -> str:
    words = dict(_SHOP_WORDS.get())
    if not words:
        return text
    pattern = _shop_pattern(tuple(sorted(words, key=len, reverse=True)))

    def digits(m: re.Match[str]) -> str:
        n = str(words[m.group(1).casefold()])
        return n.ljust(len(m.group(1))) if len(n) <= len(m.group(1)) else m.group(0)

    return pattern.sub(digits, text)


@lru_cache(maxsize=16)
def _shop_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w.,])({alternatives})(?=\s+[^\W\d_])", re.IGNORECASE)


def spelled_as_digits(text: str, language: str | None) -> str:
    """``text`` with each number word of ``language`` that stands before another word written in digits, padded
    with spaces to the word's length ("sju dagar" -> "7   dagar")."""
    from assist.policy_extract.unit_words import unit_of_word

    text = _shop_spelled(text)
    language = _ALIASES.get(language or "", language)
    if not language or language.split("-")[0].split("_")[0] not in _spellings():
        return text
    phrases = _phrases(language.split("-")[0].split("_")[0])
    if phrases is not None:  # "ארבעה עשר ימים": the words of one number together, before each alone
        key = language.split("-")[0].split("_")[0]
        text = phrases.sub(lambda m: str(_all_spellings()[key][m.group(1).casefold()]).ljust(len(m.group(1))), text)

    def digits(m: re.Match[str]) -> str:
        if unit_of_word(m.group(1), language):  # "viikon" is a unit word, whatever number it looks like
            return m.group(0)
        n = number_of_word(m.group(1), language)
        if n is None or len(str(n)) > len(m.group(1)):
            return m.group(0)
        return str(n).ljust(len(m.group(1)))

    return _WORD.sub(digits, text)
