"""The fixture-shop scorer reads a yes/no answer in both forms a case may write: on the answer itself
(``code_window_open: true``) or on its ``.open`` field (the documented ``code_window_open.open: true``)."""

from __future__ import annotations

from typing import Any

import pytest

from evals.datasets import Case
from evals.scorers import ScoreContext
from evals.shops import facts_stated

# a reply that says a forgotten voucher can still be used, and a price drop can no longer be refunded
OUTPUT = {
    "suggestions": [
        {
            "text": "Your voucher can still be applied until 3 March. A price drop is refunded only within 5 days.",
            "facts": [
                {"field": "answer.voucher_window_open", "value": "2027-03-03"},
                {"field": "answer.voucher_window_open.open", "value": "true"},
                {"field": "answer.price_drop_open", "value": "2027-02-20"},
                {"field": "answer.price_drop_open.open", "value": "false"},
            ],
        }
    ]
}


def _score(facts: list[dict[str, Any]]) -> bool | None:
    case = Case(id="c1", data={"must_state": facts})
    return facts_stated().fn(case, OUTPUT, ScoreContext(), {}).passed


@pytest.mark.parametrize("name", ["voucher_window_open", "voucher_window_open.open"])
def test_a_yes_answer_counts_in_either_form(name):
    assert _score([{"fact": name, "value": True}]) is True


@pytest.mark.parametrize("name", ["price_drop_open", "price_drop_open.open"])
def test_a_no_answer_counts_in_either_form_and_the_opposite_does_not(name):
    assert _score([{"fact": name, "value": False}]) is True
    assert _score([{"fact": name, "value": True}]) is False


def test_the_answers_date_is_still_read_on_the_answer_itself():
    assert _score([{"fact": "voucher_window_open", "value": "2027-03-03"}]) is True
    assert _score([{"fact": "voucher_window_open", "value": "2027-03-04"}]) is False


def test_an_answer_the_reply_does_not_declare_is_missing_in_either_form():
    assert _score([{"fact": "return_window_open", "value": True}]) is False
