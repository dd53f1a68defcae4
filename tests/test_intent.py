from __future__ import annotations

import pytest
import yaml
from typer.testing import CliRunner

from assist.errors import InvalidInput
from assist.intent import (
    IntentClassifier,
    default_taxonomy,
    load_taxonomy_file,
    parse_taxonomy,
    shop_taxonomy,
    with_learned_examples,
)
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


# A shop's own taxonomy: examples in one phrasing each; the held-out messages are new phrasings with
# typos, never among the examples.
PARCEL_SHOP = {
    "intents": [
        {
            "name": "where_is_it",
            "description": "Buyer asks where the parcel is or when it arrives",
            "examples": [
                "where is my parcel",
                "my parcel is not here yet",
                "when does my parcel arrive",
                "track my parcel please",
                "has my order shipped yet",
                "the tracking has not moved for days",
            ],
        },
        {
            "name": "money_back",
            "description": "Buyer wants a refund",
            "examples": [
                "I want my money back",
                "refund me please",
                "please refund my payment",
                "give me a refund for this order",
                "how long does the refund take",
                "I returned it, where is my refund",
            ],
        },
        {
            "name": "broken_item",
            "description": "The item arrived broken or does not work",
            "examples": [
                "the mug arrived broken",
                "the lamp does not work",
                "item is damaged and cracked",
                "it broke after one day",
                "the screen is cracked",
                "the box was crushed and the glass shattered",
            ],
        },
        {
            "name": "change_address",
            "description": "Buyer wants to change the delivery address",
            "examples": [
                "please change my delivery address",
                "I moved, new address for the order",
                "can you ship it to a different address",
                "update the shipping address please",
                "wrong address on my order",
                "send it to my office instead",
            ],
        },
    ]
}
HELD_OUT = [
    ("wher is my parcell??", "where_is_it"),
    ("parcel still not arrived, when will it come", "where_is_it"),
    ("tracking hasnt moved since monday", "where_is_it"),
    ("I want a refund of my money", "money_back"),
    ("refnd please, I sent it back", "money_back"),
    ("when do I get my money back", "money_back"),
    ("the vase arrived cracked and broken", "broken_item"),
    ("my lamp doesnt work at all", "broken_item"),
    ("glass shattered in the box", "broken_item"),
    ("new adress please, I moved house", "change_address"),
    ("ship to my office address instead", "change_address"),
    ("could you change the shipping adress", "change_address"),
]


def test_held_out_messages_get_their_intent():
    """Accuracy on messages the classifier never saw: new phrasings and typos."""
    classifier = IntentClassifier(parse_taxonomy(PARCEL_SHOP), FakeEmbedder())
    trained = {e for i in PARCEL_SHOP["intents"] for e in i["examples"]}
    assert not trained & {text for text, _ in HELD_OUT}
    predicted = classifier.predict_many([text for text, _ in HELD_OUT], out_of_scope=False)
    hits = [p == gold for p, (_, gold) in zip(predicted, HELD_OUT, strict=True)]
    assert sum(hits) >= 10, list(zip(predicted, HELD_OUT, strict=True))


def test_default_taxonomy_on_held_out_examples():
    """Every third example of each default intent is held out of training and must still be recognised
    (same-language neighbours only: the fake embedder knows no language)."""
    data = default_taxonomy().model_dump()
    held: list[tuple[str, str]] = []
    for intent in data["intents"]:
        held += [(text, intent["name"]) for text in intent["examples"][2::3]]
        intent["examples"] = [t for i, t in enumerate(intent["examples"]) if i % 3 != 2]
    classifier = IntentClassifier(parse_taxonomy(data), FakeEmbedder())
    predicted = classifier.predict_many([text for text, _ in held], out_of_scope=False)
    accuracy = sum(p == gold for p, (_, gold) in zip(predicted, held, strict=True)) / len(held)
    assert len(held) == 100 and accuracy >= 0.4  # chance is 1/15; the real encoder: see the slow test


def test_out_of_scope_gets_the_fallback_with_a_calibrated_score():
    taxonomy = parse_taxonomy({**PARCEL_SHOP, "fallback": "not_for_us"})
    classifier = IntentClassifier(taxonomy, FakeEmbedder())
    far = classifier.predict("Quarterly dividend reinvestment schedule for bonds")
    assert far.intent == "not_for_us"
    assert far.in_scope is not None and far.in_scope < 0.5 and far.confidence == pytest.approx(1 - far.in_scope, 1e-3)
    near = classifier.predict("where is my parcel, the tracking says nothing")
    assert near.intent == "where_is_it" and near.in_scope > 0.5
    strict = IntentClassifier(parse_taxonomy({**PARCEL_SHOP, "threshold": 0.99}), FakeEmbedder())
    assert strict.predict("where is my parcel, the tracking says nothing").intent == "other"


def test_confidence_is_calibrated_and_unsure_is_explicit():
    taxonomy = parse_taxonomy({**PARCEL_SHOP, "threshold": 0.0})  # nothing out of scope: unsure alone
    classifier = IntentClassifier(taxonomy, FakeEmbedder())
    probs = classifier.probabilities([text for text, _ in HELD_OUT])
    assert probs.shape == (12, 4) and abs(probs.sum(axis=1) - 1).max() < 1e-6
    clear = classifier.predict("where is my parcel")
    mixed = classifier.predict("refund broken address parcel")  # a bit of three intents
    assert not clear.unsure and clear.confidence > mixed.confidence
    assert mixed.unsure and mixed.intent in classifier.labels and mixed.confidence < 0.5


