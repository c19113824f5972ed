"""What a download contains: one chart as an image or CSV, or the whole view as a ZIP, each
with its filters, sources, dataset version and a citation."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components import files, images, labels, state, style
from components.cards import safe_href
from components.data import Dataset, Filters
from components.views import evidence, registry
from components.views.context import Context
from components.views.registry import View

FORMATS = (*images.IMAGE_FORMATS, "csv")


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


def chart_file(
    ctx: Context,
    exporter: images.Exporter,
    view: View,
    fmt: str,
    f: Filters,
    options,
    today: date | None = None,
) -> tuple[str, bytes]:
    """``(file name, bytes)`` of one chart in ``fmt`` (png, svg, pdf or csv)."""
    today = today or date.today()
    ds = ctx.ds
    records = view.records(ctx, f, options)
    name = files.filename(view.name, state.file_slug(f, ds.year_span), fmt, today)
    if fmt == "csv":
        return name, files.csv_bytes(download_table(ctx, records))
    fig = images.annotate(
        view.chart(ctx, records, f, options, style.LIGHT),
        title=view.title(ctx),
        subtitle="Filters: " + state.describe(f, ds),
        footer=footer(ctx, records, today),
    )
    scale = 2 if fmt == "png" else 1
    return name, exporter.render(
        fig, fmt, width=int(fig.layout.width), height=int(fig.layout.height), scale=scale
    )


def citation(*, url: str, info, today: date | None = None) -> tuple[str, str]:
    """Plain-text and BibTeX citations of a view."""
    day = (today or date.today()).isoformat()
    name, version = info.get("name", "Dataset"), info.get("version", "")
    plain = f"Japan–NATO Partnership Dashboard. {name}, version {version}. View: {url} (accessed {day})."
    key = f"japan_nato_dashboard_{version.replace('.', '_')}"
    bibtex = (
        f"@misc{{{key},\n"
        f"  title = {{Japan--NATO Partnership Dashboard: {name}}},\n"
        f"  author = {{{{Japan--NATO Partnership Dashboard contributors}}}},\n"
        f"  year = {{{info.get('released', day)[:4]}}},\n"
        f"  version = {{{version}}},\n"
        f"  howpublished = {{\\url{{{url}}}}},\n"
        f"  note = {{Accessed {day}}}\n"
        f"}}"
    )
    return plain, bibtex


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
    """``(file name, bytes)`` of a ZIP: every chart as SVG and PNG, every table as CSV, the
    evidence table's records as evidence.csv, and README.txt."""
    today = today or date.today()
    parts: dict[str, bytes] = {}
    for view in registry.VIEWS:
        for fmt in ("svg", "png", "csv"):
            _, payload = chart_file(ctx, exporter, view, fmt, f, options, today)
            parts[f"{view.name}.{fmt}"] = payload
    records = evidence.records(registry.records_in_view(ctx, f, options), ctx)
    parts["evidence.csv"] = files.csv_bytes(download_table(ctx, records))
    parts["README.txt"] = readme(ctx, f, link, [*parts, "README.txt"], today).encode("utf-8")
    name = files.filename("view", state.file_slug(f, ctx.ds.year_span), "zip", today)
    return name, files.bundle(parts)
