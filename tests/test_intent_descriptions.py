"""A shop's intent descriptions decide messages its examples do not cover; noisy example copies."""

from __future__ import annotations

import numpy as np

from assist.intent import IntentClassifier, parse_taxonomy
from assist.intent.augment import noisy_copies
from retrievers.embeddings import FakeEmbedder

EXAMPLES = {
    "feedback": ["I want to leave a review", "where can I write a review", "how do I post a review", "review form"],
    "delivery": ["when will my parcel arrive", "is my parcel on its way", "parcel arrival date", "track my parcel"],
    "refund": ["I want my money back", "give me a refund", "refund me please", "can I get my money back"],
}
OPINION = "Buyer says what they think of a product good quality or bad quality love it or hate it"
SHIPPING = "Buyer asks about the shipment and the day it comes"
MONEY = "Buyer asks to be paid back"


def classifier(descriptions: dict[str, str]) -> IntentClassifier:
    intents = [{"name": n, "description": descriptions[n], "examples": e} for n, e in EXAMPLES.items()]
    return IntentClassifier(parse_taxonomy({"intents": intents}), FakeEmbedder(dim=256))


def top(model: IntentClassifier, text: str) -> str:
    return model.predict_many([text], out_of_scope=False)[0]


def test_a_message_unlike_every_example_follows_the_descriptions():
    novel = "good quality"  # no word of any example
    described = classifier({"feedback": OPINION, "delivery": SHIPPING, "refund": MONEY})
    assert top(described, novel) == "feedback"
    # the same examples with the first two descriptions swapped: the description, not the examples, decided
    assert top(classifier({"feedback": SHIPPING, "delivery": OPINION, "refund": MONEY}), novel) == "delivery"
    # a message that only names an intent is out of the examples' scope: the names and descriptions decide
    probs, in_scope = described.scores(["delivery"])
    assert in_scope[0] < 0.5 and described.labels[int(probs[0].argmax())] == "delivery"
    described.model.descriptions = None
    without, same_scope = described.scores(["delivery"])
    assert same_scope[0] == in_scope[0]  # the in-scope probability comes from the examples alone
    delivery = described.labels.index("delivery")
    assert probs[0, delivery] > without[0, delivery] + 0.2


def test_a_message_like_the_examples_follows_the_examples_whatever_the_descriptions():
    swapped = classifier({"feedback": SHIPPING, "delivery": OPINION, "refund": MONEY})
    assert top(swapped, "when will my parcel arrive please") == "delivery"
    assert top(swapped, "where can I leave a review") == "feedback"


def test_the_description_view_is_calibrated_on_the_examples():
    model = classifier({"feedback": OPINION, "delivery": SHIPPING, "refund": MONEY}).model
    assert model.descriptions is not None
    assert 2.0 <= model.descriptions.sharpness <= 100.0
    probs = model.descriptions.probabilities(FakeEmbedder(dim=256).embed(["love it good quality"]))
    assert probs.shape == (1, 3) and abs(probs.sum() - 1.0) < 1e-6


def test_noisy_copies_are_deterministic_typos_of_the_example():
    text = "I would like to change the shipping address of my order"
    copies = noisy_copies(text)
    assert copies == noisy_copies(text) and len(copies) == 1
    copy = copies[0]
    assert copy != text and copy.lower().split()[0] == "i"
    assert abs(len(copy) - len(text)) <= 3
    assert noisy_copies("ok") == [] and noisy_copies("好的，谢谢") == []


def test_augmented_training_learns_the_copies_but_scope_stays_on_the_examples():
    taxonomy = parse_taxonomy({"intents": [{"name": n, "description": n, "examples": e} for n, e in EXAMPLES.items()]})
    plain = IntentClassifier(taxonomy, FakeEmbedder(dim=256))
    augmented = IntentClassifier(taxonomy, FakeEmbedder(dim=256), augment=True)
    examples = sum(len(e) + 1 for e in EXAMPLES.values())  # each intent's examples and its description
    assert len(plain.model.examples) == examples < len(augmented.model.examples)
    assert len(augmented.model.raw_examples) == examples  # nearness (out of scope) is to the examples only
    typo = "whre can I wirte a reveiw"
    assert augmented.probabilities([typo])[0][augmented.labels.index("feedback")] > 0.5
    assert np.isfinite(augmented.scores([typo])[1]).all()
