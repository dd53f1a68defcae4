"""An OpenAI-compatible chat endpoint on 127.0.0.1 that misbehaves on command (tests and bench/faults.py).

    with StubLLM() as stub:          # stub.base_url -> "http://127.0.0.1:PORT/v1"
        stub.mode = "slow"           # ok | slow | 500 | malformed | invalid_schema | reset
        stub.delay_s = 5

``refuse`` closes the listening socket (connections are refused) until another mode is set; for a
port where nothing ever listens use :func:`closed_port_url`.

In ``ok`` mode the answer is ``stub.responder(body)`` when set (see :func:`task_responder`), else
``stub.content``, else a minimal valid instance of the JSON schema the request asked for
(``response_format`` json_schema, or the first tool's parameters), else a short reply text.
``stub.requests`` records every request body.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODES = ("ok", "slow", "500", "malformed", "invalid_schema", "reset", "refuse")


def closed_port_url() -> str:
    """A base URL on loopback where nothing listens (connections are refused)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/v1"


def example_for(schema: dict[str, Any], defs: dict[str, Any] | None = None, text: str = "ok") -> Any:
    """A minimal instance that validates against ``schema`` (the subset pydantic emits)."""
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        return example_for(defs[schema["$ref"].split("/")[-1]], defs, text)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return example_for(options[0], defs, text)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema and schema.get("type") != "object":
        return schema["default"]
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if kind == "object":
        props = schema.get("properties", {})
        return {name: example_for(sub, defs, text) for name, sub in props.items()}
    if kind == "array":
        count = max(1, schema.get("minItems", 1))
        return [example_for(schema.get("items", {}), defs, text) for _ in range(count)]
    if kind == "string":
        return text
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return max(0.5, schema.get("minimum", 0.5)) if schema.get("maximum", 1) >= 0.5 else schema["maximum"]
    if kind == "boolean":
        return True
    return None


REPLIES = {
    "de": "Guten Tag, vielen Dank für Ihre Nachricht. Wir prüfen Ihr Anliegen und melden uns so bald "
    "wie möglich bei Ihnen. Mit freundlichen Grüßen",
    "en": "Hello, thank you for your message. We are checking this and will get back to you as soon "
    "as possible. Kind regards",
    "ja": "お問い合わせいただきありがとうございます。確認のうえ、できるだけ早くご連絡いたします。"
    "よろしくお願いいたします。",
    "zh": "您好，感谢您的留言。我们正在核实，会尽快回复您。祝好",
}


def task_responder(body: dict[str, Any]) -> str:
    """Plausible, valid answers to assist's prompts (suggest, summarize, translate, intent), told apart
    by their system message: a healthy, instant LLM for baselines and benchmarks."""
    import re

    messages = body.get("messages") or [{}]
    system = str(messages[0].get("content", ""))
    if system.startswith("You write reply suggestions"):
        found = re.search(r'buyer\'s language "([a-z]{2})"', system)
        reply = REPLIES.get(found.group(1) if found else "en", REPLIES["en"])
        return json.dumps(
            {"suggestions": [{"text": reply, "citations": [], "facts": [], "text_in_agent_language": REPLIES["en"]}]},
            ensure_ascii=False,
        )
    if system.startswith("You summarise"):
        return json.dumps(
            {
                # grounded in the demo's conv-001 (German), as the claim check demands
                "summary": 'The buyer asks about NL-106283: DHL shows "in Bearbeitung im Start-Paketzentrum".',
                "customer_ask": "Where is the order?",
                "actions_taken": [],
                "open_items": ["Check the order status"],
            }
        )
    if system.startswith("You are a professional translator"):
        return json.dumps({"translation": "Hello, where is my parcel?"})
    if system.startswith("You classify"):
        return json.dumps({"intent": "track_order", "confidence": 0.9})
    return REPLIES["en"]


