"""The word-by-word reading aid (engine 'gloss'): real installed dictionaries, a fake embedder, no network."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assist.gloss import LABEL, GlossEngine
from assist.gloss.dictionaries import Entry, JMdict, Sense
from assist.gloss.japanese import JapaneseAnalyzer
from assist.gloss.senses import SenseChooser, candidate_senses
from assist.language import FakeDetector
from assist.translate import FakeEngine, TranslationRouter

ORDER = r"NL-\d{6}"


@pytest.fixture(scope="module")
def engine() -> GlossEngine:
    return GlossEngine(None)  # first sense + word frequency; context choice is tested on its own below


def _words(lines):
    return [w for line in lines for w in line.words]


def test_japanese_compounds_are_one_word_and_facts_stay_as_written(engine):
    text = "消費税は含まれていますか？注文番号 NL-104233 の合計は ¥4,980 です。"
    lines = engine.gloss(text, "ja", "en", ORDER)
    assert len(lines) == 2, "one line per source sentence"
    tax = next(w for w in _words(lines) if w.source == "消費税")
    assert tax.kind == "word" and tax.gloss == "consumption tax"
    assert "NL-104233" in lines[1].text and "¥4,980" in lines[1].text
    assert lines[1].text.index("NL-104233") < lines[1].text.index("¥4,980"), "glosses run in source order"
    assert lines[0].text.startswith("The consumption tax"), "an article where English needs one"


def test_chinese_simplified_and_traditional_longest_words_first(engine):
    simplified = engine.gloss("我要退货，订单 NL-104233 的金额是 ¥49.90。", "zh", "en", ORDER)
    traditional = engine.gloss("我要退貨，請問運費多少？", "zh", "en", ORDER)
    for lines, word in [(simplified, "退货"), (traditional, "退貨")]:
        piece = next(w for w in _words(lines) if w.source == word)
        assert "return" in piece.gloss and len(piece.senses) >= 1
    assert "NL-104233" in simplified[0].text and "¥49.90" in simplified[0].text
    assert any(w.source == "運費" and "freight" in w.gloss for w in _words(traditional))


def test_surname_and_classifier_senses_are_not_shown(engine):
    lines = engine.gloss("他买了一张桌子和三个苹果。", "zh", "en")
    text = lines[0].text
    assert "table" in text and "apple" in text and "bought" in text
    for word in _words(lines):
        assert not word.gloss.lower().startswith(("surname", "classifier")), word
    zhang = next(w for w in _words(lines) if w.source == "张")
    assert zhang.gloss == "", "a classifier after a number counts the noun and is left out"
    senses = (Sense(("surname Zhang",)), Sense(("classifier for flat objects",)), Sense(("to open",)))
    entries = [Entry("张", senses)]
    assert [c.text for c in candidate_senses(entries)] == ["open"]


def test_numbers_ids_amounts_and_urls_are_never_lost(engine):
    cases = {
        "ja": "4個のうち1個が開封済みでした。"
        "注文 NL-204711 の返金 €12,50 を https://shop.example.com/r/7 で確認してください。",
        "zh": "四罐中有 1 罐被打开了。请在 https://shop.example.com/r/7 查看订单 NL-204711 的退款 ¥12.50。",
    }
    for language, text in cases.items():
        glossed = " ".join(line.text for line in engine.gloss(text, language, "en", ORDER))
        for fact in ["1", "NL-204711", "https://shop.example.com/r/7"]:
            assert fact in glossed, (language, fact, glossed)
    assert "€12,50" in " ".join(line.text for line in engine.gloss(cases["ja"], "ja", "en", ORDER))


def test_latin_product_names_and_katakana_names_are_readable(engine):
    lines = engine.gloss("AirPods Pro のケースが壊れていました。ダニウスさんより。", "ja", "en")
    assert "AirPods" in lines[0].text and "Pro" in lines[0].text
    assert "Danius" in lines[1].text and "Daniusu" not in lines[1].text, "a foreign name, without added vowels"


def test_every_gloss_expands_to_its_source_word_and_other_senses(engine):
    lines = engine.gloss("荷物を開けたら、缶が一つ壊れていました。", "ja", "en")
    can = next(w for w in _words(lines) if w.source == "缶")
    assert can.gloss == "can" and can.senses[0].startswith("can") and len(can.senses) > 1
    assert all(w.source for w in _words(lines))


def test_sense_is_chosen_in_context_with_the_embedder():
    class Table:  # a tiny embedder: fixed vectors per text, the sentence nearest the money sense
        vectors = {"money": [1.0, 0.0], "bank (river)": [0.0, 1.0], "bank (money)": [0.9, 0.1]}

        def embed(self, texts):
            return np.array([self.vectors.get(t, [1.0, 0.0]) for t in texts], dtype=np.float32)

    from assist.gloss.senses import Candidate

    words = [
        [Candidate("bank", "bank (river)", ("bank (river)",)), Candidate("bank", "bank (money)", ("bank (money)",))]
    ]
    assert SenseChooser(Table(), frequency_weight=0.0).choose("money", words) == [(1, "bank (money)")]
    assert SenseChooser(Table(), first_only=True).choose("money", words) == [(0, "bank")]


def _router(gloss: GlossEngine) -> TranslationRouter:
    return TranslationRouter(FakeDetector(default="ja"), [FakeEngine(pairs={("en", "pt")})], gloss=gloss)


def test_router_labels_the_reading_aid_and_keeps_the_gist(engine):
    result = _router(engine).translate("荷物がまだ届いていません。NL-104233", "en", order_id_pattern=ORDER)
    assert result.engine == "gloss"
    assert LABEL in result.message and "ja->en" in result.message
    assert result.gloss and result.text == "\n".join(line.text for line in result.gloss)
    assert "NL-104233" in result.text and result.gist and "NL-104233" in result.gist


def test_a_translation_engine_wins_over_the_gloss(engine):
    router = TranslationRouter(FakeDetector(default="ja"), [FakeEngine()], gloss=engine)
    assert router.translate("荷物がまだ届いていません。", "en").engine == "fake"


def test_missing_dictionary_says_so_and_falls_back_to_the_gist(tmp_path: Path):
    broken = GlossEngine(None, {"ja": JapaneseAnalyzer(JMdict(tmp_path / "no-jmdict.db"))})
    result = _router(broken).translate("荷物がまだ届いていません。", "en")
    assert result.engine == "none" and result.text == "" and result.gist
    assert "No word-by-word reading aid for ja->en" in result.message and "jamdict-data" in result.message


def test_unsupported_pairs_are_not_glossed(engine):
    assert not engine.supports("ja", "de") and not engine.supports("ko", "en") and engine.supports("zh", "en")
    result = TranslationRouter(FakeDetector(default="ko"), [], gloss=engine).translate("배송이 안 왔어요", "en")
    assert result.engine == "none" and "reading aid" not in result.message


def test_translate_endpoint_returns_the_gloss_lines(client, auth):
    r = client.post(
        "/v1/translate", json={"text": "我要退货。订单 NL-104233 坏了。", "target_language": "en"}, headers=auth
    )
    assert r.status_code == 200
    body = r.json()
    assert body["engine"] == "gloss" and body["source_language"] == "zh"
    assert [line["source"] for line in body["gloss"]] == ["我要退货。", "订单 NL-104233 坏了。"]
    assert "NL-104233" in body["text"] and LABEL in body["message"]


def test_counters_after_numbers_read_as_units(engine):
    ja = engine.gloss("3日前に2個注文しました。", "ja", "en")[0].text
    zh = engine.gloss("我三天前买了两张桌子。", "zh", "en")[0].text
    assert ja.startswith("3 day") and "2 order" in ja, "2個: the counter is left out, the number stays"
    assert "three day" in zh and "table" in zh and "open" not in zh


def test_names_read_in_latin_letters(engine):
    line = engine.gloss("ペンシルベニア州のサラ・ダニウスさんから。", "ja", "en")[0].text
    assert "Pennsylvania" in line and "Danius" in line


def _dictd(folder: Path, entries: dict[str, str]) -> Path:
    """A tiny FreeDict-format German-English dictionary (dictd index + gzip body), written for the test."""
    import gzip

    def b64(number: int) -> str:
        alphabet, out = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", ""
        while True:
            out = alphabet[number % 64] + out
            number //= 64
            if not number:
                return out

    body, index = b"", []
    for word, text in entries.items():
        raw = text.encode()
        index.append(f"{word.lower()}\t{b64(len(body))}\t{b64(len(raw))}")
        body += raw
    (folder / "freedict-deu-eng.index").write_text("\n".join(index) + "\n", encoding="utf-8")
    (folder / "freedict-deu-eng.dict.dz").write_bytes(gzip.compress(body))
    return folder


def test_german_through_freedict_with_lemmas(tmp_path: Path):
    from assist.gloss.freedict import EuropeanAnalyzer, FreeDict

    folder = _dictd(
        tmp_path,
        {
            "Paket": "Paket /pakˈeːt/ <n, neut, sg>\nparcel <n> [Br.], package <n> [Am.]\n",
            "kaputt": "kaputt /kˈɑpʊt/ <adj>\n [ugs.] whacked <adj>\n\nkaputt /kˈɑpʊt/ <adj>\nbroken <adj>, bust\n",
            "ankommen": "ankommen /ˈankɔmən/ <v>\n1. arrive <v>\n2. come <v>\n",
        },
    )
    german = GlossEngine(None, {"de": EuropeanAnalyzer("de", FreeDict("de", folder))})
    lines = german.gloss("Mein Paket ist kaputt. Die Pakete NL-104233 kamen am 3. Mai an.", "de", "en", ORDER)
    assert lines[0].text in ("My parcel is broken.", "My package is broken.")
    assert "NL-104233" in lines[1].text and "package" in lines[1].text, "Pakete -> Paket (simplemma)"
    broken = next(w for w in lines[0].words if w.source == "kaputt")
    assert broken.senses[0].startswith("broken"), "a colloquial sense ([ugs.]) is not the one shown"
    missing = GlossEngine(None, {"de": EuropeanAnalyzer("de", FreeDict("de", tmp_path / "none"))})
    assert "apt-get install dict-freedict-deu-eng" in (missing.unavailable("de") or "")
