"""The six charts as one registry: which records each shows and how it is drawn.

Callbacks (on screen) and downloads (images, CSV, the ZIP bundle) both go through
:class:`Views`, so a download always holds exactly what the chart shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd
import plotly.graph_objects as go

from components import ip4, itpp, network, reactions, style, timeline, worldmap
from components.data import Dataset, Filters, query

TITLES = MappingProxyType(
    {
        "timeline": "Timeline of Japan–NATO and IP4–NATO relations",
        "map": "Who is who: allies, partners and the region",
        "network": "The web of alliances and partnerships",
        "itpp": "The ITPP's 16 areas of cooperation",
        "ip4": "The Indo-Pacific Four at NATO",
        "reactions": "How the region reacts",
    }
)
DEFAULT_OPTIONS = MappingProxyType({"lanes": "domain", "mode": "group", "frameworks": None})


@dataclass(frozen=True)
class Views:
    """Lookups computed once per dataset (names, network layout…) and the view builders."""

    ds: Dataset
    names: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    domain_labels: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    publishers: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    groups: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    positions: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    grades: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    itpp_total: int = 16

    @classmethod
    def of(cls, ds: Dataset) -> Views:
        coords = {r.iso3: (r.lon, r.lat) for r in ds["countries"].itertuples()}
        declared = ds.table("itpp_areas").extras["programme"]["declared_total"]["value"]
        return cls(
            ds=ds,
            names=ds.names,
            domain_labels=MappingProxyType(dict(zip(ds["domains"]["domain_id"], ds["domains"]["label"]))),
            publishers=MappingProxyType(dict(zip(ds["sources"]["source_id"], ds["sources"]["publisher"]))),
            groups=MappingProxyType(dict(zip(ds["countries"]["iso3"], ds["countries"]["group"]))),
            positions=MappingProxyType(network.positions(ds["partnerships"], coords)),
            grades=MappingProxyType({code: ds.rule.label(code) for code in ds.rule.codes}),
            itpp_total=int(declared),
        )

    @property
    def frameworks(self) -> frozenset[str]:
        return frozenset(self.ds["partnerships"]["framework"])

    def records(self, view: str, f: Filters, options=DEFAULT_OPTIONS) -> pd.DataFrame:
        """The records a chart shows under filters ``f`` and its own ``options``."""
        ds = self.ds
        if view == "timeline":
            return query.events(ds, f)
        if view == "map":
            if options.get("mode") == "stance":
                return query.reactions(ds, f)
            return ds["countries"]
        if view == "network":
            edges = query.partnerships(ds, f)
            chosen = options.get("frameworks")
            return edges if chosen is None else edges[edges["framework"].isin(list(chosen))]
        if view == "itpp":
            return query.itpp_areas(ds, f)
        if view == "ip4":
            return query.ip4(ds, f)
        if view == "reactions":
            return query.reactions(ds, f)
        raise KeyError(view)

    def figure(self, view: str, f: Filters, options=DEFAULT_OPTIONS, theme: str = style.LIGHT) -> go.Figure:
        """The chart of ``view`` under filters ``f``."""
        df = self.records(view, f, options)
        names = dict(self.names)
        if view == "timeline":
            return timeline.figure(
                df,
                lanes=options.get("lanes", "domain"),
                names=names,
                domain_labels=dict(self.domain_labels),
                publishers=dict(self.publishers),
                grades=dict(self.grades),
                theme=theme,
            )
        if view == "map":
            return worldmap.figure(
                self.ds["countries"],
                mode=options.get("mode", "group"),
                reactions=query.reactions(self.ds, f),
                selected=f.countries,
                grades=dict(self.grades),
                theme=theme,
            )
        if view == "network":
            return network.figure(
                df,
                positions=self.positions,
                names=names,
                groups=dict(self.groups),
                selected=f.countries,
                grades=dict(self.grades),
                theme=theme,
            )
        if view == "itpp":
            return itpp.figure(
                df,
                total=self.itpp_total,
                identified=len(self.ds["itpp_areas"]),
                grades=dict(self.grades),
                theme=theme,
            )
        if view == "ip4":
            return ip4.figure(df, names=names, grades=dict(self.grades), theme=theme)
        if view == "reactions":
            return reactions.figure(
                df, names=names, publishers=dict(self.publishers), grades=dict(self.grades), theme=theme
            )
        raise KeyError(view)
