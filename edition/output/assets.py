"""The edition's own CSS (HTML, EPUB) and LaTeX package (PDF), and the website's book
face.

The book face is EB Garamond, the PDF's, as WOFF2 (``scripts/webfonts.py`` makes the
files from the packaged fonts) with its licence and ``edition-type.css``, all in
``website-static/``. Those are copied for the website builders only: EPUB reading
systems let their readers choose the face, and Sphinx's EPUB builder knows no WOFF2."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.fileutil import copy_asset

from edition.formats import is_website

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"  # edition.css
#: The website's only: edition-type.css, fonts/ (WOFF2 and OFL.txt), the reading aids
#: (SCRIPTS), the Commentary's filter by kind (edition-commentary.js and .css), search
#: summaries as readers read the text (edition-search.js).
WEBSITE_STATIC_DIR = HERE / "website-static"
#: The website's scripts, in the order they run (deferred): the reading aids share what
#: edition-reader.js gives them (see its head), the margin needs the teaser and is
#: needed by the controls and Cite this.
SCRIPTS = ("edition-reader.js", "edition-cite.js", "edition-teaser.js", "edition-margin.js",
           "edition-suggest.js", "edition-commentary.js", "edition-search.js")
LATEX_PACKAGE = HERE / "latex" / "edition.sty"
#: What edition.sty loads after hyperxmp: its XMP packet, the same bytes made faster.
LATEX_XMP_PACKAGE = HERE / "latex" / "edition-xmp.sty"
EPUB_TEMPLATES = HERE / "epub-templates"
#: Sphinx's latexmkrc with a default for XINDYOPTS (see the file).
LATEXMKRC = HERE / "latex" / "latexmkrc"


def add_assets(app: Sphinx, config: Config) -> None:
    """Ship the assets with every build.

    Done on config-inited, not later, so that the stored configuration equals the next
    run's and incremental builds stay incremental."""
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))
    # The e-book's cover page (conf.py's epub_cover names it).
    if str(EPUB_TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(EPUB_TEMPLATES))
    for path in (LATEX_PACKAGE, LATEX_XMP_PACKAGE, LATEXMKRC):
        if str(path) not in config.latex_additional_files:
            config.latex_additional_files.append(str(path))


def add_website_assets(app: Sphinx) -> None:
    """The website's scripts and the book face, for the website only: an EPUB with scripts
    must declare them, and reading systems lay notes out themselves.

    The face's files are copied now, before any page is written: Sphinx adds to each
    page's link a checksum of the file it finds there (a fresh build and a later one
    write the same pages)."""
    if is_website(app.builder):
        for script in SCRIPTS:
            app.add_js_file(script, loading_method="defer")
        app.add_css_file("edition-type.css")
        app.add_css_file("edition-commentary.css")
        # force: a script edited since the last build replaces its old copy (without it,
        # Sphinx keeps the stale one and warns, and the next `make html` fails).
        copy_asset(WEBSITE_STATIC_DIR, Path(app.outdir) / "_static", force=True)


def register(app: Sphinx) -> None:
    app.add_css_file("edition.css")
    app.add_latex_package("edition")
