"""Start-up data kept on disk (assist/model_cache.py ``cached_build``): read back identical to a fresh build,
rebuilt when torn, altered or built from other inputs, never trusted blindly."""

from __future__ import annotations

import gzip
import os
import time

import numpy as np
import pytest

from assist import model_cache
from assist.gloss.dictionaries import CCCedict
from assist.intent import IntentClassifier, default_taxonomy, parse_taxonomy
from retrievers.embeddings import FakeEmbedder


@pytest.fixture
def build_cache(tmp_path, monkeypatch):
    folder = tmp_path / "build-cache"
    monkeypatch.setenv(model_cache.SHARED_CACHE_ENV, str(folder))
    return folder


class Counting:
    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_a_kept_value_is_read_back_instead_of_built_again(build_cache):
    build = Counting({"zürich": "CH-ZH", "porto": "PT-13"})
    first = model_cache.cached_build("places", "k1", build)
    again = model_cache.cached_build("places", "k1", build)
    assert first == again == {"zürich": "CH-ZH", "porto": "PT-13"} and build.calls == 1
    assert (build_cache / "places" / "k1.bin").is_file()


@pytest.mark.parametrize("damage", ["torn", "altered", "foreign"])
def test_a_torn_or_altered_file_is_built_again_never_trusted(build_cache, damage):
    build = Counting({"a": "1"})
    model_cache.cached_build("places", "k2", build)
    path = build_cache / "places" / "k2.bin"
    raw = path.read_bytes()
    if damage == "torn":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "altered":  # same length, one byte of the payload changed: the checksum no longer matches
        path.write_bytes(raw[:-3] + bytes([raw[-3] ^ 1]) + raw[-2:])
    else:
        path.write_bytes(b"\x80\x04K\x01.")  # a plain pickle without our header
    assert model_cache.cached_build("places", "k2", build) == {"a": "1"}
    assert build.calls == 2
    assert model_cache.read_build(path) == {"a": "1"}  # written again, whole


def test_the_cache_can_be_switched_off(build_cache, monkeypatch):
    monkeypatch.setenv(model_cache.SHARED_CACHE_ENV, "off")
    build = Counting([1, 2])
    assert model_cache.cached_build("places", "k3", build) == [1, 2]
    assert model_cache.cached_build("places", "k3", build) == [1, 2]
    assert build.calls == 2 and not build_cache.exists()


def test_the_key_changes_with_the_inputs_and_the_code(tmp_path):
    code = tmp_path / "builder.py"
    code.write_text("x = 1\n")
    key = model_cache.build_key("cities", [1], (code,), ("numpy",))
    assert key == model_cache.build_key("cities", [1], (code,), ("numpy",))
    assert key != model_cache.build_key("cities", [2], (code,), ("numpy",))
    assert key != model_cache.build_key("cities", [1], (code,), ("numpy", "pycountry"))
    code.write_text("x = 2\n")
    assert key != model_cache.build_key("cities", [1], (code,), ("numpy",))
    a = np.arange(4, dtype=np.float32)
    assert model_cache.array_digest(a) != model_cache.array_digest(a + 1)
    assert model_cache.array_digest(a) != model_cache.array_digest(a.astype(np.float64))


CEDICT = (
    "# CC-CEDICT test file\n"
    "包裹 包裹 [bao1 guo3] /parcel/package/\n"
    "退貨 退货 [tui4 huo4] /to return goods/\n"
    "麼 么 [me5] /interrogative final particle/\n"
)


def test_a_dictionary_read_from_the_cache_matches_the_file_and_follows_its_changes(build_cache, tmp_path):
    path = tmp_path / "cedict.txt.gz"
    path.write_bytes(gzip.compress(CEDICT.encode()))
    fresh = CCCedict(path)
    fresh.load()
    kept = CCCedict(path)  # a second start: read from the build cache
    kept.load()
    assert len(list((build_cache / "dictionaries").glob("*.bin"))) == 1
    for word in ("包裹", "退货", "退貨", "么", "快递"):
        assert kept.lookup(word) == fresh.lookup(word)
    assert kept.simplified("退貨麼") == fresh.simplified("退貨麼") == "退货么"
    assert kept.longest == fresh.longest == 2
    path.write_bytes(gzip.compress((CEDICT + "快递 快递 [kuai4 di4] /express delivery/\n").encode()))
    changed = CCCedict(path)  # another file: read again, not taken from the cache
    assert changed.lookup("快递")[0].senses[0].glosses == ("express delivery",)


