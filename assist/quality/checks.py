"""Live QA checks on an agent's draft reply (``POST /v1/qa/check``).

Each check is a small function ``(draft, ctx) -> list[QAIssue]``; :func:`check_draft` runs the
chosen ones. All are offline rules except ``tone`` (a small embedding classifier when the USE
embedder is available) and the optional LLM judge for contradictions (when a chat model is passed).
Severity: ``error`` = must fix before sending, ``warning`` = likely wrong, ``info`` = style.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from assist.errors import AssistError, InvalidInput
from assist.models import Conversation, Order, PolicyPassage, QAIssue
from assist.quality import lexicon as lx
from assist.quality.compliance import marketplace_rules, personal_data
from assist.quality.context import DraftContext
from assist.quality.contradictions import order_contradiction, policy_contradiction
from assist.quality.text_spans import Span, sentences
from assist.quality.tone import ToneClassifier

log = logging.getLogger("assist.quality")

Check = Callable[[str, DraftContext], list[QAIssue]]
LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "ja": "Japanese",
    "zh": "Chinese",
    "es": "Spanish",
    "fr": "French",
    "pt": "Portuguese",
    "it": "Italian",
    "ko": "Korean",
    "nl": "Dutch",
}
_detector_lock = threading.Lock()
_default_detector: Any = None


def default_detector() -> Any:
    global _default_detector
    with _detector_lock:
        if _default_detector is None:
            from assist.language import FastTextDetector

            _default_detector = FastTextDetector()
    return _default_detector


def _detect(text: str, ctx: DraftContext) -> tuple[str, float]:
    from assist.language import normalize_code

    guess = (ctx.language_detector or default_detector()).detect(text)
    return normalize_code(guess.language), guess.confidence


def buyer_language_of(ctx: DraftContext) -> str | None:
    from assist.language import normalize_code

    if ctx.buyer_language:
        return normalize_code(ctx.buyer_language)
    if ctx.conversation is not None and ctx.conversation.customer_messages():
        language, confidence = _detect(ctx.conversation.customer_text(last=3), ctx)
        if language != "und" and confidence >= 0.5:
            return language
    if ctx.conversation is not None and ctx.conversation.customer.language:
        return normalize_code(ctx.conversation.customer.language)
    return None


def language_mismatch(draft: str, ctx: DraftContext) -> list[QAIssue]:
    buyer = buyer_language_of(ctx)
    letters = re.findall(r"[^\W\d_]", re.sub(r"https?://\S+|\S+@\S+", " ", draft))
    if buyer is None or len(letters) < 8:
        return []
    language, confidence = _detect(draft, ctx)
    if language in ("und", buyer) or confidence < 0.5:
        return []
    name = LANGUAGE_NAMES.get(language, language)
    want = LANGUAGE_NAMES.get(buyer, buyer)
    return [
        ctx.issue(
            "language_mismatch",
            "error",
            f"The draft is in {name} but the buyer writes in {want}: reply in {want} (use the "
            "translation shown in the sidebar).",
            Span(draft, 0, len(draft)),
        )
    ]


def tone(draft: str, ctx: DraftContext) -> list[QAIssue]:
    classifier: ToneClassifier = ctx.tone or ToneClassifier()
    messages = {
        "insult": "Remove the insult '{text}': it is rude to the buyer.",
        "blame": "'{text}' blames or lectures the buyer; state what happened and what you will do instead.",
        "sarcasm": "'{text}' reads as sarcastic; say it plainly and kindly.",
        "rude": "This sentence reads as curt or rude (tone score {score:.2f}); soften it and add what you will do.",
    }
    return [
        ctx.issue("tone", f.severity, messages[f.kind].format(text=f.span.text, score=f.score), f.span)  # type: ignore[arg-type]
        for f in classifier.findings(draft)
    ]


def _is_first_reply(ctx: DraftContext) -> bool:
    if ctx.conversation is None:
        return True
    upto = ctx.conversation.messages if ctx.message_index is None else ctx.conversation.messages[: ctx.message_index]
    return not any(m.role == "agent" for m in upto)


def missing_greeting(draft: str, ctx: DraftContext) -> list[QAIssue]:
    if not _is_first_reply(ctx):
        return []
    opening = draft.strip().split("\n", 1)[0][:60]
    if lx.GREETING.search(opening):
        return []
    first = sentences(draft)[0]
    return [
        ctx.issue(
            "missing_greeting",
            "info",
            "This is your first reply in the conversation: open with a greeting (and the buyer's name "
            "when you know it).",
            first,
        )
    ]


CLOSED_BY_BUYER = re.compile(
    r"^\W*(thanks?( you)?|thx|ok(ay)?|great|perfect|danke( schön)?|alles klar|ありがとう(ございます|ございました)?|"
    r"了解(しました)?|谢谢|好的|多谢|gracias|perfecto|merci|parfait|obrigad[oa]|perfeito|grazie|perfetto)\W*$",
    re.I,
)


def missing_next_step(draft: str, ctx: DraftContext) -> list[QAIssue]:
    if ctx.conversation is not None and CLOSED_BY_BUYER.match(ctx.conversation.last_customer_text() or "x"):
        return []
    if lx.NEXT_STEP_OR_CLOSING.search(draft) or re.search(r"[?？]", draft):
        return []
    return [
        ctx.issue(
            "missing_next_step",
            "info",
            "Tell the buyer what happens next (what you will do and when, or what they should do).",
            sentences(draft)[-1],
        )
    ]


MISSPELLINGS = {
    "recieve": "receive",
    "recieved": "received",
    "definately": "definitely",
    "adress": "address",
    "seperate": "separate",
    "occured": "occurred",
    "untill": "until",
    "wich": "which",
    "teh": "the",
    "refundd": "refund",
    "guarentee": "guarantee",
    "garantee": "guarantee",
    "sincerly": "sincerely",
    "apologise for the inconvinience": "apologise for the inconvenience",
    "inconvinience": "inconvenience",
    "acommodate": "accommodate",
    "accross": "across",
    "beleive": "believe",
    "calender": "calendar",
    "dissapointed": "disappointed",
    "embarass": "embarrass",
    "foward": "forward",
    "immediatly": "immediately",
    "occassion": "occasion",
    "publically": "publicly",
    "recomend": "recommend",
    "succesful": "successful",
    "tommorow": "tomorrow",
    "tomorow": "tomorrow",
    "truely": "truly",
    "wierd": "weird",
    "shiped": "shipped",
    "delivred": "delivered",
    "packege": "package",
    "adres": "address",
    "payed": "paid",
}
_MISSPELLED = re.compile(r"\b(" + "|".join(sorted(MISSPELLINGS, key=len, reverse=True)) + r")\b", re.I)
_REPEATED = re.compile(r"\b([A-Za-z]{2,})\s+\1\b", re.I)
_REPEAT_OK = {"that", "had", "is", "bye", "very"}


def spelling(draft: str, ctx: DraftContext) -> list[QAIssue]:
    """English only: repeated words and a short list of common misspellings."""
    language, _ = _detect(draft, ctx) if len(draft) >= 20 else ("en", 1.0)
    if language != "en":
        return []
    issues = [
        ctx.issue("spelling", "info", f"Repeated word: '{m.group(0)}'.", Span(m.group(0), m.start(), m.end()))
        for m in _REPEATED.finditer(draft)
        if m.group(1).lower() not in _REPEAT_OK
    ]
    issues += [
        ctx.issue(
            "spelling",
            "info",
            f"Spelling: '{m.group(0)}' -> '{MISSPELLINGS[m.group(0).lower()]}'.",
            Span(m.group(0), m.start(), m.end()),
        )
        for m in _MISSPELLED.finditer(draft)
    ]
    return issues


CHECKS: dict[str, Check] = {
    "policy_contradiction": policy_contradiction,
    "order_contradiction": order_contradiction,
    "personal_data": personal_data,
    "marketplace_rules": marketplace_rules,
    "language_mismatch": language_mismatch,
    "tone": tone,
    "missing_greeting": missing_greeting,
    "missing_next_step": missing_next_step,
    "spelling": spelling,
}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def select_checks(checks: Iterable[str] | None) -> list[str]:
    if checks is None:
        return list(CHECKS)
    chosen = list(dict.fromkeys(checks))
    unknown = [c for c in chosen if c not in CHECKS]
    if unknown:
        raise InvalidInput(f"unknown check(s) {', '.join(unknown)}; choose from: {', '.join(CHECKS)}")
    return chosen


def run_checks(draft: str, ctx: DraftContext, checks: Iterable[str] | None = None) -> list[QAIssue]:
    """Run the chosen checks (all by default) and, with a chat model, the LLM judge; errors first."""
    if not draft or not draft.strip():
        raise InvalidInput("draft is empty: send the reply text the agent is about to send")
    chosen = select_checks(checks)
    issues: list[QAIssue] = []
    for name in chosen:
        issues.extend(CHECKS[name](draft, ctx))
    if ctx.chat_model is not None and {"policy_contradiction", "order_contradiction"} & set(chosen):
        from assist.quality.judge import judge_draft

        try:
            issues = merge(issues, [i for i in judge_draft(draft, ctx) if i.check in chosen])
        except AssistError as exc:  # the rules still stand when the judge fails
            log.warning("QA judge unavailable: %s", exc)
    return sorted(issues, key=lambda i: (SEVERITY_ORDER[i.severity], i.evidence.start if i.evidence else 0))


def merge(rules: list[QAIssue], judged: list[QAIssue]) -> list[QAIssue]:
    """Rule issues plus judge issues that do not overlap a rule issue of the same check."""
    out = list(rules)
    for issue in judged:
        ev = issue.evidence
        clash = any(
            r.check == issue.check
            and r.evidence
            and ev
            and r.evidence.start is not None
            and ev.start is not None
            and r.evidence.start < (ev.end or 0)
            and ev.start < (r.evidence.end or 0)
            for r in rules
        )
        if not clash:
            out.append(issue)
    return out


def check_draft(
    draft: str,
    *,
    conversation: Conversation | None = None,
    order: Order | None = None,
    policies: Iterable[PolicyPassage] = (),
    buyer_language: str | None = None,
    shop_settings: dict[str, Any] | None = None,
    chat_model: Any = None,
    checks: Iterable[str] | None = None,
    language_detector: Any = None,
    tone: ToneClassifier | None = None,
    now: datetime | None = None,
    facts: Any = None,
    claim_reader: Any = None,
) -> list[QAIssue]:
    """QA issues for ``draft`` (the agent's unsent reply), most severe first.

    ``tone``: a :class:`ToneClassifier` (pass one built with the USE embedder to use the trained model;
    without it only the insult/blame/sarcasm lexicon runs). ``now``: reference time for date rules
    (default: the newest message time, else the clock). ``facts``: the shop's PolicyFacts; with them the
    contradiction checks compare the draft's claims with the facts and computed answers (any shop).
    ``claim_reader``: the learned reader of which fact a number speaks of (:mod:`assist.quality.claim_reader`);
    without it the numbers' roles come from the rules alone.
    """
    ctx = DraftContext(
        conversation=conversation,
        order=order,
        policies=tuple(policies),
        buyer_language=buyer_language,
        shop_settings=dict(shop_settings or {}),
        chat_model=chat_model,
        language_detector=language_detector,
        tone=tone,
        now=now,
        facts=facts,
        claim_reader=claim_reader,
    )
    if {"policy_contradiction", "order_contradiction"} & set(select_checks(checks)):
        from assist.quality.claim_encoders import reading_encoder

        detector = ctx.language_detector or default_detector()
        ctx.reading_encoder = reading_encoder(draft, claim_reader, detector, buyer_language)
    from assist.quality.shop_writing import shop_writing

    with shop_writing(facts, buyer_language_of(ctx)):  # the shop's and buyer's language read the draft's numbers
        return run_checks(draft, ctx, checks)
