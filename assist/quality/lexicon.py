"""Multilingual phrase lists (en, de, ja, zh, es, fr, pt, it) for the rule-based QA checks.

Each entry is a compiled pattern from :func:`assist.quality.extract.terms`. Lists are short and
precise on purpose: a rule fires on clear wording; the LLM judge (when configured) covers paraphrase.
"""

from __future__ import annotations

import re

from assist.quality.extract import terms

# --- topics a duration can belong to ------------------------------------------------------

TOPICS = {
    "return_window": terms(
        "return", "returns", "returned", "send it back", "send back", "Rückgabe", "zurückgeben", "zurücksenden",
        "Rücksendung", "Widerruf", "retournieren", "返品", "返送", "退货", "退回", "退換", "devolución", "devolver",
        "devoluciones", "retour", "retourner", "renvoyer", "devolução", "devolver", "reso", "restituire", "rendere",
        "restituzione",
    ),
    "refund_days": terms(
        "refund", "refunded", "money back", "Erstattung", "erstatten", "Rückerstattung", "erstattet", "返金", "退款",
        "reembolso", "reembolsar", "reembolsamos", "remboursement", "rembourser", "remboursé", "rimborso",
        "rimborsare", "rimborsato", "estorno",
    ),
    "warranty_months": terms(
        "warranty", "guarantee", "Garantie", "Gewährleistung", "保証", "保修", "质保", "保固", "garantía",
        "garantie", "garantia", "garanzia",
    ),
    "cancellation_window_hours": terms(
        "cancel", "cancellation", "stornieren", "Stornierung", "storniert", "キャンセル", "取消", "cancelar",
        "cancelación", "annuler", "annulation", "cancelamento", "annullare", "annullamento", "cancellare",
    ),
    "damaged_report_days": terms(
        "damaged", "broken", "beschädigt", "kaputt", "破損", "壊れ", "损坏", "破损", "dañado", "roto",
        "endommagé", "cassé", "danificado", "quebrado", "danneggiato", "rotto",
    ),
}

# anchors of policy sections that state each number (demo shop: identical across languages)
TOPIC_ANCHORS = {
    "return_window": ("return-window",),
    "refund_days": ("refund-timing",),
    "warranty_months": ("warranty", "warranty-period"),
    "cancellation_window_hours": ("cancellation-window", "cancel-window", "free-cancellation"),
    "damaged_report_days": ("report-damage", "damaged-report", "how-to-report"),
}

# --- commitments in drafts -----------------------------------------------------------------

