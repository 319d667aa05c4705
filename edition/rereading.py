"""What a repeated `make check` reads again (issue 20: the check within 1.5x of the
start-up floor).

Sphinx reads a document again only when it changed, and reports a document's problems
only when it reads or writes it. The check keeps Sphinx's environment between runs
(``_build/check``), and so that it still reports every problem, it also reads again
every document that had a problem the last time, and all of them when the edition's
code changed (Sphinx does not see that). It resolves (writes, writing nothing: the
anchoring, the citations) the documents it read, as an incremental HTML build does; the
cross-document checks run each time. As in any incremental Sphinx build, a reference to
a label that another document no longer has is reported when the referring document is
next read; a check with nothing kept (CI's, on a fresh clone) reads everything.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.dummy import DummyBuilder
from sphinx.environment import BuildEnvironment

#: The record of the last run, beside Sphinx's environment.
RECORD = "edition-check.json"
PACKAGE = Path(__file__).parent


def code_fingerprint() -> str:
    """The edition's code and templates: a change in them changes what reading gives."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class _WarnedDocuments(logging.Handler):
    """Notes which document Sphinx was reading or writing when a problem was logged."""

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(logging.WARNING)
        self.env = env
        self.documents: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        docname = self.env.current_document.docname
        if docname:
            self.documents.add(docname)


class Rereading:
    """Set up on a check's application before it builds; ``save()`` after."""

    def __init__(self, app: Sphinx, keep: Path) -> None:
        self.path = keep / RECORD
        self.fingerprint = code_fingerprint()
        try:
            self.last = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.last = {}
        self.warned = _WarnedDocuments(app.env)
        logging.getLogger("sphinx").addHandler(self.warned)
        app.connect("env-get-outdated", self.outdated)

    def outdated(self, app, env, added, changed, removed) -> list[str]:
        if self.last.get("code") != self.fingerprint:  # or no record: read everything
            return sorted(env.found_docs)
        return sorted(set(self.last.get("warned", ())) & env.found_docs)

    def forget(self) -> None:
        logging.getLogger("sphinx").removeHandler(self.warned)
        self.path.unlink(missing_ok=True)

    def save(self) -> None:
        logging.getLogger("sphinx").removeHandler(self.warned)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"code": self.fingerprint,
                                         "warned": sorted(self.warned.documents)}),
                             encoding="utf-8")


class CheckBuilder(DummyBuilder):
    """Sphinx's dummy builder (it writes no file), resolving only the documents this run
    read; the dummy builder resolves every document."""

    name = "edition-check"

    def get_outdated_docs(self) -> set[str]:
        return set()  # Sphinx adds the documents it read


def setup(app: Sphinx) -> None:
    app.add_builder(CheckBuilder)
