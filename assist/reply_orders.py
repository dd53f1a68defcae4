"""The order number a buyer names when no order was found for it ("where is my order 1001?").

Such a buyer gets a reply that asks for the right number, not the shop's general delivery times for every region.
A number counts as an order number when the shop's own order-number pattern (``order_id_pattern``, else the
default of ``retrievers/orders.py``) finds it, or when it follows an order word directly ("order 1001",
"Bestellnummer 1001", "pedido nº 1001", "注文番号1001"): the words are written language-wide, not from any shop.
"""

from __future__ import annotations

import re

from assist.models import Order

# "order" and "order number" in the languages buyers write; a number that follows one directly (only "#", "№",
# "no."-like marks or ":" between) names an order
_ORDER_WORDS = (
    r"order(?:\s*(?:number|no|nr|id))?|bestell(?:ung|nummer|nr)|auftrag(?:snummer)?"
    r"|commande|n(?:um(?:é|e)ro)? de commande|pedido|n(?:ú|u)mero de pedido|encomenda|n(?:ú|u)mero da encomenda"
    r"|ordine|numero d[’'i] ?ordine|ordre(?:nummer)?"
    r"|bestelling(?:snummer)?|ordernummer|zam(?:ó|o)wieni[aeu]|objedn(?:á|a)v(?:k[ayu]|ce)"
    r"|best(?:ä|a)llning(?:en|snummer)?|bestilling(?:en|snummer)?|comand(?:a|ă)|narudžb[aeu]|naročil[oa]|tellimus[et]?"
    # with a possessive or case ending: Finnish "tilaukseni", Hungarian "rendelésem", Turkish "siparişim"
    r"|tilau(?:s|ks[a-zäö]{1,6})(?:\s*numero)?|rendel(?:é|e)s(?:szám|[a-zéö]{1,5})?|sipari(?:ş|s)[a-zıiü]{0,4}(?:\s*no)?"
    r"|παραγγελ[ίι](?:α|ας)|заказ[ауе]?|замовлення|поръчка(?:та)?"
    r"|đơn hàng|주문(?:\s*번호)?|注文(?:番号)?|订单(?:号)?|訂單(?:編號|号)?"
)
_MARK = r"(?:\s*(?:#|№|n\.?\s?[º°o]\.?|nr\.?|no\.?|num\.?|:|-)\s*|\s+)?"
_NAMED = re.compile(
    rf"(?<!\w)(?:{_ORDER_WORDS}){_MARK}(#?[A-Z]{{0,5}}-?\d{{3,12}}(?:-\d{{2,12}})*)(?![\w.,]\d)(?!\s*(?:[€$£¥₩₺]|eur|euros?|usd|gbp|dollars?|kr|zł|ft|円|元)(?!\w))",
    re.IGNORECASE,
)


def named_order_numbers(text: str, pattern: str | None = None) -> list[str]:
    """The order numbers ``text`` names, by the shop's pattern or after an order word, in order of appearance."""
    from retrievers.orders import find_order_ids

    found = list(find_order_ids(text, pattern))
    for match in _NAMED.finditer(text):
        value = match.group(1).lstrip("#").upper()
        if value not in found:
            found.append(value)
    return found


def unknown_order(text: str, order: Order | None, pattern: str | None = None) -> str | None:
    """The order number the buyer names when no order was found (None when one was, or none is named)."""
    if order is not None:
        return None
    named = named_order_numbers(text, pattern)
    return named[0] if named else None


__all__ = ["named_order_numbers", "unknown_order"]
