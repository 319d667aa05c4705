"""Checks on the bibliography's records, each reported at its line in the .bib file.

* a duplicate key, or a record pybtex cannot parse;
* an entry type the edition's MLA style does not know;
* a field MLA needs for the type that is neither given nor declared ``unconfirmed``
  (and an ``unconfirmed`` field that readers are not told about in ``annotation``);
* an ISBN whose checksum fails, a malformed DOI, a URL that is not http(s);
* an entry nothing cites (unless its keywords say ``further-reading``).

The records are those sphinxcontrib-bibtex parsed (each file is parsed once per
change); the file's text gives each record's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pybtex.errors
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from stdnum import isbn
from stdnum.exceptions import ValidationError

from edition.bibliography.recordtext import UNRENDERED, unreadable_fields
from edition.domain import cite_domain, edition_domain
from edition.messages import Subtype, warn
from edition.trust.links import https_problem

#: For each entry type, the fields an MLA entry needs; a tuple means "one of these".
REQUIRED_FIELDS: dict[str, list[str | tuple[str, ...]]] = {
    "article": ["title", "journal", ("date", "year")],
    "book": [("author", "editor"), "title", "publisher", "year"],
    "collection": ["editor", "title", "publisher", "year"],
    "incollection": ["author", "title", "booktitle", "publisher", "year", "pages"],
    "online": ["title", ("organization", "author"), "url", "urldate"],
    "techreport": ["author", "title", "institution", "year"],
}
FURTHER_READING = "further-reading"
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
ENTRY_START = re.compile(r"^\s*@(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def entry_lines(text: str) -> dict[str, int]:
    """The line of each key's first record."""
    lines: dict[str, int] = {}
    for match in ENTRY_START.finditer(text):
        if match.group(1).lower() in {"comment", "preamble", "string"}:
            continue
        lines.setdefault(match.group(2), text.count("\n", 0, match.start()) + 1)
    return lines


def duplicate_keys(text: str) -> list[Problem]:
    """A key used by two records (pybtex keeps the first and says only "repeated")."""
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    for match in ENTRY_START.finditer(text):
        if match.group(1).lower() in {"comment", "preamble", "string"}:
            continue
        key = match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        # pybtex's keys are not case-sensitive: GILL2004x and gill2004x are one key.
        first = seen.get(key.casefold())
        if first:
            problems.append(Problem(line, f"duplicate key {key!r} (first used at line "
                                          f"{first[1]}, as {first[0]!r}; keys that differ "
                                          "only in letter case are the same key); give one "
                                          "of the records a new key"))
        seen.setdefault(key.casefold(), (key, line))
    return problems


def syntax_problems(errors: list[str], path: Path) -> list[Problem]:
    """pybtex's errors as located problems (a repeated key is reported with its line)."""
    problems = []
    for error in errors:
        if error.startswith("repeated bibliography entry"):
            continue
        found = re.search(r"\bline (\d+)", error)
        problems.append(Problem(int(found.group(1)) if found else 1,
                                f"{path.name} cannot be read: {error}; fix the record's "
                                "syntax (braces, commas, quotes)"))
    return problems


def _has(entry, name: str) -> bool:
    return name in entry.fields or name in entry.persons


#: LaTeX a record may use: emphasis, a URL, accents and escaped special characters.
#: Anything else reaches the PDF as a command of its own (``\par`` ends the paragraph
#: in the middle of an entry, and the PDF build stops).
ALLOWED_COMMANDS = {
    "emph", "textit", "textbf", "textsc", "url", "ss", "o", "O", "aa", "AA", "ae", "AE",
    "oe", "OE", "l", "L", "i", "j", "c", "v", "u", "H", "k", "r", "d", "b", "t",
    "'", '"', "`", "^", "~", "=", ".", "&", "%", "$", "#", "_", "{", "}", " ",
}
LATEX_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
#: Fields readers never see.


def unsafe_commands(entry) -> list[tuple[str, str]]:
    """(field, command) for each LaTeX command a record uses that the edition does not
    typeset safely."""
    found = []
    for name, value in entry.fields.items():
        if name.lower() in UNRENDERED:
            continue
        for command in LATEX_COMMAND.findall(value):
            if command not in ALLOWED_COMMANDS:
                found.append((name, command))
    return found


