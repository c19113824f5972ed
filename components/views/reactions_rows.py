"""What the reactions chart draws, in a reader's words: each government's or organization's
position per topic (a bar), each other voice (a dot), and the country filter as prose."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from components import labels, style
from components.data import query

HOVER_QUOTES = 5  # statements in a bar's hover; the evidence table has them all
NAMED = 2  # selected actors named in the titles; more are "the selected actors"
TITLE_WIDTH = 46  # characters of a panel title's line (a phone's width at 12 px)


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def selection_words(selected: Sequence[str], names: Mapping[str, str], possessive: bool = False) -> str:
    """``Japan``, ``Japan and South Korea`` or ``the selected actors`` (``Japan's``…): the
    country filter in the chart's words (the map's too)."""
    if len(selected) > NAMED:
        return "the selected actors'" if possessive else "the selected actors"
    words = [names.get(a, a) for a in selected]
    return labels.join_and([_possessive(w) for w in words] if possessive else words)


@dataclass(frozen=True)
class Words:
    """The lookups that turn codes into a reader's words."""

    names: Mapping[str, str]
    topics: Mapping[str, str]  # topic → label, in display order
    speaker_types: Mapping[str, str]
    publishers: Mapping[str, str]
    grades: Mapping[str, str]
    selected: tuple[str, ...] = ()  # the country filter, in the reader's order

    def name(self, actor: str) -> str:
        return self.names.get(actor, actor)

    def about(self, about) -> str:
        """``Japan and NATO``: whose cooperation a reaction is about."""
        return labels.join_and([self.name(a) for a in about])

    def selection(self, possessive: bool = False) -> str:
        return selection_words(self.selected, self.names, possessive)

    def relation(self, actors, abouts, by: str = "By") -> str:
        """``By Japan`` or ``About Japan's cooperation``, for a hover (empty without a filter)."""
        if not self.selected:
            return ""
        if set(actors) & set(self.selected):
            return f"{by} {labels.join_and([self.name(a) for a in dict.fromkeys(actors)])}"
        hit = [a for a in self.selected if any(a in about for about in abouts)]
        return f"About {labels.join_and([_possessive(self.name(a)) for a in hit])} cooperation"

    def speaker(self, row) -> str:
        """``Alessio Patalano (analyst)``: the speaker's short name and kind of voice."""
        return f"{row.speaker_label} ({self.speaker_types.get(row.speaker_type, row.speaker_type)})"

    def topic(self, topic: str) -> str:
        return self.topics.get(topic, topic)

    def statement(self, row) -> str:
        text = labels.hover_text(row.quote, row.quote_origin, self.publishers.get(row.source_id, ""), lines=3)
        grade = self.grades.get(row.grade, row.grade)
        about = style.wrap(f"About: {self.about(row.about)}", 60, 2)
        return f"{row.date} · {style.wrap(row.speaker, 50, 1)}<br>{about}<br>{text}<br>Evidence: {grade}"

    def title(self, kind: str, relation: str) -> list[str]:
        """A panel's title, in lines: what it holds and, with a filter, whether it is by or
        about the selection."""
        if not relation:
            other = "Other voices (not a state's stance)"
            return [f"<b>{'Governments and organizations' if kind == 'bars' else other}</b>"]
        its = "its" if len(self.selected) == 1 else "their"
        if relation == query.BY:
            head = f"{'By' if kind == 'bars' else 'From'} {self.selection()}"
            tail = f"{its} own statements" if kind == "bars" else f"other voices, not {its} stance"
        else:
            head = f"About {self.selection(True)} cooperation"
            tail = (
                "other governments and organizations"
                if kind == "bars"
                else "other voices, not a state's stance"
            )
        return [f"<b>{html.escape(line)}</b>" for line in textwrap.wrap(head, TITLE_WIDTH)] + [tail]


def positions(df: pd.DataFrame, words: Words) -> pd.DataFrame:
    rows = []
    for (topic, actor), group in df.groupby(["topic", "actor_id"], sort=False):
        score = float(group["stance_score"].astype(float).mean())
        statements = [words.statement(r) for r in group.itertuples()]
        listed = "<br>".join(statements[:HOVER_QUOTES])
        if len(statements) > HOVER_QUOTES:
            listed += f"<br>… and {len(statements) - HOVER_QUOTES} more in the evidence table"
        name = words.names.get(actor, actor)
        relation = words.relation([actor], group["about"])
        rows.append(
            {
                "topic": words.topic(topic),
                "label": name,
                "score": score,
                "color": style.STANCE_SCALE[int(round(score))],
                "grade": min(group["grade"]),  # the strongest evidence behind the bar
                "hover": f"<b>{style.wrap(name, 40, 1)}</b> on "
                f"{words.topic(topic)}: {score:+.1f} over {len(group)} statement(s)<br>"
                + (f"{style.wrap(relation, 60, 2)}<br>" if relation else "")
                + listed,
                "ids": ";".join(group["reaction_id"]),
            }
        )
    return pd.DataFrame(rows)


def voices(df: pd.DataFrame, words: Words) -> pd.DataFrame:
    relations = [words.relation([r.actor_id], [r.about], by="From") for r in df.itertuples()]
    return pd.DataFrame(
        {
            "topic": [words.topic(t) for t in df["topic"]],
            "label": [words.speaker(r) for r in df.itertuples()],
            "score": df["stance_score"].astype(float).tolist(),
            "color": [style.STANCE_SCALE[int(s)] for s in df["stance_score"]],
            "grade": df["grade"].tolist(),
            "hover": [
                f"<b>{style.wrap(words.speaker(r), 45, 1)}</b> on {words.topic(r.topic)}: "
                f"{int(r.stance_score):+d}<br>Not a government's stance"
                + (f" · {style.wrap(rel, 60, 2)}" if rel else "")
                + f"<br>{words.statement(r)}"
                for r, rel in zip(df.itertuples(), relations)
            ],
            "ids": df["reaction_id"].tolist(),
        }
    )


def ordered(rows: pd.DataFrame, topics: Mapping[str, str]) -> pd.DataFrame:
    order = list(topics.values())
    order += sorted(set(rows["topic"]) - set(order))
    rank = rows["topic"].map({t: i for i, t in enumerate(order)})
    return rows.assign(_rank=rank).sort_values(["_rank", "score", "label"], ascending=[False, True, True])
