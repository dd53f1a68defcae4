"""The second encoder: policy chunks in a language the first encoder does not read are read with the second one, and
its scores are put on the first's scale. Fast tests use recording hash embedders; one slow test loads the real
multilingual-e5-small. Every sentence here is written for the test."""

from __future__ import annotations

import numpy as np
import pytest

from assist.config import Settings
from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_extract.calibration import cross_validated_top, matched
from assist.policy_extract.reader import Head, PolicyReader, centre_of, prepared
from assist.services import Services
from retrievers.embeddings import USE_LANGUAGES, FakeEmbedder, UniversalSentenceEncoder, reads


class Recording(FakeEmbedder):
    """A hash embedder that remembers every text it was asked to embed."""

    def __init__(self, languages: frozenset[str] | None = None) -> None:
        super().__init__()
        self.languages = languages
        self.seen: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return super().embed(texts)


ENGLISH = "Unused goods may be sent back within 20 days after they reach you."
CZECH = "Nepoužité zboží nám můžete poslat zpět do 20 dnů od jeho doručení."


def _chunks() -> list[PolicyChunk]:
    return [
        PolicyChunk("en-1", ENGLISH, "Returns", "en", "terms.md"),
        PolicyChunk("cs-1", CZECH, "Vrácení zboží", "cs", "terms.md"),
    ]


def test_the_first_encoder_reads_its_own_languages_only():
    first = UniversalSentenceEncoder()  # not loaded: only its list of languages is asked
    assert reads(first, "pl") and reads(first, "zh-Hant") and reads(first, "pt_BR")
    assert not reads(first, "cs") and not reads(first, "fi") and not reads(first, "sv")
    assert reads(first, None)  # no language to go by: the first encoder reads it, as before
    assert reads(Recording(), "fi")  # an encoder that lists no languages reads all
    assert "fi" not in USE_LANGUAGES and "ja" in USE_LANGUAGES


def test_a_chunk_in_a_language_the_first_does_not_read_goes_to_the_second():
    first, second = Recording(frozenset({"en", "de"})), Recording()
    extract_facts(_chunks(), first, second_embedder=second)
    assert ENGLISH in first.seen and ENGLISH not in second.seen
    assert CZECH in second.seen and CZECH not in first.seen


def test_without_a_second_encoder_the_first_reads_everything_and_the_facts_are_the_same():
    alone = Recording(frozenset({"en"}))
    facts_alone = extract_facts(_chunks(), alone)
    assert ENGLISH in alone.seen and CZECH in alone.seen
    first, second = Recording(frozenset({"en"})), Recording()
    facts_both = extract_facts(_chunks(), first, second_embedder=second)
    english = [(f.slot, f.value, f.unit) for f in facts_alone if f.chunk_id == "en-1"]
    assert english and english == [(f.slot, f.value, f.unit) for f in facts_both if f.chunk_id == "en-1"]


def test_a_chunk_without_a_language_is_read_in_the_language_the_detector_finds():
    first, second = Recording(frozenset({"en"})), Recording()
    finnish = "Käyttämättömän tuotteen voi lähettää takaisin kolmen viikon kuluessa sen saapumisesta."
    extract_facts([PolicyChunk("x", finnish, "Palautukset", None, "ehdot.md")], first, second_embedder=second)
    assert finnish in second.seen and finnish not in first.seen


def test_a_chunk_whose_document_is_read_in_a_language_the_first_does_not_read_goes_to_the_second():
    from assist.policy_extract.second_encoder import Encoders

    first, second = Recording(frozenset({"en", "it"})), Recording()
    chunk = PolicyChunk("x", "Za a iya mayar da kaya cikin makonni biyu.", "Mayarwa", "it", "sharudda.md")
    assert Encoders(first, second).for_chunk(chunk) is first  # the detector's guess: a language the first reads
    assert Encoders(first, second, languages={"x": "ha"}).for_chunk(chunk) is second  # its document's language
    assert Encoders(first, second, languages={"x": "en"}).for_chunk(chunk) is first


def test_a_quantile_map_puts_a_crowded_scale_onto_a_spread_one():
    rng = np.random.default_rng(3)
    crowded = rng.uniform(0.75, 0.9, 2000)  # a second encoder whose scores all sit high
    spread = rng.uniform(0.0, 1.0, 2000)
    scale = matched(crowded, spread, -1.0, 1.0)
    assert scale(0.825) == pytest.approx(0.5, abs=0.05)  # the median onto the median
    assert scale(0.76) < 0.15 and scale(0.89) > 0.85
    assert scale(-1.0) == -1.0 and scale(1.0) == 1.0  # the ends stay where they are
    points = [scale(x) for x in np.linspace(-1, 1, 41)]
    assert points == sorted(points)  # monotone: a surer reading never reads less sure


