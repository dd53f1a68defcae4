"""Offline policy-fact extraction: chunks in, :class:`~assist.policy_facts.PolicyFact` list out.

Each chunk is split into units (:mod:`.text`); rules (:mod:`.rules`) read slot values with their scope.
When an embedder is given, every unit is also compared with the topic exemplars of
``resources/policy_slots.yaml``: agreement raises a fact's confidence, and a sentence that holds a
value but no cue word is proposed for the topic it is nearest to, marked for review.
Facts that disagree (same slot and scope, different values) keep the best-supported value; the others
stay in the list marked for review, so the shop sees them but no promise is made from them.

A chunk in a language the cue lists do not cover (:mod:`.coverage`) is read by the learned reader where cue words
would be: the topic of its headings, key cells and sentences (:mod:`.topics`), its yes/no and who-pays rules
(:mod:`.rule_reader`), the slot of a sentence's duration when both readers agree, lists after a colon; an unsure
reading goes to review.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from assist.policy_extract import destinations, dispatch, durations, lists, rules, words
from assist.policy_extract.columns import (
    delivery_by_shape,
    fee_by_content,
    fees_by_class,
    mark_time_columns,
    transit_by_content,
)
from assist.policy_extract.coverage import covered
from assist.policy_extract.cues import exemplars
from assist.policy_extract.currency import settle_dollars
from assist.policy_extract.destinations import EXAMPLES as _EXAMPLES
from assist.policy_extract.own_rules import read_own_rules, restated
from assist.policy_extract.parallel import merge_parallel
from assist.policy_extract.period_starts import refund_like_windows
from assist.policy_extract.rule_reader import read_rules
from assist.policy_extract.text import PolicyChunk, Unit, as_written, units
from assist.policy_extract.topics import agrees, heading_only, held_to_reading, read_topics
from assist.policy_extract.values import text_language, written_in
from assist.policy_facts import REVIEW_BELOW, SLOTS, FactScope, PolicyFact

AGREE = 0.45  # cosine similarity to a topic's exemplars that confirms the rule's topic
PROPOSE = 0.6  # similarity that proposes a topic for a sentence with no cue word (for review)
REVIEW_CONFIDENCE = 0.45
LEARNED_CONFIDENCE = 0.8  # a fact the learned reader read: above the review line, below a rule's cue-word reading
LOSER_CONFIDENCE = 0.5

SLOT_TOPIC = {
    "returns": "returns",
    "refunds": "refunds",
    "warranty": "warranty",
    "damage": "damage",
    "cancellation": "cancellation",
    "shipping": "shipping",
    "customs": "customs",
}


class TopicVectors:
    """Exemplar vectors per topic, embedded once per embedder."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self.topics = list(exemplars())
        texts = [s for t in self.topics for s in exemplars()[t]]
        owners = [t for t in self.topics for _ in exemplars()[t]]
        self.vectors = np.asarray(embedder.embed(texts))
        self.owners = np.array(owners)

    def similarities(self, texts: list[str]) -> list[dict[str, float]]:
        if not texts:
            return []
        sims = np.asarray(self.embedder.embed(texts)) @ self.vectors.T
        out = []
        for row in sims:
            out.append({t: float(row[self.owners == t].max()) for t in self.topics})
        return out


_VECTORS: dict[int, TopicVectors] = {}


def topic_vectors(embedder: Any) -> TopicVectors:
    key = id(embedder)
    if key not in _VECTORS:
        _VECTORS[key] = TopicVectors(embedder)
    return _VECTORS[key]


def _shipping_row(unit: Unit) -> bool:
    """A table row naming a destination and how it is shipped (a transit time or a carrier)."""
    from assist.policy_extract.scope import carrier_pattern, regions_in
    from assist.policy_extract.values import duration_values

    if unit.kind != "row" or not unit.cells or not (regions_in(unit.cells[0]) or unit.roles[:1] == ["region"]):
        return False
    rest = " | ".join(unit.cells[1:])
    return bool(duration_values(rest) or carrier_pattern().search(rest))


