"""Thin adapters from eval cases to the task functions the API calls. No task logic lives here:
each adapter builds the task's input from a case, calls the same function the route calls, and
returns its answer as JSON-ready data.

A case may carry a whole conversation (``conversation: {messages: [...]}`` or ``messages: [...]``)
or a single ``text``; multi-turn conversations are first-class.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assist.errors import InvalidInput
from assist.models import Conversation
from evals.datasets import Case


@dataclass
class TaskContext:
    """What an adapter may use: one per (prompt version, repeat); ``state`` comes from setup."""

    settings: Any
    services: Any
    chat_model: Any = None
    options: dict[str, Any] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    variant: str = "v1"
    repeat: int = 0
    seed: int = 0


@dataclass
class Task:
    name: str
    run: Callable[[Case, TaskContext], Any]
    setup: Callable[[TaskContext], None] | None = None
    prompt: str | None = None  # prompts/<prompt>/<version>.md: its sha256 goes into the cache key
    prepare: Callable[[TaskContext], None] | None = None  # per (version, repeat) context, before threads start
    text_of: Callable[[Any], str] = lambda output: json.dumps(output, ensure_ascii=False)


TASKS: dict[str, Task] = {}


def register_task(task: Task) -> Task:
    TASKS[task.name] = task
    return task


def to_json(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [to_json(v) for v in value]
    return value


# --- inputs ----------------------------------------------------------------------------------


def conversation_of(case: Case) -> Conversation:
    """The case's conversation: ``conversation``, else ``messages``, else one buyer message ``text``."""
    raw = case.get("conversation")
    if raw is None and case.get("messages") is not None:
        raw = {"messages": case.get("messages")}
    if raw is None and case.get("text") is not None:
        raw = {"messages": [{"role": "customer", "text": str(case.get("text"))}]}
    if raw is None:
        raise InvalidInput(f"case {case.id}: needs a conversation, messages or text field")
    if isinstance(raw, str):
        raw = json.loads(raw)
    data = {k: v for k, v in raw.items() if k in Conversation.model_fields}
    for key in ("id", "channel", "customer", "order_ids"):
        if key not in data and case.get(key) is not None:
            data[key] = case.get(key)
    data.setdefault("id", case.id)
    return Conversation.model_validate(data)


def text_of_case(case: Case) -> str:
    text = case.get("text")
    return str(text) if text is not None else conversation_of(case).customer_text()


def _shop_settings(ctx: TaskContext, case: Case | None = None) -> dict[str, Any]:
    """The shop's settings: the case's own ``shop_settings`` when it carries them, else the shop's."""
    if case is not None and isinstance(case.get("shop_settings"), dict):
        return dict(case.get("shop_settings"))
    settings = dict(ctx.state.get("shop_settings") or {})
    taxonomy = ctx.options.get("taxonomy")
    if taxonomy:
        settings["taxonomy"] = yaml.safe_load(Path(ctx.state["resolve"](taxonomy)).read_text(encoding="utf-8"))
    return settings


def setup_shop(ctx: TaskContext) -> None:
    """Load the demo shop (or ``options.shop_dir``) into the run's private data dir: orders and policies.
    ``options.shop: false`` loads only its settings (for datasets whose cases carry order and policies)."""
    from assist.config import DEMO_SHOP_DIR
    from assist.demo import DEMO_SHOP, ensure_demo_shop
    from assist.shop_facts import folder_settings, shop_facts
    from assist.store import shops

    if ctx.options.get("shop") is False:
        setup_shop_settings(ctx)
        return
    directory = Path(ctx.state["resolve"](ctx.options["shop_dir"])) if ctx.options.get("shop_dir") else DEMO_SHOP_DIR
    ensure_demo_shop(ctx.services, directory, score=False)  # evals need the shop, not its review queue
    with ctx.services.db.session() as session:
        shop = session.query(shops.Shop).filter_by(name=DEMO_SHOP).one()
        ctx.state["shop_id"] = shop.id
        ctx.state["facts"] = shop_facts(session, shop)  # the stored policy facts, as /v1/assist reads them
    ctx.state["shop_settings"] = folder_settings(directory)  # shop.yaml + numbers read from its policies


# --- adapters --------------------------------------------------------------------------------


def setup_shop_settings(ctx: TaskContext) -> None:
    """Only the shop's settings (no orders, no policies): tasks that need the order-id pattern or the taxonomy."""
    from assist.config import DEMO_SHOP_DIR
    from assist.shop_facts import folder_settings

    directory = Path(ctx.state["resolve"](ctx.options["shop_dir"])) if ctx.options.get("shop_dir") else DEMO_SHOP_DIR
    ctx.state["shop_settings"] = folder_settings(directory)  # shop.yaml + numbers read from its policies


