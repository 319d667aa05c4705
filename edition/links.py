"""External links: found in every page, checked for form, listed in one report.

Checked on each resolved page (``edition.link`` warnings):

* a link in the text or a note must be https (a bibliography record may keep an http
  address when its ``urlreason`` field says why; see ``bibcheck.py``);
* no address carries tracking parameters (``utm_*``, ``fbclid``, …);
* a link that points at a work in the bibliography uses the record's address exactly.

``python -m edition links`` lists every external address with where it stands.
Whether the addresses *answer* is the link checker's business (``make linkcheck``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx

from edition.annotations.nodes import annotation
from edition.bibliography.entries import bibentry
from edition.doctree import ancestors
from edition.domain import cite_domain
from edition.formats import is_pdf
from edition.messages import Subtype, warn

TRACKING = ("utm_", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid",
            "_ga", "_gl", "ref_src", "yclid")
#: Emitted with (docname, [ExternalLink]) for each page resolved.
LINKS_EVENT = "edition-external-links"


@dataclass(frozen=True)
class ExternalLink:
    uri: str
    kind: str  # "bibliography", "note" or "text"
    docname: str
    source: str
    line: int | None
    #: For an http address from the bibliography: why it is not https (``urlreason``).
    reason: str = ""


def tracking_parameters(uri: str) -> list[str]:
    return [k for k, _ in parse_qsl(urlsplit(uri).query, keep_blank_values=True)
            if k.lower().startswith(TRACKING)]


def comparable(uri: str) -> str:
    """An address without scheme, 'www.', trailing slash or fragment, for comparison."""
    parts = urlsplit(uri)
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}"


def bibliography_urls(app: Sphinx) -> dict[str, str]:
    """Every address in the bibliography, with the record's ``urlreason`` (or ""), from
    the records sphinxcontrib-bibtex parsed."""
    urls: dict[str, str] = {}
    for entry in cite_domain(app.env).bibdata.data.entries.values():
        if "url" in entry.fields:
            urls[entry.fields["url"]] = entry.fields.get("urlreason", "")
        if "doi" in entry.fields:
            urls[f"https://doi.org/{entry.fields['doi']}"] = ""
    return urls


def external_links(doctree: nodes.document, docname: str) -> list[ExternalLink]:
    found = []
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if urlsplit(uri).scheme not in {"http", "https"}:
            continue
        kind = "text"
        for ancestor in ancestors(ref):
            if isinstance(ancestor, bibentry):
                kind = "bibliography"
                break
            if isinstance(ancestor, annotation):
                kind = "note"
                break
        source, line = get_source_line(ref)
        found.append(ExternalLink(uri, kind, docname, source or docname, line))
    return found


def check_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if is_pdf(app.builder):
        return  # the one-page LaTeX tree repeats the pages the other builders check
    reasons = bibliography_urls(app)
    links = [ExternalLink(link.uri, link.kind, link.docname, link.source, link.line,
                          reasons.get(link.uri, "") if link.kind == "bibliography" else "")
             for link in external_links(doctree, docname)]
    records = {comparable(u): u for u in reasons}
    for link in links:
        where = f"{link.source}:{link.line}" if link.line else link.source
        params = tracking_parameters(link.uri)
        if params:
            warn(f"{link.uri} carries tracking parameters ({', '.join(params)}); remove "
                 "them", Subtype.link, location=where)
        if link.kind == "bibliography":
            continue  # the record itself is checked by bibcheck
        if urlsplit(link.uri).scheme != "https":
            warn(f"{link.uri} is not https; link the https address", Subtype.link,
                 location=where)
        record = records.get(comparable(link.uri))
        if record and record != link.uri:
            warn(f"{link.uri} is the address of a work in the bibliography, given there "
                 f"as {record}; use the same address, or cite the work", Subtype.link,
                 location=where)
    app.emit(LINKS_EVENT, docname, links)


def setup(app: Sphinx) -> None:
    # External links: checked for form on every page; listed by `python -m edition links`.
    app.add_event(LINKS_EVENT)
