"""Each chart in words, from the records in view: its accessible description (``aria-describedby``)
and the text of its "Describe this chart" disclosure.

Modelled on Datawrapper's alt descriptions and the Highcharts accessibility module's summaries:
what is shown, how much, over what span, and the few facts a sighted reader takes in at a glance
(the largest group, the extremes). Every number is counted from the same frame the chart draws.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components.data import Filters
from components.i18n import ENGLISH, N_, Translator
from components.views.reactions_rows import selection_words
from components.views.worldmap import own_statements as worldmap_stances

STANCES = {  # ``reactions.stance`` (an unlabelled enum in the data package) in words: msgids
    "supportive": N_("supportive"),
    "mixed": N_("mixed"),
    "skeptical": N_("skeptical"),
    "opposed": N_("opposed"),
}


def _tr(ctx) -> Translator:
    """The context's language (English for a builder called without a context)."""
    return ctx.tr if ctx is not None else ENGLISH


def _some(count: int, none: str, some: str) -> str:
    """``none`` for a count of 0 (``no summits``), else ``some`` (``1 summit``, ``2 summits``):
    both already translated, so each msgid stays a literal at its call."""
    return some if count else none


def _sentences(tr: Translator, *parts: str) -> str:
    """Sentences one after another: a space between them in English, none in Japanese."""
    return ("" if tr.lang == "ja" else " ").join(p for p in parts if p)


def _scope(ctx, f: Filters, *, countries: str = "involving", domains: bool = True) -> str:
    """`` involving Japan, in Cyber defence``: the filters that narrow a chart, in words
    (``countries``, "involving" or "by or about", says how a chart relates its records to the
    country filter)."""
    tr = _tr(ctx)
    actors = selection_words(f.countries, ctx.names, tr=tr) if f.countries else ""
    fields = tr.join(ctx.domain_labels.get(d, d) for d in f.domains) if f.domains and domains else ""
    if countries == "by or about":
        if actors and fields:
            return tr._(" by or about {actors}, in {domains}", actors=actors, domains=fields)
        if actors:
            return tr._(" by or about {actors}", actors=actors)
    elif actors and fields:
        return tr._(" involving {actors}, in {domains}", actors=actors, domains=fields)
    elif actors:
        return tr._(" involving {actors}", actors=actors)
    return tr._(" in {domains}", domains=fields) if fields else ""


def _top(tr: Translator, counts: pd.Series, labels: Mapping[str, str], limit: int = 3) -> str:
    """``Resilience (4), Practical cooperation (4) and Dialogue (2)``: the largest groups first."""
    counts = counts.sort_values(ascending=False, kind="stable").head(limit)
    return tr.join(tr._("{label} ({count})", label=labels.get(k, k), count=v) for k, v in counts.items())


