"""Eval tasks and scorers for shops the replies were not written for (``examples/shops/<shop>/``).

Tasks (``options.shop_dir``: the fixture shop; ``options.facts``: ``gold`` reads ``gold_facts.yaml``,
``extracted`` runs the shop's own policy-fact extraction on its documents):

- ``shop_suggest``: the conversation through the pipeline's analysis and the suggestions, as
  ``POST /v1/assist`` runs them, with the shop's facts; the output adds the asks and their coverage.
- ``shop_qa_check``: an agent draft through the draft checks with the shop's facts and orders.

Scorers: ``facts_stated`` (the top suggestion declares every required fact, with the value in its
text), ``asks_covered`` (share of the case's expected asks that the top suggestion covers) and
``promises_kept`` (no forbidden phrase and no forbidden fact in the top suggestion).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import yaml

from assist import shop_readers
from assist.policy_facts import PolicyFacts
from evals.datasets import Case
from evals.scorers import MeanMetric, Score, ScoreContext, Scorer, lookup, register_scorer
from evals.tasks import Task, TaskContext, conversation_of, register_task, to_json


def load_gold_facts(shop_dir: Path) -> PolicyFacts:
    """A shop's hand-read facts (``gold_facts.yaml``) as PolicyFacts."""
    data = yaml.safe_load((shop_dir / "gold_facts.yaml").read_text(encoding="utf-8"))
    facts = [{k: v for k, v in f.items() if k != "note"} for f in data.get("facts", [])]
    return PolicyFacts.model_validate({"shop": data.get("shop") or shop_dir.name, "facts": facts})


def extracted_facts(services: Any, shop_id: int, shop_dir: Path, language: str | None = None) -> PolicyFacts:
    """The facts the offline extractor (assist.policy_extract) reads from the shop's policy documents,
    chunked and named exactly as ingest does, so each fact's chunk id is a passage id. ``language`` is the shop's
    own: its document comes first where the same rules are written in two languages."""
    from assist.policy_extract import extract_facts
    from assist.policy_extract.sources import document_chunks, load_policy
    from retrievers.policies import expand_policy_paths

    policies = shop_dir / "policies"
    chunks = []
    for path in expand_policy_paths([policies]):
        document = load_policy(path)
        chunks += document_chunks(shop_id, document, str(path.relative_to(policies)), document.language)
    second = getattr(services, "second_embedder", None)
    facts = extract_facts(chunks, services.embedder, primary_language=language, second_embedder=second)
    return PolicyFacts(shop=shop_dir.name, facts=facts)


def setup_fixture_shop(ctx: TaskContext) -> None:
    """Create the fixture shop in the run's private store: its orders, its policies, and its facts."""
    from assist.demo import load_shop_settings
    from assist.importing import read_orders_file
    from assist.store import orders as order_rows
    from assist.store import shops as shop_rows
    from retrievers.policies import expand_policy_paths

    shop_dir = Path(ctx.state["resolve"](ctx.options["shop_dir"]))
    settings = load_shop_settings(shop_dir)
    name = f"fixture-{shop_dir.name}"
    with ctx.services.db.session() as session:
        shop = session.query(shop_rows.Shop).filter_by(name=name).one_or_none()
        if shop is None:
            shop, _key = shop_rows.create_shop(session, name, settings)
        shop_id = shop.id
        if (shop_dir / "orders.json").is_file():
            order_rows.save_orders(session, shop_id, read_orders_file(shop_dir / "orders.json"))
    policies = shop_dir / "policies"
    if policies.is_dir() and ctx.services.policy_index.count(shop_id) == 0:
        for path in expand_policy_paths([policies]):
            ctx.services.policy_index.ingest_file(shop_id, path, source=str(path.relative_to(policies)))
    ctx.state["shop_id"] = shop_id
    ctx.state["shop_settings"] = settings
    source = ctx.options.get("facts", "gold")
    if source == "extracted":
        language = settings.get("agent_language")
        ctx.state["facts"] = extracted_facts(ctx.services, shop_id, shop_dir, str(language) if language else None)
    else:
        ctx.state["facts"] = load_gold_facts(shop_dir)


def prepare_shop(ctx: TaskContext) -> None:
    ctx.services.translator  # noqa: B018 - built once, before threads share them
    ctx.services.language_detector  # noqa: B018
    ctx.services.intent_classifier(ctx.state.get("shop_settings"))
    shop_readers.prepare(ctx.services, ctx.state.get("facts"))


def _shop(ctx: TaskContext) -> Any:
    from assist.pipeline import Shop

    return Shop(id=ctx.state["shop_id"], settings=dict(ctx.state["shop_settings"]), facts=ctx.state["facts"])


