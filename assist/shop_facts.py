"""A shop's effective policy facts: what its documents say (extracted at ingest) plus what it set by hand.

- :func:`ingest_policies` indexes policy files for retrieval and extracts their facts in the same pass;
  re-ingesting a file replaces both its chunks and its facts.
- :func:`shop_facts` is the one function readers call: the extracted facts of every source, settled
  across sources, with the shop's manual overrides (settings key ``fact_overrides``) on top. An override
  wins over an extracted fact of the same slot and scope.
- :func:`parse_override` reads ``--set returns.window=30 days`` / ``--set "shipping.transit_time[region=US]=5-8
  business days"`` into a manual fact.
- :func:`legacy_settings` derives the flat settings keys older readers use (``return_window_days``,
  ``refund_days``, ``transit_business_days``...) from the facts; :func:`effective_settings` lays the shop's
  own settings over them, so a shop.yaml no longer restates its policy by hand.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from assist.errors import InvalidInput
from assist.policy_extract.extractor import settle
from assist.policy_extract.parallel import merge_parallel
from assist.policy_extract.values import all_values
from assist.policy_facts import SLOTS, FactScope, PolicyFact, PolicyFacts
from assist.store import policy_facts as fact_rows
from assist.store.shops import Shop

OVERRIDES_KEY = "fact_overrides"
_KEY = re.compile(r"^(?P<slot>[a-z_]+\.[a-z_]+|other)(?:\[(?P<scope>[^\]]*)\])?$")
_SCOPE_KEYS = set(FactScope.model_fields)


def shop_facts(session: Session, shop: Shop) -> PolicyFacts:
    """Extracted facts of every policy source plus the shop's overrides (overrides win).

    Remembered per shop until its stored facts (:func:`assist.store.policy_facts.revision`), name or
    overrides change: the request path re-reads a shop every few seconds, and parsing and settling a
    shop's facts costs tens of milliseconds. Readers share the answer and never change it."""
    raw = (shop.settings or {}).get(OVERRIDES_KEY, [])
    bind = session.get_bind()
    stamp = (fact_rows.revision(session, shop.id), shop.name, json.dumps(raw, sort_keys=True, default=str))
    where = (id(bind), str(bind.engine.url), shop.id)
    with _FACTS_LOCK:
        known = _FACTS.get(where)
    if known is not None and known[0] == stamp:
        return known[1]
    facts = _read_facts(session, shop)
    with _FACTS_LOCK:
        _FACTS[where] = (stamp, facts)
        _FACTS.move_to_end(where)
        while len(_FACTS) > 256:
            _FACTS.popitem(last=False)
    return facts


_FACTS_LOCK = threading.Lock()
_FACTS: OrderedDict[tuple[Any, ...], tuple[tuple[Any, ...], PolicyFacts]] = OrderedDict()


def _read_facts(session: Session, shop: Shop) -> PolicyFacts:
    # Each file's facts are stored apart (re-ingesting a file replaces only its own); the same rules written in two
    # languages (two files) become one set here, the shop's own language cited first. Without the encoder on this
    # path, scopes match by place and by equal wording (assist.policy_extract.parallel).
    stored = fact_rows.load_facts_by_source(session, shop.id)
    source_of: dict[str | None, str | None] = {fact.chunk_id: source for source, fact in stored if fact.chunk_id}
    language = (shop.settings or {}).get("agent_language")
    merged = merge_parallel([fact for _, fact in stored], source_of, None, str(language) if language else None)
    extracted = settle(merged)
    overrides = [PolicyFact.model_validate(f) for f in (shop.settings or {}).get(OVERRIDES_KEY, [])]
    taken = {(f.slot, f.scope.model_dump_json()) for f in overrides}
    kept = [f for f in extracted if (f.slot, f.scope.model_dump_json()) not in taken]
    return PolicyFacts(shop=shop.name, facts=[*overrides, *kept])


