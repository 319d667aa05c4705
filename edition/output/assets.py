"""The edition's own CSS (HTML, EPUB) and LaTeX package (PDF)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"  # edition.css, edition.js
LATEX_PACKAGE = HERE / "latex" / "edition.sty"
#: Sphinx's latexmkrc with a default for XINDYOPTS (see the file).
LATEXMKRC = HERE / "latex" / "latexmkrc"


def add_assets(app: Sphinx, config: Config) -> None:
    """Ship the assets with every build.

    Done on config-inited, not later, so that the stored configuration equals the next
    run's and incremental builds stay incremental."""
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))
    for path in (LATEX_PACKAGE, LATEXMKRC):
        if str(path) not in config.latex_additional_files:
            config.latex_additional_files.append(str(path))


def add_script(app: Sphinx) -> None:
    """The notes' script, for the website only: an EPUB with scripts must declare them,
    and reading systems lay notes out themselves."""
    if app.builder.format == "html" and not app.builder.name.startswith("epub"):
        app.add_js_file("edition.js", loading_method="defer")


def register(app: Sphinx) -> None:
    app.connect("config-inited", add_assets)
    app.connect("builder-inited", add_script)
    app.add_css_file("edition.css")
    app.add_latex_package("edition")
