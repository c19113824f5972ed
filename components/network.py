"""Partnership network: countries and organizations linked by frameworks."""

from __future__ import annotations

import math
from collections.abc import Mapping

import dash_bootstrap_components as dbc
import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from components import ids, style
from components.cards import card, graph
from components.data import Dataset

ORG_COLOR = "#4D5B6A"


HEIGHT = 460  # px, the figure and its placeholder
MAX_EDGES = 400  # above this many edges in view, one line per pair, framework and status
BUNDLE_IDS = 50  # edge ids a bundled line carries for its click (the evidence table has all)


def layout(ds: Dataset) -> dbc.Col:
    present = set(ds["partnerships"]["framework"])
    controls = dbc.Checklist(
        id=ids.NETWORK_FRAMEWORK,
        options=[
            {"label": label, "value": key} for key, label in style.FRAMEWORK_LABELS.items() if key in present
        ],
        value=[key for key in style.FRAMEWORK_LABELS if key in present],
        inline=True,
        className="view-options framework-options",
    )
    return card(
        "network",
        "The web of alliances and partnerships",
        "Lines are partnerships coloured by framework; dashed lines are proposed or blocked. "
        "Selecting a country in the filter keeps only its neighbourhood.",
        graph(
            ids.NETWORK_GRAPH,
            "Network diagram of partnerships between countries and organizations.",
            height=HEIGHT,
        ),
        controls=controls,
    )


