"""Traditional Chinese read with the simplified-Chinese claim words: 已發貨 is 已发货, 退貨運費 is 退货运费.

The draft checks' Chinese words are written in simplified characters; a draft in traditional characters
(Taiwan, Hong Kong) is converted character for character with OpenCC's ``t2s`` tables (``opencc-purepy``,
pure Python, data in the wheel). Offsets are kept: a conversion that would change the text's length is not
used, so every issue still points at the draft's own words.
"""

from __future__ import annotations

import re
import threading
from typing import Any

_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")  # Japanese: its kanji are not traditional Chinese
_lock = threading.Lock()
_converter: Any = None


def _t2s() -> Any:
    global _converter
    with _lock:
        if _converter is None:
            from opencc_purepy import OpenCC

            _converter = OpenCC("t2s")
    return _converter


def simplified(text: str) -> str:
    """``text`` with traditional Chinese characters written as simplified ones, same length; else ``text``."""
    if not _HAN.search(text) or _KANA.search(text):
        return text
    converted = str(_t2s().convert(text))
    return converted if len(converted) == len(text) else text


__all__ = ["simplified"]
