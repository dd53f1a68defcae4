"""Shared fixtures. Real network access is impossible in tests: only loopback and unix sockets."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

pytest_plugins = ["browser_helpers"]  # the browser tests' fixtures: pw, browser, page, shots, server

_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address):  # type: ignore[no-untyped-def]
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            allowed = ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = host == "localhost"
        if not allowed:
            raise RuntimeError(f"tests may not reach the network (tried {address!r}); use a fake or a local stub")
    return _real_connect(self, address)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    """Under CI=true a browser test may not skip (no Chromium must fail CI, not turn it green)."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI", "").lower() == "true" and item.get_closest_marker("browser"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"CI=true: a browser test skipped instead of running ({reason})"


@pytest.fixture
def settings(tmp_path: Path):
    from assist.config import Settings

    return Settings(data_dir=tmp_path / "data", environment="test", load_demo=False, rate_limit_per_minute=0)


@pytest.fixture
def services(settings):
    from assist.services import Services
    from retrievers.embeddings import FakeEmbedder

    svc = Services(settings, embedder=FakeEmbedder())
    yield svc
    svc.close()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Iterator[Path]:
    """For CLI tests: every CLI call reads ASSIST_* from the environment; embeddings come from the fake."""
    from assist.config import get_settings
    from retrievers.embeddings import FakeEmbedder

    monkeypatch.setenv("ASSIST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("retrievers.embeddings.default_embedder", FakeEmbedder)
    get_settings.cache_clear()
    yield tmp_path / "data"
    get_settings.cache_clear()


@pytest.fixture
def app(services):
    from api.app import create_app

    return create_app(services=services)


@pytest.fixture
def client(app) -> Iterator:
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def shop_key(services) -> str:
    from assist.store import shops

    with services.db.session() as session:
        _, key = shops.create_shop(session, "alpha", {"order_id_pattern": r"NL-\d{6}"})
    return key


@pytest.fixture
def auth(shop_key) -> dict[str, str]:
    return {"Authorization": f"Bearer {shop_key}"}


@pytest.fixture(scope="session")
def use_embedder():
    """The real multilingual USE embedder, loaded once per session (slow tests only)."""
    from retrievers.embeddings import UniversalSentenceEncoder

    embedder = UniversalSentenceEncoder()
    embedder.embed(["warm up"])
    return embedder


class DemoData:
    """The demo shop's data folder (database, policy index, key file), loaded by ``ensure_demo_shop`` with the fake
    embedder once per session and copied to each test module that asks for it: loading it reads every policy's
    facts (tens of seconds), and a copy is what a second start of the same server would find. Unscored first; the
    scored one is the unscored one plus its scoring (``ensure_demo_shop`` scores when no scorecard is stored)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _built(self, scored: bool) -> Path:
        from assist.config import Settings
        from assist.demo import ensure_demo_shop
        from assist.services import Services
        from retrievers.embeddings import FakeEmbedder

        folder = self.root / ("scored" if scored else "unscored")
        if not folder.exists():
            building = self.root / "building"
            shutil.rmtree(building, ignore_errors=True)  # what a failed load left
            if scored:
                shutil.copytree(self._built(scored=False), building)
            settings = Settings(data_dir=building, environment="test", load_demo=False, rate_limit_per_minute=0)
            services = Services(settings, embedder=FakeEmbedder())
            try:
                assert ensure_demo_shop(services, score=scored)
            finally:
                services.close()
            building.rename(folder)  # only a finished load becomes the template
        return folder

    def copy_to(self, data_dir: Path, *, scored: bool = True) -> Path:
        """``data_dir`` (which must not exist yet) holding a copy of the loaded demo shop; returns it."""
        shutil.copytree(self._built(scored), data_dir)
        return data_dir


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory) -> DemoData:
    """Copies of the demo shop loaded once (fake embedder): ``demo_data.copy_to(folder, scored=...)``, then
    ``Services`` on that folder; ``ensure_demo_shop`` there returns the same key and loads nothing again."""
    return DemoData(tmp_path_factory.mktemp("demo-data"))
