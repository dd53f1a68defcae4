"""Policy facts from document shapes and scripts the cue words were not written in: Traditional Chinese read through
the OpenCC conversion (every fact keeps the shop's own characters), FAQ pages whose question names the topic and
whose answer holds the rule, currencies named in words.

Every sentence here is written for the test (paraphrases in other words, languages and numbers), not taken from a
shop."""

from __future__ import annotations

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_facts import PolicyFact


def facts_of(text: str, section: str = "", language: str | None = None) -> list[PolicyFact]:
    return extract_facts([PolicyChunk("c1", text, section, language)])


def used(facts: list[PolicyFact], slot: str) -> list[PolicyFact]:
    return [f for f in facts if f.slot == slot and not f.needs_review]


def scope(fact: PolicyFact) -> dict[str, str]:
    return fact.scope.model_dump(exclude_none=True)


# --- Traditional Chinese ---------------------------------------------------------------------------------------


def test_traditional_chinese_returns_are_read_and_cite_the_original_sentence():
    text = "商品到貨後10天內可申請退貨。退貨運費由買家負擔。"
    facts = facts_of(text, "退換貨說明", "zh")
    window = used(facts, "returns.window")
    assert [(f.value, f.unit) for f in window] == [(10, "day")]
    assert window[0].sentence == "商品到貨後10天內可申請退貨。"  # the shop's characters, not 退货
    assert [f.value for f in used(facts, "returns.shipping_paid_by")] == ["buyer"]


def test_the_same_rule_reads_alike_in_traditional_and_simplified_characters():
    traditional = "本店所有茶壺提供一年保固。退款將於收到退貨後5個工作天內完成。"
    simplified = "本店所有茶壶提供一年保固。退款将于收到退货后5个工作天内完成。"
    read = [
        sorted((f.slot, f.value, f.max_value, f.unit) for f in facts_of(t, "", "zh") if not f.needs_review)
        for t in (traditional, simplified)
    ]
    assert read[0] == read[1]
    assert ("refunds.time", 5, None, "business_day") in read[0]


def test_a_traditional_region_scope_keeps_the_shops_characters():
    text = "港澳地區：順豐速運，運費新台幣300元，出貨後3至6個工作天送達；單筆滿新台幣2,000元免運費。"
    facts = facts_of(text, "配送方式", "zh")
    transit = used(facts, "shipping.transit_time")
    assert [(f.value, f.max_value, f.unit) for f in transit] == [(3, 6, "business_day")]
    assert scope(transit[0])["region"].startswith("港澳")
    assert "運費" in (transit[0].sentence or "")
    free = used(facts, "shipping.free_threshold")
    assert [(f.value, f.unit) for f in free] == [(2000, "TWD")]


def test_japanese_kanji_are_never_converted():
    text = "商品到着後14日以内であれば返品できます。"
    facts = facts_of(text, "返品について", "ja")
    assert [f.sentence for f in used(facts, "returns.window")] == [text]


# --- currencies named in words ---------------------------------------------------------------------------------


def test_currencies_named_in_words_read_as_their_code():
    from assist.policy_extract.values import money_values

    def read(text: str) -> list[tuple[float | str, str | None]]:
        return [(v.value, v.unit) for v in money_values(text)]

    assert read("运费新台币90元") == [(90, "TWD")]
    assert read("申报价值超过40澳元时") == [(40, "AUD")]
    assert read("2万日元以下免税") == [(20000, "JPY")]
    assert read("NT$2,400 起免运") == [(2400, "TWD")]
    assert read("Frete de R$ 14,90") == [(14.9, "BRL")]


# --- FAQ shapes --------------------------------------------------------------------------------------------------


def test_a_question_heading_names_the_topic_of_a_short_answer():
    facts = facts_of("Sim, desde que ainda não tenha sido enviado.", "Dúvidas > Posso cancelar minha compra?", "pt")
    assert [f.value for f in used(facts, "cancellation.rule")] == ["before_shipping"]
    de = facts_of("Ja, solange das Paket noch nicht versandt wurde.", "FAQ > Kann ich meine Bestellung stornieren?")
    assert [f.value for f in used(de, "cancellation.rule")] == ["before_shipping"]


def test_a_question_line_scopes_its_answer_across_a_blank_line():
    text = "**Can I still change my delivery address?**\n\nYes, as long as it has not been shipped yet."
    facts = facts_of(text, "Help")
    assert [f.value for f in used(facts, "address_change.rule")] == ["before_shipping"]


