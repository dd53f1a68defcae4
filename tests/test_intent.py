from __future__ import annotations

import pytest
import yaml
from typer.testing import CliRunner

from assist.errors import InvalidInput
from assist.intent import IntentClassifier, default_taxonomy, load_taxonomy_file, parse_taxonomy
from assist.llm import ScriptedChatModel
from assist.models import Conversation
from assist.sentiment import assess_mood
from retrievers.embeddings import FakeEmbedder

SHOP_TAXONOMY = {
    "intents": [
        {
            "name": "where_is_it",
            "description": "Buyer asks where the parcel is",
            "examples": ["where is my parcel", "parcel not here yet", "when does my parcel arrive", "track parcel"],
        },
        {
            "name": "money_back",
            "description": "Buyer wants money back",
            "examples": ["I want my money back", "refund me please", "money back now", "give me a refund"],
        },
    ]
}


@pytest.fixture(scope="module")
def classifier():
    return IntentClassifier(default_taxonomy(), FakeEmbedder())


def test_default_taxonomy_has_the_designed_intents():
    taxonomy = default_taxonomy()
    assert taxonomy.names == [
        "track_order",
        "delivery_problem",
        "cancel_order",
        "change_order",
        "return_request",
        "refund_status",
        "damaged_or_defective",
        "wrong_or_missing_item",
        "product_question",
        "price_or_discount",
        "payment_issue",
        "invoice_request",
        "account_issue",
        "complaint",
        "other",
    ]
    assert all(15 <= len(i.examples) <= 30 for i in taxonomy.intents)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"intent": []}, "expected a mapping with 'intents"),
        ({"intents": [{"name": "Track Order", "description": "x", "examples": ["a", "b", "c"]}]}, "'name' must be"),
        ({"intents": [{"name": "a", "description": "", "examples": ["a", "b", "c"]}]}, "intent 'a': 'description'"),
        ({"intents": [{"name": "a", "description": "d", "examples": ["only one"]}]}, "intent 'a': 'examples' needs"),
        ({"intents": [{"name": "a", "description": "d", "examples": "abc"}]}, "intent 'a': 'examples' must be"),
        ({"intents": [{"name": "a", "description": "d", "examples": ["1", "2", "3"]}] * 2}, "intent 'a' appears twice"),
        ({"intents": [{"name": "a", "description": "d", "examples": ["1", "2", "3"]}]}, "List should have at least 2"),
    ],
)
def test_taxonomy_errors_name_the_intent_and_field(data, message):
    with pytest.raises(InvalidInput, match=message):
        parse_taxonomy(data)


