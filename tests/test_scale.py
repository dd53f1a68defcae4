"""The scale path: the same API and store tests, against PostgreSQL and a Chroma server.

Run by ``scripts/scale-test`` (it starts both on loopback and sets ``ASSIST_DATABASE_URL`` and
``ASSIST_CHROMA_HOST``); skipped otherwise. The tests below are imported from the default suite and
collected again here with the ``settings`` fixture overridden: each test gets a fresh PostgreSQL
database and its own Chroma collection.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from assist.config import Settings

pytestmark = pytest.mark.scale

# The suites that run again on the scale path (names imported so pytest collects them here too).
from test_hardening_times import *  # noqa: E402,F403
from test_order_offsets import test_own_offsets_round_trip_through_the_configured_database  # noqa: E402,F401
from test_orders_api import *  # noqa: E402,F403
from test_policies import *  # noqa: E402,F403
from test_qa_api import *  # noqa: E402,F403
from test_tenants import *  # noqa: E402,F403

DATABASE_URL = os.environ.get("ASSIST_DATABASE_URL", "")
CHROMA_HOST = os.environ.get("ASSIST_CHROMA_HOST", "")
CHROMA_PORT = int(os.environ.get("ASSIST_CHROMA_PORT", "8000"))
REQUIRES = "needs PostgreSQL and a Chroma server: run scripts/scale-test"


@pytest.fixture
def settings(tmp_path):
    if not DATABASE_URL.startswith("postgresql") or not CHROMA_HOST:
        pytest.skip(REQUIRES)
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield Settings(
        data_dir=tmp_path / "data",
        environment="test",
        load_demo=False,
        rate_limit_per_minute=0,
        database_url=DATABASE_URL.rsplit("/", 1)[0] + f"/{name}",
        chroma_host=CHROMA_HOST,
        chroma_port=CHROMA_PORT,
        chroma_collection=f"policies_{name}",
    )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
    import chromadb

    try:
        chromadb.HttpClient(host=CHROMA_HOST, port=CHROMA_PORT).delete_collection(f"policies_{name}")
    except Exception:  # noqa: BLE001  (the test did not create it)
        pass


def test_scale_settings_really_use_postgres_and_the_chroma_server(services, settings, tmp_path):
    import chromadb
    from policy_files import RETURNS_EN, write

    assert services.db.engine.dialect.name == "postgresql"
    services.policy_index.ingest_file(7, write(tmp_path, "returns.md", RETURNS_EN))
    server = chromadb.HttpClient(host=CHROMA_HOST, port=CHROMA_PORT)
    assert server.get_collection(settings.chroma_collection).count() == 2


# --- the Chroma server going away ---------------------------------------------------------


def _start_chroma(path: Path, port: int) -> subprocess.Popen:
    import urllib.request

    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("chroma server did not start")


def test_chroma_server_stopping_mid_run_is_a_503_writes_nothing_and_recovers(settings, tmp_path):
    """A Chroma server of this test's own (stopping it does not disturb the shared one)."""
    import socket

    from fastapi.testclient import TestClient
    from policy_files import RETURNS_EN, SHIPPING_EN, write

    from api.app import create_app
    from assist.services import Services
    from assist.store import shops
    from retrievers.embeddings import FakeEmbedder

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    proc = _start_chroma(tmp_path / "chroma", port)
    try:
        services = Services(settings.model_copy(update={"chroma_port": port}), embedder=FakeEmbedder())
        with services.db.session() as session:
            shop, key = shops.create_shop(session, "alpha")
        services.policy_index.ingest_file(shop.id, write(tmp_path, "returns.md", RETURNS_EN))
        auth = {"Authorization": f"Bearer {key}"}
        query = {"query": "return window"}
        with TestClient(create_app(services=services), raise_server_exceptions=False) as client:
            assert client.post("/v1/policies/search", headers=auth, json=query).json()["results"]
            proc.kill()
            proc.wait()
            # A query searched before is answered from the search cache (the shop's chunks did not change);
            # a new one needs the index server.
            cached = client.post("/v1/policies/search", headers=auth, json=query)
            assert cached.status_code == 200 and cached.json()["results"]
            down = client.post("/v1/policies/search", headers=auth, json={"query": "who pays to send it back"})
            assert down.status_code == 503, down.text
            assert down.json()["detail"] == (
                "a backing service (the policy index server) is unavailable; try again shortly"
            )
            with pytest.raises(Exception):  # noqa: B017  (whatever the client raises: nothing is written)
                services.policy_index.ingest_file(shop.id, write(tmp_path, "shipping.md", SHIPPING_EN))
            proc = _start_chroma(tmp_path / "chroma", port)
            back = client.post("/v1/policies/search", headers=auth, json=query)
            assert back.status_code == 200 and back.json()["results"]
        assert services.policy_index.count(shop.id) == 2  # returns.md only
        services.close()
    finally:
        proc.kill()
        proc.wait()
