"""Issue 14, finding 4: personal data and keys never reach the logs, URL-encoded or not."""

from __future__ import annotations

import logging
from urllib.parse import quote, quote_plus

import pytest

from assist.logs import mask_personal_data
from assist.quality.compliance import CARD, EMAIL, IBAN, PHONE, STREET

# Every format the draft check's personal-data patterns know (asserted below), plus the ones the
# probe found missing: phones without separators and emails with non-ASCII characters.
SAMPLES = [
    ("card", "4111 1111 1111 1111", CARD),
    ("card", "4111-1111-1111-1111", CARD),
    ("card", "4111111111111111", CARD),
    ("iban", "DE89 3704 0044 0532 0130 00", IBAN),
    ("iban", "DE89370400440532013000", IBAN),
    ("email", "anna.berg@example.org", EMAIL),
    ("email", "jörg.müller@bücher.de", EMAIL),
    ("email", "山田太郎@例え.jp", EMAIL),
    ("phone", "+49 171 1234567", PHONE),
    ("phone", "+491711234567", PHONE),
    ("phone", "0049 171 1234567", PHONE),
    ("phone", "+1 (415) 555-0134", PHONE),
    ("phone", "030/1234567", PHONE),
    ("phone", "0171 1234567", PHONE),
    ("phone", "01711234567", None),  # no separators: the draft check misses it, the log must not
    ("address", "Hauptstraße 12", STREET),
    ("address", "12 Baker Street", STREET),
    ("address", "12 rue de la Paix", STREET),
]


@pytest.mark.parametrize(("kind", "value", "pattern"), SAMPLES)
def test_every_personal_data_format_is_masked_plain_and_url_encoded(kind, value, pattern):
    if pattern is not None:
        assert pattern.search(value), f"the personal-data check no longer knows {value!r}"
    digits = "".join(c for c in value if c.isdigit())
    for encoded in (value, quote(value), quote_plus(value), quote(quote(value))):
        line = f'127.0.0.1:5 - "GET /v1/orders/lookup?q={encoded}&lang=de HTTP/1.1" 200'
        masked = mask_personal_data(line)
        assert value not in masked and encoded not in masked, (encoded, masked)
        if len(digits) >= 7:
            assert digits[-7:] not in masked.replace(" ", "").replace("-", ""), masked
        assert f"[{kind}]" in masked, masked


def test_keys_never_reach_the_access_log():
    key = "ak_" + "Zx9_" * 10
    for line in (
        f"GET /review?key={key} HTTP/1.1",
        f"GET /v1/orders/NL-1?api_key={quote(key)} HTTP/1.1",
        f"Authorization: Bearer {key}",
        f"token={key}&x=1",
    ):
        masked = mask_personal_data(line)
        assert key not in masked and key[3:20] not in masked, masked


def test_ordinary_log_lines_are_kept():
    for line in (
        "order NL-104233 placed 2026-11-01T10:00:00Z, tracking JJD000390007777777, 1763900000000 ms, 49.90 EUR",
        '"POST /v1/assist HTTP/1.1" 200',
        "order 112-1234567-1234567 shipped",
    ):
        assert mask_personal_data(line) == line


def test_uvicorn_access_records_are_masked(app, caplog):
    from assist.logs import install_masking

    install_masking()
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        logging.getLogger("uvicorn.access").info(
            '%s - "%s %s HTTP/%s" %d',
            "127.0.0.1:5",
            "GET",
            "/v1/x?email=anna%40example.org&phone=%2B491711234567&key=ak_secretsecretsecret",
            "1.1",
            200,
        )
    text = caplog.text
    assert "anna" not in text and "1711234567" not in text and "secretsecret" not in text
