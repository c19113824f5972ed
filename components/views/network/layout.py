"""The network's node positions, computed once per dataset (networkx, seeded): stable across
filter changes and restarts, so a filtered network is the same picture with parts hidden."""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import pandas as pd


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


def _normalise(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Scale positions into [-1, 1] keeping the aspect ratio."""
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: (2 * (x - mx) / span, 2 * (y - my) / span) for n, (x, y) in pos.items()}
