"""The annotation record: one file in annotations/, read and validated (no Sphinx).

A file is MyST Markdown with YAML front matter::

    ---
    id: rush-two-candidates          # = the file name, without .md
    type: source                     # commentary | source | textual
    authors:
      - name: The edition's editors
        orcid: 0000-0002-1825-0097   # optional
    date: 2026-11-26
    target:
      chapter: chapters/02-cautious-destalinization
      exact: "(Rush 59)"             # W3C TextQuoteSelector: exact, prefix, suffix
      prefix: "and actions "         # optional, to tell several matches apart
    ---
    The note, in MyST, with citation roles: {cite:p}`rush1965succession`.

The front matter's format is declared once, in ``annotation.schema.json`` (JSON
Schema): this module validates against it and turns each failure into a message at
the line of the field concerned. What a schema cannot say (the id is the file's name,
the ORCID's check digit, a date that is not the template's or in the future, what the
body may contain) is checked here too.

Each file is read once: its YAML composed once (libyaml's C composer where available),
which gives both the values and the line of every field; its body tokenized once, by
the Markdown parser the build renders it with. Contributors' files can be careless or
hostile, so reading is defensive: a size limit, no YAML aliases (no "billion
laughs"), no raw HTML or directives in the body, only the roles a note needs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from stdnum.iso7064 import mod_11_2

SCHEMA_PATH = Path(__file__).with_name("annotation.schema.json")
SCHEMA: dict = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
FIELDS = tuple(SCHEMA["properties"])
TYPES = {  # the schema's `type` values, with the label readers see
    "commentary": "Commentary",  # historical context and explanation
    "source": "Source",  # identifies or assesses a source the essay uses
    "textual": "Textual note",  # the text itself: lacunae, slips, regularizations
}
MAX_BYTES = 64 * 1024
#: Invisible characters that reorder text on screen ("Trojan Source"); never needed here.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Roles a note body may use: citations and cross-references, nothing that emits raw output.
ALLOWED_ROLES = re.compile(r"^(cite(:[a-z]+)?|ref|doc|term|abbr|sub|sup|emphasis|strong)$")
#: What the template has for `date`, to be replaced by the day the note is written.
TEMPLATE_DATE = "YYYY-MM-DD"
#: libyaml's composer where PyYAML was built with it: about ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Makes the Markdown parser a body is tokenized with (the build passes its own, so
#: that the tokens checked here are the tokens it renders).
MarkdownFactory = Callable[[], MarkdownIt]


def latest_date() -> dt.date:
    """The latest day a note can have been written: today where the day begins first
    (UTC+14), so that no contributor's today counts as the future."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


@dataclass(frozen=True)
class Author:
    name: str
    orcid: str | None = None


@dataclass(frozen=True)
class Selector:
    """W3C Web Annotation TextQuoteSelector."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Annotation:
    id: str
    type: str
    authors: tuple[Author, ...]
    date: dt.date
    chapter: str  # a docname, e.g. "chapters/02-cautious-destalinization"
    selector: Selector
    body: str
    path: Path
    body_line: int  # line of the body's first line in the file
    chapter_line: int  # line of `chapter:` (for messages about the target chapter)
    exact_line: int  # line of `exact:` (for anchoring messages)
    #: The body's Markdown tokens, made once when the file is read (lines are the
    #: file's); the build renders these.
    tokens: tuple[Token, ...] = field(default=(), compare=False, repr=False)

    @property
    def type_label(self) -> str:
        return TYPES[self.type]

    @property
    def padded_body(self) -> str:
        """The body preceded by empty lines, so that its line numbers are the file's."""
        return "\n" * (self.body_line - 1) + self.body


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# -- the front matter --------------------------------------------------------------------


