"""The registers' pages: ``{persons}`` renders the index of persons (each person with
dates, role, source and, filled when the page is written, where the text names them),
``{chronology}`` the dated events, each citing a work. An entry's MyST is parsed as the
page's, located in the register's file."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from edition.config import settings
from edition.domain import edition_domain
from edition.messages import Subtype, warn
from edition.registers.persons import CITES, load_chronology, load_persons


class person_places(nodes.General, nodes.Element):
    """Where the text names a person, filled when the index of persons is written
    (``pages/places.py``: the places are known once every chapter is read). Attribute
    ``person``: the person's id."""


class RegisterDirective(SphinxDirective):
    """A register's page: its entries' MyST parsed as the page's, located in the
    register's file, so that a message about an entry, and the guard on contributed
    text (``trust/guard.py``), know the entry for what it is."""

    has_content = False

    def entry_text(self, text: str, path: Path, line: int) -> nodes.definition:
        definition = nodes.definition()
        definition.extend(self.parse_text_to_nodes(text))
        for node in definition.findall(nodes.Element):
            node.source, node.line = str(path), line
        return definition


class PersonsDirective(RegisterDirective):
    """``{persons}``: the index of persons."""

    has_content = False

    def run(self):
        path = settings(self.config).persons
        self.env.note_dependency(str(path))
        edition_domain(self.env).note_persons_page(self.env.docname)
        persons, problems = load_persons(path)
        for where, message in problems:
            warn(message, Subtype.register, location=where)
        items = nodes.definition_list(classes=["edition-persons"])
        for person in sorted(persons, key=lambda p: _sort_name(p.name)):
            item = nodes.definition_list_item()
            term = nodes.term("", "", ids=[f"person-{person.id}"])
            term += nodes.strong("", person.name)
            term += nodes.Text(f" ({person.dates})")
            item += term
            definition = self.entry_text(person.role, path, person.line)
            definition += person_places(person=person.id)
            item += definition
            items += item
        return [items]


class ChronologyDirective(RegisterDirective):
    """``{chronology}``: dated events, each citing a work."""

    has_content = False

    def run(self):
        path = settings(self.config).chronology
        self.env.note_dependency(str(path))
        entries, problems = load_chronology(path)
        for where, message in problems:
            warn(message, Subtype.register, location=where)
        items = nodes.definition_list(classes=["edition-chronology"])
        for entry in entries:
            date, event = entry.fields["date"], entry.fields["event"]
            if not CITES.search(event):
                warn(f"the entry for {date!r} cites no work: every date in the chronology "
                     "needs its source, as a citation role", Subtype.register,
                     location=f"{path}:{entry.line}")
            item = nodes.definition_list_item()
            item += nodes.term("", "", nodes.strong("", date))
            item += self.entry_text(event, path, entry.line)
            items += item
        return [items]


def _sort_name(name: str) -> str:
    return name.split()[-1].casefold()
