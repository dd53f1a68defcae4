"""The variety of the buyer's language a reply follows: pt-BR or pt-PT, zh-Hant or zh-Hans, es-419 or es-ES.

The buyer's words decide (Brazilian "você", "pra", "estou esperando" against European "estou a esperar",
"morada"; Traditional against Simplified characters; "ustedes", voseo against "vosotros", "-áis"), else the
order's country, else the language's default (``assist/resources/replies/_varieties.yaml``). A variety's
templates are the base language's, with the sentences that differ from an overlay file
(``answers/varieties/<tag>.yaml`` for the answers, ``varieties/<tag>.yaml`` for greetings and status lines),
or, for Traditional Chinese, the Simplified templates converted with OpenCC (``s2twp`` for Taiwan, ``s2hk`` for
Hong Kong and Macau). Only the templates are converted: the shop's own words (item names, quoted policy
phrases) are inserted afterwards as they are.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

REPLIES = Path(__file__).parent / "resources" / "replies"
_HAN = re.compile(r"[\u4e00-\u9fff]")
_lock = threading.Lock()
_converters: dict[str, Any] = {}


@dataclass(frozen=True)
class Variety:
    tag: str  # "pt-BR"
    name: str  # "Brazilian Portuguese"
    reason: str  # why: "the buyer's words (você, pra)", "the order's country (BR)", "the default for pt"
    convert: str | None = None  # the OpenCC conversion of the base templates, if any

    @property
    def note(self) -> str:
        return f"reply written in {self.name} ({self.tag}): {self.reason}"


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPLIES / "_varieties.yaml").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=64)
def _marks(tag: str, patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


def _converter(config: str) -> Any:
    with _lock:
        if config not in _converters:
            from opencc_purepy import OpenCC

            _converters[config] = OpenCC(config)
        return _converters[config]


def convert(text: str, config: str) -> str:
    return str(_converter(config).convert(text))


def _script(text: str) -> str | None:
    """``zh-Hant`` or ``zh-Hans`` from the characters the buyer writes; None when they tell neither."""
    han = "".join(_HAN.findall(text))
    if not han:
        return None
    simplified, traditional = convert(han, "t2s"), convert(han, "s2t")
    as_hant = sum(a != b for a, b in zip(han, simplified, strict=False))  # characters that only Traditional writes
    as_hans = sum(a != b for a, b in zip(han, traditional, strict=False))
    if as_hant > as_hans:
        return "zh-Hant"
    if as_hans > as_hant:
        return "zh-Hans"
    return None


def _by_words(rules: dict[str, Any], text: str) -> tuple[str | None, list[str]]:
    """The variety ``text`` is written in (by script for Chinese, else by the variety's marking words), and the
    marks that told it; None when it tells neither or both equally."""
    plain = unicodedata.normalize("NFKC", text)
    if rules.get("script") == "hant":
        chosen = _script(plain)
        return chosen, ["Traditional" if chosen == "zh-Hant" else "Simplified"] if chosen else []
    found: dict[str, list[str]] = {}
    for tag, spec in rules["varieties"].items():
        for mark in _marks(tag, tuple(spec.get("words") or ())):
            hit = mark.search(plain)
            if hit:
                found.setdefault(tag, []).append(hit.group(0).casefold())
    ranked = sorted(found.items(), key=lambda kv: -len(set(kv[1])))
    if ranked and (len(ranked) == 1 or len(set(ranked[0][1])) > len(set(ranked[1][1]))):
        return ranked[0][0], list(dict.fromkeys(ranked[0][1]))
    return None, []


def _of_country(rules: dict[str, Any], country: str) -> str | None:
    return next((tag for tag, spec in rules["varieties"].items() if country in (spec.get("countries") or [])), None)


@lru_cache(maxsize=64)
def currency_countries(language: str, currency: str) -> tuple[str, ...]:
    """The countries that pay in ``currency`` and speak ``language`` officially (CLDR through babel): where a
    shop that prices in that currency and writes in that language is. EUR and pt -> PT; USD and es -> US, PR, EC..."""
    from babel.languages import get_official_languages

    from assist.home_country import currency_users

    users = sorted(currency_users(currency.upper()))
    return tuple(code for code in users if language in get_official_languages(code, de_facto=True))


def _of_shop(rules: dict[str, Any], language: str, currency: str | None) -> tuple[str | None, str]:
    """The one variety every country the shop's currency and language point to writes, if they agree."""
    if not currency:
        return None, ""
    countries = currency_countries(language, currency)
    tags = {_of_country(rules, c) for c in countries} - {None}  # Ceuta or the Canaries: no variety of their own
    if len(tags) == 1:
        return tags.pop(), f"the shop's currency ({currency.upper()}: {', '.join(countries)})"
    return None, ""


def reply_variety(
    language: str,
    text: str,
    country: str | None = None,
    *,
    shop_text: str = "",
    currency: str | None = None,
) -> Variety | None:
    """The variety of ``language`` a reply to ``text`` follows (None for a language with no varieties here).
    ``country``: the order's country (ISO code; a subdivision such as "BR-SP" counts as its country). With
    neither the buyer's words nor the order's country to go on, the shop's own: the variety its policy text
    (``shop_text``) is written in, else the country its ``currency`` and language point to (CLDR)."""
    rules = _rules().get(language)
    if not rules:
        return None
    varieties: dict[str, Any] = rules["varieties"]
    country = country.split("-")[0].upper() if country else None
    chosen, marks = _by_words(rules, text)
    reason = f"the buyer's words ({', '.join(marks)})" if rules.get("script") != "hant" else ""
    if chosen is not None and rules.get("script") == "hant":
        reason = f"the buyer writes {marks[0]} characters"
    if chosen is None and country:
        chosen = _of_country(rules, country)
        reason = f"the order's country ({country})"
    if chosen is None and shop_text:
        chosen, marks = _by_words(rules, shop_text)
        reason = f"the shop's policy text ({', '.join(marks)})"
    if chosen is None:
        chosen, reason = _of_shop(rules, language, currency)
    if chosen is None:
        chosen, reason = rules.get("default"), f"the default for {language}"
    if chosen is None:
        return None
    spec = varieties[chosen]
    conversion = spec.get("convert") or {}
    return Variety(chosen, spec["name"], reason, conversion.get(country or "", conversion.get("default")))


def _overlay(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _overlay(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _converted(value: Any, config: str) -> Any:
    if isinstance(value, str):
        return convert(value, config)
    if isinstance(value, dict):
        return {k: _converted(v, config) for k, v in value.items()}
    if isinstance(value, list):
        return [_converted(v, config) for v in value]
    return value


def in_variety(data: dict[str, Any], variety: Variety | None, kind: str, language: str) -> dict[str, Any]:
    """Templates ``data`` of ``language`` (``kind``: "answers" or "phrases") as the variety writes them."""
    if variety is None:
        return data
    key = (language, variety.tag, variety.convert or "", kind)
    with _lock:
        found = _cache.get(key)
    if found is not None:
        return found
    folder = REPLIES / "answers" / "varieties" if kind == "answers" else REPLIES / "varieties"
    path = folder / f"{variety.tag}.yaml"
    out = _overlay(data, yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else data
    if variety.convert:
        out = _converted(out, variety.convert)
    with _lock:
        _cache[key] = out
    return out


_cache: dict[tuple[str, str, str, str], dict[str, Any]] = {}


__all__ = ["Variety", "convert", "in_variety", "reply_variety"]