def test_spelled_out_question_and_answer_markers_are_no_sentence():
    text = "P: Posso cancelar o pedido?\nR: Pode, enquanto ele ainda não foi enviado."
    facts = facts_of(text, "Perguntas", "pt")
    cancel = used(facts, "cancellation.rule")
    assert [f.value for f in cancel] == ["before_shipping"]
    es = "Pregunta: ¿Puedo cancelar mi pedido?\nRespuesta: Sí, mientras no se haya enviado."
    assert [f.value for f in used(facts_of(es, "Preguntas", "es"), "cancellation.rule")] == ["before_shipping"]


def test_an_answer_that_names_its_own_topic_is_not_read_as_the_questions():
    text = "**Can I cancel my order?**\n\nRefunds for cancelled orders take 4 business days."
    facts = facts_of(text, "FAQ")
    assert not used(facts, "cancellation.rule")


def test_a_payment_method_named_in_the_condition_scopes_the_refund_method():
    text = "コンビニ払い・銀行振込でご購入の場合、返金はご指定の口座へのお振込みとなります。"
    facts = used(facts_of(text, "返金について", "ja"), "refunds.method")
    assert [(f.value, scope(f)) for f in facts] == [("bank_transfer", {"payment_method": "コンビニ払い"})]


# --- list shapes -------------------------------------------------------------------------------------------------


def test_a_numbered_sub_list_in_parentheses_lists_its_items():
    text = (
        "2. 下列商品不接受退货：\n   (1) 已开封的咖啡豆；\n   (2) 定制雕刻杯；\n   (3) 电子礼品卡。\n3. 其他商品可退。"
    )
    facts = used(facts_of(text, "退货", "zh"), "returns.excluded")
    assert [f.value for f in facts] == [["已开封的咖啡豆", "定制雕刻杯", "电子礼品卡"]]
    full_width = "以下は返品できません：\n（１）セール品\n（２）組み立て済みの家具\n"
    assert [f.value for f in used(facts_of(full_width, "返品", "ja"), "returns.excluded")] == [
        ["セール品", "組み立て済みの家具"]
    ]


def test_a_rule_bullet_over_a_nested_list_introduces_it_and_the_list_ends_at_the_next_bullet():
    text = (
        "- Some items cannot be returned.\n"
        "  - engraved pens\n"
        "  - opened ink bottles\n"
        "- Faulty items are replaced at our cost.\n"
    )
    facts = used(facts_of(text, "Returns"), "returns.excluded")
    assert [f.value for f in facts] == [["engraved pens", "opened ink bottles"]]


def test_a_negated_return_intro_introduces_an_exclusion_list_in_any_language():
    pt = "Não fazemos troca nem devolução de:\n- meias\n- brincos\n\nOutras peças: 30 dias."
    assert [f.value for f in used(facts_of(pt, "Trocas", "pt"), "returns.excluded")] == [["meias", "brincos"]]
    en = "Returns are not possible for:\n- swimwear\n- pierced jewellery\n"
    assert [f.value for f in used(facts_of(en, "Returns"), "returns.excluded")] == [["swimwear", "pierced jewellery"]]
    kept = "You can return these within 30 days:\n- shoes\n- bags\n"  # no negation: a list of what can be returned
    assert not used(facts_of(kept, "Returns"), "returns.excluded")


# --- phrasings of Brazilian Portuguese and Traditional Chinese policies ----------------------------------------


def test_a_faq_question_without_a_topic_reads_under_the_heading_above_it():
    facts = facts_of(
        "A roupa deve voltar sem uso e com as etiquetas.", "Ajuda > Trocas e devoluções > Em que estado a roupa chega?"
    )
    assert [sorted(f.value) for f in used(facts, "returns.conditions")] == [["tags_attached", "unused"]]


def test_brazilian_who_pays_phrasings():
    ret = facts_of("O frete de retorno fica por conta do comprador.", "Devoluções", "pt")
    assert [f.value for f in used(ret, "returns.shipping_paid_by")] == ["buyer"]
    duty = facts_of("Para o Chile, taxas alfandegárias são de responsabilidade do destinatário.", "Alfândega", "pt")
    assert [(f.value, scope(f)) for f in used(duty, "customs.paid_by")] == [("buyer", {"region": "Chile"})]