def _candidates(
    unit_list: list[Unit], table_rows: list[Unit] | None = None, reader: Any = None, document: list[Unit] | None = None
) -> list[rules.Candidate]:
    """Rule (and reader) readings of one chunk's units; ``document`` holds the units of its source so far, this
    chunk's last."""
    out: list[rules.Candidate] = []
    table_rows = [] if table_rows is None else table_rows  # shipping rows seen so far in the document
    i = 0
    while i < len(unit_list):
        unit = unit_list[i]
        if _shipping_row(unit):
            table_rows.append(unit)
        if unit.kind == "sentence":
            read = destinations.listed(unit) + destinations.from_table(unit, table_rows)
            earlier = document[: len(document) - len(unit_list) + i] if document is not None else unit_list[:i]
            out.extend(read or destinations.closing(unit, earlier, reader, table_rows))
        if unit.kind == "item" and not unit.intro and reader is not None and _opens_section(unit_list, i):
            # A list straight under a heading ("Non-returnable items" over its bullets): the heading introduces it.
            group = _run(unit_list, i)
            title = lists.heading(unit)
            if title:
                out.extend(words.read_list(title, group) or lists.read(reader, title, None, group))
        if unit.kind == "item" and unit.intro:
            group = _run(unit_list, i)
            i += len(group) - 1
            out.extend(words.read_list(unit.intro, group) or lists.read(reader, unit.intro, unit.intro_raw, group))
            for item in group:
                out.extend(rules.read_values(item) + words.carriers(item) + dispatch.read_dispatch(item))
            i += 1
            continue
        if not unit.question:  # a FAQ question states no rule; its topic carries to the answer
            read = words.read_words(unit)
            if _introduces_next(unit, unit_list[i + 1 : i + 2]):  # "Some items cannot be returned." + its list
                read = [c for c in read if c.slot != "returns.excluded"]
            if not covered(unit.chunk):  # "Not covered: A, B, C." in a language without full word lists
                inline = {c.slot: c for c in lists.inline(reader, unit)}  # the items after the colon, read as a list
                read = [inline.pop(c.slot, c) for c in read] + ([] if read else list(inline.values()))
            out.extend(rules.read_values(unit) + read + words.carriers(unit))
            out.extend(dispatch.read_dispatch(unit))
        i += 1
    return out


def _carry_header(unit_list: list[Unit], before: list[Unit]) -> None:
    """A table the chunker split: the rows that open a chunk, as wide as the header of the rows that closed the
    chunk before it in the same document, are that table's rows (the header stays with the first part only)."""
    last = before[-1] if before else None
    if last is None or last.kind != "row" or not last.header:
        return
    for unit in unit_list:
        if unit.kind != "row" or unit.header or len(unit.cells) != len(last.header):
            break
        unit.header = list(last.header)


def _carry_intro(unit_list: list[Unit], before: list[Unit]) -> None:
    """A table the chunker parted from the line that introduces it ("Delivery costs by weight:" closing one chunk,
    the table opening the next, in the same document): the rows that open the chunk have that line as their intro."""
    last = before[-1] if before else None
    if last is None or last.kind == "row" or not last.raw.rstrip(" *").endswith((":", "：")):
        return
    for unit in unit_list:
        if unit.kind != "row" or unit.intro:
            break
        unit.intro = last.text


def _hold_excepted(found: list[rules.Candidate]) -> None:
    """A shipping or customs rule read with no region from a sentence that names places as exceptions ("free
    shipping over 50 (excluding the islands)") holds only where they are not: served for everywhere, it would
    promise it to them too. It goes to review."""
    from assist.policy_extract.framing import excepted
    from assist.policy_extract.scope import regions_in

    for c in found:
        if not c.slot.startswith(("shipping.", "customs.")) or c.slot == "shipping.regions" or "region" in c.scope:
            continue
        text = c.unit_.text
        if any(excepted(text, start, end) for start, end, _ in regions_in(text)):
            c.confidence = min(c.confidence, REVIEW_CONFIDENCE)


