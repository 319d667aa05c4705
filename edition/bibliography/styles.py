"""The edition's citation styles for sphinxcontrib-bibtex, in MLA (9th edition) form.

* ``mla`` (pybtex formatting style): works-cited entries — author–title order, no
  numeric labels, URLs as links, DOIs as ``https://doi.org/…``, and the editors'
  ``annotation`` in square brackets where a record is uncertain.
* ``mla`` (sphinxcontrib-bibtex referencing style): in-text citations in the essay's own
  author–page form, ``(Rush 59)``, ``(Gill)``. When the bibliography holds more than one
  work by the same author, each citation of one of them adds a short title (MLA 9):
  ``(see Jones, *Dilemmas*)``, ``(see Jones, *Myth*)``, ``Jones (*Myth* 45)``. The one
  exception is the essay's own ambiguous "Rush": several of the essay's sources
  (``essay-source``) by one author in one citation are its candidates, written once, as
  the essay writes them: ``(Rush 59)``.

The entries are ``entrystyle.py``'s, the citations ``citestyle.py``'s, the names and
titles they share ``names.py``'s; :func:`register`, called from the bibliography's
``setup``, registers both under the name ``mla``.
"""


from __future__ import annotations

import pybtex.plugin
from sphinxcontrib.bibtex.plugin import register_plugin

from edition.bibliography.citestyle import MlaReferenceStyle
from edition.bibliography.entrystyle import STYLE_NAME, MlaSortingStyle, MlaStyle


def register() -> None:
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, MlaStyle)
    pybtex.plugin.register_plugin("pybtex.style.sorting", STYLE_NAME, MlaSortingStyle)
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME, MlaReferenceStyle)