def check_entry(entry, line: int) -> list[Problem]:
    problems: list[Problem] = []
    for name, command in unsafe_commands(entry):
        problems.append(Problem(line, f"{entry.key}: `{name}` uses the LaTeX command "
                                      f"\\{command}, which the edition cannot typeset safely "
                                      "(it can break the PDF); write the text plainly, with "
                                      "\\emph{…} for titles within titles"))
    key, etype = entry.key, entry.type.lower()
    unconfirmed = {f.strip().lower() for f in entry.fields.get("unconfirmed", "").split(",")
                   if f.strip()}
    if etype not in REQUIRED_FIELDS:
        known = ", ".join(f"@{t}" for t in REQUIRED_FIELDS)
        return [Problem(line, f"{key}: entry type @{etype} has no MLA format here; use one of "
                              f"{known}")]
    for need in REQUIRED_FIELDS[etype]:
        options = need if isinstance(need, tuple) else (need,)
        if any(_has(entry, f) for f in options):
            continue
        if any(f in unconfirmed for f in options):
            continue
        names = " or ".join(f"`{f}`" for f in options)
        problems.append(Problem(line, (
            f"{key}: an MLA @{etype} entry needs {names}; add it from a confirmed source, "
            f"or, if it cannot be confirmed, name it in `unconfirmed` and say so in "
            f"`annotation`")))
    for f in sorted(unconfirmed):
        if _has(entry, f):
            problems.append(Problem(line, f"{key}: `{f}` is both given and listed in "
                                          "`unconfirmed`; keep one"))
    if unconfirmed and "annotation" not in entry.fields:
        problems.append(Problem(line, f"{key}: `unconfirmed` fields must be explained to "
                                      "readers in an `annotation`"))
    return problems + identifier_problems(entry, line)


#: An address that pybtex makes a link of, in any field: \url{…} or \href{…}{…}.
LATEX_LINK = re.compile(r"\\(?:url|href)\s*\{((?:[^{}]|\{[^{}]*\})*)\}")


def identifier_problems(entry, line: int) -> list[Problem]:
    """What is wrong with the record's ISBN, DOI or URL."""
    key, problems = entry.key, []
    if "isbn" in entry.fields:
        try:
            isbn.validate(entry.fields["isbn"])
        except ValidationError as err:
            problems.append(Problem(line, f"{key}: ISBN {entry.fields['isbn']!r} is not "
                                          f"valid ({err}); copy it again from its source"))
    if "doi" in entry.fields and not DOI.match(entry.fields["doi"]):
        problems.append(Problem(line, f"{key}: DOI {entry.fields['doi']!r} is malformed; give "
                                      "the bare DOI, e.g. 10.4324/9780203536957, not a URL"))
    for field, value in entry.fields.items():
        for address in LATEX_LINK.findall(str(value)):
            address = address.replace("{", "").replace("}", "")  # {java}script: too
            problem = https_problem(address)
            if problem:
                problems.append(Problem(line, f"{key}: `{field}` links to {address!r}: "
                                              f"{problem}"))
    if "url" in entry.fields:
        url = urlsplit(entry.fields["url"])
        if url.scheme not in {"http", "https"} or not url.netloc:
            problems.append(Problem(line, f"{key}: URL {entry.fields['url']!r} is not an "
                                          "http(s) address"))
        elif url.scheme == "http" and not entry.fields.get("urlreason", "").strip():
            problems.append(Problem(line, f"{key}: URL {entry.fields['url']!r} is http, not "
                                          "https; give the https address, or say why not "
                                          "in `urlreason`"))
    return problems


def keywords(entry) -> set[str]:
    return {k.strip() for k in entry.fields.get("keywords", "").split(",") if k.strip()}


def _bibfiles(app: Sphinx) -> list[Path]:
    """The .bib files, as sphinxcontrib-bibtex names them (relative to conf.py)."""
    return [(Path(app.confdir) / f).resolve() for f in app.config.bibtex_bibfiles]


