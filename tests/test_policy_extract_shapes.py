"""Policy facts from document shapes and phrasings the first extractor missed: hard-wrapped paragraphs,
FAQ pages, tables with a free-shipping column, nested lists, region headings, full-width digits,
leader dots, "covers X" warranties and negations ("tampoco", "行っておりません", "won't").

Every sentence here is written for the test (paraphrases of general patterns), not taken from a shop."""

from __future__ import annotations

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_facts import PolicyFact


def facts_of(text: str, section: str = "", language: str = "en") -> list[PolicyFact]:
    return extract_facts([PolicyChunk("c1", text, section, language)])


def used(facts: list[PolicyFact], slot: str) -> list[PolicyFact]:
    return [f for f in facts if f.slot == slot and not f.needs_review]


def scope(fact: PolicyFact) -> dict[str, str]:
    return fact.scope.model_dump(exclude_none=True)


def test_a_hard_wrapped_sentence_keeps_its_negation():
    text = (
        "Our prices are set the same for every customer, and for that reason we do not\n"
        "match prices from other stores or marketplaces."
    )
    facts = used(facts_of(text, "Prices"), "prices.price_match")
    assert [f.value for f in facts] == [False]
    assert "\n" in (facts[0].sentence or "")  # the cited sentence is the document's own text


def test_neither_and_tampoco_negate_a_price_rule():
    es = facts_of("No ajustamos precios después de la compra. Tampoco igualamos precios de otras tiendas.", "", "es")
    assert [f.value for f in used(es, "prices.price_match")] == [False]
    en = facts_of("We neither match competitor prices nor refund later discounts.", "Pricing")
    assert [f.value for f in used(en, "prices.price_match")] == [False]


def test_a_tables_free_shipping_column_holds_thresholds_and_its_fee_column_does_not():
    de = (
        "| Land | Paketdienst | Lieferzeit | Porto | Versandkostenfrei ab |\n"
        "|---|---|---|---|---|\n"
        "| Belgien | DPD | 3-4 Werktage | 8,50 € | 90 € |\n"
        "| Dänemark | GLS | 4-6 Werktage | 12,00 € | kein Gratisversand |\n"
    )
    facts = used(facts_of(de, "Versand", "de"), "shipping.free_threshold")
    assert [(f.value, f.unit, scope(f)) for f in facts] == [(90, "EUR", {"region": "Belgien"})]
    zh = (
        "| 地区 | 快递 | 时效 | 包邮门槛 | 不满包邮时运费 |\n"
        "|---|---|---|---|---|\n"
        "| 广东 | 中通 | 1-2天 | 满199元 | 10元 |\n"
    )
    facts = used(facts_of(zh, "配送", "zh"), "shipping.free_threshold")
    assert [(f.value, f.unit) for f in facts] == [(199, "CNY")]


def test_full_width_thousands_separators_read_as_one_amount():
    text = "沖縄へのお届けは、税込８，８００円以上のご注文で送料無料です。"
    facts = used(facts_of(text, "送料", "ja"), "shipping.free_threshold")
    assert [(f.value, f.unit) for f in facts] == [(8800, "JPY")]


def test_a_faq_question_states_no_rule_and_its_answer_does():
    text = (
        "Ｑ．購入後に値下げされた場合、差額を返してもらえますか？\n"
        "Ａ．申し訳ございませんが、値下げ後の差額のご返金は行っておりません。\n"
    )
    facts = used(facts_of(text, "価格について", "ja"), "prices.adjustment")
    assert [f.value for f in facts] == [False]


def test_a_list_item_that_ends_with_a_colon_introduces_the_nested_list():
    text = "- 下列商品不支持退货：\n  1. 定制刻字的钢笔；\n  2. 已拆封的墨水。\n- 退货运费由买家承担。\n"
    facts = used(facts_of(text, "退货", "zh"), "returns.excluded")
    phrases = [p for f in facts for p in f.value]
    assert any("钢笔" in p for p in phrases) and any("墨水" in p for p in phrases)
    assert not any("运费" in p for p in phrases)


