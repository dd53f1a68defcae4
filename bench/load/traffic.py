"""The sidebar's traffic for the load bench, shared by its two clients (``locustfile.py`` and
``agents.py``): the demo conversations, drafts to check, lines to translate, new conversations, and
when each agent sends (:class:`Pacer`)."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import Literal

Arrivals = Literal["poisson", "phased", "lockstep"]
ARRIVALS: tuple[Arrivals, ...] = ("poisson", "phased", "lockstep")

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


def first_sight(conversation: dict, rng: random.Random) -> dict:
    """``conversation`` with a reference number added to the buyer's last message: new text for the
    server (embeddings, language, intent, translation, asks and summary all computed afresh)."""
    messages = [dict(m) for m in conversation["messages"]]
    last = max(i for i, m in enumerate(messages) if m["role"] == "customer")
    messages[last]["text"] = f"{messages[last]['text']} (#{rng.randrange(10_000, 100_000)})"
    return {**conversation, "messages": messages}


class Pacer:
    """When one agent sends: on average ``rate`` requests a second, from its own random phase.

    ``poisson`` (default): the gaps between one agent's sends are exponential (mean ``1 / rate``), so a
    team's requests arrive as independent agents' do, in a Poisson stream with its natural bursts.
    ``phased``: every ``1 / rate`` seconds exactly, each agent from a random phase (a smooth stream).
    ``lockstep``: every agent at the same instants (``start``, then every ``1 / rate`` s): what the
    bench's locust client sent before 2026-11 (locust's ``constant_throughput`` counts the period from
    the user's creation, which undid the random start delay), a burst of all agents at once.

    An agent never sends before its previous answer came back, and one that fell behind does not catch
    up in a burst: when its next send is already due, it sends at once and keeps that schedule.
    """

    def __init__(self, rate: float, arrivals: Arrivals, rng: random.Random, start: float) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, not {rate}")
        if arrivals not in ARRIVALS:
            raise ValueError(f"arrivals must be one of {', '.join(ARRIVALS)}, not {arrivals!r}")
        self.period = 1 / rate
        self.arrivals = arrivals
        self.rng = rng
        self.due = start if arrivals == "lockstep" else start + rng.uniform(0, self.period)

    def first_wait(self, now: float) -> float:
        """Seconds from ``now`` to this agent's first send."""
        return max(0.0, self.due - now)

    def next_wait(self, now: float) -> float:
        """Seconds from ``now`` (the previous answer just came back) to this agent's next send."""
        gap = self.rng.expovariate(1 / self.period) if self.arrivals == "poisson" else self.period
        self.due = max(self.due + gap, now)
        return max(0.0, self.due - now)


def burstiness(send_times: list[float], window_s: float = 0.1) -> int:
    """The most requests sent within one ``window_s`` bin: how bursty the offered load was."""
    if not send_times:
        return 0
    first = min(send_times)
    return max(Counter(int((t - first) / window_s) for t in send_times).values())


def server_ms(header: str | None) -> float | None:
    """The server's own time from its ``Server-Timing: app;dur=<ms>`` header (None when absent)."""
    for part in (header or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == "dur":
            try:
                return float(value)
            except ValueError:
                return None
    return None
