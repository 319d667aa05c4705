"""The edition's Sphinx extension: registration only (see the modules for the logic)."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition import config, domain, links
from edition.annotations import bodies, placing, reading
from edition.bibliography import checks as bibcheck
from edition.bibliography import entries as bibliography
from edition.bibliography import styles as citations
from edition.exports import tei as teiexport
from edition.exports import webannotation
from edition.output import assets, epub, nodes, web
from edition.output import latex as latexoutput
from edition.output import plain as plainnodes
from edition.pages import lists
from edition.registers import persons as registers
from edition.text import essay, interventions, safepaths
from edition.text import witnesscheck as essaycheck

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict:
    # The edition's citations are sphinxcontrib-bibtex roles in its own styles.
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("edition.bibliography.plugincache")
    config.register(app)
    assets.register(app)
    # The website: theme, reading tools, cite this, downloads, sitemap.
    web.register(app)
    # The PDF as a critical edition: line-numbered essay, notes at the foot of the page.
    latexoutput.register(app)
    app.add_domain(domain.EditionDomain)

    # The reading text: interventions, recorded as they are read.
    app.add_node(nodes.gap, **nodes.GAP_VISITORS)
    app.add_node(nodes.corr, **nodes.CORR_VISITORS)
    app.add_node(nodes.sic, **nodes.SIC_VISITORS)
    for name, role in interventions.ROLES.items():
        app.add_role(name, role())
    app.add_post_transform(interventions.MarkRegularizations)
    # Each essay chapter numbered, given its notes and its person links as it is read;
    # the domain then collects its records (EditionDomain.process_doc).
    app.add_transform(essay.ReadEssayChapter)
    # No page reads a file from outside the project.
    app.connect("source-read", safepaths.refuse_outside_paths)
    app.add_event(essaycheck.WITNESS_EVENT)
    app.connect("doctree-resolved", essaycheck.check_essay_chapter)

    # Annotations: loaded with their chapter, anchored after references resolve.
    app.add_node(nodes.annotation_ref, **nodes.ANNOTATION_REF_VISITORS)
    app.add_node(nodes.annotation, **nodes.ANNOTATION_VISITORS)
    app.add_node(nodes.annotation_notes, **nodes.ANNOTATION_NOTES_VISITORS)
    app.add_node(nodes.annotated, **nodes.ANNOTATED_VISITORS)
    app.connect("builder-inited", reading.report_invalid_files)
    app.connect("env-get-outdated", reading.outdated_chapters)
    app.connect("env-updated", reading.check_targets)
    app.add_post_transform(bodies.LocateNoteLinks)
    app.add_post_transform(placing.AnchorAnnotations)
    # Builders without visitors of their own get plain nodes (text, man, texinfo, …),
    # after every check has read the edition's own nodes.
    app.connect("doctree-resolved", plainnodes.to_plain_nodes, priority=900)

    # Generated pages.
    app.add_node(nodes.generated_list, **nodes.GENERATED_LIST_VISITORS)
    app.add_directive("apparatus", lists.ApparatusDirective)
    app.add_directive("commentary-index", lists.CommentaryIndexDirective)
    app.connect("env-get-updated", lists.list_pages)
    app.connect("doctree-resolved", lists.fill_generated_lists)

    # Registers: persons (mentions linked by name) and chronology.
    app.add_directive("persons", registers.PersonsDirective)
    app.add_directive("chronology", registers.ChronologyDirective)
    app.connect("env-check-consistency", registers.check_register_links)
    app.add_directive("contributors", lists.ContributorsDirective)

    # Citations and bibliographies.
    citations.register()
    app.add_node(nodes.bibentry, **nodes.BIBENTRY_VISITORS)
    app.add_post_transform(bibliography.MlaEntries)
    app.connect("builder-inited", bibcheck.hold_bib_errors, priority=400)
    app.connect("builder-inited", bibcheck.release_bib_errors, priority=550)
    app.connect("builder-inited", bibcheck.check_bibfiles, priority=600)
    app.connect("env-check-consistency", bibcheck.check_unused_entries)

    # External links: checked for form on every page; listed by `python -m edition links`.
    app.add_event(links.LINKS_EVENT)
    app.connect("doctree-resolved", links.check_links)

    # The EPUB, with the accessibility metadata and markup Ace by DAISY checks.
    app.add_builder(epub.AccessibleEpub3Builder, override=True)

    # Open exports: the edition as TEI P5 (`-b tei`), and beside the website its notes
    # as W3C Web Annotations (annotations.jsonld) with a copy of the TEI document.
    app.add_builder(teiexport.TeiBuilder)
    app.connect("doctree-resolved", webannotation.keep_resolved, priority=950)
    app.connect("build-finished", webannotation.write_html_exports)

    return {
        "version": __version__,
        # Bump when the shape of stored environment data changes.
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