def _run(unit_list: list[Unit], i: int) -> list[Unit]:
    """The list items from ``i`` on that share its intro and section."""
    first = unit_list[i]
    group = [first]
    for unit in unit_list[i + 1 :]:
        if unit.kind != "item" or unit.intro != first.intro or unit.section != first.section:
            break
        group.append(unit)
    return group


def _opens_section(unit_list: list[Unit], i: int) -> bool:
    """Whether the item at ``i`` is the first unit of its section in this chunk (nothing introduces it but the
    heading)."""
    return i == 0 or unit_list[i - 1].section != unit_list[i].section


def _introduces_next(unit: Unit, following: list[Unit]) -> bool:
    """Whether the next unit is an item of the list this sentence introduces (the list names the items)."""
    return (
        unit.kind == "sentence" and bool(following) and following[0].kind == "item" and following[0].intro == unit.text
    )


_DURATION_UNITS = frozenset({"minute", "hour", "day", "business_day", "week", "month", "year"})
SLOT_FLOOR = 0.8  # the reader's probability that makes a duration a fact (TUNE/HELD-OUT: 0.6 cost precision, 0.8 none)
SLOT_REVIEW = 0.5  # from here to the floor: proposed for review
SLOT_AGREE = 0.35  # from here, a reading the topic reader agrees with is a fact (languages without cue lists only)


def _proposals(
    unit_list: list[Unit], sims: list[dict[str, float]], taken: set[int], reader: Any = None
) -> list[rules.Candidate]:
    """Sentences with one duration but no rule reading: the slot the learned reader reads (a fact at
    :data:`SLOT_FLOOR`, for review below), else the nearest topic's duration slot, for review."""
    from assist.policy_extract.values import all_values, duration_values

    out = []
    open_units = [
        (index, unit)
        for index, unit in enumerate(unit_list)
        if index not in taken and unit.kind == "sentence" and not unit.question
    ]
    slot_of: dict[int, tuple[str, float]] = {}
    if reader is not None and open_units:
        for wide in (False, True):  # a chunk in a language the cue lists do not cover is read by the wider head
            group = [(index, u) for index, u in open_units if covered(u.chunk) != wide]
            readings = reader.duration_slot([u.text for _, u in group], wide) if group else []
            slot_of.update({index: read for (index, _), read in zip(group, readings, strict=True)})
    for index, (unit, row) in enumerate(zip(unit_list, sims, strict=True)):
        if index in taken or unit.kind != "sentence":
            continue
        found = duration_values(unit.text)
        values = all_values(unit.text)
        if len(found) != 1 or (len(values) == 1 and values[0].kind != "duration"):
            continue  # "before 15.00 h" is a clock time, not a duration
        slot, probability = slot_of.get(index, ("other", 0.0))
        # the topic reader read the unit (or its heading) as the slot's area, and as no other area more surely
        # ("we refund within 10 days after the return reaches us": refunds before returns, no return window)
        agreed = agrees(unit, slot) and next(iter(unit.read_topics), None) == slot.split(".")[0]
        # a warranty lasts months or years ("warranty claims are handled within 7 working days" is no length)
        plausible = len(values) == 1 and (slot != "warranty.length" or durations.warranty_length(found[0]))
        if slot != "other" and probability >= (SLOT_AGREE if agreed else SLOT_REVIEW) and plausible:
            d = found[0]
            # The heading or key cell read as the same area makes a surer reading a fact too (two readers agree).
            sure = probability >= SLOT_FLOOR or agreed
            scope = rules.scope_at(unit, unit.text, d.start)
            # A transit time is a destination's (the cue-word rules read none without one): "leave within 2-3
            # days" with no place is as likely the time until dispatch.
            sure = sure and (slot != "shipping.transit_time" or "region" in scope)
            confidence = LEARNED_CONFIDENCE if sure else REVIEW_CONFIDENCE
            if slot == "refunds.time" and "cancellation" in rules.section_topics(unit):
                slot = "cancellation.refund_time"  # a refund under a cancellation heading, as the rules read one
            out.append(rules.Candidate(slot, d.value, unit, d.max_value, d.unit, scope, confidence))
            if slot == "cancellation.window":  # a time to cancel in is the rule: cancellable within that window
                held = {k: v for k, v in scope.items() if k == "product_class"}
                rule = rules.Candidate("cancellation.rule", "within_window", unit, scope=held, confidence=confidence)
                out.append(rule)
            continue
        topic, score = max(row.items(), key=lambda kv: kv[1])
        nearest = rules.DURATION_SLOTS.get(topic)
        if nearest and score >= PROPOSE and topic != "shipping":
            d = found[0]
            out.append(rules.Candidate(nearest, d.value, unit, d.max_value, d.unit, {}, REVIEW_CONFIDENCE))
    return out


