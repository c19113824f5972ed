"""AI-assistant access: three read-only tools on Dash's built-in MCP server (Streamable HTTP at
``/_mcp``), on only when ``DASHBOARD_MCP=1``.

Only these tools are exposed: Dash's own offer of the page's callbacks (``update_page``, the
downloads), its layout and its components is switched off. Each tool reads through
components/evidence_query.py, as the data API does, so both agree with the evidence table;
arguments are checked as strictly as the API's parameters and results are capped.

Dash keeps its tools in one registry per process, so the tools find the dataset of the app that
is answering (``flask.current_app``), never a module global.
"""

from __future__ import annotations

import inspect
import json
import logging
from functools import wraps

from dash.mcp import configure_mcp_server, mcp_enabled
from flask import current_app, jsonify, request

from components import evidence_query, filters
from components.evidence_query import ParamError

MCP_PATH = "_mcp"  # Dash's default: the server answers at /_mcp
MAX_RECORDS = 100  # records in one tool result
EXTENSION = "dashboard_page"  # where create_app leaves the page object on the Flask app
ARGUMENTS = {"year_from": "from", "year_to": "to", "search": "q", "record_id": "id"}  # tool → API names
_log = logging.getLogger(__name__)


class ToolError(ValueError):
    """What the assistant is told when its arguments cannot be used."""


def attach(server, page) -> None:
    """Serve the tools for ``page`` from the Flask app ``server``, with nothing else exposed."""
    server.extensions[EXTENSION] = page

    @server.before_request
    def one_message_per_request():
        """Dash's server takes one JSON-RPC message per POST; anything else (a batch, a bare
        value, broken JSON) gets a JSON-RPC parse error here instead of failing inside it."""
        if request.method != "POST" or request.path != f"/{MCP_PATH}":
            return None
        body = request.get_json(silent=True, cache=True)
        if isinstance(body, dict):
            return None
        error = {"code": -32700, "message": "expected one JSON-RPC request object"}
        return jsonify(jsonrpc="2.0", id=None, error=error), 400

    configure_mcp_server(
        include_layout=False,  # no layout, components or get_dash_component tool
        include_callbacks=False,  # no page callback is a tool
        include_clientside_callbacks=False,
        include_pages=False,
        expose_callback_docstrings=True,  # a tool's docstring is its description
    )


def _checked(tool):
    """A tool whose bad arguments come back as a clear error naming them, and whose failures
    (a bug of ours) are logged with the request and told as an internal error, never a trace."""

    signature = inspect.signature(tool)

    @wraps(tool)
    def run(**kwargs):
        try:
            signature.bind(**kwargs)
        except TypeError as exc:  # an unknown or missing argument: the assistant's, not ours
            raise ToolError(f"{exc}; the arguments are: {', '.join(signature.parameters)}") from None
        try:
            return tool(**kwargs)
        except ParamError as exc:
            name = {v: k for k, v in ARGUMENTS.items()}.get(exc.param, exc.param)
            raise ToolError(f"{name}: {exc}") from None
        except ToolError:
            raise
        except Exception:
            _log.exception("MCP tool %s failed: %s", tool.__name__, request.path)
            raise RuntimeError("internal error (logged on the server)") from None

    return run


def _page():
    return current_app.extensions[EXTENSION]


def _base_url() -> str:
    return request.host_url.rstrip("/")


def _rows(frame) -> list[dict]:
    """Plain JSON values (NaN as null), as the API sends them."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))


@mcp_enabled
@_checked
def query_evidence(
    country: list[str] | None = None,
    domain: list[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    evidence: str | None = None,
    search: str | None = None,
    sort: str | None = None,
    limit: int = 25,
    offset: int = 0,
) -> dict:
    """Records of the Japan–NATO evidence base that match the filters, as the dashboard's
    evidence table lists them. Filters (all optional): country and domain are lists of codes
    (describe_dataset lists them, e.g. country ["JPN", "KOR"], domain ["cyber"]); year_from and
    year_to are years; evidence is a minimum NATO (Admiralty) grade: source reliability A (best)
    to F and/or information credibility 1 (best) to 6, e.g. "B2", "B" or "2"; search is text to find; sort is
    date-desc (default), date-asc, kind, source or grade; limit (1–100, default 25) and offset
    page through the matches. Returns {dataset, filters_text, total, offset, limit, records}; each
    record has its kind, record_id, link, date, title, summary, actors, domains, its source
    (source_id, source_title, source_publisher, source_published, source_url), grade and
    grade_label, and its text with quote_label: "Quote" (verbatim), "Quoted in …" or "Summary
    (not a quotation)"; only a "Quote" may be cited as the speaker's words."""
    page = _page()
    params = {
        "country": country,
        "domain": domain,
        "from": year_from,
        "to": year_to,
        "evidence": evidence,
        "q": search,
        "sort": sort,
        "limit": limit,
        "offset": offset,
    }
    query = evidence_query.parse(
        {k: v for k, v in params.items() if v is not None}, page.vocab, max_limit=MAX_RECORDS
    )
    found = evidence_query.rows(page, query)
    return {
        "dataset": {"name": page.ds.info.get("name"), "version": page.ds.info.get("version")},
        "filters_text": filters.describe(query.filters, page.ds),
        "total": len(found),
        "offset": query.offset,
        "limit": query.limit,
        "records": _rows(evidence_query.table(page, query.window(found), _base_url())),
    }


@mcp_enabled
@_checked
def describe_dataset() -> dict:
    """What the Japan–NATO evidence base is and how to use and cite it: its name, version,
    release date, description, licence, citation (plain text and BibTeX), its tables with their
    columns and row counts, and the vocabularies query_evidence accepts (country and
    organization codes with names, domain codes with labels, evidence grades, the year span,
    record kinds and sort orders)."""
    return evidence_query.describe_dataset(_page(), _base_url() + "/")


@mcp_enabled
@_checked
def get_record(record_id: str) -> dict:
    """One record by its id (e.g. "ev040"; ids are in query_evidence's results): the record as
    query_evidence returns it, the dataset version, and how to cite the record (plain text and
    BibTeX, naming its source and the dataset version)."""
    page = _page()
    found = evidence_query.find(page, record_id)
    if found.empty:
        raise ToolError(f"record_id: no record with id {str(record_id)[:40]!r}")
    text, bibtex = page.record_citation(found.iloc[0]["record_id"], _base_url() + "/")
    return {
        "version": page.ds.info.get("version"),
        "record": _rows(evidence_query.table(page, found, _base_url()))[0],
        "citation": {"text": text, "bibtex": bibtex},
    }
