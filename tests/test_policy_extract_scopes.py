"""Scoped facts and bilingual documents, on policy texts written for these tests (other shops, numbers, languages)."""

from __future__ import annotations

import re
from pathlib import Path

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_extract.sources import document_chunks, load_policy
from assist.policy_facts import PolicyFact


def _chunks(source: str, text: str, language: str | None = None) -> list[PolicyChunk]:
    return [
        PolicyChunk(id=f"{source}#{i}", text=t, language=language, source=source)
        for i, t in enumerate(re.split(r"\n\n(?=## )", text))
    ]


GERMAN = """## Rückgabe

Sie können Artikel innerhalb von 21 Tagen nach Erhalt zurückgeben.

## Erstattung

Wir erstatten den Betrag innerhalb von 6 Werktagen nach Eingang der Rücksendung.

## Stornierung

Der Versand ist ab 80 € Bestellwert kostenlos. Schäden melden Sie bitte innerhalb von 3 Tagen nach Zustellung."""

ENGLISH = """## Returns

You can return items within 21 days of receipt.

## Refunds

We refund the amount within 6 business days of receiving the return.

## Cancellation

Shipping is free on orders over €80. Please report damage within 3 days of delivery."""


def _document(tmp_path: Path, name: str, text: str) -> list[PolicyChunk]:
    """Chunks of a policy file, as ingest reads them."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    document = load_policy(path)
    return document_chunks(1, document, name, document.language)


def _slot(facts: list[PolicyFact], slot: str, review: bool = False) -> list[PolicyFact]:
    return [f for f in facts if f.slot == slot and f.needs_review == review]


def test_the_same_rules_in_two_languages_give_one_fact_with_both_citations():
    facts = extract_facts(
        _chunks("ruecknahme-de.md", GERMAN) + _chunks("returns-en.md", ENGLISH), primary_language="de"
    )
    window = _slot(facts, "returns.window")
    assert [(f.value, f.unit) for f in window] == [(21, "day")]
    assert window[0].language in (None, "de") and "Tagen" in (window[0].sentence or "")
    assert [c.sentence for c in window[0].also_cited] == ["You can return items within 21 days of receipt."]
    assert len(_slot(facts, "refunds.time")) == 1
    assert len(_slot(facts, "shipping.free_threshold")) == 1


def test_the_shops_language_decides_which_document_is_cited_first():
    facts = extract_facts(
        _chunks("ruecknahme-de.md", GERMAN) + _chunks("returns-en.md", ENGLISH), primary_language="en"
    )
    (window,) = _slot(facts, "returns.window")
    assert "receipt" in (window.sentence or "") and "Tagen" in window.also_cited[0].sentence


def test_two_language_versions_that_disagree_send_both_values_to_review():
    english = ENGLISH.replace("within 21 days", "within 28 days")
    facts = extract_facts(
        _chunks("ruecknahme-de.md", GERMAN) + _chunks("returns-en.md", english), primary_language="de"
    )
    assert _slot(facts, "returns.window") == []
    assert sorted(f.value for f in _slot(facts, "returns.window", review=True)) == [21, 28]


def test_two_documents_of_one_language_are_not_merged():
    other = ENGLISH.replace("## Returns", "## Returns (outlet store)")
    facts = extract_facts(_chunks("returns-en.md", ENGLISH) + _chunks("outlet-en.md", other), primary_language="en")
    assert all(not f.also_cited for f in facts)


BULKY_TABLE = """## Lieferzeiten

Lieferzeiten in Werktagen ab Versand:

| Zone | Pakete | Sperrgut | Versandkosten |
|---|---|---|---|
| Österreich | 2 bis 3 Tage | 6 bis 9 Tage | 7 € |
| Schweiz | 3 bis 5 Tage | auf Anfrage | 19 € |"""


def test_a_table_with_a_time_column_per_product_class_gives_one_fact_per_column():
    facts = _slot(extract_facts(_chunks("lieferung.md", BULKY_TABLE, "de")), "shipping.transit_time")
    read = {(f.scope.region, f.scope.product_class, f.value, f.max_value, f.unit) for f in facts}
    assert read == {
        ("Österreich", "Pakete", 2, 3, "business_day"),
        ("Österreich", "Sperrgut", 6, 9, "business_day"),
        ("Schweiz", "Pakete", 3, 5, "business_day"),
    }


def test_a_qualified_header_scopes_by_its_qualifier_and_one_time_column_scopes_nothing():
    table = """## Shipping

| Destination | Carrier | Delivery time (small parcels) | Delivery time (freight) |
|---|---|---|---|
| Chile | Correos | 4-6 days | 10-14 days |

