"""The claim reader of the draft checks (assist/quality/claim_polarity.py) and the items a draft names by meaning
(assist/quality/item_match.py), on drafts written here for a made-up shop: other words, other languages (several
outside the template languages), other numbers than any fixture shop; drafts that agree with the facts in
paraphrase stay clean. Through ``check_draft``, given the service's encoder as the API gives it (the tone
classifier carries it). The slow tests train the real reader (about 10 s)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from draft_fixtures import NOW, ORDER, POLICY, fired, make_order
from shop_turns import fixture_item_names

from assist.models import Conversation, Order
from assist.policy_facts import PolicyFacts
from assist.quality import check_draft
from assist.quality.claim_polarity import KIND, LANGUAGES, RESOURCE, Reading, reader_claims, training_pairs
from assist.quality.text_spans import sentences

FACTS = PolicyFacts.model_validate(
    {
        "shop": "made-up watches",
        "facts": [
            {"slot": "returns.window", "value": 40, "unit": "day", "sentence": "40 days to send things back."},
            {"slot": "returns.excluded", "value": ["engraved watches"], "sentence": "Engraved watches: no returns."},
            {"slot": "cancellation.rule", "value": "before_shipping", "sentence": "Cancel until it ships."},
            {"slot": "address_change.rule", "value": "before_shipping", "sentence": "New address until it ships."},
            {"slot": "prices.price_match", "value": True, "sentence": "We match any shop's lower price."},
            {"slot": "refunds.method", "value": "original_payment_method", "sentence": "Refunds go to your card."},
            {"slot": "shipping.regions", "value": ["Denmark", "Sweden", "Finland"], "sentence": "Nordics only."},
        ],
    }
)
ITEMS = [("W-9", "Engraved wristwatch 'Nora'", 180.0), ("S-2", "Leather strap, cognac", 35.0)]


def _order(status: str, items: list[tuple[str, str, float]] | None = None) -> Order:
    return make_order(
        status,
        items=items or ITEMS,
        order_id="WT-5521",
        placed=datetime(2026, 11, 18, 9, 0, tzinfo=UTC),
        shipped=datetime(2026, 11, 19, 9, 0, tzinfo=UTC),
        delivered=datetime(2026, 11, 19, 15, 0, tzinfo=UTC) if status == "delivered" else None,
        carrier="PostNord",
        tracking="00370712345678912",
        currency="DKK",
    )


PROCESSING, SHIPPED, DELIVERED = _order("processing"), _order("shipped"), _order("delivered")


@pytest.fixture(scope="module")
def tone():  # type: ignore[no-untyped-def]
    from assist.quality.tone import ToneClassifier
    from retrievers.embeddings import default_embedder

    return ToneClassifier(default_embedder())


def _checks(draft: str, order: Order, tone, buyer: str = "Hej") -> list[str]:  # type: ignore[no-untyped-def]
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": buyer, "sent_at": NOW}]})
    issues = check_draft(
        draft, conversation=conversation, order=order, checks=[POLICY, ORDER], facts=FACTS, now=NOW, tone=tone
    )
    return fired(issues)


# --- fast: what the reader learns from ---------------------------------------------------------------------


def test_every_reading_is_generated_in_every_template_language() -> None:
    from assist.quality.claim_polarity import language_pairs

    for language in LANGUAGES:
        labels = {label for _, label in language_pairs(language)}
        assert set(KIND) - labels == set(), language
        assert "none" in labels and "tracking:stated" in labels


def test_training_sentences_fill_every_slot() -> None:
    assert not [text for text, _ in training_pairs() if "{" in text or "}" in text]


def test_a_new_reply_template_adds_its_sentences_and_leaves_the_others_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import yaml

    from assist.quality import claim_training

    before = claim_training.language_pairs("en")
    replies = tmp_path / "replies"
    shutil.copytree(claim_training.REPLIES, replies)
    answers = replies / "answers" / "en.yaml"
    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    # a new template first in the file, so that every other one is filled after it
    data["sentences"] = {"kettle_descaling": "Descale the kettle every {n} weeks.", **data["sentences"]}
    answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setattr(claim_training, "REPLIES", replies)

    after = claim_training.language_pairs("en")
    added = [pair for pair in after if "kettle" in pair[0]]
    assert added and all(label == "none" for _, label in added)
    assert [pair for pair in after if pair not in added] == before


def test_the_frames_copy_no_fixture_shop_item() -> None:
    text = RESOURCE.read_text(encoding="utf-8").casefold()
    for shop, names in fixture_item_names().items():
        assert not [name for name in names if len(name) > 8 and name.casefold() in text], shop


def test_without_a_named_encoder_the_rules_alone_decide() -> None:
    from assist.quality.claim_polarity import polarity_reader
    from retrievers.embeddings import FakeEmbedder

    assert polarity_reader(FakeEmbedder().embed) is None


class _FixedReader:
    """A reader that reads every draft as one reading of its whole first sentence."""

    cued = False

    def __init__(self, label: str, probability: float) -> None:
        self.label, self.probability = label, probability

    def readings(self, draft: str, carriers: object = ()) -> list[Reading]:
        sentence = sentences(draft)[0]
        return [Reading(self.label, self.probability, sentence, sentence)]


@pytest.mark.parametrize(
    ("label", "kind"),
    [("duties:buyer", "buyer_pays_duties"), ("return_cost:free", "free_return"), ("status:delivered", "delivered")],
)
def test_each_claim_kind_is_added_at_its_own_floor(label: str, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from assist.quality import reading_floors

    draft = "Made-up words the rules read nothing in."
    reader = _FixedReader(label, 0.8)
    monkeypatch.setitem(reading_floors.FLOORS, kind, 0.85)
    assert reader_claims(draft, [], reader) == []  # type: ignore[arg-type]
    monkeypatch.setitem(reading_floors.FLOORS, kind, 0.7)
    assert [c.kind for c in reader_claims(draft, [], reader)] == [kind]  # type: ignore[arg-type]


def test_who_pays_for_a_return_needs_a_word_of_returning_over_the_second_encoder() -> None:
    reader = _FixedReader("return_cost:free", 0.97)
    reader.cued = True  # the second encoder: a reading of a cued topic needs its words
    assert reader_claims("Shipping is free for this order.", [], reader) == []  # type: ignore[arg-type]
    found = reader_claims("Sending it back is free: returns are on us.", [], reader)  # type: ignore[arg-type]
    assert [c.kind for c in found] == ["free_return"]


def test_carrier_slots_also_take_names_no_language_has() -> None:
    import re

    from assist.quality.claim_training import CARRIER_SYLLABLES, CARRIERS

    syllable = "|".join(CARRIER_SYLLABLES)
    made_up = re.compile(rf"\b(?:{syllable.title()})(?:{syllable}){{1,2}}\b")
    shipped = [text for text, label in training_pairs() if label == "status:shipped"]
    assert [text for text in shipped if made_up.search(text)]  # "sent with <a carrier never seen>" reads as shipped
    assert [text for text in shipped if any(name in text for name in CARRIERS)]


# --- slow: the real reader through check_draft ---------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Helaas kunnen we het afleveradres niet meer aanpassen zodra u besteld heeft.",  # nl
        "Изменить адрес доставки после оформления, к сожалению, уже нельзя.",  # ru
    ],
)
def test_an_address_change_refused_where_the_order_still_allows_it(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY in _checks(draft, PROCESSING, tone)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Da das Paket schon unterwegs ist, lässt sich die Adresse leider nicht mehr ändern.",
        "Paczka jest już w drodze, więc adresu nie da się zmienić.",  # pl
    ],
)
def test_refusing_an_address_change_after_shipping_stays_clean(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks(draft, SHIPPED, tone) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Infelizmente não conseguimos acompanhar o preço de lojas concorrentes.",
        "Purtroppo non facciamo il price match con altri rivenditori.",
    ],
)
def test_refusing_a_price_match_the_shop_offers(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY in _checks(draft, PROCESSING, tone)


@pytest.mark.slow
def test_offering_the_price_match_stays_clean(tone) -> None:  # type: ignore[no-untyped-def]
    draft = "Klar, schicken Sie uns den Link zum günstigeren Angebot, dann passen wir den Preis an."
    assert _checks(draft, PROCESSING, tone) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "환불 금액은 포인트로 적립해 드리겠습니다.",  # ko
        "U krijgt het bedrag terug in de vorm van een waardebon.",  # nl
        "L'importo le sarà restituito come credito da spendere nel negozio.",
    ],
)
def test_a_refund_as_credit_where_the_shop_refunds_the_card(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY in _checks(draft, DELIVERED, tone)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft", ["Das Geld geht auf die Karte zurück, mit der Sie bezahlt haben.", "Деньги вернутся на вашу карту."]
)
def test_a_refund_to_the_card_stays_clean(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks(draft, DELIVERED, tone) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Ваш заказ сейчас упаковывается на складе.",  # ru: being packed, but it shipped
        "현재 상품을 포장하고 있습니다.",  # ko
        "Estamos a preparar a sua encomenda no armazém neste momento.",
    ],
)
def test_an_order_said_to_be_in_preparation_after_it_shipped(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert ORDER in _checks(draft, SHIPPED, tone)


@pytest.mark.slow
def test_in_preparation_for_an_order_in_preparation_stays_clean(tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks("Ваш заказ сейчас упаковывается на складе.", PROCESSING, tone) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    ["Ich habe Ihre Bestellung gerade storniert.", "Já cancelei a sua encomenda, o reembolso segue em breve."],
)
def test_a_cancellation_stated_as_done_on_a_shipped_order_is_one_error(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks(draft, SHIPPED, tone) == [ORDER]


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    ["Yes, we deliver all over the world, Japan and Brazil included.", "Sì, spediamo ovunque, anche in Giappone."],
)
def test_shipping_to_a_place_the_shop_does_not_serve(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY in _checks(draft, PROCESSING, tone)


@pytest.mark.slow
def test_shipping_to_a_listed_place_stays_clean(tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks("Ja, vi levererar även till Finland.", PROCESSING, tone) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Natuurlijk kunt u het gegraveerde horloge gewoon terugsturen.",  # nl
        "Claro, puede devolvernos el reloj grabado sin problema.",
        "Certo, può rimandarci l'orologio con l'incisione entro 40 giorni.",
    ],
)
def test_a_return_of_the_excluded_item_named_in_another_language(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY in _checks(draft, DELIVERED, tone)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    ["Vous pouvez bien sûr nous renvoyer le bracelet en cuir.", "Das Lederarmband können Sie gerne zurückschicken."],
)
def test_a_return_of_the_item_the_policy_allows_stays_clean(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert _checks(draft, DELIVERED, tone) == []


@pytest.mark.slow
def test_a_wrong_tracking_number_in_a_language_without_cue_words(tone) -> None:  # type: ignore[no-untyped-def]
    assert ORDER in _checks("송장 번호는 770012398765입니다.", SHIPPED, tone)
    assert _checks("송장 번호는 00370712345678912입니다.", SHIPPED, tone) == []


COSTS = PolicyFacts.model_validate(
    {
        "shop": "made-up watches",
        "facts": [
            {"slot": "returns.shipping_paid_by", "value": "buyer", "sentence": "You pay for sending things back."},
            {"slot": "customs.paid_by", "value": "buyer", "sentence": "Import charges are the buyer's to pay."},
        ],
    }
)


def _cost_checks(draft: str, tone) -> list[str]:  # type: ignore[no-untyped-def]
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": "Hej", "sent_at": NOW}]})
    issues = check_draft(
        draft, conversation=conversation, order=DELIVERED, checks=[POLICY, ORDER], facts=COSTS, now=NOW, tone=tone
    )
    return fired(issues)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "На таможне за часы ничего доплачивать не придётся.",  # ru: nothing to pay at customs, the buyer pays
        "관세는 따로 내실 필요가 없습니다.",  # ko
        "Gümrükte ek bir ödeme yapmanız gerekmeyecek.",  # tr
    ],
)
def test_who_pays_read_by_the_reader_where_the_rules_read_nothing(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert POLICY in _cost_checks(draft, tone)


@pytest.mark.slow
@pytest.mark.parametrize(
    "draft",
    [
        "Het terugsturen betaalt u zelf, net als de verzendkosten.",
        "Za odesłanie zegarka płaci kupujący.",
        "Таможенный сбор за часы вы оплатите курьеру при получении.",
    ],
)
def test_who_pays_as_the_policy_says_stays_clean(draft: str, tone) -> None:  # type: ignore[no-untyped-def]
    assert _cost_checks(draft, tone) == []
