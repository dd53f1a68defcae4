"""Tone of agent text: a multilingual rude/polite classifier plus lexicon rules for clear insults.

The classifier is a logistic regression over multilingual Universal Sentence Encoder vectors
(``retrievers.embeddings.UniversalSentenceEncoder``), so one model serves every language USE
covers. Its weights ship as ``resources/tone_model.npz`` (a few KB), trained by
``python -m assist.quality.tone_training`` on permissively licensed data only (Stanford
politeness, CC BY-SA; TyDiP English, CC BY 4.0) plus the hand-written multilingual examples in
``resources/tone_examples.jsonl``. Nothing is trained at request time; the model loads once.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assist.quality.text_spans import Span, sentences, terms

RESOURCES = Path(__file__).parent / "resources"
MODEL_PATH = RESOURCES / "tone_model.npz"

INSULTS = terms(
    "stupid",
    "idiot",
    "idiotic",
    "moron",
    "dumb",
    "shut up",
    "pathetic",
    "clueless",
    "incompetent",
    "dumm",
    "Idiot",
    "blöd",
    "Dummkopf",
    "halt den Mund",
    "lächerlich",
    "バカ",
    "馬鹿",
    "アホ",
    "黙れ",
    "うるさい",
    "愚か",
    "笨蛋",
    "白痴",
    "傻",
    "蠢",
    "闭嘴",
    "神经病",
    "脑子",
    "estúpido",
    "estúpida",
    "idiota",
    "imbécil",
    "tonto",
    "cállese",
    "ridículo",
    "stupide",
    "imbécile",
    "crétin",
    "taisez-vous",
    "ridicule",
    "burro",
    "imbecil",
    "cale a boca",
    "ridículo",
    "stupido",
    "stupida",
    "cretino",
    "scemo",
    "stia zitto",
    "ridicolo",
)
BLAME = terms(
    "your fault",
    "your own fault",
    "your problem",
    "not our problem",
    "you should have read",
    "you should have checked",
    "you clearly didn't",
    "you didn't read",
    "learn to read",
    "as i already told you",
    "as i said before",
    "i already explained",
    "calm down",
    "deal with it",
    "whatever",
    "Ihre Schuld",
    "Ihr Problem",
    "nicht unser Problem",
    "hätten Sie lesen sollen",
    "wie bereits gesagt",
    "wie schon gesagt",
    "beruhigen Sie sich",
    "Pech gehabt",
    "あなたのせい",
    "お客様のせい",
    "自己責任",
    "何度も言っています",
    "何度も申し上げています",
    "落ち着いてください",
    "知りません",
    "你的错",
    "你自己的问题",
    "不是我们的问题",
    "说了多少遍",
    "我已经说过了",
    "自己看",
    "爱买不买",
    "不关我们的事",
    "es su culpa",
    "es tu culpa",
    "su problema",
    "no es nuestro problema",
    "como ya le dije",
    "cálmese",
    "c'est votre faute",
    "votre problème",
    "pas notre problème",
    "comme je vous l'ai déjà dit",
    "calmez-vous",
    "a culpa é sua",
    "culpa sua",
    "problema seu",
    "não é problema nosso",
    "como já disse",
    "acalme-se",
    "è colpa sua",
    "colpa sua",
    "problema suo",
    "non è un nostro problema",
    "come le ho già detto",
    "si calmi",
)
SARCASM = terms(
    "good luck with that",
    "congratulations on",
    "wow, what a surprise",
    "obviously you",
    "clearly you",
    "genius",
    "nice try",
    "oh sure",
    "as if",
    "Glückwunsch",
    "na toll",
    "offensichtlich haben Sie",
    "さすがですね",
    "おめでとうございます、",
    "呵呵",
    "真厉害啊",
    "恭喜你",
    "qué sorpresa",
    "enhorabuena por",
    "bravo pour",
    "quelle surprise",
    "parabéns por",
    "que surpresa",
    "complimenti per",
    "che sorpresa",
)
RULES = (("insult", INSULTS, "error"), ("blame", BLAME, "warning"), ("sarcasm", SARCASM, "warning"))


@dataclass
class ToneFinding:
    kind: str  # insult | blame | sarcasm | rude
    severity: str
    span: Span
    score: float = 1.0


@dataclass
class ToneModel:
    """Logistic-regression weights over one embedder's vectors; ``rude_probability`` per text."""

    coef: np.ndarray
    intercept: float
    embedder_name: str
    threshold: float = 0.85
    meta: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ToneModel:
        data = np.load(path, allow_pickle=False)
        meta = json.loads(str(data["meta"]))
        return cls(
            np.asarray(data["coef"], dtype=np.float32),
            float(data["intercept"]),
            meta["embedder"],
            float(meta.get("threshold", 0.85)),
            meta,
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        meta = {**self.meta, "embedder": self.embedder_name, "threshold": self.threshold}
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float32),
            intercept=np.float32(self.intercept),
            meta=np.array(json.dumps(meta)),
        )

    def rude_probability(self, vectors: np.ndarray) -> np.ndarray:
        logits = vectors @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))