def ingest_policies(
    services: Any, session: Session, shop: Shop, paths: Iterable[Path | str], language: str | None = None
) -> list[dict[str, Any]]:
    """Index and extract each policy file; returns one summary per file (source, chunks, facts...)."""
    from retrievers.policies import policy_sources

    out = []
    sources = policy_sources(paths)
    for path, source in sources:
        result = services.policy_index.ingest_file(shop.id, path, source=source, language=language)
        summary = extract_source_facts(services, session, shop, path, source, result.language)
        out.append({"source": result.source, "chunks": result.chunks, "replaced": result.replaced, **summary})
    remember_shop_country(session, shop, sources)
    return out


def remember_shop_country(session: Session, shop: Shop, sources: list[tuple[Path, str]]) -> None:
    """Keep in the shop's settings the country each ingested file states (:mod:`assist.shop_address`); a
    re-ingested file replaces its own reading only."""
    from assist.shop_address import SETTINGS_KEY, read_documents, shop_names

    settings = dict(shop.settings or {})
    currency = settings.get("currency")
    read = read_documents(sources, str(currency) if currency else None, (*shop_names(settings), shop.name))
    kept = {k: v for k, v in (settings.get(SETTINGS_KEY) or {}).items() if k not in {s for _, s in sources}}
    if kept or read or SETTINGS_KEY in settings:
        shop.settings = {**settings, SETTINGS_KEY: {**kept, **read}}
        session.flush()


def extract_source_facts(
    services: Any,
    session: Session,
    shop: Shop,
    path: Path,
    source: str,
    language: str | None,
    *,
    use_llm: bool = True,
) -> dict[str, Any]:
    """Read one policy file's facts (rules, plus the chat model when one is configured) and store them."""
    from assist.policy_extract import extract_with_llm
    from assist.policy_extract.extractor import extract_facts
    from assist.policy_extract.sources import document_chunks, load_policy

    document = load_policy(path)
    index = services.policy_index
    chunks = document_chunks(shop.id, document, source, language, getattr(index, "max_chars", None))
    settings = getattr(services, "settings", None)
    embedder, second = getattr(services, "embedder", None), getattr(services, "second_embedder", None)
    facts = extract_facts(chunks, embedder, getattr(settings, "cache_dir", None), second_embedder=second)
    engine = "rules"
    llm = getattr(services, "chat_model", None) if use_llm else None
    if llm is not None:
        facts, engine = extract_with_llm(llm, chunks, facts), "rules+llm"
    replaced = fact_rows.replace_source_facts(session, shop.id, source, facts)
    return {
        "language": language or document.language,
        "facts": len(facts),
        "facts_replaced": replaced,
        "for_review": sum(f.needs_review for f in facts),
        "engine": engine,
    }


def ensure_policy_facts(services: Any, shop_id: int, folder: Path) -> int:
    """Extract the facts of an already indexed policy folder when the shop has none stored yet."""
    from retrievers.policies import policy_sources

    with services.db.session() as session:
        if fact_rows.sources(session, shop_id):
            return 0
        shop = session.get(Shop, shop_id)
        if shop is None:
            return 0
        total = 0
        for path, source in policy_sources([folder]):
            # Rules only: this runs at server start (demo shop), where a chat model per chunk would stall it.
            total += extract_source_facts(services, session, shop, path, source, None, use_llm=False)["facts"]
        return total


# --- manual overrides -------------------------------------------------------------------------


