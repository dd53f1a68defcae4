"""The sidebar's traffic for the load bench, shared by its two clients (``locustfile.py`` and
``agents.py``): the demo conversations, drafts to check, lines to translate, and new conversations."""

from __future__ import annotations

import json
import random
from pathlib import Path

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
