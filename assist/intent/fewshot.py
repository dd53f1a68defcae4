"""The few-shot intent model: learns a shop's taxonomy from a few examples per intent, in seconds.

Three views of a message, blended with weights chosen by cross-validation on the examples:
- logistic regression on the frozen multilingual sentence embeddings, centred on the examples' mean
  (centring removes the direction every message shares, so close intents separate better);
- logistic regression on character n-grams (TF-IDF), which keeps typos and product words;
- the nearest examples of each intent (mean cosine of the ``KNN_K`` closest).
With a second, English encoder's vectors (``english.py``), a fourth view: logistic regression on those,
centred likewise. Its blend has its own weights and temperature; a message gets it in proportion to its
``english`` share (the probability that it is English) and the three multilingual views for the rest.

Calibration uses only the shop's examples. A stratified cross-validation over them gives held-out
probabilities, from which a temperature is fitted, so the confidence means what it says.

Out of scope: a message's in-scope score is its cosine to the nearest example (any intent) plus a share
of its top intent's calibrated probability. The cut is ``CUT_FACTOR`` times the score that
``1 - IN_SCOPE_RECALL`` of the examples fall under when each is scored against the others (leave-one-out),
so a taxonomy with tight examples gets a high cut and a loose, multilingual one a lower cut.
``in_scope`` maps the score to a probability that is 0.5 at the cut; its slope is fitted on the same
leave-one-out scores against each example's nearest example of another intent (a stand-in for a message
of an intent the taxonomy lacks).

The shop's own words for each intent (its name and description, ``DescriptionView``) are prototypes of
their own: a message the examples do not cover (below the scope cut) is decided by them, the more the
further below. A shop's examples are often all alike ("I want to leave a review") while buyers say the same
thing another way ("worst product ever"); the description says what the intent is about. The view's
sharpness is fitted on the examples, as the temperature is; ``predict`` applies it.
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
DESCRIPTION_WEIGHT = 1.0  # share of the description view at in-scope probability 0 (none from the cut up)


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
    weights: tuple[float, ...] = DEFAULT_WEIGHTS
    temperature: float = 1.0
    scope: ScopeCut | None = None
    english: EnglishView | None = None
    descriptions: DescriptionView | None = None

    def probabilities(
        self, texts: list[str], vectors: np.ndarray, english: np.ndarray | None = None, share: np.ndarray | None = None
    ) -> np.ndarray:
        """Calibrated probabilities, one row per text, columns in ``labels`` order. ``english``: the texts'
        English-encoder vectors; ``share``: how much each text gets the English blend (0 to 1)."""
        views = _views(self, texts, vectors)
        out = _temper(_mix(views, self.weights), self.temperature)
        if self.english is None or english is None or share is None or not share.any():
            return out
        views = np.concatenate([views, self.english.probabilities(english)[None]])
        with_english = _temper(_mix(views, self.english.weights), self.english.temperature)
        return np.asarray(share[:, None] * with_english + (1.0 - share[:, None]) * out)

    def scope_scores(
        self, vectors: np.ndarray, top: np.ndarray, english: np.ndarray | None = None, share: np.ndarray | None = None
    ) -> np.ndarray:
        """Cosine to the nearest example plus ``CONFIDENCE_WEIGHT`` times the calibrated probability of
        the top intent (``top``); higher: more in scope. With the English view, an English message's cosine
        is the mean of both encoders' (in proportion to its ``share``)."""
        cosine = (vectors @ self.raw_examples.T).max(axis=1)
        if self.english is not None and english is not None and share is not None:
            english_cosine = (english @ self.english.raw_examples.T).max(axis=1)
            cosine = cosine + share * (english_cosine - cosine) / 2
        return np.asarray(cosine + CONFIDENCE_WEIGHT * top)

    def in_scope(
        self, vectors: np.ndarray, top: np.ndarray, english: np.ndarray | None = None, share: np.ndarray | None = None
    ) -> np.ndarray:
        """Probability that each message belongs to one of the taxonomy's intents."""
        assert self.scope is not None
        return self.scope.probability(self.scope_scores(vectors, top, english, share))

    def predict(
        self, texts: list[str], vectors: np.ndarray, english: np.ndarray | None = None, share: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities (as ``probabilities``; a message below the scope cut is moved towards the
        description view, all the way at in-scope probability 0) and the in-scope probability (from the
        examples alone)."""
        probs = self.probabilities(texts, vectors, english, share)
        in_scope = self.in_scope(vectors, probs.max(axis=1), english, share)
        if self.descriptions is None:
            return probs, in_scope
        gate = (DESCRIPTION_WEIGHT * np.clip(1.0 - 2.0 * in_scope, 0.0, 1.0))[:, None]
        described = self.descriptions.probabilities(vectors, english, share)
        return np.asarray((1.0 - gate) * probs + gate * described), in_scope


@dataclass
class DescriptionView:
    """Each intent's name (in words) and description, embedded and centred like the examples: a message's
    score for an intent is its mean cosine to the two, sharpened by ``sharpness`` (fitted on the examples).
    With the English encoder's vectors, an English message gets that encoder's view (by its share), with its
    own sharpness; other messages get the multilingual one alone."""

    center: np.ndarray
    prototypes: np.ndarray  # (2, intents, dim): names, descriptions; centred, normalised
    sharpness: float = 20.0
    english_center: np.ndarray | None = None
    english_prototypes: np.ndarray | None = None
    english_sharpness: float = 20.0

    def probabilities(
        self, vectors: np.ndarray, english: np.ndarray | None = None, share: np.ndarray | None = None
    ) -> np.ndarray:
        out = _softmax(self.sharpness * _cosines(vectors, self.center, self.prototypes))
        if self.english_prototypes is None or self.english_center is None or english is None or share is None:
            return out
        english_out = _softmax(self.english_sharpness * _cosines(english, self.english_center, self.english_prototypes))
        return np.asarray(share[:, None] * english_out + (1.0 - share[:, None]) * out)


def _cosines(vectors: np.ndarray, center: np.ndarray, prototypes: np.ndarray) -> np.ndarray:
    return np.asarray((_centred(vectors, center) @ prototypes.transpose(0, 2, 1)).mean(axis=0))


def _fit_sharpness(cosines: np.ndarray, y: np.ndarray) -> float:
    """The sharpness under which the cosines best predict the examples' own intents (log loss)."""
    grid = np.exp(np.linspace(np.log(2.0), np.log(100.0), 40))
    losses = [-np.log(_softmax(s * cosines)[np.arange(len(y)), y] + 1e-12).mean() for s in grid]
    return float(grid[int(np.argmin(losses))])


def describe(
    model: FewShotModel,
    vectors: np.ndarray,
    example_vectors: np.ndarray,
    english: np.ndarray | None = None,
    example_english: np.ndarray | None = None,
) -> None:
    """Give ``model`` its description view. ``vectors``: (2 * intents, dim), the intents' names in words
    then their descriptions, in ``model.labels`` order; ``english`` likewise from the English encoder.
    ``example_vectors``/``example_english``: the training examples', to centre on and to fit the sharpness."""
    n, y = len(model.labels), model.example_labels[: len(example_vectors)]  # copies come after the examples
    center = example_vectors.mean(axis=0)
    view = DescriptionView(center, _centred(vectors, center).reshape(2, n, -1))
    view.sharpness = _fit_sharpness(_cosines(example_vectors, center, view.prototypes), y)
    if english is not None and example_english is not None:
        view.english_center = example_english.mean(axis=0)
        view.english_prototypes = _centred(english, view.english_center).reshape(2, n, -1)
        cosines = _cosines(example_english, view.english_center, view.english_prototypes)
        view.english_sharpness = _fit_sharpness(cosines, y)
    model.descriptions = view


def _softmax(logits: np.ndarray) -> np.ndarray:
    out = np.exp(logits - logits.max(axis=1, keepdims=True))
    return np.asarray(out / out.sum(axis=1, keepdims=True))


@dataclass
class EnglishView:
    center: np.ndarray
    raw_examples: np.ndarray  # the examples' English vectors as the encoder gave them
    lr: Any
    # the three views above, then this one; without cross-validation: half the default blend, half this view
    weights: tuple[float, ...] = (0.3, 0.15, 0.05, 0.5)
    temperature: float = 1.0

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return np.asarray(self.lr.predict_proba(_centred(vectors, self.center)))


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


def _mix(views: np.ndarray, weights: tuple[float, ...]) -> np.ndarray:
    return np.asarray(np.tensordot(np.asarray(weights), views, axes=1))


def _fit_once(
    texts: list[str], y: np.ndarray, vectors: np.ndarray, labels: list[str], english: np.ndarray | None = None
) -> FewShotModel:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    center = vectors.mean(axis=0)
    centred = _centred(vectors, center)
    embedding_lr = LogisticRegression(C=20.0, max_iter=2000).fit(centred, y)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True)
    char_lr = LogisticRegression(C=20.0, max_iter=3000, solver="saga", tol=1e-2, random_state=0)
    char_lr.fit(vectorizer.fit_transform(texts), y)
    model = FewShotModel(labels, center, centred, vectors, y, embedding_lr, vectorizer, char_lr)
    if english is not None:
        english_center = english.mean(axis=0)
        english_lr = LogisticRegression(C=20.0, max_iter=2000).fit(_centred(english, english_center), y)
        model.english = EnglishView(english_center, english, english_lr)
    return model