def test_a_reader_with_a_scale_reports_probabilities_on_it():
    from sklearn.linear_model import LogisticRegression

    vectors = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
    model = LogisticRegression().fit(vectors, [0, 0, 1, 1])
    heads = {"topic": Head(["returns", "shipping"], model)}

    class Fixed:
        def embed(self, texts: list[str]) -> np.ndarray:
            return np.array([[1.0, 0.2]] * len(texts))

    plain = PolicyReader(heads, Fixed()).topics(["x"])[0]
    halved = PolicyReader(heads, Fixed(), {"topic": lambda p: p / 2}).topics(["x"])[0]
    assert plain[0] == halved[0] == "returns"
    assert halved[1] == pytest.approx(plain[1] / 2)


def test_vectors_that_crowd_together_are_read_centred_and_spread_ones_as_they_are():
    rng = np.random.default_rng(5)
    spread = rng.normal(size=(300, 32))
    assert centre_of(spread) is None
    crowded = 4.0 * np.ones(32) + rng.normal(size=(300, 32))  # every vector near one direction
    centre = centre_of(crowded)
    assert centre is not None
    unit = prepared(crowded, None)
    centred = prepared(crowded, centre)
    off_diagonal = ~np.eye(len(unit), dtype=bool)
    assert (unit @ unit.T)[off_diagonal].mean() > 0.8
    assert abs((centred @ centred.T)[off_diagonal].mean()) < 0.1
    assert np.allclose(np.linalg.norm(centred, axis=1), 1.0, atol=1e-5)


def test_calibration_reads_each_text_with_a_head_that_never_saw_its_language():
    # Each label has its own word in each language ("parcel"/"Paket", "money"/"Geld"): a head that saw the language
    # reads its texts surely, one trained on the other language only cannot.
    english = [
        ("the parcel left our warehouse this morning and travels by road", "shipping"),
        ("your parcel is carried by a courier to the address you gave", "shipping"),
        ("every parcel gets a tracking number when it leaves", "shipping"),
        ("the money goes back to the card you paid with", "refunds"),
        ("we send the money back within a few days of the return", "refunds"),
        ("your money is paid back once we have checked the item", "refunds"),
    ]
    german = [
        ("das Paket verlässt heute unser Lager und fährt mit der Spedition", "shipping"),
        ("ihr Paket wird von einem Kurier an ihre Adresse gebracht", "shipping"),
        ("jedes Paket bekommt eine Sendungsnummer wenn es unser Haus verlässt", "shipping"),
        ("das Geld geht zurück auf die Karte mit der sie bezahlt haben", "refunds"),
        ("wir überweisen das Geld innerhalb weniger Tage nach der Rücksendung", "refunds"),
        ("ihr Geld wird erstattet sobald wir die Ware geprüft haben", "refunds"),
    ]
    pairs = (english + german) * 2  # a few of each, so that a head trained on a language reads it surely
    vectors = FakeEmbedder(256).embed([t for t, _ in pairs])
    in_sample = PolicyReader({"h": _fitted(pairs, vectors)}, None)
    sure = [p for _, p in in_sample.heads["h"].read(vectors)]
    held_out = cross_validated_top(pairs, vectors)
    assert min(sure) > 0.7
    assert held_out.max() < 0.7 and held_out.mean() < np.mean(sure) - 0.2


def _fitted(pairs: list[tuple[str, str]], vectors: np.ndarray) -> Head:
    from assist.policy_extract.reader import classifier

    labels = sorted({label for _, label in pairs})
    model = classifier().fit(prepared(vectors, None), [labels.index(label) for _, label in pairs])
    return Head(labels, model)


def test_services_with_a_fake_encoder_load_no_second_encoder(tmp_path):
    services = Services(Settings(data_dir=tmp_path), embedder=FakeEmbedder())
    assert services.second_embedder is None


@pytest.mark.slow
def test_the_second_encoder_reads_czech_and_finnish_paraphrases_of_english_policy_sentences():
    from retrievers.embeddings import MultilingualE5Small

    e5 = MultilingualE5Small()
    assert e5.languages is None
    english = [
        "Unused goods may be sent back within 20 days after they reach you.",
        "The warranty on heaters lasts three years.",
        "Parcels to Sweden take four to six working days.",
    ]
    others = [
        "Topení mají záruku tři roky.",  # cs: the warranty
        "Paketit Ruotsiin kulkevat neljästä kuuteen arkipäivää.",  # fi: the transit time
        "Nepoužité zboží nám můžete poslat zpět do 20 dnů od jeho doručení.",  # cs: the return window
    ]
    vectors = e5.embed(english + others)
    assert vectors.shape == (6, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    nearest = (vectors[3:] @ vectors[:3].T).argmax(axis=1)
    assert list(nearest) == [1, 2, 0]