def _split(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line of the body's first line), or None."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end == -1:
        end_at_eof = text.endswith("\n---") and text.rfind("\n---") > 3
        if not end_at_eof:
            return None
        end = len(text) - 4
    front = text[4:end + 1]
    body = text[end + 5:]
    body_line = front.count("\n") + 3
    return front, body, body_line


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def read_front_matter(front: str) -> tuple[Any, dict[tuple, int]]:
    """The front matter's values, and the file line of every field (by its path, e.g.
    ("target", "exact") or ("authors", 0, "orcid")). One composition, for both."""
    try:
        node = yaml.compose(front, Loader=YAML_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        what = getattr(err, "problem", None) or str(err)
        raise FrontMatterError(mark.line + 2 if mark else 2,
                               f"the front matter is not valid YAML: {what}") from None
    if node is None:
        return None, {}
    lines: dict[tuple, int] = {(): 2}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, tuple, int]] = [(node, (), 2)]
    while stack:
        current, path, line = stack.pop()
        if id(current) in seen:  # the same node twice: only an alias does that
            raise FrontMatterError(line, "YAML aliases (*name) are not allowed in "
                                         "annotations")
        seen.add(id(current))
        # Children pushed last first: fields are visited in the file's order, so an
        # alias is met after the anchor it repeats.
        if isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                child = (*path, str(key.value))
                lines[child] = key.start_mark.line + 2
                stack.append((value, child, lines[child]))
        elif isinstance(current, yaml.SequenceNode):
            for index, value in reversed(list(enumerate(current.value))):
                child = (*path, index)
                lines[child] = value.start_mark.line + 2
                stack.append((value, child, lines[child]))
    loader = YAML_LOADER("")
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise FrontMatterError(mark.line + 2 if mark else 2,
                               f"the front matter is not valid YAML: {err}") from None
    except (ValueError, OverflowError) as err:  # e.g. a date like 2026-02-31
        raise FrontMatterError(_unreadable_scalar_line(node),
                               f"a value cannot be read: {err}; dates are YYYY-MM-DD, "
                               "and must exist") from None
    finally:
        loader.dispose()
    return data, lines


def _unreadable_scalar_line(node: yaml.Node) -> int:
    """The line of the first value YAML parses but cannot turn into a value."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            loader = YAML_LOADER("")
            try:
                loader.construct_object(current)
            except (ValueError, OverflowError):
                return current.start_mark.line + 2
            finally:
                loader.dispose()
        elif isinstance(current, yaml.MappingNode):
            stack.extend(v for pair in reversed(current.value) for v in reversed(pair))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return 2


def _as_json(value: Any) -> Any:
    """YAML's values as JSON Schema sees them: dates as ISO text, keys as text."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _where(path: tuple) -> str:
    """How a message names the part of the front matter it is about."""
    if path[:1] == ("target",):
        return "target "
    if path[:1] == ("authors",) and len(path) > 1:
        return f"author {path[1] + 1}: "
    return ""


def schema_problems(data: Any, lines: dict[tuple, int]) -> list[tuple[int, str]]:
    """(line, message) for each way the front matter departs from the schema."""
    found: list[tuple[int, str]] = []
    for error in sorted(VALIDATOR.iter_errors(_as_json(data)),
                        key=lambda e: [str(part) for part in e.path]):
        path = tuple(error.absolute_path)
        line = lines.get(path, lines.get(path[:1], 2))
        schema = error.schema
        if error.validator == "required":
            missing = [k for k in error.validator_value if k not in error.instance]
            for key in missing:
                if not path:
                    found.append((2, f"missing field {key!r}"))
                else:
                    message = schema["properties"][key].get("x-message", "")
                    found.append((line, message.format(value=None) if key == "exact"
                                  else f"{_where(path)}needs `{key}`".strip()))
        elif error.validator == "additionalProperties":
            known = list(schema["properties"])
            for key in sorted(set(error.instance) - set(known)):
                what = "a target has chapter, exact, and optional prefix and suffix" \
                    if path == ("target",) else f"the fields are {', '.join(sorted(known))}"
                found.append((lines.get((*path, key), line),
                              f"{_where(path) or ''}unknown field {key!r}; {what}"
                              if path != ("target",) else
                              f"unknown target field {key!r}; {what}"))
        else:
            message = schema.get("x-message") or error.message
            prefix = _where(path) if path[:1] == ("authors",) and len(path) > 2 else ""
            found.append((line, prefix + message.format(value=error.instance)))
    return list(dict.fromkeys(found))


# -- the body ---------------------------------------------------------------------------


@functools.cache
def default_markdown() -> MarkdownIt:
    """A parser for bodies outside a build: every syntax extension the edition's
    conf.py could enable, so that nothing a build would read as a directive (e.g. a
    ``:::{raw}`` colon fence) slips past."""
    return create_md_parser(MdParserConfig(enable_extensions={"colon_fence", "deflist"}),
                            RendererHTML)


def _inline_lines(token: Token):
    """(line, child) for each inline child of a block token: a paragraph's sentences
    stand one per line, so the line follows the soft breaks."""
    line = token.map[0] + 1 if token.map else 1
    for child in token.children or []:
        if child.type in {"softbreak", "hardbreak"}:
            line += 1
        yield line, child


