"""`python -m edition review BASE`: what a change does to the edition, on a git copy of
the edition with a sample change (a note added, one changed, one removed, a person and a
date of the chronology edited), and with a broken note. Each review builds the edition
twice (BASE and the working tree), writing nothing."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from edition.cli import main
from tests.commands import edition, edition_process
from tests.outputs import ROOT, copy_project
from tests.project import edit

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}

NEW_NOTE = """\
---
id: commentary-desired-results
type: commentary
authors:
  - name: A. Reviewer
date: 2026-11-20
target:
  chapter: chapters/03-speeches
  exact: "the desired results"
---
Which results were desired is not said {cite:p}`taubman2003khrushchev{45}`.
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], env=GIT_ENV, check=True,
                           capture_output=True, text=True).stdout


def committed_copy(dest: Path) -> Path:
    """A copy of the edition in a new git repository: a first, empty commit (no
    edition in it), then the edition, on `main`."""
    repo = copy_project(dest)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "empty")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the edition")
    return repo


def git_state(repo: Path) -> tuple:
    """What the review must leave as it was: the status, the index, the worktrees."""
    return (git(repo, "status", "--porcelain", "--untracked-files=all"),
            (repo / ".git" / "index").read_bytes(), git(repo, "worktree", "list"))


def run_review(repo: Path, *args: str) -> tuple[int, str]:
    """(exit status, the review) of `review` on `repo`, in this process."""
    out = repo.parent / "review.md"
    status = main(["--root", str(repo), "review", *args, "-o", str(out)])
    return status, out.read_text(encoding="utf-8") if out.exists() else ""


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The edition committed, then changed in the working tree (not committed: the
    review reads the working tree as it stands), and reviewed against `main`, the
    default BASE where there is no origin/main."""
    repo = committed_copy(tmp_path_factory.mktemp("review"))
    (repo / "annotations" / "commentary-desired-results.md").write_text(NEW_NOTE,
                                                                        encoding="utf-8")
    reign = repo / "annotations" / "commentary-reign.md"
    reign.write_text(edit(reign, "Neither Stalin nor Khrushchev was a monarch",
                          "Neither Stalin nor Khrushchev was ever a monarch"), encoding="utf-8")
    (repo / "annotations" / "source-rush-61.md").unlink()
    persons = repo / "registers" / "persons.yaml"
    persons.write_text(edit(persons, "defeated June 1957\n  role: >-\n    Chairman",
                            "defeated 29 June 1957\n  role: >-\n    Chairman"),
                       encoding="utf-8")
    chronology = repo / "registers" / "chronology.yaml"
    chronology.write_text(edit(chronology, "Death of Stalin {cite", "Stalin dies {cite"),
                          encoding="utf-8")
    before = git_state(repo)
    temporary = tmp_path_factory.mktemp("tmp")
    tempfile.tempdir, kept = str(temporary), tempfile.tempdir
    try:
        status, report = run_review(repo)
    finally:
        tempfile.tempdir = kept
    return {"status": status, "report": report, "repo": repo, "before": before,
            "after": git_state(repo), "left": list(temporary.iterdir())}


def section(report: str, heading: str) -> str:
    """The part of the review under `heading`, up to the next heading of its level."""
    level = heading.split(" ")[0]
    part = report.split(f"\n{heading}")[1]
    return part.split(f"\n{level} ")[0]


def test_the_review_says_what_it_compares_and_that_there_is_no_problem(sample):
    report = sample["report"]
    assert sample["status"] == 0, report
    assert report.startswith("## What this change does to the edition\n")
    assert "Compared with `main` (commit `" in report
    assert ("notes: 1 added, 1 changed, 1 removed; index of persons: 1 changed; "
            "chronology: 1 changed.") in report
    assert "No problems found." in report and "### Problems" not in report
    assert "The extension (`edition/`) differs" not in report


def test_an_added_note_is_given_where_it_stands_and_as_readers_read_it(sample):
    added = section(sample["report"], "### Notes added (1)")
    assert "#### `commentary-desired-results`" in added
    assert ("Commentary · [Khrushchev’s speeches against Stalin] · ¶ 3 · note 4 · "
            "lemma “the desired results” (`annotations/commentary-desired-results.md`)"
            ) in added
    # The citation as readers see it, never its source.
    assert "> Which results were desired is not said (Taubman 45)." in added
    assert "{cite" not in sample["report"] and "taubman2003khrushchev" not in sample["report"]


def test_a_changed_note_gives_its_text_now_and_before(sample):
    changed = section(sample["report"], "### Notes changed (1)")
    assert "#### `commentary-reign`: the text changed" in changed
    assert "In the text: “Khrushchev was a monarch” → “Khrushchev was ever a monarch”." \
        in changed
    now, before = changed.split("\nBefore: ")
    assert "Now: Commentary · [Stalin’s legacy and a new leadership] · ¶ 1 · " in now
    assert "lemma “during his reign”" in now
    assert "> Neither Stalin nor Khrushchev was ever a monarch" in now
    assert "> Neither Stalin nor Khrushchev was a monarch" in before
    # The citation of the note, rendered, in both.
    assert now.count("(see Taubman)") == before.count("(see Taubman)") == 1


def test_a_removed_note_is_given_as_it_was(sample):
    removed = section(sample["report"], "### Notes removed (1)")
    assert "#### `source-rush-61`\n" in removed
    assert "· ¶ 2 · note 10 · lemma “(Rush 61)” (`annotations/source-rush-61.md`)" in removed
    assert "(Rush, Political Succession)" in removed


def test_register_entries_changed_are_listed_with_before_and_after(sample):
    persons = section(sample["report"], "### Index of persons: 1 changed")
    assert ("- changed (the heading): **Malenkov (premier 5 March 1953 – 8 February 1955; "
            "defeated 29 June 1957)**") in persons
    assert "  - before: **Malenkov (premier 5 March 1953 – 8 February 1955; defeated June " \
           "1957)**" in persons
    chronology = section(sample["report"], "### Chronology: 1 changed")
    assert "- changed (the text): **5 March 1953** — Stalin dies (see Rubenstein)." in chronology
    assert "  - before: **5 March 1953** — Death of Stalin (see Rubenstein)." in chronology


def test_the_review_leaves_the_repository_as_it_was_and_no_folder_behind(sample):
    assert sample["after"] == sample["before"]
    assert sample["left"] == []


def test_a_broken_note_is_reported_with_its_file_and_line_and_fails(tmp_path):
    repo = committed_copy(tmp_path)
    note = repo / "annotations" / "commentary-reign.md"
    note.write_text(edit(note, 'exact: "during his reign"', 'exact: "during his rein"'),
                    encoding="utf-8")
    with (repo / "edition" / "__init__.py").open("a", encoding="utf-8") as module:
        module.write("# a change to the extension\n")
    status, report = run_review(repo, "main")
    assert status == 1
    assert "**Problems found**" in report and "No problems found" not in report
    # Both trees are read with this one's extension: the review says so.
    assert "The extension (`edition/`) differs from the one at the base." in report
    problems = section(report, "### Problems")
    assert "annotations/commentary-reign.md:9: WARNING: " in problems, problems
    assert "[edition.anchor]" in problems
    assert str(repo) not in report  # paths relative to the edition
    # Its file is still there: not "removed", but not published while it is broken.
    removed = section(report, "### Notes removed (1)")
    assert ("#### `commentary-reign` — not published now: its file has a problem (see "
            "Problems)") in removed


def cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return edition(*args, env={**GIT_ENV, **env})


@pytest.mark.parametrize("base", ["no-such-branch", "-rf", "HEAD~5"])
def test_a_base_that_is_no_commit_gives_one_line_and_exit_2(tmp_path, base):
    repo = committed_copy(tmp_path)
    proc = cli("--root", str(repo), "review", "--", base)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"edition review: {base!r} is not a commit")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_a_base_without_the_edition_gives_one_line_and_exit_2(tmp_path):
    repo = committed_copy(tmp_path)
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # In a new process, as a contributor's shell runs it (the temporary folder is read
    # from TMPDIR once per process).
    proc = edition_process("--root", str(repo), "review", first, cwd=ROOT,
                           env={**GIT_ENV, "TMPDIR": str(temporary)})
    assert proc.returncode == 2
    assert proc.stderr == (f"edition review: commit {first[:12]} has no conf.py: it holds "
                           "no edition to compare with\n")
    assert list(temporary.iterdir()) == []


def test_outside_a_repository_the_review_says_so(tmp_path):
    proc = cli("--root", str(tmp_path), "review", "main",
               GIT_CEILING_DIRECTORIES=str(tmp_path.parent))
    assert proc.returncode == 2
    assert proc.stderr == f"edition review: {tmp_path} is not in a git repository\n"


def test_the_help_says_when_the_review_fails():
    proc = cli("review", "--help")
    flat = " ".join(proc.stdout.split())
    assert "1 when the working tree has problems" in flat
    assert "2 when BASE is not a commit" in flat


def test_text_from_the_edition_never_becomes_markup():
    from edition.review.report import escape, quoted

    assert escape("*a* _b_ `c` [d](e) [f]: g <b>h</b> ~i~ x|y &amp; [j]") == (
        "\\*a\\* \\_b\\_ \\`c\\` [d\\](e) [f\\]: g \\<b\\>h\\</b\\> \\~i\\~ x\\|y \\&amp; [j]")
    assert escape("# 1\n- 2\n3. 4\n> 5") == "\\# 1\n\\- 2\n3\\. 4\n\\> 5"
    assert quoted("one\n\ntwo") == "> one\n>\n> two"


def test_a_changed_text_is_shown_word_by_word_the_first_few_differences():
    from edition.review.report import MOST_CHANGES, word_list

    # Differences two words apart or closer go together, with two words either side.
    assert word_list("Zero one two three four.", "Zero one two, three five.") == (
        "In the text: “one two three four.” → “one two, three five.”.")
    before = " ".join(f"w{i} a b c d e x{i}" for i in range(MOST_CHANGES + 2))
    after = before.replace("x", "q")
    assert word_list(before, after).endswith("; and 2 more.")
