"""Open exports: the edition as TEI P5 and its notes as W3C Web Annotations.

``tei.py``            the ``tei`` builder (``make tei`` → ``_build/tei/<name>.xml``), and the
                      same document written beside the HTML
``webannotation.py``  ``annotations.jsonld`` in the HTML output: every note as a Web
                      Annotation anchored in the published text of its page
``annotationcollection.py``  the collection they are published in, with their creators
``chaptercache.py``   each chapter's material kept between builds (``teiparts.py``,
                      ``annotationparts.py``: kept serialized)
``pagetext.py``       what "the text of a page" is for those anchors
``material.py``       the resolved doctrees and records both exports are made from

Both are made from what the build already holds (the domain's records, the resolved
doctrees, the registers), never by parsing the chapters again.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.exports import tei


def setup(app: Sphinx) -> None:
    # The edition as TEI P5 (`-b tei`); beside the website, its notes as W3C Web
    # Annotations (annotations.jsonld) with a copy of the TEI document (edition/events.py).
    app.add_builder(tei.TeiBuilder)
