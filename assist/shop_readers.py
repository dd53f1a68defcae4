"""The shop's own ask-topic reader: the learned reader (:mod:`assist.ask_topics`) trained on its exemplars plus the
sentences of the shop's policy that its facts were read from, each as an example of the topic its facts answer.

A buyer who writes in a language no cue word and no exemplar covers (Turkmen to an Azerbaijani shop, Icelandic,
Bengali, Kazakh, Swahili...) often writes the shop's own words ("pul", "çatdırılma", the shop's name for the
service): the shop's sentences teach the reader those words in the shop's language, with no list of any language's
words. Measured on the tuning buyers who write without cue words (FRESH-P to FRESH-T, 25 languages): 75 of 130 asked
topics read instead of 65, with one more wrong topic.

Used for buyers whose language the shared exemplars are not written in (:func:`assist.ask_topics.exemplar_languages`,
:func:`assist.analysis._shop_reader`): for the others the shop's sentences shifted a few readings the wrong way (4 of
the demo shop's 36 top suggestions changed, 3 for the worse). Built once per encoder and shop sentences, from the
shipped heads (seconds: the new sentences encoded, two logistic regressions), on a background thread
(:mod:`assist.background_models`): until it is ready, and for a shop with no cited facts, the turn is read by the
shared reader. Its building starts when the API loads the shop's policy facts (:func:`start`), not at the first
buyer who needs it; :func:`prepare` builds it in the foreground (benches).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assist.background_models import BackgroundBuilds

# (encoder name, shop sentences) -> TopicModel: ~15-20 MB each, so a server of many shops keeps the readers of the
# shops asked most recently (a policy update also makes a new key) and builds another again at its next need
SHOPS_KEPT = 16
_BUILDS = BackgroundBuilds("shop ask-topic readers", keep=SHOPS_KEPT)
_STARTED: OrderedDict[int, None] = OrderedDict()  # the (encoder, shop sentences) whose building a lookup started
STARTED_KEPT = 4096
# the facts of the shops looked up before the second encoder was loaded: their readers over it start once it is
# (:func:`start_waiting`, the server's warm-up), so a server's first buyer in such a language finds them built
_WAITING: OrderedDict[tuple[tuple[str, str], ...], Any] = OrderedDict()
# topics whose facts a policy sentence states but whose buyer asks are about the order itself, not the rule
_ORDER_TOPICS = frozenset({"order_status", "wrong_item"})


def policy_exemplars(facts: Any) -> tuple[tuple[str, str], ...]:
    """(sentence, topic) for each sentence of the shop's own policy a fact was read from, by the topic that fact
    answers (:data:`assist.answers.TOPIC_SLOTS`). A sentence whose facts answer different topics, or none (a slot
    that answers both the return and its cost), teaches nothing."""
    from assist.answers import TOPIC_SLOTS

    answering: dict[str, set[str]] = {}
    for topic, slots in TOPIC_SLOTS.items():
        for slot in slots:
            answering.setdefault(slot, set()).add(topic)
    topics_of: dict[str, set[str]] = {}
    for fact in getattr(facts, "facts", None) or []:
        text = " ".join(str(fact.sentence or "").split())
        if not text or fact.slot not in answering:
            continue
        own = answering[fact.slot] - _ORDER_TOPICS or answering[fact.slot]
        topics_of[text] = topics_of[text] & own if text in topics_of else set(own)
    return tuple((text, next(iter(own))) for text, own in topics_of.items() if len(own) == 1)


def shop_reader(
    embed: Callable[[list[str]], Any], facts: Any, cache_dir: Path | None = None, *, wait: bool = False
) -> Any:
    """The shop's reader over ``embed`` (a TopicModel); None for a shop without cited facts, an encoder without a
    name (a test fake), or while it is being built (without ``wait``: its building starts on a background thread)."""
    from assist.ask_topics import encoder_name, topic_model

    name = encoder_name(embed)
    own = policy_exemplars(facts) if name is not None else ()
    if not own:
        return None
    return _BUILDS.get((name, own), lambda: topic_model(embed, own, cache_dir), wait=wait)


def start(services: Any, facts: Any) -> None:
    """Start building the shop's readers on background threads when its policy facts are loaded or updated (the API's
    shop lookup), so its first buyer in a language the shared exemplars do not cover finds them built. Once per
    encoder and shop sentences: one dropped since (:data:`SHOPS_KEPT`) is built again at its next need only, so a
    server of more shops than it keeps does not rebuild them at each lookup. The second encoder only where it is
    loaded already: loading it is no work for a lookup; the server's warm-up loads it, then starts the readers of the
    shops looked up before (:func:`start_waiting`)."""
    from assist.ask_topics import encoder_name

    cache_dir = getattr(getattr(services, "settings", None), "cache_dir", None)
    loaded = getattr(services, "__dict__", {})
    own = policy_exemplars(facts)
    if own and "second_embedder" not in loaded:
        _WAITING[own] = facts
        while len(_WAITING) > SHOPS_KEPT:
            _WAITING.popitem(last=False)
    for encoder in (loaded.get("embedder"), loaded.get("second_embedder")):
        if encoder is None or (name := encoder_name(encoder.embed)) is None:
            continue
        if not own or hash((name, own)) in _STARTED:
            continue
        _STARTED[hash((name, own))] = None
        while len(_STARTED) > STARTED_KEPT:
            _STARTED.popitem(last=False)
        shop_reader(encoder.embed, facts, cache_dir)


def start_waiting(services: Any) -> None:
    """Start building, over both encoders now loaded, the readers of the shops looked up before the second encoder
    was (the server's warm-up, once it has loaded it): the first buyer after a start who writes in a language only
    the shop's reader reads (Swahili to a Kenyan shop) then finds it built, not a holding reply."""
    waiting = list(_WAITING.values())
    _WAITING.clear()
    for facts in waiting:
        start(services, facts)


def prepare(services: Any, facts: Any) -> None:
    """Build the shop's readers over both encoders now (a bench must not depend on a background thread's timing)."""
    cache_dir = getattr(getattr(services, "settings", None), "cache_dir", None)
    for encoder in (services.embedder, getattr(services, "second_embedder", None)):
        if encoder is not None:
            shop_reader(encoder.embed, facts, cache_dir, wait=True)
