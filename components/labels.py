"""How a record's text is labelled for readers, declared once: quote, reported quote, our
translation or summary.

Quotation marks mean verbatim. A summary is never shown in quotation marks, anywhere: the
evidence table, the chart hovers, the CSVs and the exported images all label it through
these functions, in the reader's language (``tr``; English by default). The record's own
text is never translated.
"""

from __future__ import annotations

from components import style
from components.i18n import ENGLISH, N_, Translator
from components.typography import wide

SUMMARY_LABEL = N_("Summary (not a quotation)")
TRANSLATION_LABEL = N_("Our translation (not the source's words)")


def quote_label(origin: str, publisher: str = "", tr: Translator = ENGLISH) -> str:
    """``Quote``, ``Quoted in <publisher>``, ``Our translation (…)`` or ``Summary (…)``."""
    if origin == "summary":
        return tr._(SUMMARY_LABEL)
    if origin == "translation":
        return tr._(TRANSLATION_LABEL)
    if origin == "quoted_in":
        return (
            tr._("Quoted in {publisher}", publisher=publisher) if publisher else tr._("Quoted in the source")
        )
    return tr._("Quote")


def hover_text(
    text: str,
    origin: str,
    publisher: str = "",
    *,
    width: int = 60,
    lines: int = 4,
    tr: Translator = ENGLISH,
) -> str:
    """A record's text for a hover label (HTML-escaped): quotation marks only around verbatim words."""
    body = style.wrap(text, width, lines)
    if origin == "summary":
        return tr._("Summary: {summary}", summary=body)
    if origin == "translation":
        return tr._("Our translation: {text}", text=body)
    if origin == "quoted_in" and publisher:
        return tr._("“{quote}” (quoted in {publisher})", quote=body, publisher=style.wrap(publisher, 40, 1))
    return tr._("“{quote}”", quote=body)


def join_and(items, tr: Translator = ENGLISH) -> str:
    """``a``, ``a and b``, ``a, b and c``: a list as prose (``a、b、c`` in Japanese)."""
    return tr.join(items)


def text_lang(text) -> str:
    """The language of a data text as HTML declares it: ``ja`` when it has Japanese in it (a few
    quotes and source titles do), else ``en`` (the sources' words are English)."""
    return "ja" if any(wide(c) for c in str(text)) else "en"
