"""The two wrappers around a chat model (one queue for the embedded model; deadline + circuit breaker)
share their LangChain plumbing (assist/llm/delegating.py) but not how they run an async call."""

from __future__ import annotations

import operator
import threading
from functools import reduce
from typing import Any

import pytest
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from assist.llm.breaker import CircuitBreaker, Guard, GuardedChatModel
from assist.llm.delegating import DelegatingChatModel
from assist.llm.serial import ModelQueue, SerialChatModel

TOOL_CALL = {"name": "track_order", "args": {"order_id": "A-1001"}, "id": "call-1", "type": "tool_call"}


class ToolCaller(BaseChatModel):
    """Answers with a tool call; records whether it was called sync or async, and on which thread."""

    calls: list[tuple[str, str]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "tool-caller"

    def _answer(self, mode: str) -> ChatResult:
        self.calls.append((mode, threading.current_thread().name))
        message = AIMessage(content="looking it up", tool_calls=[TOOL_CALL])
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any) -> Any:
        return self._answer("sync")

    async def _agenerate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any
    ) -> Any:
        return self._answer("async")


def _serial(inner: ToolCaller) -> SerialChatModel:
    return SerialChatModel(inner=inner, queue=ModelQueue(5.0, name="serial-test"))


def _guarded(inner: ToolCaller) -> GuardedChatModel:
    return GuardedChatModel(inner=inner, guard=Guard(CircuitBreaker("delegating-test"), 5.0))


@pytest.mark.parametrize("wrap", [_serial, _guarded], ids=["serial", "guarded"])
@pytest.mark.asyncio
async def test_astream_keeps_the_inner_models_tool_calls(wrap):
    model = wrap(ToolCaller())
    assert isinstance(model, DelegatingChatModel) and model.engine == "openai"
    chunks = [chunk async for chunk in model.astream("where is my order?")]
    message = reduce(operator.add, chunks)  # LangChain may close the stream with an empty chunk
    assert message.content == "looking it up"
    assert [(c["name"], c["args"]) for c in message.tool_calls] == [("track_order", {"order_id": "A-1001"})]


# (mode, thread) of an ainvoke then an invoke: the queue runs both as sync calls on its one worker; the
# guard awaits the inner model's async call on the event loop and runs sync calls on its pool (deadline).
@pytest.mark.parametrize(
    ("wrap", "expected"),
    [
        (_serial, [("sync", "serial-test"), ("sync", "serial-test")]),
        (_guarded, [("async", "MainThread"), ("sync", "llm-call")]),
    ],
    ids=["serial", "guarded"],
)
@pytest.mark.asyncio
async def test_each_wrapper_runs_async_and_sync_calls_its_own_way(wrap, expected):
    inner = ToolCaller()
    model = wrap(inner)
    await model.ainvoke("hi")
    model.invoke("hi")
    assert [(mode, thread.split("_")[0]) for mode, thread in inner.calls] == expected
