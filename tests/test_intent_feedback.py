"""Statements of feedback go to the taxonomy's feedback intent (assist/intent/feedback.py).

Fast tests drive the route with a scripted reader; the slow ones train the real reader over the multilingual
encoder and classify messages written for these tests (in neither the exemplar file nor any dataset)."""

from __future__ import annotations

import numpy as np
import pytest
from shop_turns import fixture_shop_turns

from assist.ask_topics import TopicReading
from assist.intent import IntentClassifier, parse_taxonomy
from assist.intent import feedback as fb


class Scripted:
    """A stand-in reader: each text's feedback probability is given."""

    def __init__(self, feedback: dict[str, float]) -> None:
        self.feedback = feedback

    def read(self, texts: list[str]) -> list[TopicReading]:
        out = []
        for text in texts:
            p = self.feedback.get(text, 0.0)
            out.append(TopicReading(fb.FEEDBACK if p >= 0.5 else fb.OTHER, max(p, 1 - p), {fb.FEEDBACK: p}))
        return out


def test_a_statement_no_example_fits_goes_to_the_feedback_intent_and_nothing_else_moves() -> None:
    model = Scripted({"love it": 0.9, "where is my parcel, you are useless": 0.9, "hmm": 0.1})
    route = fb.FeedbackRoute(target=2, similarity=0.8, model=model)  # type: ignore[arg-type]
    texts = ["love it", "where is my parcel, you are useless", "hmm", "cancel it"]
    probs = np.array([[0.7, 0.2, 0.1], [0.9, 0.05, 0.05], [0.5, 0.4, 0.1], [0.1, 0.85, 0.05]])
    in_scope = np.array([0.2, 0.95, 0.1, 0.9])
    routed, scope = route.route(texts, probs, in_scope)
    assert routed[0].argmax() == 2 and scope[0] == pytest.approx(0.9)  # read as feedback, no example near
    assert np.allclose(routed[0].sum(), 1.0)
    assert routed[1].argmax() == 0 and scope[1] == 0.95  # an example fits better: stays
    assert np.array_equal(routed[2:], probs[2:]) and np.array_equal(scope[2:], in_scope[2:])  # not feedback


def test_the_resource_has_statements_descriptions_and_asks_in_several_languages() -> None:
    import yaml

    data = yaml.safe_load(fb.STATEMENTS.read_text(encoding="utf-8"))
    assert len(data["statements"]) >= 10 and len(data["intent_descriptions"]) >= 6 and len(data["asks"]) >= 6
    assert len(fb.statements()) >= 150 and all(text.strip() for text in fb.statements() + fb.asks())
    assert not set(fb.statements()) & set(fb.asks())


def test_no_statement_is_copied_from_a_fixture_shop_or_the_bitext_file() -> None:
    from bench.intent_data import DEFAULT_DATA

    turns = fixture_shop_turns()
    bitext = DEFAULT_DATA / "intent" / "bitext_customer_service_dev.csv"
    if bitext.is_file():  # read by path for the check only; nothing of it is stored
        import csv

        with bitext.open(encoding="utf-8-sig") as f:
            turns += [row["utterance"].strip().casefold() for row in csv.DictReader(f)]
    ours = fb.statements() + fb.asks()
    copied = [text for text in ours if len(text) > 12 and any(text.casefold() in turn for turn in turns)]
    assert not copied


def test_a_fake_encoder_gets_no_feedback_route() -> None:
    from retrievers.embeddings import FakeEmbedder

    taxonomy = parse_taxonomy(SHOP)
    assert IntentClassifier(taxonomy, FakeEmbedder()).feedback is None


