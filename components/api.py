"""The read-only data API under ``/api/v1/``: the records in view as JSON or CSV, each table as
CSV, the data package descriptor, and the dataset's version and citation.

It takes the page's filters (``country``, ``domain``, ``from``, ``to``, ``evidence``) and reads
through components/evidence_query.py, as the MCP tools do, so every way in agrees with the
evidence table. Every response carries the dataset version and an ETag made from it and the
data's content (the data changes only with a release), and may be read from any origin.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from components import evidence_query, files, filters
from components.evidence_query import ParamError

PREFIX = "/api/v1"
CACHE_CONTROL = "public, max-age=3600, must-revalidate"  # an hour, then a cheap 304 by ETag
EXPOSED = "ETag, X-Dataset-Version, X-Total-Count"
_ANY_METHOD = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"]  # all answered by a JSON 404


def data_etag(version: str, data_dir: Path) -> str:
    """The dataset's version and a digest of its files (sent as a weak ETag): a new release, or
    an edit that forgot to bump the version, gives a new tag."""
    h = hashlib.blake2b(digest_size=6)
    for path in sorted(data_dir.glob("*")):
        if path.suffix in (".csv", ".json"):
            h.update(path.name.encode() + path.read_bytes())
    return f"{version}-{h.hexdigest()}"


def routes() -> dict[str, str]:
    """Every route and what it returns (the API's index, and docs/reuse.md's list)."""
    return {
        f"{PREFIX}/": "this list",
        f"{PREFIX}/records.json": "the records in view, with sources, quotes and grades",
        f"{PREFIX}/records.csv": "the same records as CSV",
        f"{PREFIX}/record/<id>.json": "one record by its id",
        f"{PREFIX}/tables/<table>.csv": "one table of the data package (fact tables take the filters)",
        f"{PREFIX}/datapackage.json": "the data package descriptor (the data contract)",
        f"{PREFIX}/version.json": "the dataset's name, version, licence and how to cite it",
    }


def blueprint(page) -> Blueprint:
    """The API over ``page``'s dataset (read through the page object, so its caches serve both)."""
    api = Blueprint("api", __name__, url_prefix=PREFIX)
    r = _Routes(page)
    api.before_request(r.revalidate)
    api.after_request(r.headers)
    api.register_error_handler(ParamError, _bad_parameter)
    api.register_error_handler(HTTPException, _http_error)
    for rule, view in (
        ("/", r.index),
        ("/records.json", r.records_json),
        ("/records.csv", r.records_csv),
        ("/record/<record_id>.json", r.record_json),
        ("/tables/<name>.csv", r.table_csv),
        ("/datapackage.json", r.datapackage),
        ("/version.json", r.version_json),
    ):
        api.add_url_rule(rule, view.__name__, view, methods=["GET"])
    api.add_url_rule("/<path:rest>", "unknown", _unknown, methods=_ANY_METHOD)
    return api


