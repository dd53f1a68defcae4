"""Places inside a country: a buyer's city, state, island or postcode resolves to its subdivision, macro-region
and remote/island flags, and the shop's most specific region that contains it is the one whose fact is stated.

Every policy and buyer text here is written for the test (other regions, numbers, languages and scripts than the
fixture shops'); the places are general geography."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from assist.addresses import address_place, postcode_place
from assist.answers import answers_for
from assist.ask_replies import answer_asks
from assist.asks import split_asks
from assist.models import Order
from assist.places import place_codes
from assist.regions import contained_as, match_region, order_country, place_in_text, region_countries
from assist.shop_facts import folder_facts, ingest_policies
from assist.store import shops as shop_rows

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)

BRAZIL_SHIPPING = """---
title: Envio
language: pt
---
# Prazos de entrega

Enviamos pelos Correios para todo o Brasil.

| Região | Prazo |
|---|---|
| Sudeste | 2 a 4 dias úteis |
| Sul e Centro-Oeste | 4 a 6 dias úteis |
| Norte e Nordeste | 7 a 11 dias úteis |
"""

JAPAN_SHIPPING = """---
title: 配送について
language: ja
---
# 配送について

| 地域 | 配送日数 |
|---|---|
| 本州 | 1〜2日 |
| 北海道・四国・九州 | 2〜4日 |
| 沖縄・離島 | 4〜9日 |
"""


def _folder(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "policies"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- where the buyer is --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Moro em Recife, quanto tempo leva?", "BR-PE"),  # a city after a preposition, Portuguese
        ("I live in Curitiba", "BR-PR"),
        ("Vivo en Córdoba, Argentina. ¿Llega rápido?", "AR-X"),  # the city of the country named
        ("Ich komme aus Porto Alegre", "BR-RS"),
        ("Je vis à Ajaccio", "FR-20R"),  # Corsica
        ("vivo a Cagliari", "IT-88"),  # Sardinia
        ("宮古島に住んでいます", "JP-47/island+remote"),  # an island inside Okinawa prefecture
        ("我住在澎湖", "TW-PEN"),
        ("Ich wohne auf Sylt, liefert ihr dahin?", "DE-SH/island"),  # an island named without a city
        ("I'm in Kirkwall, Orkney", "GB-SCT/island+remote"),
        ("상파울루에 살아요", "BR-SP"),  # a city in Hangul
        ("那覇に住んでいます", "JP-47"),  # a smaller city where the words around it say it is a place
        ("高松から注文しました", "JP-37"),
        ("请问什么时候发货", None),
        ("Do you ship to Canada?", "CA"),  # a country alone stays a country
        ("Can you help me with my order?", None),
    ],
)
def test_a_place_named_in_the_message_resolves_to_its_subdivision_and_flags(text, place):
    assert place_in_text(text) == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Liefert ihr nach Frankreich? Sonst an meine Tante in Graz: wie lange nach Österreich?", "AT"),
        ("Do you deliver to Norway? If not, how long does a parcel take to Sweden?", "SE"),
        ("Mandáis a Chile o a Perú?", None),  # one question about two countries names no one place
    ],
)
def test_a_message_naming_several_countries_is_read_at_its_last_question(text, place):
    found = place_in_text(text)
    assert (found if found is None or place is None or "-" in place else found.split("-")[0]) == place


def test_what_contains_a_place_from_the_locality_to_the_country():
    assert place_codes("JP-47/island+remote") == ("JP:island", "JP:remote", "JP-47", "JP")
    assert place_codes("BR-CE") == ("BR-CE", "BR:northeast", "BR")
    assert place_codes("AU-WA/remote") == ("AU:remote", "AU-WA", "AU:regional", "AU")  # Broome: remote, so regional
    assert "AU:regional" not in place_codes("AU-WA/metro") and "AU:regional" not in place_codes("AU-WA")


@pytest.mark.parametrize(
    ("country", "postcode", "place"),
    [
        ("BR", "60165-121", "BR-CE"),
        ("BR", "30130-010", "BR-MG"),
        ("JP", "907-0004", "JP-47/island"),  # Yaeyama islands
        ("GB", "HS1 2AB", "GB-SCT/island"),  # Outer Hebrides
        ("GB", "IV2 3HH", "GB-SCT/remote"),  # Highlands
        ("US", "99501", "US-AK"),
        ("CA", "X1A 2P5", "CA-NT"),
        ("ES", "38003", "ES-CN"),
        ("IT", "09124", "IT-88"),
        ("DE", "25980", "DE-SH/island"),
        ("FR", "97400", "FR-974"),
        ("NL", "1011", None),  # no prefixes known for the country: no guess
    ],
)
def test_a_postcode_places_the_address(country, postcode, place):
    assert postcode_place(country, postcode) == place


def test_an_address_says_which_field_placed_it():
    found = address_place("Brasil", postcode="60165-121")
    assert found is not None and (found.code, found.source) == ("BR-CE", "postcode")
    found = address_place("Brasil", city="Belo Horizonte")
    assert found is not None and (found.code, found.source) == ("BR-MG", "city")
    found = address_place("AU", state="NSW")
    assert found is not None and (found.code, found.source) == ("AU-NSW", "state")
    found = address_place("Japan", state="沖縄県")
    assert found is not None and found.code == "JP-47"
    found = address_place("Canada")
    assert found is not None and (found.code, found.source) == ("CA", "country")
    assert address_place("Atlantis") is None


# --- what a shop's region covers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "home", "covers", "misses"),
    [
        ("Norte e Nordeste", "BRL", {"BR:north", "BR:northeast"}, {"BR"}),
        ("Região Sul", "BRL", {"BR:south"}, set()),
        ("Sud Italia e Isole", "EUR-IT", {"IT:south", "IT:islands"}, set()),
        ("Sud America", "EUR-IT", {"BR", "AR"}, {"IT:south"}),  # "Sud" inside a continent's name
        ("regional areas", "AUD", {"AU:regional"}, set()),
        ("remote areas", "AUD", {"AU:remote"}, set()),
        ("離島", "TWD", {"TW:island"}, {"JP:island"}),  # the shop's own country's islands
        ("離島", "JPY", {"JP:island"}, {"TW:island"}),
        ("偏远地区", "CNY", {"CN:remote"}, set()),
        ("Islas Baleares", "EUR-ES", {"ES-IB"}, {"ES:island"}),  # an island group's own name is that group
        ("Mercosur", "BRL", {"AR", "UY", "PY", "BR"}, set()),
        ("Scottish islands", "GBP", {"GB:island"}, {"GB"}),  # the flag word, not the whole country
    ],
)
def test_a_region_name_covers_macro_regions_subdivisions_and_flagged_areas(region, home, covers, misses):
    country = {"BRL": "BR", "EUR-IT": "IT", "AUD": "AU", "TWD": "TW", "JPY": "JP", "CNY": "CN", "EUR-ES": "ES"}
    found = region_countries(region, country.get(home, home[:2])) or set()
    assert covers <= found and not (misses & found), found


def test_the_most_specific_region_that_contains_the_place_wins():
    shop = ["Brasil", "Nordeste", "Ceará"]
    assert match_region(place_in_text("moro em Fortaleza"), shop, "BR") == "Ceará"  # subdivision
    assert match_region(place_in_text("moro em João Pessoa"), shop, "BR") == "Nordeste"  # macro-region
    assert match_region(place_in_text("moro em Curitiba"), shop, "BR") == "Brasil"  # country
    japan = ["日本全国", "沖縄", "離島"]
    assert match_region(place_in_text("沖縄県に住んでいます"), japan, "JP") == "沖縄"
    assert match_region(place_in_text("宮古島に住んでいます"), japan, "JP") == "離島"  # the island over its prefecture
    assert match_region(place_in_text("大阪に住んでいます"), japan, "JP") == "日本全国"
    assert contained_as("JP-47/island+remote", "離島", "JP") == "JP:island"


def test_a_mainland_region_leaves_islands_and_remote_areas_apart():
    shop = ["España peninsular", "Baleares", "resto del mundo"]
    assert match_region(place_in_text("vivo en Zaragoza"), shop, "ES") == "España peninsular"
    assert match_region(place_in_text("vivo en Palma, Mallorca"), shop, "ES") == "Baleares"
    assert match_region(place_in_text("vivo en Santa Cruz de Tenerife"), shop, "ES") == "resto del mundo"
    taiwan = ["台灣本島", "離島"]
    assert match_region(place_in_text("住在金門"), taiwan, "TW") == "離島"
    assert match_region(place_in_text("住在高雄"), taiwan, "TW") == "台灣本島"


def test_the_answer_says_which_input_placed_the_order():
    order = Order.model_validate(
        {
            "order_id": "X-1",
            "customer_id": "C1",
            "customer_name": "Ana",
            "status": "shipped",
            "placed_at": "2026-11-10T10:00:00Z",
            "items": [{"sku": "A", "name": "Toalha", "quantity": 1, "price": 50}],
            "total": 50,
            "currency": "BRL",
        }
    )
    guess = order_country(order, "Moro em Belém, quando chega?")
    assert guess is not None and (guess.country, guess.source) == ("BR-PA", "city") and "Pará" in guess.evidence
    guess = order_country(order, "Quando chega?")
    assert guess is not None and (guess.country, guess.source) == ("BR", "currency")


# --- the reply states the fact of that region, named in the buyer's language -----------------------


@pytest.mark.parametrize(
    ("language", "question", "wanted", "named"),
    [
        ("es", "Hola, vivo en Recife. ¿Cuánto tarda el envío?", "7 a 11", "Nordeste de Brasil"),
        ("en", "I live in Rio de Janeiro, how long does delivery take?", "2–4", "Southeast Brazil"),
        ("de", "Ich wohne in Goiânia. Wie lange dauert die Lieferung?", "4–6", "Mittelwestbrasilien"),
        ("pt", "Moro em Manaus. Quanto tempo leva a entrega?", "7 a 11", "Norte e Nordeste"),  # the shop's own words
    ],
)
def test_the_reply_states_the_transit_time_of_the_buyers_macro_region(tmp_path, language, question, wanted, named):
    facts = folder_facts(_folder(tmp_path, "envio.md", BRAZIL_SHIPPING))
    reply = answer_asks(
        language, split_asks(question, lambda p: ["product_question"] * len(p)), facts, None, NOW, currency="BRL"
    )
    assert reply.text is not None and wanted in reply.text and named in reply.text, reply.text


def test_an_island_buyer_gets_the_island_time_and_the_answer_names_the_island_area(tmp_path):
    facts = folder_facts(_folder(tmp_path, "haiso.md", JAPAN_SHIPPING))
    asks = split_asks("I live on Miyakojima. How long does delivery take?", lambda p: ["product_question"] * len(p))
    reply = answer_asks("en", asks, facts, None, NOW, currency="JPY")
    assert reply.text is not None and "4–9 days" in reply.text and "outlying islands of Japan" in reply.text
    found = answers_for(["shipping_time"], facts, None, NOW, text="宮古島に住んでいます", currency="JPY")
    where = next(a for a in found if a.key == "order_region")
    assert where.value == "沖縄・離島" and where.inputs["region_level"] == "JP:island"
    assert where.inputs["from"].startswith("city:") and where.inputs["place"] == "JP-47/island+remote"
    sapporo = answer_asks("ja", split_asks("札幌に住んでいます。何日で届きますか？"), facts, None, NOW, currency="JPY")
    assert sapporo.text is not None and "2～4日" in sapporo.text and "北海道・四国・九州" in sapporo.text


def test_assist_states_the_regional_fact_for_the_city_the_buyer_names(client, services, auth, tmp_path):
    folder = _folder(tmp_path, "envio.md", BRAZIL_SHIPPING)
    with services.db.session() as session:
        shop = shop_rows.get_shop(session, "alpha")
        shop_rows.update_settings(session, shop, {"currency": "BRL"})
        ingest_policies(services, session, shop, [folder])
    conversation = {"messages": [{"role": "customer", "text": "Hola, soy de Fortaleza. ¿Cuántos días tarda el envío?"}]}
    card = client.post("/v1/assist", json={"conversation": conversation, "agent_language": "en"}, headers=auth)
    assert card.status_code == 200, card.text
    suggestions = card.json()["suggestions"]
    top = suggestions["suggestions"][0]["text"]
    assert "7 a 11" in top and "Nordeste de Brasil" in top, top
    notes = suggestions["asks"][0]["answers"]
    assert any("BR-CE" in n and "place named in the message" in n and "Norte e Nordeste" in n for n in notes), notes


def test_every_place_the_resource_names_is_an_iso_subdivision_and_every_country_key_a_country():
    import pycountry

    from assist.places import data

    resource = data()
    codes: set[str] = set()
    for section in ("macro_regions", "areas", "localities", "postcodes"):
        assert all(isinstance(k, str) and pycountry.countries.get(alpha_2=k) for k in resource[section]), section
    for macros in resource["macro_regions"].values():
        for macro in macros.values():
            codes |= set(macro["members"])
            assert macro["name"].get("en") and macro["words"], macro
    for areas in resource["areas"].values():
        codes |= set(areas or {})
    codes |= {place["in"] for entries in resource["localities"].values() for place in entries}
    codes |= {str(code).split("/")[0] for table in resource["postcodes"].values() for code in table.values()}
    codes |= {str(code) for code in resource["admin1"].values() if "-" in str(code)}
    unknown = sorted(c for c in codes if "-" in c and pycountry.subdivisions.get(code=c) is None)
    assert not unknown and len(codes) > 300


ITALY_SHIPPING = """---
title: Spedizioni
language: it
---
# Spedizioni

