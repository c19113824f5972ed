"""What a download contains: one chart as an image or CSV, or the whole view as a ZIP, each
with its filters, sources, dataset version and a citation."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from components import (
    evidence,
    files,
    filters,
    i18n,
    image_metadata,
    images,
    labels,
    print_layout,
    style,
    svg_fonts,
)
from components.cards import safe_href
from components.data import Dataset
from components.filters import Filters
from components.i18n import Translator
from components.views import registry
from components.views.base import View
from components.views.context import Context, english_columns

FORMATS = (*images.IMAGE_FORMATS, "csv")
BUNDLE_PRESET = "a4"  # the ZIP's charts: ready for a briefing's text column


def hidden_columns(ds: Dataset) -> frozenset[str]:
    """The curators' columns (``x-public: false`` in any table's schema): never in a download."""
    return frozenset(
        c.name for table in ds.package.tables.values() for c in table.columns.values() if not c.public
    )


def with_sources(
    df: pd.DataFrame,
    sources: pd.DataFrame,
    *,
    hidden=(),
    grades: dict | None = None,
    tr: Translator = i18n.ENGLISH,
) -> pd.DataFrame:
    """Records for a download: the public columns, the title and publisher of their source, and
    their text labelled for what it is (``quote_label``) next to the grade, quote last.

    ``hidden`` names the curators' columns (``public: false`` in the schema), which no
    download carries. The columns keep their (English) names in every language; the labels in
    them (``quote_label``, and ``grade_label`` from ``grades``) are in ``tr``'s language.
    """
    columns = ["source_id", "title", "publisher", "published", "address", "read_via", "reliability_reason"]
    meta = sources[columns].rename(
        columns={
            "title": "source_title",
            "publisher": "source_publisher",
            "published": "source_published",
            "address": "source_url",
            "read_via": "source_read_via",
            "reliability_reason": "source_reliability_reason",
        }
    )
    drop = [c for c in ("date_start", "line", "position", *hidden) if c in df.columns]
    out = df.drop(columns=drop).merge(meta, on="source_id", how="left")
    if "quote_origin" in out.columns:
        out["quote_label"] = [
            labels.quote_label(o, p if isinstance(p, str) else "", tr)
            for o, p in zip(out["quote_origin"], out["source_publisher"])
        ]
    if "grade" in out.columns and grades:
        out["grade_label"] = [grades.get(g, g) for g in out["grade"]]
    last = [c for c in ("quote_label", "quote") if c in out.columns]
    return out[[c for c in out.columns if c not in last] + last]


def download_table(ctx: Context, records: pd.DataFrame) -> pd.DataFrame:
    """What a CSV download holds for ``records``: public columns, source, labelled text, grade;
    the labels in the context's language, the column names as they are."""
    ds = ctx.ds
    return with_sources(
        english_columns(records), ds["sources"], hidden=hidden_columns(ds), grades=dict(ctx.grades), tr=ctx.tr
    )


def footer(ctx: Context, records: pd.DataFrame, today: date) -> str:
    """ "Source: … · Data: <dataset> v<version> · <date>" for a chart's records."""
    info = ctx.ds.info
    publishers = []
    if "source_id" in records.columns:
        for source in records["source_id"]:
            name = ctx.publishers.get(source)
            if name and name not in publishers:
                publishers.append(name)
    shown = ("、" if ctx.lang == "ja" else "; ").join(publishers[:5])
    if len(publishers) > 5:
        shown = ctx.n_(
            "{sources}; and {n} more", "{sources}; and {n} more", len(publishers) - 5, sources=shown
        )
    return ctx._(
        "Source: {sources} · Data: {dataset} v{version}, released {released}, checked to {checked} · {date}",
        sources=shown or ctx._("see the dataset"),
        dataset=info.get("name"),
        version=info.get("version"),
        released=ctx.tr.record_date(info.get("released") or ""),
        checked=ctx.tr.record_date(info.get("checked") or ""),
        date=ctx.tr.record_date(today.isoformat()),
    )


