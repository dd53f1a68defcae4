"""Case summaries against human reference summaries: ROUGE-1/2/L per method beside two baselines.

.venv/bin/python bench/summaries.py                 # DialogSum dev (CC BY-NC-SA: read by path, measured only)
.venv/bin/python bench/summaries.py --data ../shared/data/summaries/dialogsum.test.jsonl
.venv/bin/python bench/summaries.py --demo 6        # + the offline summary of 6 demo-shop conversations

Methods (all computed in the same run, on the same dialogues):
  offline summary     the ``summary`` field of the offline engine (central sentences, MMR, no small talk)
  first buyer message baseline: the buyer's first message (under each speaker mapping below)
  first 3 sentences   baseline: the conversation's first three sentences
Faithfulness: the share of summary sentences whose content words (``summary_sentences.content_tokens``)
all occur in the conversation.

Speaker mapping (DialogSum has #Person1#/#Person2#, everyday talk, not shop chats): the paragraph does
not depend on who is the buyer, the first-buyer-message baseline does, so both are printed:
  opener=buyer        #Person1# (who opens the conversation, as a buyer does in a shop chat) is the buyer
  opener=agent        #Person1# is the agent, #Person2# the buyer (the eval suite's mapping)
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assist.config import SHARED_DATA_DIR  # noqa: E402
from assist.models import Conversation  # noqa: E402
from assist.summary_sentences import content_tokens, split_sentences  # noqa: E402

LINE = re.compile(r"^#(Person\d+)#:\s*(.*)$")


def load_dialogues(path: Path, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def to_conversation(dialogue: str, opener_is_buyer: bool) -> Conversation:
    messages = []
    for line in dialogue.splitlines():
        m = LINE.match(line.strip())
        if not m or not m.group(2).strip():
            continue
        opener = m.group(1) == "Person1"
        role = "customer" if opener == opener_is_buyer else "agent"
        messages.append({"role": role, "text": m.group(2).strip()})
    return Conversation.model_validate({"customer": {"language": "en"}, "messages": messages})


def faithful_share(summary: str, conversation: Conversation) -> float:
    source = set(content_tokens(" ".join(m.text for m in conversation.messages)))
    sentences = split_sentences(summary)
    if not sentences:
        return 1.0
    return sum(all(t in source for t in content_tokens(s)) for s in sentences) / len(sentences)


def first_sentences(conversation: Conversation, n: int) -> str:
    out: list[str] = []
    for message in conversation.messages:
        out += split_sentences(message.text)
        if len(out) >= n:
            break
    return " ".join(out[:n])


def run(path: Path, limit: int | None) -> None:
    from rouge_score import rouge_scorer

    from assist.summarize import template_summary
    from retrievers.embeddings import UniversalSentenceEncoder

    embedder = UniversalSentenceEncoder()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    rows = load_dialogues(path, limit)
    outputs: dict[str, list[tuple[str, Conversation, list[str]]]] = {
        "offline summary": [],
        "first buyer message (opener=buyer)": [],
        "first buyer message (opener=agent)": [],
        "first 3 sentences": [],
    }
    started = time.perf_counter()
    for row in rows:
        as_opener = to_conversation(row["dialogue"], opener_is_buyer=True)
        as_answerer = to_conversation(row["dialogue"], opener_is_buyer=False)
        summary = template_summary(as_opener, "en", buyer_language="en", embedder=embedder).summary
        reference = [row[k] for k in ("summary", "summary1", "summary2", "summary3") if row.get(k)]
        outputs["offline summary"].append((summary, as_opener, reference))
        for label, conv in (("opener=buyer", as_opener), ("opener=agent", as_answerer)):
            first = next((m.text for m in conv.messages if m.role == "customer"), "")
            outputs[f"first buyer message ({label})"].append((first, conv, reference))
        outputs["first 3 sentences"].append((first_sentences(as_opener, 3), as_opener, reference))
    seconds = time.perf_counter() - started
    n_refs = max(len(refs) for _, _, refs in outputs["offline summary"])
    print(
        f"{path.name}: {len(rows)} dialogues (NC data, read by path, measured only); {seconds:.1f}s; "
        f"ROUGE F1 {'averaged over the ' + str(n_refs) + ' references' if n_refs > 1 else 'against the reference'}"
    )
    print(f"{'method':38s} {'ROUGE-1':>8s} {'ROUGE-2':>8s} {'ROUGE-L':>8s} {'faithful':>9s} {'words':>6s}")
    for method, items in outputs.items():
        means = [
            statistics.mean(statistics.mean(scorer.score(r, hyp)[k].fmeasure for r in refs) for hyp, _, refs in items)
            for k in ("rouge1", "rouge2", "rougeL")
        ]
        faithful = statistics.mean(faithful_share(hyp, conv) for hyp, conv, _ in items)
        words = statistics.mean(len(hyp.split()) for hyp, _, _ in items)
        print(f"{method:38s} " + " ".join(f"{v:8.3f}" for v in means) + f" {faithful:9.3f} {words:6.1f}")


def demo(n: int) -> None:
    """The offline summary of the first ``n`` demo-shop conversations (agent language English)."""
    from assist.summarize import template_summary
    from retrievers.embeddings import UniversalSentenceEncoder

    embedder = UniversalSentenceEncoder()
    path = ROOT / "examples" / "demo-shop" / "conversations.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines()[:n]:
        record = json.loads(line)
        conversation = Conversation.model_validate(record.get("conversation", record))
        language = conversation.customer.language
        result = template_summary(conversation, "en", buyer_language=language, embedder=embedder)
        print(f"\n--- {conversation.id} ({language}, {len(conversation.messages)} messages)")
        print(f"summary:  {result.summary}")
        print(f"asks:     {result.asks}")
        print(f"actions:  {result.actions_taken}")
        print(f"open:     {result.open_items}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SHARED_DATA_DIR / "summaries" / "dialogsum.dev.jsonl")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--demo", type=int, default=0, help="Also print the summary of N demo conversations.")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"{args.data}: not found; pass --data PATH to a DialogSum-style JSONL (dialogue, summary)")
    run(args.data, args.limit)
    if args.demo:
        demo(args.demo)


if __name__ == "__main__":
    main()
