"""Regions in replies: a shop that keeps its policy in several languages states each region once, named in the
buyer's language; region words the gazetteer reads in every language, including demonyms and adjectives.

The policies here are written for the test (two languages of one small shop), not taken from a shop."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from assist.ask_replies import answer_asks
from assist.asks import split_asks
from assist.regions import country_in_text, region_countries, region_display
from assist.shop_facts import folder_facts

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)

SHIPPING_DE = """---
title: Versand
language: de
---
# Versand

| Zielland | Paketdienst | Lieferzeit |
|---|---|---|
| Österreich | GLS | 2-3 Werktage |
| Brasilien | Correios | 12-18 Werktage |
| Kanada | Canada Post | 6-9 Werktage |
"""

SHIPPING_EN = """---
title: Shipping
language: en
---
# Shipping

| Destination | Carrier | Delivery time |
|---|---|---|
| Austria | GLS | 2-3 business days |
| Brazil | Correios | 12-18 business days |
| Canada | Canada Post | 6-9 business days |
"""


@pytest.fixture
def two_language_shop(tmp_path: Path) -> Path:
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "versand.md").write_text(SHIPPING_DE, encoding="utf-8")
    (folder / "shipping.md").write_text(SHIPPING_EN, encoding="utf-8")
    return folder


def _reply(folder: Path, language: str, text: str) -> str:
    asks = split_asks(text, lambda pieces: ["product_question"] * len(pieces))
    reply = answer_asks(language, asks, folder_facts(folder), None, NOW)
    assert reply.text is not None
    return reply.text


@pytest.mark.parametrize(
    ("language", "question", "names", "foreign"),
    [
        ("zh", "寄到国外要多久？", ["奥地利", "巴西", "加拿大"], ["Brasilien", "Brazil", "Kanada", "Canada"]),
        ("fr", "Combien de temps prend la livraison ?", ["Autriche", "Brésil", "Canada"], ["Brasilien", "Brazil"]),
        ("en", "How long does delivery take?", ["Austria", "Brazil", "Canada"], ["Brasilien", "Kanada"]),
    ],
)
def test_each_region_is_stated_once_in_the_buyers_language(two_language_shop, language, question, names, foreign):
    text = _reply(two_language_shop, language, question)
    for name in names:
        assert text.count(f"({name})") == 1, text
    for word in foreign:
        assert f"({word})" not in text, text


def test_a_region_the_gazetteer_reads_only_in_part_keeps_the_shops_words():
    # "peninsular" narrows Spain: never widened to the country's name
    assert region_display("España peninsular", "en", "es") == "España peninsular"
    assert region_display("Deutschland und EU", "fr", "de") == "Allemagne et UE"
    assert region_display("Brasilien", "de", "de") == "Brasilien"


@pytest.mark.parametrize(
    ("region", "code"),
    [
        ("Schweizer Kunden", "CH"),
        ("kanadische Adressen", "CA"),
        ("clients canadiens", "CA"),
        ("commandes suisses", "CH"),
        ("pedidos mexicanos", "MX"),
        ("clienti svizzeri", "CH"),
        ("encomendas brasileiras", "BR"),
        ("österreichische Bestellungen", "AT"),
        ("Brazilian orders", "BR"),
        ("envíos canadienses", "CA"),
    ],
)
def test_demonyms_and_adjectives_name_their_country(region, code):
    assert region_countries(region) == {code}


def test_a_mainland_region_is_its_country_without_the_islands():
    from assist.regions import match_region

    regions = ["España peninsular", "Islas Canarias"]
    assert match_region("ES", regions) == "España peninsular"
    assert match_region("ES-CN", regions) == "Islas Canarias"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ich bin Schweizer, liefert ihr zu mir?", "CH"),
        ("Je suis canadien, combien coûte la livraison ?", "CA"),
        ("Sono svizzera: quanto costa la spedizione?", "CH"),
    ],
)
def test_a_buyer_naming_their_nationality_names_the_place(text, code):
    assert country_in_text(text) == code


@pytest.mark.parametrize(
    ("language", "text", "region"),
    [
        ("de", "Für Schweizer Kunden: Zoll und Einfuhrumsatzsteuer trägt der Empfänger.", "Schweizer"),
        ("fr", "Pour les clients canadiens, les droits de douane sont à la charge du destinataire.", "canadiens"),
    ],
)
def test_the_extractor_reads_a_demonym_that_qualifies_customers_as_a_region(language, text, region):
    from assist.policy_extract import PolicyChunk, extract_facts

    facts = [f for f in extract_facts([PolicyChunk("c1", text, "Zoll", language)]) if f.slot == "customs.paid_by"]
    assert [(f.value, f.scope.region) for f in facts] == [("buyer", region)]


def test_an_adjective_that_qualifies_a_product_is_no_region():
    from assist.policy_extract.scope import regions_in

    assert regions_in("Borse in pelle italiana, cucite a mano.") == []
