"""Draft claims about this order against the order data and the cancellation and address-change rules.

``order_contradiction``: a status (delivered, in transit, shipped, not shipped, cancelled) the order is not in;
a carrier other than the order's; a cancellation offered "in time" for an order placed before the window. A
cancellation the shop says it makes ("cancelamos tu pedido", "I've cancelled it") is a claim that cancelling is
possible; "your order is cancelled" states the status only. ``policy_contradiction`` (through
:func:`possible_issues`): a cancellation or address change offered where the status or the window rules it
out, or refused where it is still possible.
"""

from __future__ import annotations

import re

from assist.answers import (
    Answer,
    change_possible,
)
from assist.models import Order, QAIssue
from assist.quality.claim_polarity import draft_claims
from assist.quality.claims import (
    Claim,
    carriers_named,
    name_forms,
)
from assist.quality.context import DraftContext
from assist.quality.fact_issues import first_fact
from assist.quality.fact_numbers import quote
from assist.quality.text_spans import Span, sentence_at

STATUS_WRONG = {
    "preparing": ("shipped", "delivered", "cancelled", "returned"),  # read by the claim reader ("発送準備中")
    "delivered": ("processing", "shipped", "cancelled"),
    "in_transit": ("processing", "cancelled", "delivered", "returned"),
    "shipped": ("processing", "cancelled"),
    "not_shipped": ("shipped", "delivered", "returned"),
    "cancelled": ("shipped", "delivered", "returned"),
    "not_returned": ("returned",),  # "your return has not reached us yet" of an order the shop marked returned
}
# a status wrong only where the draft does not also say the order is cancelled: "it has not shipped yet" of a
# cancelled order says it is still on its way out ("لم يُشحن بعد ويمكن إلغاؤه"); "it was cancelled before it
# shipped" does not
WRONG_UNLESS_CANCELLED = {"not_shipped": ("cancelled",)}


CLAIM_WORDS = {
    "preparing": "is being prepared for shipping",
    "delivered": "has been delivered",
    "in_transit": "is on its way",
    "shipped": "has shipped",
    "not_shipped": "has not shipped yet",
    "cancelled": "has been cancelled",
    "not_returned": "has not come back to the shop yet",
}


def fact_order_issues(draft: str, ctx: DraftContext, claims: list[Claim] | None = None) -> list[QAIssue]:
    order = ctx.order
    if order is None:
        return []
    claims = draft_claims(draft, ctx) if claims is None else claims
    issues: list[QAIssue] = []
    said_cancelled = any(c.kind == "cancelled" for c in claims)
    for claim in claims:
        wrong = STATUS_WRONG.get(claim.kind, ())
        if not said_cancelled:
            wrong += WRONG_UNLESS_CANCELLED.get(claim.kind, ())
        if order.status in wrong:
            if _promised(draft, claim, ctx, claims):
                continue  # "lo annulliamo subito": a cancellation promised, held to the cancel rule, no status
            issues.append(
                ctx.issue(
                    "order_contradiction",
                    "error",
                    f'The draft says the order {CLAIM_WORDS[claim.kind]} ("{claim.span.text}"), but order '
                    f"{order.order_id} is '{order.status}'.",
                    claim.span,
                    order_field="status",
                )
            )
    issues += _cancel_too_late(ctx, cancel_claims(draft, {c.kind: c for c in claims}, order), order)
    from assist.quality.claims import damage_context
    from assist.quality.window_claims import window_issues

    if not (damage_context(ctx.customer_text()) or damage_context(draft)):
        # the return window's state computed from this order's dates: the order's contradiction too
        issues += window_issues(draft, ctx, claims, "order_contradiction")
    if order.carrier:
        own = order.carrier
        for span in carriers_named(draft) + shop_carriers_named(draft, ctx) + carriers_sent_with(draft):
            if not same_carrier(span.text, order.carrier) and not _names_own(draft, span, own):
                issues.append(
                    ctx.issue(
                        "order_contradiction",
                        "error",
                        f"The draft names the carrier {span.text}, but order {order.order_id} ships with "
                        f"{order.carrier}.",
                        span,
                        order_field="carrier",
                    )
                )
    return issues


