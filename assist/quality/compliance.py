"""Personal data and marketplace-rule checks.

Personal data: card numbers (Luhn-valid), IBANs (mod-97 valid), email addresses, phone numbers
and street addresses in a draft. Decision: the buyer's own order email (``order.customer_email``)
and the shop's published contacts (``shop_settings`` keys ``support_email``, ``support_phone``,
``return_address``) are allowed, because confirming them helps the buyer; anything else is flagged.

Marketplace rules: off-platform contact (emails, phone numbers, WhatsApp/WeChat/LINE/Telegram, external
links) is an error on marketplace channels (Amazon, eBay, ...) and only messenger apps are flagged
elsewhere; asking for a positive review, for removing a negative one, or offering anything for a review
is an error on every channel; threatening or shaming the buyer is an error.
"""

from __future__ import annotations

import re

from assist.models import QAIssue
from assist.privacy import luhn_ok
from assist.quality.context import DraftContext
from assist.quality.text_spans import Span, sentence_at, terms

CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s./-]?(?:\(?\d+\)?[\s./-]?){2,6}\d"
    r"|(?<![\w-])0\d{2,4}[\s/-]\d{3,4}[\s-]?\d{2,5}\b"
)
URL = re.compile(r"\bhttps?://\S+|\bwww\.[\w-]+\.\S+|\b[\w-]+\.(?:com|net|org|de|jp|cn|shop|store|io|co|me)/\S*", re.I)
STREET = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Boulevard|Blvd\.|Drive|Way)\b"
    r"|\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|str\.|weg|platz|allee|gasse|ring)\s+\d{1,4}[a-z]?\b"
    r"|\b\d{1,4},?\s+(?:rue|avenue|boulevard|bd|allée|chemin)\s+[\w' -]{2,40}"
    r"|\b(?:calle|avenida|avda\.|c/|via|viale|piazza|corso|rua|avenida)\s+[\w' .-]{2,40},?\s+\d{1,4}\b"
    r"|〒?\d{3}-\d{4}|[\u4e00-\u9fff]{1,8}(?:路|街|道)\d{1,4}号|\d{1,2}丁目\d{1,2}(?:番地?|-)\d{1,3}",
    re.I,
)
MESSENGERS = terms(
    "WhatsApp",
    "WeChat",
    "微信",
    "LINE ID",
    "LINEで",
    "LINE で",
    "Telegram",
    "Viber",
    "Signal app",
    "Skype",
    "KakaoTalk",
    "QQ号",
    "加我",
    "my personal number",
    "meine private Nummer",
)
OFF_PLATFORM = terms(
    "contact us directly",
    "outside amazon",
    "outside ebay",
    "outside of amazon",
    "outside of ebay",
    "email us at",
    "write to us at",
    "außerhalb von amazon",
    "außerhalb von ebay",
    "schreiben Sie uns direkt an",
    "直接ご連絡",
    "直接联系",
    "私下联系",
    "fuera de amazon",
    "contáctenos directamente",
    "en dehors d'amazon",
    "contactez-nous directement",
    "fora da amazon",
    "contate-nos diretamente",
    "fuori da amazon",
    "contattateci direttamente",
)
MARKETPLACE_DOMAINS = re.compile(r"amazon\.|ebay\.|etsy\.|rakuten\.|aliexpress\.", re.I)
REVIEW_ASK = terms(
    "positive review",
    "good review",
    "5-star review",
    "five-star review",
    "5 star review",
    "5 stars",
    "five stars",
    "positive feedback",
    "remove your review",
    "remove the review",
    "delete your review",
    "change your review",
    "update your review",
    "remove your feedback",
    "revise your feedback",
    "remove the negative",
    "gute Bewertung",
    "positive Bewertung",
    "5 Sterne",
    "fünf Sterne",
    "Bewertung löschen",
    "Bewertung entfernen",
    "Bewertung zu ändern",
    "Bewertung ändern",
    "高評価",
    "星5",
    "5つ星",
    "レビューを削除",
    "評価を変更",
    "レビューを修正",
    "好评",
    "五星",
    "删除差评",
    "改评",
    "修改评价",
    "撤销差评",
    "reseña positiva",
    "buena reseña",
    "5 estrellas",
    "eliminar la reseña",
    "eliminar su reseña",
    "cambiar su reseña",
    "avis positif",
    "bon avis",
    "5 étoiles",
    "supprimer votre avis",
    "modifier votre avis",
    "avaliação positiva",
    "boa avaliação",
    "5 estrelas",
    "remover a avaliação",
    "excluir sua avaliação",
    "recensione positiva",
    "buona recensione",
    "5 stelle",
    "rimuovere la recensione",
    "cancellare la recensione",
    "modificare la recensione",
)
INCENTIVE = terms(
    "in exchange",
    "in return for",
    "refund",
    "discount",
    "coupon",
    "voucher",
    "gift",
    "free",
    "Gutschein",
    "Rabatt",
    "Erstattung",
    "gratis",
    "im Gegenzug",
    "返金",
    "割引",
    "クーポン",
    "プレゼント",
    "代わりに",
    "返现",
    "红包",
    "优惠券",
    "退款",
    "补偿",
    "a cambio",
    "reembolso",
    "descuento",
    "cupón",
    "regalo",
    "en échange",
    "remboursement",
    "réduction",
    "bon d'achat",
    "cadeau",
    "em troca",
    "desconto",
    "cupom",
    "presente",
    "in cambio",
    "rimborso",
    "sconto",
    "buono",
    "omaggio",
)
SHAMING = terms(
    "we will report you",
    "we'll report you",
    "blacklist",
    "scammer",
    "fraudster",
    "liar",
    "we will expose you",
    "leave negative feedback for you",
    "publicly",
    "Betrüger",
    "Lügner",
    "schwarze Liste",
    "wir zeigen Sie an",
    "詐欺師",
    "嘘つき",
    "ブラックリスト",
    "骗子",
    "黑名单",
    "曝光你",
    "estafador",
    "mentiroso",
    "lista negra",
    "escroc",
    "menteur",
    "liste noire",
    "golpista",
    "mentiroso",
    "truffatore",
    "bugiardo",
    "lista nera",
)


