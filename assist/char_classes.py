"""Regex character classes drawn from Unicode categories, for the scripts the usual ``\\w`` reads badly (it leaves
out the combining vowel signs of Bengali, Hindi, Thai...: "টাকা" is a word of letters and marks)."""

from __future__ import annotations

import unicodedata


def character_class(ranges: tuple[tuple[int, int], ...], kinds: str) -> str:
    """A regex class body (no brackets) of the code points in ``ranges`` whose Unicode category starts with one of
    ``kinds`` ("LM": letters and marks; "M": marks), written as runs."""
    out = []
    for low, high in ranges:
        run: list[int] = []
        for code in range(low, high + 2):
            if code <= high and unicodedata.category(chr(code))[0] in kinds:
                run.append(code)
                continue
            if run:
                out.append(f"\\u{run[0]:04x}-\\u{run[-1]:04x}" if len(run) > 1 else f"\\u{run[0]:04x}")
                run = []
    return "".join(out)


__all__ = ["UNSPACED_SCRIPTS", "character_class"]

# Thai, Lao, Myanmar and Khmer: scripts written without spaces between words (a regex class body, no brackets)
UNSPACED_SCRIPTS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"


# a letter, or a combining mark that belongs to the letter before it (the vowel signs and viramas of Bengali "টাকা",
# Tamil "வேலை", Hindi "कार्य", which ``\w`` leaves out)
LETTER = rf"(?:[^\W\d_]|[{character_class(((0x0300, 0xFFFF),), 'M')}])"
