"""Places buyers name in declined forms and other scripts, and the island / mainland / domestic words of many
languages, resolved to the shop's own region once its home country is known."""

from __future__ import annotations

import pytest

from assist import regions
from assist.order_places import place_in_text
from assist.places import romanized


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Μένω στην Αθήνα, πόσο κάνει η αποστολή;", "GR"),  # after a Greek preposition
        ("Στέλνετε στη Ρόδο;", "GR"),  # the accusative drops the name's final ς
        ("Posíláte do Prahy?", "CZ"),  # a Czech genitive: the stem plus an ending
        ("Czy wysyłacie do Krakowa?", "PL"),
        ("Mieszkam we Wrocławiu.", "PL"),
        ("A csomagot Debrecenbe kérem.", "HU"),  # a Hungarian case ending marks the place without a preposition
        ("Budapesten lakom, mikor érkezik?", "HU"),
        ("Graz-ba is szállítanak?", "AT"),
        ("Toimitatteko Helsinkiin?", "FI"),
    ],
)
def test_a_declined_city_name_is_read_as_its_place(text: str, country: str) -> None:
    found = place_in_text(text)
    assert found is not None and regions.country_of(found) == country


@pytest.mark.parametrize("text", ["Köszönöm. Mindenre figyelünk.", "Utána írok.", "Szombaton nem vagyok otthon."])
def test_an_ordinary_word_with_a_case_ending_is_no_place(text: str) -> None:
    assert place_in_text(text) is None


def test_greek_is_romanised_as_iso_writes_greek_subdivisions() -> None:
    assert romanized("Αττική") == "Attiki"
    assert romanized("Βόρειο Αιγαίο") == "Voreio Aigaio"
    assert romanized("Crete") == "Crete"


GREEK_REGIONS = ["Αττική", "Ηπειρωτική Ελλάδα", "Νησιά", "Κύπρος", "Λοιπές χώρες ΕΕ"]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Μένω στην Αθήνα", "Αττική"),
        ("Στέλνετε στη Θεσσαλονίκη;", "Ηπειρωτική Ελλάδα"),
        ("Είμαι στα Χανιά", "Νησιά"),  # Crete: an island region of Greece
        ("Στέλνετε στην Κέρκυρα;", "Νησιά"),
        ("Στέλνετε στη Λευκωσία;", "Κύπρος"),
    ],
)
def test_a_greek_shops_regions_take_the_place_the_buyer_names(text: str, region: str) -> None:
    assert regions.match_region(place_in_text(text), GREEK_REGIONS, "GR") == region


@pytest.mark.parametrize(
    ("region", "home", "covers"),
    [
        ("Envios nacionais", "PT", {"PT"}),
        ("Belföldi szállítás", "HU", {"HU"}),
        ("Εσωτερικό", "GR", {"GR"}),
        ("Szigetek", "HR", {"HR:island"}),
        ("Adalar", "TR", {"TR:island"}),
    ],
)
def test_domestic_and_island_words_are_read_for_the_shops_own_country(region: str, home: str, covers: set[str]) -> None:
    assert regions.region_countries(region, home) == covers


def test_a_mainland_region_leaves_the_islands_out() -> None:
    shop = ["Ηπειρωτική Ελλάδα", "Νησιά"]
    assert regions.match_region("GR-M", shop, "GR") == "Νησιά"
    assert regions.match_region("GR-E", shop, "GR") == "Ηπειρωτική Ελλάδα"
    assert regions.match_region("FR-20R", GREEK_REGIONS, "GR") == "Λοιπές χώρες ΕΕ"  # not the shop's islands
    assert regions.match_region("PT-20", ["Continente", "Ilhas"], "PT") == "Ilhas"
    assert regions.match_region("PT-11", ["Continente", "Ilhas"], "PT") == "Continente"


@pytest.mark.parametrize(
    "text",
    [
        "Hi Chiara, your order was dispatched this morning.",  # a first name ending like a Hungarian case
        "Oi Larissa, sua encomenda saiu para entrega hoje de manhã!",
        "We can email a Royal Mail label for £3.50.",  # an English preposition: no name is read declined after it
        # a name plus what would be an Estonian place ending, in a Portuguese sentence: only a language that marks
        # places by their ending reads one so
        "O frete da devolução é por nossa conta: enviamos uma etiqueta da Andreani sem custo.",
    ],
)
def test_a_first_name_or_a_word_after_a_non_declining_preposition_is_no_place(text: str) -> None:
    assert place_in_text(text) is None
