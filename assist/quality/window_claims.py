"""A draft that states where this order stands in the shop's return window: "you're still within the 15-day return
period", "die 60 Tage laufen noch", "u zit nog binnen de bedenktijd", "the return window has closed".

Such a claim is computed from the order's dates and the policy's length, so where it is wrong it contradicts both:
the policy (its window, quoted) and the order (its delivery date). The draft checks report it under both names,
each with its own evidence. A bare possibility ("you can still send it back") or a window's length ("you have 30
days") states no such thing about the order; the return checks read those.

The words are written per language, for the whole language (not from any shop's drafts): a "still" word next to a
word of a time limit ("period", "Frist", "plazo", "lhůta", "προθεσμία", "期間"...), or to a word of a limit that
runs ("läuft", "corre", "běží"...), in a sentence about returning.
"""

from __future__ import annotations

import re

from assist.answers import return_deadline
from assist.models import QAIssue
from assist.quality.claims import Claim, reader_cue_missing
from assist.quality.context import DraftContext
from assist.quality.fact_issues import first_fact
from assist.quality.fact_numbers import quote
from assist.quality.text_spans import Span, sentences

# "still", "yet": en de fr es it pt nl pl cs sk hu ro el bg ru uk tr sv da nb fi hr/sr/bs sl lt lv et ca ja zh ko
# id/ms vi th
STILL = (
    r"\b(?:still|noch|encore|toujours|todavía|todavia|aún|aun|sigues?|ancora|ainda|nog|jeszcze|wciąż|nadal"
    r"|ještě|stále|pořád|ešte|még|továbbra is|încă|inca|ακόμα|ακόμη|още|ещё|еще|по-прежнему|досі|все ще|hâlâ|hala|halen"
    r"|fortfarande|ännu|stadig|stadigvæk|endnu|fortsat|fortsatt|fremdeles|ennå|vielä|yhä|edelleen|još|i dalje|še"
    r"|vis dar|vēl|joprojām|endiselt|ikka|encara|masih|vẫn|còn)\b|まだ|还|還|仍|尚在|아직|ยัง"
)
# a time limit: the window, the period, the deadline (compound words end in them: "Rückgabefrist", "bedenktijd")
LIMIT = (
    r"(?:window|period|deadline|time limit|cooling-off|frist|zeitraum|délai|période|plazo|periodo|período|termine"
    r"|termini|finestra|nei tempi|prazo|termijn|bedenktijd|periode|termin\w*|okres\w*|lhůt\w*|lhůtě|lehot\w*"
    r"|határid\w*|időszak\w*|termen\w*|perioad\w*|προθεσμ\w*|περίοδ\w*|διάστημα|срок\w*|период\w*|строк\w*"
    r"|термін\w*|період\w*|süre\w*|ångerrätt\w*|returrätt\w*|fortrydelsesret\w*|returret\w*|angrerett\w*"
    r"|returrett\w*|määräaja\w*|määräaika\w*|palautusaika\w*|palautusaja\w*|palautusoikeu\w*"
    r"|\brok(?:u|a| za| je)\b|razdoblj\w*"
    r"|laikotarp\w*|termiņ\w*|tähtaeg\w*|tähtaja\w*|període|jangka waktu|batas waktu|thời hạn|ระยะเวลา)"
    r"|期間|期限|期内|期間內|期间|时限|時限|기간|기한"
)
# a limit that runs or is open
RUNS = (
    r"\b(?:run|runs|running|open|läuft|laufen|offen|court|courent|ouvert|ouverte|corre|corren|corriendo|vigente"
    r"|abierto|aperto|aperta|decorre|aberto|loopt|lopen|trwa|biegnie|otwarty|běží|beží|plynie|trvá|tart"
    r"|érvényes|curge|τρέχει|ισχύει|тече|важи|действует|идёт|идет|діє|триває|devam ediyor|sürüyor|geçerli|löper"
    r"|gäller|pågår|løber|gælder|løper|gjelder|voimassa|kulkee|juoksee|traja|teče|velja|galioja|ilgst|kehtib"
    r"|berlaku|còn hiệu lực)\b|有効|有效"
)
# days, weeks, months: a limit that runs needs one of them or a limit word in its sentence ("die 60 Tage laufen noch")
SPAN_WORDS = re.compile(
    r"\b(?:days?|weeks?|months?|tage?n?|wochen|monate?n?|jours?|semaines?|mois|días?|semanas?|meses|giorni|settimane"
    r"|mesi|dias?|dagen|weken|maanden|dni|tygodni\w*|miesi\w*|dní|dnů|dny|týdn\w*|měsíc\w*|mesiac\w*|nap\w*|hét\w*"
    r"|hónap\w*|zile|săptămân\w*|luni|ημέρ\w*|μέρ\w*|εβδομάδ\w*|μήν\w*|дн\w*|дней|седмиц\w*|недел\w*|месяц\w*"
    r"|місяц\w*|тижн\w*|gün\w*|hafta\w*|ay\b|dagar|veckor|månader|dage|dager|uger|uker|måneder|päivä\w*|viiko\w*"
    r"|kuukau\w*|dana|tjedan\w*|mjesec\w*|dienų|dienas|päeva\w*|dies|hari|minggu|bulan|ngày|tuần|tháng)\b"
    r"|日|天|週|周|か月|个月|個月|일|주|개월|วัน",
    re.IGNORECASE,
)
_NEAR_LIMIT = re.compile(
    rf"(?:{STILL})[^.!?。！？\n]{{0,30}}?(?:{LIMIT})|(?:{LIMIT})[^.!?。！？\n]{{0,25}}?(?:{STILL})", re.IGNORECASE
)
_NEAR_RUNS = re.compile(
    rf"(?:{STILL})[^.!?。！？\n]{{0,20}}?(?:{RUNS})|(?:{RUNS})[^.!?。！？\n]{{0,20}}?(?:{STILL})", re.IGNORECASE
)


