"""Keys, error bodies, personal data in logs, CORS."""

from __future__ import annotations

import hashlib
import logging

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.deps import get_order_store
from assist.config import Settings
from assist.store import shops

# --- API keys ---------------------------------------------------------------------------


def test_keys_are_stored_only_as_sha256_hashes(services, shop_key):
    with services.db.session() as session:
        rows = session.query(shops.ApiKey).all()
    assert len(rows) == 1
    assert rows[0].key_hash == hashlib.sha256(shop_key.encode()).hexdigest()
    assert shop_key not in rows[0].key_hash and rows[0].lookup in shop_key


def test_keys_are_compared_in_constant_time(services, shop_key, monkeypatch):
    calls = []
    real = shops.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(shops.hmac, "compare_digest", spy)
    forged = shop_key[:-4] + ("AAAA" if not shop_key.endswith("AAAA") else "BBBB")  # same lookup prefix
    with services.db.session() as session:
        assert shops.shop_for_key(session, shop_key).name == "alpha"
        assert shops.shop_for_key(session, forged) is None
    assert len(calls) == 2
    assert calls[0][1] == hashlib.sha256(shop_key.encode()).hexdigest()


@pytest.mark.parametrize(
    "header",
    [
        "Bearer ",
        "Bearer ak_",
        "Bearer ak_short",
        "Basic dXNlcjpwYXNz",
        "ak_nobearerprefix1234567890",
        "Bearer " + "ak_" + "x" * 5000,
    ],
)
def test_malformed_keys_are_401_without_echoing_the_key(client, shop_key, header):
    r = client.get("/v1/orders/NL-100001", headers={"Authorization": header})
    assert r.status_code == 401
    assert "xxxxxxxx" not in r.text and "dXNlcjpwYXNz" not in r.text


# --- error bodies -----------------------------------------------------------------------


class ExplodingStore:
    def get(self, shop_id, order_id):
        raise RuntimeError(f"boom in /work/main/retrievers/secret_module.py for buyer anna@example.org {order_id}")


@pytest.fixture
def exploding_client(app):
    app.dependency_overrides[get_order_store] = lambda: ExplodingStore()
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.dependency_overrides.clear()


def test_internal_errors_show_no_trace_paths_or_exception_text(exploding_client, auth):
    r = exploding_client.get("/v1/orders/NL-100001", headers=auth)
    assert r.status_code == 500
    rid = r.headers["x-request-id"]
    assert r.json() == {
        "detail": f"internal error (request id {rid}); the request was not completed, nothing was saved. "
        "Try again, and quote the request id if you report it."
    }
    for leak in ("Traceback", "/work", ".py", "RuntimeError", "boom", "anna@"):
        assert leak not in r.text


def test_internal_errors_are_logged_with_personal_data_masked(exploding_client, auth, caplog):
    with caplog.at_level(logging.ERROR, logger="assist.api"):
        exploding_client.get("/v1/orders/NL-100001", headers=auth)
    record = next(r for r in caplog.records if r.name == "assist.api")
    assert "unhandled error on GET /v1/orders/NL-100001" in record.getMessage()
    assert "boom in /work/main/retrievers/secret_module.py" in caplog.text  # the trace is in the log...
    assert "anna@example.org" not in caplog.text  # ...with the buyer's email masked
    assert "[email]" in caplog.text


def test_log_records_mask_emails_phones_cards_and_ibans(app, caplog):
    log = logging.getLogger("assist.test")
    with caplog.at_level(logging.INFO, logger="assist.test"):
        log.info(
            "buyer %s, phone %s, card %s, iban %s, order %s, took %.3f s",
            "anna.berg@example.org",
            "+49 151 23456789",
            "4111 1111 1111 1111",
            "DE89 3704 0044 0532 0130 00",
            "NL-104233",
            0.123,
        )
        log.warning("payload %r", {"email": "bob@example.com", "phone": "090-1234-5678"})
    text = caplog.text
    for secret in ("anna.berg@example.org", "23456789", "4111", "DE89", "bob@example.com", "1234-5678"):
        assert secret not in text
    assert "buyer [email], phone [phone], card [card], iban [iban], order NL-104233, took 0.123 s" in text
    assert "[email]" in text and "[phone]" in text


def test_masking_keeps_ordinary_numbers(app):
    from assist.logs import mask_personal_data

    kept = "order NL-104233 placed 2026-11-01T10:00:00Z, tracking JJD000390007777777, 1763900000000 ms, 49.90 EUR"
    assert mask_personal_data(kept) == kept
    assert mask_personal_data("not a card: 4111 1111 1111 1112") == "not a card: 4111 1111 1111 1112"


# --- CORS -------------------------------------------------------------------------------


@pytest.fixture
def cors_client(tmp_path):
    settings = Settings(
        data_dir=tmp_path / "data",
        environment="test",
        load_demo=False,
        cors_origins=["https://helpdesk.example.com"],
        extension_ids=["abcdefghijklmnop" * 2],
    )
    with TestClient(create_app(settings)) as c:
        yield c


def _preflight(client, origin):
    return client.options(
        "/v1/policies/search",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )


@pytest.mark.parametrize("origin", ["https://helpdesk.example.com", "chrome-extension://" + "abcdefghijklmnop" * 2])
def test_cors_allows_configured_origins_and_the_extension(cors_client, origin):
    r = _preflight(cors_client, origin)
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == origin
    assert "authorization" in r.headers["access-control-allow-headers"].lower()
    simple = cors_client.get("/healthz", headers={"Origin": origin})
    assert simple.headers["access-control-allow-origin"] == origin


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example.net",
        "https://helpdesk.example.com.evil.net",
        "chrome-extension://" + "z" * 32,
        "chrome-extension://" + "p" * 32,  # a well-formed id that is not configured
        "null",
    ],
)
def test_cors_denies_other_origins(cors_client, origin):
    r = _preflight(cors_client, origin)
    assert r.status_code == 400
    assert "access-control-allow-origin" not in r.headers
    simple = cors_client.get("/healthz", headers={"Origin": origin})
    assert "access-control-allow-origin" not in simple.headers
