"""Unit words of a language no word list covers, learned from the shop's own documents (:mod:`.own_units`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from assist.policy_extract.own_units import OTHERS, UNITS, candidates, learn_units

# an invented language: "lomba" counts days, "sivet" counts articles; nothing lists either word
TEXTS = [
    ("Vorta reskel lomba 14 pa dunet, sivet 4.", None),
    ("Garu pelom lomba 7 ke torvi, sivet 6.", None),
    ("Nesta vorul 2 kabri tu.", None),
]
ANCHORS = [*UNITS, *OTHERS]


class _Directions:
    """An encoder that reads each anchor as its own direction and the given texts as given (others: all alike)."""

    def __init__(self, ways: dict[str, int]) -> None:
        self.ways = ways

    def embed(self, texts: list[str]) -> Any:
        rows = []
        for text in texts:
            row = np.full(len(ANCHORS), 0.1, dtype=np.float32)
            anchor = ANCHORS.index(text.removeprefix("3 ")) if text.removeprefix("3 ") in ANCHORS else None
            way = anchor if anchor is not None else self.ways.get(text.removeprefix("3 "))
            if way is not None:
                row[way] += 1.0
            rows.append(row / np.linalg.norm(row))
        return np.asarray(rows)


def _durations(text: str) -> list[tuple[float | str, float | None, str | None]]:
    from assist.policy_extract.values import duration_values

    return [(v.value, v.max_value, v.unit) for v in duration_values(text)]


def test_words_that_stand_beside_numbers_again_and_again_are_the_candidates() -> None:
    seen = candidates(TEXTS)
    assert seen[("lomba", "before")] == 2
    assert seen[("sivet", "before")] == 2
    assert ("kabri", "after") in seen  # seen once: counted, not yet learned
    assert not any(word == "dunet" for word, _ in seen)  # no number beside it


def test_a_word_the_encoder_reads_as_a_time_unit_is_learned_in_the_order_it_is_written() -> None:
    days = ANCHORS.index("days")
    assert learn_units(TEXTS, _Directions({"lomba": days, "sivet": ANCHORS.index("article")})) == {
        "lomba": ("day", "before")
    }
    assert learn_units(TEXTS, _Directions({})) == {}  # nearer to no unit: nothing learned
    assert learn_units(TEXTS, _Directions({"kabri": days})) == {}  # seen once only
    assert learn_units(TEXTS, None) == {}


def test_texts_in_the_value_parsers_languages_teach_no_unit_word() -> None:
    text = "Orders ship within 2 parcels and arrive within 2 parcels of the order, says the shop."
    assert learn_units([(text, "en")], _Directions({"parcels": ANCHORS.index("days")})) == {}


def test_a_learned_unit_word_is_read_before_or_after_its_number() -> None:
    from assist.policy_extract.unit_words import own_unit_words

    text = "Vorta reskel lomba 14 pa dunet."
    assert _durations(text) == []
    with own_unit_words({"lomba": ("day", "before")}):
        assert _durations(text) == [(14, None, "day")]
        assert _durations("Vorta reskel 14 lomba pa dunet.") == [(14, None, "day")]
        assert _durations("Vorta sivet 14 pa dunet.") == []


def test_a_sign_that_names_one_currency_is_read_in_any_language() -> None:
    from assist.policy_extract.values import money_values
    from assist.policy_extract.world_money import named_in

    assert [(v.value, v.unit) for v in money_values("Vorta reskel ₦2,500 pa dunet.")] == [(2500, "NGN")]
    assert [(v.value, v.unit) for v in money_values("Sivet 5 000₮ ke torvi.")] == [(5000, "MNT")]
    assert named_in("Vorta reskel ₦2,500 pa dunet.") == {"NGN"}
    assert named_in("Vorta reskel $25 pa dunet.") == set()  # a sign many currencies share


def test_a_document_the_detector_is_unsure_of_is_read_in_the_language_whose_unit_words_it_uses() -> None:
    from assist.policy_extract.document_language import fitting_language
    from assist.policy_extract.world_money import shop_currencies

    # Hausa, which the detector does not know: CLDR's weeks and months written before the number, naira by its sign
    document = "Za a iya mayar da kaya cikin makonni 2. Garanti na watanni 6 ne. Farashin jigila ₦2,500 ne."
    with shop_currencies([document]):
        assert fitting_language(document, "eo", 0.16) == "ha"  # a language of the country the naira places it in
        assert fitting_language(document, "eo", 0.9) == "eo"  # a sure reading stands
    assert fitting_language(document, "eo", 0.16) == "eo"  # no currency, no country: no candidate reads more


def test_the_words_after_the_count_of_a_unit_word_written_first_may_make_working_days() -> None:
    from assist.policy_extract.unit_words import own_unit_words
    from assist.policy_extract.working_days import candidates as day_word_candidates

    text = "Vorta reskel lomba 3 ke sarvo pa dunet."
    assert day_word_candidates(text, "xx") == {}
    with own_unit_words({"lomba": ("day", "before")}):
        assert day_word_candidates(text, "xx") == {"ke sarvo": "lomba 3 ke sarvo"}


def test_a_word_counted_in_a_table_column_of_times_counts_time_too() -> None:
    # "lomba" counts days in the invented language: it stands in the time column beside the known "24 hours", in a
    # table run on in one line as a cleaned text has it; the encoder reads "lomba" by itself nearest to days only
    # among the time units ("plova" in the fee column is no unit)
    table = "| Kam | Dorta | Plata |\n|---|---|---|\n| Vorta | 24 hours | 5 plova |\n| Garu | 3-5 lomba | 8 plova |"
    texts = [(table.replace("\n", " "), None)]
    ways = {"lomba": ANCHORS.index("days"), "plova": ANCHORS.index("money")}
    assert learn_units(texts, _Directions(ways)) == {"lomba": ("day", "after")}
    assert learn_units([(table.replace("24 hours", "24 kabri"), None)], _Directions(ways)) == {}  # no known time


def test_a_word_between_two_numbers_in_a_time_column_is_a_ranges_joining_word_not_a_unit() -> None:
    table = "| Kam | Dorta |\n|---|---|\n| Vorta | 24 hours |\n| Garu | 4 pel 6 lomba |\n| Sefa | 3 lomba |"
    ways = {"lomba": ANCHORS.index("days"), "pel": ANCHORS.index("days")}
    assert learn_units([(table, None)], _Directions(ways)) == {"lomba": ("day", "after")}
