"""The Alembic history creates exactly the schema the models declare, and upgrading is repeatable."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from assist.store import tables  # noqa: F401
from assist.store.db import Base
from assist.store.migrate import upgrade


def test_migrations_match_the_models_and_rerun_cleanly(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    upgrade(engine)  # already at head: nothing to do, no error
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models changed without a migration; run `assist db revision -m ...`: {diff}"
    assert {"shops", "api_keys", "orders", "alembic_version"} <= set(inspect(engine).get_table_names())


def test_db_upgrade_cli(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from assist.cli import app
    from assist.config import get_settings

    monkeypatch.setenv("ASSIST_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["db", "upgrade"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "schema is up to date" in result.output