SHOP = {
    "intents": [
        {
            "name": "opinions",
            "description": "The customer tells us what they think of a product or of our service, good or bad.",
            "examples": [
                "How can I write a review of my order?",
                "Where do I rate the product I bought?",
                "I would like to leave some feedback on your website.",
            ],
        },
        {
            "name": "where_is_it",
            "description": "The buyer asks where the parcel is or when it arrives.",
            "examples": ["Where is my parcel?", "When will my order arrive?", "The tracking has not moved."],
        },
        {
            "name": "send_back",
            "description": "The buyer wants to return an item.",
            "examples": ["How do I return this?", "I want to send the jacket back.", "Can I return a used item?"],
        },
        {
            "name": "stop_order",
            "description": "The buyer wants to cancel an order.",
            "examples": ["Please cancel my order.", "I want to cancel what I bought.", "Can I still cancel it?"],
        },
    ]
}


@pytest.mark.slow
def test_real_reader_sends_statements_of_feedback_to_the_intent_described_as_feedback(use_embedder) -> None:
    classifier = IntentClassifier(parse_taxonomy(SHOP), use_embedder, english_encoder=None)
    assert classifier.feedback is not None and classifier.labels[classifier.feedback.target] == "opinions"
    for text in [
        "Honestly the teapot is gorgeous, we use it every day.",
        "What a letdown, the support was slow and not friendly at all.",
        "Der Rucksack ist super bequem, ich bin begeistert.",
        "Franchement, la lampe est magnifique et très bien finie.",
    ]:
        answer = classifier.predict(text)
        assert answer.intent == "opinions", (text, answer)
        assert answer.in_scope is not None and answer.in_scope >= classifier.threshold
    for text, intent in [("When does my parcel get here?", "where_is_it"), ("Cancel the order please.", "stop_order")]:
        assert classifier.predict(text).intent == intent


@pytest.mark.slow
def test_real_reader_leaves_a_taxonomy_without_a_feedback_intent_alone(use_embedder) -> None:
    data = {"intents": [i for i in SHOP["intents"] if i["name"] != "opinions"]}  # type: ignore[attr-defined]
    classifier = IntentClassifier(parse_taxonomy(data), use_embedder, english_encoder=None)
    assert classifier.feedback is None


@pytest.mark.slow
def test_v1_intent_answers_the_feedback_intent_for_a_shop_taxonomy(tmp_path, use_embedder) -> None:
    """Through the API, as a shop with its own taxonomy gets it: a statement of feedback is in scope and
    answers the intent described as feedback; an ask of another intent is unchanged."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from assist.config import Settings
    from assist.services import Services
    from assist.store import shops

    settings = Settings(data_dir=tmp_path / "data", environment="test", load_demo=False, rate_limit_per_minute=0)
    services = Services(settings, embedder=use_embedder)
    try:
        with services.db.session() as session:
            _, key = shops.create_shop(session, "alpha", {"taxonomy": SHOP})
        with TestClient(create_app(services=services)) as client:
            auth = {"Authorization": f"Bearer {key}"}
            praise = client.post("/v1/intent", json={"text": "Really lovely quality, I'm delighted."}, headers=auth)
            assert praise.status_code == 200, praise.text
            assert praise.json()["intent"] == "opinions" and praise.json()["in_scope"] >= 0.5
            ask = client.post("/v1/intent", json={"text": "Can I still cancel my order?"}, headers=auth).json()
            assert ask["intent"] == "stop_order"
    finally:
        services.close()


def test_auto_gives_the_route_to_a_shop_taxonomy_only(monkeypatch) -> None:
    from assist.intent import default_taxonomy
    from retrievers.embeddings import FakeEmbedder

    asked: list[int] = []

    def route_for(descriptions: np.ndarray, *args: object) -> str:
        asked.append(len(descriptions))
        return "route"

    monkeypatch.setattr(fb, "route_for", route_for)
    assert IntentClassifier(default_taxonomy(), FakeEmbedder()).feedback is None  # the default keeps its examples
    assert IntentClassifier(parse_taxonomy(SHOP), FakeEmbedder()).feedback == "route"
    assert asked == [len(SHOP["intents"])]  # one description vector per intent
    assert IntentClassifier(parse_taxonomy(SHOP), FakeEmbedder(), feedback=False).feedback is None
