"""A chat model that passes every call on to an inner model through three hooks.

:class:`DelegatingChatModel` holds the LangChain plumbing shared by the wrappers around a chat model
(:class:`assist.llm.serial.SerialChatModel`, :class:`assist.llm.breaker.GuardedChatModel`): ``invoke``,
``ainvoke``, ``stream``, ``astream``, ``with_structured_output(...)`` and ``bind_tools(...)`` all reach
the inner model through the subclass's hooks:

- :meth:`~DelegatingChatModel.delegate_call` runs a sync call (``fn`` calls the inner runnable);
- :meth:`~DelegatingChatModel.delegate_acall` runs an async call of ``runnable`` with ``input``
  (a subclass chooses whether it awaits ``ainvoke`` or runs the sync ``invoke`` elsewhere);
- :meth:`~DelegatingChatModel.delegate_stream` runs a stream (``make`` starts it; a subclass may start
  it on another thread).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any, TypeVar

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import ConfigDict

T = TypeVar("T")


class DelegatingRunnable(Runnable[Any, Any]):
    """A runnable derived from a delegating model (structured output, bound tools), still through its hooks."""

    def __init__(self, bound: Runnable[Any, Any], model: DelegatingChatModel) -> None:
        self.bound = bound
        self.model = model

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return self.model.delegate_call(lambda: self.bound.invoke(input, config, **kwargs))

    async def ainvoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Any:
        return await self.model.delegate_acall(self.bound, input, config, **kwargs)


class DelegatingChatModel(BaseChatModel):
    """``inner`` with every call through the hooks; otherwise behaves like ``inner``."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    inner: BaseChatModel

    def delegate_call(self, fn: Callable[[], T]) -> T:
        raise NotImplementedError

    async def delegate_acall(
        self, runnable: Runnable[Any, Any], input: Any, config: RunnableConfig | None = None, **kwargs: Any
    ) -> Any:
        raise NotImplementedError

    def delegate_stream(self, make: Callable[[], Iterator[T]]) -> Iterator[T]:
        raise NotImplementedError

    @property
    def _llm_type(self) -> str:
        return self.inner._llm_type  # noqa: SLF001

    @property
    def engine(self) -> str:
        """The wrapped model's engine name (``assist.llm.engine_name`` reads it)."""
        from assist.llm import engine_name

        return engine_name(self.inner)

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = self.delegate_call(lambda: self.inner.invoke(messages, stop=stop, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=message)])

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = await self.delegate_acall(self.inner, messages, None, stop=stop, **kwargs)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for chunk in self.delegate_stream(lambda: self.inner.stream(messages, stop=stop, **kwargs)):
            if not isinstance(chunk, AIMessageChunk):
                chunk = AIMessageChunk(content=getattr(chunk, "content", chunk))
            if run_manager:
                run_manager.on_llm_new_token(str(chunk.content))
            yield ChatGenerationChunk(message=chunk)

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        result = await self._agenerate(messages, stop=stop, **kwargs)
        message = result.generations[0].message
        yield ChatGenerationChunk(
            message=AIMessageChunk(content=message.content, tool_calls=getattr(message, "tool_calls", []))
        )

    def bind_tools(
        self, tools: Sequence[Any], *, tool_choice: str | None = None, **kwargs: Any
    ) -> Runnable[Any, AIMessage]:
        return DelegatingRunnable(self.inner.bind_tools(tools, tool_choice=tool_choice, **kwargs), self)

    def with_structured_output(self, schema: Any, *, include_raw: bool = False, **kwargs: Any) -> Runnable[Any, Any]:
        structured = self.inner.with_structured_output(schema, include_raw=include_raw, **kwargs)
        return DelegatingRunnable(structured, self)
