"""What every view's builder looks up, computed once per dataset: names, labels, positions."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from components import i18n
from components.data import Dataset
from components.i18n import Translator
from components.views.network import layout as network_layout


def in_japanese(ds: Dataset) -> Dataset:
    """``ds`` as a Japanese reader sees it: every column of words that has a Japanese twin
    (``title`` and ``title_ja``, ``name`` and ``name_ja``…) holds the Japanese, so every builder
    and the evidence table read it without asking; ids and codes are unchanged. The English
    stays beside it as ``<column>_en``, which a CSV download puts back (``english_columns``)."""
    tables = {}
    for name, frame in ds.tables.items():
        twins = [c for c in frame.columns if f"{c}_ja" in frame.columns]
        tables[name] = frame.assign(
            **{f"{c}_en": frame[c] for c in twins}, **{c: frame[f"{c}_ja"] for c in twins}
        )
    return dataclasses.replace(ds, tables=MappingProxyType(tables), names=MappingProxyType(ds.names_in("ja")))


@dataclass(frozen=True)
class Programme:
    """The NATO–Japan ITPP as the data package declares it (``x-programme`` of itpp_areas)."""

    actors: tuple[str, ...]
    period: tuple[int, int]
    total: int  # the sourced number of areas in the programme
    agreed: str  # the date of its ip4 record, e.g. "2023-07-12"


@dataclass(frozen=True)
class Context:
    """Read-only lookups for the builders, in one language (the dataset is never mutated, so
    one per language per worker). Names and labels come from the data in that language; every
    other word from the message catalogs through ``_`` and ``n_``."""

    ds: Dataset
    names: Mapping[str, str]
    domain_labels: Mapping[str, str]
    publishers: Mapping[str, str]
    groups: Mapping[str, str]
    positions: Mapping[str, tuple[float, float]]
    grades: Mapping[str, str]  # every two-part grade ("B2") → its words
    programme: Programme
    partner_order: tuple[str, ...]  # the IP4 partners in the data's reading order
    tr: Translator = i18n.ENGLISH
    # actor id → its name where a chart is narrow (Japanese: MOFA's 豪州, NZ; else as ``names``)
    short_names: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))

    @property
    def lang(self) -> str:
        return self.tr.lang

    def _(self, message: str, **values) -> str:
        """``message`` in the context's language (``i18n.Translator._``)."""
        return self.tr._(message, **values)

    def n_(self, singular: str, plural: str, n: int, **values) -> str:
        """The form of a counted message for ``n`` (``i18n.Translator.n_``)."""
        return self.tr.n_(singular, plural, n, **values)

    @classmethod
    def of(cls, ds: Dataset, lang: str = i18n.DEFAULT) -> Context:
        tr = i18n.translator(lang)
        ja = tr.lang == "ja"
        if ja:
            ds = in_japanese(ds)
        coords = {r.iso3: (r.lon, r.lat) for r in ds["countries"].itertuples()}
        frozen = MappingProxyType
        declared = ds.table("itpp_areas").extras["programme"]
        ip4 = ds["ip4"].set_index("record_id")
        return cls(
            ds=ds,
            names=frozen(ds.names),  # in Japanese, from ``in_japanese``
            domain_labels=frozen(dict(zip(ds["domains"]["domain_id"], ds["domains"]["label"]))),
            publishers=frozen(dict(zip(ds["sources"]["source_id"], ds["sources"]["publisher"]))),
            groups=frozen(dict(zip(ds["countries"]["iso3"], ds["countries"]["group"]))),
            positions=frozen(network_layout.positions(ds["partnerships"], coords)),
            grades=frozen({code: ds.rule.label(code, tr.lang) for code in ds.rule.codes}),
            programme=Programme(
                actors=tuple(declared["actors"]),
                period=tuple(declared["period"]),
                total=int(declared["declared_total"]["value"]),
                agreed=str(ip4.at[declared["record"], "agreed"]),
            ),
            partner_order=tuple(ds.table("ip4").extras["partner-order"]),
            tr=tr,
            short_names=frozen(
                ds.names | dict(zip(ds["countries"]["iso3"], ds["countries"]["short_name_ja"]))
                if ja
                else ds.names
            ),
        )

    def labels(self, table: str, column: str) -> Mapping[str, str]:
        """Value → reader label of a vocabulary column (the package's ``categories``), in order,
        in the context's language."""
        return self.ds.labels(table, column, self.lang)


def english_columns(frame):
    """``frame`` (records of a Japanese context) with its English words back in their own
    columns and the Japanese in the ``_ja`` twins, as the data has them: a CSV's columns mean
    the same in both languages. A frame without ``_en`` columns is returned as it is."""
    kept = [c[:-3] for c in frame.columns if c.endswith("_en") and c[:-3] in frame.columns]
    if not kept:
        return frame
    return frame.assign(**{c: frame[f"{c}_en"] for c in kept}).drop(columns=[f"{c}_en" for c in kept])