def parse_override(key: str, raw: Any) -> PolicyFact:
    """A manual fact from ``slot[scope]=value``; the message says what to fix when it cannot be read."""
    m = _KEY.match(key.strip())
    if not m or m.group("slot") not in SLOTS:
        raise InvalidInput(
            f"{key!r} is not a policy slot; use one of: {', '.join(SLOTS)} (optionally with a scope, "
            "e.g. shipping.transit_time[region=US])"
        )
    slot = m.group("slot")
    scope: dict[str, str] = {}
    for part in filter(None, (m.group("scope") or "").split(",")):
        name, _, value = part.partition("=")
        if name.strip() not in _SCOPE_KEYS or not value.strip():
            raise InvalidInput(
                f"scope {part!r} in {key!r}: use region=, product_class=, payment_method= or customer_group="
            )
        scope[name.strip()] = value.strip()
    spec = SLOTS[slot]
    fact: dict[str, Any] = {"slot": slot, "scope": scope, "source": "manual", "confidence": 1.0}
    text = str(raw).strip() if not isinstance(raw, (list, bool, int, float)) else raw
    if spec.kind == "duration":
        fact.update(_duration(key, text))
    elif spec.kind in ("money", "number"):
        fact.update(_money(key, text, spec.kind))
    elif spec.kind == "bool":
        fact["value"] = _bool(key, text)
    elif spec.kind == "enum":
        if str(text) not in spec.choices:
            raise InvalidInput(f"{key}: {text!r} is not allowed; use one of {', '.join(spec.choices)}")
        fact["value"] = str(text)
    elif spec.kind == "phrases":
        fact["value"] = list(text) if isinstance(text, list) else [p.strip() for p in str(text).split(",") if p.strip()]
    elif spec.kind == "time":
        if not re.fullmatch(r"\d{1,2}:\d{2}", str(text)):
            raise InvalidInput(f"{key}: {text!r} is not a time; write it as HH:MM, e.g. 14:00")
        fact["value"] = str(text).zfill(5)
    else:
        fact["value"] = str(text)
    return PolicyFact.model_validate(fact)


def _duration(key: str, text: Any) -> dict[str, Any]:
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return {"value": text, "unit": "day"}
    found = [v for v in all_values(str(text)) if v.kind == "duration"]
    if re.fullmatch(r"\d+(?:\.\d+)?", str(text)):
        return {"value": float(text) if "." in str(text) else int(text), "unit": "day"}
    if not found:
        raise InvalidInput(f"{key}: {text!r} is not a duration; write e.g. '30 days', '3-5 business days', '2 hours'")
    v = found[0]
    return {"value": v.value, "max_value": v.max_value, "unit": v.unit}


def _money(key: str, text: Any, kind: str) -> dict[str, Any]:
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return {"value": text}
    found = [v for v in all_values(str(text)) if v.kind == "money"]
    if found:
        return {"value": found[0].value, "unit": found[0].unit}
    if re.fullmatch(r"\d+(?:\.\d+)?", str(text)):
        return {"value": float(text)}
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([A-Z]{3})", str(text))
    if m:
        return {"value": float(m.group(1)), "unit": m.group(2)}
    raise InvalidInput(f"{key}: {text!r} is not an amount; write e.g. '49 EUR' or '€49'")


def _bool(key: str, text: Any) -> bool:
    if isinstance(text, bool):
        return text
    folded = str(text).casefold()
    if folded in ("true", "yes", "1", "on"):
        return True
    if folded in ("false", "no", "0", "off"):
        return False
    raise InvalidInput(f"{key}: {text!r} is not yes/no; write true or false")


def apply_settings(shop: Shop, values: dict[str, Any]) -> tuple[list[PolicyFact], dict[str, Any]]:
    """Split ``values`` into fact overrides (slot keys) and plain settings; store both on the shop.

    Validates everything before changing anything, so a bad key loses nothing already stored.
    """
    facts: list[PolicyFact] = []
    plain: dict[str, Any] = {}
    for key, value in values.items():
        if key == OVERRIDES_KEY:
            raise InvalidInput(f"set facts by slot name (e.g. returns.window=30 days), not through {OVERRIDES_KEY!r}")
        if "." in key.split("[")[0]:
            facts.append(parse_override(key, value))
        else:
            plain[key] = value
    settings = dict(shop.settings or {})
    overrides = [PolicyFact.model_validate(f) for f in settings.get(OVERRIDES_KEY, [])]
    new_keys = {(f.slot, f.scope.model_dump_json()) for f in facts}
    overrides = [f for f in overrides if (f.slot, f.scope.model_dump_json()) not in new_keys] + facts
    settings.update(plain)
    settings[OVERRIDES_KEY] = [f.model_dump(mode="json") for f in overrides]
    shop.settings = settings
    return facts, plain


