"""The shop's own rules (slot ``other``): an amount, a duration or a percentage no slot's reader takes, with a topic
label in the shop's words, read by document shape, not by words of any language.

Every sentence here is written for the test, not taken from a shop."""

from __future__ import annotations

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_facts import PolicyFact


def rules_of(text: str, section: str = "", language: str | None = None) -> list[PolicyFact]:
    facts = extract_facts([PolicyChunk("c1", text, section, language)])
    return [f for f in facts if f.slot == "other" and not f.needs_review]


def read(facts: list[PolicyFact]) -> list[tuple[object, object, object, str | None]]:
    return [(f.value, f.max_value, f.unit, f.scope.product_class) for f in facts]


def test_a_rental_rule_is_read_with_the_label_before_its_colon():
    rules = rules_of("4.2. Kayak hire: 35 € per day, and we hold 300 € on your card until it comes back.", "Hire")
    assert (35, None, "EUR", "Kayak hire") in read(rules)
    assert {f.value for f in rules} == {35, 300}
    assert all(f.sentence and "Kayak hire" in f.sentence for f in rules)


def test_a_rule_in_a_language_no_list_covers_gets_the_clause_as_its_label():
    # Swahili-like invented wording: no cue word of any list, only the amount and the shape
    rules = rules_of("Ukodishaji wa mtumbwi ni 40 € kwa siku; amana ya 250 € hushikiliwa kwenye kadi.", "Huduma")
    values = {(f.value, f.unit) for f in rules}
    assert values == {(40, "EUR"), (250, "EUR")}
    labels = {f.value: f.scope.product_class for f in rules}
    assert "Ukodishaji wa mtumbwi" in str(labels[40])
    assert "€" not in str(labels[40]) and "40" not in str(labels[40])


def test_percentages_on_either_side_of_the_sign_and_a_joined_range():
    rules = rules_of("Zbateria: %30 ala %60 karga, eta kaskoak %25eko deskontua 2 urtez.", "Zerbitzuak")
    assert (30.0, 60.0, "percent") in [(f.value, f.max_value, f.unit) for f in rules]
    assert (25.0, None, "percent") in [(f.value, f.max_value, f.unit) for f in rules]


def test_a_lone_duration_is_left_to_the_slot_readers():
    # a sentence whose only value is a duration is the shape of every slot's window, not of a shop's own rule
    assert rules_of("Vifaa vyote vina dhamana ya miaka 3 tangu siku ya kupokea.", "Dhamana") == []


def test_a_value_a_slot_reads_is_no_rule():
    rules = rules_of("You can return any item within 30 days of delivery. Engraving costs 12 € per line.", "Returns")
    assert [(f.value, f.unit) for f in rules] == [(12, "EUR")]


def test_an_amount_under_a_shipping_heading_is_no_rule():
    assert rules_of("Parcels to the islands: 9 € per order.", "Shipping") == []


def test_a_fee_stated_again_in_a_faq_is_the_slot_fact_restated():
    returns = PolicyChunk("c1", "A return label costs 6 EUR, deducted from your refund.", "Returns", "en")
    faq = PolicyChunk("c2", "Ndiyo, lebo ni 6 EUR, na pesa hurudi kwa siku 5 hadi 7.", "Maswali", None)
    facts = extract_facts([returns, faq])
    assert any(f.slot == "returns.shipping_cost" and f.value == 6 for f in facts)
    assert not [f for f in facts if f.slot == "other" and f.value == 6]


def test_a_rule_of_a_payment_method_is_that_methods():
    rules = rules_of("Cash on delivery carries a surcharge of 3 €, only on orders up to 500 €.", "Payment")
    assert rules and all(f.scope.payment_method for f in rules)
    assert all(f.scope.product_class is None for f in rules)


# --- lists in a language no word list covers ----------------------------------------------------------------------


def test_the_joining_words_of_a_list_come_from_cldr_for_any_locale():
    from assist.policy_extract.lists import joining_words

    assert {"eta", "edo"} <= joining_words("eu")  # Basque "and", "or"
    assert "និង" in joining_words("km")  # Khmer, with its vowel signs
    assert {"a", "ac"} <= joining_words("cy")  # Welsh "a(c)"
    assert not {"and", "or"} & joining_words("mg")  # a pattern CLDR fills from English gives no English word
    assert joining_words("zz-not-a-locale") == frozenset()


def test_inline_items_part_at_any_scripts_commas_and_the_languages_joining_word():
    from assist.policy_extract.lists import inline_items

    items = inline_items("ur-kalteak, erorketak (bizikletatik) eta motorra irekitzea. Beste esaldi bat, gero.", "eu")
    assert items == ["ur-kalteak", "erorketak", "motorra irekitzea"]
    assert inline_items("ውሃ፣ መውደቅ፣ ስብራት።", "am") == ["ውሃ", "መውደቅ", "ስብራት"]  # Ethiopic comma and full stop


def test_an_intro_is_read_without_its_section_number():
    from assist.policy_extract.lists import unnumbered

    assert unnumbered("6.4. Bermeak ez ditu estaltzen:") == "Bermeak ez ditu estaltzen:"
    assert unnumbered("៣.៤ ទំនិញខាងក្រោម៖") == "ទំនិញខាងក្រោម៖"
    assert unnumbered("b) ez ditugu hartzen:") == "ez ditugu hartzen:"
    assert unnumbered("2024") == "2024"


# --- the bench's second figure for the shop's own rules -----------------------------------------------------------


def test_the_second_rule_figure_matches_by_cited_sentence_and_value_not_by_label():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "bench" / "policy_facts.py"
    spec = importlib.util.spec_from_file_location("policy_facts_bench", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    sentence = "8.3. Kayak hire: 35 € a day; we hold 300 € on your card."
    gold = [
        {
            "slot": "other",
            "value": 300,
            "unit": "EUR",
            "scope": {"product_class": "hire deposit"},
            "sentence": sentence,
        },
        {"slot": "other", "value": 35, "unit": "EUR", "scope": {"product_class": "daily hire"}, "sentence": sentence},
    ]
    predicted = [
        {
            "slot": "other",
            "value": 300,
            "unit": "EUR",
            "scope": {"product_class": "we hold on your card"},
            "sentence": "Kayak hire: 35 € a day; we hold 300 € on your card.",
        },
        {"slot": "other", "value": 12, "unit": "EUR", "scope": {"product_class": "x"}, "sentence": sentence},
    ]
    by_label = bench.score(predicted, gold)["other"]
    assert (by_label["tp_p"], by_label["tp_g"]) == (0, 0)  # the human label is not the sentence's words
    by_sentence = bench.rules_by_sentence(predicted, gold)
    assert (by_sentence["tp_p"], by_sentence["n_p"], by_sentence["tp_g"], by_sentence["n_g"]) == (1, 2, 1, 2)


def test_a_span_of_days_beside_an_amount_is_a_delivery_line_not_a_rule():
    assert rules_of("Ndiyo, kwenda visiwani ni siku 5 hadi 8 za kazi, kwa 12 €.", "Maswali") == []
