"""Orders keep where they ship (country, state, city, postcode; never the street), from the usual export columns,
and the order's region comes from that address: through the CLI import, the HTTP order lookup, the card, and the
library's region answer. Places, addresses and the shipping table are written here (general geography)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from api.app import create_app
from assist.cli import app as cli_app
from assist.config import Settings
from assist.errors import InvalidInput
from assist.importing import read_orders_file
from assist.models import Order
from assist.regions import order_country
from assist.services import Services
from assist.shop_facts import ingest_policies
from assist.store import orders as order_rows
from assist.store import shops as shop_rows
from assist.store.migrate import MIGRATIONS
from retrievers.embeddings import FakeEmbedder

runner = CliRunner()
NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def _order(order_id: str, **address: object) -> dict:
    return {
        "order_id": order_id,
        "customer_id": f"c-{order_id}",
        "customer_name": "Lucía Gómez",
        "status": "shipped",
        "placed_at": "2026-11-14T10:00:00-06:00",
        "shipped_at": "2026-11-15T10:00:00-06:00",
        "items": [{"sku": "TAZ-1", "name": "Taza de barro", "quantity": 1, "price": 320}],
        "total": 320,
        "currency": "MXN",
        **address,
    }


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


# --- import: the export's own column names --------------------------------------------------------------


def test_a_nested_shipping_address_is_read_and_the_street_is_dropped(tmp_path):
    shopify = _order(
        "MX-5001",
        shipping_address={
            "address1": "Av. Central Poniente 123",
            "address2": "Depto 4",
            "phone": "+52 961 123 4567",
            "city": "Tuxtla Gutiérrez",
            "province": "Chiapas",
            "zip": "29000",
            "country": "Mexico",
            "country_code": "MX",
        },
    )
    [order] = read_orders_file(_write(tmp_path, "o.json", json.dumps([shopify])))
    assert (order.shipping_country, order.shipping_state, order.shipping_city, order.shipping_postcode) == (
        "MX",
        "Chiapas",
        "Tuxtla Gutiérrez",
        "29000",
    )
    dumped = json.dumps(order.model_dump(mode="json"), ensure_ascii=False)
    assert "Central Poniente" not in dumped and "961" not in dumped  # the street and phone are never kept


def test_amazon_and_ebay_columns_and_a_country_written_as_a_name(tmp_path):
    amazon = (
        "order_id,customer_id,customer_name,status,placed_at,sku,name,quantity,price,total,currency,"
        "ship-address-1,ship-city,ship-state,ship-postal-code,ship-country\n"
        "DE-77,c-1,Jonas Weber,shipped,2026-11-14T10:00:00Z,BR-1,Brotkorb,1,25,25,EUR,"
        "Lindenweg 3a,Nürnberg,Bayern,90402,Deutschland\n"
    )
    [order] = read_orders_file(_write(tmp_path, "amazon.csv", amazon))
    assert (order.shipping_country, order.shipping_state, order.shipping_postcode) == ("DE", "Bayern", "90402")
    ebay = [_order("JP-9", **{"Ship To Country": "日本", "Ship To State": "沖縄県", "Ship To Zip": "907-0004"})]
    [japanese] = read_orders_file(_write(tmp_path, "ebay.json", json.dumps(ebay)))
    assert (japanese.shipping_country, japanese.shipping_state) == ("JP", "沖縄県")


def test_shopify_csv_rows_after_the_first_may_leave_the_address_blank(tmp_path):
    rows = (
        "order_id,customer_id,customer_name,status,placed_at,sku,name,quantity,price,total,currency,"
        "Shipping City,Shipping Zip,Shipping Province,Shipping Country\n"
        "1042,c-1,Ana Ruiz,shipped,2026-11-14T10:00:00Z,A,Vela,1,5,8,MXN,Monterrey,64000,NL,MX\n"
        "1042,c-1,Ana Ruiz,shipped,2026-11-14T10:00:00Z,B,Jabón,1,3,8,MXN,,,,\n"
    )
    [order] = read_orders_file(_write(tmp_path, "shopify.csv", rows))
    assert [i.sku for i in order.items] == ["A", "B"]
    assert (order.shipping_city, order.shipping_state, order.shipping_country) == ("Monterrey", "NL", "MX")


def test_a_taobao_address_string_gives_province_and_city_only(tmp_path):
    taobao = [_order("TB-1", 收货地址="浙江省 宁波市 鄞州区 天童南路 88号 3单元")]
    [order] = read_orders_file(_write(tmp_path, "taobao.json", json.dumps(taobao, ensure_ascii=False)))
    assert (order.shipping_country, order.shipping_state, order.shipping_city) == ("CN", "浙江省", "宁波市")
    assert "天童" not in json.dumps(order.model_dump(mode="json"), ensure_ascii=False)


def test_a_territory_code_outside_iso_assignments_is_read_but_a_grouping_is_not(tmp_path):
    # order exports write Kosovo as "XK" (CLDR's code, not an assigned ISO 3166-1 one); a region code such as "EU"
    # or the unknown region "ZZ" names no country to ship to
    kosovo = [_order("XK-1", shipping_country="XK", shipping_city="Prizren"), _order("XK-2", shipping_country="xk")]
    orders = read_orders_file(_write(tmp_path, "kosovo.json", json.dumps(kosovo)))
    assert [o.shipping_country for o in orders] == ["XK", "XK"]
    for grouping in ("EU", "ZZ", "UN"):
        with pytest.raises(InvalidInput, match="unknown country"):
            read_orders_file(
                _write(tmp_path, f"{grouping}.json", json.dumps([_order("G-1", shipping_country=grouping)]))
            )


def test_an_unknown_country_is_refused_naming_the_field_and_the_column_and_nothing_changes(data_dir, tmp_path):
    created = runner.invoke(cli_app, ["shops", "create", "tienda"])
    assert created.exit_code == 0, created.output
    good = _write(tmp_path, "good.json", json.dumps([_order("MX-1", shipping_country="MX")]))
    assert runner.invoke(cli_app, ["orders", "import", "--shop", "tienda", str(good)]).exit_code == 0
    bad = [_order("MX-1", shipping_country="MX"), _order("MX-2", **{"ship-country": "Narnia"})]
    result = runner.invoke(
        cli_app, ["orders", "import", "--shop", "tienda", str(_write(tmp_path, "b.json", json.dumps(bad)))]
    )
    assert result.exit_code != 0
    message = result.output + str(result.exception or "")
    assert "shipping_country" in message and "ship-country" in message and "Narnia" in message, message
    assert "alpha-2" in message
    engine = create_engine(f"sqlite:///{(data_dir / 'assist.db').resolve()}")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT order_id, shipping_country FROM orders")).all() == [("MX-1", "MX")]
    engine.dispose()


# --- stored, returned, and kept across the schema upgrade ------------------------------------------------


def test_the_order_lookup_returns_the_address_fields(services, client, auth):
    order = Order.model_validate(
        _order("MX-7", shipping_country="méxico", shipping_state="Nuevo León", shipping_city="Monterrey")
    )
    with services.db.session() as session:
        order_rows.save_orders(session, shop_rows.get_shop(session, "alpha").id, [order])
    found = client.get("/v1/orders/MX-7", headers=auth)
    assert found.status_code == 200, found.text
    body = found.json()
    assert (body["shipping_country"], body["shipping_state"], body["shipping_city"]) == (
        "MX",
        "Nuevo León",
        "Monterrey",
    )
    assert body["shipping_postcode"] is None


def test_upgrading_a_database_made_before_addresses_keeps_every_order(data_dir, tmp_path):
    created = runner.invoke(cli_app, ["shops", "create", "tienda"])
    key = created.stdout.strip().splitlines()[-1]
    url = f"sqlite:///{(data_dir / 'assist.db').resolve()}"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    command.downgrade(config, "0003")  # the schema of the previous head: no address columns
    engine = create_engine(url)
    with engine.begin() as connection:
        assert "shipping_country" not in {c[1] for c in connection.execute(text("PRAGMA table_info(orders)"))}
        shop_id = connection.execute(text("SELECT id FROM shops WHERE name = 'tienda'")).scalar_one()
        for n in range(3):
            connection.execute(
                text(
                    "INSERT INTO orders (shop_id, order_id, customer_id, customer_name, status, placed_at, total,"
                    " currency) VALUES (:shop, :id, 'c', 'Ana', 'shipped', '2026-11-14 10:00:00', 10, 'MXN')"
                ),
                {"shop": shop_id, "id": f"OLD-{n}"},
            )
            pk = connection.execute(text("SELECT id FROM orders WHERE order_id = :id"), {"id": f"OLD-{n}"}).scalar_one()
            connection.execute(
                text(
                    "INSERT INTO order_items (order_pk, position, sku, name, quantity, price)"
                    " VALUES (:pk, 0, 'A', 'Vela', 1, 10)"
                ),
                {"pk": pk},
            )
    engine.dispose()
    upgraded = runner.invoke(cli_app, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    services = Services(Settings(data_dir=data_dir, environment="test"), embedder=FakeEmbedder())
    try:
        with TestClient(create_app(services=services)) as client:
            for n in range(3):
                shown = client.get(f"/v1/orders/OLD-{n}", headers={"Authorization": f"Bearer {key}"})
                assert shown.status_code == 200, shown.text
                assert shown.json()["shipping_country"] is None and shown.json()["items"][0]["sku"] == "A"
    finally:
        services.close()


# --- the region: the address decides, and the card says which field placed the buyer --------------------


def _mx(**address: object) -> Order:
    return Order.model_validate(_order("MX-1", **address))


@pytest.mark.parametrize(
    ("address", "place", "field"),
    [
        ({"shipping_country": "MX", "shipping_postcode": "29000"}, "MX-CHP", "postcode 29000 → Chiapas, MX"),
        ({"shipping_country": "México", "shipping_city": "Monterrey"}, "MX-NLE", "city Monterrey"),
        ({"shipping_country": "MX", "shipping_state": "Yucatán"}, "MX-YUC", "state Yucatán"),
        ({"shipping_country": "España", "shipping_state": "Las Palmas"}, "ES-CN", "state Las Palmas"),  # a province
        ({"shipping_country": "KR", "shipping_state": "부산광역시"}, "KR-26", "state 부산광역시"),
        # the county with its administrative word ("maakond"), which no subdivision name carries
        ({"shipping_country": "EE", "shipping_state": "Pärnu maakond"}, "EE-68", "state Pärnu maakond"),
        ({"shipping_country": "EE", "shipping_state": "Tallinn linn maakond"}, "EE", "country EE"),  # a town's name
        ({"shipping_country": "CN", "shipping_city": "杭州市"}, "CN-ZJ", "city 杭州市"),
        ({"shipping_country": "MX"}, "MX", "country MX"),
    ],
)
def test_the_address_places_the_order_most_specific_field_first(address, place, field):
    guess = order_country(_mx(**address))
    assert guess is not None and (guess.country.split("/")[0], guess.source) == (place, "address"), guess
    assert guess.evidence.startswith(field), guess.evidence


def test_postcode_beats_city_beats_state():
    guess = order_country(
        _mx(shipping_country="MX", shipping_postcode="64000", shipping_city="Mérida", shipping_state="Yucatán")
    )
    assert guess is not None and guess.country == "MX-NLE"  # the postcode (Nuevo León) is the most specific field
    guess = order_country(_mx(shipping_country="MX", shipping_city="Mérida", shipping_state="Jalisco"))
    assert guess is not None and guess.country == "MX-YUC"


@pytest.mark.parametrize(
    ("message", "place", "source"),
    [
        ("¿Pueden enviarlo a mi hermana en Monterrey? ¿Cuánto tarda?", "MX-NLE", "city"),  # another place: asked about
        ("Could you ship it to Canada instead?", "CA", "text"),
        ("Vivo en México, ¿cuándo llega?", "MX-CHP", "address"),  # the address's own country: the address says more
        ("¿Cuándo llega a Chiapas?", "MX-CHP", "address"),
    ],
)
def test_a_place_the_ask_names_wins_over_the_address_only_when_it_differs(message, place, source):
    guess = order_country(_mx(shipping_country="MX", shipping_postcode="29000"), message)
    assert guess is not None and (guess.country, guess.source) == (place, source), guess
    if source != "address":
        assert "instead of the order's address (postcode 29000 → Chiapas, MX)" in guess.evidence, guess.evidence


MEXICO_SHIPPING = """---
title: Envíos
language: es
---
# Tiempos de entrega

