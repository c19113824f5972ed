"""Print-ready exports, measured in the files the real exporter makes: the type's size in points
at the physical width, its contrast on the paper, nothing outside the figure, labels that do not
collide, and the document title in the SVG, the PDF and the PNG.

Every chart is rendered once per size preset for the issue's filters (South Korea and Japan,
2022–2025), by one export browser for the whole module.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from components import downloads, images, state, style, typography
from components.filters import Filters
from components.views import registry
from components.views.context import Context
from components.views.network import labels as network_labels

TODAY = date(2026, 11, 30)
QUERY = "?country=KOR,JPN&from=2022&to=2025"
A4_WIDTH_PT = 16 / 2.54 * 72  # the A4 preset's physical width: 16 cm
MIN_PT = 7
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def ctx(ds):
    return Context.of(ds)


@pytest.fixture(scope="module")
def view_state(ctx):
    vocab = state.Vocab.of(ctx.ds, (option for _, option in registry.OPTIONS))
    f = state.from_query(QUERY, vocab)[0]
    return f, registry.default_options(ctx.ds)


@pytest.fixture(scope="module")
def svgs(ctx, exporter, view_state):
    """``{(preset, view): svg bytes}`` of every chart at every preset, and of the map in its
    stance mode (its colour scale ends in "Strongly supportive") as ``map:stance``."""
    f, options = view_state
    out = {}
    for size in images.PRESETS:
        for view in registry.VIEWS:
            out[(size, view.name)] = downloads.chart_file(
                ctx, exporter, view, "svg", f, options, TODAY, size
            )[1]
        stance = options | {"mode": "stance"}
        out[(size, "map:stance")] = downloads.chart_file(
            ctx, exporter, registry.BY_NAME["map"], "svg", f, stance, TODAY, size
        )[1]
    return out


NAMES = [v.name for v in registry.VIEWS] + ["map:stance"]


# ----------------------------------------------------------------------------- SVG reading


def _style(element) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in (element.get("style") or "").split(";") if ":" in part)
    return {k.strip(): v.strip() for k, v in pairs}


def _transform(element) -> tuple[float, float, float]:
    """``(dx, dy, scale)`` of an element's own ``translate(…)`` and ``scale(…)``."""
    dx = dy = 0.0
    k = 1.0
    for kind, args in re.findall(r"(translate|scale)\(([^)]*)\)", element.get("transform") or ""):
        values = [float(v) for v in re.split(r"[ ,]+", args.strip()) if v]
        if kind == "translate":
            dx, dy = dx + k * values[0], dy + k * (values[1] if len(values) > 1 else 0.0)
        else:
            k *= values[0]
    return dx, dy, k


def texts(svg: bytes) -> tuple[float, float, list[dict]]:
    """Width, height and every non-empty text line of an SVG plotly drew: its words, size (px, its
    scale applied), colour, opacity, and an estimated box (DejaVu Sans widths, the server's)."""
    root = ET.fromstring(svg)
    width, height = float(root.get("width")), float(root.get("height"))
    out = []

    def walk(element, x0, y0, k0, opacity, parents):
        dx, dy, k = _transform(element)
        x0, y0, k0 = x0 + k0 * dx, y0 + k0 * dy, k0 * k
        look = _style(element)
        opacity *= float(look.get("opacity", 1) or 1)
        if element.tag == f"{SVG}text":
            size = float(look.get("font-size", "0px").removesuffix("px")) * k0
            lines = element.findall(f"{SVG}tspan[@class='line']") or [element]
            x, y = float(element.get("x") or 0), float(element.get("y") or 0)
            y += float((element.get("dy") or "0em").removesuffix("em")) * size / k0  # plotly's, in em
            for n, line in enumerate(lines):
                words = "".join(line.itertext()).strip()
                if not words:
                    continue
                lx = float(line.get("x") or x) if line is not element else x
                ly = y + n * size * 1.3 if line is not element else y
                w = typography.text_width(words, size) / 1.03
                anchor = look.get("text-anchor", element.get("text-anchor", "start"))
                left = lx * k0 + x0 - {"start": 0, "middle": w / 2, "end": w}.get(anchor, 0)
                top = ly * k0 + y0 - 0.8 * size
                out.append(
                    {
                        "text": words,
                        "size": size,
                        "fill": look.get("fill", ""),
                        "alpha": float(look.get("fill-opacity", 1) or 1) * opacity,
                        "box": (left, top, left + w, top + 1.1 * size),
                        "slice": any("slice" in (p.get("class") or "") for p in parents),
                        "parents": parents,
                    }
                )
            return
        for child in element:
            walk(child, x0, y0, k0, opacity, [*parents, element])

    walk(root, 0.0, 0.0, 1.0, 1.0, [])
    return width, height, out