def test_a_region_heading_scopes_the_bullets_under_it():
    text = "- FedEx International Economy, 4-7 business days.\n- Flat rate of $24.00 per order.\n"
    facts = facts_of(text, "Shipping > Mexico")
    transit = used(facts, "shipping.transit_time")
    assert [(f.value, f.max_value, scope(f)) for f in transit] == [(4, 7, {"region": "Mexico"})]
    assert [(f.value, scope(f)) for f in used(facts, "shipping.carrier")] == [("FedEx", {"region": "Mexico"})]


def test_leader_dots_separate_a_region_label_from_its_transit_time():
    text = "お届け日数の目安：\n・北海道……２〜３日\n"
    facts = used(facts_of(text, "配送について", "ja"), "shipping.transit_time")
    assert [(f.value, f.max_value, scope(f)) for f in facts] == [(2, 3, {"region": "北海道"})]


def test_a_warranty_that_covers_named_products_is_scoped_to_them():
    active = facts_of("Our workshop warranty covers hand tools for 5 years.", "Warranty")
    length = used(active, "warranty.length")
    assert [(f.value, f.unit, scope(f)) for f in length] == [(5, "year", {"product_class": "hand tools"})]
    passive = facts_of("Backpacks and tents are covered against seam failures for 2 years.", "Warranty")
    assert [scope(f) for f in used(passive, "warranty.length")] == [{"product_class": "Backpacks and tents"}]
    faults = facts_of("Problems that show up later are covered by our 2-year warranty.", "Warranty")
    assert [scope(f) for f in used(faults, "warranty.length")] == [{}]


def test_wont_cover_lists_warranty_exclusions():
    facts = facts_of("The warranty won't cover burns, water damage or lost parts.", "Warranty")
    phrases = [p for f in used(facts, "warranty.excludes") for p in f.value]
    assert {"burns", "water damage", "lost parts"} <= set(phrases)


def test_a_german_verb_first_condition_scopes_the_refund_method():
    text = "Hast du per Vorkasse bezahlt, überweisen wir den Betrag auf dein Konto."
    facts = used(facts_of(text, "Erstattung", "de"), "refunds.method")
    assert [(f.value, scope(f)) for f in facts] == [("bank_transfer", {"payment_method": "Vorkasse"})]


def test_a_sentence_listing_destinations_gives_the_shipping_regions():
    facts = facts_of("At the moment we ship to Norway, Iceland and the Faroe Islands.", "Shipping")
    assert [f.value for f in used(facts, "shipping.regions")] == [["Norway", "Iceland", "Faroe Islands"]]
    ja = facts_of("配送可能な国・地域：タイ、ベトナム、マレーシア", "海外発送", "ja")
    assert [f.value for f in used(ja, "shipping.regions")] == [["タイ", "ベトナム", "マレーシア"]]
    # A shipping rule that names one destination is not the list of all destinations.
    assert not used(facts_of("We ship to Norway in 3-5 business days.", "Shipping"), "shipping.regions")


def test_no_other_destinations_after_a_table_makes_its_rows_the_list():
    table = (
        "| Destino | Transportista | Plazo |\n|---|---|---|\n"
        "| Italia | SEUR | 3-5 días laborables |\n| Grecia | SEUR | 5-8 días laborables |\n"
    )
    closed = facts_of(table + "\nFuera de estos países no realizamos envíos por ahora.\n", "Envíos", "es")
    assert [f.value for f in used(closed, "shipping.regions")] == [["Italia", "Grecia"]]
    assert not used(facts_of(table, "Envíos", "es"), "shipping.regions")  # a table alone need not be complete


class _ClosingReader:
    """The learned reader's one answer this test needs: the sentence closes the list of destinations."""

    def ships_only(self, text: str) -> float:
        return 0.9