def test_the_intent_model_read_from_the_cache_predicts_exactly_as_a_fresh_fit(build_cache, tmp_path, monkeypatch):
    texts = ["Where is my parcel?", "I want my money back", "Wo ist mein Paket?", "Je veux un remboursement"]
    kept = IntentClassifier(default_taxonomy(), FakeEmbedder(), cache_dir=tmp_path / "shop")
    assert list((build_cache / "intent-model").glob("*.bin"))  # the default taxonomy: the machine's cache
    read = IntentClassifier(default_taxonomy(), FakeEmbedder(), cache_dir=tmp_path / "shop")
    monkeypatch.setenv(model_cache.SHARED_CACHE_ENV, "off")
    fresh = IntentClassifier(default_taxonomy(), FakeEmbedder(), cache_dir=None)
    for model in (kept, read):
        for got, want in zip(model.scores(texts), fresh.scores(texts), strict=True):
            np.testing.assert_array_equal(got, want)


def test_a_shops_own_intent_model_stays_in_the_shops_cache_folder(build_cache, tmp_path):
    taxonomy = parse_taxonomy(
        {
            "intents": [
                {"name": "where_is_it", "description": "Where the parcel is", "examples": ["where is my parcel"] * 3},
                {"name": "money_back", "description": "Money back", "examples": ["refund me please"] * 3},
            ]
        }
    )
    IntentClassifier(taxonomy, FakeEmbedder(), cache_dir=tmp_path / "shop")
    assert list((tmp_path / "shop" / "intent-model").glob("*.bin"))
    assert not (build_cache / "intent-model").exists()  # a shop's examples never leave its data folder


def test_a_city_map_read_from_the_cache_equals_a_fresh_build(build_cache):
    from assist import cities

    def build() -> dict[str, str]:
        return cities._build_cjk_cities(1_000_000)

    stored = cities.kept("cjk cities", build, 1_000_000)
    read = cities.kept("cjk cities", lambda: pytest.fail("built again"), 1_000_000)
    assert read == stored == build() and read  # Han, kana and Hangul names of the largest cities
    assert cities.kept("cjk cities", lambda: {}, 2_000_000) == {}  # other arguments: another key


def test_a_reader_trained_from_package_exemplars_is_read_by_a_server_on_a_fresh_data_folder(build_cache, tmp_path):
    model = {"weights": [0.5, 0.25]}
    model_cache.save_model(tmp_path / "first" / "cache", "claim_reader", "k4", model)
    assert model_cache.load_model(tmp_path / "second" / "cache", "claim_reader", "k4", "claim reader") == model
    assert model_cache.load_model(None, "claim_reader", "k4", "claim reader") is None  # no cache folder: none
    # a reader that may learn from a shop's data stays in that shop's data folder
    model_cache.save_model(tmp_path / "first" / "cache", "intent_feedback", "k5", model)
    assert model_cache.load_model(tmp_path / "second" / "cache", "intent_feedback", "k5", "feedback") is None


def test_files_no_start_has_used_for_a_month_are_forgotten_and_used_ones_kept(build_cache):
    model_cache.cached_build("places", "old-key", Counting({"a": "1"}))
    model_cache.cached_build("places", "read-key", Counting({"b": "2"}))
    month_ago = time.time() - (model_cache.STALE_AFTER_DAYS + 1) * 86400
    for key in ("old-key", "read-key"):
        os.utime(build_cache / "places" / f"{key}.bin", (month_ago, month_ago))
    build = Counting({"b": "2"})
    assert model_cache.cached_build("places", "read-key", build) == {"b": "2"} and build.calls == 0  # read: used
    model_cache.cached_build("places", "new-key", Counting({"c": "3"}))  # a write forgets the folder's stale files
    assert sorted(p.name for p in (build_cache / "places").iterdir()) == ["new-key.bin", "read-key.bin"]
