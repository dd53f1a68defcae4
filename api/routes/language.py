"""Language, translation and intent of buyer text."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.deps import ServicesDep, ShopDep, offline_slot
from assist.errors import InvalidInput
from assist.limits import check_conversation, check_text
from assist.models import Conversation, IntentPrediction, LanguageGuess, Translation

router = APIRouter(prefix="/v1", tags=["agent"])


class TextRequest(BaseModel):
    text: str = Field(min_length=1, description="The text to analyse.")


class TranslateRequest(BaseModel):
    text: str = Field(min_length=1)
    target_language: str = Field(min_length=2, max_length=12, description="ISO 639-1, e.g. 'en'.")
    source_language: str | None = Field(default=None, description="ISO 639-1; detected when left out.")


class IntentRequest(BaseModel):
    conversation: Conversation | None = None
    text: str | None = Field(default=None, min_length=1)


@router.post("/language", response_model=LanguageGuess)
def detect_language(body: TextRequest, shop: ShopDep, services: ServicesDep) -> LanguageGuess:
    check_text(body.text, "text", services.settings)
    return services.language_detector.detect(body.text)


@router.post("/translate", response_model=Translation, response_model_exclude_none=True)
def translate(body: TranslateRequest, shop: ShopDep, services: ServicesDep) -> Translation:
    """``engine`` says who translated. ``engine: "none"`` means no engine serves the pair: ``text`` is
    empty, ``message`` says what to configure and ``gist`` lists what we understood."""
    check_text(body.text, "text", services.settings)
    classifier = services.intent_classifier(shop.settings)
    with offline_slot(services):
        return services.translator.translate(
            body.text,
            body.target_language,
            body.source_language,
            order_id_pattern=shop.settings.get("order_id_pattern"),
            classify=classifier.predict,
        )


@router.post("/intent", response_model=IntentPrediction)
def intent(body: IntentRequest, shop: ShopDep, services: ServicesDep) -> IntentPrediction:
    if (body.conversation is None) == (body.text is None):
        raise InvalidInput("send exactly one of 'conversation' or 'text'")
    classifier = services.intent_classifier(shop.settings)
    if body.conversation is not None:
        check_conversation(body.conversation, services.settings)
        return classifier.predict_conversation(body.conversation)
    assert body.text is not None
    check_text(body.text, "text", services.settings)
    return classifier.predict(body.text)
