"""Mood and urgency come from keyword rules, and every answer says so (engine "rules")."""

from __future__ import annotations


def test_intent_answer_labels_mood_as_rules(client, auth):
    response = client.post(
        "/v1/intent", json={"text": "This is the THIRD time I write!!! I will file a chargeback."}, headers=auth
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["mood_engine"] == "rules"
    assert body["engine"] != "rules"  # the intent itself is the classifier's
    assert body["urgency"] == "high" and "chargeback" in body["urgency_reasons"]


def test_assist_card_names_the_mood_engine(client, auth):
    conversation = {"messages": [{"role": "customer", "text": "Where is my parcel? I am very angry."}]}
    response = client.post("/v1/assist", json={"conversation": conversation, "agent_language": "en"}, headers=auth)
    assert response.status_code == 200, response.text
    card = response.json()
    assert card["engines"]["mood"] == "rules"
    assert card["engines"]["intent"] != "rules"
