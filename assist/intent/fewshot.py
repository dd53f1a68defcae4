"""The few-shot intent model: learns a shop's taxonomy from a few examples per intent, in seconds.

Three views of a message, blended with weights chosen by cross-validation on the examples:
- logistic regression on the frozen multilingual sentence embeddings, centred on the examples' mean
  (centring removes the direction every message shares, so close intents separate better);
- logistic regression on character n-grams (TF-IDF), which keeps typos and product words;
- the nearest examples of each intent (mean cosine of the ``KNN_K`` closest).

Calibration uses only the shop's examples. A stratified cross-validation over them gives held-out
probabilities, from which a temperature is fitted, so the confidence means what it says.

Out of scope: a message's in-scope score is its cosine to the nearest example (any intent) plus a share
of its top intent's calibrated probability. The cut is ``CUT_FACTOR`` times the score that
``1 - IN_SCOPE_RECALL`` of the examples fall under when each is scored against the others (leave-one-out),
so a taxonomy with tight examples gets a high cut and a loose, multilingual one a lower cut.
``in_scope`` maps the score to a probability that is 0.5 at the cut; its slope is fitted on the same
leave-one-out scores against each example's nearest example of another intent (a stand-in for a message
of an intent the taxonomy lacks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

DEFAULT_WEIGHTS = (0.6, 0.3, 0.1)  # embedding LR, character n-gram LR, nearest examples
KNN_K = 3
KNN_SHARPNESS = 20.0
FOLDS = 3
IN_SCOPE_RECALL = 0.95
CUT_FACTOR = 0.9  # chosen on the Bitext and default rows of `bench/intent.py --oos`; checked on Banking77
CONFIDENCE_WEIGHT = 0.3  # share of the top intent's probability in the in-scope score (same choice)
UNSURE_BELOW = 0.5  # calibrated top probability under which an in-scope answer is marked unsure


@dataclass
class ScopeCut:
    cut: float  # on the in-scope score; the in-scope probability is 0.5 there
    slope: float

    def probability(self, scores: np.ndarray) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-self.slope * (scores - self.cut))))


@dataclass
class FewShotModel:
    labels: list[str]
    center: np.ndarray
    examples: np.ndarray  # centred, normalised example vectors
    raw_examples: np.ndarray  # the example vectors as the embedder gave them
    example_labels: np.ndarray  # index into labels
    embedding_lr: Any
    char_vectorizer: Any
    char_lr: Any
    weights: tuple[float, float, float] = DEFAULT_WEIGHTS
    temperature: float = 1.0
    scope: ScopeCut | None = None

    def probabilities(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """Calibrated probabilities, one row per text, columns in ``labels`` order."""
        raw = _mix(_views(self, texts, vectors), self.weights)
        return _temper(raw, self.temperature)

    def scope_scores(self, vectors: np.ndarray, top: np.ndarray) -> np.ndarray:
        """Cosine to the nearest example plus ``CONFIDENCE_WEIGHT`` times the calibrated probability of
        the top intent (``top``); higher: more in scope."""
        return np.asarray((vectors @ self.raw_examples.T).max(axis=1) + CONFIDENCE_WEIGHT * top)

    def in_scope(self, vectors: np.ndarray, top: np.ndarray) -> np.ndarray:
        """Probability that each message belongs to one of the taxonomy's intents."""
        assert self.scope is not None
        return self.scope.probability(self.scope_scores(vectors, top))


def _centred(vectors: np.ndarray, center: np.ndarray) -> np.ndarray:
    out = vectors - center
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def _temper(probs: np.ndarray, temperature: float) -> np.ndarray:
    logits = np.log(np.clip(probs, 1e-12, 1.0)) / temperature
    logits -= logits.max(axis=1, keepdims=True)
    out = np.exp(logits)
    return np.asarray(out / out.sum(axis=1, keepdims=True))


def _knn(model: FewShotModel, centred: np.ndarray) -> np.ndarray:
    sims = centred @ model.examples.T
    scores = np.full((len(centred), len(model.labels)), -1.0)
    for j in range(len(model.labels)):
        own = sims[:, model.example_labels == j]
        k = min(KNN_K, own.shape[1])
        scores[:, j] = np.sort(own, axis=1)[:, -k:].mean(axis=1)
    logits = KNN_SHARPNESS * (scores - scores.max(axis=1, keepdims=True))
    out = np.exp(logits)
    return np.asarray(out / out.sum(axis=1, keepdims=True))