def _fact(c: rules.Candidate) -> PolicyFact:
    chunk = c.unit_.chunk

    def written(text: str) -> str:  # a Traditional Chinese chunk is read converted; the fact keeps the shop's words
        return as_written(chunk, text)

    value: Any = c.value
    if isinstance(value, list):
        value = list(dict.fromkeys(written(str(v)) for v in value))
    elif isinstance(value, str) and c.slot in SLOTS and SLOTS[c.slot].kind in ("text", "phrases"):
        value = written(value)
    return PolicyFact(
        slot=c.slot,
        value=value,
        max_value=c.max_value,
        unit=c.unit,
        scope=FactScope(**{k: written(v) for k, v in c.scope.items()}),
        chunk_id=chunk.id,
        sentence=written(c.sentence or c.unit_.raw),
        language=c.unit_.chunk.language,
        source="rule",
        confidence=round(min(c.confidence, 0.97), 2),
    )


def _key(f: PolicyFact) -> tuple[Any, ...]:
    return (f.slot, f.scope.model_dump_json())


_SAME_AS = {"year": (12, "month"), "week": (7, "day")}  # one duration written in two units: "2 gadi (24 mēneši)"


def _value_key(f: PolicyFact) -> str:
    """A fact's value as compared with another's: a duration in years or weeks as months or days."""
    factor, unit = _SAME_AS.get(f.unit or "", (1, f.unit))
    numbers = (f.value, f.max_value or 0)
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in numbers):
        return repr((f.value, f.max_value, f.unit))
    high = float(f.max_value) * factor if f.max_value is not None else None  # type: ignore[arg-type]
    return repr((float(f.value) * factor, high, unit))  # type: ignore[arg-type]


def settle(facts: list[PolicyFact], prefer: set[int] | None = None) -> list[PolicyFact]:
    """Drop exact repeats (keeping the surest, then one of ``prefer``, ids of facts found under their own topic's
    heading, then the first); where one slot and scope got different values, keep the best supported."""
    unique: dict[tuple[Any, ...], PolicyFact] = {}
    votes: Counter[tuple[Any, ...]] = Counter()
    preferred = prefer or set()

    def rank(f: PolicyFact) -> tuple[float, bool]:
        return (f.confidence, id(f) in preferred)

    cited: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for fact in facts:
        k = (*_key(fact), _value_key(fact))
        votes[k] += 1
        cited[k].extend(c for c in fact.also_cited if c not in cited[k])
        if k not in unique or rank(fact) > rank(unique[k]):
            unique[k] = fact
    for k, citations in cited.items():  # a repeat's other-language citations stay with the fact kept
        if citations and unique[k].also_cited != citations:
            unique[k] = unique[k].model_copy(update={"also_cited": citations})
    groups: dict[tuple[Any, ...], list[PolicyFact]] = defaultdict(list)
    for k, fact in unique.items():
        groups[k[:2]].append(fact)
    out = []
    for group_key, group in groups.items():
        kind = SLOTS[group[0].slot].kind if group[0].slot in SLOTS else "text"
        if len(group) == 1 or kind in ("phrases", "text"):
            out.extend(group)
            continue
        # Confident facts first (weak ones never outvote them), then the most repeated, then the surest.
        ranked = sorted(
            group,
            key=lambda f: (
                f.needs_review,
                f.value != "within_window",  # "within 2 hours, before it ships" is the more specific rule
                -votes[(*group_key, _value_key(f))],
                -f.confidence,
            ),
        )
        out.append(ranked[0])
        out.extend(f.model_copy(update={"confidence": min(f.confidence, LOSER_CONFIDENCE)}) for f in ranked[1:])
    return out