def iban_ok(raw: str) -> bool:
    value = raw.replace(" ", "")
    if not 15 <= len(value) <= 34:
        return False
    moved = value[4:] + value[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _allowed(ctx: DraftContext) -> tuple[set[str], set[str], list[str]]:
    settings = ctx.shop_settings
    emails = {str(settings.get("support_email", "")).lower()}
    if ctx.order is not None and ctx.order.customer_email:
        emails.add(ctx.order.customer_email.lower())
    phones = {re.sub(r"\D", "", str(settings.get("support_phone", "")))} - {""}
    addresses = [str(settings.get("return_address", "")).lower()]
    return emails - {""}, phones, [a for a in addresses if a]


def phone_spans(draft: str) -> list[Span]:
    out = []
    for m in PHONE.finditer(draft):
        digits = re.sub(r"\D", "", m.group(0))
        if 8 <= len(digits) <= 15:
            out.append(Span(m.group(0), m.start(), m.end()))
    return out


def personal_data(draft: str, ctx: DraftContext) -> list[QAIssue]:
    emails, phones, addresses = _allowed(ctx)
    issues = []
    for m in CARD.finditer(draft):
        digits = re.sub(r"\D", "", m.group(0))
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            issues.append(
                ctx.issue(
                    "personal_data",
                    "error",
                    "Remove the payment card number: never write card numbers in a message.",
                    Span(m.group(0), m.start(), m.end()),
                )
            )
    for m in IBAN.finditer(draft):
        own = str(ctx.shop_settings.get("iban", "")).replace(" ", "")
        if iban_ok(m.group(0)) and m.group(0).replace(" ", "") != own:
            issues.append(
                ctx.issue(
                    "personal_data",
                    "error",
                    "Remove the bank account number (IBAN) from the message.",
                    Span(m.group(0), m.start(), m.end()),
                )
            )
    for m in EMAIL.finditer(draft):
        if m.group(0).lower() not in emails:
            issues.append(
                ctx.issue(
                    "personal_data",
                    "warning",
                    f"The draft contains an email address "
                    f"({m.group(0)}) that is neither the buyer's nor the shop's support address; "
                    "remove it.",
                    Span(m.group(0), m.start(), m.end()),
                )
            )
    for span in phone_spans(draft):
        if re.sub(r"\D", "", span.text) not in phones:
            issues.append(
                ctx.issue(
                    "personal_data",
                    "warning",
                    "The draft contains a phone number that is not the shop's support line; remove private numbers.",
                    span,
                )
            )
    for m in STREET.finditer(draft):
        if not any(m.group(0).lower() in a for a in addresses):
            issues.append(
                ctx.issue(
                    "personal_data",
                    "info",
                    "The draft contains a street address: include an address only when the buyer must confirm it.",
                    Span(m.group(0), m.start(), m.end()),
                )
            )
    return issues


def marketplace_rules(draft: str, ctx: DraftContext) -> list[QAIssue]:
    issues = _reviews(draft, ctx)
    for m in SHAMING.finditer(draft):
        issues.append(
            ctx.issue(
                "marketplace_rules",
                "error",
                "Do not threaten, label or shame the buyer; state the facts and the next step.",
                Span(m.group(0), m.start(), m.end()),
            )
        )
    where = ctx.channel or "this channel"
    for m in MESSENGERS.finditer(draft):
        issues.append(
            ctx.issue(
                "marketplace_rules",
                "error" if ctx.on_marketplace else "warning",
                f"Keep the conversation on {where}: do not move the buyer to a messenger app.",
                Span(m.group(0), m.start(), m.end()),
            )
        )
    if not ctx.on_marketplace:
        return issues
    contacts = [Span(m.group(0), m.start(), m.end()) for m in EMAIL.finditer(draft)] + phone_spans(draft)
    contacts += [
        Span(m.group(0), m.start(), m.end())
        for m in URL.finditer(draft)
        if not MARKETPLACE_DOMAINS.search(m.group(0)) and "@" not in m.group(0)
    ]
    contacts += [Span(m.group(0), m.start(), m.end()) for m in OFF_PLATFORM.finditer(draft)]
    for span in contacts:
        issues.append(
            ctx.issue(
                "marketplace_rules",
                "error",
                f"{ctx.channel.title()} forbids contact outside its messaging system: remove "
                f"'{span.text}' and keep the conversation on {ctx.channel}.",
                span,
            )
        )
    return issues


def _reviews(draft: str, ctx: DraftContext) -> list[QAIssue]:
    issues = []
    for m in REVIEW_ASK.finditer(draft):
        sent = sentence_at(draft, m.start())
        paid = INCENTIVE.search(sent.text)
        what = "offers something in exchange for a review" if paid else "asks for a positive review or to change one"
        issues.append(
            ctx.issue(
                "marketplace_rules",
                "error",
                f"The draft {what}: marketplaces and consumer law forbid review manipulation; "
                "you may only ask for honest feedback.",
                Span(m.group(0), m.start(), m.end()),
            )
        )
    return issues
