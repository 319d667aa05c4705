"""EditionDomain: what the edition knows across documents, kept per document.

Each concept hands the domain what a document contributes as it is read, through the
domain's ``note_*`` methods (the text its witness paragraph and interventions, the
annotations their notes, the registers the persons mentioned, the generated pages
themselves), and reads it back through its accessors: no code outside this module
touches ``domain.data``. So the records are rebuilt for exactly the documents Sphinx
re-reads, merged after a parallel read, and read by the pages that list everything (the
apparatus, the commentary index, the contributors). Its records are typed
(:class:`Intervention`, :class:`NoteRecord`). The domain imports no concept: it sits
below them all.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TypeVar, cast

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode
from sphinxcontrib.bibtex.domain import BibtexDomain

T = TypeVar("T")

#: What the apparatus calls each kind of intervention.
KIND_LABELS = {"gap": "lacuna", "corr": "correction", "sic": "error kept (sic)",
               "reg": "regularized citation"}


@dataclass(frozen=True)
class Intervention:
    """One departure of the reading text from the witness, as the apparatus lists it."""

    kind: str  # gap | corr | sic | reg
    lemma: str  # what readers see
    witness: str  # what the witness has ("" where it breaks off)
    id: str | None  # the anchor of its place in the chapter
    paragraph: int  # the witness paragraph (¶ number)
    description: str
    offset: int  # where it stands in the witness paragraph, to list in text order

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class NoteRecord:
    """One annotation, as the lists of notes show it."""

    id: str
    type: str
    type_label: str
    authors: tuple[str, ...]
    date: str
    exact: str
    file: str
    offset: int  # where its quote stands in the witness paragraph (quotes of
    #              regularized text sort last), to list notes in text order


@dataclass(frozen=True)
class PersonPlace:
    """Where the text names a person (the first mention in a paragraph or a note)."""

    person: str  # the person's id in the index of persons
    target: str  # the anchor just before the mention
    note: str | None  # the note's id, if the mention is in a note; else the essay's text


#: Where a record with no place in the witness paragraph sorts: last.
END = 1 << 30


def regularization_id(number: int) -> str:
    """The anchor of a chapter's n-th regularized citation (``MarkRegularizations``)."""
    return f"regularization-{number}"


class BuildState:
    """What the application holds while it builds and never keeps (it is not pickled
    with the environment): one object of each kind, typed by its class, made on first
    use by the concept that owns it (``build_state.of(WrittenPages)``), for as long as
    the application (one ``sphinx-build`` run; a second ``app.build()``, as tests make,
    finds it again); and what one writer holds while it writes a document
    (``of_writer``), gone with the writer."""

    def __init__(self) -> None:
        self._held: dict[type, object] = {}
        self._by_writer: dict[type, weakref.WeakKeyDictionary] = {}

    def of(self, kind: type[T]) -> T:
        if kind not in self._held:
            self._held[kind] = kind()
        return cast(T, self._held[kind])

    def of_writer(self, kind: type[T], writer: object) -> T:
        """The `kind` of one writer (a translator: one document's writing, in whatever
        process writes it), made with its first use, let go with the writer."""
        held = self._by_writer.setdefault(kind, weakref.WeakKeyDictionary())
        if writer not in held:
            held[writer] = kind()
        return cast(T, held[writer])


