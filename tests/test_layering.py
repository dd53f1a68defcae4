"""retrievers/ is a layer below the tasks: it imports no task module from assist/, and it uses the
language detector that Services gives it (so a fake reaches the index, and no second model loads)."""

from __future__ import annotations

import ast
from pathlib import Path

from assist.language import FakeDetector
from assist.services import Services
from retrievers.embeddings import FakeEmbedder

RETRIEVERS = Path(__file__).resolve().parent.parent / "retrievers"
# What retrievers/ may import from assist/: data models, settings, errors, storage, shared protocols.
ALLOWED = {"assist.config", "assist.errors", "assist.models", "assist.store", "assist.detection"}


def _assist_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found |= {n for n in names if n == "assist" or n.startswith("assist.")}
    return found


def test_retrievers_import_no_task_module():
    offenders = {}
    for path in sorted(RETRIEVERS.glob("*.py")):
        bad = {
            name
            for name in _assist_imports(path)
            if not any(name == ok or name.startswith(ok + ".") for ok in ALLOWED)
            and not any(ok.startswith(name + ".") or ok == name for ok in ALLOWED)
        }
        if bad:
            offenders[path.name] = sorted(bad)
    assert not offenders, f"retrievers/ imports task modules: {offenders}"


def test_the_services_detector_reaches_the_policy_index(settings, tmp_path):
    detector = FakeDetector(default="it")
    services = Services(settings, embedder=FakeEmbedder(), language_detector=detector)
    try:
        policy = tmp_path / "resi.md"
        policy.write_text("# Resi\n\nPuoi restituire gli articoli entro 30 giorni dalla consegna.\n", encoding="utf-8")
        result = services.policy_index.ingest_file(1, policy)
        assert result.language == "it"  # the fake's answer, not a model's
        assert detector.calls, "the index never asked the injected detector"
        assert services.policy_index.language_detector is detector
    finally:
        services.close()