Enviamos con Estafeta a toda la República.

| Destino | Tiempo de entrega |
|---|---|
| Chiapas | 6 a 9 días hábiles |
| Nuevo León | 1 a 2 días hábiles |
| Resto de México | 3 a 5 días hábiles |
"""


def test_the_card_answers_for_the_address_and_says_which_field_placed_the_buyer(client, services, auth, tmp_path):
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "envios.md").write_text(MEXICO_SHIPPING, encoding="utf-8")
    order = _mx(shipping_country="MX", shipping_postcode="29000")
    with services.db.session() as session:
        shop = shop_rows.get_shop(session, "alpha")
        shop_rows.update_settings(session, shop, {"currency": "MXN"})
        ingest_policies(services, session, shop, [folder])
        order_rows.save_orders(session, shop.id, [order])

    def card(text: str) -> dict:
        conversation = {"order_ids": ["MX-1"], "messages": [{"role": "customer", "text": text}]}
        answer = client.post("/v1/assist", json={"conversation": conversation, "agent_language": "en"}, headers=auth)
        assert answer.status_code == 200, answer.text
        return answer.json()["suggestions"]

    home = card("Hola, ¿cuánto tarda la entrega de mi pedido MX-1?")
    top = home["suggestions"][0]["text"]
    assert "6 a 9" in top and "Chiapas" in top, top
    notes = [n for ask in home["asks"] for n in ask["answers"]]
    assert any("order's shipping address: postcode 29000 → Chiapas, MX" in n for n in notes), notes

    elsewhere = card("¿Pueden mandar el pedido MX-1 a Monterrey? ¿Cuánto tarda el envío allí?")
    top = elsewhere["suggestions"][0]["text"]
    assert "1 a 2" in top and "6 a 9" not in top, top
    notes = [n for ask in elsewhere["asks"] for n in ask["answers"]]
    assert any("MX-NLE" in n and "instead of the order's address" in n for n in notes), notes


ASIA_SHIPPING = """---
title: Shipping
language: en
---
# Delivery times

