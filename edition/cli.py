"""Commands for contributors and maintainers: ``python -m edition check|witness``.

``check``
    Validate everything a build validates — annotation files, their anchoring,
    references.bib, the citations, the reading text against the witness — with the
    same located messages, but write no output (Sphinx's ``dummy`` builder).
    Exit status 1 when there is any problem.
``witness``
    Give back the witness from the reading text and the recorded interventions, and
    write it to standard output (or ``-o FILE``). ``--verify`` compares it with
    witness/witness.txt byte for byte instead.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.console import nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils

from .essaycheck import WITNESS_EVENT
from .witness import PROJECT_ROOT, WITNESS_PATH


def _dummy_build(srcdir: Path, warnings: io.TextIOBase, setup=None) -> int:
    """Read and resolve the whole edition, writing nothing; return Sphinx's exit status
    (warnings are errors, as in every build of the edition)."""
    with tempfile.TemporaryDirectory() as tmp, patch_docutils(srcdir), docutils_namespace():
        app = Sphinx(srcdir, srcdir, Path(tmp) / "out", Path(tmp) / "doctrees", "dummy",
                     status=None, warning=warnings, freshenv=True, warningiserror=True)
        if setup:
            setup(app)
        app.build(force_all=True)
        return app.statuscode


def check(srcdir: Path) -> int:
    """Print every problem, located; 0 when there is none."""
    if not sys.stderr.isatty():
        nocolor()
    if _dummy_build(srcdir, sys.stderr):
        print("Problems found: see the messages above (file:line: message).",
              file=sys.stderr)
        return 1
    print("No problems found.")
    return 0


def rebuild_witness(srcdir: Path = PROJECT_ROOT) -> tuple[bytes, str]:
    """(the witness as the reading text gives it back, the build's warnings)."""
    paragraphs: dict[int, str] = {}

    def collect(app, docname, paragraph, text):
        paragraphs[paragraph] = text

    warnings = io.StringIO()
    _dummy_build(srcdir, warnings,
                 lambda app: app.connect(WITNESS_EVENT, collect))
    text = "\n".join(paragraphs[k] for k in sorted(paragraphs))
    return text.encode("utf-8"), warnings.getvalue()


def witness(srcdir: Path, output: Path | None, verify: bool) -> int:
    data, warnings = rebuild_witness(srcdir)
    if verify:
        expected = WITNESS_PATH.read_bytes() if srcdir == PROJECT_ROOT else \
            (srcdir / "witness" / "witness.txt").read_bytes()
        if data == expected:
            print(f"The reading text gives back the witness exactly ({len(data):,} bytes).")
            return 0
        sys.stderr.write(warnings)
        print("The reading text does NOT give back the witness.", file=sys.stderr)
        return 1
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition", description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT,
                        help="the edition's folder (where conf.py is)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate annotations, records and the reading text")
    w = sub.add_parser("witness", help="give back the witness from the reading text")
    w.add_argument("-o", "--output", type=Path, help="write to this file, not stdout")
    w.add_argument("--verify", action="store_true",
                   help="compare with witness/witness.txt byte for byte")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    return witness(root, args.output, args.verify)
