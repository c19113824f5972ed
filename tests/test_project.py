"""The project's own files: the README is the front page and docs/ the reference (every link
between them reaches a file and a heading that exist, and the README stays short enough to
read in one sitting); requirements-lock.txt pins every dependency pyproject.toml declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return {slug(m) for m in re.findall(r"^#+ (.+)$", text, flags=re.M)}


def local_links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]


def test_the_slug_is_githubs():
    assert slug("AI assistants (MCP)") == "ai-assistants-mcp"
    assert slug("The data API (`/api/v1/`)") == "the-data-api-apiv1"
    assert slug("`sources.csv`: Sources") == "sourcescsv-sources"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_local_link_reaches_a_file_and_a_heading(page):
    broken = []
    for target in local_links(page):
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(f"{target}: no file {file.relative_to(ROOT)}")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target}: no heading #{anchor} in {file.relative_to(ROOT)}")
    assert broken == []


def test_the_readme_is_a_front_page():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 300
    # and it says where the rest is: every page of docs/ is linked from it
    text = "\n".join(lines)
    assert [p.name for p in PAGES[1:] if f"docs/{p.name}" not in text] == []


def test_the_lock_pins_every_declared_dependency_within_its_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]
    pins = {}
    for line in (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name.strip().lower())] = version.strip()
    wrong = []
    for req in declared:
        pinned = pins.get(re.sub(r"[-_.]+", "-", req.name.lower()))
        if pinned is None or not req.specifier.contains(pinned, prereleases=True):
            wrong.append(f"{req}: {pinned or 'not pinned'} (run `make lock`)")
    assert wrong == []