def test_traditional_chinese_rules_read_in_taiwanese_wording():
    lost = facts_of("若訂單的物流狀態連續5天都沒有更新，請來信告知客服。", "包裹遺失", "zh")
    assert [(f.value, f.unit) for f in used(lost, "lost.report_after")] == [(5, "day")]
    refund = used(facts_of("以信用卡付款者，退款將刷退至原卡。", "退款方式", "zh"), "refunds.method")
    assert [(f.value, scope(f)) for f in refund] == [("original_payment_method", {"payment_method": "信用卡"})]
    address = facts_of("收件地址僅能於出貨前修改，出貨後無法更改。", "訂單修改", "zh")
    assert [f.value for f in used(address, "address_change.rule")] == ["before_shipping"]
    cancel = facts_of("訂單尚未出貨前，可來信取消。", "取消訂單", "zh")
    assert [f.value for f in used(cancel, "cancellation.rule")] == ["before_shipping"]


def test_a_traditional_chinese_damage_rule_reads_evidence_remedy_and_no_return():
    text = "商品若於配送時破損，請於到貨後48小時內拍照並錄製開箱影片聯繫我們。確認後將補寄新品，破損品不必寄回。"
    facts = facts_of(text, "運送破損", "zh")
    assert [(f.value, f.unit) for f in used(facts, "damage.report_window")] == [(48, "hour")]
    assert "video" in used(facts, "damage.evidence")[0].value
    assert [f.value for f in used(facts, "damage.remedy")] == [["replacement"]]
    assert [f.value for f in used(facts, "damage.return_required")] == [False]


def test_every_comma_joined_part_before_a_chinese_not_covered_cue_is_excluded():
    text = "人為摔落、泡水造成的故障，以及自行拆修的產品，不在保固範圍內。"
    facts = used(facts_of(text, "保固說明", "zh"), "warranty.excludes")
    assert [f.value for f in facts] == [["人為摔落", "泡水造成的故障", "自行拆修的產品"]]
    own = "茶壺享有2年保固，人為損壞不在保固範圍內。"  # the part before that states the warranty is no item
    assert [f.value for f in used(facts_of(own, "保固", "zh"), "warranty.excludes")] == [["人為損壞"]]


# --- scope from a list label, next-day durations, duties above an amount ----------------------------------------


def test_a_region_label_over_nested_rule_bullets_scopes_each_of_them():
    text = (
        "1. 九州:\n"
        "   (1) 佐川急便、送料900円、発送後2〜3日でお届けします。\n"
        "   (2) 沖縄は発送後4〜6日でお届けします。\n"
        "2. 返品は到着後10日以内にご連絡ください。\n"
    )
    facts = used(facts_of(text, "配送", "ja"), "shipping.transit_time")
    assert sorted((f.value, f.max_value, scope(f).get("region")) for f in facts) == [(2, 3, "九州"), (4, 6, "沖縄")]


def test_next_day_phrases_are_durations_of_one_day():
    from assist.policy_extract.values import duration_values

    def read(text: str) -> list[tuple[float | str, float | None, str | None]]:
        return [(v.value, v.max_value, v.unit) for v in duration_values(text)]

    assert read("| 関東 | 翌日〜3日 |") == [(1, 3, "day")]
    assert read("Bestellungen nach 15 Uhr gehen am nächsten Werktag raus.") == [(1, None, "business_day")]
    assert read("下午3点后付款的订单，于下一个工作日发货。") == [(1, None, "business_day")]
    assert read("Envío en 2-4 días.") == [(2, 4, "day")]


def test_a_table_row_with_a_next_day_range_is_a_transit_time():
    text = "| 地域 | 配送業者 | 送料 | お届け日数 |\n|---|---|---|---|\n| 関東 | 佐川急便 | 700円 | 翌日〜3日 |\n"
    facts = used(facts_of(text, "配送について", "ja"), "shipping.transit_time")
    assert [(f.value, f.max_value, f.unit, scope(f)) for f in facts] == [(1, 3, "day", {"region": "関東"})]


def test_a_service_named_next_day_is_an_express_option_not_the_standard_transit_time():
    text = "Pick Royal Mail Next Day at checkout (£7.50) and your parcel arrives the next working day in the UK."
    assert not used(facts_of(text, "UK delivery"), "shipping.transit_time")