| Destination | Delivery time |
|---|---|
| China | 8 to 13 business days |
| Japan | 4 to 6 business days |
"""


@pytest.mark.parametrize(
    ("language", "question", "region", "place"),
    [
        ("en", "I live in Shanghai. How long does delivery take?", "China", "Shanghai"),
        ("ja", "上海に住んでいます。配送にはどのくらいかかりますか？", "中国", "上海"),
        ("en", "We're in Okinawa, how long does shipping take?", "Japan", "Okinawa"),
    ],
)
def test_a_fact_for_the_whole_country_is_said_of_the_country_not_the_buyers_city(
    tmp_path, language, question, region, place
):
    from assist.ask_replies import answer_asks
    from assist.asks import split_asks
    from assist.shop_facts import folder_facts

    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "shipping.md").write_text(ASIA_SHIPPING, encoding="utf-8")
    reply = answer_asks(language, split_asks(question), folder_facts(folder), None, NOW, currency="EUR")
    assert reply.text is not None
    stated = next(line for line in reply.text.split("\n") if "8" in line or "4" in line)
    assert region in stated and place not in stated, reply.text


@pytest.mark.parametrize(
    ("message", "place"),
    [
        ("Me mudé, mi nuevo código postal es 64000. ¿Cuánto tarda?", "MX-NLE"),  # a shared label, read for Mexico
        ("Envíenlo al C.P. 97000 por favor", "MX-YUC"),
    ],
)
def test_a_postcode_the_buyer_writes_is_read_for_the_orders_country(message, place):
    guess = order_country(_mx(shipping_country="MX", shipping_postcode="29000"), message)
    assert guess is not None and (guess.country, guess.source) == (place, "postcode"), guess
    assert "instead of the order's address" in guess.evidence
