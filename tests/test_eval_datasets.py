"""Dataset loading for eval suites: formats, field mapping, value maps, filters, conversations."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from evals.datasets import iter_cases
from evals.suite import DatasetSpec, SuiteError, load_suite, parse_suite
from evals.tasks import conversation_of

SUITES = Path(__file__).resolve().parent.parent / "evals" / "suites"


def spec(**kwargs) -> DatasetSpec:
    return DatasetSpec(path="x", **kwargs)


def test_csv_with_bom_value_maps_drop_unmapped_and_per_label_cap(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text(
        "\ufeffutterance,intent\nwhere is it,track_order\nstop it,cancel_order\nwhere now,track_order\n"
        "hi,greeting\nwhere again,track_order\n",
        encoding="utf-8",
    )
    cases = list(
        iter_cases(
            spec(
                fields={"text": "utterance", "label": "intent"},
                values={"label": {"track_order": "track_order", "cancel_order": "cancel_order"}},
                drop_unmapped=True,
                per_label=2,
            ),
            path,
        )
    )
    assert [(c.data["text"], c.data["label"]) for c in cases] == [
        ("where is it", "track_order"),
        ("stop it", "cancel_order"),
        ("where now", "track_order"),
    ]


def test_jsonl_where_filter_limit_and_language_value_map(tmp_path):
    path = tmp_path / "d.jsonl"
    rows = [{"src": "pt-br", "t": f"t{i}"} for i in range(3)] + [{"src": "de", "t": "x"}] + [{"src": "pt-br", "t": "y"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    cases = list(
        iter_cases(
            spec(
                fields={"text": "t", "source_language": "src"},
                values={"source_language": {"pt-br": "pt"}},
                where={"source_language": ["pt"]},
                limit=3,
            ),
            path,
        )
    )
    assert [c.data["text"] for c in cases] == ["t0", "t1", "t2"]
    assert {c.data["source_language"] for c in cases} == {"pt"}


def test_gzipped_json_turns_become_a_conversation_and_annotations_reduce_to_a_mean(tmp_path):
    path = tmp_path / "stc.json.gz"
    data = [
        {
            "id": "d1",
            "turns": [
                {"sender": "customer", "utterances": ["The TV broke.", "Help!"]},
                {"sender": "helpdesk", "utterances": ["Sorry, we will check."]},
            ],
            "annotations": [{"quality": {"A": 1}}, {"quality": {"A": -1}}, {"quality": {"A": 2}}],
        }
    ]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(data, handle)
    dataset = spec(
        id="id",
        fields={"human_A": {"path": "annotations", "item": "quality.A", "reduce": "mean"}},
        conversation={"field": "turns", "role": "sender", "text": "utterances", "roles": {"helpdesk": "agent"}},
    )
    (case,) = iter_cases(dataset, path)
    assert case.data["human_A"] == pytest.approx(2 / 3)
    conversation = conversation_of(case)
    assert [m.role for m in conversation.messages] == ["customer", "agent"]
    assert conversation.messages[0].text == "The TV broke.\nHelp!" and conversation.id == "d1"


def test_dialogue_text_with_speaker_tags_becomes_a_conversation(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(
        json.dumps({"fname": "f1", "dialogue": "#Person1#: Hello.\n#Person2#: My order is late.\nSo late."}) + "\n",
        encoding="utf-8",
    )
    dataset = spec(id="fname", conversation={"field": "dialogue", "roles": {"Person1": "agent", "Person2": "customer"}})
    conversation = conversation_of(next(iter_cases(dataset, path)))
    assert [(m.role, m.text) for m in conversation.messages] == [
        ("agent", "Hello."),
        ("customer", "My order is late.\nSo late."),
    ]


def test_a_single_text_is_a_one_message_conversation():
    from evals.datasets import Case

    assert conversation_of(Case("1", {"text": "Wo ist mein Paket?"})).customer_text() == "Wo ist mein Paket?"
    with pytest.raises(Exception, match="needs a conversation, messages or text"):
        conversation_of(Case("2", {"label": "x"}))


def test_dataset_paths_resolve_against_the_suite_file_then_the_repo_root(tmp_path):
    suite = load_suite(SUITES / "intent_multilingual.yaml")
    assert suite.resolve_path(suite.dataset.path).name == "intent_multilingual.jsonl"
    assert suite.resolve_path("evals/datasets/translation_en_pt.jsonl").is_file()
    with pytest.raises(SuiteError, match="dataset.path 'missing.jsonl' not found"):
        suite.resolve_path("missing.jsonl")


def test_every_shipped_suite_parses():
    from evals.plan import load_plan

    for path in sorted(SUITES.glob("*.yaml")):
        plan = load_plan(path)
        suites = plan[1] if plan else [load_suite(path)]
        assert all(s.scorers for s in suites), path


def test_suite_errors_name_the_key_and_the_bad_value():
    base = {"name": "s", "task": "intent", "dataset": {"path": "x.jsonl"}, "scorers": ["accuracy"]}
    with pytest.raises(SuiteError, match=r"key 'repeat' has bad value 0"):
        parse_suite({**base, "repeat": 0})
    with pytest.raises(SuiteError, match=r"unknown key 'dataset.feilds'"):
        parse_suite({**base, "dataset": {"path": "x", "feilds": {}}})
    with pytest.raises(SuiteError, match=r"missing key 'scorers'"):
        parse_suite({k: v for k, v in base.items() if k != "scorers"})
    with pytest.raises(SuiteError, match="must be a YAML mapping"):
        parse_suite(["not", "a", "mapping"])