def test_an_amount_above_which_duties_are_due_is_the_customs_threshold():
    zh = facts_of("澳洲：包裹申報價值超過1,000澳幣時，可能會被課徵關稅。", "關稅與進口稅", "zh")
    assert [(f.value, f.unit) for f in used(zh, "customs.threshold")] == [(1000, "AUD")]
    en = facts_of("Parcels to Norway declared above NOK 3000 may be charged import VAT and duties.", "Customs")
    assert [(f.value, f.unit) for f in used(en, "customs.threshold")] == [(3000, "NOK")]


def test_an_arrival_word_before_a_window_is_its_start_not_a_shipping_topic():
    text = "- お届け後５日以内に、破れた箱の写真を添えてご連絡ください。"
    facts = facts_of(text, "ガイド > 配送中の破損について", "ja")
    assert [(f.value, f.unit) for f in used(facts, "damage.report_window")] == [(5, "day")]
    assert not used(facts, "shipping.transit_time")


# --- what a warranty covers, refunds by payment method, exchanges ------------------------------------------------


def test_a_warranty_on_a_kind_of_defect_has_no_product_scope():
    facts = facts_of("製造上の不具合（塗装のはがれ）は、お届けから２年間保証いたします。", "保証", "ja")
    assert [(f.value, f.unit, scope(f)) for f in used(facts, "warranty.length")] == [(2, "year", {})]
    assert not used(facts, "warranty.products")


def test_a_japanese_refund_by_bank_transfer_for_those_who_paid_by_transfer():
    text = "- 代金引換でお支払いの場合は、ご指定の口座へお振込みで返金します。"
    facts = used(facts_of(text, "ガイド > ご返金について", "ja"), "refunds.method")
    assert [(f.value, scope(f)) for f in facts] == [("bank_transfer", {"payment_method": "代金引換"})]


def test_an_exchange_rule_is_not_read_as_the_return_rule():
    text = (
        "Exchanges for another size can be requested within 60 days of delivery. "
        "Other items can be returned within 14 days of delivery."
    )
    windows = used(facts_of(text, "Returns and exchanges"), "returns.window")
    assert [(f.value, f.unit) for f in windows] == [(14, "day")]
    pt = "A primeira troca é por nossa conta. Nas devoluções, o frete de retorno fica por conta do cliente."
    payers = used(facts_of(pt, "Trocas e devoluções", "pt"), "returns.shipping_paid_by")
    assert [f.value for f in payers] == ["buyer"]


# --- end to end: a Traditional Chinese FAQ page through ingest and the facts listing ------------------------------


def test_a_traditional_chinese_faq_page_is_ingested_with_its_own_characters(data_dir, tmp_path):
    import json

    from typer.testing import CliRunner

    from assist.cli import app as cli

    runner = CliRunner()
    page = tmp_path / "faq.md"
    page.write_text(
        "# 常見問題\n\n"
        "## 退換貨\n\n"
        "**收到商品後多久內可以退貨？**\n\n"
        "請於收到商品後14天內提出申請，退貨運費由買家負擔。\n\n"
        "**哪些商品不能退？**\n\n"
        "以下商品恕不接受退換貨：\n"
        "(1) 已拆封的咖啡豆；\n"
        "(2) 電子禮物卡。\n",
        encoding="utf-8",
    )
    assert runner.invoke(cli, ["shops", "create", "kafei"]).exit_code == 0
    result = runner.invoke(cli, ["policies", "ingest", "--shop", "kafei", str(page)])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(cli, ["policies", "facts", "--shop", "kafei", "--json"])
    assert listed.exit_code == 0, listed.output
    facts = {f["slot"]: f for f in json.loads(listed.stdout)["facts"] if not f["needs_review"]}
    assert (facts["returns.window"]["value"], facts["returns.window"]["unit"]) == (14, "day")
    assert facts["returns.window"]["sentence"].startswith("請於收到商品後14天內")  # the page's characters
    assert facts["returns.shipping_paid_by"]["value"] == "buyer"
    assert facts["returns.excluded"]["value"] == ["已拆封的咖啡豆", "電子禮物卡"]


def test_a_remedy_after_a_semicolon_is_read_beside_a_report_window():
    text = "请在签收后72小时内联系客服并提供照片；核实后我们将补发新品，破损件无需寄回。"
    facts = facts_of(text, "运输破损", "zh")
    assert [(f.value, f.unit) for f in used(facts, "damage.report_window")] == [(72, "hour")]
    assert [f.value for f in used(facts, "damage.remedy")] == [["replacement"]]
    es = "Avísanos en 5 días con fotos; después te enviamos uno nuevo sin coste."
    assert [f.value for f in used(facts_of(es, "Productos dañados", "es"), "damage.remedy")] == [["replacement"]]


