"""Values paired with places by sentence structure, and who-pays rules under a condition, on policy texts written
for these tests (no fixture shop's words or numbers)."""

from __future__ import annotations

import pytest

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_extract.pairing import UNREAD, paired_region
from assist.policy_facts import PolicyFact


def _facts(text: str, language: str) -> list[PolicyFact]:
    return extract_facts([PolicyChunk(id="p#0", text=text, language=language, source="p.md")])


def _read(facts: list[PolicyFact], slot: str) -> set[tuple[object, str | None]]:
    return {(f.value, f.scope.region) for f in facts if f.slot == slot and not f.needs_review}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "## Delivery\n\nDelivery takes 2-3 business days to Denmark and 5-7 business days to Greece.",
            {(2, "Denmark"), (5, "Greece")},
        ),
        (
            "de",
            "## Lieferung\n\nDie Zustellung dauert 1-2 Werktage nach Belgien und 4-6 Werktage nach Portugal.",
            {(1, "Belgien"), (4, "Portugal")},
        ),
        (
            "es",
            "## Envíos\n\nEl envío tarda 3-4 días hábiles a Francia y 6-9 días hábiles a Irlanda.",
            {(3, "Francia"), (6, "Irlanda")},
        ),
    ],
)
def test_each_transit_time_keeps_the_place_written_after_it(language, text, expected):
    assert _read(_facts(text, language), "shipping.transit_time") == expected


def test_a_threshold_in_parentheses_is_its_places_and_the_value_outside_stays_general():
    facts = _facts("## Versand\n\nVersandkostenfrei ab 60 € (Schweden ab 95 €).", "de")
    assert _read(facts, "shipping.free_threshold") == {(60, None), (95, "Schweden")}


def test_a_threshold_in_parentheses_in_japanese():
    facts = _facts("## 配送\n\n7,000円以上のご注文で送料無料（北海道は12,000円以上）。", "ja")
    assert _read(facts, "shipping.free_threshold") == {(7000, None), (12000, "北海道")}


def test_an_amount_in_parentheses_is_not_the_free_shipping_threshold_of_the_sentence():
    facts = _facts("## Shipping\n\nShipping is free on orders over $70 (Mexico $140).", "en")
    assert _read(facts, "shipping.free_threshold") == {(70, None), (140, "Mexico")}


def test_coordinated_thresholds_each_get_their_place():
    facts = _facts("## Livraison\n\nLivraison offerte dès 45 € en Espagne et dès 90 € en Suède.", "fr")
    assert _read(facts, "shipping.free_threshold") == {(45, "Espagne"), (90, "Suède")}


def test_a_return_label_cost_outside_the_parenthesis_is_not_the_places_in_it():
    facts = _facts("## Returns\n\nThe return label costs €3.50 (Norway €11).", "en")
    assert _read(facts, "returns.shipping_cost") == {(3.5, None), (11, "Norway")}


def test_a_table_whose_header_names_places_scopes_each_column():
    text = (
        "## Shipping\n\n| | Poland | Czechia |\n|---|---|---|\n| Free shipping from | €40 | €65 |\n"
        "| Delivery time | 1-2 days | 3-4 days |"
    )
    facts = _facts(text, "en")
    assert _read(facts, "shipping.free_threshold") == {(40, "Poland"), (65, "Czechia")}
    transit = {(f.value, f.scope.region, f.scope.product_class) for f in facts if f.slot == "shipping.transit_time"}
    assert transit == {(1, "Poland", None), (3, "Czechia", None)}


@pytest.mark.parametrize(
    ("text", "places", "values", "expected"),
    [
        ("A: 1 day, B: 2 days", [(0, 1, "A"), (10, 11, "B")], [(3, 8), (13, 19)], ["A", "B"]),
        ("1 day to A, 2 days to B", [(9, 10, "A"), (22, 23, "B")], [(0, 5), (12, 18)], ["A", "B"]),
        ("1 day, B 2 days", [(7, 8, "B")], [(0, 5), (9, 15)], [None, "B"]),
        ("1 day (B 2 days)", [(7, 8, "B")], [(0, 5), (9, 15)], [None, "B"]),
        ("1 day (A) or 2 days (B)", [(7, 8, "A"), (21, 22, "B")], [(0, 5), (13, 19)], ["A", "B"]),
        ("A 1 day, 2 days", [(0, 1, "A")], [(2, 7), (9, 15)], [UNREAD, UNREAD]),  # left to the nearest place
    ],
)
def test_paired_region_reads_the_structure(text, places, values, expected):
    assert [paired_region(text, v[0], places, values) for v in values] == expected


def test_paired_region_leaves_an_undecided_structure_to_the_caller():
    text = "1 day 2 days to A and B"
    assert paired_region(text, 0, [(16, 17, "A")], [(0, 5), (6, 12)]) == UNREAD


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "## Returns\n\nIf the mistake was ours, we cover the return shipping."),
        ("fr", "## Retours\n\nSi l'erreur vient de nous, les frais de retour sont à notre charge."),
        ("pt", "## Devoluções\n\nSe o erro for nosso, o frete de devolução fica por nossa conta."),
    ],
)
def test_the_shop_paying_under_a_condition_is_no_general_rule(language, text):
    facts = _facts(text, language)
    assert not [f for f in facts if f.slot == "returns.shipping_paid_by" and not f.needs_review]


