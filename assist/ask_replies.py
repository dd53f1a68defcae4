"""A reply that answers each ask in order, from policy facts and computed answers, in the buyer's language.

Sentences live in ``assist/resources/replies/answers/<language>.yaml`` (written natively for en, de,
fr, es, it, pt, ja, zh). Numbers, money, dates and lists are written in the buyer's locale with babel;
durations use the file's unit words with CLDR plural rules (assist/reply_format.py). Item classes the
policy excludes stay in the shop's own words, quoted. The reply follows the buyer's variety of their
language (assist/reply_variety.py); what it says per topic is in assist/reply_topics.py.

Each ask gets the sentences its answers call for; an ask no fact answers is reported as *uncovered*
(:class:`AskCoverage`) and the reply says nothing about it: no generic filler. The reply declares every
fact it states (``policy_fact.<slot>`` and ``answer.<key>``) and cites the policy chunks they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from assist import regions, replies
from assist.answers import Answer, answers_for, effective_topics, reply_region
from assist.asks import Ask
from assist.models import AskCoverage, Fact, Order, PolicyPassage
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.quality.claims import damage_context
from assist.reply_format import (  # noqa: F401  (re-exported: the reply's formatting, as before the split)
    answer_languages,
    carrier_name,
    fact_text,
    format_day,
    format_duration,
    format_money,
    format_number,
    format_words,
    load_answers,
    quoted,
)
from assist.reply_orders import unknown_order
from assist.reply_topics import write_topic
from assist.reply_variety import in_variety, reply_variety
from assist.reply_writer import Sentence, Writer
from assist.scoped_facts import writes_name
from assist.shop_rules import rule_label, rule_value, rules_asked

# topics whose answer needs the order (without it, the reply asks for the order number)
NEEDS_ORDER = frozenset({"order_status", "cancel", "address_change"})
# topics about one order: where it is, whether it is lost (a named order number that matches none: ask again)
ORDER_BOUND = NEEDS_ORDER | {"lost"}
# of those, the topics whose shop-wide rule still answers the buyer while the order is unknown ("orders can be
# cancelled until they ship"); the others would only list every region's times
RULE_WITHOUT_ORDER = frozenset({"cancel", "address_change"})


# --- the reply -----------------------------------------------------------------------------


def _place_known(guess: Answer | None, home: str | None) -> bool:
    """Whether the reply knows the shop region the buyer's place lies in, or knows it lies abroad in none: not
    when no region holds a place in the shop's own country (a city the gazetteer cannot read, or only the shop's
    country to go by), where each region's value is stated instead of none."""
    if guess is None:
        return False
    if guess.value is not None:
        return True
    return home is None or guess.inputs.get("country") != home


@dataclass
class AskReply:
    text: str | None
    facts: list[Fact]
    citations: list[str]
    coverage: list[AskCoverage]
    language: str
    per_ask: list[list[Sentence]] = field(default_factory=list)  # each ask's own sentences, in order
    variety: str | None = None  # the variety of ``language`` it is written in ("pt-BR", "zh-Hant"), if any
    found: list[list[Answer]] = field(default_factory=list)  # each ask's answers, before the reply writes them


