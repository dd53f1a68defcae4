"""Training the conversation-quality model (``assist qa train``) and measuring it against human raters.

Labels come from two places:

* a dialogue-quality file in the STC-3 shape (``[{id, turns: [{sender: customer|helpdesk, utterances}],
  annotations: [{quality: {A, S, E}}]}]``, gzip or plain JSON), each rating -2..2, averaged over raters.
  STC-3 itself is research-use data: it is read by path and never copied; the trained file stays in the
  data dir, not in the repository;
* a shop's reviewer overrides: every stored scorecard a reviewer corrected becomes one more label, the
  reviewer's effective total (0..100) mapped to -2..2 for all three ratings, weighted ``override_weight``.

A fixed part of the file is held out (``heldout(id)``: sha1 of the dialogue id, mod 5 == 0, i.e. ~20%):
the model never trains on it and the metrics stored in the file are measured on it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assist.errors import InvalidInput
from assist.models import Conversation, Scorecard
from assist.quality.overall import EMBEDDING_GROUPS, NAMED_FEATURES, TARGETS, QualityModel, featurize

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from retrievers.embeddings import Embedder

HELDOUT_RULE = "held out: dialogues whose sha1(id) mod 5 == 0 (fixed, ~20%)"
ALPHAS = (100.0, 300.0, 1000.0, 3000.0, 10000.0)


@dataclass
class Labelled:
    conversation: Conversation
    ratings: tuple[float, float, float]  # A, S, E on -2..2
    weight: float = 1.0
    source: str = "file"


def heldout(dialogue_id: str) -> bool:
    return int(hashlib.sha1(dialogue_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_ratings_file(path: Path) -> list[Labelled]:
    """Dialogues with human quality ratings (STC-3 shape; see the module docstring)."""
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file; pass the STC-3 English dev file (--data) or a file in its shape")
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"{path}: not readable JSON ({exc})") from exc
    if not isinstance(data, list):
        raise InvalidInput(f"{path}: expected a JSON list of dialogues")
    out = []
    for n, item in enumerate(data):
        try:
            messages = [
                {
                    "role": "customer" if turn["sender"] == "customer" else "agent",
                    "text": " ".join(turn["utterances"]).strip() or ".",
                }
                for turn in item["turns"]
            ]
            ratings = tuple(statistics.mean(float(a["quality"][t]) for a in item["annotations"]) for t in TARGETS)
            conversation = Conversation.model_validate(
                {"id": str(item["id"]), "customer": {"language": "en"}, "messages": messages}
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput(
                f"{path}: dialogue #{n} needs id, turns[{{sender, utterances}}] and annotations[{{quality: "
                f"{{A, S, E}}}}] ({type(exc).__name__}: {exc})"
            ) from exc
        out.append(Labelled(conversation, (ratings[0], ratings[1], ratings[2])))
    return out


def override_labels(session: Session, shop_id: int, weight: float = 3.0) -> list[Labelled]:
    """Each reviewed scorecard of the shop as a label: the reviewer's effective total mapped to -2..2."""
    from sqlalchemy import select

    from assist.store import reviews

    reviewed = select(reviews.OverrideRow.scorecard_id).where(reviews.OverrideRow.shop_id == shop_id)
    rows = session.scalars(select(reviews.ScorecardRow).where(reviews.ScorecardRow.id.in_(reviewed)))
    out = []
    for row in rows:
        view = reviews.review_view(session, row, with_conversation=True)
        rating = 4.0 * float(view["effective_total"]) / 100.0 - 2.0
        conversation = Conversation.model_validate(view["conversation"])
        out.append(Labelled(conversation, (rating, rating, rating), weight=weight, source="override"))
    return out


def rule_cards(conversations: list[Conversation]) -> list[Scorecard]:
    """The rule scorecards (lexicon tone engine: the model does not use tone, so any engine serves)."""
    from assist.language import FastTextDetector
    from assist.quality.scorecard import score_conversation
    from assist.quality.tone import ToneClassifier

    tone, detector = ToneClassifier(), FastTextDetector()
    return [score_conversation(c, tone=tone, language_detector=detector) for c in conversations]


def features_for(examples: list[Labelled], embedder: Embedder) -> np.ndarray:
    conversations = [e.conversation for e in examples]
    return featurize(conversations, list(rule_cards(conversations)), embedder)