# --- the legacy flat settings the current readers use ------------------------------------------

_DAYS: dict[str, float] = {"day": 1, "business_day": 1, "week": 7, "month": 30, "year": 365, "hour": 1 / 24}
_HOURS: dict[str, float] = {"hour": 1, "day": 24, "business_day": 24, "week": 168}
_MONTHS: dict[str, float] = {"month": 1, "year": 12}


def _high(fact: PolicyFact) -> float:
    return float(fact.max_value if fact.max_value is not None else fact.value)  # type: ignore[arg-type]


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 2)


def _in(fact: PolicyFact | None, table: dict[str, float]) -> int | float | None:
    if fact is None or fact.unit not in table or isinstance(fact.value, (str, list, bool)):
        return None
    return _num(_high(fact) * table[fact.unit])


@lru_cache(maxsize=1024)
def region_codes(name: str) -> tuple[str, ...]:
    """Short codes for a region phrase in any of the 8 languages ("Japan, China and Brazil" -> JP, CN, BR)."""
    from assist.policy_extract.scope import regions_in

    codes: list[str] = []
    for _, _, phrase in regions_in(name):
        for part in re.split(r"\s*(?:,|、|・|/|和|及|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", phrase):
            code = _code(part.strip())
            if code and code not in codes:
                codes.append(code)
    return tuple(codes)


@lru_cache(maxsize=1024)
def _code(name: str) -> str | None:
    from babel import Locale

    from assist.policy_extract.scope import LANGUAGES

    folded = re.sub(r"^(the|die|der|la|le|el|il|os|as)\s+", "", name.casefold()).strip()
    if re.fullmatch(r"(eu|e\.u\.|ue|欧盟|europäische union|european union|eu-länder\w*)", folded):
        return "EU"
    if folded in ("uk", "u.k.", "gb", "great britain"):
        return "UK"
    if folded in ("us", "u.s.", "usa"):
        return "US"
    for lang in LANGUAGES:
        for code, territory in Locale.parse(lang).territories.items():
            if territory.casefold() in (folded, folded.rstrip("s")):
                return "UK" if code == "GB" else code
    return None


