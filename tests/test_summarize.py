"""Case summaries: each field holds sentences the conversation supports, in the right language.

The tests check structure and facts (the buyer's words, the agent's dates and amounts, placeholders
filled, the language), never a copy of template wording.
"""

from __future__ import annotations

import json

import pytest
from reply_fixtures import make_order

from assist.language import FastTextDetector
from assist.llm import ScriptedChatModel
from assist.models import Conversation, IntentPrediction, Translation
from assist.summarize import commitments, summarize
from retrievers.embeddings import FakeEmbedder


class FakeTranslator:
    def __init__(self) -> None:
        self.reading_aids: list[bool] = []

    def translate(
        self, text: str, target_language: str, source_language: str | None = None, reading_aid: bool = True
    ) -> Translation:
        self.reading_aids.append(reading_aid)
        return Translation(
            text=f"<{target_language}> {text}",
            source_language=source_language or "de",
            target_language=target_language,
            engine="fake",
        )


def conversation(*turns: tuple[str, str], name: str | None = "Jonas Becker", language: str = "de") -> Conversation:
    return Conversation.model_validate(
        {
            "customer": {"name": name, "language": language},
            "messages": [{"role": role, "text": text} for role, text in turns],
        }
    )


CASE = conversation(
    ("customer", "Die Glaskanne kam gesprungen an. Bestellung NL-104233, meine Mail ist jonas@example.de"),
    (
        "agent",
        "Das tut mir leid! Wir haben Ihnen heute einen Ersatz geschickt. Ich melde mich morgen mit der Sendungsnummer.",
    ),
    ("customer", "Danke. Muss ich die kaputte Kanne zurückschicken?"),
)
ENGLISH = conversation(
    ("customer", "Hello!"),
    ("customer", "My lamp arrived with a cracked shade. Can you send me a replacement shade?"),
    ("agent", "Hi Anna, thanks for reaching out."),
    ("agent", "I have refunded 12.50 EUR for the shade. A new shade ships on 3 June from our warehouse."),
    ("agent", "We will email you the tracking number tomorrow. Best regards, Tom"),
    ("customer", "Thanks. Could you also check whether the bulb is covered by the warranty?"),
    name="Anna",
    language="en",
)
INTENT = IntentPrediction(intent="damaged_or_defective", confidence=0.8, sentiment="negative", urgency="high")


def all_text(c: Conversation) -> str:
    return "\n".join(m.text for m in c.messages)


def test_offline_summary_fields_are_the_conversations_own_sentences():
    result = summarize(ENGLISH, "en", order=make_order("delivered"), buyer_language="en", embedder=FakeEmbedder())
    assert result.engine == "template" and result.language == "en" and result.degraded is None
    source = all_text(ENGLISH)
    # the paragraph: central sentences, each verbatim from the conversation, small talk left out
    assert 1 <= len(result.key_points) <= 3
    assert all(p.text in ENGLISH.messages[p.message_index].text for p in result.key_points)
    assert all(p.text in result.summary for p in result.key_points)
    for small_talk in ("Hello!", "Hi Anna, thanks for reaching out.", "Best regards, Tom", "Thanks."):
        assert small_talk not in result.summary
    # the buyer's asks in their own words, latest last
    assert any("replacement shade" in a for a in result.asks) and "warranty" in result.asks[-1]
    assert result.customer_ask == result.asks[-1] and all(a in source for a in result.asks)
    # what the agent did and promised, with the amount and the date
    assert any("12.50 EUR" in a for a in result.actions_taken) and any("3 June" in a for a in result.actions_taken)
    assert any("tracking number" in a for a in result.actions_taken)
    assert all(a in source for a in result.actions_taken)
    # the buyer wrote last: something is open
    assert result.open_items


def test_overview_fills_name_order_and_is_in_the_agents_language():
    detector = FastTextDetector()
    for language in ("en", "de", "fr", "ja", "zh"):
        result = summarize(CASE, language, intent=INTENT, order=make_order("shipped"), buyer_language="de")
        assert result.language == language and "Jonas Becker" in result.overview and "NL-104233" in result.overview
        assert "{" not in result.overview
        assert detector.detect(result.overview.replace("Jonas Becker", "").replace("NL-104233", "")).language == (
            language
        )


def test_other_language_text_is_translated_or_marked_never_passed_off():
    translator = FakeTranslator()
    translated = summarize(CASE, "en", translator=translator, buyer_language="de", embedder=FakeEmbedder())
    assert translated.summary.startswith("<en> ") and translated.key_points
    assert translator.reading_aids and not any(translator.reading_aids)  # a reading aid is never a summary line
    assert all(p.text in translated.summary and p.text in all_text(CASE) for p in translated.key_points)
    assert translated.customer_ask.startswith("<en> ") and "zurückschicken" in translated.customer_ask
    assert translated.actions_taken == [
        "<en> Wir haben Ihnen heute einen Ersatz geschickt.",
        "<en> Ich melde mich morgen mit der Sendungsnummer.",
    ]
    untranslated = summarize(CASE, "en", buyer_language="de", embedder=FakeEmbedder())
    for text in [untranslated.customer_ask, *untranslated.actions_taken]:
        original = text.split(" (")[0]
        assert original in all_text(CASE) and text != original and "de" in text[len(original) :]
    paragraph = " ".join(p.text for p in untranslated.key_points)
    assert untranslated.summary.startswith(paragraph) and "de" in untranslated.summary[len(paragraph) :]