class StubLLM:
    def __init__(self, mode: str = "ok", delay_s: float = 3.0, content: str | None = None) -> None:
        self._mode = mode
        self.delay_s = delay_s
        self.content = content
        self.responder: Callable[[dict[str, Any]], str] | None = None
        self.reply_text = "Thank you for your message. We are looking into it."
        self.requests: list[dict[str, Any]] = []
        self._port = 0
        self._server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/v1"

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, value: str) -> None:
        if value not in MODES:
            raise ValueError(f"unknown mode {value!r}; use one of {MODES}")
        self._mode = value
        if value == "refuse":
            self._stop()
        elif self._port and self._server is None:
            self._start()

    def _start(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), self._handler())  # reuses the port
        self._server.daemon_threads = True
        self._port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def _stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> StubLLM:
        self._start()
        if self._mode == "refuse":
            self._stop()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stop()

    # --- answers ---------------------------------------------------------------------------

    def _ok_message(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.responder is not None:
            return {"role": "assistant", "content": self.responder(body)}
        fmt = body.get("response_format") or {}
        tools = body.get("tools") or []
        if tools:
            function = tools[0].get("function", {})
            args = self.content or json.dumps(example_for(function.get("parameters", {})))
            return {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": function.get("name"), "arguments": args},
                    }
                ],
            }
        if fmt.get("type") == "json_schema" and self.content is None:
            schema = fmt.get("json_schema", {}).get("schema", {})
            return {"role": "assistant", "content": json.dumps(example_for(schema))}
        if fmt.get("type") == "json_object" and self.content is None:
            return {"role": "assistant", "content": "{}"}
        return {"role": "assistant", "content": self.content if self.content is not None else self.reply_text}

    def _invalid_message(self, body: dict[str, Any]) -> dict[str, Any]:
        tools = body.get("tools") or []
        if tools:
            name = tools[0].get("function", {}).get("name")
            return {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": name, "arguments": '{"nonsense": 1}'},
                    }
                ],
            }
        if body.get("response_format"):
            return {"role": "assistant", "content": '{"nonsense": 1}'}
        return {"role": "assistant", "content": ""}

    @staticmethod
    def completion(message: dict[str, Any], model: str) -> dict[str, Any]:
        return {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {"index": 0, "message": message, "finish_reason": "tool_calls" if message.get("tool_calls") else "stop"}
            ],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, payload: bytes, content_type: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("Connection", "close")  # no keep-alive: "refuse" must refuse at once
                self.close_connection = True
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeouts)
                    self.close_connection = True

            def do_GET(self) -> None:  # noqa: N802  (/v1/models, used by health checks)
                self._send(200, json.dumps({"object": "list", "data": [{"id": "stub", "object": "model"}]}).encode())

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b"{}"
                try:
                    body = json.loads(raw)
                except json.JSONDecodeError:
                    body = {}
                stub.requests.append(body)
                mode = stub.mode
                if mode == "slow":
                    time.sleep(stub.delay_s)
                    mode = "ok"
                if mode == "reset":
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if mode == "500":
                    self._send(500, b'{"error": {"message": "stub: internal error", "type": "server_error"}}')
                    return
                if mode == "malformed":
                    self._send(200, b'{"id": "chatcmpl-stub", "choices": [{"message": {"content": "trunc')
                    return
                model = body.get("model", "stub")
                message = stub._invalid_message(body) if mode == "invalid_schema" else stub._ok_message(body)
                if body.get("stream"):
                    self._stream(message, model)
                    return
                self._send(200, json.dumps(StubLLM.completion(message, model)).encode())

            def _stream(self, message: dict[str, Any], model: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                delta = dict(message)
                for i, call in enumerate(delta.get("tool_calls") or []):
                    call["index"] = i
                chunk = {
                    "id": "chatcmpl-stub",
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
                }
                end = {**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                for part in (chunk, end):
                    self.wfile.write(f"data: {json.dumps(part)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                self.close_connection = True

        return Handler