@dataclass
class Copies:
    """Extra training texts made from the examples (``augment.noisy_copies``): each copy learns its source
    example's intent and joins training wherever its source does (never calibration: its source may be the
    held-out one)."""

    texts: list[str]
    source: np.ndarray  # index of each copy's example
    vectors: np.ndarray
    english: np.ndarray | None = None


def fit(
    texts: list[str],
    labels: list[str],
    vectors: np.ndarray,
    english: np.ndarray | None = None,
    share: np.ndarray | None = None,
    *,
    copies: Copies | None = None,
) -> FewShotModel:
    """Train on ``texts`` (with their sentence ``vectors``, and optionally their ``english`` encoder's
    vectors and English ``share``) labelled ``labels``, plus any ``copies``; calibrate on the texts alone."""
    names = sorted(set(labels))
    y = np.array([names.index(label) for label in labels])
    if english is None or share is None:
        english, share = None, np.zeros(len(y))
    all_texts, all_y, all_vectors, all_english = _training_part(np.arange(len(y)), texts, y, vectors, english, copies)
    model = _fit_once(all_texts, all_y, all_vectors, names, all_english)
    model.raw_examples = vectors  # nearness (out of scope) is to the examples themselves
    if model.english is not None and english is not None:
        model.english.raw_examples = english
    views = _cross_validate(texts, y, vectors, names, english, copies)
    top = np.ones(len(y))
    if views is not None:
        model.weights = _fit_weights(views[:3], y)
        model.temperature = _fit_temperature(_mix(views[:3], model.weights), y)
        held_out = _temper(_mix(views[:3], model.weights), model.temperature)
        if model.english is not None:
            model.english.weights = _fit_weights(views, y)
            model.english.temperature = _fit_temperature(_mix(views, model.english.weights), y)
            with_english = _temper(_mix(views, model.english.weights), model.english.temperature)
            held_out = share[:, None] * with_english + (1.0 - share[:, None]) * held_out
        top = held_out.max(axis=1)
    sims = vectors @ vectors.T
    if english is not None:
        sims = sims + share[:, None] * (english @ english.T - sims) / 2
    model.scope = _fit_scope(sims, y, top)
    return model


