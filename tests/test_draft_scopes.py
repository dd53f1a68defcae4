"""Draft checks where the shop states one slot per scope (assist/quality/fact_scopes.py): a warranty per component,
transit times per zone inside the shop's country, a free-delivery threshold for one parcel class only; and the claim
reader's readings of "only within A, not to B", of a status given as a refusal's reason, and of a subdivision that
shares its name with a foreign city. A made-up Australian kayak maker, written for this test (no fixture shop's
words, numbers or places), drafts in several languages. The slow tests use the real encoder and claim reader."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from draft_fixtures import NOW, ORDER, POLICY, fired, make_order

from assist.models import Conversation, Order
from assist.policy_facts import PolicyFacts
from assist.quality import check_draft
from assist.quality.fact_scopes import label_parts, place_for_shop

FACTS = PolicyFacts.model_validate(
    {
        "shop": "made-up kayak maker",
        "facts": [
            {
                "slot": "warranty.length",
                "value": 7,
                "unit": "year",
                "scope": {"product_class": "Hulls and frames"},
                "sentence": "Hulls and frames: 7 years.",
            },
            {
                "slot": "warranty.length",
                "value": 2,
                "unit": "year",
                "scope": {"product_class": "Paddles, seats and spray decks"},
                "sentence": "Paddles, seats and spray decks: 2 years.",
            },
            {
                "slot": "shipping.transit_time",
                "value": 1,
                "max_value": 3,
                "unit": "business_day",
                "scope": {"region": "Metro areas"},
                "sentence": "Metro areas: 1-3 business days.",
            },
            {
                "slot": "shipping.transit_time",
                "value": 5,
                "max_value": 9,
                "unit": "business_day",
                "scope": {"region": "Regional and remote areas"},
                "sentence": "Regional and remote areas: 5-9 business days.",
            },
            {
                "slot": "shipping.transit_time",
                "value": 6,
                "max_value": 11,
                "unit": "business_day",
                "scope": {"region": "New Zealand"},
                "sentence": "New Zealand: 6-11 business days.",
            },
            {
                "slot": "shipping.free_threshold",
                "value": 120,
                "unit": "AUD",
                "scope": {"product_class": "Small parcels"},
                "sentence": "Small parcels ship free from $120.",
            },
            {
                "slot": "shipping.dispatch_time",
                "value": 12,
                "unit": "business_day",
                "scope": {"product_class": "Kayaks and bulky items"},
                "sentence": "Kayaks and bulky items leave the workshop within 12 business days.",
            },
            {
                "slot": "shipping.regions",
                "value": ["Australia", "New Zealand"],
                "sentence": "We deliver in Australia and New Zealand only.",
            },
            {"slot": "cancellation.rule", "value": "before_shipping", "sentence": "Cancel any time before it ships."},
        ],
    }
)
ITEMS = [("K-1", "Touring kayak Wattle 4.6 m", 2400.0), ("P-3", "Carbon paddle", 260.0)]


def _order(status: str, country: str | None = "AU", city: str | None = None) -> Order:
    order = make_order(
        status,
        items=ITEMS,
        order_id="KY-3307",
        placed=datetime(2026, 11, 17, 9, 0, tzinfo=UTC),
        shipped=datetime(2026, 11, 18, 9, 0, tzinfo=UTC),
        delivered=datetime(2026, 11, 19, 15, 0, tzinfo=UTC) if status == "delivered" else None,
        carrier="StarTrack",
        tracking="ST884201937",
        currency="AUD",
    )
    return order.model_copy(update={"shipping_country": country, "shipping_city": city})


def _checks(draft: str, order: Order | None, tone=None, buyer: str = "Hi") -> list[str]:  # type: ignore[no-untyped-def]
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": buyer, "sent_at": NOW}]})
    issues = check_draft(
        draft,
        conversation=conversation,
        order=order,
        checks=[POLICY, ORDER],
        facts=FACTS,
        now=NOW,
        tone=tone,
        shop_settings={"currency": "AUD"},
    )
    return fired(issues)


# --- fast: no encoder ----------------------------------------------------------------------------------------


def test_a_scope_label_is_read_with_its_parts() -> None:
    assert label_parts("Paddles, seats and spray decks") == [
        "Paddles, seats and spray decks",
        "Paddles",
        "seats",
        "spray decks",
    ]


@pytest.mark.parametrize(
    ("text", "hints", "place"),
    [
        ("delivery in Victoria takes 3 days", ["AU"], "AU-VIC"),
        ("Die Lieferung nach Tasmanien dauert länger", ["AU"], "AU-TAS"),
        ("delivery in Ontario takes a week", ["CA"], "CA-ON"),
    ],
)
def test_a_place_is_read_in_the_shops_own_country_first(text: str, hints: list[str], place: str) -> None:
    assert place_for_shop(text, hints) == place


@pytest.mark.parametrize(
    "draft",
    [
        "The hull and frame are covered for 7 years, the paddle for 2 years.",
        "Die Paddel und Sitze haben 2 Jahre Garantie.",
        "El casco tiene 7 años de garantía.",
    ],
)
def test_a_warranty_stated_for_its_own_component_stays_clean_without_the_encoder(draft: str) -> None:
    assert _checks(draft, _order("delivered"), buyer="How long is the warranty?") == []


def test_a_warranty_no_component_has_is_flagged_without_the_encoder() -> None:
    assert _checks("The warranty runs for 4 years.", _order("delivered"), buyer="How long is the warranty?") == [POLICY]


@pytest.mark.parametrize(
    "draft",
    [
        "Delivery to you takes 5 to 9 business days.",  # the remote zone's time: the zone cannot be ruled out
        "La entrega tarda de 1 a 3 días hábiles.",
        "Die Zustellung dauert 1 bis 3 Werktage.",
    ],
)
def test_a_zone_time_inside_the_shops_country_stays_clean(draft: str) -> None:
    assert _checks(draft, _order("shipped", "AU"), buyer="When will it arrive?") == []  # city unknown: any zone


def test_the_address_decides_the_zone() -> None:
    order = _order("shipped", "AU", "Broome")  # a remote town
    assert _checks("Delivery takes 1 to 3 business days.", order, buyer="When will it arrive?") == [POLICY]
    assert _checks("Delivery takes 5 to 9 business days.", order, buyer="When will it arrive?") == []


@pytest.mark.parametrize(
    "draft",
    ["Delivery to you takes 15 to 20 business days.", "La livraison prend 15 à 20 jours ouvrés."],
)
def test_a_time_no_zone_has_is_flagged(draft: str) -> None:
    assert _checks(draft, _order("shipped", "AU"), buyer="When will it arrive?") == [POLICY]


def test_a_domestic_zone_time_for_an_order_abroad_is_flagged() -> None:
    order = _order("shipped", "NZ", "Dunedin")
    assert _checks("Delivery takes 1 to 3 business days.", order, buyer="When will it arrive?") == [POLICY]


def test_a_window_measured_from_delivery_is_no_transit_time() -> None:
    draft = "Please send photos of the signed delivery slip within 48 hours of delivery."
    assert _checks(draft, _order("delivered", "AU", "Broome"), buyer="It arrived broken") == []


# --- slow: the real encoder and claim reader -----------------------------------------------------------------


@pytest.fixture(scope="module")
def tone():  # type: ignore[no-untyped-def]
    from assist.quality.tone import ToneClassifier
    from retrievers.embeddings import default_embedder

    return ToneClassifier(default_embedder())


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Les pagaies et les sièges sont garantis 2 ans.",
        "La garanzia sullo scafo è di 7 anni.",
        "Für Paddel gilt eine Garantie von 2 Jahren.",
    ],
)
def test_a_components_warranty_in_paraphrase_stays_clean(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks(draft, _order("delivered"), tone, buyer="Warranty?") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("buyer", "draft"),
    [
        ("Wie lange ist die Garantie auf die Paddel?", "Auf die Paddel gibt es 7 Jahre Garantie."),
        ("How long is the warranty on the paddles?", "Our paddles come with 7 years of warranty."),
    ],
)
def test_a_component_the_buyer_asked_about_held_to_its_own_warranty(buyer: str, draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY in _checks(draft, _order("delivered"), tone, buyer=buyer)


@pytest.mark.slow
def test_a_component_read_by_meaning_alone_keeps_the_other_components_value(tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks("Auf die Paddel gibt es 7 Jahre Garantie.", _order("delivered"), tone, buyer="Garantie?") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Free delivery on kayaks and other bulky items from $120.",
        "Der Versand von Kajaks ist ab 120 $ kostenlos.",
        "El envío de kayaks es gratis a partir de 120 $.",
    ],
)
def test_a_threshold_stated_for_a_class_it_does_not_cover(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY in _checks(draft, None, tone, buyer="Is shipping free?")


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    ["Small parcels ship free from $120.", "Los paquetes pequeños viajan gratis desde 120 $."],
)
def test_the_threshold_for_its_own_class_stays_clean(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks(draft, None, tone, buyer="Is shipping free?") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Sorry, we only deliver within Australia and New Zealand and can't ship to Canada.",
        "Désolé, nous livrons uniquement en Australie et ne pouvons pas expédier au Canada.",
        "Lo siento, solo enviamos dentro de Australia y no podemos enviar a Canadá.",
    ],
)
def test_only_within_a_and_not_to_b_refuses_b_only(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks(draft, None, tone, buyer="Do you ship to Vancouver?") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Non possiamo più annullarlo perché il suo ordine è già stato spedito.",
        "Não é possível cancelar porque a sua encomenda já saiu do armazém.",
        "Impossible d'annuler, car votre colis est déjà parti chez le transporteur.",
    ],
)
def test_a_refusal_whose_reason_misstates_the_status_is_one_order_error(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks(draft, _order("processing"), tone, buyer="Can I cancel?") == [ORDER]


@pytest.mark.slow
def test_the_same_refusal_on_a_shipped_order_stays_clean(tone) -> None:  # type: ignore[no-untyped-def]
    draft = "Non possiamo più annullarlo perché il suo ordine è già stato spedito."
    assert _checks(draft, _order("shipped"), tone, buyer="Can I cancel?") == []


@pytest.mark.slow
def test_delivery_in_a_province_is_no_shipping_claim_abroad(tone) -> None:  # type: ignore[no-untyped-def]
    draft = "Your kayak left on Tuesday; delivery in Victoria takes 1 to 3 business days."
    assert _checks(draft, _order("shipped", "AU", "Melbourne"), tone, buyer="When does it arrive?") == []


def test_a_place_the_draft_names_does_not_move_the_order() -> None:
    # the address (New Zealand) decides where this order goes; "Australia" in another sentence is no claim about it
    order = _order("shipped", "NZ", "Dunedin")
    draft = "We pack everything in Australia. Delivery to you takes 1 to 3 business days."
    assert _checks(draft, order, buyer="When will it arrive?") == [POLICY]
    assert _checks("We pack everything in Australia. Delivery takes 6 to 11 business days.", order) == []


def test_a_cancellation_stated_as_done_is_one_error_with_the_rules_alone() -> None:
    assert _checks("Done: we cancelled your kayak order this morning.", _order("shipped")) == [ORDER]
    assert _checks("Sure, we cancel it right away.", _order("shipped")) == [POLICY]


# --- a made-up Portuguese shop: free delivery per region, a price-protection window, regional carriers ---------

IBERIA = PolicyFacts.model_validate(
    {
        "shop": "made-up ceramics shop",
        "facts": [
            {
                "slot": "shipping.free_threshold",
                "value": 150,
                "unit": "EUR",
                "scope": {"region": "Portugal"},
                "sentence": "Portes grátis em Portugal a partir de 150 €.",
            },
            {
                "slot": "shipping.free_threshold",
                "value": 250,
                "unit": "EUR",
                "scope": {"region": "União Europeia"},
                "sentence": "Portes grátis na União Europeia a partir de 250 €.",
            },
            {"slot": "shipping.carrier", "value": "CTT ou Nacex", "sentence": "Enviamos com CTT ou Nacex."},
            {"slot": "prices.adjustment", "value": True, "sentence": "Devolvemos a diferença se o preço baixar."},
            {"slot": "prices.adjustment_window", "value": 9, "unit": "day", "sentence": "Até 9 dias após a compra."},
        ],
    }
)
PLATES = [("PL-6", "Prato de faiança azul", 48.0)]


def _iberia(draft: str, order: Order | None, tone=None, buyer: str = "Olá") -> list[str]:  # type: ignore[no-untyped-def]
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": buyer, "sent_at": NOW}]})
    return fired(
        check_draft(
            draft,
            conversation=conversation,
            order=order,
            checks=[POLICY, ORDER],
            facts=IBERIA,
            now=NOW,
            tone=tone,
            shop_settings={"currency": "EUR"},
        )
    )


@pytest.mark.parametrize(
    "draft",
    ["Shipping to Norway is free on orders over €150.", "Der Versand in die Schweiz ist ab 150 € kostenlos."],
)
def test_a_threshold_stated_for_a_place_no_region_of_it_holds(draft: str) -> None:
    assert _iberia(draft, None, buyer="Free shipping?") == [POLICY]


@pytest.mark.parametrize(
    "draft",
    ["El envío a España es gratis a partir de 250 €.", "Portes grátis para Portugal acima de 150 €."],
)
def test_a_threshold_stated_for_its_own_region_stays_clean(draft: str) -> None:
    assert _iberia(draft, None, buyer="Free shipping?") == []


def _plates(status: str, placed: datetime, carrier: str = "CTT") -> Order:
    return make_order(
        status,
        items=PLATES,
        order_id="CE-4410",
        placed=placed,
        shipped=placed,
        carrier=carrier,
        tracking="RR123456785PT",
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "A sua encomenda foi confiada à Nacex ontem.",
        "Il suo ordine è stato affidato a Nacex ieri.",
        "Su pedido ya viaja con Nacex.",
    ],
)
def test_handed_to_a_regional_carrier_on_an_order_in_preparation(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    order = _plates("processing", datetime(2026, 11, 19, 9, 0, tzinfo=UTC))
    assert _iberia(draft, order, tone) == [ORDER]


@pytest.mark.slow
def test_handed_to_a_regional_carrier_on_a_shipped_order_stays_clean(tone) -> None:  # type: ignore[no-untyped-def]
    order = _plates("shipped", datetime(2026, 11, 19, 9, 0, tzinfo=UTC), carrier="Nacex")
    assert _iberia("Il suo ordine è stato affidato a Nacex ieri.", order, tone) == []
    # the shop's other carrier, where the order went with CTT, is the order's carrier misstated
    order = _plates("shipped", datetime(2026, 11, 19, 9, 0, tzinfo=UTC))
    assert _iberia("Il suo ordine è stato affidato a Nacex ieri.", order, tone) == [ORDER]


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "A baixa de preço ainda está coberta pela nossa garantia de preço, vamos reembolsar os 6 €.",
        "Il calo di prezzo rientra ancora nella nostra garanzia prezzo, le ridiamo 6 €.",
        "La baisse de prix est encore couverte par notre garantie de prix, on vous rend 6 €.",
        "Da der Preis innerhalb der Frist gesunken ist, erstatten wir Ihnen 6 €.",
        "Como el precio bajó dentro del plazo, le devolvemos 6 €.",
    ],
)
def test_a_price_adjustment_said_to_run_after_its_window(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    order = _plates("delivered", datetime(2026, 11, 2, 9, 0, tzinfo=UTC))  # 18 days before NOW: past the 9 days
    assert POLICY in _iberia(draft, order, tone, buyer="O preço baixou 6 €")


@pytest.mark.slow
def test_a_price_adjustment_within_its_window_stays_clean(tone) -> None:  # type: ignore[no-untyped-def]
    order = _plates("delivered", datetime(2026, 11, 16, 9, 0, tzinfo=UTC))
    draft = "Como el precio bajó dentro del plazo, le devolvemos 6 €."
    assert _iberia(draft, order, tone, buyer="O preço baixou 6 €") == []
