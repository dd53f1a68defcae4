"""What a shop's policy says, as typed and cited facts: the contract between extraction and its readers.

A seller brings policy documents and nothing else. At ingest, each policy chunk is read sentence by
sentence and the sentences that state a known *slot* (the return window, who pays return shipping, the
transit time to a region...) become :class:`PolicyFact` objects: a value with its unit and scope, the
chunk id and the exact sentence it came from, how it was found and how sure the finder is. A shop may
override or add facts by hand (``assist shops settings``); an override always wins.

Readers (templates, computed answers, draft checks) ask :meth:`PolicyFacts.get` for a slot and a scope
and never see facts marked for review unless they ask for them: a wrong fact is worse than a missing one.

Scopes: region, product class, payment method and customer group (a membership level), each in the shop's
own words; a fact with no scope is general.

Units: ``day``, ``business_day``, ``hour``, ``week``, ``month``, ``year``, ``percent``, an ISO 4217
currency code for money (``EUR``), or None for a plain value. A range (``3-5 business days``) keeps its
low end in ``value`` and its high end in ``max_value``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = 1
FactSource = Literal["rule", "llm", "manual"]
FactValue = int | float | bool | str | list[str]

# Below this confidence a fact is shown for review and never used for a promise.
REVIEW_BELOW = 0.6


class SlotSpec(BaseModel):
    name: str
    kind: Literal["duration", "money", "number", "enum", "phrases", "text", "bool", "time"]
    description: str
    choices: list[str] = Field(default_factory=list, description="Allowed values of an enum slot.")
    scoped_by: list[Literal["region", "product_class", "payment_method", "customer_group"]] = Field(
        default_factory=list
    )


def _slot(name: str, kind: str, description: str, choices: str = "", scoped_by: str = "") -> SlotSpec:
    return SlotSpec.model_validate(
        {
            "name": name,
            "kind": kind,
            "description": description,
            "choices": choices.split() if choices else [],
            "scoped_by": scoped_by.split() if scoped_by else [],
        }
    )


# The slot catalogue. Names are stable: templates, checks, settings keys and gold files use them.
SLOTS: dict[str, SlotSpec] = {
    s.name: s
    for s in (
        # returns
        _slot(
            "returns.window",
            "duration",
            "How long after the start event an item may be returned.",
            "",
            "product_class region customer_group",
        ),
        _slot("returns.window_starts", "enum", "What the return window counts from.", "delivery order receipt"),
        _slot("returns.conditions", "phrases", "Conditions an item must meet (unused, original packaging, tags on)."),
        _slot(
            "returns.shipping_paid_by", "enum", "Who pays return shipping for a change-of-mind return.", "buyer shop"
        ),
        _slot(
            "returns.shipping_cost", "money", "What return shipping costs the buyer (or the label fee).", "", "region"
        ),
        _slot(
            "returns.shop_pays_when",
            "phrases",
            "Cases where the shop pays return shipping instead (defective, damaged, wrong item).",
        ),
        _slot("returns.excluded", "phrases", "Item classes that cannot be returned, in the shop's own words."),
        # refunds
        _slot(
            "refunds.method",
            "text",
            "How refunds are paid (original payment method, store credit...).",
            "",
            "payment_method",
        ),
        _slot("refunds.time", "duration", "How long a refund takes.", "", "payment_method"),
        _slot(
            "refunds.time_starts",
            "enum",
            "What the refund time counts from.",
            "return_received inspection cancellation approval",
        ),
        # warranty
        _slot("warranty.length", "duration", "Warranty length.", "", "product_class"),
        _slot("warranty.products", "phrases", "Which products the warranty covers."),
        _slot("warranty.excludes", "phrases", "What the warranty does not cover (misuse, wear, accidents...)."),
        # damage in transit
        _slot("damage.report_window", "duration", "How long after delivery damage or a wrong item must be reported."),
        _slot("damage.evidence", "phrases", "Evidence the buyer must send (photos of item, box, label...)."),
        _slot("damage.return_required", "bool", "Whether the damaged item must be sent back."),
        _slot("damage.remedy", "phrases", "What the shop offers for damage: replacement, refund, repair."),
        _slot(
            "wrong_item.report_window", "duration", "How long after delivery a wrong or missing item must be reported."
        ),
        # cancellation and changes
        _slot(
            "cancellation.rule", "enum", "When an order can be cancelled.", "before_shipping within_window not_allowed"
        ),
        _slot("cancellation.window", "duration", "How long after ordering a cancellation is possible."),
        _slot("cancellation.refund_time", "duration", "How long the refund of a cancelled order takes."),
        _slot(
            "address_change.rule",
            "enum",
            "When the delivery address can be changed.",
            "before_shipping within_window not_allowed",
        ),
        # shipping and customs
        _slot("shipping.dispatch_cutoff", "time", "Order cut-off time for same-day dispatch (HH:MM, local time)."),
        _slot("shipping.dispatch_time", "duration", "How long until an order is dispatched."),
        _slot("shipping.transit_time", "duration", "Transit time to a region.", "", "region"),
        _slot("shipping.carrier", "text", "The carrier used for a region.", "", "region"),
        _slot(
            "shipping.cost",
            "money",
            "What delivery costs the buyer, per region (and per method or weight band, in product_class, where the"
            " policy prices them apart); 0 where delivery is free. Free-delivery thresholds stay in"
            " shipping.free_threshold.",
            "",
            "region product_class",
        ),
        _slot("shipping.free_threshold", "money", "Order value above which shipping is free.", "", "region"),
        _slot("shipping.regions", "phrases", "Regions or countries the shop ships to."),
        _slot("customs.paid_by", "enum", "Who pays import duties and VAT.", "buyer shop none", "region"),
        _slot("customs.threshold", "money", "Order value below which no duties are charged.", "", "region"),
        # lost or delayed parcels
        _slot("lost.report_after", "duration", "How long without a tracking update before a parcel counts as lost."),
        _slot("lost.trace_time", "duration", "How long a carrier trace or investigation takes."),
        _slot("lost.outcome", "phrases", "What happens when a parcel is lost: reshipment, refund."),
        _slot(
            "lost.not_received_wait",
            "duration",
            "Marked delivered but not received: how long to wait before reporting.",
        ),
        # prices
        _slot(
            "prices.adjustment_window",
            "duration",
            "Price drop after purchase: within how long the difference is refunded.",
        ),
        _slot("prices.adjustment", "bool", "Whether the shop refunds a price difference after purchase at all."),
        _slot(
            "prices.code_after_purchase",
            "duration",
            "How long after ordering a forgotten discount code can still be applied.",
        ),
        _slot("prices.price_match", "bool", "Whether the shop matches competitors' prices."),
        # invoices
        _slot(
            "invoice.company_request_window",
            "duration",
            "How long after ordering a company invoice (with VAT ID) can still be requested.",
        ),
        # anything else the policy states
        _slot("other", "text", "A shop-specific rule that fits no slot (topic in scope.product_class)."),
    )
}


class FactScope(BaseModel):
    region: str | None = Field(
        default=None, description="Region or country as the shop names it (EU, US, JP, 'rest of world')."
    )
    product_class: str | None = Field(default=None, description="Product class or topic, in the shop's words.")
    payment_method: str | None = None
    customer_group: str | None = Field(
        default=None, description="Customer group or membership level as the shop names it (Gold members)."
    )

    def is_general(self) -> bool:
        return (
            self.region is None
            and self.product_class is None
            and self.payment_method is None
            and self.customer_group is None
        )


class FactCitation(BaseModel):
    """Another place that states the same fact (the same rule in a second language's document)."""

    chunk_id: str | None = None
    sentence: str | None = None
    language: str | None = None


class PolicyFact(BaseModel):
    slot: str
    value: FactValue
    max_value: float | None = Field(default=None, description="High end of a range (3-5 days -> 3, max 5).")
    unit: str | None = None
    scope: FactScope = Field(default_factory=FactScope)
    chunk_id: str | None = Field(
        default=None, description="The policy chunk the sentence is in (None when set by hand)."
    )
    sentence: str | None = Field(default=None, description="The exact sentence the value was read from.")
    language: str | None = None
    source: FactSource = "rule"
    confidence: float = Field(default=1.0, ge=0, le=1)
    also_cited: list[FactCitation] = Field(
        default_factory=list, description="The same fact stated elsewhere (a parallel document in another language)."
    )

    @property
    def needs_review(self) -> bool:
        return self.source != "manual" and self.confidence < REVIEW_BELOW


class PolicyFacts(BaseModel):
    """All facts of one shop. Several facts may share a slot when their scopes differ."""

    shop: str
    schema_version: int = SCHEMA_VERSION
    computed_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    facts: list[PolicyFact] = Field(default_factory=list)

    def all(self, slot: str, include_review: bool = False) -> list[PolicyFact]:
        found = [f for f in self.facts if f.slot == slot and (include_review or not f.needs_review)]
        # Manual overrides first, then the most confident.
        return sorted(found, key=lambda f: (f.source != "manual", -f.confidence))

    def get(
        self,
        slot: str,
        *,
        region: str | None = None,
        product_class: str | None = None,
        payment_method: str | None = None,
        customer_group: str | None = None,
        include_review: bool = False,
    ) -> PolicyFact | None:
        """The fact for ``slot`` that fits the scope best: an exact scope match, else the general fact.

        A manual fact beats an extracted one of the same scope. Facts marked for review are left out
        unless ``include_review``.
        """
        wanted = {
            "region": region,
            "product_class": product_class,
            "payment_method": payment_method,
            "customer_group": customer_group,
        }
        best: tuple[int, PolicyFact] | None = None
        for fact in self.all(slot, include_review):
            score = 0
            fits = True
            for key, want in wanted.items():
                have = getattr(fact.scope, key)
                if have is None:
                    continue
                if want is not None and have.casefold() == want.casefold():
                    score += 1
                else:
                    fits = False
            if fits and (best is None or score > best[0]):
                best = (score, fact)
        return best[1] if best else None
