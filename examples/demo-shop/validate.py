#!/usr/bin/env python3
"""Consistency checks for the demo-shop data and bench/data/retrieval_questions.jsonl.

    python examples/demo-shop/validate.py
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
LANGS = ["en", "de", "ja", "zh"]
INTENTS = {"track_order", "delivery_problem", "cancel_order", "change_order", "return_request", "refund_status",
           "damaged_or_defective", "wrong_or_missing_item", "product_question", "price_or_discount",
           "payment_issue", "invoice_request", "account_issue", "complaint", "other"}
FIELDS = ["order_id", "customer_id", "customer_name", "customer_email", "status", "placed_at", "shipped_at",
          "delivered_at", "carrier", "tracking_number", "items", "total", "currency"]
HEADING = re.compile(r"^(#{2,3}) (.+?) \{#([a-z0-9-]+)\}\s*$", re.M)
ISO = re.compile(r"^2026-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
errors: list[str] = []


def check(cond: bool, msg: str) -> None:
    if not cond:
        errors.append(msg)


# ---- shop.yaml
shop = yaml.safe_load((HERE / "shop.yaml").read_text(encoding="utf-8"))
pattern = re.compile(shop["order_id_pattern"])

# ---- policies
anchors: dict[tuple[str, str], list[str]] = {}
topics = sorted(p.stem for p in (HERE / "policies" / "en").glob("*.md"))
for lang in LANGS:
    for t in topics:
        p = HERE / "policies" / lang / f"{t}.md"
        check(p.exists(), f"missing policy {p}")
        if not p.exists():
            continue
        text = p.read_text(encoding="utf-8")
        m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
        check(bool(m), f"{p}: no front matter")
        fm = yaml.safe_load(m.group(1)) if m else {}
        check(fm.get("language") == lang, f"{p}: language {fm.get('language')}")
        check(bool(fm.get("title")), f"{p}: no title")
        check(set(fm.get("intents", [])) <= INTENTS and fm.get("intents"), f"{p}: bad intents {fm.get('intents')}")
        check(re.search(r"^# \S", text, re.M) is not None, f"{p}: no # title")
        anchors[(lang, t)] = [a for _, _, a in HEADING.findall(text)]
        n2 = len(re.findall(r"^## ", text, re.M))
        check(3 <= n2 <= 6, f"{p}: {n2} ## sections")
    for t in topics:
        if (lang, t) in anchors:
            check(anchors[(lang, t)] == anchors[("en", t)], f"{lang}/{t}: anchors differ from en")

# numbers from shop.yaml that must appear in the English policies
en = {t: (HERE / "policies" / "en" / f"{t}.md").read_text(encoding="utf-8") for t in topics}
for t, needle in [("returns", f"{shop['return_window_days']} days"), ("refunds", f"within {shop['refund_days']} business days"),
                  ("damaged-items", f"within {shop['damaged_report_days']} days"),
                  ("cancellations", f"within {shop['cancellation_window_hours']} hours"),
                  ("warranty", f"{shop['warranty_months']}-month"), ("price-changes", f"within {shop['price_drop_days']} days"),
                  ("invoices", f"within {shop['company_invoice_days']} days"),
                  ("shipping", f"wait {shop['delivered_not_received_wait_hours']} hours"),
                  ("shipping", f"up to {shop['carrier_investigation_business_days']} business days")]:
    check(needle in en[t].replace("**", ""), f"policy {t} does not state '{needle}'")

# ---- orders
orders = json.loads((HERE / "orders.json").read_text(encoding="utf-8"))
by_id = {}
for o in orders:
    oid = o.get("order_id")
    check(list(o) == FIELDS, f"{oid}: fields {list(o)}")
    check(bool(pattern.fullmatch(oid or "")), f"{oid}: id pattern")
    check(oid not in by_id, f"{oid}: duplicate")
    by_id[oid] = o
    st = o["status"]
    check(st in {"processing", "shipped", "delivered", "cancelled", "returned"}, f"{oid}: status {st}")
    for k in ("placed_at", "shipped_at", "delivered_at"):
        check(o[k] is None or bool(ISO.match(o[k])), f"{oid}: {k} format")
    check("2026-08-01" <= o["placed_at"][:10] <= "2026-11-22", f"{oid}: placed_at out of range")
    shipped = st in ("shipped", "delivered", "returned")
    check((o["shipped_at"] is not None) == shipped, f"{oid}: shipped_at vs {st}")
    check((o["carrier"] is not None) == shipped and (o["tracking_number"] is not None) == shipped, f"{oid}: carrier/tracking vs {st}")
    check((o["delivered_at"] is not None) == (st in ("delivered", "returned")), f"{oid}: delivered_at vs {st}")
    if o["shipped_at"]:
        check(o["placed_at"] < o["shipped_at"], f"{oid}: shipped before placed")
    if o["delivered_at"]:
        check(o["shipped_at"] < o["delivered_at"], f"{oid}: delivered before shipped")
    total = round(sum(i["quantity"] * i["price"] for i in o["items"]), 2)
    check(abs(total - o["total"]) < 0.005, f"{oid}: total {o['total']} != {total}")
    check(o["currency"] in shop["currencies"], f"{oid}: currency")

# ---- conversations
convs = [json.loads(line) for line in (HERE / "conversations.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
fits = {"track_order": {"shipped"}, "cancel_order": {"processing", "shipped"}, "change_order": {"processing"},
        "refund_status": {"returned"}, "damaged_or_defective": {"delivered"}, "wrong_or_missing_item": {"delivered"},
        "delivery_problem": {"shipped", "delivered"}, "return_request": {"delivered"}}
for c in convs:
    cid = c["customer"]["id"]
    check(c["intent"] in INTENTS, f"{c['id']}: intent")
    check(c["channel"] in {"shopify_chat", "amazon", "ebay", "email"}, f"{c['id']}: channel")
    cust_orders = sorted((o for o in orders if o["customer_id"] == cid), key=lambda o: o["placed_at"])
    check(bool(cust_orders), f"{c['id']}: unknown customer {cid}")
    if cust_orders:
        check(cust_orders[0]["customer_name"] == c["customer"]["name"], f"{c['id']}: customer name")
    refs = c["order_ids"] or ([cust_orders[-1]["order_id"]] if cust_orders else [])
    for oid in refs:
        check(oid in by_id, f"{c['id']}: unknown order {oid}")
        if oid in by_id:
            check(by_id[oid]["customer_id"] == cid, f"{c['id']}: order {oid} belongs to another customer")
            if c["intent"] in fits:
                check(by_id[oid]["status"] in fits[c["intent"]], f"{c['id']}: {oid} status {by_id[oid]['status']} vs {c['intent']}")
    times = [m["sent_at"] for m in c["messages"]]
    check(times == sorted(times), f"{c['id']}: messages out of order")
    check(c["messages"][0]["role"] == "customer", f"{c['id']}: first message not from customer")

# ---- retrieval questions
qs = [json.loads(line) for line in (ROOT / "bench" / "data" / "retrieval_questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
check(len({q["id"] for q in qs}) == len(qs), "duplicate question ids")
for q in qs:
    for r in q["relevant"]:
        for lang in LANGS:
            check(r["anchor"] in anchors.get((lang, r["topic"]), []), f"{q['id']}: {r['topic']}#{r['anchor']} missing in {lang}")

# ---- report
print(f"policies: {len(topics)} topics x {len(LANGS)} languages, {sum(len(v) for k, v in anchors.items() if k[0] == 'en')} anchored sections per language")
print(f"orders: {len(orders)}, customers: {len({o['customer_id'] for o in orders})}, status: {dict(Counter(o['status'] for o in orders))}, currency: {dict(Counter(o['currency'] for o in orders))}")
print(f"conversations: {len(convs)}, languages: {dict(Counter(c['language'] for c in convs))}")
print(f"  intents: {dict(Counter(c['intent'] for c in convs))}")
print(f"  channels: {dict(Counter(c['channel'] for c in convs))}")
print(f"  ending with customer: {sum(c['messages'][-1]['role'] == 'customer' for c in convs)}, with agent replies: {sum(any(m['role'] == 'agent' for m in c['messages']) for c in convs)}, with notes: {sum('notes' in c for c in convs)}")
print(f"questions: {len(qs)}, languages: {dict(Counter(q['language'] for q in qs))}, multi-section: {sum(len(q['relevant']) > 1 for q in qs)}")
if errors:
    print(f"\n{len(errors)} ERRORS:")
    for e in errors:
        print(" -", e)
    sys.exit(1)
print("OK")
