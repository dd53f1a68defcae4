"""Reference-based text metrics: chrF and BLEU (sacrebleu, corpus-level from summed sentence
statistics, so memory stays flat) and ROUGE (rouge-score, with a tokenizer that keeps CJK text).
"""

from __future__ import annotations

import re
import threading
from functools import partial
from typing import Any

from evals.datasets import Case
from evals.scorers import MeanMetric, Score, ScoreContext, Scorer, first, lookup

_local = threading.local()


def _sacre(kind: str, tokenize: str) -> Any:
    key = f"{kind}:{tokenize}"
    cache = getattr(_local, "metrics", None)
    if cache is None:
        cache = _local.metrics = {}
    if key not in cache:
        import sacrebleu

        cache[key] = sacrebleu.CHRF() if kind == "chrf" else sacrebleu.BLEU(tokenize=tokenize, effective_order=True)
    return cache[key]


def bleu_tokenizer(language: str | None) -> str:
    lang = (language or "").split("-")[0].lower()
    return {"zh": "zh", "ja": "char", "ko": "char", "th": "char"}.get(lang, "13a")


class CorpusMetric:
    """Sums sacrebleu sentence statistics; the corpus score comes from the sums at the end."""

    def __init__(self, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        self.sums: list[float] | None = None

    def update(self, score: Score) -> None:
        stats = score.data.get("stats")
        if stats is None:
            return
        self.sums = list(stats) if self.sums is None else [a + b for a, b in zip(self.sums, stats, strict=True)]

    def results(self) -> dict[str, float | None]:
        if self.sums is None:
            return {self.name: None}
        metric = _sacre(self.kind, "13a")
        stats = [int(v) for v in self.sums] if self.kind == "bleu" else self.sums
        return {self.name: float(metric._compute_score_from_stats(stats).score)}

    def tables(self) -> dict[str, Any]:
        return {}


def _references(case: Case, output: Any, prior: dict[str, Any], reference: str) -> list[str]:
    refs = lookup(reference, case, output, prior)
    if len(refs) == 1 and isinstance(refs[0], list):
        refs = refs[0]
    return [str(r) for r in refs if r is not None and str(r).strip()]


def _sacre_scorer(kind: str, text: str, reference: str, target_language: str, case_min: float | None) -> Scorer:
    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        refs = _references(case, output, prior, reference)
        if not refs:
            return Score(None, None, f"no reference at {reference}")
        hyp = first(text, case, output, prior) or ""
        metric = _sacre(kind, bleu_tokenizer(first(target_language, case, output, prior)))
        stats = metric._extract_corpus_statistics([str(hyp)], [[r] for r in refs])[0]
        value = float(metric._compute_score_from_stats(stats).score)
        passed = None if case_min is None else value >= case_min
        return Score(value, passed, f"{kind} {value:.1f}", {"stats": [float(s) for s in stats]})

    return Scorer(
        kind,
        fn,
        [lambda: CorpusMetric(kind, kind), lambda: MeanMetric(f"{kind}_sentence_mean")],
        [kind, f"{kind}_sentence_mean"],
    )


def chrf(
    text: str = "text",
    reference: str = "case.reference",
    target_language: str = "case.target_language",
    case_min: float | None = None,
) -> Scorer:
    """Corpus chrF (sacrebleu defaults: character 6-grams, beta 2)."""
    return _sacre_scorer("chrf", text, reference, target_language, case_min)


def bleu(
    text: str = "text",
    reference: str = "case.reference",
    target_language: str = "case.target_language",
    case_min: float | None = None,
) -> Scorer:
    """Corpus BLEU; tokenizer 13a, or zh / char for Chinese, Japanese, Korean targets."""
    return _sacre_scorer("bleu", text, reference, target_language, case_min)


_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]|[^\W_]+", re.UNICODE)


class MultilingualTokenizer:
    """rouge-score's default tokenizer keeps only [a-z0-9]: every Chinese or Japanese summary would
    score 0. This one lowercases, keeps Unicode words, and makes each CJK character a token."""

    def tokenize(self, text: str) -> list[str]:
        return _TOKEN.findall(text.lower())


def rouge(
    types: list[str] | None = None,
    text: str = "summary",
    reference: str = "case.reference",
    case_min: float | None = None,
) -> Scorer:
    """ROUGE F-measure per type (best over several references); the case value is the last type."""
    from rouge_score import rouge_scorer

    kinds = types or ["rouge1", "rouge2", "rougeL"]
    scorer = rouge_scorer.RougeScorer(kinds, use_stemmer=False, tokenizer=MultilingualTokenizer())

    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        refs = _references(case, output, prior, reference)
        if not refs:
            return Score(None, None, f"no reference at {reference}")
        hyp = str(first(text, case, output, prior) or "")
        best = {k: max(scorer.score(r, hyp)[k].fmeasure for r in refs) for k in kinds}
        value = best[kinds[-1]]
        passed = None if case_min is None else value >= case_min
        return Score(value, passed, ", ".join(f"{k} {v:.3f}" for k, v in best.items()), best)

    return Scorer("rouge", fn, [partial(MeanMetric, k, key=k) for k in kinds], list(kinds))


def served(engine: str = "engine", text: str = "text") -> Scorer:
    """Share of cases an engine actually served (``engine`` not ``none`` and some text came back)."""

    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        name = first(engine, case, output, prior)
        body = first(text, case, output, prior)
        ok = name not in (None, "none") and bool(str(body or "").strip())
        return Score(1.0 if ok else 0.0, None, f"engine {name}")

    return Scorer("served", fn, [lambda: MeanMetric("served")], ["served"])