def body_problems(tokens, body: str, body_line: int = 1) -> list[tuple[int, str]]:
    """(file line, message) for each thing a note body may not contain."""
    if not body.strip():
        return [(0, "the note is empty: write the note below the front matter")]
    problems: list[tuple[int, str]] = []
    for number, text in enumerate(body.split("\n"), body_line):
        unsafe = UNSAFE_LINK.search(text)
        if unsafe:
            problems.append((number, f"a link to a {unsafe.group(2).lower()}: address is not "
                                     "allowed in a note; link to an https address"))
    for token in tokens:
        line = token.map[0] + 1 if token.map else 1
        if token.type == "html_block":
            problems.append((line, "raw HTML is not allowed in a note; write Markdown"))
        elif token.type in {"fence", "colon_fence"} and token.info.strip().startswith("{"):
            name = token.info.strip().split("}")[0][1:]
            problems.append((line, f"the directive {{{name}}} is not allowed in a note; "
                                   "a note is text with citations"))
        elif token.type == "heading_open":
            problems.append((line, "headings are not allowed in a note"))
        elif token.type == "front_matter":
            problems.append((line, "a second front matter block is not allowed"))
        for child_line, child in _inline_lines(token):
            if child.type == "html_inline":
                problems.append((child_line, "raw HTML is not allowed in a note; write "
                                             "Markdown"))
            elif child.type == "myst_role" and not ALLOWED_ROLES.match(child.meta["name"]):
                problems.append((child_line, f"the role {{{child.meta['name']}}} is not "
                                             "allowed in a note; use citation roles such "
                                             "as {cite:p}"))
    return list(dict.fromkeys(problems))  # once per line and kind


def cited_keys(note: Annotation) -> list[tuple[int, str]]:
    """(file line, key) for every citation key the note's body cites."""
    from sphinxcontrib.bibtex.citation_target import parse_citation_targets

    found = []
    for token in note.tokens:
        for line, child in _inline_lines(token):
            if child.type == "myst_role" and child.meta["name"].startswith("cite"):
                try:
                    found += [(line, t.key) for t in parse_citation_targets(child.content)]
                except ValueError:
                    pass  # sphinxcontrib-bibtex reports a malformed target itself
    return found


# -- one file ----------------------------------------------------------------------------


#: Characters that cannot be seen, in a quote: it would never match what readers see.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
#: Link addresses a note may not have: they run code or smuggle content.
UNSAFE_LINK = re.compile(r"(\]\(|<)\s*(javascript|vbscript|data|file):", re.IGNORECASE)


def _semantic_problems(data: dict, path: Path, lines: dict[tuple, int]):
    """What the schema cannot say."""
    target = data.get("target") if isinstance(data.get("target"), dict) else {}
    for key in ("exact", "prefix", "suffix"):
        value = target.get(key)
        if not isinstance(value, str):
            continue
        line = lines.get(("target", key), 2)
        hidden = INVISIBLE.search(value)
        if hidden:
            yield (line, f"target {key} contains an invisible character "
                         f"(U+{ord(hidden.group()):04X}), which the essay's text does not "
                         "have: copy the words again from the chapter")
        elif not unicodedata.is_normalized("NFC", value):
            yield (line, f"target {key} is not in Unicode NFC form (some letters are "
                         "written as a letter plus a combining mark), while the essay's text "
                         "is: copy the words again from the chapter, or type them afresh")
    ident = data.get("id")
    if isinstance(ident, str) and ident != path.stem and re.search(
            SCHEMA["properties"]["id"]["pattern"], ident):
        yield (lines.get(("id",), 2),
               f"id {ident!r} differs from the file name {path.name!r}; they must be the "
               f"same (rename the file to {ident}.md, or change the id)")
    for i, author in enumerate(data.get("authors") or []):
        orcid = author.get("orcid") if isinstance(author, dict) else None
        if isinstance(orcid, str) and re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", orcid) \
                and not mod_11_2.is_valid(orcid.replace("-", "")):
            yield (lines.get(("authors", i, "orcid"), 2),
                   f"author {i + 1}: {orcid!r} is not a valid ORCID iD (its check digit "
                   "is wrong)")
    date = data.get("date")
    if str(date).strip() == TEMPLATE_DATE:
        yield (lines.get(("date",), 2), f"the date is still the template's {TEMPLATE_DATE}: "
                                         "write the day you wrote the note, e.g. 2026-11-27")
    elif isinstance(date, dt.date) and not isinstance(date, dt.datetime) \
            and date > latest_date():
        yield (lines.get(("date",), 2), f"the date {date.isoformat()} is in the future: "
                                         "write the day you wrote the note")


@dataclass(frozen=True)
class FileReading:
    """What one file gave: the annotation (None if it has problems), its problems, and
    the id it declares with its line (also when invalid, to find ids used twice)."""

    annotation: Annotation | None
    problems: list[Problem]
    declared_id: str | None = None
    id_line: int = 2


