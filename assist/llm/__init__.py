"""Chat models behind LangChain's ``BaseChatModel`` interface: OpenAI-compatible, embedded local, fake.

``build_chat_model(settings)`` returns the configured model or ``None`` (no LLM: callers use their
offline template path). ``structured_call`` gets a validated pydantic object from any of them.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlparse

from pydantic import SecretStr

from assist.errors import ModelError
from assist.llm.fake import ScriptedChatModel
from assist.llm.structured import extract_json, structured_call, text_call

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from assist.config import Settings

__all__ = [
    "ScriptedChatModel",
    "build_chat_model",
    "engine_name",
    "extract_json",
    "structured_call",
    "text_call",
]

Role = Literal["assistant", "grader"]


def _endpoint(settings: Settings, role: Role) -> tuple[str | None, str | None, str | None]:
    if role == "grader":
        return (
            settings.grader_base_url or settings.llm_base_url,
            settings.grader_model or settings.llm_model,
            settings.grader_api_key or settings.llm_api_key,
        )
    return settings.llm_base_url, settings.llm_model, settings.llm_api_key


def _check_test_endpoint(settings: Settings, base_url: str) -> None:
    """In tests only loopback stubs are allowed: a real endpoint would make tests flaky and cost money."""
    if settings.environment != "test":
        return
    host = urlparse(base_url).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise ModelError(f"tests may only use a chat model on 127.0.0.1 (got {base_url}); use ScriptedChatModel")


def build_chat_model(settings: Settings, role: Role = "assistant") -> BaseChatModel | None:
    """The chat model the settings describe, or ``None`` when none is configured.

    ``ASSIST_LLM_BASE_URL`` + ``ASSIST_LLM_MODEL`` -> ``ChatOpenAI`` on that endpoint; else
    ``ASSIST_LLM_LOCAL=1`` -> the embedded local model (extra ``local``). The grader role uses the
    ``grader_*`` settings, falling back to the main ones. Nothing is read from ``OPENAI_*`` variables.
    """
    base_url, model, api_key = _endpoint(settings, role)
    if base_url and model:
        _check_test_endpoint(settings, base_url)
        from langchain_openai import ChatOpenAI

        from assist.llm.breaker import guard_chat_model

        client = ChatOpenAI(
            base_url=base_url,
            api_key=SecretStr(api_key or "unused"),  # servers such as vLLM or llama.cpp accept any key
            model=model,
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
        )
        # Hard deadline (retries included) + circuit breaker shared by all calls to this endpoint.
        return guard_chat_model(
            client,
            endpoint=f"{base_url}#{model}",
            timeout_s=settings.llm_timeout_s,
            failure_threshold=settings.llm_breaker_failures,
            cooldown_s=settings.llm_breaker_cooldown_s,
        )
    if settings.llm_local:
        from assist.llm.local import load_local_chat_model

        return load_local_chat_model(settings)
    return None


def engine_name(model: BaseChatModel | None) -> str:
    """``openai`` | ``local`` | ``fake`` (``none`` for no model): the ``engine`` field callers report."""
    if model is None:
        return "none"
    if isinstance(model, ScriptedChatModel) or "fake" in type(model).__name__.lower():
        return "fake"
    name = type(model).__name__
    if name == "ChatOpenAI" or name == "AzureChatOpenAI":
        return "openai"
    if name in {"ChatLlamaCpp", "LocalChatModel"}:
        return "local"
    return getattr(model, "engine", None) or "openai"
