"""A number's role and topic come from the clause that holds it: a shipping fee is no free-shipping threshold,
and a duration in a sentence about something else is no return window because a later clause names returns.

Every sentence here is written for the test (paraphrases in several languages), not taken from a shop."""

from __future__ import annotations

import pytest

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_facts import PolicyFact


def facts_of(text: str, section: str = "", language: str = "en") -> list[PolicyFact]:
    return extract_facts([PolicyChunk("c1", text, section, language)])


def used(facts: list[PolicyFact], slot: str) -> list[PolicyFact]:
    return [f for f in facts if f.slot == slot and not f.needs_review]


@pytest.mark.parametrize(
    ("language", "section", "text", "threshold", "currency"),
    [
        ("fr", "Livraison", "Livraison offerte dès 60 € ; en dessous, elle coûte 5,50 € vers la Belgique.", 60, "EUR"),
        ("es", "Envíos", "Envío gratis a partir de 50 €, si no, cuesta 3,95 € a Portugal.", 50, "EUR"),
        ("ja", "送料", "韓国宛ては8,000円以上で送料無料、それ未満は一律900円です。", 8000, "JPY"),
        ("zh", "运费", "寄往台湾满599元包邮，不满则收取45元运费。", 599, "CNY"),
        ("it", "Spedizioni", "Spedizione 6 €, gratuita per ordini da 79 € in su.", 79, "EUR"),
        ("de", "Versand", "Nach Österreich kostet der Versand 5,90 €; ab 60 € ist er kostenlos.", 60, "EUR"),
    ],
)
def test_a_shipping_fee_is_not_read_as_the_free_shipping_threshold(language, section, text, threshold, currency):
    facts = used(facts_of(text, section, language), "shipping.free_threshold")
    assert [(f.value, f.unit) for f in facts] == [(threshold, currency)]


def test_each_bullet_sentence_keeps_the_bullets_region_label():
    text = (
        "- **Portugal**: correio CTT, 3-5 dias úteis. Envio 6 €, grátis acima de 80 €.\n"
        "- **Reino Unido**: DHL Express, 4-6 dias úteis. Envio 19 €, grátis acima de 200 €.\n"
    )
    facts = facts_of(text, "Envios", "pt")
    thresholds = {(f.value, f.scope.region) for f in used(facts, "shipping.free_threshold")}
    assert thresholds == {(80, "Portugal"), (200, "Reino Unido")}
    # "DHL Express" is a carrier's name, not an express option: its transit time counts
    transit = {(f.value, f.max_value, f.scope.region) for f in used(facts, "shipping.transit_time")}
    assert (4, 6, "Reino Unido") in transit


@pytest.mark.parametrize(
    ("language", "section", "text"),
    [
        ("de", "Dein Konto", "Wir löschen dein Konto innerhalb von 14 Tagen, sobald alle Rücksendungen erledigt sind."),
        ("en", "Your account", "We erase the account within 45 days, once any open returns are closed."),
        ("fr", "Compte", "Nous supprimons le compte sous 20 jours, une fois les retours en cours terminés."),
    ],
)
def test_a_topic_named_in_a_subordinate_clause_gives_the_number_no_topic(language, section, text):
    assert used(facts_of(text, section, language), "returns.window") == []


def test_a_fact_stated_twice_cites_the_passage_under_its_own_heading():
    chunks = [
        PolicyChunk(
            "damage",
            "Beschädigte Ware kannst du wie jede Bestellung innerhalb von 21 Tagen zurückgeben.",
            "Schäden",
            "de",
        ),
        PolicyChunk(
            "returns", "Du kannst Artikel innerhalb von 21 Tagen nach Zustellung zurückgeben.", "Rückgabe", "de"
        ),
    ]
    windows = [f for f in extract_facts(chunks) if f.slot == "returns.window" and not f.needs_review]
    assert [(f.value, f.chunk_id) for f in windows] == [(21, "returns")]


