"""CITATION.cff, the file citation tools (GitHub, Zenodo, Zotero) read at a repository's root,
generated from the data package so the two never disagree (`python app.py --citation-cff`)."""

from __future__ import annotations

import json

from components.data import Dataset


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar


def citation_cff(ds: Dataset) -> str:
    """The Citation File Format 1.2.0 text for the dataset and the dashboard around it."""
    info = ds.info
    licences = [lic.get("name") for lic in ds.package.descriptor.get("licenses", []) if lic.get("name")]
    lines = [
        "# Generated from data/datapackage.json: python app.py --citation-cff > CITATION.cff",
        "cff-version: 1.2.0",
        f"message: {_quoted('If you use this dataset or dashboard, please cite it as below.')}",
        "type: dataset",
        f"title: {_quoted(info['title'])}",
        f"version: {_quoted(info['version'])}",
        f"date-released: {_quoted(info['released'])}",
        f"abstract: {_quoted(info['description'])}",
        "authors:",
        *(f"  - name: {_quoted(a.strip())}" for a in info["authors"].split(";") if a.strip()),
        "license:",
        *(f"  - {lic}" for lic in ["MIT", *licences]),
        "keywords:",
        *(f"  - {_quoted(k)}" for k in ds.package.descriptor.get("keywords", [])),
    ]
    return "\n".join(lines) + "\n"