def _calibration(raw_mean: np.ndarray, human_mean: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=-2.0, y_max=2.0, out_of_bounds="clip")
    iso.fit(raw_mean, human_mean, sample_weight=weights)
    return np.asarray(iso.X_thresholds_, dtype=np.float64), np.asarray(iso.y_thresholds_, dtype=np.float64)


def fit(
    features: np.ndarray, targets: np.ndarray, weights: np.ndarray, embedding_dim: int, seed: int
) -> tuple[QualityModel, float]:
    """Ridge heads (alpha by cross-validation on these rows only) + isotonic calibration on out-of-fold output."""
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import KFold

    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (features - mean) / scale
    folds = list(KFold(n_splits=5, shuffle=True, random_state=seed).split(z))
    best_alpha, best_err, best_oof = ALPHAS[0], float("inf"), np.zeros_like(targets)
    for alpha in ALPHAS:
        oof = np.zeros_like(targets)
        for train_idx, test_idx in folds:
            ridge = Ridge(alpha=alpha).fit(z[train_idx], targets[train_idx], sample_weight=weights[train_idx])
            oof[test_idx] = ridge.predict(z[test_idx])
        err = float(np.average(((oof - targets) ** 2).mean(axis=1), weights=weights))
        if err < best_err:
            best_alpha, best_err, best_oof = alpha, err, oof
    ridge = Ridge(alpha=best_alpha).fit(z, targets, sample_weight=weights)
    cx, cy = _calibration(best_oof.mean(axis=1), targets.mean(axis=1), weights)
    model = QualityModel(
        mean=mean,
        scale=scale,
        coef=np.asarray(ridge.coef_, dtype=np.float64),
        intercept=np.asarray(ridge.intercept_, dtype=np.float64),
        calibration_x=cx,
        calibration_y=cy,
        embedding_dim=embedding_dim,
    )
    return model, best_alpha


def spearman_table(model: QualityModel, features: np.ndarray, targets: np.ndarray) -> dict[str, float]:
    """Spearman of the model's heads and of its calibrated overall with each human rating."""
    from scipy.stats import spearmanr

    heads = model.raw(features)
    overall = model.calibrated(heads)
    out = {}
    for k, name in enumerate(TARGETS):
        out[f"spearman_{name}"] = round(float(spearmanr(heads[:, k], targets[:, k]).statistic), 4)
        out[f"overall_spearman_{name}"] = round(float(spearmanr(overall, targets[:, k]).statistic), 4)
    return out


def train(
    examples: list[Labelled],
    embedder: Embedder,
    *,
    seed: int = 13,
    data_sha256: str | None = None,
    progress: Any = None,
) -> QualityModel:
    """Train on the examples not held out (overrides always train) and measure on the held-out ones."""
    if progress:
        progress(f"featurising {len(examples)} conversations (embeddings + rule checks)")
    features = features_for(examples, embedder)
    targets = np.asarray([e.ratings for e in examples], dtype=np.float64)
    weights = np.asarray([e.weight for e in examples], dtype=np.float64)
    test = np.asarray([e.source == "file" and heldout(e.conversation.id or "") for e in examples])
    train_rows = ~test
    if train_rows.sum() < 10:
        raise InvalidInput(f"only {int(train_rows.sum())} training conversations; at least 10 are needed")
    dim = (features.shape[1] - len(NAMED_FEATURES)) // len(EMBEDDING_GROUPS)
    if progress:
        progress(f"fitting on {int(train_rows.sum())}, holding out {int(test.sum())}")
    model, alpha = fit(features[train_rows], targets[train_rows], weights[train_rows], dim, seed)
    metrics = spearman_table(model, features[test], targets[test]) if test.sum() >= 5 else {}
    model.info = {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "labels": int(train_rows.sum()),
        "override_labels": sum(1 for e in examples if e.source == "override"),
        "heldout": int(test.sum()),
        "heldout_rule": HELDOUT_RULE,
        "data_sha256": data_sha256,
        "seed": seed,
        "alpha": alpha,
        "embedder": getattr(embedder, "name", type(embedder).__name__),
        "metrics": metrics,
    }
    return model


def combined_sha256(parts: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
