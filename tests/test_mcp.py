"""AI-assistant access through Dash's MCP server, tested with the MCP Python SDK's client over
Streamable HTTP against the app on a loopback port: only the three read-only tools, each one's
result equal to the data API's, hostile arguments answered with an error, never a 500.

The client is asynchronous; each test runs it on an event loop of its own in a worker thread,
since the session's Playwright browser (sync API) keeps a loop running in the main thread."""

from __future__ import annotations

import asyncio
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import replace

import pytest
from mcp import ClientSession, MCPError
from mcp.client.streamable_http import streamable_http_client
from werkzeug.serving import make_server

from components import mcp_tools, settings

TOOLS = {"query_evidence", "describe_dataset", "get_record"}


@pytest.fixture(scope="module")
def mcp_app():
    from app import create_app

    return create_app(config=replace(settings.DEFAULTS, mcp=True))


@pytest.fixture(scope="module")
def mcp_url(mcp_app):
    server = make_server("127.0.0.1", 0, mcp_app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/{mcp_tools.MCP_PATH}"
    server.shutdown()


@asynccontextmanager
async def session(url):
    async with streamable_http_client(url) as (read, write):
        async with ClientSession(read, write) as s:
            await s.initialize()
            yield s


def run(url, work):
    """``await work(session)`` with a client session on ``url``, on its own loop and thread."""

    async def main():
        async with session(url) as s:
            return await work(s)

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, main()).result()


def call(url, tool: str, arguments: dict):
    return run(url, lambda s: s.call_tool(tool, arguments))


def result(called):
    """A tool call's value (its structured content; the text is the same JSON)."""
    assert called.is_error is False, called.content[0].text
    value = called.structured_content["result"]
    assert json.loads(called.content[0].text) == value
    return value


def api(mcp_app, mcp_url: str, path: str):
    """The data API's answer on the same app, for the host the MCP client used (the records'
    links name it)."""
    host = mcp_url.rsplit("/", 1)[0]
    return mcp_app.server.test_client().get(path, base_url=host).get_json()


def test_only_the_three_read_only_tools_and_nothing_else(mcp_url):
    async def look(s):
        refused = []
        for internal in ("update_page", "download", "open_citation", "get_dash_component"):
            try:
                await s.call_tool(internal, {})
            except MCPError:
                refused.append(internal)
        return (await s.list_tools()).tools, (await s.list_resources()).resources, refused

    tools, resources, refused = run(mcp_url, look)
    assert {t.name for t in tools} == TOOLS
    for tool in tools:
        assert len(tool.description) > 80 and "MCP tool" != tool.description  # its docstring
    assert resources == []
    assert refused == ["update_page", "download", "open_citation", "get_dash_component"]


@pytest.mark.parametrize(
    "arguments, query",
    [
        ({}, ""),
        ({"country": ["JPN"], "limit": 100}, "?country=JPN&limit=100"),
        ({"country": ["KOR", "AUS"], "domain": ["cyber"]}, "?country=KOR,AUS&domain=cyber"),
        (
            {"year_from": 2020, "year_to": 2023, "evidence": "B2", "sort": "grade"},
            "?from=2020&to=2023&evidence=B2&sort=grade",
        ),
        ({"search": "liaison", "offset": 2, "limit": 3}, "?q=liaison&offset=2&limit=3"),
    ],
)
def test_query_evidence_agrees_with_the_api(mcp_url, mcp_app, arguments, query):
    got = result(call(mcp_url, "query_evidence", arguments))
    limit = "" if "limit" in query else f"{'&' if query else '?'}limit=25"  # the tool's default
    expected = api(mcp_app, mcp_url, f"/api/v1/records.json{query}{limit}")
    assert got["total"] == expected["total"] and got["records"] == expected["records"]
    assert got["records"], "no records: the comparison would prove nothing"
    for record in got["records"]:  # labelled as the page labels it
        assert record["quote_label"] in (
            "Quote",
            "Summary (not a quotation)",
            "Our translation (not the source's words)",
        ) or record["quote_label"].startswith("Quoted in")


def test_describe_dataset_and_get_record(mcp_url, mcp_app, ds):
    about = result(call(mcp_url, "describe_dataset", {}))
    one = result(call(mcp_url, "get_record", {"record_id": "ev040"}))
    assert about["version"] == ds.info["version"] and about["licence"] == ds.info["licence"]
    assert (
        set(about["tables"]) >= {"events", "reactions", "sources"}
        and "JPN" in about["vocabularies"]["country"]
    )
    assert "@misc{" in about["citation"]["bibtex"]
    assert one["record"] == api(mcp_app, mcp_url, "/api/v1/record/ev040.json")["record"]
    assert "record ev040" in one["citation"]["text"] and ds.info["version"] in one["citation"]["text"]


@pytest.mark.parametrize(
    "tool, arguments, words",
    [
        ("query_evidence", {"country": ["XXX"]}, "country"),
        ("query_evidence", {"country": ["../../etc/passwd"]}, "country"),
        ("query_evidence", {"country": ["JPN"] * 10_000}, "country"),
        ("query_evidence", {"country": "JPN; DROP TABLE"}, "country"),
        ("query_evidence", {"year_from": 2024, "year_to": 2020}, "year_from"),
        ("query_evidence", {"year_from": "1e9"}, "year_from"),
        ("query_evidence", {"limit": 10**9}, "limit"),
        ("query_evidence", {"evidence": "Z"}, "evidence"),
        ("query_evidence", {"search": "x" * 10_000}, "search"),
        ("query_evidence", {"nope": 1}, "nope"),
        ("get_record", {"record_id": "ev999"}, "record_id"),
        ("get_record", {"record_id": ["ev040"]}, "record_id"),
        ("get_record", {}, "record_id"),
    ],
)
def test_a_hostile_argument_gets_an_error_naming_it(mcp_url, tool, arguments, words):
    called = call(mcp_url, tool, arguments)
    assert called.is_error is True
    text = called.content[0].text
    assert words in text and "Traceback" not in text and "internal error" not in text


def test_a_request_that_is_not_one_message_is_a_400_not_a_500(mcp_app):
    client = mcp_app.server.test_client()
    path = f"/{mcp_tools.MCP_PATH}"
    for body in ("[]", "[{}]", "42", "{not json"):
        got = client.post(path, data=body, content_type="application/json")
        assert got.status_code == 400 and got.get_json()["error"]["code"] == -32700


def test_the_server_is_off_unless_turned_on(client):
    assert client.post(
        f"/{mcp_tools.MCP_PATH}", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    ).status_code in (404, 405)
    assert settings.DEFAULTS.mcp is False


def test_a_bug_of_ours_is_logged_and_told_as_an_internal_error(mcp_url, monkeypatch, caplog):
    def broken(*_):
        raise KeyError("a column we forgot")

    monkeypatch.setattr(mcp_tools.evidence_query, "rows", broken)
    called = call(mcp_url, "query_evidence", {})
    assert called.is_error and "internal error" in called.content[0].text
    assert "forgot" not in called.content[0].text  # nothing of the failure leaves the server
    assert any("query_evidence failed" in r.message for r in caplog.records)
