"""The reply language: the detector's guess is taken for a template language only when the buyer's words are its
common words; ja / zh / ko by script; every other buyer gets English and a note for the agent, never a silent
switch (assist/reply_language.py)."""

from __future__ import annotations

from reply_fixtures import PASSAGES, SHOP, make_order

from assist.models import Conversation, IntentPrediction, LanguageGuess, Translation
from assist.pipeline import Shop, build_assist_card
from assist.replies import supported_languages
from assist.reply_language import reply_language
from assist.services import Services
from assist.suggest import ReplyContext, suggest_replies
from retrievers.embeddings import FakeEmbedder
from retrievers.orders import InMemoryOrderStore

TEMPLATES = supported_languages()


def test_a_template_language_written_in_its_own_words_is_the_reply_language():
    picked = reply_language("fr", "Bonjour, quand est-ce que ma commande arrive ?", TEMPLATES)
    assert (picked.language, picked.note) == ("fr", None)


def test_a_guess_the_words_do_not_bear_out_gives_english_and_a_note_with_the_guess():
    # Armenian in Latin letters, read by fastText as Italian
    picked = reply_language("it", "Barev dzez, karogh eq inz asel erb kstanam patvers?", TEMPLATES)
    assert picked.language == "en"
    assert picked.note and "Italian" in picked.note and "English" in picked.note


def test_a_template_guess_not_borne_out_is_not_said_to_lack_templates():
    picked = reply_language("it", "Barev dzez, karogh eq inz asel erb kstanam patvers?", TEMPLATES)
    assert picked.note and "could not be told" in picked.note and "no reply templates" not in picked.note


def test_a_guess_the_detector_is_not_sure_of_is_not_named():
    # Yoruba, read by fastText as Scottish Gaelic with a low confidence
    yoruba = "E kaabo, nigba wo ni ẹru mi yoo de? Mo ti sanwo tẹlẹ."
    unsure = reply_language("gd", yoruba, TEMPLATES, confidence=0.2)
    assert unsure.language == "en" and unsure.note
    assert "could not be told" in unsure.note and "English" in unsure.note and "Gaelic" not in unsure.note
    sure = reply_language("gd", yoruba, TEMPLATES, confidence=0.9)
    assert sure.note and "Gaelic" in sure.note


def test_the_card_says_an_unsure_guess_could_not_be_told(settings, shop_key):
    class UnsureDetector:
        name = "unsure"

        def detect(self, text):
            return LanguageGuess(language="io", confidence=0.15)  # Zulu read as Ido

    class NoTranslator:
        def translate(self, text, target_language, source_language=None, **kwargs):
            return Translation(text=text, source_language="und", target_language=target_language, engine="none")

    class NoIndex:
        def search(self, *args, **kwargs):
            return []

    services = Services(
        settings,
        embedder=FakeEmbedder(),
        language_detector=UnsureDetector(),
        translator=NoTranslator(),
        policy_index=NoIndex(),
        chat_model=None,
        order_store=InMemoryOrderStore({1: [make_order("shipped")]}),
    )
    zulu = "Sawubona, i-oda yami NL-104233 izofika nini? Ngiyabonga."
    try:
        card = build_assist_card(
            services, Shop(id=1, settings={}), Conversation(messages=[{"role": "customer", "text": zulu}]), "en"
        )
    finally:
        services.close()
    assert card.suggestions.suggestions and all(s.language == "en" for s in card.suggestions.suggestions)
    notes = [n for n in card.suggestions.notes if "English" in n]
    assert notes and all("could not be told" in n and "Ido" not in n for n in notes)


def test_close_template_languages_mixed_up_by_the_detector_are_set_right_by_their_words():
    picked = reply_language("it", "Cancelei a encomenda. Quando recebo o reembolso?", TEMPLATES)
    assert (picked.language, picked.note) == ("pt", None)


def test_a_language_without_templates_gets_english_and_names_the_guess():
    picked = reply_language("hy", "Բարև, երբ կստանամ պատվերս", TEMPLATES)
    assert picked.language == "en" and picked.note and "Armenian" in picked.note


def test_an_english_guess_on_words_that_are_not_english_is_said_to_the_agent():
    tagalog = "Hello po, pwede pa po ba i-cancel yung order ko? Ilang araw bago ma-refund?"
    picked = reply_language("en", tagalog, TEMPLATES)
    assert picked.language == "en" and picked.note is not None


def test_japanese_chinese_and_korean_are_decided_by_the_script_even_on_a_short_mixed_text():
    assert reply_language("en", "注文 A-1001 はいつ届きますか", TEMPLATES).language == "ja"
    assert reply_language("ja", "订单什么时候到", TEMPLATES).language == "zh"
    korean = reply_language("ja", "주문 언제 와요?", TEMPLATES)
    assert korean.language == "en" and korean.note and "Korean" in korean.note
    assert reply_language("ja", "はい", TEMPLATES).language == "ja"


def test_the_suggestions_carry_the_note_and_are_written_in_the_reply_language():
    conversation = Conversation(messages=[{"role": "customer", "text": "Barev dzez, erb kstanam patvers?"}])
    context = ReplyContext(
        conversation=conversation,
        buyer_language="it",
        agent_language="en",
        intent=IntentPrediction(intent="where_is_my_order", confidence=0.9),
        order=make_order("shipped"),
        policies=PASSAGES,
        shop_settings=SHOP,
    )
    result = suggest_replies(context, n=2)
    assert result.suggestions and all(s.language == "en" for s in result.suggestions)
    assert any("Italian" in note and "English" in note for note in result.notes)


def test_asks_are_read_language_neutrally_where_a_template_guess_is_not_borne_out():
    assert reply_language("it", "Barev dzez, karogh eq inz asel erb kstanam patvers?", TEMPLATES).read_as == "und"
    assert reply_language("hy", "Բարև, երբ կստանամ պատվերս", TEMPLATES).read_as == "hy"
    assert reply_language("fr", "Bonjour, où est ma commande ?", TEMPLATES).read_as == "fr"
