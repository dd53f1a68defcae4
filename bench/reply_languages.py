"""Reply languages on the fixture conversations: aggregate counts only (no case ids, no texts).

For every conversation of the fixture shops (``bench/new_shops.py`` SPLIT, but the final held-out split), the
hand-written buyer language against the reply language :mod:`assist.reply_language` picks from the offline
detector's guess:

- template-language buyers who lose their language (the reply is not in the language the buyer writes: ~0);
- buyers of a language without templates who get no note (a silent switch of language: must be 0);
- of those buyers' notes, how many name their language, name another one (a wrong guess: Zulu read as Ido), or
  say the language could not be told (the detector was not sure).

    python -m bench.reply_languages
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assist.language import FastTextDetector, buyer_language  # noqa: E402
from assist.models import Conversation  # noqa: E402
from assist.replies import supported_languages  # noqa: E402
from assist.reply_language import UNTOLD, ReplyLanguage, reply_language  # noqa: E402
from bench.new_shops import FINAL_SPLIT, SPLIT  # noqa: E402


def _conversations(shop: str) -> list[dict]:
    path = ROOT / "examples" / "shops" / shop / "conversations.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _names(picked: ReplyLanguage, wanted: str) -> str:
    """What a note tells the agent of the buyer's language: theirs, another one, or that it could not be told."""
    if picked.note is None or UNTOLD in picked.note:
        return "says the language could not be told"
    return "names their language" if picked.guess == wanted else "names another language"


def main() -> None:
    detector = FastTextDetector()
    templates = supported_languages()
    counts: Counter[str] = Counter()
    for shop, split in SPLIT.items():
        if split == FINAL_SPLIT:
            continue
        for row in _conversations(shop):
            wanted = str(row.get("language") or "").split("-")[0]
            conversation = Conversation.model_validate({k: v for k, v in row.items() if k in Conversation.model_fields})
            detected = buyer_language(detector, conversation)
            guess = detected.language
            picked = reply_language(guess, conversation.customer_text(last=3), templates, detected.confidence)
            if wanted in templates:
                counts["template buyers"] += 1
                counts["template buyers who lose their language"] += picked.language != wanted
                counts["template buyers who lose their language, before (the guess taken as is)"] += guess != wanted
            else:
                counts["other buyers"] += 1
                counts["other buyers with no note (silent switch)"] += picked.note is None
                counts["other buyers with no note, before (the guess taken as is)"] += guess in templates
                counts[f"other buyers whose note {_names(picked, wanted)}"] += picked.note is not None
    for name in sorted(counts):
        print(f"{name}: {counts[name]}")


if __name__ == "__main__":
    main()
