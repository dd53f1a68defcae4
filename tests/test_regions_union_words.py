"""Regions a shop names in languages the 8 template languages leave out: the Union by its abbreviation, adjective or
declined name, a group that lists its own members, country names inside other words, and Greece's island
regions by postcode."""

import pytest

from assist.regions import match_region, region_countries

EU_SIZE = 27


@pytest.mark.parametrize(
    ("region", "home"),
    [
        ("Λοιπές χώρες ΕΕ", "GR"),
        ("Για αποστολές εντός Ευρωπαϊκής Ένωσης", "GR"),
        ("többi uniós ország", "HU"),
        ("țările Uniunii Europene", "RO"),
        ("AB ülkeleri", "TR"),
        ("Европейския съюз", "BG"),
        ("країни ЄС", "UA"),
    ],
)
def test_the_union_by_abbreviation_adjective_or_declined_name(region: str, home: str) -> None:
    countries = region_countries(region, home)
    assert countries is not None and {"DE", "FR", "IE", "MT"} <= countries and len(countries - {"EU"}) >= EU_SIZE


def test_a_group_that_lists_its_members_is_that_list() -> None:
    neighbours = "szomszédos uniós országok (Szlovákia, Ausztria, Románia, Horvátország, Szlovénia)"
    assert region_countries(neighbours, "HU") == {"SK", "AT", "RO", "HR", "SI"}
    regions = ["Magyarország", neighbours, "többi uniós ország", "Szerbia"]
    assert match_region("SK", regions, "HU") == neighbours
    assert match_region("FR", regions, "HU") == "többi uniós ország"
    assert match_region("UA", regions, "HU") is None


def test_a_bracket_of_exceptions_is_no_member_list() -> None:
    countries = region_countries("EU (except Malta and Cyprus)", "DE")
    assert countries is not None and {"DE", "FR", "PL"} <= countries


def test_a_country_name_counts_only_where_a_word_starts() -> None:
    assert region_countries("Románia", "HU") == {"RO"}  # not Oman ("Omán" inside "Románia")
    assert region_countries("Ελλάδας", "GR") == {"GR"}  # a case ending still reads


def test_greek_postcodes_name_the_island_regions() -> None:
    from assist.addresses import postcode_place

    assert postcode_place("GR", "71201") == "GR-M"  # Heraklion, Crete
    assert postcode_place("GR", "84300") == "GR-L"  # Naxos, Cyclades
    assert postcode_place("GR", "49100") == "GR-F"  # Corfu
    assert postcode_place("GR", "54622") in (None, "GR")  # Thessaloniki: the mainland
