"""When things happen: every event listener and transform of the edition, in one table,
in the order a build runs them.

Each package's ``setup()`` declares what exists (nodes, roles, directives, builders,
settings, its own events); this table says *when* the edition acts, and
:func:`register` is the only place that connects a listener or adds a transform
(``tests/test_events.py`` fails otherwise, and when the order below is not the order
Sphinx really runs them in). ``docs/developer/events.md`` is this table as Markdown
(``python -m edition events``); the same test keeps them equal.

How Sphinx orders things: an event's listeners run by priority (lower first; 500 when
none is given), and those of equal priority in the order they were connected, which for
the edition is the order of this table (so rows of one event and priority keep their
order here); the read phase's transforms run by ``default_priority`` (docutils'
numbering: Sphinx's smart quotes at 750, the ``doctree-read`` event at 880), the
post-transforms likewise, before ``doctree-resolved``.

Listeners that belong to a tool's own throwaway build rather than to the extension
(``python -m edition check``, ``links``, ``witness``, the review) are connected by the
tool and named in :data:`TOOL_LISTENERS`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from edition import config, heap, links
from edition.annotations import anchoring, candidates, holding, loading
from edition.annotations import nodes as annotation_nodes
from edition.annotations import records as annotation_records
from edition.bibliography import checks, entries
from edition.exports import webannotation
from edition.output import assets, citethis, downloads, pdf, plain, web
from edition.pages import imprint, lists, places
from edition.registers import persons
from edition.text import interventions, numbering, safepaths, witnesscheck
from edition.text import records as text_records
from edition.trust import caches, guard


class Phase(enum.Enum):
    """The phases of a Sphinx build, in the order they come."""

    CONFIGURATION = "configuration read"
    SET_UP = "builder set up"
    CHOOSING = "choosing what to read"
    READING = "reading a document"
    READ = "after reading"
    WRITING = "resolving a document for writing"
    PAGE = "writing a web page"
    FINISHED = "build finished"


#: The hooks of each phase, in the order Sphinx reaches them. ``transform`` runs while a
#: document is parsed (``doctree-read`` is itself emitted by a transform, at 880);
#: ``post-transform`` while it is resolved, before ``doctree-resolved``.
HOOKS: dict[Phase, tuple[str, ...]] = {
    Phase.CONFIGURATION: ("config-inited",),
    Phase.SET_UP: ("builder-inited",),
    Phase.CHOOSING: ("env-get-outdated", "env-before-read-docs"),
    Phase.READING: ("source-read", "transform", "doctree-read"),
    Phase.READ: ("env-updated", "env-get-updated", "env-check-consistency"),
    Phase.WRITING: ("post-transform", "doctree-resolved"),
    Phase.PAGE: ("html-page-context",),
    Phase.FINISHED: ("build-finished",),
}
#: The edition's own events, and the hook during which each is emitted.
OWN_EVENTS = {holding.NOTE_HELD: "transform"}
TRANSFORM_HOOKS = ("transform", "post-transform")
DEFAULT_PRIORITY = 500


@dataclass(frozen=True)
class Step:
    """One thing the edition does, and when."""

    hook: str
    handler: Callable
    priority: int = DEFAULT_PRIORITY
    #: What it does, and why then (one line of the table).
    why: str = ""

    @property
    def phase(self) -> Phase:
        hook = OWN_EVENTS.get(self.hook, self.hook)
        return next(phase for phase, hooks in HOOKS.items() if hook in hooks)

    @property
    def name(self) -> str:
        return f"{self.handler.__module__}.{self.handler.__qualname__}"


STEPS: tuple[Step, ...] = (
    # -- configuration read ----------------------------------------------------------
    Step("config-inited", caches.refuse_tracked_build_folders, 100,
         "Refuse a checkout that tracks a build folder or cache: before Sphinx loads a "
         "pickled environment (SECURITY.md)."),
    Step("config-inited", web.site_address, 400,
         "Give sphinxext-opengraph and sphinx-notfound-page the site's address, before "
         "they read their settings."),
    Step("config-inited", config.validate, 500,
         "Check every `edition_*` setting (reported at conf.py); resolve the settings "
         "object; keep the annotation files out of the documents."),
    Step("config-inited", annotation_nodes.add_templates, 500,
         "Put the notes' HTML templates where every HTML builder looks."),
    Step("config-inited", assets.add_assets, 500,
         "Ship the edition's static files with every build (in the stored configuration, "
         "so that incremental builds stay incremental)."),
    Step("config-inited", pdf.front_matter, 500,
         "The PDF's title page, verso and document settings from conf.py."),
    # -- builder set up ----------------------------------------------------------------
    Step("builder-inited", checks.hold_bib_errors, 400,
         "Collect pybtex's errors, just before sphinxcontrib-bibtex (500) reads the .bib "
         "files, instead of a traceback."),
    Step("builder-inited", loading.report_invalid_files, 500,
         "Read the annotation files; report every problem in every file, once a build."),
    Step("builder-inited", assets.add_website_assets, 500,
         "The website's scripts and stylesheets (not the EPUB's)."),
    Step("builder-inited", web.add_filters, 500,
         "The theme's templates escape as Sphinx's writers do."),
    Step("builder-inited", checks.release_bib_errors, 550,
         "Keep pybtex's errors with the environment, after sphinxcontrib-bibtex has read "
         "the files: they are reported on every build."),
    Step("builder-inited", checks.check_bibfiles, 600,
         "Check every bibliography record, after sphinxcontrib-bibtex has read them."),
    Step("builder-inited", heap.freeze, 900,
         "Last of the set-up: what the build has loaded (the environment, the kept "
         "readings) is left out of garbage collection until it finishes."),
    # -- choosing what to read ---------------------------------------------------------
    Step("env-get-outdated", loading.outdated_chapters, 500,
         "Read again the chapters whose annotation files changed (added, removed, "
         "edited, or now targeting another chapter)."),
    Step("env-get-outdated", downloads.outdated_pages, 500,
         "Read and write every page again when the downloads offered change."),
    Step("env-before-read-docs", lists.remember_lists, 500,
         "What the generated lists show before anything is read again."),
    # -- reading a document ------------------------------------------------------------
    Step("source-read", safepaths.refuse_outside_paths, 500,
         "No page reads a file from outside the project."),
    Step("transform", numbering.NumberEssayParagraph, 700,
         "Number an essay chapter's paragraph (¶ 2), before Sphinx's smart quotes (750)."),
    Step("transform", persons.LinkPersons, 701,
         "Link the persons the chapter names to the index of persons: the chapter's "
         "words here, each note's as it is held (`edition-note-held`)."),
    Step("transform", holding.HoldNotes, 702,
         "Hold the chapter's notes in it, their prose parsed; emits `edition-note-held` "
         "for each, before smart quotes give the notes curly quotes."),
    Step("edition-note-held", persons.link_note_mentions, 500,
         "Link the persons a note names (as the chapter's are linked)."),
    Step("doctree-read", guard.guard_read, 100,
         "Refuse downloads, images, raw output and outside files before Sphinx's "
         "collectors (500) note files to copy."),
    Step("doctree-read", text_records.record_essay_chapter, 400,
         "Record the witness paragraph and the interventions, before the notes are "
         "recorded (500), which are ordered by where their quotes stand in it."),
    Step("doctree-read", annotation_records.record_notes, 500,
         "Record the chapter's notes in the domain."),
    Step("doctree-read", persons.record_mentions, 500,
         "Record where the chapter and its notes name each person."),
    # -- after reading -----------------------------------------------------------------
    Step("env-updated", loading.check_targets, 500,
         "Every annotation targets an essay chapter of the edition."),
    Step("env-get-updated", lists.list_pages, 500,
         "Write the generated pages again when what they show has changed."),
    Step("env-check-consistency", checks.check_unused_entries, 500,
         "Every bibliography record is cited."),
    Step("env-check-consistency", persons.check_register_links, 500,
         "Every person in the index of persons is named somewhere."),
    # -- resolving a document for writing ---------------------------------------------
    Step("post-transform", entries.MlaEntries, 6,
         "Works-cited entries in MLA form, after sphinxcontrib-bibtex makes the citations "
         "(5), before LaTeX gathers them (750)."),
    Step("post-transform", holding.LocateNoteLinks, 8,
         "Give a note's in-page links their line, before MyST resolves them and reports "
         "one that leads nowhere."),
    Step("post-transform", interventions.MarkRegularizations, 15,
         "Anchor each regularized citation where it stands, once its words exist, so "
         "that the apparatus links to its place."),
    Step("post-transform", anchoring.AnchorAnnotations, 20,
         "Find each note's lemma in the resolved text (citations read as readers see "
         "them), number the notes in text order, set them after their paragraph."),
    Step("post-transform", candidates.CandidateCitations, 25,
         "Lead each link of a citation with several candidate works to its source note, "
         "after the notes are anchored (20)."),
    Step("doctree-resolved", imprint.short_changes_in_books, 100,
         "The Changes page: every change on the website; in the books its title and a "
         "short version note."),
    Step("doctree-resolved", pdf.print_commentary, 400,
         "The PDF's Commentary as endnotes, before the generated lists are filled (500)."),
    Step("doctree-resolved", witnesscheck.check_essay_chapter, 500,
         "The reading text gives the witness back."),
    Step("doctree-resolved", lists.fill_generated_lists, 500,
         "Fill the apparatus, the Commentary and the contributors from the domain."),
    Step("doctree-resolved", places.fill_person_places, 500,
         "Each person's places in the text and notes, linked."),
    Step("doctree-resolved", links.check_links, 500,
         "External links: checked for form on every page."),
    Step("doctree-resolved", guard.guard_written, 700,
         "Every address on the page as it is written has an allowed scheme, in every "
         "builder: after the generated lists (500) are filled, before the PDF's marks."),
    Step("doctree-resolved", pdf.mark_numbered_text, 800,
         "Mark the PDF's line-numbered text and give the generated lists' links their "
         "page and line, after the lists are filled (500)."),
    Step("doctree-resolved", plain.to_plain_nodes, 900,
         "Builders without visitors of their own get plain nodes, after every check."),
    Step("doctree-resolved", webannotation.keep_resolved, 950,
         "Last: keep what the exports need of each page as it is written."),
    # -- writing a web page -----------------------------------------------------------
    Step("html-page-context", web.page_context, 500,
         "The reading tools' data; one viewport tag."),
    Step("html-page-context", citethis.page_context, 500,
         "Cite this page (the edition's pages only, not search, index or 404)."),
    Step("html-page-context", citethis.drop_relative_og_url, 800,
         "After sphinxext-opengraph (500): no relative og:url."),
    # -- build finished ---------------------------------------------------------------
    Step("build-finished", heap.unfreeze, 0,
         "First: give what was frozen back to the garbage collector, whatever the "
         "outcome and whatever a later listener does."),
    Step("build-finished", loading.forget_read_at_start, 0,
         "A failed build leaves the next app.build() to look at the notes again."),
    Step("build-finished", downloads.copy_files, 500,
         "Copy the PDF and EPUB into the website (a local build)."),
    Step("build-finished", webannotation.write_html_exports, 500,
         "annotations.jsonld and the TEI document beside the website."),
)

#: Listeners a tool connects to its own throwaway build, not to the extension: where,
#: and to which event.
TOOL_LISTENERS: dict[str, tuple[str, ...]] = {
    "edition/cli.py": ("edition-witness-paragraph", "edition-external-links"),
    "edition/rereading.py": ("env-get-outdated",),
    "edition/review/published.py": ("doctree-resolved",),
}


def register(app: Sphinx) -> None:
    """Connect every listener and add every transform, in the table's order."""
    for step in STEPS:
        if step.hook == "transform":
            app.add_transform(cast(type[SphinxTransform], step.handler))
        elif step.hook == "post-transform":
            app.add_post_transform(cast(type[SphinxTransform], step.handler))
        else:
            app.connect(step.hook, step.handler, priority=step.priority)


