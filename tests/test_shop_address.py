"""The shop's own country as its policy documents state it: a VAT id, a postal address, its e-mail domain; read at
ingest, kept beneath the shop's own settings, and preferred over the guess from its currency and language."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist import regions
from assist.demo import load_shop_settings
from assist.home_country import currency_users, shop_home, shop_home_country, stated_home_country
from assist.shop_address import SETTINGS_KEY, country_in_text
from assist.shop_facts import ingest_policies
from assist.store import shops as shop_rows

EURO = currency_users("EUR")

AUSTRIAN_TERMS = """# Allgemeine Geschäftsbedingungen

Verkäuferin ist die Almwerk Trachten GmbH, Hauptplatz 3, 8010 Graz. Kontakt: service@almwerk-trachten.at

## Versand

Der Versand im Inland kostet 4,90 €, nach Deutschland 7,90 €.
"""


@pytest.mark.parametrize(
    ("text", "country", "kind"),
    [
        ("Umsatzsteuer-Identifikationsnummer: ATU 12345678", "AT", "vat id"),
        ("Numéro de TVA intracommunautaire : FR 12 345678901.", "FR", "vat id"),
        ("Registered office: 14 Quay Street, 8010 Graz.", "AT", "postcode and city"),
        ("Naša adresa: Obala 5, 21000 Split", "HR", "postcode and city"),
        ("Questions? Write to hello@woolshed.ie and we reply within a day.", "IE", "e-mail address"),
    ],
)
def test_a_document_states_the_shop_country_by_vat_id_address_or_mail_domain(text: str, country: str, kind: str):
    found = country_in_text(text, EURO)
    assert found is not None and found.country == country and found.evidence.startswith(kind)


def test_a_country_that_does_not_pay_in_the_currency_or_a_tie_or_a_foreign_web_address_is_no_answer():
    assert country_in_text("Write to hello@woolshed.ie", ("CH", "LI")) is None  # a Swiss franc shop
    assert country_in_text("Write to a@shop.de or b@shop.at", EURO) is None  # one vote each: a tie
    assert country_in_text("Write to a@shop.io", ()) is None  # a domain sold worldwide
    assert country_in_text("Dispute resolution: www.consumer-board.fi", EURO, ("Woolshed",)) is None
    own = country_in_text("Shop online at www.woolshed.fi", EURO, ("Woolshed",))
    assert own is not None and own.country == "FI"
    vat_beats_mail = country_in_text("VAT id NL858912345B01. Mail: info@shop.de", EURO)
    assert vat_beats_mail is not None and vat_beats_mail.country == "NL"


def _shop_folder(tmp_path: Path, yaml_text: str, policy: str) -> Path:
    (tmp_path / "policies").mkdir()
    (tmp_path / "shop.yaml").write_text(yaml_text, encoding="utf-8")
    (tmp_path / "policies" / "agb.md").write_text(policy, encoding="utf-8")
    return tmp_path


def test_the_documents_country_beats_the_language_guess_and_anchors_the_shops_domestic_words(tmp_path):
    folder = _shop_folder(tmp_path, "name: almwerk\ncurrency: EUR\nlanguage: de\n", AUSTRIAN_TERMS)
    settings = load_shop_settings(folder)
    home = shop_home("EUR", settings)
    assert (home.country, home.source) == ("AT", "documents") and "8010 Graz" in home.evidence
    assert stated_home_country("EUR", settings) is None  # the shop's address is not the buyer's
    assert regions.region_countries("Versand im Inland", home.country) == {"AT"}
    without = {k: v for k, v in settings.items() if k != SETTINGS_KEY}
    assert (shop_home("EUR", without).country, shop_home("EUR", without).source) == ("DE", "currency and language")


def test_settings_and_a_currency_one_country_uses_still_win_over_the_documents(tmp_path):
    folder = _shop_folder(tmp_path, "name: almwerk\ncurrency: EUR\ncountry: DE\n", AUSTRIAN_TERMS)
    assert shop_home("EUR", load_shop_settings(folder)).source == "settings"
    assert shop_home_country("EUR", load_shop_settings(folder)) == "DE"
    readings = {SETTINGS_KEY: {"agb.md": {"country": "AT", "evidence": "postcode and city 8010 Graz"}}}
    assert shop_home("HUF", readings).country == "HU"  # the currency tells alone
    assert shop_home("CHF", readings).country == "CH"
    two = {SETTINGS_KEY: {"a.md": {"country": "AT", "evidence": ""}, "b.md": {"country": "DE", "evidence": ""}}}
    assert shop_home("EUR", {**two, "language": "de"}).source == "currency and language"  # the documents disagree


def test_ingest_keeps_each_files_reading_in_the_shop_settings(services, shop_key, tmp_path):
    folder = _shop_folder(tmp_path, "name: almwerk\n", AUSTRIAN_TERMS)
    with services.db.session() as session:
        shop = shop_rows.get_shop(session, "alpha")
        shop_rows.update_settings(session, shop, {"currency": "EUR", "language": "de"})
        ingest_policies(services, session, shop, [folder / "policies"])
        settings = dict(shop.settings)
    assert settings[SETTINGS_KEY]["agb.md"]["country"] == "AT"
    assert shop_home("EUR", settings).source == "documents"
    (folder / "policies" / "agb.md").write_text("Der Versand im Inland kostet 4,90 €.", encoding="utf-8")
    with services.db.session() as session:
        shop = shop_rows.get_shop(session, "alpha")
        ingest_policies(services, session, shop, [folder / "policies"])
        assert shop.settings[SETTINGS_KEY] == {}  # the re-ingested file states no country any more


def test_the_ingest_command_says_which_country_the_shop_stands_in_and_what_told(data_dir, tmp_path):
    from typer.testing import CliRunner

    from assist.cli import app

    runner = CliRunner()
    runner.invoke(app, ["shops", "create", "almwerk"])
    folder = _shop_folder(tmp_path, "name: almwerk\n", AUSTRIAN_TERMS) / "policies"
    result = runner.invoke(app, ["policies", "ingest", "--shop", "almwerk", str(folder)])
    assert result.exit_code == 0, result.output
    assert "the shop's own country: AT (documents: postcode and city 8010 Graz" in result.stderr