class _Routes:
    """The API's routes over one page object, and what every response carries: the dataset's
    version and its ETag, read once."""

    def __init__(self, page):
        self.page, ds = page, page.ds
        self.name = ds.info.get("name")
        self.version = str(ds.info.get("version", ""))
        self.etag = data_etag(self.version, ds.package.path.parent)
        self.descriptor = ds.package.path.read_bytes()
        self.public = {name for name, t in ds.package.tables.items() if t.public}

    def query(self, max_limit: int = evidence_query.MAX_LIMIT, allowed=evidence_query.RECORD_PARAMS):
        """The request's parameters, checked (a ``ParamError`` answers 400)."""
        return evidence_query.parse(
            request.args.to_dict(), self.page.vocab, allowed=allowed, max_limit=max_limit
        )

    def revalidate(self) -> Response | None:
        """A CORS preflight, or a 304 for a client that has this release."""
        if request.method == "OPTIONS":  # CORS preflight (If-None-Match is not a simple header)
            return Response(status=204)
        if request.if_none_match.contains_weak(self.etag):
            return Response(status=304)
        return None

    def headers(self, response: Response) -> Response:
        """Any origin may read; a success is cached for an hour by its ETag, an error not at all."""
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match"
        response.headers["Access-Control-Expose-Headers"] = EXPOSED
        response.headers["Access-Control-Max-Age"] = "86400"
        response.headers["X-Dataset-Version"] = self.version
        if response.status_code in (200, 304):
            response.set_etag(self.etag, weak=True)
            response.headers["Cache-Control"] = CACHE_CONTROL
        else:
            response.headers["Cache-Control"] = "no-store"
        return response

    def index(self):
        """``/``: the dataset, its version and the routes."""
        return jsonify(dataset=self.name, version=self.version, routes=routes())

    def records_json(self):
        """``/records.json``: a window of the records in view, with the filters in words and the total."""
        q = self.query()
        found = evidence_query.rows(self.page, q)
        shown = evidence_query.table(self.page, q.window(found), _base_url())
        body = {
            "dataset": {"name": self.name, "version": self.version},
            "filters": {k: v for k, v in request.args.items() if k in evidence_query.FILTER_PARAMS},
            "filters_text": filters.describe(q.filters, self.page.ds),
            "total": len(found),
            "offset": q.offset,
            "limit": q.limit,
            "records": json.loads(shown.to_json(orient="records", force_ascii=False)),
        }
        response = _json(body)
        response.headers["X-Total-Count"] = str(len(found))
        return response

    def records_csv(self):
        """``/records.csv``: the same records as CSV (the total in ``X-Total-Count``)."""
        q = self.query(evidence_query.MAX_CSV_ROWS)
        found = evidence_query.rows(self.page, q)
        body = files.csv_bytes(evidence_query.table(self.page, q.window(found), _base_url()))
        return _csv(body, "records.csv", total=len(found))

    def record_json(self, record_id: str):
        """``/record/<id>.json``: one record, whatever the filters."""
        self.query(allowed=())
        found = evidence_query.find(self.page, record_id)
        if found.empty:
            return jsonify(error=f"no record with id {record_id[:40]!r}", parameter="id"), 404
        shown = evidence_query.table(self.page, found, _base_url())
        return _json({"version": self.version, "record": json.loads(shown.to_json(orient="records"))[0]})

    def table_csv(self, name: str):
        """``/tables/<name>.csv``: one public table of the package, its facts filtered."""
        if name not in self.public:
            tables = ", ".join(sorted(self.public))
            return jsonify(error=f"no table {name[:40]!r}; tables: {tables}", parameter="table"), 404
        q = self.query(evidence_query.MAX_CSV_ROWS, allowed=evidence_query.FILTER_PARAMS)
        return _csv(files.csv_bytes(evidence_query.table_rows(self.page, name, q.filters)), f"{name}.csv")

    def datapackage(self):
        """``/datapackage.json``: the descriptor as it is on disk."""
        self.query(allowed=())
        return Response(self.descriptor, mimetype="application/json")

    def version_json(self):
        """``/version.json``: the dataset's name, version, licence and citation."""
        self.query(allowed=())
        about = evidence_query.describe_dataset(self.page, _base_url() + "/")
        keys = ("name", "title", "version", "released", "licence", "licence_url", "citation")
        return jsonify({k: about[k] for k in keys})


def _unknown(rest: str):
    """Any other path under the API: a JSON 404, not the dashboard's page (Dash answers every
    path it does not know with the page)."""
    return jsonify(error=f"no such route: {PREFIX}/{rest[:80]}", routes=routes(), parameter="route"), 404


def _bad_parameter(exc: ParamError):
    return jsonify(error=str(exc), parameter=exc.param), 400


def _http_error(exc: HTTPException):
    return jsonify(error=exc.description if exc.code in (400, 404) else exc.name), exc.code


def _base_url() -> str:
    return request.host_url.rstrip("/")


def _json(body) -> Response:
    """JSON in the order it was built (jsonify sorts keys), UTF-8 as it is."""
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")


def _csv(body: bytes, name: str, total: int | None = None) -> Response:
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    if total is not None:
        response.headers["X-Total-Count"] = str(total)
    return response
