"""Each in-text citation formatted once per build, not once per place it stands.

sphinxcontrib-bibtex formats every citation anew through pybtex's templates: on a
synthetic edition of 10,000 notes citing four works each (40,000 citations of 25
records), that was a third of the check. What the edition's MLA style makes of a
citation depends only on the role, on each cited record (its content, its formatted
entry, the list it is in, its tooltip, the pre- and post-text: the locator) and on the
bibliography as a whole (how many works each author has), which does not change during
a build. The page the citation stands on and the builder enter only the links, through
each reference's info, and only when the citation is rendered.

So the formatted citation is kept, in memory, on the build's referencing style (a new
one each application, at ``builder-inited``; a second ``app.build()`` keeps it, and
sphinxcontrib-bibtex reads references.bib once an application), and a citation met
again is the kept one with the page's reference info put in place of the first page's;
on one page, a citation met again is a copy of the nodes it was rendered into there.
Nothing is kept on disk; an edited ``references.bib`` gives records of another content,
and another key. Other referencing styles (a project's own, the foot-citations') are
formatted as shipped.
"""

from __future__ import annotations

import sphinxcontrib.bibtex.domain
from pybtex.richtext import BaseMultipartText, BaseText
from sphinxcontrib.bibtex.richtext import BaseReferenceText
from sphinxcontrib.bibtex.style.referencing import format_references

from edition.bibliography.citestyle import MlaReferenceStyle


def entry_content(entry) -> tuple:
    """What a record says: its key, type, fields and persons (as written)."""
    return (entry.key, entry.type, tuple(entry.fields.items()),
            tuple((role, tuple(str(p) for p in persons))
                  for role, persons in entry.persons.items()))


def _reference_key(style, entry, formatted_entry, info) -> tuple:
    """A reference as the style formats it: all but the page and builder it is for. (A
    record's content is read once per build: the records are the same objects all the
    build long, and each is held with its content, so that its id stays its own.)"""
    kept = style.contents.get(id(entry))
    if kept is None:
        kept = style.contents[id(entry)] = (entry, entry_content(entry))
    return (kept[1], formatted_entry.key, formatted_entry.label,
            info.todocname, info.citation_id, info.title, info.pre_text, info.post_text)


def _rebound(text: BaseText, infos: dict[int, object]) -> BaseText:
    """`text` with each reference's info replaced through `infos` (by the kept info's
    identity); the parts without a reference are shared, as they are never changed."""
    if not isinstance(text, BaseMultipartText):
        return text
    parts = [_rebound(part, infos) for part in text.parts]
    is_reference = isinstance(text, BaseReferenceText)
    if not is_reference and all(new is old for new, old in zip(parts, text.parts,
                                                                strict=True)):
        return text
    copy = object.__new__(type(text))
    copy.__dict__.update(vars(text))
    copy.parts = parts
    if is_reference:
        copy.info = tuple(infos[id(info)] for info in text.info)
    return copy


class RenderedOnce:
    """A citation as it stands on one page: rendered (into docutils nodes) the first
    time, copied every time after; the copies are the page's own to change."""

    def __init__(self, text: BaseText) -> None:
        self.text = text
        self.nodes: list | None = None

    def render(self, backend) -> list:
        if self.nodes is None:
            rendered = self.text.render(backend)
            self.nodes = [node.deepcopy() for node in rendered]
            return rendered
        return [node.deepcopy() for node in self.nodes]


def memo_format_references(style, role_name: str, references):
    """sphinxcontrib-bibtex's ``format_references``, kept per build for the MLA style:
    formatted once, and rendered once per page (``resolve_xref`` only renders it)."""
    if not isinstance(style, MlaReferenceStyle):
        return format_references(style, role_name, references)
    references = list(references)
    key = (role_name, *(_reference_key(style, *reference) for reference in references))
    infos = [info for _, _, info in references]
    on_page = style.rendered.get((key, *((infos[0].fromdocname,) if infos else ())))
    if on_page is not None:
        return on_page
    kept = style.formatted.get(key)
    if kept is None:
        text = format_references(style, role_name, references)
        style.formatted[key] = (text, infos)  # the infos kept alive: ids stay theirs
    else:
        text = _rebound(kept[0], {id(old): new for old, new in zip(kept[1], infos,
                                                                   strict=True)})
    on_page = style.rendered[(key, *((infos[0].fromdocname,) if infos else ()))] = \
        RenderedOnce(text)
    return on_page


def install() -> None:
    """Route sphinxcontrib-bibtex's citations through the memo (idempotent)."""
    sphinxcontrib.bibtex.domain.format_references = memo_format_references