# the window said to be over, or a conditional or a question: no claim that it still runs
OVER = re.compile(
    r"\b(?:no longer|not|nicht mehr|plus|ya no|più|mais|niet meer|już nie|již|už ne|már nem|nu mai|δεν|больше не"
    r"|більше не|artık|inte längre|ikke længere|ikke lenger|ei enää|više ne|ne več|nebe|vairs|enam)\b"
    r"|もう|已经|已過|已过|더 이상|\?|？",
    re.IGNORECASE,
)
HEDGE = re.compile(
    r"\b(?:if|whether|wenn|falls|ob|si|se|als|indien|jeśli|jeżeli|pokud|ak|ha|dacă|αν|ако|если|якщо|eğer|om|hvis"
    r"|jos|ako|če|jei|kui|jika|nếu|ถ้า)\b|場合|なら|如果|若|만약",
    re.IGNORECASE,
)


# a return said with "back" or with the withdrawal right's own name ("stuur het terug", "bedenktijd")
WITHDRAWAL = re.compile(
    r"\bterug\b|bedenktijd|herroep\w*|widerruf\w*|rétractation|desistimiento|recesso|arrependimento|odstoup\w*"
    r"|odstąp\w*|odstúp\w*|elállás\w*|retragere|ångerrätt\w*|angrerett\w*|fortrydelses\w*|peruutusoikeu\w*",
    re.IGNORECASE,
)


def closed_words(text: str) -> bool:
    """Whether the sentence says a window closed, ended or expired (the claim readers' words for it)."""
    from assist.quality.claim_frames import _pattern

    return bool(_pattern("window_closed").search(text))


def window_runs_claims(draft: str) -> list[Claim]:
    """The sentences of ``draft`` that say the return window still runs for this order, each with the words."""
    out = []
    for sent in sentences(draft):
        text = sent.text
        m = _NEAR_LIMIT.search(text)
        if m is None and (SPAN_WORDS.search(text) or re.search(LIMIT, text, re.IGNORECASE)):
            m = _NEAR_RUNS.search(text)
        returns = not reader_cue_missing("return", text) or WITHDRAWAL.search(text)
        if m is None or not returns or OVER.search(text) or HEDGE.search(text):
            continue
        if closed_words(text):
            continue
        out.append(Claim("return_window_open", Span(m.group(0), sent.start + m.start(), sent.start + m.end()), sent))
    return out


def window_issues(
    draft: str, ctx: DraftContext, claims: list[Claim], check: str, *, only_runs: bool = False
) -> list[QAIssue]:
    """``check``'s issues for the return window's state said against this order's computed window: "still within
    the window" after it ended, "the window has closed" while it runs (not with ``only_runs``: the policy check
    reports a closed window itself)."""
    order, facts = ctx.order, ctx.facts
    if order is None or facts is None:
        return []
    deadline = return_deadline(order, facts, ctx.reference_time)
    if deadline is None or deadline.holds is None or (only_runs and deadline.holds):
        return []
    fact = first_fact(deadline)
    inputs = ", ".join(f"{k} {v}" for k, v in deadline.inputs.items())
    said = [c for c in claims if c.kind == "return_window_closed"] if deadline.holds else window_runs_claims(draft)
    issues = []
    for claim in said[:1]:
        if deadline.holds:
            what = f'says the return window is over ("{claim.span.text}"), but it runs until {deadline.value}'
        else:
            what = f'says the return window still runs ("{claim.span.text}"), but it ended on {deadline.value}'
        issues.append(
            ctx.issue(
                check,
                "error",
                f"The draft {what} ({inputs}).{quote(fact)}",
                claim.span,
                policy_id=fact.chunk_id if fact else None,
                order_field="delivered_at" if order.delivered_at else "placed_at",
            )
        )
    return issues
