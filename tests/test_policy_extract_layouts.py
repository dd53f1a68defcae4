"""Policy facts from legal and help-centre layouts: a two-column HTML table of keys and values written in
sentences (row heads in ``<th>``, answers in ``<td>`` with line breaks), Q/A exports in more languages, numbered
legal clauses, a table the chunker split, places named as exceptions, and a payment-method key cell.

Every sentence here is written for the test (paraphrases of general patterns), not taken from a shop."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.policy_extract import PolicyChunk, extract_facts
from assist.policy_extract.sources import document_chunks
from assist.policy_extract.text import units
from assist.policy_facts import PolicyFact
from retrievers.chunking import load_document

NOTICE = (
    '<!DOCTYPE html><html lang="en"><body><h1>Legal notice</h1><table>\n'
    "<tr><th>Seller</th><td>Example Trading Ltd</td></tr>\n"
    "<tr><th>Contact</th><td>By e-mail, on weekdays.</td></tr>\n"
    "<tr><th>Returns</th><td>Tell us within 10 days of delivery. Only unused items in their box are taken back."
    "<br>You pay for the return postage.</td></tr>\n"
    "<tr><th>Delivery time</th><td>Paid orders leave our warehouse within 2 business days."
    "<br>Engraved items leave later.</td></tr>\n"
    "</table></body></html>"
)


def used(facts: list[PolicyFact], slot: str) -> list[PolicyFact]:
    return [f for f in facts if f.slot == slot and not f.needs_review]


def test_a_legal_table_of_keys_and_sentences_reads_each_sentence_under_its_key(tmp_path: Path):
    page = tmp_path / "notice.html"
    page.write_text(NOTICE, encoding="utf-8")
    chunks = document_chunks(0, load_document(page), page.name, "en")
    facts = extract_facts(chunks)
    window = used(facts, "returns.window")
    assert [(f.value, f.unit) for f in window] == [(10, "day")]  # the key names the topic the sentence leaves out
    assert window[0].sentence == "Tell us within 10 days of delivery."  # one sentence, without its key cell
    assert [f.value for f in used(facts, "returns.shipping_paid_by")] == ["buyer"]  # from the cell's second line
    dispatch = used(facts, "shipping.dispatch_time")
    assert [(f.value, f.unit) for f in dispatch] == [(2, "business_day")]
    assert all("|" not in str(f.scope.model_dump(exclude_none=True)) for f in facts)  # no key cell as a scope


def test_a_table_with_a_header_row_keeps_it():
    text = "Zone | Delivery |\n\nNorway | 3-5 days |\n\nSweden | 2-4 days |\n\nFinland | 4-6 days |"
    rows = units(PolicyChunk("c", text, "Shipping", "en"))
    assert [u.header for u in rows] == [["Zone", "Delivery"]] * 3


def test_question_and_answer_markers_in_more_languages_are_no_sentence_text():
    text = (
        "Spørgsmål: Kan jeg bytte en vare? Det er en gave.\nSvar: Ja, inden for 30 dage.\n\n"
        "Vraag: Wat kost verzending?\nAntwoord: 5 euro."
    )
    read = units(PolicyChunk("c", text, "FAQ"))
    assert [(u.text, u.question) for u in read] == [
        ("Kan jeg bytte en vare?", True),
        ("Det er en gave.", True),  # the whole question line is the question
        ("Ja, inden for 30 dage.", False),
        ("Wat kost verzending?", True),
        ("5 euro.", False),
    ]
    assert read[2].asked is not None and read[2].asked.startswith("Kan jeg bytte")


def test_a_faq_whose_questions_end_in_the_arabic_question_mark_has_its_own_labels_read():
    # Persian: "سوال:" asks, "جواب:" answers; the questions end in "؟", not "?"
    text = "سوال: چند روز فرصت دارم؟\nجواب: شش ماه برای ترمیم.\n\nسوال: به کیش ارسال دارید؟\nجواب: بله."
    read = units(PolicyChunk("c", text, "FAQ", "fa"))
    assert [(u.text, u.question) for u in read] == [
        ("چند روز فرصت دارم؟", True),
        ("شش ماه برای ترمیم.", False),
        ("به کیش ارسال دارید؟", True),
        ("بله.", False),
    ]
    assert read[1].asked == "چند روز فرصت دارم؟"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("am", "ዕቃውን በ10 ቀናት ውስጥ መመለስ ይችላሉ። ዋስትናው ለ6 ወራት ያገለግላል።"),  # the Ethiopic full stop
        ("bn", "পণ্যটি ১০ দিনের মধ্যে ফেরত দিতে পারবেন। ওয়ারেন্টি ৬ মাস।"),  # the danda
        ("hy", "Ապրանքը կարող եք վերադարձնել 10 օրվա ընթացքում։ Երաշխիքը 6 ամիս է։"),  # the Armenian full stop
        ("ur", "آپ 10 دن میں سامان واپس کر سکتے ہیں۔ وارنٹی 6 ماہ ہے۔"),  # the Urdu full stop
    ],
)
def test_a_paragraph_is_split_at_its_own_scripts_full_stop(language: str, text: str):
    read = units(PolicyChunk("c", text, "Policy", language))
    assert len(read) == 2, [u.text for u in read]
    assert all(u.text[-1] in "።।։۔" for u in read), [u.text for u in read]


def test_a_numbered_clause_is_read_without_its_number():
    chunk = PolicyChunk(
        "c", "4.1. You have 30 days from delivery to return an item.\n\n4.2. We ship by 2 p.m.", "Returns", "en"
    )
    assert [u.text for u in units(chunk)][0] == "You have 30 days from delivery to return an item."
    window = used(extract_facts([chunk]), "returns.window")
    assert [(f.value, f.unit) for f in window] == [(30, "day")]


def test_a_split_table_keeps_its_header_in_the_next_chunk():
    first = PolicyChunk(
        "a", "| Payment method | Refund time |\n|---|---|\n| PayPal | 3 business days |", "Refunds", "en", "faq.md"
    )
    rest = PolicyChunk(
        "b", "| PayPal | 3 business days |\n| Bank transfer | up to 7 business days |", "Refunds", "en", "faq.md"
    )
    facts = extract_facts([first, rest])
    times = {(f.value, f.scope.payment_method) for f in used(facts, "refunds.time")}
    assert times == {(3, "PayPal"), (7, "Bank transfer")}


def test_a_payment_method_key_cell_is_no_refund_method():
    text = "| Payment method | Refund time |\n|---|---|\n| Bank transfer | up to 7 business days |"
    facts = extract_facts([PolicyChunk("c", text, "Refunds", "en")])
    assert used(facts, "refunds.method") == []
    said = PolicyChunk("d", "Refunds are always sent by bank transfer.", "Refunds", "en")
    assert [f.value for f in used(extract_facts([said]), "refunds.method")] == ["bank_transfer"]


def test_places_named_as_exceptions_are_no_scope_and_hold_the_rule_for_review():
    en = PolicyChunk("c", "Free shipping on orders over $75 (excluding Alaska and Hawaii).", "Shipping", "en")
    facts = [f for f in extract_facts([en]) if f.slot == "shipping.free_threshold"]
    assert facts and all(f.scope.region is None for f in facts)
    assert all(f.needs_review for f in facts)  # served for everywhere, it would promise it to the islands too
    ja = PolicyChunk("j", "1回のご注文が5,000円以上の場合、送料無料となります（北海道・沖縄を除く）。", "送料", "ja")
    assert used(extract_facts([ja]), "shipping.free_threshold") == []
    scoped = PolicyChunk("s", "Free shipping within Germany on orders over 50 €.", "Shipping", "en")
    assert [f.scope.region for f in used(extract_facts([scoped]), "shipping.free_threshold")] == ["Germany"]


def test_a_turning_sentence_negates_only_its_own_side():
    text = "We don't match other shops' prices, but if our own price drops within 10 days we refund the difference."
    facts = extract_facts([PolicyChunk("c", text, "Pricing", "en")])
    assert [f.value for f in used(facts, "prices.adjustment")] == [True]
    refused = extract_facts(
        [PolicyChunk("d", "We match competitor prices, but we do not refund later price drops.", "")]
    )
    assert [f.value for f in used(refused, "prices.adjustment")] == [False]


def test_a_warranty_aside_on_what_is_covered_keeps_the_product_scope():
    ja = "座椅子には3年間の品質保証が付いています（フレームの破損が対象です）。"
    facts = extract_facts([PolicyChunk("c", ja, "保証について", "ja")])
    assert [(f.value, f.scope.product_class) for f in used(facts, "warranty.length")] == [(3, "座椅子")]
    en = "Our hammocks come with a 2-year warranty (ropes and stitching are covered)."
    facts = extract_facts([PolicyChunk("e", en, "Warranty", "en")])
    assert [(f.value, f.scope.product_class) for f in used(facts, "warranty.length")] == [(2, "hammocks")]


def test_a_japanese_refund_method_for_those_who_paid_one_way_is_scoped_to_it():
    ja = "銀行振込でお支払いのお客様には、ご指定の口座へのお振込みにてご返金いたします。"
    facts = used(extract_facts([PolicyChunk("c", ja, "返金について", "ja")]), "refunds.method")
    assert [(f.value, f.scope.payment_method) for f in facts] == [("bank_transfer", "銀行振込")]


def test_a_refund_named_past_a_semicolon_gives_no_cancellation_refund_time():
    text = (
        "You can cancel within 3 hours of ordering. After 3 hours the order is packed and can no longer be "
        "cancelled; you may return it under our refund policy instead. Cancelled orders are refunded within 4 days."
    )
    facts = extract_facts([PolicyChunk("c", text, "Cancellation", "en")])
    assert [(f.value, f.unit) for f in used(facts, "cancellation.refund_time")] == [(4, "day")]
