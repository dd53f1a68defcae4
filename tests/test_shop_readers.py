"""The shop's own ask-topic reader (assist/shop_readers.py): the sentences of the shop's policy its facts were read
from, as exemplars of the topics those facts answer, so a buyer who writes the shop's words in a language no
exemplar covers is read. The Welsh shop below is written for these tests (no exemplar file is Welsh)."""

from __future__ import annotations

import threading
import time

import pytest

from assist.ask_topics import exemplar_languages
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.shop_readers import policy_exemplars, shop_reader, start, start_waiting

RETURNS = "Gallwch ddychwelyd unrhyw eitem o fewn 30 diwrnod i'w derbyn."
POSTAGE = "Mae postio i unrhyw gyfeiriad yng Nghymru yn costio £4."
WARRANTY = "Mae gwarant o ddwy flynedd ar bob tegell a thostiwr."
ADDRESS = "Gellir newid y cyfeiriad danfon cyn i'r parsel adael y warws yn unig."
FACTS = PolicyFacts(
    shop="siop-gymreig",
    facts=[
        PolicyFact(slot="returns.window", value=30, unit="day", sentence=RETURNS),
        PolicyFact(
            slot="refunds.time",
            value=5,
            unit="business_day",
            sentence="Bydd yr ad-daliad yn cyrraedd eich cyfrif o fewn 5 diwrnod gwaith.",
        ),
        PolicyFact(slot="shipping.cost", value=4, unit="GBP", sentence=POSTAGE),
        PolicyFact(slot="warranty.length", value=2, unit="year", sentence=WARRANTY),
        PolicyFact(slot="address_change.rule", value="before_shipping", sentence=ADDRESS),
    ],
)


def test_each_cited_sentence_teaches_the_topic_its_fact_answers() -> None:
    pairs = dict(policy_exemplars(FACTS))
    assert pairs[RETURNS] == "return"
    assert pairs[POSTAGE] == "shipping_cost"
    assert pairs[ADDRESS] == "address_change"
    assert len(pairs) == 5


def test_a_sentence_whose_facts_answer_two_topics_or_none_teaches_nothing() -> None:
    mixed = "Returns are free within 30 days; the parcel leaves within 2 days."
    facts = PolicyFacts(
        shop="t",
        facts=[
            PolicyFact(slot="returns.window", value=30, unit="day", sentence=mixed),
            PolicyFact(slot="shipping.dispatch_time", value=2, unit="day", sentence=mixed),
            PolicyFact(slot="other", value="gift wrap", sentence="We wrap gifts for free."),
            PolicyFact(slot="returns.window", value=30, unit="day"),  # set by hand: no sentence
        ],
    )
    assert policy_exemplars(facts) == ()


def test_no_shop_reader_without_cited_facts_or_for_an_encoder_without_a_name() -> None:
    assert shop_reader(lambda texts: [[0.0] for _ in texts], FACTS, wait=True) is None  # a fake encoder
    assert shop_reader(lambda texts: [[0.0] for _ in texts], PolicyFacts(shop="t", facts=[]), wait=True) is None


def test_the_shop_reader_serves_languages_the_shared_exemplars_are_not_written_in() -> None:
    assert {"en", "de", "ja"} <= exemplar_languages()
    assert "cy" not in exemplar_languages()  # the Welsh shop's buyers: read by the shop's reader


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "topic"),
    [("Faint yw'r postio?", "shipping_cost"), ("Alla i newid y cyfeiriad?", "address_change")],
)
def test_the_shop_reader_reads_a_buyer_who_writes_the_shops_words(
    use_embedder, tmp_path_factory, question: str, topic: str
) -> None:
    reader = shop_reader(use_embedder.embed, FACTS, tmp_path_factory.mktemp("cache"), wait=True)
    assert reader is not None
    assert reader.read([question])[0].topic == topic


class _NamedEncoder:
    """An encoder with a name (so the shop's reader is built over it) that records each build and fails it: ``calls``
    counts every build, ``shop_calls`` those of the Welsh shop's reader (a test process may hold other shops that
    wait for a second encoder, looked up by earlier tests: their builds over this encoder are not the Welsh shop's)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls = 0
        self.shop_calls = 0
        self.called = threading.Event()

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        if any("Gallwch ddychwelyd" in text for text in texts):  # RETURNS, its number masked
            self.shop_calls += 1
            self.called.set()
        raise RuntimeError("no vectors in this test")


class _LoadedServices:
    def __init__(self, embedder: _NamedEncoder) -> None:
        self.embedder = embedder  # loaded, as a server's warm-up leaves it


def test_loading_a_shops_facts_starts_its_reader_once() -> None:
    encoder = _NamedEncoder("test-encoder-start")
    start(_LoadedServices(encoder), FACTS)
    assert encoder.called.wait(30), "the shop's reader was not started when its facts were loaded"
    calls = encoder.calls
    start(_LoadedServices(encoder), FACTS)  # the next lookup of the same facts: no second build
    time.sleep(0.2)
    assert encoder.calls == calls


def test_loading_a_shop_without_cited_facts_starts_nothing() -> None:
    encoder = _NamedEncoder("test-encoder-none")
    start(_LoadedServices(encoder), PolicyFacts(shop="t", facts=[]))
    time.sleep(0.2)
    assert encoder.calls == 0


class _ServicesBeforeTheSecondEncoder:
    """A server's services at its first shop lookup: the first encoder loaded, the second not yet."""

    def __init__(self, embedder: _NamedEncoder) -> None:
        self.embedder = embedder


def test_a_shop_looked_up_before_the_second_encoder_loads_gets_its_reader_once_the_warm_up_loads_it() -> None:
    first, second = _NamedEncoder("test-encoder-first"), _NamedEncoder("test-encoder-second")
    services = _ServicesBeforeTheSecondEncoder(first)
    start(services, FACTS)  # the sign-in's lookup, while the warm-up still runs
    assert first.called.wait(30)
    time.sleep(0.2)
    assert second.calls == 0
    services.second_embedder = second  # type: ignore[attr-defined]  # the warm-up has loaded it
    start_waiting(services)
    assert second.called.wait(30), "the shop's reader over the second encoder was not started after it loaded"
    time.sleep(0.2)
    assert (first.shop_calls, second.shop_calls) == (1, 1)  # the first encoder's reader was started at the lookup
    start_waiting(services)  # nothing waits any more: no build again
    time.sleep(0.2)
    assert (first.shop_calls, second.shop_calls) == (1, 1)