def answer_asks(
    language: str,
    asks: list[Ask],
    facts: PolicyFacts,
    order: Order | None,
    now: datetime,
    *,
    buyer_name: str | None = None,
    policies: list[PolicyPassage] | None = None,
    shop_settings: dict[str, Any] | None = None,
    currency: str | None = None,
    buyer_language: str | None = None,
) -> AskReply:
    """The reply that answers ``asks`` in order, and each ask's coverage. An ask no fact answers gets a holding
    line that names it (the agent checks it); ``text`` is None only when there are no asks. ``buyer_language``: the
    language the buyer writes in, where the reply's is another (a language with no templates gets English): a
    language few in the shop's country speak tells a buyer abroad."""
    slots = replies.build_slots(language, order, policies or [], shop_settings or {}, buyer_name, now)
    body: list[Sentence] = []
    coverage: list[AskCoverage] = []
    per_ask: list[list[Sentence]] = []
    found_per_ask: list[list[Answer]] = []
    turn = " ".join(a.text for a in asks)
    # the buyer's variety (pt-BR / pt-PT, zh-Hant / zh-Hans, es-419 / es-ES): their words, else the order's country,
    # else the shop's own (its policy text, its currency)
    where_to = regions.order_country(order, turn)
    variety = reply_variety(
        language,
        turn,
        regions.country_of(where_to.country) if where_to else None,
        shop_text=" ".join(p.text for p in policies or [] if p.language == language),
        currency=currency or (order.currency if order else None),
    )
    phrases = in_variety(replies.load_replies(language), variety, "phrases", language)
    sentences_of = in_variety(load_answers(language), variety, "answers", language)["sentences"]
    paid_with = payment_scope(turn, facts)
    home = regions.shop_home_country(currency or (order.currency if order else None), shop_settings, facts)
    # an order number the buyer names that matches no order: the reply asks for the right one
    unknown = unknown_order(turn, order, (shop_settings or {}).get("order_id_pattern"))
    own_fault = any(t in ("damage", "wrong_item", "warranty") for a in asks for t in a.topics) or damage_context(turn)
    cancel_asked = False
    asked = {t for a in asks for t in a.topics}
    for ask in asks:
        topics = implied_topics(ask, order, asked)
        where = ask.text if regions.country_in_text(ask.text) else turn
        found = answers_for(
            topics,
            facts,
            order,
            now,
            text=where,
            skus=ask.items or None,
            currency=currency,
            shop_settings=shop_settings,
            payment_method=paid_with,
            buyer_language=buyer_language or language,
        )
        if cancel_asked and ask.topic == "refund":
            found = cancellation_refund(found, facts)
        cancel_asked = cancel_asked or "cancel" in ask.topics
        found_per_ask.append(found)
        guess = next((a for a in found if a.key == "order_region"), None)
        region_name = reply_region(guess, facts, language) if guess and guess.value else None
        w = Writer(language, region_name, variety)
        w.own_fault, w.facts, w.place_known = own_fault, facts, _place_known(guess, home)
        if guess is not None:
            w.place, w.home = str(guess.inputs.get("place") or guess.inputs.get("country") or "") or None, home
        status_asked = ask.topic == "order_status" or (
            "order_status" in topics and ask.topic in ("lost", "shipping_time")  # "shipped today: when will it come?"
        )
        if unknown is not None and ask.topic in ORDER_BOUND:  # not the shop's times for every region
            w.out.append(Sentence(sentences_of["order_unknown"].format(order_id=unknown)))
            w.notes.append(f"no order found for {unknown}: the reply asks for the right order number")
        elif status_asked and order is not None:
            status = replies._phrase(phrases, f"status.{order.status}", slots, policies or [])
            if status is not None:
                declared, cited = _carrier_of_policy(status.facts, status.citations, found)
                w.out.append(Sentence(status.text, declared, cited))
                w.notes.append(f"order status: {order.status}")
        blind = unknown is not None and ask.topic in ORDER_BOUND  # the ask is about an order no one has found
        for topic in effective_topics(topics, order):
            if not blind or topic in RULE_WITHOUT_ORDER:
                write_topic(w, topic, found, order)
        ruled = _say_rules(w, rules_asked(ask.text, facts))  # the shop's own rules the ask is about
        if not w.out and ask.topic in NEEDS_ORDER and order is None:
            w.out.append(Sentence(sentences_of["need_order"]))
            w.notes.append("no order found: the reply asks for the order number")
        regional = any(
            f.field.startswith(("policy_fact.shipping", "policy_fact.customs")) for s in w.out for f in s.facts
        )
        if guess is not None and guess.value and regional:  # which input placed the order, for the agent
            w.notes.append(guess.note)
        per_ask.append(list(w.out))
        covered = bool(w.out) and not w.unanswered  # a dispatch cut-off alone does not say how long delivery takes
        if not covered:  # an honest holding line that names the open question, never filler
            w.out.append(Sentence(sentences_of["open_question"].format(ask=ask_quote(ask))))
            w.notes += w.unanswered
        for sentence in w.out:
            if all(sentence.text != b.text for b in body):
                body.append(sentence)
        coverage.append(
            AskCoverage(
                text=ask.text,
                intent=ask.intent,
                topics=effective_topics([*topics, "other"] if ruled else topics, order),
                items=ask.items,
                covered=covered,
                answers=list(dict.fromkeys(w.notes)),
                note=None if covered else _uncovered_note(ask),
            )
        )
    tag = variety.tag if variety else None
    if variety is not None and coverage:  # the card says which variety the reply follows, and why
        coverage[0].answers.append(variety.note)
    if not body:
        return AskReply(None, [], [], coverage, language, per_ask, tag, found_per_ask)
    data = phrases
    greeting = data["greeting"]["named"] if "first_name" in slots else data["greeting"]["anonymous"]
    opening = replies._fill(greeting, slots, policies or []) or replies.Rendered(data["greeting"]["anonymous"])
    text = f"{opening.text}\n\n{data['joiner'].join(s.text for s in body)}\n\n{data['closing']}"
    facts_out: list[Fact] = []
    for s in body:
        facts_out += [f for f in s.facts if f not in facts_out]
    citations = list(dict.fromkeys(c for s in body for c in s.citations))
    facts_out, citations = _regions_cited(facts_out, citations, policies or [], facts)
    return AskReply(text, facts_out, citations, coverage, language, per_ask, tag, found_per_ask)


