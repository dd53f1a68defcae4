"""An order export's shipping address, read into the four fields an order keeps: ``shipping_country``,
``shipping_state``, ``shipping_city``, ``shipping_postcode``.

Exports name these columns their own way (Shopify "Shipping Province Name", WooCommerce ``shipping_state``,
Amazon ``ship-state``, eBay "Ship To State") or nest them in an object (Shopify's ``shipping_address``,
WooCommerce's ``shipping``); Chinese marketplace exports (Taobao, Tmall) write one 收货地址 string whose first
parts are the province and the city. The place is kept and the street is not: street lines, names and phone
numbers of an address are never read (an address is personal data; the region needs only the place).
"""

from __future__ import annotations

import re
from typing import Any

FIELDS = ("shipping_country", "shipping_state", "shipping_city", "shipping_postcode")

# export column -> order field; the first non-empty column of a field wins (the field's own name first)
COLUMNS: dict[str, tuple[str, ...]] = {
    "shipping_country": (
        "shipping_country",
        "Shipping Country Code",
        "Shipping Country",  # Shopify (a code)
        "ship-country",  # Amazon
        "ship_country",
        "Ship To Country",  # eBay
        "Ship Country",
        "Shipping Address Country",
        "收货国家",
    ),
    "shipping_state": (
        "shipping_state",
        "Shipping Province Name",  # Shopify
        "Shipping Province",
        "shipping_province",
        "ship-state",
        "ship_state",
        "Ship To State",
        "Ship To Province",
        "Ship State",
        "Shipping State",
        "Shipping Region",
        "收货省份",
    ),
    "shipping_city": (
        "shipping_city",
        "Shipping City",
        "ship-city",
        "ship_city",
        "Ship To City",
        "Ship City",
        "收货城市",
    ),
    "shipping_postcode": (
        "shipping_postcode",
        "Shipping Zip",  # Shopify
        "shipping_zip",
        "shipping_postal_code",
        "ship-postal-code",  # Amazon
        "ship_postal_code",
        "Ship To Zip",  # eBay
        "Ship To Postal Code",
        "Shipping Postcode",
        "Shipping Postal Code",
        "Ship Zip",
        "邮编",
        "收货邮编",
    ),
}
# nested address objects (JSON): Shopify ``shipping_address``, WooCommerce ``shipping``
NESTED = ("shipping_address", "shipping")
NESTED_KEYS: dict[str, tuple[str, ...]] = {
    "shipping_country": ("country_code", "country"),
    "shipping_state": ("province", "state", "province_code", "state_code", "region"),
    "shipping_city": ("city",),
    "shipping_postcode": ("zip", "postcode", "postal_code", "zip_code"),
}
# one-string Chinese addresses: "浙江省 杭州市 西湖区 文三路100号"
COMBINED = ("收货地址", "shipping_address_full")
_PROVINCE = re.compile(r"^(.{2,8}?(?:省|自治区|特别行政区|市))")
_CITY = re.compile(r"^(.{2,8}?(?:市|自治州|地区|盟|州|区|县))")


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    written = str(value).strip()
    return written or None


def _key(name: str) -> str:
    return re.sub(r"[\s_-]+", " ", name).strip().casefold()


def _combined(value: str) -> dict[str, str]:
    """Province and city of a one-string Chinese address; the rest (district, street) is dropped."""
    rest = re.sub(r"\s+", "", value)
    out: dict[str, str] = {}
    province = _PROVINCE.match(rest)
    if province:
        out["shipping_state"] = province.group(1)
        rest = rest[province.end() :]
        if province.group(1).endswith("市"):  # a city province (北京市, 上海市): the city is the province
            out["shipping_city"] = province.group(1)
            return out
    city = _CITY.match(rest)
    if city:
        out["shipping_city"] = city.group(1)
    return out


def shipping_fields(record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """``record`` with its shipping address in the order's four fields (every other address column dropped), and
    for each field the export column it was read from (error messages name it)."""
    by_key = {_key(k): k for k in record if isinstance(k, str)}
    out = {k: v for k, v in record.items() if k not in NESTED and k not in COMBINED}
    sources: dict[str, str] = {}
    for field in FIELDS:
        for column in COLUMNS[field]:
            name = by_key.get(_key(column))
            if name is not None and (value := _text(record.get(name))) is not None:
                out[field], sources[field] = value, name
                break
        for alias in COLUMNS[field]:
            name = by_key.get(_key(alias))
            if name is not None and name != field:
                out.pop(name, None)
    for nested in NESTED:
        address = record.get(nested)
        if not isinstance(address, dict):
            continue
        for field, keys in NESTED_KEYS.items():
            for key in keys:
                if field not in sources and (value := _text(address.get(key))) is not None:
                    out[field], sources[field] = value, f"{nested}.{key}"
    for column in COMBINED:
        written = _text(record.get(column))
        if written is None:
            continue
        for field, value in _combined(written).items():
            if field not in sources:
                out[field], sources[field] = value, column
        if "shipping_country" not in sources and column in sources.values():
            out["shipping_country"], sources["shipping_country"] = "CN", f"{column} (a Chinese marketplace export)"
    return out, sources
