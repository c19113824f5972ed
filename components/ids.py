"""Every component ID and URL parameter, declared once."""

# page shell
URL = "url"
THEME_STORE = "theme-store"
THEME_SWITCH = "theme-switch"
URL_NOTICE = "url-notice"
COPY_LINK = "copy-link"
COPY_LINK_STATUS = "copy-link-status"

# downloads and citation
DOWNLOAD = "download"
DOWNLOAD_ITEM_TYPE = "download-item"  # pattern-matching type: {"type", "view", "fmt"}
DOWNLOAD_VIEW = "download-view"
EXPORT_TOAST = "export-toast"
CITE_OPEN = "cite-open"
CITE_MODAL = "cite-modal"
CITE_TEXT = "cite-text"
CITE_BIBTEX = "cite-bibtex"

# global filters
COUNTRY_FILTER = "filter-country"
DOMAIN_FILTER = "filter-domain"
YEAR_FILTER = "filter-years"
EVIDENCE_FILTER = "filter-evidence"
PICK_IP4 = "filter-pick-ip4"
PICK_NATO = "filter-pick-nato"
RESET = "filter-reset"

# live counters
COUNT_EVENTS = "count-events"
COUNT_PARTNERSHIPS = "count-partnerships"
COUNT_AREAS = "count-areas"
COUNT_REACTIONS = "count-reactions"

# views
TIMELINE_GRAPH = "timeline-graph"
TIMELINE_LANES = "timeline-lanes"
MAP_GRAPH = "map-graph"
MAP_MODE = "map-mode"
NETWORK_GRAPH = "network-graph"
NETWORK_FRAMEWORK = "network-framework"
ITPP_GRAPH = "itpp-graph"
ITPP_NOTE = "itpp-note"
IP4_GRAPH = "ip4-graph"
REACTIONS_GRAPH = "reactions-graph"
EVIDENCE_TABLE = "evidence-table"
EVIDENCE_SEARCH = "evidence-search"
EVIDENCE_SORT = "evidence-sort"
EVIDENCE_COUNT = "evidence-count"
EVIDENCE_PAGE = "evidence-page"
EVIDENCE_SELECTED = "evidence-selected"
EVIDENCE_SCROLL = "evidence-scroll"
SHOWN = "page-shown"  # what each part of the page shows (digests), so unchanged parts are not resent

GRAPHS = (
    TIMELINE_GRAPH,
    MAP_GRAPH,
    NETWORK_GRAPH,
    ITPP_GRAPH,
    IP4_GRAPH,
    REACTIONS_GRAPH,
)

# URL query parameters (codes as in the CSVs)
PARAM_COUNTRY = "country"
PARAM_DOMAIN = "domain"
PARAM_FROM = "from"
PARAM_TO = "to"
PARAM_EVIDENCE = "evidence"
PARAMS = (PARAM_COUNTRY, PARAM_DOMAIN, PARAM_FROM, PARAM_TO, PARAM_EVIDENCE)

ALL = tuple(
    value
    for name, value in dict(globals()).items()
    if name.isupper()
    and isinstance(value, str)
    and not name.startswith("PARAM_")
    and not name.endswith("_TYPE")
)
