"""Text as set in a chart: colours legible on their background, and the room text takes.

The print layout (``print_layout``) lays a chart out at a physical size before it is rendered,
and the network (``views.network_labels``) places labels only where they fit; both need these
estimates, so they live apart from the palettes and templates (``style``) the views draw with.
"""

from __future__ import annotations

import html
import re
import unicodedata

# exported images: text on white paper meets WCAG AA for normal text (4.5:1) whatever its size
PAPER = "#FFFFFF"
TEXT_CONTRAST = 4.5
EXPORT_FOOTER = "#555555"  # the source line: 7.5:1 on white


def _rgb(color) -> tuple[float, float, float, float] | None:
    """``(r, g, b, alpha)`` of ``#RGB``, ``#RRGGBB``, ``rgb()`` or ``rgba()``; None for anything else."""
    if not isinstance(color, str):
        return None
    c = {"white": "#ffffff", "black": "#000000"}.get(color.strip().lower(), color.strip().lower())
    if c.startswith("#") and len(c) in (4, 7):
        digits = c[1:] if len(c) == 7 else "".join(d * 2 for d in c[1:])
        try:
            return (*(int(digits[i : i + 2], 16) for i in (0, 2, 4)), 1.0)
        except ValueError:
            return None
    if c.startswith(("rgb(", "rgba(")) and c.endswith(")"):
        try:
            parts = [float(v) for v in c[c.index("(") + 1 : -1].split(",")]
        except ValueError:
            return None
        if len(parts) in (3, 4):
            return parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else 1.0
    return None


def _luminance(rgb) -> float:
    def channel(v: float) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def over(color, background: str = PAPER) -> str:
    """``color`` as seen laid over ``background`` (its alpha composited), ``#RRGGBB``; a
    colour it cannot read gives ``background``."""
    fg, bg = _rgb(color), _rgb(background)
    if bg is None:
        return background
    if fg is None:
        fg = (*bg[:3], 1.0)
    alpha = max(0.0, min(1.0, fg[3]))
    return "#" + "".join(f"{round(alpha * f + (1 - alpha) * b):02X}" for f, b in zip(fg[:3], bg[:3]))


def contrast(color, background: str = PAPER) -> float | None:
    """WCAG contrast ratio of ``color`` (its alpha laid over ``background``) on ``background``."""
    fg, bg = _rgb(color), _rgb(background)
    if fg is None or bg is None:
        return None
    alpha = max(0.0, min(1.0, fg[3]))
    seen = [alpha * f + (1 - alpha) * b for f, b in zip(fg[:3], bg[:3])]
    lighter, darker = sorted((_luminance(seen), _luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def legible(color, background: str = PAPER, ratio: float = TEXT_CONTRAST):
    """``color`` for text on ``background``: as it is when it reads at ``ratio`` (WCAG AA: 4.5:1),
    else the same hue darkened just enough (``#RRGGBB``). Values it cannot read pass through."""
    seen = contrast(color, background)
    if seen is None or seen >= ratio:
        return color
    fg, bg = _rgb(color), _rgb(background)
    alpha = max(0.0, min(1.0, fg[3]))
    base = [alpha * f + (1 - alpha) * b for f, b in zip(fg[:3], bg[:3])]

    def darker(factor: float) -> str:
        return "#" + "".join(f"{int(v * factor):02X}" for v in base)

    lo, hi = 0.0, 1.0  # the factor on the colour's channels: 0 is black
    for _ in range(20):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if contrast(darker(mid), background) >= ratio else (lo, mid)
    return darker(lo)


# a character's advance in thousandths of an em, to estimate text widths: DejaVu Sans's, the widest font
# the server's Chromium falls back on (narrower fonts where an SVG is opened only leave more room)
_LOWER = (
    "613 635 550 635 615 352 635 634 278 278 579 278 974 634 612 635 635 411 521 392 634 592 818 592 592 525"
)
_UPPER = (
    "684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603 787 695 635 611 732 684 989 685 611 685"
)
_ADVANCE = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", map(int, _LOWER.split()))),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", map(int, _UPPER.split()))),
    **dict.fromkeys("0123456789", 636),
    **dict.fromkeys(" .,;:'!|", 318),
    **dict.fromkeys("()[]-/", 390),
}
WIDE = 1000  # an East Asian wide or fullwidth character (kanji, kana, fullwidth punctuation): one em
BOLD = 1.1  # bold is about a tenth wider
LINE = 1.3  # plotly's line height, in em
TALL = 1.45  # a line of Japanese stands this tall in Noto Sans CJK (ascent and descent), in em
# line breaking in Japanese (kinsoku): no line starts with closing punctuation, a small kana or
# the long-vowel mark, none ends with an opening bracket
NO_START = frozenset(
    "、。，．・：；？！ー～…‥）］｝〕〉》」』】〙〗’”"  # closing and stops
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ"  # small kana, iteration marks
    ",.:;?!)]}"
)
NO_END = frozenset("（［｛〔〈《「『【〘〖‘“([{")


