"""The chat models a run uses: the model under test (role ``assistant``) and the grader (role
``grader``), built by ``assist.llm.build_chat_model`` from the settings the suite names, or scripted.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

from assist.config import Settings
from evals.cache import sha256_text, stable_json
from evals.suite import EngineSpec, SuiteError


def _cycle(responses: list[str]) -> Any:
    lock = threading.Lock()
    items = itertools.cycle(responses)

    def answer(messages: Any) -> str:
        with lock:
            return next(items)

    return answer


def _apply_params(model: Any, params: dict[str, Any]) -> Any:
    """Set generation parameters (temperature, top_p, ...) on the innermost model that has them."""
    if not params:
        return model
    inner = getattr(model, "inner", None)
    if inner is not None:
        return model.model_copy(update={"inner": _apply_params(inner, params)})
    fields = type(model).model_fields
    unknown = sorted(set(params) - set(fields))
    if unknown:
        raise SuiteError(f"engine.params: {type(model).__name__} has no parameter(s) {', '.join(unknown)}")
    return model.model_copy(update=params)


def build_engine(spec: EngineSpec, settings: Settings, role: str, key: str = "engine") -> tuple[Any, dict[str, Any]]:
    """``(model or None, identity)``; the identity (engine, model, base URL, params) goes into cache keys."""
    if spec.chat == "none":
        return None, {"chat": "none"}
    if spec.chat == "fake":
        from assist.llm.fake import ScriptedChatModel

        if not spec.responses:
            raise SuiteError(f"{key}.responses: chat 'fake' needs at least one scripted response")
        fake = ScriptedChatModel(default=_cycle(spec.responses))
        return fake, {"chat": "fake", "responses": sha256_text(stable_json(spec.responses))}
    from assist.llm import build_chat_model

    prefix = "grader_" if role == "grader" else "llm_"
    update = {f"{prefix}model": spec.model} if spec.model else {}
    if spec.base_url:
        update[f"{prefix}base_url"] = spec.base_url
    if spec.chat == "openai" and not (spec.base_url or getattr(settings, f"{prefix}base_url")):
        raise SuiteError(f"{key}.base_url: chat 'openai' needs base_url (or ASSIST_{prefix.upper()}BASE_URL)")
    effective = settings.model_copy(update=update)
    model = build_chat_model(effective, role="grader" if role == "grader" else "assistant")
    if model is None:
        raise SuiteError(
            f"{key}.chat: {spec.chat!r} but no {role} model is configured: set {key}.model and "
            f"{key}.base_url in the suite, or ASSIST_LLM_BASE_URL and ASSIST_LLM_MODEL"
        )
    model = _apply_params(model, spec.params)
    base_url = getattr(effective, f"{prefix}base_url") or effective.llm_base_url
    name = getattr(effective, f"{prefix}model") or effective.llm_model or "local"
    return model, {"chat": spec.chat, "model": name, "base_url": base_url, "params": spec.params}