## Shipping to Peru

| Destination | Carrier | Delivery time |
|---|---|---|
| Peru | Olva | 5-8 days |"""
    facts = _slot(extract_facts(_chunks("shipping.md", table, "en")), "shipping.transit_time")
    read = {(f.scope.region, f.scope.product_class, f.value, f.unit) for f in facts}
    assert read == {("Chile", "small parcels", 4, "day"), ("Chile", "freight", 10, "day"), ("Peru", None, 5, "day")}


def test_a_leading_label_scopes_a_rule_by_product_class():
    text = """## Cancelling an order

Custom-built cabinets: cancellation is free within 2 days of ordering.

## Garantía

Las garantías varían según la pieza:
- Estructura de acero (marcos, patas, bisagras): 8 años
- Tapicería y cojines: 2 años"""
    facts = extract_facts(_chunks("terms.md", text))
    (window,) = _slot(facts, "cancellation.window")
    assert (window.value, window.unit, window.scope.product_class) == (2, "day", "Custom-built cabinets")
    lengths = {(f.scope.product_class, f.value, f.unit) for f in _slot(facts, "warranty.length")}
    assert lengths == {("Estructura de acero", 8, "year"), ("Tapicería y cojines", 2, "year")}


def test_a_notice_label_is_no_product_class():
    text = "## Cancellation\n\nPlease note: cancellation is free within 12 hours of ordering."
    (window,) = _slot(extract_facts(_chunks("terms.md", text)), "cancellation.window")
    assert window.scope.product_class is None


def test_place_labelled_lines_answering_a_shipping_question_are_transit_times(tmp_path):
    text = """# Help

## Questions

### How long does delivery take, and what does it cost?

Norway: 2-4 business days, 90 NOK.

