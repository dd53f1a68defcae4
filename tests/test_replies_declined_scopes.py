"""Scopes a buyer or a shop writes in languages that decline place names ("do Niemiec", "w Czechach", "Itävaltaan",
"Európai Unión"), amounts whose currency is written as letters, a payment method named by the shop's own word, a
class named by an inflected head of a compound, and warranties per product class when nothing or several items tell
the class. Every policy sentence and buyer message here is written for the test."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assist.answers import answers_for
from assist.ask_replies import answer_asks
from assist.asks import split_asks
from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.regions import match_region, place_in_text, region_countries
from assist.replies import format_amount
from assist.scoped_facts import classes_meant, payment_named

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _facts(*facts: dict[str, Any]) -> PolicyFacts:
    return PolicyFacts.model_validate({"shop": "test", "facts": list(facts)})


def _order(items: list[str], delivered: str = "2026-10-01") -> Order:
    return Order.model_validate(
        {
            "order_id": "T-1",
            "customer_id": "C-1",
            "customer_name": "Test Buyer",
            "status": "delivered",
            "placed_at": "2026-09-28T10:00:00Z",
            "shipped_at": "2026-09-29T10:00:00Z",
            "delivered_at": f"{delivered}T10:00:00Z",
            "items": [{"sku": f"S{i}", "name": name, "quantity": 1, "price": 10} for i, name in enumerate(items)],
            "total": 10.0 * len(items),
            "currency": "EUR",
        }
    )


# --- declined country and union names ------------------------------------------------------------------------


def test_a_declined_country_name_places_the_buyer() -> None:
    cases = {
        "Czy wysyłacie paczki do Niemiec albo do Czech?": None,  # two countries: no one place
        "Mieszkam w Czechach, ile trwa wysyłka?": "CZ",
        "Kuinka kauan toimitus Itävaltaan kestää?": "AT",
        "Szállítanak Ausztriába is?": "AT",
        "Ar pristatote į Latviją?": "LV",
        "Posíláte zboží do Rakouska?": "AT",
        "Доставляєте до Польщі?": "PL",
    }
    for text, place in cases.items():
        assert place_in_text(text) == place, text


def test_an_ordinary_word_is_no_declined_country() -> None:
    for text in ("Kiitos puolestani, odotan vastausta.", "Puolet tilauksesta saapui eilen."):
        assert place_in_text(text) is None, text


def test_a_union_named_in_any_case_covers_its_members() -> None:
    names = ("do krajów Unii Europejskiej", "Európai Unión belül", "Euroopan unionin maat", "v rámci Evropské unie")
    for name in names:
        covered = region_countries(name, "CZ")
        assert covered is not None and {"DE", "LV", "PT"} <= covered, name
        assert "NO" not in covered and "CH" not in covered, name
    shop = ["Česko", "země Evropské unie", "Švýcarsko"]
    assert match_region("LT", shop, "CZ") == "země Evropské unie"
    assert match_region("CZ", shop, "CZ") == "Česko"


def test_a_country_whose_name_holds_a_domestic_word_is_that_country() -> None:
    assert region_countries("Finland", "DK") == {"FI"}  # "inland" inside "Finland" is no domestic region
    assert region_countries("Inland", "DK") == {"DK"}


# --- amounts, payment methods, classes --------------------------------------------------------------------------


def test_a_currency_written_in_letters_stands_apart_from_its_digits() -> None:
    assert format_amount(24.5, "CZK", "en") == "CZK\u00a024.50"
    assert format_amount(24.5, "USD", "en") == "$24.50"  # a sign keeps its place
    assert format_amount(24.5, "CZK", "de").endswith("\u00a0CZK")


def test_the_payment_method_the_buyer_writes_out_decides_the_refund_time() -> None:
    facts = _facts(
        {"slot": "refunds.time", "value": 12, "unit": "day"},
        {"slot": "refunds.time", "value": 1, "unit": "business_day", "scope": {"payment_method": "QuickPay (app)"}},
    )
    assert payment_named("I paid with QuickPay last week", facts) == "QuickPay (app)"
    assert payment_named("I paid by card", facts) is None
    found = answers_for(["refund"], facts, None, NOW, text="Zaplatil jsem přes QuickPay. Kdy dostanu peníze zpět?")
    times = [a for a in found if a.slot == "refunds.time"]
    assert times and times[0].value == 1


def test_a_payment_brand_the_buyer_writes_in_another_form_of_the_word_decides_the_refund_time() -> None:
    facts = _facts(
        {"slot": "refunds.time", "value": 14, "unit": "day"},
        {"slot": "refunds.time", "value": 5, "unit": "business_day", "scope": {"payment_method": "Zenbanki liising"}},
    )
    assert payment_named("I paid it with Zenbank leasing, when is it closed?", facts) == "Zenbanki liising"
    assert payment_named("Zenbank is my bank but I paid by card", facts) is None  # the sentence's first word
    assert payment_named("I paid with Zenbankingapp", facts) is None  # a longer word is another name


def test_an_inflected_head_of_a_compound_names_its_class() -> None:
    facts = _facts(
        {"slot": "warranty.length", "value": 4, "unit": "year", "scope": {"product_class": "Gartenstühle"}},
        {"slot": "warranty.length", "value": 1, "unit": "year", "scope": {"product_class": "Sonnenschirme"}},
    )
    assert classes_meant(facts.all("warranty.length"), facts, ["the sonnenschirmes fabric tore"]) == ["Sonnenschirme"]
    assert classes_meant(facts.all("warranty.length"), facts, ["Der Stuhl wackelt"]) == []


# --- warranties per class ----------------------------------------------------------------------------------------

_WARRANTIES = (
    {"slot": "warranty.length", "value": 2, "unit": "year"},
    {"slot": "warranty.length", "value": 6, "unit": "year", "scope": {"product_class": "Kettles"}},
    {"slot": "warranty.length", "value": 1, "unit": "year", "scope": {"product_class": "Chargers"}},
)


def test_with_no_item_known_the_reply_gives_the_general_warranty_and_each_class_of_its_own() -> None:
    facts = _facts(*_WARRANTIES)
    asks = split_asks("How many years of warranty do you give?")
    reply = answer_asks("en", asks, facts, None, NOW)
    assert reply.text is not None
    assert "2 years" in reply.text and "6 years (Kettles)" in reply.text and "1 year (Chargers)" in reply.text


def test_two_items_of_two_classes_each_get_their_own_warranty_date() -> None:
    facts = _facts(*_WARRANTIES)
    order = _order(["Steel kettle 1.7 l", "USB charger 20 W", "Tea towel"])
    text = "The kettle stopped heating and the charger is dead too. Still under warranty?"
    until = [a for a in answers_for(["warranty"], facts, order, NOW, text=text) if a.key == "warranty_until"]
    assert sorted(a.value for a in until) == ["2027-10-01", "2032-10-01"]
    reply = answer_asks("en", split_asks(text), facts, order, NOW)
    assert reply.text is not None and "2032" in reply.text and "2027" in reply.text
    # one item named: its own class decides, whichever class the order's first item is in
    text = "The charger is dead. Still under warranty?"
    until = [a for a in answers_for(["warranty"], facts, order, NOW, text=text) if a.key == "warranty_until"]
    assert [a.value for a in until] == ["2027-10-01"]


def test_a_class_the_ask_names_is_stated_by_its_name_never_as_every_products_warranty() -> None:
    asks = split_asks("How long is the warranty on a charger?")
    reply = answer_asks("en", asks, _facts(*_WARRANTIES), None, NOW)
    assert reply.text is not None and "1 year (Chargers)" in reply.text
    assert "Our products come with a warranty of 1 year" not in reply.text and "6 years" not in reply.text
    # no general warranty: the named class first, then the others (the ask may mean more than the one it names)
    reply = answer_asks("en", asks, _facts(*_WARRANTIES[1:]), None, NOW)
    assert reply.text is not None and reply.text.index("1 year (Chargers)") < reply.text.index("6 years (Kettles)")


def test_an_order_whose_every_item_is_excluded_gets_no_return_window() -> None:
    facts = _facts(
        {"slot": "returns.window", "value": 14, "unit": "day"},
        {"slot": "returns.excluded", "value": ["gift cards"]},
    )
    order = _order(["Gift card 50 EUR"]).model_copy(update={"status": "shipped", "delivered_at": None})
    reply = answer_asks("en", split_asks("I would like to return my order. Is that possible?"), facts, order, NOW)
    assert reply.text is not None and "cannot be returned" in reply.text and "14 days" not in reply.text


def test_a_word_naming_several_classes_means_the_one_the_order_holds() -> None:
    # "Heizung" is the head of both classes; the order holds a wood heater, so only its warranty is stated
    facts = _facts(
        {"slot": "warranty.length", "value": 5, "unit": "year", "scope": {"product_class": "Holzheizungen"}},
        {"slot": "warranty.length", "value": 2, "unit": "year", "scope": {"product_class": "Elektroheizungen"}},
    )
    order = _order(["Holzheizung Kamin 8 kW"])
    text = "Die Klappe der Heizung schließt nicht mehr. Wie lange gilt die Garantie?"
    found = answers_for(["warranty"], facts, order, NOW, text=text)
    assert [a.value for a in found if a.key == "warranty_until"] == ["2031-10-01"]
    assert not [a for a in found if a.key == "by_class"]
