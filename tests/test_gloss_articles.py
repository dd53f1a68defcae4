"""Articles in the reading aid's line: "the" where English needs one, none where it drops it. Real
dictionaries, first sense, offline; the expandable words keep the buyer's words only."""

from __future__ import annotations

import pytest

from assist.gloss import GlossEngine
from assist.gloss.articles import Tag, with_articles
from assist.models import GlossWord


@pytest.fixture(scope="module")
def engine() -> GlossEngine:
    return GlossEngine(None)


def _text(engine: GlossEngine, text: str, language: str) -> str:
    return " ".join(line.text for line in engine.gloss(text, language, "en"))


def test_each_noun_phrase_gets_its_own_article(engine):
    assert _text(engine, "店で箱を買いました。", "ja") == "In the store the box bought."
    assert _text(engine, "医師が患者を診察した。", "ja").startswith("The doctor the patient")
    assert _text(engine, "他买了桌子。", "zh") == "He bought the table."
    assert _text(engine, "安全的环境", "zh") == "The safe environment", "the article goes before the adjective"


def test_no_article_before_names_pronouns_numbers_and_determiners(engine):
    assert _text(engine, "東京に行きました。", "ja") == "To Tokyo went."
    assert _text(engine, "彼の箱が壊れていました。", "ja").startswith("His box")
    assert _text(engine, "この箱は大きいです。", "ja").startswith("This box")
    assert _text(engine, "3本のペンを買った。", "ja").startswith("3 pens"), "の after a quantity adds no word"
    assert "three apples" in _text(engine, "我买了三个苹果。", "zh")
    assert _text(engine, "一张桌子", "zh") == "A table"


def test_one_of_a_thing_reads_a(engine):
    assert _text(engine, "一つの箱が届きました。", "ja").startswith("A box")
    assert _text(engine, "ある男性が来た。", "ja") == "A man came.", "連体詞 ある is 'a', not 'be'"


def test_a_noun_used_as_a_verb_gets_no_article(engine):
    line = _text(engine, "カーターを補佐した。", "ja")
    assert "the" not in line.lower().split(), line


def test_a_name_with_a_common_head_takes_the(engine):
    assert _text(engine, "ノーベル委員会が発表した。", "ja").startswith("The Nobel committee")


def test_articles_live_in_the_line_not_in_the_expandable_words(engine):
    text = "店で箱を買いました。"
    [line] = engine.gloss(text, "ja", "en")
    assert "".join(w.source for w in line.words) == text
    assert all(not w.gloss.startswith("the ") for w in line.words)
    assert "the" in line.text.split()


def test_european_lines_get_no_added_article(engine):
    line = _text(engine, "Paket kommt nicht.", "de")
    assert "the" not in line.lower().split(), "German writes its own articles; only ja and zh add them"


def test_the_rule_on_hand_built_words():
    box, store = GlossWord(source="箱", gloss="box", kind="word"), GlossWord(source="店", gloss="store", kind="word")
    to = GlossWord(source="に", gloss="to", kind="function")
    tags = {id(box): Tag("n"), id(store): Tag("n", closes=True), id(to): Tag("")}
    assert [w.gloss for w in with_articles([to, store, box], tags)] == ["to", "the store", "the box"]
    tags[id(store)] = Tag("n")
    assert [w.gloss for w in with_articles([to, store, box], tags)] == ["to", "the store", "box"], "one phrase"
    tags[id(box)] = Tag("n", verb=True)
    assert [w.gloss for w in with_articles([box], tags)] == ["box"], "a verb takes no article"
    assert [w.gloss for w in with_articles([box], {})] == ["box"], "no part of speech, no article"


def test_a_no_b_reads_b_of_a(engine):
    assert _text(engine, "委員会の声明に同意します。", "ja").startswith("To the declaration of the committee")
    chain = _text(engine, "鳥の羽の進化について調べた。", "ja")
    assert chain.startswith("About the evolution of the"), "a chain reads backwards; the postposition before all"
    assert chain.endswith("of the bird looked up.")
    assert _text(engine, "他の専門家", "ja") == "Other specialist", "an attributive owner stays before its noun"
    assert _text(engine, "ボブの箱", "ja") == "Bob's box", "a name's の is the possessive"
