"""Case summaries in the agent's language: offline templates and the chat-model engine."""

from __future__ import annotations

import json

import pytest
from reply_fixtures import make_order

from assist.llm import ScriptedChatModel
from assist.models import Conversation, IntentPrediction, Translation
from assist.summarize import commitments, summarize


class FakeTranslator:
    def translate(self, text: str, target_language: str, source_language: str | None = None) -> Translation:
        return Translation(
            text=f"<{target_language}> {text}",
            source_language=source_language or "de",
            target_language=target_language,
            engine="fake",
        )


def conversation(*turns: tuple[str, str], name: str | None = "Jonas Becker") -> Conversation:
    return Conversation(
        customer={"name": name, "language": "de"}, messages=[{"role": role, "text": text} for role, text in turns]
    )


CASE = conversation(
    ("customer", "Die Glaskanne kam gesprungen an. Bestellung NL-104233, meine Mail ist jonas@example.de"),
    (
        "agent",
        "Das tut mir leid! Wir haben Ihnen heute einen Ersatz geschickt. Ich melde mich morgen mit der Sendungsnummer.",
    ),
    ("customer", "Danke. Muss ich die kaputte Kanne zurückschicken?"),
)
INTENT = IntentPrediction(intent="damaged_or_defective", confidence=0.8, sentiment="negative", urgency="high")


def test_offline_summary_in_the_agents_language():
    result = summarize(CASE, "en", intent=INTENT, order=make_order("delivered"), buyer_language="de")
    assert result.engine == "template" and result.language == "en"
    assert result.summary.startswith("Jonas Becker is writing about a damaged or defective item.")
    assert "Order NL-104233: delivered." in result.summary and "unhappy" in result.summary
    assert result.customer_ask == "Danke. Muss ich die kaputte Kanne zurückschicken? (in de, not translated)"
    assert result.actions_taken == ["Wir haben Ihnen heute einen Ersatz geschickt. (in de, not translated)"]
    assert result.open_items[0].startswith("Ich melde mich morgen")
    assert result.open_items[-1] == "Answer the buyer's latest message"


def test_translator_is_used_for_the_ask_and_the_commitments():
    result = summarize(CASE, "en", intent=INTENT, order=None, translator=FakeTranslator(), buyer_language="de")
    assert result.customer_ask == "<en> Danke. Muss ich die kaputte Kanne zurückschicken?"
    assert result.actions_taken == ["<en> Wir haben Ihnen heute einen Ersatz geschickt."]
    assert "Find the order (ask for the order number)" in result.open_items


@pytest.mark.parametrize(
    "language, expected",
    [
        ("de", "Anliegen von Jonas Becker: beschädigter oder defekter Artikel."),
        ("ja", "Jonas Becker様から破損・不良品についてのお問い合わせです。"),
        ("zh", "Jonas Becker咨询商品破损或有质量问题。"),
        ("fr", "Jonas Becker écrit concernant un article endommagé ou défectueux."),
    ],
)
def test_summary_templates_per_language(language, expected):
    result = summarize(CASE, language, intent=INTENT, order=make_order("shipped"), buyer_language="de")
    assert result.summary.startswith(expected) and result.language == language


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


def test_model_summary_is_masked_restored_and_grounded():
    out = {
        "summary": "Buyer [EMAIL_1] got a cracked carafe (order NL-104233); a replacement was sent.",
        "customer_ask": "Whether the broken carafe must be returned.",
        "actions_taken": ["Replacement sent."],
        "open_items": ["Send the tracking number."],
    }
    model = ScriptedChatModel(responses=[json.dumps(out)])
    result = summarize(CASE, "en", intent=INTENT, order=make_order("delivered"), chat_model=model)
    assert result.engine == "fake" and "jonas@example.de" in result.summary
    assert "jonas@example.de" not in str(model.history[0])
    invented = dict(out, summary="The buyer was promised 300 EUR for order NL-104233.")
    result = summarize(CASE, "en", intent=INTENT, chat_model=ScriptedChatModel(responses=[json.dumps(invented)]))
    assert result.engine == "template" and "300" in result.degraded
