"""Downloads: the PDF and the EPUB, linked from every page of the website.

* On Read the Docs, the addresses where it serves the formats it built
  (``/_/downloads/<language>/<version>/<format>/`` on the project's own domain, from
  ``READTHEDOCS_CANONICAL_URL``, ``READTHEDOCS_LANGUAGE`` and ``READTHEDOCS_VERSION``).
* Elsewhere, copies placed in the HTML output (``downloads/``), when the files named by
  ``edition_download_pdf`` and ``edition_download_epub`` exist at the start of the HTML
  build (``make all`` builds them first). When they do not, the page says so instead of
  linking to nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx

from edition.config import settings
from edition.domain import edition_domain
from edition.formats import is_website

FORMATS = {"pdf": "PDF", "epub": "EPUB"}
OUTDIR = "downloads"


def hosted_urls(environ=os.environ) -> dict[str, str]:
    """Read the Docs' download addresses, or {} when not building there."""
    canonical = environ.get("READTHEDOCS_CANONICAL_URL", "")
    language = environ.get("READTHEDOCS_LANGUAGE", "")
    version = environ.get("READTHEDOCS_VERSION", "")
    if environ.get("READTHEDOCS") != "True" or not (canonical and language and version):
        return {}
    parts = urlsplit(canonical)
    root = f"{parts.scheme}://{parts.netloc}"
    return {fmt: f"{root}/_/downloads/{language}/{version}/{fmt}/" for fmt in FORMATS}


def local_files(app: Sphinx) -> dict[str, Path]:
    """The built PDF and EPUB that exist, by format."""
    found = {}
    for fmt in FORMATS:
        setting = getattr(settings(app.config), f"download_{fmt}")
        if setting:
            path = Path(app.confdir, setting)
            if path.is_file():
                found[fmt] = path
    return found


def links(app: Sphinx, pagename: str) -> dict[str, str]:
    """Format → address (absolute on Read the Docs, else relative to the page)."""
    hosted = hosted_urls()
    if hosted:
        return hosted
    return {fmt: _relative(pagename, f"{OUTDIR}/{path.name}")
            for fmt, path in local_files(app).items()}


def _relative(pagename: str, target: str) -> str:
    depth = pagename.count("/")
    return "../" * depth + target


def offered(app: Sphinx, pagename: str) -> list[tuple[str, str, bool]]:
    """(label, address, whether it is a file of this site) for each download offered."""
    found = links(app, pagename)
    return [(label, url, not url.startswith("http"))
            for fmt, label in FORMATS.items() if (url := found.get(fmt))]


def copy_files(app: Sphinx, exception) -> None:
    if exception or not is_website(app.builder):
        return
    if hosted_urls():
        return
    files = local_files(app)
    if files:
        target = Path(app.outdir, OUTDIR)
        target.mkdir(exist_ok=True)
        for path in files.values():
            shutil.copyfile(path, target / path.name)


def outdated_pages(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Every page again when the downloads on offer changed (e.g. the PDF now exists)."""
    offer = sorted(hosted_urls() or {f: str(p) for f, p in local_files(app).items()})
    domain = edition_domain(env)
    before = domain.downloads_offer()
    domain.note_downloads_offer(offer)
    return sorted(env.found_docs) if before is not None and before != offer else []

