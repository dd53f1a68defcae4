"""The learned policy reader (assist.policy_extract.reader) through the extractor's public function: list intros and
headings, table headers and "we deliver nowhere else" sentences in words and languages the cue words were not
written in.

Every policy text here is written for the test (other words, languages, numbers, places and products than the
reader's frames and the fixture shops), and read with the real multilingual encoder."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_extract import reader as reader_module
from assist.policy_facts import PolicyFact

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


def read(embedder, cache: Path, text: str, section: str = "", language: str | None = None) -> list[PolicyFact]:
    return extract_facts([PolicyChunk("c1", text, section, language, "policy.md")], embedder, cache)


def used(facts: list[PolicyFact], slot: str) -> list[PolicyFact]:
    return [f for f in facts if f.slot == slot and not f.needs_review]


def phrases(facts: list[PolicyFact], slot: str) -> list[str]:
    return [p for f in used(facts, slot) for p in f.value]


# --- lists under a heading or an intro ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "items", "language"),
    [
        ("Czego nie przyjmujemy z powrotem", ["bielizna i skarpety", "perfumy po otwarciu", "meble na wymiar"], "pl"),
        ("Wat je niet kunt terugsturen", ["ondergoed", "geopende parfum", "meubels op maat"], "nl"),
        ("Things we're unable to refund or swap", ["engraved jewellery", "opened cosmetics", "bespoke sofas"], "en"),
        ("Prodotti che non riprendiamo", ["biancheria intima", "profumi aperti", "mobili su misura"], "it"),
    ],
)
def test_a_list_straight_under_a_heading_of_exclusions_gives_the_excluded_items(
    use_embedder, cache, heading, items, language
):
    text = "\n".join(f"- {item}" for item in items)
    facts = read(use_embedder, cache, text, f"Returns > {heading}", language)
    assert sorted(phrases(facts, "returns.excluded")) == sorted(items)


def test_a_list_of_return_conditions_under_a_heading_is_no_list_of_exclusions(use_embedder, cache):
    text = "- ongebruikt\n- in de originele doos\n- met alle labels"
    facts = read(use_embedder, cache, text, "Retourneren > Voorwaarden voor een retour", "nl")
    assert phrases(facts, "returns.excluded") == []


def test_html_list_items_under_a_heading_are_read_as_a_list(use_embedder, cache, tmp_path):
    from assist.policy_extract.sources import document_chunks, load_policy

    page = tmp_path / "returns.html"
    page.write_text(
        "<html><body><h1>Returns</h1><h2>Goods we won't accept back</h2>"
        "<ul><li>Personalised mugs</li><li>Cut fabric sold by the metre</li></ul></body></html>",
        encoding="utf-8",
    )
    chunks = document_chunks(1, load_policy(page), "returns.html", "en")
    facts = extract_facts(chunks, use_embedder, cache)
    assert sorted(phrases(facts, "returns.excluded")) == ["Cut fabric sold by the metre", "Personalised mugs"]


def test_a_warranty_exclusion_intro_in_another_language_gives_warranty_exclusions(use_embedder, cache):
    text = "Garancja nie obejmuje:\n- pęknięć szkła\n- zalania wodą"
    facts = read(use_embedder, cache, text, "Gwarancja", "pl")
    assert sorted(phrases(facts, "warranty.excludes")) == ["pęknięć szkła", "zalania wodą"]


def test_a_list_of_products_with_their_own_warranty_periods(use_embedder, cache):
    text = "Cada fabricante ofrece su propia garantía desde la entrega:\n\n- Cafeteras: 3 años\n- Molinillos: 18 meses"
    facts = read(use_embedder, cache, text, "Garantía", "es")
    lengths = {(f.scope.product_class, f.value, f.unit) for f in used(facts, "warranty.length")}
    assert lengths == {("Cafeteras", 3, "year"), ("Molinillos", 18, "month")}
    assert set(phrases(facts, "warranty.products")) == {"Cafeteras", "Molinillos"}


def test_items_without_a_period_each_are_no_warranty_list(use_embedder, cache):
    text = "Cada fabricante ofrece su propia garantía desde la entrega:\n\n- Cafeteras: 3 años\n- Molinillos y básculas"
    facts = read(use_embedder, cache, text, "Garantía", "es")
    assert "Molinillos y básculas" not in phrases(facts, "warranty.products")  # the list is not read as periods
    assert [f.scope.product_class for f in used(facts, "warranty.length")] == ["Cafeteras"]  # the rules' own item


# --- table headers ------------------------------------------------------------------------------------------------


def test_a_shipping_table_whose_header_no_word_list_knows_scopes_each_row_by_its_first_cell(use_embedder, cache):
    text = (
        "| Wo Sie wohnen | Zusteller | Dauer nach Versand |\n|---|---|---|\n"
        "| Nordseeinseln | Inselpost | 4-6 Werktage |\n| Festland | Paketblitz | 1-2 Werktage |"
    )
    facts = read(use_embedder, cache, text, "Versand", "de")
    transit = {(f.scope.region, f.value, f.max_value) for f in used(facts, "shipping.transit_time")}
    assert transit == {("Nordseeinseln", 4, 6), ("Festland", 1, 2)}
    carriers = {(f.scope.region, f.value) for f in used(facts, "shipping.carrier")}
    assert carriers == {("Nordseeinseln", "Inselpost"), ("Festland", "Paketblitz")}


# --- the sentence that closes the list of destinations ---------------------------------------------------------


def test_destinations_labelled_above_a_sentence_that_says_there_are_no_others(use_embedder, cache):
    text = (
        "Dinamarca: PostNord, 2 a 4 días hábiles.\n\nIslandia: 7 a 10 días hábiles.\n\n"
        "Por ahora no hacemos envíos a ningún otro destino."
    )
    facts = read(use_embedder, cache, text, "Envíos", "es")
    assert [sorted(f.value) for f in used(facts, "shipping.regions")] == [["Dinamarca", "Islandia"]]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Leveringen buiten Nederland en België zijn helaas niet mogelijk.", ["België", "Nederland"]),
        (
            "Nous livrons seulement en Belgique et au Luxembourg (pas en Allemagne, par exemple).",
            ["Belgique", "Luxembourg"],
        ),
    ],
)
def test_places_named_in_a_sentence_that_limits_delivery_to_them(use_embedder, cache, text, places):
    facts = read(use_embedder, cache, text, "Shipping")
    assert [sorted(f.value) for f in used(facts, "shipping.regions")] == [sorted(places)]


def test_a_sentence_naming_places_the_shop_does_not_serve_gives_no_destination_list(use_embedder, cache):
    for text in (
        "Shipping to Greenland and the Faroe Islands is not available.",
        "Nach Grönland und Island liefern wir nicht.",
    ):
        assert used(read(use_embedder, cache, text, "Shipping"), "shipping.regions") == []


# --- training and cache ----------------------------------------------------------------------------------------


def test_the_reader_is_trained_once_and_kept_on_disk(use_embedder, tmp_path):
    reader_module._READERS.clear()
    first = reader_module.policy_reader(use_embedder, tmp_path)
    saved = list((tmp_path / "policy_reader").glob("*.pkl"))
    assert first is not None and len(saved) == 1
    assert reader_module.policy_reader(use_embedder, tmp_path) is first  # in memory
    reader_module._READERS.clear()
    again = reader_module.policy_reader(use_embedder, tmp_path)  # from disk, same readings
    assert again is not first
    assert again.list_intro("Nicht umtauschbar") == first.list_intro("Nicht umtauschbar")


def test_a_fake_encoder_gets_no_reader_and_the_rules_still_read():
    from retrievers.embeddings import FakeEmbedder

    facts = extract_facts(
        [PolicyChunk("c1", "You can return items within 21 days of delivery.", "Returns")], FakeEmbedder()
    )
    assert [(f.value, f.unit) for f in used(facts, "returns.window")] == [(21, "day")]


# --- durations in sentences no cue word reads --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slot", "value", "unit"),
    [
        (
            "Should our own price drop within 12 days of buying, write to us and we pay back the gap.",
            "prices.adjustment_window",
            12,
            "day",
        ),
        (
            "Marked as delivered but not on your doorstep? Wait 4 business days and ask next door first.",
            "lost.not_received_wait",
            4,
            "business_day",
        ),
        (
            "Sollte sich die Sendungsverfolgung 6 Werktage lang nicht bewegen, melde dich bitte bei uns.",
            "lost.report_after",
            6,
            "business_day",
        ),
    ],
)
def test_a_duration_in_words_no_cue_reads_is_given_its_slot_by_the_reader(use_embedder, cache, text, slot, value, unit):
    facts = read(use_embedder, cache, text, "Help")
    assert [(f.value, f.unit) for f in used(facts, slot)] == [(value, unit)]


def test_a_duration_that_states_no_policy_slot_is_no_fact(use_embedder, cache):
    for text in (
        "Our studio has been making ceramics for 17 years.",
        "Unser Chat antwortet meist innerhalb von 8 Minuten.",
    ):
        facts = read(use_embedder, cache, text, "About us")
        assert [f for f in facts if not f.needs_review] == []


def test_the_reply_templates_are_training_text_for_every_duration_slot():
    from assist.policy_extract.slot_reader import TEMPLATE_SLOTS, template_pairs

    pairs = template_pairs(7)
    assert {slot for _, slot in pairs} == set(TEMPLATE_SLOTS.values())
    assert not any("{" in text for text, _ in pairs)  # every placeholder filled
    assert template_pairs(7) == pairs  # the same text on every run
