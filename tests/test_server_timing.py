"""Every answer says how long the server took (``Server-Timing: app;dur=<ms>``), so a load client can
split its latency into the server's time and its own."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from api.deps import get_order_store


class SlowStore:
    def get(self, shop_id, order_id):
        time.sleep(0.08)
        return None


def server_ms(response) -> float:
    name, _, duration = response.headers["server-timing"].partition(";dur=")
    assert name == "app"
    return float(duration)


def test_an_answer_carries_the_servers_own_time(app, auth):
    app.dependency_overrides[get_order_store] = lambda: SlowStore()
    with TestClient(app) as client:
        slow = client.get("/v1/orders/NL-100001", headers=auth)
    app.dependency_overrides.clear()
    assert slow.status_code == 404
    assert 80 <= server_ms(slow) < 5000


def test_refusals_and_health_checks_carry_it_too(client):
    refused = client.post("/v1/translate", json={"text": "hi", "target_language": "de"})
    assert refused.status_code == 401 and 0 <= server_ms(refused) < 5000
    assert server_ms(client.get("/healthz")) >= 0