def prepare_intent(ctx: TaskContext) -> None:
    ctx.services.intent_classifier(_shop_settings(ctx))


def run_intent(case: Case, ctx: TaskContext) -> Any:
    """As ``POST /v1/intent``: a conversation goes to predict_conversation, a lone text to predict."""
    classifier = ctx.services.intent_classifier(_shop_settings(ctx))
    if case.get("conversation") is None and case.get("messages") is None and case.get("text") is not None:
        return classifier.predict(str(case.get("text")))
    return classifier.predict_conversation(conversation_of(case))


def run_language(case: Case, ctx: TaskContext) -> Any:
    return ctx.services.language_detector.detect(text_of_case(case))


def prepare_translate(ctx: TaskContext) -> None:
    ctx.services.translator  # noqa: B018 - build it once, before threads share it


def run_translate(case: Case, ctx: TaskContext) -> Any:
    """As ``POST /v1/translate``: the shop's order-id pattern is protected, the gist uses its classifier."""
    target = case.get("target_language") or ctx.options.get("target_language")
    if not target:
        raise InvalidInput(f"case {case.id}: needs target_language (a field, or options.target_language)")
    shop_settings = _shop_settings(ctx)

    def classify(text: str) -> Any:  # the shop's classifier, trained only if a gist is needed
        return ctx.services.intent_classifier(shop_settings).predict(text)

    return ctx.services.translator.translate(
        str(case.get("text")),
        str(target),
        case.get("source_language"),
        order_id_pattern=shop_settings.get("order_id_pattern"),
        classify=classify,
    )


def run_retrieve(case: Case, ctx: TaskContext) -> Any:
    query = case.get("question") or text_of_case(case)
    k = int(ctx.options.get("k", 5))
    intents = case.get("intents") if ctx.options.get("use_intents") else None
    language = case.get("language") if ctx.options.get("filter_language") else None
    passages = ctx.services.policy_index.search(ctx.state["shop_id"], str(query), k, intents=intents, language=language)
    return {"passages": to_json(passages)}


def _tone(ctx: TaskContext) -> Any:
    if hasattr(ctx.services, "tone_classifier"):
        return ctx.services.tone_classifier
    key = "tone_classifier"
    if key not in ctx.state:
        from assist.quality.tone import ToneClassifier

        ctx.state[key] = ToneClassifier(ctx.services.embedder)
    return ctx.state[key]


def _grounding(
    case: Case, ctx: TaskContext, conversation: Conversation | None, query: str, search: bool = True
) -> tuple[Any, list[Any]]:
    """Order and policy passages as the QA routes find them (``api/routes/qa.py``); a case may instead
    carry them inline (``order``, ``policies``)."""
    from assist.models import Order, PolicyPassage
    from retrievers.orders import find_orders

    inline_order, inline_policies = case.get("order"), case.get("policies")
    order = Order.model_validate(inline_order) if isinstance(inline_order, dict) else None
    if order is None and conversation is not None and "shop_id" in ctx.state:
        found = find_orders(
            ctx.services.order_store,
            ctx.state["shop_id"],
            conversation,
            _shop_settings(ctx, case).get("order_id_pattern"),
        )
        order = found[0] if found else None
    if isinstance(inline_policies, list):
        return order, [PolicyPassage.model_validate(p) for p in inline_policies]
    if not search or not query.strip() or "shop_id" not in ctx.state:
        return order, []
    return order, ctx.services.policy_index.search(ctx.state["shop_id"], query[:2000], 5)


def prepare_quality(ctx: TaskContext) -> None:
    _tone(ctx)
    ctx.services.language_detector  # noqa: B018 - built once, before threads share it


def run_qa_check(case: Case, ctx: TaskContext) -> Any:
    """As ``POST /v1/qa/check``: grounding, then check_draft with the shop's settings, tone and detector."""
    from assist.quality import check_draft
    from assist.quality.checks import select_checks
    from assist.quality.contradictions import mentions_policy

    draft = str(case.get("draft") or "")
    conversation = conversation_of(case) if (case.get("conversation") or case.get("messages")) else None
    search = ctx.chat_model is not None or mentions_policy(draft)
    last = conversation.last_customer_text() if conversation else ""
    order, policies = _grounding(case, ctx, conversation, draft + "\n" + last, search)
    issues = check_draft(
        draft,
        conversation=conversation,
        order=order,
        policies=policies,
        buyer_language=case.get("buyer_language"),
        shop_settings=_shop_settings(ctx, case),
        chat_model=ctx.chat_model,
        checks=select_checks(case.get("checks")),
        language_detector=ctx.services.language_detector,
        tone=_tone(ctx),
        claim_reader=ctx.services.claim_reader,
    )
    return {
        "issues": to_json(issues),
        "order_id": order.order_id if order else None,
        "policy_ids": [p.id for p in policies],
    }


