"""Draft checks on a carrier's name as languages that decline names write it, and on dates written with a year.

A shop whose policy names its carriers in the nominative ("Vesta Pošta", "Kurýrnik") meets drafts that decline them
("poslali jsme Kurýrnikem", "předali Vestě Poště"): the declined name of another of the shop's carriers is a wrong
carrier, the declined name of the order's own is none. A date written with a year ("2027年3月1日") is no duration of
2,027 years. Sentences written here for a made-up shop; fast (no encoder)."""

from __future__ import annotations

from datetime import UTC, datetime

from draft_fixtures import NOW, ORDER, POLICY, fired, make_order

from assist.models import Conversation, Order
from assist.policy_facts import PolicyFacts
from assist.quality import check_draft
from assist.quality.claims import name_forms
from assist.quality.extract import draft_durations

FACTS = PolicyFacts.model_validate(
    {
        "shop": "made-up teas",
        "facts": [
            {"slot": "shipping.carrier", "value": "Vesta Pošta", "sentence": "Doma posíláme s Vesta Pošta."},
            {"slot": "shipping.carrier", "value": "Kurýrnik", "sentence": "Do ciziny posíláme přes Kurýrnik."},
            {"slot": "warranty.length", "value": 2, "unit": "year", "sentence": "Záruka na konvice je 2 roky."},
        ],
    }
)


def _order(carrier: str) -> Order:
    return make_order(
        "shipped",
        items=[("T-1", "Konvice 'Mlha'", 40.0)],
        order_id="MT-2201",
        placed=datetime(2026, 11, 17, 9, 0, tzinfo=UTC),
        shipped=datetime(2026, 11, 18, 9, 0, tzinfo=UTC),
        carrier=carrier,
        tracking="MT99887766",
    )


def _checks(draft: str, order: Order | None) -> list[str]:
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": "?", "sent_at": NOW}]})
    issues = check_draft(draft, conversation=conversation, order=order, checks=[POLICY, ORDER], facts=FACTS, now=NOW)
    return fired(issues)


def test_a_declined_name_of_another_shop_carrier_is_a_wrong_carrier() -> None:
    assert ORDER in _checks("Balíček jsme včera poslali Kurýrnikem.", _order("Vesta Pošta"))


def test_the_declined_name_of_the_orders_own_carrier_is_no_error() -> None:
    assert ORDER not in _checks("Balíček jsme včera předali Vestě Poště.", _order("Vesta Pošta"))
    assert ORDER not in _checks("Balíček jsme včera poslali Kurýrnikem.", _order("Kurýrnik"))


def test_name_forms_keep_short_names_as_written() -> None:
    assert name_forms("Kurýrnik").fullmatch("Kurýrnikem") is not None
    assert name_forms("Vesta Pošta").fullmatch("Vestě Poště") is not None
    assert name_forms("Post").search("Postfach") is None


def test_name_forms_decline_names_in_scripts_without_case() -> None:
    # Georgian and Armenian write no capitals: a carrier's name is declined all the same (instrumental "-ით")
    assert name_forms("ვარსკვლავის ფოსტა").search("გაიგზავნა ვარსკვლავის ფოსტით გუშინ") is not None
    assert name_forms("Աստղային Փոստ").search("ուղարկվել է Աստղային Փոստով") is not None
    assert name_forms("bpost express").search("bposten") is None  # a lower-case name stays as written


def test_a_date_with_a_year_is_no_duration() -> None:
    found = [d.span.text for d in draft_durations("保証は2年間で、2027年3月1日までです。")]
    assert found == ["2年間"]
    assert [d.span.text for d in draft_durations("보증 기간은 1년이며 2027년 3월까지입니다.")] == ["1년"]


def test_a_warranty_date_with_a_year_is_no_contradiction() -> None:
    draft = "ポットの保証はお受け取りから2年間ですので、2028年11月20日まで保証対象です。"
    assert POLICY not in _checks(draft, _order("Vesta Pošta"))
