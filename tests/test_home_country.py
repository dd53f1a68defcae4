"""The shop's own country: its settings, its currency, else its currency read with its policy language (CLDR)."""

from __future__ import annotations

import pytest

from assist import regions
from assist.home_country import home_country, policy_language, shop_home_country
from assist.policy_facts import PolicyFact, PolicyFacts


@pytest.mark.parametrize(
    ("currency", "language", "country"),
    [
        ("EUR", "el", "GR"),  # Greek is official in Greece and Cyprus: the language's own country decides
        ("EUR", "pt", "PT"),  # Portuguese is most written in Brazil, but only Portugal pays in euros
        ("EUR", "de", "DE"),
        ("EUR", "nl", "NL"),
        ("EUR", "ca", "ES"),
        ("EUR", "fi", "FI"),
        ("EUR", "de-AT", "AT"),  # a tag that names its country
        ("CHF", "fr", "CH"),
        ("HUF", None, "HU"),  # one country uses it: no language needed
        ("GBP", "en", "GB"),
    ],
)
def test_a_shared_currency_is_read_with_the_policy_language(currency: str, language: str | None, country: str) -> None:
    assert home_country(currency, language) == country


@pytest.mark.parametrize(
    ("currency", "language"),
    [("EUR", "en"), ("EUR", "sv"), ("EUR", "hu"), ("XOF", "fr"), ("EUR", None), (None, "el")],
)
def test_a_language_that_leaves_several_countries_names_none(currency: str | None, language: str | None) -> None:
    assert home_country(currency, language) is None


def test_the_shop_country_set_in_settings_wins() -> None:
    assert shop_home_country("EUR", {"country": "IE"}) == "IE"
    assert shop_home_country("EUR", {"home_country": "Malta"}) == "MT"
    assert shop_home_country("EUR", {"country": "AT", "language": "de"}) == "AT"
    assert shop_home_country("EUR", {"language": "el"}) == "GR"


def _facts(sentences: list[str], language: str | None = None) -> PolicyFacts:
    return PolicyFacts(
        shop="t",
        facts=[PolicyFact(slot="other", value=s, sentence=s, language=language) for s in sentences],
    )


def test_the_policy_language_is_the_facts_own_else_the_one_read_in_their_sentences() -> None:
    assert policy_language(_facts(["Free delivery from 40 euros."], "pt")) == "pt"
    greek = _facts(
        [
            "Η αποστολή γίνεται εντός δύο εργάσιμων ημερών από την ολοκλήρωση της παραγγελίας.",
            "Μπορείτε να επιστρέψετε τα προϊόντα εντός δεκατεσσάρων ημερών από την παραλαβή.",
            "Τα έξοδα επιστροφής βαρύνουν τον πελάτη, εκτός αν το προϊόν είναι ελαττωματικό.",
        ]
    )
    assert policy_language(greek) == "el"
    assert shop_home_country("EUR", {}, greek) == "GR"
    assert policy_language(PolicyFacts(shop="t")) is None


def test_a_domestic_region_of_a_euro_shop_is_its_own_country() -> None:
    home = shop_home_country("EUR", {"language": "pt"})
    shop_regions = ["Portugal Continental", "Açores e Madeira", "Espanha", "Restantes países da UE"]
    assert regions.match_region("PT-11", shop_regions, home) == "Portugal Continental"
    assert regions.region_countries("Envios nacionais", home) == {"PT"}


def test_only_a_stated_home_stands_in_for_a_place_no_input_names() -> None:
    from assist.home_country import stated_home_country

    assert stated_home_country("JPY") == "JP"
    assert stated_home_country("EUR", {"country": "GR"}) == "GR"
    assert stated_home_country("EUR", {"language": "el"}) is None  # the language reads the shop's words only
