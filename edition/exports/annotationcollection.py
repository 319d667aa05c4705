"""The collection of Web Annotations: ``annotations.jsonld``'s envelope, and each
chapter's annotations published in it.

A chapter's annotations are made from its written page (``webannotation.py``); they are
published with who wrote each note (its creators, with their ids on the contributors
page) and what made them (the generator), which are known only when the whole
collection is written: the contributors page may be another's, and two authors' names
can share an anchor. A chapter's published part is kept (``annotationparts.py``) and
made again only when its annotations or anything it was published with changed.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import sys
from pathlib import Path
from urllib.parse import urljoin

from sphinx.application import Sphinx

from edition.annotations import credits, loading
from edition.annotations.credits import contributor_ids
from edition.annotations.model import Annotation
from edition.config import settings
from edition.domain import edition_domain
from edition.exports import annotationparts
from edition.exports.annotationparts import PublishedPart, digest, made, published, splice
from edition.exports.material import build_date

FILENAME = "annotations.jsonld"
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: One term beyond the Web Annotation context, from schema.org (whose prefix it defines).
EXTRA_CONTEXT = {"description": "schema:description"}

TEXT_DEFINITION = (
    "Selectors count Unicode code points in the text of the published HTML page named by "
    "the target's source: the textContent of its first element with role=\"main\" (the "
    "<article> of this theme; every text node inside it, in document order, character "
    "references decoded, no text added between elements), as a browser's "
    "document.querySelector('[role=main]')"
    ".textContent gives it. That text includes the paragraph numbers, the note numbers and "
    "the notes themselves. The TextQuoteSelector's prefix, exact and suffix occur together "
    "exactly once in that text, and the exact text starts at the TextPositionSelector's "
    "start."
)


def base_address(app: Sphinx) -> str:
    base = app.config.html_baseurl or ""
    return base if not base or base.endswith("/") else base + "/"


def page_address(app: Sphinx, docname: str) -> str:
    return urljoin(base_address(app), app.builder.get_target_uri(docname))


def note_id(annotation: dict) -> str:
    """The id of the note an annotation is made from (its id's fragment)."""
    return annotation["id"].rpartition("#")[2]


def generator(app: Sphinx) -> dict:
    """What made the annotations: the edition, in its version."""
    base = base_address(app)
    made_by = {"type": "Software",
               "name": f"{app.config.project}, version {app.config.release}"}
    return {**made_by, "homepage": base} if base else made_by


@functools.cache
def publishing_code() -> str:
    """A digest of the code that publishes a part (this module, the parts' layout, the
    contributors' anchors): changed, every kept part is published again."""
    code = hashlib.sha256()
    for module in (sys.modules[__name__], annotationparts, credits):
        code.update(Path(inspect.getfile(module)).read_bytes())
    return code.hexdigest()


class Publication:
    """What every chapter's annotations are published with, worked out once."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.made_by = generator(app)
        self.records: dict[str, Annotation] = {
            note.id: note for note in loading.collection(app.env).notes}
        self.ids = contributor_ids(a.name for note in self.records.values()
                                   for a in note.authors)
        self.organizations = set(settings(app.config).organizations)
        page = edition_domain(app.env).list_page("contributors")
        self.contributors = page_address(app, page) if page else None

    def publish(self, annotations: list[dict]) -> PublishedPart:
        """A chapter's annotations, as made from its page, published."""
        # A kept annotation whose note is no longer read (its file now has a problem,
        # which the build reports with its line) is left out, never a traceback.
        found = [(ident, item) for item in annotations
                 if (ident := note_id(item)) in self.records]
        note_ids = tuple(ident for ident, _ in found)
        return published([self._annotated(item, self.records[ident]) for ident, item in found],
                         note_ids, self._context(note_ids))

    def again(self, part: PublishedPart) -> PublishedPart:
        """A chapter's kept part: as it is, if it was published with the same creators
        and generator; else published again."""
        if part.context == self._context(part.note_ids):
            return part
        return self.publish(made(part))

    def _context(self, note_ids: tuple[str, ...]) -> str:
        return digest([publishing_code(), self.made_by, self.contributors,
                       [[ident, self._authors(ident)] for ident in note_ids]])

    def _authors(self, ident: str) -> list | None:
        record = self.records.get(ident)
        if record is None:
            return None
        return [[a.name, a.orcid, a.name in self.organizations, self.ids[a.name]]
                for a in record.authors]

    def _annotated(self, item: dict, record: Annotation) -> dict:
        """A note's annotation as kept, with who wrote it and what made it."""
        head = {key: item[key] for key in ("id", "type", "label", "motivation")}
        rest = {key: value for key, value in item.items() if key not in head}
        return {**head, "creator": self._creators(record), **rest,
                "generator": self.made_by}

    def _creators(self, record: Annotation) -> list[dict]:
        """A note's authors: a person, or an organization (``edition_organizations``,
        such as the edition's editors); each with an id where one is known: the ORCID,
        else the author's entry on the contributors page."""
        found = []
        for author in record.authors:
            creator = {"type": "Organization" if author.name in self.organizations
                       else "Person", "name": author.name}
            if author.orcid:
                creator = {"id": f"https://orcid.org/{author.orcid}", **creator}
            elif self.contributors:
                creator = {"id": f"{self.contributors}#{self.ids[author.name]}", **creator}
            found.append(creator)
        return found

    def encoded(self, parts: list[PublishedPart]) -> bytes:
        """The file: the whole collection in UTF-8, its chapters' parts in reading
        order, and a line end."""
        app, config = self.app, self.app.config
        base = base_address(app)
        where = (f"Addresses are absolute, under {base}." if base else
                 "This is a local build (conf.py's html_baseurl is empty): every address, "
                 "the targets' sources included, is relative to the address of this "
                 "file, which sits at the top of the website.")
        page = f"{base}{FILENAME}#page-1"
        envelope = {
            "@context": [CONTEXT, EXTRA_CONTEXT],
            "id": f"{base}{FILENAME}",
            "type": "AnnotationCollection",
            "label": f"The editorial notes of “{config.project}”, version {config.release}",
            "description": f"{where} {TEXT_DEFINITION}",
            "creator": {"type": "Organization", "name": config.author},
            "generator": self.made_by,
            "generated": build_date().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "total": sum(part.count for part in parts),
            "first": {
                "id": page,
                "type": "AnnotationPage",
                "partOf": f"{base}{FILENAME}",
                "startIndex": 0,
                "items": [],
            },
            "last": page,
        }
        return splice(envelope, ("first", "items"), parts, end="\n")
