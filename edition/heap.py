"""What the build holds from its start, left out of Python's garbage collection while it
builds.

An incremental build starts by loading what it kept (Sphinx's environment, the
annotation files' readings): at 10,000 notes, millions of objects that live until the
build ends. Python's cyclic garbage collector walked them again at every full
collection while the build ran: a third of a second to a second of the HTML rebuild
after one edited note. They are frozen once loaded (``gc.freeze``, ``builder-inited``,
last) and given back to the collector when the build has finished
(``build-finished``, whatever its outcome), so that a process that builds again, as
``make serve`` and the tests do, holds nothing frozen between builds. What the build
makes meanwhile is collected as always.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx


def freeze(app: Sphinx) -> None:
    """builder-inited, last: what is loaded by now lives to the build's end."""
    gc.freeze()


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: the collector sees everything again."""
    gc.unfreeze()
