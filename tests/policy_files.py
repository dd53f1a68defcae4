"""Small policy fixtures written to tmp dirs: Markdown in two languages, HTML, text and a hand-made PDF."""

from __future__ import annotations

from pathlib import Path

RETURNS_EN = """---
title: Returns
language: en
intents: [return_request]
---
# Returns

## Return window {#return-window}

You can return most items within 30 days of delivery. Items must be unused and complete.

## Return shipping costs {#return-shipping-costs}

Returns inside the EU are free: print the prepaid label from your account.
"""

RETURNS_DE = """---
title: Rücksendungen
language: de
intents: [return_request]
---
# Rücksendungen

## Rückgabefrist {#return-window}

Du kannst die meisten Artikel innerhalb von 30 Tagen ab Zustellung zurückgeben.

## Kosten der Rücksendung {#return-shipping-costs}

Rücksendungen innerhalb der EU sind kostenlos: Drucke das Etikett in deinem Konto aus.
"""

SHIPPING_EN = """---
title: Shipping
language: en
intents: [track_order, delivery_problem]
---
# Shipping

## Delivery times {#delivery-times}

Parcels to Germany arrive in 2 to 4 business days with DHL. Tracking numbers come by email.

## Lost parcels {#lost-parcels}

If tracking has not moved for 7 business days we open a carrier investigation.
"""

HTML_POLICY = """<!doctype html>
<html lang="en"><head><title>Warranty</title><style>h2 {color: red}</style></head>
<body>
<h1>Warranty</h1>
<p>All kettles carry a <b>two-year</b> warranty.</p>
<h2 id="claims">Making a claim</h2>
<p>Send a photo of the fault and your order number.</p>
<ul><li>We reply within one business day.</li><li>Repairs are free.</li></ul>
<script>var tracking = "never indexed";</script>
</body></html>
"""

TEXT_POLICY = """Gift cards

Validity
Gift cards stay valid for three years from purchase.

Refunds
Gift cards cannot be refunded or exchanged for cash.
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with Helvetica text lines, written by hand (no PDF writer needed)."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 760 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def table_rows(header: list[str], body: list[list[str]], *, language: str, heading: str) -> list:
    """The rows of a pipe table as the extractor's units, each with its cells and the table's header."""
    from assist.policy_extract.text import PolicyChunk, Unit

    chunk = PolicyChunk("doc-1", "", heading, language, "table.md")
    rows = []
    for cells in body:
        row = Unit("| " + " | ".join(cells) + " |", " | ".join(cells), "row", chunk)
        row.cells, row.header = cells, header
        rows.append(row)
    return rows
