# Sphinx configuration of the edition: declarative settings only.
# Logic lives in the `edition` extension package beside this file.
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.resolve()))

# -- Project -------------------------------------------------------------------
project = "Khrushchev and De-Stalinization: A Student Essay"
author = "The edition's contributors"
copyright = ("2026, the edition's contributors (editorial matter); the essay, presumably its "
             "unknown author")
release = version = "0.4"
language = "en"

# -- Sources -------------------------------------------------------------------
# conf.py sits at the top of the repository: read the edition's pages only, never
# README.md, CONTRIBUTING.md, the witness or the test fixtures.
include_patterns = ["index.md", "chapters/**"]
# Hidden folders (.git, .venv, .venv-benchmark, .cache) and the rest that holds no page:
# Sphinx walks every folder it does not exclude, whatever include_patterns say.
exclude_patterns = ["_build", ".*", "tests", "node_modules"]
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "edition",  # also adds sphinx-sitemap when html_baseurl is set
    "sphinxext.opengraph",  # Open Graph tags for link previews
    "notfound.extension",  # a 404 page whose links work at any depth (Read the Docs)
]

# -- Citations (styles registered by the `edition` extension) ---------------------
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "mla"
bibtex_reference_style = "mla"
# Stable anchors, so that links to an entry survive changes to the list.
bibtex_cite_id = "cite-{key}"
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

nitpicky = True

# -- The edition --------------------------------------------------------------------
edition_witness = "witness/witness.txt"
# The witness as received (witness/README.md): the build fails if it ever changes.
edition_witness_sha256 = "f4268b763e84b1c2d4eb8e37f46cd70d5a3fffc0ed84aac27a0f2ecb22307de4"
# The lacunae of this witness, marked {gap}`host-marker` and {gap}`breaks-off`.
edition_lacunae = {
    "host-marker": {
        # The host's marker, exactly as the witness has it.
        "witness": "\u2026show more content\u2026",
        "description": "Lacuna of unknown extent: the host site hides the rest of the essay "
                       "behind its marker \u201c\u2026show more content\u2026\u201d.",
        "tei_reason": "hidden",
        "tei_agent": "host-site",
    },
    "breaks-off": {
        "witness": "",
        "space_before": True,
        "description": "Lacuna: the witness breaks off here, mid-sentence.",
        "tei_reason": "lost",
        "tei_agent": "witness-ends",
    },
}
# The TEI header's words that belong to this edition, and where its pages say the rest.
edition_tei = {
    "subtitle": "A digital edition",
    "witness_title": "The essay as found on an essay-sharing website (no title that fits "
                     "it; the edition's title is editorial)",
    "witness_author": "Unknown",
    "witness_received": "The date on which the editors received the text was not "
                        "recorded; the edition does not supply one.",
    "rights_section": "Rights",
    "witness_lacks": "What the witness lacks",
    "principles": {"correction": ["Correction.", "Errors kept."],
                   "normalization": ["Regularization."], "lacunae": ["Lacunae."]},
}

# -- HTML (furo) ----------------------------------------------------------------
# furo, with the edition's templates (the edition extension registers the theme).
html_theme = "edition"
# On Read the Docs, canonical links point at the hosted version. Empty in a local build:
# then no page claims an address (no canonical link, og:url, sitemap or URL in citations).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
# Note authors that are not persons: the Web Annotations type them as organizations.
edition_organizations = ["The edition’s editors"]
edition_editors = ["The edition’s editors"]
edition_subtitle = ("A critical edition of an anonymous online student essay, from its "
                    "single surviving witness")
# The edition's publication date (citations and Highwire tags; as in CITATION.cff).
edition_published = "2026-12-06"
# The PDF and EPUB to link from every page when they exist (`make all` builds them
# before the HTML); on Read the Docs its own download addresses are used instead.
edition_download_pdf = "_build/latex/khrushchev-essay.pdf"
edition_download_epub = "_build/epub/khrushchev-essay.epub"
# sphinx-sitemap: html_baseurl already names the language and version.
sitemap_url_scheme = "{link}"
# sphinxext-opengraph: no generated social-card images. Its ogp_site_url, and
# sphinx-notfound-page's notfound_urls_prefix (the 404 page's links are absolute, e.g.
# /en/latest/ on Read the Docs), are taken from html_baseurl by the edition extension.
ogp_social_cards = {"enable": False}
ogp_type = "book"
# The page's description (search results, link previews) is the edition's own summary,
# whole sentences of its first paragraph, spaced as the text is (edition/output/
# citethis.py): sphinxext-opengraph's would run a name into what follows it.
ogp_description_length = 0
notfound_urls_prefix = None
html_title = "Khrushchev and De-Stalinization"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

