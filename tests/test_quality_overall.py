"""The learned overall score: training from rated dialogues (STC-3 shape) and reviewer overrides, the model
file, the scorecard's overall score with its drivers, the rules fallback, and ``assist qa train``."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assist.cli import app as cli_app
from assist.errors import InvalidInput
from assist.models import Conversation
from assist.quality import score_conversation
from assist.quality.overall import load_model, model_path
from assist.quality.overall_training import heldout, load_ratings_file, override_labels, train
from retrievers.embeddings import FakeEmbedder

GOOD_AGENT = [
    "We have sent a replacement today and refunded the shipping fee.",
    "Your new parcel is on its way and the refund is done.",
    "I have reshipped the item and the tracking number is in your inbox.",
]
BAD_AGENT = [
    "That is not our problem, read the policy.",
    "We cannot do anything about that.",
    "Please wait, nothing can be changed.",
]
GOOD_END = ["Thank you so much, that solved it!", "Great, thanks a lot for the quick help."]
BAD_END = ["This is useless, I am still waiting and nobody helps!", "Terrible service, still broken and no answer."]


def rated_dialogues(n: int = 60) -> list[dict]:
    """Synthetic dialogues in the STC-3 shape: resolved ones rated high, unresolved ones rated low."""
    out = []
    for i in range(n):
        good = i % 2 == 0
        turns = [
            {"sender": "customer", "utterances": [f"My order {i} arrived broken, what can you do?"]},
            {"sender": "helpdesk", "utterances": [(GOOD_AGENT if good else BAD_AGENT)[i % 3]]},
            {"sender": "customer", "utterances": [(GOOD_END if good else BAD_END)[i % 2]]},
        ]
        score = 1.5 if good else -1.5
        annotations = [{"quality": {"A": score, "S": score + 0.25 * (k - 1), "E": score}} for k in range(3)]
        out.append({"id": f"d{i:03d}", "turns": turns, "annotations": annotations})
    return out


def write_ratings(path: Path, n: int = 60) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(rated_dialogues(n), fh)
    return path


def conversation(agent: str, end: str) -> Conversation:
    return Conversation.model_validate(
        {
            "messages": [
                {"role": "customer", "text": "My order arrived broken, what can you do?"},
                {"role": "agent", "text": agent},
                {"role": "customer", "text": end},
            ]
        }
    )


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    path = write_ratings(tmp_path_factory.mktemp("ratings") / "rated.json.gz")
    return train(load_ratings_file(path), FakeEmbedder(), seed=3, data_sha256="abc")


def test_training_holds_out_a_fixed_part_and_records_where_the_model_came_from(trained):
    info = trained.info
    expected_heldout = sum(heldout(f"d{i:03d}") for i in range(60))
    assert 0 < expected_heldout < 30 and info["heldout"] == expected_heldout
    assert info["labels"] == 60 - expected_heldout and info["seed"] == 3 and info["data_sha256"] == "abc"
    assert info["trained_at"] and info["embedder"] == "fake-hashing"
    assert info["metrics"]["spearman_A"] > 0.5 and info["metrics"]["overall_spearman_S"] > 0.5


def test_model_scores_a_resolved_conversation_above_an_unresolved_one(trained):
    embedder = FakeEmbedder()
    good = score_conversation(
        conversation(GOOD_AGENT[0], GOOD_END[0]), quality_model=trained, embedder=embedder, tone=None
    )
    bad = score_conversation(conversation(BAD_AGENT[0], BAD_END[0]), quality_model=trained, embedder=embedder)
    assert good.overall_engine == bad.overall_engine == "model"
    assert 1 <= bad.overall < good.overall <= 5
    assert set(good.overall_ratings) == {"A", "S", "E"}
    assert good.quality_model is not None and good.quality_model.labels == trained.info["labels"]
    # the drivers are the evidence: ranked by size, each pointing at the conversation where it can
    effects = [abs(d.effect) for d in bad.overall_drivers]
    assert bad.overall_drivers and effects == sorted(effects, reverse=True)
    pointed = [ev for d in bad.overall_drivers for ev in d.evidence]
    assert all(ev.message_index is not None and 0 <= ev.message_index < 3 for ev in pointed)
    # the rule categories stay as evidence next to the overall score
    assert {c.name for c in good.categories} >= {"greeting", "resolution", "closing"}


def test_without_a_model_the_overall_score_says_it_is_the_rule_total():
    card = score_conversation(conversation(GOOD_AGENT[0], GOOD_END[0]))
    assert card.overall_engine == "rules" and card.quality_model is None and not card.overall_drivers
    assert card.overall == pytest.approx(1 + 4 * card.total / 100, abs=0.01)
    assert "assist qa train" in (card.overall_reason or "")


def test_model_file_round_trips_and_a_broken_file_is_ignored(trained, tmp_path):
    path = model_path(tmp_path, None)
    trained.save(path)
    loaded = load_model(tmp_path)
    assert loaded is not None and loaded.info == trained.info
    shop_path = model_path(tmp_path, 7)
    shop_path.write_text('{"format": "something else"}', encoding="utf-8")
    assert load_model(tmp_path, 7) is not None  # the broken shop file is skipped, the deployment's used
    assert load_model(tmp_path / "empty") is None


def test_saving_the_model_leaves_another_writers_temporary_file_alone(trained, tmp_path):
    """Two processes training at once each write through their own temporary file; what the other left at a shared
    '<name>.tmp' (here a folder) neither fails this save nor is replaced by it."""
    path = model_path(tmp_path, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_suffix(".tmp").mkdir()
    trained.save(path)
    assert load_model(tmp_path) is not None and path.with_suffix(".tmp").is_dir()


def test_the_model_reads_every_scorecard_category_but_tone_in_the_rubrics_order(trained, tmp_path):
    from assist.quality.scorecard import default_config

    path = model_path(tmp_path, None)
    trained.save(path)
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    rules = [name.removeprefix("rule_") for name in features if name.startswith("rule_")]
    assert rules == [name for name in default_config().categories if name != "tone"]


def test_a_ratings_file_in_the_wrong_shape_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"id": "x", "turns": []}]), encoding="utf-8")
    with pytest.raises(InvalidInput, match="annotations"):
        load_ratings_file(path)
    with pytest.raises(InvalidInput, match="no such file"):
        load_ratings_file(tmp_path / "missing.json.gz")


def test_api_scorecard_uses_the_model_and_overrides_become_labels(client, auth, services, trained):
    body = {"conversation": conversation(BAD_AGENT[1], BAD_END[1]).model_dump(mode="json")}
    card = client.post("/v1/qa/score", json=body, headers=auth).json()
    assert card["overall_engine"] == "rules" and card["quality_model"] is None
    trained.save(model_path(services.settings.data_dir))
    card = client.post("/v1/qa/score", json=body, headers=auth).json()
    assert card["overall_engine"] == "model" and card["quality_model"]["labels"] == trained.info["labels"]
    review = client.get(f"/v1/qa/reviews/{card['id']}", headers=auth).json()
    assert review["overall"] == card["overall"] and review["overall_drivers"]
    override = {"reviewer": "rita", "categories": [{"name": "resolution", "score": 0}]}
    assert client.put(f"/v1/qa/reviews/{card['id']}", json=override, headers=auth).status_code == 200
    with services.db.session() as session:
        labels = override_labels(session, 1, weight=2.0)
    assert len(labels) == 1 and labels[0].source == "override" and labels[0].weight == 2.0
    assert -2 <= labels[0].ratings[0] <= 2 and labels[0].conversation.messages[-1].text == BAD_END[1]
    examples = load_ratings_file(write_ratings(services.settings.data_dir / "r.json.gz")) + labels
    retrained = train(examples, FakeEmbedder(), seed=1)
    assert retrained.info["override_labels"] == 1


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    from assist.config import get_settings

    monkeypatch.setenv("ASSIST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSIST_LOAD_DEMO", "false")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


@pytest.mark.slow
def test_cli_train_writes_the_model_and_batch_scoring_uses_it(cli_env):
    tmp_path = cli_env
    data = write_ratings(tmp_path / "rated.json.gz", n=40)
    result = CliRunner().invoke(cli_app, ["qa", "train", "--data", str(data), "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "held out" in result.output and "Spearman" in result.output
    saved = json.loads(model_path(tmp_path / "data").read_text(encoding="utf-8"))
    assert saved["info"]["seed"] == 5 and len(saved["info"]["data_sha256"]) == 64
    missing = CliRunner().invoke(cli_app, ["qa", "train", "--data", str(tmp_path / "nope.json.gz")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    conversations = tmp_path / "conversations.jsonl"
    conversations.write_text(
        conversation(GOOD_AGENT[0], GOOD_END[0]).model_dump_json() + "\n" + '{"messages": []}\n', encoding="utf-8"
    )
    scored = CliRunner().invoke(cli_app, ["qa", "score", str(conversations), "--no-progress"])
    assert scored.exit_code == 0, scored.output
    card, error = (json.loads(line) for line in scored.stdout.splitlines() if line.startswith("{"))
    assert card["overall_engine"] == "model" and 1 <= card["overall"] <= 5 and card["quality_model"]["seed"] == 5
    assert "error" in error
