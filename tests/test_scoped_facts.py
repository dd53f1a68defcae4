"""Facts scoped by region and product class at once (a delivery table with one column per kind of goods), for
shops written for this test: an Austrian garden-furniture shop (German, Bundesländer by abbreviation), a Chilean
bicycle shop (Spanish, regions by name) and a Japanese kitchenware shop. The class is the one whose name or listed
members ("Möbel (Tische, Stühle, Liegen)") the order's items or the ask's words name; when nothing names one,
the reply states each class's time rather than a wrong one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from assist.ask_replies import answer_asks
from assist.asks import split_asks
from assist.models import Order
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.scoped_facts import choose, member_region, region_for

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

ROW_WEST = "| Westen (Vbg., Tir., Sbg.) | 3 bis 5 Tage | 9 bis 14 Tage |"
ROW_EAST = "| Osten (Wien, Niederösterreich, Bgld.) | 1 bis 2 Tage | 6 bis 8 Tage |"
CLASSES = "Möbel (Tische, Stühle, Liegen) kommen per Spedition; Zubehör (Polster, Laternen, Decken) per Paket."


def _fact(slot: str, value: Any, high: float | None, region: str, kind: str, sentence: str) -> dict[str, Any]:
    return {
        "slot": slot,
        "value": value,
        "max_value": high,
        "unit": "business_day",
        "scope": {"region": region, "product_class": kind},
        "sentence": sentence,
        "language": "de",
    }


GARDEN = PolicyFacts.model_validate(
    {
        "shop": "garden",
        "facts": [
            _fact("shipping.transit_time", 3, 5, "Westen", "Zubehör", ROW_WEST),
            _fact("shipping.transit_time", 9, 14, "Westen", "Möbel", ROW_WEST),
            _fact("shipping.transit_time", 1, 2, "Osten", "Zubehör", ROW_EAST),
            _fact("shipping.transit_time", 6, 8, "Osten", "Möbel", ROW_EAST),
            {
                "slot": "shipping.carrier",
                "value": "Spedition",
                "scope": {"product_class": "Möbel"},
                "sentence": CLASSES,
            },
            {"slot": "shipping.carrier", "value": "Paket", "scope": {"product_class": "Zubehör"}, "sentence": CLASSES},
        ],
    }
)


def _order(*items: str, state: str = "Tirol") -> Order:
    return Order.model_validate(
        {
            "order_id": "G-1",
            "customer_id": "C1",
            "customer_name": "Alex Berger",
            "status": "processing",
            "placed_at": datetime(2026, 11, 19, tzinfo=UTC),
            "items": [{"sku": f"S{i}", "name": name, "quantity": 1, "price": 90} for i, name in enumerate(items)],
            "total": 90 * len(items),
            "currency": "EUR",
            "shipping_country": "AT",
            "shipping_state": state,
        }
    )


def test_the_region_is_read_with_the_member_list_its_sentence_gives():
    # the facts name the region "Westen" only; the table row lists its Länder by abbreviation
    assert region_for("AT-7", GARDEN.facts, "AT") == "Westen"
    assert region_for("AT-3", GARDEN.facts, "AT") == "Osten"
    assert region_for("AT-6", GARDEN.facts, "AT") is None  # Styria is in neither list


@pytest.mark.parametrize(
    ("items", "values"),
    [
        (["Gartentisch Eiche 160 cm"], [9]),  # "Tische" listed under Möbel; "Gartentisch" is a compound of it
        (["Sitzpolster grau"], [3]),  # "Polster" listed under Zubehör
        (["Solarlaterne"], [3]),
        (["Sonnenliege Alu", "Kissen"], [9]),  # the lounger names Möbel; the cushion names no class
        (["Sonnenliege Alu", "Laterne rund"], [3, 9]),  # one item of each class: both times
    ],
)
def test_the_class_comes_from_the_items_by_the_members_the_policy_lists(items, values):
    chosen = choose("shipping.transit_time", GARDEN, "AT-7", "AT", order=_order(*items))
    assert sorted(f.value for f in chosen) == values


def test_an_order_whose_items_name_no_class_gets_each_classs_time():
    asks = split_asks("Wie lange dauert die Lieferung?", lambda p: ["shipping_time"] * len(p))
    reply = answer_asks("de", asks, GARDEN, _order("Geschenkgutschein 50"), NOW, currency="EUR")
    assert reply.text is not None
    assert "3–5 Werktage" in reply.text and "9–14 Werktage" in reply.text, reply.text
    assert "1–2" not in reply.text and "6–8" not in reply.text  # the other region's times are never stated


def test_an_order_gets_the_time_of_its_items_class_and_its_addresss_region():
    asks = split_asks("Wie lange dauert die Lieferung?", lambda p: ["shipping_time"] * len(p))
    reply = answer_asks("de", asks, GARDEN, _order("Klapptisch Teak", state="Burgenland"), NOW, currency="EUR")
    assert reply.text is not None
    assert "6–8 Werktage" in reply.text and "1–2" not in reply.text, reply.text


BIKES = PolicyFacts.model_validate(
    {
        "shop": "bikes",
        "facts": [
            {
                "slot": "shipping.transit_time",
                "value": v,
                "max_value": h,
                "unit": "business_day",
                "scope": {"region": r, "product_class": k},
                "sentence": s,
                "language": "es",
            }
            for v, h, r, k, s in [
                (
                    2,
                    3,
                    "Zona centro",
                    "accesorios",
                    "| Zona centro (Valparaíso, Santiago, O'Higgins) | 2 a 3 días | 4 a 6 días |",
                ),
                (
                    4,
                    6,
                    "Zona centro",
                    "bicicletas",
                    "| Zona centro (Valparaíso, Santiago, O'Higgins) | 2 a 3 días | 4 a 6 días |",
                ),
                (
                    5,
                    7,
                    "Zona sur",
                    "accesorios",
                    "| Zona sur (Biobío, Araucanía, Los Lagos) | 5 a 7 días | 8 a 12 días |",
                ),
                (
                    8,
                    12,
                    "Zona sur",
                    "bicicletas",
                    "| Zona sur (Biobío, Araucanía, Los Lagos) | 5 a 7 días | 8 a 12 días |",
                ),
            ]
        ],
    }
)


@pytest.mark.parametrize(
    ("language", "text", "wanted"),
    [
        ("es", "¿Cuánto tarda el envío de una bicicleta a Temuco?", ["8"]),  # Temuco: Araucanía, the south zone
        ("en", "How long does delivery of bike accessories take to Valparaíso?", ["2"]),
        ("en", "How long does delivery to Valparaíso take?", ["2", "4"]),  # no class named: both of the zone
    ],
)
def test_a_chilean_zone_and_the_named_class(language, text, wanted):
    asks = split_asks(text, lambda p: ["shipping_time"] * len(p))
    reply = answer_asks(language, asks, BIKES, None, NOW, currency="CLP")  # the peso tells the shop's country
    stated = [f.value for f in reply.facts if f.field == "policy_fact.shipping.transit_time"]
    assert sorted(stated) == wanted, reply.text


def _zones(*rows: tuple[str, int, int]) -> PolicyFacts:
    return PolicyFacts.model_validate(
        {
            "shop": "zones",
            "facts": [
                {
                    "slot": "shipping.transit_time",
                    "value": low,
                    "max_value": high,
                    "unit": "business_day",
                    "scope": {"region": region},
                    "sentence": f"| {region} | {low}-{high} giorni |",
                    "language": "it",
                }
                for region, low, high in rows
            ],
        }
    )


ITALY = _zones(("Zona A (Lombardia, Piemonte)", 1, 2), ("Resto del paese", 2, 3), ("Zona C", 4, 6))


def _stated(facts: PolicyFacts, text: str, language: str, currency: str) -> list[str]:
    asks = split_asks(text, lambda p: ["shipping_time"] * len(p))
    reply = answer_asks(language, asks, facts, None, NOW, currency=currency)
    return sorted(f.value for f in reply.facts if f.field == "policy_fact.shipping.transit_time")


def test_the_rest_of_the_country_holds_a_place_no_other_region_names():
    # "Resto del paese" is the shop's own country (read from the place, the euro naming none)
    assert choose("shipping.transit_time", ITALY, "IT-21", "IT")[0].value == 1  # Piedmont: Zona A
    assert [f.value for f in choose("shipping.transit_time", ITALY, "IT-75", "IT", every_class=False)] == [2]


def test_a_region_whose_extent_the_policy_does_not_tell_is_stated_beside_the_rest_of_the_country():
    # "Zona C" lists no member: a buyer in Puglia may live in it, so both times are stated, never one wrong one
    assert sorted(f.value for f in choose("shipping.transit_time", ITALY, "IT-75", "IT")) == [2, 4]
    assert [f.value for f in choose("shipping.transit_time", ITALY, "IT-21", "IT")] == [1]  # decided by its region
    # through a reply, for a shop whose currency names its country
    mexico = _zones(("Zona 1 (Jalisco, Colima)", 1, 2), ("Resto de la república", 3, 5), ("Zona especial", 6, 9))
    assert _stated(mexico, "¿Cuánto tarda el envío a Monterrey?", "es", "MXN") == ["3", "6"]
    assert _stated(mexico, "¿Cuánto tarda el envío a Guadalajara?", "es", "MXN") == ["1"]


def test_a_shop_whose_country_its_currency_does_not_name_states_only_the_foreign_countrys_time():
    # A euro shop (its country unknown) with a region the code cannot read ("Zone Süd", listing no member): a buyer
    # abroad gets the time of the country named, never the unread region's time beside it (that rule is for the
    # shop's own country only)
    abroad = _zones(("Kanada", 6, 9), ("Zone Süd", 8, 12), ("Österreich", 2, 3))
    assert _stated(abroad, "How long does shipping to Toronto take?", "en", "EUR") == ["6"]
    assert sorted(f.value for f in choose("shipping.transit_time", abroad, "CA", None)) == [6]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("저는 일본인이에요. 서울에 살아요", "KR"),
        ("我是德国人，现在住在上海", "CN"),
        ("私は韓国人で、大阪に住んでいます", "JP"),
    ],
)
def test_a_nationality_is_not_the_place_the_buyer_lives_in(text, country):
    from assist.regions import country_of, place_in_text

    place = place_in_text(text)
    assert place is not None and country_of(place) == country


@pytest.mark.parametrize(
    "name", ["Resto del territorio", "Rest of mainland", "Reste de la métropole", "Übrige Schweiz"]
)
def test_a_region_that_opens_with_the_rest_is_the_rest_of_the_shops_country(name):
    from assist.regions import region_countries

    home = "CH" if name.startswith("Übrige") else "AR"
    assert region_countries(name, home) == {home}
    assert region_countries("Resto del mundo", home) is None  # the rest of the world stays everywhere else


MOUNTAINS = PolicyFacts.model_validate(
    {
        "shop": "ski",
        "facts": [
            {
                "slot": "shipping.transit_time",
                "value": value,
                "max_value": high,
                "unit": "business_day",
                "scope": {"region": region},
                "sentence": f"| {region} | {value}-{high} |",
                "language": "sl",
            }
            for region, value, high in [
                ("Ljubljana", 1, 1),
                ("Gorske vasi (Kranjska Gora, Bovec, Trenta)", 3, 5),
                ("Tujina (Avstrija, Hrvaška)", 4, 8),
            ]
        ],
    }
)


@pytest.mark.parametrize(
    ("text", "place", "low"),
    [
        ("Koliko dni do Trente?", None, 3),  # a town only the shop's member list names, declined
        ("Živim v Trenti, koliko časa traja dostava?", "SI", 3),  # the member wins over the whole country
        ("Koliko časa traja dostava?", None, None),  # no place: none of the regional times
    ],
)
def test_a_town_of_a_regions_own_member_list_chooses_that_region(text: str, place: str | None, low: int | None) -> None:
    chosen = choose("shipping.transit_time", MOUNTAINS, place, "SI", text=text)
    assert [f.value for f in chosen][:1] == ([low] if low is not None else [])


def test_a_class_written_in_devanagari_is_named_by_an_item_whose_words_carry_vowel_signs() -> None:
    facts = PolicyFacts.model_validate(
        {
            "shop": "lamps",
            "facts": [
                {"slot": "warranty.length", "value": 2, "unit": "year", "scope": {"product_class": c}, "sentence": c}
                for c in ("दीवार लैंप", "पेंडुलम घड़ियाँ")
            ],
        }
    )
    chosen = choose("warranty.length", facts, None, "IN", text="पीतल की पेंडुलम घड़ी", every_class=False)
    assert [f.scope.product_class for f in chosen] == ["पेंडुलम घड़ियाँ"]


def _by_region(*rows: tuple[int, str]) -> PolicyFacts:
    return PolicyFacts.model_validate(
        {
            "shop": "regions",
            "facts": [
                {
                    "slot": "shipping.transit_time",
                    "value": days,
                    "unit": "business_day",
                    "scope": {"region": region},
                    "sentence": f"{region}: {days} Werktage.",
                }
                for days, region in rows
            ],
        }
    )


def test_a_region_named_for_the_town_of_the_buyers_subdivision_wins_over_the_rest_of_the_country():
    facts = _by_region((1, "Wien und Umgebung"), (3, "Restliches Österreich"), (6, "EU"))
    assert [f.scope.region for f in choose("shipping.transit_time", facts, "AT-9", "AT")] == ["Wien und Umgebung"]
    assert "Restliches Österreich" in [f.scope.region for f in choose("shipping.transit_time", facts, "AT-2", "AT")]


def test_a_place_in_the_shops_country_that_no_region_holds_gets_each_home_region_not_none():
    facts = _by_region((1, "Hauptstadt"), (3, "Bezirksstädte"), (5, "Dörfer"), (8, "Ausland"))
    home = [f.scope.region for f in choose("shipping.transit_time", facts, "AT", "AT")]
    assert home == ["Hauptstadt", "Bezirksstädte", "Dörfer"]
    assert [f.scope.region for f in choose("shipping.transit_time", facts, "DE", "AT")] == ["Ausland"]


def test_a_town_the_source_sentence_lists_after_the_region_chooses_it() -> None:
    def fee(value: int, region: str, sentence: str) -> PolicyFact:
        return PolicyFact.model_validate(
            {"slot": "shipping.cost", "value": value, "unit": "NGN", "scope": {"region": region}, "sentence": sentence}
        )

    # the fact's region is the table cell's name; the towns follow it in the cell, in brackets
    south = fee(5000, "Kudu da Abuja", "<td>Kudu da Abuja (Lagos, Abuja, Port Harcourt, Ibadan, Enugu)</td>")
    north = fee(3500, "Jihohin Arewa", "<td>Jihohin Arewa (Kaduna, Katsina, Sokoto)</td>")
    assert member_region("Ṣé ẹ lè fi taya ránṣẹ́ sí Ibadan?", [north, south]) == "Kudu da Abuja"
    assert member_region("Ṣé ẹ lè fi taya ránṣẹ́ sí Kaduna?", [north, south]) == "Jihohin Arewa"
