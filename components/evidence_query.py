"""The evidence as data, for readers who are programs: the data API (components/api.py) and the
MCP tools (components/mcp_tools.py) both read it through here, so they agree with each other and
with the page's evidence table.

Input is checked strictly: where the page drops a bad link value with a notice, a program gets a
``ParamError`` naming the parameter, so a typo never silently widens a query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from components import downloads, evidence, filters, i18n, ids, state
from components.filters import Filters, ParamError
from components.views import registry

MAX_LIMIT = 500  # records in one JSON response; ``offset`` pages through the rest
MAX_CSV_ROWS = 20_000  # rows in one CSV response
MAX_TEXT = 200  # characters of a search or a record id
FILTER_PARAMS = filters.PARAMS
RECORD_PARAMS = (*FILTER_PARAMS, "q", "sort", "limit", "offset")
SORTS = tuple(value for value, _ in evidence.SORTS)


@dataclass(frozen=True)
class Query:
    """Validated filters, search, order and the slice of records asked for."""

    filters: Filters
    search: str = ""
    sort: str = SORTS[0]
    limit: int = MAX_LIMIT
    offset: int = 0

    def window(self, df: pd.DataFrame) -> pd.DataFrame:
        """The slice of ``df`` this query asks for."""
        return df.iloc[self.offset : self.offset + self.limit]


def _int(param: str, value, lo: int, hi: int, what: str) -> int:
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    if not (text.isdigit() and len(text) <= 9 and lo <= int(text) <= hi):
        raise ParamError(param, f"{param} must be {what} between {lo} and {hi}, not {str(value)[:20]!r}")
    return int(text)


def parse(
    params: Mapping[str, object], vocab: state.Vocab, *, allowed=RECORD_PARAMS, max_limit: int = MAX_LIMIT
) -> Query:
    """A ``Query`` from request parameters (strings as in a URL, or lists and numbers as a tool
    sends them). Raises ``ParamError`` for an unknown parameter or a value outside the data."""
    for key in params:
        if key not in allowed:
            raise ParamError(
                str(key)[:40], f"unknown parameter {str(key)[:40]!r}; known: {', '.join(allowed)}"
            )
    f, _ = filters.parse(params, vocab, strict=True)
    search = params.get("q") or ""
    if not isinstance(search, str) or len(search) > MAX_TEXT:
        raise ParamError("q", f"q must be text of at most {MAX_TEXT} characters")
    sort = params.get("sort") or SORTS[0]
    if sort not in SORTS:
        raise ParamError("sort", f"sort must be one of {', '.join(SORTS)}, not {str(sort)[:20]!r}")
    limit = params.get("limit")
    offset = params.get("offset")
    return Query(
        f,
        search.strip().casefold(),
        sort,
        max_limit if limit in (None, "") else _int("limit", limit, 1, max_limit, "a number"),
        0 if offset in (None, "") else _int("offset", offset, 0, 1_000_000, "a number"),
    )


def rows(page, query: Query) -> pd.DataFrame:
    """Every record the query matches, in its order, as the page's evidence table lists them
    (the page's own cached rows, with its default chart options)."""
    found = page.evidence_rows(query.filters, page.vocab.default_options, i18n.DEFAULT)
    return evidence.select(found, search=query.search, sort=query.sort, sources=page.ds["sources"])


def table(page, records: pd.DataFrame, base_url: str = "") -> pd.DataFrame:
    """``records`` as a download holds them (public columns, the source, the text's label, the
    grade's words), each with its link in the page when ``base_url`` is given."""
    out = downloads.download_table(page.ctx, records)
    if base_url:
        out.insert(2, "link", [record_link(base_url, r) for r in out["record_id"]])
    return out


def table_rows(page, name: str, f: Filters) -> pd.DataFrame:
    """One table of the package, public columns only; a fact table keeps the rows the filters
    ``f`` put in view (all of them without filters), as the page counts them."""
    ds = page.ds
    spec = ds.package.tables[name]
    df = ds[name][[c.name for c in spec.columns.values() if c.public]]
    if f != filters.everything(page.vocab) and name in evidence.SHAPES:
        in_view = registry.records_in_view(page.ctx, f, dict(page.vocab.default_options))[name]
        df = df[df[spec.key].isin(in_view[spec.key])]
    return df


def record_link(base_url: str, record_id: str) -> str:
    """The page at ``base_url`` opened on one record (``?record=<id>``)."""
    return f"{base_url.rstrip('/')}/?{ids.PARAM_RECORD}={record_id}"


def find(page, record_id) -> pd.DataFrame:
    """The one record with ``record_id`` (any table), or an empty frame. Raises ``ParamError``
    for an id that is not text of a plausible length."""
    if not isinstance(record_id, str) or not record_id.strip() or len(record_id) > MAX_TEXT:
        raise ParamError("id", "id must be a record id, e.g. ev001")
    return page.record(record_id.strip())


def describe_dataset(page, base_url: str = "") -> dict:
    """The dataset for a program: what it is, its version, licence and citation, its tables
    (with their columns and row counts) and the vocabularies its filters take."""
    ds = page.ds
    info = ds.info
    plain, bibtex = downloads.citation(url=base_url, info=info)
    tables = {
        name: {
            "title": t.title,
            "rows": len(ds[name]),
            "columns": [c.name for c in t.columns.values() if c.public],
        }
        for name, t in ds.package.tables.items()
        if t.public  # the tables the API serves
    }
    return {
        "name": info.get("name"),
        "title": info.get("title"),
        "version": info.get("version"),
        "released": info.get("released"),
        "description": info.get("description"),
        "licence": info.get("licence"),
        "licence_url": info.get("licence_url"),
        "citation": {"text": plain, "bibtex": bibtex},
        "tables": tables,
        "vocabularies": {
            # each code filter's codes and their names, under its parameter
            **{
                flt.param: dict(sorted(flt.codes(ds).items()))
                for flt in filters.FILTERS
                if hasattr(flt, "codes")
            },
            "evidence": {
                part: {s.code: s.name_in(i18n.DEFAULT) for s in getattr(ds.rule, part)}
                for part in ("reliability", "credibility")
            },
            "years": list(page.vocab.years),
            "kind": dict(evidence.KIND_LABELS),
            "sort": dict(evidence.SORTS),
        },
    }
