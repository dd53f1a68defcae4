"""Browser pages served next to the API: the demo chat page, the QA review page, the side panel
opened as a plain page, and the extension's static files.

None of these pages holds data or an API key: they call the ``/v1`` API from the browser with the
key kept in the browser's storage, typed into Options or obtained once through ``/start`` (the
one-time sign-in link ``assist serve`` prints for the demo shop, redeemed at ``/v1/demo/session``).
The resource folders come from the settings (``ASSIST_EXTENSION_DIR``, ``ASSIST_DEMO_SHOP_DIR``).
"""

from __future__ import annotations

import ipaddress
import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from api.deps import ServicesDep, ShopDep
from assist.demo import redeem_login_token
from assist.errors import NotFound, ServiceUnavailable

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


def demo_conversations(directory: Path) -> list[dict[str, Any]]:
    path = directory / "conversations.jsonl"
    if not path.exists():
        raise ServiceUnavailable(f"demo conversations are missing: expected {path} (set ASSIST_DEMO_SHOP_DIR)")
    return _read_conversations(path, path.stat().st_mtime)


def _shop_name(directory: Path) -> str:
    try:
        data = yaml.safe_load((directory / "shop.yaml").read_text(encoding="utf-8")) or {}
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
def demo_chat(request: Request, services: ServicesDep, c: str | None = None, panel: bool = True) -> HTMLResponse:
    """A marketplace seller's inbox with one buyer conversation open (``?c=conv-003``)."""
    directory = services.settings.demo_shop_dir
    conversations = demo_conversations(directory)
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
            "shop_name": _shop_name(directory),
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


@router.get("/start", response_class=HTMLResponse, include_in_schema=False)
def start_page(request: Request) -> HTMLResponse:
    """The first-run page behind the link ``assist serve`` prints (``/start#token=…``): it trades the
    one-time token in the fragment (never sent to the server, so never in a log) for the demo key."""
    return TEMPLATES.TemplateResponse(request, "start.html", {})


class DemoSessionRequest(BaseModel):
    token: str = Field(min_length=1, max_length=200, description="The one-time token from the printed link.")


@router.post("/v1/demo/session", tags=["admin"])
def demo_session(body: DemoSessionRequest, request: Request, services: ServicesDep) -> dict[str, str]:
    """Trade the one-time sign-in token printed by ``assist serve`` for the demo shop's API key.
    Only from a loopback address, only for the demo shop; each token works once, for a few minutes."""
    client = request.client.host if request.client else ""
    host = (request.url.hostname or "").strip("[]")
    if not (_is_loopback(client) and _is_loopback(host)):
        raise HTTPException(
            status_code=403,
            detail="the demo sign-in link only works on this machine (http://127.0.0.1): open it there, or paste "
            "the demo shop's API key into Options",
        )
    key = redeem_login_token(services, body.token)
    return {"key": key, "shop": "demo"}


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@router.get("/extension/{path:path}", include_in_schema=False)
def extension_file(path: str, services: ServicesDep) -> FileResponse:
    """The extension's files as-is (``/extension/sidepanel.html`` is the panel in page mode)."""
    root = services.settings.extension_dir.resolve()
    if not root.is_dir():
        raise ServiceUnavailable(f"the sidebar files are not at {root}: set ASSIST_EXTENSION_DIR to their folder")
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise NotFound(f"/extension/{path} does not exist")
    return FileResponse(target)


# The review page's and the start page's assets.
router.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