def test_learned_examples_join_their_intent_and_change_the_model():
    taxonomy = parse_taxonomy(PARCEL_SHOP)
    learned = [
        {"intent": "money_back", "text": "chargeback incoming unless you pay"},
        {"intent": "gone_intent", "text": "kept for when the intent returns"},
    ]
    merged = with_learned_examples(taxonomy, learned)
    money = next(i for i in merged.intents if i.name == "money_back")
    assert money.examples[-1] == "chargeback incoming unless you pay" and len(money.examples) == 7
    assert merged.hash != taxonomy.hash and sum(len(i.examples) for i in merged.intents) == 25
    stored = shop_taxonomy({"taxonomy": PARCEL_SHOP, "intent_examples": learned})
    assert stored.hash == merged.hash
    assert shop_taxonomy({"intent_examples": [{"intent": "other", "text": "hi there"}]}).intents[-1].examples[-1] == (
        "hi there"
    )


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
    # 8 examples + 2 descriptions, then the description view's 2 names in words + 2 descriptions
    assert first == 14 and CountingEmbedder.calls == first  # second training read the vectors from disk


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
    """The real ``assist taxonomy set`` (its own Services, on the same data folder as the API), and its
    error path: a bad file exits 2, names the problem, and keeps the stored taxonomy."""
    from assist.cli import app
    from assist.config import get_settings

    monkeypatch.setenv("ASSIST_DATA_DIR", str(services.settings.data_dir))
    monkeypatch.setattr("retrievers.embeddings.default_embedder", FakeEmbedder)
    get_settings.cache_clear()
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(SHOP_TAXONOMY), encoding="utf-8")
    try:
        result = CliRunner().invoke(app, ["taxonomy", "set", "--shop", "alpha", str(path)])
        assert result.exit_code == 0, result.output
        assert "2 intents and 8 examples stored" in result.output
        answer = client.post("/v1/intent", json={"text": "refund me please"}, headers=auth).json()
        assert answer["intent"] == "money_back"

        path.write_text(yaml.safe_dump({"intents": [{"name": "x", "description": "d", "examples": ["a"]}]}))
        bad = CliRunner().invoke(app, ["taxonomy", "set", "--shop", "alpha", str(path)])
        assert bad.exit_code == 2 and "intent 'x': 'examples' needs at least 3" in bad.stderr
        good = tmp_path / "good.yaml"
        good.write_text(yaml.safe_dump(SHOP_TAXONOMY), encoding="utf-8")
        missing = CliRunner().invoke(app, ["taxonomy", "set", "--shop", "nobody", str(good)])
        assert missing.exit_code == 2 and "nobody" in missing.stderr
        again = client.post("/v1/intent", json={"text": "refund me please"}, headers=auth).json()
        assert again["intent"] == "money_back"
        shown = CliRunner().invoke(app, ["taxonomy", "show", "--shop", "alpha"])
        assert shown.exit_code == 0 and "money_back" in shown.stdout
        assert "custom taxonomy of shop 'alpha', 0 examples taught by reviewers" in shown.stdout
    finally:
        get_settings.cache_clear()


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


@pytest.mark.slow
def test_real_embedder_on_held_out_examples_in_eight_languages(use_embedder):
    """Every third example of each default intent held out (they are in 8 languages)."""
    data = default_taxonomy().model_dump()
    held: list[tuple[str, str]] = []
    for intent in data["intents"]:
        held += [(text, intent["name"]) for text in intent["examples"][2::3]]
        intent["examples"] = [t for i, t in enumerate(intent["examples"]) if i % 3 != 2]
    classifier = IntentClassifier(parse_taxonomy(data), use_embedder)
    predicted = classifier.predict_many([text for text, _ in held])
    accuracy = sum(p == gold for p, (_, gold) in zip(predicted, held, strict=True)) / len(held)
    assert accuracy >= 0.85, accuracy


@pytest.mark.slow
def test_real_embedder_english_examples_serve_other_languages(use_embedder):
    taxonomy = parse_taxonomy(PARCEL_SHOP)
    classifier = IntentClassifier(taxonomy, use_embedder)
    cases = [
        ("Wo ist mein Paket? Es ist immer noch nicht angekommen.", "where_is_it"),
        ("荷物がまだ届きません。今どこにありますか？", "where_is_it"),
        ("Je veux être remboursé, s'il vous plaît.", "money_back"),
        ("¿Cuándo me devuelven el dinero?", "money_back"),
        ("La tazza è arrivata rotta.", "broken_item"),
        ("杯子到的时候已经碎了", "broken_item"),
        ("Por favor, mudem o endereço de entrega.", "change_address"),
        ("Bitte liefern Sie an meine neue Adresse.", "change_address"),
    ]
    predicted = classifier.predict_many([text for text, _ in cases])
    assert sum(p == gold for p, (_, gold) in zip(predicted, cases, strict=True)) >= 7, predicted
    assert classifier.predict("Wie wird das Wetter morgen in Berlin?").intent == "other"