def _tile_behind(svg: bytes, point: tuple[float, float]) -> str:
    """The colour a treemap label at ``point`` sits on: every tile under it, laid in order."""
    root = ET.fromstring(svg)
    color = typography.PAPER
    for path in root.iter(f"{SVG}path"):
        if "surface" not in (path.get("class") or ""):
            continue
        numbers = [float(v) for v in re.findall(r"-?\d+\.?\d*", path.get("d") or "")]
        xs, ys = numbers[0::2], numbers[1::2]
        if xs and min(xs) <= point[0] <= max(xs) and min(ys) <= point[1] <= max(ys):
            look = _style(path)
            fill = look.get("fill", "")
            rgba = re.findall(r"[\d.]+", fill)
            if len(rgba) == 3:
                fill = f"rgba({','.join(rgba)},{look.get('fill-opacity', 1)})"
            color = typography.over(fill, color)
    return color


# ------------------------------------------------------------------------------ the tests


@pytest.mark.parametrize("view", NAMES)
def test_a4_type_is_at_least_7_pt_and_reads_on_white(svgs, view):
    """At A4/Letter text width (16 cm), every text is 7 pt or more, and its colour has a WCAG AA
    contrast (4.5:1) on the paper, or on the tile a treemap label sits on."""
    svg = svgs[("a4", view)]
    width, _, lines = texts(svg)
    assert width == images.PRESETS["a4"].width
    assert lines
    for line in lines:
        points = line["size"] * A4_WIDTH_PT / width
        assert points >= MIN_PT, f"{line['text']!r}: {points:.2f} pt"
        fill = re.findall(r"[\d.]+", line["fill"])
        color = f"rgba({','.join(fill[:3])},{line['alpha']})"
        if line["slice"]:
            x0, y0, _, y1 = line["box"]
            ground = _tile_behind(svg, (x0 + 1, (y0 + y1) / 2))
        else:
            ground = typography.PAPER
        assert typography.contrast(color, ground) >= typography.TEXT_CONTRAST, (
            f"{line['text']!r}: {color} on {ground}"
        )


@pytest.mark.parametrize("size", list(images.PRESETS))
def test_no_text_leaves_the_figure_or_covers_another(svgs, size):
    """At every preset, no label is cut off at the figure's edges and no two texts overlap (a
    stance axis's "Strongly supportive", the network's labels, legend, title, source line)."""
    for view in NAMES:
        width, height, lines = texts(svgs[(size, view)])
        for line in lines:
            left, top, right, bottom = line["box"]
            assert left >= -1 and right <= width + 1, f"{view}: {line['text']!r} {line['box']}"
            assert top >= -1 and bottom <= height + 1, f"{view}: {line['text']!r} {line['box']}"
        assert overlapping(lines) == [], f"{size} {view}"


def overlapping(lines) -> list[tuple[str, str]]:
    """Pairs of text lines whose boxes overlap by more than 2 px each way."""
    out = []
    for i, a in enumerate(lines):
        for b in lines[i + 1 :]:
            p, q = a["box"], b["box"]
            if min(p[2], q[2]) - max(p[0], q[0]) > 2 and min(p[3], q[3]) - max(p[1], q[1]) > 2:
                out.append((a["text"], b["text"]))
    return out


def test_every_preset_is_laid_out_at_its_size(svgs):
    """A figure is laid out at the preset's width with the preset's type, not shrunk from the
    screen's: the A4 chart is 605 px wide and its body text 11 px (8.25 pt at 16 cm)."""
    for (size, view), svg in svgs.items():
        preset = images.PRESETS[size]
        width, height, lines = texts(svg)
        assert width == preset.width or (preset.aspect and width > preset.width), (size, view)
        if preset.aspect:
            assert abs(height / width - preset.aspect) < 0.01, (size, view)
        assert min(line["size"] for line in lines) >= preset.small - 0.1, (size, view)


def test_the_network_labels_what_fits_and_names_its_marks(ctx, exporter, view_state):
    """Plain NATO members (whose only link in view is their membership) carry no label: the key
    names their colour; the labels drawn sit clear of each other in the unfiltered network too;
    the blocked liaison office's dashed line is named for what it is, not "NATO membership"."""
    view = registry.BY_NAME["network"]
    everything = Filters(year_from=ctx.ds.year_span[0], year_to=ctx.ds.year_span[1])
    options = registry.default_options(ctx.ds)
    fig = registry.figure(ctx, view, everything, options, style.LIGHT)
    actors = next(t for t in fig.data if t.name == "actors")
    shown = {n for (n, _), text in zip(actors.customdata, actors.text) if text}
    edges = view.records(ctx, everything, options)
    ends = edges.melt(id_vars=["framework"], value_vars=["from_id", "to_id"])
    plain = {n for n, fws in ends.groupby("value")["framework"] if list(fws) == ["nato"]}
    assert plain and not shown & plain
    _, svg = downloads.chart_file(ctx, exporter, view, "svg", everything, options, TODAY, "a4")
    assert overlapping(texts(svg)[2]) == []

    f, options = view_state
    fig = registry.figure(ctx, view, f, options, style.LIGHT)
    records = view.records(ctx, f, options)
    keys = [t.name for t in fig.data if t.x == (None,)]
    assert not any("proposed/blocked" in k for k in keys)
    for edge in records[records["status"] != "active"].itertuples():
        assert any(edge.relation.lower() in k.lower() and edge.status in k for k in keys), edge.relation
    assert any(t.legend == "legend2" for t in fig.data), "the actors' colours and shapes have a key"