# --- languages no buyer list names, tables in them --------------------------------------------------------------


def test_a_fee_cell_with_its_free_from_amount_in_brackets_is_one_fee():
    text = (
        "| Destination | Carrier | Delivery time | Shipping fee |\n|---|---|---|---|\n"
        "| Austria | GLS | 2-3 business days | €5.90 (no charge for orders from €80) |\n"
        "| Belgium | GLS | 3-4 business days | €8.50 |\n"
    )
    fees = used(facts_of(text, "Delivery", "en"), "shipping.cost")
    assert sorted((scope(f)["region"], f.value, f.unit) for f in fees) == [
        ("Austria", 5.9, "EUR"),
        ("Belgium", 8.5, "EUR"),
    ]


def test_a_fee_cells_bracketed_order_value_is_where_shipping_turns_free():
    text = (
        "| Destination | Carrier | Delivery time | Shipping fee |\n|---|---|---|---|\n"
        "| Austria | GLS | 2-3 business days | €5.90 (no charge for orders from €80) |\n"
        "| Belgium | GLS | 3-4 business days | €8.50 (€12.50 for parcels over 30 kg) |\n"
    )
    free = used(facts_of(text, "Delivery", "en"), "shipping.free_threshold")
    assert [(scope(f)["region"], f.value, f.unit) for f in free] == [("Austria", 80, "EUR")]


def test_two_fees_in_one_cell_without_a_label_are_still_left_alone():
    text = (
        "| Destination | Carrier | Delivery time | Shipping fee |\n|---|---|---|---|\n"
        "| Austria | GLS | 2-3 business days | €5.90, €9.90 |\n"
        "| Belgium | GLS | 3-4 business days | €8.50 |\n"
    )
    fees = used(facts_of(text, "Delivery", "en"), "shipping.cost")
    assert [scope(f)["region"] for f in fees] == ["Belgium"]


def test_a_currency_symbol_of_letters_is_read_in_any_case():
    from assist.policy_extract.values import money_values, written_in

    with written_in("sw"):
        read = [(v.value, v.unit) for v in money_values("Kutuma ni KSh 1,250 na kurudisha ni Ksh 300.")]
    assert read == [(1250, "KES"), (300, "KES")]


def test_a_unit_word_of_two_letters_is_read_as_cldr_writes_it():
    from assist.policy_extract.unit_words import cldr_durations

    assert [(low, unit) for _, _, low, _, unit in cldr_durations("Тігісіне 9 ай кепілдік береміз.", "kk", True)] == [
        (9, "month")
    ]


def test_a_unit_first_count_written_in_words_with_its_digits_in_brackets():
    from assist.policy_extract.unit_words import cldr_durations

    read = cldr_durations("Unaweza kuomba risiti ndani ya siku kumi (10) tangu kuagiza.", "sw", True)
    assert [(low, unit) for _, _, low, _, unit in read] == [(10, "day")]


def test_a_markdown_document_without_a_language_is_read_in_the_one_its_text_is_written_in():
    from assist.policy_extract.extractor import document_languages

    chunks = [
        PolicyChunk("a", "Toleo la 02/03/2027", "", None, "masharti.md"),
        PolicyChunk(
            "b",
            "Unaweza kurudisha bidhaa ndani ya siku kumi tangu uliipokea. Gharama ya kurudisha hulipwa na mnunuzi.",
            "Kurudisha bidhaa",
            None,
            "masharti.md",
        ),
    ]
    assert document_languages(chunks) == {"a": "sw", "b": "sw"}


def test_a_qa_pages_own_labels_mark_its_questions_and_answers():
    from assist.policy_extract.text import units

    text = "Sual: Kargo kaç gün sürer?\nCavap: Sifariş 3 iş günü ərzində çatdırılır.\n"
    read = units(PolicyChunk("c", text, "", "az"))
    assert [(u.text, u.question) for u in read] == [
        ("Kargo kaç gün sürer?", True),
        ("Sifariş 3 iş günü ərzində çatdırılır.", False),
    ]


def test_catalan_working_days_are_business_days():
    from assist.policy_extract.values import duration_values, written_in

    with written_in("ca"):
        found = duration_values("Lliurem en 2-3 dies feiners; 15 dies naturals.")
    read = [(d.value, d.max_value, d.unit) for d in found]
    assert read == [(2, 3, "business_day"), (15, None, "day")]