def run_shop_suggest(case: Case, ctx: TaskContext) -> Any:
    from assist.pipeline import analyse
    from assist.suggest import suggest_replies

    agent_language = str(case.get("agent_language") or ctx.options.get("agent_language") or "en")
    analysis = asyncio.run(analyse(ctx.services, _shop(ctx), conversation_of(case), agent_language))
    result = suggest_replies(
        analysis.context,
        int(ctx.options.get("n", 3)),
        chat_model=ctx.services.chat_model,
        translator=ctx.services.translator,
        settings=ctx.services.settings,
    )
    return {
        **to_json(result),
        "buyer_language": analysis.context.buyer_language,
        "intent": analysis.context.intent_name,
        "order": to_json(analysis.context.order),
        "passages": to_json(analysis.context.policies),
        "trace": reply_trace(analysis.context),
    }


def reply_trace(context: Any) -> dict[str, Any]:
    """What each stage of the template reply produced, for ``bench/reply_causes.py`` to say which one lost a fact:
    each ask's answers (computed and as the facts stand, with the scopes of the facts they rest on) before the reply
    writes them, and the shop's facts as the pipeline read them (gold or extracted)."""
    from assist.ask_check import ask_reply
    from assist.reply_format import fact_text

    def scope(fact: Any) -> dict[str, str]:
        return {k: str(v) for k, v in fact.scope.model_dump().items() if v}

    answered = ask_reply(context)
    found = answered.found if answered is not None else []
    return {
        "asks": [
            [
                {
                    "key": a.key,
                    "slot": a.slot,
                    "value": fact_text(a.value),
                    "holds": a.holds,
                    "scopes": [scope(f) for f in a.facts],
                }
                for a in answers
            ]
            for answers in found
        ],
        "facts": [
            {"slot": f.slot, "value": fact_text(f.value), "scope": scope(f), "review": f.needs_review}
            for f in (context.facts.facts if context.facts else [])
        ],
    }


def run_shop_qa_check(case: Case, ctx: TaskContext) -> Any:
    from retrievers.orders import find_orders

    conversation = conversation_of(case)
    settings = dict(ctx.state["shop_settings"])
    found = find_orders(ctx.services.order_store, ctx.state["shop_id"], conversation, settings.get("order_id_pattern"))
    order = found[0] if found else None
    issues = check_shop_draft(
        str(case.get("draft") or ""),
        conversation,
        order,
        case.get("language"),
        settings,
        ctx.state["facts"],
        ctx.services,
        case.get("checks") or SHOP_DRAFT_CHECKS,
    )
    return {"issues": to_json(issues), "order_id": order.order_id if order else None}


SHOP_DRAFT_CHECKS = ["policy_contradiction", "order_contradiction"]


def check_shop_draft(
    draft: str,
    conversation: Any,
    order: Any,
    language: str | None,
    settings: dict[str, Any],
    facts: PolicyFacts,
    services: Any,
    checks: list[str] = SHOP_DRAFT_CHECKS,
) -> list[Any]:
    """A fixture shop's draft through the draft checks, on its facts alone (no policy passages), as the
    ``shop_qa_check`` task and ``bench/claim_floors.py`` run it."""
    from assist.quality import check_draft
    from assist.quality.checks import select_checks

    return check_draft(
        draft,
        conversation=conversation,
        order=order,
        policies=[],
        buyer_language=language,
        shop_settings=settings,
        checks=select_checks(checks),
        language_detector=services.language_detector,
        facts=facts,
        claim_reader=services.claim_reader,
    )


register_task(Task("shop_suggest", run_shop_suggest, setup=setup_fixture_shop, prepare=prepare_shop, prompt="suggest"))
register_task(Task("shop_qa_check", run_shop_qa_check, setup=setup_fixture_shop, prepare=prepare_shop))


# --- scorers ---------------------------------------------------------------------------------


def _top(output: Any) -> dict[str, Any]:
    suggestions = (output or {}).get("suggestions") or []
    return suggestions[0] if suggestions else {}


def _value_matches(declared: str, wanted: Any) -> bool:
    if isinstance(wanted, list):  # a list of regions or items: every element declared (the comma-joined form)
        return bool(wanted) and all(_value_matches(declared, element) for element in wanted)
    if isinstance(wanted, bool):
        return declared.strip().casefold() == str(wanted).casefold()
    if isinstance(wanted, int | float):
        try:
            return abs(float(declared) - float(wanted)) < 1e-6
        except ValueError:
            return False
    return str(wanted).casefold() in declared.casefold()


def _in_text(text: str, wanted: Any) -> bool:
    """A number or ISO date must also be written in the text (any locale format)."""
    from datetime import date

    from assist.facts import Grounding, extract_mentions

    if isinstance(wanted, bool) or not isinstance(wanted, int | float | str):
        return True
    grounding = Grounding()
    if isinstance(wanted, str):
        try:
            grounding.add_value(date.fromisoformat(wanted))
        except ValueError:
            return True  # a word value: the declared fact decides
    else:
        grounding.add_value(wanted)
    return any(grounding.supports(m) for m in extract_mentions(text) if m.kind in ("date", "number"))


