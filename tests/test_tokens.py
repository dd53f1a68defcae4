from __future__ import annotations

import hashlib

from assist import tokens


def test_encodings_load_offline_from_the_bundled_files(tmp_path, monkeypatch):
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR", raising=False)
    cache = tokens.install_offline_encodings(tmp_path / "tiktoken")
    url = tokens.ENCODINGS["cl100k_base"][0]
    assert (cache / hashlib.sha1(url.encode()).hexdigest()).is_file()

    import tiktoken
    from tiktoken.load import load_tiktoken_bpe

    # network is blocked in tests: this only works if the cache file has exactly the expected bytes
    ranks = load_tiktoken_bpe(url, expected_hash=tokens.ENCODINGS["cl100k_base"][1])
    assert len(ranks) > 100_000
    assert tiktoken.get_encoding("o200k_base").encode("hello world") == [24912, 2375]


def test_count_and_fit_to_budget():
    assert tokens.count_tokens("hello world") == 2
    assert tokens.count_tokens("") == 0
    parts = [f"message number {i}" for i in range(10)]
    each = tokens.count_tokens(parts[0]) + 1
    kept = tokens.fit_to_budget(parts, budget=3 * each + 1)
    assert kept == parts[-3:]  # newest kept, oldest dropped, order preserved
    long = "word " * 500
    (cut,) = tokens.fit_to_budget([long], budget=50)
    assert tokens.count_tokens(cut) <= 49 and long.startswith(cut)


def test_langchain_openai_token_counting_works_offline():
    tokens.install_offline_encodings()
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(model="gpt-4o-mini", api_key="unused", base_url="http://127.0.0.1:9/v1")
    assert model.get_num_tokens("Where is my order NL-104233?") > 5


def test_a_stale_temporary_file_of_another_worker_does_not_block_the_cache(tmp_path, monkeypatch):
    """Workers sharing one cache folder each write through their own temporary file: what another worker left at a
    shared '<name>.tmp' (here a folder where the file would go) neither blocks this one nor is taken away."""
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR", raising=False)
    cache = tmp_path / "tiktoken"
    cache.mkdir()
    url = tokens.ENCODINGS["cl100k_base"][0]
    other = (cache / hashlib.sha1(url.encode()).hexdigest()).with_suffix(".tmp")
    other.mkdir()
    tokens.install_offline_encodings(cache)
    assert (cache / hashlib.sha1(url.encode()).hexdigest()).is_file() and other.is_dir()
    assert not [p for p in cache.iterdir() if p.is_file() and p.suffix == ".tmp"]
