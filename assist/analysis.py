"""The card's analysis step: the buyer's language, order, translation, intent, asks and policies.

Everything before the reply (:class:`Analysis`), the input of suggestions and summary. The offline
engines (``llm=False``) are the chat-model-free copies of the shop's translator and classifier, whose
deterministic answers are remembered per input (the sidebar re-sends the same conversation).
"""

from __future__ import annotations

import asyncio
import copy
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assist import replies
from assist.card_steps import is_store_failure, timed
from assist.errors import AssistError, InvalidInput
from assist.models import Conversation, IntentPrediction, LanguageGuess, Order, Translation
from assist.reply_language import reply_language
from assist.suggest import ReplyContext

if TYPE_CHECKING:
    from assist.services import Services

log = logging.getLogger("assist.pipeline")
POLICY_K = 6


@dataclass
class Shop:
    """What the pipeline needs to know about the caller's shop (api.deps.ShopContext fits)."""

    id: int
    settings: dict[str, Any] = field(default_factory=dict)
    facts: Any = None  # the shop's effective PolicyFacts, when known (see shop_facts)


@dataclass
class Analysis:
    """Everything before the reply: the inputs of suggestions and summary."""

    context: ReplyContext
    language: LanguageGuess
    translation: Translation | None
    order_lookup: str
    other_orders: list[str]
    timings_ms: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _lookup_order(services: Services, shop: Any, conversation: Conversation) -> tuple[Order | None, str, list[str]]:
    from retrievers.orders import find_order_ids, find_orders

    pattern = shop.settings.get("order_id_pattern")
    orders = find_orders(services.order_store, shop.id, conversation, pattern)
    mentioned = list(conversation.order_ids)
    for message in conversation.messages:
        mentioned += [i for i in find_order_ids(message.text, pattern) if i not in mentioned]
    if orders:
        order = orders[0]
        how = (
            f"order {order.order_id} mentioned in the conversation"
            if order.order_id.upper() in {m.upper() for m in mentioned}
            else f"the buyer's latest order ({order.order_id})"
        )
        return order, how, [o.order_id for o in orders[1:]]
    if mentioned:
        return None, f"order id(s) {', '.join(mentioned)} not found in this shop: check the id with the buyer", []
    return None, "no order id in the conversation and no known customer id: ask the buyer for the order number", []


class MemoTranslator:
    """Offline translations remembered by their input (the offline engines are deterministic): a
    conversation is re-sent on every keystroke pause, and the summary and the back-translations
    translate the same sentences again; each is translated (gist and reading aid included) once.
    Degraded answers (a deadline, an engine failure) are never remembered."""

    def __init__(self, inner: Any, size: int = 4096) -> None:
        self.inner = inner
        self.size = size
        self._memo: OrderedDict[tuple[Any, ...], Translation] = OrderedDict()
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def translate(self, text: str, target_language: str, source_language: str | None = None, **kw: Any) -> Any:
        if kw.get("classify") is not None:  # the caller's own intent for the gist: not the same answer
            return self.inner.translate(text, target_language, source_language, **kw)
        key = (text, target_language, source_language, tuple(sorted(kw.items())))
        with self._lock:
            found = self._memo.get(key)
            if found is not None:
                self._memo.move_to_end(key)
        if found is None:
            found = self.inner.translate(text, target_language, source_language, **kw)
            if not found.degraded:
                with self._lock:
                    self._memo[key] = found
                    while len(self._memo) > self.size:
                        self._memo.popitem(last=False)
        return found.model_copy(deep=True)


def offline_translator(services: Services) -> Any:
    """The translator without its chat-model engine (what answers in milliseconds), remembering answers."""
    kept = services.__dict__.setdefault("_offline_engines", {})
    translator = services.translator
    if id(translator) in kept:
        return kept[id(translator)]
    from assist.translate import ChatTranslator

    offline = translator
    engines = getattr(translator, "engines", None)
    if services.chat_model is not None and engines is not None:
        offline = copy.copy(translator)  # shares the detector, cache and engines' locks
        offline.engines = [e for e in engines if not isinstance(e, ChatTranslator)]
        if getattr(offline, "classify", None) is not None:  # the gist's intent: no model vote either
            offline.classify = lambda text: offline_intent(services, {}).predict(text)
    return kept.setdefault(id(translator), MemoTranslator(offline))