def is_transform(step: Step) -> bool:
    return step.hook in TRANSFORM_HOOKS and isinstance(step.handler, type) \
        and issubclass(step.handler, SphinxTransform)


def as_markdown() -> str:
    """The table for developers (``docs/developer/events.md``)."""
    lines = ["# When things happen", "",
             "<!-- Generated from edition/events.py by `python -m edition events`; "
             "tests/test_events.py keeps it equal. -->", "",
             "Every event listener and transform of the edition, in the order a build "
             "runs them. Listeners of one event run by priority (lower first), ties in "
             "the order below; transforms by their priority. The edition's own events: "
             "`edition-note-held`, emitted while a chapter's notes are held (`HoldNotes`); "
             "`edition-witness-paragraph` and `edition-external-links`, emitted as each "
             "page is checked (`check_essay_chapter`, `check_links`) for the tools that "
             "collect them.", ""]
    for phase in Phase:
        steps = [s for s in STEPS if s.phase is phase]
        lines += [f"## {phase.value.capitalize()}", "",
                  "| hook | priority | what | why |", "| --- | ---: | --- | --- |"]
        lines += [f"| `{s.hook}` | {s.priority} | `{s.name.removeprefix('edition.')}` | "
                  f"{s.why} |" for s in steps]
        lines.append("")
    lines += ["## Tools' own listeners", "",
              "Connected by a command to the build it runs (`python -m edition check`, "
              "`links`, `witness`, the review), not by the extension:", ""]
    lines += [f"- `{path}`: {', '.join(f'`{e}`' for e in events)}"
              for path, events in TOOL_LISTENERS.items()]
    return "\n".join(lines) + "\n"
