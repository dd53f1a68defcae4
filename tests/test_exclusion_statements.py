"""Exclusions stated one bullet at a time, or as "we do not accept returns of X: examples...", and matched
against order items by the class they name. Sentences and items written for the test."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assist.answers import excluded_items
from assist.models import Order
from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_facts import PolicyFacts


def _excluded(text: str, language: str = "en", section: str = "Returns") -> list[str]:
    facts = extract_facts([PolicyChunk("c1", text, section, language)])
    return [p for f in facts if f.slot == "returns.excluded" and not f.needs_review for p in f.value]


def _delivered_order(order_id: str, currency: str, items: list[dict[str, Any]]) -> Order:
    """An order delivered on 5 November 2026 holding ``items`` (each ``sku``, ``name``, ``quantity``, ``price``)."""
    return Order.model_validate(
        {
            "order_id": order_id,
            "customer_id": "C1",
            "customer_name": "Sam",
            "status": "delivered",
            "placed_at": datetime(2026, 11, 1, tzinfo=UTC),
            "delivered_at": datetime(2026, 11, 5, tzinfo=UTC),
            "items": items,
            "total": sum(item["price"] * item["quantity"] for item in items),
            "currency": currency,
        }
    )


def test_each_bullet_names_its_own_exclusion_and_a_rule_bullet_introduces_no_list():
    text = (
        "Not happy? Send it back within 30 days.\n\n"
        "- Opened card games can't be returned unless they are faulty.\n"
        "- Puzzles must be complete.\n"
        "- Gift vouchers are non-returnable.\n"
    )
    assert _excluded(text) == ["Opened card games", "Gift vouchers"]


def test_the_class_before_a_colon_is_the_exclusion_not_its_examples():
    text = (
        "No aceptamos devoluciones de productos personalizados: tazas, camisetas y gorras con nombre se hacen "
        "por encargo."
    )
    assert _excluded(text, "es", "Devoluciones") == ["productos personalizados"]


def test_exclusions_from_several_statements_are_all_matched_and_a_compound_needs_both_words():
    facts = PolicyFacts.model_validate(
        {
            "shop": "t",
            "facts": [
                {
                    "slot": "returns.excluded",
                    "value": ["Gift vouchers"],
                    "chunk_id": "a",
                    "sentence": "Gift vouchers are non-returnable.",
                },
                {
                    "slot": "returns.excluded",
                    "value": ["Mystery boxes"],
                    "chunk_id": "b",
                    "sentence": "Mystery boxes can't be returned.",
                },
            ],
        }
    )
    order = _delivered_order(
        "T-1",
        "GBP",
        [
            {"sku": "GV-20", "name": "Gift voucher £20", "quantity": 1, "price": 20},
            {"sku": "MB-1", "name": "Mystery Box (clearance)", "quantity": 1, "price": 15},
            {"sku": "SL-100", "name": "Voucher wallet sleeves, pack of 100", "quantity": 1, "price": 4},
        ],
    )
    found = excluded_items(order, facts)[0]
    assert found.value == {"GV-20": "Gift vouchers", "MB-1": "Mystery boxes"}
    assert {f.chunk_id for f in found.facts} == {"a", "b"}


def test_a_rule_on_a_broken_seal_makes_items_returnable_only_unopened_not_excluded():
    facts = PolicyFacts.model_validate(
        {"shop": "t", "facts": [{"slot": "returns.excluded", "value": ["Puzzles whose seal has been broken"]}]}
    )
    order = _delivered_order(
        "T-2",
        "GBP",
        [
            {"sku": "PZ-1", "name": "Harbour puzzle 1000 (shrink-wrapped)", "quantity": 1, "price": 20},
            {"sku": "PZ-2", "name": "Castle puzzle 500", "quantity": 1, "price": 15},
        ],
    )
    found = {a.key: a.value for a in excluded_items(order, facts)}
    assert found["excluded_items"] == {}
    assert found["excluded_if_opened"] == {
        "PZ-1": "Puzzles whose seal has been broken",
        "PZ-2": "Puzzles whose seal has been broken",
    }


def test_a_punctuated_list_keeps_its_last_long_item_and_drops_the_explanation_after_a_dash():
    text = (
        "Sono esclusi dal reso:\n\n"
        "i paralumi su misura (fatti sulle vostre misure) ;\n\n"
        "le lampadine la cui confezione è stata aperta — una lampadina si riprende solo nel blister sigillato.\n"
    )
    assert _excluded(text, "it", "Resi") == ["i paralumi su misura", "le lampadine la cui confezione è stata aperta"]


def test_a_personalised_item_matches_a_personalisation_class_in_any_inflection():
    facts = PolicyFacts.model_validate(
        {"shop": "t", "facts": [{"slot": "returns.excluded", "value": ["articoli personalizzati"]}]}
    )
    order = _delivered_order(
        "T-3",
        "EUR",
        [
            {"sku": "CIN-M", "name": "Cintura con monogramma", "quantity": 1, "price": 60},
            {"sku": "CIN-P", "name": "Cintura classica", "quantity": 1, "price": 50},
        ],
    )
    assert excluded_items(order, facts)[0].value == {"CIN-M": "articoli personalizzati"}


def test_a_two_word_class_matches_its_own_inflections():
    facts = PolicyFacts.model_validate(
        {"shop": "t", "facts": [{"slot": "returns.excluded", "value": ["cartes cadeaux"]}]}
    )
    order = _delivered_order(
        "T-4",
        "EUR",
        [
            {"sku": "CC-50", "name": "Carte cadeau 50 €", "quantity": 1, "price": 50},
            {"sku": "CA-1", "name": "Carte routière des Alpes", "quantity": 1, "price": 9},
        ],
    )
    assert excluded_items(order, facts)[0].value == {"CC-50": "cartes cadeaux"}
