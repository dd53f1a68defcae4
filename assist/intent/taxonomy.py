"""A shop's intent taxonomy: validation, the packaged default, and examples learned from reviewers.

A shop stores its taxonomy in ``settings["taxonomy"]``; reviewers' corrections of a conversation's
intent (the QA review page) are stored in ``settings["intent_examples"]`` and join the named intent's
examples, so the classifier learns them at its next training.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from assist.errors import InvalidInput

OTHER = "other"
LEARNED_KEY = "intent_examples"
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class IntentSpec(BaseModel):
    name: str
    description: str = Field(min_length=1)
    examples: list[str] = Field(min_length=3)


class Taxonomy(BaseModel):
    intents: list[IntentSpec] = Field(min_length=2)
    threshold: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Out-of-scope cut on the in-scope probability; unset: chosen from the examples at training.",
    )
    fallback: str = Field(default=OTHER, description="The answer for a message that fits no intent.")

    @property
    def names(self) -> list[str]:
        return [i.name for i in self.intents]

    @cached_property
    def hash(self) -> str:
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]


def parse_taxonomy(data: Any, source: str = "taxonomy") -> Taxonomy:
    """A validated taxonomy; InvalidInput names the intent and the field that is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("intents"), list):
        raise InvalidInput(f"{source}: expected a mapping with 'intents: [{{name, description, examples}}]'")
    seen: set[str] = set()
    for index, item in enumerate(data["intents"], start=1):
        label = f"{source}: intent #{index}"
        if not isinstance(item, dict):
            raise InvalidInput(f"{label} must be a mapping with name, description, examples")
        name = item.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            raise InvalidInput(f"{label}: 'name' must be a lowercase identifier like 'track_order', got {name!r}")
        label = f"{source}: intent {name!r}"
        if name in seen:
            raise InvalidInput(f"{label} appears twice; intent names must be unique")
        seen.add(name)
        if not isinstance(item.get("description"), str) or not item["description"].strip():
            raise InvalidInput(f"{label}: 'description' must be a non-empty text saying when the intent applies")
        examples = item.get("examples")
        if not isinstance(examples, list) or not all(isinstance(e, str) and e.strip() for e in examples):
            raise InvalidInput(f"{label}: 'examples' must be a list of non-empty texts")
        if len(examples) < 3:
            raise InvalidInput(f"{label}: 'examples' needs at least 3 texts (has {len(examples)}); 10-30 work best")
    fallback = data.get("fallback", OTHER)
    if not isinstance(fallback, str) or not _NAME.match(fallback):
        raise InvalidInput(f"{source}: 'fallback' must be a lowercase identifier like 'other', got {fallback!r}")
    try:
        return Taxonomy.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"{source}: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from exc


def load_taxonomy_file(path: Path) -> Taxonomy:
    from assist.yamlfile import read_yaml_file

    return parse_taxonomy(read_yaml_file(path, "taxonomy"), source=str(path))


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The packaged default (parsed once; treat it as read-only)."""
    text = resources.files("assist.resources").joinpath("taxonomy.yaml").read_text(encoding="utf-8")
    return parse_taxonomy(yaml.safe_load(text), source="default taxonomy")


@lru_cache(maxsize=128)
def _parse_stored(stored_json: str, learned_json: str) -> Taxonomy:
    stored = json.loads(stored_json)
    taxonomy = parse_taxonomy(stored, source="shop taxonomy") if stored else default_taxonomy()
    return with_learned_examples(taxonomy, json.loads(learned_json))


def shop_taxonomy(shop_settings: dict[str, Any] | None) -> Taxonomy:
    """The shop's own taxonomy (``settings["taxonomy"]``) or the default, plus the examples reviewers
    taught it; parsed once per content."""
    settings = shop_settings or {}
    stored = settings.get("taxonomy") or {}
    learned = settings.get(LEARNED_KEY) or []
    return _parse_stored(
        json.dumps(stored, sort_keys=True, ensure_ascii=False), json.dumps(learned, sort_keys=True, ensure_ascii=False)
    )


def with_learned_examples(taxonomy: Taxonomy, learned: list[dict[str, Any]]) -> Taxonomy:
    """The taxonomy with each learned ``{intent, text}`` added to its intent's examples (intents the
    taxonomy no longer has are skipped; the stored examples are kept for when they come back)."""
    extra: dict[str, list[str]] = {}
    for item in learned:
        if item.get("intent") in taxonomy.names and str(item.get("text", "")).strip():
            extra.setdefault(item["intent"], []).append(item["text"])
    if not extra:
        return taxonomy
    data = taxonomy.model_dump()
    for intent in data["intents"]:
        intent["examples"] += extra.get(intent["name"], [])
    return Taxonomy.model_validate(data)  # a new object: its hash covers the learned examples
