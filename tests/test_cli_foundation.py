"""The foundation CLI commands through typer's CliRunner: shops, orders import, policies ingest."""

from __future__ import annotations

import json

from policy_files import RETURNS_DE, RETURNS_EN, write
from typer.testing import CliRunner

from assist.cli import app
from assist.config import Settings
from assist.services import Services
from assist.store import orders as order_rows
from assist.store import shops as shop_rows
from retrievers.embeddings import FakeEmbedder

runner = CliRunner()

ORDER = {
    "order_id": "NL-100001",
    "customer_id": "c-1",
    "customer_name": "Anna Berg",
    "status": "shipped",
    "placed_at": "2026-11-01T10:00:00Z",
    "items": [{"sku": "KET-1", "name": "Kettle", "quantity": 1, "price": 49.9}],
    "total": 49.9,
    "currency": "EUR",
}


def _inspect(data_dir):
    return Services(Settings(data_dir=data_dir), embedder=FakeEmbedder())


def test_shops_create_prints_the_key_alone_on_the_last_stdout_line(data_dir):
    result = runner.invoke(app, ["shops", "create", "nordlicht"])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip().splitlines()[-1]
    assert key.startswith("ak_") and " " not in key
    services = _inspect(data_dir)
    with services.db.session() as session:
        assert shop_rows.shop_for_key(session, key).name == "nordlicht"
    listed = runner.invoke(app, ["shops", "list"])
    assert "nordlicht" in listed.stdout


def test_orders_import_rejects_the_whole_file_naming_row_and_field(data_dir, tmp_path):
    runner.invoke(app, ["shops", "create", "nordlicht"])
    bad = dict(ORDER, order_id="NL-100002", status="teleported")
    path = tmp_path / "orders.json"
    path.write_text(json.dumps([ORDER, bad]), encoding="utf-8")
    result = runner.invoke(app, ["orders", "import", "--shop", "nordlicht", str(path)])
    assert result.exit_code == 2
    assert "record 2" in result.stderr and "'status'" in result.stderr
    services = _inspect(data_dir)
    with services.db.session() as session:
        shop_id = shop_rows.get_shop(session, "nordlicht").id
        assert order_rows.get_order(session, shop_id, "NL-100001") is None
    path.write_text(json.dumps([ORDER]), encoding="utf-8")
    ok = runner.invoke(app, ["orders", "import", "--shop", "nordlicht", str(path)])
    assert ok.exit_code == 0 and "imported 1 orders" in ok.stdout


def test_policies_ingest_folder_then_reingest_replaces(data_dir, tmp_path):
    runner.invoke(app, ["shops", "create", "nordlicht"])
    folder = tmp_path / "policies"
    write(folder, "en/returns.md", RETURNS_EN)
    write(folder, "de/returns.md", RETURNS_DE)
    result = runner.invoke(app, ["policies", "ingest", "--shop", "nordlicht", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "de/returns.md: 2 chunks (de), replaced 0",
        "en/returns.md: 2 chunks (en), replaced 0",
    ]
    again = runner.invoke(app, ["policies", "ingest", "--shop", "nordlicht", str(folder / "en" / "returns.md")])
    assert again.stdout.strip() == "returns.md: 2 chunks (en), replaced 0"  # a file is named by itself
    again = runner.invoke(app, ["policies", "ingest", "--shop", "nordlicht", str(folder)])
    assert "en/returns.md: 2 chunks (en), replaced 2" in again.stdout
    services = _inspect(data_dir)
    with services.db.session() as session:
        shop_id = shop_rows.get_shop(session, "nordlicht").id
    assert services.policy_index.count(shop_id) == 6


def test_policies_ingest_errors_exit_2_with_a_clear_message(data_dir, tmp_path):
    runner.invoke(app, ["shops", "create", "nordlicht"])
    result = runner.invoke(app, ["policies", "ingest", "--shop", "nordlicht", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "nope: no such file or folder" in result.stderr
    path = write(tmp_path, "returns.md", RETURNS_EN)
    result = runner.invoke(app, ["policies", "ingest", "--shop", "ghost", str(path)])
    assert result.exit_code == 2 and "ghost" in result.stderr
