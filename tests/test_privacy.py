"""Personal data masking before text leaves the process, and restoring after."""

from assist.privacy import Masking, find_personal_data, mask


def test_masks_email_phone_card_and_restores_only_what_the_agent_needs():
    text = "Mail anna.m@example.com or call +49 151 23456789; card 4111 1111 1111 1111."
    masked, masking = mask(text)
    assert masked == "Mail [EMAIL_1] or call [PHONE_1]; card [CARD_1]."
    restored = masking.restore("We wrote to [EMAIL_1] and [PHONE_1]; card [CARD_1].")
    assert restored == "We wrote to anna.m@example.com and +49 151 23456789; card •••• 1111."


def test_card_needs_a_valid_checksum_so_long_ids_stay():
    masked, _ = mask("tracking 4111 1111 1111 1112 and order NL-104233")
    assert "[CARD" not in masked and "NL-104233" in masked


def test_street_addresses_in_several_languages():
    samples = {
        "I live at 12 Baker Street, London": "12 Baker Street",
        "Bitte an Hauptstraße 12 liefern": "Hauptstraße 12",
        "Envoyez à 12 rue de la Paix, Paris": "12 rue de la Paix",
        "Calle Mayor 5, Madrid": "Calle Mayor 5",
        "東京都渋谷区神南1-2-3に送ってください": "東京都渋谷区神南1-2-3",
        "上海市浦东新区世纪大道100号": "上海市浦东新区世纪大道100号",
    }
    for text, address in samples.items():
        assert ("ADDRESS", address) in find_personal_data(text), text


def test_dates_and_kept_values_are_not_masked():
    masked, _ = mask("delivered 2026-11-03 / 03.11.2026, tracking 00340434161094042557", keep=["00340434161094042557"])
    assert masked == "delivered 2026-11-03 / 03.11.2026, tracking 00340434161094042557"


def test_same_value_same_placeholder_across_texts_and_invented_ones_are_reported():
    first, masking = mask("write to a@example.com")
    second, masking = mask("again: a@example.com, or b@example.org", masking)
    assert first == "write to [EMAIL_1]"
    assert second == "again: [EMAIL_1], or [EMAIL_2]"
    assert masking.unknown_placeholders("send to [EMAIL_2] and [EMAIL_9]") == ["[EMAIL_9]"]
    assert Masking().restore("[PHONE_1]") == "[PHONE_1]"