@pytest.mark.parametrize(
    ("language", "section", "text", "slot", "value"),
    [
        # the shop pays return shipping for its own mistakes, in words other than "free"
        (
            "es",
            "Devoluciones",
            "Si el producto es defectuoso o te enviamos un artículo equivocado, la devolución va por nuestra cuenta.",
            "returns.shop_pays_when",
            ["defective", "wrong_item"],
        ),
        (
            "pt",
            "Devoluções",
            "Se o artigo tiver defeito ou enviarmos um produto errado, a devolução fica a nossa custa.",
            "returns.shop_pays_when",
            ["defective", "wrong_item"],
        ),
        ("it", "Resi", "Il reso è a carico del cliente.", "returns.shipping_paid_by", "buyer"),
        # what the refund time counts from
        (
            "pt",
            "Reembolsos",
            "Reembolsamos em 7 dias após a chegada da devolução ao armazém.",
            "refunds.time_starts",
            "return_received",
        ),
        (
            "fr",
            "Remboursements",
            "Dès que votre retour nous parvient, nous remboursons sous 5 jours.",
            "refunds.time_starts",
            "return_received",
        ),
        # cancelling until the parcel has left
        (
            "en",
            "Cancelling",
            "You may cancel at any time before your parcel has been dispatched.",
            "cancellation.rule",
            "before_shipping",
        ),
        (
            "it",
            "Annullare",
            "Puoi annullare l'ordine finché non è ancora partito dal magazzino.",
            "cancellation.rule",
            "before_shipping",
        ),
        (
            "de",
            "Stornierung",
            "Solange dein Paket noch nicht versandt ist, kannst du die Bestellung stornieren.",
            "cancellation.rule",
            "before_shipping",
        ),
        # return conditions said in other words
        (
            "en",
            "Returns",
            "Puzzles can be returned only with the shrink-wrap intact.",
            "returns.conditions",
            ["sealed"],
        ),
        (
            "es",
            "Devoluciones",
            "El artículo debe estar nuevo, nunca usado y con sus etiquetas.",
            "returns.conditions",
            ["tags_attached", "unused"],
        ),
    ],
)
def test_rules_said_in_other_words_are_read(language, section, text, slot, value):
    facts = used(facts_of(text, section, language), slot)
    assert facts, f"{slot} not read from: {text}"
    got = facts[0].value
    assert (sorted(got) if isinstance(got, list) else got) == value


@pytest.mark.parametrize(
    ("language", "text", "region"),
    [
        ("de", "Für Österreich fallen keine zusätzlichen Zölle an.", "Österreich"),
        ("fr", "Pour le Luxembourg, aucun frais supplémentaire : la TVA est déjà comprise.", "Luxembourg"),
        ("it", "Per la Spagna non ci sono dazi né costi aggiuntivi.", "Spagna"),
    ],
)
def test_no_duties_for_a_region(language, text, region):
    facts = used(facts_of(text, "Zoll / Douane / Dogana", language), "customs.paid_by")
    assert [(f.value, f.scope.region) for f in facts] == [("none", region)]


def test_a_where_we_ship_heading_lists_the_destinations_of_its_labelled_items():
    text = (
        "- **Alemania**: GLS, 2-3 días laborables. Envío 6 €.\n"
        "- **Portugal**: CTT, 3-5 días laborables. Envío 8 €.\n"
        "- **Francia**: Colissimo, 3-4 días laborables. Envío 9 €.\n"
    )
    facts = used(facts_of(text, "Envíos > Dónde enviamos", "es"), "shipping.regions")
    assert [f.value for f in facts] == [["Alemania", "Portugal", "Francia"]]
    # the same items under another heading are delivery times, not the full list of destinations
    assert used(facts_of(text, "Envíos > Plazos", "es"), "shipping.regions") == []