def _states(suggestion: dict[str, Any], fact: dict[str, Any]) -> bool:
    name, wanted = str(fact["fact"]), fact.get("value")
    # a yes/no answer may be written on the answer itself ("price_adjustment_open: true") as well as in the
    # documented form on its `.open` field ("price_adjustment_open.open: true"): both mean the same
    names = [name, f"{name}.open"] if isinstance(wanted, bool) and not name.endswith(".open") else [name]
    for declared in suggestion.get("facts") or []:
        field = str(declared.get("field", ""))
        for written in names:
            if field.split(".", 1)[-1] == written or field.endswith("." + written):
                if wanted is None or _value_matches(str(declared.get("value", "")), wanted):
                    return _in_text(str(suggestion.get("text", "")), wanted)
    return False


def facts_stated(target: str = "case.must_state") -> Scorer:
    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        wanted = [f for f in lookup(f"{target}.*", case, output, prior) if isinstance(f, dict)]
        if not wanted:
            return Score(None, None, "no required facts listed")
        top = _top(output)
        missing = [f"{f['fact']}={f.get('value')}" for f in wanted if not _states(top, f)]
        ok = not missing
        return Score(1.0 if ok else 0.0, ok, "all stated" if ok else f"missing: {missing}")

    return Scorer("facts_stated", fn, [lambda: MeanMetric("facts_stated")], ["facts_stated"])


def asks_covered(target: str = "case.asks") -> Scorer:
    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        wanted = [str(t) for t in lookup(f"{target}.*", case, output, prior)]
        if not wanted:
            return Score(None, None, "no expected asks listed")
        asks = (output or {}).get("asks") or []
        covered = {t for a in asks if a.get("covered") for t in a.get("topics", [])}
        hit = [t for t in wanted if t in covered]
        share = len(hit) / len(wanted)
        found = [(a.get("topics"), a.get("covered")) for a in asks]
        return Score(share, share == 1.0, f"covered {hit} of {wanted}; asks {found}")

    return Scorer("asks_covered", fn, [lambda: MeanMetric("asks_covered")], ["asks_covered"])


def promises_kept(target: str = "case.must_not") -> Scorer:
    """1 when the top suggestion has none of the case's forbidden phrases (literal, case-insensitive)
    and declares none of its forbidden facts (``{fact, value}``)."""

    def fn(case: Case, output: Any, ctx: ScoreContext, prior: dict[str, Any]) -> Score:
        forbidden = lookup(f"{target}.*", case, output, prior)
        if not forbidden:
            return Score(None, None, "no forbidden promises listed")
        top = _top(output)
        text = str(top.get("text", "")).casefold()
        hits = [f for f in forbidden if isinstance(f, str) and f.casefold() in text]
        hits += [f"{f['fact']}={f.get('value')}" for f in forbidden if isinstance(f, dict) and _declares(top, f)]
        return Score(0.0 if hits else 1.0, not hits, f"forbidden: {hits}" if hits else "none found")

    return Scorer("promises_kept", fn, [lambda: MeanMetric("promise_free")], ["promise_free"])


def _declares(suggestion: dict[str, Any], fact: dict[str, Any]) -> bool:
    for declared in suggestion.get("facts") or []:
        field = str(declared.get("field", ""))
        if field.split(".", 1)[-1] == fact["fact"] or field.endswith("." + str(fact["fact"])):
            if _value_matches(str(declared.get("value", "")), fact.get("value")):
                return True
    return False


def fact_support(facts: PolicyFacts, order: Any, now: Any, text: str) -> tuple[set[tuple[str, str]], list[Any]]:
    """What a suggestion may state from the shop's policy facts: every ``policy_fact.<slot>`` value and every
    answer the facts and the order compute (``answer.<key>`` and ``answer.<key>.open``), recomputed here with
    :mod:`assist.answers`; and those values, for the numbers and dates in the text."""
    from datetime import date

    from assist.answers import answers_for
    from assist.ask_replies import fact_text
    from assist.asks import topic_names

    pairs: set[tuple[str, str]] = set()
    values: list[Any] = []

    for fact in facts.facts:
        pairs.add((f"policy_fact.{fact.slot}", fact_text(fact.value).casefold()))
        values += [v for v in (fact.value, fact.max_value) if isinstance(v, int | float) and not isinstance(v, bool)]
        if fact.slot == "shipping.dispatch_cutoff" and str(fact.value).replace(":", "").isdigit():
            values += [int(part) for part in str(fact.value).split(":")]  # "14:00": the text's "14" and "00"
    for answer in answers_for(topic_names(), facts, order, now, text=text):
        if answer.key == "fact":
            continue
        pairs.add((f"answer.{answer.key}", fact_text(answer.value).casefold()))
        if answer.holds is not None:
            pairs.add((f"answer.{answer.key}.open", str(answer.holds).lower()))
        if isinstance(answer.value, str):
            try:
                values.append(date.fromisoformat(answer.value))
            except ValueError:
                pass
    return pairs, values


register_scorer("facts_stated", facts_stated)
register_scorer("asks_covered", asks_covered)
register_scorer("promises_kept", promises_kept)

__all__ = ["load_gold_facts", "setup_fixture_shop"]
