"""Which fact a number in a draft states, in languages whose one verb returns goods and money alike: money words make
it a refund time, a number counted from the return's arrival at the shop is no return window, a payment method named
by its own name picks its refund time, a carrier named in the number's part makes it the parcel's journey rather
than the slot the buyer asked about; and the second encoder's readings need their topic's word in the sentence.
A made-up shop, written for this test (no fixture shop's words, numbers or names); rules only (no encoder)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from draft_fixtures import POLICY, draft_issues, fired, make_order

from assist.policy_facts import PolicyFacts
from assist.quality.claim_polarity import reader_claims
from assist.quality.text_spans import Span, sentences

FACTS = PolicyFacts.model_validate(
    {
        "shop": "made-up lamp maker",
        "facts": [
            {"slot": "returns.window", "value": 30, "unit": "day", "sentence": "Returns within 30 days."},
            {"slot": "refunds.time", "value": 6, "unit": "business_day", "sentence": "Refunds in 6 business days."},
            {"slot": "lost.report_after", "value": 4, "unit": "business_day", "sentence": "Tell us after 4 days."},
            {"slot": "shipping.carrier", "value": "Lumopost Kurier", "sentence": "We ship with Lumopost Kurier."},
        ],
    }
)

BY_METHOD = PolicyFacts.model_validate(
    {
        "shop": "made-up lamp maker",
        "facts": [
            {"slot": "returns.window", "value": 30, "unit": "day", "sentence": "Returns within 30 days."},
            {
                "slot": "refunds.time",
                "value": 3,
                "unit": "business_day",
                "scope": {"payment_method": "Kartenzahlung"},
                "sentence": "Card payments: 3 business days.",
            },
            {
                "slot": "refunds.time",
                "value": 9,
                "unit": "business_day",
                "scope": {"payment_method": "Rechnungskauf über Zahlwerk"},
                "sentence": "Invoice payments via Zahlwerk: 9 business days.",
            },
        ],
    }
)


@pytest.mark.parametrize(
    "draft",
    [
        "O valor é devolvido em 6 dias úteis.",
        "Kwotę zwracamy przelewem w ciągu 6 dni roboczych.",
        "Az összeget 6 munkanapon belül küldjük vissza.",
        "Pengarna returneras inom 6 arbetsdagar.",
    ],
)
def test_money_returned_is_a_refund_time_not_a_return_window(draft: str) -> None:
    assert fired(draft_issues(draft, FACTS, None)) == []


@pytest.mark.parametrize(
    "draft",
    [
        "O valor é devolvido em 2 dias úteis.",
        "Kwotę zwracamy przelewem w ciągu 2 dni roboczych.",
    ],
)
def test_a_money_return_faster_than_the_refund_time_is_flagged(draft: str) -> None:
    assert fired(draft_issues(draft, FACTS, None)) == [POLICY]


@pytest.mark.parametrize(
    "draft",
    [
        "A visszaküldött lámpa beérkezésétől számított 6 munkanapon belül utaljuk.",
        "Within 6 business days of receiving your returned item, it is done.",
    ],
)
def test_a_number_counted_from_the_returns_arrival_is_no_return_window(draft: str) -> None:
    assert fired(draft_issues(draft, FACTS, None)) == []


def test_a_refund_time_counted_from_the_returns_arrival_is_still_held_to_the_refund_time() -> None:
    draft = "Refunds are issued within 30 business days of us receiving your return."
    assert fired(draft_issues(draft, FACTS, None)) == [POLICY]


def test_a_payment_method_named_by_its_own_name_picks_its_refund_time() -> None:
    wrong = "Beim Rechnungskauf über Zahlwerk erhalten Sie das Geld innerhalb von 3 Werktagen zurück."
    right = "Beim Rechnungskauf über Zahlwerk erhalten Sie das Geld innerhalb von 9 Werktagen zurück."
    assert fired(draft_issues(wrong, BY_METHOD, None)) == [POLICY]
    assert fired(draft_issues(right, BY_METHOD, None)) == []


def test_a_part_naming_the_shops_carrier_is_not_the_asked_slot() -> None:
    buyer = "Wann bekomme ich mein Geld zurück?"
    draft = "Nach Österreich verschicken wir mit Lumopost in 2-3 Werktagen."
    assert fired(draft_issues(draft, FACTS, None, buyer=buyer)) == []


@pytest.mark.parametrize(
    "draft",
    [
        "Vänta gärna 10 arbetsdagar utan uppdatering innan du kontaktar oss.",
        "Proszę poczekać 10 dni roboczych bez aktualizacji, zanim się Pan z nami skontaktuje.",
        "Kérjük, várjon 10 munkanapot frissítés nélkül, mielőtt jelentkezik.",
    ],
)
def test_waiting_without_a_tracking_update_is_the_lost_parcel_wait(draft: str) -> None:
    assert fired(draft_issues(draft, FACTS, None)) == [POLICY]


@dataclass
class _Reading:
    label: str
    probability: float
    span: Span
    sentence: Span


class _SureReader:
    """A reader that reads every sentence as ``label``, surely (stands in for the second encoder's guesses)."""

    def __init__(self, label: str, cued: bool) -> None:
        self.label, self.cued = label, cued

    def readings(self, draft: str, carriers: object = ()) -> list[_Reading]:
        return [_Reading(self.label, 0.99, s, s) for s in sentences(draft)]


@pytest.mark.parametrize(
    ("draft", "label", "kept"),
    [
        ("Гаранцията е 2 години, така че е покрита.", "cancel:done", False),
        ("Поръчката е анулирана.", "cancel:done", True),
        ("Η διεύθυνση μπορεί ακόμη να αλλάξει.", "address:granted", True),
        ("Η εγγύηση ισχύει για δύο χρόνια.", "address:granted", False),
        ("Tuotteen voi vielä palauttaa.", "return:granted", True),
        ("Tuote on hyvä valinta.", "return:granted", False),
        ("Tulli ja arvonlisävero ovat meidän maksettavia.", "duties:none", True),
        ("Toimitus on ilmainen jokaiseen tilaukseen.", "duties:none", False),  # shipping, not customs
    ],
)
def test_a_second_encoder_reading_needs_its_topics_word(draft: str, label: str, kept: bool) -> None:
    assert bool(reader_claims(draft, [], _SureReader(label, cued=True))) is kept  # type: ignore[arg-type]
    assert reader_claims(draft, [], _SureReader(label, cued=False))  # type: ignore[arg-type]  # the first: as read


# a made-up shop writing in Armenian, which the cue lists leave out: its address sentence names the address
ARMENIAN = PolicyFacts.model_validate(
    {
        "shop": "made-up lamp maker",
        "facts": [
            {
                "slot": "address_change.rule",
                "value": "not_allowed",
                "sentence": "Պատվերից հետո հասցեն փոխել հնարավոր չէ։",
            },
            {
                "slot": "cancellation.window",
                "value": 2,
                "unit": "hour",
                "sentence": "Պատվերը կարող եք չեղարկել 2 ժամում։",
            },
        ],
    }
)


@pytest.mark.parametrize(
    ("draft", "kept"),
    [
        ("Իհարկե, հասցեն կփոխենք։", True),  # the shop's own word for the address
        ("Պատվերը ճանապարհին է։", False),  # the order: a word its cancellation sentence uses too
    ],
)
def test_the_shops_own_words_of_a_topic_cue_a_second_encoder_reading(draft: str, kept: bool) -> None:
    reader = _SureReader("address:granted", cued=True)
    assert bool(reader_claims(draft, [], reader, facts=ARMENIAN)) is kept  # type: ignore[arg-type]
    assert not reader_claims(draft, [], reader)  # type: ignore[arg-type]  # without the shop's facts: no cue word


CANCELLABLE = PolicyFacts.model_validate(
    {
        "shop": "made-up lamp maker",
        "facts": [
            {"slot": "returns.window", "value": 30, "unit": "day", "sentence": "Returns within 30 days."},
            {"slot": "cancellation.refund_time", "value": 2, "unit": "business_day", "sentence": "Cancelled: 2 days."},
        ],
    }
)


@pytest.mark.parametrize(
    ("draft", "alarm"),
    [
        ("We can cancel the lamp now; the deposit is returned within 2 business days.", False),
        ("We can cancel the lamp now; the deposit is returned within 45 days.", True),
        ("Povrat novca za otkazanu narudžbu traje tri tjedna.", True),  # Croatian number word, cancelled order's money
    ],
)
def test_a_return_of_a_cancelled_orders_money_is_its_refund_time(draft: str, alarm: bool) -> None:
    order = make_order("processing", items=[("L-1", "Desk lamp", 40.0)])
    assert fired(draft_issues(draft, CANCELLABLE, order)) == ([POLICY] if alarm else [])


def test_a_return_window_in_a_sentence_about_a_delivered_order_stays_a_return_window() -> None:
    order = make_order("delivered", items=[("L-1", "Desk lamp", 40.0)], delivered=datetime(2026, 10, 2, tzinfo=UTC))
    draft = "Cancelling is no longer possible, but you can return it within 2 business days."
    assert fired(draft_issues(draft, CANCELLABLE, order, buyer="Can I return it?")) == [POLICY]


def test_a_parcel_held_at_customs_is_not_being_prepared() -> None:
    for cued in (True, False):
        reader = _SureReader("status:preparing", cued=cued)
        assert not reader_claims("Ihr Paket wird derzeit beim Zoll festgehalten.", [], reader)  # type: ignore[arg-type]
        assert reader_claims("Ihr Paket wird noch verpackt.", [], reader)  # type: ignore[arg-type]


# a made-up shop writing in Armenian: its customs sentence names customs in words the customs list leaves out
ARMENIAN_CUSTOMS = PolicyFacts.model_validate(
    {
        "shop": "made-up lamp maker",
        "facts": [
            {"slot": "customs.paid_by", "value": "buyer", "sentence": "Մաքսատուրքը վճարում է գնորդը։"},
            {"slot": "returns.window", "value": 30, "unit": "day", "sentence": "Վերադարձը 30 օրվա ընթացքում։"},
        ],
    }
)


def test_the_shops_own_customs_words_cue_a_duties_reading() -> None:
    reader = _SureReader("duties:none", cued=True)
    draft = "Մաքսատուրքը մենք ենք վճարում։"
    assert reader_claims(draft, [], reader, facts=ARMENIAN_CUSTOMS)  # type: ignore[arg-type]
    assert not reader_claims(draft, [], reader)  # type: ignore[arg-type]