def test_the_shop_paying_without_a_condition_stays_a_rule():
    facts = _facts("## Returns\n\nReturn shipping is on us: we email you a prepaid label.", "en")
    assert [(f.value, f.needs_review) for f in facts if f.slot == "returns.shipping_paid_by"] == [("shop", False)]


def test_a_service_column_neither_splits_product_classes_nor_gives_the_time():
    text = (
        "## Delivery\n\n| Destination | Service | Delivery time | Price |\n|---|---|---|---|\n"
        "| Portugal | Express Next Day | 1 working day | €9 |\n| Finland | Economy Two Day | 3-4 working days | €14 |"
    )
    transit = {
        (f.value, f.max_value, f.scope.region, f.scope.product_class)
        for f in _facts(text, "en")
        if f.slot == "shipping.transit_time" and not f.needs_review
    }
    assert transit == {(1, None, "Portugal", None), (3, 4.0, "Finland", None)}


def test_a_then_sentence_after_a_question_is_a_condition_of_the_shop_paying():
    facts = _facts("## Returns\n\nDid we send the wrong size? Then we pay the return shipping.", "en")
    assert not [f for f in facts if f.slot == "returns.shipping_paid_by" and not f.needs_review]


@pytest.mark.parametrize(
    ("language", "text", "fees"),
    [
        (
            "en",
            "## Shipping\n\nDelivery is free from €60; under that it costs €3.50 to Italy and €6 to Spain.",
            {(3.5, "Italy"), (6, "Spain")},
        ),
        (
            "de",
            "## Versand\n\nAb 60 € ist der Versand kostenlos, darunter kostet er 3,50 € nach Italien und 6 € nach "
            "Spanien.",
            {(3.5, "Italien"), (6, "Spanien")},
        ),
        (
            "ja",
            "## 配送\n\n8,000円以上で送料無料、それ未満は本州宛て600円、北海道宛て1,200円です。",
            {(600, "本州"), (1200, "北海道")},
        ),
    ],
)
def test_what_shipping_costs_below_the_free_threshold_is_a_fee_for_its_own_place(language, text, fees):
    facts = _facts(text, language)
    assert _read(facts, "shipping.cost") == fees
    assert {value for value, _ in _read(facts, "shipping.free_threshold")} == {60 if language != "ja" else 8000}


@pytest.mark.parametrize(
    ("language", "text", "fees"),
    [
        (
            "de",
            "## Versand\n\nNach Helgoland kostet der Versand 8 €, nach Irland 10 € und nach Dänemark 12 €.",
            {(8, "Helgoland"), (10, "Irland"), (12, "Dänemark")},
        ),
        (
            "fr",
            "## Livraison\n\nVers Jersey, la livraison coûte 9 €, vers la Belgique 7 € et vers la Suisse 15 €.",
            {(9, "Jersey"), (7, "Belgique"), (15, "Suisse")},
        ),
    ],
)
def test_a_fee_written_with_a_place_no_gazetteer_knows_keeps_that_place(language, text, fees):
    assert _read(_facts(text, language), "shipping.cost") == fees


def test_a_fee_before_the_places_with_none_of_its_own_stays_the_general_fee():
    facts = _facts("## Versand\n\nDie Versandkosten betragen 4,90 €, in die Schweiz 12 €, nach Norwegen 15 €.", "de")
    assert _read(facts, "shipping.cost") == {(4.9, None), (12, "Schweiz"), (15, "Norwegen")}


@pytest.mark.parametrize(
    ("language", "intro", "table", "fees"),
    [
        (
            "en",
            "## Delivery\n\n1. Parcels leave our workshop within two days.\n2. Delivery costs by parcel weight:",
            "| Weight | Ireland | France |\n|---|---|---|\n| up to 3 kg | €6 | €13 |\n| 3-10 kg | €9 | €21 |",
            {
                (6, "Ireland", "up to 3 kg"),
                (13, "France", "up to 3 kg"),
                (9, "Ireland", "3-10 kg"),
                (21, "France", "3-10 kg"),
            },
        ),
        (
            "de",
            "## Lieferung\n\n1. Wir versenden binnen zwei Tagen.\n2. Die Versandkosten richten sich nach dem Gewicht:",
            "| Gewicht | Österreich | Italien |\n|---|---|---|\n| bis 3 kg | 7 € | 15 € |\n| 3-10 kg | 11 € | 24 € |",
            {
                (7, "Österreich", "bis 3 kg"),
                (15, "Italien", "bis 3 kg"),
                (11, "Österreich", "3-10 kg"),
                (24, "Italien", "3-10 kg"),
            },
        ),
    ],
)
def test_a_weight_table_the_chunker_parted_from_its_intro_keeps_it(language, intro, table, fees):
    chunks = [
        PolicyChunk(id="p#0", text=intro, language=language, source="terms.md"),
        PolicyChunk(id="p#1", text=table, language=language, source="terms.md"),
    ]
    read = {
        (f.value, f.scope.region, f.scope.product_class)
        for f in extract_facts(chunks)
        if f.slot == "shipping.cost" and not f.needs_review
    }
    assert read == fees
