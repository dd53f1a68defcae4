"""The writer of a reply's sentences: each template filled in the buyer's language and variety, with the facts
it states and the policy chunks it cites (used by assist/reply_topics.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assist import region_lists, regions
from assist.answers import Answer
from assist.models import Fact
from assist.place_articles import with_article
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.reply_format import (
    Duration,
    carrier_name,
    fact_text,
    format_duration,
    format_money,
    format_words,
    load_answers,
)
from assist.reply_variety import Variety, convert, in_variety
from assist.scoped_facts import MAX_LISTED, partly_read

_PLACE_VALUES = ("region", "regions", "place")  # the template values that name places


@dataclass
class Sentence:
    text: str
    facts: list[Fact] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


class Writer:
    def __init__(self, language: str, region_name: str | None, variety: Variety | None = None) -> None:
        self.language = language
        self.variety = variety
        self.data = in_variety(load_answers(language), variety, "answers", language)
        self.region_name = self.written(region_name) if region_name else None
        self.out: list[Sentence] = []
        self.notes: list[str] = []
        self.own_fault = False  # a damaged, defective or wrong item: the shop's own-fault rules apply
        self.facts: PolicyFacts | None = None  # the shop's facts, for per-region lists when the place is unknown
        self.place_known = False
        self.place: str | None = None  # where the order goes (country or subdivision), when known but not its region
        self.home: str | None = None  # the shop's own country
        self.unanswered: list[str] = []  # parts of the ask no fact answers, although other sentences were said

    def say(self, key: str, answers: list[Answer], **values: Any) -> bool:
        if any(v is None for v in values.values()):
            return False
        template = self.data["sentences"][key]
        if isinstance(template, dict):  # number agreement: the CLDR plural form of ``count``
            from babel import Locale

            form = Locale(self.language).plural_form(values.pop("count", 1))
            template = template.get(form) or template["other"]
        else:
            values.pop("count", None)
        if self.language.split("-")[0] == "en":  # "Shipping to the United Kingdom"
            values.update({k: with_article(str(values[k])) for k in _PLACE_VALUES if k in values})
        if "{duration_dat}" in template and "duration" in values:
            values["duration_dat"] = getattr(values["duration"], "dative", None) or values["duration"]
        text_template = template
        text = template.format(**values)
        if any(said.text == text for said in self.out):  # two asks led to the same sentence: say it once
            return True
        facts: list[Fact] = []
        citations: list[str] = []
        for answer in answers:
            if answer.key == "fact":
                facts.append(Fact(field=f"policy_fact.{answer.slot}", value=fact_text(answer.value)))
            else:
                if answer.value is not None:  # a deadline that starts at a delivery still to come has no date
                    facts.append(Fact(field=f"answer.{answer.key}", value=fact_text(answer.value)))
                if answer.holds is not None:
                    facts.append(Fact(field=f"answer.{answer.key}.open", value=str(answer.holds).lower()))
                if ("{duration}" in text_template or "{duration_dat}" in text_template) and answer.facts:
                    # the sentence also states the policy number (in German often in its dative: "von 2 Jahren")
                    used = answer.facts[0]
                    facts.append(Fact(field=f"policy_fact.{used.slot}", value=fact_text(used.value)))
            citations += answer.citations
            self.notes.append(answer.note)
        self.out.append(Sentence(text, facts, list(dict.fromkeys(citations))))
        return True

    def per_region(self, slot: str, render: Any, *, unplaced: bool = False) -> tuple[list[Answer], str] | None:
        """Where the buyer's place is unknown and the shop states ``slot`` only per region: each region's value
        ("60 € (France métropolitaine) and 90 € (Belgique)"), at most :data:`MAX_LISTED`; None otherwise.
        ``unplaced``: also where the place is known but no region the code reads holds it (the regions that may hold
        it, each named)."""
        from babel.lists import format_list

        from assist.answer_model import fact_answer

        if (self.place_known and not unplaced) or self.facts is None:
            return None
        # A policy kept in several languages states each region's value once per language: one per region
        # (the places it covers) and value, the buyer's language first.
        chosen: dict[tuple[Any, str], PolicyFact] = {}
        for f in sorted(self.facts.all(slot), key=lambda f: f.language != self.language):
            text = render(f) if f.scope.region and not self._elsewhere(f) else None
            if text:
                chosen.setdefault((regions.region_key(f.scope.region or ""), text), f)
        # two names the gazetteer reads as covering different places ("US", "United States" with its territories)
        # may still be written alike in the reply: each value and region written once
        shown: dict[str, PolicyFact] = {}
        for (_, text), f in chosen.items():
            shown.setdefault(f"{text} ({self.region_of(f)})", f)
        parts = list(shown.items())[:MAX_LISTED]
        if not parts:
            return None
        listed = format_list([written for written, _ in parts], locale=self.language)
        return [fact_answer(f) for _, f in parts], str(listed)

    def _elsewhere(self, fact: PolicyFact) -> bool:
        """Whether ``fact``'s region is read and does not hold the place the order goes to (its country, or the
        subdivision the buyer's words or the address name): the international rate of a domestic order, the
        mainland's time for a place read on an island. A region the code cannot read, or one for a kind of place
        anywhere ("islands"), may hold it."""
        if not self.place or not fact.scope.region:
            return False
        spelled = region_lists.spelled_out(fact.scope.region, fact.sentence)
        covered = regions.region_countries(spelled, self.home, regions.country_of(self.place))
        if not covered or any(c.startswith("*") or ":" in c for c in covered):
            return False
        if partly_read(spelled, self.home, regions.country_of(self.place)):
            return False  # "Skopje and the larger towns": the larger towns may hold the place
        country = regions.country_of(self.place)
        if self.place == country and any(regions.country_of(c) == country for c in covered):
            return False  # a part of the country ("the islands"), and only the country is known
        return regions.contained_as(self.place, spelled, self.home) is None

    def per_class(self, answer: Answer, render: Any) -> tuple[list[Answer], str] | None:
        """Each scope's value of a ``by_class`` answer ("2–4 business days (small items) and 5–10 business days
        (furniture)"), the class in the shop's words, or the region where the classes are the same; None when
        fewer than two values render."""
        from babel.lists import format_list

        from assist.answer_model import fact_answer

        parts = [(f, text) for f in answer.facts if (text := render(f)) and (f.scope.product_class or f.scope.region)]
        if len(parts) < 2:
            return None
        classes = len({f.scope.product_class for f, _ in parts}) > 1  # else the regions tell them apart
        listed = format_list(
            [f"{text} ({f.scope.product_class if classes else self.region_of(f)})" for f, text in parts],
            locale=self.language,
        )
        return [fact_answer(f) for f, _ in parts], str(listed)

    def written(self, text: str) -> str:
        """A name the reply writes itself (a CLDR region name) in the variety's script (台湾 -> 台灣)."""
        return convert(text, self.variety.convert) if self.variety and self.variety.convert else text

    def words(self, values: list[str], kind: str, style: Literal["standard", "or"] = "standard") -> str | None:
        return format_words(values, kind, self.language, style, self.data)

    def carrier(self, answer: Answer) -> str | None:
        """The carrier's name as this reply writes it: the policy's words where they are in the reply's language or
        a bare name ("DHL Express", "ヤマト運輸"); from a phrase in another language only its name ("日本郵便のEMS"
        -> "EMS", "Deutsche Post, Zustellung durch Correios" -> "Deutsche Post"); None (no carrier) when no name
        can be told from the words around it."""
        fact = answer.facts[0] if answer.facts else None
        value = str(answer.value)
        if fact is None or fact.language in (None, self.language):
            return value
        return carrier_name(value, self.language, fact.language)

    def region_of(self, fact: PolicyFact) -> str:
        """The fact's region in the reply's language (the shop's words when they are in it)."""
        return self.written(regions.region_display(fact.scope.region or "", self.language, fact.language))

    def duration(self, fact: PolicyFact) -> str | None:
        if not isinstance(fact.value, int | float) or isinstance(fact.value, bool):
            return None
        text = Duration(format_duration(fact.value, fact.max_value, fact.unit, self.language, data=self.data))
        if "units_dative" in self.data:
            text.dative = format_duration(
                fact.value, fact.max_value, fact.unit, self.language, "units_dative", self.data
            )
        return text

    def money(self, fact: PolicyFact) -> str | None:
        if not isinstance(fact.value, int | float) or not fact.unit or len(fact.unit) != 3:
            return None
        return format_money(fact.value, fact.unit, self.language)

    def region(self, fact: PolicyFact) -> str | None:
        if self.region_name and fact.scope.region:
            return self.region_name
        return self.region_of(fact) if fact.scope.region else None
