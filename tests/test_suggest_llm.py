"""The chat-model engine: masked prompt, structured output, checks, back-translation, fallback."""

from __future__ import annotations

import json

from reply_fixtures import PASSAGES, context, make_order

from assist.errors import ModelError
from assist.llm import ScriptedChatModel
from assist.models import Suggestion, SuggestionSet, Translation
from assist.suggest import stream_suggestions, suggest_replies

WINDOW = next(p for p in PASSAGES if p.anchor == "return-window")


class FakeTranslator:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def translate(self, text: str, target_language: str, source_language: str | None = None) -> Translation:
        self.sent.append(text)
        return Translation(
            text=f"[{target_language}] {text}",
            source_language=source_language or "en",
            target_language=target_language,
            engine="fake",
        )


def answer(*suggestions: dict) -> str:
    return json.dumps({"suggestions": list(suggestions)}, ensure_ascii=False)


def test_personal_data_is_masked_in_the_prompt_and_restored_for_the_agent():
    ctx = context(
        "en",
        "return_request",
        make_order("delivered"),
        agent="en",
        text="Send the label to anna.m@example.com or call +49 151 23456789. Order NL-104233",
    )
    model = ScriptedChatModel(
        responses=[
            answer({"text": "Hi Anna,\n\nWe will send the label to [EMAIL_1] for order NL-104233.\n\nBest regards"})
        ]
    )
    result = suggest_replies(ctx, n=1, chat_model=model)
    sent = "\n".join(str(m.content) for m in model.history[0])
    assert "anna.m@example.com" not in sent and "23456789" not in sent
    assert "[EMAIL_1]" in sent and "[PHONE_1]" in sent and "NL-104233" in sent
    assert (
        result.suggestions[0].text == "Hi Anna,\n\nWe will send the label to anna.m@example.com for order "
        "NL-104233.\n\nBest regards"
    )
    assert result.engine == "fake" and result.suggestions[0].back_translation_engine == "same"


def test_invented_placeholder_drops_the_suggestion():
    ctx = context("en", "other", make_order("delivered"))
    model = ScriptedChatModel(responses=[answer({"text": "Hi,\n\nWe wrote to [EMAIL_3].\n\nBest regards"})])
    result = suggest_replies(ctx, n=1, chat_model=model)
    assert result.engine == "template" and "placeholders that do not exist" in result.notes[0]


def test_unsupported_sentence_is_repaired_and_noted():
    ctx = context("en", "return_request", make_order("delivered"))
    text = (
        "Hi Anna,\n\nYou can return items within 30 days of delivery. We also add a 15 EUR voucher. "
        "Please start the return in your account.\n\nBest regards"
    )
    model = ScriptedChatModel(
        responses=[
            answer(
                {
                    "text": text,
                    "citations": [WINDOW.id, "made-up-id"],
                    "facts": [{"field": "order.status", "value": "shipped"}],
                }
            )
        ]
    )
    result = suggest_replies(ctx, n=1, chat_model=model)
    s = result.suggestions[0]
    assert "voucher" not in s.text and "within 30 days" in s.text and "Please start the return" in s.text
    assert s.citations == [WINDOW.id] and s.facts == []
    notes = " ".join(result.notes)
    assert "suggestion 1 repaired" in notes and "15" in notes and "made-up-id" in notes and "order.status" in notes


def test_v2_citation_markers_become_citations():
    ctx = context("en", "return_request", make_order("delivered"))
    model = ScriptedChatModel(
        responses=[
            answer(
                {"text": f"Hi Anna,\n\nYou can return items within 30 days of delivery. [{WINDOW.id}]\n\nBest regards"}
            )
        ]
    )
    result = suggest_replies(ctx, n=1, chat_model=model, prompt_version="v2")
    assert result.suggestions[0].text == "Hi Anna,\n\nYou can return items within 30 days of delivery.\n\nBest regards"
    assert result.suggestions[0].citations == [WINDOW.id]
    # what v2 sent: the passage ids it may cite and the buyer's words, both in the user turn only
    sent = model.history[0]
    system = "\n".join(str(m.content) for m in sent if m.type == "system")
    user = "\n".join(str(m.content) for m in sent if m.type != "system")
    assert WINDOW.id in user and WINDOW.id not in system
    assert ctx.conversation.messages[-1].text in user and ctx.conversation.messages[-1].text not in system


def test_model_failure_and_invalid_output_fall_back_to_templates():
    ctx = context("de", "track_order", make_order("shipped"))
    failing = ScriptedChatModel(responses=[ModelError("timed out after 20 s")])
    result = suggest_replies(ctx, chat_model=failing)
    assert result.engine == "template" and "timed out" in result.degraded and result.suggestions
    invalid = ScriptedChatModel(responses=["not json", '{"suggestions": []}'])
    result = suggest_replies(ctx, chat_model=invalid)
    assert result.engine == "template" and "did not validate" in result.degraded
    crashing = ScriptedChatModel(responses=[RuntimeError("socket closed")])
    assert suggest_replies(ctx, chat_model=crashing).engine == "template"


def test_back_translation_prefers_the_translator_and_marks_the_models_own():
    ctx = context("de", "track_order", make_order("shipped"), agent="en")
    reply = {
        "text": "Guten Tag,\n\nIhre Bestellung NL-104233 ist mit DHL unterwegs.\n\nViele Grüße",
        "text_in_agent_language": "Hello,\n\nYour order NL-104233 is on its way with DHL.\n\nBest regards",
    }
    translator = FakeTranslator()
    result = suggest_replies(ctx, n=1, chat_model=ScriptedChatModel(responses=[answer(reply)]), translator=translator)
    assert result.suggestions[0].back_translation_engine == "fake"
    assert result.suggestions[0].text_in_agent_language.startswith("[en] Guten Tag")
    result = suggest_replies(ctx, n=1, chat_model=ScriptedChatModel(responses=[answer(reply)]))
    assert result.suggestions[0].back_translation_engine == "model"
    assert result.suggestions[0].text_in_agent_language == reply["text_in_agent_language"]


def test_streaming_yields_each_suggestion_then_the_set():
    ctx = context("en", "track_order", make_order("shipped"))
    replies = [
        {"text": f"Hi Anna,\n\nYour order NL-104233 was shipped with DHL. {extra}\n\nBest regards"}
        for extra in ("Thanks for waiting.", "Let me know if it does not arrive.")
    ]
    items = list(stream_suggestions(ctx, 2, chat_model=ScriptedChatModel(responses=[answer(*replies)])))
    assert [type(i) for i in items] == [Suggestion, Suggestion, SuggestionSet]
    assert items[-1].suggestions == items[:2] and items[-1].engine == "fake"
    offline = list(stream_suggestions(ctx, 3))
    assert isinstance(offline[-1], SuggestionSet) and offline[-1].engine == "template"
    assert offline[:-1] == offline[-1].suggestions
