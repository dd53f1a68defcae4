"""Policy-fact extraction against hand-read gold facts: per-slot precision and recall, tune vs held-out.

Shops: every ``examples/shops/<name>/gold_facts.yaml``. Documents come from ``<shop>/policies/``, or from
``policies_from`` (paths under ``--data-dir``, default ``../shared/data`` relative to the repository: the
tau-bench and ABCD texts are read there, never copied), or ``policies_from_repo`` (paths in the repository).
The split (TUNE, TUNE-U, HELD-OUT, FRESH-A … FRESH-AD) is declared in ``examples/shops/README.md``; each
split is its own column and row (``--split`` selects splits, ``--shop`` single shops).

**What is scored.** The facts a reader would use: extracted facts not marked for review
(``confidence >= REVIEW_BELOW``). Facts marked for review are counted in their own column, not scored.

**When a predicted fact matches a gold fact.**

1. Same slot.
2. Same scope: for each of region, product_class, payment_method and customer_group, both are absent, or
   both are present and one text contains the other after folding (NFKC, case-folded, spaces and
   punctuation removed), or the words of one are a subset of the other's (joining words such as
   "and", "the", "und", "et" left out): "Deutschlands" matches "Deutschland", "UK and the US" matches
   "UK and US", "Madeira" matches "Açores e Madeira".
   A region also matches when the gazetteer (``assist.regions``) reads both as the same countries and neither
   is qualified by a number or parenthesis: "Canadian" matches "Canada" ("United States (lower 48)" is not "US").
   A general fact does not match a scoped gold fact, nor the reverse.
3. Same value:
   - durations: the same low and high value after converting to a common unit (1 year = 12 months,
     1 week = 7 days); ``business_day`` only equals ``business_day``; ``hour`` only ``hour``;
   - money: the same amount (to the cent) and currency;
   - enum, bool, clock time: equal; text values (carrier, refund method): equal or one contains the
     other after folding;
   - phrase lists (exclusions, conditions, evidence, remedies...): scored phrase by phrase; a
     predicted phrase matches a gold phrase of the same slot and scope when one contains the other after
     folding. Each phrase counts as one prediction and one gold item.

Precision = matched predictions / predictions; recall = matched gold items / gold items.

**The shop's own rules, a second figure.** A rule of slot ``other`` matches above only when its topic label
(``scope.product_class``) matches the gold file's, which a human wrote in their own words ("alokairuaren fidantza"
for "300 €-ko fidantza blokeatzen dugu"). Beside that figure, never instead of it, ``other`` is also scored matched
by cited sentence (one contains the other after folding) and value, the label not compared (:func:`rules_by_sentence`).

**Slots added later.** ``shipping.cost`` (the delivery fee) joined the catalogue after most gold files were written:
it is scored only for shops whose gold file lists at least one ``shipping.cost`` fact (``LATER_SLOTS``); elsewhere
its predictions are left out rather than counted as false.

Usage: ``.venv/bin/python bench/policy_facts.py [--no-embed] [--llm] [--errors] [--leave-language-out] [--data-dir PATH]
[--cache-dir PATH]``
(the learned policy reader is trained once per encoder and kept under ``--cache-dir``).
``--llm`` adds the LLM extractor with the configured chat model (its facts must quote the chunk).
``--errors`` lists misses and false facts, never for the final held-out split (``FINAL_SPLIT`` in
``bench/new_shops.py``, read by the lead only); pass ``--split``/``--shop`` to choose which tune shops to list.
The final split and shops not yet in the table run only when named with ``--split``/``--shop``.
``--leave-language-out`` reads each shop with the topic cues and exemplars of its documents' languages withheld
(:func:`assist.policy_extract.cues.withheld`): the figure the next language without cue lists will get.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assist.policy_extract import cues  # noqa: E402
from assist.policy_extract.coverage import chunk_language  # noqa: E402
from assist.policy_extract.extractor import extract_facts  # noqa: E402
from assist.policy_extract.sources import document_chunks, load_policy  # noqa: E402
from assist.policy_facts import SLOTS, PolicyFact  # noqa: E402
from bench.new_shops import FINAL_SPLIT, HELD_OUT_SPLITS  # noqa: E402
from retrievers.policies import expand_policy_paths  # noqa: E402

SHOPS = ROOT / "examples" / "shops"
# one list of splits: bench/new_shops.py (TUNE-U: tuning shops in languages no component knew)
SPLITS = ("TUNE", "TUNE-U", "HELD-OUT", "FRESH-A", *HELD_OUT_SPLITS, "UNLISTED")
FINAL = {FINAL_SPLIT, "UNLISTED"}  # the final held-out set (or a shop not yet in the table): run only when named
NO_ERRORS = FINAL  # and their errors never print
SCOPE_KEYS = ("region", "product_class", "payment_method", "customer_group")
TO_BASE = {"year": ("month", 12), "week": ("day", 7)}


def shop_language(folder: Path) -> str | None:
    """The shop's own language (``agent_language`` in ``shop.yaml``): its document is cited first when the same rules
    are written in two languages."""
    path = folder / "shop.yaml"
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return str(spec["agent_language"]) if isinstance(spec, dict) and spec.get("agent_language") else None


def split_of() -> dict[str, str]:
    """Shop -> TUNE | TUNE-U | HELD-OUT | FRESH-A … FRESH-AD, read from the README table."""
    out = {}
    for line in (SHOPS / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*`(?:\.\./)?([\w-]+)`.*\|\s*(TUNE(?:-[A-Z])?|HELD-OUT|FRESH-[A-Z]+)\s*\|\s*$", line)
        if m:
            out["demo" if m.group(1) == "demo-shop" else m.group(1)] = m.group(2)
    return out


def fold(text: Any) -> str:
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\W_]+", "", text)


def contains(a: Any, b: Any) -> bool:
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and (fa in fb or fb in fa)


JOINERS = {"and", "the", "or", "und", "die", "der", "et", "les", "y", "e", "o", "ou", "of", "to", "in", "a"}


def _words(text: Any) -> set[str]:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", str(text)).casefold())
    return {w for w in words if w not in JOINERS}


def same_scope_value(a: Any, b: Any) -> bool:
    wa, wb = _words(a), _words(b)
    return contains(a, b) or (bool(wa and wb) and (wa <= wb or wb <= wa))


def same_country(a: Any, b: Any) -> bool:
    """One country named two ways ("Canadian" / "Canada", "Suisse" / "Schweiz"), as the gazetteer reads them.

    Only plain names: a qualified area ("United States (lower 48)") is not the whole country."""
    from assist.regions import region_countries

    if any(re.search(r"[\d()（）]", str(x)) for x in (a, b)):
        return False
    ca, cb = region_countries(str(a)), region_countries(str(b))
    return bool(ca) and ca == cb


def scope_matches(p: dict[str, Any], g: dict[str, Any]) -> bool:
    for key in SCOPE_KEYS:
        a, b = p.get(key), g.get(key)
        if (a is None) != (b is None):
            return False
        if a is not None and not same_scope_value(a, b) and not (key == "region" and same_country(a, b)):
            return False
    return True


def _duration(value: Any, max_value: Any, unit: str | None) -> tuple[float, float, str | None]:
    base, factor = TO_BASE.get(unit or "", (unit, 1))
    low = float(value) * factor
    high = float(max_value if max_value is not None else value) * factor
    return round(low, 4), round(high, 4), base


def value_matches(slot: str, p: dict[str, Any], g: dict[str, Any]) -> bool:
    kind = SLOTS[slot].kind if slot in SLOTS else "text"
    if kind == "duration":
        try:
            return _duration(p["value"], p.get("max_value"), p.get("unit")) == _duration(
                g["value"], g.get("max_value"), g.get("unit")
            )
        except (TypeError, ValueError):
            return False
    if kind in ("money", "number"):
        try:
            return abs(float(p["value"]) - float(g["value"])) < 0.005 and p.get("unit") == g.get("unit")
        except (TypeError, ValueError):
            return False
    if kind in ("enum", "bool", "time"):
        return str(p["value"]).casefold() == str(g["value"]).casefold()
    return contains(p["value"], g["value"])


def explode(fact: dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(fact.get("value"), list):
        return [{**fact, "value": v} for v in fact["value"]]
    return [fact]


def score(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per slot: tp_pred, n_pred, tp_gold, n_gold, and the unmatched items."""
    out: dict[str, dict[str, Any]] = defaultdict(lambda: {"tp_p": 0, "n_p": 0, "tp_g": 0, "n_g": 0, "fp": [], "fn": []})
    preds = [x for f in predicted for x in explode(f)]
    golds = [x for f in gold for x in explode(f)]

    def match(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return (
            a["slot"] == b["slot"]
            and scope_matches(a.get("scope") or {}, b.get("scope") or {})
            and value_matches(a["slot"], a, b)
        )

    for p in preds:
        row = out[p["slot"]]
        row["n_p"] += 1
        if any(match(p, g) for g in golds):
            row["tp_p"] += 1
        else:
            row["fp"].append(p)
    for g in golds:
        row = out[g["slot"]]
        row["n_g"] += 1
        if any(match(p, g) for p in preds):
            row["tp_g"] += 1
        else:
            row["fn"].append(g)
    return out


# Slots added after most gold files were written: a shop is scored on one only when its gold file lists at least one
# fact of it (a gold file written before the slot existed does not say the shop states none).
LATER_SLOTS = frozenset({"shipping.cost"})


def scored(slot: str, gold: list[dict[str, Any]]) -> bool:
    """Whether predictions of ``slot`` are scored against this gold file (see ``LATER_SLOTS``)."""
    return slot not in LATER_SLOTS or any(g.get("slot") == slot for g in gold)


def shop_chunks(shop_dir: Path, spec: dict[str, Any], data_dir: Path) -> list[Any]:
    if spec.get("policies_from"):
        paths = [data_dir / p for p in spec["policies_from"]]
    elif spec.get("policies_from_repo"):
        paths = expand_policy_paths([ROOT / p for p in spec["policies_from_repo"]])
    else:
        paths = expand_policy_paths([shop_dir / "policies"])
    chunks = []
    for path in paths:
        if not path.exists():
            raise SystemExit(f"{path}: not found; pass --data-dir (default ../shared/data relative to the repo)")
        document = load_policy(path)
        chunks += document_chunks(0, document, path.name, document.language)
    return chunks


def as_dict(fact: PolicyFact) -> dict[str, Any]:
    data = fact.model_dump(exclude_none=True)
    data["scope"] = fact.scope.model_dump(exclude_none=True)
    return data


def rules_by_sentence(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """The shop's own rules (slot ``other``) matched by cited sentence and value, their topic labels not compared (a
    reader's label in the sentence's words seldom equals the gold file's label in a human's words): a predicted rule
    matches a gold rule that cites the same sentence (one contains the other after folding) with the same value."""
    preds = [x for f in predicted if f["slot"] == "other" for x in explode(f)]
    golds = [x for f in gold if f["slot"] == "other" for x in explode(f)]

    def match(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return contains(a.get("sentence"), b.get("sentence")) and value_matches("other", a, b)

    fp = [p for p in preds if not any(match(p, g) for g in golds)]
    fn = [g for g in golds if not any(match(p, g) for p in preds)]
    return {"tp_p": len(preds) - len(fp), "n_p": len(preds), "tp_g": len(golds) - len(fn), "n_g": len(golds), "fp": fp}


def _pr(tp_p: int, n_p: int, tp_g: int, n_g: int) -> str:
    p = f"{tp_p / n_p:.2f}" if n_p else "-"
    r = f"{tp_g / n_g:.2f}" if n_g else "-"
    return f"{p} ({n_p}) | {r} ({n_g})"


def _across(totals: dict[str, dict[str, dict[str, int]]], splits: list[str]) -> dict[str, dict[str, int]]:
    """Per slot, the counts of every split in ``splits`` added up."""
    out: dict[str, dict[str, int]] = {}
    for split in splits:
        for slot, row in totals[split].items():
            t = out.setdefault(slot, {"tp_p": 0, "n_p": 0, "tp_g": 0, "n_g": 0})
            for k in t:
                t[k] += row[k]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--no-embed", action="store_true", help="rules only, no embedding confirmation")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "assist-bench-cache",
        help="where the learned policy reader is kept once trained (default: <temp>/assist-bench-cache)",
    )
    parser.add_argument(
        "--errors", action="store_true", help="list misses and false facts (never on the final held-out split)"
    )
    parser.add_argument(
        "--first-encoder-only",
        action="store_true",
        help="read every chunk with the first encoder (no second encoder for languages it does not read)",
    )
    parser.add_argument(
        "--leave-language-out",
        action="store_true",
        help="read each shop with the topic cues and exemplars of its documents' languages withheld: the figure a "
        "language the extractor was not written for gets",
    )
    parser.add_argument("--shop", action="append", help="only these shops")
    parser.add_argument("--split", action="append", choices=SPLITS, help="only the shops of these splits")
    parser.add_argument(
        "--llm",
        action="store_true",
        help="also run the LLM extractor with the configured chat model (ASSIST_LLM_* or ASSIST_LLM_LOCAL)",
    )
    args = parser.parse_args(argv)
    splits = split_of()
    embedder = second = None
    if not args.no_embed:
        from retrievers.embeddings import default_embedder, second_embedder

        embedder = default_embedder()
        second = None if args.first_encoder_only else second_embedder()
    chat_model = None
    if args.llm:
        from assist.config import get_settings
        from assist.llm import build_chat_model

        chat_model = build_chat_model(get_settings())
        if chat_model is None:
            raise SystemExit("--llm: no chat model is configured; set ASSIST_LLM_BASE_URL/_MODEL or ASSIST_LLM_LOCAL=1")
    totals: dict[str, dict[str, dict[str, int]]] = {s: {} for s in SPLITS}
    cited_rules: dict[str, dict[str, int]] = {s: {"tp_p": 0, "n_p": 0, "tp_g": 0, "n_g": 0} for s in SPLITS}
    per_shop = []
    started = time.perf_counter()
    for gold_file in sorted(SHOPS.glob("*/gold_facts.yaml")):
        name = gold_file.parent.name  # chosen before the file is read: a final held-out shop is not opened
        split = splits.get(name, "UNLISTED")
        if (args.shop and name not in args.shop) or (args.split and split not in args.split):
            continue
        if split in FINAL and not (args.shop or args.split):
            continue
        spec = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        chunks = shop_chunks(gold_file.parent, spec, args.data_dir)
        shop_started = time.perf_counter()
        withheld = {chunk_language(c).split("-")[0].split("_")[0] for c in chunks} if args.leave_language_out else set()
        with cues.withheld(withheld):
            facts = extract_facts(chunks, embedder, args.cache_dir, shop_language(gold_file.parent), second)
        seconds = time.perf_counter() - shop_started
        if chat_model is not None:
            from assist.policy_extract import extract_with_llm

            facts = extract_with_llm(chat_model, chunks, facts)
        used = [as_dict(f) for f in facts if not f.needs_review and scored(f.slot, spec["facts"])]
        review = sum(f.needs_review for f in facts)
        result = score(used, spec["facts"])
        agg = [sum(r[k] for r in result.values()) for k in ("tp_p", "n_p", "tp_g", "n_g")]
        per_shop.append((name, split, agg, review, seconds))
        by_sentence = rules_by_sentence(used, spec["facts"])
        for k in cited_rules[split]:
            cited_rules[split][k] += by_sentence[k]
        if args.errors and split not in NO_ERRORS:
            for fp in by_sentence["fp"]:
                print(
                    f"  FP-cited {name} other: {fp.get('value')} {fp.get('unit', '')} {fp.get('scope')} | "  # noqa: T201
                    f"{str(fp.get('sentence'))[:90]}"
                )
        for slot, row in result.items():
            t = totals[split].setdefault(slot, {"tp_p": 0, "n_p": 0, "tp_g": 0, "n_g": 0})
            for k in t:
                t[k] += row[k]
            if args.errors and split not in NO_ERRORS:
                for fp in row["fp"]:
                    print(
                        f"  FP {name} {slot}: {fp.get('value')} {fp.get('max_value', '')} {fp.get('unit', '')} "  # noqa: T201
                        f"{fp.get('scope')} | {str(fp.get('sentence'))[:90]}"
                    )
                for fn in row["fn"]:
                    print(
                        f"  FN {name} {slot}: {fn.get('value')} {fn.get('max_value', '')} {fn.get('unit', '')} "  # noqa: T201
                        f"{fn.get('scope')} | {str(fn.get('sentence'))[:90]}"
                    )
    elapsed = time.perf_counter() - started
    engine = "rules" if embedder is None else f"rules + {getattr(embedder, 'name', 'embedder')}"
    engine += f" (+ {second.name} where it does not read the language)" if second is not None else ""
    engine += " + LLM" if chat_model is not None else ""
    engine += "; each shop's own languages' topic cues withheld" if args.leave_language_out else ""
    print(f"\nPolicy-fact extraction ({engine}); precision (predictions) | recall (gold items)\n")  # noqa: T201
    shown = [s for s in SPLITS if totals[s]]
    print("| slot | " + " | ".join(f"{s} P (n) | {s} R (n)" for s in shown) + " |")  # noqa: T201
    print("|---|" + "---|---|" * len(shown))  # noqa: T201
    for slot in SLOTS:
        per_split = [totals[s].get(slot) for s in shown]
        if not any(per_split):
            continue
        cells = [_pr(**x) if x else "- | -" for x in per_split]
        print(f"| {slot} | " + " | ".join(cells) + " |")  # noqa: T201
    print("\nSlots missed most, all splits above together (gold items not matched, then false facts)\n")  # noqa: T201
    print("| slot | gold items | recall | missed | predictions | precision | false |")  # noqa: T201
    print("|---|---|---|---|---|---|---|")  # noqa: T201
    for slot, row in sorted(_across(totals, shown).items(), key=lambda kv: (-(kv[1]["n_g"] - kv[1]["tp_g"]), kv[0])):
        missed, false = row["n_g"] - row["tp_g"], row["n_p"] - row["tp_p"]
        if missed or false:
            r = f"{row['tp_g'] / row['n_g']:.2f}" if row["n_g"] else "-"
            p = f"{row['tp_p'] / row['n_p']:.2f}" if row["n_p"] else "-"
            print(f"| {slot} | {row['n_g']} | {r} | {missed} | {row['n_p']} | {p} | {false} |")  # noqa: T201
    print("\n| split | shops | precision | recall | predictions | gold items |")  # noqa: T201
    print("|---|---|---|---|---|---|")  # noqa: T201
    for split in shown:
        rows = totals[split].values()
        tp_p, n_p, tp_g, n_g = (sum(r[k] for r in rows) for k in ("tp_p", "n_p", "tp_g", "n_g"))
        shops = ", ".join(n for n, s, *_ in per_shop if s == split)
        p = f"{tp_p / n_p:.3f}" if n_p else "-"
        r = f"{tp_g / n_g:.3f}" if n_g else "-"
        print(f"| **{split}** | {shops} | **{p}** | **{r}** | {n_p} | {n_g} |")  # noqa: T201
    print("\n`other` (the shop's own rules) matched by cited sentence and value, topic label not compared\n")  # noqa: T201
    print("| split | precision (predictions) | recall (gold items) |")  # noqa: T201
    print("|---|---|---|")  # noqa: T201
    for split in shown:
        print(f"| {split} | " + _pr(**cited_rules[split]) + " |")  # noqa: T201
    print("\n| shop | split | precision | recall | facts marked for review (not scored) | seconds |")  # noqa: T201
    print("|---|---|---|---|---|---|")  # noqa: T201
    for name, split, (tp_p, n_p, tp_g, n_g), review, seconds in per_shop:
        p = f"{tp_p / n_p:.2f}" if n_p else "-"
        r = f"{tp_g / n_g:.2f}" if n_g else "-"
        print(f"| {name} | {split} | {p} | {r} | {review} | {seconds:.1f} |")  # noqa: T201
    print(f"\n{len(per_shop)} shops extracted in {elapsed:.1f} s")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
