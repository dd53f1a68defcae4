"""In-process latency of POST /v1/language and /v1/intent (FastAPI TestClient, real models).

    .venv/bin/python bench/latency_language_intent.py [--n 200]

Uses a temporary data dir and a fresh shop; the intent classifier (USE embeddings + char n-grams)
is trained once before timing. Prints p50/p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from assist.config import Settings  # noqa: E402
from assist.services import Services  # noqa: E402
from assist.store import shops  # noqa: E402

TEXTS = [
    "Where is my order NL-104233? It should have arrived by now.",
    "Das Paket kam kaputt an, die Tasse ist zerbrochen.",
    "注文をキャンセルしたいのですが",
    "退款什么时候能到账？",
    "Je voudrais retourner ce pull, il est trop grand.",
    "Meu cupom de desconto não está funcionando",
    "¿Me pueden mandar la factura?",
    "Mi hanno addebitato il pagamento due volte!!!",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="requests per endpoint")
    args = parser.parse_args()
    settings = Settings(data_dir=Path(tempfile.mkdtemp()), load_demo=False, rate_limit_per_minute=0)
    services = Services(settings)
    with services.db.session() as session:
        _, key = shops.create_shop(session, "bench")
    headers = {"Authorization": f"Bearer {key}"}
    start = time.perf_counter()
    services.intent_classifier(None)
    services.language_detector.detect("warm up")
    print(f"warm-up (train default taxonomy, load models): {time.perf_counter() - start:.1f} s\n")
    bodies = {
        "/v1/language": lambda i: {"text": TEXTS[i % len(TEXTS)]},
        "/v1/intent (text)": lambda i: {"text": TEXTS[i % len(TEXTS)]},
        "/v1/intent (conversation)": lambda i: {
            "conversation": {
                "messages": [
                    {"role": "customer", "text": "Hello"},
                    {"role": "agent", "text": "Hi, how can I help?"},
                    {"role": "customer", "text": TEXTS[i % len(TEXTS)]},
                ]
            }
        },
    }
    print("| endpoint | requests | p50 ms | p95 ms | mean ms |")
    print("|---|---|---|---|---|")
    with TestClient(create_app(services=services)) as client:
        for name, body in bodies.items():
            path = name.split(" ")[0]
            for i in range(5):
                client.post(path, json=body(i), headers=headers)
            times = []
            for i in range(args.n):
                t0 = time.perf_counter()
                response = client.post(path, json=body(i), headers=headers)
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, response.text
            print(
                f"| {name} | {args.n} | {percentile(times, 0.5):.1f} | {percentile(times, 0.95):.1f} | "
                f"{statistics.mean(times):.1f} |"
            )
    services.close()


if __name__ == "__main__":
    main()