def test_taxonomy_file_errors(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("intents: [unclosed", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid YAML"):
        load_taxonomy_file(path)
    with pytest.raises(InvalidInput, match="taxonomy file .* not found"):
        load_taxonomy_file(tmp_path / "missing.yaml")


def test_classifier_learns_its_examples(classifier):
    for spec in classifier.taxonomy.intents:
        predicted = classifier.predict_many(spec.examples)
        hits = sum(p == spec.name for p in predicted)
        assert hits >= 0.8 * len(spec.examples), (spec.name, predicted)


def test_prediction_has_candidates_and_mood(classifier):
    prediction = classifier.predict("Your customer service is the worst, I will leave a one-star review!!!")
    assert prediction.intent == "complaint"
    assert prediction.candidates[0].intent == "complaint" and len(prediction.candidates) == 3
    assert prediction.candidates[0].score >= prediction.candidates[1].score
    assert prediction.sentiment == "negative" and prediction.urgency == "high"
    assert {"review_threat", "exclamations"} <= set(prediction.urgency_reasons)
    assert prediction.engine == "classifier"


def test_unclear_text_falls_back_to_other():
    taxonomy = parse_taxonomy({**SHOP_TAXONOMY, "threshold": 0.9})
    prediction = IntentClassifier(taxonomy, FakeEmbedder()).predict("zzz qqq")
    assert prediction.intent == "other"


def test_conversation_uses_the_buyers_recent_messages(classifier):
    conversation = Conversation.model_validate(
        {
            "messages": [
                {"role": "customer", "text": "Hello"},
                {"role": "agent", "text": "Hi, how can I help?"},
                {"role": "customer", "text": "I want to cancel my order NL-104233"},
                {"role": "customer", "text": "please cancel it"},
                {"role": "customer", "text": "hello??"},
            ]
        }
    )
    prediction = classifier.predict_conversation(conversation)
    assert prediction.intent == "cancel_order"
    assert "repeated_contact" in prediction.urgency_reasons
    with pytest.raises(InvalidInput, match="no customer message"):
        classifier.predict_conversation(Conversation.model_validate({"messages": [{"role": "agent", "text": "Hi"}]}))


def test_llm_vote_is_combined_with_the_classifier():
    taxonomy = parse_taxonomy(SHOP_TAXONOMY)
    model = ScriptedChatModel(responses=['{"intent": "money_back", "confidence": 1.0}'])
    prediction = IntentClassifier(taxonomy, FakeEmbedder(), chat_model=model).predict("hm, the parcel")
    assert prediction.intent == "money_back" and prediction.engine == "classifier+fake"
    assert "money_back: Buyer wants money back" in model.history[0][0].content


def test_llm_failure_keeps_the_classifier_answer():
    taxonomy = parse_taxonomy(SHOP_TAXONOMY)
    model = ScriptedChatModel(responses=['{"intent": "made_up", "confidence": 0.9}'])
    prediction = IntentClassifier(taxonomy, FakeEmbedder(), chat_model=model).predict("where is my parcel")
    assert prediction.intent == "where_is_it" and prediction.engine == "classifier"
    assert "made_up" in prediction.degraded


def test_example_vectors_are_cached_on_disk(tmp_path):
    class CountingEmbedder(FakeEmbedder):
        calls = 0

        def embed(self, texts):
            CountingEmbedder.calls += len(texts)
            return super().embed(texts)

    taxonomy = parse_taxonomy(SHOP_TAXONOMY)
    IntentClassifier(taxonomy, CountingEmbedder(), cache_dir=tmp_path)
    first = CountingEmbedder.calls
    IntentClassifier(taxonomy, CountingEmbedder(), cache_dir=tmp_path)
    assert first == 10 and CountingEmbedder.calls == first  # second training read the vectors from disk


@pytest.mark.parametrize(
    ("text", "sentiment", "urgency", "reason"),
    [
        ("Thank you so much, perfect!", "positive", "low", None),
        ("Ich werde meinen Anwalt einschalten", "negative", "high", "legal"),
        ("PayPal dispute incoming, I will file a chargeback", "negative", "high", "chargeback"),
        ("至急対応してください", "neutral", "normal", "urgent"),
        ("太差了，我要给差评", "negative", "high", "review_threat"),
        ("WHERE IS MY PACKAGE I PAID ALREADY", "neutral", "normal", "all_caps"),
        ("È la terza volta che scrivo, pessimo servizio", "negative", "normal", "repeated_contact"),
    ],
)
def test_mood(text, sentiment, urgency, reason):
    mood = assess_mood(text)
    assert (mood.sentiment, mood.urgency) == (sentiment, urgency)
    assert reason is None or reason in mood.reasons


def test_intent_endpoint(client, auth):
    text = client.post("/v1/intent", json={"text": "I want to cancel my order"}, headers=auth)
    assert text.status_code == 200 and text.json()["intent"] == "cancel_order"
    assert set(text.json()) >= {"intent", "confidence", "candidates", "sentiment", "urgency"}
    conv = {"messages": [{"role": "customer", "text": "the mug arrived broken"}]}
    assert (
        client.post("/v1/intent", json={"conversation": conv}, headers=auth).json()["intent"] == "damaged_or_defective"
    )
    for body in ({}, {"text": "x", "conversation": conv}):
        bad = client.post("/v1/intent", json=body, headers=auth)
        assert bad.status_code == 422 and bad.json()["detail"] == "send exactly one of 'conversation' or 'text'"


def test_taxonomy_set_cli_stores_and_the_api_uses_it(services, client, auth, tmp_path, monkeypatch):
    from assist.cli import app
    from assist.cli import taxonomy as taxonomy_cli

    monkeypatch.setattr(taxonomy_cli, "cli_services", _reuse(services))
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(SHOP_TAXONOMY), encoding="utf-8")
    result = CliRunner().invoke(app, ["taxonomy", "set", "--shop", "alpha", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 intents and 8 examples stored" in result.output
    answer = client.post("/v1/intent", json={"text": "refund me please"}, headers=auth).json()
    assert answer["intent"] == "money_back"

    path.write_text(yaml.safe_dump({"intents": [{"name": "x", "description": "d", "examples": ["a"]}]}))
    bad = CliRunner().invoke(app, ["taxonomy", "set", "--shop", "alpha", str(path)])
    assert bad.exit_code == 2 and "intent 'x': 'examples' needs at least 3" in bad.output
    assert client.post("/v1/intent", json={"text": "refund me please"}, headers=auth).json()["intent"] == "money_back"


def _reuse(services):
    from contextlib import contextmanager

    import typer

    from assist.errors import AssistError

    @contextmanager
    def cli_services():
        try:
            yield services
        except AssistError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None

    return cli_services


@pytest.fixture(scope="module")
def real_classifier(use_embedder):
    return IntentClassifier(default_taxonomy(), use_embedder)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Where is my package? It should have arrived by now.", "track_order"),
        ("Das Paket kam kaputt an, die Tasse ist zerbrochen.", "damaged_or_defective"),
        ("注文をキャンセルしたいのですが", "cancel_order"),
        ("退款什么时候能到账？", "refund_status"),
        ("Je voudrais retourner ce pull, il est trop grand.", "return_request"),
        ("Meu cupom de desconto não está funcionando", "price_or_discount"),
        ("¿Me pueden mandar la factura con mi NIF?", "invoice_request"),
        ("Mi hanno addebitato il pagamento due volte", "payment_issue"),
    ],
)
def test_real_embedder_multilingual(real_classifier, text, intent):
    assert real_classifier.predict(text).intent == intent
