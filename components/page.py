"""The page's logic as a plain object: from a trigger and the page's inputs to validated filters,
notices and the outputs that change. callbacks.py only wires it to Dash, so everything here is
tested by calling it (tests/test_page.py), with no HTTP and no browser.

Inputs and outputs are named by keys, not component ids (components/page_io.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from cachetools import LRUCache, cachedmethod
from plotly.io.json import to_json_plotly

from components import downloads, evidence, evidence_table, filters, i18n, ids, images, page_io, state, style
from components.data import Dataset
from components.filters import Filters
from components.images import Exporter
from components.views import registry
from components.views.base import View
from components.views.context import Context
from components.views.registry import VIEWS


@dataclass(frozen=True)
class Resolved:
    """The view after a trigger (filters and chart options), with what to tell the reader."""

    filters: Filters
    options: state.Options
    query: str | None  # the URL's new query, or None when the URL is already right
    notices: tuple[str, ...] = ()
    selected: tuple[tuple[str, str], ...] | None = None  # the link's record; None: as it is
    lang: str = i18n.DEFAULT


def digest(value) -> str:
    """A short digest of a JSON-able value: equal content, equal digest, in every worker."""
    return hashlib.blake2b(to_json_plotly(value).encode(), digest_size=8).hexdigest()


class Page:
    """One dataset's page. Read-only after construction apart from its caches, which are
    bounded LRUs behind a lock, so one object serves every thread of a worker."""

    def __init__(self, ds: Dataset, *, exporter: Exporter | None = None):
        self.ds = ds
        # one context per language (every cached part takes its language, a required argument:
        # a call without it would be a second cache entry); ``ctx`` (English) serves the API, MCP
        # and the default layout
        self.contexts = {lang: Context.of(ds, lang) for lang in i18n.LANGS}
        self.ctx = self.contexts[i18n.DEFAULT]
        self.vocab = state.Vocab.of(ds, (option for _, option in registry.OPTIONS))
        self.exporter = exporter or Exporter()
        self._caches = {
            "figure": LRUCache(512),
            "counts": LRUCache(256),
            "rows": LRUCache(64),
            "frames": LRUCache(64),
            "evidence": LRUCache(256),
        }
        self._lock = threading.Lock()
        # every record id (unique across the fact tables) → the kind its marks carry
        self.kinds = {
            record_id: kind
            for name, (kind, _) in evidence.SHAPES.items()
            for record_id in ds[name][ds.package.tables[name].key]
        }

    # validated state ------------------------------------------------------------------------

    def context(self, lang) -> Context:
        """The builders' context in ``lang`` (English for anything unknown)."""
        return self.contexts[i18n.clean(lang)]

    def resolve(self, trigger: str | None, inp: Mapping) -> Resolved:
        """The view after ``trigger``. The URL wins on load and back/forward; otherwise the
        controls are read and the trigger (a quick pick, reset, a chart click) applied. The
        language is the page's (``inp["lang"]``), which the page's link keeps."""
        lang = i18n.clean(inp.get("lang"))
        tr = i18n.translator(lang)
        if trigger in (None, "search"):
            f, options, notices = state.from_query(inp.get("search"), self.vocab, tr)
            selected, notice = self.linked(inp.get("search"), f, options, tr)
            return Resolved(f, options, None, (*notices, *notice), selected, lang)
        f, options = self.filters(inp), self.options(inp)
        if trigger == "ip4":
            f = dataclasses.replace(f, countries=self.vocab.ip4)
        elif trigger == "nato":
            f = dataclasses.replace(f, countries=self.vocab.nato)
        elif trigger == "reset":  # the whole view back to the default (its link is the bare page)
            f, options = filters.everything(self.vocab), self.vocab.default_options
        elif trigger and trigger.startswith("click_"):
            view = registry.BY_NAME[trigger.removeprefix("click_")]
            f = view.click(self.ctx, f, inp.get(trigger))
        query = state.to_query(f, self.vocab, options, lang)
        return Resolved(f, options, None if query == (inp.get("search") or "") else query, lang=lang)

    def linked(
        self, search, f: Filters, options, tr: i18n.Translator = i18n.ENGLISH
    ) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
        """The record a link names (``?record=<id>``), to highlight, and what to tell the reader
        when it is unknown or outside the link's filters."""
        record = state.linked_record(search)
        if not record:
            return (), ()
        kind = self.kinds.get(record)
        if kind is None:
            return (), (
                tr._("There is no record “{record}”; the rest of the link was applied.", record=record[:40]),
            )
        if not (self.evidence_rows(f, options, tr.lang)["record_id"] == record).any():
            return ((kind, record),), (
                tr._(
                    "Record “{record}” is not in view with this link's filters; Reset shows every record.",
                    record=record,
                ),
            )
        return ((kind, record),), ()

    def record(self, record_id, lang: str = i18n.DEFAULT):
        """The evidence table's row of the record ``record_id`` (empty for no record's id)."""
        everything = self.evidence_rows(filters.everything(self.vocab), self.vocab.default_options, lang)
        known = isinstance(record_id, str) and record_id in self.kinds
        return everything[everything["record_id"] == (record_id if known else None)]

    def filters(self, inp: Mapping) -> Filters:
        """The filters the filter bar's values in ``inp`` hold."""
        return filters.from_controls(inp, self.vocab)

    def options(self, inp: Mapping) -> state.Options:
        """Every chart option from ``inp`` (``option_<key>``), validated, as a hashable tuple."""
        return state.options_from_controls(
            {c.key: inp.get(f"option_{c.key}") for c in self.vocab.options}, self.vocab
        )

    # the parts of the page ------------------------------------------------------------------

    @cachedmethod(lambda self: self._caches["figure"], lock=lambda self: self._lock)
    def figure(self, name: str, f: Filters, options: tuple, theme: str, lang: str) -> tuple[dict, str]:
        """(figure JSON, digest) of one chart. Cached per validated key: the same chart asked
        for again, by any reader of this worker, costs nothing."""
        ctx = self.context(lang)
        fig = registry.figure(ctx, registry.BY_NAME[name], f, dict(options), theme).to_plotly_json()
        return fig, digest(fig)

    def own(self, view: View, options: tuple) -> tuple:
        """The options a chart reads: its own, so other charts' options do not split its cache."""
        return tuple((k, v) for k, v in options if view.option and k == view.option.key)

    @cachedmethod(lambda self: self._caches["counts"], lock=lambda self: self._lock)
    def counts(self, f: Filters, options: tuple, lang: str) -> dict:
        """What the filters and options decide besides the charts (``COUNT_OUTPUTS`` keys): the
        counters, the captions, the file-name slug, the years as text, the view's sources."""
        ctx = self.context(lang)
        frames = self.frames(f, options, lang)
        out = {f"count_{v.evidence}": str(len(frames[v.evidence])) for v in VIEWS if v.counter}
        out |= {f"caption_{v.name}": v.caption(ctx, f) for v in VIEWS if v.caption}
        opts = dict(options)
        out |= {  # from the records just built, where a view draws on a fact table
            f"describe_{v.name}": registry.description(ctx, v, f, opts, frames.get(v.evidence)) for v in VIEWS
        }
        cited = evidence.cited_sources(frames)
        return out | {
            "slug": filters.slug(f, self.vocab.years),
            "years_text": f"{f.year_from}–{f.year_to}",
            "filters_text": filters.describe(f, ctx.ds, ctx.tr),
            "sources_title": ctx._(
                "Sources of this view ({cited} of {total} documents)",
                cited=len(cited),
                total=len(self.ds["sources"]),
            ),
            "sources": evidence_table.sources_list(cited, self.ds["sources"]),
        }

    @cachedmethod(lambda self: self._caches["rows"], lock=lambda self: self._lock)
    def evidence_rows(self, f: Filters, options: tuple, lang: str):
        """Every record in view, in the evidence table's shape."""
        return evidence.records(self.frames(f, options, lang), self.context(lang))

    @cachedmethod(lambda self: self._caches["frames"], lock=lambda self: self._lock)
    def frames(self, f: Filters, options: tuple, lang: str) -> dict:
        """The records in view by fact table (``registry.records_in_view``): built once for the
        counters and the evidence table of a new view, not once each. Read-only, like the data."""
        return registry.records_in_view(self.context(lang), f, dict(options))

    @cachedmethod(lambda self: self._caches["evidence"], lock=lambda self: self._lock)
    def evidence_page(
        self,
        f: Filters,
        options: tuple,
        search: str,
        sort: str,
        highlighted: tuple,
        wanted: int,
        lang: str,
    ) -> tuple[dict, str]:
        """(``EVIDENCE_OUTPUTS`` values, digest) of one page of the evidence table."""
        ctx = self.context(lang)
        rows = self.evidence_rows(f, options, lang)
        shown = evidence.select(rows, search=search, sort=sort, sources=self.ds["sources"])
        on_page, number, pages = evidence.page(shown, number=wanted, highlighted=highlighted)
        count = ctx._("{shown} of {total} records in view", shown=len(shown), total=len(rows))
        if pages > 1:
            count += ctx._(" · page {number} of {pages}", number=number, pages=pages)
        # as plain JSON types: serialising a cached page is then one pass of the C encoder
        table = json.loads(to_json_plotly(evidence_table.table(on_page, ctx, highlighted=highlighted)))
        values = {"table": table, "evidence_count": count, "pages": pages, "page": number}
        return values, digest(list(values.values()))

    # the page after a trigger ---------------------------------------------------------------

    def outputs(self, trigger: str | None, inp: Mapping) -> dict:
        """The outputs (``OUTPUTS`` keys) that change after ``trigger``; absent keys stay as
        they are. A part the browser already shows (``inp["shown"]``: a digest per chart, the
        counters and the evidence page) is not sent again: it would cost a redraw for nothing."""
        given = inp.get("shown") if isinstance(inp.get("shown"), dict) else {}
        shown = {part: given[part] for part in page_io.SHOWN_PARTS if isinstance(given.get(part), str)}
        now, out = dict(shown), {}

        def show(part: str, part_digest: str, values: dict, *, force: bool = False) -> None:
            if force or shown.get(part) != part_digest:
                out.update(values)
                now[part] = part_digest

        is_filter = trigger in page_io.FILTER_TRIGGERS
        is_option = trigger in page_io.OPTION_INPUTS
        if is_filter or is_option:
            resolved = self.resolve(trigger, inp)
        else:
            resolved = Resolved(self.filters(inp), self.options(inp), None, lang=i18n.clean(inp.get("lang")))
        f, options, lang = resolved.filters, resolved.options, resolved.lang
        theme = style.DARK if inp.get("dark") is True else style.LIGHT
        if resolved.query is not None:
            out["search"] = resolved.query
        if trigger == "clear":  # the link no longer names the record either
            query = state.to_query(f, self.vocab, options, lang)
            if query != (inp.get("search") or ""):
                out["search"] = query
        if is_filter:
            controls = filters.to_controls(f) | {f"option_{k}": _control(v) for k, v in options}
            for key, value in controls.items():
                if value != inp.get(key):
                    out[key] = value
            notice = " ".join(resolved.notices)
            # shown again even when it is the same text: the reader may have closed it
            show("notice", notice, {"notice": notice, "notice_open": bool(notice)}, force=bool(notice))
        if trigger not in ("dark", "near") and trigger not in page_io.EVIDENCE_INPUTS:
            values = self.counts(f, options, lang)
            show("counts", digest(values), values)
        for view in VIEWS:
            own = self.own(view, options)
            if is_filter or trigger in ("dark", "near") or (own and trigger == f"option_{own[0][0]}"):
                self._chart(view, f, own, (theme, lang), inp.get("near"), trigger == "reset", shown, now, out)
        if trigger not in ("dark", "near"):
            self._evidence(trigger, inp, resolved, show, out)
        if now != shown:
            out["shown"] = now
        return out

    def _evidence(self, trigger, inp: Mapping, resolved: Resolved, show, out: dict) -> None:
        """The evidence table's part of ``outputs``: the page of rows asked for (search, sort,
        page), with the highlighted records (a link's, a clicked mark's) on top."""
        wanted = inp.get("page") if trigger == "page" and isinstance(inp.get("page"), int) else 1
        search = inp.get("evidence_search") if isinstance(inp.get("evidence_search"), str) else ""
        sort = (
            inp.get("sort")
            if isinstance(inp.get("sort"), str) and inp["sort"] in page_io.SORTS
            else evidence.SORTS[0][0]
        )
        highlighted = state.selected_pairs(inp.get("selected"))
        picked = () if trigger in page_io.CLEARS_SELECTION else resolved.selected
        if trigger and trigger.startswith("click_"):
            clicked = self.selected(inp.get(trigger))
            picked = picked if clicked is None else tuple(tuple(pair) for pair in clicked)
        if picked is not None and picked != highlighted:
            out["selected"] = [list(pair) for pair in picked]
            highlighted = picked
        values, page_digest = self.evidence_page(
            resolved.filters,
            resolved.options,
            search.strip().casefold()[:200],
            sort,
            highlighted,
            max(1, min(wanted, 10_000)),
            resolved.lang,
        )
        show("evidence", page_digest, values)

    def _chart(self, view: View, f, own, look: tuple[str, str], near, reset, shown, now, out) -> None:
        """One chart's part of ``outputs``. Only a chart in or near the viewport (``near``, the
        browser's near-screen store; without it, every chart) is built and sent. A chart further
        away whose figure no longer matches the view gets ``None``: the browser then holds no
        figure to show by mistake, and the chart is built when the reader comes near it."""
        holds, key = f"{view.name}@", _state_key(f, own, look)
        if not reset and shown.get(holds) == key and view.name in shown:
            return  # the browser holds this figure already
        level = near.get(ids.graph(view.name)) if isinstance(near, dict) else 2
        if level in (1, 2):
            fig, fig_digest = self.figure(view.name, f, own, *look)
            if reset or shown.get(view.name) != fig_digest:
                out[f"figure_{view.name}"] = fig
            now[view.name], now[holds] = fig_digest, key
        elif view.name in shown:
            out[f"figure_{view.name}"] = None
            now.pop(view.name, None)
            now.pop(holds, None)

    def fill(self, layout, query: str, near: Mapping | None = None):
        """``layout`` with the outputs of the browser's first request for a page at ``query``
        as initial props: that page draws at once, and its first request changes nothing.
        Only the charts ``near`` the screen are built: by default the first, under the filter
        bar on every screen; the others when the reader comes near them."""
        inputs = {
            key: getattr(layout[cid], prop, None)
            for key, (cid, prop) in (page_io.INPUTS | page_io.STATES).items()
        }
        inputs["near"] = {ids.graph(VIEWS[0].name): 1} if near is None else dict(near)
        layout[ids.NEAR_BUILD].data = inputs["near"]  # what the browser's first request says
        for key, value in self.outputs("search", inputs | {"search": query}).items():
            cid, prop = page_io.OUTPUTS[key]
            setattr(layout[cid], prop, value)
        return layout

    # the page's other actions ---------------------------------------------------------------

    def selected(self, click_data) -> list[list[str]] | None:
        """The evidence rows a chart click brings to the top, or None for a click on no record."""
        picked = state.clicked_record(click_data, page_io.EVIDENCE_KINDS)
        if picked is None:
            return None
        kind, record_ids = picked
        return [[kind, r] for r in record_ids.split(";")[: state.MAX_SELECTED]]

    def download(self, item, inp: Mapping, link: str) -> tuple[str, bytes] | None:
        """``(file name, bytes)`` for a download menu item (``{"view", "fmt", "size"}``: an image
        at a size preset of ``images.PRESETS``, "" or none for the default; a CSV has no size)
        or, for ``ids.DOWNLOAD_VIEW``, the whole view as a ZIP; None for an item that is not
        ours. Raises ``images.ExportError`` with a message for the reader."""
        f, options, ctx = self.filters(inp), dict(self.options(inp)), self.context(inp.get("lang"))
        if item == ids.DOWNLOAD_VIEW:
            return downloads.view_bundle(ctx, self.exporter, f, options, link)
        view = registry.BY_NAME.get(item.get("view")) if isinstance(item, dict) else None
        fmt = item.get("fmt") if isinstance(item, dict) else None
        size = (item.get("size") or images.DEFAULT_PRESET) if isinstance(item, dict) else None
        if view is None or fmt not in downloads.FORMATS or (fmt != "csv" and images.preset(size) is None):
            return None
        return downloads.chart_file(ctx, self.exporter, view, fmt, f, options, preset=size)

    def citation(self, link: str, lang: str = i18n.DEFAULT) -> tuple[str, str]:
        """Plain-text and BibTeX citations of the view at ``link``, in ``lang``'s convention."""
        return downloads.citation(url=link, info=self.ds.info, tr=self.context(lang).tr)

    def record_citation(self, record_id, link: str, lang: str = i18n.DEFAULT) -> tuple[str, str] | None:
        """Plain-text and BibTeX citations of one record, linked from the page at ``link``, or
        None for an id that is no record's."""
        lang = i18n.clean(lang)
        found = self.record(record_id, lang)
        if found.empty:
            return None
        row = found.iloc[0]
        sources = self.ds["sources"].set_index("source_id")
        source = sources.loc[row["source_id"]].to_dict() if row["source_id"] in sources.index else {}
        url = f"{link.split('?', 1)[0]}?{ids.PARAM_RECORD}={record_id}" if link else ""
        if url and lang != i18n.DEFAULT:
            url += f"&{ids.PARAM_LANG}={lang}"
        return downloads.record_citation(row, source, url=url, info=self.ds.info, tr=self.context(lang).tr)


def _state_key(f: Filters, own: tuple, look: tuple[str, str]) -> str:
    """What a chart's figure is built from (filters, its option, theme and language), as a
    short key (equal in every worker)."""
    return hashlib.blake2b(repr((f, own, look)).encode(), digest_size=8).hexdigest()


def page_link(href) -> str:
    """The page's own URL as the browser reports it, if it is a plausible one, without the
    fragment a skip link leaves (the view is its filters and options, not a scroll position)."""
    return (
        href.split("#", 1)[0]
        if isinstance(href, str) and href.startswith(("http://", "https://")) and len(href) < 4000
        else ""
    )


def _control(value):
    """An option's value as its control holds it (a checklist's is a list)."""
    return list(value) if isinstance(value, tuple) else value