def _training_part(
    rows: np.ndarray,
    texts: list[str],
    y: np.ndarray,
    vectors: np.ndarray,
    english: np.ndarray | None,
    copies: Copies | None,
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray | None]:
    """The examples at ``rows``, then the copies of those examples (texts, labels, vectors, English)."""
    part_texts, part_y = [texts[i] for i in rows], y[rows]
    part_vectors, part_english = vectors[rows], None if english is None else english[rows]
    if copies is None or not len(copies.source):
        return part_texts, part_y, part_vectors, part_english
    chosen = np.flatnonzero(np.isin(copies.source, rows))
    part_texts += [copies.texts[i] for i in chosen]
    part_y = np.r_[part_y, y[copies.source[chosen]]]
    part_vectors = np.vstack([part_vectors, copies.vectors[chosen]])
    if part_english is not None and copies.english is not None:
        part_english = np.vstack([part_english, copies.english[chosen]])
    return part_texts, part_y, part_vectors, part_english


def _cross_validate(
    texts: list[str],
    y: np.ndarray,
    vectors: np.ndarray,
    names: list[str],
    english: np.ndarray | None = None,
    copies: Copies | None = None,
) -> np.ndarray | None:
    """Held-out probabilities of every example from each view, (3 or 4, examples, intents); None when an
    intent has too few examples to hold one out."""
    from sklearn.model_selection import StratifiedKFold

    folds = min(FOLDS, int(np.bincount(y).min()))
    if folds < 2:
        return None
    views = np.zeros((3 if english is None else 4, len(y), len(names)))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=0).split(vectors, y):
        part_texts, part_y, part_vectors, part_english = _training_part(train, texts, y, vectors, english, copies)
        part = _fit_once(part_texts, part_y, part_vectors, names, part_english)
        views[:3, test] = _views(part, [texts[i] for i in test], vectors[test])
        if english is not None and part.english is not None:
            views[3, test] = part.english.probabilities(english[test])
    return views