def _carrier_of_policy(declared: list[Fact], citations: list[str], found: list[Answer]) -> tuple[list[Fact], list[str]]:
    """A status line that names the order's carrier states the shop's carrier too where the policy names the same one
    ("shipped with DPD" of a shop that ships with DPD): declared as the policy fact as well, cited by its sentence."""
    said = next((f.value for f in declared if f.field == "order.carrier" and f.value.strip()), None)
    if said is None:
        return declared, citations
    for answer in found:
        named = str(answer.value or "").strip() if answer.key == "fact" and answer.slot == "shipping.carrier" else ""
        if named and (named.casefold() in said.casefold() or said.casefold() in named.casefold()):
            fact = Fact(field="policy_fact.shipping.carrier", value=named)
            return [*declared, fact], list(dict.fromkeys([*citations, *answer.citations]))
    return declared, citations


def _say_rules(w: Writer, rules: list[PolicyFact]) -> bool:
    """States each of the shop's own rules an ask is about, its label in the shop's words and its value written in the
    reply's language ("Our rule on “blaendal llogi”: £100.00."); whether one was stated."""
    from assist.answer_model import fact_answer

    said = False
    for rule in rules:
        label, value = rule_label(rule), rule_value(rule, w.language, w.data)
        if label and value:
            said = w.say("shop_rule", [fact_answer(rule)], rule=quoted([label], w.language), value=value) or said
    return said


def _regions_cited(
    declared: list[Fact], citations: list[str], policies: list[PolicyPassage], facts: PolicyFacts
) -> tuple[list[Fact], list[str]]:
    """The order's region a reply declares, cited by the passage that names it in those words ("Channel Islands"
    in the delivery table); else grounded by a fact the shop set by hand (no passage) whose sentence names it;
    left out where neither does. Without passages (a reply built from the facts alone) it stands as it is."""
    if not policies:
        return declared, citations
    by_hand = [f.sentence.casefold() for f in facts.facts if f.chunk_id is None and f.sentence and f.scope.region]
    kept: list[Fact] = []
    for fact in declared:
        if fact.field == "answer.order_region":
            naming = [p.id for p in policies if fact.value.casefold() in p.text.casefold()]
            if not naming and not any(fact.value.casefold() in sentence for sentence in by_hand):
                continue
            if naming and not set(naming) & set(citations):
                citations = [*citations, naming[0]]
        kept.append(fact)
    return kept, citations


DELIVERY_QUESTIONS = ("shipping_cost", "shipping_time")  # what a buyer weighing an order asks of its delivery


def implied_topics(ask: Ask, order: Order | None = None, asked: set[str] | None = None) -> list[str]:
    """The topics a reply to ``ask`` answers: its own, and the damage report a return of an item the ask says
    arrived damaged or defective also is ("the lid is cracked, can I send it back?"): the report window, and
    whether it still runs, decide the remedy as much as the return window does. Shipping costs asked in the same
    breath as a return are the return's ("can I send it back, and who pays the postage?"). With no order, a question
    on what delivery costs or how long it takes answers the other too, unless another ask of the turn (``asked``: every
    topic the turn's asks name) asks it: a buyer weighing an order asks both, often in one clause no cue word splits
    ("Sa kushton dergesa dhe sa dite zgjat?", "näçe manat we näçe günde?")."""
    topics = list(ask.topics)
    delivery = [t for t in topics if t in DELIVERY_QUESTIONS]
    if order is None and len(delivery) == 1 and not {"return", "return_cost"} & set(topics):
        other = next(t for t in DELIVERY_QUESTIONS if t != delivery[0])
        if other not in (asked or set()):
            topics.insert(topics.index(delivery[0]) + 1, other)
    if "return" in topics and "shipping_cost" in topics and "return_cost" not in topics:
        topics[topics.index("shipping_cost")] = "return_cost"  # the shipping a return asks about: the return's
    elif "return" in topics and "shipping_cost" in topics:  # "我想退货，运费谁付？": one cost, the return's
        topics.remove("shipping_cost")
    if "lost" in topics and "order_status" not in topics and order is not None and order.status == "shipped":
        topics.insert(topics.index("lost") + 1, "order_status")  # "is it lost?": when it left decides whether it is
    if "return" in topics and not {"damage", "wrong_item"} & set(topics) and damage_context(ask.text):
        topics.insert(topics.index("return") + 1, "damage")
    return topics


