"""Template replies never promise a return the policy does not allow: excluded items (engraved,
opened hygiene items, gift cards, final sale) and return windows that are already over."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from reply_fixtures import SHOP, demo_passages

from assist.config import DEMO_SHOP_DIR
from assist.facts import Grounding, check_facts, unsupported
from assist.models import Conversation, Fact, IntentPrediction, Order, PolicyPassage, SuggestionSet
from assist.replies import item_category, load_replies
from assist.suggest import ReplyContext, suggest_replies

LANGUAGES = ["en", "de", "ja", "zh", "es", "fr", "pt", "it"]
BOARD = {"sku": "BRD-OAK-ENG", "name": "Engraved oak cutting board (personalised)", "quantity": 1, "price": 90.8}
INFUSER = {"sku": "TEA-INF-SS", "name": "Stainless steel tea infuser", "quantity": 2, "price": 14.8}
SHIPPING = {
    "sku": "SHIP-JP",
    "name": "Standard shipping Japan (Japan Post, duties not included)",
    "quantity": 1,
    "price": 24.0,
}
# Native words per language: "cannot be returned for a change of mind", "engraving", "photos".
EXCLUDED_WORDS = {
    "en": "change-of-mind",
    "de": "ausgeschlossen",
    "ja": "返品対象外",
    "zh": "不支持无理由退货",
    "es": "cambio de opinión",
    "fr": "changement d'avis",
    "pt": "arrependimento",
    "it": "ripensamento",
}
ENGRAVING = {
    "en": "engraving",
    "de": "Gravur",
    "ja": "刻印",
    "zh": "刻字",
    "es": "grabado",
    "fr": "gravure",
    "pt": "gravação",
    "it": "incisione",
}
PHOTOS = {
    "en": "photos",
    "de": "Fotos",
    "ja": "写真",
    "zh": "照片",
    "es": "fotos",
    "fr": "photos",
    "pt": "fotos",
    "it": "foto",
}
DEADLINE = {
    "en": "ended on December 6, 2026",
    "de": "am 6. Dezember 2026 abgelaufen",
    "ja": "2026年12月6日をもって終了",
    "zh": "已于2026年12月6日结束",
    "es": "terminó el 6 de diciembre de 2026",
    "fr": "pris fin le 6 décembre 2026",
    "pt": "terminou em 6 de dezembro de 2026",
    "it": "si è concluso il 6 dicembre 2026",
}
DELIVERED = {
    "en": "November 6, 2026",
    "de": "6. November 2026",
    "ja": "2026年11月6日",
    "zh": "2026年11月6日",
    "es": "6 de noviembre de 2026",
    "fr": "6 novembre 2026",
    "pt": "6 de novembro de 2026",
    "it": "6 novembre 2026",
}


def policies_for(language: str) -> list[PolicyPassage]:
    return demo_passages(language if language in {"en", "de", "ja", "zh"} else "en")


def order(*items: dict, status: str = "delivered", delivered: datetime | None = datetime(2026, 11, 6, 2, 35)) -> Order:
    dates = {"shipped_at": datetime(2026, 10, 27, 14)} if status != "processing" else {}
    if status in {"delivered", "returned"}:
        dates["delivered_at"] = delivered
    return Order(
        order_id="NL-105244",
        customer_id="C-10316",
        customer_name="Yumi Takahashi",
        status=status,
        placed_at=datetime(2026, 10, 22, 13),
        total=sum(i["price"] * i["quantity"] for i in items),
        currency="EUR",
        items=list(items),
        carrier="Japan Post",
        tracking_number="CY195562797DE",
        **dates,
    )


def reply(
    language: str,
    the_order: Order,
    *,
    sent_at: datetime | None = datetime(2026, 11, 21, 5, 47, tzinfo=UTC),
    intent: str = "return_request",
    policies: list[PolicyPassage] | None = None,
) -> SuggestionSet:
    conversation = Conversation(
        customer={"name": "Yumi Takahashi"},
        messages=[{"role": "customer", "text": "I would like to return the board.", "sent_at": sent_at}],
    )
    context = ReplyContext(
        conversation=conversation,
        buyer_language=language,
        agent_language="en",
        intent=IntentPrediction(intent=intent, confidence=0.9),
        order=the_order,
        policies=policies_for(language) if policies is None else policies,
        shop_settings=SHOP,
    )
    return suggest_replies(context, n=3)


def assert_grounded(result: SuggestionSet, the_order: Order, policies: list[PolicyPassage]) -> None:
    for s in result.suggestions:
        cited = [p for p in policies if p.id in s.citations]
        assert len(cited) == len(s.citations), s.citations
        assert unsupported(s.text, Grounding.build(the_order, cited, SHOP)) == [], s.text
        assert check_facts(s.facts, the_order, cited, SHOP) == [], s.facts
        if s.text_in_agent_language and s.back_translation_engine == "template":
            assert unsupported(s.text_in_agent_language, Grounding.build(the_order, cited, SHOP)) == []
        assert "{" not in s.text


def phrase(language: str, key: str, **values: str) -> str:
    text = load_replies(language)["phrases"][key]
    text = text[0] if isinstance(text, list) else text
    for marker in ("return_all", "window_over", "has_excluded", "personalised", "returnable", "in_warranty"):
        text = text.replace("{" + marker + "}", "")
    return text.format(**values)


def window_promise(language: str) -> str:
    return phrase(language, "return.window", return_window_days="30")


@pytest.mark.parametrize("language", LANGUAGES)
def test_engraved_item_is_not_promised_a_return(language):
    the_order = order(BOARD, SHIPPING)
    result = reply(language, the_order)
    texts = [s.text for s in result.suggestions]
    assert len(texts) >= 2
    assert not any(window_promise(language) in t for t in texts)
    assert all("returns#how-to-return" not in s.citations for s in result.suggestions)  # nothing to send back
    telling = [s for s in result.suggestions if BOARD["name"] in s.text]
    assert len(telling) >= 2
    for s in telling:
        assert EXCLUDED_WORDS[language] in s.text and ENGRAVING[language] in s.text and PHOTOS[language] in s.text
        assert "returns#non-returnable-items" in s.citations
        assert Fact(field="order.items.BRD-OAK-ENG", value=BOARD["name"]) in s.facts
        assert SHIPPING["name"] not in s.text
        assert BOARD["name"] in s.text_in_agent_language and "change-of-mind" in s.text_in_agent_language
    assert_grounded(result, the_order, policies_for(language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_mixed_order_keeps_the_other_items_returnable(language):
    the_order = order(BOARD, INFUSER, SHIPPING)
    result = reply(language, the_order)
    others = phrase(language, "return.others", returnable_items="", return_window_days="30").split("30")[0][-6:]
    informative = next(s for s in result.suggestions if s.style == "informative")
    assert EXCLUDED_WORDS[language] in informative.text and INFUSER["name"] in informative.text
    assert others in informative.text and "30" in informative.text
    assert not any(window_promise(language) in s.text for s in result.suggestions)
    assert "returns#how-to-return" in informative.citations  # the infuser can be sent back
    assert_grounded(result, the_order, policies_for(language))


def test_without_a_passage_that_excludes_the_item_the_agent_checks_instead_of_promising():
    the_order = order(BOARD, INFUSER)
    without = [p for p in demo_passages("en") if p.anchor != "non-returnable-items"]
    result = reply("en", the_order, policies=without)
    informative = next(s for s in result.suggestions if s.style == "informative")
    assert f"I will check whether “{BOARD['name']}” can be returned" in informative.text
    assert "change-of-mind returns for this kind of item" not in informative.text
    assert not any(window_promise("en") in s.text for s in result.suggestions)
    assert_grounded(result, the_order, without)
    # An exclusion section that lists other categories does not back this one either.
    gift_only = PolicyPassage(
        id="returns#non-returnable-items",
        text="Gift cards cannot be returned.",
        source="returns.md",
        section="Items that cannot be returned",
        anchor="non-returnable-items",
        language="en",
        score=1.0,
    )
    result = reply("en", the_order, policies=[*without, gift_only])
    assert all("returns#non-returnable-items" not in s.citations for s in result.suggestions)
    assert any("I will check whether" in s.text for s in result.suggestions)


@pytest.mark.parametrize("language", LANGUAGES)
def test_elapsed_window_says_when_it_ended_and_offers_warranty_help(language):
    the_order = order(INFUSER)
    result = reply(language, the_order, sent_at=datetime(2026, 12, 10, 8, tzinfo=UTC))
    texts = [s.text for s in result.suggestions]
    assert not any(window_promise(language) in t for t in texts)
    informative = next(s for s in result.suggestions if s.style == "informative")
    assert DEADLINE[language] in informative.text and DELIVERED[language] in informative.text
    assert "24" in informative.text and "warranty#warranty-period" in informative.citations
    assert Fact(field="order.return_deadline", value="2026-12-06") in informative.facts
    assert "returns#how-to-return" not in informative.citations
    empathetic = next(s for s in result.suggestions if s.style == "empathetic")
    assert DEADLINE[language] in empathetic.text
    assert_grounded(result, the_order, policies_for(language))


def test_window_boundary_and_reference_time():
    the_order = order(INFUSER)
    last_day = reply("en", the_order, sent_at=datetime(2026, 12, 6, 23, 30))  # naive = UTC, still inside
    assert any(window_promise("en") in s.text for s in last_day.suggestions)
    no_times = reply("en", order(INFUSER, delivered=datetime(2020, 1, 2)), sent_at=None)  # now is the reference
    assert any("ended on February 1, 2020" in s.text for s in no_times.suggestions)
    # Past the 24-month warranty too: still offers help, but no warranty promise.
    assert all("warranty of 24 months" not in s.text for s in no_times.suggestions)
    assert any("photo or video of the fault" in s.text for s in no_times.suggestions)


def test_orders_not_yet_delivered_keep_the_window_from_delivery():
    for status in ("processing", "shipped"):
        the_order = order(INFUSER, status=status)
        result = reply("en", the_order, sent_at=datetime(2027, 6, 1, tzinfo=UTC))
        assert any(window_promise("en") in s.text for s in result.suggestions), status
        assert all(f.field != "order.return_deadline" for s in result.suggestions for f in s.facts)
        assert_grounded(result, the_order, demo_passages("en"))
    engraved = reply("de", order(BOARD, INFUSER, status="shipped"))
    assert any("ausgeschlossen" in s.text and BOARD["name"] in s.text for s in engraved.suggestions)
    assert not any(window_promise("de") in s.text for s in engraved.suggestions)


def test_cancel_after_delivery_does_not_offer_a_return_that_is_over_or_excluded():
    over = reply("en", order(INFUSER), intent="cancel_order", sent_at=datetime(2026, 12, 10, tzinfo=UTC))
    empathetic = next(s for s in over.suggestions if s.style == "empathetic")
    assert "return window of 30 days for this order ended on December 6, 2026" in empathetic.text
    assert "you can return it" not in empathetic.text and window_promise("en") not in empathetic.text
    excluded = reply("ja", order(BOARD, INFUSER), intent="cancel_order")
    empathetic = next(s for s in excluded.suggestions if s.style == "empathetic")
    assert "返品対象外" in empathetic.text and "お届け後に返品いただくことは可能です" not in empathetic.text
    open_window = reply("en", order(INFUSER), intent="cancel_order")
    assert any("you can return it after delivery" in s.text for s in open_window.suggestions)


def test_item_categories_come_from_the_keyword_lists():
    assert item_category("Engraved oak cutting board (personalised)", "BRD-OAK-ENG") == "personalised"
    assert item_category("Monogrammed linen napkins, set of 4", "TXT-LIN-MONO") == "personalised"
    assert item_category("名入れまな板", "X-1") == "personalised"
    assert item_category("True wireless in-ear earbuds", "AUD-EARBUD") == "hygiene"
    assert item_category("Water filter cartridges, pack of 3", "WTR-FLT-CART3") == "hygiene"
    assert item_category("Water filter jug 2.4 L", "WTR-FLT-JUG") is None
    assert item_category("Gift card EUR 50", "GFT-CARD-50") == "gift_card"
    assert item_category("Stoneware mug, outlet (final sale)", "OUT-MUG-STN") == "final_sale"
    assert item_category("Standard shipping Japan", "SHIP-JP") == "not_goods"
    assert item_category("Walnut end-grain cutting board, large", "BRD-WAL-L") is None


def test_declared_deadline_and_item_facts_are_checked_against_the_order():
    the_order = order(BOARD)
    good = [
        Fact(field="order.return_deadline", value="2026-12-06"),
        Fact(field="order.items.BRD-OAK-ENG", value=BOARD["name"]),
    ]
    assert check_facts(good, the_order, [], SHOP) == []
    bad = [Fact(field="order.return_deadline", value="2026-12-20"), Fact(field="order.items.NOPE", value="x")]
    assert len(check_facts(bad, the_order, [], SHOP)) == 2
    assert unsupported("The window ended on December 6, 2026.", Grounding.build(the_order, [], SHOP)) == []
    assert unsupported("The window ended on December 9, 2026.", Grounding.build(the_order, [], SHOP)) != []


def test_demo_conversation_009_engraved_board():
    conversation = next(
        json.loads(line)
        for line in (DEMO_SHOP_DIR / "conversations.jsonl").open(encoding="utf-8")
        if '"conv-009"' in line
    )
    orders = json.loads((DEMO_SHOP_DIR / "orders.json").read_text(encoding="utf-8"))
    orders = orders if isinstance(orders, list) else orders["orders"]
    the_order = Order(**next(o for o in orders if o["order_id"] == "NL-105244"))
    policies = demo_passages("ja")
    context = ReplyContext(
        conversation=Conversation(**conversation),
        buyer_language="ja",
        agent_language="en",
        intent=IntentPrediction(intent="return_request", confidence=0.9),
        order=the_order,
        policies=policies,
        shop_settings=SHOP,
    )
    result = suggest_replies(context, n=3)
    assert not any(window_promise("ja") in s.text for s in result.suggestions)
    informative = next(s for s in result.suggestions if s.style == "informative")
    assert "「Engraved oak cutting board (personalised)」は当店の返品ポリシーにより返品対象外" in informative.text
    assert "「Stainless steel tea infuser」は、お届けから30日以内であれば返品いただけます" in informative.text
    assert "Standard shipping" not in informative.text
    assert_grounded(result, the_order, policies)