SHOP_PAYS_RETURN = terms(
    "free return", "free returns", "return shipping is free", "return shipping is on us", "we'll cover return shipping",
    "we will cover return shipping", "we'll cover the return shipping", "we will cover the return shipping",
    "we cover the return shipping", "we pay the return shipping", "we'll pay for return shipping",
    "we will pay for the return shipping", "prepaid return label", "free return label", "at no cost to you",
    "Rücksendung ist kostenlos", "kostenlose Rücksendung", "Rücksendung kostenlos", "Rücksendekosten übernehmen wir",
    "übernehmen wir die Rücksendekosten", "übernehmen die Rücksendekosten", "kostenloses Rücksendeetikett",
    "返送料は当店負担", "返送料は弊社負担", "返品送料は当店", "返品送料は弊社", "返品送料無料", "返送料無料",
    "送料は当店負担",
    "送料は弊社負担", "退货运费由我们承担", "运费由我们承担", "免费退货", "退货运费我们承担", "我们承担退货运费",
    "运费我们来出",
    "devolución gratuita", "devolución gratis", "envío de devolución gratuito",
    "nosotros pagamos el envío de devolución",
    "cubrimos el envío de la devolución", "corre de nuestra cuenta", "retour gratuit", "retour est gratuit",
    "frais de retour sont à notre charge", "nous prenons en charge les frais de retour", "étiquette de retour prépayée",
    "devolução gratuita", "devolução grátis", "frete de devolução por nossa conta", "nós pagamos o frete de devolução",
    "reso gratuito", "reso è gratuito", "spese di reso sono a nostro carico", "le spese di reso le copriamo noi",
)
BUYER_PAYS_RETURN = terms(
    "you pay the return shipping", "you will need to pay for return shipping", "return shipping is at your cost",
    "at your own expense", "Rücksendekosten tragen Sie", "tragen Sie die Rücksendekosten", "auf Ihre Kosten",
    "返送料はお客様負担", "返送料はお客様のご負担", "送料はお客様負担", "运费由您承担", "退货运费由您承担",
    "由买家承担",
    "los gastos de devolución corren por su cuenta", "a su cargo", "frais de retour sont à votre charge",
    "à vos frais", "por sua conta", "a suo carico", "a vostro carico",
)
STORE_CREDIT = terms(
    "store credit", "voucher", "gift card", "Gutschein", "Guthaben", "クーポン", "ポイントで返金", "ストアクレジット",
    "店铺余额", "优惠券", "代金券", "购物券", "crédito en tienda", "vale de compra", "un vale", "avoir", "bon d'achat",
    "crédito na loja", "vale-compras", "buono", "credito in negozio", "credito sul negozio",
)
CASH_OR_BANK = terms(
    "in cash", "bank transfer", "to your bank account", "bar", "Banküberweisung", "auf Ihr Bankkonto", "現金",
    "銀行振込", "现金", "银行转账", "en efectivo", "transferencia bancaria", "en espèces", "virement bancaire",
    "em dinheiro", "transferência bancária", "in contanti", "bonifico bancario",
)
CAN_RETURN = terms(
    "you can return", "you can still return", "you can send it back", "you may return", "happy to accept the return",
    "we'll accept the return", "we will accept the return", "eligible for a return", "eligible for return",
    "können Sie zurücksenden", "können Sie es zurücksenden", "können Sie den Artikel zurücksenden",
    "können Sie ihn zurücksenden", "können Sie sie zurücksenden", "können den Artikel noch zurückgeben",
    "können Sie noch zurückgeben", "Rückgabe ist möglich", "Rückgabe ist noch möglich", "nehmen den Artikel zurück",
    "返品いただけます", "返品可能です", "返品を承ります", "返品できます", "可以退货", "可以退回", "支持退货",
    "可以申请退货",
    "puede devolver", "puedes devolver", "aceptamos la devolución", "vous pouvez retourner", "vous pouvez renvoyer",
    "pouvez encore retourner", "nous acceptons le retour", "pode devolver", "aceitamos a devolução", "può restituire",
    "può ancora restituire", "puoi restituire", "accettiamo il reso",
)
PRICE_DIFFERENCE = terms(
    "refund the difference", "refund you the difference", "price match", "match the price", "Differenz erstatten",
    "erstatten Ihnen die Differenz", "Differenz zurück", "差額を返金", "差額をご返金", "退还差价", "补差价", "退差价",
    "reembolsar la diferencia", "le devolvemos la diferencia", "rembourser la différence",
    "rembourserons la différence",
    "reembolsar a diferença", "reembolsaremos a diferença", "rimborsare la differenza", "rimborseremo la differenza",
)
EXCLUSION_TERMS = terms(
    "personalised", "personalized", "engraved", "monogrammed", "custom-made", "made to order", "final sale",
    "gift card", "personalisiert", "graviert", "Gravur", "Sonderanfertigung", "名入れ", "刻印", "オーダーメイド",
    "ファイナルセール", "定制", "刻字", "个性化", "personalizado", "grabado", "personnalisé", "gravé", "personalizzato",
    "inciso",
)
DAMAGE_CONTEXT = terms(
    "damaged", "defective", "broken", "wrong item", "faulty", "beschädigt", "defekt", "falscher Artikel", "破損",
    "不良", "誤配送", "違う商品", "损坏", "破损", "质量问题", "发错", "dañado", "defectuoso", "equivocado",
    "endommagé", "défectueux", "mauvais article", "danificado", "defeituoso", "errado", "danneggiato", "difettoso",
    "sbagliato",
)

# --- order status claims -------------------------------------------------------------------

