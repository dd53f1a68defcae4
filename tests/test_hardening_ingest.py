"""Issue 14, finding 6: a folder ingest is all-or-nothing."""

from __future__ import annotations

from typer.testing import CliRunner

from assist.cli import app
from assist.config import Settings, get_settings
from assist.services import Services
from assist.store import shops as shop_rows
from retrievers.embeddings import FakeEmbedder

V1 = "# Returns\n\nYou can return items within 30 days of delivery.\n"
V2 = "# Returns\n\nYou can return items within 14 days of delivery.\n"


def test_a_folder_with_one_unreadable_file_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSIST_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("retrievers.embeddings.default_embedder", FakeEmbedder)
    get_settings.cache_clear()
    runner = CliRunner()
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "returns.md").write_text(V1, encoding="utf-8")
    assert runner.invoke(app, ["shops", "create", "alpha"]).exit_code == 0
    first = runner.invoke(app, ["policies", "ingest", "--shop", "alpha", str(folder)])
    assert first.exit_code == 0, first.output

    (folder / "returns.md").write_text(V2, encoding="utf-8")
    (folder / "shipping.md").write_bytes("# Versand\n\nLieferung in 3 Tagen, Gebühr 4,90 €\n".encode("cp1252"))
    (folder / "empty.md").write_text("", encoding="utf-8")
    failed = runner.invoke(app, ["policies", "ingest", "--shop", "alpha", str(folder)])
    get_settings.cache_clear()
    assert failed.exit_code != 0
    assert "nothing was ingested" in failed.stderr and "shipping.md" in failed.stderr and "empty.md" in failed.stderr

    services = Services(Settings(data_dir=tmp_path / "data", environment="test"), embedder=FakeEmbedder())
    with services.db.session() as session:
        shop_id = shop_rows.get_shop(session, "alpha").id
    texts = [p.text for p in services.policy_index.search(shop_id, "return items days", 5)]
    services.close()
    assert any("30 days" in t for t in texts) and not any("14 days" in t for t in texts)
    assert not any("Versand" in t for t in texts)
