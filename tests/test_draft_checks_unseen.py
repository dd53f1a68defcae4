"""Draft checks on wordings and orders no fixture shop holds: each mechanism is tested on drafts written here, in
several languages, with drafts that agree with the facts in other words (they must stay clean). Through
``check_draft`` with a shop's facts and an order, as the API and the eval runner call it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from draft_fixtures import ORDER, POLICY, draft_issues, fired, make_order

from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.quality.extract import amounts

FACTS = PolicyFacts.model_validate(
    {
        "shop": "unseen",
        "facts": [
            {"slot": "returns.window", "value": 21, "unit": "day", "sentence": "21 days to withdraw."},
            {"slot": "returns.excluded", "value": ["mugs with a painted name"], "sentence": "Named mugs: no returns."},
            {"slot": "refunds.time", "value": 6, "unit": "business_day", "sentence": "Refunds in 6 working days."},
            {"slot": "damage.report_window", "value": 4, "unit": "day", "sentence": "Report damage in 4 days."},
            {"slot": "shipping.transit_time", "value": 1, "max_value": 2, "unit": "day", "sentence": "1-2 days."},
            {"slot": "cancellation.rule", "value": "within_window", "sentence": "Cancel within 12 hours."},
            {"slot": "cancellation.window", "value": 12, "unit": "hour", "sentence": "Cancel within 12 hours."},
            {"slot": "address_change.rule", "value": "before_shipping", "sentence": "Change it before it ships."},
            {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "Norway"}, "sentence": "NO: you pay."},
            {"slot": "customs.paid_by", "value": "none", "scope": {"region": "EU"}, "sentence": "EU: no duties."},
            {"slot": "prices.adjustment", "value": True, "sentence": "Price drops refunded within 10 days."},
            {"slot": "prices.adjustment_window", "value": 10, "unit": "day", "sentence": "Within 10 days."},
            {
                "slot": "shipping.free_threshold",
                "value": 45,
                "unit": "EUR",
                "scope": {"region": "Netherlands"},
                "sentence": "Free delivery in the Netherlands from €45.",
            },
        ],
    }
)


def _order(
    status: str,
    placed: datetime = datetime(2026, 11, 16, 9, 0, tzinfo=UTC),
    delivered: datetime | None = None,
    tracking: str | None = None,
    item: str = "Painted mug 'Lotte'",
) -> Order:
    return make_order(
        status,
        items=[("MUG-N", item, 30)],
        order_id="UN-7001",
        placed=placed,
        shipped=datetime(2026, 11, 17, 8, 0, tzinfo=UTC),
        delivered=delivered,
        carrier="PostNL",
        tracking=tracking,
    )


def _checks(draft: str, order: Order | None, buyer: str = "Hallo") -> list[str]:
    return fired(draft_issues(draft, FACTS, order, buyer, currency="EUR"))


SHIPPED = _order("shipped", tracking="481920376512")


# --- a cancellation the shop says it makes is a claim that cancelling is possible ---------------------------


@pytest.mark.parametrize(
    "draft",
    [
        "Klar, ich habe Ihre Bestellung eben storniert, das Geld kommt zurück.",
        "D'accord, nous avons annulé votre commande, vous serez remboursé.",
        "Va bene, abbiamo annullato l'ordine proprio adesso.",
        "好的，我们已经为您取消订单了。",
        "Done: I cancelled the order for you this morning.",
    ],
)
def test_a_cancellation_stated_as_done_on_a_shipped_order_is_one_error(draft: str) -> None:
    # the rules alone (no encoder here) read the verb's form as done, as the claim reader does
    # (tests/test_claim_polarity.py): one error, the order's status
    assert _checks(draft, SHIPPED) == [ORDER]


@pytest.mark.parametrize(
    "draft",
    ["Va bene, lo annulliamo subito.", "Claro, la cancelamos ahora mismo.", "OK, we cancel it right away."],
)
def test_a_cancellation_promised_on_a_shipped_order_breaks_the_rule(draft: str) -> None:
    assert _checks(draft, SHIPPED) == [POLICY]


@pytest.mark.parametrize(
    "draft",
    [
        "Votre commande est annulée, le remboursement suit.",  # a status, not a shop's action: the order check only
        "Ihre Bestellung wurde storniert.",
    ],
)
def test_a_cancelled_status_is_an_order_claim_only(draft: str) -> None:
    assert _checks(draft, SHIPPED) == [ORDER]


def test_a_cancellation_made_in_time_stays_clean() -> None:
    recent = _order("processing", placed=datetime(2026, 11, 20, 12, 0, tzinfo=UTC))
    assert _checks("Nous avons annulé votre commande, tout est en ordre.", recent) == []
    assert _checks("Sei ancora in tempo: lo annulliamo subito.", recent) == []


def test_in_time_for_an_order_past_its_window_contradicts_its_date() -> None:
    late = _order("processing", placed=datetime(2026, 11, 19, 9, 0, tzinfo=UTC))
    assert _checks("You're still in time, so we cancel it right away.", late) == [ORDER, POLICY]
    assert _checks("Todavía estás a tiempo: la cancelamos ahora.", late) == [ORDER, POLICY]
    assert _checks("We can still cancel it.", late) == [POLICY]  # the rule, not the order's date


# --- the order's fields: tracking numbers next to CJK text, dates of statuses read in other words ------------


@pytest.mark.parametrize(
    "draft", ["追跡番号は481920376521です。", "您的快递单号是481920376521。", "Tracking: 481920376521."]
)
def test_a_wrong_tracking_number_is_read_in_any_script(draft: str) -> None:
    assert _checks(draft, SHIPPED) == [ORDER]


@pytest.mark.parametrize("draft", ["追跡番号は481920376512です。", "您的快递单号是481920376512。"])
def test_the_right_tracking_number_stays_clean(draft: str) -> None:
    assert _checks(draft, SHIPPED) == []


def test_a_delivery_date_read_in_other_words_is_compared_with_the_order() -> None:
    delivered = _order("delivered", delivered=datetime(2026, 11, 18, 10, 0, tzinfo=UTC), tracking="481920376512")
    assert _checks("El paquete se entregó el 15 de noviembre.", delivered) == [ORDER]
    assert _checks("El paquete se entregó el 18 de noviembre.", delivered) == []
    assert _checks("Votre colis a bien été livré le 12 novembre.", delivered) == [ORDER]
    assert _checks("Votre colis a bien été livré le 18 novembre.", delivered) == []


@pytest.mark.parametrize(
    "draft", ["Votre commande a bien été expédiée hier.", "Les colis ont déjà été envoyés ce matin."]
)
def test_shipped_with_an_adverb_inside_the_french_perfect(draft: str) -> None:
    assert _checks(draft, _order("processing", placed=datetime(2026, 11, 20, 12, 0, tzinfo=UTC))) == [ORDER]


# --- who pays duties, in passive and recipient wordings ------------------------------------------------------


@pytest.mark.parametrize(
    "draft",
    [
        "For Norway, duties are covered by us, so nothing to pay at the door.",
        "Pour la Norvège, les droits de douane sont pris en charge par nous.",
        "Para Noruega, los aranceles son cubiertos por nosotros: no pagará nada a la entrega.",
    ],
)
def test_duties_the_shop_covers_contradict_a_buyer_pays_region(draft: str) -> None:
    assert _checks(draft, None) == [POLICY]


@pytest.mark.parametrize(
    "draft",
    [
        "寄往德国的包裹需要收件人自行缴纳关税。",
        "Deliveries to Austria: the recipient pays the import duties.",
    ],
)
def test_duties_the_recipient_pays_contradict_a_no_duties_region(draft: str) -> None:
    assert _checks(draft, None) == [POLICY]


@pytest.mark.parametrize(
    "draft",
    [
        "寄往挪威的包裹需要收件人自行缴纳关税。",
        "Für Norwegen zahlen Sie die Einfuhrabgaben bei der Zustellung.",
        "For Norway, duties are covered by you on delivery.",
        "Für Österreich fallen keine Zölle an.",
    ],
)
def test_duties_stated_as_the_policy_says_stay_clean(draft: str) -> None:
    assert _checks(draft, None) == []


# --- numbers: the right of withdrawal is the return window; photos and defects are the damage report ---------


@pytest.mark.parametrize(
    "draft",
    [
        "Die Widerrufsfrist beträgt 30 Tage ab Erhalt.",
        "Le délai de rétractation est de 14 jours.",
        "鑑賞期為收到商品後10天。",
        "Você tem 30 dias para desistir da compra.",
    ],
)
def test_a_withdrawal_period_is_the_return_window(draft: str) -> None:
    assert _checks(draft, None) == [POLICY]


@pytest.mark.parametrize(
    "draft",
    [
        "Sie haben 21 Tage Widerrufsrecht.",
        "Disponete di 21 giorni di recesso.",
        "You have a 21-day cooling-off period.",
    ],
)
def test_the_right_withdrawal_period_stays_clean(draft: str) -> None:
    assert _checks(draft, None) == []


@pytest.mark.parametrize(
    "draft",
    [
        "Schicken Sie uns bitte innerhalb von 4 Tagen Fotos, dann erstatten wir den Betrag.",
        "Los defectos de llegada se comunican dentro de los 4 días siguientes a la entrega.",
        "Send us photos within 4 days of delivery and we refund you.",
    ],
)
def test_a_deadline_for_photos_or_defects_is_the_damage_report(draft: str) -> None:
    delivered = _order("delivered", delivered=datetime(2026, 11, 19, tzinfo=UTC), tracking="481920376512")
    assert _checks(draft, delivered, "Die Tasse kam kaputt an.") == []


def test_a_wrong_damage_deadline_in_those_words_is_flagged() -> None:
    delivered = _order("delivered", delivered=datetime(2026, 11, 19, tzinfo=UTC), tracking="481920376512")
    assert _checks("Mande-nos fotos em até 9 dias após a entrega.", delivered, "Chegou partida.") == [POLICY]


# --- returns accepted in "just send it back" wordings ------------------------------------------------------


@pytest.mark.parametrize(
    "draft",
    [
        "É só mandar a caneca pintada de volta em até 5 dias.",
        "Basta con mandar la taza pintada de vuelta esta semana.",
        "Just send the painted mug back to us, no problem.",
    ],
)
def test_sending_an_excluded_item_back_is_a_return_it_does_not_allow(draft: str) -> None:
    delivered = _order("delivered", delivered=datetime(2026, 11, 19, tzinfo=UTC), tracking="481920376512")
    assert _checks(draft, delivered) == [POLICY]


def test_sending_an_allowed_item_back_stays_clean() -> None:
    delivered = _order(
        "delivered", delivered=datetime(2026, 11, 19, tzinfo=UTC), tracking="481920376512", item="Plain tea towel"
    )
    assert _checks("É só mandar o pano de volta em até 21 dias.", delivered) == []


# --- refusing what the shop offers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "draft",
    [
        "Sorry, we never refund price differences.",
        "Wir erstatten grundsätzlich nie eine Preisdifferenz.",
        "Lo siento, no reembolsamos diferencias de precio.",
        "很抱歉，我们不退差价。",
    ],
)
def test_refusing_a_price_drop_refund_the_shop_offers(draft: str) -> None:
    assert _checks(draft, _order("processing", placed=datetime(2026, 11, 18, tzinfo=UTC))) == [POLICY]


def test_refusing_it_after_the_order_window_is_right() -> None:
    old = _order("delivered", placed=datetime(2026, 10, 1, tzinfo=UTC), delivered=datetime(2026, 10, 3, tzinfo=UTC))
    assert _checks("Sorry, for this order we can't refund the difference any more.", old) == []
    assert _checks("We refund the price difference within 10 days of your purchase.", None) == []


# --- thresholds: domestic words, more currencies and languages --------------------------------------------


def test_amounts_in_more_currencies() -> None:
    found = [(a.value, a.currency) for a in amounts("NT$1,200, HK$ 300, 新台幣500元, 40 CAD, 9,000원")]
    assert found == [(1200, "TWD"), (300, "HKD"), (500, "TWD"), (40, "CAD"), (9000, "KRW")]


def test_thousands_grouped_by_a_no_break_space_are_read() -> None:
    """CLDR groups thousands with a no-break or narrow no-break space ("1 250 €" in French, German, Polish): one
    amount, not a crash of the draft check."""
    found = [(a.value, a.currency) for a in amounts("Prix : 1\u202f250 €, ou 2\u00a0400 zł.")]
    assert found == [(1250, "EUR"), (2400, "PLN")]
    assert _checks("In Nederland is de verzending gratis vanaf €1\u00a0250.", None) == [POLICY]


@pytest.mark.parametrize(
    "draft",
    ["네덜란드는 €30 이상 구매하시면 무료배송입니다.", "In Nederland is de verzending gratis vanaf €30."],
)
def test_a_free_delivery_threshold_in_more_languages(draft: str) -> None:
    assert _checks(draft, None) == [POLICY]


@pytest.mark.parametrize(
    "draft", ["네덜란드는 €45 이상 구매하시면 무료배송입니다.", "Free delivery in the Netherlands from €45."]
)
def test_the_right_threshold_stays_clean(draft: str) -> None:
    assert _checks(draft, None) == []


# --- classes excluded only once opened or used --------------------------------------------------------------

CONDITIONAL = PolicyFacts.model_validate(
    {
        "shop": "conditional",
        "facts": [
            {"slot": "returns.window", "value": 21, "unit": "day", "sentence": "21 Tage Rückgaberecht."},
            {
                "slot": "returns.excluded",
                "value": ["Puzzles, deren Folie entfernt wurde", "gewaschene Bettwäsche"],
                "sentence": "Ausgeschlossen sind Puzzles, deren Folie entfernt wurde, und gewaschene Bettwäsche.",
            },
        ],
    }
)


def _home_order() -> Order:
    items = [("PZ-1000", "Puzzle 1000 Teile 'Hafen'", 19), ("BW-135", "Bettwäsche Leinen 135x200", 89)]
    placed, delivered = datetime(2026, 11, 10, tzinfo=UTC), datetime(2026, 11, 13, tzinfo=UTC)
    return make_order("delivered", items=items, order_id="UN-7002", placed=placed, delivered=delivered)


def _conditional(draft: str, buyer: str) -> list[str]:
    return fired(draft_issues(draft, CONDITIONAL, _home_order(), buyer, checks=[POLICY]))


@pytest.mark.parametrize(
    ("draft", "buyer"),
    [
        ("Of course, you can return the puzzle within 21 days.", "I opened the puzzle, can I send it back?"),
        ("Puede devolver el puzzle aunque esté abierto.", "¿Puedo devolver el puzzle?"),
        ("Vous pouvez retourner le linge de lit, même lavé.", "Je peux renvoyer les draps ?"),
        ("開封済みのパズルでも返品を承ります。", "パズルを返品できますか？"),
    ],
)
def test_a_return_of_an_opened_or_used_item_the_policy_excludes_in_that_state(draft: str, buyer: str) -> None:
    assert _conditional(draft, buyer) == [POLICY]


@pytest.mark.parametrize(
    ("draft", "buyer"),
    [
        ("You can return the puzzle as long as it's unopened.", "Can I return the puzzle?"),
        ("Sie können das Puzzle zurückgeben, sofern es noch versiegelt ist.", "Kann ich das Puzzle zurückgeben?"),
        ("Yes, you can return the puzzle within 21 days.", "The puzzle is still sealed, can I return it?"),
        ("Sì, può restituire la biancheria entro 21 giorni.", "Posso restituire la biancheria? Mai usata."),
    ],
)
def test_a_return_made_conditional_on_an_intact_item_stays_clean(draft: str, buyer: str) -> None:
    assert _conditional(draft, buyer) == []


DOMESTIC = PolicyFacts.model_validate(
    {
        "shop": "domestic",
        "facts": [
            {
                "slot": "shipping.free_threshold",
                "value": 8000,
                "unit": "JPY",
                "scope": {"region": "国内"},
                "sentence": "国内は8,000円以上で送料無料。",
            },
            {
                "slot": "shipping.free_threshold",
                "value": 30000,
                "unit": "JPY",
                "scope": {"region": "アジア"},
                "sentence": "アジアは30,000円以上で送料無料。",
            },
        ],
    }
)


def _domestic(draft: str) -> list[str]:
    return fired(draft_issues(draft, DOMESTIC, None, "Hi", checks=[POLICY], currency="JPY"))


@pytest.mark.parametrize(
    "draft",
    [
        "Within Japan, delivery is free from ¥5,000.",
        "일본 국내는 5,000엔 이상 구매하시면 무료배송입니다.",
        "Domestic orders ship free from ¥10,000.",
    ],
)
def test_the_home_country_picks_the_region_the_shop_calls_domestic(draft: str) -> None:
    assert _domestic(draft) == [POLICY]


@pytest.mark.parametrize(
    "draft", ["Within Japan, delivery is free from ¥8,000.", "国内配送は8,000円以上で送料無料です。"]
)
def test_the_domestic_threshold_stated_right_stays_clean(draft: str) -> None:
    assert _domestic(draft) == []


# --- statuses in the shop's own past action, adverbs inside the verb phrase ---------------------------------


@pytest.mark.parametrize(
    "draft",
    [
        "We shipped your order this morning.",
        "Wir haben Ihre Bestellung heute verschickt.",
        "Nous avons expédié votre commande ce matin.",
        "Hemos enviado tu pedido esta mañana.",
        "Abbiamo spedito il tuo ordine stamattina.",
        "Enviámos a sua encomenda hoje.",
        "我们今天已经给您发货了。",
    ],
)
def test_a_shipment_the_shop_made_contradicts_an_unshipped_order(draft: str) -> None:
    assert _checks(draft, _order("processing", placed=datetime(2026, 11, 20, 12, 0, tzinfo=UTC))) == [ORDER]


@pytest.mark.parametrize(
    "draft",
    [
        "We have not shipped it yet.",
        "Wir haben Ihre Bestellung noch nicht verschickt.",
        "Nous n'avons pas encore expédié votre commande.",
        "No hemos enviado el pedido todavía.",
        "Non abbiamo ancora spedito il pacco.",
        "我们明天给您发货。",
        "Have we shipped it? Let me check.",
    ],
)
def test_a_shipment_denied_promised_or_asked_stays_clean_for_an_unshipped_order(draft: str) -> None:
    assert _checks(draft, _order("processing", placed=datetime(2026, 11, 20, 12, 0, tzinfo=UTC))) == []


@pytest.mark.parametrize(
    "draft",
    ["Ihr Paket wurde gestern zugestellt.", "Votre colis vous a été remis hier.", "Tu paquete ya está en tus manos."],
)
def test_delivered_in_other_words_contradicts_a_shipped_order(draft: str) -> None:
    assert _checks(draft, SHIPPED) == [ORDER]


def test_not_delivered_yet_stays_clean() -> None:
    assert _checks("Ihr Paket wurde noch nicht zugestellt.", SHIPPED) == []


# --- an excluded item named by its kind in the draft's language; what the acceptance covers -----------------

GIFT_CARD_FACTS = PolicyFacts.model_validate(
    {
        "shop": "gift",
        "facts": [
            {"slot": "returns.window", "value": 30, "unit": "day", "sentence": "30 days to return."},
            {"slot": "returns.excluded", "value": ["gift cards"], "sentence": "Gift cards cannot be returned."},
        ],
    }
)
TWO_ITEMS = make_order(
    "delivered",
    items=[("GC", "Gift card 25 EUR", 25), ("TW", "Linen towel", 30)],
    placed=datetime(2026, 11, 10, tzinfo=UTC),
    delivered=datetime(2026, 11, 14, tzinfo=UTC),
)


@pytest.mark.parametrize(
    "draft",
    [
        "Sie können auch den Gutschein zurückgeben.",
        "Vous pouvez aussi retourner la carte cadeau.",
        "Puedes devolver también la tarjeta regalo.",
        "ギフトカードも返品いただけます。",
        "礼品卡也可以退货。",
    ],
)
def test_an_excluded_item_named_by_its_kind_in_another_language(draft: str) -> None:
    assert fired(draft_issues(draft, GIFT_CARD_FACTS, TWO_ITEMS)) == [POLICY]


@pytest.mark.parametrize(
    "draft",
    [
        "You can return the towel within 30 days; the gift card cannot be returned.",
        "You can return everything except the gift card.",
        "Sie können das Handtuch zurückgeben, außer dem Gutschein.",
        "Puoi restituire l'asciugamano e ricevere il rimborso.",
    ],
)
def test_an_acceptance_that_leaves_the_excluded_item_out_stays_clean(draft: str) -> None:
    assert fired(draft_issues(draft, GIFT_CARD_FACTS, TWO_ITEMS)) == []


@pytest.mark.parametrize("draft", ["お届け先はまだ変更できます。", "配送先の修正はまだ可能です。"])
def test_an_address_change_offered_after_shipping_in_japanese(draft: str) -> None:
    assert _checks(draft, SHIPPED) == [POLICY]


@pytest.mark.parametrize(
    ("draft", "buyer"),
    [
        ("Sorry, the puzzle can't be returned.", "The puzzle is still sealed, can I return it?"),
        (
            "Leider kann das Puzzle nicht zurückgegeben werden.",
            "Das Puzzle ist noch ungeöffnet, kann ich es zurückgeben?",
        ),
        ("Lo siento, el puzzle no se puede devolver.", "El puzzle está sin abrir, ¿puedo devolverlo?"),
        ("Mi dispiace, il puzzle non può essere restituito.", "Il puzzle è ancora sigillato, posso restituirlo?"),
    ],
)
def test_refusing_an_intact_item_the_policy_excludes_only_once_opened(draft: str, buyer: str) -> None:
    assert _conditional(draft, buyer) == [POLICY]


@pytest.mark.parametrize(
    ("draft", "buyer"),
    [
        ("Sorry, the puzzle can't be returned once opened.", "I opened the puzzle, can I return it?"),
        ("Leider kann das Puzzle nicht zurückgegeben werden.", "Ich habe die Folie entfernt, geht eine Rückgabe?"),
        ("Lo siento, el puzzle no se puede devolver.", "¿Puedo devolver el puzzle?"),
    ],
)
def test_refusing_an_opened_item_or_one_the_buyer_says_nothing_about_stays_clean(draft: str, buyer: str) -> None:
    assert _conditional(draft, buyer) == []


@pytest.mark.parametrize(
    ("draft", "wrong"),
    [
        ("Tenés 30 días corridos para arrepentirte de la compra.", True),
        ("Tenés 21 días corridos para arrepentirte de la compra.", False),
    ],
)
def test_a_withdrawal_window_said_with_the_spanish_word_for_changing_ones_mind(draft: str, wrong: bool) -> None:
    issues = draft_issues(draft, FACTS, None, buyer="¿Cuánto tiempo tengo?")
    assert (POLICY in fired(issues)) is wrong


@pytest.mark.parametrize(
    ("draft", "wrong"),
    [
        ("Shipping is free on all orders over €30!", True),
        ("Shipping is free on all orders over €45!", False),
    ],
)
def test_a_threshold_stated_only_per_region_holds_where_nothing_names_the_place(draft: str, wrong: bool) -> None:
    assert (POLICY in fired(draft_issues(draft, FACTS, None, buyer="Is shipping free?"))) is wrong
