"""Conversation scorecards for QA reviewers: a YAML rubric applied to every agent message.

``score_conversation(conversation, config=..., order=..., policies=..., shop_settings=...)`` returns a
:class:`~assist.models.Scorecard`: per category a score out of its weight, pass/fail, the evidence
(message index and span) and a reason. The rubric is ``resources/scorecard.yaml``; a shop overrides
parts of it in ``shop_settings["scorecard"]`` (same shape, merged per category).
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assist.errors import InvalidInput
from assist.models import Conversation, Evidence, Order, PolicyPassage, QAIssue, Scorecard, ScoreCategory
from assist.quality import lexicon as lx
from assist.quality.categories import CATEGORIES
from assist.quality.checks import run_checks
from assist.quality.context import DraftContext
from assist.quality.overall import QualityModel, apply_overall
from assist.quality.text_spans import sentences
from assist.quality.tone import ToneClassifier

DEFAULT_PATH = Path(__file__).parent / "resources" / "scorecard.yaml"


class CategoryConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weight: float = Field(ge=0)
    pass_threshold: float = Field(default=0.5, ge=0, le=1)
    critical: bool = False
    enabled: bool = True
    description: str = ""


class ScorecardConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sla_hours: float = Field(default=24, gt=0)
    target_hours: float = Field(default=1, gt=0)
    pass_total: float = Field(default=70, ge=0, le=100)
    categories: dict[str, CategoryConfig]

    @model_validator(mode="after")
    def _check(self) -> ScorecardConfig:
        unknown = sorted(set(self.categories) - set(CATEGORIES))
        if unknown:
            raise ValueError(
                f"unknown categor{'ies' if len(unknown) > 1 else 'y'} {', '.join(unknown)}; "
                f"known: {', '.join(CATEGORIES)}"
            )
        if self.target_hours > self.sla_hours:
            raise ValueError(f"target_hours ({self.target_hours}) must not exceed sla_hours ({self.sla_hours})")
        if not any(c.enabled and c.weight > 0 for c in self.categories.values()):
            raise ValueError("at least one enabled category needs a weight above 0")
        return self


def parse_config(data: Any, source: str = "scorecard") -> ScorecardConfig:
    """Validate a scorecard mapping; InvalidInput names the bad key and says what is allowed."""
    if not isinstance(data, dict):
        raise InvalidInput(f"{source}: expected a mapping with 'categories', got {type(data).__name__}")
    try:
        return ScorecardConfig.model_validate(data)
    except ValidationError as exc:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err["loc"]) or "scorecard"
            parts.append(f"{where}: {err['msg'].removeprefix('Value error, ')}")
        raise InvalidInput(f"{source} is invalid: " + "; ".join(parts)) from exc


def load_config(path: Path | str | None = None) -> ScorecardConfig:
    path = Path(path) if path else DEFAULT_PATH
    from assist.yamlfile import read_yaml_file

    return parse_config(read_yaml_file(path, "scorecard"), str(path))


@lru_cache(maxsize=1)
def default_config() -> ScorecardConfig:
    return load_config(DEFAULT_PATH)


def config_for_shop(shop_settings: dict[str, Any] | None, base: ScorecardConfig | None = None) -> ScorecardConfig:
    """The default rubric with the shop's ``scorecard`` override merged in (per category)."""
    base = base or default_config()
    override = (shop_settings or {}).get("scorecard")
    if not override:
        return base
    if not isinstance(override, dict):
        raise InvalidInput("shop setting 'scorecard' must be a mapping like the default scorecard.yaml")
    merged = copy.deepcopy(base.model_dump())
    for key, value in override.items():
        if key == "categories" and isinstance(value, dict):
            for name, cat in value.items():
                merged["categories"][name] = {**merged["categories"].get(name, {}), **(cat or {})}
        else:
            merged[key] = value
    return parse_config(merged, "shop setting 'scorecard'")


# --- scoring --------------------------------------------------------------------------------


def _evidence(issue_or_span: Any, index: int) -> Evidence:
    if isinstance(issue_or_span, QAIssue) and issue_or_span.evidence is not None:
        return issue_or_span.evidence
    span = issue_or_span
    return Evidence(text=span.text, message_index=index, start=span.start, end=span.end)


def _match(pattern: re.Pattern[str], text: str, index: int, limit: int | None = None) -> Evidence | None:
    m = pattern.search(text if limit is None else text[:limit])
    return Evidence(text=m.group(0), message_index=index, start=m.start(), end=m.end()) if m else None


