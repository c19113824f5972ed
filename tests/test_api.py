"""The read-only data API (/api/v1/) in-process: what each route returns, that it agrees with the
page's evidence table, its caching and CORS headers, and a clear 400 for every bad parameter."""

from __future__ import annotations

import csv
import io
import json

import pytest

from components import api, evidence, evidence_query
from components.page import Page
from tests.helpers import record_rows

VIEWS_TO_COMPARE = [
    "",
    "?country=JPN",
    "?country=KOR,AUS&domain=cyber",
    "?from=2020&to=2023&evidence=B",
    "?domain=maritime",
]


def records_on_page(table) -> list[str]:
    """The ``kind:record_id`` of each row the evidence table's JSON holds, in order."""
    return [row["data-record"] for row in record_rows(table)]


@pytest.fixture(scope="module")
def page(ds):
    return Page(ds)


@pytest.mark.parametrize("query", VIEWS_TO_COMPARE)
def test_records_equal_the_evidence_table_for_the_same_filters(client, page, query):
    out = page.outputs("search", {"search": query})
    shown = records_on_page(out["table"])
    assert shown, "the page shows no rows: the comparison would prove nothing"
    body = client.get(f"/api/v1/records.json{query}").get_json()
    assert [f"{r['kind']}:{r['record_id']}" for r in body["records"][: len(shown)]] == shown
    assert out["evidence_count"].startswith(f"{body['total']} of {body['total']} records in view")


def test_records_carry_source_quote_and_labels_as_the_page_does(client, ds):
    body = client.get("/api/v1/records.json?country=JPN").get_json()
    labels = {r["quote_origin"]: r["quote_label"] for r in body["records"]}
    assert labels["summary"] == "Summary (not a quotation)"
    assert labels["verbatim"] == "Quote"
    titles = dict(zip(ds["sources"]["source_id"], ds["sources"]["title"]))
    for r in body["records"]:
        assert r["source_title"] == titles[r["source_id"]]
        assert r["grade_label"].startswith(r["grade"])
        assert r["link"].endswith(f"/?record={r['record_id']}")
        assert "curation_note" not in r  # curators' notes never leave the server
    assert body["dataset"]["version"] == ds.info["version"]
    assert "actors: Japan" in body["filters_text"]


def test_records_csv_is_the_json_as_csv(client):
    rows = list(
        csv.DictReader(io.StringIO(client.get("/api/v1/records.csv?domain=cyber").get_data(as_text=True)))
    )
    body = client.get("/api/v1/records.json?domain=cyber").get_json()
    assert [r["record_id"] for r in rows] == [r["record_id"] for r in body["records"]]
    assert list(rows[0])[-2:] == ["quote_label", "quote"]


def test_search_sort_and_paging(client):
    everything = client.get("/api/v1/records.json?sort=date-asc").get_json()
    dates = [r["date"] for r in everything["records"]]
    assert dates == sorted(dates)
    second = client.get("/api/v1/records.json?sort=date-asc&limit=5&offset=5").get_json()
    assert [r["record_id"] for r in second["records"]] == [
        r["record_id"] for r in everything["records"][5:10]
    ]
    assert second["total"] == everything["total"]
    found = client.get("/api/v1/records.json?q=liaison").get_json()
    assert 0 < found["total"] < everything["total"]


def test_one_record_by_id(client):
    body = client.get("/api/v1/record/ev001.json").get_json()
    assert body["record"]["record_id"] == "ev001" and body["record"]["kind"] == "event"
    missing = client.get("/api/v1/record/nope.json")
    assert missing.status_code == 404 and missing.get_json()["parameter"] == "id"


def test_table_csvs(client, ds):
    for name in ("events", "sources", "reactions"):
        text = client.get(f"/api/v1/tables/{name}.csv").get_data(as_text=True)
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == len(ds[name])
        assert "curation_note" not in rows[0]
    korea = list(
        csv.DictReader(
            io.StringIO(client.get("/api/v1/tables/events.csv?country=KOR").get_data(as_text=True))
        )
    )
    assert 0 < len(korea) < len(ds["events"]) and all("KOR" in r["countries"] for r in korea)
    assert client.get("/api/v1/tables/seed_coverage.csv").status_code == 404  # not a public table


