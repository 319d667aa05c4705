"""What Zotero's "Embedded Metadata" translator makes of a page's meta tags: its rules,
ported from the translator (zotero/translators, "Embedded Metadata.js", read at commit
2814370, 26 June 2026) for the parts the edition's tags meet, so that the tests check
what a reader's Zotero saves, not only that the tags are there.

- Each tag name is split at ".", ":" and "_"; when its second part (else its first) is
  a known RDF prefix (Open Graph's ``book`` among them), the tag goes to the RDF path,
  not the Highwire mapping: ``citation_book_title`` is read as ``book:title``.
- The Highwire tags that name a kind of work set the item type, which wins; otherwise
  the RDF type (``og:type``), otherwise a guess from ``citation_title``.
- ``citation_author`` (and ``citation_editor``): split at ";" (or ","), each name then
  split into first and last name by ``ZU.cleanAuthor``: a name of several words is never
  kept whole.
- ``prism.edition`` (RDF) gives the edition; ``citation_abstract`` the abstract, and
  without it the page's ``description``.
"""

from __future__ import annotations

import re

#: The translator's known prefixes (_prefixes).
PREFIXES = {"bib", "bibo", "dc", "dcterms", "prism", "foaf", "vcard", "link", "z",
            "eprint", "eprints", "og", "article", "book", "rdf"}
#: HIGHWIRE_MAPPINGS, for the tags the edition may give.
HIGHWIRE = {"citation_title": "title", "citation_publication_date": "date",
            "citation_date": "date", "citation_journal_title": "publicationTitle",
            "citation_inbook_title": "publicationTitle", "citation_book_title": "bookTitle",
            "citation_publisher": "publisher", "citation_isbn": "ISBN",
            "citation_abstract": "abstractNote", "citation_doi": "DOI",
            "citation_public_url": "url", "citation_language": "language"}
#: The Highwire tags that decide the kind of work (hwType).
HIGHWIRE_TYPES = {"citation_journal_title": "journalArticle",
                  "citation_technical_report_institution": "report",
                  "citation_conference_title": "conferencePaper",
                  "citation_conference": "conferencePaper",
                  "citation_book_title": "bookSection",
                  "citation_inbook_title": "bookSection",
                  "citation_dissertation_institution": "thesis"}
#: RDF.js's detectType for og:type, for the values a page may have.
OG_TYPES = {"book": "book", "article": "journalArticle", "website": "webpage"}


def rdf_prefix(tag: str) -> str | None:
    """The known prefix a tag name goes to the RDF path under, if any."""
    parts = re.split(r"[.:_]", tag)
    if len(parts) > 2 and parts[1].lower() in PREFIXES:
        return parts[1].lower()
    return parts[0].lower() if parts[0].lower() in PREFIXES else None


def clean_author(name: str) -> dict:
    """ZU.cleanAuthor(name, type, useComma): "Last, First" or "First … Last"."""
    if "," in name:
        last, _, first = name.partition(",")
        return {"lastName": last.strip(), "firstName": first.strip()}
    words = name.split()
    if len(words) == 1:
        return {"lastName": name, "fieldMode": 1}
    return {"lastName": words[-1], "firstName": " ".join(words[:-1])}


def item(tags: list[tuple[str, str]]) -> dict:
    """The Zotero item the translator makes from a page's meta tags (name, content)."""
    hw_type = hw_guess = None
    highwire: list[tuple[str, str]] = []
    for name, value in tags:
        if rdf_prefix(name):
            continue  # to the RDF path: only og:type and prism.edition matter here
        highwire.append((name, value))
        hw_type = hw_type or HIGHWIRE_TYPES.get(name)
        if name == "citation_title":
            hw_guess = hw_guess or "journalArticle"
        if name == "citation_isbn":
            hw_guess = "book"
    og_type = next((v for n, v in tags if n == "og:type"), None)
    result: dict = {"itemType": hw_type or OG_TYPES.get(og_type or "", None) or hw_guess
                    or "webpage"}
    edition = next((v for n, v in tags if n.lower() in {"prism.edition", "prism:edition"}),
                   None)
    if edition:
        result["edition"] = edition
    for name, value in highwire:
        if name in HIGHWIRE and value.strip():
            result[HIGHWIRE[name]] = " ".join(value.split())
    if "abstractNote" not in result:
        description = next((v for n, v in tags if n == "description"), None)
        if description:
            result["abstractNote"] = " ".join(description.split())
    creators = []
    for role in ("author", "editor"):
        for name, value in highwire:
            if name == f"citation_{role}":
                for person in re.split(r"\s*;\s*", value):
                    if person.strip():
                        creators.append({**clean_author(person.strip()), "creatorType": role})
    result["creators"] = creators
    result["rdf"] = sorted(n for n, _ in tags if rdf_prefix(n))
    return result
