"""Region groups (continents, a country's main islands, province groups), city names in Han, kana and Hangul,
short country names buyers use, and item -> product class in Chinese and Japanese: the general mechanisms
that pick a shop's regional and product-scoped facts on shops the rules were not written for."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assist.answers import answers_for, product_class
from assist.ask_replies import answer_asks
from assist.asks import split_asks
from assist.models import Order
from assist.policy_facts import PolicyFacts
from assist.regions import country_in_text, match_region, region_countries

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


def test_a_continent_word_covers_its_countries_in_several_languages() -> None:
    regions = ["Deutschland", "Nordamerika und Ozeanien", "Asien (Japan, Südkorea)"]
    assert match_region("CA", regions, "DE") == "Nordamerika und Ozeanien"
    assert match_region("NZ", regions, "DE") == "Nordamerika und Ozeanien"
    # a group word followed by its own list means that list
    assert match_region("KR", regions, "DE") == "Asien (Japan, Südkorea)"
    assert match_region("CN", regions, "DE") is None
    assert {"US", "CA"} <= (region_countries("Amérique du Nord") or set())
    assert {"US", "CA"} <= (region_countries("北美地区") or set())


def test_main_islands_are_the_country_and_leave_its_areas_apart() -> None:
    regions = ["本州・四国・九州", "北海道・沖縄", "海外"]
    assert match_region(country_in_text("福岡に住んでいます"), regions, "JP") == "本州・四国・九州"
    assert match_region(country_in_text("I live in Sapporo"), regions, "JP") == "北海道・沖縄"
    assert match_region(country_in_text("I live in Vancouver"), regions, "JP") == "海外"


def test_cities_written_in_han_or_hangul_find_their_province_or_country() -> None:
    regions = ["江浙沪", "中国大陆其他省份", "港澳台"]
    assert country_in_text("我在苏州，多久能到？") == "CN-JS"
    assert match_region(country_in_text("我在苏州，多久能到？"), regions, "CN") == "江浙沪"
    assert match_region(country_in_text("成都能发货吗"), regions, "CN") == "中国大陆其他省份"
    assert match_region(country_in_text("寄到臺灣要多久"), regions, "CN") == "港澳台"
    assert country_in_text("부산에 살고 있어요") == "KR-26"  # Busan, its own metropolitan city
    assert country_in_text("这个东西很好用") is None


def test_short_country_names_in_buyer_languages() -> None:
    assert country_in_text("한국으로 배송되나요?") == "KR"
    assert country_in_text("미국까지 며칠 걸려요?") == "US"
    assert country_in_text("Apakah bisa kirim ke Malaysia?") == "MY"


def _order(items: list[tuple[str, str]], delivered: datetime) -> Order:
    return Order.model_validate(
        {
            "order_id": "T-1",
            "customer_id": "C1",
            "customer_name": "王芳",
            "status": "delivered",
            "placed_at": datetime(2026, 8, 1, tzinfo=UTC),
            "delivered_at": delivered,
            "items": [{"sku": s, "name": n, "quantity": 1, "price": 10} for s, n in items],
            "total": 10,
            "currency": "CNY",
        }
    )


FACTS = PolicyFacts.model_validate(
    {
        "shop": "t",
        "facts": [
            {"slot": "warranty.length", "value": 2, "unit": "year", "scope": {"product_class": "相机、镜头、闪光灯"}},
            {"slot": "warranty.length", "value": 6, "unit": "month", "scope": {"product_class": "电池、充电器等配件"}},
            {"slot": "damage.report_window", "value": 3, "unit": "day"},
        ],
    }
)


def test_chinese_and_japanese_items_find_their_product_class() -> None:
    lens = _order([("L1", "50mm 定焦镜头")], datetime(2026, 8, 5, tzinfo=UTC))
    assert product_class("warranty.length", FACTS, lens) == "相机、镜头、闪光灯"
    # the head noun of 锂电池 (池) does not begin a class part; 电池 stands in the name
    battery = _order([("B1", "原装锂电池 2000mAh")], datetime(2026, 8, 5, tzinfo=UTC))
    assert product_class("warranty.length", FACTS, battery) == "电池、充电器等配件"
    # head noun: 数据线 (a data cable) -> 线 begins 线材
    cable_facts = PolicyFacts.model_validate(
        {
            "shop": "t",
            "facts": [{"slot": "warranty.length", "value": 3, "unit": "month", "scope": {"product_class": "线材"}}],
        }
    )
    assert product_class("warranty.length", cable_facts, _order([("C1", "USB-C 数据线")], NOW)) == "线材"
    pen = PolicyFacts.model_validate(
        {
            "shop": "t",
            "facts": [{"slot": "warranty.length", "value": 1, "unit": "year", "scope": {"product_class": "万年筆"}}],
        }
    )
    assert product_class("warranty.length", pen, _order([("P1", "名入れ万年筆 細字")], NOW)) == "万年筆"


def test_a_defect_found_after_the_damage_window_is_answered_with_the_warranty() -> None:
    lens = _order([("L1", "50mm 定焦镜头")], datetime(2026, 8, 5, tzinfo=UTC))
    warranty = next(a for a in answers_for(["damage"], FACTS, lens, NOW) if a.key == "warranty_until")
    assert (warranty.value, warranty.holds) == ("2028-08-05", True)
    asks = split_asks("The lens stopped focusing after two months, it seems defective. What can you do?", order=lens)
    reply = answer_asks("fr", asks, FACTS, lens, NOW)
    fields = {f.field: f.value for f in reply.facts}
    assert fields.get("answer.warranty_until") == "2028-08-05"
    assert reply.text is not None and "5 août 2028" in reply.text


def test_an_ask_no_cue_reads_takes_the_topic_of_its_nearest_exemplars() -> None:
    from assist.asks import split_asks

    class Near:  # a stand-in encoder: each text is near the exemplars that share its key word
        words = ("transit", "customs", "return")

        def embed(self, texts: list[str]) -> list[list[float]]:
            out = []
            for text in texts:
                plain = text.casefold()
                hit = [
                    float(
                        ("how long" in plain or "combien de temps" in plain or "几天" in plain)
                        if w == "transit"
                        else ("duties" in plain or "douane" in plain or "关税" in plain or "關稅" in plain)
                        if w == "customs"
                        else ("return" in plain or "zurückgeben" in plain or "退货" in plain)
                    )
                    for w in self.words
                ]
                out.append([*hit, 0.01])
            return out

    asks = split_asks("Quanto ci vuole... how long? 收到時要付關稅嗎？", embed=Near().embed)
    assert [a.topics for a in asks][-1] == ["customs"]
    # a question nothing is near stays 'other' (covered by no fact: the agent is told)
    assert split_asks("Do you sell gift wrapping?", embed=Near().embed)[0].topics == ["other"]


def test_a_second_question_with_the_same_first_topic_keeps_its_other_topics() -> None:
    from assist.asks import split_asks

    asks = split_asks(
        "Kann ich das zurückgeben? Falls nicht: ab welchem Betrag ist der Versand kostenlos, wenn ich zurückgeben will?"
    )
    assert "shipping_cost" in [t for a in asks for t in a.topics]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Berapa hari pengiriman ke Jakarta?", "shipping_time"),  # Indonesian: no cue pattern
        ("到貨的時候要另外繳關稅嗎？", "customs"),  # traditional Chinese
        ("Zahlen Sie mir das Geld bald zurück, wann genau?", "refund"),
        ("Mogę jeszcze anulować to zamówienie?", "cancel"),  # Polish
    ],
)
def test_the_multilingual_encoder_reads_asks_in_languages_without_cues(use_embedder, text: str, topic: str) -> None:  # type: ignore[no-untyped-def]
    from assist.asks import nearest_topics

    assert nearest_topics([text], use_embedder.embed) == [topic]


@pytest.mark.slow
def test_the_encoder_leaves_unrelated_questions_alone(use_embedder) -> None:  # type: ignore[no-untyped-def]
    from assist.asks import nearest_topics

    assert nearest_topics(["Do you sell gift wrapping?", "How are you today?"], use_embedder.embed) == [None, None]


def test_without_an_order_a_class_scoped_warranty_is_stated_per_class() -> None:
    asks = split_asks("¿Cuánto dura la garantía?")
    reply = answer_asks("es", asks, FACTS, None, NOW)
    assert reply.text is not None and "2 años (相机、镜头、闪光灯)" in reply.text and "6 meses" in reply.text
    assert {f.value for f in reply.facts if f.field == "policy_fact.warranty.length"} == {"2", "6"}


def test_the_classifiers_topic_stands_where_the_encoder_rates_it_about_as_high() -> None:
    import yaml

    import assist.asks as asks_module
    from assist.asks import RESOURCE, nearest_topics

    exemplars = yaml.safe_load(RESOURCE.read_text(encoding="utf-8"))["exemplars"]
    axis = dict.fromkeys(exemplars["shipping_time"], 0) | dict.fromkeys(exemplars["order_status"], 1)

    class Encoder:  # transit exemplars on one axis, order-status exemplars on another, the rest on a third
        def embed(self, texts: list[str]) -> list[list[float]]:
            out = []
            for text in texts:
                if text == "Can you send it soon?":
                    out.append([0.6, 0.54, 0.0])  # the question: transit first, order status close behind
                else:
                    vector = [0.0, 0.0, 0.0]
                    vector[axis.get(text, 2)] = 1.0
                    out.append(vector)
            return out

    encoder = Encoder()
    asks_module._EXEMPLAR_VECTORS.pop(encoder, None)
    assert nearest_topics(["Can you send it soon?"], encoder.embed) == ["shipping_time"]
    assert nearest_topics(["Can you send it soon?"], encoder.embed, ["track_order"]) == [None]
    assert nearest_topics(["Can you send it soon?"], encoder.embed, ["refund_status"]) == ["shipping_time"]


def test_a_region_named_by_what_it_leaves_out_or_by_europe_in_a_declined_form() -> None:
    # "outside Serbia" (Serbian genitive, Cyrillic), "outside Iceland" (Icelandic), "outside Croatia"
    for region, home, left_out in [
        ("ван Србије", "RS", "RS"),
        ("utan Íslands", "IS", "IS"),
        ("izvan Hrvatske", "HR", "HR"),
    ]:
        covered = region_countries(region, home) or set()
        assert "AT" in covered and left_out not in covered, region
    # "EU countries" in Serbian, "other countries in Europe" in Icelandic: Europe declined, read as the EU's members
    assert match_region("AT", ["Србија", "Земље Европске уније"], "RS") == "Земље Европске уније"
    assert match_region("DE", ["Höfuðborgarsvæðið", "Önnur lönd í Evrópu"], "IS") == "Önnur lönd í Evrópu"
    assert match_region("RS", ["Србија", "Земље Европске уније"], "RS") == "Србија"


def test_a_list_of_a_countrys_subdivisions_reads_its_short_names_too_and_di_names_the_buyers_town() -> None:
    from assist.order_places import place_in_text

    regions = ["Semenanjung Malaysia", "Sabah, Sarawak & Labuan"]
    assert match_region("MY-12", regions, "MY") == "Sabah, Sarawak & Labuan"  # "Sabah" alone is too short to read
    assert place_in_text("Saya tinggal di Kuching, berapa lama pengiriman?") == "MY-13"


def test_a_bracket_after_outside_x_lists_what_the_region_holds() -> None:
    covered = region_countries("utan Íslands (Færeyjar, Grænland, Evrópa)", "IS") or set()
    assert {"FO", "GL", "DE"} <= covered and "IS" not in covered
