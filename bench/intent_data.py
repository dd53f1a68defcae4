"""Data for ``bench/intent.py``: dataset readers, the splits, and an embedding cache.

Every dataset is read by path under ``--data`` (default ``../shared/data`` relative to the repository);
nothing from it is copied into the repository. Embeddings are cached per text in
``bench/results/intent_vectors-<embedder>.npz`` (gitignored), so a second run embeds only new texts.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results"

# Bitext language-variation tags (the ``flags`` column). The examples come only from rows with none of
# the held-out tags; the test rows are those that carry at least one of them.
HELD_OUT_TAGS = {"Q": "colloquial", "W": "offensive", "Z": "typos/noise", "K": "keyword mode", "E": "abbreviations"}


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


class CachedEmbedder:
    """Wraps an embedder with a per-text vector cache on disk (``save()`` writes new vectors)."""

    def __init__(self, inner: Any, path: Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = getattr(inner, "dim", None)
        self.path = path or RESULTS / f"intent_vectors-{inner.name}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        if self.path.is_file():
            data = np.load(self.path, allow_pickle=False)
            self._vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if _sha(t) not in self._vectors))
        if missing:
            for text, vector in zip(missing, self.inner.embed(missing), strict=True):
                self._vectors[_sha(text)] = vector
            self._dirty = True
        if not texts:
            return np.zeros((0, self.dim or 1), dtype=np.float32)
        return np.vstack([self._vectors[_sha(t)] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors))
        tmp = self.path.with_name(self.path.stem + ".tmp.npz")
        np.savez(tmp, keys=keys, vectors=np.vstack(list(self._vectors.values())))
        tmp.replace(self.path)
        self._dirty = False


# --- datasets ------------------------------------------------------------------------------


def banking77(data: Path) -> list[tuple[str, str]]:
    with (data / "intent" / "banking77_train.csv").open(encoding="utf-8") as f:
        return [(row["text"].strip(), row["category"]) for row in csv.DictReader(f)]


def bitext(data: Path) -> list[dict[str, str]]:
    with (data / "intent" / "bitext_customer_service_dev.csv").open(encoding="utf-8-sig") as f:
        return [{"text": r["utterance"].strip(), "intent": r["intent"], "flags": r["flags"]} for r in csv.DictReader(f)]


def banking77_split(
    rows: list[tuple[str, str]], shots: int, seed: int, test_share: float = 0.3
) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """A fixed test part of train (sha1 of the text), and ``shots`` examples per intent drawn by ``seed``
    from the rest: the examples are never drawn from the test part."""
    pool: dict[str, list[str]] = defaultdict(list)
    test: list[tuple[str, str]] = []
    for text, label in rows:
        if int(_sha(text)[:8], 16) / 0xFFFFFFFF < test_share:
            test.append((text, label))
        else:
            pool[label].append(text)
    rng = random.Random(seed)
    train = {label: rng.sample(sorted(texts), shots) for label, texts in sorted(pool.items())}
    return train, test


def bitext_split(
    rows: list[dict[str, str]], shots: int, seed: int = 0
) -> tuple[dict[str, list[str]], list[tuple[str, str, str]]]:
    """Examples from rows without a held-out variation tag; the test is every row that has one."""
    pool: dict[str, list[str]] = defaultdict(list)
    test: list[tuple[str, str, str]] = []
    for row in rows:
        if set(row["flags"]) & HELD_OUT_TAGS.keys():
            test.append((row["text"], row["intent"], row["flags"]))
        else:
            pool[row["intent"]].append(row["text"])
    rng = random.Random(seed)
    train = {k: rng.sample(sorted(set(v)), min(shots, len(set(v)))) for k, v in sorted(pool.items())}
    return train, test


# Out-of-scope messages: other domains than any taxonomy here (requests to Wikipedia editors and Stack
# Exchange users, everyday dialogue turns, news sentences in 7 languages).


def out_of_scope(data: Path, n: int = 1200, seed: int = 0) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    sources: dict[str, list[str]] = {}
    polite = data / "quality" / "stanford_politeness"
    for name in ("wikipedia", "stack-exchange"):
        with (polite / f"{name}.annotated.csv").open(encoding="utf-8") as f:
            sources[f"politeness-{name}"] = [r["Request"] for r in csv.DictReader(f) if "<url>" not in r["Request"]]
    turns = []
    for line in (data / "summaries" / "dialogsum.dev.jsonl").read_text(encoding="utf-8").splitlines():
        for turn in json.loads(line)["dialogue"].split("\n"):
            text = turn.split(":", 1)[-1].strip()
            if 25 <= len(text) <= 200 and "?" in text:
                turns.append(text)
    sources["dialogsum-questions"] = turns
    flores = data / "translation" / "flores200_devtest"
    for path in sorted(flores.glob("*.devtest")):
        sources[f"flores-{path.stem}"] = path.read_text(encoding="utf-8").splitlines()
    per_source = n // len(sources)
    out = []
    for name, texts in sources.items():
        for text in rng.sample(sorted(set(texts)), min(per_source, len(set(texts)))):
            out.append((text.strip(), name))
    return out


def conversations(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        return [json.loads(line) for line in f if line.strip()]


# Cross-domain out-of-scope: a shop's taxonomy against bank-only Banking77 intents, and a bank's taxonomy
# against Bitext intents about orders, shipping and invoices. Intents that could belong to both worlds
# (refunds, payments, accounts, identity, card delivery, fees on statements) are left out of both.
BANK_ONLY = (
    "exchange", "top_up", "topping_up", "transfer", "cash", "atm", "pin_", "_pin", "card_linking",
    "card_not_working", "contactless", "card_swallowed", "compromised_card", "lost_or_stolen_card",
    "virtual_card", "disposable", "beneficiary", "receiving_money", "fiat", "source_of_funds",
    "balance_not_updated", "card_about_to_expire", "activate_my_card",
)  # fmt: skip
SHOP_ONLY = (
    "cancel_order", "change_order", "change_shipping_address", "check_cancellation_fee", "check_invoice",
    "delivery_options", "delivery_period", "get_invoice", "place_order", "set_up_shipping_address", "track_order",
)  # fmt: skip


def bank_only(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(t, f"banking77:{c}") for t, c in rows if any(k in c for k in BANK_ONLY)]


def shop_only(rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(r["text"], f"bitext:{r['intent']}") for r in rows if r["intent"] in SHOP_ONLY]


def intent_name(label: str) -> str:
    """A dataset label as a taxonomy intent name (lowercase identifier)."""
    return "_".join(w for w in "".join(c if c.isalnum() else "_" for c in label.lower()).split("_") if w)


def taxonomy_data(examples: dict[str, list[str]], descriptions: dict[str, str] | None = None) -> dict[str, Any]:
    """A taxonomy for ``parse_taxonomy``. Without ``descriptions`` (intent name -> sentence) the label in
    words is the description (what a shop would write at the least)."""
    described = descriptions or {}
    return {
        "intents": [
            {
                "name": intent_name(k),
                "description": described.get(intent_name(k), intent_name(k).replace("_", " ")),
                "examples": v,
            }
            for k, v in examples.items()
        ]
    }


BITEXT_DESCRIPTIONS = ROOT / "bench" / "data" / "bitext_descriptions.yaml"


def written_descriptions(path: Path = BITEXT_DESCRIPTIONS) -> dict[str, str]:
    """A sentence per intent, as a shop admin wrote them (``bench/data/``), by intent name."""
    import yaml

    return {str(k): str(v) for k, v in yaml.safe_load(path.read_text(encoding="utf-8")).items()}
