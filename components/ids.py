"""Every component id and URL parameter, declared once.

The page's fixed parts have constants; a chart's ids are made from its registry name by the
functions below, so a new view gets its ids without an edit here.
"""

# page shell
URL = "url"
THEME_STORE = "theme-store"
THEME_SWITCH = "theme-switch"
URL_NOTICE = "url-notice"
COPY_LINK = "copy-link"
COPY_LINK_STATUS = "copy-link-status"
FILE_SLUG = "file-slug"  # the filters as a file-name part, for the charts' camera buttons

# downloads and citation
DOWNLOAD = "download"
DOWNLOAD_ITEM_TYPE = "download-item"  # pattern-matching type: {"type", "view", "fmt", "size"}
DOWNLOAD_VIEW = "download-view"
EXPORT_TOAST = "export-toast"
EMBED_ITEM_TYPE = "embed-item"  # pattern-matching type: {"type", "view"}
EMBED_MODAL = "embed-modal"
EMBED_TITLE = "embed-title"
EMBED_CODE = "embed-code"
EMBED_COPY = "embed-copy"
EMBED_STATUS = "embed-status"
EMBED_PREVIEW = "embed-preview"
PRINT = "print-view"  # draws every part, then prints (assets/dashboard.js)
PRINT_FILTERS = "print-filters"  # the filters in words, in the printed header
PRINT_LINK = "print-link"  # the view's link, written when printing
PRINT_RECORDS = "print-records"  # under the printed table: where the full list is
CITE_OPEN = "cite-open"
CITE_MODAL = "cite-modal"
CITE_TITLE = "cite-title"
VIEW_NAV = "view-nav"
CITE_TEXT = "cite-text"
CITE_BIBTEX = "cite-bibtex"

# global filters (a filter's controls: ``filter_control``)
YEAR_VALUE = "filter-years-value"  # the chosen years as text beside the slider's label
PICK_IP4 = "filter-pick-ip4"
PICK_NATO = "filter-pick-nato"
RESET = "filter-reset"

# the evidence card
EVIDENCE_TABLE = "evidence-table"
EVIDENCE_SEARCH = "evidence-search"
EVIDENCE_SORT = "evidence-sort"
EVIDENCE_COUNT = "evidence-count"
EVIDENCE_PAGE = "evidence-page"
EVIDENCE_SELECTED = "evidence-selected"
EVIDENCE_SCROLL = "evidence-scroll"
CLEAR_HIGHLIGHT = "clear-highlight"  # ends a linked or clicked record's highlight
RECORD_CITE = "record-cite"  # {"record": id, "at": time}: a row's *Cite* (assets/dashboard.js)
RECORD_STATUS = "record-status"  # what a row's *Copy link* did, for screen readers
VIEW_SOURCES = "view-sources"  # the sources of the records in view
VIEW_SOURCES_STORE = "view-sources-store"  # their list as sent, drawn when near the screen
VIEW_SOURCES_TITLE = "view-sources-title"
EVIDENCE_STORE = "evidence-store"  # the evidence page as sent, drawn when the table is near the screen
NEAR = "near-screen"  # which lazily drawn parts are in (2) or near (1) the viewport
NEAR_BUILD = "near-build"  # the parts in or near the viewport, as the server hears of them
SHOWN = "page-shown"  # what each part of the page shows (digests), so unchanged parts are not resent

# URL query parameters besides the filters' (each filter declares its own: components/filters)
PARAM_RECORD = "record"  # one record, shown and highlighted (not a filter)
PARAM_LANG = "lang"  # the page's language (components/i18n.LANGS); part of the view, not a filter
LANG_STORE = "page-lang"  # the language the page was drawn in (its callbacks answer in it)
LANG_SWITCH = "lang-switch"  # the header's links to the page in each language
LANG_OFFER = "lang-offer"  # on an English page, offered to a browser that prefers Japanese
LANG_OFFER_CLOSE = "lang-offer-close"
PAGE_TEXT = "page-text"  # the scripts' messages in the page's language (data-messages)


def filter_control(name: str) -> str:
    """The id of a filter's control in the filter bar (``components/filters``)."""
    return f"filter-{name}"


COUNTRY_FILTER = filter_control("country")
DOMAIN_FILTER = filter_control("domain")
YEAR_FILTER = filter_control("years")
RELIABILITY_FILTER = filter_control("reliability")  # the grade's first part: a minimum source reliability
CREDIBILITY_FILTER = filter_control("credibility")  # its second: a minimum information credibility


def graph(view: str) -> str:
    return f"{view}-graph"


def figure_store(view: str) -> str:
    """The figure as the server sent it; the graph draws it only near the screen."""
    return f"{view}-figure"


def card(view: str) -> str:
    return f"{view}-card"


def title(view: str) -> str:
    return f"{view}-title"


def description(view: str) -> str:
    return f"{view}-description"


def caption(view: str) -> str:
    return f"{view}-caption"


def option(view: str, key: str) -> str:
    return f"{view}-{key}"


def counter(table: str) -> str:
    return "count-" + table.replace("_", "-")


def download_item(view: str, fmt: str, size: str = "") -> dict:
    """A download menu item: ``view`` as ``fmt`` at the size preset ``size`` (an image;
    "" for the default size, and for a CSV, which has none)."""
    return {"type": DOWNLOAD_ITEM_TYPE, "view": view, "fmt": fmt, "size": size}


def embed_item(view: str) -> dict:
    """A card menu's "Embed this chart…" item."""
    return {"type": EMBED_ITEM_TYPE, "view": view}


EMBED_PATH = "/embed"  # a chart alone, for an <iframe> (components/embed.py)


def embed_path(view: str) -> str:
    return f"{EMBED_PATH}/{view}"


FIXED = tuple(
    value
    for name, value in dict(globals()).items()
    if name.isupper()
    and isinstance(value, str)
    and not name.startswith("PARAM")
    and not name.endswith(("_TYPE", "_PATH"))
)
