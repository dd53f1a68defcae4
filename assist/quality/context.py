"""What a draft check sees: the draft, the conversation, the order, policies and shop settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from assist.models import Conversation, Evidence, Order, PolicyPassage, QAIssue, Severity
from assist.quality.text_spans import Span

MARKETPLACE_CHANNELS = (
    "amazon",
    "ebay",
    "etsy",
    "aliexpress",
    "rakuten",
    "mercadolibre",
    "mercado_libre",
    "walmart",
    "zalando",
    "cdiscount",
    "allegro",
    "bol",
    "otto",
    "kaufland",
    "shopee",
    "lazada",
    "tmall",
    "jd",
    "temu",
)


@dataclass
class DraftContext:
    conversation: Conversation | None = None
    order: Order | None = None
    policies: tuple[PolicyPassage, ...] = ()
    buyer_language: str | None = None
    shop_settings: dict[str, Any] = field(default_factory=dict)
    chat_model: Any = None
    language_detector: Any = None
    tone: Any = None
    now: datetime | None = None
    message_index: int | None = None
    facts: Any = None  # the shop's PolicyFacts (assist/policy_facts.py), when known
    claim_reader: Any = None  # which fact a draft's number speaks of (assist/quality/claim_reader.py)
    # the second encoder's embed where the first does not read the draft's language (assist/quality/claim_encoders.py)
    reading_encoder: Any = None

    @property
    def reference_time(self) -> datetime:
        """'Now' for date rules: the newest message time in the conversation, else the clock."""
        if self.now is not None:
            return _aware(self.now)
        if self.conversation is not None:
            stamps = [_aware(m.sent_at) for m in self.conversation.messages if m.sent_at is not None]
            if stamps:
                return max(stamps)
        return datetime.now(UTC)

    @property
    def channel(self) -> str:
        return ((self.conversation.channel if self.conversation else None) or "").lower()

    @property
    def on_marketplace(self) -> bool:
        return any(name in self.channel for name in MARKETPLACE_CHANNELS)

    def customer_text(self) -> str:
        return self.conversation.customer_text(last=10) if self.conversation else ""

    def issue(
        self,
        check: str,
        severity: Severity,
        message: str,
        span: Span | None,
        *,
        policy_id: str | None = None,
        order_field: str | None = None,
    ) -> QAIssue:
        evidence = (
            Evidence(text=span.text, message_index=self.message_index, start=span.start, end=span.end)
            if span is not None
            else None
        )
        return QAIssue(
            check=check,
            severity=severity,
            message=message,
            evidence=evidence,
            policy_id=policy_id,
            order_field=order_field,
        )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
