"""Logging for the service, with personal data masked in every record.

:func:`install_masking` swaps the log-record factory so that each record (message, arguments,
exception text) has emails, phone numbers, card numbers and IBANs replaced before any handler sees
it: our handlers, uvicorn's, pytest's. :func:`configure_logging` sets up a plain stderr handler.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from typing import Any

from assist.privacy import luhn_ok

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")
PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[ ./-]?(?:\(0\)[ ./-]?)?(?:\(?\d{1,5}\)?[ ./-]?){1,5}\d{2,5}(?!\w)"
    r"|(?<![\w+.-])\(?0\d{1,4}\)?[ /-]\d{2,8}(?:[ -]\d{2,6}){0,3}(?![\w-])"
)
MASKS = (("[email]", EMAIL), ("[iban]", IBAN), ("[card]", CARD), ("[phone]", PHONE))


def _mask_card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group())
    return "[card]" if luhn_ok(digits) else match.group()


def mask_personal_data(text: str) -> str:
    """``text`` with emails, IBANs, card numbers (Luhn-valid) and phone numbers replaced by tags."""
    text = EMAIL.sub("[email]", text)
    text = IBAN.sub("[iban]", text)
    text = CARD.sub(_mask_card, text)
    return PHONE.sub(lambda m: "[phone]" if sum(c.isdigit() for c in m.group()) >= 7 else m.group(), text)


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
