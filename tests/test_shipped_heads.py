"""Trained heads shipped with the package (assist/shipped_heads.py): a file for every head today's exemplars and
default taxonomy train, keyed by them, so exemplars changed without rebuilding fail here."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assist import ask_topics, shipped_heads
from assist.intent import shipped_vector_key, shipped_vector_texts, shipped_vectors
from assist.intent.taxonomy import default_taxonomy


def test_every_shipped_head_matches_todays_exemplars() -> None:
    missing = shipped_heads.stale()
    assert missing == [], f"shipped heads stale: {missing}; rebuild with `python -m assist.shipped_heads --build`"
    kept = {
        path.relative_to(shipped_heads.SHIPPED).with_suffix("").as_posix()
        for path in shipped_heads.SHIPPED.glob("*/*.npz")
    }
    assert kept == {f"{kind}/{key}" for kind, key in shipped_heads.expected()}  # no stale file left in the wheel


def test_a_changed_exemplar_or_encoder_changes_the_key() -> None:
    pairs = list(ask_topics._training_set("e5", ())[0])
    key = ask_topics.shipped_topic_key("e5", pairs)
    assert ask_topics.shipped_topic_key("e5", [*pairs[:-1], (pairs[-1][0] + "?", pairs[-1][1])]) != key
    assert ask_topics.shipped_topic_key("e5", [*pairs[:-1], (pairs[-1][0], "other-topic")]) != key
    assert ask_topics.shipped_topic_key("e5-large", pairs) != key
    texts = shipped_vector_texts(default_taxonomy())[0]
    assert shipped_vector_key(texts, "e5") != shipped_vector_key([*texts, "one more example"], "e5")


def test_shipped_files_round_trip_as_plain_arrays(tmp_path: Path) -> None:
    arrays = {"vectors": np.arange(6, dtype=np.float16).reshape(3, 2), "labels": np.asarray(["a", "b", "c"])}
    path = shipped_heads.write_shipped("intent", "k1", arrays, tmp_path)
    assert path == tmp_path / "intent" / "k1.npz"
    back = shipped_heads.load_shipped("intent", "k1", tmp_path)
    assert back is not None and back["labels"].tolist() == ["a", "b", "c"]
    assert np.array_equal(back["vectors"], arrays["vectors"])
    assert shipped_heads.load_shipped("intent", "k2", tmp_path) is None
    (tmp_path / "intent" / "k3.npz").write_bytes(b"torn")
    assert shipped_heads.load_shipped("intent", "k3", tmp_path) is None  # unreadable: trained instead, no error


def test_vectors_of_texts_nobody_shipped_are_not_found() -> None:
    assert shipped_vectors(["a text no taxonomy holds"], "e5-small-multilingual-q4") is None
