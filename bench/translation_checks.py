"""How often the translation output checks (length ratio, numbers not in the source) flag a HUMAN
translation: the false-alarm rate of ``assist.translate_batches.check_output`` on FLORES-200 devtest
(parallel sentences, CC BY-SA, read by path), per sentence and per 10-sentence paragraph.

    .venv/bin/python bench/translation_checks.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assist.translate_batches import check_output  # noqa: E402

LANGS = {"en": "eng_Latn", "pt": "por_Latn", "de": "deu_Latn", "fr": "fra_Latn", "ja": "jpn_Jpan", "zh": "zho_Hans"}
PAIRS = [("en", "pt"), ("pt", "en"), ("de", "en"), ("en", "de"), ("fr", "en"), ("ja", "en"), ("zh", "en"), ("en", "ja")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    folder = args.data / "translation" / "flores200_devtest"
    lines = {k: (folder / f"{v}.devtest").read_text(encoding="utf-8").splitlines() for k, v in LANGS.items()}
    print("false alarms of the output checks on human translations (FLORES-200 devtest)")
    print(f"{'pair':6} {'sentences':>9} {'length':>7} {'numbers':>8} {'paragraphs':>10} {'length':>7} {'numbers':>8}")
    for src, tgt in PAIRS:
        pairs = list(zip(lines[src], lines[tgt], strict=True))
        paragraphs = [
            (" ".join(s for s, _ in pairs[i : i + 10]), " ".join(t for _, t in pairs[i : i + 10]))
            for i in range(0, len(pairs), 10)
        ]
        row = [f"{src}->{tgt}"]
        for units in (pairs, paragraphs):
            warnings = [check_output(s, t) for s, t in units]
            length = sum(any(w.startswith("length") for w in ws) for ws in warnings) / len(units)
            numbers = sum(any(w.startswith("number") for w in ws) for ws in warnings) / len(units)
            row += [str(len(units)), f"{length:.1%}", f"{numbers:.1%}"]
        print(f"{row[0]:6} {row[1]:>9} {row[2]:>7} {row[3]:>8} {row[4]:>10} {row[5]:>7} {row[6]:>8}")


if __name__ == "__main__":
    main()
