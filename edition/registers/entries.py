"""The registers' files read as untrusted input (no Sphinx): each entry with its line,
checked as strictly as a note.

A register is a YAML list of entries. The file is refused whole when it is a symbolic
link, larger than :data:`MAX_BYTES` (checked before it is read), not UTF-8, not YAML, or
uses aliases; an entry is refused (and not published) when it has a field the register
does not know, a field that is not text, a plain field (a name, a date) with a line
break or an invisible character, or MyST (a role, an event) that the policy for
contributed text refuses (``trust/markup.py``): raw HTML, directives, images, links
that are not https or to the edition's pages.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from edition.annotations.bodycheck import default_markdown
from edition.annotations.model import BIDI_CONTROLS, CONTROLS, YAML_LOADER
from edition.trust.glyphs import unprintable
from edition.trust.markup import markup_problems

MAX_BYTES = 256 * 1024
#: How deep an entry's YAML may nest: a list of entries, each of fields, `mentions` a list.
MAX_DEPTH = 4

Problems = list[tuple[str, str]]  # (location, message)


@dataclass(frozen=True)
class Register:
    """What a register's fields are: those given as text shown as it is (``plain``),
    those read as MyST (``markup``), lists of names (``lists``), and which are needed."""

    name: str
    required: tuple[str, ...]
    plain: tuple[str, ...]
    markup: tuple[str, ...]
    lists: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.plain, *self.markup, *self.lists)


PERSONS = Register("the index of persons", ("id", "name", "dates", "role"),
                   ("id", "name", "dates", "index"), ("role",), ("mentions",))
CHRONOLOGY = Register("the chronology", ("date", "event"), ("date",), ("event",))


@dataclass(frozen=True)
class Item:
    """One entry that passed every check, with the line where it starts."""

    fields: dict
    line: int


def _refused(path: Path, message: str, line: int = 1) -> tuple[list[Item], Problems]:
    return [], [(f"{path}:{line}", message)]


def _text(path: Path) -> tuple[str | None, Problems]:
    """The file's text, if it can be read safely."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None, []
    except OSError as err:
        return None, [(f"{path}:1", f"{path.name} cannot be read: {err.strerror}")]
    if os.path.islink(path):
        return None, [(f"{path}:1", f"{path.name} is a symbolic link; a register must be a "
                                    "file of the project itself")]
    if status.st_size > MAX_BYTES:
        return None, [(f"{path}:1", f"{path.name} is {status.st_size:,} bytes; a register "
                                    f"may have at most {MAX_BYTES:,}")]
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        return None, [(f"{path}:{line}", f"{path.name} is not UTF-8 text; save it as UTF-8")]
    unprinted = unprintable(text)
    if unprinted is not None:
        return None, [(f"{path}:{unprinted[0]}", f"{path.name}: {unprinted[1]}")]
    hidden = BIDI_CONTROLS.search(text) or CONTROLS.search(text)
    if hidden:
        line = text.count("\n", 0, hidden.start()) + 1
        return None, [(f"{path}:{line}", f"{path.name} contains an invisible control "
                                         f"character (U+{ord(hidden.group()):04X}); "
                                         "remove it")]
    return text, []


def _composed(path: Path, text: str) -> tuple[yaml.Node | None, Problems]:
    """The YAML node tree, refused if it uses aliases or nests too deep."""
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
    except RecursionError:
        return None, [(f"{path}:1", f"{path.name} nests too deep to be a register")]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(err, "problem", None) or err
        lines = text.split("\n")
        if "\t" in (lines[line - 1] if line <= len(lines) else ""):
            what = "it has a tab on this line: YAML indents with spaces; replace the tab"
        return None, [(f"{path}:{line}", f"{path.name} is not valid YAML: {what}")]
    seen: set[int] = set()
    stack = [(node, 1)] if node is not None else []
    while stack:
        current, depth = stack.pop()
        line = current.start_mark.line + 1
        if id(current) in seen:
            return None, [(f"{path}:{line}", "YAML aliases (*name) are not allowed in a "
                                             "register: write each value out")]
        if depth > MAX_DEPTH:
            return None, [(f"{path}:{line}", f"{path.name} nests deeper than a register's "
                                             "entries do: a list of entries, each of fields")]
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            stack += [(v, depth + 1) for pair in current.value for v in pair]
        elif isinstance(current, yaml.SequenceNode):
            stack += [(v, depth + 1) for v in current.value]
    return node, []