def legacy_settings(facts: PolicyFacts) -> dict[str, Any]:
    """The flat keys of the pre-facts ``shop.yaml`` (``return_window_days``...), derived from ``facts``."""
    g = facts.get
    out: dict[str, Any] = {
        "return_window_days": _in(g("returns.window"), _DAYS),
        "refund_days": _in(g("refunds.time"), _DAYS),
        "damaged_report_days": _in(g("damage.report_window"), _DAYS),
        "wrong_or_missing_report_days": _in(g("wrong_item.report_window"), _DAYS),
        "cancellation_window_hours": _in(g("cancellation.window"), _HOURS),
        "cancellation_refund_days": _in(g("cancellation.refund_time"), _DAYS),
        "warranty_months": _in(g("warranty.length"), _MONTHS),
        "price_drop_days": _in(g("prices.adjustment_window"), _DAYS),
        "forgotten_code_days": _in(g("prices.code_after_purchase"), _DAYS),
        "company_invoice_days": _in(g("invoice.company_request_window"), _DAYS),
        "delivered_not_received_wait_hours": _in(g("lost.not_received_wait"), _HOURS),
        "carrier_investigation_business_days": _in(g("lost.trace_time"), _DAYS),
    }
    for slot, key in (("returns.shipping_paid_by", "return_shipping_paid_by"), ("prices.price_match", "price_match")):
        fact = g(slot)
        if fact is not None:
            out[key] = fact.value
    method = g("refunds.method")
    if method is not None:
        out["refund_method"] = str(method.value).replace("_", " ")
    excluded = [p for f in facts.all("returns.excluded") for p in (f.value if isinstance(f.value, list) else [f.value])]
    if excluded:
        out["non_returnable"] = excluded
    free = [f for f in facts.all("shipping.free_threshold") if f.unit == "EUR"]
    if free:
        out["free_shipping_threshold_eur"] = _num(float(free[0].value))  # type: ignore[arg-type]
    transit: dict[str, list[int | float]] = {}
    for fact in facts.all("shipping.transit_time"):
        if fact.scope.region and fact.unit == "business_day":
            for code in region_codes(fact.scope.region):
                transit.setdefault(code, [_num(float(fact.value)), _num(_high(fact))])  # type: ignore[arg-type]
    if transit:
        out["transit_business_days"] = transit
    customs: dict[str, str] = {}
    for fact in facts.all("customs.paid_by"):
        for code in region_codes(fact.scope.region or ""):
            customs.setdefault(code, {"none": "none", "shop": "DDP", "buyer": "DAP"}.get(str(fact.value), "none"))
    if customs:
        out["customs"] = customs
    return {k: v for k, v in out.items() if v is not None}


def effective_settings(settings: dict[str, Any] | None, facts: PolicyFacts) -> dict[str, Any]:
    """Settings derived from the facts, with the shop's own settings on top (set by hand wins)."""
    own = {k: v for k, v in (settings or {}).items() if k != OVERRIDES_KEY}
    return {**legacy_settings(facts), **own}


# --- review surface ------------------------------------------------------------------------------

INTENT_SLOTS: dict[str, tuple[str, ...]] = {
    "return_request": ("returns.", "refunds.method"),
    "refund_status": ("refunds.", "cancellation.refund_time"),
    "damaged_or_defective": ("damage.", "warranty.", "returns.shop_pays_when"),
    "wrong_or_missing_item": ("wrong_item.", "damage.evidence", "damage.remedy", "returns.shop_pays_when"),
    "cancel_order": ("cancellation.",),
    "change_order": ("address_change.", "cancellation.rule"),
    "track_order": ("shipping.", "lost."),
    "delivery_problem": ("lost.", "shipping.transit_time", "shipping.carrier", "customs."),
    "price_or_discount": ("prices.",),
    "invoice_request": ("invoice.",),
    "product_question": ("warranty.", "shipping.free_threshold", "returns.window", "returns.excluded"),
    "payment_issue": ("refunds.method", "customs."),
    "account_issue": (),
    "complaint": (),
    "other": (),
}


def slots_for_intent(intent: str) -> list[str]:
    prefixes = INTENT_SLOTS.get(intent)
    if prefixes is None:
        raise InvalidInput(f"unknown intent {intent!r}; use one of: {', '.join(INTENT_SLOTS)}")
    return [s for s in SLOTS if any(s == p or (p.endswith(".") and s.startswith(p)) for p in prefixes)]


def value_text(fact: PolicyFact) -> str:
    value = fact.value
    if isinstance(value, list):
        text = ", ".join(value)
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    if fact.max_value is not None:
        top = int(fact.max_value) if float(fact.max_value).is_integer() else fact.max_value
        text = f"{text}-{top}"
    return f"{text} {fact.unit}" if fact.unit else text


def scope_text(fact: PolicyFact) -> str:
    parts = [f"{k}={v}" for k, v in fact.scope.model_dump(exclude_none=True).items()]
    return ", ".join(parts) or "all"