def test_region_headings_with_a_rest_of_world_one_list_the_destinations():
    chunks = [
        PolicyChunk(
            "a", "Parcels go out with Post NL in 1-2 working days.", "Shipping > Netherlands delivery", "en", "s.md"
        ),
        PolicyChunk("b", "We use DHL: 3-5 working days.", "Shipping > Delivery to Belgium", "en", "s.md"),
        PolicyChunk(
            "c", "Everything else travels by DHL in 6-12 working days.", "Shipping > Worldwide delivery", "en", "s.md"
        ),
    ]
    facts = [f for f in extract_facts(chunks) if f.slot == "shipping.regions" and not f.needs_review]
    assert [f.value for f in facts] == [["Netherlands", "Belgium", "Worldwide"]]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("de", "Unsere Rucksäcke haben 5 Jahre Garantie und unsere Zelte 3 Jahre.", {"Rucksäcke": 5, "Zelte": 3}),
        ("it", "Le lampade hanno una garanzia di 2 anni e i mobili di 5 anni.", {"lampade": 2, "mobili": 5}),
        ("en", "In addition, every jigsaw comes with our 6-month missing-piece guarantee.", {"jigsaw": 6}),
    ],
)
def test_each_conjunct_of_a_warranty_sentence_keeps_its_own_product_class(language, text, expected):
    facts = used(facts_of(text, "Garantie", language), "warranty.length")
    assert {f.scope.product_class: f.value for f in facts} == expected


@pytest.mark.parametrize(
    ("language", "section", "text", "slot", "value"),
    [
        (
            "es",
            "Daños en el transporte",
            "Un mensajero pasará a recoger el artículo dañado y te enviamos otro.",
            "damage.return_required",
            True,
        ),
        (
            "de",
            "Transportschaden",
            "Wir holen den beschädigten Artikel kostenlos bei dir ab.",
            "damage.return_required",
            True,
        ),
        (
            "de",
            "Adresse ändern",
            "Nach Abschluss der Bestellung können wir die Lieferadresse leider nicht mehr ändern.",
            "address_change.rule",
            "not_allowed",
        ),
        (
            "es",
            "Cambiar la dirección",
            "Una vez realizado el pedido no podemos cambiar la dirección de entrega.",
            "address_change.rule",
            "not_allowed",
        ),
        ("en", "Shipping", "Items in stock are dispatched within 1-2 business days.", "shipping.dispatch_time", 1),
    ],
)
def test_pickups_address_rules_and_stock_dispatch(language, section, text, slot, value):
    facts = used(facts_of(text, section, language), slot)
    assert [f.value for f in facts] == [value]
    assert all(f.scope.product_class is None for f in facts)  # "in stock" is every product, no class


@pytest.mark.parametrize(
    ("language", "text", "value", "product_class"),
    [
        (
            "es",
            "Las mesas a medida se hacen a mano: calcula 4 semanas de fabricación antes del envío.",
            4,
            "mesas a medida",
        ),
        (
            "it",
            "Le cinture incise richiedono da 3 a 4 giorni lavorativi di lavorazione prima della spedizione.",
            3,
            "cinture incise",
        ),
    ],
)
def test_making_time_before_shipping_is_a_dispatch_time_of_its_product_class(language, text, value, product_class):
    facts = used(facts_of(text, "Envíos / Spedizioni", language), "shipping.dispatch_time")
    assert [(f.value, f.scope.product_class) for f in facts] == [(value, product_class)]


def test_a_payment_method_naming_the_original_one_scopes_nothing():
    text = "We refund within 4 working days to the card or Klarna account you paid with."
    facts = used(facts_of(text, "Refunds"), "refunds.method")
    assert [(f.value, f.scope.payment_method) for f in facts] == [("original_payment_method", None)]


@pytest.mark.parametrize(
    ("language", "text", "amount"),
    [
        ("de", "Für Bestellungen unter 40 Pfund fallen bei der Einfuhr nach Großbritannien keine Zölle an.", 40),
        ("fr", "Royaume-Uni : jusqu'à 135 livres sterling, aucun droit de douane n'est dû.", 135),
    ],
)
def test_a_currency_named_in_words_is_an_amount(language, text, amount):
    facts = used(facts_of(text, "Zoll / Douane", language), "customs.threshold")
    assert [(f.value, f.unit) for f in facts] == [(amount, "GBP")]


def test_one_window_for_cancelling_or_changing_the_address_sets_both_rules():
    text = "Tienes 2 horas desde la compra para cancelar el pedido o cambiar la dirección de envío."
    facts = facts_of(text, "Pedidos", "es")
    assert [f.value for f in used(facts, "cancellation.rule")] == ["within_window"]
    assert [f.value for f in used(facts, "address_change.rule")] == ["within_window"]
