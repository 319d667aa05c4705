"""Commands for contributors and maintainers: ``python -m edition check|links|review|witness``
(and, for developers, ``events``).

``check``
    Validate everything a build validates — annotation files, their anchoring,
    references.bib, the citations, the reading text against the witness — with the
    same located messages, but write no output (Sphinx's ``dummy`` builder).
    Exit status 1 when there is any problem.
``links``
    List every external address in the edition (text, notes, bibliography), with where
    it stands, as a Markdown table (to standard output or ``-o FILE``).
``review [BASE]``
    What a change does to the edition since the commit BASE (default: origin/main, or
    main): notes added, changed and removed, as readers read them, the registers'
    entries, and the problems ``check`` finds, as Markdown (to standard output or
    ``-o FILE``). Exit status 1 only when the working tree has problems; 2 when BASE
    is not a commit.
``events``
    Print when each of the extension's listeners and transforms runs, as Markdown
    (``docs/developer/events.md``; the table is ``edition/events.py``).
``witness``
    Give back the witness from the reading text and the recorded interventions, and
    write it to standard output (or ``-o FILE``). ``--verify`` compares it with
    witness/witness.txt byte for byte instead.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
from pathlib import Path

from sphinx.errors import SphinxError
from sphinx.util.console import nocolor

from edition.config import settings
from edition.dummybuild import dummy_build as _dummy_build
from edition.links import LINKS_EVENT, ExternalLink
from edition.review.command import review
from edition.text.witnesscheck import WITNESS_EVENT


class _Tee(io.StringIO):
    """Writes through to a stream and keeps a copy."""

    def __init__(self, stream) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(text)
        return super().write(text)


#: A located message as Sphinx prints it: "path:line: WARNING: message [type.subtype]".
LOCATED = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<level>WARNING|ERROR|"
                     r"CRITICAL): (?P<message>.*?)(?: \[(?P<kind>[\w.-]+)\])?$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _escape(value: str, *, property_value: bool = False) -> str:
    """GitHub's escaping for workflow commands (the runner's toolkit does the same)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    value = value.replace("##[", "##\\[")  # the runner's older command form, anywhere
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github_annotations(messages: str, root: Path) -> list[str]:
    """Each located message as a GitHub Actions workflow command (``::error file=…,
    line=…,title=…::message``), so that a pull request shows it on the line it is about."""
    commands = []
    for raw in messages.splitlines():
        found = LOCATED.match(ANSI.sub("", raw))
        if not found:
            continue
        path = Path(found["path"])
        try:
            path = path.resolve().relative_to(root.resolve())
        except ValueError:
            pass  # outside the repository: keep it as Sphinx gave it
        props = [f"file={_escape(path.as_posix(), property_value=True)}"]
        if found["line"]:
            props.append(f"line={found['line']}")
        if found["kind"]:
            props.append(f"title={_escape(found['kind'], property_value=True)}")
        commands.append(f"::error {','.join(props)}::{_escape(found['message'])}")
    return commands


#: Where `check` keeps what it read between runs (in the build folder, which Sphinx and
#: git leave out): a second check reads again only what changed or had a problem.
KEPT_BY_CHECK = Path("_build") / "check"


def problems_summary(printed: str) -> str:
    """The check's last words when it fails: how many problems, where they are, and,
    under make (which sets MAKELEVEL), that make's own line after it is not another."""
    count = sum(1 for line in ANSI.sub("", printed).splitlines() if LOCATED.match(line))
    if count == 1:
        summary = "1 problem found (above: file:line: message). Fix it and run the check again."
    elif count:
        summary = (f"{count} problems found (above, each as file:line: message). Fix them "
                   "and run the check again.")
    else:
        summary = "Problems found: see the messages above."
    if os.environ.get("MAKELEVEL"):
        summary += (" (make adds a line of its own after this, '*** [Makefile:…: check] "
                    "Error 1': it only says that the check failed.)")
    return summary


def check(srcdir: Path) -> int:
    """Print every problem, located; 0 when there is none. Under GitHub Actions, each
    problem is also printed as a workflow command, which marks its line in the diff."""
    if not sys.stderr.isatty():
        nocolor()
    messages = _Tee(sys.stderr)
    if _dummy_build(srcdir, messages, keep=srcdir / KEPT_BY_CHECK).statuscode:
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for command in github_annotations(messages.getvalue(), srcdir):
                print(command)
        print(problems_summary(messages.getvalue()), file=sys.stderr)
        return 1
    print("No problems found.")
    return 0