class EditionDomain(Domain):
    name = "edition"
    label = "Edition"
    data_version = 7
    initial_data = {
        # docname -> [Intervention]
        "interventions": {},
        # docname -> [NoteRecord] (titles come from Sphinx's own env.titles)
        "annotations": {},
        # docname -> {annotation file: (size, mtime_ns)} as the chapter was read with them
        "note_files": {},
        # docname -> witness paragraph number (essay chapters only)
        "paragraphs": {},
        # docname -> that witness paragraph's text
        "witness_text": {},
        # docname -> the kind of list it holds (apparatus, commentary, contributors)
        "list_pages": {},
        # docname -> ids of the persons whose mentions it links
        "person_mentions": {},
        # docname -> [PersonPlace], in the order of the document
        "person_places": {},
        # docnames that hold the index of persons
        "persons_pages": {},
        # Of the whole edition, not of a document:
        # pybtex's errors when it last parsed the .bib files (None: not parsed yet)
        "bib_errors": None,
        # the downloads every page offers (None: no page written yet)
        "downloads_offer": None,
    }
    PER_DOC = ("interventions", "annotations", "note_files", "paragraphs", "witness_text",
               "list_pages", "person_mentions", "person_places", "persons_pages")

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self.build_state = BuildState()

    def clear_doc(self, docname: str) -> None:
        for key in self.PER_DOC:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for key in self.PER_DOC:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    # -- what a document contributes, as it is read ------------------------------------

    def note_essay_chapter(self, docname: str, paragraph: int, witness_text: str) -> None:
        """The document is an essay chapter: it gives this witness paragraph."""
        self.data["paragraphs"][docname] = paragraph
        self.data["witness_text"][docname] = witness_text

    def note_interventions(self, docname: str, records: list[Intervention]) -> None:
        self.data["interventions"][docname] = list(records)

    def note_notes(self, docname: str, records: list[NoteRecord]) -> None:
        self.data["annotations"][docname] = list(records)

    def note_note_files(self, docname: str, stamps: dict[str, tuple[int, int]]) -> None:
        """The annotation files the chapter was read with, each as it was then."""
        if stamps:
            self.data["note_files"][docname] = dict(stamps)

    def note_person_mentions(self, docname: str, person_ids: list[str]) -> None:
        if person_ids:
            self.data["person_mentions"][docname] = sorted(set(person_ids))

    def note_person_places(self, docname: str, places: list[PersonPlace]) -> None:
        if places:
            self.data["person_places"][docname] = list(places)

    def note_persons_page(self, docname: str) -> None:
        self.data["persons_pages"][docname] = True

    def note_list_page(self, docname: str, kind: str) -> None:
        self.data["list_pages"][docname] = kind

    # -- cross-references ----------------------------------------------------------

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        """A person's mention links to their entry in the index of persons."""
        page = self.persons_page()
        if typ == "person" and page:
            return make_refnode(builder, fromdocname, page, f"person-{target}", contnode)
        return None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    # -- accessors ------------------------------------------------------------------

    def note_bib_errors(self, errors: list[str]) -> None:
        self.data["bib_errors"] = errors

    def bib_errors(self) -> list[str] | None:
        return self.data["bib_errors"]

    def note_downloads_offer(self, offer: list) -> None:
        self.data["downloads_offer"] = offer

    def downloads_offer(self) -> list | None:
        return self.data["downloads_offer"]

    def essay_chapters(self) -> list[str]:
        """Essay chapters in the order of the witness's paragraphs."""
        return sorted(self.data["paragraphs"], key=self.data["paragraphs"].__getitem__)

    def is_essay_chapter(self, docname: str) -> bool:
        return docname in self.data["paragraphs"]

    def paragraph_of(self, docname: str) -> int | None:
        """The witness paragraph an essay chapter gives (None for any other page)."""
        return self.data["paragraphs"].get(docname)

    def witness_texts(self) -> dict[str, str]:
        """Essay chapter -> the words of its witness paragraph."""
        return dict(self.data["witness_text"])

    def witness_text_of(self, docname: str) -> str:
        return self.data["witness_text"].get(docname, "")

    def interventions_in(self, docname: str) -> list[Intervention]:
        return self.data["interventions"].get(docname, [])

    def annotations_by_chapter(self) -> dict[str, list[NoteRecord]]:
        return {d: self.data["annotations"].get(d, []) for d in self.essay_chapters()}

    def note_files_read(self) -> dict[str, dict[str, tuple[int, int]]]:
        """Chapter -> the annotation files it was read with, each as it was then."""
        return dict(self.data["note_files"])

    def list_pages(self) -> list[str]:
        """The pages whose content is a generated list."""
        return list(self.data["list_pages"])

    def list_page(self, kind: str) -> str | None:
        """The page that holds the list of this kind (apparatus, commentary,
        contributors), if one does."""
        return next((d for d, k in self.data["list_pages"].items() if k == kind), None)

    def persons_page(self) -> str | None:
        """The page that holds the index of persons (the first, if several do)."""
        return next(iter(self.data["persons_pages"]), None)

    def persons_pages(self) -> list[str]:
        return list(self.data["persons_pages"])

    def places_of(self, person: str) -> list[tuple[str, PersonPlace]]:
        """Where the essay and its notes name a person: (chapter, place), in the order
        of the essay."""
        return [(docname, place) for docname in self.essay_chapters()
                for place in self.data["person_places"].get(docname, ())
                if place.person == person]

    def mentioned_persons(self) -> set[str]:
        """The ids of every person some page links a mention of."""
        return {p for ids in self.data["person_mentions"].values() for p in ids}


def edition_domain(env: BuildEnvironment) -> EditionDomain:
    """The edition's domain, typed."""
    return cast(EditionDomain, env.get_domain(EditionDomain.name))


def cite_domain(env: BuildEnvironment) -> BibtexDomain:
    """sphinxcontrib-bibtex's domain (the bibliography as it parsed it), typed."""
    return cast(BibtexDomain, env.get_domain("cite"))