def test_descriptor_version_and_index(client, ds):
    assert client.get("/api/v1/datapackage.json").get_json()["version"] == ds.info["version"]
    about = client.get("/api/v1/version.json").get_json()
    assert about["version"] == ds.info["version"] and "@misc{" in about["citation"]["bibtex"]
    assert set(client.get("/api/v1/").get_json()["routes"]) == set(api.routes())


def test_caching_headers_and_revalidation(client, ds):
    first = client.get("/api/v1/records.json?country=JPN")
    assert first.headers["X-Dataset-Version"] == ds.info["version"]
    assert first.headers["ETag"].startswith(f'W/"{ds.info["version"]}-')
    assert "max-age" in first.headers["Cache-Control"]
    again = client.get("/api/v1/records.json?country=JPN", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.data
    other = client.get("/api/v1/records.json?country=JPN", headers={"If-None-Match": 'W/"0.0.0-x"'})
    assert other.status_code == 200


def test_cors_for_the_api_only(client):
    got = client.get("/api/v1/records.json", headers={"Origin": "https://example.org"})
    assert got.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in got.headers["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v1/records.json", headers={"Origin": "https://example.org"})
    assert (
        preflight.status_code == 204 and "If-None-Match" in preflight.headers["Access-Control-Allow-Headers"]
    )
    page = client.get("/", headers={"Origin": "https://example.org"})
    assert "Access-Control-Allow-Origin" not in page.headers


@pytest.mark.parametrize(
    "query, param",
    [
        ("country=XXX", "country"),
        ("country=" + ",".join(["JPN"] * 201), "country"),
        ("domain=%3Cscript%3E", "domain"),
        ("from=1900", "from"),
        ("to=abc", "to"),
        ("from=2024&to=2020", "from"),
        ("evidence=Z", "evidence"),
        ("sort=random", "sort"),
        ("limit=100000", "limit"),
        ("limit=-1", "limit"),
        ("offset=x", "offset"),
        ("q=" + "a" * 500, "q"),
        ("password=1", "password"),
    ],
)
def test_bad_parameters_get_a_400_naming_them(client, query, param):
    got = client.get(f"/api/v1/records.json?{query}")
    assert got.status_code == 400
    body = got.get_json()
    assert body["parameter"] == param and param in body["error"]
    assert "Traceback" not in got.get_data(as_text=True)
    assert got.headers["Access-Control-Allow-Origin"] == "*" and got.headers["Cache-Control"] == "no-store"


def test_routes_without_parameters_refuse_them(client):
    assert client.get("/api/v1/version.json?x=1").status_code == 400
    assert client.get("/api/v1/tables/events.csv?q=x").get_json()["parameter"] == "q"


def test_limits_cap_a_response(page):
    query = evidence_query.parse({}, page.vocab)
    assert query.limit == evidence_query.MAX_LIMIT
    with pytest.raises(evidence_query.ParamError):
        evidence_query.parse({"limit": evidence_query.MAX_LIMIT + 1}, page.vocab)


def test_the_parser_takes_what_a_tool_sends(page):
    """Lists and numbers (as an MCP tool's arguments arrive) mean what the URL's text means."""
    as_text = evidence_query.parse({"country": "JPN,KOR", "from": "2020"}, page.vocab)
    as_values = evidence_query.parse({"country": ["JPN", "KOR"], "from": 2020}, page.vocab)
    assert as_text == as_values
    assert set(evidence.SORTS) and as_text.sort == evidence.SORTS[0][0]
    with pytest.raises(evidence_query.ParamError) as err:
        evidence_query.parse({"from": True}, page.vocab)
    assert err.value.param == "from"
    json.dumps(evidence_query.describe_dataset(page))  # plain JSON, for a tool's result


@pytest.mark.parametrize(
    "url, param",
    [
        ("/api/v1/records.csv?country=XXX", "country"),
        ("/api/v1/records.csv?limit=20001", "limit"),
        ("/api/v1/tables/events.csv?from=1800", "from"),
        ("/api/v1/tables/..%2F..%2Fetc%2Fpasswd.csv", "route"),
        ("/api/v1/nope", "route"),
        ("/api/v1/record/ev001.json?x=1", "x"),
        ("/api/v1/datapackage.json?country=JPN", "country"),
    ],
)
def test_every_route_names_a_bad_parameter(client, url, param):
    got = client.get(url)
    assert got.status_code in (400, 404) and got.get_json()["parameter"] == param
