"""The guard in the build itself: whatever syntax produced it, no node may publish a
file, run script or leave the edition's allow-list of addresses.

The Markdown checks (``markup.py``) give contributors a message at the line they wrote;
this guard looks at what the parsers made, in every builder, so that a form those
checks do not know (a MyST link to a file, ``{download}``, ``{eval-rst}`` with
``.. include::``, a ``:file:`` option, a bibliography field's ``\\url``) still cannot
publish anything:

* read phase (``doctree-read``, before Sphinx's collectors note files to copy):
  a download or an image is refused unless a maintained page shows a file that
  ``edition_assets`` declares; raw output is refused in contributed text; a node
  read from a file outside the project, or a page that depends on one, is refused;
  links in contributed text must be https or lead to the edition's pages;
* write phase (``doctree-resolved``, after the bibliography and every reference are
  resolved): every address has an allowed scheme (https; http only for a
  bibliography record, whose ``urlreason`` the record's check requires; mailto only
  on a maintained page).

Each refusal is a located ``edition.unsafe`` warning (an error in every build of the
edition), and the node is made harmless (its words kept, the link, file or raw output
dropped) so that nothing is published even by a build that keeps going.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from docutils.utils import get_source_line
from sphinx import addnodes
from sphinx.application import Sphinx

from edition.config import EditionSettings, settings
from edition.doctree import ancestors
from edition.messages import Subtype, warn
from edition.trust.links import (
    contributed_link_problem,
    maintained_link_problem,
    scheme_of,
)


def _location(node: nodes.Node, docname: str) -> str | tuple:
    source, line = get_source_line(node)
    if source:
        return f"{source}:{line}" if line else source
    return (docname, line)


class _Project:
    """Whether files are inside the project, each file looked at once."""

    def __init__(self, srcdir: Path) -> None:
        try:
            self.folder: Path | None = srcdir.resolve()
        except (OSError, RuntimeError):
            self.folder = None
        self.known: dict[str, bool] = {}

    def holds(self, path: str) -> bool:
        if path not in self.known:
            self.known[path] = self.folder is not None and \
                self._inside(Path(path), self.folder)
        return self.known[path]

    @staticmethod
    def _inside(path: Path, folder: Path) -> bool:
        try:
            path.resolve().relative_to(folder)
        except (ValueError, OSError, RuntimeError):
            return False
        return True


def _contributed(node: nodes.Node, edition: EditionSettings) -> bool:
    """Whether a node comes from a note or a register entry, by its own source or its
    nearest ancestor's (every node of a note's body, and of a register entry, is
    located in its file: ``annotations/bodies.py``, ``registers/persons.py``)."""
    for current in ancestors(node):
        source = getattr(current, "source", None)
        if source:
            path = Path(source)
            return path in (edition.persons, edition.chronology) or \
                edition.annotations in path.parents
    return False


def _words_only(node: nodes.Element) -> None:
    """Replace a node by its words: the link, file or image it carried is gone."""
    text = node.astext() if not isinstance(node, nodes.image) else node.get("alt", "")
    node.replace_self(nodes.inline(text, text) if text else nodes.inline())


def _file_of(app: Sphinx, docname: str, target: str) -> Path:
    """The file a download or image names, as Sphinx resolves it for the page."""
    return Path(app.env.relfn2path(target, docname)[1])


def _refuse(message: str, node: nodes.Node, docname: str) -> None:
    warn(message, Subtype.unsafe, location=_location(node, docname))


def _check_files(app: Sphinx, doctree: nodes.document, docname: str,
                 edition: EditionSettings) -> None:
    for download in list(doctree.findall(addnodes.download_reference)):
        target = download.get("reftarget", "")
        path = _file_of(app, docname, target)
        if _contributed(download, edition):
            _refuse(f"the link to {target!r} would publish that file; contributed text "
                    "may link to https:// addresses and to the edition's pages only", download,
                    docname)
        elif path.resolve() not in edition.assets:
            _refuse(f"{target!r} would be published as a download, and it is not one of "
                    "the files conf.py declares in edition_assets", download, docname)
        else:
            continue
        _words_only(download)
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if _contributed(image, edition):
            _refuse("images are not allowed in contributed text (notes, register "
                    "entries)", image, docname)
        elif scheme_of(uri) or uri.startswith("//"):
            _refuse(f"the image {uri!r} would be loaded from another host by every "
                    "reader; ship it with the edition and declare it in edition_assets",
                    image, docname)
        elif _file_of(app, docname, uri).resolve() not in edition.assets:
            _refuse(f"the image {uri!r} is not one of the files conf.py declares in "
                    "edition_assets", image, docname)
        else:
            continue
        _words_only(image)


def _check_sources(app: Sphinx, doctree: nodes.document, docname: str,
                   edition: EditionSettings) -> None:
    """Nothing read from outside the project: not a node's source (an included file, a
    literal include), not a file the page depends on (a table's or raw block's
    ``:file:``). A page that read one is not published: its title and a line saying so
    stand in its place."""
    srcdir = edition.srcdir
    outside: dict[str, int | None] = {}
    # A chapter's nodes come from a few files, which are also what it depends on: each
    # file is looked at once, against the project's folder resolved once.
    project = _Project(srcdir)
    for node in doctree.findall(nodes.Element):
        source = node.get("source") or node.source
        if source and os.path.isabs(source) and not project.holds(source):
            outside.setdefault(source, None)
    recorded = doctree.settings.record_dependencies
    for dependency in [*app.env.dependencies.get(docname, ()),
                       *(Path.cwd() / d for d in (recorded.list if recorded else []))]:
        if not project.holds(str(Path(srcdir, dependency))):
            outside.setdefault(str(Path(srcdir, dependency)), None)
    if not outside:
        return
    for source in sorted(outside):
        warn(f"this page reads {source!r}, a file outside the project; a page may only "
             "use files inside it, and this one is not published", Subtype.unsafe,
             location=(docname, None))
    title = next(iter(doctree.findall(nodes.title)), None)
    notice = nodes.paragraph("", "This page is not published: it reads a file outside "
                                 "the project.")
    section = nodes.section("", *([title.deepcopy()] if title else []), notice,
                            ids=["not-published"])
    # Nothing of what was read may stay reachable from the document (its pickle is kept).
    doctree.children = []
    for name, index in vars(doctree).items():  # ids, names, refnames, footnotes, …
        if name not in KEPT_ON_DOCUMENT and isinstance(index, (dict, list, set)):
            index.clear()
    doctree += section
    doctree.ids["not-published"] = section


#: The raw output MyST makes of a line break inside a paragraph (two spaces or a
#: backslash at a line's end): the only raw output contributed text may give.
HARD_BREAK = {"<br />\n", "\\\\\n"}

#: What a refused page's document keeps: its own attributes, not its indexes of nodes.
KEPT_ON_DOCUMENT = {"children", "attributes", "settings", "reporter", "transformer"}


def _check_raw_and_links(doctree: nodes.document, docname: str,
                         edition: EditionSettings) -> None:
    for raw in list(doctree.findall(nodes.raw)):
        if _contributed(raw, edition) and raw.astext() not in HARD_BREAK:
            _refuse("raw output is not allowed in contributed text", raw, docname)
            raw.replace_self(nodes.inline())
    for reference in list(doctree.findall(nodes.reference)):
        if "refuri" in reference and _contributed(reference, edition):
            problem = contributed_link_problem(reference["refuri"])
            if problem:
                _refuse(problem, reference, docname)
                _words_only(reference)


def guard_read(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read, before Sphinx's collectors (500) note the files a page copies."""
    edition = settings(app.config)
    docname = app.env.current_document.docname
    _check_sources(app, doctree, docname, edition)
    _check_files(app, doctree, docname, edition)
    _check_raw_and_links(doctree, docname, edition)


def _in_bibliography(node: nodes.Node) -> bool:
    """Whether a node is part of a bibliography entry: the edition's own entry node
    (``bibliography/entries.py``, a layer above this one, so known here by its name),
    or a docutils citation."""
    return any(current.__class__.__name__ == "bibentry" or isinstance(current, nodes.citation)
               for current in ancestors(node, including_self=False))


def guard_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved, once the generated lists are filled: every address on the page
    as it is written."""
    edition = settings(app.config)
    for node in list(doctree.findall(nodes.reference)):
        uri = node.get("refuri")
        if not uri or node.get("internal"):
            continue
        scheme = scheme_of(uri)
        if _in_bibliography(node):
            problem = None if scheme in {"https", "http"} else (
                f"a bibliography record links to a {scheme or 'scheme-less'} address "
                f"({uri!r}); a record's addresses are https://")
        elif _contributed(node, edition):
            problem = contributed_link_problem(uri)
        else:
            problem = maintained_link_problem(uri)
        if problem:
            _refuse(problem, node, docname)
            _words_only(node)
