"""What a download contains: one chart as an image or CSV, or the whole view as a ZIP."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components import evidence, export, filters, style
from components.cards import safe_href
from components.data import Filters
from components.views import TITLES, Views


def filter_slug(f: Filters, span: tuple[int, int]) -> str:
    """Short, file-name-safe statement of the filters (``all`` for the default view)."""
    parts = []
    if f.countries:
        parts.append("country-" + "-".join(sorted(f.countries)))
    if f.domains:
        parts.append("domain-" + "-".join(sorted(f.domains)))
    if f.year_from not in (None, span[0]):
        parts.append(f"from-{f.year_from}")
    if f.year_to not in (None, span[1]):
        parts.append(f"to-{f.year_to}")
    if f.min_grade:
        parts.append(f"evidence-{f.min_grade}")
    return "_".join(export.slug(p) for p in parts) if parts else "all"


def hidden_columns(ds) -> frozenset[str]:
    """The curators' columns (``x-public: false`` in any table's schema): never in a download."""
    return frozenset(
        c.name for table in ds.package.tables.values() for c in table.columns.values() if not c.public
    )


def download_table(views: Views, records: pd.DataFrame) -> pd.DataFrame:
    """What a CSV download holds for ``records``: public columns, source, labelled text, grade."""
    ds = views.ds
    return export.with_sources(records, ds["sources"], hidden=hidden_columns(ds), grades=dict(views.grades))


def footer(views: Views, records: pd.DataFrame, today: date) -> str:
    """ "Source: … · Data: <dataset> v<version> · <date>" for a chart's records."""
    info = views.ds.info
    publishers = []
    if "source_id" in records.columns:
        lookup = dict(views.publishers)
        for source in records["source_id"]:
            name = lookup.get(source)
            if name and name not in publishers:
                publishers.append(name)
    shown = "; ".join(publishers[:5]) + (f"; and {len(publishers) - 5} more" if len(publishers) > 5 else "")
    return (
        f"Source: {shown or 'see the dataset'} · Data: {info.get('name')} v{info.get('version')}"
        f" · {today.isoformat()}"
    )


def chart_file(
    views: Views,
    exporter: export.Exporter,
    view: str,
    fmt: str,
    f: Filters,
    options,
    today: date | None = None,
) -> tuple[str, bytes]:
    """``(file name, bytes)`` of one chart in ``fmt`` (png, svg, pdf or csv)."""
    today = today or date.today()
    ds = views.ds
    records = views.records(view, f, options)
    name = export.filename(view, filter_slug(f, ds.year_span), fmt, today)
    if fmt == "csv":
        return name, export.csv_bytes(download_table(views, records))
    fig = export.annotate(
        views.figure(view, f, options, style.LIGHT),
        title=TITLES[view],
        subtitle="Filters: " + filters.describe(f, ds),
        footer=footer(views, records, today),
    )
    scale = 2 if fmt == "png" else 1
    return name, exporter.render(
        fig, fmt, width=int(fig.layout.width), height=int(fig.layout.height), scale=scale
    )


def readme(views: Views, f: Filters, link: str, files: list[str], today: date) -> str:
    """README.txt of the view bundle: filters, link, dataset version, sources, citation."""
    ds = views.ds
    info = ds.info
    plain, bibtex = export.citation(url=link, info=info, today=today)
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
        f"Filters: {filters.describe(f, ds)}",
        f"Dataset: {info.get('name')}, version {info.get('version')} ({info.get('released')})",
        f"Licence: {info.get('licence')}",
        "",
        "Files:",
        *[f"- {name}" for name in files],
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
    views: Views, exporter: export.Exporter, f: Filters, options, link: str, today: date | None = None
) -> tuple[str, bytes]:
    """``(file name, bytes)`` of a ZIP: every chart as SVG and PNG, every table as CSV, README.txt."""
    today = today or date.today()
    ds = views.ds
    files: dict[str, bytes] = {}
    for view in TITLES:
        for fmt in ("svg", "png", "csv"):
            _, payload = chart_file(views, exporter, view, fmt, f, options, today)
            files[f"{view}.{fmt}"] = payload
    frames = {
        "events": views.records("timeline", f, options),
        "partnerships": views.records("network", f, options),
        "itpp_areas": views.records("itpp", f, options),
        "ip4": views.records("ip4", f, options),
        "reactions": views.records("reactions", f, options),
    }
    records = evidence.records(frames, names=dict(views.names), domain_labels=dict(views.domain_labels))
    files["evidence.csv"] = export.csv_bytes(download_table(views, records))
    files["README.txt"] = readme(views, f, link, [*files, "README.txt"], today).encode("utf-8")
    name = export.filename("view", filter_slug(f, ds.year_span), "zip", today)
    return name, export.bundle(files)
