"""Region groups a policy defines by listing their members, read for countries and abbreviations no fixture shop
uses: Australian states by ISO code and cut word, German Länder by dotted cut words, US states, Mexican states by
dotted contractions, Spanish and Chilean regions by full name, Japanese prefectures in kanji. The group's own name
("Mountain states", "Südwesten", "Zona Norte") is a word the gazetteer does not know; the list decides."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from assist.ask_replies import answer_asks
from assist.asks import split_asks
from assist.models import Order, OrderItem
from assist.regions import match_region, place_in_text, region_countries
from assist.shop_facts import folder_facts

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("region", "home", "members"),
    [
        ("Eastern states (NSW, Vic., Qld, ACT)", "AU", {"AU-NSW", "AU-VIC", "AU-QLD", "AU-ACT"}),
        ("Südwesten (Bad.-Württ., Bay., Saarl.)", "DE", {"DE-BW", "DE-BY", "DE-SL"}),
        ("Norden (Schl.-Holst., Meckl.-Vorp., HH, HB)", "DE", {"DE-SH", "DE-MV", "DE-HH", "DE-HB"}),
        ("Mountain states (Colo., Utah, Wyo., Mont., Ida.)", "US", {"US-CO", "US-UT", "US-WY", "US-MT", "US-ID"}),
        ("Norte (Coah., Chih., Dgo., Son., N.L.)", "MX", {"MX-COA", "MX-CHH", "MX-DUR", "MX-SON", "MX-NLE"}),
        ("Zona Norte: Galicia, Asturias, Cantabria y País Vasco", "ES", {"ES-GA", "ES-AS", "ES-CB", "ES-PV"}),
        ("Zona norte (Arica y Parinacota, Tarapacá, Antofagasta)", "CL", {"CL-AP", "CL-TA", "CL-AN"}),
        ("東日本（青森・岩手・宮城・福島）", "JP", {"JP-02", "JP-03", "JP-04", "JP-07"}),
    ],
)
def test_a_listed_group_covers_exactly_its_members(region, home, members):
    covered = region_countries(region, home)
    assert covered is not None
    assert {c for c in covered if "-" in c} == members
    assert home not in covered  # the list names part of the country, not all of it


def test_an_iso_code_in_a_list_is_a_subdivision_not_a_country():
    # "NT" and "WA" would be no country; "SA" is Saudi Arabia and "TAS" no code: in a list of Australian states
    # they are South Australia and Tasmania
    covered = region_countries("Southern and western states (SA, WA, Tas.)", "AU")
    assert covered == {"AU-SA", "AU-WA", "AU-TAS"}


def test_a_contraction_is_settled_by_what_the_other_members_take():
    # "Nds." fits Niedersachsen and Nordrhein-Westfalen alike; the list's "Nordrhein-Westf." takes the second
    covered = region_countries("Nordwesten (Nordrhein-Westf., Nds., HB)", "DE")
    assert covered == {"DE-NW", "DE-NI", "DE-HB"}
    # "N. Dak." is two initials: North Dakota, never South Dakota
    assert region_countries("Northern tier (Wash., N. Dak., Minn.)", "US") == {"US-WA", "US-ND", "US-MN"}


def test_a_member_that_is_part_of_a_subdivision_does_not_cover_it():
    regions = ["Bavaria and Baden-Württemberg", "Remote areas (Northern Bavaria, Helgoland, Sylt)"]
    covered = region_countries(regions[1], "DE")
    assert covered is not None and "DE-BY" not in covered
    assert match_region("DE-BY", regions, "DE") == regions[0]  # a buyer in Munich is not "remote"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("I live in Perth, how long to me?", "Western and northern states (WA, NT)"),
        ("Wohne in Brisbane, wie lange dauert es?", "Eastern states (NSW, Vic., Qld, ACT)"),
        ("Vivo en Hobart", "Tasmania (Tas.)"),
        ("Je suis à Melbourne", "Eastern states (NSW, Vic., Qld, ACT)"),
    ],
)
def test_a_buyers_city_falls_in_the_listed_group(text, region):
    regions = [
        "Eastern states (NSW, Vic., Qld, ACT)",
        "Western and northern states (WA, NT)",
        "Tasmania (Tas.)",
        "South Australia",
    ]
    assert match_region(place_in_text(text), regions, "AU") == region


def test_a_subdivision_named_apart_beats_a_city_of_the_same_name_abroad():
    # "Victoria" is also a city in Canada and "Georgia" a country: the text names the Australian state and a town in it
    assert place_in_text("I'm in Ballarat, in Victoria, Australia") == "AU-VIC"
    assert place_in_text("Ich komme aus Porto Alegre") == "BR-RS"  # the city's own name holds "Porto"


SHIPPING = """---
title: Shipping
language: en
---
# Delivery

| Zone | Delivery time |
|---|---|
| Eastern states (NSW, Vic., Qld, ACT) | 2 to 4 business days |
| Western and northern states (WA, NT) | 6 to 9 business days |
| Tasmania (Tas.) | 5 to 7 business days |
"""


@pytest.mark.parametrize(
    ("state", "city", "wanted"),
    [("QLD", "Townsville", "2–4"), ("WA", "Bunbury", "6–9"), ("NT", "Alice Springs", "6–9")],
)
def test_the_reply_states_the_transit_time_of_the_listed_group_the_address_falls_in(
    tmp_path: Path, state, city, wanted
):
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "shipping.md").write_text(SHIPPING, encoding="utf-8")
    order = Order(
        order_id="T-1",
        customer_id="C-1",
        customer_name="Sam",
        total=120,
        status="processing",
        currency="AUD",
        placed_at=datetime(2026, 11, 19, tzinfo=UTC),
        items=[OrderItem(sku="K1", name="Hiking boots", quantity=1, price=120)],
        shipping_country="AU",
        shipping_state=state,
        shipping_city=city,
    )
    asks = split_asks("How long will delivery take?", lambda pieces: ["shipping_time"] * len(pieces))
    reply = answer_asks("en", asks, folder_facts(folder), order, NOW)
    assert reply.text is not None and wanted in reply.text, reply.text


def test_a_group_name_that_names_another_country_keeps_its_list_in_the_shops_country():
    # "New England" holds "England": the list is still read as US states
    covered = region_countries("New England (Maine, N.H., Vt.)", "US")
    assert covered == {"US-ME", "US-NH", "US-VT"}


@pytest.mark.parametrize(
    ("region", "home", "members"),
    [
        # a member "including" a place is that whole place, not a part of it
        ("Alpine (including Tyrol), Vorarlberg", "AT", {"AT-7", "AT-8"}),
        ("Bergregionen (inkl. Graubünden), Wallis", "CH", {"CH-GR", "CH-VS"}),
        # a region in a script without capitals is read by the country's own subdivision names (Devanagari)
        ("पहाड़ी राज्य (उत्तराखंड सहित), हिमाचल प्रदेश", "IN", {"IN-UK", "IN-HP"}),
    ],
)
def test_a_member_including_a_place_covers_it_and_caseless_scripts_are_read(region, home, members):
    assert members <= (region_countries(region, home) or set())