def timeline(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """``13 events involving South Korea, 2006–2025; most in 2022 (4); 4 summits and 3 programme
    milestones.`` (the busiest year only when one year has more than one event)."""
    tr = _tr(ctx)
    if df.empty:
        return tr._("No events{scope} in the years chosen.", scope=_scope(ctx, f))
    years = df["year"].astype(int)
    per_year = years.value_counts().sort_index()
    busiest = per_year.idxmax()  # the earliest of the busiest years
    kinds = df["event_type"]
    summits, milestones = int((kinds == "summit").sum()), int((kinds == "programme").sum())
    marks = tr.join(
        [
            _some(summits, tr._("no summits"), tr.n_("{n} summit", "{n} summits", summits)),
            _some(
                milestones,
                tr._("no programme milestones"),
                tr.n_("{n} programme milestone", "{n} programme milestones", milestones),
            ),
        ]
    )
    events = tr.n_("{n} event", "{n} events", len(df))
    scope = _scope(ctx, f)
    if len(per_year) == 1:
        return tr._(
            "{events}{scope}, all in {year}; {marks}.", events=events, scope=scope, year=busiest, marks=marks
        )
    most = (
        tr._("most in {year} ({count}); ", year=busiest, count=per_year[busiest])
        if per_year[busiest] > 1
        else ""
    )
    return tr._(
        "{events}{scope}, {first}–{last}; {most}{marks}.",
        events=events,
        scope=scope,
        first=years.min(),
        last=years.max(),
        most=most,
        marks=marks,
    )


def worldmap(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """Group mode: how many allies and partners, which are outlined. Stance mode: which
    governments' statements are opposed, mixed or supportive on average."""
    tr = _tr(ctx)
    if options["mode"] != "stance":
        groups = df["group"].value_counts()
        shown = set(df.loc[df["group"] == "IP4 partner", "iso3"])
        partners = [ctx.names[p] for p in ctx.partner_order if p in shown]
        allies, others = int(groups.get("NATO ally", 0)), int(groups.get("other partner", 0))
        rest = int(groups.get("other", 0))
        # each part first, then the sentence: a message's words are never built inside another's
        allies = _some(allies, tr._("no NATO allies"), tr.n_("{n} NATO ally", "{n} NATO allies", allies))
        count = len(partners)
        named = tr._(" ({names})", names=tr.join(partners)) if partners else ""
        partners = _some(
            count,
            tr._("no Indo-Pacific partners"),
            tr.n_("{n} Indo-Pacific partner", "{n} Indo-Pacific partners", count),
        )
        others = _some(
            others, tr._("no other partners"), tr.n_("{n} other partner", "{n} other partners", others)
        )
        rest = _some(
            rest, tr._("no other countries"), tr.n_("{n} other country", "{n} other countries", rest)
        )
        text = tr._(
            "{allies}; {partners}{named}; {other_partners}; {others} named in the data.",
            allies=allies,
            partners=partners,
            named=named,
            other_partners=others,
            others=rest,
        )
        if f.countries:
            outlined = tr._("Outlined: {actors}.", actors=selection_words(f.countries, ctx.names, tr=tr))
            text = _sentences(tr, text, outlined)
        return text[0].upper() + text[1:]
    own = worldmap_stances(df, ctx.ds["countries"])
    if own.empty:
        return tr._("No government statement is in view, so no country is coloured.")
    mean = own.groupby("actor_id")["stance_score"].mean()
    sides = [
        (tr._("opposed on average"), mean[mean < 0]),
        (tr._("mixed or neutral"), mean[mean == 0]),
        (tr._("supportive on average"), mean[mean > 0]),
    ]
    said = tr._("; ").join(
        tr._("{side}: {actors}", side=label, actors=_names(ctx, side.index))
        for label, side in sides
        if len(side)
    )
    governments, statements = len(mean), len(own)
    return tr._(
        "{governments} coloured by {statements} of their own; {sides}.",
        governments=tr.n_("{n} government", "{n} governments", governments),
        statements=tr.n_("{n} statement", "{n} statements", statements),
        sides=said,
    )


def network(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """``64 partnerships among 45 countries and organizations; largest frameworks: NATO
    membership (33), …``"""
    tr = _tr(ctx)
    if df.empty:
        return tr._("No partnerships{scope} in view.", scope=_scope(ctx, f))
    nodes = set(df["from_id"]) | set(df["to_id"])
    inactive = int((df["status"] != "active").sum())
    frameworks = ctx.labels("partnerships", "framework")
    text = tr._(
        "{partnerships}{scope} among {count} countries and organizations; largest frameworks: {frameworks}.",
        partnerships=tr.n_("{n} partnership", "{n} partnerships", len(df)),
        scope=_scope(ctx, f),
        count=len(nodes),
        frameworks=_top(tr, df["framework"].value_counts(), frameworks),
    )
    if inactive:
        dashed = tr.n_(
            "{n} link is proposed or blocked, drawn dashed.",
            "{n} links are proposed or blocked, drawn dashed.",
            inactive,
        )
        text = _sentences(tr, text, dashed)
    return text


def itpp(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """``10 of the programme's 16 areas, by objective: Resilience (4)…``"""
    tr = _tr(ctx)
    total = ctx.programme.total
    if df.empty:
        return tr._(
            "No area of the programme's {total}{scope} is in view.", total=total, scope=_scope(ctx, f)
        )
    objectives = _top(tr, df["objective"].value_counts(), ctx.labels("itpp_areas", "objective"))
    return tr._(
        "{count} of the programme's {total} areas{scope}, by objective: {objectives}.",
        count=len(df),
        total=total,
        scope=_scope(ctx, f),
        objectives=objectives,
    )


def ip4(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """Attendance at the summits in view (by the leader or represented) and the programme dates."""
    tr = _tr(ctx)
    if df.empty:
        return tr._("No summit attendance or programme{scope} in the years chosen.", scope=_scope(ctx, f))
    summits = df[df["record_type"] == "summit"]
    programmes = df[df["record_type"] == "programme"]
    parts = []

    def times(n: int) -> str:
        return _some(n, tr._("no times"), tr.n_("{n} time", "{n} times", n))

    if len(summits):
        how = summits["attendance"]
        represented = sorted({ctx.names[i] for i in summits.loc[how == "represented", "iso3"]})
        counts = {kind: int((how == kind).sum()) for kind in ("attended", "represented", "absent")}
        count = summits["summit"].nunique()
        # each part first: Babel's extractor skips a message nested in another's arguments
        held = _some(count, tr._("no summits"), tr.n_("{n} summit", "{n} summits", count))
        who = tr._(" ({names})", names=tr.join(represented)) if represented else ""
        text = tr._(
            "{summits}: a leader attended {attended}, a representative {represented}{who}",
            summits=held,
            attended=times(counts["attended"]),
            represented=times(counts["represented"]),
            who=who,
        )
        if counts["absent"]:
            text = tr._("{text}, no one {absent}", text=text, absent=times(counts["absent"]))
        parts.append(text)
    if len(programmes):
        years = programmes["agreed"].str[:4]
        dated = years[years != ""]
        text = tr.n_("{n} programme document", "{n} programme documents", len(programmes))
        if len(dated) and dated.nunique() > 1:
            text = tr._(
                "{documents} agreed {first}–{last}", documents=text, first=dated.min(), last=dated.max()
            )
        elif len(dated):
            text = tr._("{documents} agreed in {year}", documents=text, year=dated.min())
        if len(dated) < len(programmes):
            text = tr._(
                "{documents} ({count} with no date in the sources)",
                documents=text,
                count=len(programmes) - len(dated),
            )
        parts.append(text)
    return tr._("{parts}.", parts=tr._("; ").join(parts))


def reactions(ctx, df: pd.DataFrame, f: Filters, options) -> str:
    """How many statements, how many are governments' or organizations' own, their stances."""
    tr = _tr(ctx)
    scope = _scope(ctx, f, countries="by or about", domains=False)  # reactions have no domain
    if df.empty:
        return tr._("No reactions{scope} in the years chosen.", scope=scope)
    own = df[df["position"]]
    stances = own["stance"].value_counts().sort_values(ascending=False, kind="stable")
    said = tr.n_("{n} statement", "{n} statements", len(df)) + scope
    if own.empty:
        return tr._(
            "{statements}, all from other voices, none by a government or an organization.", statements=said
        )
    counted = tr.join(
        tr._("{count} {stance}", count=v, stance=tr._(STANCES.get(k, k))) for k, v in stances.items()
    )
    text = tr._(
        "{statements}: {own} by governments and organizations ({stances}), {others} from other voices.",
        statements=said,
        own=len(own),
        stances=counted,
        others=len(df) - len(own),
    )
    by_actor = own.groupby("actor_id")["stance_score"].mean()
    if len(by_actor):
        low, high = by_actor.min(), by_actor.max()
        if low < 0:
            text = _sentences(
                tr, text, tr._("Most opposed: {actors}.", actors=_names(ctx, by_actor[by_actor == low].index))
            )
        if high > 0:
            text = _sentences(
                tr,
                text,
                tr._("Most supportive: {actors}.", actors=_names(ctx, by_actor[by_actor == high].index)),
            )
    return text


def _names(ctx, actors) -> str:
    return _tr(ctx).join(sorted(ctx.names.get(a, a) for a in actors))
