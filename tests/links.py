"""Offline check of internal links in a folder of HTML pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src"}


def _ids(page: Path, cache: dict[Path, set[str]]) -> set[str]:
    if page not in cache:
        soup = BeautifulSoup(page.read_bytes(), "lxml")
        cache[page] = {e["id"] for e in soup.find_all(id=True)} | {
            e["name"] for e in soup.find_all("a", attrs={"name": True})
        }
    return cache[page]


def broken_internal_links(root: Path, pattern: str = "**/*.html") -> list[str]:
    """Every local href/src under `root` that names a missing file or fragment."""
    problems: list[str] = []
    ids: dict[Path, set[str]] = {}
    for page in sorted(root.glob(pattern)):
        soup = BeautifulSoup(page.read_bytes(), "lxml")
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                url = urlsplit(element[attribute])
                if url.scheme or url.netloc:
                    continue  # external: the link checker's business
                # A root-relative link (the 404 page's, sphinx-notfound-page) starts at
                # the site's root: the build folder when the build has no address.
                base = root if url.path.startswith("/") else page.parent
                target = (base / unquote(url.path).lstrip("/")).resolve() if url.path \
                    else page
                where = f"{page.relative_to(root)}: {element[attribute]!r}"
                if not target.is_file():
                    problems.append(f"{where} -> missing file")
                elif url.fragment and target.suffix in {".html", ".xhtml"}:
                    if unquote(url.fragment) not in _ids(target, ids):
                        problems.append(f"{where} -> no such fragment")
    return problems
