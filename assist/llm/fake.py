"""A scripted chat model for tests and demos: queued answers, every call recorded.

    model = ScriptedChatModel(responses=['{"intent": "track_order", "confidence": 0.9}'])
    model.invoke("hello").content   # -> the queued text
    model.history[-1]                # -> the messages it was sent

A queued item may be a string, a callable ``(messages) -> str``, or an exception instance (raised,
to simulate a failing or timing-out endpoint). With nothing queued, ``default`` answers; without a
default the call fails with a clear error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import BaseModel, Field

from assist.errors import ModelError

Response = str | Callable[[list[BaseMessage]], str] | BaseException


class ScriptedChatModel(BaseChatModel):
    responses: list[Any] = Field(default_factory=list)
    default: Any = None
    history: list[list[BaseMessage]] = Field(default_factory=list)
    call_kwargs: list[dict[str, Any]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-fake"

    def enqueue(self, *responses: Response) -> ScriptedChatModel:
        self.responses.extend(responses)
        return self

    def _next_text(self, messages: list[BaseMessage], kwargs: dict[str, Any]) -> str:
        self.history.append(list(messages))
        self.call_kwargs.append({k: v for k, v in kwargs.items() if k != "run_manager"})
        item = self.responses.pop(0) if self.responses else self.default
        if item is None:
            raise ModelError("ScriptedChatModel has no queued response left; enqueue() one or set default=")
        if isinstance(item, BaseException):
            raise item
        text = item(list(messages)) if callable(item) else item
        return str(text)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = self._next_text(messages, kwargs)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        text = self._next_text(messages, kwargs)
        for token in re.findall(r"\S+\s*|\s+", text):
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=token))
            if run_manager:
                run_manager.on_llm_new_token(token, chunk=chunk)
            yield chunk

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable:  # pragma: no cover - not used
        raise NotImplementedError("ScriptedChatModel answers with JSON text; use assist.llm.structured_call")

    def with_structured_output(self, schema: Any, **kwargs: Any) -> Runnable:  # type: ignore[override]
        """Parse the answer's JSON text into ``schema`` (a pydantic model) or a dict."""
        from assist.llm.structured import extract_json

        def parse(message: BaseMessage) -> Any:
            data = extract_json(str(message.content))
            if isinstance(schema, type) and issubclass(schema, BaseModel):
                return schema.model_validate(data)
            return json.loads(json.dumps(data))

        return self | RunnableLambda(parse)