def parse_annotation(path: Path, markdown: MarkdownFactory = default_markdown,
                     ) -> tuple[Annotation | None, list[Problem]]:
    """Read and validate one annotation file. Never raises for bad content."""
    reading = read_file(path, markdown)
    return reading.annotation, reading.problems


def read_file(path: Path, markdown: MarkdownFactory = default_markdown) -> FileReading:
    """Read one annotation file, once: front matter, body tokens, every problem."""

    def problem(line: int, message: str) -> FileReading:
        return FileReading(None, [Problem(path, line, message)])

    try:
        raw = path.read_bytes()
    except OSError as err:
        return problem(1, f"cannot read the file: {err.strerror}")
    if len(raw) > MAX_BYTES:
        return problem(1, f"the file is {len(raw):,} bytes; an annotation may have "
                                 f"at most {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        return problem(line, "the file is not UTF-8 text; save it as UTF-8")
    text = text.replace("\r\n", "\n")
    hidden = BIDI_CONTROLS.search(text)
    if hidden:
        line = text.count("\n", 0, hidden.start()) + 1
        return problem(line, f"the file contains an invisible bidirectional control "
                                    f"character (U+{ord(hidden.group()):04X}), which can make "
                                    "text display differently from what it is; remove it")
    parts = _split(text)
    if parts is None:
        return problem(1, "no front matter: the file must start with a line '---', "
                                 "the fields, and another line '---' (copy "
                                 "annotations/_template.md)")
    front, body, body_line = parts
    try:
        data, lines = read_front_matter(front)
    except FrontMatterError as err:
        return problem(err.line, err.message)
    if not isinstance(data, dict):
        return problem(2, "the front matter must be fields (key: value), not "
                                 f"{type(data).__name__}")

    ident = data.get("id") if isinstance(data.get("id"), str) else None
    id_line = lines.get(("id",), 2)
    found = schema_problems(data, lines) + list(_semantic_problems(data, path, lines))
    tokens = tuple(markdown().parse("\n" * (body_line - 1) + body))
    found += [(line or body_line, message)
              for line, message in body_problems(tokens, body, body_line)]
    if found:
        return FileReading(None, [Problem(path, line, message) for line, message in found],
                           ident, id_line)

    target = data["target"]
    date = data["date"]
    return FileReading(Annotation(
        id=data["id"], type=data["type"],
        authors=tuple(Author(a["name"].strip(), a.get("orcid")) for a in data["authors"]),
        date=date if isinstance(date, dt.date) else dt.date.fromisoformat(date),
        chapter=target["chapter"].removesuffix(".md"),
        selector=Selector(target["exact"], target.get("prefix", ""), target.get("suffix", "")),
        body=body, path=path, body_line=body_line,
        chapter_line=lines.get(("target", "chapter"), 2),
        exact_line=lines.get(("target", "exact"), 2),
        tokens=tokens,
    ), [], ident, id_line)


# -- every file --------------------------------------------------------------------------


def annotation_files(directory: Path) -> list[Path]:
    """The annotation files: every .md file except templates (names starting with _)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.md") if not p.name.startswith("_"))


@dataclass(frozen=True)
class Collection:
    """Every annotation file of an edition, read once."""

    notes: tuple[Annotation, ...]
    problems: tuple[Problem, ...]

    @functools.cached_property
    def by_chapter(self) -> dict[str, list[Annotation]]:
        chapters: dict[str, list[Annotation]] = {}
        for note in self.notes:
            chapters.setdefault(note.chapter, []).append(note)
        return chapters

    @functools.cached_property
    def by_file(self) -> dict[str, Annotation]:
        """Each note by the path of its file (as a note node records it)."""
        return {str(note.path): note for note in self.notes}


def state(directory: Path) -> tuple:
    """What identifies the files' current contents: name, size and modification time."""
    out = []
    for path in annotation_files(directory):
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def load_all(directory: Path, markdown: MarkdownFactory = default_markdown) -> Collection:
    """Read every annotation file; also report an id that two files declare."""
    notes: list[Annotation] = []
    problems: list[Problem] = []
    owners: dict[str, Path] = {}
    for path in annotation_files(directory):
        reading = read_file(path, markdown)
        problems += reading.problems
        annotation, ident = reading.annotation, reading.declared_id
        if ident:
            if ident in owners:
                problems.append(Problem(path, reading.id_line,
                                        f"id {ident!r} is already used by "
                                        f"{owners[ident].name}; ids must be unique"))
                annotation = None
            owners.setdefault(ident, path)
        if annotation:
            notes.append(annotation)
    return Collection(tuple(notes), tuple(problems))
