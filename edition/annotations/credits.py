"""Who wrote a note, as readers and the exports see it: each author's anchor (on the
Contributors page, in the TEI header and the Web Annotations), and a note's signature
under it (none for the editors' own notes)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from edition.bibliography.entrystyle import mla_date
from edition.config import settings


def contributor_slug(name: str) -> str:
    """The name in lower-case ASCII letters and digits, words joined by hyphens: what
    an author's anchor was made of alone until two names could share it."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "x"


def contributor_ids(names: Iterable[str]) -> dict[str, str]:
    """The anchor of each note author: on the contributors page, in the TEI header and
    the Web Annotations. An author's anchor is their name's slug ("contributor-anna-
    muller"); where distinct names share a slug ("Anna Müller", "Anna Muller"), each
    gets a short hash of its exact spelling after "--", which no slug has."""
    by_slug: dict[str, set[str]] = {}
    for name in dict.fromkeys(names):  # each name once (10,000 notes, a few authors)
        by_slug.setdefault(contributor_slug(name), set()).add(name)
    return {name: f"contributor-{slug}" if len(group) == 1 else
            f"contributor-{slug}--{hashlib.blake2s(name.encode(), digest_size=4).hexdigest()}"
            for slug, group in by_slug.items() for name in group}


def signature(node, config) -> str:
    """Who wrote a note and when, as readers see it ("A. Contributor, 26 Nov. 2026"), or
    nothing for a note of the edition's editors alone (``edition_editors``): they are
    credited once, on the title page and the Contributors page, not under each note.
    The date stays ISO in the data (TEI, Web Annotations)."""
    editors = {_plain_quotes(name) for name in settings(config).editors}
    authors = [a for a in node["authors"] if _plain_quotes(a) not in editors]
    if not authors:
        return ""
    # The date kept on one line ("26 Nov. 2026" does not break after "26").
    return f"{', '.join(authors)}, {mla_date(str(node['date'])).replace(' ', chr(0xA0))}"


def _plain_quotes(name: str) -> str:
    return name.replace("\u2019", "'").casefold()


def meta_text(node, config) -> str:
    """A note's kind and signature, where the note's head does not already give its
    kind (plain builders)."""
    signed = signature(node, config)
    return f"{node['type_label']} \u00b7 {signed}" if signed else node["type_label"]
