"""What a reply says per topic: the warranty's exclusions next to its length, a shop's own window for wrong or
missing items, the refund method for the way the buyer paid. Facts, orders and messages written for the test."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assist.ask_replies import answer_asks, payment_scope
from assist.asks import Ask
from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.scoped_facts import served

NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)


def _order() -> Order:
    return Order.model_validate(
        {
            "order_id": "T-5",
            "customer_id": "C1",
            "customer_name": "Noa Berg",
            "status": "delivered",
            "placed_at": datetime(2026, 11, 2, tzinfo=UTC),
            "delivered_at": datetime(2026, 11, 10, tzinfo=UTC),
            "items": [{"sku": "LAMP-1", "name": "Desk lamp", "quantity": 1, "price": 40.0}],
            "total": 40.0,
            "currency": "EUR",
        }
    )


def _facts(*facts: dict[str, Any]) -> PolicyFacts:
    return PolicyFacts.model_validate({"shop": "t", "facts": list(facts)})


def _reply(language: str, topic: str, text: str, facts: PolicyFacts) -> Any:
    return answer_asks(language, [Ask(text=text, intent="other", topics=[topic])], facts, _order(), NOW)


def test_a_warranty_question_also_hears_what_the_warranty_does_not_cover() -> None:
    facts = _facts(
        {"slot": "warranty.length", "value": 2, "unit": "year", "chunk_id": "g"},
        {"slot": "warranty.excludes", "value": ["Glühbirnen", "Sturzschäden"], "chunk_id": "g"},
    )
    reply = _reply("fr", "warranty", "Le pied de la lampe s'est fendu, c'est couvert ?", facts)
    assert "Notre garantie ne couvre pas : «\u00a0Glühbirnen\u00a0» et «\u00a0Sturzschäden\u00a0»." in reply.text
    declared = {f.field: f.value for f in reply.facts}
    assert declared["policy_fact.warranty.excludes"] == "Glühbirnen, Sturzschäden"


def test_a_wrong_item_gets_the_shops_own_window_not_the_damage_window() -> None:
    facts = _facts(
        {"slot": "damage.report_window", "value": 2, "unit": "day", "chunk_id": "d"},
        {"slot": "wrong_item.report_window", "value": 5, "unit": "day", "chunk_id": "w"},
    )
    reply = _reply("en", "wrong_item", "You sent me a floor lamp instead of the desk lamp.", facts)
    assert "Please tell us about a wrong or missing item by November 15, 2026 (5 days after delivery)." in reply.text
    assert "damage" not in reply.text.casefold()
    assert any(f.field == "policy_fact.wrong_item.report_window" and f.value == "5" for f in reply.facts)


def test_a_wrong_item_window_equal_to_the_damage_window_states_both_deadlines_in_one_sentence() -> None:
    facts = _facts(
        {"slot": "damage.report_window", "value": 4, "unit": "day", "chunk_id": "d"},
        {"slot": "wrong_item.report_window", "value": 4, "unit": "day", "chunk_id": "w"},
    )
    reply = _reply("en", "wrong_item", "The box had a different lamp in it.", facts)
    assert reply.text.count("November 14, 2026") == 1
    fields = {f.field for f in reply.facts}
    assert {"answer.wrong_item_report_until", "answer.damage_report_until"} <= fields


def test_without_its_own_window_a_wrong_item_keeps_the_damage_window() -> None:
    facts = _facts({"slot": "damage.report_window", "value": 2, "unit": "day", "chunk_id": "d"})
    reply = _reply("en", "wrong_item", "Wrong colour arrived.", facts)
    assert "November 12, 2026" in reply.text


def test_the_buyers_words_for_a_bank_transfer_pick_the_refund_rule_for_it() -> None:
    facts = _facts(
        {"slot": "refunds.method", "value": "bank_transfer", "scope": {"payment_method": "銀行轉帳"}},
        {"slot": "refunds.method", "value": "original_payment_method", "scope": {"payment_method": "信用卡"}},
    )
    for text in ("ATM으로 이체했어요", "Tôi đã chuyển khoản", "Ich habe per Überweisung bezahlt"):
        assert payment_scope(text, facts) == "銀行轉帳"


def test_long_warranty_exclusions_in_another_language_go_to_the_agent_not_into_the_reply() -> None:
    long_german = [
        "gewöhnliche Abnutzung durch den täglichen Gebrauch",
        "Schäden durch Stürze, Feuchtigkeit oder unsachgemäße Reparaturen durch Dritte",
    ]
    facts = _facts(
        {"slot": "warranty.length", "value": 2, "unit": "year", "chunk_id": "g", "language": "de"},
        {"slot": "warranty.excludes", "value": long_german, "chunk_id": "g", "language": "de"},
    )
    reply = _reply("pt", "warranty", "A lâmpada parou de funcionar, está na garantia?", facts)
    assert "Abnutzung" not in reply.text and "garantia de 2 anos" in reply.text
    assert any("not quoted" in note and "Abnutzung" in note for c in reply.coverage for note in c.answers)
    same = _facts(
        {"slot": "warranty.length", "value": 2, "unit": "year", "chunk_id": "g", "language": "de"},
        {"slot": "warranty.excludes", "value": long_german, "chunk_id": "g", "language": "de"},
    )
    assert "Abnutzung" in _reply("de", "warranty", "Die Lampe geht nicht mehr, Garantie?", same).text


def test_an_address_change_verdict_states_the_before_shipping_rule_it_follows() -> None:
    rule = {"slot": "address_change.rule", "value": "before_shipping", "chunk_id": "a"}
    reply = _reply("en", "address_change", "Can I still change the delivery address?", _facts(rule))
    assert "can no longer be changed" in reply.text  # delivered: no longer
    declared = {f.field: f.value for f in reply.facts}
    assert declared["policy_fact.address_change.rule"] == "before_shipping"
    assert declared["answer.address_change_possible"] == "False"
    banned = _reply("en", "address_change", "Can I change the address?", _facts({**rule, "value": "not_allowed"}))
    assert "policy_fact.address_change.rule" not in {f.field for f in banned.facts}  # its verdict says no rule


def _refund_facts() -> PolicyFacts:
    return _facts(
        {"slot": "cancellation.rule", "value": "before_shipping", "chunk_id": "c"},
        {"slot": "cancellation.refund_time", "value": 3, "unit": "business_day", "chunk_id": "c"},
        {"slot": "refunds.time", "value": 9, "unit": "business_day", "chunk_id": "r"},
        {"slot": "returns.shipping_paid_by", "value": "buyer", "chunk_id": "r"},
        {"slot": "shipping.cost", "value": 6.5, "unit": "EUR", "chunk_id": "s"},
    )


def test_a_refund_asked_after_a_cancellation_is_the_cancellations_refund() -> None:
    asks = [
        Ask(text="キャンセルできますか？", intent="cancel_order", topics=["cancel"]),
        Ask(text="返金はいつになりますか？", intent="refund_status", topics=["refund"]),
    ]
    reply = answer_asks("en", asks, _refund_facts(), None, NOW)
    fields = {f.field: f.value for f in reply.facts}
    assert fields["policy_fact.cancellation.refund_time"] == "3"
    assert "policy_fact.refunds.time" not in fields  # the return's refund time answers no cancellation
    alone = answer_asks("en", [asks[1]], _refund_facts(), None, NOW)
    assert {f.field: f.value for f in alone.facts}["policy_fact.refunds.time"] == "9"


def test_shipping_asked_in_the_breath_of_a_return_and_its_cost_is_the_returns_not_the_delivery_fee() -> None:
    ask = Ask(text="我想退货，运费谁付？", intent="return_request", topics=["return_cost", "return", "shipping_cost"])
    reply = answer_asks("en", [ask], _refund_facts(), None, NOW)
    fields = {f.field for f in reply.facts}
    assert "policy_fact.returns.shipping_paid_by" in fields
    assert "policy_fact.shipping.cost" not in fields


def _per_method_times() -> PolicyFacts:
    return _facts(
        {"slot": "refunds.time", "value": 10, "unit": "business_day", "scope": {"payment_method": "tarjeta"}},
        {"slot": "refunds.time", "value": 2, "unit": "day", "scope": {"payment_method": "Swiftpay"}},
        {"slot": "refunds.time", "value": 45, "unit": "day", "scope": {"payment_method": "plan de cuotas con tarjeta"}},
    )


def test_a_refund_timed_only_per_payment_method_lists_each_method_when_the_buyer_names_none() -> None:
    reply = _reply("de", "refund", "Wie lange dauert die Rückerstattung?", _per_method_times())
    assert "10 Werktagen (tarjeta)" in reply.text and "2 Tagen (Swiftpay)" in reply.text  # the dative, listed
    declared = [(f.field, f.value) for f in reply.facts]
    assert ("policy_fact.refunds.time", "45") in declared and ("policy_fact.refunds.time", "2") in declared


def test_a_general_refund_time_comes_first_and_a_named_method_keeps_its_own_time() -> None:
    facts = _facts(
        {"slot": "refunds.time", "value": 5, "unit": "business_day"},
        {"slot": "refunds.time", "value": 24, "unit": "hour", "scope": {"payment_method": "Swiftpay"}},
    )
    assert "5 business days and 24 hours (Swiftpay)" in _reply("en", "refund", "When is my money back?", facts).text
    named = _reply("en", "refund", "I paid by card, when is my money back?", facts).text
    assert "5 business days" in named and "Swiftpay" not in named


def test_a_policy_written_in_two_languages_lists_each_methods_refund_time_once() -> None:
    facts = _facts(
        {"slot": "refunds.time", "value": 5, "unit": "business_day", "language": "de"},
        {
            "slot": "refunds.time",
            "value": 2,
            "unit": "day",
            "scope": {"payment_method": "Sofortkasse"},
            "language": "de",
        },
        {"slot": "refunds.time", "value": 5, "unit": "business_day", "language": "en"},
        {
            "slot": "refunds.time",
            "value": 2,
            "unit": "day",
            "scope": {"payment_method": "Instant wallet"},
            "language": "en",
        },
        {"slot": "refunds.time", "value": 9, "unit": "day", "scope": {"payment_method": "Invoice"}, "language": "en"},
    )
    text = _reply("en", "refund", "When is my money back?", facts).text
    assert "(Instant wallet)" in text and "(Invoice)" in text
    assert "Sofortkasse" not in text  # the same rule in the other language's words is not listed again


def test_paying_a_card_in_instalments_picks_the_instalment_plans_scope() -> None:
    facts = _per_method_times()
    assert payment_scope("Paguei com cartão em prestações", facts) == "plan de cuotas con tarjeta"
    assert payment_scope("I paid by credit card", facts) == "tarjeta"
    deposit = _facts({"slot": "refunds.time", "value": 3, "unit": "day", "scope": {"payment_method": "Bank deposit"}})
    assert payment_scope("payé par virement", deposit) == "Bank deposit"


def test_a_place_abroad_outside_regions_named_beside_the_shops_own_provinces_is_told_where_the_shop_ships() -> None:
    facts = _facts(
        {"slot": "shipping.regions", "value": ["Gauteng", "Grootstede", "Namibië, Botswana"], "language": "af"},
        {"slot": "shipping.transit_time", "value": 3, "unit": "business_day", "scope": {"region": "Gauteng"}},
    )
    ask = Ask(text="Can you send a tent to Zambia?", intent="other", topics=["shipping_time"])
    reply = answer_asks("en", [ask], facts, None, NOW, currency="ZAR", shop_settings={"country": "ZA"})
    assert "We only ship to:" in reply.text and "Zambia is not one of our delivery areas" in reply.text
    inland = Ask(text="Can you send a tent to Pretoria?", intent="other", topics=["shipping_time"])
    home = answer_asks("en", [inland], facts, None, NOW, currency="ZAR", shop_settings={"country": "ZA"})
    assert "We only ship to" not in home.text


def test_a_list_of_destinations_scoped_to_a_region_refuses_no_place_outside_it() -> None:
    facts = _facts(
        {"slot": "shipping.regions", "value": ["France", "Belgium"], "scope": {"region": "EU"}, "language": "en"},
        {"slot": "shipping.transit_time", "value": 2, "unit": "business_day", "scope": {"region": "Wales"}},
        {"slot": "shipping.transit_time", "value": 4, "unit": "business_day", "scope": {"region": "Ireland"}},
    )
    home = Ask(text="How long does delivery to Cardiff take?", intent="other", topics=["shipping_time"])
    reply = answer_asks("en", [home], facts, None, NOW, currency="GBP", shop_settings={"country": "GB"})
    assert "We only ship to" not in reply.text  # the shop's own country lies outside the list's region
    priced = Ask(text="How long does delivery to Dublin take?", intent="other", topics=["shipping_time"])
    reply = answer_asks("en", [priced], facts, None, NOW, currency="GBP", shop_settings={"country": "GB"})
    assert "We only ship to" not in reply.text and "4 business days" in reply.text  # in the EU, but priced apart
    listed = facts.all("shipping.regions")
    assert served("ES-MD", listed, "GB") is False  # in the list's region and in none of its places
    assert served("GB-WLS", listed, "GB") is None


def _hire_rules() -> PolicyFacts:
    return _facts(
        {
            "slot": "returns.window",
            "value": 30,
            "unit": "day",
            "sentence": "Return goods within 30 days.",
            "chunk_id": "r",
        },
        {
            "slot": "other",
            "value": 100,
            "unit": "GBP",
            "scope": {"product_class": "hire deposit"},
            "sentence": "We hold a deposit of £100 on your card for every hire seat.",
            "chunk_id": "h",
        },
        {
            "slot": "other",
            "value": 25,
            "unit": "GBP",
            "scope": {"product_class": "fitting check"},
            "sentence": "A fitting check of a seat bought elsewhere costs £25.",
            "chunk_id": "f",
        },
    )


def test_an_ask_about_one_of_the_shops_own_rules_is_answered_with_its_value_labelled_and_cited() -> None:
    ask = Ask(text="Hi! How much is the deposit when we hire a seat?", intent="other", topics=["other"])
    reply = answer_asks("de", [ask], _hire_rules(), None, NOW)
    assert "„hire deposit“: 100,00\xa0£" in reply.text  # the shop's label, the value in the reply's locale
    assert {"field": "policy_fact.other", "value": "100"} in [f.model_dump() for f in reply.facts]
    assert reply.citations == ["h"] and reply.coverage[0].covered
    assert "25" not in reply.text  # the other rule is not what was asked


def test_an_ask_no_rule_shares_a_rare_word_with_gets_no_rule() -> None:
    ask = Ask(text="Can I still return the pram?", intent="other", topics=["return"])
    reply = answer_asks("en", [ask], _hire_rules(), None, NOW)
    assert "Our rule on" not in reply.text and all(f.field != "policy_fact.other" for f in reply.facts)


def test_a_status_line_naming_the_orders_carrier_states_the_shops_carrier_too() -> None:
    order = _order().model_copy(
        update={"status": "shipped", "delivered_at": None, "carrier": "Kiwi Post", "shipped_at": NOW}
    )
    facts = _facts(
        {"slot": "shipping.carrier", "value": "Kiwi Post", "chunk_id": "s"},
        {"slot": "shipping.transit_time", "value": 2, "unit": "business_day", "chunk_id": "s"},
    )
    ask = Ask(text="Where is my parcel?", intent="order_status", topics=["order_status"])
    reply = answer_asks("de", [ask], facts, order, NOW)
    assert "Kiwi Post" in reply.text
    declared = {f.field: f.value for f in reply.facts}
    assert declared["order.carrier"] == "Kiwi Post"
    assert declared["policy_fact.shipping.carrier"] == "Kiwi Post"
    assert "s" in reply.citations
    other = _facts({"slot": "shipping.carrier", "value": "Tui Freight", "chunk_id": "s"})
    assert "policy_fact.shipping.carrier" not in {f.field for f in answer_asks("de", [ask], other, order, NOW).facts}