def _response_times(conversation: Conversation) -> list[tuple[int, float]]:
    """(agent message index, seconds waited) for each buyer turn answered by the agent."""
    out, waiting_since = [], None
    for i, message in enumerate(conversation.messages):
        if message.sent_at is None:
            continue
        if message.role == "customer" and waiting_since is None:
            waiting_since = message.sent_at
        elif message.role == "agent" and waiting_since is not None:
            out.append((i, max(0.0, (message.sent_at - waiting_since).total_seconds())))
            waiting_since = None
    return out


def _time_score(seconds: float, config: ScorecardConfig) -> float:
    hours, target, sla = seconds / 3600, config.target_hours, config.sla_hours
    if hours <= target:
        return 1.0
    if hours > sla:
        return 0.0
    return 1.0 - 0.5 * (hours - target) / max(sla - target, 1e-9)


class _Scorer:
    def __init__(self, conversation: Conversation, config: ScorecardConfig, ctx: DraftContext) -> None:
        self.conversation, self.config, self.ctx = conversation, config, ctx
        self.agent = [(i, m.text) for i, m in enumerate(conversation.messages) if m.role == "agent"]
        self.issues: dict[int, list[QAIssue]] = {}
        checks = [
            "policy_contradiction",
            "order_contradiction",
            "personal_data",
            "marketplace_rules",
            "language_mismatch",
        ]
        for index, text in self.agent:
            ctx.message_index = index
            self.issues[index] = run_checks(text, ctx, checks)

    def found(self, *checks: str) -> list[QAIssue]:
        return [i for issues in self.issues.values() for i in issues if i.check in checks and i.severity != "info"]

    def greeting(self) -> tuple[float, list[Evidence], str]:
        index, text = self.agent[0]
        ev = _match(lx.GREETING, text, index, limit=60)
        return (1.0, [ev], "the first reply greets the buyer") if ev else (0.0, [], "the first reply has no greeting")

    def empathy(self) -> tuple[float, list[Evidence], str]:
        for index, text in self.agent:
            ev = _match(lx.EMPATHY, text, index)
            if ev:
                return 1.0, [ev], "the agent acknowledges the buyer's situation"
        upset = lx.NEGATIVE_BUYER.search(self.conversation.customer_text(last=20))
        if upset:
            return 0.0, [], f"the buyer was upset ('{upset.group(0)}') and no reply acknowledges it"
        return 0.75, [], "no acknowledgement, but the buyer did not sound upset"

    def tone(self) -> tuple[float, list[Evidence], str]:
        classifier: ToneClassifier = self.ctx.tone or ToneClassifier()
        worst, evidence = 1.0, []
        for index, text in self.agent:
            for f in classifier.findings(text):
                evidence.append(Evidence(text=f.span.text, message_index=index, start=f.span.start, end=f.span.end))
            worst = min(worst, classifier.politeness(text))
        reason = "polite throughout" if not evidence else f"{len(evidence)} rude, blaming or sarcastic span(s)"
        return worst, evidence, reason

    def accuracy(self) -> tuple[float, list[Evidence], str]:
        found = self.found("policy_contradiction", "order_contradiction")
        errors = sum(1 for i in found if i.severity == "error")
        score = max(0.0, 1.0 - 0.5 * errors - 0.25 * (len(found) - errors))
        reason = "nothing contradicts the policy or the order" if not found else "; ".join(i.message for i in found[:3])
        return score, [_evidence(i, -1) for i in found], reason

    def resolution(self) -> tuple[float, list[Evidence], str]:
        """Resolved (the buyer thanks or closes last) > next step given > unhappy buyer has the last word."""
        last_index, last = len(self.conversation.messages) - 1, self.conversation.messages[-1]
        if last.role == "customer":
            thanks = _match(lx.BUYER_THANKS, last.text, last_index)
            if thanks:
                return 1.0, [thanks], "the buyer closed the conversation satisfied"
            upset = _match(lx.NEGATIVE_BUYER, last.text, last_index)
            if upset:
                return 0.0, [upset], "the buyer's last message is still unhappy and got no answer"
        index, text = self.agent[-1]
        ev = _match(lx.NEXT_STEP, text, index) or _match(re.compile(r"[?？]"), text, index)
        if ev:
            return 0.75, [ev], "the last reply gives a next step"
        for index, text in self.agent[:-1]:
            ev = _match(lx.NEXT_STEP, text, index)
            if ev:
                return 0.5, [ev], "a next step was given earlier but the last reply has none"
        return 0.0, [], "no reply tells the buyer what happens next"

    def language_match(self) -> tuple[float, list[Evidence], str]:
        found = self.found("language_mismatch")
        wrong = {i.evidence.message_index for i in found if i.evidence}
        score = 1.0 - len(wrong) / len(self.agent)
        reason = "every reply is in the buyer's language" if not found else found[0].message
        return score, [_evidence(i, -1) for i in found], reason

    def response_time(self) -> tuple[float, list[Evidence], str] | None:
        times = _response_times(self.conversation)
        if not times:
            return None
        first_index, first = times[0]
        average = sum(t for _, t in times) / len(times)
        score = 0.5 * _time_score(first, self.config) + 0.5 * _time_score(average, self.config)
        text = self.conversation.messages[first_index].text
        ev = Evidence(text=text[:80], message_index=first_index, start=0, end=min(80, len(text)))
        reason = (
            f"first response after {first / 3600:.1f} h, average {average / 3600:.1f} h "
            f"(target {self.config.target_hours:g} h, SLA {self.config.sla_hours:g} h)"
        )
        return score, [ev], reason

    def compliance(self) -> tuple[float, list[Evidence], str]:
        found = self.found("personal_data", "marketplace_rules")
        errors = any(i.severity == "error" for i in found)
        score = 0.0 if errors else (0.5 if found else 1.0)
        reason = "no compliance problems" if not found else "; ".join(i.message for i in found[:3])
        return score, [_evidence(i, -1) for i in found], reason

    def closing(self) -> tuple[float, list[Evidence], str]:
        index, text = self.agent[-1]
        tail_start = sentences(text)[-2].start if len(sentences(text)) > 1 else 0
        m = lx.CLOSING.search(text, tail_start)
        if m:
            return (
                1.0,
                [Evidence(text=m.group(0), message_index=index, start=m.start(), end=m.end())],
                "the last reply closes politely",
            )
        return 0.0, [], "the last reply has no closing (offer of further help or sign-off)"


