"""Calling a chat model with a prompt file and getting a validated pydantic object back.

Every engine is asked for a JSON object in plain text (the prompt says so) and the answer is parsed
here, so the remote, local and fake models behave the same way. Invalid output is retried once with
the validation error shown to the model; then :class:`ModelError`.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from pydantic import BaseModel, ValidationError

from assist.errors import AssistError, ModelError
from assist.prompts import Prompt, load_prompt

log = logging.getLogger("assist.llm")

T = TypeVar("T", bound=BaseModel)

_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)
_CALL_PARAMS = ("temperature", "max_tokens")


def extract_json(text: str) -> Any:
    """The first JSON object in ``text`` (inside a ```json fence or bare); ValueError when none."""
    candidates = [m.group(1) for m in _FENCE.finditer(text)] + [text]
    decoder = json.JSONDecoder()
    for candidate in candidates:
        for start in (i for i, ch in enumerate(candidate) if ch == "{"):
            try:
                value, _ = decoder.raw_decode(candidate, start)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                return value
    raise ValueError("the answer contains no JSON object")


def _invoke(model: BaseChatModel, messages: list[BaseMessage], params: dict[str, Any]) -> str:
    try:
        answer = model.invoke(messages, **params)
    except AssistError:
        raise
    except Exception as exc:  # timeouts, HTTP errors, local runtime errors: all are model failures
        raise ModelError(f"the chat model failed: {type(exc).__name__}: {exc}") from exc
    content = answer.content
    if isinstance(content, list):  # content blocks
        content = "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return str(content)


def call_params(prompt: Prompt) -> dict[str, Any]:
    return {k: prompt.params[k] for k in _CALL_PARAMS if k in prompt.params}


def text_call(model: BaseChatModel, prompt: Prompt, variables: dict[str, Any]) -> str:
    """Free-text answer for ``prompt`` rendered with ``variables``."""
    return _invoke(model, prompt.render(**variables), call_params(prompt)).strip()


def structured_call(model: BaseChatModel, prompt: Prompt, variables: dict[str, Any], schema: type[T]) -> T:
    """Render, invoke, parse the JSON answer into ``schema``; one retry on invalid output."""
    messages = prompt.render(**variables)
    params = call_params(prompt)
    error = ""
    for attempt in (1, 2):
        text = _invoke(model, messages, params)
        try:
            return schema.model_validate(extract_json(text))
        except (ValueError, ValidationError) as exc:
            error = (
                str(exc).splitlines()[0]
                if isinstance(exc, ValueError) and not isinstance(exc, ValidationError)
                else str(exc)
            )
            log.info("prompt %s: invalid output on attempt %d: %s", prompt.id, attempt, error)
            repair = load_prompt("repair", "v1").render(error=error, schema=_schema_hint(schema))
            messages = [*messages, AIMessage(content=text), *repair]
    raise ModelError(f"the chat model's answer to prompt {prompt.id} did not validate after a retry: {error}")


def _schema_hint(schema: type[BaseModel]) -> str:
    return json.dumps(schema.model_json_schema().get("properties", {}), ensure_ascii=False)