def _hidden_character(value: str) -> str | None:
    """The first character a plain field may not hold: a line break or other control,
    or an invisible one (zero-width spaces and joiners, bidirectional marks, soft
    hyphen), as U+XXXX."""
    for char in value:
        if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}:
            return f"U+{ord(char):04X}"
    return None


def _entry_problems(item: dict, register: Register) -> list[tuple[str | None, str]]:
    """(the field concerned, or None for the entry, message) for each problem."""
    found: list[tuple[str | None, str]] = []
    for key in sorted(str(k) for k in item if k not in register.fields):
        found.append((key, f"unknown field {key!r} in an entry of {register.name}; the "
                           f"fields are {', '.join(register.fields)}"))
    missing = [k for k in register.required if not isinstance(item.get(k), str)
               or not item[k].strip()]
    if missing:
        found.append((missing[0] if missing[0] in item else None,
                      f"an entry of {register.name} needs "
                      f"{', '.join(f'`{k}`' for k in register.required)} (text); "
                      f"`{missing[0]}` is missing or not text"))
    for key in register.plain:
        value = item.get(key)
        if key in item and not isinstance(value, str):
            found.append((key, f"`{key}` must be text"))
        elif isinstance(value, str) and _hidden_character(value):
            found.append((key, f"`{key}` holds a line break or an invisible character "
                               f"({_hidden_character(value)}); write it on one line, as "
                               "readers see it"))
    for key in register.lists:
        value = item.get(key)
        if value is not None and not (isinstance(value, list) and all(
                isinstance(v, str) and v.strip() and not _hidden_character(v)
                for v in value)):
            found.append((key, f"`{key}` must be a list of names, each on one line, e.g. "
                               "[Joseph Stalin, Stalin]"))
    for key in register.markup:
        if isinstance(item.get(key), str):
            found += [(key, f"`{key}`: {message}") for _, message in
                      markup_problems(default_markdown().parse(item[key]),
                                      "a register entry")]
    return found


def read_register(path: Path, register: Register) -> tuple[list[Item], Problems]:
    """The entries of a register file that pass every check, and the problems of the
    others, each at the line of the field concerned (or of its entry)."""
    text, problems = _text(path)
    if text is None:
        return [], problems
    node, problems = _composed(path, text)
    if node is None:
        return [], problems
    if not isinstance(node, yaml.SequenceNode):
        return _refused(path, f"{path.name} must be a list of entries (each line '- …')")
    loader = YAML_LOADER("")
    items, problems = [], []
    try:
        for child in node.value:
            line = child.start_mark.line + 1
            try:
                value = loader.construct_object(child, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError) as err:
                problems.append((f"{path}:{line}", f"an entry cannot be read: {err}"))
                continue
            if not isinstance(value, dict):
                problems.append((f"{path}:{line}", f"each entry of {register.name} is "
                                                   "fields (key: value)"))
                continue
            found = _entry_problems(value, register)
            problems += [(f"{path}:{_field_line(child, key, line) if key else line}",
                          f"{message} (the entry is not published until it is mended)")
                         for key, message in found]
            if not found:
                items.append(Item(value, line))
    finally:
        loader.dispose()
    return items, problems


def _field_line(node: yaml.Node, key: str, default: int) -> int:
    if isinstance(node, yaml.MappingNode):
        for name, _ in node.value:
            if name.value == key:
                return name.start_mark.line + 1
    return default
