"""The card's offline translator: the chat-model engine left out, and each answer remembered by input."""

from __future__ import annotations

from assist.llm import ScriptedChatModel
from assist.models import IntentPrediction, Translation
from assist.pipeline import MemoTranslator, offline_translator
from assist.services import Services
from retrievers.embeddings import FakeEmbedder


class CountingTranslator:
    def __init__(self) -> None:
        self.calls = 0
        self.degrade = False

    def translate(self, text, target_language, source_language=None, **kwargs):  # type: ignore[no-untyped-def]
        self.calls += 1
        return Translation(
            text=f"[{target_language}] {text}",
            source_language=source_language or "de",
            target_language=target_language,
            engine="fake",
            degraded="deadline passed" if self.degrade else None,
        )


def test_each_input_is_translated_once_and_callers_get_their_own_copy():
    inner = CountingTranslator()
    memo = MemoTranslator(inner, size=2)
    first = memo.translate("Wo ist mein Paket?", "en", "de")
    first.text = "changed by a caller"
    again = memo.translate("Wo ist mein Paket?", "en", "de")
    assert again.text == "[en] Wo ist mein Paket?" and inner.calls == 1
    memo.translate("Wo ist mein Paket?", "fr", "de")
    memo.translate("Danke", "en", "de")  # evicts the oldest (de->en), size 2
    memo.translate("Wo ist mein Paket?", "en", "de")
    assert inner.calls == 4


def test_degraded_answers_and_caller_intents_are_not_remembered():
    inner = CountingTranslator()
    memo = MemoTranslator(inner)
    inner.degrade = True
    memo.translate("Hallo", "en", "de")
    memo.translate("Hallo", "en", "de")
    assert inner.calls == 2
    inner.degrade = False
    intent = IntentPrediction(intent="track_order", confidence=0.9)
    memo.translate("Hallo", "en", "de", classify=lambda _text: intent)
    memo.translate("Hallo", "en", "de", classify=lambda _text: intent)
    assert inner.calls == 4


def test_with_a_chat_model_the_offline_translator_never_calls_it(settings):
    model = ScriptedChatModel()  # no answer queued: any call would fail loudly
    services = Services(settings, embedder=FakeEmbedder(), chat_model=model)
    translator = offline_translator(services)
    assert translator is offline_translator(services)
    result = translator.translate("Wo ist mein Paket?", "en", "de")
    assert result.engine not in {"fake", "scripted-fake"} and model.history == []
    services.translator.translate("Wo ist mein Paket?", "en", "de")
    assert model.history, "the full translator does ask the chat model"
