"""Scopes in shapes a shop may write that no shop of the suite was written for: regions named by what they leave
out ("outside the EU", "abroad"), postcode-area lists, an area whose name holds a country's name, Korean domestic
and island regions; a warranty whose class is the part the buyer names, not the item; refunds per payment method
named in Korean; asks in Welsh, Irish, Ukrainian and Romanian. Every policy sentence and buyer message here is
written for the test."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from assist.addresses import address_place
from assist.answers import answers_for
from assist.ask_replies import answer_asks
from assist.asks import payment_kinds, split_asks
from assist.models import Order, PolicyPassage
from assist.policy_facts import PolicyFacts
from assist.regions import match_region, region_countries

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _facts(*facts: dict[str, Any]) -> PolicyFacts:
    return PolicyFacts.model_validate({"shop": "test", "facts": list(facts)})


def _order(items: list[str], delivered: str = "2026-10-01", **address: str) -> Order:
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
            "currency": address.pop("currency", "EUR"),
            **address,
        }
    )


# --- regions named by what they leave out ---------------------------------------------------------------------


def test_a_region_outside_a_union_covers_every_country_but_its_members() -> None:
    for name in ("Deliveries outside the EU", "Nicht-EU-Länder", "pays hors UE", "EU以外の国"):
        covered = region_countries(name, "NL")
        assert covered is not None and {"CH", "US", "NO", "JP"} <= covered, name
        assert not covered & {"DE", "FR", "NL"}, name
    shop = ["Nederland", "EU", "buiten de EU"]
    assert match_region("CH", shop, "NL") == "buiten de EU"
    assert match_region("DE", shop, "NL") == "EU"
    assert match_region("NL", shop, "NL") == "Nederland"


def test_abroad_is_every_country_but_the_shops_own() -> None:
    for word in ("해외", "Ausland", "overseas"):
        covered = region_countries(word, "KR")
        assert covered is not None and "JP" in covered and "KR" not in covered, word
    assert match_region("KR-11", ["국내", "해외"], "KR") == "국내"
    assert match_region("CA", ["국내", "해외"], "KR") == "해외"
    assert region_countries("Ausland") is None  # no shop country known: everywhere else, as before


def test_an_area_whose_name_holds_a_country_name_is_only_that_area() -> None:
    assert region_countries("Northern Ireland", "GB") == {"GB-NIR"}
    shop = ["Northern Ireland", "Ireland and other EU countries"]
    assert match_region("IE", shop, "GB") == "Ireland and other EU countries"


def test_a_list_of_postcode_areas_is_read_as_postcodes_not_country_codes() -> None:
    zone = "Remote Scottish zone (postcodes HS, ZE, KW15–KW17)"
    covered = region_countries(zone, "GB")
    assert covered is not None and "KW" not in covered  # KW is a postcode area here, not Kuwait
    island = address_place("GB", None, "ZE1 0AA", None)
    assert island is not None
    shop = ["Mainland Britain (England, Wales and Scotland)", zone]
    assert match_region(island.code, shop, "GB") == zone
    assert match_region("GB-ENG", shop, "GB") == shop[0]


def test_korean_domestic_island_and_province_regions() -> None:
    shop = ["국내 배송", "제주도", "도서 산간 지역", "해외 배송"]
    jeju = address_place("KR", None, "63100", None)
    assert jeju is not None and match_region(jeju.code, shop, "KR") == "제주도"
    assert match_region("KR-47/island+remote", shop, "KR") == "도서 산간 지역"
    busan = address_place("KR", None, "48000", None)
    assert busan is not None and match_region(busan.code, shop, "KR") == "국내 배송"
    assert match_region("US", shop, "KR") == "해외 배송"


# --- a reply that names the order's region states it -------------------------------------------------------------


def test_a_reply_stating_a_regions_time_declares_the_orders_region() -> None:
    facts = _facts(
        {"slot": "shipping.transit_time", "value": 1, "unit": "business_day", "scope": {"region": "Inland"}},
        {
            "slot": "shipping.transit_time",
            "value": 6,
            "unit": "business_day",
            "scope": {"region": "Ausland"},
            "sentence": "Ausland: rund 6 Werktage.",
        },
    )
    order = _order(["Kaffeemühle"], currency="CHF", shipping_country="US")
    order.status = "shipped"
    asks = split_asks("When will my parcel get here?", lambda p: ["track_order"] * len(p))
    reply = answer_asks("en", asks, facts, order, NOW, currency="CHF")
    declared = {(f.field, f.value) for f in reply.facts}
    assert ("answer.order_region", "Ausland") in declared
    assert ("policy_fact.shipping.transit_time", "6") in declared


# --- the product class the buyer's words name ---------------------------------------------------------------------


def test_the_warranty_of_the_part_the_buyer_names_wins_over_the_items_class() -> None:
    facts = _facts(
        {"slot": "warranty.length", "value": 24, "unit": "month", "scope": {"product_class": "Handsets"}},
        {"slot": "warranty.length", "value": 6, "unit": "month", "scope": {"product_class": "Batteries"}},
    )
    order = _order(["Model Z smartphone, refurbished"])
    text = "My phone's battery no longer lasts a day, is that still under guarantee?"
    found = {a.key: a for a in answers_for(["warranty"], facts, order, NOW, text=text)}
    assert found["warranty_until"].value == "2027-04-01"  # 6 months from delivery, the battery's
    plain = "The screen flickers, is that still under guarantee?"
    found = {a.key: a for a in answers_for(["warranty"], facts, order, NOW, text=plain)}
    assert "warranty_until" not in found  # nothing tells the class: no date for a class guessed


def test_a_class_the_item_names_wins_over_another_thing_the_buyer_mentions() -> None:
    facts = _facts(
        {"slot": "warranty.length", "value": 2, "unit": "year", "scope": {"product_class": "Telescopes"}},
        {"slot": "warranty.length", "value": 5, "unit": "year", "scope": {"product_class": "Camera lenses"}},
    )
    order = _order(["Refractor telescope 90 mm"])
    text = "The focus knob slips and no longer holds my camera. Is that under warranty?"
    found = {a.key: a for a in answers_for(["warranty"], facts, order, NOW, text=text)}
    assert found["warranty_until"].value == "2028-10-01"


def test_customs_paid_by_the_buyer_everywhere_answers_a_buyer_whose_place_is_unread() -> None:
    same = _facts(
        {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "outside Canada"}},
        {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "United States"}},
    )
    found = answers_for(["customs"], same, None, NOW, text="Do I pay import tax?", currency="CAD")
    assert [(a.slot, a.value) for a in found if a.key == "fact"] == [("customs.paid_by", "buyer")]
    differ = _facts(
        {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "outside Canada"}},
        {"slot": "customs.paid_by", "value": "shop", "scope": {"region": "United States"}},
    )
    found = answers_for(["customs"], differ, None, NOW, text="Do I pay import tax?", currency="CAD")
    assert not [a for a in found if a.key == "fact"]


def test_a_korean_class_word_names_the_item_and_the_part() -> None:
    facts = _facts(
        {"slot": "warranty.length", "value": 2, "unit": "year", "scope": {"product_class": "의자·탁자"}},
        {"slot": "warranty.length", "value": 3, "unit": "month", "scope": {"product_class": "충전 배터리"}},
    )
    order = _order(["접이식 캠핑 의자"])
    found = {a.key: a for a in answers_for(["warranty"], facts, order, NOW, text="다리가 부러졌어요. 보증되나요?")}
    assert found["warranty_until"].value == "2028-10-01"
    lamp = _order(["충전식 조명"])
    found = {a.key: a for a in answers_for(["warranty"], facts, lamp, NOW, text="배터리가 금방 닳아요. 보증되나요?")}
    assert found["warranty_until"].value == "2027-01-01"


def test_korean_payment_words() -> None:
    assert payment_kinds("체크카드로 샀어요") == {"card"}
    assert payment_kinds("무통장으로 보냈는데요") == {"bank_transfer"}
    assert payment_kinds("카카오페이 결제") == {"kakao_pay"}


# --- asks in languages the encoder does not know ------------------------------------------------------------------


def test_asks_in_welsh_irish_ukrainian_and_romanian() -> None:
    cases = {
        "Bore da, alla i ganslo'r archeb os gwelwch yn dda? A faint o amser mae'r ad-daliad yn ei gymryd?": [
            "cancel",
            "refund",
        ],
        "An seolann sibh go Gaillimh? An mbeidh custaim le híoc agam?": ["shipping_time", "customs"],
        "Чи можна змінити адресу доставки? Скільки коштує доставка до Львова?": ["address_change", "shipping_cost"],
        "Salut, vreau să anulez comanda. Cât costă transportul?": ["cancel", "shipping_cost"],
    }
    for text, wanted in cases.items():
        assert [a.topic for a in split_asks(text)] == wanted, text


def test_a_reply_declares_the_region_of_the_fact_it_states_for_a_narrower_place() -> None:
    facts = _facts(
        {
            "slot": "shipping.transit_time",
            "value": 2,
            "unit": "business_day",
            "scope": {"region": "Nordics"},
            "sentence": "Nordics: 2 business days",
            "chunk_id": "p1",
        },
        {"slot": "customs.threshold", "value": 40, "unit": "EUR", "scope": {"region": "Norway"}},
        {"slot": "shipping.transit_time", "value": 1, "unit": "business_day", "scope": {"region": "Germany"}},
    )
    order = _order(["Teapot"], currency="EUR", shipping_country="NO")
    order.status = "shipped"
    asks = split_asks("When does my parcel get to me?", lambda p: ["track_order"] * len(p))
    reply = answer_asks("en", asks, facts, order, NOW, currency="EUR")
    assert ("answer.order_region", "Nordics") in {(f.field, f.value) for f in reply.facts}
    naming = PolicyPassage(id="p1", text="Nordics: 2 business days", source="s", section="x", language="en", score=1)
    other = PolicyPassage(id="p2", text="Scandinavia: 2 days", source="s", section="x", language="en", score=1)
    reply = answer_asks("en", asks, facts, order, NOW, currency="EUR", policies=[other, naming])
    assert "answer.order_region" in {f.field for f in reply.facts} and "p1" in reply.citations
    reply = answer_asks("en", asks, facts, order, NOW, currency="EUR", policies=[other])
    assert "answer.order_region" not in {f.field for f in reply.facts}  # no passage names it in those words
    by_hand = facts.model_copy(deep=True)
    by_hand.facts[0].chunk_id = None  # set by the shop: its own sentence names the region
    reply = answer_asks("en", asks, by_hand, order, NOW, currency="EUR", policies=[other])
    assert "answer.order_region" in {f.field for f in reply.facts}


def test_a_delivered_orders_buyer_asking_how_long_delivery_takes_gets_the_transit_time() -> None:
    facts = _facts({"slot": "shipping.transit_time", "value": 4, "unit": "business_day", "scope": {"region": "Canada"}})
    order = _order(["Hiking poles"], currency="CAD", shipping_country="CA")
    asks = split_asks("If I buy another pair, how long does delivery take?", lambda p: ["product_question"] * len(p))
    reply = answer_asks("en", asks, facts, order, NOW, currency="CAD")
    assert ("policy_fact.shipping.transit_time", "4") in {(f.field, f.value) for f in reply.facts}


def test_the_money_arriving_is_a_refund_and_paying_on_arrival_is_customs() -> None:
    (refund,) = split_asks("Quando arriva il rimborso?")
    assert refund.topic == "refund" and "shipping_time" not in refund.topics
    assert split_asks("Is there something to pay when the box is delivered?")[0].topic == "customs"
    assert split_asks("I cancelled last week and still have not seen my money. When?")[0].topics[:2] == [
        "cancel",
        "refund",
    ]


def test_is_that_normal_refers_back_to_the_report_before_it() -> None:
    text = "The driver wanted import tax from me at the door. Is that normal? And who pays postage if I return it?"
    assert [a.topic for a in split_asks(text)] == ["customs", "return_cost"]
    assert [a.topic for a in split_asks("Le vase est arrivé cassé. C'est normal ?")] == ["damage"]


def test_an_item_in_place_of_the_one_ordered_and_how_long_a_parcel_takes() -> None:
    assert (
        split_asks("Otworzyłam karton i zamiast czajnika jest toster. Kto płaci za odesłanie?")[0].topic == "wrong_item"
    )
    assert split_asks("In het pakket zat een mok in plaats van de theepot.")[0].topic == "wrong_item"
    asks = split_asks("How long does a package take to reach the Shetlands, and is delivery free above some amount?")
    assert "shipping_time" in asks[0].topics