def print_figure(
    ctx: Context, view: View, records: pd.DataFrame, f: Filters, options, preset: str, today: date
) -> go.Figure:
    """The chart of ``records`` laid out for print at ``preset``, with its title, the filters and
    its sources (``print_layout.annotate``), in the context's language and its fonts."""
    return print_layout.annotate(
        view.chart(ctx, records, f, options, style.LIGHT),
        title=view.title(ctx),
        subtitle=subtitle(ctx, f),
        footer=footer(ctx, records, today),
        preset=preset,
        lang=ctx.lang,
    )


def subtitle(ctx: Context, f: Filters) -> str:
    """An exported chart's subtitle: the filters in words."""
    return ctx._("Filters: {filters}", filters=filters.describe(f, ctx.ds, ctx.tr))


def image(
    exporter: images.Exporter, fig: go.Figure, fmt: str, preset: str, *, title: str, subject: str = ""
) -> bytes:
    """``fig`` (from ``print_figure``) rendered as ``fmt`` with ``title`` (and ``subject``) as
    its document title; a PNG at the preset's pixels and resolution."""
    size = images.PRESETS[preset]
    width, height = int(fig.layout.width), int(fig.layout.height)
    scale = (size.pixels + 0.25) / width if fmt == "png" else 1  # the browser floors the pixels
    payload = exporter.render(fig, fmt, width=width, height=height, scale=scale)
    if fmt == "svg":  # its Japanese glyphs travel with it (a PDF embeds its fonts already)
        payload = svg_fonts.embed_cjk(payload)
    return image_metadata.with_metadata(payload, fmt, title=title, subject=subject, dpi=size.dpi)


def chart_file(
    ctx: Context,
    exporter: images.Exporter,
    view: View,
    fmt: str,
    f: Filters,
    options,
    today: date | None = None,
    preset: str = images.DEFAULT_PRESET,
) -> tuple[str, bytes]:
    """``(file name, bytes)`` of one chart in ``fmt`` (png, svg, pdf or csv), an image at the
    size ``preset`` (a key of ``images.PRESETS``), in the context's language (the file's name
    is the same in every language: ``state.file_slug``)."""
    today = today or date.today()
    records = view.records(ctx, f, options)
    slug = filters.slug(f, ctx.ds.year_span)
    if fmt == "csv":
        return files.filename(view.name, slug, fmt, today), files.csv_bytes(download_table(ctx, records))
    fig = print_figure(ctx, view, records, f, options, preset, today)
    payload = image(exporter, fig, fmt, preset, title=view.title(ctx), subject=subtitle(ctx, f))
    return files.filename(view.name, slug, fmt, today, preset), payload


# Citations. English cites author (year), title, version, where, link and the day read; Japanese
# follows the usual Japanese bibliographic form: author「title」『the work it is in』version,
# date, URL（day read閲覧）, its dates as Japanese writes them (``Translator.date``). BibTeX is
# BibTeX in both; its fields hold the language's words.


def _credit(info, today: date | None, tr: Translator = i18n.ENGLISH) -> tuple[str, str, str, str, str, str]:
    """(day read, dataset name, version, year, authors, BibTeX authors) for a citation: the
    dataset's authors as its package declares them; in BibTeX each author in double braces, as
    an institution, so that it is not parsed as a person's name."""
    day = (today or date.today()).isoformat()
    authors = info.get("authors") or tr._("Japan–NATO Partnership Dashboard contributors")
    bib_authors = " and ".join(f"{{{_bib(a.strip())}}}" for a in authors.split(";") if a.strip())
    year = (info.get("released") or day)[:4]
    return day, info.get("name") or tr._("Dataset"), info.get("version", ""), year, authors, bib_authors


def _released(info, year: str, tr: Translator) -> str:
    """The dataset's release day as the language writes it (its year when it has no day)."""
    return tr.date(info.get("released") or year, "day")