def _grid(views: int, steps: int = 10) -> list[tuple[float, ...]]:
    """Every blend of ``views`` weights on a 1/``steps`` grid that sums to 1 (first weight slowest)."""
    out: list[tuple[float, ...]] = []

    def extend(prefix: tuple[int, ...], left: int) -> None:
        if len(prefix) == views - 1:
            out.append(tuple(x / steps for x in (*prefix, left)))
            return
        for a in range(left + 1):
            extend((*prefix, a), left - a)

    extend((), steps)
    return out


def _fit_weights(views: np.ndarray, y: np.ndarray) -> tuple[float, ...]:
    """The blend with the best held-out accuracy (ties: lower log loss), on a 0.1 grid."""
    best: tuple[float, ...] = DEFAULT_WEIGHTS + (0.0,) * (len(views) - 3)
    best_key = (-1.0, 0.0)
    for weights in _grid(len(views)):
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


def _fit_scope(sims: np.ndarray, y: np.ndarray, top: np.ndarray) -> ScopeCut:
    """The cut from leave-one-out scores (``sims``: the examples' cosines to each other, as in
    ``scope_scores``; ``top``: each example's held-out top probability); the slope from those against each
    example's nearest rival."""
    from sklearn.linear_model import LogisticRegression

    sims = sims.copy()
    np.fill_diagonal(sims, -1.0)
    same = y[:, None] == y[None, :]
    own = np.where(same, sims, -1.0).max(axis=1) + CONFIDENCE_WEIGHT * top
    rival = np.where(same, -1.0, sims).max(axis=1) + CONFIDENCE_WEIGHT * top
    cut = CUT_FACTOR * float(np.quantile(sims.max(axis=1) + CONFIDENCE_WEIGHT * top, 1 - IN_SCOPE_RECALL))
    lr = LogisticRegression(C=100.0).fit(np.r_[own, rival][:, None], np.r_[np.ones(len(y)), np.zeros(len(y))])
    return ScopeCut(cut=cut, slope=max(float(lr.coef_[0][0]), 1.0))
