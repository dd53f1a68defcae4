"""English articles in a reading-aid line. Japanese and Chinese have no article morpheme, so a word-by-word
line has none where English needs one; the line adds "the" before a noun phrase.

The line is read in its reading order (postpositions already before their noun phrase). A noun phrase is a
run of nouns and adjectives ending in a common noun. It gets "the" unless English has no article there: a
phrase that starts with a pronoun, a number, a determiner or possessive already there ("this", "his",
"Bob's", "a" from 一つの / 一个), a name alone (Tokyo; but "the Nobel committee"), a time word (today),
or a noun the source uses as a verb (補佐 し). The added words are in ``GlossLine.text`` only; the
expandable words keep the buyer's words and order.
"""

from __future__ import annotations

from dataclasses import dataclass

from assist.models import GlossWord

# part-of-speech flags (jieba's; Sudachi's are mapped to them in japanese.flag)
_COMMON = {"n", "vn", "an", "ng", "j", "l", "i"}  # common nouns, verbal and adjectival nouns, idioms
_NAMES = {"nr", "ns", "nt", "nz", "nrt", "nrfg"}
_MODIFIERS = {"a", "b"}  # adjectives and attributives (安全な, 大きな) inside the phrase
_PHRASE = _COMMON | _NAMES | _MODIFIERS
_DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "each", "every", "all", "some", "any", "no", "another", "other", "such", "many", "much", "several", "few",
    "both", "either", "neither", "which", "what", "whose", "one", "same", "most", "more", "own",
}  # fmt: skip
_NUMBERS = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
    "hundred", "thousand", "million", "billion", "dozen", "half", "first", "second", "third",
}  # fmt: skip
_PRONOUNS = {
    "i", "me", "you", "he", "him", "she", "it", "we", "us", "they", "them", "myself", "yourself", "himself",
    "herself", "itself", "ourselves", "themselves", "oneself", "self", "someone", "everyone", "everything",
    "something", "nothing", "anyone", "anything", "who", "there", "here",
}  # fmt: skip

_PREPOSITIONS = {"of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "about"}  # a gloss "in the past"


@dataclass
class Tag:
    """What the engine knows of one word of the line besides its gloss."""

    pos: str = ""  # the segmenter's part-of-speech flag: n, vn, nr, a, m ...
    verb: bool = False  # the word reads as a verb in the line (or the source uses the noun as one)
    fixed: bool = False  # a set gloss (grammar word, counter, fact kept as written)
    ends: bool = False  # a case particle left out of the line: a noun phrase ends here (``phrase_ends``)
    closes: bool = False  # the source word after it is a case particle or a postposition (店 で 箱: "store")


def with_articles(words: list[GlossWord], tags: dict[int, Tag]) -> list[GlossWord]:
    """``words`` in the line's reading order (``tags`` by ``id(word)``), the first word of each noun phrase
    that English gives an article as a copy reading "the ..." (the expandable words stay as they are)."""
    tagged = [(word, tags.get(id(word), Tag())) for word in words]
    out = list(words)
    index = 0
    while index < len(tagged):
        if not _in_phrase(*tagged[index]):
            index += 1
            continue
        end = index + 1  # a word left out inside the phrase (安全 な 環境) joins it; a case particle ends it
        while (
            end < len(tagged) and not tagged[end - 1][1].closes and (_in_phrase(*tagged[end]) or _joins(*tagged[end]))
        ):
            end += 1
        while not _in_phrase(*tagged[end - 1]):
            end -= 1
        phrase = [(w, tag) for w, tag in tagged[index:end] if w.gloss.strip()]
        before = [(w, tag) for w, tag in tagged[:index] if w.gloss.strip()][-2:]
        for i in range(index + 1, end):
            out[i] = _bare(words[i])
        if _takes_the(phrase, before):
            out[index] = words[index].model_copy(update={"gloss": f"the {words[index].gloss}"})
        index = end
    return out


def _in_phrase(word: GlossWord, tag: Tag) -> bool:
    return word.kind == "word" and not tag.verb and not tag.fixed and tag.pos in _PHRASE and bool(word.gloss.strip())


def _joins(word: GlossWord, tag: Tag) -> bool:
    """A word left out of the line that stays inside a noun phrase (安全 な 環境, 安全 的 环境)."""
    return not word.gloss.strip() and not tag.ends


def _takes_the(phrase: list[tuple[GlossWord, Tag]], before: list[tuple[GlossWord, Tag]]) -> bool:
    """``before``: the two words shown before the phrase (a determiner may stand before a modifier the
    segmenter calls a verb: 一项独立调查 -> "a independent investigation")."""
    (first, first_tag), (head, head_tag) = phrase[0], phrase[-1]
    if head_tag.pos not in _COMMON or not head.gloss[:1].islower():
        return False  # a name or a time word heads it
    if (first_tag.pos in _NAMES or not first.gloss[:1].islower()) and len(phrase) == 1:
        return False
    if _first_word(first.gloss) in _DETERMINERS | _PRONOUNS | _PREPOSITIONS:
        return False
    if not before:
        return True
    (word, tag), previous = before[-1], _last_word(before[-1][0].gloss)
    if previous in _DETERMINERS | _NUMBERS or previous.endswith("'s") or tag.pos in {"m", "r"}:
        return False
    if len(before) == 2 and word.kind == "word" and _last_word(before[0][0].gloss) in _DETERMINERS:
        return False
    return word.kind != "kept" and not previous[:1].isdigit()  # 2016 Nobel Prize, NL-1042 order


def _bare(word: GlossWord) -> GlossWord:
    """A word inside a phrase without the article its dictionary gloss starts with (糖尿病协会: "diabetes
    association", not "diabetes an association"); the word the sidebar expands keeps the gloss."""
    article, _, rest = word.gloss.partition(" ")
    return word.model_copy(update={"gloss": rest}) if article in {"a", "an", "the"} and rest else word


def _first_word(gloss: str) -> str:
    return gloss.split(" ", 1)[0].lower()


def _last_word(gloss: str) -> str:
    return gloss.rsplit(" ", 1)[-1].lower()
