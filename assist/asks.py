"""The buyer's latest turn(s), split into asks: one question or request each, with its intent, its
topic and the order items it concerns.

A buyer often asks two things at once ("when does it arrive, and will I pay import tax?"). The
reply must answer each, so the text is split at sentence level and then at clause level where a
conjunction starts a second question ("... and will I ..."). Each piece gets:

- ``intent``: the shop's intent classifier (the same one the card uses), run on the piece;
- ``topics``: what it is about, finer than the intent (customs, return_cost, cancel...), from the
  multilingual patterns in ``assist/resources/asks.yaml``, else from the intent; the topic decides
  which policy facts and computed answers answer it (:mod:`assist.answers`);
- ``items``: the SKUs of the order lines the piece names (by a distinctive word of the item name).

Pieces that ask nothing ("Hi", "Thanks!", "I ordered last week.") are context: they are joined to
the ask that follows them (or the one before, at the end). Works in every language: sentence ends
include ``。！？`` (and Greek ``;``), and the CJK clause separators ``、，``. A turn in a language the first encoder
does not read is read by the second encoder's topic reader and intent classifier (:mod:`assist.ask_readers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, Field

from assist.ask_cues import (  # noqa: F401  (re-exported: the cue lines and text splitting, as before the split)
    RESOURCE,
    _bare,
    _rules,
    asks_how_long,
    asks_no_topic,
    clauses,
    is_follow_up,
    is_question,
    items_named,
    own_mistake,
    payment_kinds,
    reports_done,
    sentences,
    topic_names,
    topics_of,
)
from assist.models import Conversation, Order


class Ask(BaseModel):
    """One thing the buyer asks, as written, with what it is about."""

    text: str = Field(description="The ask as the buyer wrote it (with its context sentences).")
    intent: str = Field(description="The shop's intent classifier on this ask alone.")
    topics: list[str] = Field(default_factory=list, description="What it is about; the first is the main topic.")
    items: list[str] = Field(default_factory=list, description="SKUs of the order lines this ask names.")

    @property
    def topic(self) -> str:
        return self.topics[0] if self.topics else "other"


DONE_TOPICS = frozenset({"cancel", "return", "order_status"})  # what a report of a done action reads as
SHIPPING_ASKS = frozenset({"shipping_cost", "customs", "order_status"})  # a "how long?" after these asks the transit


def _cost_after_return(own: list[str], previous: Ask | None) -> bool:
    """A question on the shipping cost alone right after a return ask, in the same sentence ("Can I send it back,
    and what will the postage cost me?"): the cost of sending it back."""
    return previous is not None and previous.topic == "return" and own == ["shipping_cost"]


def _how_long_after_shipping(text: str, previous: Ask | None) -> bool:
    """A bare "how long?" after a question on shipping costs, customs or the order's status: the delivery time."""
    if previous is None or previous.topic not in SHIPPING_ASKS:
        return False
    return asks_how_long(text)


Classify = Callable[[list[str]], Sequence[str]]
Embed = Callable[[list[str]], Any]  # texts -> one vector per text (the multilingual encoder, ``Embedder.embed``)
# an ask no pattern reads takes its nearest exemplars' topic when the match is this close and this far ahead
NEAREST_AT_LEAST = 0.45
NEAREST_AHEAD_BY = 0.08
NEAR_MATCH = 0.6  # a match this close needs less lead ("Berapa hari pengiriman": transit 0.65, shipping cost 0.58)
NEAR_AHEAD_BY = 0.05
_EXEMPLAR_VECTORS: dict[Any, tuple[list[str], Any]] = {}


def _exemplar_vectors(embed: Embed) -> tuple[list[str], Any]:
    import numpy as np

    owner = getattr(embed, "__self__", embed)  # one matrix per encoder, computed once
    found = _EXEMPLAR_VECTORS.get(owner)
    if found is None:
        data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8")).get("exemplars", {})
        names = [topic for topic, texts in data.items() for _ in texts]
        vectors = np.asarray(embed([t for texts in data.values() for t in texts]), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
        found = _EXEMPLAR_VECTORS[owner] = (names, vectors)
    return found


def nearest_topics(pieces: list[str], embed: Embed, intents: list[str | None] | None = None) -> list[str | None]:
    """For each piece, the topic whose exemplars (``asks.yaml``: ``exemplars``, several languages) the encoder
    finds nearest, or None when no topic is close enough or clearly ahead: the fallback for questions no cue
    pattern reads ("kira-kira berapa lama pengirimannya?", "收到的時候需要付關稅嗎？"). Where the piece's intent
    names a topic (``intents``) and the encoder rates that topic nearly as high, the intent's topic stands."""
    import numpy as np

    if not pieces:
        return []
    from_intent = _rules()["from_intent"]
    wanted = intents or [None] * len(pieces)
    names, vectors = _exemplar_vectors(embed)
    queries = np.asarray(embed(pieces), dtype=np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True) + 1e-9
    sims = queries @ vectors.T
    out: list[str | None] = []
    for row, intent in zip(sims, wanted, strict=True):
        best: dict[str, float] = {}
        for name, sim in zip(names, row.tolist(), strict=True):
            best[name] = max(best.get(name, -1.0), sim)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        top, second = ranked[0], ranked[1] if len(ranked) > 1 else ("", -1.0)
        lead = NEAR_AHEAD_BY if top[1] >= NEAR_MATCH else NEAREST_AHEAD_BY
        own = from_intent.get(intent) if intent else None
        if own is not None and best.get(own, -1.0) >= top[1] - NEAREST_AHEAD_BY - 0.02:
            out.append(None)  # the classifier's topic is about as near: keep it ("早めに送って": order status)
            continue
        out.append(top[0] if top[1] >= NEAREST_AT_LEAST and top[1] - second[1] >= lead else None)
    return out


AUTO = "auto"  # split_asks(learned=AUTO): the learned topic reader for ``embed`` (assist/ask_topics.py)
LEARNED_AT_LEAST = 0.35  # a question no cue reads takes the learned topic at this probability
INTENT_WITHIN = 0.25  # ... unless the intent's own topic is rated within this of it (the intent's topic stands)
BACK_UNLESS = 0.8  # ... unless it reads as more of the ask before it, and it alone is not read this surely
CUE_DOUBTED_BELOW = 0.6  # a question whose cue topics the reader rates below this ...
JOINT_AT_LEAST = 0.6  # ... and reads, with the ask before, as that ask's topic this surely, is more of that ask
# ... unless the ask before is one of these questions a buyer asks before buying: a question after it whose cue words
# name another of them is one more question ("How many days? Is shipping free over 50?"), whatever the reader rates
BEFORE_BUYING = frozenset({"shipping_time", "shipping_cost", "customs"})
ORDER_ONLY = frozenset({"address_change"})  # what only a placed order asks, unless the buyer's own words name it
ORDER_NUMBER = re.compile(r"\d{4,}")  # a number that may be an order's: the buyer may have one
STATEMENT_AT_LEAST = 0.75  # a statement no cue reads is an ask of the learned topic at this probability
NARRATIVE_AT_LEAST = 0.8  # a statement the reader rates this likely to ask nothing is context ("I cancelled it")
NARRATIVE_CUE_BELOW = 0.1  # ... when each topic its cue words name is rated below this
PROBLEMS = frozenset({"damage", "lost", "wrong_item", "warranty"})  # reported, never mere context
OVERRULED_AT_LEAST = 0.6  # cue words the reader doubts yield to the topic it reads this surely, when the intent agrees


def _reader(embed: Embed | None, learned: Any) -> Any:
    if learned != AUTO:
        return learned
    if embed is None:
        return None
    from assist.ask_topics import topic_model

    return topic_model(embed)


def _learned_topic(reading: Any, intent: str | None) -> str | None:
    """The learned reading's topic for a piece no cue reads: the intent's topic where the reader rates it about
    as high ("주문 … 배송 언제 되나요?": order status), else the reader's, when likely enough (else None)."""
    from assist.ask_topics import OTHER

    own = _rules()["from_intent"].get(intent) if intent else None
    if own is not None and reading.of(own) >= reading.probability - INTENT_WITHIN:
        return str(own)
    if reading.topic == OTHER or reading.probability < LEARNED_AT_LEAST:
        return None
    return str(reading.topic)


def _narrative(reading: Any, cues: list[str], intent: str | None = None) -> bool:
    """A statement that asks nothing, by the learned reader ("I cancelled the order on the 5th."): it reads
    it as no topic, and none of the topics its cue words name (without cue words: its intent's topic) as likely
    ("ordered it 2 days ago" after "can I still cancel?" is no report of a lost parcel)."""
    from assist.ask_topics import OTHER

    if reading is None or reading.topic != OTHER or reading.probability < NARRATIVE_AT_LEAST:
        return False
    if PROBLEMS & set(cues):  # a problem the buyer reports ("it arrived broken") asks for a remedy
        return False
    named = cues or topics_of("", intent)
    return all(reading.of(topic) < NARRATIVE_CUE_BELOW for topic in named)


def _overruled(reading: Any, cues: list[str], intent: str | None) -> str | None:
    """The topic that overrules a piece's cue words: the one the learned reader reads surely and the piece's intent
    names too, where the reader doubts every topic the cue words name ("पैसा कब मिलेगा?": a "when will I get it"
    cue of the parcel's arrival, read as the refund by the reader and the intent classifier alike)."""
    own = _rules()["from_intent"].get(intent) if intent else None
    if reading is None or not cues or own is None or own in cues or reading.topic != own:
        return None
    if reading.probability < OVERRULED_AT_LEAST or any(reading.of(topic) >= CUE_DOUBTED_BELOW for topic in cues):
        return None
    return str(own)


@dataclass
class _Reading:
    topics: list[str]  # the ask's topics (the intent's topic where its own words name none)
    own: list[str]  # the topics its own words name (cue patterns or the learned reader)
    question: bool
    refers_back: bool = False  # reads as more of the ask before it ("What's going on??")


def _read_piece(
    piece: str, intent: str, reading: Any, context: list[str], previous: Ask | None, reader: Any, embed: Embed | None
) -> _Reading:
    """What one piece asks about: its cue patterns; where none reads a question, the learned reader (alone,
    as more of the ask before it, then with its context); where cues name several topics, the one the
    reader rates highest first."""
    cues = topics_of(piece)
    question = is_question(piece)
    if not cues and asks_no_topic(piece):  # an invoice, a way to pay: no topic answers it, none is guessed
        return _Reading([], [], question)
    if not cues and question and previous is None and context and is_follow_up(piece):
        # "İade etmek istiyorum. Mümkün mü?": a follow-up with no ask before it asks what its context names
        joined = " ".join([*context, piece])
        named = topics_of(joined)
        if not named and reader is not None:
            learned_topic = _learned_topic(reader.read([joined])[0], intent)
            named = [learned_topic] if learned_topic else []
        if named:
            return _Reading(named, named, question)
    unread = not cues and question and not is_follow_up(piece)
    near = None
    if unread and embed is not None and reader is None:  # read with its context: "名字刻错了。能换吗？"
        near = nearest_topics([" ".join([*context, piece])], embed, [intent])[0]
    elif unread and reader is not None:
        near = _learned_topic(reading, intent)
        if previous is not None and not context and (near is None or reading.probability < BACK_UNLESS):
            joint = reader.read([f"{previous.text} {piece}"])[0]
            if joint.topic in previous.topics and joint.probability >= LEARNED_AT_LEAST:
                return _Reading(previous.topics, [], question, refers_back=True)
        if near is None and context:
            near = _learned_topic(reader.read([" ".join([*context, piece])])[0], intent)
    elif reader is not None and not cues and not question and reading.probability >= STATEMENT_AT_LEAST:
        near = _learned_topic(reading, intent)  # "balík dorazil ... krabice byla promáčknutá": damage
    elif (
        reader is not None
        and question
        and previous is not None
        and not context
        and not (previous.topic in BEFORE_BUYING and set(cues) <= BEFORE_BUYING)
        and all(reading.of(topic) < CUE_DOUBTED_BELOW for topic in cues)
    ):
        # cue words the reader does not follow: "Moet ik de plant terugsturen?" after a damaged plant
        joint = reader.read([f"{previous.text} {piece}"])[0]
        if joint.topic == previous.topic and joint.probability >= JOINT_AT_LEAST:  # its cues stay answered
            return _Reading(list(dict.fromkeys(previous.topics + cues)), [], question, refers_back=True)
    if near is None and (overruled := _overruled(reading, cues, intent)):
        return _Reading([overruled], [overruled], question)
    if reader is not None and len(cues) > 1:  # "I cancelled it – when will I see the refund?": refund first
        cues = sorted(cues, key=lambda topic: -reading.of(topic))
    if near == "wrong_item" and own_mistake(" ".join([*context, piece])):  # "I picked the wrong size": no shop error
        near = None
    if near:
        return _Reading([near], [near], question)
    if not question and _narrative(reading, cues, intent):
        return _Reading([], [], question)
    return _Reading(cues or topics_of(piece, intent), cues, question)


# a comma (the CJK ones split clauses already: clauses), or the space before a word of one to three letters: where a
# conjunction no cue knows may start a second question ("... dhe sa ditë?", "... we näçe ...?")
JOINS = re.compile(r"[,،]\s*|\s+(?=[^\W\d_]{1,3}\s)")
TWO_QUESTIONS_AT_LEAST = 0.6  # a question read, split there, as two of different topics this surely each


def _two_questions(clause: str, reader: Any) -> list[str]:
    """A question of two questions joined by a comma or a short word, in a language whose conjunctions no cue reads
    ("Жеткізу қанша тұрады, неше күнде келеді?": what does delivery cost, how many days): split there (at a comma
    first) where the learned reader reads both sides, each alone, surely as two different questions a buyer asks
    before buying, the ones asked in a row (delivery cost, days, customs), and cue words name no two topics. Other
    topics are not split: a side of them is as often a statement or a fragment of the other ("the idol is not as
    expected, can I return it?", "and the repair, how much?"), read surely as the wrong topic (measured on the
    tuning shops: 7 of 12 such comma splits wrong, 0 of 5 of the questions before buying). The part before gets the
    end's question mark."""
    joins = list(JOINS.finditer(clause)) if is_question(clause) else []
    if not joins or len(topics_of(clause)) > 1:  # cue words name both already
        return [clause]
    mark = clause.rstrip()[-1:] if clause.rstrip()[-1:] in "?？؟;" else "?"
    sides = [
        (clause[: m.start()].strip(), clause[m.end() :].strip(), "," in m.group() or "،" in m.group()) for m in joins
    ]
    sides = [(a, b, comma) for a, b, comma in sides if not _bare(a) and not _bare(b)]
    if not sides:
        return [clause]
    readings = reader.read([t for a, b, _ in sides for t in (a, b)])
    best: tuple[bool, float, list[str]] | None = None  # a comma first, then the surer split
    for i, (before, after, comma) in enumerate(sides):
        left, right = readings[2 * i], readings[2 * i + 1]
        if left.topic == right.topic or not {left.topic, right.topic} <= BEFORE_BUYING:
            continue
        sure = min(left.probability, right.probability)
        if sure >= TWO_QUESTIONS_AT_LEAST and (best is None or (comma, sure) > best[:2]):
            best = (comma, sure, [before if is_question(before) else f"{before}{mark}", after])
    return best[2] if best else [clause]


def _before_ordering(read: _Reading, piece: str) -> _Reading:
    """A piece of a buyer who has placed no order (none given, no number written), without the topics only an order
    has where no cue word of the piece names them: "can you send a lamp to <town>?", read as an address change by the
    learned reader or the intent (in Kazakh, Kyrgyz, Sinhala, Hindi, Hebrew...), asks whether the shop delivers
    there, not to change an address there is none of ("can I change the address after ordering?" keeps its cue)."""
    dropped = ORDER_ONLY & set(read.topics) - set(topics_of(piece))
    if not dropped:
        return read
    kept = [topic for topic in read.topics if topic not in dropped]
    return _Reading(kept, [topic for topic in read.own if topic not in dropped], read.question, read.refers_back)


def _where_shipped(read: _Reading, piece: str, intent: str) -> _Reading:
    """A question of a buyer who has placed no order, that no cue word, learned reader or intent gives a topic, and
    that names a place (a country or town the gazetteer reads, in any script: "Könnt ihr ein Zelt nach Simbabwe
    schicken?", "هل ترسلون ... إلى لبنان؟"): whether and how the shop delivers there, the delivery's topic (its reply
    says where the shop ships when the place lies outside its regions). Not a question the intent classifier reads as
    about the product ("Is the tea from Japan?")."""
    from assist.order_places import country_in_text

    if read.topics or not read.question or intent == "product_question" or country_in_text(piece) is None:
        return read
    return _Reading(["shipping_time"], ["shipping_time"], read.question, read.refers_back)


def split_asks(
    text: str,
    classify: Classify | None = None,
    order: Order | None = None,
    embed: Embed | None = None,
    *,
    learned: Any = AUTO,
    placed: bool = True,
) -> list[Ask]:
    """The asks in ``text``, in the order the buyer wrote them. ``classify`` names the intent of each
    piece (the shop's classifier, e.g. ``IntentClassifier.predict_many``); without it intents are 'other'.
    ``embed`` (the multilingual encoder) reads the topic of questions that no cue pattern reads: with the
    learned topic reader (``learned``: a :class:`assist.ask_topics.TopicModel`, by default the one trained for
    ``embed``; None: the nearest exemplar questions), which also tells statements that ask nothing. ``placed``: False
    where the buyer has placed no order (:func:`_before_ordering`)."""
    split = [clauses(s) for s in sentences(text)]
    reader = _reader(embed, learned)
    if reader is not None:
        split = [[p for c in parts for p in _two_questions(c, reader)] for parts in split]
    pieces = [c for parts in split for c in parts]
    joined_on = [i > 0 for parts in split for i in range(len(parts))]  # a clause of the sentence before it
    if not pieces:
        return []
    intents = list(classify(pieces)) if classify is not None else ["other"] * len(pieces)
    readings = reader.read(pieces) if reader is not None else [None] * len(pieces)
    asks: list[Ask] = []
    context: list[str] = []
    for piece, intent, reading, in_sentence in zip(pieces, intents, readings, joined_on, strict=True):
        previous = asks[-1] if asks else None
        read = _read_piece(piece, intent, reading, context, previous, reader, embed)
        if not placed:
            read = _before_ordering(read, piece)
            read = _where_shipped(read, piece, intent)
        if not read.own and _how_long_after_shipping(piece, previous):  # "¿Cuánto cuesta el envío … y cuánto tarda?"
            read = _Reading(["shipping_time"], ["shipping_time"], read.question)
        elif in_sentence and not context and _cost_after_return(read.own, previous):
            read = _Reading(["return_cost"], ["return_cost"], read.question)
        topics, own, question = read.topics, read.own, read.question
        asking = question or bool(topics) or is_follow_up(piece)  # a bare statement: context
        done = not question and set(topics) <= DONE_TOPICS and reports_done(piece)  # "I cancelled it": context
        if not asking or done or (not topics and not question and len(piece) < 25):
            context.append(piece)
            continue
        full = " ".join([*context, piece])
        context = []
        items = items_named(full, order)
        # a follow-up ("What should I do?", "Que faire ?") or a statement that adds nothing new joins the
        # ask before it; a question of its own ("Tenho de pagar imposto?") stays an ask, covered or not
        follow_up = read.refers_back or (not own and (is_follow_up(piece) or (not question and intent in ("other",))))
        same = not own and not topics and not question and previous is not None and intent == previous.intent
        if previous is not None and (follow_up or same):
            previous.text = f"{previous.text} {full}"
            if read.refers_back:
                previous.topics = list(dict.fromkeys(previous.topics + topics))
            continue
        if previous is not None and topics and topics[0] == previous.topic:
            previous.text = f"{previous.text} {full}"
            previous.items = list(dict.fromkeys(previous.items + items))
            previous.topics = list(dict.fromkeys(previous.topics + topics))  # "…能退吗？不能退的话…要买多少才包邮？"
            continue
        asks.append(Ask(text=full, intent=intent, topics=topics or ["other"], items=items))
    if context:
        if asks:
            asks[-1].text = f"{asks[-1].text} {' '.join(context)}"
        elif any(len(c) >= 4 for c in context):
            joined = " ".join(context)
            intent = intents[-1]
            asks.append(
                Ask(
                    text=joined,
                    intent=intent,
                    topics=topics_of(joined, intent) or ["other"],
                    items=items_named(joined, order),
                )
            )
    return asks


def encoder_for(language: str | None, first: Any, second: Any = None) -> Any:
    """The encoder whose vectors read a buyer's asks in ``language``: the first where it reads the language (USE:
    15 languages), else the second (multilingual-e5-small: Finnish, Hungarian, Ukrainian, Slovak...) when there is
    one. The learned topic reader and the intent classifier are each trained per encoder on the same exemplars."""
    from retrievers.embeddings import reads

    if second is None or first is None or reads(first, language):
        return first
    return second


def latest_turn(conversation: Conversation) -> str:
    """The buyer's messages since the agent last wrote (all of them when the agent never wrote)."""
    turn: list[str] = []
    for message in reversed(conversation.messages):
        if message.role != "customer":
            if turn:
                break
            continue
        turn.append(message.text)
    return "\n".join(reversed(turn))


def conversation_asks(
    conversation: Conversation,
    classify: Classify | None = None,
    order: Order | None = None,
    embed: Embed | None = None,
    *,
    learned: Any = AUTO,
) -> list[Ask]:
    """The asks of the buyer's latest turn(s). A turn that only follows up ("Is that still possible?", "Geht das
    noch?") with no topic of its own asks again what the buyer's turn before it asked (its last ask's topics)."""
    turn = latest_turn(conversation)
    placed = order is not None or bool(conversation.order_ids) or bool(ORDER_NUMBER.search(turn))
    asks = split_asks(turn, classify, order, embed, learned=learned, placed=placed)
    earlier = _turn_before(conversation)
    if not earlier:
        return asks
    before = split_asks(earlier, classify, order, embed, learned=learned)
    if not asks or any(a.topic != "other" for a in asks) or not all(is_follow_up(a.text) for a in asks):
        return [*asks, *_left_open(before, asks, _answer_before(conversation))]
    if not before or before[-1].topic == "other":
        return asks
    last = before[-1]
    return [Ask(text=turn, intent=last.intent, topics=list(last.topics), items=list(last.items))]


def _left_open(before: list[Ask], asks: list[Ask], answer: str) -> list[Ask]:
    """The questions of the buyer's turn before that the agent's answer left without a single figure ("Let me
    check", "It is on its way", "within the set period"): asked still, after the latest turn's own asks, where
    the latest turn asks another topic."""
    if not answer or re.search(r"\d", answer):
        return []
    asked = {t for a in asks for t in a.topics}
    return [a for a in before if a.topic != "other" and a.topic not in asked]


def _answer_before(conversation: Conversation) -> str:
    """The agent's messages between the buyer's turn before and the latest one."""
    answer: list[str] = []
    for message in reversed(conversation.messages):
        if message.role == "customer":
            if answer:
                break
            continue
        answer.append(message.text)
    return "\n".join(reversed(answer))


def _turn_before(conversation: Conversation) -> str:
    """The buyer's messages of the turn before the latest one (before the agent's last answer), or ""."""
    turns: list[list[str]] = [[]]
    for message in conversation.messages:
        if message.role == "customer":
            turns[-1].append(message.text)
        elif turns[-1]:
            turns.append([])
    done = [t for t in turns if t]
    return "\n".join(done[-2]) if len(done) >= 2 and turns[-1] else ""
