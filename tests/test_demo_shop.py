"""The demo shop that `assist serve` loads on a fresh install (examples/demo-shop)."""

from __future__ import annotations

import pytest

from assist.config import DEMO_SHOP_DIR, Settings
from assist.demo import DEMO_SHOP, ensure_demo_shop
from assist.services import Services
from assist.store import shops as shop_rows

POLICIES = DEMO_SHOP_DIR / "policies"
LANGUAGES = ("en", "de", "ja", "zh")
needs_demo = pytest.mark.skipif(
    not (DEMO_SHOP_DIR / "orders.json").exists() or not all(any((POLICIES / lang).glob("*.md")) for lang in LANGUAGES),
    reason="demo shop data (examples/demo-shop) not written yet",
)


def _demo_id(services: Services) -> int:
    with services.db.session() as session:
        return shop_rows.get_shop(session, DEMO_SHOP).id


@needs_demo
def test_demo_shop_is_loaded_once_with_every_policy_language(services):
    key = ensure_demo_shop(services)
    assert key and key.startswith("ak_")
    shop_id = _demo_id(services)
    index = services.policy_index
    count = index.count(shop_id)
    files = sorted(POLICIES.rglob("*.md"))
    assert count >= len(files)
    for lang, query in zip(LANGUAGES, ("return window", "Rückgabefrist", "返品期限", "退货期限"), strict=True):
        hits = index.search(shop_id, query, k=5, language=lang)
        assert hits[0].language == lang
        anchors = [h.anchor for h in hits]
        assert len(anchors) == len(set(anchors))  # one language version per section
    assert ensure_demo_shop(services) == key  # second start: same key, nothing re-ingested
    assert index.count(shop_id) == count
    with services.db.session() as session:
        assert shop_rows.shop_for_key(session, key).settings["order_id_pattern"]


@pytest.fixture(scope="module")
def real_demo(tmp_path_factory, use_embedder):
    """The demo shop's policies indexed once with the real embedder, file by file as `assist serve` indexes them
    (these tests search them; reading their facts and scoring the chats is tested above and in test_first_run)."""
    from retrievers.policies import policy_sources

    settings = Settings(data_dir=tmp_path_factory.mktemp("demo"), environment="test", load_demo=False)
    services = Services(settings, embedder=use_embedder)
    with services.db.session() as session:
        shop_id = shop_rows.create_shop(session, DEMO_SHOP, {})[0].id
    for path, source in policy_sources([POLICIES]):
        services.policy_index.ingest_file(shop_id, path, source=source)
    yield services
    services.close()


@needs_demo
@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "language", "intents", "expected_topic"),
    [
        ("wann kommt mein Paket an", "de", None, "shipping"),
        ("我想退货", "zh", None, "returns"),
        ("When will I get my refund?", "en", None, "refunds"),
        ("Can I change the delivery address of my order?", "en", None, "order-changes"),
        ("荷物が壊れていました", "ja", ["damaged_or_defective"], "damaged-items"),
    ],
)
def test_demo_policies_answer_multilingual_questions(real_demo, query, language, intents, expected_topic):
    hits = real_demo.policy_index.search(_demo_id(real_demo), query, k=3, language=language, intents=intents)
    assert expected_topic in [h.source.split("/")[-1].removesuffix(".md") for h in hits]
    assert hits[0].language == language
