"""How a record's text is labelled for readers, declared once: quote, reported quote or summary.

Quotation marks mean verbatim. A summary is never shown in quotation marks, anywhere: the
evidence table, the chart hovers, the CSVs and the exported images all label it through
these functions.
"""

from __future__ import annotations

from components import style

SUMMARY_LABEL = "Summary (not a quotation)"


def quote_label(origin: str, publisher: str = "") -> str:
    """``Quote``, ``Quoted in <publisher>`` or ``Summary (not a quotation)``."""
    if origin == "summary":
        return SUMMARY_LABEL
    if origin == "quoted_in":
        return f"Quoted in {publisher}" if publisher else "Quoted in the source"
    return "Quote"


def hover_text(text: str, origin: str, publisher: str = "", *, width: int = 60, lines: int = 4) -> str:
    """A record's text for a hover label (HTML-escaped): quotation marks only around verbatim words."""
    body = style.wrap(text, width, lines)
    if origin == "summary":
        return f"Summary: {body}"
    if origin == "quoted_in":
        return f"“{body}” (quoted in {style.wrap(publisher, 40, 1)})" if publisher else f"“{body}”"
    return f"“{body}”"


def join_and(items) -> str:
    """``a``, ``a and b``, ``a, b and c``: a list as prose."""
    items = list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)