# a carrier's name in a shop's carrier fact ("JNE REG atau SiCepat", "Speedy / DPD", "Pos Indonesia (EMS)"): a run of
# capitalised words between separators (the words of any language that join them, "atau", "или", are not), three
# words at most and no place name
_NAME_PIECES = re.compile(r"\s*(?:[(),/;:+&|]|\s[-–]\s)\s*")


def shop_carriers_named(draft: str, ctx: DraftContext) -> list[Span]:
    """Where the draft names a carrier of the shop's own carrier facts, written as the policy writes it (case and all:
    "Post" the carrier, not "post" the verb), beyond the well-known carriers :func:`carriers_named` knows."""
    facts = ctx.facts
    names: set[str] = set()
    for fact in facts.all("shipping.carrier") if facts is not None else []:
        for value in fact.value if isinstance(fact.value, list) else [fact.value]:
            names.update(_capitalised_runs(str(value)))
    known = [(s.start, s.end) for s in carriers_named(draft)]
    spans = []
    for name in sorted(names, key=len, reverse=True):
        for m in name_forms(name).finditer(draft):
            if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in known):
                known.append((m.start(), m.end()))
                spans.append(Span(m.group(0), m.start(), m.end()))
    return spans


def same_carrier(named: str, own: str) -> bool:
    """Whether the words the draft names are the order's carrier, as written or declined ("Новою Поштою" for "Нова
    Пошта")."""
    folded, mine = named.casefold(), own.casefold()
    if folded in mine or mine in folded:
        return True
    return bool(name_forms(own).fullmatch(named))


# a parcel "sent with" or "is with" a named carrier: a preposition of the means (not "by", which names people too),
# then a name of several capitalised words, an acronym, or a place and a word of post ("Hrvatska pošta")
_SENT_WITH = re.compile(
    r"\b(?:with|via|through|mit|über|avec|con|com|met|przez|lewat|melalui|qua|bằng|putem|preko|s|sa|с|със|чрез|з"
    r"|через|ile|με|cu|prin|med)\s+(?P<name>(?:[A-ZÀ-ÞĀ-ſА-ЯЁΑ-Ω][\w.&-]*)(?:\s+[A-ZÀ-ÞĀ-ſА-ЯЁΑ-Ω][\w.&-]*)*"
    r"(?:\s+(?:post|poste|posta|pošta|poczta|posten|posti|пошта|почта|express|kargo|courier|logistics)\b)?)"
)


def carriers_sent_with(draft: str) -> list[Span]:
    """Carriers the draft says the parcel goes with, by a name of their own ("is with Giao Hàng Nhanh", "was sent
    with Hrvatska pošta"), in a clause about the parcel or its shipping; a single capitalised word that is no acronym
    (a person's name) and a bare place are left out."""
    from assist import regions
    from assist.quality.claim_frames import SHIP_VERB, clause_at
    from assist.quality.claims import parcel_words

    spans = []
    for m in _SENT_WITH.finditer(draft):
        name = m.group("name").rstrip(".")
        words = name.split()
        if len(words) == 1 and not (name.isupper() and len(name) >= 2):
            continue
        if len(words) > 4 or (regions.country_in_text(name) is not None and len(words) == 1):
            continue
        lo, hi = clause_at(draft, m.start())
        if SHIP_VERB.search(draft, lo, hi) or parcel_words(draft[lo:hi]):
            spans.append(Span(name, m.start("name"), m.start("name") + len(name)))
    return spans


def _capitalised_runs(value: str) -> list[str]:
    runs: list[str] = []
    for piece in _NAME_PIECES.split(value):
        run: list[str] = []
        for word in [*piece.split(), ""]:
            if word[:1].isupper():
                run.append(word)
                continue
            if run and len(" ".join(run)) >= 3 and len(run) <= 3:
                runs.append(" ".join(run))
            run = []
    from assist import regions

    return [run for run in runs if regions.country_in_text(run) is None]  # "DHL Paket | innerhalb Deutschlands"


def _names_own(draft: str, span: Span, own: str) -> bool:
    """Whether the sentence naming another carrier also names the order's ("we ship with JNE or SiCepat"), as written
    or declined: a list of the shop's carriers, not a claim about this parcel."""
    sentence = sentence_at(draft, span.start).text
    return own.casefold() in sentence.casefold() or bool(name_forms(own).search(sentence))


