"""Replies follow the buyer's variety of their language: pt-BR or pt-PT, zh-Hant or zh-Hans, es-419 or es-ES,
from the buyer's words, else the order's country; the card says which. Messages written for the test."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from assist.ask_replies import answer_asks
from assist.asks import Ask
from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.reply_variety import reply_variety

NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
FACTS = PolicyFacts.model_validate(
    {
        "shop": "t",
        "facts": [
            {"slot": "returns.window", "value": 14, "unit": "day", "chunk_id": "w"},
            {"slot": "returns.window_starts", "value": "delivery", "chunk_id": "w"},
            {"slot": "returns.excluded", "value": ["已拆封的咖啡豆"], "chunk_id": "x"},
            {"slot": "returns.shipping_paid_by", "value": "buyer", "chunk_id": "p"},
        ],
    }
)


def _order(status: str = "delivered", currency: str = "EUR", items: list[dict[str, Any]] | None = None) -> Order:
    return Order.model_validate(
        {
            "order_id": "V-88",
            "customer_id": "C1",
            "customer_name": "Alex Lima",
            "status": status,
            "placed_at": datetime(2026, 11, 2, tzinfo=UTC),
            "delivered_at": datetime(2026, 11, 6, tzinfo=UTC) if status == "delivered" else None,
            "items": items or [{"sku": "MUG-1", "name": "Caneca esmaltada", "quantity": 1, "price": 9.0}],
            "total": 9.0,
            "currency": currency,
        }
    )


def _reply(language: str, text: str, order: Order, topics: list[str] | None = None) -> Any:
    ask = Ask(text=text, intent="return_request", topics=topics or ["return"])
    return answer_asks(language, [ask], FACTS, order, NOW, buyer_name="Alex Lima")


@pytest.mark.parametrize(
    ("language", "text", "country", "tag"),
    [
        ("pt", "Oi, vocês podem me ajudar? Tô esperando a resposta.", None, "pt-BR"),
        ("pt", "Boa tarde, estou a tentar devolver a caneca. A morada é a mesma.", "BR", "pt-PT"),
        ("pt", "Olá, posso devolver?", "PT", "pt-PT"),
        ("pt", "Olá, posso devolver?", None, "pt-BR"),
        ("zh", "請問這個可以退貨嗎？", None, "zh-Hant"),
        ("zh", "请问这个可以退货吗？", "HK", "zh-Hans"),  # the buyer's characters before the country
        ("zh", "你好", "MO", "zh-Hant"),
        ("es", "Hola, ¿ustedes hacen cambios? Tengo el celular nuevo.", None, "es-419"),
        ("es", "¿Podéis decirme si vale?", "MX", "es-ES"),
        ("es", "Hola", "CL", "es-419"),
        ("de", "Hallo", "AT", None),
    ],
)
def test_the_variety_comes_from_the_buyers_words_else_the_country(
    language: str, text: str, country: str | None, tag: str | None
) -> None:
    variety = reply_variety(language, text, country)
    assert (variety.tag if variety else None) == tag


def test_a_brazilian_buyer_gets_brazilian_wording_and_the_card_says_so() -> None:
    reply = _reply("pt", "Oi! Dá pra devolver a caneca? Vocês pagam o frete?", _order())
    assert reply.variety == "pt-BR"
    assert "Você pode devolver o seu pedido até 20 de novembro de 2026" in reply.text
    assert "encomenda" not in reply.text and "por si" not in reply.text
    assert any("Brazilian Portuguese (pt-BR)" in a for a in reply.coverage[0].answers)


def test_a_european_portuguese_buyer_gets_european_wording_in_every_line() -> None:
    reply = _reply(
        "pt", "Estou a pensar devolver a caneca e ainda não a recebi. Dá?", _order("shipped"), ["order_status"]
    )
    assert reply.variety == "pt-PT"
    assert "A sua encomenda V-88 já foi enviada" in reply.text
    assert "Seu pedido" not in reply.text


def test_a_taiwanese_buyer_gets_traditional_characters_and_the_shops_words_stay_as_written() -> None:
    order = _order(
        currency="TWD", items=[{"sku": "BEAN-1", "name": "衣索比亞咖啡豆 200g", "quantity": 1, "price": 450}]
    )
    reply = _reply("zh", "咖啡豆還沒拆封，可以退貨嗎？", order)
    assert reply.variety == "zh-Hant"
    assert "請注意" in reply.text and "退貨" in reply.text  # the template, converted
    assert "请注意" not in reply.text
    assert "「衣索比亞咖啡豆 200g」" in reply.text or "“衣索比亞咖啡豆 200g”" in reply.text
    assert "已拆封的咖啡豆" in reply.text  # the policy's own words, quoted unchanged


def test_a_mainland_buyer_keeps_simplified_characters() -> None:
    order = _order(currency="CNY", items=[{"sku": "BEAN-1", "name": "耶加雪菲咖啡豆", "quantity": 1, "price": 80}])
    reply = _reply("zh", "咖啡豆还没拆封，可以退货吗？", order)
    assert reply.variety == "zh-Hans"
    assert "请注意" in reply.text


def test_a_latin_american_buyer_gets_latin_american_closing() -> None:
    reply = _reply("es", "Hola, ¿ustedes aceptan devoluciones? Les escribo desde Lima.", _order())
    assert reply.variety == "es-419"
    assert reply.text.rstrip().endswith("Saludos cordiales")


@pytest.mark.parametrize(
    ("language", "currency", "shop_text", "tag"),
    [
        ("pt", "EUR", "", "pt-PT"),  # the one Portuguese-speaking country that pays in euros
        ("pt", "BRL", "", "pt-BR"),
        ("pt", None, "", "pt-BR"),  # nothing to go on: the language's default
        ("pt", None, "Os portes de envio são pagos pelo cliente; indique a sua morada.", "pt-PT"),
        ("es", "USD", "", "es-419"),  # Ecuador, Panama, Puerto Rico, El Salvador: all Latin American Spanish
        ("es", "EUR", "", "es-ES"),
        ("zh", None, "商品到貨後七天內可申請退貨。", "zh-Hant"),
        ("de", "EUR", "", None),
    ],
)
def test_with_nothing_from_the_buyer_the_shops_own_text_then_its_currency_decide(
    language: str, currency: str | None, shop_text: str, tag: str | None
) -> None:
    variety = reply_variety(language, "Olá! Hola! 你好", None, shop_text=shop_text, currency=currency)
    assert (variety.tag if variety else None) == tag


def test_the_buyers_words_and_the_orders_country_come_before_the_shops() -> None:
    assert reply_variety("pt", "Oi, vocês já enviaram?", None, currency="EUR").tag == "pt-BR"  # type: ignore[union-attr]
    assert reply_variety("pt", "Olá", "BR", shop_text="a sua morada", currency="EUR").tag == "pt-BR"  # type: ignore[union-attr]


def test_a_neutral_buyer_of_a_shop_that_prices_in_euros_gets_european_portuguese_in_every_line() -> None:
    reply = _reply("pt", "Olá, já enviaram? E posso devolver?", _order("shipped"), ["order_status", "return"])
    assert reply.variety == "pt-PT"
    assert "A sua encomenda V-88 já foi enviada" in reply.text
    assert reply.text.rstrip().endswith("Com os melhores cumprimentos")
    for brazilian in ("Você", "você", "Seu pedido", "frete", "Atenciosamente"):
        assert brazilian not in reply.text


def test_every_variety_overlay_keeps_the_base_sentences_placeholders() -> None:
    import re
    from pathlib import Path

    import yaml

    replies_dir = Path(__file__).resolve().parents[1] / "assist" / "resources" / "replies"

    def forms(entry: Any) -> list[str]:
        if isinstance(entry, str):
            return [entry]
        if isinstance(entry, list):
            return [t for e in entry for t in forms(e)]
        if isinstance(entry, dict):
            return [t for e in entry.values() for t in forms(e)]
        return []

    checked = 0
    overlays = ((replies_dir / "varieties", "phrases"), (replies_dir / "answers" / "varieties", "sentences"))
    for folder, section in overlays:
        for path in folder.glob("*.yaml"):
            base_path = (replies_dir if section == "phrases" else replies_dir / "answers") / f"{path.stem[:2]}.yaml"
            base = yaml.safe_load(base_path.read_text(encoding="utf-8"))[section]
            overlay = yaml.safe_load(path.read_text(encoding="utf-8")).get(section) or {}
            for key, entry in overlay.items():
                assert key in base, f"{path.name}: {key} is no sentence of {base_path.name}"
                mine, theirs = forms(entry), forms(base[key])
                assert len(mine) == len(theirs), f"{path.name}: {key}"
                for a, b in zip(mine, theirs, strict=True):
                    assert set(re.findall(r"\{[^}]*\}", a)) == set(re.findall(r"\{[^}]*\}", b)), f"{path.name}: {key}"
                checked += 1
    assert checked > 60