STATUS_CLAIMS = {
    "shipped": terms(
        "has shipped", "has been shipped", "was shipped", "is on its way", "is on the way", "has been dispatched",
        "was dispatched", "is in transit", "wurde versandt", "wurde verschickt", "ist unterwegs", "ist auf dem Weg",
        "発送しました", "発送いたしました", "発送済み", "出荷しました", "已发货", "已经发货", "已寄出", "已发出",
        "在途中",
        "ha sido enviado", "fue enviado", "ya fue enviado", "está en camino", "ha sido enviada", "fue enviada",
        "a été expédiée", "a été expédié", "est en route", "est en chemin", "foi enviado", "foi enviada",
        "está a caminho", "è stato spedito", "è stata spedita", "è in viaggio", "è in arrivo",
    ),
    "delivered": terms(
        "was delivered", "has been delivered", "has arrived", "was dropped off", "wurde zugestellt",
        "wurde geliefert", "ist angekommen", "配達済み", "配達されました", "配達完了", "お届け済み", "已送达", "已签收",
        "已妥投", "已送到", "fue entregado", "ha sido entregado", "fue entregada", "ha sido entregada",
        "a été livrée", "a été livré", "foi entregue", "è stato consegnato", "è stata consegnata",
    ),
    "not_shipped": terms(
        "has not shipped", "hasn't shipped", "has not been shipped", "hasn't been shipped", "not shipped yet",
        "not yet shipped", "noch nicht versandt", "noch nicht verschickt", "まだ発送されていません", "未発送",
        "尚未发货",
        "还没有发货", "还没发货", "未发货", "aún no ha sido enviado", "todavía no ha sido enviado",
        "pas encore été expédiée", "pas encore expédiée", "ainda não foi enviado", "non è ancora stato spedito",
    ),
}
TRACKING_WORDS = terms(
    "tracking", "tracking number", "Sendungsnummer", "Trackingnummer", "Sendungsverfolgung", "追跡番号",
    "お問い合わせ番号", "运单号", "快递单号", "物流单号", "追踪号", "seguimiento", "número de seguimiento", "suivi",
    "numéro de suivi", "rastreio", "código de rastreio", "rastreamento", "tracciamento", "numero di tracciamento",
    "spedizione",
)
TOTAL_WORDS = terms(
    "total", "you paid", "order amount", "order total", "amount of", "Gesamtbetrag", "Gesamtsumme", "bezahlt",
    "Bestellwert", "合計", "お支払い金額", "ご注文金額", "总额", "总计", "共计", "实付", "订单金额", "importe", "pagó",
    "montant", "vous avez payé", "valor total", "pagou", "totale", "importo", "ha pagato",
)
REFUND_AMOUNT_WORDS = terms(
    "refund", "Erstattung", "erstatten", "返金", "退款", "reembolso", "remboursement", "rimborso", "reembolsar",
    "rembourser", "rimborsare",
)

# --- shape of a good reply -----------------------------------------------------------------

