"""Status and duty claims the checks missed on shops they were not written for: "delivered" in Galician, Marathi,
Urdu and Punjabi, and who pays duties for a country abroad that none of the shop's region labels is read to hold."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from draft_fixtures import NOW, ORDER, POLICY, fired, make_order

from assist.models import Conversation
from assist.policy_facts import PolicyFacts
from assist.quality import check_draft

SHIPPED = make_order(
    "shipped",
    items=[("T-1", "Trophy", 40.0)],
    order_id="TR-1001",
    placed=datetime(2026, 11, 16, 9, 0, tzinfo=UTC),
    shipped=datetime(2026, 11, 18, 9, 0, tzinfo=UTC),
    carrier="DHL",
    tracking="JD0012345678",
)


def _checks(draft: str, facts: PolicyFacts, **settings: str) -> list[str]:
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": "?", "sent_at": NOW}]})
    order = SHIPPED if not settings else None
    issues = check_draft(
        draft,
        conversation=conversation,
        order=order,
        checks=[POLICY, ORDER],
        facts=facts,
        shop_settings=settings or None,
        now=NOW,
    )
    return fired(issues)


NO_FACTS = PolicyFacts.model_validate({"shop": "made-up trophies", "facts": []})


@pytest.mark.parametrize(
    "draft",
    [
        "O teu pedido xa foi entregado onte pola tarde.",
        "Entregámolo onte pola tarde na túa casa.",
        "तुमचे पार्सल आज सकाळी डिलिव्हर झाले.",
        "آپ کا پارسل ڈیلیور ہو چکا ہے۔",
        "ਤੁਹਾਡਾ ਪਾਰਸਲ ਡਿਲੀਵਰ ਹੋ ਗਿਆ ਹੈ।",
    ],
)
def test_delivered_said_of_a_shipped_order_in_more_languages(draft: str) -> None:
    assert ORDER in _checks(draft, NO_FACTS)


@pytest.mark.parametrize("draft", ["तुमचे पार्सल अजून पोहोचले नाही.", "O pedido vai en camiño con DHL."])
def test_not_yet_delivered_stays_clean(draft: str) -> None:
    assert ORDER not in _checks(draft, NO_FACTS)


ABROAD = PolicyFacts.model_validate(
    {
        "shop": "made-up stoves",
        "facts": [
            {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "hanze y'u Rwanda"}, "sentence": "A."},
            {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "RDC"}, "sentence": "B."},
        ],
    }
)


def test_who_pays_duties_abroad_where_every_region_agrees() -> None:
    assert POLICY in _checks("Don't worry, the customs duties for Uganda are paid by us.", ABROAD, country="RW")
    assert POLICY not in _checks("Customs duties for Uganda are paid by the recipient.", ABROAD, country="RW")


def test_still_in_our_warehouse_in_finnish_said_of_a_shipped_order() -> None:
    assert ORDER in _checks("Hei, tilauksesi on vielä varastollamme ja lähtee huomenna.", NO_FACTS)
    assert ORDER not in _checks("Hei, tilauksesi on jo lähtenyt varastoltamme.", NO_FACTS)
