"""Load scenario for ``bench/load/run.py``: the sidebar's traffic mix against one shop.

Each simulated agent opens a demo conversation (/v1/assist), checks a draft (/v1/qa/check) and
translates a line (/v1/translate), weighted 3:2:1. Needs ``ASSIST_LOAD_KEY`` (a shop API key);
``ASSIST_LOAD_RATE`` (requests per second per user, default 1) paces each user.

    locust -f bench/load/locustfile.py --headless -u 10 -r 10 -t 60s --host http://127.0.0.1:8000
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import gevent
from locust import HttpUser, constant_throughput, task

CONVERSATIONS = Path(__file__).resolve().parents[2] / "examples" / "demo-shop" / "conversations.jsonl"
DRAFTS = {
    "en": "Hello, thank you for your message. We will refund you within 14 days once the return arrives.",
    "de": "Hallo, danke für Ihre Nachricht. Wir erstatten den Betrag innerhalb von 14 Tagen nach Eingang.",
    "ja": "お問い合わせありがとうございます。返品到着後14日以内に返金いたします。",
    "zh": "您好，感谢您的留言。退货到达后我们会在14天内退款。",
}
TRANSLATE = [
    ("Wo ist mein Paket? Es sollte gestern ankommen.", "en"),
    ("The parcel arrived damaged, I want a refund.", "de"),
    ("Olá, o meu pedido ainda não chegou.", "en"),
    ("Thank you, your refund is on its way.", "pt"),
]


def _conversations() -> list[dict]:
    rows = [json.loads(line) for line in CONVERSATIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    keep = ("id", "channel", "customer", "order_ids", "messages")
    return [{k: row[k] for k in keep if k in row} for row in rows]


CONVERSATION_POOL = _conversations()


class Agent(HttpUser):
    wait_time = constant_throughput(float(os.environ.get("ASSIST_LOAD_RATE", "1")))

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Bearer {os.environ['ASSIST_LOAD_KEY']}"
        self.rng = random.Random()
        # Agents do not click in lockstep: start each one at a random point of its period, or every user
        # fires in the same instant each period and the bench measures bursts, not a rate.
        gevent.sleep(self.rng.uniform(0, 1 / float(os.environ.get("ASSIST_LOAD_RATE", "1"))))

    @task(3)
    def assist(self) -> None:
        conversation = self.rng.choice(CONVERSATION_POOL)
        self.client.post("/v1/assist", json={"conversation": conversation, "agent_language": "en"}, name="/v1/assist")

    @task(2)
    def qa_check(self) -> None:
        conversation = self.rng.choice(CONVERSATION_POOL)
        language = (conversation.get("customer") or {}).get("language") or "en"
        draft = DRAFTS.get(language, DRAFTS["en"])
        self.client.post("/v1/qa/check", json={"conversation": conversation, "draft": draft}, name="/v1/qa/check")

    @task(1)
    def translate(self) -> None:
        text, target = self.rng.choice(TRANSLATE)
        self.client.post("/v1/translate", json={"text": text, "target_language": target}, name="/v1/translate")
