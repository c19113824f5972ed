"""What a download contains: one chart as an image or CSV, or the whole view as a ZIP, each
with its filters, sources, dataset version and a citation."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from components import files, image_metadata, images, labels, print_layout, state, style
from components.cards import safe_href
from components.data import Dataset, Filters
from components.views import evidence, registry
from components.views.context import Context
from components.views.registry import View

FORMATS = (*images.IMAGE_FORMATS, "csv")
BUNDLE_PRESET = "a4"  # the ZIP's charts: ready for a briefing's text column


def hidden_columns(ds: Dataset) -> frozenset[str]:
    """The curators' columns (``x-public: false`` in any table's schema): never in a download."""
    return frozenset(
        c.name for table in ds.package.tables.values() for c in table.columns.values() if not c.public
    )


def with_sources(
    df: pd.DataFrame, sources: pd.DataFrame, *, hidden=(), grades: dict | None = None
) -> pd.DataFrame:
    """Records for a download: the public columns, the title and publisher of their source, and
    their text labelled for what it is (``quote_label``) next to the grade, quote last.

    ``hidden`` names the curators' columns (``public: false`` in the schema), which no
    download carries.
    """
    meta = sources[["source_id", "title", "publisher", "published", "url"]].rename(
        columns={
            "title": "source_title",
            "publisher": "source_publisher",
            "published": "source_published",
            "url": "source_url",
        }
    )
    drop = [c for c in ("date_start", "line", "position", *hidden) if c in df.columns]
    out = df.drop(columns=drop).merge(meta, on="source_id", how="left")
    if "quote_origin" in out.columns:
        out["quote_label"] = [
            labels.quote_label(o, p if isinstance(p, str) else "")
            for o, p in zip(out["quote_origin"], out["source_publisher"])
        ]
    if "grade" in out.columns and grades:
        out["grade_label"] = [grades.get(g, g) for g in out["grade"]]
    last = [c for c in ("quote_label", "quote") if c in out.columns]
    return out[[c for c in out.columns if c not in last] + last]


def download_table(ctx: Context, records: pd.DataFrame) -> pd.DataFrame:
    """What a CSV download holds for ``records``: public columns, source, labelled text, grade."""
    ds = ctx.ds
    return with_sources(records, ds["sources"], hidden=hidden_columns(ds), grades=dict(ctx.grades))


def footer(ctx: Context, records: pd.DataFrame, today: date) -> str:
    """ "Source: … · Data: <dataset> v<version> · <date>" for a chart's records."""
    info = ctx.ds.info
    publishers = []
    if "source_id" in records.columns:
        for source in records["source_id"]:
            name = ctx.publishers.get(source)
            if name and name not in publishers:
                publishers.append(name)
    shown = "; ".join(publishers[:5]) + (f"; and {len(publishers) - 5} more" if len(publishers) > 5 else "")
    return (
        f"Source: {shown or 'see the dataset'} · Data: {info.get('name')} v{info.get('version')}"
        f" · {today.isoformat()}"
    )


def print_figure(
    ctx: Context, view: View, records: pd.DataFrame, f: Filters, options, preset: str, today: date
) -> go.Figure:
    """The chart of ``records`` laid out for print at ``preset``, with its title, the filters and
    its sources (``print_layout.annotate``)."""
    return print_layout.annotate(
        view.chart(ctx, records, f, options, style.LIGHT),
        title=view.title(ctx),
        subtitle=subtitle(ctx, f),
        footer=footer(ctx, records, today),
        preset=preset,
    )


def subtitle(ctx: Context, f: Filters) -> str:
    """An exported chart's subtitle: the filters in words."""
    return "Filters: " + state.describe(f, ctx.ds)


def image(
    exporter: images.Exporter, fig: go.Figure, fmt: str, preset: str, *, title: str, subject: str = ""
) -> bytes:
    """``fig`` (from ``print_figure``) rendered as ``fmt`` with ``title`` (and ``subject``) as
    its document title; a PNG at the preset's pixels and resolution."""
    size = images.PRESETS[preset]
    width, height = int(fig.layout.width), int(fig.layout.height)
    scale = (size.pixels + 0.25) / width if fmt == "png" else 1  # the browser floors the pixels
    payload = exporter.render(fig, fmt, width=width, height=height, scale=scale)
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
    size ``preset`` (a key of ``images.PRESETS``)."""
    today = today or date.today()
    records = view.records(ctx, f, options)
    slug = state.file_slug(f, ctx.ds.year_span)
    if fmt == "csv":
        return files.filename(view.name, slug, fmt, today), files.csv_bytes(download_table(ctx, records))
    fig = print_figure(ctx, view, records, f, options, preset, today)
    payload = image(exporter, fig, fmt, preset, title=view.title(ctx), subject=subtitle(ctx, f))
    return files.filename(view.name, slug, fmt, today, preset), payload


def _credit(info, today: date | None) -> tuple[str, str, str, str, str, str]:
    """(day read, dataset name, version, year, authors, BibTeX authors) for a citation: the
    dataset's authors as its package declares them; in BibTeX each author in double braces, as
    an institution, so that it is not parsed as a person's name."""
    day = (today or date.today()).isoformat()
    authors = info.get("authors") or "Japan–NATO Partnership Dashboard contributors"
    bib_authors = " and ".join(f"{{{_bib(a.strip())}}}" for a in authors.split(";") if a.strip())
    year = (info.get("released") or day)[:4]
    return day, info.get("name", "Dataset"), info.get("version", ""), year, authors, bib_authors


