"""Draft checks through the library API (``check_draft``), offline rules only (fake language detector)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.errors import InvalidInput
from assist.language import FakeDetector
from assist.models import Conversation, Order, PolicyPassage
from assist.quality import check_draft
from assist.quality.compliance import iban_ok, luhn_ok
from assist.quality.extract import amounts, dates, durations

SETTINGS = {
    "return_window_days": 30,
    "refund_days": 5,
    "return_shipping_paid_by": "buyer",
    "refund_method": "original payment method",
    "warranty_months": 24,
    "price_match": False,
    "order_id_pattern": r"NL-\d{6}",
    "support_email": "help@shop.example",
}


def order(status: str = "processing", **kw) -> Order:  # type: ignore[no-untyped-def]
    data = {
        "order_id": "NL-100001",
        "customer_id": "c1",
        "customer_name": "Anna",
        "customer_email": "anna@example.com",
        "status": status,
        "placed_at": datetime(2026, 4, 25, tzinfo=UTC),
        "items": [{"sku": "T", "name": "Towel", "quantity": 2, "price": 24.95}],
        "total": 49.90,
        "currency": "EUR",
    }
    return Order.model_validate({**data, **kw})


def conv(
    text: str = "Hi, where is my order NL-100001?",
    channel: str = "shopify_chat",
    language: str = "en",
    history: list[dict] | None = None,
) -> Conversation:
    messages = [{"role": "customer", "text": text, "sent_at": "2026-05-05T09:00:00Z"}, *(history or [])]
    return Conversation.model_validate({"channel": channel, "customer": {"language": language}, "messages": messages})


def fired(draft: str, **kw) -> dict[str, list]:  # type: ignore[no-untyped-def]
    kw.setdefault("conversation", conv())
    kw.setdefault("shop_settings", SETTINGS)
    kw.setdefault("language_detector", FakeDetector(default="en"))
    out: dict[str, list] = {}
    for issue in check_draft(draft, **kw):
        out.setdefault(issue.check, []).append(issue)
    return out


# --- extraction -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("within 60 days", 60),
        ("60 Tage", 60),
        ("60日以内", 60),
        ("三十天", 30),
        ("60 días", 60),
        ("14 jours", 14),
        ("30 dias", 30),
        ("2 settimane", 14),
        ("thirty days", 30),
        ("24 meses", 720),
        ("３０日", 30),
    ],
)
def test_durations_in_many_languages(text: str, days: float) -> None:
    found = durations(text)
    assert len(found) == 1 and found[0].days == pytest.approx(days)
    assert text[found[0].span.start : found[0].span.end] == found[0].span.text


def test_ranges_business_days_and_dates_are_not_durations() -> None:
    (d,) = durations("refund in 5-7 business days")
    assert (d.low, d.high, d.business) == (5, 7, True)
    assert durations("am 5月3日 geliefert") == []


def test_amounts_and_dates() -> None:
    assert [(a.value, a.currency) for a in amounts("total €49.90, 49,90 €, 5.000円, R$ 1.234,56")] == [
        (49.9, "EUR"),
        (49.9, "EUR"),
        (5000.0, "JPY"),
        (1234.56, "BRL"),
    ]
    found = dates("delivered on Monday, shipped 3 May, 5月3日, 2026-05-03")
    assert [d.weekday for d in found if d.weekday is not None] == [0]
    assert sorted((d.month, d.day) for d in found if d.month) == [(5, 3), (5, 3), (5, 3)]


def test_luhn_and_iban_validation() -> None:
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert iban_ok("DE89 3704 0044 0532 0130 00") and not iban_ok("DE00 3704 0044 0532 0130 00")


# --- policy ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "draft",
    [
        "Hi Anna, you can return it within 60 days. Please start the return in your account.",
        "Hallo Anna, Sie haben 60 Tage Zeit für die Rückgabe. Bitte starten Sie die Rücksendung.",
        "アンナ様、配達日から60日以内であれば返品いただけます。手続きをお願いいたします。",
        "您好，收货后60天内都可以退货。请在账户中提交申请。",
    ],
)
def test_return_window_contradiction_points_at_the_number(draft: str) -> None:
    (issue,) = fired(draft)["policy_contradiction"]
    assert issue.severity == "error" and "30" in issue.message
    assert draft[issue.evidence.start : issue.evidence.end] == issue.evidence.text
    assert "60" in issue.evidence.text


def test_correct_window_passes_and_policy_passage_is_cited() -> None:
    passage = PolicyPassage(
        id="returns#return-window",
        text="You can return items within 30 days of delivery.",
        source="returns.md",
        section="Return window",
        language="en",
        score=1,
        anchor="return-window",
    )
    assert "policy_contradiction" not in fired(
        "Hi, you can return it within 30 days. Please reply.", policies=[passage]
    )
    issue = fired("Hi, you can return it within 45 days.", policies=[passage])["policy_contradiction"][0]
    assert issue.policy_id == "returns#return-window"


def test_window_from_passages_when_settings_lack_it() -> None:
    passage = PolicyPassage(
        id="p1",
        text="Returns are accepted within 14 days of delivery.",
        source="r.md",
        section="Returns",
        language="en",
        score=1,
    )
    issue = fired("Hi, returns are possible within 30 days.", shop_settings={}, policies=[passage])
    assert issue["policy_contradiction"][0].policy_id == "p1"


def test_free_return_shipping_contradicts_unless_item_is_damaged() -> None:
    for draft in (
        "Hola, la devolución gratuita está incluida.",
        "Hi, we'll cover return shipping for you.",
        "您好，退货运费由我们承担。",
        "Bonjour, nous prenons en charge les frais de retour.",
    ):
        assert "policy_contradiction" in fired(draft), draft
    damaged = conv("The towel arrived damaged!")
    assert "policy_contradiction" not in fired("Hi, we'll cover return shipping. Sorry!", conversation=damaged)


def test_refund_method_exclusions_window_passed_price_match() -> None:
    assert "policy_contradiction" in fired("Olá, o reembolso será feito como crédito na loja.")
    engraved = order(
        "delivered",
        delivered_at=datetime(2026, 5, 1, tzinfo=UTC),
        items=[{"sku": "CB", "name": "Engraved cutting board", "quantity": 1, "price": 39.9}],
    )
    passage = PolicyPassage(
        id="x",
        text="Personalised or engraved items cannot be returned.",
        source="r.md",
        section="Exclusions",
        language="en",
        score=1,
    )
    assert "policy_contradiction" in fired("Hi, sure, you can return it.", order=engraved, policies=[passage])
    old = order("delivered", delivered_at=datetime(2026, 3, 1, tzinfo=UTC))
    issue = fired("Hi, you can still return it.", order=old)["policy_contradiction"][0]
    assert issue.order_field == "delivered_at" and "2026-03-31" in issue.message
    recent = order("delivered", delivered_at=datetime(2026, 4, 30, tzinfo=UTC))
    assert "policy_contradiction" not in fired("Hi, you can still return it.", order=recent)
    assert "policy_contradiction" in fired("Hi, we'll price match that offer.")


def test_faster_refund_promise_warns_slower_does_not() -> None:
    (issue,) = fired("您好，我们会在1个工作日内退款。")["policy_contradiction"]
    assert issue.severity == "warning"
    assert "policy_contradiction" not in fired("Hi, the refund arrives within 10 business days.")


# --- order ----------------------------------------------------------------------------------


def test_status_claims_against_order() -> None:
    assert (
        fired("Hi, your order has shipped.", order=order("processing"))["order_contradiction"][0].order_field
        == "status"
    )
    assert "order_contradiction" in fired("Hallo, Ihre Bestellung wurde zugestellt.", order=order("shipped"))
    assert "order_contradiction" in fired("Olá, o seu pedido ainda não foi enviado.", order=order("shipped"))
    negated = "Hola, todavía se puede cambiar porque el pedido aún no ha sido enviado."
    assert "order_contradiction" not in fired(negated, order=order("processing"))
    assert "order_contradiction" not in fired("Hi, your order has shipped.", order=order("shipped"))


def test_tracking_total_refund_amount_date_and_order_id() -> None:
    shipped = order("shipped", shipped_at=datetime(2026, 5, 3, tzinfo=UTC), tracking_number="00340434161234567890")
    (issue,) = fired("Hi, your tracking number is 00340434161234599999.", order=shipped)["order_contradiction"]
    assert issue.order_field == "tracking_number" and issue.evidence.text == "00340434161234599999"
    assert "order_contradiction" not in fired("Hi, tracking number 00340434161234567890.", order=shipped)
    assert (
        fired("Hola, el importe total fue de 59,90 €.", order=order())["order_contradiction"][0].order_field == "total"
    )
    assert "order_contradiction" not in fired("Hola, el importe total fue de 49,90 €.", order=order())
    assert "order_contradiction" in fired("Hi, we will refund €120.00 to your card.", order=order())
    delivered = order("delivered", delivered_at=datetime(2026, 4, 28, tzinfo=UTC))  # a Tuesday
    assert (
        fired("Bonjour, votre commande a été livrée lundi.", order=delivered)["order_contradiction"][0].order_field
        == "delivered_at"
    )
    assert "order_contradiction" not in fired("Bonjour, votre commande a été livrée mardi.", order=delivered)
    assert "order_contradiction" in fired("Hallo, Ihre Bestellung NL-999999 ist in Arbeit.", order=order())


def test_a_mistyped_copy_of_the_tracking_number_or_total_in_words_no_list_holds() -> None:
    shipped = order("shipped", shipped_at=datetime(2026, 5, 3, tzinfo=UTC), tracking_number="LX482913076DE")
    # no tracking word the lexicon knows: the swapped digits of the order's own number give it away
    (issue,) = fired("Sawa, nambari yako ni LX482913067DE.", order=shipped)["order_contradiction"]
    assert issue.order_field == "tracking_number" and issue.evidence.text == "LX482913067DE"
    assert "order_contradiction" not in fired("Sawa, nambari yako ni LX482913076DE.", order=shipped)
    assert "order_contradiction" not in fired("Sawa, nambari ya kifurushi ni LX117305298DE.", order=shipped)
    big = order(total=1634.0, items=[{"sku": "B", "name": "Bike", "quantity": 1, "price": 1634.0}])
    (issue,) = fired("Sawa, jumla ni €1,364.00 pamoja na kodi.", order=big)["order_contradiction"]
    assert issue.order_field == "total" and issue.evidence.text == "€1,364.00"
    assert "order_contradiction" not in fired("Sawa, jumla ni €1,634.00 pamoja na kodi.", order=big)
    assert "order_contradiction" not in fired("Sawa, jumla ni €2,850.00 pamoja na kodi.", order=big)


def test_a_date_written_with_dots_ends_no_sentence() -> None:
    from assist.quality.text_spans import sentences

    said = "Ihr Paket wurde am 7.4. verschickt und kommt bald. Danke für Ihre Geduld!"
    assert [s.text for s in sentences(said)] == [
        "Ihr Paket wurde am 7.4. verschickt und kommt bald.",
        "Danke für Ihre Geduld!",
    ]
    assert [s.text for s in sentences("Das kostet 5. Wir senden es morgen.")] == [
        "Das kostet 5.",
        "Wir senden es morgen.",
    ]
    shipped = order("shipped", shipped_at=datetime(2026, 4, 7, tzinfo=UTC))
    assert "order_contradiction" not in fired("Hallo Anna, Ihr Paket wurde am 7.4. verschickt.", order=shipped)


# --- personal data, marketplace ---------------------------------------------------------------


def test_personal_data_flags_cards_iban_private_contacts_but_not_buyer_or_shop_email() -> None:
    assert fired("Hi, the card 4111 1111 1111 1111 was declined.")["personal_data"][0].severity == "error"
    assert "personal_data" not in fired("Hi, order 4111 1111 1111 1112 is fine.")
    assert "personal_data" in fired("Hallo, überweisen Sie an DE89 3704 0044 0532 0130 00.")
    assert "personal_data" in fired("Hi, write to mark77@gmail.com please.")
    assert "personal_data" in fired("Hola, llame al +34 612 345 678.")
    assert "personal_data" not in fired("Hi, the label goes to anna@example.com.", order=order())
    assert "personal_data" not in fired("Hi, write to help@shop.example please.")


def test_marketplace_rules_are_channel_aware() -> None:
    email = "Hi, please email us at help@shop.example with a photo."
    assert fired(email, conversation=conv(channel="amazon"))["marketplace_rules"][0].severity == "error"
    assert "marketplace_rules" not in fired(email, conversation=conv(channel="email"))
    assert (
        fired("Hi, add me on WhatsApp.", conversation=conv(channel="web"))["marketplace_rules"][0].severity == "warning"
    )
    assert "marketplace_rules" in fired("Hi, leave a 5-star review and get a 10% discount!")
    assert "marketplace_rules" in fired("给我们五星好评就返现10元。")
    assert "marketplace_rules" in fired("Hola, le devolvemos el dinero si acepta eliminar la reseña.")
    honest = "Hi, we'd appreciate your honest feedback on Amazon."
    assert "marketplace_rules" not in fired(honest, conversation=conv(channel="amazon"))


# --- shape and language -------------------------------------------------------------------------


def test_language_mismatch_uses_the_detector() -> None:
    detector = FakeDetector(default="en", answers={"Hallo, wann kommt mein Paket?": "de"})
    buyer = conv("Hallo, wann kommt mein Paket?", language="de")
    issue = fired(
        "Hi Anna, your parcel is on its way. It will arrive soon.", conversation=buyer, language_detector=detector
    )["language_mismatch"][0]
    assert issue.severity == "error" and "German" in issue.message
    assert "language_mismatch" not in fired("Hi Anna, your parcel is on its way.", buyer_language="en")


def test_greeting_next_step_spelling_and_tone_lexicon() -> None:
    assert "missing_greeting" in fired("Your order is on its way. Please wait.")
    followup = conv(history=[{"role": "agent", "text": "Hi Anna!"}, {"role": "customer", "text": "And?"}])
    assert "missing_greeting" not in fired("Your order is on its way. Please wait.", conversation=followup)
    assert "missing_next_step" in fired("Hi Anna, your order was shipped on May 3.")
    assert "missing_next_step" not in fired("Hi Anna, your order was shipped. We will send the tracking.")
    spelling = fired("Hi Anna, you will recieve the the refund soon. Please wait.")["spelling"]
    assert {i.evidence.text for i in spelling} == {"recieve", "the the"}
    tone = fired("Hi, that's your problem, you idiot. Please wait.")["tone"]
    assert {i.severity for i in tone} == {"error", "warning"}
    assert "tone" not in fired("Hi Anna, sorry for the wait. We will send it today.")


def test_check_selection_and_bad_input() -> None:
    only = check_draft("you idiot, within 60 days", shop_settings=SETTINGS, checks=["tone"])
    assert {i.check for i in only} == {"tone"}
    with pytest.raises(InvalidInput, match="unknown check"):
        check_draft("hi", checks=["grammar"])
    with pytest.raises(InvalidInput, match="draft is empty"):
        check_draft("   ")