def test_places_a_sentence_refuses_in_any_wording_leave_the_labelled_destinations():
    from assist.policy_extract.destinations import closing
    from assist.policy_extract.text import units

    table = "| Area | Delivery |\n|---|---|\n| Germany | 2-3 days |\n| Austria and Switzerland | 3-4 days |\n"
    refused = units(PolicyChunk("c1", table + "\nNorway, Iceland and Greenland are not served at the moment.\n"))
    rows, sentence = [u for u in refused if u.kind == "row"], refused[-1]
    [read] = closing(sentence, refused[:-1], _ClosingReader(), rows)
    assert read.value == ["Germany", "Austria", "Switzerland"]
    served = units(PolicyChunk("c1", table + "\nNothing leaves for places outside Germany, Austria and Switzerland.\n"))
    [read] = closing(served[-1], served[:-1], _ClosingReader(), rows)
    assert read.value == ["Germany", "Austria", "Switzerland"]  # the places it names are the labelled ones


class _ReaderOf:
    """The learned reader's reading of a sentence closing the list of destinations, as given."""

    def __init__(self, probability: float) -> None:
        self.probability = probability

    def ships_only(self, text: str) -> float:
        return self.probability


def test_a_sentence_right_under_a_delivery_table_closes_its_list_on_a_surer_reading_than_elsewhere():
    from assist.policy_extract.destinations import closing
    from assist.policy_extract.text import units

    table = "| Area | Delivery |\n|---|---|\n| Germany | 2-3 days |\n| Austria | 3-4 days |\n"
    under = units(PolicyChunk("c1", table + "\nThat is all for now.\n", "Delivery"))
    rows = [u for u in under if u.kind == "row"]
    [read] = closing(under[-1], under[:-1], _ReaderOf(0.65), rows)  # right under the table: a weaker reading does
    assert read.value == ["Germany", "Austria"]
    assert closing(under[-1], under[:-1], _ReaderOf(0.5), rows) == []
    later = units(PolicyChunk("c1", table + "\nParcels are insured.\n\nThat is all for now.\n", "Delivery"))
    assert closing(later[-1], later[:-1], _ReaderOf(0.65), rows) == []  # not right under it: the usual floor


def test_the_refund_time_of_a_cancelled_order():
    facts = facts_of("Money for a cancelled order is refunded to your card within 4 business days.", "Orders")
    assert [(f.value, f.unit) for f in used(facts, "cancellation.refund_time")] == [(4, "business_day")]
    assert not used(facts, "cancellation.window")


def test_tracking_that_stops_moving_paraphrased():
    de = facts_of(
        "Hat sich die Sendungsverfolgung 5 Werktage lang nicht verändert, beauftragen wir eine Nachforschung.",
        "Verlorene Pakete",
        "de",
    )
    assert [(f.value, f.unit) for f in used(de, "lost.report_after")] == [(5, "business_day")]
    es = facts_of("Si tu paquete lleva 3 días laborables sin moverse, escríbenos.", "Paquetes perdidos", "es")
    assert [(f.value, f.unit) for f in used(es, "lost.report_after")] == [(3, "business_day")]


def test_second_person_payers_and_deducted_label_costs():
    de = facts_of("Die Kosten für die Rücksendung zahlst du selbst.", "Rückgabe", "de")
    assert [f.value for f in used(de, "returns.shipping_paid_by")] == ["buyer"]
    es = facts_of("Los gastos de la devolución corren por tu cuenta.", "Devoluciones", "es")
    assert [f.value for f in used(es, "returns.shipping_paid_by")] == ["buyer"]


def test_paraphrased_before_shipping_rules():
    de = facts_of("Stornieren kannst du, solange das Paket das Lager noch nicht verlassen hat.", "Stornierung", "de")
    assert [f.value for f in used(de, "cancellation.rule")] == ["before_shipping"]
    es = facts_of("Puedes cambiar la dirección de entrega mientras tu pedido no haya sido enviado.", "Pedidos", "es")
    assert [f.value for f in used(es, "address_change.rule")] == ["before_shipping"]


