"""Eval suites as YAML: what to run (task), on what (dataset + field mapping), how (engine, prompt
versions), how to judge (scorers, thresholds) and how to slice the figures.

A bad suite raises :class:`SuiteError` naming the key and the bad value; the CLI exits 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from assist.config import REPO_ROOT
from assist.errors import InvalidInput


class SuiteError(InvalidInput):
    """The suite file cannot be used; the message names the key and the bad value."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldSpec(_Strict):
    """A field read from a dataset row: a dotted path, optionally reduced over a list.

    ``{path: annotations, item: quality.A, reduce: mean}`` averages ``row.annotations[*].quality.A``.
    """

    path: str
    item: str | None = None
    reduce: Literal["mean", "median", "max", "min", "first", "list"] = "list"


class ConversationSpec(_Strict):
    """How to build a conversation from a row whose turns are not already ``{role, text}`` messages."""

    field: str = Field(description="Row field holding the turns (list) or the dialogue (text).")
    role: str = "role"
    text: str = "text"
    roles: dict[str, Literal["customer", "agent"]] = Field(default_factory=dict)
    line_pattern: str | None = Field(default=None, description=r"For text dialogues, e.g. '^#(\w+)#:\s*'.")


class DatasetSpec(_Strict):
    path: str
    format: Literal["jsonl", "csv", "json"] | None = None
    id: str | None = Field(default=None, description="Row field with the case id; default the row number.")
    fields: dict[str, str | FieldSpec] = Field(default_factory=dict)
    values: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Per-field value maps.")
    drop_unmapped: bool = Field(default=False, description="Skip rows whose value has no entry in `values`.")
    where: dict[str, list[Any]] = Field(default_factory=dict, description="Keep rows whose field is in the list.")
    conversation: ConversationSpec | None = None
    limit: int | None = Field(default=None, gt=0)
    per_label: int | None = Field(default=None, gt=0, description="At most this many cases per `label` value.")


class EngineSpec(_Strict):
    """The chat model a task (or the grader) uses. ``none``: the offline defaults, no LLM."""

    chat: Literal["none", "settings", "openai", "fake"] = "none"
    model: str | None = None
    base_url: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    responses: list[str] = Field(default_factory=list, description="Scripted answers for chat: fake.")


class ScorerSpec(_Strict):
    name: str
    params: dict[str, Any] = Field(default_factory=dict)


class Threshold(_Strict):
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _one(self) -> Threshold:
        if self.min is None and self.max is None:
            raise ValueError("a threshold needs min or max")
        return self


class Pricing(_Strict):
    input_per_1m: float = Field(default=0.0, ge=0)
    output_per_1m: float = Field(default=0.0, ge=0)


class Suite(_Strict):
    name: str
    description: str = ""
    task: str
    dataset: DatasetSpec
    engine: EngineSpec = Field(default_factory=EngineSpec)
    grader: EngineSpec = Field(default_factory=EngineSpec)
    prompt_versions: list[str] = Field(default_factory=lambda: ["v1"])
    scorers: list[ScorerSpec] = Field(min_length=1)
    thresholds: dict[str, Threshold] = Field(default_factory=dict)
    slices: list[str] = Field(default_factory=list)
    options: dict[str, Any] = Field(default_factory=dict, description="Task options (k, agent_language, ...).")
    pricing: Pricing = Field(default_factory=Pricing)
    repeat: int = Field(default=1, ge=1, le=50)
    seed: int = 0
    concurrency: int = Field(default=4, ge=1, le=64)
    retries: int = Field(default=2, ge=0, le=10)
    source: Path | None = None

    @field_validator("task")
    @classmethod
    def _known_task(cls, value: str) -> str:
        from evals.tasks import TASKS as registered

        if value not in registered:
            raise ValueError(f"unknown task; known tasks are {', '.join(sorted(registered))}")
        return value

    @field_validator("scorers", mode="before")
    @classmethod
    def _scorer_shorthand(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        out: list[Any] = []
        for item in value:
            if isinstance(item, str):
                out.append({"name": item})
            elif isinstance(item, dict) and "name" in item and "params" not in item:
                out.append({"name": item["name"], "params": {k: v for k, v in item.items() if k != "name"}})
            else:
                out.append(item)
        return out

    @field_validator("thresholds", mode="before")
    @classmethod
    def _threshold_shorthand(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: ({"min": v} if isinstance(v, int | float) and not isinstance(v, bool) else v)
                for k, v in value.items()
            }
        return value

    @field_validator("prompt_versions", mode="before")
    @classmethod
    def _versions(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def resolve_path(self, path: str) -> Path:
        """A dataset path: absolute, else relative to the suite file, else to the repository root."""
        candidate = Path(path).expanduser()
        if candidate.is_absolute():
            return candidate
        bases = ([self.source.parent] if self.source else []) + [REPO_ROOT, Path.cwd()]
        for base in bases:
            if (base / candidate).exists():
                return (base / candidate).resolve()
        tried = ", ".join(str(b / candidate) for b in bases)
        raise SuiteError(f"dataset.path {path!r} not found (tried {tried})")


def _describe(error: ErrorDetails) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    bad = error.get("input")
    if error["type"] == "extra_forbidden":
        return f"unknown key {key!r}"
    if error["type"] == "missing":
        return f"missing key {key!r}"
    shown = repr(bad) if not isinstance(bad, dict | list) or len(repr(bad)) < 80 else type(bad).__name__
    return f"key {key!r} has bad value {shown}: {error['msg']}"


def parse_suite(data: Any, source: Path | None = None) -> Suite:
    where = f"suite {source}" if source else "suite"
    if not isinstance(data, dict):
        raise SuiteError(f"{where}: the file must be a YAML mapping (name, task, dataset, scorers, ...)")
    try:
        return Suite.model_validate({**data, "source": source})
    except ValidationError as exc:
        problems = "; ".join(_describe(e) for e in exc.errors())
        raise SuiteError(f"{where}: {problems}") from None


def load_suite(path: str | Path) -> Suite:
    path = Path(path)
    if not path.is_file():
        raise SuiteError(f"suite file {str(path)!r} not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SuiteError(f"suite {path}: not valid YAML: {exc}") from None
    return parse_suite(data, path.resolve())