def _quality_model(ctx: TaskContext, load_model: Callable[..., Any]) -> Any:
    """The overall-score model ``assist qa train`` wrote into the deployment's data dir (ASSIST_DATA_DIR; the
    suite may name another with ``options: {quality_model_dir: PATH}``); the run's own workspace has none."""
    from assist.config import get_settings

    if "quality_model" not in ctx.state:
        wanted = ctx.options.get("quality_model_dir")
        ctx.state["quality_model"] = load_model(Path(wanted) if wanted else get_settings().data_dir)
    return ctx.state["quality_model"]


def run_scorecard(case: Case, ctx: TaskContext) -> Any:
    """As ``POST /v1/qa/score`` (without storing the review)."""
    from assist.quality import config_for_shop, score_conversation
    from assist.quality.overall import load_model

    conversation = conversation_of(case)
    agent_text = " ".join(m.text for m in conversation.messages if m.role == "agent")
    order, policies = _grounding(case, ctx, conversation, conversation.customer_text(last=3) + "\n" + agent_text)
    shop_settings = _shop_settings(ctx, case)
    return score_conversation(
        conversation,
        config=config_for_shop(shop_settings),
        order=order,
        policies=policies,
        shop_settings=shop_settings,
        tone=_tone(ctx),
        language_detector=ctx.services.language_detector,
        quality_model=_quality_model(ctx, load_model),
        embedder=ctx.services.embedder,
    )


def _analysis(case: Case, ctx: TaskContext) -> Any:
    """The pipeline's analysis (language, order, translation, intent, policies), as the routes run it."""
    from assist.pipeline import Shop, analyse

    agent_language = str(case.get("agent_language") or ctx.options.get("agent_language") or "en")
    shop = Shop(id=ctx.state["shop_id"], settings=_shop_settings(ctx), facts=ctx.state.get("facts"))
    return asyncio.run(analyse(ctx.services, shop, conversation_of(case), agent_language))


def run_suggest(case: Case, ctx: TaskContext) -> Any:
    """As ``POST /v1/suggestions``; the output adds the order and passages the replies could use."""
    from assist.suggest import suggest_replies

    analysis = _analysis(case, ctx)
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
        "order": to_json(analysis.context.order),
        "passages": to_json(analysis.context.policies),
    }


def run_summarize(case: Case, ctx: TaskContext) -> Any:
    """As ``POST /v1/summary``."""
    from assist.pipeline import summary_for

    return summary_for(ctx.services, _analysis(case, ctx))


def prepare_pipeline(ctx: TaskContext) -> None:
    ctx.services.translator  # noqa: B018 - built once, before threads share them
    ctx.services.language_detector  # noqa: B018
    prepare_intent(ctx)
    if "shop_id" in ctx.state:  # the shop's own ask-topic reader, before the cases (not on a background thread)
        from assist.analysis import shop_facts
        from assist.pipeline import Shop
        from assist.shop_readers import prepare

        shop = Shop(id=ctx.state["shop_id"], settings=_shop_settings(ctx), facts=ctx.state.get("facts"))
        prepare(ctx.services, shop_facts(ctx.services, shop))


TEXT_OF: dict[str, Callable[[Any], str]] = {
    "translate": lambda o: str((o or {}).get("text") or ""),
    "summarize": lambda o: str((o or {}).get("summary") or ""),
    "suggest": lambda o: "\n\n".join(s.get("text", "") for s in (o or {}).get("suggestions", [])),
}

for _task in (
    Task("intent", run_intent, prompt="intent", prepare=prepare_intent, text_of=lambda o: str((o or {}).get("intent"))),
    Task("language", run_language, text_of=lambda o: str((o or {}).get("language"))),
    Task(
        "translate",
        run_translate,
        setup=setup_shop_settings,
        prepare=prepare_translate,
        prompt="translate",
        text_of=TEXT_OF["translate"],
    ),
    Task("retrieve", run_retrieve, setup=setup_shop),
    Task("qa_check", run_qa_check, setup=setup_shop, prepare=prepare_quality, prompt="qa_judge"),
    Task("scorecard", run_scorecard, setup=setup_shop, prepare=prepare_quality),
    Task(
        "suggest", run_suggest, setup=setup_shop, prepare=prepare_pipeline, prompt="suggest", text_of=TEXT_OF["suggest"]
    ),
    Task(
        "summarize",
        run_summarize,
        setup=setup_shop,
        prepare=prepare_pipeline,
        prompt="summarize",
        text_of=TEXT_OF["summarize"],
    ),
):
    register_task(_task)

# Tasks and scorers for the fixture shops (examples/shops/): registered on import.
from evals import shops as _shops  # noqa: E402,F401
