"""Prompt templates as versioned data files: ``prompts/<task>/<version>.md``.

A file is YAML front matter followed by a Markdown body with a ``## system`` and a ``## user``
section. ``{name}`` is a variable (LangChain f-string syntax; write ``{{``/``}}`` for literal braces)::

    ---
    description: Translate buyer messages faithfully.
    variables: [text, source_language, target_language]
    params: {temperature: 0, max_tokens: 600}
    output_schema: TranslationOutput
    ---
    ## system
    You translate ...
    ## user
    <buyer_text>{text}</buyer_text>

``load_prompt(task)`` picks the active version from ``settings.prompt_versions`` (default ``v1``).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from langchain_core.messages import BaseMessage
from langchain_core.prompts import ChatPromptTemplate

from assist.config import PROMPTS_DIR
from assist.errors import InvalidInput

if TYPE_CHECKING:
    from assist.config import Settings

log = logging.getLogger("assist.prompts")

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.DOTALL)
_SECTION = re.compile(r"^##\s+(system|user|assistant)\s*$", re.MULTILINE | re.IGNORECASE)
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Prompt:
    task: str
    version: str
    path: Path
    description: str
    variables: tuple[str, ...]
    messages: tuple[tuple[str, str], ...]
    params: dict[str, Any] = field(default_factory=dict)
    schema_name: str | None = None
    sha256: str = ""

    @cached_property
    def chat_template(self) -> ChatPromptTemplate:
        role_map = {"system": "system", "user": "human", "assistant": "ai"}
        return ChatPromptTemplate.from_messages([(role_map[role], body) for role, body in self.messages])

    @property
    def used_variables(self) -> set[str]:
        return set(self.chat_template.input_variables)

    @property
    def id(self) -> str:
        return f"{self.task}/{self.version}"

    def render(self, **variables: Any) -> list[BaseMessage]:
        """The chat messages with every ``{variable}`` filled; InvalidInput names any missing one."""
        missing = sorted(name for name in self.used_variables if variables.get(name) is None)
        if missing:
            raise InvalidInput(f"prompt {self.id} needs variable(s) {', '.join(missing)}; pass them to render()")
        values = {name: str(variables[name]) for name in self.used_variables}
        messages = self.chat_template.format_messages(**values)
        if log.isEnabledFor(logging.DEBUG):
            log.debug("rendered prompt %s (sha256 %s):\n%s", self.id, self.sha256[:12], _as_text(messages))
        return messages


def _as_text(messages: list[BaseMessage]) -> str:
    return "\n".join(f"[{m.type}] {m.content}" for m in messages)


def parse_prompt(path: Path, task: str, version: str) -> Prompt:
    raw = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(raw)
    if not match:
        raise InvalidInput(f"{path}: a prompt file starts with YAML front matter between '---' lines")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{path}: front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise InvalidInput(f"{path}: front matter must be a mapping (description, variables, params, ...)")
    body = match.group(2)
    parts = _SECTION.split(body)
    messages = [(parts[i].lower(), parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]
    if not messages or not any(role == "user" for role, _ in messages):
        raise InvalidInput(f"{path}: the body needs a '## user' section (and usually a '## system' one)")
    variables = meta.get("variables") or []
    if not isinstance(variables, list) or not all(isinstance(v, str) and _NAME.match(v) for v in variables):
        raise InvalidInput(f"{path}: 'variables' must be a list of lowercase names, got {variables!r}")
    params = meta.get("params") or {}
    if not isinstance(params, dict):
        raise InvalidInput(f"{path}: 'params' must be a mapping such as {{temperature: 0, max_tokens: 400}}")
    return Prompt(
        task=task,
        version=version,
        path=path,
        description=str(meta.get("description", "")),
        variables=tuple(variables),
        messages=tuple(messages),
        params=params,
        schema_name=meta.get("output_schema"),
        sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
    )


_cache: dict[Path, tuple[float, Prompt]] = {}


def _prompts_dir(settings: Settings | None) -> Path:
    return Path(settings.prompts_dir) if settings is not None else PROMPTS_DIR


def load_prompt(task: str, version: str | None = None, settings: Settings | None = None) -> Prompt:
    """The prompt for ``task``: ``version``, else the configured one, else ``v1``."""
    if version is None:
        version = settings.prompt_versions.get(task, "v1") if settings is not None else "v1"
    root = _prompts_dir(settings)
    if not _NAME.match(task) or not re.match(r"^[A-Za-z0-9_.-]+$", version) or ".." in version:
        raise InvalidInput(f"bad prompt name {task!r}/{version!r}: use e.g. 'translate' and 'v1'")
    path = root / task / f"{version}.md"
    cached = _cache.get(path)
    # The shipped prompts are read once per process (no file system access on the request path); a
    # prompt engineer's own prompts directory is re-read when a file changes.
    if cached is not None and (root == PROMPTS_DIR or _mtime(path) == cached[0]):
        return cached[1]
    if not path.is_file():
        available = sorted(p.stem for p in (root / task).glob("*.md")) if (root / task).is_dir() else []
        hint = f"available versions: {', '.join(available)}" if available else f"no prompts for task {task!r}"
        raise InvalidInput(f"prompt {task}/{version} not found under {root} ({hint})")
    prompt = parse_prompt(path, task, version)
    _cache[path] = (_mtime(path), prompt)
    return prompt


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def list_prompts(settings: Settings | None = None) -> list[tuple[str, str]]:
    """Every ``(task, version)`` pair under the prompts directory."""
    root = _prompts_dir(settings)
    return sorted((p.parent.name, p.stem) for p in root.glob("*/*.md"))