# a cancellation's words in a past or perfect form ("storniert", "annulé", "annullato", "cancelled", "cancelei",
# "cancelé", "已经…取消", "キャンセルいたしました"): stated as done, not promised ("lo annulliamo subito")
DONE_FORM = re.compile(r"(?:ed|iert|ert|é|ée|és|ées|ato|ata|ati|ate|ado|ada|ei|ou)$|^已|了$|済|ました$", re.IGNORECASE)


def stated_done(claim: Claim) -> bool:
    """Whether the rules read a cancellation claim as done (the claim reader decides where there is one)."""
    return bool(DONE_FORM.search(claim.span.text.strip()))


def _promised(draft: str, claim: Claim, ctx: DraftContext, claims: list[Claim]) -> bool:
    """Whether a cancellation claim is the shop's promise to cancel, not a cancellation stated as done (the claim
    reader's reading, else the verb's form)."""
    if claim.kind != "cancelled":
        return False
    if "can_cancel" not in cancel_claims(draft, {c.kind: c for c in claims}, ctx.order):
        return False  # "your order is cancelled": a status
    from assist.quality.claim_polarity import reader_of, reads_done

    reader = reader_of(ctx)
    return not (reads_done(draft, claim, reader) if reader is not None else stated_done(claim))


# the shop cancels: a first-person subject before the verb in its part, or a verb form that is the shop's own
SHOP_CANCELS = re.compile(  # "I" in capitals only: Italian "i" is an article
    r"\bI\b|(?i:\b(we|ich|wir|habe|haben|je|j'ai|nous|avons|yo|nosotros|hemos|io|noi|abbiamo|ho|eu|nós|temos)\b)"
    r"|私|我们|我|弊社|当店"
)


SHOP_CANCEL_FORM = re.compile(
    r"annulliamo|annullo|annule\b|annulons|cancelamos|cancelo|anulamos|cancelei|cancelámos|anulei|anulé|cancelé"
    r"|stornieren|storniere|いたしました|させていただきました|承りました|受け付けました|処理いたしました|手続き|为您|帮您",
    re.IGNORECASE,
)


# the draft says the order is still within a time limit ("sei nei tempi", "you're still in time")
IN_TIME = re.compile(
    r"\b(in time|within the (time|window|deadline)|still time|nei tempi|in tempo|dans les temps|à temps|a tiempo"
    r"|dentro del plazo|a tempo|dentro do prazo|rechtzeitig|noch Zeit)\b|間に合|来得及",
    re.IGNORECASE,
)


def cancel_claims(draft: str, by_kind: dict[str, Claim], order: Order | None) -> dict[str, Claim]:
    """The claims about cancelling: a cancellation the shop says it does or did ("cancelamos tu pedido", "I've
    cancelled it") says cancelling is possible for an order not cancelled yet; "your order is cancelled" states
    the status only."""
    done = by_kind.get("cancelled")
    if done is None or "can_cancel" in by_kind or order is None or order.status == "cancelled":
        return by_kind
    from assist.quality.claim_frames import part_at

    lo = max(part_at(draft, done.span.start)[0], done.span.start - 40)
    if SHOP_CANCEL_FORM.search(done.span.text) or SHOP_CANCELS.search(draft, lo, done.span.start):
        return {**by_kind, "can_cancel": done}
    return by_kind


# a possibility, not the shop's act ("we can still cancel it" vs "o anulăm imediat", "I'll cancel it right away"), in
# the languages the claim readers meet
MODAL = re.compile(
    r"\b(can|could|may|possible|kann|kannst|können|möglich|peut|pouvons|pouvez|puede|pueden|podemos|posible|può"
    r"|possiamo|possibile|pode|podem|possível|kan|kunnen|mogelijk|może|możemy|można|możliwe|může|můžeme|lze|možné"
    r"|môže|môžeme|lehet|tudjuk|poate|putem|posibil\w*|μπορ\w*|δυνατ\w*|може|можем|можно|возможно|можна|можемо"
    r"|mümkün|edebilir\w*|går|mulig|mahdollis\w*|voi|voimme|voidaan|moguće|možemo|mogoče|lahko|galima|galime"
    r"|iespējams|varam|saab|võime|võimalik|pot|podem|bisa|dapat|có thể)\b|できます|でき|可能|可以|能|가능|수 있",
    re.IGNORECASE,
)


