"""The shop's own writing, read from the sentences its facts were read from, while its drafts are checked.

Two things a draft's numbers are read with come from there rather than from any word list: the language the shop
writes its policies in, which a short draft the language detector is unsure of is read in too where the detector
ranks it at all ("eno leto garancije" reads sh, sr and hr before sl, whose "eno" is one), and the number words the
shop writes in brackets after digits ("3 (tre) ditë pune", "14 (арван дөрөв) хоног"), which read a draft's "tre
vjet" in a language num2words spells no number in
(:func:`assist.policy_extract.number_words.shop_number_words`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

_LANGUAGE: ContextVar[str | None] = ContextVar("shop_language", default=None)
_BUYER: ContextVar[str | None] = ContextVar("buyer_language", default=None)


@contextmanager
def shop_writing(facts: Any, buyer_language: str | None = None) -> Iterator[None]:
    """Read the drafts checked inside the block with the shop's language and number words (from ``facts``, the
    shop's PolicyFacts; none without them), and the buyer's language (the one a reply to them is written in)."""
    from assist.policy_extract.number_words import shop_number_words

    sentences = tuple(dict.fromkeys(f.sentence for f in getattr(facts, "facts", None) or [] if f.sentence))
    token = _LANGUAGE.set(_language_of(sentences))
    buyer = _BUYER.set(buyer_language)
    try:
        with shop_number_words(_number_words_of(sentences)):
            yield
    finally:
        _BUYER.reset(buyer)
        _LANGUAGE.reset(token)


def shop_language() -> str | None:
    """The language the shop's policy sentences are written in, inside :func:`shop_writing`; else None."""
    return _LANGUAGE.get()


def buyer_language() -> str | None:
    """The buyer's language inside :func:`shop_writing`, which a short draft the detector is unsure of is read in
    too: the detector reads "Una siku 7 za kurudisha bidhaa" as Slovenian or Maltese, the buyer writes Swahili;
    else None."""
    return _BUYER.get()


@lru_cache(maxsize=16)
def _number_words_of(sentences: tuple[str, ...]) -> dict[str, int]:
    """The shop's bracketed number words, read once per shop's sentences (not at each draft checked)."""
    from assist.policy_extract.number_words import words_beside_digits

    return words_beside_digits(sentences)


@lru_cache(maxsize=16)
def _language_of(sentences: tuple[str, ...]) -> str | None:
    from assist.language import language_of

    return language_of(" ".join(sentences)) if sentences else None


__all__ = ["buyer_language", "shop_language", "shop_writing"]
