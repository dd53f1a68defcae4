"""Active learning from QA reviews: a reviewer's intent correction becomes an example; undo removes it."""

from __future__ import annotations

import pytest

from assist.store import shops

BUYER = "The blender jar has a hairline crack along the bottom seam"
CONVERSATION = {
    "id": "conv-learn-1",
    "channel": "email",
    "customer": {"name": "Ana", "language": "en"},
    "messages": [
        {"role": "customer", "text": BUYER, "sent_at": "2026-11-20T10:00:00Z"},
        {
            "role": "agent",
            "text": "Hello Ana, sorry to hear that. Could you send a photo?",
            "sent_at": "2026-11-20T10:30:00Z",
        },
    ],
}


@pytest.fixture
def review_id(client, auth) -> str:
    scored = client.post("/v1/qa/score", json={"conversation": CONVERSATION}, headers=auth)
    assert scored.status_code == 200, scored.text
    return str(scored.json()["id"])


def _intent_of(client, auth) -> str:
    text = CONVERSATION["messages"][0]["text"]
    return str(client.post("/v1/intent", json={"text": text}, headers=auth).json()["intent"])


def test_reviewer_correction_teaches_the_taxonomy_and_undo_forgets_it(client, auth, review_id):
    shown = client.get(f"/v1/qa/reviews/{review_id}/intent", headers=auth)
    assert shown.status_code == 200
    before = shown.json()
    assert before["example"] is None and "damaged_or_defective" in before["intents"]
    assert before["predicted"]["intent"] in before["intents"]
    first_guess = _intent_of(client, auth)
    taught_intent = "invoice_request" if first_guess != "invoice_request" else "account_issue"

    taught = client.put(
        f"/v1/qa/reviews/{review_id}/intent", json={"intent": taught_intent, "reviewer": "mia"}, headers=auth
    )
    assert taught.status_code == 200, taught.text
    example = taught.json()["example"]
    assert example["intent"] == taught_intent and example["reviewer"] == "mia"
    assert (
        example["text"] == CONVERSATION["messages"][0]["text"] and example["predicted"] == before["predicted"]["intent"]
    )
    assert taught.json()["learned_examples"] == 1
    # the classifier retrained with the example: the same message now gets the reviewer's intent
    assert _intent_of(client, auth) == taught_intent
    listed = client.get("/v1/qa/intent-examples", headers=auth).json()
    assert listed["total"] == 1 and listed["items"][0]["review_id"] == review_id
    assert client.get(f"/v1/qa/reviews/{review_id}/intent", headers=auth).json()["example"]["intent"] == taught_intent

    # a second correction of the same review replaces the first
    again = client.put(
        f"/v1/qa/reviews/{review_id}/intent", json={"intent": "damaged_or_defective", "reviewer": "mia"}, headers=auth
    )
    assert again.json()["learned_examples"] == 1

    undone = client.delete(f"/v1/qa/reviews/{review_id}/intent", headers=auth)
    assert undone.status_code == 200 and undone.json()["removed"]["intent"] == "damaged_or_defective"
    assert undone.json()["learned_examples"] == 0
    assert _intent_of(client, auth) == first_guess
    assert client.get("/v1/qa/intent-examples", headers=auth).json()["total"] == 0


def test_bad_corrections_are_refused_and_keep_what_is_stored(client, auth, review_id, services):
    ok = client.put(f"/v1/qa/reviews/{review_id}/intent", json={"intent": "complaint", "reviewer": "mia"}, headers=auth)
    assert ok.status_code == 200
    unknown = client.put(
        f"/v1/qa/reviews/{review_id}/intent", json={"intent": "weather", "reviewer": "mia"}, headers=auth
    )
    assert unknown.status_code == 422
    assert unknown.json()["detail"].startswith(
        "intent 'weather' is not in this shop's taxonomy; use one of: track_order"
    )
    no_reviewer = client.put(f"/v1/qa/reviews/{review_id}/intent", json={"intent": "complaint"}, headers=auth)
    assert no_reviewer.status_code == 422
    missing = client.put("/v1/qa/reviews/nope/intent", json={"intent": "complaint", "reviewer": "m"}, headers=auth)
    assert missing.status_code == 404 and "review 'nope' not found" in missing.json()["detail"]
    assert client.get("/v1/qa/reviews/nope/intent", headers=auth).status_code == 404
    nothing = client.delete("/v1/qa/reviews/nope/intent", headers=auth)
    assert nothing.status_code == 404 and "nothing to undo" in nothing.json()["detail"]
    stored = client.get("/v1/qa/intent-examples", headers=auth).json()["items"]
    assert [e["intent"] for e in stored] == ["complaint"]

    # another shop neither sees nor can undo this shop's example
    with services.db.session() as session:
        _, other_key = shops.create_shop(session, "beta")
    other = {"Authorization": f"Bearer {other_key}"}
    assert client.get("/v1/qa/intent-examples", headers=other).json()["total"] == 0
    assert client.delete(f"/v1/qa/reviews/{review_id}/intent", headers=other).status_code == 404
    assert client.get("/v1/qa/intent-examples", headers=auth).json()["total"] == 1


def test_examples_join_a_custom_taxonomy(client, auth, review_id, services):
    taxonomy = {
        "intents": [
            {"name": "breakage", "description": "broken item", "examples": ["it broke", "arrived broken", "cracked"]},
            {
                "name": "where",
                "description": "where is the parcel",
                "examples": ["where is it", "not here", "tracking"],
            },
        ]
    }
    with services.db.session() as session:
        shops.update_settings(session, shops.get_shop(session, "alpha"), {"taxonomy": taxonomy})
    shown = client.get(f"/v1/qa/reviews/{review_id}/intent", headers=auth).json()
    assert shown["intents"] == ["breakage", "where"]
    refused = client.put(
        f"/v1/qa/reviews/{review_id}/intent", json={"intent": "damaged_or_defective", "reviewer": "m"}, headers=auth
    )
    assert refused.status_code == 422 and "use one of: breakage, where" in refused.json()["detail"]
    taught = client.put(
        f"/v1/qa/reviews/{review_id}/intent", json={"intent": "breakage", "reviewer": "m"}, headers=auth
    )
    assert taught.status_code == 200
    assert _intent_of(client, auth) == "breakage"