def offline_intent(services: Services, shop_settings: dict[str, Any]) -> Any:
    """The shop's intent classifier without the chat-model vote (same trained model)."""
    classifier = services.intent_classifier(shop_settings)
    if getattr(classifier, "chat_model", None) is None:
        return classifier
    kept = services.__dict__.setdefault("_offline_engines", {})
    if id(classifier) not in kept:
        clone = copy.copy(classifier)
        clone.chat_model = None
        kept[id(classifier)] = clone
    return kept[id(classifier)]


def _offline_prediction(services: Services, classifier: Any, conversation: Conversation) -> IntentPrediction:
    """The offline classifier's answer, remembered per conversation state: the sidebar re-sends the same
    conversation on every keystroke pause, and the classifier is deterministic."""
    memo: OrderedDict[tuple[Any, ...], IntentPrediction] = services.__dict__.setdefault("_intent_memo", OrderedDict())
    key = (id(classifier), tuple((m.role, m.text) for m in conversation.messages))
    found = memo.get(key)
    if found is None:
        found = classifier.predict_conversation(conversation)
        memo[key] = found
        while len(memo) > 2048:
            memo.popitem(last=False)
    return found.model_copy(deep=True)


def _buyer_language(services: Services, conversation: Conversation, agent_language: str) -> LanguageGuess:
    from assist.language import buyer_language

    guess = buyer_language(services.language_detector, conversation)
    if guess.language == "und":
        return LanguageGuess(language=conversation.customer.language or agent_language, confidence=0.0)
    return guess


def _prediction(future: Future[IntentPrediction], fallback: IntentPrediction) -> IntentPrediction:
    try:
        return future.result(timeout=60)
    except Exception:  # the intent step reports its own failure
        return fallback


async def analyse(
    services: Services,
    shop: Any,
    conversation: Conversation,
    agent_language: str,
    *,
    llm: bool = True,
    reading_aid: bool = True,
) -> Analysis:
    """Language, order, translation, intent and policies for the conversation (``llm=False``: the
    offline engines only, even when a chat model is configured; ``reading_aid=False``: when no engine
    translates the pair, the gist without the word-by-word reading aid, which the card sends after)."""
    if not conversation.customer_messages():
        raise InvalidInput("the conversation has no customer message: add the buyer's messages (role 'customer')")
    timings: dict[str, float] = {}
    notes: list[str] = []
    buyer_text = conversation.customer_text(last=3)
    language, (order, lookup, others) = await asyncio.gather(
        timed("language", timings, notes, lambda: _buyer_language(services, conversation, agent_language)),
        timed(
            "order_lookup",
            timings,
            notes,
            lambda: _lookup_order(services, shop, conversation),
            default=(None, "order lookup failed", []),
        ),
    )
    lang = language.language
    # the reply's language, and the asks read language-neutrally where the guess is a template language the
    # buyer's words do not bear out (assist/reply_language.py)
    written = reply_language(lang, buyer_text, replies.supported_languages(), language.confidence)

    fallback_intent = IntentPrediction(intent="other", confidence=0.0, engine="none")
    predicted: Future[IntentPrediction] = Future()

    def classify_conversation() -> IntentPrediction:
        try:
            if llm:
                result = services.intent_classifier(shop.settings).predict_conversation(conversation)
            else:
                result = _offline_prediction(services, offline_intent(services, shop.settings), conversation)
        except BaseException as exc:
            predicted.set_exception(exc)
            raise
        predicted.set_result(result)
        return result

    def translate() -> Translation:
        # The offline gist (when no engine serves the pair) reuses the intent step's prediction.
        translator = services.translator if llm else offline_translator(services)
        return translator.translate(
            buyer_text,
            agent_language,
            lang,
            order_id_pattern=shop.settings.get("order_id_pattern"),
            classify=lambda _text: _prediction(predicted, fallback_intent),
            **({} if reading_aid else {"reading_aid": False}),
        )

    intent, translation = await asyncio.gather(  # intent first: on one thread, the gist waits for it
        timed("intent", timings, notes, classify_conversation, default=fallback_intent),
        timed("translation", timings, notes, translate, default=None),
    )
    # a gloss (word-by-word reading aid) is for the agent's eyes, not a query or a summary
    translated = translation.text if translation is not None and translation.engine not in ("none", "gloss") else None
    query = translated or buyer_text
    policies = await timed(
        "policies",
        timings,
        notes,
        lambda: services.policy_index.search(shop.id, query, POLICY_K, intents=[intent.intent], language=lang),
        default=[],
    )
    asks = await timed(
        "asks", timings, notes, lambda: _split_asks(services, shop, conversation, order, written.read_as), default=[]
    )
    context = ReplyContext(
        conversation=conversation,
        buyer_language=lang,
        agent_language=agent_language,
        reply_language=written.language,
        language_note=written.note,
        buyer_text=buyer_text,
        translated_text=translated,
        intent=intent,
        order=order,
        policies=policies,
        shop_settings=dict(shop.settings),
        facts=shop_facts(services, shop),
        asks=asks,
    )
    return Analysis(context, language, translation, lookup, others, timings, notes)


