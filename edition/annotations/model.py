"""The annotation record: one file in annotations/, parsed and validated (no Sphinx).

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

Contributors' files can be careless or hostile, so parsing is defensive: a size limit,
no YAML aliases (no "billion laughs"), no raw HTML or directives in the body, only the
roles a note needs, and no path outside chapters/.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from stdnum.iso7064 import mod_11_2

TYPES = {
    "commentary": "Commentary",  # historical context and explanation
    "source": "Source",  # identifies or assesses a source the essay uses
    "textual": "Textual note",  # the text itself: lacunae, slips, regularizations
}
FIELDS = {"id", "type", "authors", "date", "target"}
TARGET_FIELDS = {"chapter", "exact", "prefix", "suffix"}
AUTHOR_FIELDS = {"name", "orcid"}
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
CHAPTER = re.compile(r"^chapters/[A-Za-z0-9][A-Za-z0-9_-]*$")
MAX_BYTES = 64 * 1024
#: Invisible characters that reorder text on screen ("Trojan Source"); never needed here.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Roles a note body may use: citations and cross-references, nothing that emits raw output.
ALLOWED_ROLES = re.compile(r"^(cite(:[a-z]+)?|ref|doc|term|abbr|sub|sup|emphasis|strong)$")


#: What the template has for `date`, to be replaced by the day the note is written.
TEMPLATE_DATE = "YYYY-MM-DD"


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

    @property
    def type_label(self) -> str:
        return TYPES[self.type]


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class _Lines:
    """Line numbers of the front matter's keys, for located messages."""

    keys: dict[str, int] = field(default_factory=dict)
    target: dict[str, int] = field(default_factory=dict)


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors or aliases: no exponential expansion."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in annotations",
                event.start_mark)
        return super().compose_node(parent, index)


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


def _key_lines(front: str) -> _Lines:
    lines = _Lines()
    try:
        node = yaml.compose(front, Loader=_NoAliasLoader)
    except yaml.YAMLError:
        return lines
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.keys[str(key.value)] = key.start_mark.line + 2
            if key.value == "target" and isinstance(value, yaml.MappingNode):
                for k2, _ in value.value:
                    lines.target[str(k2.value)] = k2.start_mark.line + 2
    return lines


_MD = None


def _markdown():
    global _MD
    if _MD is None:
        # Every syntax extension the edition's conf.py could enable, so that nothing a
        # build would read as a directive (e.g. a ``:::{raw}`` colon fence) slips past.
        config = MdParserConfig(enable_extensions={"colon_fence", "deflist"})
        _MD = create_md_parser(config, RendererHTML)
    return _MD


def body_problems(body: str) -> list[tuple[int, str]]:
    """(line offset in body, message) for each thing a note body may not contain."""
    problems: list[tuple[int, str]] = []
    if not body.strip():
        return [(0, "the note is empty: write the note below the front matter")]
    for token in _markdown().parse(body):
        line = token.map[0] if token.map else 0
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
        for child in token.children or []:
            if child.type in {"softbreak", "hardbreak"}:
                line += 1  # a paragraph's sentences stand one per line
            elif child.type == "html_inline":
                problems.append((line, "raw HTML is not allowed in a note; write Markdown"))
            elif child.type == "myst_role" and not ALLOWED_ROLES.match(child.meta["name"]):
                problems.append((line, f"the role {{{child.meta['name']}}} is not allowed in "
                                       "a note; use citation roles such as {cite:p}"))
    return problems


def cited_keys(body: str) -> list[tuple[int, str]]:
    """(line offset, key) for every citation key the body cites."""
    from sphinxcontrib.bibtex.citation_target import parse_citation_targets

    found = []
    for token in _markdown().parse(body):
        line = token.map[0] if token.map else 0
        for child in token.children or []:
            if child.type in {"softbreak", "hardbreak"}:
                line += 1
            elif child.type == "myst_role" and child.meta["name"].startswith("cite"):
                try:
                    found += [(line, t.key) for t in parse_citation_targets(child.content)]
                except ValueError:
                    pass  # sphinxcontrib-bibtex reports a malformed target itself
    return found


