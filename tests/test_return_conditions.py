"""Conditional return exclusions: a class excluded only once opened or used, and what the buyer says about the
item. Policy phrases, items and buyer messages are written for the test (other goods, languages and numbers
than the fixture shops)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from assist.answers import excluded_items
from assist.ask_replies import answer_asks
from assist.asks import Ask
from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.return_conditions import buyer_condition, policy_condition

NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)


def _order(items: list[dict[str, Any]], currency: str = "EUR") -> Order:
    """Delivered on 6 November 2026."""
    return Order.model_validate(
        {
            "order_id": "RC-77",
            "customer_id": "C9",
            "customer_name": "Robin Vale",
            "status": "delivered",
            "placed_at": datetime(2026, 11, 2, tzinfo=UTC),
            "delivered_at": datetime(2026, 11, 6, tzinfo=UTC),
            "items": [{"quantity": 1, "price": 12.0} | i for i in items],
            "total": 12.0 * len(items),
            "currency": currency,
        }
    )


def _facts(excluded: list[str], window: int = 21) -> PolicyFacts:
    return PolicyFacts.model_validate(
        {
            "shop": "t",
            "facts": [
                {"slot": "returns.excluded", "value": excluded, "chunk_id": "x"},
                {"slot": "returns.window", "value": window, "unit": "day", "chunk_id": "w"},
                {"slot": "returns.window_starts", "value": "delivery", "chunk_id": "w"},
            ],
        }
    )


@pytest.mark.parametrize(
    ("phrase", "condition"),
    [
        ("Earphones without their hygiene sticker", "opened"),
        ("geöffnete Kaffeepackungen", "opened"),
        ("cosméticos sem o selo de proteção", "opened"),
        ("已开封的咖啡豆", "opened"),
        ("Scarves that have been worn", "used"),
        ("pinceaux utilisés", "used"),
        ("使用済みの化粧筆", "used"),
        ("Gift cards", None),
        ("articoli personalizzati", None),
    ],
)
def test_the_policy_phrase_names_its_condition(phrase: str, condition: str | None) -> None:
    assert policy_condition(phrase) == condition


@pytest.mark.parametrize(
    ("text", "condition", "says"),
    [
        ("We ripped off the protective film to try them, can they go back?", "opened", "broken"),
        ("Ich habe die Packung schon geöffnet. Kann ich sie zurückschicken?", "opened", "broken"),
        ("Já tirei o plástico da caixa, ainda dá para devolver?", "opened", "broken"),
        ("我把包装拆开了，还能退吗？", "opened", "broken"),
        ("I wore the scarf twice to a wedding; can I still send it back?", "used", "broken"),
        ("It is still sealed, never opened. Can I return it?", "opened", "intact"),
        ("La boîte est encore scellée, je peux la renvoyer ?", "opened", "intact"),
        ("还没开封，可以退吗？", "opened", "intact"),
        ("The blue one is unopened but I opened the red one. Both back?", "opened", "mixed"),
        ("Can I return the mug set?", "opened", None),
        ("I opened the parcel and the scarf is itchy.", "used", None),  # opening a parcel is no use of the scarf
    ],
)
def test_the_buyer_says_whether_the_item_is_opened_used_or_intact(text: str, condition: str, says: str | None) -> None:
    assert buyer_condition(text, condition) == says  # type: ignore[arg-type]


def test_a_class_named_by_its_head_noun_after_a_chinese_modifier_is_conditional() -> None:
    facts = _facts(["已拆封的酱料", "礼品卡"])
    order = _order([{"sku": "LJ-200", "name": "川味辣椒酱 200g"}, {"sku": "MUG-2", "name": "陶瓷马克杯"}], "CNY")
    found = {a.key: a for a in excluded_items(order, facts, text="辣椒酱还没开封，想退。")}
    assert found["excluded_if_opened"].value == {"LJ-200": "已拆封的酱料"}
    assert found["excluded_if_opened"].inputs["buyer_says"] == "intact"
    assert found["excluded_items"].value == {}


def _reply(language: str, text: str, excluded: list[str], items: list[dict[str, Any]]) -> Any:
    ask = Ask(text=text, intent="return_request", topics=["return"])
    return answer_asks(language, [ask], _facts(excluded), _order(items), NOW, buyer_name="Robin Vale")


def test_a_used_item_is_refused_for_that_reason_and_the_reply_says_so() -> None:
    reply = _reply(
        "en",
        "I wore the beanie once and it itches. Can I still return it?",
        ["Beanies and gloves that have been worn"],
        [{"sku": "SC-1", "name": "Merino beanie"}],
    )
    assert "has been used, it cannot be returned" in reply.text
    assert "“Beanies and gloves that have been worn”" in reply.text  # the shop's words, marked as its policy
    declared = {f.field: f.value for f in reply.facts}
    assert declared["answer.excluded_if_opened"].startswith("SC-1")


def test_an_intact_item_gets_the_condition_and_the_window() -> None:
    reply = _reply(
        "de",
        "Der Schal ist noch originalverpackt und ungetragen. Kann ich ihn zurückgeben?",
        ["getragene Schals"],
        [{"sku": "SC-2", "name": "Schal aus Kaschmir"}],
    )
    assert "nur möglich ist, wenn der Artikel unbenutzt ist" in reply.text
    assert "27. November 2026" in reply.text  # delivered 6 November + 21 days: the window applies
    assert "bereits benutzt" not in reply.text


def test_an_opened_item_in_portuguese_is_refused_with_the_seal_condition() -> None:
    reply = _reply(
        "pt",
        "Abri a embalagem do protetor auricular para experimentar. Posso devolver?",
        ["protetores auriculares sem o selo de higiene"],
        [{"sku": "EP-9", "name": "Protetor auricular de silicone"}],
    )
    # a shop that prices in euros writes European Portuguese to a buyer whose words tell neither variety
    assert "já foi aberto, infelizmente não é possível devolvê-lo" in reply.text


@pytest.mark.parametrize("phrase", ["vélos montés sur mesure", "custom-built frames", "maßgefertigte Möbel"])
def test_a_made_to_measure_class_is_a_plain_exclusion_not_a_used_one(phrase: str) -> None:
    assert policy_condition(phrase) is None