def test_paraphrased_price_drop_rules():
    es = facts_of("Si bajamos el precio en los 7 días posteriores a tu compra, te abonamos la diferencia.", "", "es")
    assert [(f.value, f.unit) for f in used(es, "prices.adjustment_window")] == [(7, "day")]
    de = facts_of("Eine Preisanpassung nach dem Kauf bieten wir leider nicht an.", "Preise", "de")
    assert [f.value for f in used(de, "prices.adjustment")] == [False]


def test_all_of_a_named_class_scopes_a_warranty_and_all_products_does_not():
    named = facts_of("Todas las macetas de cerámica tienen una garantía de 2 años.", "Garantía", "es")
    assert [scope(f) for f in used(named, "warranty.length")] == [{"product_class": "macetas de cerámica"}]
    every = facts_of("Every item we sell comes with a 2-year warranty.", "Warranty")
    assert [scope(f) for f in used(every, "warranty.length")] == [{}]


def test_a_japanese_modifier_before_no_is_not_the_product():
    facts = facts_of("当店でお買い求めの腕時計には、1年間の保証がございます。", "保証", "ja")
    assert [scope(f) for f in used(facts, "warranty.length")] == [{"product_class": "腕時計"}]


def test_a_clause_opening_word_is_not_a_warranty_exclusion():
    text = "ただし、水濡れ、落下による破損は保証の対象外です。"
    phrases = [p for f in used(facts_of(text, "保証", "ja"), "warranty.excludes") for p in f.value]
    assert "ただし" not in phrases and any("水濡れ" in p for p in phrases)


def test_a_return_labels_carrier_is_not_the_delivery_carrier():
    facts = facts_of("- **UK orders:** we send you a prepaid Royal Mail return label.", "Returns")
    assert not used(facts, "shipping.carrier")


def test_a_number_under_a_heading_naming_several_topics_waits_for_review():
    facts = facts_of("Please write to us within 5 days.", "Damaged parcels and cancellations")
    assert not [f for f in facts if f.unit == "day" and not f.needs_review]


def test_exclusions_after_a_colon_drop_their_examples():
    text = "以下情况不在保修范围内：意外跌落（摔碎、压扁）、浸水、自行维修。"
    phrases = [p for f in used(facts_of(text, "保修", "zh"), "warranty.excludes") for p in f.value]
    assert phrases == ["意外跌落", "浸水", "自行维修"]


def test_a_faq_answer_reads_in_the_light_of_its_question():
    text = (
        "Q. My parcel shows as delivered but it is not here. What now?\n"
        "A. Check with your neighbours first.\n"
        "If it still hasn't turned up 3 days later, please contact us.\n"
    )
    facts = used(facts_of(text, "Help"), "lost.not_received_wait")
    assert [(f.value, f.unit) for f in facts] == [(3, "day")]


def test_a_heading_on_damaged_or_wrong_items_gives_both_windows():
    facts = facts_of(
        "Please tell us within 10 days of delivery.", "Help > An item arrived damaged or is the wrong item"
    )
    assert [(f.slot, f.value) for f in used(facts, "damage.report_window")] == [("damage.report_window", 10)]
    assert [f.value for f in used(facts, "wrong_item.report_window")] == [10]


def test_a_fault_window_is_not_the_transport_damage_window():
    facts = facts_of("Shows a malfunction within 30 days? We exchange it.", "Faults and transport damage")
    assert not used(facts, "damage.report_window")


def test_abbreviations_do_not_end_the_sentence():
    en = facts_of("Orders in by 2 p.m. Pacific leave the warehouse the same day.", "Shipping")
    assert [f.value for f in used(en, "shipping.dispatch_cutoff")] == ["14:00"]
    de = facts_of("Zölle (inkl. ggf. Gebühren) zahlst du bei Lieferung in die Schweiz.", "Versand", "de")
    assert [(f.value, scope(f)) for f in used(de, "customs.paid_by")] == [("buyer", {"region": "Schweiz"})]


