"""The sentences a case summary is made of, all taken from the conversation itself.

* :func:`conversation_sentences`: every sentence with its speaker and message, greetings, thanks and
  signatures marked as small talk (they carry no case content);
* :func:`central_sentences`: a short paragraph: the most central sentences (cosine to the others in
  the embedder's space, so any language works) chosen with maximal marginal relevance, so two
  sentences saying the same thing are not both taken; kept in conversation order;
* :func:`buyer_asks`: what the buyer asked, in their own words (``assist.asks`` on each buyer message);
* :func:`agent_commitments`: agent sentences that report an action, promise one, or state a date or
  an amount;
* :func:`supported`: whether a sentence (an LLM summary's claim) is backed by the conversation:
  its numbers, dates and ids occur there, and its content words do (same language) or its meaning is
  close to a conversation sentence (embeddings, any language).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from assist.models import Conversation, Order
from assist.quality import lexicon as lx

if TYPE_CHECKING:
    from retrievers.embeddings import Embedder

# Shorter sentences carry no case content; ~50 words of paragraph at most (a glance, not a transcript).
MIN_CONTENT_TOKENS = 3
MAX_PARAGRAPH_WORDS = 45
MAX_PARAGRAPH_SENTENCES = 3
MMR_LAMBDA = 0.9  # centrality weighs most; redundancy still discounts (chosen on DialogSum dev, confirmed on test)
MAX_REDUNDANCY = 0.8  # a sentence this close to one already chosen says the same thing: never taken
SUPPORT_COVERAGE = 0.6  # share of a claim's content words found in the conversation
SUPPORT_SIMILARITY = 0.55  # cosine to the closest conversation sentence (cross-language claims)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])|\n+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_REPEATED_MARK = re.compile(r"([?!？！])(?:\s*\1)+")
_NO_END = re.compile(
    r"(?:\b\d{1,2}\.(?:\d{1,2}\.)?|\b(?:[A-Z]|No|Nr|ca|bzw|etc|approx|Mr|Mrs|Ms|Dr|St|z\.B|e\.g|i\.e)\.)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")
# Function words of the 8 languages: a claim's other words must come from the conversation.
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being am do does did
    have has had it its this that these those there here i you he she we they me him her us them my your his our
    their not no so too very can could will would shall should may might must just also then than about into
    over up down out off again all any some more most such only own same what which who whom when where why how
    der die das und oder ein eine einen dem den des ist sind war ich sie wir er es zu mit von für auf im in nicht
    le la les un une des et ou de du au aux est sont je vous nous il elle pour avec dans sur pas ne que qui
    el los las y o un una es son yo usted nosotros para con en por no que se lo su al del
    o os as e um uma é são eu você nós para com em por não que se do da dos das ao
    il lo gli i e un una è sono io lei noi per con in su non che di del della al""".split()
)
# Words a summary uses to report speech ("the customer asks whether..."): not content to find in the chat.
REPORTING_WORDS = frozenset(
    """customer customers buyer buyers client agent agents seller shop store support team ask asks asked says said
    report reports reported want wants wanted request requests requested mention mentions mentioned state states
    stated explain explains explained confirm confirms confirmed inform informs informed tell tells told would
    like whether also kunde kundin käufer käuferin fragt möchte bittet sagt client cliente clienta demande
    pregunta quiere""".split()
)


@dataclass(frozen=True)
class Sentence:
    text: str
    role: str  # customer | agent
    message_index: int
    small_talk: bool


def split_sentences(text: str) -> list[str]:
    """Sentences of any script; a dot after a day or month ("vom 02.11. noch") or an abbreviation does not
    end one."""
    out: list[str] = []
    for piece in (p.strip() for p in _SENTENCE_END.split(text) if p and p.strip()):
        if out and _NO_END.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _signature(text: str) -> bool:
    """A sign-off line: a few capitalised words and nothing else ("Jonas, Nordlicht Goods", "— Tom")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return 0 < len(words) <= 4 and all(w[0].isupper() for w in words) and not re.search(r"[?？!！]", text)


def tokens(text: str) -> list[str]:
    """Lower-cased words and numbers; CJK text as single characters."""
    plain = unicodedata.normalize("NFKC", text).casefold()
    return [t for chunk in _WORD.findall(plain) for t in (list(chunk) if _CJK.search(chunk) else [chunk])]


def content_tokens(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or _CJK.match(t) or t.isdigit())]


def claim_tokens(text: str) -> list[str]:
    """A summary sentence's content words, less the words it uses to report speech."""
    return [t for t in content_tokens(text) if t not in REPORTING_WORDS]


def _small_talk(text: str, names: list[str]) -> bool:
    rest = text
    for pattern in (lx.GREETING, lx.CLOSING, lx.BUYER_THANKS):
        rest = pattern.sub(" ", rest)
    for name in names:
        rest = re.sub(re.escape(name), " ", rest, flags=re.IGNORECASE)
    left = content_tokens(rest)
    needed = 4 if _CJK.search(rest) else MIN_CONTENT_TOKENS
    return len(left) < needed


def conversation_sentences(conversation: Conversation) -> list[Sentence]:
    names = [n for n in [conversation.customer.name, *(m.author for m in conversation.messages)] if n]
    out = []
    for index, message in enumerate(conversation.messages):
        lines = [line for line in message.text.splitlines() if line.strip()]
        last_line = lines[-1].strip() if len(lines) > 1 else None
        for text in split_sentences(message.text):
            noise = _small_talk(text, names) or (text == last_line and _signature(text))
            out.append(Sentence(text if noise else strip_greeting(text), message.role, index, noise))
    return out


