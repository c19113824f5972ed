"""The chart's title written into the exported files, so that a saved image says what it is.

kaleido's files carry no document title: an SVG gets ``<title>`` and ``<desc>``, a PDF a
/Title and /Subject, a PNG a Title text chunk and its resolution (``with_metadata``). Each is
edited as bytes, with no imaging library; a PDF by an incremental update that leaves kaleido's
bytes as they are.
"""

from __future__ import annotations

import html
import re
import struct
import zlib


def with_metadata(
    payload: bytes, fmt: str, *, title: str, subject: str = "", dpi: float | None = None
) -> bytes:
    """``payload`` (an image kaleido rendered) carrying ``title`` as its document title: an SVG's
    ``<title>`` (and ``<desc>``), a PDF's /Title (and /Subject) and a PNG's Title text, with the
    PNG's resolution (``dpi``) so that word processors place it at its size."""
    if fmt == "svg":
        return svg_titled(payload, title, subject)
    if fmt == "pdf":
        return pdf_titled(payload, title, subject)
    if fmt == "png":
        return png_titled(payload, title, dpi)
    return payload


def svg_titled(svg: bytes, title: str, subject: str = "") -> bytes:
    """``svg`` with ``<title>`` (and ``<desc>``) as the root element's first children."""
    start = svg.find(b"<svg")
    end = svg.find(b">", start) if start >= 0 else -1
    if end < 0:
        return svg
    head = f"<title>{html.escape(title, quote=False)}</title>"
    if subject:
        head += f"<desc>{html.escape(subject, quote=False)}</desc>"
    return svg[: end + 1] + head.encode("utf-8") + svg[end + 1 :]


def _pdf_text(value: str) -> bytes:
    """A PDF text string of any characters: UTF-16BE with its byte order mark, in hex."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


_PDF_LITERAL = rb"\((?:\\.|[^\\()])*\)"


def pdf_titled(pdf: bytes, title: str, subject: str = "") -> bytes:
    """``pdf`` with a new document information dictionary (/Title, /Subject; the producer and
    dates kept), added as an incremental update: the original bytes are untouched, so every
    offset in them stays right. A file whose last cross-reference section is not a plain table
    (a cross-reference stream) is returned as it is."""
    tail = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf[-64:])
    trailer_at = pdf.rfind(b"trailer")
    if tail is None or trailer_at < 0:
        return pdf
    prev = int(tail.group(1))
    if pdf[prev : prev + 4] != b"xref":
        return pdf
    trailer = pdf[trailer_at:]
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", trailer)
    size = re.search(rb"/Size\s+(\d+)", trailer)
    info = re.search(rb"/Info\s+(\d+)\s+(\d+)\s+R", trailer)
    if root is None or size is None:
        return pdf
    number, generation = (int(info.group(1)), int(info.group(2))) if info else (int(size.group(1)), 0)
    entries = [b"/Title " + _pdf_text(title)]
    if subject:
        entries.append(b"/Subject " + _pdf_text(subject))
    if info:
        old = re.search(rb"\b%d %d obj\s*<<(.*?)>>\s*endobj" % (number, generation), pdf, re.S)
        for key in (b"Creator", b"Producer", b"CreationDate", b"ModDate"):
            found = re.search(rb"/" + key + rb"\s*(" + _PDF_LITERAL + rb")", old.group(1)) if old else None
            if found:
                entries.append(b"/" + key + b" " + found.group(1))
    body = b"\n" if not pdf.endswith(b"\n") else b""
    at = len(pdf) + len(body)
    body += b"%d %d obj\n<<" % (number, generation) + b"\n".join(entries) + b">>\nendobj\n"
    xref_at = len(pdf) + len(body)
    ids = re.search(rb"/ID\s*\[[^\]]*\]", trailer)
    body += b"xref\n%d 1\n%010d %05d n \n" % (number, at, generation)
    body += b"trailer\n<</Size %d\n/Root %s\n/Info %d %d R\n/Prev %d" % (
        max(int(size.group(1)), number + 1),
        root.group(1),
        number,
        generation,
        prev,
    )
    body += (b"\n" + ids.group(0) if ids else b"") + b">>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return pdf + body


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_titled(png: bytes, title: str, dpi: float | None = None) -> bytes:
    """``png`` with an iTXt Title and, given ``dpi``, its physical resolution (pHYs)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        return png
    at = 8 + 8 + struct.unpack(">I", png[8:12])[0] + 4  # after the IHDR chunk
    chunks = [_png_chunk(b"iTXt", b"Title\x00\x00\x00\x00\x00" + title.encode("utf-8"))]
    if dpi:
        per_metre = round(dpi / 0.0254)
        chunks.append(_png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
        rest, out = png[at:], b""  # drop a pHYs chunk already there
        while len(rest) >= 12:
            length = struct.unpack(">I", rest[:4])[0]
            if rest[4:8] != b"pHYs":
                out += rest[: 12 + length]
            rest = rest[12 + length :]
        png = png[:at] + out + rest
    return png[:at] + b"".join(chunks) + png[at:]
