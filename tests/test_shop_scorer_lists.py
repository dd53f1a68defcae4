"""The fixture-shop scorer reads a list-valued required fact (the regions a shop ships to, the evidence a damage
claim needs) element by element: every listed element must be declared; before, the list was compared as its
Python repr and could never count as stated."""

from __future__ import annotations

from typing import Any

from evals.datasets import Case
from evals.scorers import ScoreContext
from evals.shops import facts_stated

OUTPUT = {
    "suggestions": [
        {
            "text": "We ship to Lisbon, Porto and the islands. Please send a photo of the item and of the box.",
            "facts": [
                {"field": "policy_fact.shipping.regions", "value": "Lisbon, Porto, Islands"},
                {"field": "policy_fact.damage.evidence", "value": "photo_item, photo_packaging"},
            ],
        }
    ]
}


def _score(facts: list[dict[str, Any]]) -> bool | None:
    case = Case(id="c1", data={"must_state": facts})
    return facts_stated().fn(case, OUTPUT, ScoreContext(), {}).passed


def test_a_list_counts_when_every_element_is_declared():
    assert _score([{"fact": "shipping.regions", "value": ["Lisbon", "Porto", "Islands"]}]) is True
    assert _score([{"fact": "damage.evidence", "value": ["photo_packaging", "photo_item"]}]) is True


def test_a_list_with_an_element_left_out_is_missing():
    assert _score([{"fact": "shipping.regions", "value": ["Lisbon", "Porto", "Madeira"]}]) is False
    assert _score([{"fact": "damage.evidence", "value": ["photo_item", "video"]}]) is False