def test_customs_paraphrases_and_a_region_named_by_the_question():
    us = facts_of("Parcels sent within Mexico never have import duties.", "Customs")
    assert [(f.value, scope(f)) for f in used(us, "customs.paid_by")] == [("none", {"region": "Mexico"})]
    ja = "Ｑ．海外へ送る場合、関税はかかりますか？\nＡ．関税が課される場合は、受取人さまのご負担です。\n"
    assert [f.value for f in used(facts_of(ja, "海外発送", "ja"), "customs.paid_by")] == ["buyer"]


def test_our_mistake_is_a_wrong_item():
    facts = facts_of("If the item is faulty or it was our mistake, we pay the return shipping.", "Returns")
    assert set(used(facts, "returns.shop_pays_when")[0].value) == {"defective", "wrong_item"}


def test_the_time_until_dispatch_with_its_products():
    es = facts_of("Preparamos todos los pedidos en 2 a 3 días laborables.", "Envíos", "es")
    assert [(f.value, f.max_value, scope(f)) for f in used(es, "shipping.dispatch_time")] == [(2, 3, {})]
    en = facts_of("Custom engraved rings are dispatched within 5 business days.", "Shipping")
    dispatch = used(en, "shipping.dispatch_time")
    assert [(f.value, scope(f)) for f in dispatch] == [(5, {"product_class": "Custom engraved rings"})]
    zh = facts_of("现货商品付款后48小时内发货。", "发货", "zh")
    assert [(f.value, f.unit) for f in used(zh, "shipping.dispatch_time")] == [(48, "hour")]
    # A refund "within 5 days" is no dispatch time.
    de = facts_of("Der Betrag wird innerhalb von 5 Werktagen erstattet.", "Erstattung", "de")
    assert not used(de, "shipping.dispatch_time")


def test_refund_method_and_start_in_german_second_person():
    text = "Ist deine Rücksendung angekommen, erstatten wir den Betrag über die Zahlungsart, mit der du bezahlt hast."
    facts = facts_of(text, "Erstattung", "de")
    assert [f.value for f in used(facts, "refunds.method")] == ["original_payment_method"]


def test_a_bold_faq_question_gives_its_answer_the_topic():
    text = (
        "**Ich habe vergessen, meinen Rabattcode einzugeben. Geht das noch?**\nJa, melde dich innerhalb von 5 Tagen.\n"
    )
    facts = used(facts_of(text, "FAQ", "de"), "prices.code_after_purchase")
    assert [(f.value, f.unit) for f in facts] == [(5, "day")]


def test_no_need_to_send_it_back_in_spanish():
    facts = facts_of("Si llega roto, no hace falta que nos lo devuelvas: te mandamos otro.", "Daños", "es")
    assert [f.value for f in used(facts, "damage.return_required")] == [False]


def test_arrival_as_the_start_event_leaves_the_topic_to_the_context():
    text = "Q. My order arrived broken. What should I do?\nA. Please write to us within 5 days of arrival.\n"
    facts = used(facts_of(text, "Help"), "damage.report_window")
    assert [(f.value, f.unit) for f in facts] == [(5, "day")]


def test_the_last_item_of_an_exclusion_list_may_end_with_a_full_stop():
    text = (
        "No se admiten devoluciones de:\nsemillas abiertas\nplantas de temporada\nbonos regalo.\n"
        "Otro párrafo, largo, que no es parte de la lista.\n"
    )
    phrases = [p for f in used(facts_of(text, "Devoluciones", "es"), "returns.excluded") for p in f.value]
    assert phrases == ["semillas abiertas", "plantas de temporada", "bonos regalo"]


def test_a_carrier_named_in_an_aside_is_not_the_shipping_carrier():
    text = "Lithium batteries can only be sent within France (Colissimo special service)."
    assert not used(facts_of(text, "Shipping"), "shipping.carrier")


def test_an_iso_code_before_a_dollar_sign_names_the_dollar():
    facts = facts_of("Free shipping on orders of CAD $120 or more.", "Shipping > Canada")
    assert [(f.value, f.unit) for f in used(facts, "shipping.free_threshold")] == [(120, "CAD")]


