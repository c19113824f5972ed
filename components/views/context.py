"""What every view's builder looks up, computed once per dataset: names, labels, positions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from components.data import Dataset
from components.views import network_layout


@dataclass(frozen=True)
class Programme:
    """The NATO–Japan ITPP as the data package declares it (``x-programme`` of itpp_areas)."""

    actors: tuple[str, ...]
    period: tuple[int, int]
    total: int  # the sourced number of areas in the programme
    agreed: str  # the date of its ip4 record, e.g. "2023-07-12"


@dataclass(frozen=True)
class Context:
    """Read-only lookups for the builders (the dataset is never mutated, so one per worker)."""

    ds: Dataset
    names: Mapping[str, str]
    domain_labels: Mapping[str, str]
    publishers: Mapping[str, str]
    groups: Mapping[str, str]
    positions: Mapping[str, tuple[float, float]]
    grades: Mapping[str, str]
    programme: Programme
    partner_order: tuple[str, ...]  # the IP4 partners in the data's reading order

    @classmethod
    def of(cls, ds: Dataset) -> Context:
        coords = {r.iso3: (r.lon, r.lat) for r in ds["countries"].itertuples()}
        frozen = MappingProxyType
        declared = ds.table("itpp_areas").extras["programme"]
        ip4 = ds["ip4"].set_index("record_id")
        return cls(
            ds=ds,
            names=ds.names,
            domain_labels=frozen(dict(zip(ds["domains"]["domain_id"], ds["domains"]["label"]))),
            publishers=frozen(dict(zip(ds["sources"]["source_id"], ds["sources"]["publisher"]))),
            groups=frozen(dict(zip(ds["countries"]["iso3"], ds["countries"]["group"]))),
            positions=frozen(network_layout.positions(ds["partnerships"], coords)),
            grades=frozen({code: ds.rule.label(code) for code in ds.rule.codes}),
            programme=Programme(
                actors=tuple(declared["actors"]),
                period=tuple(declared["period"]),
                total=int(declared["declared_total"]["value"]),
                agreed=str(ip4.at[declared["record"], "agreed"]),
            ),
            partner_order=tuple(ds.table("ip4").extras["partner-order"]),
        )

    def labels(self, table: str, column: str) -> Mapping[str, str]:
        """Value → reader label of a vocabulary column (the package's ``categories``), in order."""
        return self.ds.labels(table, column)