def test_same_language_asks_stay_in_the_buyers_words():
    result = summarize(CASE, "de", buyer_language="de", embedder=FakeEmbedder())
    assert result.customer_ask == "Danke. Muss ich die kaputte Kanne zurückschicken?"
    assert result.language == "de"


def test_near_duplicate_sentences_are_not_both_in_the_paragraph():
    repeated = conversation(
        ("customer", "The blue kettle arrived with a broken lid handle."),
        ("customer", "The blue kettle arrived with a broken lid handle!"),
        ("agent", "We will ship a replacement lid handle for the blue kettle this week."),
        ("customer", "Also the invoice address on the receipt is wrong."),
        language="en",
    )
    result = summarize(repeated, "en", buyer_language="en", embedder=FakeEmbedder())
    texts = [p.text.rstrip("!.") for p in result.key_points]
    assert len(texts) == len(set(texts)) >= 2


@pytest.mark.parametrize(
    "text, done, promised",
    [
        ("I have refunded the shipping costs. We'll send a new label tomorrow.", 1, 1),
        ("Hemos enviado el reembolso. Le escribiré mañana.", 1, 1),
        ("Nous avons remboursé la commande. Je vais vérifier le suivi.", 1, 1),
        ("返金いたしました。明日ご連絡します。", 1, 1),
        ("已为您退款。我会继续跟进。", 1, 1),
        ("Abbiamo inviato il pacco. Verificherò domani.", 1, 1),
        ("Enviamos o código. Vou verificar com a transportadora.", 1, 1),
        ("Thanks for your patience.", 0, 0),
    ],
)
def test_commitments_are_found_in_many_languages(text, done, promised):
    found = commitments(conversation(("customer", "Hallo"), ("agent", text)))
    assert (len(found[0]), len(found[1])) == (done, promised)


def test_model_summary_is_masked_restored_and_checked_claim_by_claim():
    out = {
        "summary": "Buyer [EMAIL_1] says the Glaskanne from Bestellung NL-104233 kam gesprungen an. "
        "The buyer also wants a discount voucher for the next purchase.",
        "customer_ask": "Muss ich die kaputte Kanne zurückschicken?",
        "actions_taken": ["Wir haben Ihnen heute einen Ersatz geschickt.", "A refund of 40 EUR was issued."],
        "open_items": ["Send the tracking number."],
    }
    model = ScriptedChatModel(responses=[json.dumps(out)])
    result = summarize(CASE, "en", intent=INTENT, order=make_order("delivered"), chat_model=model)
    assert result.engine == "fake" and "jonas@example.de" in result.summary
    assert "jonas@example.de" not in str(model.history[0])
    # unsupported claims are removed and listed: an invented voucher, an invented amount
    assert "voucher" not in result.summary and any("voucher" in c for c in result.removed_claims)
    assert result.actions_taken == ["Wir haben Ihnen heute einen Ersatz geschickt."]
    assert any("40 EUR" in c for c in result.removed_claims)
    assert result.customer_ask and result.open_items == ["Send the tracking number."]


def test_model_summary_with_nothing_supported_falls_back_to_the_offline_summary():
    invented = {"summary": "The buyer was promised 300 EUR for order NL-104233.", "customer_ask": ""}
    model = ScriptedChatModel(responses=[json.dumps(invented)])
    result = summarize(CASE, "en", intent=INTENT, chat_model=model, embedder=FakeEmbedder())
    assert result.engine == "template" and "300" in (result.degraded or "")
    assert result.key_points and "300" not in result.summary


def test_cross_language_claims_are_supported_by_meaning():
    conv = conversation(("customer", "the blue kettle lid is broken"), ("agent", "we ship a new lid"), language="en")
    model = ScriptedChatModel(responses=[json.dumps({"summary": "kettle lid broken; new lid ships"})])
    result = summarize(conv, "en", chat_model=model, embedder=FakeEmbedder())
    assert result.engine == "fake" and result.summary == "kettle lid broken; new lid ships"


def test_a_reported_paraphrase_is_supported_and_an_invention_is_not():
    summary = {
        "summary": "The customer reports a cracked lamp shade and asks for a replacement shade. "
        "The customer wants to cancel the whole order.",
        "customer_ask": "A replacement shade.",
    }
    result = summarize(ENGLISH, "en", chat_model=ScriptedChatModel(responses=[json.dumps(summary)]))
    assert result.summary == "The customer reports a cracked lamp shade and asks for a replacement shade."
    assert result.removed_claims == ["The customer wants to cancel the whole order."]


def test_greetings_in_front_of_a_sentence_are_cleaned_and_the_rest_kept_verbatim():
    conv = conversation(
        ("customer", "Hallo, die Glaskanne kam gesprungen an und der Karton war nass"),
        ("agent", "Wir schicken Ihnen heute eine neue Glaskanne"),
        language="de",
    )
    result = summarize(conv, "de", buyer_language="de", embedder=FakeEmbedder())
    first = result.key_points[0].text
    assert first.startswith("die Glaskanne") and first in conv.messages[0].text
    # a message without a full stop still ends its sentence in the paragraph
    assert len(result.key_points) == 2 and "nass. Wir schicken" in result.summary
