"""Train and measure the tone model (``python -m assist.quality.tone_training [--data DIR] [--save]``).

Training data (all permissively licensed): Stanford politeness Stack Exchange requests (CC BY-SA),
80% of TyDiP English (CC BY 4.0, split by a stable hash of the sentence), and our own multilingual
customer-service examples (``resources/tone_examples.jsonl``). Held back, never trained on:
the Stanford politeness Wikipedia requests (another community) and the other 20% of TyDiP.
As in the Stanford politeness paper, the top and bottom quartile of the human scores are the
polite and impolite classes; the middle half is ambiguous and left out.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assist.config import SHARED_DATA_DIR, get_settings
from assist.quality.tone import MODEL_PATH, RESOURCES, ToneModel

# ../shared/data/quality next to the checkout; ASSIST_SHARED_DATA_DIR or --data point elsewhere.
DEFAULT_DATA = SHARED_DATA_DIR / "quality"


@dataclass
class Split:
    texts: list[str]
    rude: np.ndarray  # 1 = impolite/rude

    def __len__(self) -> int:
        return len(self.texts)


def _quartiles(rows: list[tuple[str, float]]) -> Split:
    scores = np.array([s for _, s in rows])
    low, high = np.quantile(scores, [0.25, 0.75])
    kept = [(t, 1 if s <= low else 0) for t, s in rows if s <= low or s >= high]
    return Split([t for t, _ in kept], np.array([y for _, y in kept]))


def _stanford(path: Path) -> list[tuple[str, float]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [(r["Request"], float(r["Normalized Score"])) for r in csv.DictReader(fh)]


def _tydip(path: Path, part: str) -> list[tuple[str, float]]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = [(r["sentence"], float(r["score"])) for r in csv.DictReader(fh)]
    held = [hashlib.sha1(t.encode()).digest()[0] < 52 for t, _ in rows]  # ~20% held back
    return [row for row, h in zip(rows, held, strict=True) if h == (part == "test")]


def own_examples() -> Split:
    rows = [json.loads(line) for line in (RESOURCES / "tone_examples.jsonl").read_text().splitlines() if line]
    return Split([r["text"] for r in rows], np.array([r["rude"] for r in rows]))


def load_splits(data_dir: Path = DEFAULT_DATA) -> dict[str, Split]:
    if not (data_dir / "stanford_politeness").is_dir() or not (data_dir / "tydip_en_train.csv").is_file():
        raise FileNotFoundError(
            f"the politeness data is not under {data_dir} (stanford_politeness/, tydip_en_train.csv): "
            "pass --data DIR or set ASSIST_SHARED_DATA_DIR (default ../shared/data next to the repository)"
        )
    polite = data_dir / "stanford_politeness"
    return {
        "train_stackexchange": _quartiles(_stanford(polite / "stack-exchange.annotated.csv")),
        "train_tydip": _quartiles(_tydip(data_dir / "tydip_en_train.csv", "train")),
        "own_examples": own_examples(),
        "heldout_wikipedia": _quartiles(_stanford(polite / "wikipedia.annotated.csv")),
        "heldout_tydip": _quartiles(_tydip(data_dir / "tydip_en_train.csv", "test")),
    }


def embed_cached(embedder, texts: list[str], cache_dir: Path | None) -> np.ndarray:  # type: ignore[no-untyped-def]
    key = hashlib.sha256((embedder.name + "\x00".join(texts)).encode()).hexdigest()[:16]
    path = cache_dir / f"{key}.npy" if cache_dir else None
    if path and path.exists():
        return np.load(path)
    vectors = embedder.embed(texts)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def train(
    splits: dict[str, Split],
    embedder,
    cache_dir: Path | None = None,  # type: ignore[no-untyped-def]
    own_weight: float = 5.0,
) -> tuple[ToneModel, dict[str, float]]:
    """Fit on the train splits and own examples; return the model and accuracy on every split."""
    from sklearn.linear_model import LogisticRegression

    vec = {name: embed_cached(embedder, s.texts, cache_dir) for name, s in splits.items()}
    train_names = ["train_stackexchange", "train_tydip", "own_examples"]
    x = np.vstack([vec[n] for n in train_names])
    y = np.concatenate([splits[n].rude for n in train_names])
    weights = np.concatenate([np.full(len(splits[n]), own_weight if n == "own_examples" else 1.0) for n in train_names])
    clf = LogisticRegression(C=1.0, max_iter=2000)
    clf.fit(x, y, sample_weight=weights)
    model = ToneModel(clf.coef_[0].astype(np.float32), float(clf.intercept_[0]), embedder.name)
    scores = {
        name: float(((model.rude_probability(vec[name]) >= 0.5) == split.rude).mean()) for name, split in splits.items()
    }
    model.meta = {
        "trained_on": {n: len(splits[n]) for n in train_names},
        "accuracy": scores,
        "licences": "stanford_politeness CC BY-SA 3.0 text / Apache-2.0 code; TyDiP CC BY 4.0; own",
    }
    return model, scores


def main() -> None:
    from retrievers.embeddings import UniversalSentenceEncoder

    settings = get_settings()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=settings.shared_data_dir / "quality")
    parser.add_argument("--cache", type=Path, default=settings.cache_dir / "tone-embeddings")
    parser.add_argument("--save", action="store_true", help=f"write the model to {MODEL_PATH}")
    args = parser.parse_args()
    splits = load_splits(args.data)
    model, scores = train(splits, UniversalSentenceEncoder(), args.cache)
    for name, acc in scores.items():
        print(f"{name:22s} n={len(splits[name]):5d} accuracy={acc:.3f}")  # noqa: T201
    if args.save:
        model.save(MODEL_PATH)
        print(f"saved {MODEL_PATH} ({MODEL_PATH.stat().st_size} bytes)")  # noqa: T201


if __name__ == "__main__":
    main()