Spediamo con BRT in tutta Italia.

- Nord-Ovest e Nord-Est: consegna in 1-2 giorni lavorativi.
- Centro Italia: consegna in 2-3 giorni lavorativi.
- Sud Italia e Isole: consegna in 3-5 giorni lavorativi.
"""


@pytest.mark.parametrize(
    ("language", "question", "wanted", "named"),
    [
        ("en", "I live in Bologna, how long does delivery take?", "1–2 business days", "Northeast Italy"),
        ("de", "Ich wohne in Neapel. Wie lange dauert die Lieferung?", "3–5 Werktage", "Süditalien"),
        ("fr", "J'habite à Florence, combien de temps pour la livraison ?", "2 à 3 jours", "Italie centrale"),
        ("en", "We live in Cagliari. How long does delivery take?", "3–5 business days", "islands of Italy"),
    ],
)
def test_macro_region_bullets_scope_their_facts_and_the_buyers_city_picks_one(
    tmp_path, language, question, wanted, named
):
    facts = folder_facts(_folder(tmp_path, "spedizioni.md", ITALY_SHIPPING))
    regions = {f.scope.region for f in facts.all("shipping.transit_time")}
    assert regions == {"Nord-Ovest e Nord-Est", "Centro Italia", "Sud Italia e Isole"}
    reply = answer_asks(language, split_asks(question), facts, None, NOW, currency="EUR")
    assert reply.text is not None and wanted in reply.text and named in reply.text, reply.text


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Meu CEP é 30140-071, quando chega?", "BR-MG"),
        ("Meine PLZ ist 26548 – liefert ihr auf die Insel?", "DE-NI/island"),  # Norderney
        ("〒906-0013 宛に送ってください", "JP-47/island"),  # Miyako islands
        ("Deliver to ZE1 0AA please, how long?", "GB-SCT/island"),  # Shetland, by the postcode's shape
        ("邮编850000，能寄到吗？", "CN-XZ"),
        ("Order 445566, when does it ship?", None),  # a number without a postcode label is no postcode
    ],
)
def test_a_postcode_in_the_message_places_the_order_and_says_so(text, place):
    guess = order_country(None, text)
    if place is None:
        assert guess is None
    else:
        assert guess is not None and (guess.country, guess.source) == (place, "postcode"), guess
