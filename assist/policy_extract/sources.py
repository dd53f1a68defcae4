"""Policy documents as the chunks the extractor reads, with the ids the policy index gives them.

:func:`document_chunks` chunks a document exactly as ingest does (:func:`retrievers.chunking.chunk_document`)
and names each chunk with :func:`retrievers.policies.chunk_id`, so a fact's ``chunk_id`` is the passage id
that search returns and citations use. :func:`guidelines_markdown` turns agent guidelines kept as JSON
(flow > subflow > steps, the ABCD layout) into a Markdown outline the same chunker reads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assist.policy_extract.text import PolicyChunk
from retrievers.chunking import Document, chunk_document, load_document
from retrievers.policies import chunk_id


def document_chunks(
    shop_id: int, document: Document, source: str, language: str | None, max_chars: int | None = None
) -> list[PolicyChunk]:
    chunks = chunk_document(document, max_chars) if max_chars else chunk_document(document)
    return [
        PolicyChunk(chunk_id(shop_id, source, c), c.body, c.section, language or document.language, source)
        for c in chunks
    ]


def guidelines_markdown(data: dict[str, Any]) -> str:
    """``{flow: {description, subflows: {name: {instructions: [...], actions: [{text, subtext: [...]}]}}}}``."""
    lines: list[str] = []
    for flow, spec in data.items():
        lines += [f"# {flow}", ""]
        for name, sub in (spec.get("subflows") or {}).items():
            lines += [f"## {name}", ""]
            for text in sub.get("instructions", []):
                lines += [str(text).strip(), ""]
            for action in sub.get("actions", []):
                if str(action.get("text", "")).strip():
                    lines += [str(action["text"]).strip(), ""]
                for sub_text in action.get("subtext", []):
                    lines += [f"- {str(sub_text).strip()}"]
                lines.append("")
    return "\n".join(lines)


def load_policy(path: Path) -> Document:
    """A policy file as a document; ``*.json`` guidelines become a Markdown outline first."""
    if path.suffix.lower() == ".json":
        text = guidelines_markdown(json.loads(path.read_text(encoding="utf-8")))
        return load_document(path.with_suffix(".md"), text=text, kind="markdown")
    return load_document(path)
