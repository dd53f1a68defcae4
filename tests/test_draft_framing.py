"""Draft checks read a number in the light of what the buyer asked (the same ask reader the replies use), a
cancelled order's refund against the cancellation refund time, and claims written with the words between
(已于昨天通过快递发出, 支持7天无理由退货, 需要先把商品寄回) or in buyer languages beyond the eight."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.models import Conversation, Order
from assist.policy_facts import PolicyFacts
from assist.quality import check_draft
from assist.quality.claims import find_claims

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
FACTS = PolicyFacts.model_validate(
    {
        "shop": "t",
        "facts": [
            {"slot": "returns.window", "value": 14, "unit": "day", "sentence": "14 days to return."},
            {
                "slot": "refunds.time",
                "value": 10,
                "unit": "business_day",
                "sentence": "Refunds within 10 business days.",
            },
            {"slot": "cancellation.refund_time", "value": 2, "unit": "day", "sentence": "Cancelled: refund in 2 days."},
            {"slot": "damage.report_window", "value": 3, "unit": "day", "sentence": "Report damage within 3 days."},
            {"slot": "warranty.length", "value": 2, "unit": "year", "sentence": "2-year warranty."},
            {"slot": "returns.shipping_paid_by", "value": "shop", "sentence": "Returns are free."},
            {"slot": "customs.paid_by", "value": "buyer", "sentence": "Duties are paid by the buyer."},
            {"slot": "damage.return_required", "value": False, "sentence": "Keep the damaged item."},
        ],
    }
)


def _order(status: str) -> Order:
    return Order.model_validate(
        {
            "order_id": "T-9",
            "customer_id": "C",
            "customer_name": "Lee",
            "status": status,
            "placed_at": datetime(2026, 11, 10, tzinfo=UTC),
            "delivered_at": datetime(2026, 11, 18, tzinfo=UTC) if status == "delivered" else None,
            "items": [{"sku": "LAMP", "name": "Desk lamp", "quantity": 1, "price": 40}],
            "total": 40,
            "currency": "EUR",
        }
    )


def _fired(draft: str, buyer: str, status: str = "delivered") -> set[str]:
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": buyer, "sent_at": NOW}]})
    issues = check_draft(
        draft,
        conversation=conversation,
        order=_order(status),
        checks=["policy_contradiction", "order_contradiction"],
        facts=FACTS,
        now=NOW,
    )
    return {i.check for i in issues}


@pytest.mark.parametrize(
    ("buyer", "draft", "wrong"),
    [
        # a number with no topic word of its own answers what the buyer asked (damage), not a later "refund"
        ("台灯到的时候灯罩碎了。", "很抱歉！请在收货后3天内联系我们，我们会为您补发或退款。", False),
        ("台灯到的时候灯罩碎了。", "很抱歉！请在收货后10天内联系我们，我们会为您补发或退款。", True),
        (
            "Die Lampe kam zerbrochen an.",
            "Bitte melden Sie sich innerhalb von 3 Tagen nach Zustellung, wir erstatten dann.",
            False,
        ),
        # delivery words are in every sentence about a parcel: the asked topic (warranty) wins over them
        ("La lampada è ancora in garanzia?", "Sì, è coperta per 2 anni dalla consegna.", False),
        ("La lampada è ancora in garanzia?", "Sì, è coperta per 5 anni dalla consegna.", True),
    ],
)
def test_a_number_answers_the_buyers_ask_where_its_own_words_name_no_topic(buyer: str, draft: str, wrong: bool) -> None:
    assert ("policy_contradiction" in _fired(draft, buyer)) is wrong


def test_the_refund_of_a_cancelled_order_is_held_to_the_cancellation_refund_time() -> None:
    buyer = "Wann bekomme ich das Geld für die stornierte Bestellung zurück?"
    assert "policy_contradiction" in _fired(
        "Die Erstattung Ihrer annullierten Bestellung erfolgt in 10 Werktagen.", buyer, "cancelled"
    )
    assert "policy_contradiction" not in _fired("Die Erstattung erfolgt innerhalb von 2 Tagen.", buyer, "cancelled")


def test_a_refund_promised_to_a_buyer_who_asks_to_cancel_is_held_to_the_cancellation_refund_time() -> None:
    # the buyer asks in a language the cancellation words do not cover; the draft's own words name only the money
    buyer = "Kan jag avbeställa lampan innan den skickas?"
    assert "policy_contradiction" not in _fired("Ja, vi återbetalar pengarna inom 2 dagar.", buyer, "processing")
    assert "policy_contradiction" in _fired("Ja, vi återbetalar pengarna inom 6 dagar.", buyer, "processing")


@pytest.mark.parametrize(
    ("draft", "kind"),
    [
        ("您的包裹已于今天上午通过快递发出。", "shipped"),
        ("This lamp also supports returns: 该台灯支持30天无理由退货。", "can_return"),
        ("非常抱歉，需要先把台灯寄回给我们。", "damage_return_required"),
        ("名入れの商品も返品を承っております。", "can_return"),
        ("Good news: your lamp shipped out this morning.", "shipped"),
        ("I've gone ahead and cancelled it for you.", "can_cancel"),
        ("We'll take care of any import duties for you.", "no_duties"),
        ("You'll need to pay import duty when it arrives.", "buyer_pays_duties"),
        ("El envío de vuelta corre por su cuenta.", "buyer_pays_return"),
        ("Your lamp is still being packed.", "not_shipped"),
        ("관세는 저희가 부담합니다.", "no_duties"),
        ("Paket Anda sudah dikirim kemarin.", "shipped"),
        ("Phí gửi trả bên mình sẽ chịu nhé.", "free_return"),
    ],
)
def test_claims_with_words_between_and_in_more_buyer_languages(draft: str, kind: str) -> None:
    assert kind in {c.kind for c in find_claims(draft)}


def test_no_reason_returns_are_not_a_negation() -> None:
    assert "free_return" in {c.kind for c in find_claims("无理由退货的运费由我们承担。")}
    assert "free_return" not in {c.kind for c in find_claims("退货运费不由我们承担。")}


def test_korean_and_vietnamese_durations_are_read_and_dates_are_not() -> None:
    from assist.quality.extract import durations

    assert [(d.low, d.high) for d in durations("영업일 기준 7~14일 이내에 환불됩니다")] == [(7.0, 14.0)]
    assert durations("11월 25일까지") == []
    assert [d.unit for d in durations("trong vòng 7 ngày")] == ["day"]
    assert [(d.low, d.unit) for d in durations("Auf Kabel gibt es ein volles Jahr Garantie.")] == [(1.0, "year")]


CODE_FACTS = PolicyFacts.model_validate(
    {
        "shop": "t",
        "facts": [
            {"slot": "prices.code_after_purchase", "value": 5, "unit": "day", "sentence": "Codes up to 5 days later."},
            {"slot": "warranty.length", "value": 2, "unit": "year", "scope": {"product_class": "lamps"}},
            {"slot": "warranty.length", "value": 6, "unit": "month", "scope": {"product_class": "cables"}},
        ],
    }
)


def _code_check(draft: str, placed: datetime, items: list[tuple[str, str]]) -> set[str]:
    order = Order.model_validate(
        {
            "order_id": "T-2",
            "customer_id": "C",
            "customer_name": "Lee",
            "status": "delivered",
            "placed_at": placed,
            "delivered_at": placed,
            "items": [{"sku": s, "name": n, "quantity": 1, "price": 5} for s, n in items],
            "total": 5,
            "currency": "EUR",
        }
    )
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": "?", "sent_at": NOW}]})
    issues = check_draft(
        draft, conversation=conversation, order=order, checks=["policy_contradiction"], facts=CODE_FACTS, now=NOW
    )
    return {i.check for i in issues}


@pytest.mark.parametrize(
    "draft",
    [
        "Sorry, we cannot apply a discount code after the order is placed.",
        "Leider können wir den Gutscheincode nicht nachträglich berücksichtigen.",
        "很抱歉，优惠券下单后无法补用。",
        "Lo sentimos, no podemos aplicar el cupón después de la compra.",
    ],
)
def test_refusing_a_code_after_ordering_contradicts_a_shop_that_allows_it_while_the_window_runs(draft: str) -> None:
    lamp = [("L", "Desk lamp")]
    assert "policy_contradiction" in _code_check(draft, datetime(2026, 11, 18, tzinfo=UTC), lamp)
    assert "policy_contradiction" not in _code_check(draft, datetime(2026, 10, 1, tzinfo=UTC), lamp)  # window over


def test_a_number_right_for_another_class_is_still_wrong_when_the_order_tells_the_class() -> None:
    cable = [("C", "USB cable 2 m")]
    assert "policy_contradiction" in _code_check("Your cable has a 2-year warranty.", NOW, cable)
    assert "policy_contradiction" not in _code_check("Your cable has a 6-month warranty.", NOW, cable)
    mixed = [("C", "USB cable 2 m"), ("L", "Desk lamp")]
    assert "policy_contradiction" not in _code_check("There is a 2-year warranty.", NOW, mixed)  # which item?