def citation(*, url: str, info, today: date | None = None, tr: Translator = i18n.ENGLISH) -> tuple[str, str]:
    """Plain-text and BibTeX citations of a view: the dataset's authors, its title and version,
    the dashboard, the view's link and the day it was read, in ``tr``'s language and its
    citation form."""
    day, name, version, year, authors, bib_authors = _credit(info, today, tr)
    dashboard = tr._("Japan–NATO Partnership Dashboard")
    link = url or tr._("(link not available)")
    if tr.lang == "ja":
        plain = (
            f"{authors}「{name}」{version}版、『{dashboard}』、{_released(info, year, tr)}、"
            f"{link}（{tr.date(day)}閲覧）。"
        )
        note = f"{tr.date(day)}閲覧"
    else:
        plain = f"{authors} ({year}). {name}, version {version}. {dashboard}. {link} (accessed {day})."
        note = f"Accessed {day}"
    bibtex = (
        f"@misc{{japan_nato_dashboard_{version.replace('.', '_')},\n"
        f"  title = {{{_bib(name)}}},\n"
        f"  author = {{{bib_authors}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{version}}},\n"
        f"  howpublished = {{{_bib(dashboard)}, \\url{{{url}}}}},\n"
        f"  note = {{{note}}}\n"
        f"}}"
    )
    return plain, bibtex


def _cited_source(record, source, tr: Translator) -> str:
    """A record's source in a citation: its title, publisher and date (in Japanese, publisher
    「title」, date), else the source's id."""
    title, publisher, published, author = (
        source.get(k) for k in ("title", "publisher", "published", "author")
    )
    via, where = source.get("read_via") or "", source.get("address") or ""
    if tr.lang == "ja":
        when = tr.date(published, source.get("published_precision") or "day") if published else ""
        head = f"{author or ''}「{title}」{publisher or ''}" if title else (publisher or "")
        read = f"（{via}に転載されたものを参照）" if via else ""
        cited = "、".join(p for p in (head + read, when, where) if p)
    else:
        read = f"read via {via}" if via else ""
        cited = ", ".join(p for p in (author, title, publisher, published, read, where) if p)
    return cited or record["source_id"]


def record_citation(
    record, source, *, url: str, info, today: date | None = None, tr: Translator = i18n.ENGLISH
) -> tuple[str, str]:
    """Plain-text and BibTeX citations of one record (a row of the evidence table): the record's
    title and id, its source, the dataset and version it belongs to, and its link, in ``tr``'s
    language and its citation form (the record's title as the row gives it)."""
    day, name, version, year, authors, bib_authors = _credit(info, today, tr)
    cited = _cited_source(record, source, tr)
    rid = record["record_id"]
    if tr.lang == "ja":
        plain = (
            f"{authors}「{record['title']}」（記録 {rid}）、『{name}』{version}版、"
            f"{_released(info, year, tr)}、出典：{cited}、{url}（{tr.date(day)}閲覧）。"
        )
        where = f"{_bib(name)}、記録 {rid}、"
        note = f"出典：{_bib(cited)}。{tr.date(day)}閲覧"
    else:
        plain = (
            f"{authors} ({year}). “{record['title']}” (record {rid}). In {name}, version "
            f"{version}. Source: {cited}. {url} (accessed {day})."
        )
        where = f"{_bib(name)}, record {rid}, "
        note = f"Source: {_bib(cited)}. Accessed {day}"
    bibtex = (
        f"@misc{{japan_nato_{version.replace('.', '_')}_{rid},\n"
        f"  title = {{{_bib(record['title'])}}},\n"
        f"  author = {{{bib_authors}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{version}}},\n"
        f"  howpublished = {{{where}\\url{{{url}}}}},\n"
        f"  note = {{{note}}}\n"
        f"}}"
    )
    return plain, bibtex


def _bib(text: str) -> str:
    """Text for a BibTeX field: its dashes as BibTeX writes them, braces and % escaped."""
    out = str(text).replace("\\", "").replace("{", "").replace("}", "").replace("%", "\\%")
    return out.replace("–", "--").replace("—", "---")