def extract_facts(
    chunks: list[PolicyChunk],
    embedder: Any = None,
    cache_dir: Path | None = None,
    primary_language: str | None = None,
    second_embedder: Any = None,
) -> list[PolicyFact]:
    """Facts stated in ``chunks``, each citing its chunk and sentence. With a named encoder, the learned reader
    (:mod:`.reader`, cached under ``cache_dir``) also reads list intros, headings and table headers; a chunk in a
    language ``embedder`` does not read is read with ``second_embedder`` when given (:mod:`.second_encoder`). Two
    sources that state the same rules in two languages give one set of facts (:mod:`.parallel`; the document in
    ``primary_language``, the shop's, is the one cited first). An amount whose currency word several currencies
    share is read in the one the documents name (:func:`.world_money.shop_currencies`)."""
    from assist.policy_extract.own_units import learn_units
    from assist.policy_extract.text import clean
    from assist.policy_extract.unit_words import own_unit_words, working_day_words
    from assist.policy_extract.working_days import learn_day_words
    from assist.policy_extract.world_money import shop_currencies

    texts = [clean(c.text) for c in chunks]
    with shop_currencies(texts):
        languages = document_languages(chunks)  # the shop's currencies name the countries whose languages it may be
        written = [(t, languages[c.id]) for t, c in zip(texts, chunks, strict=True)]
        # the unit words of a language no word list covers, read by the encoder that reads most languages (none without)
        with own_unit_words(learn_units(written, second_embedder)):  # its margins: the second encoder's scale
            # the words that make days working days there
            working, calendar = learn_day_words(written, second_embedder or embedder)
            with working_day_words(working, calendar):
                return _extract_facts(chunks, embedder, cache_dir, primary_language, second_embedder, languages)


def document_languages(chunks: list[PolicyChunk]) -> dict[str, str | None]:
    """Chunk id -> the language its numbers, units and currencies are read in: the chunk's own, else the one the
    value parsers read in its text, else the offline detector's reading of its whole document (a Markdown or text
    file says nothing of its language; a Swahili page is no buyer language, and its date line alone reads as
    Esperanto). Where the detector is unsure of the document, the language whose unit words it uses beside its numbers
    (:func:`.document_language.fitting_language`: a language the detector does not know)."""
    from assist.policy_extract.coverage import detect
    from assist.policy_extract.document_language import fitting_language

    documents: dict[str | None, str] = defaultdict(str)
    for chunk in chunks:
        documents[chunk.source] += f"{chunk.section}\n{chunk.text}\n"
    read: dict[str | None, str] = {}
    # the one language the shop's pages declare (an HTML page's lang), for its other documents the detector is unsure of
    declared = {c.language.replace("-", "_").split("_")[0] for c in chunks if c.language}
    shop_language = declared.pop() if len(declared) == 1 else None

    def of_document(source: str | None) -> str:  # the detector only where the chunk and its text name no language
        if source not in read:
            guess = detect(documents[source][:4000])
            read[source] = fitting_language(documents[source], str(guess.language), guess.confidence, shop_language)
        return read[source]

    return {c.id: c.language or text_language(c.text) or of_document(c.source) or None for c in chunks}