def parse_annotation(path: Path) -> tuple[Annotation | None, list[Problem]]:
    """Read and validate one annotation file. Never raises for bad content."""

    def problem(line: int, message: str) -> Problem:
        return Problem(path, line, message)

    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [problem(1, f"cannot read the file: {err.strerror}")]
    if len(raw) > MAX_BYTES:
        return None, [problem(1, f"the file is {len(raw):,} bytes; an annotation may have "
                                 f"at most {MAX_BYTES:,}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        return None, [problem(line, "the file is not UTF-8 text; save it as UTF-8")]
    text = text.replace("\r\n", "\n")
    hidden = BIDI_CONTROLS.search(text)
    if hidden:
        line = text.count("\n", 0, hidden.start()) + 1
        return None, [problem(line, f"the file contains an invisible bidirectional control "
                                    f"character (U+{ord(hidden.group()):04X}), which can make "
                                    "text display differently from what it is; remove it")]
    parts = _split(text)
    if parts is None:
        return None, [problem(1, "no front matter: the file must start with a line '---', "
                                 "the fields, and another line '---' (copy "
                                 "annotations/_template.md)")]
    front, body, body_line = parts
    try:
        data = yaml.load(front, Loader=_NoAliasLoader)  # noqa: S506 (safe, no aliases)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 2 if mark else 2
        what = getattr(err, "problem", None) or str(err)
        return None, [problem(line, f"the front matter is not valid YAML: {what}")]
    if not isinstance(data, dict):
        return None, [problem(2, "the front matter must be fields (key: value), not "
                                 f"{type(data).__name__}")]

    lines = _key_lines(front)
    problems: list[Problem] = []

    def at(key: str) -> int:
        return lines.keys.get(key, 2)

    for key in sorted(set(map(str, data)) - FIELDS):
        problems.append(problem(at(key), f"unknown field {key!r}; the fields are "
                                         f"{', '.join(sorted(FIELDS))}"))
    for key in sorted(FIELDS - set(map(str, data))):
        problems.append(problem(2, f"missing field {key!r}"))

    ident = data.get("id")
    if "id" in data:
        if not isinstance(ident, str) or not ID.match(ident):
            problems.append(problem(at("id"), f"id {ident!r} must be lowercase letters, "
                                              "digits and hyphens, e.g. rush-two-candidates"))
        elif ident != path.stem:
            problems.append(problem(at("id"), f"id {ident!r} differs from the file name "
                                              f"{path.name!r}; they must be the same "
                                              f"(rename the file to {ident}.md, or change "
                                              "the id)"))

    kind = data.get("type")
    if "type" in data and kind not in TYPES:
        problems.append(problem(at("type"), f"unknown type {kind!r}; use one of "
                                            f"{', '.join(TYPES)}"))

    authors: list[Author] = []
    if "authors" in data:
        value = data["authors"]
        if not isinstance(value, list) or not value:
            problems.append(problem(at("authors"), "authors must be a list of at least one "
                                                   "author, each with a `name`"))
        else:
            for i, author in enumerate(value, 1):
                if isinstance(author, str):
                    author = {"name": author}
                if not isinstance(author, dict) or not isinstance(author.get("name"), str) \
                        or not author["name"].strip():
                    problems.append(problem(at("authors"), f"author {i} needs a `name`"))
                    continue
                extra = set(map(str, author)) - AUTHOR_FIELDS
                if extra:
                    problems.append(problem(at("authors"), f"author {i}: unknown field "
                                                           f"{sorted(extra)[0]!r}; an author "
                                                           "has `name` and optional `orcid`"))
                orcid = author.get("orcid")
                if orcid is not None:
                    orcid = str(orcid)
                    if not ORCID.match(orcid) or not mod_11_2.is_valid(orcid.replace("-", "")):
                        problems.append(problem(at("authors"), f"author {i}: {orcid!r} is not "
                                                               "a valid ORCID iD"))
                authors.append(Author(author["name"].strip(), orcid))

    date = data.get("date")
    if "date" in data and str(date).strip() == TEMPLATE_DATE:
        problems.append(problem(at("date"), "the date is still the template's "
                                            f"{TEMPLATE_DATE}: write the day you wrote the "
                                            "note, e.g. 2026-11-27"))
    elif "date" in data and not isinstance(date, dt.date):
        try:
            date = dt.date.fromisoformat(str(date))
        except ValueError:
            problems.append(problem(at("date"), f"date {date!r} must be a date as "
                                                "YYYY-MM-DD"))
    if isinstance(date, dt.date) and date > latest_date():
        problems.append(problem(at("date"), f"the date {date.isoformat()} is in the "
                                            "future: write the day you wrote the note"))

    chapter = ""
    selector = None
    target = data.get("target")
    if "target" in data:
        if not isinstance(target, dict):
            problems.append(problem(at("target"), "target must have `chapter` and `exact`"))
        else:
            for key in sorted(set(map(str, target)) - TARGET_FIELDS):
                problems.append(problem(lines.target.get(key, at("target")),
                                        f"unknown target field {key!r}; a target has "
                                        "chapter, exact, and optional prefix and suffix"))
            chapter = target.get("chapter")
            if not isinstance(chapter, str) or not CHAPTER.match(chapter.removesuffix(".md")):
                problems.append(problem(lines.target.get("chapter", at("target")),
                                        f"target chapter {chapter!r} must name a chapter of "
                                        "the edition, e.g. chapters/02-cautious-destalinization"))
                chapter = ""
            else:
                chapter = chapter.removesuffix(".md")
            texts = {}
            for key in ("exact", "prefix", "suffix"):
                value = target.get(key, "")
                if not isinstance(value, str):
                    problems.append(problem(lines.target.get(key, at("target")),
                                            f"target {key} must be text (quote it)"))
                    value = ""
                texts[key] = value
            if not texts["exact"]:
                problems.append(problem(lines.target.get("exact", at("target")),
                                        "target needs `exact`: the words of the essay the "
                                        "note is about, copied exactly"))
            else:
                selector = Selector(**texts)

    for offset, message in dict.fromkeys(body_problems(body)):  # once per line and kind
        problems.append(problem(body_line + offset, message))

    if problems:
        return None, problems
    return Annotation(
        id=ident, type=kind, authors=tuple(authors), date=date, chapter=chapter,
        selector=selector, body=body, path=path, body_line=body_line,
        chapter_line=lines.target.get("chapter", lines.keys.get("target", 2)),
        exact_line=lines.target.get("exact", lines.keys.get("target", 2)),
    ), []


def annotation_files(directory: Path) -> list[Path]:
    """The annotation files: every .md file except templates (names starting with _)."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.md") if not p.name.startswith("_"))


def declared_id(path: Path) -> tuple[str, int] | None:
    """The id a file declares and its line, if its front matter can be read at all."""
    try:
        parts = _split(path.read_text(encoding="utf-8").replace("\r\n", "\n"))
        data = yaml.load(parts[0], Loader=_NoAliasLoader) if parts else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return data["id"], _key_lines(parts[0]).keys.get("id", 2)
    return None


def _state(paths: list[Path]) -> tuple:
    """What identifies the files' current contents: name, size and modification time."""
    out = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def load_all(directory: Path) -> tuple[list[Annotation], list[Problem]]:
    """Parse every annotation file; also report an id that two files declare.

    A build asks several times (each chapter, each check); the files are parsed again
    only when one of them has changed."""
    files = annotation_files(directory)
    return _load_all(tuple(files), _state(files))


@functools.lru_cache(maxsize=4)
def _load_all(files: tuple[Path, ...], state: tuple) -> tuple[list[Annotation], list[Problem]]:
    found: list[Annotation] = []
    problems: list[Problem] = []
    owners: dict[str, Path] = {}
    for path in files:
        annotation, errors = parse_annotation(path)
        problems += errors
        declared = declared_id(path)
        if declared:
            ident, line = declared
            if ident in owners:
                problems.append(Problem(path, line, f"id {ident!r} is already used by "
                                                    f"{owners[ident].name}; ids must be unique"))
                annotation = None
            owners.setdefault(ident, path)
        if annotation:
            found.append(annotation)
    return found, problems