def entries(env: BuildEnvironment, path: Path) -> list:
    """The records of one .bib file, as sphinxcontrib-bibtex parsed it (once)."""
    bibdata = cite_domain(env).bibdata
    bibfile = bibdata.bibfiles.get(path)
    if bibfile is None:
        return []
    return [bibdata.data.entries[key] for key in bibfile.keys if key in bibdata.data.entries]


@dataclass
class BibliographyRead:
    """The bibliography as sphinxcontrib-bibtex held it before this build's set-up, to
    tell whether it parsed the files again (build state)."""

    before: object = None


def hold_bib_errors(app: Sphinx) -> None:
    """builder-inited, just before sphinxcontrib-bibtex reads the .bib files (priority
    500): collect pybtex's errors instead of letting them raise. A syntax error would
    otherwise end the build with a traceback and no line to point at (and pybtex's
    lenient mode fails on sphinxcontrib-bibtex's Path file names). This is what
    ``pybtex.errors.capture()`` does, held open across sphinxcontrib-bibtex's handler;
    :func:`release_bib_errors` closes it, and :func:`check_bibfiles` reports every
    error with its line, failing the build."""
    pybtex.errors.captured_errors = []
    edition_domain(app.env).build_state.of(BibliographyRead).before = \
        cite_domain(app.env).bibdata


def release_bib_errors(app: Sphinx) -> None:
    """Keep the errors with the environment: sphinxcontrib-bibtex parses the files
    again only when they change, and their errors must be reported on every build."""
    errors = [str(e) for e in pybtex.errors.captured_errors or []]
    pybtex.errors.captured_errors = None
    domain = edition_domain(app.env)
    read = domain.build_state.of(BibliographyRead)
    reparsed = cite_domain(app.env).bibdata is not read.before
    read.before = None
    if reparsed or domain.bib_errors() is None:
        domain.note_bib_errors(errors)


def check_bibfiles(app: Sphinx) -> None:
    """builder-inited, after sphinxcontrib-bibtex has read the files: every record."""
    paths = [p for p in _bibfiles(app) if p.is_file()]  # a missing one: bibtex says so
    for number, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        problems = duplicate_keys(text)
        if number == 0:  # pybtex's messages name no file; they are the first file's
            problems += syntax_problems(edition_domain(app.env).bib_errors() or [], path)
        lines = entry_lines(text)
        for entry in entries(app.env, path):
            unreadable = [Problem(line, message) for line, message in
                          unreadable_fields(entry, lines.get(entry.key, 1))]
            if unreadable:
                # Left in, the record would stop the build where it is formatted, with
                # no file named: it is taken out, and every citation of it says so.
                bibdata = cite_domain(app.env).bibdata
                del bibdata.data.entries[entry.key]
                bibdata.bibfiles[path].keys.pop(entry.key, None)
                # Kept so, the next build would not read the file again, nor say why the
                # record is missing: it is to read it again (sphinxcontrib-bibtex reads a
                # file whose recorded time is not the file's).
                bibdata.bibfiles[path] = bibdata.bibfiles[path]._replace(mtime=-1.0)
                problems += unreadable
                continue
            problems += check_entry(entry, lines.get(entry.key, 1))
        for problem in sorted(problems, key=lambda p: p.line):
            warn(problem.message, Subtype.bibliography, location=f"{path}:{problem.line}")


def check_unused_entries(app: Sphinx, env: BuildEnvironment) -> None:
    cited = {target.key for ref in cite_domain(env).citation_refs
             for target in ref.targets}
    for path in _bibfiles(app):
        if not path.is_file():
            continue
        lines = entry_lines(path.read_text(encoding="utf-8"))
        for entry in entries(env, path):
            if entry.key not in cited and FURTHER_READING not in keywords(entry):
                warn(f"{entry.key}: nothing in the edition cites this entry; cite it, "
                     f"remove it, or add `{FURTHER_READING}` to its keywords to list it as "
                     "further reading", Subtype.bibliography,
                     location=f"{path}:{lines.get(entry.key, 1)}")
