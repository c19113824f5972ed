"""Evidence rows: every record behind the current view in one shape, searched, sorted, paged.

The table (views/evidence_table.py) is also the accessible alternative to the charts: every
mark of every chart is a row there, as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components import style
from components.i18n import N_
from components.views import registry

PAGE_SIZE = 25
SORTS = (  # (value, label): the labels are English msgids, shown as ``ctx._(label)``
    ("date-desc", N_("Newest first")),
    ("date-asc", N_("Oldest first")),
    ("kind", N_("By kind")),
    ("source", N_("By source")),
    ("grade", N_("Strongest evidence first")),
)
EVIDENCE_COLUMNS = (
    "quote",
    "quote_origin",
    "source_id",
    "credibility",
    "credibility_reason",
    "grade",
    "checked_on",
    "note",
)
COLUMNS = ("kind", "record_id", "date", "title", "summary", "actors", "domains", *EVIDENCE_COLUMNS)


# fact table → (the kind its marks carry in customdata, its rows in the common shape), and each
# kind's words (an English msgid: shown as ``ctx._(KIND_LABELS[kind])``), from the views
SHAPES = {v.evidence: (v.kind, v.rows) for v in registry.FACT_VIEWS}
KIND_LABELS = {v.kind: v.kind_label for v in registry.FACT_VIEWS}


def records(frames: Mapping[str, pd.DataFrame], ctx) -> pd.DataFrame:
    """One row per record in view, across all tables, in a common shape.

    Args:
        frames: filtered frames keyed by fact table (``registry.records_in_view``).
        ctx: the views' context (names, domain labels, the ITPP's date and parties).
    """
    parts = [
        pd.DataFrame({"kind": kind, **shape(df, ctx), **{c: df[c] for c in EVIDENCE_COLUMNS}})
        for name, (kind, shape) in SHAPES.items()
        if (df := frames.get(name)) is not None and not df.empty
    ]
    if not parts:
        return pd.DataFrame(columns=list(COLUMNS))
    out = pd.concat(parts, ignore_index=True).reindex(columns=list(COLUMNS))
    return out.fillna("")


def select(
    df: pd.DataFrame, *, search: str = "", sort: str = "date-desc", sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Rows matching a case-insensitive search, in the chosen order."""
    out = df
    needle = (search or "").strip().casefold()[:200]
    if needle:
        titles = (
            {}
            if sources is None
            else dict(zip(sources["source_id"], sources["title"] + " " + sources["publisher"]))
        )
        hay = (
            out["title"]
            + " "
            + out["summary"]
            + " "
            + out["quote"]
            + " "
            + out["actors"]
            + " "
            + out["domains"]
            + " "
            + out["source_id"].map(lambda s: titles.get(s, s))
        ).str.casefold()
        out = out[hay.str.contains(needle, regex=False)]
    if sort == "date-asc":
        return out.sort_values(["date", "kind"], kind="stable")
    if sort == "kind":
        return out.sort_values(["kind", "date"], kind="stable")
    if sort == "source":
        return out.sort_values(["source_id", "date"], kind="stable")
    if sort == "grade":  # strongest first: by band (solid, faded, hollow), then by the code
        rank = out["grade"].map(style.grade_rank).rename("rank")
        order = pd.concat([rank, out["date"]], axis=1).sort_values(
            ["rank", "date"], ascending=[True, False], kind="stable"
        )
        return out.loc[order.index]
    return out.sort_values(["date", "kind"], ascending=[False, True], kind="stable")


def page(
    df: pd.DataFrame, *, number: int = 1, highlighted: tuple[tuple[str, str], ...] = ()
) -> tuple[pd.DataFrame, int, int]:
    """One page of rows, the highlighted rows first in their order (a mark's lead record first).
    Returns (rows, page number, page count)."""
    if highlighted:
        rank = {pair: i for i, pair in enumerate(highlighted)}
        order = pd.Series([rank.get((k, r)) for k, r in zip(df["kind"], df["record_id"])], index=df.index)
        hits = order.notna()
        df = pd.concat([df[hits].loc[order[hits].sort_values(kind="stable").index], df[~hits]])
    pages = max(1, -(-len(df) // PAGE_SIZE))
    number = min(max(1, number), pages)
    return df.iloc[(number - 1) * PAGE_SIZE : number * PAGE_SIZE], number, pages


def grade_reasons(
    ctx, grade: str, reliability_reason: str, credibility_reason: str
) -> tuple[tuple[str, str], tuple[str, str]]:
    """The two parts of a two-part grade, each as (its words, its reason): (("Source B,
    usually reliable: ", "NATO's own record…"), ("Information 2, probably true: ", "one source…")).
    The words are the page's; a reason written in the data keeps the data's language."""
    rule = ctx.ds.rule
    r, c = rule.level("reliability", grade[0]), rule.level("credibility", grade[1:])
    default = {
        rule.confirmed: ctx._("independent sources agree."),
    }.get(c.code, ctx._("one source says it and nothing we read contradicts it."))
    parts = []
    for message, level, reason in (
        (N_("Source {code}, {words}: {reason}"), r, reliability_reason),
        (N_("Information {code}, {words}: {reason}"), c, credibility_reason or default),
    ):
        words = ctx._(message, code=level.code, words=level.name_in(ctx.lang).lower(), reason="\0")
        parts.append((words.split("\0")[0], reason))
    return parts[0], parts[1]


def cited_sources(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    """The source ids the records in view cite: main sources in the order the records come, then
    the sources cited beside them (``corroborated_by``, then ``other_sources``)."""
    main = [s for df in frames.values() for s in df["source_id"]]
    beside = [
        s
        for column in ("corroborated_by", "other_sources")
        for df in frames.values()
        if column in df
        for cell in df[column]
        for s in cell
    ]
    return list(dict.fromkeys([*main, *beside]))
