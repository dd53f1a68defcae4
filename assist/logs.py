"""Logging for the service, with personal data masked in every record.

:func:`install_masking` swaps the log-record factory so that each record (message, arguments,
exception text) has emails, phone numbers, card numbers, IBANs, street addresses and API keys replaced
before any handler sees it: our handlers, uvicorn's, pytest's. :func:`configure_logging` sets up a
plain stderr handler.

URL-encoded text (an access-log line with ``%40`` or ``%2B49``) is decoded before masking, so that an
encoded value is masked like a plain one; a line that needed decoding is logged decoded.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from assist.privacy import ADDRESS, luhn_ok

# Local parts may hold any RFC 5322 atom character, letters of any script included (ö, 山).
EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[ ./-]?(?:\(0\)[ ./-]?)?(?:\(?\d{1,5}\)?[ ./-]?){1,5}\d{2,5}(?!\w)"
    r"|(?<![\w+.-])\(?0\d{1,4}\)?[ /-]\d{2,8}(?:[ -]\d{2,6}){0,3}(?![\w-])"
    r"|(?<![\w+.:-])0[1-9]\d{8,11}(?![\w-])"  # national numbers without separators: 01711234567
)
# Keys: our own format anywhere, any key-like query parameter, and bearer tokens.
API_KEY = re.compile(r"\bak_[A-Za-z0-9_-]{8,}")
KEY_PARAMETER = re.compile(r"(?i)\b(key|api_key|apikey|access_key|token|access_token)=[^&\s\"']+")
BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]{8,}")
ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
JP_POSTCODE = re.compile(r"〒\s?\d{3}-\d{4}")
# "12 rue de la Paix" up to the end of the value (the LLM-masking pattern wants a following comma or stop).
STREET_FR = re.compile(r"\b\d{1,4},? (?:rue|avenue|boulevard|bd|place|chemin|allée|impasse) [\w' -]{2,40}", re.I)
QUERY = re.compile(r"\?[^\s\"'<>]+")
MASKS = (("[email]", EMAIL), ("[iban]", IBAN), ("[card]", CARD), ("[phone]", PHONE))


def _mask_card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group())
    return "[card]" if luhn_ok(digits) else match.group()


def _query_spaces(match: re.Match[str]) -> str:
    # In a query string '+' is a space ("12+Baker+Street"); a '+' opening a value stays (a phone prefix).
    return re.sub(r"(?<![=&?])\+", " ", match.group())


def _decode(text: str) -> str:
    """URL-encoded text decoded (``%40`` -> ``@``, ``+`` in a query -> a space), else unchanged."""
    if "?" in text:
        text = QUERY.sub(_query_spaces, text)
    if not ENCODED.search(text):
        return text
    return unquote(unquote(text, errors="replace"), errors="replace")  # doubly encoded too


def mask_personal_data(text: str) -> str:
    """``text`` with emails, IBANs, card numbers (Luhn-valid), phone numbers, street addresses and API
    keys replaced by tags; URL-encoded values are decoded first."""
    text = _decode(text)
    text = API_KEY.sub("[key]", text)
    text = KEY_PARAMETER.sub(lambda m: f"{m.group(1)}=[key]", text)
    text = BEARER.sub(lambda m: f"{m.group(1)} [key]", text)
    text = EMAIL.sub("[email]", text)
    text = IBAN.sub("[iban]", text)
    text = CARD.sub(_mask_card, text)
    text = PHONE.sub(lambda m: "[phone]" if sum(c.isdigit() for c in m.group()) >= 7 else m.group(), text)
    text = JP_POSTCODE.sub("[address]", text)
    text = STREET_FR.sub("[address]", text)
    return ADDRESS.sub("[address]", text)


def _mask_arg(value: Any) -> Any:
    if isinstance(value, str):
        return mask_personal_data(value)
    if value is None or isinstance(value, int | float | bool):
        return value
    text = str(value)
    masked = mask_personal_data(text)
    return value if masked == text else masked


def _mask_record(record: logging.LogRecord) -> None:
    # Arguments are masked one by one (not merged into msg): formatters such as uvicorn's access
    # log unpack ``record.args``.
    if isinstance(record.msg, str):
        record.msg = mask_personal_data(record.msg)
    elif record.msg is not None:
        record.msg = _mask_arg(record.msg)
    if isinstance(record.args, tuple):
        record.args = tuple(_mask_arg(a) for a in record.args)
    elif isinstance(record.args, dict):
        record.args = {k: _mask_arg(v) for k, v in record.args.items()}
    if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
        record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
    if record.exc_text:
        record.exc_text = mask_personal_data(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_personal_data(record.stack_info)


_base_factory: Callable[..., logging.LogRecord] | None = None


def install_masking() -> None:
    """Mask personal data in every log record created from now on (idempotent, process-wide)."""
    global _base_factory
    if _base_factory is not None:
        return
    _base_factory = logging.getLogRecordFactory()
    base = _base_factory

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = base(*args, **kwargs)
        _mask_record(record)
        return record

    logging.setLogRecordFactory(factory)


class MaskingFilter(logging.Filter):
    """For handlers fed by records made elsewhere (e.g. a log shipper's own factory)."""

    def filter(self, record: logging.LogRecord) -> bool:
        _mask_record(record)
        return True


def configure_logging(level: str | int = "INFO") -> None:
    """stderr logging for the ``assist`` loggers, personal data masked."""
    install_masking()
    handler = logging.StreamHandler()
    handler.addFilter(MaskingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("assist")
    if not any(getattr(h, "_assist", False) for h in logger.handlers):
        handler._assist = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)
