"""No page may read a file from outside the project.

A chapter can name a file to read: ``{include}``, ``{literalinclude}``, ``{image}``,
``{figure}``, a ``{csv-table}`` or ``{raw}`` with ``:file:``, a Markdown image. A
path that leads out of the source folder (``../../etc/passwd``, ``/etc/passwd`` after
the project's root, or a link that points outside) is refused before the page is
parsed: the message names the page and line, and the directive becomes a plain code
block (a Markdown image is left as its words) so that nothing is read. The build fails,
as it does for every warning; nothing is published.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

from edition.messages import Subtype, warn

DIRECTIVE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})[ \t]*\{(?P<name>include|"
                       r"literalinclude|image|figure|csv-table|raw)\}[ \t]*(?P<path>\S*)")
FILE_OPTION = re.compile(r"^\s*:file:\s*(?P<path>\S+)")
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<path><[^>]*>|[^)\s]+)[^)]*\)?")


def _outside(srcdir: Path, docdir: Path, path: str) -> bool:
    """Whether `path`, as Sphinx resolves it for the page, leaves the source folder."""
    if not path or re.match(r"^[a-z][a-z0-9+.-]*://", path, re.IGNORECASE):
        return False  # an address, not a file
    path = path.strip("<>")
    target = srcdir / path.lstrip("/") if path.startswith("/") else docdir / path
    try:
        target.resolve().relative_to(srcdir.resolve())
    except (ValueError, OSError, RuntimeError):  # outside, or no path at all (a NUL,
        return True                               # a link loop): refused either way
    return False


def refuse_outside_paths(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read: refuse every path that leaves the project, with a located message;
    the directive that names it becomes a plain code block, a Markdown image is left
    as its words, so that nothing is read."""
    srcdir = Path(app.srcdir)
    docdir = Path(app.env.doc2path(docname)).parent
    lines = source[0].split("\n")
    changed = False
    directive: tuple[int, re.Match] | None = None  # the directive being read, if any

    def refuse(path: str, number: int) -> None:
        warn(f"the path {path!r} leads outside the project; a page may only use files "
             "inside it", Subtype.path, location=(docname, number))

    for index, line in enumerate(lines):
        opening = DIRECTIVE.match(line)
        if opening:
            directive = (index, opening)
            paths = [opening["path"]]
        elif directive and (option := FILE_OPTION.match(line)):
            paths = [option["path"]]
        else:
            if not line.strip():
                directive = None
            paths = []
        for path in paths:  # paths only while a directive is read
            if directive is not None and _outside(srcdir, docdir, path):
                refuse(path, index + 1)
                at, match = directive
                lines[at] = f"{match['indent']}{match['fence']}text"
                changed = True
        for image in reversed(list(MARKDOWN_IMAGE.finditer(lines[index]))):
            if _outside(srcdir, docdir, image["path"]):
                refuse(image["path"], index + 1)
                start, end = image.span()
                lines[index] = lines[index][:start] + image["alt"] + lines[index][end:]
                changed = True
    if changed:
        source[0] = "\n".join(lines)