def positions(
    edges: pd.DataFrame, coords: Mapping[str, tuple[float, float]]
) -> dict[str, tuple[float, float]]:
    """Deterministic node positions for the whole network (computed once per dataset).

    The core of the network (nodes with more than one link) starts from geography,
    countries at their (lon, lat) and organizations at the mean of their neighbours,
    so the Atlantic sits left and the Indo-Pacific right; a seeded force-directed pass
    then separates nodes that geography stacks together. Hubs with many single-link
    nodes (NATO and its members) get them on an arc facing away from the core, and
    separate components sit below, so nothing collapses into an unreadable ball.
    """
    pairs = sorted({tuple(sorted(p)) for p in zip(edges["from_id"], edges["to_id"]) if p[0] != p[1]})
    g = nx.Graph()
    g.add_nodes_from(sorted({n for p in pairs for n in p}))
    g.add_edges_from(pairs)
    components = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    out: dict[str, tuple[float, float]] = {}
    for i, component in enumerate(components):
        pos = _component_layout(g.subgraph(component), coords)
        if i == 0:
            out.update(pos)
            continue
        # smaller components in a row under the main one
        scale = 0.25
        ox, oy = 1.0 - 0.45 * ((i - 1) % 4), -1.25 - 0.35 * ((i - 1) // 4)
        out.update({n: (ox + scale * x, oy + scale * y) for n, (x, y) in pos.items()})
    return {n: (round(x, 4), round(y, 4)) for n, (x, y) in sorted(out.items())}


def _component_layout(g: nx.Graph, coords) -> dict[str, tuple[float, float]]:
    if g.number_of_nodes() == 1:
        return {next(iter(g)): (0.0, 0.0)}
    leaves: dict[str, list[str]] = {}
    for n in sorted(g):
        if g.degree(n) == 1:
            leaves.setdefault(next(iter(g[n])), []).append(n)
    ringed = {
        hub: members
        for hub, members in leaves.items()
        if len(members) >= 6 and hub not in leaves.get(hub, [])
    }
    on_ring = {m for members in ringed.values() for m in members}
    core = g.subgraph(sorted(n for n in g if n not in on_ring))
    start = {n: (coords[n][0] / 90, coords[n][1] / 90) for n in core if n in coords}
    for n in sorted(core):
        if n not in start:
            placed = [start[m] for m in sorted(core[n]) if m in start] or [(0.0, 0.0)]
            start[n] = (sum(p[0] for p in placed) / len(placed), sum(p[1] for p in placed) / len(placed))
    if core.number_of_nodes() > 1:
        k = 2.4 / core.number_of_nodes() ** 0.5
        raw = nx.spring_layout(core, pos=start, seed=7, k=k, iterations=50)
    else:
        raw = {n: start[n] for n in core}
    pos = _normalise({n: (float(x), float(y)) for n, (x, y) in raw.items()})
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    for hub, members in sorted(ringed.items()):
        hx, hy = pos[hub]
        away = math.atan2(hy - cy, hx - cx) if (hx, hy) != (cx, cy) else math.pi
        radius = 0.06 * math.sqrt(len(members))
        spread = math.radians(230)
        for j, m in enumerate(members):
            angle = away - spread / 2 + spread * (j + 0.5) / len(members)
            pos[m] = (hx + radius * math.cos(angle), hy + radius * math.sin(angle))
    return _normalise(pos)


def _edge_ends(df: pd.DataFrame, positions) -> dict[str, tuple[tuple[float, float], tuple[float, float]]]:
    """Edge end points, with parallel edges between the same pair drawn side by side."""
    out = {}
    pairs = [tuple(sorted(p)) for p in zip(df["from_id"], df["to_id"])]
    for _, edges in df.groupby(pd.Series(pairs, index=df.index), sort=False):
        n = len(edges)
        for i, (edge, a, b) in enumerate(zip(edges["edge_id"], edges["from_id"], edges["to_id"])):
            (x0, y0), (x1, y1) = positions.get(a, (0.0, 0.0)), positions.get(b, (0.0, 0.0))
            length = math.hypot(x1 - x0, y1 - y0) or 1.0
            shift = (i - (n - 1) / 2) * 0.022
            dx, dy = -(y1 - y0) / length * shift, (x1 - x0) / length * shift
            if a > b:  # same side whichever way the edge is written
                dx, dy = -dx, -dy
            out[edge] = ((x0 + dx, y0 + dy), (x1 + dx, y1 + dy))
    return out


def _bundled(df: pd.DataFrame) -> pd.DataFrame:
    """Parallel edges of the same pair, framework and status as one row each: the network
    at any data size draws at most pairs × frameworks × statuses lines. ``relation`` says
    how many partnerships a line stands for and names the first ones."""
    pair = pd.Series([" ".join(sorted(p)) for p in zip(df["from_id"], df["to_id"])], index=df.index)
    rows = []
    for _, group in df.groupby([pair, df["framework"], df["status"]], sort=True):
        first = group.iloc[0]
        relations = list(dict.fromkeys(group["relation"]))
        summary = f"{len(group)} partnerships: " + "; ".join(relations[:3])
        if len(relations) > 3:
            summary += f"; … {len(relations) - 3} more"
        rows.append(
            {
                **first.to_dict(),
                "edge_id": ";".join(group["edge_id"].iloc[:BUNDLE_IDS]),
                "relation": summary if len(group) > 1 else first["relation"],
                "since": group["since"].min(),
                "grade": min(group["grade"]),
            }
        )
    return pd.DataFrame(rows, columns=df.columns)


def _labelled(df: pd.DataFrame, nodes, selected) -> set[str]:
    """Nodes that get a text label: all but plain NATO members (their dots say enough)."""
    links = pd.concat(
        [
            df[["from_id", "framework"]].set_axis(["node", "fw"], axis=1),
            df[["to_id", "framework"]].set_axis(["node", "fw"], axis=1),
        ]
    )
    only_membership = links.groupby("node")["fw"].agg(lambda f: set(f) == {"nato"})
    count = links["node"].value_counts()
    return {n for n in nodes if n in selected or not (only_membership.get(n, False) and count.get(n, 0) == 1)}


def _normalise(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Scale positions into [-1, 1] keeping the aspect ratio."""
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (2 * (x - mx) / span, 2 * (y - my) / span) for n, (x, y) in pos.items()}


def figure(
    df: pd.DataFrame,
    *,
    positions: Mapping[str, tuple[float, float]],
    names: Mapping[str, str],
    groups: Mapping[str, str],
    selected: frozenset[str] = frozenset(),
    grades: Mapping[str, str] | None = None,
    theme: str = style.LIGHT,
) -> go.Figure:
    """Edges in view drawn over all nodes at fixed positions.

    Args:
        df: partnerships in view (already filtered by the global and framework filters).
        positions: node id → (x, y), from :func:`positions` on the full network.
        names: node id → display name.
        groups: iso3 → country group (organizations are absent).
        selected: actors in the country filter (highlighted).
        grades: evidence grade code → label, for hovers.
        theme: colour mode.
    """
    if df.empty or not positions:
        return style.empty_figure("No partnerships match these filters.", theme, height=420)
    grades = grades or {}
    data = []
    if len(df) > MAX_EDGES:
        df = _bundled(df)
    in_view = set(df["from_id"]) | set(df["to_id"])
    ends = _edge_ends(df, positions)
    bands = df["grade"].map(style.band)
    shown = set()
    for (framework, dashed, band), group in df.groupby(
        ["framework", df["status"].ne("active"), bands], sort=True
    ):
        xs, ys = [], []
        for edge in group["edge_id"]:
            (x0, y0), (x1, y1) = ends[edge]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        name = style.FRAMEWORK_LABELS.get(framework, framework) + (" (proposed/blocked)" if dashed else "")
        data.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "line": {
                    "color": style.FRAMEWORK_COLORS.get(framework, style.MUTED),
                    "width": 2.5 if dashed else 1.6,
                    "dash": "dash" if dashed else "solid",
                },
                "opacity": style.GRADE_LINE_OPACITY[band],
                "name": name,
                "hoverinfo": "skip",
                "legendgroup": name,
                "showlegend": name not in shown,
            }
        )
        shown.add(name)
    # invisible midpoints carry the edge hover and click
    mids = [tuple((p + q) / 2 for p, q in zip(*ends[e])) for e in df["edge_id"]]
    data.append(
        {
            "type": "scatter",
            "x": [m[0] for m in mids],
            "y": [m[1] for m in mids],
            "mode": "markers",
            "marker": {"size": 10, "color": "rgba(0,0,0,0)"},
            "hovertext": [
                f"<b>{style.wrap(names.get(a, a), 30, 1)} — {style.wrap(names.get(b, b), 30, 1)}</b>"
                f"<br>{style.wrap(r, 50, 2)}<br>{style.FRAMEWORK_LABELS.get(f, f)} · {s}"
                + (f" · since {int(y)}" if pd.notna(y) else "")
                + f"<br>Evidence: {grades.get(g, g)}"
                for a, b, r, f, s, y, g in zip(
                    df["from_id"],
                    df["to_id"],
                    df["relation"],
                    df["framework"],
                    df["status"],
                    df["since"],
                    df["grade"],
                )
            ],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "customdata": [[e, "partnership"] for e in df["edge_id"]],
            "showlegend": False,
            "name": "edges",
        }
    )
    nodes = sorted(positions)
    focus = in_view
    labelled = _labelled(df, nodes, selected)
    data.append(
        {
            "type": "scatter",
            "x": [positions[n][0] for n in nodes],
            "y": [positions[n][1] for n in nodes],
            "mode": "markers+text",
            "text": [(names.get(n, n) if n not in groups else n) if n in labelled else "" for n in nodes],
            "textposition": "top center",
            "textfont": {
                "size": 10,
                "color": [style.ink(theme) if n in focus else style.MUTED for n in nodes],
            },
            "marker": {
                "size": [20 if n in selected else 13 if n in labelled and n in focus else 7 for n in nodes],
                "symbol": ["circle" if n in groups else "square" for n in nodes],
                "color": [
                    style.GROUP_COLORS.get(groups[n], style.MUTED) if n in groups else ORG_COLOR
                    for n in nodes
                ],
                "opacity": [1 if n in focus else 0.25 for n in nodes],
                "line": {"width": [2.5 if n in selected else 0.8 for n in nodes], "color": style.ink(theme)},
            },
            "hovertext": [f"<b>{style.wrap(names.get(n, n), 40, 2)}</b> ({n})" for n in nodes],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "customdata": [[n, "actor"] for n in nodes],
            "showlegend": False,
            "name": "actors",
        }
    )
    data += style.grade_legend("line")
    layout = {
        "height": HEIGHT,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "legend": {
            "orientation": "h",
            "y": -0.02,
            "x": 0,
            "yanchor": "top",
            "title": {"text": ""},
            "font": {"size": 11},
        },
        "hovermode": "closest",
        "clickmode": "event",
        "dragmode": "pan",
        "xaxis": {"visible": False},
        "yaxis": {"visible": False, "scaleanchor": "x", "scaleratio": 1},
    }
    return style.build_figure(data, layout, theme)
