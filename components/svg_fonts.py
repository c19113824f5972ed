"""Japanese text in an exported SVG that reads the same on any machine: the Noto Sans CJK JP
glyphs it uses, subset and embedded in the file (``@font-face`` with a data URL).

An SVG names its fonts; a reader's viewer without Noto Sans CJK JP (or any Japanese font) would
show boxes. A subset of the few dozen characters a chart uses is small (tens of KB), where the
whole font is 16 MB. fontTools does the subsetting: it is the standard library for reading and
writing OpenType, and its subsetter keeps the glyphs' outlines and metrics exactly.
"""

from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from components.typography import wide

FAMILY = "Noto Sans CJK JP"
FONTS = {  # weight → the installed collection (the JP face is its first font)
    400: Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    700: Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
}
BOLD = re.compile(rb"font-weight:\s*(bold|[6-9]00)")


def _text_of(svg: str) -> str:
    """The characters of the SVG's text (entities decoded), outside its tags."""
    return html.unescape("".join(re.findall(r">([^<]+)<", svg)))


def _subset(weight: int, chars: str) -> bytes:
    """The face of ``weight`` with only the glyphs of ``chars`` (and their layout features)."""
    # read from the collection each time: quicker than copying its JP face out (0.35 s against
    # 0.7), and no worker keeps 16 MB of font per weight
    font = TTFont(str(FONTS[weight]), fontNumber=0)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def embed_cjk(svg: bytes) -> bytes:
    """``svg`` with the Noto Sans CJK JP glyphs of its Japanese text embedded, or as it is when
    it has no Japanese text or the fonts are not installed."""
    text = svg.decode("utf-8")
    chars = "".join(sorted({c for c in _text_of(text) if wide(c)}))
    start = text.find("<svg")
    end = text.find(">", start) if start >= 0 else -1
    if not chars or end < 0 or not all(p.is_file() for p in FONTS.values()):
        return svg
    weights = [400, 700] if BOLD.search(svg) else [400]
    faces = "".join(
        f'@font-face{{font-family:"{FAMILY}";font-weight:{w};'
        f'src:url(data:font/otf;base64,{base64.b64encode(_subset(w, chars)).decode()}) format("opentype")}}'
        for w in weights
    )
    return (text[: end + 1] + f"<defs><style>{faces}</style></defs>" + text[end + 1 :]).encode("utf-8")
