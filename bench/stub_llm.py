"""An OpenAI-compatible chat endpoint on 127.0.0.1 that answers instantly with valid JSON.

For benchmarks (the backend's own overhead, without model time) and tests::

    from bench.stub_llm import StubLLM, respond
    with StubLLM() as stub:                  # stub.base_url -> "http://127.0.0.1:PORT/v1"
        settings = Settings(llm_base_url=stub.base_url, llm_model="stub")

``respond(messages)`` recognises this project's prompts (suggest, summarize, translate, intent) and
answers each with a small grounded JSON object built from the prompt itself (order ids from ORDER
FACTS, the text between <text> tags...), so the backend's checks accept it. ``stream: true`` requests
get Server-Sent Events chunks like the real API. ``stub.requests`` counts requests; ``stub.delay_s``
adds latency to every answer (to simulate a model).
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def _between(text: str, tag: str) -> str:
    """The last ``<tag>...</tag>`` block (instructions may name the tag before the real block)."""
    found = re.findall(rf"<{tag}>\n\s*(.*?)\s*</{tag}>", text, re.DOTALL) or re.findall(
        rf"<{tag}>\s*(.*?)\s*</{tag}>", text, re.DOTALL
    )
    return found[-1] if found else ""


def _suggestions(prompt: str) -> dict[str, Any]:
    n = int(m.group(1)) if (m := re.search(r"Write (\d+) (?:different|reply)", prompt)) else 3
    order_id = m.group(1) if (m := re.search(r"order\.order_id: (\S+)", prompt)) else None
    about = f" about order {order_id}" if order_id else ""
    openings = ("Thank you for your message", "Thanks for getting in touch", "Thank you for your patience")
    items = []
    for i in range(n):
        text = f"Hello,\n\n{openings[i % len(openings)]}{about}. I am checking this for you now.\n\nBest regards"
        facts = [{"field": "order.order_id", "value": order_id}] if order_id else []
        items.append({"text": text, "citations": [], "facts": facts, "text_in_agent_language": text})
    return {"suggestions": items}


def respond(messages: list[dict[str, Any]] | list[Any]) -> str:
    """The JSON answer for a chat request (dicts with ``content``, or LangChain messages)."""
    parts = [m.get("content", "") if isinstance(m, dict) else getattr(m, "content", "") for m in messages]
    prompt = "\n".join(p if isinstance(p, str) else json.dumps(p) for p in parts)
    if "reply suggestions" in prompt or "draft short replies" in prompt:
        return json.dumps(_suggestions(prompt))
    if "You summarise a customer-service conversation" in prompt:
        # Grounded like a faithful model: the buyer's latest words, quoted from the conversation.
        lines = _between(prompt, "conversation").splitlines()
        asks = [ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("customer:")]
        ask = asks[-1] if asks else "An update on the order."
        return json.dumps(
            {"summary": ask, "customer_ask": ask, "actions_taken": [], "open_items": [ask]}, ensure_ascii=False
        )
    if "You are a professional translator" in prompt:
        return json.dumps({"translation": _between(prompt, "text")}, ensure_ascii=False)
    if "You classify messages" in prompt:
        return json.dumps({"intent": "other", "confidence": 0.5})
    return json.dumps({"answer": "ok"})


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence the default access log
        return

    def _json(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [{"id": "stub", "object": "model"}]})
        else:
            self._json(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.count()
        if self.server.delay_s:
            time.sleep(self.server.delay_s)
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(404, {"error": {"message": f"unknown path {self.path}"}})
            return
        content = respond(body.get("messages", []))
        model = body.get("model", "stub")
        if body.get("stream"):
            self._stream(content, model)
            return
        self._json(
            200,
            {
                "id": "chatcmpl-stub",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            },
        )

    def _stream(self, content: str, model: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        pieces = re.findall(r".{1,16}", content, re.DOTALL)
        for i, piece in enumerate([*pieces, None]):
            delta = {"content": piece} if piece is not None else {}
            if i == 0:
                delta["role"] = "assistant"
            chunk = {
                "id": "chatcmpl-stub",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": None if piece is not None else "stop"}],
            }
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests = 0
        self.delay_s = 0.0
        self._lock = threading.Lock()

    def count(self) -> None:
        with self._lock:
            self.requests += 1


class StubLLM:
    """Context manager running the stub in a background thread."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self._server = _Server()
        self._server.delay_s = delay_s
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def requests(self) -> int:
        return self._server.requests

    @property
    def delay_s(self) -> float:
        return self._server.delay_s

    @delay_s.setter
    def delay_s(self, value: float) -> None:
        self._server.delay_s = value

    def __enter__(self) -> StubLLM:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