def citation(*, url: str, info, today: date | None = None) -> tuple[str, str]:
    """Plain-text and BibTeX citations of a view: the dataset's authors, its title and version,
    the dashboard, the view's link and the day it was read."""
    day, name, version, year, authors, bib_authors = _credit(info, today)
    link = url or "(link not available)"
    plain = (
        f"{authors} ({year}). {name}, version {version}. Japan–NATO Partnership Dashboard. "
        f"{link} (accessed {day})."
    )
    bibtex = (
        f"@misc{{japan_nato_dashboard_{version.replace('.', '_')},\n"
        f"  title = {{{_bib(name)}}},\n"
        f"  author = {{{bib_authors}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{version}}},\n"
        f"  howpublished = {{Japan--NATO Partnership Dashboard, \\url{{{url}}}}},\n"
        f"  note = {{Accessed {day}}}\n"
        f"}}"
    )
    return plain, bibtex


def record_citation(record, source, *, url: str, info, today: date | None = None) -> tuple[str, str]:
    """Plain-text and BibTeX citations of one record (a row of the evidence table): the record's
    title and id, its source, the dataset and version it belongs to, and its link."""
    day, name, version, year, authors, bib_authors = _credit(info, today)
    cited = ", ".join(p for p in (source.get("title"), source.get("publisher"), source.get("published")) if p)
    plain = (
        f"{authors} ({year}). “{record['title']}” (record {record['record_id']}). In {name}, version "
        f"{version}. Source: {cited or record['source_id']}. {url} (accessed {day})."
    )
    bibtex = (
        f"@misc{{japan_nato_{version.replace('.', '_')}_{record['record_id']},\n"
        f"  title = {{{_bib(record['title'])}}},\n"
        f"  author = {{{bib_authors}}},\n"
        f"  year = {{{year}}},\n"
        f"  version = {{{version}}},\n"
        f"  howpublished = {{{_bib(name)}, record {record['record_id']}, \\url{{{url}}}}},\n"
        f"  note = {{Source: {_bib(cited or record['source_id'])}. Accessed {day}}}\n"
        f"}}"
    )
    return plain, bibtex


def _bib(text: str) -> str:
    """Text for a BibTeX field: its dashes as BibTeX writes them, braces and % escaped."""
    out = str(text).replace("\\", "").replace("{", "").replace("}", "").replace("%", "\\%")
    return out.replace("–", "--").replace("—", "---")


def readme(ctx: Context, f: Filters, link: str, names: list[str], today: date) -> str:
    """README.txt of the view bundle: filters, link, dataset version, sources, citation."""
    ds = ctx.ds
    info = ds.info
    plain, bibtex = citation(url=link, info=info, today=today)
    sources = [
        f"- [{s.source_id}] {s.title}. {s.publisher}"
        + (f", {s.author}" if s.author else "")
        + (f", {s.published}" if s.published else "")
        + (f". {s.url}" if safe_href(s.url) else "")
        for s in ds["sources"].itertuples()
    ]
    lines = [
        "Japan–NATO Partnership Dashboard: downloaded view",
        "",
        f"Downloaded: {today.isoformat()}",
        f"View link: {link or '(not available)'}",
        f"Filters: {state.describe(f, ds)}",
        f"Dataset: {info.get('name')}, version {info.get('version')} ({info.get('released')})",
        f"Licence: {info.get('licence')}",
        "",
        "Files:",
        *[f"- {name}" for name in names],
        f"Charts are laid out for print at {images.PRESETS[BUNDLE_PRESET].label} (PNG at "
        f"{images.PRESETS[BUNDLE_PRESET].png}); the dashboard's Download menus offer other sizes.",
        "",
        "How to cite this view:",
        plain,
        "",
        bibtex,
        "",
        "Sources (full citations):",
        *sources,
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
    name = files.filename("view", state.file_slug(f, ctx.ds.year_span), "zip", today)
    return name, files.bundle(parts)