def test_a_duty_free_value_is_the_customs_threshold():
    facts = facts_of("Parcels to Norway valued under NOK 3000 clear customs without duties.", "Customs")
    assert [(f.value, f.unit, scope(f)) for f in used(facts, "customs.threshold")] == [
        (3000, "NOK", {"region": "Norway"})
    ]


def test_postage_reimbursed_up_to_a_cap_is_no_return_label_price():
    # the most the shop pays back is not what sending a return costs the buyer, in any wording of the cap
    for text, section, language in [
        ("Where we cannot send a prepaid return label, we reimburse your postage up to €18.", "Return shipping", "en"),
        ("Ohne Etikett erstatten wir das Rückporto gegen Beleg bis 18 €.", "Rücksendekosten", "de"),
        ("ラベルを発行できない地域では、返品送料を18ユーロまで払い戻します。", "返品送料", "ja"),
        ("无法提供退货面单的地区，凭收据报销退货运费，最高18欧元。", "退货运费", "zh"),
    ]:
        assert used(facts_of(text, section, language), "returns.shipping_cost") == [], text
    priced = facts_of("A tracked return label costs €4.50; the cost is deducted from your refund.", "Returns")
    assert [f.value for f in used(priced, "returns.shipping_cost")] == [4.5]


def test_an_order_value_beside_a_return_is_no_return_label_price():
    text = (
        "Setzte ein Gutschein einen Mindestwert voraus (etwa 7 € Nachlass ab 60 €) und fällt die Bestellung nach der "
        "Rücksendung darunter, rechnen wir den Nachlass mit der Erstattung ab."
    )
    assert used(facts_of(text, "Gutscheine und Teilrücksendungen", "de"), "returns.shipping_cost") == []


def test_a_translation_that_names_the_region_scopes_the_others_unscoped_reading():
    en = (
        "You can buy a return label for €4.20 (EU) or €7.70 (UK). Returns are accepted within 21 days of delivery. "
        "Refunds are issued within 6 days."
    )
    de = (
        "Ein Rücksendeetikett kostet 4,20 € aus der EU, 7,70 € aus Großbritannien. Rückgaben nehmen wir innerhalb "
        "von 21 Tagen nach Zustellung an. Erstattungen erfolgen innerhalb von 6 Tagen."
    )
    facts = extract_facts(
        [
            PolicyChunk("en", en, "Return shipping costs", "en", source="en/returns.md"),
            PolicyChunk("de", de, "Kosten der Rücksendung", "de", source="de/returns.md"),
        ],
        primary_language="en",
    )
    costs = sorted((f.value, f.scope.region) for f in used(facts, "returns.shipping_cost"))
    assert costs == [(4.2, "EU"), (7.7, "UK")]


def test_a_table_of_years_per_product_is_a_warranty_in_a_language_without_cue_words():
    et = (
        "| Toode | Tähtaeg | Põhiosa tähtaeg |\n"
        "|---|---|---|\n"
        "| Tolmuimejad | 2 aastat | mootor — 5 aastat |\n"
        "| Triikrauad | 1 aasta | — |\n"
    )
    facts = used(facts_of(et, "Tingimused", "et"), "warranty.length")
    assert sorted((f.value, f.unit, scope(f)["product_class"]) for f in facts) == [
        (1, "year", "Triikrauad"),
        (2, "year", "Tolmuimejad"),
        (5, "year", "Tolmuimejad: mootor"),
    ]


def test_years_beside_a_place_or_in_a_cue_word_language_are_no_warranty_by_shape():
    et = "| Piirkond | Tähtaeg |\n|---|---|\n| Rootsi | 1 aasta |\n| Saksamaa | 2 aastat |\n| Leedu | 2 aastat |\n"
    assert used(facts_of(et, "Tingimused", "et"), "warranty.length") == []
    en = "| Card | Valid for |\n|---|---|\n| Gift card | 2 years |\n| Store credit | 1 year |\n"
    assert used(facts_of(en, "Gift cards"), "warranty.length") == []