def score_conversation(
    conversation: Conversation,
    *,
    config: ScorecardConfig | None = None,
    order: Order | None = None,
    policies: tuple[PolicyPassage, ...] | list[PolicyPassage] = (),
    shop_settings: dict[str, Any] | None = None,
    tone: ToneClassifier | None = None,
    language_detector: Any = None,
    buyer_language: str | None = None,
    quality_model: QualityModel | None = None,
    embedder: Any = None,
) -> Scorecard:
    """Score every agent message of ``conversation`` against the rubric (default: the shop's).

    The rule categories are the evidence; the overall 1-5 score comes from ``quality_model`` (the learned
    conversation-quality model, see ``overall.py``) with ``embedder``, or from the rule total when there
    is no model (``overall_engine: "rules"``)."""
    config = config or config_for_shop(shop_settings)
    agents = list(dict.fromkeys(m.author for m in conversation.messages if m.role == "agent" and m.author))
    ctx = DraftContext(
        conversation=conversation,
        order=order,
        policies=tuple(policies),
        shop_settings=dict(shop_settings or {}),
        tone=tone,
        language_detector=language_detector,
        buyer_language=buyer_language or conversation.customer.language,
    )
    if not any(m.role == "agent" for m in conversation.messages):
        categories = [
            ScoreCategory(
                name=n,
                score=0,
                max=c.weight,
                passed=False,
                reason="the agent never replied",
                pass_threshold=c.pass_threshold,
            )
            for n, c in config.categories.items()
            if c.enabled
        ]
        card = Scorecard(conversation_id=conversation.id, categories=categories, total=0.0, passed=False, agents=agents)
        return apply_overall(card, conversation, quality_model, embedder)
    scorer = _Scorer(conversation, config, ctx)
    categories = []
    for name, cat in config.categories.items():
        if not cat.enabled:
            continue
        result = getattr(scorer, name)()
        if result is None:
            categories.append(
                ScoreCategory(
                    name=name,
                    score=0.0,
                    max=cat.weight,
                    passed=True,
                    applicable=False,
                    reason="not applicable: the messages have no timestamps",
                    pass_threshold=cat.pass_threshold,
                )
            )
            continue
        fraction, evidence, reason = result
        categories.append(
            ScoreCategory(
                name=name,
                score=round(fraction * cat.weight, 2),
                max=cat.weight,
                passed=fraction >= cat.pass_threshold,
                evidence=evidence[:10],
                reason=reason,
                pass_threshold=cat.pass_threshold,
            )
        )
    applicable = [c for c in categories if c.applicable]
    possible = sum(c.max for c in applicable) or 1.0
    total = round(100 * sum(c.score for c in applicable) / possible, 1)
    critical_failed = any(not c.passed and config.categories[c.name].critical for c in applicable)
    times = _response_times(conversation)
    card = Scorecard(
        conversation_id=conversation.id,
        categories=categories,
        total=total,
        passed=total >= config.pass_total and not critical_failed,
        agents=agents,
        first_response_minutes=round(times[0][1] / 60, 1) if times else None,
        avg_response_minutes=round(sum(t for _, t in times) / len(times) / 60, 1) if times else None,
        engine=(tone.engine if tone else "rules"),
    )
    return apply_overall(card, conversation, quality_model, embedder)