GREETING = terms(
    "hi", "hello", "hey", "dear", "good morning", "good afternoon", "good evening", "thank you for reaching out",
    "thanks for reaching out", "thank you for contacting", "thanks for your message", "thank you for your message",
    "hallo", "guten tag", "guten morgen", "guten abend", "sehr geehrte", "sehr geehrter", "liebe", "lieber",
    "moin", "servus", "grüß gott", "danke für ihre nachricht", "vielen dank für ihre nachricht",
    "こんにちは", "こんばんは", "おはようございます", "お世話になっております", "お問い合わせありがとうございます",
    "ご連絡ありがとうございます", "お問い合わせいただき", "様", "您好", "你好", "亲", "尊敬的", "感谢您的",
    "感谢您联系",
    "hola", "buenos días", "buenas tardes", "buenas noches", "estimado", "estimada", "gracias por contactar",
    "gracias por su mensaje", "bonjour", "bonsoir", "salut", "cher", "chère", "madame", "monsieur",
    "merci pour votre message", "olá", "ola", "oi", "bom dia", "boa tarde", "boa noite", "prezado", "prezada",
    "caro", "cara", "obrigado pelo contato", "ciao", "buongiorno", "buonasera", "gentile", "salve",
    "grazie per averci contattato",
)
CLOSING = terms(
    "let me know if", "anything else", "best regards", "kind regards", "regards", "have a great day", "have a nice day",
    "happy to help", "don't hesitate", "feel free to", "mit freundlichen grüßen", "viele grüße", "beste grüße",
    "schönen tag", "melden sie sich gerne", "bei fragen", "よろしくお願いいたします", "よろしくお願いします",
    "今後とも",
    "何かございましたら", "お気軽に", "祝您", "如有其他问题", "如有任何问题", "随时联系", "有任何问题", "saludos",
    "atentamente", "un saludo", "quedamos a su disposición", "no dude en", "cordialement", "bonne journée",
    "n'hésitez pas", "bien à vous", "atenciosamente", "cumprimentos", "abraços", "estamos à disposição",
    "qualquer dúvida", "cordiali saluti", "buona giornata", "resto a disposizione", "non esiti", "a presto",
)
EMPATHY = terms(
    "sorry", "apologize", "apologise", "apologies", "i understand", "we understand", "i can imagine", "frustrating",
    "unfortunately", "entschuldigung", "entschuldigen", "tut mir leid", "tut uns leid", "bedauern", "verstehe",
    "verstehen", "ärgerlich", "申し訳", "ご迷惑", "ご不便", "お詫び", "残念", "抱歉", "对不起", "不好意思", "理解您",
    "给您带来", "lo siento", "lo sentimos", "disculpe", "disculpas", "lamentamos", "entiendo", "comprendo",
    "désolé", "désolée", "nous excusons", "je comprends", "nous comprenons", "excuses", "desculpe", "sentimos muito",
    "lamento", "entendo", "compreendo", "mi dispiace", "ci dispiace", "ci scusiamo", "scuse", "capisco", "comprendo",
)
NEXT_STEP = terms(
    "i will", "i'll", "we will", "we'll", "please", "let me know", "you can", "you will", "you'll", "next",
    "within", "as soon as", "reply with", "send us", "click", "follow", "ich werde", "wir werden", "werden wir",
    "bitte", "können sie", "sie erhalten", "senden sie", "melden sie", "sobald", "innerhalb",
    "いたします", "ください", "お知らせ", "ご連絡", "お送りします", "お送りいたします", "手配", "でしょうか", "予定",
    "请", "我们会", "我们将", "将会", "会在", "稍后", "尽快", "您可以", "le enviaremos", "por favor", "puede",
    "vamos a", "le informaremos", "recibirá", "en cuanto", "nous allons", "je vais", "veuillez", "merci de",
    "vous pouvez", "vous recevrez", "dès que", "nous vous", "vamos", "vou", "pode", "iremos", "você receberá",
    "assim que", "provvederemo", "per favore", "può", "la preghiamo", "riceverà", "appena", "invieremo",
    "wir senden", "senden wir", "schicke ich", "schicken wir", "wir schicken", "sende ich", "melden Sie sich",
    "kümmern uns", "enviamos", "envíe", "envíenos", "avísenos", "envoyez", "écrivez", "nous enverrons",
    "envie", "envie-nos", "avisamos", "enviaremos", "invii", "ci invii", "ci scriva", "le invieremo",
    "お送りください", "お待ちください", "ご確認ください", "发给我", "发送给我们", "联系我们", "为您处理",
)

NEGATIVE_BUYER = terms(
    "terrible", "awful", "worst", "rubbish", "useless", "ridiculous", "unacceptable", "angry", "disappointed",
    "still not", "again", "scam", "complain", "furious", "frustrated", "schrecklich", "unverschämt", "enttäuscht",
    "ärgerlich", "immer noch", "betrug", "inakzeptabel", "最悪", "ひどい", "怒", "がっかり", "まだ届", "太差", "垃圾",
    "生气", "失望", "骗子", "还没", "投诉", "terrible", "pésimo", "inaceptable", "decepcionado", "todavía no",
    "estafa", "horrible", "inadmissible", "déçu", "toujours pas", "arnaque", "péssimo", "inaceitável",
    "decepcionado", "ainda não", "golpe", "pessimo", "inaccettabile", "deluso", "ancora non", "truffa",
)

NEXT_STEP_OR_CLOSING = re.compile(NEXT_STEP.pattern + "|" + CLOSING.pattern, re.IGNORECASE)
BUYER_THANKS = terms(
    "thank you", "thanks", "thx", "great", "perfect", "solved", "that helps", "danke", "super", "alles klar",
    "ありがとう", "助かりました", "了解しました", "谢谢", "多谢", "好的", "解决了", "gracias", "perfecto", "merci",
    "parfait", "obrigado", "obrigada", "perfeito", "grazie", "perfetto",
)