def _views(model: FewShotModel, texts: list[str], vectors: np.ndarray) -> np.ndarray:
    """The three views' probabilities, stacked: (3, texts, intents)."""
    centred = _centred(vectors, model.center)
    p_embedding = model.embedding_lr.predict_proba(centred)
    p_chars = model.char_lr.predict_proba(model.char_vectorizer.transform(texts))
    return np.stack([p_embedding, p_chars, _knn(model, centred)])


def _mix(views: np.ndarray, weights: tuple[float, float, float]) -> np.ndarray:
    return np.asarray(np.tensordot(np.asarray(weights), views, axes=1))


def _fit_once(texts: list[str], y: np.ndarray, vectors: np.ndarray, labels: list[str]) -> FewShotModel:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    center = vectors.mean(axis=0)
    centred = _centred(vectors, center)
    embedding_lr = LogisticRegression(C=20.0, max_iter=2000).fit(centred, y)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True)
    char_lr = LogisticRegression(C=20.0, max_iter=3000, solver="saga", tol=1e-3, random_state=0)
    char_lr.fit(vectorizer.fit_transform(texts), y)
    return FewShotModel(labels, center, centred, vectors, y, embedding_lr, vectorizer, char_lr)


def fit(texts: list[str], labels: list[str], vectors: np.ndarray) -> FewShotModel:
    """Train on ``texts`` (with their sentence ``vectors``) labelled ``labels``; calibrate on them."""
    names = sorted(set(labels))
    y = np.array([names.index(label) for label in labels])
    model = _fit_once(texts, y, vectors, names)
    views = _cross_validate(texts, y, vectors, names)
    top = np.ones(len(y))
    if views is not None:
        model.weights = _fit_weights(views, y)
        model.temperature = _fit_temperature(_mix(views, model.weights), y)
        top = _temper(_mix(views, model.weights), model.temperature).max(axis=1)
    model.scope = _fit_scope(vectors, y, top)
    return model


def _cross_validate(texts: list[str], y: np.ndarray, vectors: np.ndarray, names: list[str]) -> np.ndarray | None:
    """Held-out probabilities of every example from each view, (3, examples, intents); None when an
    intent has too few examples to hold one out."""
    from sklearn.model_selection import StratifiedKFold

    folds = min(FOLDS, int(np.bincount(y).min()))
    if folds < 2:
        return None
    views = np.zeros((3, len(y), len(names)))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(vectors, y):
        part = _fit_once([texts[i] for i in train], y[train], vectors[train], names)
        views[:, test] = _views(part, [texts[i] for i in test], vectors[test])
    return views


def _fit_weights(views: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """The blend with the best held-out accuracy (ties: lower log loss), on a 0.1 grid."""
    best, best_key = DEFAULT_WEIGHTS, (-1.0, 0.0)
    for a in range(11):
        for b in range(11 - a):
            weights = (a / 10, b / 10, (10 - a - b) / 10)
            mixed = _mix(views, weights)
            accuracy = float((mixed.argmax(axis=1) == y).mean())
            loss = float(-np.log(mixed[np.arange(len(y)), y] + 1e-9).mean())
            if (accuracy, -loss) > best_key:
                best, best_key = weights, (accuracy, -loss)
    return best


def _fit_temperature(probs: np.ndarray, y: np.ndarray) -> float:
    grid = np.exp(np.linspace(np.log(0.2), np.log(5.0), 41))
    losses = [-np.log(_temper(probs, t)[np.arange(len(y)), y] + 1e-12).mean() for t in grid]
    return float(grid[int(np.argmin(losses))])


def _fit_scope(vectors: np.ndarray, y: np.ndarray, top: np.ndarray) -> ScopeCut:
    """The cut from leave-one-out scores (``top``: each example's held-out top probability); the slope
    from those against each example's nearest rival."""
    from sklearn.linear_model import LogisticRegression

    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -1.0)
    same = y[:, None] == y[None, :]
    own = np.where(same, sims, -1.0).max(axis=1) + CONFIDENCE_WEIGHT * top
    rival = np.where(same, -1.0, sims).max(axis=1) + CONFIDENCE_WEIGHT * top
    cut = CUT_FACTOR * float(np.quantile(sims.max(axis=1) + CONFIDENCE_WEIGHT * top, 1 - IN_SCOPE_RECALL))
    lr = LogisticRegression(C=100.0).fit(np.r_[own, rival][:, None], np.r_[np.ones(len(y)), np.zeros(len(y))])
    return ScopeCut(cut=cut, slope=max(float(lr.coef_[0][0]), 1.0))