def wide(c: str) -> bool:
    """Whether ``c`` is set one em wide: an East Asian wide or fullwidth character."""
    return unicodedata.east_asian_width(c) in ("W", "F")


def advance(c: str) -> int:
    """``c``'s estimated advance in thousandths of an em."""
    return WIDE if wide(c) else _ADVANCE.get(c, 640)


def plain(text: str) -> str:
    """What a reader sees of a plotly label: no tags, entities as characters."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(text)))


def text_width(text: str, px: float, *, bold: bool = False) -> float:
    """Estimated width in px of the longest line of ``text`` (plotly markup) set at ``px``, a
    little generous; a Japanese character counts one em, about twice a Latin letter."""
    em = max(sum(advance(c) for c in plain(line)) for line in str(text).split("<br>")) / 1000
    return em * px * (BOLD if bold else 1) * 1.03


def text_height(text: str, px: float) -> float:
    """Height in px of ``text``'s ``<br>``-joined lines set at ``px`` (the last line of text with
    Japanese in it a little taller: the CJK face's ascent and descent)."""
    text = str(text)
    last = TALL if any(wide(c) for c in plain(text.rsplit("<br>", 1)[-1])) else LINE
    return (text.count("<br>") * LINE + last) * px


def pieces(word: str) -> list[str]:
    """``word`` (no spaces) cut where a line may break inside it: next to a Japanese character,
    but never before closing punctuation or a small kana, after an opening bracket, or next to
    a digit (``2023年7月``, ``第3回`` stay whole). A word without Japanese stays whole."""
    out = [word[:1]]
    for prev, c in zip(word, word[1:]):
        if (
            (wide(prev) or wide(c))
            and c not in NO_START
            and prev not in NO_END
            and not (prev.isdigit() or c.isdigit())
        ):
            out.append(c)
        else:
            out[-1] += c
    return [p for p in out if p]


def fill(text: str, fits) -> list[str]:
    """``text`` in lines, greedily: each as long as ``fits(line)`` allows (a piece that fits no
    line gets one of its own). Lines break at spaces and inside Japanese text (``pieces``)."""
    out = [""]
    for word in str(text).split():
        for n, piece in enumerate(pieces(word)):
            line = out[-1] + (" " if n == 0 and out[-1] else "") + piece
            if out[-1] and not fits(line):
                out.append(piece)
            else:
                out[-1] = line
    return out


def ellipsis(line: str) -> str:
    """``line`` marked as cut short: `` …``, or ``…`` straight after Japanese."""
    return line + ("…" if line and wide(line[-1]) else " …")


def wrap_to_width(text: str, width: float, px: float, *, bold: bool = False, lines: int = 3) -> str:
    """``text`` in ``<br>``-joined lines (HTML-escaped) that fit ``width`` px at ``px``."""
    out = fill(text, lambda line: text_width(line, px, bold=bold) <= width)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = ellipsis(out[-1])
    return "<br>".join(html.escape(line) for line in out)