def rebuild_witness(srcdir: Path) -> tuple[bytes, str, Path | None]:
    """(the witness as the reading text gives it back, the build's warnings, the
    witness file conf.py names)."""
    paragraphs: dict[int, str] = {}

    def collect(app, docname, paragraph, text):
        paragraphs[paragraph] = text

    warnings = io.StringIO()
    app = _dummy_build(srcdir, warnings, lambda app: app.connect(WITNESS_EVENT, collect))
    text = "\n".join(paragraphs[k] for k in sorted(paragraphs))
    return text.encode("utf-8"), warnings.getvalue(), settings(app.config).witness


def external_links(srcdir: Path) -> tuple[list[ExternalLink], str]:
    """(every external link of the edition, in page order; the build's warnings)."""
    found: dict[str, list[ExternalLink]] = {}

    def collect(app, docname, links):
        found[docname] = links

    warnings = io.StringIO()
    _dummy_build(srcdir, warnings, lambda app: app.connect(LINKS_EVENT, collect))
    return [link for doc in sorted(found) for link in found[doc]], warnings.getvalue()


def links_report(links: list[ExternalLink]) -> str:
    rows = ["| address | kind | page | https |", "| --- | --- | --- | --- |"]
    for link in sorted(set(links), key=lambda k: (k.uri, k.docname, k.kind)):
        https = "yes" if link.uri.startswith("https://") else f"no: {link.reason}"
        rows.append(f"| <{link.uri}> | {link.kind} | {link.docname} | {https} |")
    addresses = len({link.uri for link in links})
    return ("# External links of the edition\n\n"
            f"{addresses} addresses. Generated by `python -m edition links`; whether they "
            "answer is checked by `make linkcheck`.\n\n" + "\n".join(rows) + "\n")


def links(srcdir: Path, output: Path | None) -> int:
    found, warnings = external_links(srcdir)
    report = links_report(found)
    if output:
        output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    sys.stderr.write(warnings)
    return 1 if warnings else 0


def witness(srcdir: Path, output: Path | None, verify: bool) -> int:
    data, warnings, path = rebuild_witness(srcdir)
    if verify:
        if path is None or not path.is_file():
            print("conf.py names no witness file (edition_witness).", file=sys.stderr)
            return 1
        if data == path.read_bytes():
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
    try:
        return _main(argv)
    except SphinxError as err:  # the project's own set-up is wrong (no conf.py, bad config)
        print(f"edition: {err.category}: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # noqa: BLE001 - a contributor gets a message, not a traceback
        import traceback

        with tempfile.NamedTemporaryFile("w", suffix=".log", prefix="edition-error-",
                                         delete=False) as log:
            traceback.print_exc(file=log)
        print(f"edition: internal error ({type(err).__name__}: {err}).\n"
              "This is a fault in the edition's tools, not in your file: please report it,\n"
              f"with the details saved in {log.name}", file=sys.stderr)
        return 2


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition", description=__doc__.split(
        "\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the edition's folder, where conf.py is (default: here)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate annotations, records and the reading text")
    li = sub.add_parser("links", help="list every external address of the edition")
    li.add_argument("-o", "--output", type=Path, help="write to this file, not stdout")
    r = sub.add_parser(
        "review", help="what a change does to the edition since BASE, as Markdown",
        description="List what the working tree changes in the edition since BASE: notes "
        "added, changed and removed (each with its chapter, ¶, lemma and text as readers "
        "read it), entries of the index of persons and of the chronology, and the problems "
        "`check` finds. Exit status: 0, or 1 when the working tree has problems (they are "
        "in the review); 2 when BASE is not a commit or git is missing.")
    r.add_argument("base", nargs="?", metavar="BASE",
                   help="a commit, branch or tag (default: origin/main, else main)")
    r.add_argument("-o", "--output", type=Path, help="write to this file, not stdout")
    w = sub.add_parser("witness", help="give back the witness from the reading text")
    w.add_argument("-o", "--output", type=Path, help="write to this file, not stdout")
    w.add_argument("--verify", action="store_true",
                   help="compare with witness/witness.txt byte for byte")
    sub.add_parser("events", help="when each listener and transform of the edition runs")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "events":
        from edition.events import as_markdown

        sys.stdout.write(as_markdown())
        return 0
    if args.command == "check":
        return check(root)
    if args.command == "links":
        return links(root, args.output)
    if args.command == "review":
        return review(root, args.base, args.output)
    return witness(root, args.output, args.verify)
