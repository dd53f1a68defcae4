"""Where an order goes and which of the shop's regions that is, for the answers and the draft checks: the
region of the order (:func:`order_region`, saying which input placed it), how a reply names it
(:func:`reply_region`) and the fact of a slot for the region that holds a place (:func:`regional_fact`)."""

from __future__ import annotations

from assist import regions, scoped_facts
from assist.answer_model import Answer
from assist.models import Order
from assist.policy_facts import PolicyFact, PolicyFacts


def fact_regions(facts: PolicyFacts) -> list[str]:
    return list(dict.fromkeys(f.scope.region for f in facts.facts if f.scope.region))


def _country(
    order: Order | None, text: str, facts: PolicyFacts | None = None, home: str | None = None
) -> regions.CountryGuess | None:
    guess = regions.order_country(order, text, home)
    if guess is None and facts is not None and order is not None and order.carrier:
        guess = _country_by_carrier(order.carrier, facts)
    return guess


def _country_by_carrier(carrier: str, facts: PolicyFacts) -> regions.CountryGuess | None:
    """The one country whose region the shop ships with the order's carrier ("DHL" -> Deutschland -> DE)."""
    own = carrier.casefold()
    shipped = {
        f.scope.region
        for f in facts.all("shipping.carrier")
        if f.scope.region and isinstance(f.value, str) and (f.value.casefold() in own or own in f.value.casefold())
    }
    if len(shipped) != 1:
        return None
    region = next(iter(shipped))
    countries = {c for c in regions.region_countries(region) or set() if ":" not in c}  # places, not macro-regions
    if len(countries) != 1:
        return None
    return regions.CountryGuess(next(iter(countries)), "carrier", f"{carrier}, the shop's carrier for {region}")


def order_region(guess: regions.CountryGuess | None, facts: PolicyFacts, home: str | None) -> Answer | None:
    """Where the order goes and the shop's region for it (from the shipping and customs facts' regions)."""
    if guess is None:
        return None
    region = scoped_facts.region_for(guess.country, facts.facts, home)
    inputs = {"country": regions.country_of(guess.country), "from": f"{guess.source}: {guess.evidence}"}
    if guess.country != inputs["country"]:
        inputs["place"] = guess.country  # subdivision, and island or remote flags ("JP-47/island+remote")
    within = regions.contained_as(guess.country, region, home) if region else None
    if within and within != inputs["country"]:
        inputs["region_level"] = within  # the shop's region holds the place as this macro-region or area
    return Answer(
        key="order_region",
        value=region,
        inputs=inputs,
        note=f"ships to {guess.country} (from the {_SOURCES.get(guess.source, guess.source)}: {guess.evidence})"
        + (f", the shop's region '{region}'" if region else ", which no region of the shop's policy names"),
    )


def reply_region(answer: Answer, facts: PolicyFacts, language: str) -> str:
    """How a reply in ``language`` names where the order goes: the shop's own words for its region when they are
    in that language; a region inside the country by its name in that language ("Sudeste" -> "Sudeste de
    Brasil", "離島" -> "the outlying islands of Japan"); else the place's country (or area) name."""
    place, level = str(answer.inputs.get("place") or answer.inputs["country"]), answer.inputs.get("region_level")
    if level:
        written = {f.language for f in facts.facts if f.scope.region == answer.value}
        if language in written and answer.value:
            return str(answer.value)
        name = regions.places.place_name(str(level), language)
        if name:
            return name
    # a fact for the whole country names the country, not the buyer's city or province in it ("China", not "Shanghai")
    whole_country = answer.value and regions.contained_as(place, str(answer.value)) == regions.country_of(place)
    area = regions.is_area(place) and not whole_country
    return regions.country_name(place if area else regions.country_of(place), language)


# which input told where the order goes, as the agent reads it
_SOURCES = {
    "address": "order's shipping address",
    "city": "place named in the message",
    "text": "country named in the message",
    "tracking": "tracking number's format",
    "shop": "shop's own country",
}


def regional_fact(
    slot: str, facts: PolicyFacts, country: str | None, home: str | None, payment_method: str | None = None
) -> PolicyFact | None:
    """The fact for ``slot`` in the region that contains ``country`` (the most specific), else the
    general one. None when the shop states it only per region and the country is unknown or unnamed."""
    candidates = facts.all(slot)
    scoped = [f for f in candidates if f.scope.region]
    if scoped and country:
        region = scoped_facts.region_for(country, scoped, home)
        if region is not None:
            return next(f for f in scoped if f.scope.region == region)
    return facts.get(slot, payment_method=payment_method)
