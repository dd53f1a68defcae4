"""Policy ingest and search on the real Chroma index (tmp dir) with the hashing FakeEmbedder."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from policy_files import (
    HTML_POLICY,
    RETURNS_DE,
    RETURNS_EN,
    SHIPPING_EN,
    TEXT_POLICY,
    write,
    write_pdf,
)

from assist.errors import InvalidInput
from assist.store import shops
from retrievers.policies import build_policy_index, expand_policy_paths, policy_sources


@pytest.fixture
def index(services):
    return services.policy_index


def test_markdown_sections_keep_heading_path_anchor_and_front_matter(index, tmp_path):
    result = index.ingest_file(1, write(tmp_path, "returns.md", RETURNS_EN))
    assert (result.source, result.chunks, result.replaced, result.language) == ("returns.md", 2, 0, "en")
    top = index.search(1, "return items within 30 days of delivery", k=1)[0]
    assert top.section == "Returns > Return window"
    assert top.anchor == "return-window"
    assert top.intents == ["return_request"]
    assert top.language == "en"
    assert top.source == "returns.md"
    assert top.text.startswith("You can return most items within 30 days")
    assert "{#" not in top.section + top.text
    assert 0 < top.score <= 1


def test_long_sections_split_on_paragraphs_with_heading_in_every_chunk(index, tmp_path):
    paragraphs = [f"Paragraph {n} explains rule {n} of the warranty in plain words. " * 4 for n in range(12)]
    text = "# Warranty\n\n## Claims {#claims}\n\n" + "\n\n".join(paragraphs)
    result = index.ingest_file(1, write(tmp_path, "warranty.md", text), language="en")
    assert result.chunks > 3
    hits = index.search(1, "warranty rule paragraph", k=20)
    assert len(hits) == result.chunks
    assert all(h.section == "Warranty > Claims" and h.anchor == "claims" for h in hits)
    assert all(len(h.text) <= 800 for h in hits)
    joined = {p.strip() for h in hits for p in h.text.split("\n\n")}
    assert {p.strip() for p in paragraphs} <= joined  # nothing dropped at the cuts


def test_reingest_replaces_old_chunks(index, tmp_path):
    path = write(tmp_path, "returns.md", RETURNS_EN)
    first = index.ingest_file(1, path)
    ids_before = {h.id for h in index.search(1, "return", k=10)}
    assert "30 days" in " ".join(h.text for h in index.search(1, "return window days EU", k=10))  # remembered
    path.write_text(
        RETURNS_EN.replace("within 30 days", "within 60 days").replace(
            "Returns inside the EU are free", "Returns are free worldwide"
        ),
        encoding="utf-8",
    )
    second = index.ingest_file(1, path)
    assert second.replaced == first.chunks
    assert index.count(1) == first.chunks
    hits = index.search(1, "return window days EU", k=10)
    assert {h.id for h in hits} == ids_before  # same sections: same ids
    texts = " ".join(h.text for h in hits)
    assert "60 days" in texts and "worldwide" in texts
    assert "30 days" not in texts and "inside the EU" not in texts
    # a cited passage opened by id (from the chunks held for search) is the re-ingested text too
    opened = " ".join(p.text for p in (index.get(1, i) for i in ids_before) if p is not None)
    assert "60 days" in opened and "30 days" not in opened
    assert [index.get(1, h.id) for h in hits] == [h.model_copy(update={"score": 0.0}) for h in hits]


def test_chunk_ids_are_stable_across_indexes_and_shops(services, tmp_path, settings):
    path = write(tmp_path, "shipping.md", SHIPPING_EN)
    services.policy_index.ingest_file(1, path)
    first = sorted(h.id for h in services.policy_index.search(1, "parcel", k=10))
    # a second process on the same data
    reopened = build_policy_index(settings, services.embedder, services.language_detector)
    reopened.ingest_file(1, path)
    assert sorted(h.id for h in reopened.search(1, "parcel", k=10)) == first
    reopened.ingest_file(2, path)
    assert set(first).isdisjoint(h.id for h in reopened.search(2, "parcel", k=10))


def test_search_never_returns_another_shops_policy(index, tmp_path):
    index.ingest_file(1, write(tmp_path / "a", "returns.md", RETURNS_EN))
    index.ingest_file(2, write(tmp_path / "b", "shipping.md", SHIPPING_EN))
    hits = index.search(1, "parcel tracking DHL carrier investigation delivery", k=10)
    assert hits and {h.source for h in hits} == {"returns.md"}
    other = index.search(2, "parcel", k=1)[0]
    assert index.get(2, other.id) is not None
    assert index.get(1, other.id) is None
    assert (index.count(1), index.count(2), index.count(3)) == (2, 2, 0)
    assert index.search(3, "parcel") == []
    # both query plans: shop 2 now holds most of the collection (unfiltered query, then its own
    # ids), shop 1 a small part (Chroma's where filter)
    for n in range(4):
        index.ingest_file(2, write(tmp_path / "b", f"returns-{n}.md", RETURNS_EN.replace("30 days", f"{n} weeks")))
    assert {h.source for h in index.search(1, "return items within days delivery", k=10)} == {"returns.md"}
    hits = index.search(2, "return items within 30 days of delivery unused", k=10)
    assert hits and all(h.source != "returns.md" and index.get(1, h.id) is None for h in hits)


def test_http_search_is_filtered_by_the_callers_shop(client, auth, services, tmp_path):
    with services.db.session() as session:
        alpha = shops.get_shop(session, "alpha")
        beta, beta_key = shops.create_shop(session, "beta")
        alpha_id, beta_id = alpha.id, beta.id
    services.policy_index.ingest_file(alpha_id, write(tmp_path / "a", "returns.md", RETURNS_EN))
    services.policy_index.ingest_file(beta_id, write(tmp_path / "b", "shipping.md", SHIPPING_EN))
    r = client.post("/v1/policies/search", json={"query": "parcel tracking DHL delivery", "k": 10}, headers=auth)
    assert r.status_code == 200
    results = r.json()["results"]
    assert results and {p["source"] for p in results} == {"returns.md"}
    assert set(results[0]) >= {"id", "text", "source", "section", "language", "score"}
    r = client.post(
        "/v1/policies/search", json={"query": "parcel tracking"}, headers={"Authorization": f"Bearer {beta_key}"}
    )
    assert {p["source"] for p in r.json()["results"]} == {"shipping.md"}


def test_http_search_rejects_an_empty_query(client, auth):
    r = client.post("/v1/policies/search", json={"query": "", "k": 3}, headers=auth)
    assert r.status_code == 422
    assert "query" in r.json()["detail"]


def test_language_versions_of_one_anchor_are_deduplicated(index, tmp_path):
    index.ingest_file(1, write(tmp_path, "en/returns.md", RETURNS_EN), source="en/returns.md")
    index.ingest_file(1, write(tmp_path, "de/returns.md", RETURNS_DE), source="de/returns.md")
    query = "Rückgabefrist 30 days Tagen return zurückgeben"
    for language in ("de", "en"):
        hits = index.search(1, query, k=4, language=language)
        anchors = [h.anchor for h in hits]
        assert len(anchors) == len(set(anchors)) == 2
        assert {h.language for h in hits} == {language}
    hits = index.search(1, query, k=4, language="fr")  # not available: English
    assert len({h.anchor for h in hits}) == len(hits) == 2 and {h.language for h in hits} == {"en"}


def test_intents_boost_sections_tagged_with_them(index, tmp_path):
    body = "## Contact {#contact-%s}\n\nWrite to our team and we answer within one business day.\n"
    for intent in ("return_request", "track_order"):
        text = f"---\ntitle: {intent}\nlanguage: en\nintents: [{intent}]\n---\n# {intent}\n\n" + body % intent
        index.ingest_file(1, write(tmp_path, f"{intent}.md", text))
    query = "write to the team"
    assert index.search(1, query, k=2, intents=["track_order"])[0].intents == ["track_order"]
    assert index.search(1, query, k=2, intents=["return_request"])[0].intents == ["return_request"]


def test_html_headings_become_sections(index, tmp_path):
    result = index.ingest_file(1, write(tmp_path, "warranty.html", HTML_POLICY))
    assert result.language == "en" and result.chunks == 2
    hits = index.search(1, "photo of the fault", k=2)
    assert hits[0].section == "Warranty > Making a claim"
    assert hits[0].anchor == "claims"
    assert "Repairs are free." in hits[0].text
    assert all("never indexed" not in h.text and "color" not in h.text for h in hits)


def test_text_and_pdf_files_are_ingested_with_guessed_headings(index, tmp_path):
    index.ingest_file(1, write(tmp_path, "gift-cards.txt", TEXT_POLICY), language="en")
    pdf = write_pdf(
        tmp_path / "kettles.pdf",
        [
            "Kettle warranty",
            "Warranty period",
            "All kettles carry a two-year warranty from delivery.",
            "Keep your invoice.",
            "How to claim",
            "Write to support with photos of the fault.",
        ],
    )
    result = index.ingest_file(1, pdf, language="en")
    assert result.chunks == 2
    assert index.search(1, "refunded or exchanged for cash", k=1)[0].section == "Gift cards > Refunds"
    top = index.search(1, "photos of the fault", k=1)[0]
    assert (top.section, top.source) == ("Kettle warranty > How to claim", "kettles.pdf")


def test_bad_paths_get_clear_errors(index, tmp_path):
    with pytest.raises(InvalidInput, match="no such file or folder"):
        expand_policy_paths([tmp_path / "missing.md"])
    docx = write(tmp_path, "policy.docx", "x")
    with pytest.raises(InvalidInput, match=r"unsupported file type '\.docx'.*\.md"):
        expand_policy_paths([docx])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInput, match="holds no policy files"):
        expand_policy_paths([tmp_path / "empty"])
    with pytest.raises(InvalidInput, match="no such file"):
        index.ingest_file(1, tmp_path / "gone.md")
    with pytest.raises(InvalidInput, match="no text found"):
        index.ingest_file(1, write(tmp_path, "blank.md", "---\nlanguage: en\n---\n\n"))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(InvalidInput, match="broken.pdf"):
        index.ingest_file(1, broken)
    with pytest.raises(InvalidInput, match="query is empty"):
        index.search(1, "   ")


def test_folders_expand_recursively_to_sorted_relative_sources(tmp_path):
    write(tmp_path / "p", "de/returns.md", RETURNS_DE)
    write(tmp_path / "p", "en/returns.md", RETURNS_EN)
    write(tmp_path / "p", "en/notes.docx", "ignored")
    write(tmp_path / "p", "warranty.html", HTML_POLICY)
    assert [s for _, s in policy_sources([tmp_path / "p"])] == ["de/returns.md", "en/returns.md", "warranty.html"]
    write(tmp_path / "q", "returns.md", RETURNS_EN)
    with pytest.raises(InvalidInput, match="both be stored as 'returns.md'"):
        policy_sources([tmp_path / "p" / "en" / "returns.md", tmp_path / "q" / "returns.md"])


def test_search_sees_chunks_ingested_by_another_process(services, settings, tmp_path):
    services.policy_index.ingest_file(1, write(tmp_path, "returns.md", RETURNS_EN))
    assert services.policy_index.search(1, "parcel DHL", k=5)  # builds the keyword cache
    other = build_policy_index(settings, services.embedder, services.language_detector)
    other.ingest_file(1, write(tmp_path, "shipping.md", SHIPPING_EN))
    hits = services.policy_index.search(1, "parcels DHL business days tracking", k=5)
    assert "shipping.md" in {h.source for h in hits}


def test_concurrent_searches_during_ingest(index, tmp_path):
    index.ingest_file(1, write(tmp_path, "returns.md", RETURNS_EN))
    shipping = write(tmp_path, "shipping.md", SHIPPING_EN)
    with ThreadPoolExecutor(max_workers=4) as pool:
        searches = [pool.submit(index.search, 1, "return parcel", 3) for _ in range(16)]
        ingest = pool.submit(index.ingest_file, 1, shipping)
        assert all(f.result() for f in searches)
        assert ingest.result().chunks == 2
    assert index.count(1) == 4
