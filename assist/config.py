"""One Settings object for the whole service, read from ``ASSIST_*`` environment variables.

Build it with :func:`get_settings` (never at import time). Tests pass values directly:
``Settings(data_dir=tmp_path)``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
# In a source checkout this is the repository; in an installed wheel it is site-packages.
REPO_ROOT = PACKAGE_DIR.parent
# A built wheel carries prompts/, extension/ and examples/demo-shop/ here (see setup.py).
BUNDLED_DIR = PACKAGE_DIR / "bundled"


def resource_dir(name: str, checkout_path: str) -> Path:
    """A runtime resource folder: the copy shipped inside the package, else the source checkout's."""
    bundled = BUNDLED_DIR / name
    return bundled if bundled.is_dir() else REPO_ROOT / checkout_path


PROMPTS_DIR = resource_dir("prompts", "prompts")
DEMO_SHOP_DIR = resource_dir("demo-shop", "examples/demo-shop")
EXTENSION_DIR = resource_dir("extension", "extension")
# Public datasets for measuring (never copied into the repository): ../shared/data next to the checkout.
SHARED_DATA_DIR = REPO_ROOT.parent / "shared" / "data"


def require_dir(path: Path, setting: str, what: str) -> Path:
    """``path`` if it is a folder, else a :class:`~assist.errors.InvalidInput` naming the setting to fix."""
    from assist.errors import InvalidInput

    if not path.is_dir():
        raise InvalidInput(f"{what} not found at {path}: set {setting} to the folder that holds them")
    return path


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSIST_", extra="ignore")

    environment: Literal["development", "production", "test"] = "development"
    data_dir: Path = Field(default=Path(".assist"), description="Everything the service stores.")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite in data_dir.")

    # Chroma: embedded PersistentClient in data_dir unless a host is set (then HttpClient).
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_collection: str = "policies"

    # LLM: unset base URL and model mean "no remote LLM".
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_model: str | None = None
    llm_timeout_s: float = Field(default=20.0, gt=0)
    llm_max_retries: int = Field(default=1, ge=0)
    llm_breaker_failures: int = Field(default=3, ge=1, description="Consecutive failures that open the circuit.")
    llm_breaker_cooldown_s: float = Field(default=30.0, gt=0, description="How long an open circuit skips the LLM.")
    llm_local: bool = Field(default=False, description="Use the embedded local model (extra 'local').")
    llm_context_tokens: int = Field(default=8192, gt=256)
    grader_base_url: str | None = None
    grader_api_key: str | None = None
    grader_model: str | None = None

    # Prompt versions per task, e.g. ASSIST_PROMPT_VERSIONS='{"suggest": "v2"}'.
    prompt_versions: dict[str, str] = Field(default_factory=dict)
    prompts_dir: Path = Field(default=PROMPTS_DIR, description="Prompt files, prompts/<task>/<version>.md.")
    # Runtime resources; the defaults are the copies shipped in the package (or the checkout's).
    demo_shop_dir: Path = Field(default=DEMO_SHOP_DIR, description="The demo shop (policies, orders, chats).")
    extension_dir: Path = Field(default=EXTENSION_DIR, description="The sidebar's files, served at /extension.")
    shared_data_dir: Path = Field(default=SHARED_DATA_DIR, description="Public datasets for benches and training.")

    # HTTP limits.
    max_body_bytes: int = Field(default=256 * 1024, gt=0)
    max_messages: int = Field(default=200, gt=0)
    max_message_chars: int = Field(default=8000, gt=0)
    translate_deadline_s: float = Field(
        default=15.0, gt=0, description="One translation's deadline; past it the answer is the gist, degraded."
    )
    rate_limit_per_minute: int = Field(default=600, ge=0, description="Requests per key per minute; 0 = off.")
    reading_aid_languages: list[str] | None = Field(
        default=None,
        description="Buyer languages whose word-by-word reading-aid dictionaries load at start (JSON list, e.g. "
        '["ja","de"]); the others load on their first buyer, who waits for it. Unset: all six (ja, zh, de, fr, '
        "es, it; about 0.75 GB per worker); [] loads none at start.",
    )
    cpu_slots: int = Field(
        default=2,
        ge=0,
        description="Requests of a worker doing CPU work at once (cards, draft checks, translations); the rest "
        "wait in arrival order, which keeps the latency tail short under bursts; 0 = no limit.",
    )
    shop_cache_ttl_s: float = Field(
        default=5.0, ge=0, description="How long a worker trusts its cached key->shop lookup; 0 = no cache."
    )
    keep_alive_s: int = Field(
        default=75,
        ge=1,
        description="Seconds an idle client connection stays open (`assist serve`). Keep it longer than the gaps "
        "between an agent's requests and than a load balancer's idle timeout (60 s on common ones): a server "
        "that closes a connection just as a client reuses it resets that request.",
    )
    worker_healthcheck_s: int = Field(
        default=60,
        ge=1,
        description="With `assist serve --workers N` (N > 1): seconds a worker may go without answering the "
        "supervisor's health check before it is killed and restarted. Uvicorn's own 5 s killed workers that "
        "were still loading their models on a busy machine, over and over.",
    )
    auth_failures_per_minute: int = Field(
        default=20, ge=0, description="Failed authentications per client address per minute; 0 = off."
    )
    cors_origins: list[str] = Field(default_factory=list)
    cors_origin_regex: str | None = None
    extension_ids: list[str] = Field(
        default_factory=list, description="Chrome extension ids allowed to call the API (see chrome://extensions)."
    )

    # Demo shop loaded by `assist serve` when no shop exists yet.
    load_demo: bool = True
    # Load models in the background at start so the first request is not slow (`assist serve` sets it).
    warm_up: bool = False

    @field_validator("extension_ids")
    @classmethod
    def _check_extension_ids(cls, value: list[str]) -> list[str]:
        for ext_id in value:
            if not re.fullmatch(r"[a-p]{32}", ext_id):
                raise ValueError(
                    f"ASSIST_EXTENSION_IDS: {ext_id!r} is not a Chrome extension id (32 letters a-p); copy the "
                    "ID shown under the extension on chrome://extensions (Developer mode on)"
                )
        return value

    @field_validator("data_dir", "prompts_dir", "demo_shop_dir", "extension_dir", "shared_data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @model_validator(mode="after")
    def _check_llm(self) -> Settings:
        if self.llm_base_url and not self.llm_model:
            raise ValueError(
                "ASSIST_LLM_BASE_URL is set but ASSIST_LLM_MODEL is not: set the model name the endpoint serves"
            )
        if self.environment == "production" and self.llm_api_key in {"changeme", "sk-xxx", "your-key"}:
            raise ValueError("ASSIST_LLM_API_KEY is a placeholder; set a real key or unset it")
        if not self.prompts_dir.is_dir():
            raise ValueError(
                f"ASSIST_PROMPTS_DIR: no prompt folder at {self.prompts_dir}; point it at the folder holding "
                "<task>/<version>.md files (the package ships one: reinstall assist if it is missing)"
            )
        return self

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'assist.db').resolve()}"

    @property
    def allowed_origins(self) -> list[str]:
        """Browser origins allowed by CORS: the configured ones and the configured extensions."""
        return self.cors_origins + [f"chrome-extension://{ext_id}" for ext_id in self.extension_ids]

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def remote_llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
