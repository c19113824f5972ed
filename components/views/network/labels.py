"""Network labels: which actors get a text label, and the side of its mark where it fits.

Kept apart from the figure, which only takes the sides chosen here (a plotly ``textposition``
per labelled node).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from components import typography

# Labels are placed where they cover no other label and no mark, in the layout's units: the plot
# area is about 380 px tall on the page and in every export, so a unit is about 130 px and a
# label's type (10-15 px) about 0.09 of it. A label that fits nowhere is left to the hover.
LABEL_UNITS = 0.09
PX_UNITS = 1 / 130  # one px of a marker, in the layout's units


def labelled(df: pd.DataFrame, nodes, selected) -> list[str]:
    """The nodes that may get a text label, most important first: the selected actors, then
    those linked in view by their number of links, but not NATO members whose only link in
    view is their membership (their colour and the key say enough)."""
    links = pd.concat(
        [
            df[["from_id", "framework"]].set_axis(["node", "fw"], axis=1),
            df[["to_id", "framework"]].set_axis(["node", "fw"], axis=1),
        ]
    )
    only_membership = links.groupby("node")["fw"].agg(lambda f: set(f) == {"nato"})
    count = links["node"].value_counts()
    wanted = [
        n
        for n in nodes
        if n in selected or (n in count.index and not (only_membership.get(n, False) and count[n] == 1))
    ]
    return sorted(wanted, key=lambda n: (n not in selected, -count.get(n, 0), n))


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_sides(
    candidates: list[str], texts: Mapping[str, str], positions, sizes: Mapping[str, float], selected, solid
) -> dict[str, str]:
    """Where each candidate's label goes (a plotly ``textposition``): in order, the first side
    of its mark where the label covers no mark and no label already placed. A label that fits
    nowhere is left out (its name is in the hover), but a selected actor's always shows."""
    boxes = []  # the marks a label must not cover: the ``solid`` ones (faded ones may be covered)
    for n in solid:
        (x, y), r = positions[n], sizes[n] / 2 * PX_UNITS
        boxes.append((x - r, y - r, x + r, y + r))
    out = {}
    for n in candidates:
        x, y = positions[n]
        w, h = typography.text_width(texts[n], LABEL_UNITS), LABEL_UNITS * typography.LINE
        r = sizes[n] / 2 * PX_UNITS + 0.01
        sides = {
            "top center": (x - w / 2, y + r, x + w / 2, y + r + h),
            "bottom center": (x - w / 2, y - r - h, x + w / 2, y - r),
            "middle right": (x + r, y - h / 2, x + r + w, y + h / 2),
            "middle left": (x - r - w, y - h / 2, x - r, y + h / 2),
        }
        free = [side for side, box in sides.items() if not any(overlaps(box, b) for b in boxes)]
        side = free[0] if free else ("top center" if n in selected else None)
        if side:
            out[n] = side
            boxes.append(sides[side])
    return out
