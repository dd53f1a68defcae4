"""Katakana to Latin letters (modified Hepburn), for names no dictionary has (ダニウス -> Daniusu)."""

from __future__ import annotations

_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n", "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}  # fmt: skip
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}
_SOFTEN = {"シ": "sh", "ジ": "j", "チ": "ch"}
_VOWEL_EDIT = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}


_EPENTHETIC = {"su": "s", "fu": "f", "ku": "k", "gu": "g", "bu": "b", "pu": "p", "zu": "z", "to": "t", "do": "d"}


def romanize(text: str, *, foreign: bool = False) -> str:
    """Katakana (or hiragana) to Latin; other characters unchanged. ``ー`` lengthens nothing (as names are written).

    ``foreign``: a name written in katakana from another language loses the vowels Japanese adds between
    and after consonants (ダニウス -> Danius, シミノフ -> Shiminof, エルドアン -> Erdoan), and ン before b/p/m
    reads m (ポハンバ -> Pohamba); Japanese names keep plain Hepburn."""
    text = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)
    out: list[str] = []
    double = False
    for i, char in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if char == "ッ":
            double = True
            continue
        if char == "ー" and foreign and out:
            out.append("ー")  # a long vowel: the syllable before it keeps its vowel
            continue
        if char == "ー" or char in _SMALL_Y or (char in _VOWEL_EDIT and out):
            continue
        syllable = _BASE.get(char)
        if syllable is None:
            out.append(char)
            double = False
            continue
        if char == "ウ" and nxt in _VOWEL_EDIT:
            syllable = "w" + _VOWEL_EDIT[nxt]
        elif nxt in _SMALL_Y:
            stem = _SOFTEN.get(char, syllable[:-1] + "y")
            syllable = stem + _SMALL_Y[nxt]
        elif nxt in _VOWEL_EDIT and len(syllable) > 1:
            stem = syllable[:-2] if syllable.endswith("u") and len(syllable) > 2 else syllable[:-1]
            syllable = {"f": "f", "v": "v", "ts": "ts"}.get(stem, stem) + _VOWEL_EDIT[nxt]
            if char in "ティディ":
                syllable = syllable[0] + _VOWEL_EDIT[nxt]
        if double and syllable[0] not in "aiueon":
            syllable = syllable[0] + syllable
        double = False
        out.append(syllable)
    return "".join(_foreign(out) if foreign else out)


def _foreign(syllables: list[str]) -> list[str]:
    out = list(syllables)
    for i, syllable in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else ""
        nxt = nxt if nxt.isalpha() or nxt == "ー" else ""  # ・ ends a name as the word's end does
        before_consonant = not nxt or (nxt[0] not in "aiueoyー" and nxt != "n")
        single = syllable[1:] if len(syllable) == 3 and syllable[0] == syllable[1] else syllable  # ッ + プ
        if syllable == "n" and nxt[:1] in ("b", "p", "m"):
            out[i] = "m"
        elif single in _EPENTHETIC and before_consonant and _cluster(single, nxt, first=i == 0):
            out[i] = _EPENTHETIC[single]
        elif syllable == "ru" and before_consonant and i > 0:
            out[i] = "r" if nxt else "l"
    return [s for s in out if s != "ー"]


def _cluster(syllable: str, nxt: str, *, first: bool) -> bool:
    """Whether the consonant of ``syllable`` joins the next one without a vowel (st, tr, fr ...) or ends the word."""
    if not nxt:
        return not first
    if syllable[0] in "td" or first:
        return nxt[0] == "r" or (syllable == "su" and first)
    return True