def _source_entry(s, tr: Translator) -> str:
    """One line of the README's sources: ``- [id] title. publisher, author, date. url``; in
    Japanese ``- [id] author「title」publisher、date、url``."""
    url = s.address if safe_href(s.address) else ""
    if tr.lang == "ja":
        when = tr.date(s.published, getattr(s, "published_precision", "") or "day") if s.published else ""
        head = f"{s.author or ''}「{s.title}」{s.publisher}"
        return f"- [{s.source_id}] " + "、".join(p for p in (head, when, url) if p)
    return (
        f"- [{s.source_id}] {s.title}. {s.publisher}"
        + (f", {s.author}" if s.author else "")
        + (f", {s.published}" if s.published else "")
        + (f". {url}" if url else "")
    )


def readme(ctx: Context, f: Filters, link: str, names: list[str], today: date) -> str:
    """README.txt of the view bundle: filters, link, dataset version, sources, citation, in the
    context's language."""
    ds, _ = ctx.ds, ctx._
    info = ds.info
    plain, bibtex = citation(url=link, info=info, today=today, tr=ctx.tr)
    bundle = images.PRESETS[BUNDLE_PRESET]
    lines = [
        _("Japan–NATO Partnership Dashboard: downloaded view"),
        "",
        _("Downloaded: {date}", date=ctx.tr.record_date(today.isoformat())),
        _("View link: {link}", link=link or _("(not available)")),
        _("Filters: {filters}", filters=filters.describe(f, ds, ctx.tr)),
        _(
            "Dataset: {name}, version {version} (released {released}; rows checked to {checked})",
            name=info.get("name"),
            version=info.get("version"),
            released=ctx.tr.record_date(info.get("released") or ""),
            checked=ctx.tr.record_date(info.get("checked") or ""),
        ),
        _("Licence: {licence}", licence=info.get("licence")),
        "",
        _("Files:"),
        *[f"- {name}" for name in names],
        _(
            "Charts are laid out for print at {size} (PNG at {png}); the dashboard's Download menus "
            "offer other sizes.",
            size=_(bundle.label),
            png=_(bundle.png),
        ),
        "",
        _("How to cite this view:"),
        plain,
        "",
        bibtex,
        "",
        _("Sources (full citations):"),
        *[_source_entry(s, ctx.tr) for s in ds["sources"].itertuples()],
        "",
    ]
    return "\n".join(lines)


def view_bundle(
    ctx: Context, exporter: images.Exporter, f: Filters, options, link: str, today: date | None = None
) -> tuple[str, bytes]:
    """``(file name, bytes)`` of a ZIP: every chart as SVG and PNG (at ``BUNDLE_PRESET``), every
    table as CSV, the evidence table's records as evidence.csv, and README.txt.

    Each chart's records and print figure are made once for its three files, and its images are
    sent to the export browser as soon as its figure is ready, ``images.RENDER_TABS`` renders at
    a time (one per tab of the export browser), while the next figures are made."""
    today = today or date.today()
    parts: dict[str, bytes] = {}
    renders = {}
    subject = subtitle(ctx, f)
    with ThreadPoolExecutor(max_workers=images.RENDER_TABS, thread_name_prefix="bundle") as pool:
        try:
            for view in registry.VIEWS:
                records = view.records(ctx, f, options)
                fig = print_figure(ctx, view, records, f, options, BUNDLE_PRESET, today)
                for fmt in ("svg", "png"):
                    parts[f"{view.name}.{fmt}"] = b""  # its place in the archive
                    renders[f"{view.name}.{fmt}"] = pool.submit(
                        image, exporter, fig, fmt, BUNDLE_PRESET, title=view.title(ctx), subject=subject
                    )
                parts[f"{view.name}.csv"] = files.csv_bytes(download_table(ctx, records))
            records = evidence.records(registry.records_in_view(ctx, f, options), ctx)
            parts["evidence.csv"] = files.csv_bytes(download_table(ctx, records))
            for name, render in renders.items():
                parts[name] = render.result()
        except BaseException:
            for render in renders.values():
                render.cancel()
            raise
    parts["README.txt"] = readme(ctx, f, link, [*parts, "README.txt"], today).encode("utf-8")
    name = files.filename("view", filters.slug(f, ctx.ds.year_span), "zip", today)
    return name, files.bundle(parts)
