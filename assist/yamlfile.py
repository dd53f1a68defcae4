"""Reading user-supplied YAML files (taxonomies, scorecards, shop settings) with errors that say what to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from assist.errors import InvalidInput


def read_yaml_file(path: Path, what: str) -> Any:
    """The parsed content of ``path``; InvalidInput naming ``what`` and the file when it is missing or invalid."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InvalidInput(f"{what} file {path} not found") from exc
    except OSError as exc:
        raise InvalidInput(f"cannot read {what} file {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{what} file {path} is not valid YAML: {exc}") from exc