# -- EPUB 3 ----------------------------------------------------------------------
epub_basename = "khrushchev-essay"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
# Sphinx writes epub_uid into toc.ncx and epub_identifier into the package document;
# EPUBCheck (NCX-001) requires the two to agree, so they are one value.
epub_uid = "khrushchev-essay-edition"
epub_identifier = epub_uid
epub_show_urls = "no"
# No general index in the e-book: its entries would point to "[1]", "[2]" (a reading
# system has no pages); the index of persons gives each person's places in the text.
epub_use_index = False
# The e-book's contents list its chapters, as a printed book's do.
epub_tocdepth = 1
# The cover: a PNG in the book's face, made from the title by scripts/cover.py (make
# cover), on a cover page of its own (edition/output/epub-templates/edition-cover.html).
epub_cover = ("_static/edition-cover.png", "edition-cover.html")
# schema.org accessibility metadata (checked by Ace by DAISY in the tests).
edition_epub_accessibility = {
    "accessMode": ["textual"],
    "accessModeSufficient": ["textual"],
    "accessibilityFeature": [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "annotations",
    ],
    "accessibilityHazard": ["none"],
    "accessibilitySummary": (
        "The edition is text only: the essay, its editorial notes and apparatus, with a "
        "navigable table of contents and headings. Its only image is the cover, which "
        "shows the title and has it as its text. It has no audio or video."
    ),
}
epub_description = (
    "A critical edition of an anonymous online student essay on Khrushchev’s "
    "de-Stalinization, from its single surviving witness."
)

# -- External link check (make linkcheck; weekly in CI) --------------------------------
linkcheck_timeout = 20  # seconds per request
linkcheck_retries = 2
linkcheck_report_timeouts_as_broken = True
linkcheck_rate_limit_timeout = 60
# Allow-list: sites that refuse automated requests although the page exists. Add one
# only after checking the address by hand in a browser, with the date and the reason:
#   r"^https://example\.org/",  # 2026-11-26: answers 403 to bots; checked by hand
linkcheck_ignore: list[str] = []

# -- LaTeX → PDF (xelatex + latexmk) ----------------------------------------------
# The PDF is a critical edition: the essay's chapters line-numbered by reledmac, with the
# textual apparatus (series A) and the commentary (series B) at the foot of the page,
# keyed by line and lemma; a book's title page, contents and back matter. The layout is
# in edition/output/latex/edition.sty; the facts of the title page come from the
# settings above (edition/output/latex.py).
latex_engine = "xelatex"
latex_documents = [
    ("index", "khrushchev-essay.tex", project, author, "manual", False),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # Two-sided, for print; chapters follow one another without blank pages.
    "extraclassoptions": "twoside,openany",
    # The cmap package is for pdflatex; under xelatex it only warns.
    "cmappkg": "",
    # No "Chapter One" banners (fncychap); edition.sty sets the chapter openings.
    "fncychap": "",
    # Headings in the text face, not Sphinx's bold sans. Where a long line of code breaks,
    # Sphinx marks the break with a visible space (U+2423, which EB Garamond lacks) and
    # an arrow, both in red: drawn here, in the text's black.
    "sphinxsetup": r"HeaderFamily=\normalfont, TitleColor={rgb}{0,0,0},"
                   r" InnerLinkColor={rgb}{0.1,0.1,0.45},"
                   r" verbatimvisiblespace={\kern.05em\vrule height.5ex width.04em"
                   r"\vrule height.04em width.45em\vrule height.5ex width.04em\kern.05em},"
                   r" verbatimcontinued={\makebox[2\fontcharwd\font`\x][r]"
                   r"{\tiny$\hookrightarrow$}}",
    # The edition sets its notes itself; hyperref's footnote links would only check
    # (and warn about) longtable's footnotes, which Sphinx redefines.
    # An address may also break after a hyphen (a long slug has no other place to).
    "passoptionstopackages": r"\PassOptionsToPackage{hyperfootnotes=false}{hyperref}"
                             r"\PassOptionsToPackage{hyphens}{url}",
    # The faces (EB Garamond only, with a true Bold) are set in edition/output/latex/
    # edition.sty.
    "fontpkg": "",
    "maketitle": r"\editiontitlepage",
    # The contents follow the title page's verso (index.md places them).
    "tableofcontents": "",
    "printindex": r"\editionrecto\printindex",
    # PDF metadata beyond title and author (which Sphinx sets).
    "preamble": r"""
\newcommand{\editionshorttitle}{Khrushchev and De-Stalinization}
\newcommand{\editionsubtitle}{A critical edition of an anonymous online student essay,
  from its single surviving witness}
\AtBeginDocument{\hypersetup{
  pdfsubject={A critical edition of an anonymous online student essay on Khrushchev’s
    de-Stalinization, from its single surviving witness},
  pdfkeywords={Khrushchev, de-Stalinization, Soviet Union, Stalin, scholarly edition,
    student essay},
}}
""",
}
latex_show_urls = "no"
