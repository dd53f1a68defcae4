"""Which language a reply is written in, and the note the agent gets when it is not the buyer's.

Replies are written from natively written templates (:mod:`assist.replies`), so a reply is in the buyer's
language only when templates exist for it. The detector's guess (:func:`assist.language.buyer_language`) is
taken for a template language only when the buyer's words are common words of that language (wordfreq): a
fastText guess of Italian or Portuguese for a buyer writing Armenian or Hausa in Latin letters is not taken.
Japanese, Chinese and Korean are decided by the script (kana, hangul, Han). Every other buyer gets an English
reply and the agent a note naming the best guess: never a silent switch of language. A guess the detector is
not sure of (confidence under :data:`assist.language.SURE`: Zulu read as Ido, Yoruba as Scottish Gaelic) is not
named: the note says the language could not be told.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assist.detection import UNDETERMINED, normalize_code
from assist.language import SURE, script_language, strip_noise

__all__ = ["ReplyLanguage", "reply_language", "FALLBACK", "COMMON_ZIPF", "COMMON_SHARE", "UNTOLD", "common_share"]

FALLBACK = "en"  # the reply language of a buyer whose language has no templates
COMMON_ZIPF = 3.0  # a word at least this frequent (wordfreq's Zipf scale: once per million words) is common
COMMON_SHARE = 0.6  # the share of the buyer's words that must be common words of the guessed language
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)  # words of three letters or more: short ones are common everywhere
_SCRIPT_DECIDED = ("ja", "zh", "ko")
UNTOLD = "could not be told"  # the words of every note that names no language


@dataclass(frozen=True)
class ReplyLanguage:
    """``language``: what the reply is written in; ``guess``: the detector's best guess of the buyer's language;
    ``note``: for the agent, when the reply is not written in the buyer's language (None when it is)."""

    language: str
    guess: str
    note: str | None = None
    unfounded: bool = False  # the guess was a template language, but the buyer's words are not its common words

    @property
    def switched(self) -> bool:
        return self.note is not None

    @property
    def read_as(self) -> str:
        """The language the buyer's asks are read in: the guess, or ``und`` (language-neutral readers) when the
        guess was a template language the buyer's words did not bear out: not read as Italian, nor as English."""
        return UNDETERMINED if self.unfounded else self.guess


def reply_language(
    guess: str, text: str, templates: list[str] | tuple[str, ...], confidence: float = 1.0
) -> ReplyLanguage:
    """The reply language for a buyer who wrote ``text`` and whose language was guessed as ``guess`` with
    ``confidence`` (the detector's; a guess under :data:`SURE` is not named to the agent)."""
    guess = normalize_code(guess) if guess and guess != UNDETERMINED else UNDETERMINED
    clean = strip_noise(text)
    script = script_language(clean)
    if script is not None or guess in _SCRIPT_DECIDED:
        language = script or guess
        if language in templates:
            return ReplyLanguage(language, language)
        return ReplyLanguage(FALLBACK, language, _note(language))
    if guess in templates:
        if common_share(clean, guess) >= COMMON_SHARE:
            return ReplyLanguage(guess, guess)
        # fastText mixes up close template languages (Portuguese read as Italian): the one whose common words
        # these are, when one is
        shares = {other: common_share(clean, other) for other in templates if other not in _SCRIPT_DECIDED}
        best = max(shares, key=lambda other: shares[other])
        if shares[best] >= COMMON_SHARE:
            return ReplyLanguage(best, best)
        return ReplyLanguage(FALLBACK, guess, _note_unfounded(guess), unfounded=True)
    return ReplyLanguage(FALLBACK, guess, _note(guess if confidence >= SURE else UNDETERMINED))


def common_share(text: str, language: str) -> float:
    """The share of the words in ``text`` that are common words of ``language`` (wordfreq's lists); 1.0 for a
    text with no word to go on (the guess stands)."""
    from wordfreq import zipf_frequency

    words = [w.casefold() for w in _WORD.findall(text)]
    if not words:
        return 1.0
    return sum(1 for w in words if zipf_frequency(w, language) >= COMMON_ZIPF) / len(words)


def _note_unfounded(guess: str) -> str:
    """The note for a template-language guess the buyer's words do not bear out."""
    name = language_name(guess)
    return f"the buyer's words do not read as {name}; their language {UNTOLD}: the reply is in English"


def _note(guess: str) -> str:
    if guess == UNDETERMINED:
        return f"the buyer's language {UNTOLD}; the reply is in English"
    name = language_name(guess)
    return f"the buyer seems to write {name} ({guess}); there are no reply templates in it: the reply is in English"


@lru_cache(maxsize=64)
def language_name(code: str) -> str:
    """The English name of a language code ('hy' -> 'Armenian'); the code itself when babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    # babel reads a code it lacks as a close one ('als', Alemannic, as Albanian): the code then stands
    return str(locale.get_display_name("en") or code) if locale.language == code else code
