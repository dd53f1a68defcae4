"""A carrier named in the policy's own language is written in a reply in another language only as its name; a
phrase around it ("livraison par ...", "...のEMS") is the shop's wording, not the reply's. Values written for
the test."""

from __future__ import annotations

import pytest

from assist.ask_replies import carrier_name


@pytest.mark.parametrize(
    ("value", "reply", "policy", "written"),
    [
        ("Chronopost, remise contre signature", "en", "fr", "Chronopost"),
        ("spedizione con SDA", "de", "it", "SDA"),
        ("envío por MRW", "pt", "es", "MRW"),
        ("佐川急便のEMS", "de", "ja", "EMS"),
        ("中国邮政（EMS）", "en", "zh", "EMS"),
        ("中国邮政（EMS）", "ja", "zh", "中国邮政（EMS）"),  # Han script reads in Japanese as written
        ("佐川急便", "en", "ja", "佐川急便"),  # a bare name has no other spelling here
        ("Posten Norge", "fr", "nb", "Posten Norge"),
        ("InPost (Paczkomaty)", "en", "pl", "InPost (Paczkomaty)"),
        ("Versand mit GLS, Zustellung durch die Post", "en", "de", None),  # German nouns: no name to tell
    ],
)
def test_a_carrier_in_another_language_is_written_by_its_name(
    value: str, reply: str, policy: str, written: str | None
) -> None:
    assert carrier_name(value, reply, policy) == written
