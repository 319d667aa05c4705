"""A whole build of the edition that writes nothing (Sphinx's ``dummy`` builder): how
the commands (``check``, ``links``, ``witness``, ``review``) read an edition."""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from edition.rereading import CheckBuilder, Rereading

#: sphinxext-opengraph prints this when it is imported where matplotlib is not
#: installed, as the edition's environments are on purpose (its social cards are off):
#: nothing for a contributor to act on, so the check leaves it out.
OPENGRAPH_NOTICE = "matplotlib is not installed, social cards will not be generated\n"


def dummy_build(srcdir: Path, warnings: TextIO, setup=None,
                keep: Path | None = None) -> Sphinx:
    """Read and resolve the whole edition, writing nothing; return the application
    (its ``statuscode`` is non-zero when anything was wrong: warnings are errors, as in
    every build of the edition).

    Without ``keep``, every document is read afresh. With ``keep``, a folder where what
    is read is kept between runs (Sphinx's environment, the annotation files' readings:
    ``annotations/loading.py``): a document or file unchanged since the last run there is
    not read again unless it had a problem then, so that every problem is still
    reported (``rereading.py``)."""
    with tempfile.TemporaryDirectory() as tmp, patch_docutils(srcdir), docutils_namespace():
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            app = Sphinx(srcdir, srcdir, Path(tmp) / "out", keep or Path(tmp) / "doctrees",
                         CheckBuilder.name if keep else "dummy", status=None,
                         warning=warnings, freshenv=keep is None, warningiserror=True)
        sys.stdout.write(printed.getvalue().replace(OPENGRAPH_NOTICE, "", 1))
        if setup:
            setup(app)
        rereading = Rereading(app, keep) if keep else None
        try:
            app.build(force_all=keep is None)
        except BaseException:
            if rereading:
                rereading.forget()  # the next run reads everything
            raise
        if rereading:
            rereading.save()
        return app
