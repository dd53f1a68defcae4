"""Work a worker does once, not on every card (issue 16): the learned ask-topic reader is found once per
services (finding it re-derives the exemplars' content key: about a sixth of a first-sight card's CPU)."""

from __future__ import annotations

import pytest

from assist import ask_topics


@pytest.fixture
def lookups(monkeypatch):
    calls: list[object] = []

    def topic_model(embed, extra=(), cache_dir=None):
        calls.append(embed)
        return None  # what the fake encoder's reader is: none

    monkeypatch.setattr(ask_topics, "topic_model", topic_model)
    return calls


def card(text: str) -> dict:
    messages = [{"role": "customer", "text": text}]
    return {"conversation": {"customer": {"id": "C-1"}, "messages": messages}, "agent_language": "en"}


def test_the_ask_topic_reader_is_found_once_not_per_card(client, auth, lookups):
    for text in ("Where is my parcel? And can I return it?", "Wo ist mein Paket?", "Can I cancel order NL-1?"):
        r = client.post("/v1/assist", json=card(text), headers=auth)
        assert r.status_code == 200 and r.json()["asks"], r.text
    assert len(lookups) == 1
