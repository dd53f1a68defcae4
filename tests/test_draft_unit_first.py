"""Durations written unit first, where CLDR says the language writes them so ("siku 14" in Swahili, "shekaru 2" in
Hausa): the draft's window is read, in digits or in words, and held to the policy; languages that write the number
first are untouched."""

from __future__ import annotations

from draft_fixtures import NOW, POLICY, fired

from assist.models import Conversation
from assist.policy_facts import PolicyFacts
from assist.quality import check_draft
from assist.quality.extract import draft_durations
from assist.quality.shop_writing import shop_writing
from assist.quality.unit_first import unit_first_durations, unit_first_forms

FACTS = PolicyFacts.model_validate(
    {
        "shop": "made-up water pumps",
        "facts": [{"slot": "returns.window", "value": 7, "unit": "day", "sentence": "7 days to send it back."}],
    }
)


def _read(text: str, buyer: str) -> list[tuple[float, float, str]]:
    with shop_writing(None, buyer):
        return [(d.low, d.high, d.unit) for d in draft_durations(text)]


def test_cldr_says_which_languages_write_the_unit_first() -> None:
    assert unit_first_forms("sw")["siku"] == "day"
    assert unit_first_forms("ha")["shekaru"] == "year"
    assert unit_first_forms("en") == {} and unit_first_forms("de") == {}


def test_a_count_after_its_unit_is_read_in_digits_and_in_words() -> None:
    assert _read("Unaweza kurudisha bidhaa ndani ya siku 14 tangu upokee.", "sw") == [(14, 14, "day")]
    assert _read("Refund inachukua siku saba.", "sw") == [(7, 7, "day")]
    assert _read("Una siku kumi na nne za kurudisha.", "sw") == [(14, 14, "day")]
    assert _read("Tunasafirisha ndani ya siku 3-5.", "sw") == [(3, 5, "day")]
    assert _read("Garanti shekaru biyu ne.", "ha") == [(2, 2, "year")]


def test_a_time_of_day_and_a_language_that_writes_the_number_first_are_not_read() -> None:
    assert _read("Agiza kabla ya saa 12:00 leo.", "sw") == []
    assert unit_first_durations("See you on day 14 of the trip.", ["en"]) == []


def test_a_unit_first_window_is_held_to_the_policy() -> None:
    conversation = Conversation.model_validate(
        {"messages": [{"role": "customer", "text": "How many days do I have to return the pump?", "sent_at": NOW}]}
    )

    def checked(draft: str) -> list[str]:
        issues = check_draft(
            draft, conversation=conversation, order=None, checks=[POLICY], facts=FACTS, now=NOW, buyer_language="sw"
        )
        return fired(issues)

    assert POLICY in checked("Una siku 30 kurudisha pampu.")
    assert POLICY not in checked("Una siku 7 kurudisha pampu.")


def test_a_number_word_before_a_unit_with_a_suffix_is_read() -> None:
    # Kannada words end in vowel signs ("ಅನ್ನು"), which ``\w`` leaves out; the unit carries its postposition
    assert _read("ನೀವು ಪಂಪ್ ಅನ್ನು ಏಳು ದಿನಗಳಲ್ಲಿ ವಾಪಸ್ ಕಳಿಸಬಹುದು.", "kn") == [(7, 7, "day")]


def test_a_unit_in_a_script_without_spaces_is_read_from_cldr() -> None:
    # Myanmar and Lao write no space between words: the number stands against the words around it, the unit word is
    # shorter than three letters, and its postposition is written onto it
    assert _read("ပစ္စည်းကို၃၀ရက်အတွင်း ပြန်ပို့နိုင်ပါသည်", "my") == [(30, 30, "day")]
    assert _read("ສາມາດສົ່ງຄືນໄດ້ພາຍໃນ30ມື້", "lo") == [(30, 30, "day")]


def test_a_number_word_agreeing_with_its_noun_by_a_prefix_is_read() -> None:
    # Zulu writes the digit first (CLDR: "{0} izinyanga") but a number word after its noun, with a concord prefix
    assert _read("Ipende ligunyazwa izinyanga eziyisithupha.", "zu") == [(6, 6, "month")]
    assert _read("Ipende ligunyazwa izinyanga ezimbalwa.", "zu") == []  # "a few": no number word in it


def test_a_draft_the_detector_takes_for_another_language_is_read_in_the_buyers() -> None:
    # fastText reads this Somali sentence as Finnish: nothing Finnish in it, the buyer's Somali reads thirty days
    text = "Waxaad haysataa soddon maalmood laga bilaabo maalinta alaabtu kuu timaado."
    assert _read(text, "so") == [(30, 30, "day")]
    assert _read("Please send it back to us.", "da") == []  # an English draft's "to" is no Danish two
