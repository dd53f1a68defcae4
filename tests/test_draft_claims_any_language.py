"""Draft checks on drafts written in languages outside the eight template languages (Korean, Dutch, Polish, Russian,
Turkish): the claim reader learns from frames in those languages too, a Korean reason clause ("...되어서") is read as
its own clause, a refund time the shop states per payment method is held to the method the draft names, and the
money of a cancelled order is not held to the refund time of a returned item. Sentences written here for a made-up
shop; the slow tests train the real reader through ``check_draft`` (the tone classifier carries the encoder)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from draft_fixtures import NOW, ORDER, POLICY, fired, make_order

from assist.models import Conversation, Order
from assist.policy_facts import PolicyFacts
from assist.quality import check_draft
from assist.quality.claim_polarity import KIND, clauses, is_reason, language_pairs
from assist.quality.claim_training import FRAME_LANGUAGES, LANGUAGES
from assist.quality.extract import sentences

FACTS = PolicyFacts.model_validate(
    {
        "shop": "made-up kites",
        "facts": [
            {"slot": "cancellation.rule", "value": "before_shipping", "sentence": "Cancel any time before it ships."},
            {"slot": "address_change.rule", "value": "before_shipping", "sentence": "Addresses change until dispatch."},
            {"slot": "returns.window", "value": 21, "unit": "day", "sentence": "21 days to send it back."},
            {"slot": "refunds.time", "value": 12, "unit": "day", "sentence": "Refunds 12 days after the return."},
            {
                "slot": "refunds.time",
                "value": 6,
                "max_value": 8,
                "unit": "business_day",
                "scope": {"payment_method": "credit card"},
                "sentence": "Card: 6-8 business days.",
            },
            {
                "slot": "refunds.time",
                "value": 1,
                "unit": "business_day",
                "scope": {"payment_method": "bank transfer"},
                "sentence": "Bank transfer: 1 business day.",
            },
        ],
    }
)
ONLY_PER_METHOD = PolicyFacts.model_validate(
    {"shop": FACTS.shop, "facts": [f for f in FACTS.facts if f.slot != "refunds.time" or f.scope.payment_method]}
)
ITEMS = [("K-1", "Stunt kite 'Swift'", 120.0)]


def _order(status: str) -> Order:
    return make_order(
        status,
        items=ITEMS,
        order_id="KT-4410",
        placed=datetime(2026, 11, 17, 9, 0, tzinfo=UTC),
        shipped=datetime(2026, 11, 18, 9, 0, tzinfo=UTC),
        carrier="CJ Logistics",
        tracking="6012345678901",
        currency="KRW",
    )


@pytest.fixture(scope="module")
def tone():  # type: ignore[no-untyped-def]
    from assist.quality.tone import ToneClassifier
    from retrievers.embeddings import default_embedder

    return ToneClassifier(default_embedder())


def _checks(draft: str, order: Order | None, tone, facts: PolicyFacts = FACTS) -> list[str]:  # type: ignore[no-untyped-def]
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": "?", "sent_at": NOW}]})
    issues = check_draft(
        draft, conversation=conversation, order=order, checks=[POLICY, ORDER], facts=facts, now=NOW, tone=tone
    )
    return fired(issues)


# --- fast ------------------------------------------------------------------------------------------------------


def test_every_reading_is_generated_in_the_languages_without_templates() -> None:
    extra = [language for language in FRAME_LANGUAGES if language not in LANGUAGES]
    assert extra
    for language in extra:
        labels = {label for _, label in language_pairs(language)}
        assert set(KIND) - labels == set(), language
        assert "none" in labels and "tracking:stated" in labels


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        ("벌써 물건이 출발해서 주소 변경은 어려워요.", "벌써 물건이 출발해서"),
        ("아직 포장 전이라 취소해 드릴 수 있어요.", "아직 포장 전이라"),
    ],
)
def test_a_korean_reason_is_a_clause_of_its_own(draft: str, reason: str) -> None:
    sentence = sentences(draft)[0]
    pieces = [piece.text for piece in clauses(draft, sentence)]
    assert reason in pieces
    assert is_reason(reason)
    assert not is_reason(pieces[-1])


# --- slow: the real reader through check_draft -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "주문하신 연은 아직 포장 전이라서 주소를 새로 바꿔 두었어요.",  # ko: "not packed yet, so I changed the address"
        "Uw vlieger ligt nog bij ons in het magazijn en wordt morgen ingepakt.",  # nl: still in our warehouse
        "Pana zamówienie wciąż czeka u nas na spakowanie.",  # pl: still waiting to be packed
    ],
)
def test_not_shipped_yet_said_of_a_shipped_order(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert ORDER in _checks(draft, _order("shipped"), tone)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "주문하신 연은 아직 포장 전이라서 주소를 새로 바꿔 두었어요.",
        "Uw vlieger ligt nog bij ons in het magazijn en wordt morgen ingepakt.",
    ],
)
def test_not_shipped_yet_said_of_an_order_in_preparation_stays_clean(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert ORDER not in _checks(draft, _order("processing"), tone)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "카드로 결제하신 금액은 보통 15일 안에 환불돼요.",  # ko: card refunds in 15 days (the shop: 6-8 business days)
        "Zwrot na kartę kredytową potrwa około 20 dni roboczych.",  # pl: 20 business days to the card
    ],
)
def test_a_refund_time_stated_for_a_payment_method_the_shop_times_otherwise(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY in _checks(draft, _order("returned"), tone, ONLY_PER_METHOD)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "카드로 결제하신 금액은 영업일 기준 8일 안에 환불돼요.",  # the card's 6-8 business days at most
        "Zwrot na kartę kredytową potrwa najwyżej 8 dni roboczych.",
        "Het geld staat na 1 werkdag weer op uw rekening.",  # no method named: agrees with the bank transfer
    ],
)
def test_a_refund_time_one_of_the_methods_states_stays_clean(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY not in _checks(draft, _order("returned"), tone, ONLY_PER_METHOD)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Ваш заказ ещё не отправлен, я его отменю, и деньги вернутся в течение 3 дней.",  # ru
        "Siparişinizi iptal ediyorum, ücret 2 gün içinde hesabınıza geçer.",  # tr
    ],
)
def test_the_money_of_a_cancelled_order_is_no_return_refund(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    # the shop times the refund of a returned item (12 days) and says nothing of a cancelled order's money
    assert POLICY not in _checks(draft, _order("processing"), tone)


@pytest.mark.slow
def test_a_return_refund_time_in_russian_is_still_held_to_the_policy(tone) -> None:  # type: ignore[no-untyped-def]
    draft = "После получения возврата мы вернём деньги в течение 40 дней."
    assert POLICY in _checks(draft, _order("returned"), tone)


TRANSIT = PolicyFacts.model_validate(
    {
        "shop": FACTS.shop,
        "facts": [
            {"slot": "shipping.transit_time", "value": 3, "max_value": 5, "unit": "business_day", "sentence": "3-5."}
        ],
    }
)
NEXT_DAY_SHOP = PolicyFacts.model_validate(
    {
        "shop": FACTS.shop,
        "facts": [{"slot": "shipping.transit_time", "value": 1, "unit": "business_day", "sentence": "Next day."}],
    }
)


@pytest.mark.parametrize(
    ("text", "business"),
    [
        ("Levering volgt de volgende werkdag.", True),
        ("Посылка придёт на следующий день.", False),
        ("翌営業日です", True),
    ],
)
def test_the_next_day_is_a_duration_of_one_day(text: str, business: bool) -> None:
    from assist.quality.extract import next_day

    (found,) = next_day(text)
    assert (found.low, found.high, found.business) == (1.0, 1.0, business)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Paczka zostanie doręczona już następnego dnia roboczego.",  # pl: delivered the next business day
        "Ihr Drache wird Ihnen schon am nächsten Werktag zugestellt.",  # de
    ],
)
def test_a_next_day_delivery_where_the_shop_takes_days(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY in _checks(draft, None, tone, TRANSIT)


@pytest.mark.slow
def test_a_next_day_delivery_where_the_shop_delivers_next_day_stays_clean(tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY not in _checks("Paczka zostanie doręczona już następnego dnia roboczego.", None, tone, NEXT_DAY_SHOP)