def strip_greeting(text: str) -> str:
    """The sentence without a greeting in front ("Hallo, ich habe ..." -> "ich habe ..."); still verbatim."""
    m = lx.GREETING.match(text.lstrip())
    if m is None:
        return text
    rest = text.lstrip()[m.end() :]
    if rest[:1] not in {",", "!", ".", ":", " ", "，", "！", "、"}:
        return text
    rest = rest.lstrip(",!.: ，！、")
    return rest if len(content_tokens(rest)) >= MIN_CONTENT_TOKENS else text


def _words(text: str) -> int:
    return len(tokens(text)) if not _CJK.search(text) else max(1, len(text) // 2)


def central_sentences(sentences: list[Sentence], embedder: Embedder | None) -> list[Sentence]:
    """Up to ``MAX_PARAGRAPH_SENTENCES`` central, mutually different sentences, in conversation order."""
    pool = [s for s in sentences if not s.small_talk] or [s for s in sentences if content_tokens(s.text)]
    if not pool:
        return []
    if embedder is None or len(pool) <= 1:
        return pool[:1]
    vectors = np.asarray(embedder.embed([s.text for s in pool]), dtype=np.float64)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    similarity = vectors @ vectors.T
    centrality = (similarity.sum(axis=1) - 1.0) / max(len(pool) - 1, 1)
    chosen: list[int] = []
    words = 0
    while len(chosen) < min(MAX_PARAGRAPH_SENTENCES, len(pool)):
        best, best_score = -1, -np.inf
        for i in range(len(pool)):
            if i in chosen:
                continue
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            if redundancy > MAX_REDUNDANCY:
                continue
            score = MMR_LAMBDA * centrality[i] - (1 - MMR_LAMBDA) * redundancy
            if score > best_score:
                best, best_score = i, score
        if best < 0 or (chosen and words + _words(pool[best].text) > MAX_PARAGRAPH_WORDS):
            break
        chosen.append(best)
        words += _words(pool[best].text)
    return [pool[i] for i in sorted(chosen)]


def buyer_asks(conversation: Conversation, limit: int = 4) -> list[str]:
    """The buyer's questions and requests as written (``assist.asks``), oldest first, the latest kept."""
    from assist.asks import is_question, split_asks

    asks: list[str] = []
    for message in conversation.customer_messages():
        for ask in split_asks(message.text):
            text = _REPEATED_MARK.sub(r"\1", ask.text)
            if (ask.topic != "other" or is_question(text)) and text not in asks:
                asks.append(text)
    if not asks:  # a request without a question mark or a known topic: the buyer's first real sentences
        first = [s.text for s in conversation_sentences(conversation) if s.role == "customer" and not s.small_talk]
        asks = first[:2]
    return asks[-limit:]


def _states_date_or_amount(text: str) -> bool:
    from assist.facts import extract_mentions

    return any(m.kind == "date" or (m.kind == "number" and m.text != "1") for m in extract_mentions(text))


def agent_commitments(
    conversation: Conversation, done: re.Pattern[str], promise: re.Pattern[str], limit: int = 5
) -> tuple[list[str], list[str]]:
    """``(did, promised)``: agent sentences reporting an action (or stating a date or amount), and
    sentences promising one. Small talk counts only when it reports or promises an action."""
    did: list[str] = []
    promised: list[str] = []
    for sentence in conversation_sentences(conversation):
        if sentence.role != "agent":
            continue
        if done.search(sentence.text):
            did.append(sentence.text)
        elif promise.search(sentence.text):
            promised.append(sentence.text)
        elif not sentence.small_talk and _states_date_or_amount(sentence.text):
            did.append(sentence.text)
    return did[-limit:], promised[-limit:]


def supported(
    claim: str,
    conversation: Conversation,
    order: Order | None,
    embedder: Embedder | None,
    conversation_vectors: np.ndarray | None = None,
    translations: tuple[str, ...] = (),
) -> bool:
    """True when the claim's facts and content come from the conversation (or the order's facts).
    ``translations`` (the buyer's words in the agent's language) count for content words, never for facts."""
    from assist.facts import Grounding, unsupported

    grounding = Grounding.build(order, extra=[m.text for m in conversation.messages])
    if unsupported(claim, grounding):
        return False
    words = claim_tokens(claim)
    if not words:
        return True
    source = set(content_tokens(" ".join([*(m.text for m in conversation.messages), *translations])))
    if order is not None:
        source |= set(content_tokens(" ".join([order.order_id, order.status, *(i.name for i in order.items)])))
    if sum(1 for w in words if w in source) / len(words) >= SUPPORT_COVERAGE:
        return True
    if embedder is None or conversation_vectors is None or not len(conversation_vectors):
        return False
    claim_vector = np.asarray(embedder.embed([claim]), dtype=np.float64)[0]
    claim_vector /= max(float(np.linalg.norm(claim_vector)), 1e-12)
    return float((conversation_vectors @ claim_vector).max()) >= SUPPORT_SIMILARITY


def sentence_vectors(conversation: Conversation, embedder: Embedder | None) -> np.ndarray | None:
    if embedder is None:
        return None
    sentences = [s.text for s in conversation_sentences(conversation)]
    if not sentences:
        return None
    # sentences, pairs of neighbours and whole messages: a claim may condense more than one sentence
    pairs = [f"{a} {b}" for a, b in zip(sentences, sentences[1:], strict=False)]
    texts = list(dict.fromkeys(sentences + pairs + [m.text for m in conversation.messages]))
    vectors = np.asarray(embedder.embed(texts), dtype=np.float64)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