def _shop_act(said: Claim) -> bool:
    """Whether a cancellation claim is the shop's act, not a possibility: no modal word in its clause."""
    from assist.quality.claim_frames import clause_at

    text, at = said.sentence.text, said.span.start - said.sentence.start
    lo, hi = clause_at(text, max(0, at))
    return not MODAL.search(text[lo:hi]) and not MODAL.search(said.span.text)


def _cancel_too_late(ctx: DraftContext, by_kind: dict[str, Claim], order: Order) -> list[QAIssue]:
    """A cancellation offered "in time" for an unshipped order placed before the shop's cancellation window: the
    order's own date says otherwise (the policy check reports the rule)."""
    said = by_kind.get("can_cancel")
    if said is None or ctx.facts is None or order.status != "processing":
        return []
    if not (IN_TIME.search(said.sentence.text) or _shop_act(said)):
        return []
    answer = change_possible("cancel_possible", "cancellation.rule", order, ctx.facts, ctx.reference_time)
    if answer is None or answer.holds is not False or "cancellation.window" not in answer.inputs:
        return []
    return [
        ctx.issue(
            "order_contradiction",
            "error",
            f'The draft cancels order {order.order_id} ("{said.span.text}"), but it was placed on '
            f"{answer.inputs['order.placed_at']}: {answer.note.split('(', 1)[-1].rstrip(')')}.",
            said.span,
            order_field="placed_at",
        )
    ]


def possible_issues(
    ctx: DraftContext, by_kind: dict[str, Claim], answer: Answer | None, what: str, verb: str
) -> list[QAIssue]:
    if answer is None:
        return []
    yes, no = by_kind.get(f"can_{what}"), by_kind.get(f"cannot_{what}")
    fact = first_fact(answer)
    if yes is not None and answer.holds is False:
        reason = answer.note.split("(", 1)[-1].rstrip(")")
        return [
            ctx.issue(
                "policy_contradiction",
                "error",
                f'The draft says the order can still be {verb} ("{yes.span.text}"), but it cannot: {reason}.'
                f"{quote(fact)}",
                yes.span,
                policy_id=fact.chunk_id if fact else None,
                order_field="status",
            )
        ]
    if no is not None and answer.holds is True:
        return [
            ctx.issue(
                "policy_contradiction",
                "warning",
                f'The draft says the order can no longer be {verb} ("{no.span.text}"), but it has not shipped, '
                f"so it still can.{quote(fact)}",
                no.span,
                policy_id=fact.chunk_id if fact else None,
                order_field="status",
            )
        ]
    return []


# a status the draft supposes rather than states: "even if the parcel is already on its way" (a few words between)
_CONCESSIVE = re.compile(
    r"\b(?:even (?:if|though|when)|même si|auch wenn|selbst wenn|aunque|incluso si|anche se|persino se|mesmo que|"
    r"mesmo se|zelfs als|ook als|nawet jeśli|даже если|навіть якщо)\s+(?:\S+\s+){0,3}$",
    re.IGNORECASE,
)
_LEFT = ("shipped", "in_transit", "delivered")
_BEFORE_SHIPPING = (
    ("cancel", "cancellation.rule", "cancelled"),
    ("change_address", "address_change.rule", "changed (delivery address)"),
)


def supposed_left_issues(draft: str, ctx: DraftContext, claims: list[Claim]) -> list[QAIssue]:
    """A cancellation or address change offered "even if the parcel is already on its way" where the shop allows it
    only before shipping: the draft's own supposition contradicts the rule, whatever order it is about."""
    from assist.quality.fact_issues import policy_issue

    issues: list[QAIssue] = []
    for what, slot, verb in _BEFORE_SHIPPING:
        rule = ctx.facts.get(slot) if ctx.facts is not None else None
        offer = next((c for c in claims if c.kind == f"can_{what}"), None)
        if offer is None or rule is None or rule.value != "before_shipping":
            continue
        if any(
            c.kind in _LEFT and c.sentence == offer.sentence and _CONCESSIVE.search(draft[: c.span.start])
            for c in claims
        ):
            issues.append(policy_issue(ctx, offer, f"says the order can be {verb} after it has left", rule))
    return issues