def cancellation_refund(found: list[Answer], facts: PolicyFacts) -> list[Answer]:
    """A refund asked after a cancellation in the same turn ("Can I cancel? When do I get my money back?") is the
    cancellation's refund: its time, where the shop states one, not the refund time of a return."""
    from assist.answer_model import fact_answer

    cancelled = facts.get("cancellation.refund_time")
    if cancelled is None or not any(a.slot == "refunds.time" for a in found):
        return found
    kept = [a for a in found if a.slot != "refunds.time" or a.key != "fact"]
    return [fact_answer(cancelled), *kept]


def payment_scope(text: str, facts: PolicyFacts) -> str | None:
    """The payment-method scope of the shop's facts that the buyer's words name ("contrassegno" ~ "contra
    reembolso"), as the facts write it; None when the buyer names none of them."""
    from assist.asks import payment_kinds

    named = payment_kinds(text)
    scopes = list(dict.fromkeys(f.scope.payment_method for f in facts.facts if f.scope.payment_method))
    best: tuple[int, int, str] | None = None  # the scope of the most kinds the buyer names, then of the fewest others
    for scope in scopes if named else []:
        # a scope that lists several methods ("cartão ou PayPal") holds each of them: read each part on its own
        kinds = payment_kinds(scope or "").union(*(payment_kinds(part) for part in _parts(scope or "")))
        if scope and kinds & named and (best is None or (len(kinds & named), -len(kinds - named)) > best[:2]):
            best = (len(kinds & named), -len(kinds - named), scope)  # "card in instalments": the instalment plan's
    if best is not None:
        return best[2]
    # a method no kind names, written out as the scope lists it ("e-wallet (GoPay, OVO, DANA)": "pakai OVO")
    listed = (
        scope for scope in scopes if scope and any(writes_name(text, n, capitals=True) for n in _method_names(scope))
    )
    return next(listed, None)


def _parts(scope: str) -> list[str]:
    """The methods a payment scope lists, its bracketed examples too ("e-wallet (GoPay, OVO)" -> e-wallet, GoPay,
    OVO)."""
    return [part.strip() for part in _LISTED.split(re.sub(r"[()（）\[\]]", ",", scope)) if part.strip()]


def _method_names(scope: str) -> list[str]:
    """The names a payment scope lists: each part, and each word of a part that is written as a name, in capitals or
    with a capital inside ("Ví MoMo" -> MoMo)."""
    parts = _parts(scope)
    brands = [w for p in parts for w in p.split() if w.isupper() or any(c.isupper() for c in w[1:])]
    return list(dict.fromkeys([*parts, *brands]))


# the joints of a list of payment methods: commas, slashes and "or"/"and" in the languages buyers write
_LISTED = re.compile(
    r"\s*[,/;+&]\s*|\s+(?:or|and|ou|et|o|y|e|oder|und|of|en|eller|och|og|tai|ja|lub|albo|i|nebo|a|alebo|vagy|és"
    r"|veya|ve|или|и|або|та|ή|και|hoặc|và|atau|dan)\s+|\s*(?:または|或|和|及|또는|및)\s*",
    re.IGNORECASE,
)


def ask_quote(ask: Ask, limit: int = 90) -> str:
    """The ask in the buyer's words, for a holding line: its question (else the sentence with its topic, else
    its first sentence). Figures and ids are left out ("…"): the reply never repeats an unchecked number."""
    from assist.asks import is_question, sentences, topics_of

    pieces = sentences(ask.text) or [ask.text]
    asking = [p for p in pieces if is_question(p)] or [p for p in pieces if topics_of(p)] or pieces
    text = _FIGURE.sub("…", asking[0]).strip().strip('“”„"«»「」')
    text = re.sub(r"…(\s*…)+", "…", text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_FIGURE = re.compile(r"[^\s]*\d[^\s]*")


def _uncovered_note(ask: Ask) -> str:
    if ask.topic == "other":
        return "no policy fact answers this ask (topic not recognised): answer it yourself"
    return f"no policy fact of this shop answers this ask ({ask.topic}): answer it yourself or add the fact"