def test_network_label_placement_avoids_marks_and_labels(ctx):
    """Unit check of the placement: the boxes it gives never overlap each other or a drawn mark."""
    positions = dict(ctx.positions)
    nodes = sorted(positions)
    sizes = dict.fromkeys(nodes, 13)
    texts_ = {n: n for n in nodes}
    sides = network_labels.label_sides(nodes, texts_, positions, sizes, frozenset(), set(nodes))
    assert sides and len(sides) < len(nodes)  # the crowded ring leaves some to the hover
    r = 13 / 2 * network_labels.PX_UNITS
    marks = [(x - r, y - r, x + r, y + r) for x, y in positions.values()]
    placed = []
    for n, side in sides.items():
        x, y = positions[n]
        w, h = (
            typography.text_width(n, network_labels.LABEL_UNITS),
            network_labels.LABEL_UNITS * typography.LINE,
        )
        gap = r + 0.01
        box = {
            "top center": (x - w / 2, y + gap, x + w / 2, y + gap + h),
            "bottom center": (x - w / 2, y - gap - h, x + w / 2, y - gap),
            "middle right": (x + gap, y - h / 2, x + gap + w, y + h / 2),
            "middle left": (x - gap - w, y - h / 2, x - gap, y + h / 2),
        }[side]
        assert not any(network_labels.overlaps(box, other) for other in marks + placed), n
        placed.append(box)


def test_svg_and_pdf_carry_the_chart_title(ctx, exporter, view_state):
    """The document title is the chart's, not kaleido's page title ("Kaleido-fier")."""
    f, options = view_state
    view = registry.BY_NAME["timeline"]
    title = view.title(ctx)
    _, svg = downloads.chart_file(ctx, exporter, view, "svg", f, options, TODAY, "a4")
    root = ET.fromstring(svg)
    assert root[0].tag == f"{SVG}title" and root[0].text == title
    assert root[1].tag == f"{SVG}desc" and "South Korea" in root[1].text
    name, pdf = downloads.chart_file(ctx, exporter, view, "pdf", f, options, TODAY, "a4")
    assert name.endswith("_a4_2026-11-30.pdf")
    assert pdf_info(pdf)["Title"] == title
    assert "Kaleido-fier" not in pdf_info(pdf).values()
    assert "South Korea" in pdf_info(pdf)["Subject"]
    width_pt = float(re.search(rb"/MediaBox \[0 0 ([\d.]+)", pdf).group(1))
    assert abs(width_pt - A4_WIDTH_PT) < 2  # the page is the figure: 16 cm wide


def test_png_has_print_resolution_and_title(ctx, exporter, view_state):
    f, options = view_state
    view = registry.BY_NAME["ip4"]
    _, png = downloads.chart_file(ctx, exporter, view, "png", f, options, TODAY, "a4")
    chunks = png_chunks(png)
    assert struct.unpack(">I", chunks[b"IHDR"][:4])[0] == 1890  # 16 cm at 300 dpi
    per_metre = struct.unpack(">I", chunks[b"pHYs"][:4])[0]
    assert round(per_metre * 0.0254) == 300
    assert chunks[b"iTXt"].endswith(view.title(ctx).encode("utf-8"))


# ------------------------------------------------------------------------------- readers


def png_chunks(png: bytes) -> dict[bytes, bytes]:
    out, at = {}, 8
    while at < len(png):
        length = struct.unpack(">I", png[at : at + 4])[0]
        out.setdefault(png[at + 4 : at + 8], png[at + 8 : at + 8 + length])
        at += 12 + length
    return out


def pdf_info(pdf: bytes) -> dict[str, str]:
    """The document information dictionary as a reader finds it: the last trailer's /Info, at
    the offset the newest cross-reference section gives for it."""
    trailer = pdf[pdf.rfind(b"trailer") :]
    number, generation = map(int, re.search(rb"/Info (\d+) (\d+) R", trailer).groups())
    start = int(re.search(rb"startxref\s+(\d+)", pdf[-64:]).group(1))
    section = pdf[start : pdf.find(b"trailer", start)]
    offset = None
    for first, count, body in re.findall(rb"(\d+) (\d+)\n((?:\d{10} \d{5} [nf] ?\r?\n)+)", section):
        entries = re.findall(rb"(\d{10}) (\d{5}) ([nf])", body)
        if int(first) <= number < int(first) + int(count):
            offset = int(entries[number - int(first)][0])
    assert offset is not None and pdf[offset:].startswith(b"%d %d obj" % (number, generation))
    body = pdf[offset : pdf.find(b"endobj", offset)]
    out = {}
    for key, value in re.findall(rb"/(\w+)\s*(<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))", body):
        if value.startswith(b"<FEFF") or value.startswith(b"<feff"):
            out[key.decode()] = bytes.fromhex(value[5:-1].decode()).decode("utf-16-be")
        elif value.startswith(b"("):
            out[key.decode()] = value[1:-1].decode("latin-1")
    return out
