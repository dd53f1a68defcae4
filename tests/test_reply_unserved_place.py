"""A delivery-time ask about a place the policy gives no transit time for is reported as uncovered: the dispatch
cut-off alone does not say how long delivery takes (a live check found "je suis en Suisse : combien de temps ?"
answered with the cut-off only and counted as covered)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from assist.ask_replies import answer_asks
from assist.asks import split_asks
from assist.shop_facts import folder_facts

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)

SHIPPING = """---
title: Shipping
language: en
---
# Shipping

Orders placed before 15:30 on a weekday leave our workshop in Utrecht the same day.

| Destination | Delivery time |
|---|---|
| Netherlands | 1-2 business days |
| Belgium | 2-3 business days |
| Germany | 2-4 business days |
"""


@pytest.fixture
def facts(tmp_path: Path):
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "shipping.md").write_text(SHIPPING, encoding="utf-8")
    return folder_facts(folder)


def _reply(facts, language: str, question: str):
    return answer_asks(language, split_asks(question, lambda p: ["product_question"] * len(p)), facts, None, NOW)


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("fr", "Bonjour, j'habite à Lyon : vous livrez en France ? Combien de temps faut-il ?"),
        ("en", "Hi, I live in Denver. How long does delivery to the US take?"),
        ("es", "Hola, vivo en Valencia, España. ¿Cuánto tiempo tarda la entrega?"),
    ],
)
def test_a_place_without_a_transit_time_leaves_the_delivery_time_ask_open(facts, language, question):
    reply = _reply(facts, language, question)
    asked = [c for c in reply.coverage if "shipping_time" in c.topics]
    assert asked and not asked[0].covered, reply.coverage
    assert any("transit time" in note for note in asked[0].answers), asked[0].answers


@pytest.mark.parametrize(
    ("language", "question", "wanted"),
    [
        ("en", "Hi, I live in Antwerp, Belgium. How long does delivery take?", "2–3"),
        ("de", "Hallo, ich wohne in Köln. Wie lange dauert die Lieferung?", "2–4"),
    ],
)
def test_a_place_with_a_transit_time_is_answered_and_covered(facts, language, question, wanted):
    reply = _reply(facts, language, question)
    asked = [c for c in reply.coverage if "shipping_time" in c.topics]
    assert asked and asked[0].covered, reply.coverage
    assert reply.text is not None and wanted in reply.text, reply.text
