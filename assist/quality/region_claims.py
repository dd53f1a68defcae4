"""Draft claims whose fact depends on where the parcel goes: who pays duties, where the shop ships, the
carrier, free delivery from a threshold. A claim is held to the fact of the region its own clause names
("bei Lieferungen in die EU"), else the order's region (:mod:`assist.regions`).
"""

from __future__ import annotations

import re

from assist import regions
from assist.answers import (
    describe,
    regional_fact,
)
from assist.models import QAIssue
from assist.policy_facts import PolicyFact, PolicyFacts
from assist.quality.claims import (
    Claim,
    carriers_named,
)
from assist.quality.context import DraftContext
from assist.quality.fact_issues import policy_issue
from assist.quality.fact_numbers import (
    clause_of,
    latest_buyer_text,
    numeric,
    regional,
)
from assist.quality.money_mentions import amounts
from assist.quality.text_spans import Span


def claim_country(draft: str, by_kind: dict[str, Claim], *kinds: str) -> str | None:
    """The country a cost claim's own clause names ("bij levering in Nederland betaalt u invoerrechten")."""
    from assist.quality.claim_frames import clause_at

    for kind in kinds:
        if kind in by_kind:
            lo, hi = clause_at(draft, by_kind[kind].span.start)
            named = regions.country_in_text(draft[lo:hi])
            if named:
                return named
    return None


def duty_issues(
    draft: str, ctx: DraftContext, by_kind: dict[str, Claim], facts: PolicyFacts, country: str | None, home: str | None
) -> list[QAIssue]:
    """Who pays import duties, against the region's fact and, where the shop pays below an order value
    (``customs.threshold``), against that value: the order's total, else an amount in the buyer's words."""
    said = by_kind.get("no_duties") or by_kind.get("buyer_pays_duties")
    clause = clause_of(draft, said.span.start) if said is not None else ""
    duties = (
        _region_fact("customs.paid_by", facts, clause, home)
        or regional_fact("customs.paid_by", facts, country, home)
        or _agreed_abroad("customs.paid_by", facts, country, home)
    )
    if duties is None:
        return []
    where = f" for {duties.scope.region}" if duties.scope.region else ""
    threshold = _region_fact("customs.threshold", facts, clause, home) or regional_fact(
        "customs.threshold", facts, country, home
    )
    limit = float(threshold.value) if threshold is not None and numeric(threshold) else None  # type: ignore[arg-type]
    value = _order_value(ctx, threshold.unit if threshold is not None else None)
    issues = []
    no, yes = by_kind.get("no_duties"), by_kind.get("buyer_pays_duties")
    if no is not None and duties.value == "buyer" and not (limit and value is not None and value < limit):
        below = f" (from {describe(threshold)})" if limit and threshold is not None else ""
        what = f"says there is nothing to pay on delivery, but{where} the buyer pays import duties and taxes{below}"
        issues.append(policy_issue(ctx, no, what, duties))
    if yes is not None and duties.value in ("none", "shop"):
        issues.append(policy_issue(ctx, yes, f"says the buyer pays duties, but{where} there are none to pay", duties))
    elif yes is not None and duties.value == "buyer" and limit and threshold is not None:
        from assist.quality.claim_frames import universal

        if universal(draft, yes) or (value is not None and value < limit):
            what = f"says the buyer pays duties, but{where} the shop pays them for orders under {describe(threshold)}"
            issues.append(policy_issue(ctx, yes, what, threshold))
    return issues


def _region_fact(slot: str, facts: PolicyFacts, clause: str, home: str | None) -> PolicyFact | None:
    """The fact for the region a claim's own clause names: the fact's region label itself ("in die EU"), or an
    abbreviation naming the same countries ("EU" for "Unione Europea")."""
    scoped = [f for f in facts.all(slot) if f.scope.region]
    folded = clause.casefold()
    for fact in scoped:
        if re.search(r"(?<!\w)" + re.escape(str(fact.scope.region).casefold()) + r"(?!\w)", folded):
            return fact
    for token in re.findall(r"\b[A-Z]{2,3}\b", clause):
        countries = regions.region_countries(token, home)
        if countries:
            same = [f for f in scoped if regions.region_countries(str(f.scope.region), home) == countries]
            if same:
                return same[0]
    return None


def _agreed_abroad(slot: str, facts: PolicyFacts, country: str | None, home: str | None) -> PolicyFact | None:
    """The fact every region the shop names agrees on, for a place abroad that none of them is read to hold ("in
    Dubai" where the shop writes "دبئی" and "بیرونِ ملک"): whichever region holds it, the rule is the same."""
    if not country or not home or regions.country_of(country) == regions.country_of(home):
        return None
    stated = facts.all(slot)
    if not stated or len({str(f.value) for f in stated}) != 1:
        return None
    return stated[0]


def _order_value(ctx: DraftContext, currency: str | None) -> float | None:
    """The order's total, else the one amount the buyer's latest words name, in ``currency``."""
    if ctx.order is not None:
        return ctx.order.total if (currency or "").upper() in ("", ctx.order.currency.upper()) else None
    said = [a.value for a in amounts(latest_buyer_text(ctx)) if a.currency == (currency or "").upper()]
    return said[0] if len(said) == 1 else None


