"""What the reactions chart draws, in a reader's words: each government's or organization's
position per topic (a bar), each other voice (a dot), and the country filter as prose."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from components import filters, labels, style
from components.i18n import ENGLISH, Translator
from components.views.base import possessive_name as possessive_of
from components.views.base import selection_words

HOVER_QUOTES = 5  # statements in a bar's hover; the evidence table has them all
TITLE_WIDTH = 46  # columns of a panel title's line (a phone's width at 12 px; Japanese counts two)


@dataclass(frozen=True)
class Words:
    """The lookups that turn codes into a reader's words."""

    names: Mapping[str, str]
    topics: Mapping[str, str]  # topic → label, in display order
    speaker_types: Mapping[str, str]
    publishers: Mapping[str, str]
    grades: Mapping[str, str]
    selected: tuple[str, ...] = ()  # the country filter, in the reader's order
    tr: Translator = ENGLISH  # the reader's language, for every word that is not the data's

    def name(self, actor: str) -> str:
        return self.names.get(actor, actor)

    def about(self, about) -> str:
        """``Japan and NATO``: whose cooperation a reaction is about."""
        return labels.join_and([self.name(a) for a in about], self.tr)

    def selection(self, possessive: bool = False) -> str:
        return selection_words(self.selected, self.names, possessive, self.tr)

    def _by(self, by: str, actors: str) -> str:
        """``By Japan`` (a government's or organization's own) or ``From Japan`` (other voices)."""
        return (
            self.tr._("From {actors}", actors=actors)
            if by == "From"
            else self.tr._("By {actors}", actors=actors)
        )

    def relation(self, actors, abouts, by: str = "By") -> str:
        """``By Japan`` (``by``: "By" or "From") or ``About Japan's cooperation``, for a hover
        (empty without a filter)."""
        if not self.selected:
            return ""
        if set(actors) & set(self.selected):
            return self._by(by, labels.join_and([self.name(a) for a in dict.fromkeys(actors)], self.tr))
        hit = [a for a in self.selected if any(a in about for about in abouts)]
        whose = labels.join_and([possessive_of(self.name(a), self.tr) for a in hit], self.tr)
        return self.tr._("About {actors} cooperation", actors=whose)

    def speaker(self, row) -> str:
        """``Alessio Patalano (analyst)``: the speaker's short name and kind of voice."""
        kind = self.speaker_types.get(row.speaker_type, row.speaker_type)
        return self.tr._("{speaker} ({kind})", speaker=row.speaker_label, kind=kind)

    def topic(self, topic: str) -> str:
        return self.topics.get(topic, topic)

    def statement(self, row) -> str:
        tr = self.tr
        text = labels.hover_text(
            row.quote, row.quote_origin, self.publishers.get(row.source_id, ""), lines=3, tr=tr
        )
        grade = self.grades.get(row.grade, row.grade)
        about = style.wrap(tr._("About: {actors}", actors=self.about(row.about)), 60, 2)
        when = tr.date(row.date, getattr(row, "date_precision", "day"))
        evidence = tr._("Evidence: {grade}", grade=grade)
        return f"{when} · {style.wrap(row.speaker, 50, 1)}<br>{about}<br>{text}<br>{evidence}"

    def title(self, kind: str, relation: str) -> list[str]:
        """A panel's title, in lines: what it holds and, with a filter, whether it is by or
        about the selection."""
        tr = self.tr
        if not relation:
            return [
                "<b>"
                + (
                    tr._("Governments and organizations")
                    if kind == "bars"
                    else tr._("Other voices (not a state's stance)")
                )
                + "</b>"
            ]
        one = len(self.selected) == 1
        if relation == filters.BY:
            head = self._by("By" if kind == "bars" else "From", self.selection())
            if kind == "bars":
                tail = tr._("its own statements") if one else tr._("their own statements")
            else:
                tail = tr._("other voices, not its stance") if one else tr._("other voices, not their stance")
        else:
            head = tr._("About {actors} cooperation", actors=self.selection(True))
            tail = (
                tr._("other governments and organizations")
                if kind == "bars"
                else tr._("other voices, not a state's stance")
            )
        # style.wrap escapes each line and counts a Japanese character as two columns
        lines = style.wrap(head, TITLE_WIDTH, max_lines=len(head) + 1).split("<br>")
        return [f"<b>{line}</b>" for line in lines] + [tail]


def positions(df: pd.DataFrame, words: Words) -> pd.DataFrame:
    rows = []
    for (topic, actor), group in df.groupby(["topic", "actor_id"], sort=False):
        score = float(group["stance_score"].astype(float).mean())
        statements = [words.statement(r) for r in group.itertuples()]
        listed = "<br>".join(statements[:HOVER_QUOTES])
        if len(statements) > HOVER_QUOTES:
            listed += "<br>" + words.tr.n_(
                "… and {n} more in the evidence table",
                "… and {n} more in the evidence table",
                len(statements) - HOVER_QUOTES,
            )
        name = words.names.get(actor, actor)
        relation = words.relation([actor], group["about"])
        said = words.tr.n_(
            "{actor} on {topic}: {score} over {n} statement",
            "{actor} on {topic}: {score} over {n} statements",
            len(group),
            actor="<b>" + style.wrap(name, 40, 1) + "</b>",
            topic=words.topic(topic),
            score=format(score, "+.1f"),
        )
        rows.append(
            {
                "topic": words.topic(topic),
                "label": name,
                "score": score,
                "color": style.STANCE_SCALE[int(round(score))],
                "grade": style.best_grade(group["grade"]),  # the strongest evidence behind the bar
                "hover": f"{said}<br>" + (f"{style.wrap(relation, 60, 2)}<br>" if relation else "") + listed,
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
                words.tr._(
                    "{speaker} on {topic}: {score}",
                    speaker="<b>" + style.wrap(words.speaker(r), 45, 1) + "</b>",
                    topic=words.topic(r.topic),
                    score=format(int(r.stance_score), "+d"),
                )
                + "<br>"
                + words.tr._("Not a government's stance")
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