class ToneClassifier:
    """Finds rude, blaming or sarcastic spans: lexicon rules first, then the embedding model per sentence.

    ``embedder`` must be the one the model was trained with (matched by ``name``); with another
    embedder (tests use a hashing fake) the classifier runs on the lexicon alone and says so in ``engine``.
    """

    def __init__(
        self,
        embedder=None,
        model: ToneModel | None = None,  # type: ignore[no-untyped-def]
        cache_size: int = 20_000,
    ) -> None:
        self.embedder = embedder
        self._model = model
        self._lock = threading.Lock()
        self._cache: dict[str, float] = {}
        self.cache_size = cache_size

    @property
    def model(self) -> ToneModel | None:
        if self._model is None and MODEL_PATH.exists():
            with self._lock:
                if self._model is None:
                    self._model = ToneModel.load()
        return self._model

    @property
    def engine(self) -> str:
        model = self.model
        if model is not None and self.embedder is not None and self.embedder.name == model.embedder_name:
            return "classifier+rules"
        return "rules"

    def findings(self, text: str) -> list[ToneFinding]:
        found = [
            ToneFinding(kind, sev, Span(m.group(0), m.start(), m.end()))
            for kind, pattern, sev in RULES
            for m in pattern.finditer(text)
        ]
        if self.engine == "rules":
            return found
        scored = self.sentence_scores(text)
        covered = [(f.span.start, f.span.end) for f in found]
        for sent, prob in scored:
            if prob >= self.model.threshold and not any(s < sent.end and sent.start < e for s, e in covered):  # type: ignore[union-attr]
                found.append(ToneFinding("rude", "warning", sent, prob))
        return found

    def sentence_scores(self, text: str) -> list[tuple[Span, float]]:
        """(sentence, probability it reads as rude) for each sentence with at least two words."""
        sents = [s for s in sentences(text) if len(re.findall(r"\w+", s.text)) >= 2 or _is_cjk(s.text)]
        if not sents or self.engine == "rules":
            return []
        # Drafts are re-checked on every pause in typing: only new sentences are embedded.
        todo = list(dict.fromkeys(s.text for s in sents if s.text not in self._cache))
        if todo:
            vectors = self.embedder.embed(todo)  # type: ignore[union-attr]
            probs = self.model.rude_probability(vectors)  # type: ignore[union-attr]
            with self._lock:
                if len(self._cache) > self.cache_size:
                    self._cache.clear()
                self._cache.update(zip(todo, (float(p) for p in probs), strict=True))
        return [(s, self._cache[s.text]) for s in sents]

    def politeness(self, text: str) -> float:
        """1.0 for clearly polite text, 0.0 for rude: used by the scorecard's tone category."""
        if any(True for _ in INSULTS.finditer(text)):
            return 0.0
        penalty = 0.6 if any(True for _, p, _ in RULES[1:] for _ in p.finditer(text)) else 0.0
        scores = [p for _, p in self.sentence_scores(text)]
        # probability <= 0.4 reads as polite (1.0); >= 0.95 as rude (0.0); linear in between
        model_part = min(1.0, max(0.0, (0.95 - max(scores)) / 0.55)) if scores else 1.0
        return max(0.0, model_part - penalty)


def _is_cjk(text: str) -> bool:
    return bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)) and len(text) >= 4