def _split_asks(
    services: Services, shop: Any, conversation: Conversation, order: Order | None, language: str | None = None
) -> list[Any]:
    """The buyer's latest turn as asks, each classified by the shop's intent classifier (assist/asks.py); in a
    language the first encoder does not read, by the second encoder's readers once trained (assist/ask_readers.py)."""
    from assist.ask_readers import readers_for
    from assist.asks import conversation_asks

    readers = readers_for(services, shop.settings, language)
    own = _shop_reader(services, shop, readers.embed, language)
    if readers.second:
        learned = own or readers.learned
        return conversation_asks(conversation, readers.classify, order, readers.embed, learned=learned)
    classifier = services.intent_classifier(shop.settings)
    embed = services.embedder.embed
    names = _remembered_names(services, classifier)
    return conversation_asks(conversation, names, order, embed, learned=own or _topic_reader(services, embed))


def _shop_reader(services: Services, shop: Any, embed: Any, language: str | None) -> Any:
    """The shop's own ask-topic reader over ``embed`` (its policy sentences as exemplars, :mod:`assist.shop_readers`)
    for a buyer whose language the shared exemplars are not written in; None for the others (the shop's sentences
    shifted some of their readings the wrong way: a price question read as a lost parcel on the demo shop), while it
    is built on a background thread, or where the shop has no cited facts."""
    from assist.ask_topics import exemplar_languages
    from assist.shop_readers import shop_reader

    if language and language.split("-")[0].casefold() in exemplar_languages():
        return None
    return shop_reader(embed, shop_facts(services, shop), getattr(services.settings, "cache_dir", None))


def _topic_reader(services: Services, embed: Any) -> Any:
    """The learned ask-topic reader for ``embed``, found once per services: finding it re-derives the
    exemplars' content key (masking, serialising and hashing ~3,000 exemplars), which cost about a sixth
    of a first-sight card's CPU when done per card."""
    from assist.ask_topics import topic_model

    memo: dict[int, Any] = services.__dict__.setdefault("_topic_readers", {})
    owner = id(getattr(embed, "__self__", embed))
    if owner not in memo:
        memo[owner] = topic_model(embed)
    return memo[owner]


def _remembered_names(services: Services, classifier: Any) -> Callable[[list[str]], list[str]]:
    """``classifier.predict_many`` (deterministic: no model vote) remembered per input, for re-sent conversations."""
    memo: OrderedDict[tuple[Any, ...], list[str]] = services.__dict__.setdefault("_intent_names_memo", OrderedDict())

    def predict_many(texts: list[str]) -> list[str]:
        key = (id(classifier), tuple(texts))
        found = memo.get(key)
        if found is None:
            found = list(classifier.predict_many(texts))
            memo[key] = found
            while len(memo) > 4096:
                memo.popitem(last=False)
        return list(found)

    return predict_many


def shop_facts(services: Services, shop: Any) -> Any:
    """The shop's effective PolicyFacts: the ``facts`` the caller's shop carries, else
    ``services.policy_facts(shop_id)`` when the service offers it; None when neither knows any."""
    facts = getattr(shop, "facts", None)
    if facts is not None:
        return facts
    load = getattr(services, "policy_facts", None)
    if not callable(load):
        return None
    try:
        return load(shop.id)
    except AssistError as exc:
        log.warning("policy facts unavailable: %s", exc)
        return None
    except Exception as exc:
        if not is_store_failure(exc):
            raise
        log.warning("policy facts unavailable: %r", exc)
        return None