SCOPED_BY_REGION = ("shipping.transit_time", "shipping.carrier", "shipping.free_threshold", "customs.paid_by")


def destination_issues(draft: str, ctx: DraftContext, facts: PolicyFacts, home: str | None) -> list[QAIssue]:
    """ "We ship to X" where the shop's destinations (``shipping.regions``, and the regions its shipping facts are
    scoped to) do not hold X; "we do not ship to X" where they do. Only for shops that list their destinations."""
    from assist.quality.claim_frames import destination_claims

    listed = facts.get("shipping.regions")
    if listed is None:
        return []
    names = [str(v) for v in (listed.value if isinstance(listed.value, list) else [listed.value])]
    names += [str(f.scope.region) for slot in SCOPED_BY_REGION for f in facts.all(slot) if f.scope.region]
    from assist.quality.claim_polarity import place_claims

    issues = []
    read = [(claim, _for_shop(draft, claim, country, ctx, home)) for claim, country in destination_claims(draft)]
    for claim, country in read + place_claims(draft, ctx, read):
        covered = (
            country == home or (home and country.startswith(f"{home}-")) or regions.match_region(country, names, home)
        )
        where = regions.country_name(regions.country_of(country), "en")
        if claim.kind == "ships_to" and not covered:
            what = f"says the shop ships to {where}, but it ships only to {', '.join(dict.fromkeys(names))}"
            issues.append(policy_issue(ctx, claim, what, listed))
        elif claim.kind == "no_ship_to" and covered:
            what = f"says the shop does not ship to {where}, but it does"
            issues.append(policy_issue(ctx, claim, what, listed))
    return issues


def _for_shop(draft: str, claim: Claim, country: str, ctx: DraftContext, home: str | None) -> str:
    """The place a rule frame read, as a subdivision of the shop's or the order's country where the same word names
    one ("delivery in Ontario")."""
    from assist.quality.claim_frames import clause_at
    from assist.quality.fact_scopes import place_for_shop

    hints = [home, ctx.order.shipping_country if ctx.order is not None else None]
    if regions.country_of(country) in hints:
        return country
    lo, hi = clause_at(draft, claim.span.start)
    return place_for_shop(draft[lo:hi], hints) or country


def carrier_issues(
    draft: str, ctx: DraftContext, facts: PolicyFacts, country: str | None, home: str | None
) -> list[QAIssue]:
    """A carrier the draft says the shop ships with ("we send it with UPS") that is none of the shop's carriers for
    the region its clause names, else the order's region (orders with a carrier are checked against the order)."""
    from assist.policy_extract.scope import carrier_pattern
    from assist.quality.claim_frames import SHIP_VERB

    carriers = facts.all("shipping.carrier")
    if not carriers:
        return []
    issues = []
    spans = [Span(m.group(0), m.start(), m.end()) for m in carrier_pattern().finditer(draft)]
    for span in spans + [s for s in carriers_named(draft) if not any(s.start == t.start for t in spans)]:
        clause = clause_of(draft, span.start)
        if not SHIP_VERB.search(clause):
            continue
        named = _region_fact("shipping.carrier", facts, clause, home)
        where = regions.country_in_text(clause) or country
        chosen = [named] if named else [f for f in carriers if _serves(f, where, home)]
        if not chosen:
            continue
        name = span.text.casefold()
        if any(name in str(f.value).casefold() or str(f.value).casefold() in name for f in chosen):
            continue
        fact = chosen[0]
        what = f"names {span.text} as the carrier, but the shop ships{_region_words(fact)} with {fact.value}"
        issues.append(policy_issue(ctx, Claim("carrier", span, span), what, fact))
    return issues


def _serves(fact: PolicyFact, country: str | None, home: str | None) -> bool:
    if not fact.scope.region:
        return True
    return country is not None and regions.match_region(country, [fact.scope.region], home) is not None


def _region_words(fact: PolicyFact) -> str:
    return f" to {fact.scope.region}" if fact.scope.region else ""


def free_shipping_issues(
    draft: str, ctx: DraftContext, claim: Claim, facts: PolicyFacts, country: str | None, home: str | None
) -> list[QAIssue]:
    """ "Shipping is always free" where the shop ships free only from an order value (an amount in the clause is
    compared by :func:`_amounts`)."""
    from assist.quality.claim_frames import clause_at, universal

    lo, hi = clause_at(draft, claim.span.start)
    if amounts(draft[lo:hi]):
        return []
    named = regions.country_in_text(draft[lo:hi])
    fact = regional("shipping.free_threshold", facts, named or country, home)
    if fact is None or not numeric(fact) or not float(fact.value):  # type: ignore[arg-type]
        return []
    order = ctx.order
    below = (
        order is not None and (fact.unit or "").upper() == order.currency.upper() and order.total < float(fact.value)  # type: ignore[arg-type]
    )
    if not (universal(draft, claim) or below):
        return []
    what = f"says delivery is free, but it is free only from {describe(fact)}"
    return [policy_issue(ctx, claim, what, fact)]