def _extract_facts(
    chunks: list[PolicyChunk],
    embedder: Any,
    cache_dir: Path | None,
    primary_language: str | None,
    second_embedder: Any,
    languages: dict[str, str | None],
) -> list[PolicyFact]:
    from assist.policy_extract.second_encoder import Encoders

    encoders = Encoders(embedder, second_embedder, cache_dir, languages)
    facts: list[tuple[PolicyFact, bool]] = []
    rows_by_source: dict[str | None, list[Unit]] = defaultdict(list)
    units_by_source: dict[str | None, list[Unit]] = defaultdict(list)
    for chunk in chunks:
        with written_in(languages[chunk.id]):  # a chunk's language: its lines' too
            facts.extend(_read_chunk(chunk, encoders, rows_by_source, units_by_source))
    # The same fact stated in several places cites the passage under its own topic's heading ("30 Tage" under
    # "Rückgabe", not a mention under "Beschädigte Artikel"): those come first, and the first of equals is kept.
    if not any(f.slot == "shipping.regions" for f, _ in facts):  # no sentence lists them: the layout may
        for source_units in units_by_source.values():
            facts.extend((_fact(c), True) for c in destinations.from_layout(source_units))
    on_topic = {id(f) for f, on in facts if on}
    documents: dict[str | None, str] = defaultdict(str)
    for chunk in chunks:
        documents[chunk.source] += f"{chunk.section}\n{chunk.text}\n"
    priced = settle_dollars([f for f, _ in facts], {c.id: documents[c.source] for c in chunks})
    priced = refund_like_windows(priced, REVIEW_CONFIDENCE)  # "5 days of receiving the returned goods": a refund's
    merged = merge_parallel(priced, {c.id: c.source for c in chunks}, embedder, primary_language)
    return restated(settle(merged, prefer=on_topic | {id(f) for f in merged if f.also_cited}))


def _read_chunk(
    chunk: PolicyChunk,
    encoders: Any,
    rows_by_source: dict[str | None, list[Unit]],
    units_by_source: dict[str | None, list[Unit]],
) -> list[tuple[PolicyFact, bool]]:
    """The facts one chunk states, each with whether it stands under its own topic's heading."""
    chunk_embedder = encoders.for_chunk(chunk)
    reader = encoders.reader(chunk_embedder)
    unit_list = units(chunk)
    _carry_header(unit_list, units_by_source[chunk.source])
    _carry_intro(unit_list, units_by_source[chunk.source])
    mark_time_columns(unit_list)
    if reader is not None:
        _read_headers(reader, unit_list)
        read_topics(reader, unit_list)
        reader.read_sentences([_EXAMPLES.sub("", u.text) for u in unit_list if u.kind == "sentence"])  # batched
    units_by_source[chunk.source].extend(unit_list)
    found = _candidates(unit_list, rows_by_source[chunk.source], reader, units_by_source[chunk.source])
    held_to_reading(found)
    heading_only(found)
    _hold_excepted(found)
    if reader is not None:
        found.extend(read_rules(reader, unit_list))
    if chunk_embedder is not None and unit_list:
        sims = encoders.vectors(chunk_embedder).similarities([u.text for u in unit_list])
        index_of = {id(u): i for i, u in enumerate(unit_list)}
        for c in found:
            topic = SLOT_TOPIC.get(c.slot.split(".")[0])
            i = index_of.get(id(c.unit_))
            # Agreement confirms a confident reading; it never lifts a doubtful one out of review.
            if topic and i is not None and sims[i].get(topic, 0) >= AGREE and c.confidence >= REVIEW_BELOW:
                c.confidence += 0.1
        # A sentence whose duration a rule read with confidence is taken; one read for other slots only, or
        # read doubtfully (for review), is open to the learned reader.
        taken = {
            index_of[id(c.unit_)]
            for c in found
            if id(c.unit_) in index_of and c.unit in _DURATION_UNITS and c.confidence >= REVIEW_BELOW
        }
        found.extend(_proposals(unit_list, sims, taken, reader))
    found.extend(read_own_rules(unit_list, found, reader))  # the values no slot took: the shop's own rules
    return [(_fact(c), _on_topic(c)) for c in found if c.value not in ([], "", None)]


