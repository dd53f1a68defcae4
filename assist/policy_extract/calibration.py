"""A second encoder's scores on the first encoder's scale, derived from the training data, not hand-set.

The extractor's floors (a topic read at 0.4, a rule a fact at 0.7, a duration's slot at 0.8, a topic exemplar that
agrees at cosine 0.45...) were chosen on readings of the first encoder (USE). The second (multilingual-e5-small)
spreads its scores differently: every cosine sits near 0.8, and its heads are surer or less sure than USE's on the
same text. Rather than a second set of floors, its scores are mapped onto the first's scale by quantile matching on
the same training texts: a reading as sure as the top x % of the second's readings counts like the top x % of the
first's, and the first's floors then apply unchanged.

- :func:`probability_scales` — per reader head: the top probability of each training text, read by heads trained on
  texts in other languages (in-sample readings are all near 1), under both encoders.
- :func:`similarity_scale` — the topic exemplars' similarity to each topic's other exemplars under both encoders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assist.model_cache import content_key, load_model, save_model
from assist.policy_extract.coverage import detected_language

FOLDS = 5
SEED = 13
_QUANTILES = np.linspace(0.0, 1.0, 101)


@dataclass
class Scale:
    """A monotone map of one encoder's scores onto another's (piecewise linear between matched quantiles)."""

    source: np.ndarray
    target: np.ndarray

    def __call__(self, score: float) -> float:
        return float(np.interp(score, self.source, self.target))

    def many(self, scores: np.ndarray) -> np.ndarray:
        return np.interp(scores, self.source, self.target)


def matched(scores: np.ndarray, reference: np.ndarray, low: float, high: float) -> Scale:
    """The quantile map of ``scores`` onto ``reference`` (both samples of the same texts), pinned at the ends of the
    score range [``low``, ``high``]."""
    source = np.quantile(np.asarray(scores, dtype=np.float64), _QUANTILES)
    target = np.quantile(np.asarray(reference, dtype=np.float64), _QUANTILES)
    source = np.concatenate(([low], source, [high]))
    target = np.concatenate(([low], target, [high]))
    keep = np.concatenate(([True], np.diff(source) > 1e-9))  # np.interp needs rising points: ties keep the first
    return Scale(source[keep], np.maximum.accumulate(target[keep]))


def cross_validated_top(pairs: list[tuple[str, str]], vectors: np.ndarray) -> np.ndarray:
    """Each text's top probability, read by a head trained on texts in other languages only: the frames are written
    in a dozen languages, and the second encoder reads policies in languages none of them is written in (folds group
    the languages the offline detector reads in the texts)."""
    from sklearn.model_selection import GroupKFold, KFold, cross_val_predict

    from assist.policy_extract.reader import centre_of, classifier, prepared

    labels = sorted({label for _, label in pairs})
    y = np.array([labels.index(label) for _, label in pairs])
    groups = [detected_language(text) for text, _ in pairs]
    splits = min(FOLDS, len(set(groups)))
    folds = GroupKFold(n_splits=splits) if splits > 1 else KFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    features = prepared(vectors, centre_of(vectors))  # as the head reads them
    probabilities = cross_val_predict(classifier(), features, y, groups=groups, cv=folds, method="predict_proba")
    return np.asarray(probabilities.max(axis=1))


def probability_scales(
    pairs: dict[str, list[tuple[str, str]]], embedder: Any, reference: Any, cache_dir: Path | None, heads_key: str
) -> dict[str, Scale]:
    """Per head: ``embedder``'s probabilities on ``reference``'s scale (kept under ``<cache_dir>/policy_reader/``,
    keyed by both encoders' names, the key of the heads as trained (``heads_key``: the reader's code and training
    texts), the training texts and this module's code)."""
    from assist.policy_extract.reader import encoder_name

    name = f"{encoder_name(embedder)} ({heads_key}) on the scale of {encoder_name(reference)}"
    key = content_key(name, pairs, __file__)
    found: dict[str, Scale] | None = load_model(cache_dir, "policy_reader", key, "probability scale")
    if found is not None:
        return found
    scales = {}
    for head, examples in pairs.items():
        texts = [text for text, _ in examples]
        own = cross_validated_top(examples, np.asarray(embedder.embed(texts)))
        theirs = cross_validated_top(examples, np.asarray(reference.embed(texts)))
        scales[head] = matched(own, theirs, 0.0, 1.0)
    save_model(cache_dir, "policy_reader", key, scales)
    return scales


def nearest_other(vectors: np.ndarray, owners: np.ndarray) -> np.ndarray:
    """Each exemplar's similarity to the nearest other exemplar of every topic (itself left out)."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    return np.array([[sims[i, owners == t].max() for t in dict.fromkeys(owners)] for i in range(len(vectors))])


def similarity_scale(texts: list[str], owners: list[str], embedder: Any, reference: Any) -> Scale:
    """``embedder``'s cosine similarities mapped onto ``reference``'s, matched on the topic exemplars ``texts``."""
    kinds = np.array(owners)
    own = nearest_other(np.asarray(embedder.embed(texts)), kinds).ravel()
    theirs = nearest_other(np.asarray(reference.embed(texts)), kinds).ravel()
    own, theirs = own[np.isfinite(own)], theirs[np.isfinite(theirs)]
    return matched(own, theirs, -1.0, 1.0)