def fact_view(fact: PolicyFact, source_of: dict[str, str] | None = None) -> dict[str, Any]:
    """One row of the review table: the fact, how it reads, and where it came from."""
    return {
        **fact.model_dump(mode="json"),
        "value_text": value_text(fact),
        "scope_text": scope_text(fact),
        "needs_review": fact.needs_review,
        "set_by_hand": fact.source == "manual",
        "document": (source_of or {}).get(fact.chunk_id or "", None),
    }


def chunk_sources(session: Session, shop_id: int) -> dict[str, str]:
    """chunk id -> policy file, for the facts' "source" column."""
    return {
        str(row.fact.get("chunk_id")): row.source
        for row in session.scalars(
            fact_rows.select(fact_rows.PolicyFactRow).where(fact_rows.PolicyFactRow.shop_id == shop_id)
        )
    }


# --- shops kept as folders (demo, fixtures, evals) ------------------------------------------------


@lru_cache(maxsize=16)
def folder_facts(folder: Path) -> PolicyFacts:
    """Facts read offline (rules, no embedder, no database) from a folder of policy files."""
    from assist.policy_extract.extractor import extract_facts
    from assist.policy_extract.sources import document_chunks, load_policy
    from retrievers.policies import policy_sources

    chunks = []
    for path, source in policy_sources([folder]):
        document = load_policy(path)
        chunks += document_chunks(0, document, source, document.language)
    return PolicyFacts(shop=folder.parent.name, facts=extract_facts(chunks))


def folder_settings(shop_dir: Path) -> dict[str, Any]:
    """A shop folder's ``shop.yaml`` over the settings derived from the facts of its ``policies/``."""
    from assist.demo import load_shop_settings

    policies = shop_dir / "policies"
    own = load_shop_settings(shop_dir)
    return effective_settings(own, folder_facts(policies.resolve())) if policies.is_dir() else own


CARD_FACTS = 16


def card_facts(facts: PolicyFacts, intent: str, languages: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The facts behind ``intent`` for the sidebar: one per statement (a policy kept in several languages
    says each thing several times; the version in the first of ``languages`` is shown), confident and
    general facts first, at most :data:`CARD_FACTS`."""
    try:
        wanted = slots_for_intent(intent)
    except InvalidInput:  # a shop's own intent: no slot mapping
        return []
    order = {slot: i for i, slot in enumerate(wanted)}
    rank = {lang: i for i, lang in enumerate(languages)}
    chosen: dict[tuple[Any, ...], PolicyFact] = {}
    for fact in _language_versions(facts.facts):
        if fact.slot not in order:
            continue
        region = region_codes(fact.scope.region) if fact.scope.region else ()
        scope = (
            region or fact.scope.region,
            fact.scope.product_class,
            fact.scope.payment_method,
            fact.scope.customer_group,
        )
        value = tuple(fact.value) if isinstance(fact.value, list) else fact.value
        key = (fact.slot, value, fact.max_value, fact.unit, scope if region else fact.scope.model_dump_json())
        best = chosen.get(key)
        if best is None or _preferred(fact, best, rank):
            chosen[key] = fact
    kept = sorted(
        chosen.values(),
        key=lambda f: (f.needs_review, f.source != "manual", order[f.slot], not f.scope.is_general(), -f.confidence),
    )
    return [fact_view(f) for f in kept[:CARD_FACTS]]


def _language_versions(facts: list[PolicyFact]) -> list[PolicyFact]:
    """Each fact, and each fact merged from a document in another language as that document states it."""
    out = []
    for fact in facts:
        out.append(fact)
        out.extend(
            fact.model_copy(update={"chunk_id": c.chunk_id, "sentence": c.sentence, "language": c.language})
            for c in fact.also_cited
        )
    return out


def _preferred(new: PolicyFact, old: PolicyFact, rank: dict[str, int]) -> bool:
    far = len(rank)
    return (rank.get(new.language or "", far), -new.confidence) < (rank.get(old.language or "", far), -old.confidence)