Denmark and Finland: 3-5 business days, 120 NOK."""
    facts = _slot(extract_facts(_document(tmp_path, "faq.md", text)), "shipping.transit_time")
    assert {(f.scope.region, f.value, f.max_value) for f in facts} == {("Norway", 2, 4), ("Denmark and Finland", 3, 5)}


def test_a_bare_dollar_is_the_dollar_the_document_names():
    text = "## Shipping\n\nAll prices are in New Zealand dollars. Shipping is free on orders over $120."
    (free,) = _slot(extract_facts(_chunks("shipping.md", text)), "shipping.free_threshold")
    assert (free.value, free.unit) == (120, "NZD")
    spanish = "## Envíos\n\nTodos los precios están en pesos chilenos. El envío es gratis en compras desde $45.000."
    (gratis,) = _slot(extract_facts(_chunks("envios.md", spanish, "es")), "shipping.free_threshold")
    assert gratis.unit == "CLP"


def test_a_code_after_a_dollar_amount_names_it_and_a_document_naming_none_keeps_us_dollars():
    coded = "## Shipping\n\nShipping is free on orders over $85 AUD."
    (free,) = _slot(extract_facts(_chunks("shipping.md", coded)), "shipping.free_threshold")
    assert (free.value, free.unit) == (85, "AUD")
    plain = "## Shipping\n\nShipping is free on orders over $60."
    (free,) = _slot(extract_facts(_chunks("shipping.md", plain)), "shipping.free_threshold")
    assert free.unit == "USD"
    both = "## Shipping\n\nPrices are in Canadian dollars, or US dollars for US orders. Free shipping over $90."
    (free,) = _slot(extract_facts(_chunks("shipping.md", both)), "shipping.free_threshold")
    assert free.unit == "USD"


def test_a_fact_scoped_to_one_dollar_country_takes_its_dollar():
    text = (
        "## Shipping\n\nAll prices are in Australian dollars. Shipping within Australia is free on orders over $135."
        " Shipping is free on US orders over $95."
    )
    read = {
        (f.scope.region, f.value, f.unit)
        for f in _slot(extract_facts(_chunks("s.md", text)), "shipping.free_threshold")
    }
    assert ("US", 95, "USD") in read and any(unit == "AUD" and value == 135 for _, value, unit in read)


def test_an_unpaid_order_deadline_is_no_cancellation_window():
    text = (
        "## Annulation\n\nSi le paiement n'est pas reçu sous 72 heures, la commande est annulée automatiquement."
        " Vous pouvez annuler votre commande dans les 12 heures suivant la commande."
    )
    windows = _slot(extract_facts(_chunks("cgv.md", text, "fr")), "cancellation.window")
    assert [(f.value, f.unit) for f in windows] == [(12, "hour")]


def test_a_for_phrase_scopes_a_cancellation_window_and_business_buyers_are_a_customer_group():
    text = (
        "## Stornierung\n\nFür Maßanfertigungen ist eine Stornierung nur innerhalb von 36 Stunden nach der Bestellung"
        " möglich."
    )
    (window,) = _slot(extract_facts(_chunks("agb.md", text, "de")), "cancellation.window")
    assert (window.value, window.scope.product_class) == (36, "Maßanfertigungen")
    text = "## Warranty\n\nFor purchases with a VAT number the warranty is 6 months."
    (length,) = _slot(extract_facts(_chunks("terms.md", text)), "warranty.length")
    assert (length.value, length.scope.customer_group, length.scope.product_class) == (
        6,
        "purchases with a VAT number",
        None,
    )


def test_the_window_the_law_sets_is_not_the_shops_longer_one():
    text = "## Devoluções\n\nAlém dos 7 dias previstos por lei, aceitamos devoluções até 45 dias após a entrega."
    windows = _slot(extract_facts(_chunks("trocas.md", text, "pt")), "returns.window")
    assert [(f.value, f.unit) for f in windows] == [(45, "day")]


def test_a_sentence_denying_a_warranty_gives_no_warranty_length():
    text = "## Warranty\n\nGift cards carry no warranty; they stay valid for 18 months from purchase."
    assert _slot(extract_facts(_chunks("terms.md", text)), "warranty.length") == []


def test_warranty_exclusions_in_plural_wording_and_list_items_without_their_articles():
    text = "## Garantie\n\nLes garanties ne couvrent pas l'usure normale, les rayures ni les dégâts des eaux."
    (excludes,) = _slot(extract_facts(_chunks("garantie.md", text, "fr")), "warranty.excludes")
    assert "usure normale" in excludes.value and "rayures" in excludes.value
    text = "## Devoluciones\n\nNo aceptamos devoluciones de:\n- los productos a medida;\n- las tarjetas regalo."
    (excluded,) = _slot(extract_facts(_chunks("devoluciones.md", text, "es")), "returns.excluded")
    assert excluded.value == ["los productos a medida", "las tarjetas regalo"]  # the shop's words, as written


def test_who_pays_a_return_and_a_cancellation_before_handover_in_other_wordings(tmp_path):
    text = "# Condizioni\n\n## Resi\n\nSe l'articolo è difettoso o danneggiato, paghiamo noi la spedizione di ritorno."
    (pays,) = _slot(extract_facts(_document(tmp_path, "resi.md", text)), "returns.shop_pays_when")
    assert {"defective", "damaged"} <= set(pays.value)
    for language, text in (
        ("en", "## Cancellation\n\nYou can cancel your order free of charge before it is handed to the courier."),
        ("pt", "## Cancelamento\n\nVocê pode cancelar o pedido antes da entrega à transportadora."),
    ):
        rules = _slot(extract_facts(_chunks("terms.md", text, language)), "cancellation.rule")
        assert [f.value for f in rules] == ["before_shipping"], language


def test_a_condition_naming_how_the_buyer_paid_scopes_the_refund_method():
    for language, text, method in (
        (
            "en",
            "If you paid at a convenience store, we refund by bank transfer within 5 business days.",
            "a convenience store",
        ),
        ("es", "Si pagaste con vales de despensa, te reembolsamos por transferencia bancaria.", "vales de despensa"),
    ):
        facts = extract_facts([PolicyChunk(id="r", text=text, section="Refunds", language=language)])
        (refund,) = _slot(facts, "refunds.method")
        assert (refund.value, refund.scope.payment_method) == ("bank_transfer", method), language


def test_a_sentence_opening_on_how_the_buyer_paid_scopes_its_refund_time():
    text = (
        "Refunds are made within 14 days of receiving the return. "
        "Paid with Klarna, the refund is issued within 2 business days."
    )
    facts = [f for f in extract_facts([PolicyChunk("c1", text, "Refunds", "en")]) if not f.needs_review]
    times = {(f.value, f.unit, f.scope.payment_method) for f in facts if f.slot == "refunds.time"}
    assert times == {(14, "day", None), (2, "business_day", "Klarna")}


def test_an_acronym_of_a_payment_method_is_read_as_written_only() -> None:
    from assist.policy_extract.scope import payment_methods_in

    assert [name for _, _, name in payment_methods_in("Orders paid by COD ship in 2 days.")] == ["COD"]
    assert payment_methods_in("Gellir defnyddio cod disgownt o fewn 48 awr.") == []  # Welsh: a discount code
