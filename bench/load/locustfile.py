"""Load scenario for ``bench/load/run.py``: the sidebar's traffic mix against one shop.

Each simulated agent opens a demo conversation (/v1/assist), checks a draft (/v1/qa/check) and
translates a line (/v1/translate), weighted 3:2:1. Needs ``ASSIST_LOAD_KEY`` (a shop API key);
``ASSIST_LOAD_RATE`` (requests per second per user, default 1) paces each user;
``ASSIST_LOAD_NEW_SHARE`` (default 0.2) is the share of cards for a conversation not seen before.

    locust -f bench/load/locustfile.py --headless -u 10 -r 10 -t 60s --host http://127.0.0.1:8000
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import gevent
from locust import HttpUser, constant_throughput, task

sys.path.insert(0, str(Path(__file__).parent))
from traffic import CONVERSATION_POOL, DRAFTS, TRANSLATE, first_sight  # noqa: E402

# The share of cards for a conversation the server has not seen (its last buyer message is new): the
# sidebar re-sends a conversation on every keystroke pause, so most cards are for known conversations.
NEW_SHARE = float(os.environ.get("ASSIST_LOAD_NEW_SHARE", "0.2"))


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
        if self.rng.random() < NEW_SHARE:
            conversation = first_sight(conversation, self.rng)
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
