"""`bench/intent.py --feedback`: the statement-of-feedback route (``assist/intent/feedback.py``), measured on
data that is not Bitext, where its two thresholds were chosen.

- which intent each taxonomy's feedback intent is: description cosine to the feedback-intent descriptions,
  for self-written descriptions (``bench/data/feedback_cases.yaml``), the default taxonomy and Banking77;
- the reader on self-written messages (feedback statements and asks, thanks, narrative; never trained on),
  at several feedback thresholds;
- the default taxonomy's multilingual cases with the route forced on (the server keeps it off there);
- Banking77 (no feedback intent): the route must find none, so accuracy cannot change.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from assist.intent import IntentClassifier, default_taxonomy, feedback
from assist.models import Conversation
from bench import intent_data as data

CASES = Path(__file__).resolve().parent / "data" / "feedback_cases.yaml"
READ_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def cases() -> dict[str, Any]:
    return dict(yaml.safe_load(CASES.read_text(encoding="utf-8")))


def _similarity(embedder: Any, descriptions: list[str]) -> np.ndarray:
    prototypes = np.asarray(embedder.embed(feedback.intent_descriptions()))
    vectors = np.asarray(embedder.embed(descriptions))
    return np.asarray((feedback._normalised(vectors) @ feedback._normalised(prototypes).T).max(axis=1))


def descriptions(args: argparse.Namespace, embedder: Any) -> None:
    written = cases()["descriptions"]
    groups = {
        "self-written feedback intents": written["feedback"],
        "self-written other intents": written["not_feedback"],
        "default taxonomy: complaint": [i.description for i in default_taxonomy().intents if i.name == "complaint"],
        "default taxonomy: the other 14": [i.description for i in default_taxonomy().intents if i.name != "complaint"],
        "Banking77 label words (77)": sorted({c.replace("_", " ") for _, c in data.banking77(args.data)}),
    }
    print(f"\n| descriptions | n | cosine to feedback-intent descriptions: min / max | at or over "
          f"{feedback.DESCRIBES_AT} |")  # fmt: skip
    print("|---|---|---|---|")
    for name, texts in groups.items():
        sims = _similarity(embedder, texts)
        print(
            f"| {name} | {len(texts)} | {sims.min():.3f} / {sims.max():.3f} | {(sims >= feedback.DESCRIBES_AT).sum()} |"
        )


def reader(embedder: Any) -> None:
    """The reader (and the nearness floor) on the self-written check cases, at each feedback threshold."""
    written = cases()
    model = feedback.reader(embedder)
    assert model is not None, "the feedback reader needs a named encoder (not --fake)"
    statements = feedback._normalised(np.asarray(embedder.embed(feedback.statements())))
    route = feedback.FeedbackRoute(0, 1.0, model, statements)
    groups = {name: written[name] for name in ("feedback", "not_feedback", "other_domains")}
    read = {name: route.probability(texts) for name, texts in groups.items()}
    near = {
        name: (feedback._normalised(np.asarray(embedder.embed(texts))) @ statements.T).max(axis=1)
        for name, texts in groups.items()
    }
    print("\n| self-written check cases | n | nearest feedback statement, cosine: 5th / 50th / 95th percentile |")
    print("|---|---|---|")
    for name, values in near.items():
        print(f"| {name} | {len(values)} | {' / '.join(f'{v:.3f}' for v in np.percentile(values, [5, 50, 95]))} |")
    print(f"\n| feedback threshold (and cosine >= {feedback.NEAR_AT}) | "
          + " | ".join(f"{name} routed" for name in groups) + " |")  # fmt: skip
    print("|---|" + "---|" * len(groups))
    for at in READ_GRID:
        mark = " (chosen)" if at == feedback.READ_AT else ""
        cells = []
        for name in groups:
            hit = (read[name] >= at) & (near[name] >= feedback.NEAR_AT)
            cells.append(f"{hit.sum()}/{len(hit)} = {hit.mean():.3f}")
        print(f"| {at}{mark} | " + " | ".join(cells) + " |")
    chosen = (read["feedback"] >= feedback.READ_AT) & (near["feedback"] >= feedback.NEAR_AT)
    missed = [text for text, hit in zip(groups["feedback"], chosen, strict=True) if not hit]
    print("self-written feedback not routed at the chosen thresholds: " + "; ".join(missed))


def default_cases(embedder: Any, records: list[dict[str, Any]]) -> None:
    """The default taxonomy with the route forced on, at each threshold, against the route off."""
    taxonomy = default_taxonomy()
    off = IntentClassifier(taxonomy, embedder, feedback=False)
    on = IntentClassifier(taxonomy, embedder, feedback=True)
    conversations = [Conversation.model_validate(r) for r in records]
    gold = [r["intent"] for r in records]

    def accuracy(classifier: IntentClassifier) -> float:
        answers = [classifier.predict_conversation(c).intent for c in conversations]
        return float(np.mean([a == g for a, g in zip(answers, gold, strict=True)]))

    base = accuracy(off)
    print(f"\n| default taxonomy, {len(records)} multilingual cases | route off | route on (target "
          f"{on.labels[on.feedback.target] if on.feedback else 'none'}) |")  # fmt: skip
    print("|---|---|---|")
    chosen = feedback.READ_AT
    for at in READ_GRID:
        feedback.READ_AT = at
        mark = " (chosen)" if at == chosen else ""
        print(f"| feedback threshold {at}{mark} | {base:.3f} | {accuracy(on):.3f} |")
    feedback.READ_AT = chosen


def run(args: argparse.Namespace, embedder: Any, records: list[dict[str, Any]]) -> None:
    descriptions(args, embedder)
    reader(embedder)
    default_cases(embedder, records)
