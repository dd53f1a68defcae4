"""Browser pages served next to the API: the demo chat page, the QA review page, the side panel
opened as a plain page, and the extension's static files.

None of these pages holds data or an API key: they call the ``/v1`` API from the browser with the
key the user typed into Options (kept in the browser's storage).
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from api.deps import ShopDep
from assist.config import DEMO_SHOP_DIR, REPO_ROOT
from assist.errors import NotFound, ServiceUnavailable

EXTENSION_DIR = REPO_ROOT / "extension"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))

router = APIRouter(tags=["pages"])


@lru_cache(maxsize=4)
def _read_conversations(path: Path, mtime: float) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ServiceUnavailable(f"{path} line {number} is not valid JSON: {exc.msg}") from exc
    return rows


def demo_conversations(directory: Path | None = None) -> list[dict[str, Any]]:
    path = (directory or DEMO_SHOP_DIR) / "conversations.jsonl"
    if not path.exists():
        raise ServiceUnavailable(f"demo conversations are missing: expected {path}")
    return _read_conversations(path, path.stat().st_mtime)


def _shop_name(directory: Path | None = None) -> str:
    try:
        data = yaml.safe_load(((directory or DEMO_SHOP_DIR) / "shop.yaml").read_text(encoding="utf-8")) or {}
    except OSError:
        return "Demo shop"
    return str(data.get("display_name") or data.get("name") or "Demo shop")


def _when(value: str | None) -> str:
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).strftime("%d %b, %H:%M")
    except ValueError:
        return value


@router.get("/demo/chat", response_class=HTMLResponse, include_in_schema=False)
def demo_chat(request: Request, c: str | None = None, panel: bool = True) -> HTMLResponse:
    """A marketplace seller's inbox with one buyer conversation open (``?c=conv-003``)."""
    conversations = demo_conversations()
    if not conversations:
        raise ServiceUnavailable("the demo conversations file is empty")
    chosen = conversations[0] if c is None else next((x for x in conversations if x.get("id") == c), None)
    if chosen is None:
        known = ", ".join(str(x.get("id")) for x in conversations[:5])
        raise NotFound(f"demo conversation {c!r} not found; use one of the ids in conversations.jsonl ({known}, ...)")
    return TEMPLATES.TemplateResponse(
        request,
        "demo_chat.html",
        {
            "shop_name": _shop_name(),
            "conversations": conversations,
            "current": chosen,
            "when": _when,
            "show_panel": panel,
        },
    )


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_page(request: Request) -> HTMLResponse:
    """The QA reviewer's page (scorecards, evidence, overrides, agreement)."""
    return TEMPLATES.TemplateResponse(request, "review.html", {})


@router.get("/v1/me", tags=["admin"])
def whoami(shop: ShopDep) -> dict[str, str]:
    """The shop the API key belongs to (the extension's Options page tests the key with it)."""
    return {"shop": shop.name, "display_name": str(shop.settings.get("display_name") or shop.name)}


@router.get("/panel", include_in_schema=False)
def panel(request: Request) -> RedirectResponse:
    """The side panel as a plain page ("page mode"), for testing without installing the extension."""
    query = request.url.query
    return RedirectResponse("/extension/sidepanel.html" + (f"?{query}" if query else ""), status_code=307)


# Static files: the extension as-is (``/extension/sidepanel.html`` is the panel in page mode) and
# the review page's assets.
# check_dir=False: an installed wheel has no extension/ folder; the API must still start.
router.mount("/extension", StaticFiles(directory=str(EXTENSION_DIR), check_dir=False), name="extension")
router.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
