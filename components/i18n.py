"""The page's two languages: gettext catalogs (Babel) for every message, and dates as each
language writes them.

Messages are marked in the code with ``_``/``N_`` (extracted by ``make messages``), kept in
``components/locale/<lang>/LC_MESSAGES/messages.po`` under version control and compiled to
``.mo`` by ``make locale`` as part of set-up. A ``Translator`` is immutable and shared by
every thread of a worker; the page's language travels with the view (``?lang=ja``).
"""

from __future__ import annotations

import functools
import gettext
import io
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from babel.dates import format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGS = ("en", "ja")
DEFAULT = "en"
NAMES = {"en": "English", "ja": "日本語"}  # each language named in itself, for the switch
# the CLDR locale that writes each language's dates and lists: British English ("12 July 2023",
# "A, B and C", as the page's English is written) and Japanese ("2023年7月12日", "A、B、C")
LOCALES = {"en": "en_GB", "ja": "ja"}
SKELETONS = {"day": "yMMMMd", "month": "yMMMM", "year": "y"}  # CLDR skeletons, by precision
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
log = logging.getLogger(__name__)


def N_(message: str) -> str:
    """Marks ``message`` for extraction where it is declared; it is translated where shown."""
    return message


def clean(lang) -> str:
    """A known language code, else the default."""
    return lang if isinstance(lang, str) and lang in LANGS else DEFAULT


@dataclass(frozen=True)
class Translator:
    """One language's messages, plus the language's way of writing numbers and dates."""

    lang: str
    catalog: gettext.NullTranslations

    def _(self, message: str, **values) -> str:
        """``message`` in this language, with ``{name}`` fields filled from ``values``."""
        text = self.catalog.gettext(message)
        return text.format(**values) if values else text

    def n_(self, singular: str, plural: str, n: int, **values) -> str:
        """The singular or plural form for ``n`` (Japanese has one form), filled like ``_``."""
        return self.catalog.ngettext(singular, plural, n).format(n=n, **values)

    def date(self, iso: str, precision: str = "day") -> str:
        """A date at its precision, as the language writes it (Babel, CLDR): ``12 July 2023`` /
        ``2023年7月12日``, ``July 2023`` / ``2023年7月``, ``2023`` / ``2023年``; a decade as
        ``1980s`` / ``1980年代``; anything else is returned as it is."""
        text = str(iso or "")
        if precision == "decade" and text[:4].isdigit():
            return f"{text[:4]}年代" if self.lang == "ja" else f"{text[:4]}s"
        if len(text) not in (4, 7, 10) or not text[:4].isdigit():
            return text
        # a precision finer than the date's own is the date's (a year stays a year)
        written = {4: "year", 7: "month", 10: "day"}[len(text)]
        order = ("year", "month", "day")
        finer = precision not in order or order.index(precision) > order.index(written)
        shown = written if finer else precision
        try:
            d = date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
        except ValueError:
            return text
        return format_skeleton(SKELETONS[shown], d, locale=LOCALES[self.lang])

    @property
    def sep(self) -> str:
        """Between the items of a list in a cell: a comma, or the Japanese enumeration comma."""
        return "、" if self.lang == "ja" else ", "

    def record_date(self, iso) -> str:
        """A record's or a file's date (2023, 2023-07, 2023-07-12): the sortable ISO form in
        English, as the language writes dates otherwise (2023年7月12日)."""
        text = str(iso or "")
        if self.lang == DEFAULT or not text:
            return text
        return self.date(text, {10: "day", 7: "month"}.get(len(text), "year"))

    def join(self, items) -> str:
        """A list in prose, as the language writes it (Babel, CLDR): "A, B and C" / "A、B、C"."""
        items = [str(i) for i in items]
        return format_list(items, locale=LOCALES[self.lang]) if items else ""


def _catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang``. Set-up compiles every ``.po`` (``make locale``); a
    missing or older ``.mo`` is compiled here in memory, so a checkout that skipped it still
    shows the translations it has."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if not po.is_file():
        return gettext.NullTranslations()
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    log.warning("%s is missing or older than its .po; compiled in memory (run `make locale`)", mo)
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@functools.cache
def translator(lang: str = DEFAULT) -> Translator:
    """The translator of ``lang`` (the default language for anything unknown)."""
    lang = clean(lang)
    # English is the source language: its messages are the msgids themselves
    return Translator(lang, gettext.NullTranslations() if lang == DEFAULT else _catalog(lang))


ENGLISH = translator(DEFAULT)
