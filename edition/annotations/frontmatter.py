"""An annotation's front matter: its YAML read once (values and the line of every field),
validated against the schema, and checked for what a schema cannot say (the id is the
file's name, the ORCID's check digit, a date that is not the template's or in the
future, a quote with invisible or decomposed characters). Every failure is a message at
the line of the field concerned.

Contributors' files can be careless or hostile: no YAML aliases (no "billion laughs");
libyaml's C composer where available.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import yaml

from edition.annotations.model import (
    SCHEMA,
    YAML_LOADER,
)


def split(text: str) -> tuple[str, str, int] | None:
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


#: An annotation's fields go 3 levels deep; deeper than 10 is refused before any walk.
FIELD_DEPTH, MAX_DEPTH = 3, 10


def read_front_matter(front: str) -> tuple[Any, dict[tuple, int]]:
    """The front matter's values, and the file line of every field (by its path, e.g.
    ("target", "exact") or ("authors", 0, "orcid")). One composition, for both."""
    node = _compose(front)
    if node is None:
        return None, {}
    lines = _field_lines(node)
    loader = YAML_LOADER("")
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise FrontMatterError(mark.line + 2 if mark else 2,
                               "the front matter is not valid YAML: "
                               f"{getattr(err, 'problem', None) or err}; write plain "
                               "values (text, dates, lists), no YAML tags (!!…)") from None
    except (ValueError, OverflowError) as err:  # e.g. a date like 2026-02-31
        raise FrontMatterError(_unreadable_scalar_line(node),
                               f"a value cannot be read: {err}; dates are YYYY-MM-DD, "
                               "and must exist") from None
    finally:
        loader.dispose()
    return data, lines


def _too_deep(levels: str) -> str:
    return (f"the front matter is nested {levels} levels deep; an annotation's fields are "
            f"at most {FIELD_DEPTH} levels deep (authors, then an author, then its name): "
            "remove the extra brackets or indentation")


def _compose(front: str) -> yaml.Node | None:
    """The front matter's YAML composed, or the message that says what is wrong, at its
    line: a tab is named as such; so is a nesting too deep for YAML itself."""
    try:
        return yaml.compose(front, Loader=YAML_LOADER)
    except RecursionError:  # a pure-Python composer recurses once per level
        raise FrontMatterError(2, _too_deep("hundreds of")) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        what = getattr(err, "problem", None) or str(err)
        line = mark.line + 2 if mark else 2
        if "nesting depth" in what:
            raise FrontMatterError(line, _too_deep("more than a thousand")) from None
        tab = _tab_line(front, mark.line if mark else None, what)
        if tab is not None:
            raise FrontMatterError(tab + 2, f"the front matter has a tab on line {tab + 2}: "
                                            "YAML indents with spaces; replace the tab with "
                                            "spaces") from None
        raise FrontMatterError(line, f"the front matter is not valid YAML: {what}") from None


def _tab_line(front: str, line: int | None, problem: str) -> int | None:
    """The line (from 0) of the tab that YAML stumbled on, if it was a tab."""
    rows = front.split("\n")
    if line is not None and "\t" in "".join(rows[line:line + 1]):
        return line
    tabs = (i for i, row in enumerate(rows) if "\t" in row)  # named, but elsewhere
    return next(tabs, None) if "tab" in problem else None


def _field_lines(node: yaml.Node) -> dict[tuple, int]:
    """The file line of every field, walked once, without recursion: an alias (the same
    node twice) and a nesting deeper than :data:`MAX_DEPTH` are refused."""
    lines: dict[tuple, int] = {(): 2}
    seen: set[int] = set()
    deepest, deep_line = 0, 2
    stack: list[tuple[yaml.Node, tuple, int]] = [(node, (), 2)]
    while stack:
        current, path, line = stack.pop()
        if id(current) in seen:  # the same node twice: only an alias does that
            raise FrontMatterError(line, "YAML aliases (*name) are not allowed in "
                                         "annotations")
        seen.add(id(current))
        if isinstance(current, yaml.CollectionNode) and len(path) + 1 > deepest:
            deepest = len(path) + 1
            if deepest == MAX_DEPTH + 1:
                deep_line = current.start_mark.line + 2
        # Children pushed last first: fields are visited in the file's order, so an
        # alias is met after the anchor it repeats.
        if isinstance(current, yaml.MappingNode):
            children = [((*path, str(key.value)), key, value)
                        for key, value in current.value]
        elif isinstance(current, yaml.SequenceNode):
            children = [((*path, index), value, value)
                        for index, value in enumerate(current.value)]
        else:
            children = []
        for child, mark, value in reversed(children):
            lines[child] = mark.start_mark.line + 2
            stack.append((value, child, lines[child]))
    if deepest > MAX_DEPTH:
        raise FrontMatterError(deep_line, _too_deep(f"{deepest:,}"))
    return lines


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


@functools.cache
def validator():
    """The schema's validator, made when a file is first read: a build in which no
    annotation file changed reads none, and does not import jsonschema (0.1 s)."""
    import jsonschema

    return jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _where(path: tuple) -> str:
    """How a message names the part of the front matter it is about."""
    if path[:1] == ("target",):
        return "target "
    if path[:1] == ("authors",) and len(path) > 1:
        return f"author {path[1] + 1}: "
    return ""


#: What each field holds, with an example, for a message about a missing one.
FIELD_EXAMPLES = {
    "id": "the note's name, as the file's without .md (e.g. id: source-gill-paraphrase)",
    "type": "what kind of note it is: commentary, source or textual (e.g. type: commentary)",
    "authors": "who wrote the note, a list (e.g. authors:, then a line   - name: Your Name)",
    "date": "the day you wrote the note, as YYYY-MM-DD (e.g. date: 2026-11-30)",
    "target": "the words the note is about (target:, then   chapter: chapters/01-stalins-"
              "legacy   and   exact: \"the words\", each on a line of its own)",
}


def schema_problems(data: Any, lines: dict[tuple, int]) -> list[tuple[int, str]]:
    """(line, message) for each way the front matter departs from the schema."""
    found: list[tuple[int, str]] = []
    for error in sorted(validator().iter_errors(_as_json(data)),
                        key=lambda e: [str(part) for part in e.path]):
        path = tuple(error.absolute_path)
        line = lines.get(path, lines.get(path[:1], 2))
        schema = error.schema
        if error.validator == "required":
            missing = [k for k in error.validator_value if k not in error.instance]
            for key in missing:
                if not path:
                    found.append((2, f"missing field {key!r}: {FIELD_EXAMPLES[key]}"
                                  if key in FIELD_EXAMPLES else f"missing field {key!r}"))
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
