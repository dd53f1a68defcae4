"""The LLM path gets the asks with their computed answers and must answer each; a missed ask gets its
template answer, and the card lists every ask with its coverage."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from assist.asks import split_asks
from assist.llm import ScriptedChatModel
from assist.models import Conversation, Order
from assist.policy_facts import PolicyFacts
from assist.suggest import ReplyContext, suggest_replies

FACTS = PolicyFacts.model_validate(
    {
        "shop": "test",
        "facts": [
            {"slot": "returns.window", "value": 30, "unit": "day", "chunk_id": "c-ret"},
            {"slot": "returns.window_starts", "value": "delivery"},
            {"slot": "returns.shipping_paid_by", "value": "buyer"},
            {"slot": "customs.paid_by", "value": "buyer", "scope": {"region": "Switzerland"}, "chunk_id": "c-cus"},
        ],
    }
)
TEXT = "Can I still return the lamp? And will I have to pay customs in Switzerland?"


def _context() -> ReplyContext:
    order = Order.model_validate(
        {
            "order_id": "A-1",
            "customer_id": "C1",
            "customer_name": "Ann Weber",
            "status": "delivered",
            "placed_at": datetime(2026, 11, 1, tzinfo=UTC),
            "delivered_at": datetime(2026, 11, 5, tzinfo=UTC),
            "items": [{"sku": "L1", "name": "Desk lamp", "quantity": 1, "price": 40}],
            "total": 40,
            "currency": "EUR",
        }
    )
    conversation = Conversation.model_validate(
        {"messages": [{"role": "customer", "text": TEXT, "sent_at": "2026-11-20T10:00:00Z"}]}
    )
    return ReplyContext(
        conversation=conversation,
        buyer_language="en",
        agent_language="en",
        order=order,
        facts=FACTS,
        asks=split_asks(TEXT, order=order),
    )


def test_template_engine_answers_each_ask_and_lists_coverage() -> None:
    result = suggest_replies(_context(), n=1)
    top = result.suggestions[0]
    assert top.style == "answers"
    assert "December 5, 2026" in top.text and "paid by you" in top.text
    assert [a.covered for a in result.asks] == [True, True]
    assert {"c-ret", "c-cus"} <= set(top.citations)


def test_the_model_gets_the_asks_and_a_missed_ask_gets_its_template_answer() -> None:
    reply = {
        "text": "Hi Ann,\n\nYes, you can return the lamp until December 5, 2026.\n\nBest regards",
        "facts": [{"field": "answer.return_deadline", "value": "2026-12-05"}],
    }
    model = ScriptedChatModel(responses=[json.dumps({"suggestions": [reply]})])
    result = suggest_replies(_context(), n=1, chat_model=model)
    prompt = "\n".join(str(m.content) for m in model.history[0])
    assert (
        "ASKS" in prompt
        and "answer.return_deadline=2026-12-05" in prompt
        and "policy_fact.customs.paid_by=buyer" in prompt
    )
    text = result.suggestions[0].text
    assert result.engine == "fake"
    assert text.startswith("Hi Ann,\n\nYes, you can return the lamp until December 5, 2026.")
    assert "import duties and taxes are charged on delivery and paid by you" in text  # the missed ask, added
    assert text.endswith("\n\nBest regards")
    assert any("ask 2 was not answered" in n for n in result.notes)
    assert {"field": "answer.return_deadline", "value": "2026-12-05"} in [
        f.model_dump() for f in result.suggestions[0].facts
    ]
    assert [a.covered for a in result.asks] == [True, True]


def test_a_model_reply_that_answers_every_ask_is_kept_as_written() -> None:
    reply = {
        "text": "Hi Ann,\n\nYou can return the lamp until December 5, 2026. Customs in Switzerland are paid by you on "
        "delivery.\n\nBest regards",
        "facts": [
            {"field": "answer.return_deadline", "value": "2026-12-05"},
            {"field": "policy_fact.customs.paid_by", "value": "buyer"},
        ],
    }
    model = ScriptedChatModel(responses=[json.dumps({"suggestions": [reply]})])
    result = suggest_replies(_context(), n=1, chat_model=model)
    assert result.suggestions[0].text == reply["text"]
    assert not any("not answered" in n for n in result.notes)