COLUMN_FLOOR = 0.7  # a header cell's role is taken at this probability (chosen on TUNE/HELD-OUT tables)


def _read_headers(reader: Any, unit_list: list[Unit]) -> None:
    """Each table row learns what its header's columns hold (region, carrier, transit time, cost); where the reader
    is unsure of a header (a language the encoder reads poorly), what the cells hold decides (:func:`_by_content`)."""
    tables: dict[tuple[str, ...], list[Unit]] = defaultdict(list)
    for unit in unit_list:
        if unit.kind == "row" and unit.header:
            tables[tuple(unit.header)].append(unit)
    for key, rows in tables.items():
        read = reader.columns(list(key))
        roles = _region_by_reading([role if p >= COLUMN_FLOOR else "other" for role, p in read], read, rows)
        roles = transit_by_content(delivery_by_shape(_by_content(roles, rows), rows), rows)  # carriers: times only
        roles = transit_by_content(fee_by_content(_carrier_by_content(roles, read, rows), rows), rows)
        roles, classes = fees_by_class(roles, read, rows)
        roles = _items_not_places(_not_in_transit(roles, rows), rows)
        for unit in rows:
            unit.roles = roles
            unit.price_classes = classes


_NO_TRANSIT_UNITS = frozenset({"month", "year"})


def _not_in_transit(roles: list[str], rows: list[Unit]) -> list[str]:
    """A column read as the transit time whose cells count months or years in some row ("| Batir | wata 3 |") holds
    no delivery times, which run in hours, days and weeks: how long a product's guarantee or a subscription lasts.
    The table is no delivery table: its first column lists things, not destinations, whatever the reader or the
    gazetteer read in it."""
    from assist.policy_extract.values import duration_values

    timed = [i for i, role in enumerate(roles) if role == "transit_time"]
    cells = [r.cells[i] for r in rows for i in timed if i < len(r.cells)]
    if not any(v.unit in _NO_TRANSIT_UNITS for cell in cells for v in duration_values(cell)):
        return roles
    return ["item" if role == "region" else "other" if role == "transit_time" else role for role in roles]


REGION_IN_DELIVERY = 0.5  # a header read as the destination this surely names it where its cells agree


def _items_not_places(roles: list[str], rows: list[Unit]) -> list[str]:
    """A table of durations outside the shipping section whose first column names no place in any row, where the
    shop's world is known (:func:`.scope.world_places_in` reads its places in any script), lists things, not
    destinations ("| Glucometer | 5 years |" under a warranty heading): its first column is no region, whatever
    language the words around it are written in."""
    from assist.policy_extract.framing import section_topics
    from assist.policy_extract.scope import names_place
    from assist.policy_extract.world_money import current_currencies
    from assist.world_places import shop_world

    if roles[:1] != ["other"] or "transit_time" not in roles[1:] or "region" in roles or not rows:
        return roles
    if not shop_world(current_currencies()) or "shipping" in section_topics(rows[0]):
        return roles
    if any(r.cells and names_place(r.cells[0]) for r in rows):  # the gazetteer's places or the world's
        return roles
    return ["item", *roles[1:]]


def _region_by_reading(roles: list[str], read: list[tuple[str, float]], rows: list[Unit]) -> list[str]:
    """The first column, whose header the reader reads as the destination less surely than :data:`COLUMN_FLOOR` (a
    language it reads poorly: "Бағыт"), is the destination in a table of times (another column holds a duration in
    every row) when it names a place the gazetteer knows in one row at least and no number in any: regions within a
    country ("Capital city", "Remote districts") are names it does not know."""
    from assist.policy_extract.scope import names_place
    from assist.policy_extract.values import duration_values

    if "region" in roles or len(rows) < 2 or not read or roles[0] != "other":
        return roles
    role, probability = read[0]
    cells = [r.cells[0] if r.cells else "" for r in rows]
    if role != "region" or probability < REGION_IN_DELIVERY or any(re.search(r"\d", c) or not c.strip() for c in cells):
        return roles
    timed = any(all(i < len(r.cells) and duration_values(r.cells[i]) for r in rows) for i in range(1, len(roles)))
    if not timed or not any(names_place(c) for c in cells):
        return roles
    return ["region", *roles[1:]]


