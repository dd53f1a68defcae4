"""Numbers written in words in languages no package spells (Galician, Urdu, Sindhi, Marathi, Somali): the draft's
window is read from its grammar list (``assist/quality/resources/number_words.yaml``) and held to the policy."""

from __future__ import annotations

import pytest
from draft_fixtures import NOW, POLICY, fired

from assist.models import Conversation
from assist.policy_facts import PolicyFacts
from assist.quality import check_draft
from assist.quality.extract import draft_durations
from assist.quality.grammar_numbers import grammar_spelled

FACTS = PolicyFacts.model_validate(
    {
        "shop": "made-up trophies",
        "facts": [
            {"slot": "returns.window", "value": 7, "unit": "day", "sentence": "7 days to send it back."},
            {"slot": "damage.report_window", "value": 48, "unit": "hour", "sentence": "Send photos within 48 hours."},
        ],
    }
)


def _checks(draft: str, buyer: str) -> list[str]:
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": buyer, "sent_at": NOW}]})
    return fired(check_draft(draft, conversation=conversation, order=None, checks=[POLICY], facts=FACTS, now=NOW))


@pytest.mark.parametrize(
    ("text", "low", "unit"),
    [
        ("Tes ata unha semana para avisarnos con fotos do paquete.", 1, "week"),
        ("آپ سامان ملنے کے بعد پورے چودہ دن میں واپس کر سکتے ہیں۔", 14, "day"),
        ("غلط شيءِ جي خبر ٻن هفتن اندر ڏيو.", 2, "week"),
        ("तुम्ही वस्तू तीस दिवसांत परत करू शकता.", 30, "day"),
    ],
)
def test_a_number_in_words_of_a_language_no_package_spells_is_read(text: str, low: float, unit: str) -> None:
    assert [(d.low, d.unit) for d in draft_durations(text)] == [(low, unit)]


def test_a_ten_and_a_unit_joined_add_up_and_keep_their_length() -> None:
    assert grammar_spelled("Tes vinte e catro horas.", "gl") == "Tes 24            horas."
    somali = grammar_spelled("Waxaad haysataa afar iyo toban maalmood.", "so")
    assert somali.split() == ["Waxaad", "haysataa", "14", "maalmood."]
    assert grammar_spelled("Tes vinte e catro horas.", "pt") == "Tes vinte e catro horas."  # only in its own language


def test_a_window_in_galician_words_is_held_to_the_policy() -> None:
    buyer = "Se o paquete chega roto, ata cando podo avisar?"
    assert POLICY in _checks("Tes ata unha semana para avisarnos con fotos do paquete.", buyer)
    assert POLICY not in _checks("Tes ata dous días para avisarnos con fotos do paquete.", buyer)
