"""A draft's claim about where this order stands in the return or cancellation window (computed from the order's
dates and the policy's length) is checked against both the policy and the order; a bare possibility or a window's
length is the policy's alone. And the order's status read in languages the first claim lists did not cover. The
sentences are written here; none comes from a fixture shop."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from draft_fixtures import ORDER, POLICY, draft_issues, fired, make_order

from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.quality.claims import find_claims

FACTS = PolicyFacts.model_validate(
    {
        "shop": "windows",
        "facts": [
            {"slot": "returns.window", "value": 21, "unit": "day", "chunk_id": "p1", "sentence": "21 days to return."},
            {"slot": "cancellation.rule", "value": "within_window", "sentence": "Cancel within 12 hours."},
            {
                "slot": "cancellation.window",
                "value": 12,
                "unit": "hour",
                "chunk_id": "p2",
                "sentence": "Orders can be cancelled within 12 hours.",
            },
        ],
    }
)


def _order(status: str, delivered: datetime | None = None, placed: datetime | None = None) -> Order:
    return make_order(
        status,
        items=[("KTL", "Kettle", 40)],
        order_id="WN-5521",
        placed=placed or datetime(2026, 10, 2, tzinfo=UTC),
        delivered=delivered,
        carrier="Parcelway",
        tracking="PW0099",
    )


LATE = datetime(2026, 10, 5, tzinfo=UTC)  # the 21 days ended on 26 October; the checks run on 20 November
RECENT = datetime(2026, 11, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    "draft",
    [
        "Good news, you are still within the return period, so just post the kettle back.",
        "Die Rückgabefrist läuft noch, schicken Sie den Wasserkocher einfach zurück.",
        "U zit nog binnen de bedenktijd, dus stuur de waterkoker gerust terug.",
        "Jste stále ve lhůtě pro vrácení, konvici nám klidně pošlete.",
        "Todavía está dentro del plazo de devolución, puede devolver el hervidor.",
        "Du er fortsatt innenfor angrefristen, så du kan returnere vannkokeren.",
        "まだ返品期間内ですので、ご返送ください。",
    ],
)
def test_a_window_said_to_run_after_it_ended_contradicts_the_policy_and_the_order(draft: str) -> None:
    delivered = _order("delivered", LATE)
    assert fired(draft_issues(draft, FACTS, delivered)) == [ORDER, POLICY]
    assert ORDER not in fired(draft_issues(draft, FACTS, _order("delivered", RECENT)))


def test_the_order_evidence_is_its_delivery_date() -> None:
    issues = draft_issues("You're still within the return window.", FACTS, _order("delivered", LATE))
    order_issue = next(i for i in issues if i.check == ORDER)
    assert order_issue.order_field == "delivered_at"
    assert "2026-10-26" in order_issue.message


@pytest.mark.parametrize(
    "draft",
    [
        "Yes, you can still send the kettle back, no problem.",  # a possibility: the policy's alone
        "Sie können den Wasserkocher noch 100 Tage zurückschicken.",  # a length, not the window's state
        "If you're still within the return period, just send it back.",  # supposed, not said
        "The return period has ended, but we can still repair the kettle.",  # over, not running
    ],
)
def test_no_order_contradiction_without_a_stated_window_state(draft: str) -> None:
    assert ORDER not in fired(draft_issues(draft, FACTS, _order("delivered", LATE)))


def test_the_shops_own_cancellation_past_the_window_contradicts_the_order() -> None:
    placed = datetime(2026, 11, 19, 8, tzinfo=UTC)  # the 12 hours ended the evening before the check
    processing = _order("processing", placed=placed)
    assert ORDER in fired(
        draft_issues("It hasn't left the warehouse yet, so I'll cancel it right away.", FACTS, processing)
    )
    # a possibility ("we can still cancel") is the policy's claim only
    assert ORDER not in fired(draft_issues("We can still cancel your order.", FACTS, processing))
    within = _order("processing", placed=datetime(2026, 11, 20, 12, tzinfo=UTC))
    assert ORDER not in fired(
        draft_issues("It hasn't left the warehouse yet, so I'll cancel it right away.", FACTS, within)
    )


@pytest.mark.parametrize(
    ("draft", "kind"),
    [
        ("Η παραγγελία σας έχει ήδη παραδοθεί.", "delivered"),
        ("Το δέμα σας είναι καθ' οδόν.", "in_transit"),
        ("Η παραγγελία παραδόθηκε στην Parcelway χθες.", "in_transit"),
        ("Η παραγγελία σας δεν έχει σταλεί ακόμα.", "not_shipped"),
        ("Пратката ви вече е изпратена.", "shipped"),
        ("Пратката ви все още не е изпратена.", "not_shipped"),
        ("Paket je već poslan.", "shipped"),
        ("Paket još nije poslan.", "not_shipped"),
        ("Pošiljka je na putu.", "in_transit"),
        ("Siparişiniz kargoya verilmiştir.", "shipped"),
        ("Comanda nu a plecat încă din depozit.", "not_shipped"),
        ("Teie pakk on juba teel.", "in_transit"),
        ("La comanda ja ha estat enviada.", "shipped"),
    ],
)
def test_status_claims_in_more_languages(draft: str, kind: str) -> None:
    assert {c.kind for c in find_claims(draft)} == {kind}


@pytest.mark.parametrize(
    "draft",
    [
        "Coletul a fost predat curierului ieri.",
        "Comanda a fost predată curierului Fan Courier.",
        "Comanda a fost predată firmei de curierat.",
    ],
)
def test_handed_to_the_courier_in_romanian_is_in_transit_not_delivered(draft: str) -> None:
    kinds = {claim.kind for claim in find_claims(draft)}
    assert "in_transit" in kinds and "delivered" not in kinds