CARRIER_IN_DELIVERY = 0.5  # a header read as the carrier this surely names it in a table of destinations and times
_CARRIER_CELL = 40  # a service's name, not a sentence


def _carrier_by_content(roles: list[str], read: list[tuple[str, float]], rows: list[Unit]) -> list[str]:
    """In a delivery table (a destination and a transit-time column), the column whose header the reader reads as the
    carrier, less surely than :data:`COLUMN_FLOOR` (a language it reads poorly: "Flutningsaðili"), is the carrier
    when its cells name, briefly and without digits, the few services that carry to the destinations (one of them in
    more than one row)."""
    if "carrier" in roles or "region" not in roles or "transit_time" not in roles:
        return roles
    for i, (role, probability) in enumerate(read):
        if role != "carrier" or probability < CARRIER_IN_DELIVERY or roles[i] != "other":
            continue
        cells = [r.cells[i] for r in rows if i < len(r.cells)]
        # a note in brackets ("(to the nearest pick-up point)") is no part of the service's name
        bare = [re.sub(r"\s*[(（][^)）]*[)）]", "", c) for c in cells]
        short = all(
            b.strip() and len(b) <= _CARRIER_CELL and not re.search(r"\d", c) for b, c in zip(bare, cells, strict=True)
        )
        if len(cells) == len(rows) and short and len(set(cells)) < len(cells):
            return [*roles[:i], "carrier", *roles[i + 1 :]]
    return roles


def _by_content(roles: list[str], rows: list[Unit]) -> list[str]:
    """A table with no column read as the destination, in which one column names a place in most rows and another
    holds a duration (:func:`.columns.mark_time_columns`), is a delivery table: those columns are the destination
    and the transit time, whatever their headers say. Where the transit-time column was read already, the place
    column is the destination. Places are read by the gazetteer's own names here (``regions_in``), not by the looser
    any-script reader (:func:`.scope.names_place`): no header backs this reading, and that reader's near matches in a
    product table's cells (capitalised words of a language no word-frequency list covers) turned product columns into
    destinations."""
    from assist.policy_extract.scope import regions_in

    if "region" in roles or len(rows) < 2:
        return roles
    width = len(roles)
    named = [sum(1 for r in rows if i < len(r.cells) and regions_in(r.cells[i])) for i in range(width)]
    place = max(range(width), key=lambda i: named[i])
    timed = [i for i in rows[0].time_columns if i < width and roles[i] == "other"]
    # the place column: places in most rows (a gazetteer misses some names), more than any other column
    tied = sorted(named)[-2] == named[place] if width > 1 else False
    if tied or roles[place] != "other":
        return roles
    out = list(roles)
    # "| Service | Area | Delivery time |": the times were read, the places were not; where the times were read, a
    # first column that alone names places ("| Capital area | ... |", "| Faroe Islands and Greenland | ... |") is the
    # destination though the gazetteer knows few of its names (regions within a country, islands)
    lone_first = place == 0 and named[place] >= 1
    if "transit_time" in roles and (2 * named[place] >= len(rows) or lone_first):
        out[place] = "region"
        return out
    if 2 * named[place] < len(rows):
        return roles
    if len(timed) != 1 or place == timed[0]:
        return roles
    out[place], out[timed[0]] = "region", "transit_time"
    return out


def _on_topic(c: rules.Candidate) -> bool:
    topic = c.slot.split(".")[0]
    return topic in rules.section_topics(c.unit_) or (
        topic == "shipping" and "free_shipping" in rules.section_topics(c.unit_)
    )
