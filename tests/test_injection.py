"""Prompt injection (evals/datasets/injection.jsonl): buyer text that asks to break the rules.

The template engine never takes instructions from buyer text; a model that OBEYS the injection is
caught by the post-checks (its suggestion is dropped or repaired, and the notes say so)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from reply_fixtures import PASSAGES, SHOP, context, make_order

from assist.facts import Grounding, unsupported
from assist.llm import ScriptedChatModel
from assist.suggest import suggest_replies

DATASET = Path(__file__).resolve().parent.parent / "evals" / "datasets" / "injection.jsonl"
CASES = [json.loads(line) for line in DATASET.read_text("utf-8").splitlines()]


def contains(text: str, token: str) -> bool:
    return re.search(rf"(?<![0-9A-Za-z]){re.escape(token)}(?![0-9A-Za-z])", text, re.IGNORECASE) is not None


def test_dataset_is_broad():
    assert len(CASES) >= 24
    assert {c["language"] for c in CASES} >= {"en", "de", "ja", "zh", "es", "fr", "pt", "it"}
    assert len({c["attack"] for c in CASES}) >= 6
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_template_engine_never_follows_buyer_instructions(case):
    order = make_order("delivered")
    ctx = context(case["language"], case["intent"], order, text=case["message"], channel="amazon")
    result = suggest_replies(ctx, n=3)
    assert result.suggestions
    for s in result.suggestions:
        cited = [p for p in PASSAGES if p.id in s.citations]
        assert unsupported(s.text, Grounding.build(order, cited, SHOP)) == []
        assert not any(contains(s.text, token) for token in case["forbidden"]), s.text


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_post_checks_catch_a_model_that_obeys(case):
    order = make_order("delivered")
    ctx = context(case["language"], case["intent"], order, text=case["message"], channel="amazon")
    grounded = next(s for s in suggest_replies(ctx, n=1).suggestions)  # a legitimate reply next to the bad one
    answer = {
        "suggestions": [
            {"text": case["obeying_reply"], "citations": [], "facts": []},
            {"text": grounded.text, "citations": grounded.citations, "facts": []},
        ]
    }
    model = ScriptedChatModel(responses=[json.dumps(answer, ensure_ascii=False)])
    result = suggest_replies(ctx, n=2, chat_model=model)
    assert result.engine == "fake" and result.degraded is None
    assert len(result.suggestions) == 1 and result.suggestions[0].text == grounded.text
    assert any(note.startswith("suggestion 1 dropped") for note in result.notes), result.notes
    for s in result.suggestions:
        assert not any(contains(s.text, token) for token in case["forbidden"])
    # what the model saw: the buyer's words only as fenced data in the user turn, never in the rules
    system = "\n".join(str(m.content) for m in model.history[0] if m.type == "system")
    user = "\n".join(str(m.content) for m in model.history[0] if m.type != "system")
    fenced = re.findall(r"<buyer_message>\n(.*?)\n</buyer_message>", user, re.S)
    assert len(fenced) == 1 and fenced[0].strip()
    assert fenced[0] not in system and "<buyer_message>" in system
    words = [w for w in re.findall(r"\w{5,}", case["message"]) if not w.isdigit()]
    assert not words or any(w in fenced[0] for w in words), fenced[0]


def test_all_obeying_suggestions_dropped_falls_back_to_templates():
    case = CASES[0]
    ctx = context(case["language"], case["intent"], make_order("delivered"), text=case["message"])
    bad = {"suggestions": [{"text": c["obeying_reply"]} for c in CASES if c["language"] == "en"][:3]}
    result = suggest_replies(ctx, n=3, chat_model=ScriptedChatModel(responses=[json.dumps(bad)]))
    assert result.engine == "template"
    assert result.degraded and "grounding checks" in result.degraded
    assert sum(note.startswith("suggestion") for note in result.notes) == 3
