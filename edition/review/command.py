"""``python -m edition review [BASE]``: what a change does to the edition since BASE.

The edition's folder as it stands (the working tree: what is committed and what is
not) and as the commit BASE has it (``trees.py``) are each read by a build that writes
nothing (``published.py``), with this tree's extension; their notes and register
entries are compared (``compare.py``) and the review written as Markdown
(``report.py``), with the problems ``check`` would report in the working tree. Every
path the change touches besides the notes' files and the registers is listed first
(``paths.py``); when the working tree's edition cannot be read at all, that list and
the reason are the review.
"""

from __future__ import annotations

import filecmp
import sys
from pathlib import Path

from edition.review.compare import review_of
from edition.review.paths import changed_paths, not_only_notes, top_and_prefix
from edition.review.published import Published, Unreadable, read_tree
from edition.review.report import Context, markdown
from edition.review.trees import ReviewError, commit_of, default_base, tree_at

#: The extension's folder in an edition that ships it beside conf.py, as this one does.
EXTENSION = "edition"


def _differ(left: Path, right: Path) -> bool:
    """Whether two folders differ in any file (compiled files aside)."""
    if not left.is_dir() or not right.is_dir():
        return left.is_dir() != right.is_dir()
    compared = filecmp.dircmp(left, right, ignore=["__pycache__"])
    if compared.left_only or compared.right_only or compared.funny_files:
        return True
    if filecmp.cmpfiles(left, right, compared.common_files, shallow=False)[1:] != ([], []):
        return True
    return any(_differ(left / sub, right / sub) for sub in compared.common_dirs)


def compare_with(root: Path, base: str) -> tuple[str, bool]:
    """(the review as Markdown, whether the working tree has problems)."""
    commit = commit_of(root, base)
    paths = changed_paths(root, commit)  # before any build: what the change touches
    try:
        head = read_tree(root)
        unreadable = False
    except Unreadable as err:
        head = Published(problems=f"The edition in the working tree cannot be read:\n"
                                  f"{err.problems}", failed=True)
        unreadable = True
    with tree_at(root, commit) as tree:
        try:
            before = read_tree(tree)
        except Unreadable as err:
            message = " ".join(err.problems.split())
            raise ReviewError(f"the edition at {base} cannot be read: {message}") from err
        tools_changed = _differ(tree / EXTENSION, root / EXTENSION)
    withheld = frozenset(note.id for note in before.notes.values()
                         if note.id not in head.notes and (root / note.file).is_file())
    # What counts as a note or a register is where BASE and the tree both put them.
    sources = [before.sources] + ([] if unreadable else [head.sources])
    prefix = top_and_prefix(root)[1]
    context = Context(base, commit, withheld, tools_changed,
                      paths=not_only_notes(paths, prefix, sources), prefix=prefix,
                      sources=before.sources, unreadable=unreadable)
    changes = review_of(before, head) if not unreadable else review_of(head, head)
    return markdown(changes, context, head.problems), head.failed


def review(root: Path, base: str | None, output: Path | None) -> int:
    """Write the review; 1 when the working tree has problems, 2 when no review can
    be made (BASE is not a commit, no git), else 0."""
    try:
        report, failed = compare_with(root, base or default_base(root))
    except ReviewError as err:
        print(f"edition review: {err}", file=sys.stderr)
        return 2
    if output:
        output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    if failed:
        print("Problems found: see the review's Problems (file:line: message).",
              file=sys.stderr)
    return 1 if failed else 0
