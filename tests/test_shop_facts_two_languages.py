"""A shop that keeps the same rules in two languages, as two policy files ingested one at a time (the CLI and the
API store each file's facts apart): readers get one set of facts, the shop's language cited first."""

from __future__ import annotations

from pathlib import Path

from assist.shop_facts import apply_settings, ingest_policies, shop_facts
from assist.store import shops as shop_rows

SPANISH = """# Devoluciones

Puede devolver los artículos en un plazo de 45 días desde la recepción.

# Reembolsos

Reembolsamos el importe en un plazo de 9 días hábiles tras recibir la devolución.

# Envío

El envío es gratuito en pedidos superiores a 60 €. Los daños deben comunicarse en un plazo de 4 días.
"""

ENGLISH = """# Returns

You may return items within 45 days of receipt.

# Refunds

We refund the amount within 9 business days of receiving the return.

# Shipping

Shipping is free on orders over €60. Damage must be reported within 4 days.
"""


def _ingest(services, name: str, text: str, folder: Path) -> None:  # type: ignore[no-untyped-def]
    path = folder / name
    path.write_text(text, encoding="utf-8")
    with services.db.session() as session:
        ingest_policies(services, session, shop_rows.get_shop(session, "alpha"), [path])


def _facts(services, slot: str):  # type: ignore[no-untyped-def]
    with services.db.session() as session:
        facts = shop_facts(session, shop_rows.get_shop(session, "alpha"))
    return [f for f in facts.facts if f.slot == slot]


def test_two_files_with_the_same_rules_in_two_languages_give_one_fact_each(services, shop_key, tmp_path):
    with services.db.session() as session:
        apply_settings(shop_rows.get_shop(session, "alpha"), {"agent_language": "es"})
    _ingest(services, "devoluciones.md", SPANISH, tmp_path)
    _ingest(services, "returns.md", ENGLISH, tmp_path)

    (window,) = [f for f in _facts(services, "returns.window") if not f.needs_review]
    assert (window.value, window.unit) == (45, "day")
    assert "días" in (window.sentence or "")  # the shop's own language first
    assert [c.sentence for c in window.also_cited] == ["You may return items within 45 days of receipt."]
    assert len([f for f in _facts(services, "refunds.time") if not f.needs_review]) == 1


def test_a_file_changed_in_one_language_sends_both_values_to_review_and_keeps_the_other_file(
    services, shop_key, tmp_path
):
    _ingest(services, "devoluciones.md", SPANISH, tmp_path)
    _ingest(services, "returns.md", ENGLISH, tmp_path)
    _ingest(services, "returns.md", ENGLISH.replace("within 45 days", "within 30 days"), tmp_path)

    windows = _facts(services, "returns.window")
    assert sorted(f.value for f in windows) == [30, 45]
    assert all(f.needs_review for f in windows)  # the documents disagree: an agent decides, no reply states either
    assert len([f for f in _facts(services, "refunds.time") if not f.needs_review]) == 1
