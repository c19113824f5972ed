"""File mechanics of the downloads: formula-safe CSV bytes, ZIP archives, file names."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def neutralise(value):
    """Defuse spreadsheet formulas: text starting with = + - @ (or tab/CR) gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a header; list cells joined with ';' and every cell formula-safe."""
    flat = df.copy()
    for col in flat.columns:
        flat[col] = [
            ";".join(v) if isinstance(v, tuple | list) else ("" if v is None or v is pd.NA else v)
            for v in flat[col]
        ]
        flat[col] = [neutralise(v) if isinstance(v, str) else v for v in flat[col]]
    return flat.to_csv(index=False, lineterminator="\n").encode("utf-8")


def filename(view: str, query_slug: str, ext: str, today: date | None = None, size: str = "") -> str:
    """``<view>_<filters>_<yyyy-mm-dd>.<ext>``, or ``<view>_<filters>_<size>_<yyyy-mm-dd>.<ext>``
    for an image at a size preset."""
    middle = f"{query_slug}_{size}" if size else query_slug
    return f"{view}_{middle}_{(today or date.today()).isoformat()}.{ext}"


STORED = (".png", ".zip", ".pdf")  # compressed already: deflating them again costs time for nothing


def bundle(files: dict[str, bytes]) -> bytes:
    """A ZIP of ``{name: bytes}``: text deflated, images that are compressed already stored."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in files.items():
            method = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            archive.writestr(name, payload, compress_type=method)
    return buffer.getvalue()
