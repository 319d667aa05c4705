"""Annotations: every bad input fails with a located message; good ones render in
every format, in parallel and incremental builds."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.annotations import files
from edition.annotations.files import parse_annotation
from tests.project import ROOTS, copy_root

ROOT = ROOTS / "test-edition"
NOTE = "annotations/note-steps.md"
GOOD = (ROOT / NOTE).read_text(encoding="utf-8")


def build(make_app, tmp_path, changes=None, builder="html", **kwargs):
    srcdir = copy_root("edition", tmp_path, changes)
    app = make_app(builder, srcdir=srcdir, freshenv=True, **kwargs)
    app.build()
    return app


def note_with(old: str, new: str) -> str:
    assert GOOD.count(old) == 1, old
    return GOOD.replace(old, new)


# -- bad input: each a fixture, each a located message --------------------------------

BAD_NOTES = {
    "malformed-yaml": (note_with("type: source", "type: [source"), 4,
                       "the front matter is not valid YAML"),
    "no-front-matter": ("Just a note.\n", 1, "no front matter"),
    "missing-field": (note_with("type: source\n", ""), 2,
                      "missing field 'type': what kind of note it is: commentary, source or "
                      "textual (e.g. type: commentary)"),
    "unknown-field": (note_with("type: source", "type: source\ncolour: red"), 4,
                      "unknown field 'colour'"),
    "unknown-type": (note_with("type: source", "type: gossip"), 3,
                     "unknown type 'gossip'; use one of commentary, source, textual"),
    "id-differs-from-file": (note_with("id: note-steps", "id: note-other"), 2,
                             "id 'note-other' differs from the file name 'note-steps.md'"),
    "bad-orcid": (note_with("0000-0002-1825-0097", "0000-0002-1825-0098"), 6,
                  "author 1: '0000-0002-1825-0098' is not a valid ORCID iD"),
    "malformed-orcid": (note_with("0000-0002-1825-0097", "0000-0002-1825"), 6,
                        "author 1: '0000-0002-1825' is not a valid ORCID iD"),
    "authors-not-a-list": (note_with("  - name: A. Contributor\n    orcid: 0000-0002-1825-0097\n",
                                     "").replace("authors:\n", "authors: A. Contributor\n"),
                           4, "authors must be a list of at least one author"),
    "unknown-target-field": (note_with('exact: "Steps were small"',
                                       'exact: "Steps were small"\n  lemma: "x"'), 11,
                             "unknown target field 'lemma'; a target has chapter, exact"),
    "quote-not-text": (note_with('exact: "Steps were small"', "exact: [Steps]"), 10,
                       "target needs `exact`"),
    "bad-date": (note_with("date: 2026-11-26", "date: yesterday"), 7,
                 "must be a date as YYYY-MM-DD"),
    "impossible-date": (note_with("date: 2026-11-26", "date: 2026-02-31"), 7,
                        "a value cannot be read: day is out of range for month"),
    "template-date": (note_with("date: 2026-11-26", "date: YYYY-MM-DD"), 7,
                      "the date is still the template's YYYY-MM-DD: write the day you "
                      "wrote the note"),
    "future-date": (note_with("date: 2026-11-26", "date: 2999-01-01"), 7,
                    "the date 2999-01-01 is in the future"),
    "chapter-outside-project": (note_with("chapter: chapters/01-essay",
                                          "chapter: ../../etc/passwd"), 9,
                                "must name a chapter of the edition"),
    "empty-quote": (note_with('exact: "Steps were small"', 'exact: ""'), 10,
                    "target needs `exact`"),
    "raw-html": (note_with("A note that cites", "A <b>bold</b> note that cites"), 12,
                 "raw HTML is not allowed in a note"),
    "raw-html-block": (GOOD + "\n<script>alert(1)</script>\n", 14,
                       "raw HTML is not allowed in a note"),
    "raw-directive": (GOOD + "\n```{raw} html\n<i>x</i>\n```\n", 14,
                      "the directive {raw} is not allowed in a note"),
    "raw-role": (note_with("A note that cites", "A {raw-html}`<i>x</i>` note that cites"),
                 12, "the role {raw-html} is not allowed in a note"),
    "heading": (GOOD + "\n# A heading\n", 14, "headings are not allowed in a note: a note is "
                "a few paragraphs; begin a paragraph with its subject in bold"),
    "colon-fence-directive": (GOOD + "\n:::{raw} html\n<i>x</i>\n:::\n", 14,
                              "the directive {raw} is not allowed in a note"),
    "bidi-control": (note_with("A note that cites", "A note \u202ethat cites"), 12,
                     "invisible bidirectional control character (U+202E)"),
    "empty-body": (GOOD.split("---\n")[0] + "---\n" + GOOD.split("---\n")[1] + "---\n\n",
                   12, "the note is empty"),
    "yaml-alias-bomb": (note_with("type: source", "type: &a source\nextra: *a"), 4,
                        "YAML aliases (*name) are not allowed"),
    # What newcomers write for a page (issue 20): each told the form to write.
    "cite-comma-page": (note_with("rush1965succession{12}", "rush1965succession, p. 12"), 12,
                        "a page goes in braces right after the key, with no space or "
                        "punctuation: {cite:p}`rush1965succession{59}`"),
    "cite-space-page": (note_with("rush1965succession{12}", "rush1965succession 12"), 12,
                        "{cite:p}`rush1965succession{59}`"),
    "cite-parenthesis": (note_with("rush1965succession{12}", "rush1965succession (12)"), 12,
                         "a page goes in braces right after the key"),
    "cite-brackets": (note_with("rush1965succession{12}", "rush1965succession[12]"), 12,
                      "a page goes in braces right after the key"),
    "cite-p-locator": (note_with("rush1965succession{12}", "rush1965succession{p. 12}"), 12,
                       'MLA gives the page alone, without "p.": '
                       "{cite:p}`rush1965succession{59}` (or {59–61})"),
    # Issue 29: front matter nested a thousand deep ended in a RecursionError, no file named.
    "deep-list": (note_with("type: source", "type: source\nextra: " + "[" * 999 + "]" * 999),
                  4, "the front matter is nested 1,000 levels deep; an annotation's fields "
                     "are at most 3 levels deep"),
    "deep-mapping": (note_with("type: source", "type: source\nextra: " + "{a: " * 990
                               + "}" * 990), 4, "the front matter is nested 991 levels deep"),
    "deeper-than-yaml": (note_with("type: source", "type: source\nx: " + "[" * 1100
                                   + "]" * 1100), 4,
                         "the front matter is nested more than a thousand levels deep"),
    # ...and what a newcomer's walkthrough met: PyYAML's words for a tab, names that are none.
    "tab-indent": (note_with("  - name: A.", "\t- name: A."), 5,
                   "the front matter has a tab on line 5: YAML indents with spaces; replace "
                   "the tab with spaces"),
    "tab-in-target": (note_with("  exact:", "\texact:"), 10,
                      "the front matter has a tab on line 10"),
    "empty-name": (note_with("name: A. Contributor", 'name: ""'), 5,
                   "author 1: an author's name must be written out (not empty, nor only "
                   "spaces or invisible characters): write the name as you wish to be "
                   "credited"),
    "blank-name": (note_with("name: A. Contributor", 'name: "  "'), 5,
                   "an author's name must be written out"),
    "invisible-name": (note_with("name: A. Contributor", 'name: "\u200b\u2060\ufeff"'), 5,
                       "an author's name must be written out"),
    "template-name-in-lower-case": (note_with("name: A. Contributor", "name: your name"), 5,
                                    "author 1: the name is still the template's 'Your Name': "
                                    "write your name as you wish to be credited"),
    "placeholder-name": (note_with("name: A. Contributor", "name: <Name>"), 5,
                         "author 1: '<Name>' is a placeholder, not a name: write your name as "
                         "you wish to be credited"),
}


@pytest.mark.parametrize(("text", "line", "message"), BAD_NOTES.values(), ids=BAD_NOTES)
def test_bad_annotation_is_a_located_problem(tmp_path, text, line, message):
    """The file reader (no Sphinx) finds each mistake, at its line."""
    folder = tmp_path / "annotations"
    folder.mkdir()
    (tmp_path / NOTE).write_text(text, encoding="utf-8")
    problems = files.load_all(folder).problems
    assert [p for p in problems if p.line == line and message in p.message], problems
    assert {p.path for p in problems} == {tmp_path / NOTE}


#: A few of the mistakes through a whole build, to show the wiring: the reader's problems
#: become located warnings of the build (front matter, body, date, fenced directive).
BUILT = ("malformed-yaml", "missing-field", "future-date", "raw-directive",
         "colon-fence-directive", "cite-comma-page", "cite-brackets", "deep-list",
         "tab-indent", "invisible-name")


@pytest.mark.parametrize("name", BUILT)
def test_bad_annotation_fails_the_build_with_a_located_error(make_app, tmp_path, name):
    text, line, message = BAD_NOTES[name]
    app = build(make_app, tmp_path, {NOTE: text})
    warnings = app.warning.getvalue()
    assert f"{NOTE}:{line}: WARNING: " in warnings, warnings
    assert message in warnings
    assert "[edition.annotation]" in warnings
    assert "Traceback" not in warnings


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    (tmp_path / NOTE).write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    collection = files.load_all(folder)
    assert collection.problems == () and [n.id for n in collection.notes] == ["note-steps"]


@pytest.mark.parametrize(("name", "message"), [
    ("drafts/note-steps.md", "this file is not read: notes stand directly in annotations/ "
                             "(move it to annotations/note-steps.md when it is ready)"),
    ("note-steps.markdown", "rename it to note-steps.md"),
    ("note-steps.MD", "rename it to note-steps.md"),
    ("note-steps.md.txt", "rename it to note-steps.md"),
], ids=["subfolder", "markdown", "upper-case", "txt"])
def test_a_note_that_would_not_be_read_is_named(tmp_path, name, message):
    folder = tmp_path / "annotations"
    (folder / name).parent.mkdir(parents=True)
    (folder / name).write_text(GOOD, encoding="utf-8")
    (folder / "_template.md").write_text("a template", encoding="utf-8")
    problems = files.load_all(folder).problems
    assert [(p.path.name, p.line) for p in problems] == [(Path(name).name, 1)]
    assert message in problems[0].message


def test_a_note_that_would_not_be_read_fails_the_build(make_app, tmp_path):
    app = build(make_app, tmp_path, {"annotations/drafts/note-new.md": GOOD})
    assert "annotations/drafts/note-new.md:1: WARNING: this file is not read" in \
        app.warning.getvalue()


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.md"
    path.write_text(GOOD + "x" * 70_000)
    annotation, problems = parse_annotation(path)
    assert annotation is None and "at most 65,536" in problems[0].message


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    """Its size is known first, and at most a note's worth of it is ever read: a sparse
    file of 100 MB (no disk taken) costs no 100 MB of memory (issue 29)."""
    import tracemalloc

    path = tmp_path / "huge.md"
    with path.open("wb") as file:
        file.write(GOOD.encode())
        file.truncate(100_000_000)
    tracemalloc.start()
    try:
        annotation, problems = parse_annotation(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert annotation is None and [(p.line, p.message) for p in problems] == [
        (1, "the file is 100,000,000 bytes; an annotation may have at most 65,536")]
    assert peak < 2_000_000


@pytest.mark.parametrize("target", ["outside.md", "missing.md", "folder", "/dev/zero"],
                         ids=["file-outside", "dangling", "folder", "device"])
def test_a_symbolic_link_is_refused_and_never_followed(tmp_path, target):
    """A link named like a note is refused, whatever it leads to (a file outside the
    folder, nothing, a folder, a device), and what it leads to is not read; before,
    a link to a file was read from wherever it led, and the others were left out
    without a word (issue 29)."""
    folder = tmp_path / "annotations"
    folder.mkdir()
    (tmp_path / "outside.md").write_text(GOOD.replace("Steps were small", "CANARY"),
                                         encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (folder / "note-steps.md").symlink_to(target if target.startswith("/")
                                          else tmp_path / target)
    collection = files.load_all(folder)
    assert collection.notes == ()
    assert [(p.path.name, p.line, p.message) for p in collection.problems] == [
        ("note-steps.md", 1, "note-steps.md is a symbolic link; a note must be a file of "
                             "its own in annotations/ (put the note there, not a link)")]


def test_a_symbolic_link_elsewhere_in_the_folder_is_named(tmp_path):
    folder = tmp_path / "annotations"
    (folder / "drafts").mkdir(parents=True)
    (folder / "drafts" / "a-draft.md").symlink_to(tmp_path / "nowhere.md")
    (folder / "more").symlink_to(tmp_path)
    problems = files.load_all(folder).problems
    assert [(p.path.name, p.message) for p in problems] == [
        ("a-draft.md", "a-draft.md is a symbolic link, and is not read: a note must be a "
                       "file of its own in annotations/"),
        ("more", "more is a symbolic link, and is not read: a note must be a file of its "
                 "own in annotations/")]


def test_non_utf8_file_is_refused(tmp_path):
    path = tmp_path / "latin.md"
    path.write_bytes(GOOD.encode() + "\ncaf\xe9".encode("latin-1"))
    annotation, problems = parse_annotation(path)
    assert annotation is None and "not UTF-8" in problems[0].message
    assert problems[0].line == 14


def test_duplicate_id(make_app, tmp_path):
    other = "annotations/note-two.md"
    w = build(make_app, tmp_path, {other: GOOD}).warning.getvalue()
    # note-two.md declares note-steps too: its id differs from its name, and is taken.
    assert f"{other}:2: WARNING: id 'note-steps' differs from the file name" in w
    assert f"{other}:2: WARNING: id 'note-steps' is already the id of note-steps.md" in w


def test_a_reused_id_blames_the_newcomer_not_the_note_named_after_it(tmp_path):
    """a-new.md sorts before note-steps.md and declares its id: the note that has the id
    as its name stays; the newcomer is told to choose another (issue 29)."""
    folder = tmp_path / "annotations"
    folder.mkdir()
    (tmp_path / NOTE).write_text(GOOD, encoding="utf-8")
    (folder / "a-new.md").write_text(GOOD.replace("Steps were small", "Tools were used"),
                                     encoding="utf-8")
    collection = files.load_all(folder)
    assert [n.id for n in collection.notes] == ["note-steps"]
    assert {p.path.name for p in collection.problems} == {"a-new.md"}
    assert [p.message for p in collection.problems if p.line == 2
            and p.message.startswith("id 'note-steps' is already")] == [
        "id 'note-steps' is already the id of note-steps.md (which stays in the edition); "
        "choose another id for a-new.md, and name the file after it"]


def test_target_chapter_that_does_not_exist(make_app, tmp_path):
    text = note_with("chapter: chapters/01-essay", "chapter: chapters/09-missing")
    w = build(make_app, tmp_path, {NOTE: text}).warning.getvalue()
    assert f"{NOTE}:9: WARNING: target chapter 'chapters/09-missing' does not exist" in w
    assert "annotations target the essay's chapters: chapters/01-essay, chapters/02-essay" in w


def test_target_that_is_not_an_essay_chapter(make_app, tmp_path):
    text = note_with("chapter: chapters/01-essay", "chapter: chapters/index")
    w = build(make_app, tmp_path, {NOTE: text}).warning.getvalue()
    assert "target chapter 'chapters/index' does not exist" in w


@pytest.mark.parametrize(
    ("exact", "extra", "message"),
    [
        ("Steps were tiny", "", "the quote 'Steps were tiny' is not in chapters/01-essay. "
         "Perhaps the closest words in the chapter are \u201cSteps were small\u201d, and "
         "the quote differs from them: it has \u201ctiny\u201d for \u201csmall\u201d."),
        ("Steps small", "", "the closest words in the chapter are \u201cSteps were "
         "small\u201d, and the quote differs from them: it leaves out \u201cwere\u201d."),
        ("Steps were very small", "", "\u201cSteps were small\u201d, and the quote differs "
         "from them: it adds \u201cvery\u201d."),
        ("Stpes were small", "", "it has \u201cStpes\u201d for \u201cSteps\u201d."),
        ("A second paragraph", "", "Perhaps the quote is in chapters/02-essay: set "
         "`target.chapter` to chapters/02-essay."),
        ("Tools were used [sic]", "", "Perhaps leave out \u201c[sic]\u201d: editorial signs "
         "such as [\u2026] and [sic] are not part of the essay's words."),
        ("Completely unrelated words about cats", "",
         "the quote 'Completely unrelated words about cats' is not in chapters/01-essay. "
         "[edition.anchor]"),
        ("steps were small", "", "Perhaps the capitalization differs"),
        ("Steps  were small", "", "Perhaps the spaces differ"),
        ("were", "", "occurs 2 times in chapters/01-essay; add a `prefix`"),
        ("Steps were small", '\n  prefix: "nothing like this "',
         "is found, but not with this prefix/suffix"),
        ("small (Rush", "", "cannot be marked: the quote begins or ends inside markup"),
        ("Rush", "", "cannot be marked: the quote lies inside a citation's link"),
    ],
    ids=["typo-changed", "dropped-word", "added-word", "typo", "wrong-chapter",
         "editorial-sign", "nothing-close", "case", "spaces", "several", "prefix",
         "split-markup", "inside-link"],
)
def test_quote_that_does_not_anchor(make_app, tmp_path, exact, extra, message):
    text = note_with('exact: "Steps were small"', f'exact: "{exact}"{extra}')
    w = build(make_app, tmp_path, {NOTE: text}).warning.getvalue()
    assert f"{NOTE}:10: WARNING: " in w and message in w and "[edition.anchor]" in w


def test_straight_quotes_hint(make_app, tmp_path):
    essay = ROOT / "chapters/01-essay.md"
    changes = {"chapters/01-essay.md": essay.read_text().replace("Tools were used",
                                                                 "\u201cTools\u201d were used"),
               "witness.txt": (ROOT / "witness.txt").read_text().replace(
                   "Tools were used", "\u201cTools\u201d were used")}
    changes[NOTE] = note_with('exact: "Steps were small"', """exact: '"Tools" were used'""")
    w = build(make_app, tmp_path, changes).warning.getvalue()
    assert "the quotation marks or apostrophes differ" in w


@pytest.mark.parametrize(("chapter", "advice"), [
    ("chapters/01-essay", "quote only the words in chapters/01-essay (\u201cThe words run "
                          "on.\u201d), or only those in chapters/02-essay (\u201cA second "
                          "paragraph\u201d, with `target.chapter` set to chapters/02-essay)."),
    ("chapters/02-essay", "quote only the words in chapters/01-essay (\u201cThe words run "
                          "on.\u201d, with `target.chapter` set to chapters/01-essay), or only "
                          "those in chapters/02-essay (\u201cA second paragraph\u201d)."),
], ids=["from-its-chapter", "into-its-chapter"])
def test_a_quote_that_runs_into_the_next_chapter_is_explained(make_app, tmp_path, chapter,
                                                               advice):
    """Its words begin at the end of one chapter and go on at the start of the next: the
    message says so, and which words lie in each (a newcomer's walkthrough, issue 29).
    The first chapter ends here with a sentence, its lacuna taken out."""
    essay = ROOT / "chapters/01-essay.md"
    changes = {
        "chapters/01-essay.md": essay.read_text().replace("{gap}`host-marker`", "words run on."),
        "witness.txt": (ROOT / "witness.txt").read_text().replace(
            "\u2026show more content\u2026", "words run on."),
        NOTE: note_with('exact: "Steps were small"',
                        'exact: "The words run on. A second paragraph"').replace(
                            "chapters/01-essay", chapter)}
    w = build(make_app, tmp_path, changes).warning.getvalue()
    assert (f"{NOTE}:10: WARNING: the quote 'The words run on. A second paragraph' is not in "
            f"{chapter}. Perhaps the quote runs past the end of chapters/01-essay into the "
            "next chapter, chapters/02-essay; a note's words must lie within one chapter: "
            f"{advice} [edition.anchor]") in w, w
    assert "edition.witness" not in w


def test_a_quote_across_chapters_is_tried_only_where_a_chapter_ends():
    from edition.annotations.hints import across_chapters

    essay = [("one", "Alpha beta.\nGamma delta."), ("two", "Epsilon zeta."),
             ("three", "Eta theta.")]
    assert across_chapters("delta. Epsilon", essay, "one").startswith(
        "the quote runs past the end of one into the next chapter, two;")
    assert "past the end of two into the next chapter, three" in across_chapters(
        "zeta.\nEta", essay, "three")
    assert across_chapters("beta. Gamma", essay, "one") is None  # two paragraphs of one
    assert across_chapters("delta. Eta", essay, "one") is None  # not the next chapter
    assert across_chapters("delta. " + "Epsilon " * 400, essay, "one") is None


# -- a mistake in a note's body is reported in that note, on its line --------------------

#: A correct note parsed before note-steps.md (files are read in name order), so that a
#: message pinned to the first note parsed would show.
FIRST_NOTE = {"annotations/a-first.md": note_with("id: note-steps", "id: a-first")
              .replace('"Steps were small"', '"Tools were used"')}
PERSONS = """\
- id: rush
  name: Myron Rush
  mentions: [Rush]
  dates: political scientist
  role: "Author of a work the essay cites {cite:p}`rush1965succession`."
"""
BODY_MISTAKES = {
    "unknown-key": ("A second sentence cites {cite:p}`nosuchkey2099`.",
                    'could not find bibtex key "nosuchkey2099" [bibtex.key_not_found]'),
    "unknown-role": ("A second sentence uses {cite:q}`rush1965succession`.",
                     'Unknown interpreted text role "cite:q". [myst.role_unknown]'),
    "undefined-label": ("A second sentence refers to {ref}`no-such-label`.",
                        "undefined label: 'no-such-label' [ref.ref]"),
    "unknown-document": ("A second sentence refers to {doc}`no-such-page`.",
                         "unknown document: 'no-such-page' [ref.doc]"),
    "fragment-nowhere": ("A second sentence links [here](#no-such-anchor).",
                         "'myst' cross-reference target not found: 'no-such-anchor'"),
    "raw-html": ("A second sentence has <b>markup</b>.",
                 "raw HTML is not allowed in a note"),
    # A person named in a note whose register has no page to link to.
    "person-unlinked": ("A second sentence names Rush.",
                        "edition:person reference target not found: rush [ref.person]"),
}


@pytest.mark.parametrize(("sentence", "message"), BODY_MISTAKES.values(), ids=BODY_MISTAKES)
def test_a_mistake_in_a_note_names_that_note_and_line(make_app, tmp_path, sentence, message):
    changes = {**FIRST_NOTE, NOTE: GOOD + sentence + "\n"}
    if "Rush." in sentence:
        changes["registers/persons.yaml"] = PERSONS
    warnings = build(make_app, tmp_path, changes).warning.getvalue()
    located = [w for w in warnings.splitlines() if message in w]
    assert located, warnings
    assert all(f"{NOTE}:13: WARNING: " in w for w in located), warnings
    assert "a-first.md" not in warnings and "01-essay.md" not in warnings
    assert "Traceback" not in warnings


def test_two_identical_citations_get_their_own_lines(make_app, tmp_path):
    body = ("Two sentences cite {cite:p}`nosuchkey2099`.\n"
            "The same missing key {cite:p}`nosuchkey2099`.\n")
    text = GOOD.replace("A note that cites {cite:p}`rush1965succession{12}`.\n", body)
    warnings = build(make_app, tmp_path, {NOTE: text}).warning.getvalue()
    assert f"{NOTE}:12: WARNING: could not find bibtex key" in warnings
    assert f"{NOTE}:13: WARNING: could not find bibtex key" in warnings


def test_a_mistake_made_between_builds_names_its_note(make_app, tmp_path):
    """As in `make serve`: one process, a second build after an edit."""
    srcdir = copy_root("edition", tmp_path, FIRST_NOTE)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    (srcdir / NOTE).write_text(GOOD + "Now a missing key {cite:p}`nosuchkey2099`.\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = "\n".join(edition_warnings(app))
    assert f"{NOTE}:13: WARNING: could not find bibtex key" in warnings, warnings
    assert "a-first.md" not in warnings


def test_tomorrow_somewhere_is_not_the_future():
    """A contributor in UTC+14 writes on a day that is still tomorrow in UTC."""
    import datetime as dt

    from edition.annotations.model import latest_date

    assert latest_date() >= dt.datetime.now(dt.UTC).date()
    assert latest_date() <= dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)


def test_github_annotations_format(tmp_path):
    from edition.cli import github_annotations

    root = tmp_path / "edition"
    messages = (
        f"{root}/annotations/a.md:13: WARNING: could not find bibtex key \"x\" "
        "[bibtex.key_not_found]\n"
        f"\x1b[91m{root}/references.bib:4: WARNING: 50% of a, b: c [edition.bibliography]"
        "\x1b[39;49;00m\n"
        f"{root}/conf.py: WARNING: no line here [edition.config]\n"
        "a line that is not a message\n")
    assert github_annotations(messages, root) == [
        "::error file=annotations/a.md,line=13,title=bibtex.key_not_found::could not "
        "find bibtex key \"x\"",
        "::error file=references.bib,line=4,title=edition.bibliography::50%25 of a, b: c",
        "::error file=conf.py,title=edition.config::no line here",
    ]


def test_check_command_under_github_actions(tmp_path, capsys, monkeypatch):
    from edition.cli import check

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    srcdir = copy_root("edition", tmp_path, {
        NOTE: GOOD + "A missing key {cite:p}`nosuchkey2099`.\n"})
    assert check(srcdir) == 1
    out = capsys.readouterr().out
    assert (f"::error file={NOTE},line=13,title=bibtex.key_not_found::could not find "
            "bibtex key \"nosuchkey2099\"") in out.splitlines()


def test_check_command_names_the_note(tmp_path, capsys, monkeypatch):
    """...and ends with its own summary: how many problems, and, under make, that
    make's "*** [Makefile:NN: check] Error 1" after it is not another one (issue 20)."""
    from edition.cli import check

    monkeypatch.setenv("MAKELEVEL", "1")
    srcdir = copy_root("edition", tmp_path, {
        **FIRST_NOTE, NOTE: GOOD + "A missing key {cite:p}`nosuchkey2099`.\n"})
    assert check(srcdir) == 1
    err = capsys.readouterr().err
    assert f"{NOTE}:13: WARNING: could not find bibtex key" in err, err
    assert "a-first.md" not in err
    assert err.splitlines()[-1].startswith(
        "1 problem found (above: file:line: message). Fix it and run the check again. "
        "(make adds a line of its own after this")


def test_a_repeated_check_reads_what_changed_or_had_a_problem_and_reports_all(
        tmp_path, capsys, monkeypatch):
    """The check keeps Sphinx's environment and its readings of the note files
    (_build/check): a second run reads again only what changed, what had a problem the
    last time, or everything when the edition's code changed; and it reports the same
    problems as a first run (issue 20)."""
    from edition import rereading
    from edition.annotations import files
    from edition.cli import check

    srcdir = copy_root("edition", tmp_path, {
        **FIRST_NOTE, NOTE: GOOD + "A missing key {cite:p}`nosuchkey2099`.\n"})
    chapter = srcdir / "chapters/02-essay.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nAn {unknownrole}`x`.\n",
                       encoding="utf-8")
    read_docs: list[str] = []
    read_files: list = []

    def run() -> tuple[int, str]:
        read_docs.clear(), read_files.clear(), resolved.clear()
        code = check(srcdir)
        return code, capsys.readouterr().err

    original = files.read_file
    monkeypatch.setattr(files, "read_file", lambda *a, **k: read_files.append(a[0])
                        or original(*a, **k))
    from sphinx.builders import Builder

    reading = Builder.read_doc
    monkeypatch.setattr(Builder, "read_doc", lambda self, docname, **k: read_docs.append(
        docname) or reading(self, docname, **k))
    from sphinx.environment import BuildEnvironment

    resolved: list[str] = []
    resolving = BuildEnvironment.get_and_resolve_doctree
    monkeypatch.setattr(BuildEnvironment, "get_and_resolve_doctree",
                        lambda self, docname, *a, **k: resolved.append(docname)
                        or resolving(self, docname, *a, **k))

    first = run()
    assert first[0] == 1 and "unknownrole" in first[1] and "nosuchkey2099" in first[1]
    everything = set(read_docs)
    assert {"chapters/01-essay", "chapters/02-essay"} <= everything

    again = run()
    assert again == first  # the same problems, in the same words
    # Read again: the two chapters that had a problem (the note's is read with its
    # chapter), not the others; no note file (none changed, none had a problem itself).
    assert set(read_docs) == {"chapters/01-essay", "chapters/02-essay"} < everything
    # Resolved again: what was read again, the page whose contents list holds them
    # (Sphinx's own rule) and the Commentary, which gives their notes in full; not the
    # others.
    assert set(resolved) == set(read_docs) | {"index", "commentary"} < everything
    assert read_files == []

    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "\nAn {unknownrole}`x`.\n", "\n"), encoding="utf-8")
    (srcdir / NOTE).write_text(GOOD, encoding="utf-8")
    fixed = run()
    assert fixed[0] == 0 and "unknownrole" not in fixed[1]
    assert [p.name for p in read_files] == [NOTE.split("/")[-1]]  # the one file changed
    # Nothing changed, no problem: nothing read, nothing resolved (anchored, cited).
    assert run() == (0, "") and set(read_docs) == set() and resolved == []

    monkeypatch.setattr(rereading, "code_fingerprint", lambda: "other code")
    assert run()[0] == 0 and set(read_docs) == everything


def test_the_check_summary_counts_the_problems(monkeypatch):
    from edition.cli import problems_summary

    monkeypatch.delenv("MAKELEVEL", raising=False)
    printed = ("a.md:3: WARNING: one [edition.anchor]\n"
               "\x1b[91mb.md:4: ERROR: two\x1b[39;49;00m\nprogress\n")
    assert problems_summary(printed) == ("2 problems found (above, each as file:line: "
                                         "message). Fix them and run the check again.")
    assert problems_summary("Traceback-free but odd\n") == \
        "Problems found: see the messages above."


def test_unknown_citation_key_in_a_body(make_app, tmp_path):
    text = note_with("rush1965succession{12}", "rush1965{12}")
    w = build(make_app, tmp_path, {NOTE: text}).warning.getvalue()
    assert f"{NOTE}:12: WARNING: could not find bibtex key \"rush1965\"" in w
    assert "did you mean" not in w  # nothing close enough to suggest


@pytest.mark.parametrize(("typed", "where"), [
    ("Rush1965Succession", NOTE + ":12"), ("rush1965sucession", NOTE + ":12"),
    ("GILL2004destalinization", "chapters/01-essay.md:10")],
    ids=["case-in-a-note", "slip-in-a-note", "case-in-a-chapter"])
def test_a_key_that_differs_from_a_record_in_case_says_which(make_app, tmp_path, typed, where):
    """sphinxcontrib-bibtex's own message, once, with the key meant (issue 29)."""
    essay = ROOT / "chapters/01-essay.md"
    if where.startswith(NOTE):
        key, changes = "rush1965succession", {NOTE: note_with("rush1965succession{12}",
                                                              typed + "{12}")}
    else:
        key = "gill2004destalinization"
        changes = {"chapters/01-essay.md": essay.read_text().replace(key, typed)}
    w = build(make_app, tmp_path, changes).warning.getvalue()
    message = f'could not find bibtex key "{typed}"; did you mean `{key}`?'
    assert f"{where}: WARNING: {message} [bibtex.key_not_found]" in w, w
    assert w.count(f'could not find bibtex key "{typed}"') == w.count(message)


def test_key_hint():
    from edition.annotations.hints import key_hint

    keys = ["gill1990origins", "gill2004destalinization", "rush1965succession"]
    assert key_hint("Gill1990Origins", keys) == "did you mean `gill1990origins`?"
    assert key_hint("gill1990orgins", keys) == "did you mean `gill1990origins`?"
    assert key_hint("taubman2003khrushchev", keys) == ""
    assert key_hint("gill", keys) == ""


# -- good input: rendered everywhere -------------------------------------------------------


def test_html_marks_the_lemma_and_gives_the_note(make_app, tmp_path):
    app = build(make_app, tmp_path)
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "chapters/01-essay.html").read_bytes(), "lxml")
    lemma = soup.select_one("#lemma-note-steps")
    assert lemma.get_text() == "Steps were small"
    ref = lemma.find_next_sibling("a")
    assert ref["href"] == "#note-note-steps" and ref["role"] == "doc-noteref"
    note = soup.select_one("#note-note-steps")
    assert note["role"] == "note"
    # Keyboard-operable: a native disclosure widget, with a permalink.
    assert note.select_one("details > summary")
    assert note.select_one('a.headerlink[href="#note-note-steps"]')
    text = " ".join(note.get_text().split())
    assert "Source" in text and "A. Contributor" in text
    assert "(Rush, Political Succession 12)" in text
    assert "Steps were small]" in text


def test_epub_uses_noteref_and_footnote_semantics(make_app, tmp_path):
    app = build(make_app, tmp_path, builder="epub")
    with zipfile.ZipFile(next(app.outdir.glob("*.epub"))) as zf:
        page = zf.read("chapters/01-essay.xhtml").decode()
    soup = BeautifulSoup(page, "xml")
    ref = soup.find("a", attrs={"epub:type": "noteref"})
    assert ref["href"] == "#note-note-steps"
    aside = soup.find("aside", attrs={"epub:type": "footnote"})
    assert aside["id"] == "note-note-steps"


def test_latex_sets_each_note_at_the_foot_of_the_page_of_its_lemma(make_app, tmp_path):
    """The essay paragraph is reledmac's numbered text; the note is written at its lemma
    (series B), keyed by line and lemma, and no longer after the paragraph."""
    app = build(make_app, tmp_path, builder="latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\beginnumbering" in tex and r"\pstart" in tex
    note = r"\lemma{Steps were small}\Bfootnote{\editionfootnote{1}{Source}"
    assert note in tex
    ref = r"\editionnoteref{note.chapters/01-essay:note-steps}{1}"
    assert tex.index(r"\edtext{") < tex.index(note) < tex.index(ref) < tex.index(
        r"\endnumbering")
    assert r"\begin{editionnote}" not in tex


def test_commentary_index_and_apparatus(make_app, tmp_path):
    app = build(make_app, tmp_path)
    commentary = BeautifulSoup((app.outdir / "commentary.html").read_bytes(), "lxml")
    entry = commentary.select_one(".edition-commentary-entry")
    assert entry["id"] == "commentary-note-steps"
    link = entry.select_one(".edition-commentary-head a")
    assert link["href"] == "chapters/01-essay.html#note-note-steps"
    assert entry.select_one(".edition-commentary-number").get_text() == "1"
    # The note in full, as its chapter gives it, its citation rendered.
    note = BeautifulSoup((app.outdir / "chapters/01-essay.html").read_bytes(), "lxml")
    body = note.select_one("#note-note-steps > details > p")
    assert body.get_text() in entry.get_text()
    apparatus = BeautifulSoup((app.outdir / "apparatus.html").read_bytes(), "lxml")
    entries = [" ".join(li.get_text().split()) for li in apparatus.select(".edition-apparatus li")]
    assert entries == [
        "\u00b6 1 (Nikita Khrushchev, HISTORY.com) ] (Nikita KhrushchevHistory.com) W "
        "\u2014 regularized citation",
        "\u00b6 1 [\u2026] ] \u2026show more content\u2026 W \u2014 lacuna. Lacuna of unknown "
        "extent: the host site hides the rest of the essay behind its marker "
        "\u201c\u2026show more content\u2026\u201d.",
        "\u00b6 2 [\u2026] ] the witness breaks off W \u2014 lacuna. Lacuna: the witness "
        "breaks off here, mid-sentence.",
    ]


def test_annotations_never_change_the_reading_text(make_app, tmp_path):
    """The witness check runs on the annotated doctree: a note changes no word."""
    app = build(make_app, tmp_path)
    assert "edition.witness" not in app.warning.getvalue()


#: Names that slug alike ("anna-muller", "a-b"): each gets an anchor of its own.
ALIKE = ["Anna Muller", "anna-muller", "ANNA MULLER", "A. B.", "A B"]


def test_distinct_authors_get_distinct_anchors(make_app, tmp_path):
    """On the contributors page, in the TEI header and in the Web Annotations: before,
    names that slug alike shared one anchor, an id twice (issue 29). An author whose
    slug no other name shares keeps the anchor it had (its slug), for permalinks."""
    import json

    from lxml import etree

    from edition.annotations.credits import contributor_ids

    notes = {f"annotations/alike-{i}.md": note_with("id: note-steps", f"id: alike-{i}")
             .replace("name: A. Contributor\n    orcid: 0000-0002-1825-0097",
                      f'name: "{name}"') for i, name in enumerate(ALIKE)}
    index = (ROOT / "index.md").read_text().replace("commentary\n", "commentary\ncontributors\n")
    contributors = "# Contributors\n\n```{contributors}\n```\n"
    app = build(make_app, tmp_path, {**notes, "index.md": index,
                                     "contributors.md": contributors})
    assert edition_warnings(app) == []
    anchors = contributor_ids([*ALIKE, "A. Contributor"])
    assert len(set(anchors.values())) == len(anchors)
    assert anchors["A. Contributor"] == "contributor-a-contributor"  # no other shares it
    assert anchors["anna-muller"].startswith("contributor-anna-muller--")
    page = BeautifulSoup((app.outdir / "contributors.html").read_bytes(), "lxml")
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))
    for name, anchor in anchors.items():
        assert page.find(id=anchor).strong.get_text() == name
    tei = etree.parse(str(app.outdir / "Fixtureedition.xml"))
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    assert sorted(e.get(xml_id) for e in tei.iter() if "contributor-" in e.get(xml_id, "")) \
        == sorted(anchors.values())
    jsonld = json.loads((app.outdir / "annotations.jsonld").read_text(encoding="utf-8"))
    creators = {c["name"]: c.get("id", "") for item in jsonld["first"]["items"]
                for c in item["creator"]}
    assert {name: creators[name].split("#")[-1] for name in ALIKE} == \
        {name: anchors[name] for name in ALIKE}


# -- incremental and parallel ----------------------------------------------------------------


def edition_warnings(app) -> list[str]:
    """Warnings, less those sphinx.testing causes by making a second app in one test."""
    return [w for w in app.warning.getvalue().splitlines() if "already registered" not in w]


def _reads(app) -> list[str]:
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    return read


def test_changing_an_annotation_rereads_only_its_chapter(make_app, tmp_path):
    srcdir = copy_root("edition", tmp_path)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    (srcdir / NOTE).write_text(GOOD.replace("A note that cites", "A revised note citing"))
    app = make_app("html", srcdir=srcdir)
    read = _reads(app)
    app.build()
    assert read == ["chapters/01-essay"]
    page = (app.outdir / "chapters/01-essay.html").read_text()
    assert "A revised note citing" in page
    assert edition_warnings(app) == []


def test_adding_an_annotation_rereads_its_chapter(make_app, tmp_path):
    srcdir = copy_root("edition", tmp_path)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    new = (GOOD.replace("id: note-steps", "id: note-second")
           .replace("chapters/01-essay", "chapters/02-essay")
           .replace('"Steps were small"', '"A second paragraph"'))
    (srcdir / "annotations/note-second.md").write_text(new)
    app = make_app("html", srcdir=srcdir)
    read = _reads(app)
    app.build()
    assert read == ["chapters/02-essay"]
    assert 'id="note-note-second"' in (app.outdir / "chapters/02-essay.html").read_text()
    assert "note-second" in (app.outdir / "commentary.html").read_text()


def test_moving_a_note_to_another_chapter_rereads_both(make_app, tmp_path):
    """A chapter keeps the state of the files it was read with, not Sphinx's
    dependencies: the chapter a note leaves and the one it joins are both read again."""
    srcdir = copy_root("edition", tmp_path)
    first = make_app("html", srcdir=srcdir, freshenv=True)
    first.build()
    assert not any("annotations" in str(d) for deps in first.env.dependencies.values()
                   for d in deps)
    (srcdir / NOTE).write_text(GOOD.replace("chapters/01-essay", "chapters/02-essay")
                               .replace('"Steps were small"', '"A second paragraph"'))
    app = make_app("html", srcdir=srcdir)
    read = _reads(app)
    app.build()
    assert sorted(read) == ["chapters/01-essay", "chapters/02-essay"]
    assert 'id="note-note-steps"' in (app.outdir / "chapters/02-essay.html").read_text()
    assert 'id="note-note-steps"' not in (app.outdir / "chapters/01-essay.html").read_text()

def test_the_template_is_a_working_annotation(make_app, tmp_path):
    """What CONTRIBUTING.md tells a newcomer to copy builds, once filled in: the target,
    the date, a name and the note; its placeholders are each refused, at their line."""
    from tests.outputs import ROOT as PROJECT

    template = (PROJECT / "annotations" / "_template.md").read_text(encoding="utf-8")
    assert template.count("chapter: chapters/02-cautious-destalinization") == 1
    targeted = (template.replace("chapters/02-cautious-destalinization", "chapters/01-essay")
                .replace('"the words of the essay"', '"Tools were used"'))
    unfilled = tmp_path / "my-note-id.md"
    unfilled.write_text(targeted, encoding="utf-8")
    refused = {(p.line, p.message.split(":")[0]) for p in parse_annotation(unfilled)[1]}
    assert refused == {(7, "author 1"), (9, "the date is still the template's YYYY-MM-DD"),
                       (9, "date 'YYYY-MM-DD' must be a date as YYYY-MM-DD"),
                       (16, "the note is still the template's text")}
    filled = (targeted.replace("date: YYYY-MM-DD", "date: 2026-11-27")
              .replace("Your Name", "A. Newcomer"))
    filled = filled[:filled.index("The note: one")] + \
        "Tools were used {cite:p}`rush1965succession`.\n"
    app = build(make_app, tmp_path, {"annotations/my-note-id.md": filled})
    assert app.warning.getvalue() == ""
    page = (app.outdir / "chapters/01-essay.html").read_text()
    assert 'id="note-my-note-id"' in page and "A. Newcomer" in page


def test_many_mistakes_in_one_front_matter_are_each_named(tmp_path):
    """Errors at paths of different shapes (a list index, a field) are all reported,
    each at its line, without the parser tripping over their order."""
    path = tmp_path / "x.md"
    path.write_text("---\nid: x\ntype: commentary\nauthors:\n  - name: A\n    orcid: 12\n"
                    "  - nom: B\n  - 7\ndate: 2026-11-26\n"
                    "target: {chapter: chapters/a, exact: 5, extra: 1}\n---\nBody.\n")
    annotation, problems = parse_annotation(path)
    assert annotation is None
    found = {(p.line, p.message.split(";")[0]) for p in problems}
    assert (6, "author 1: 12 is not a valid ORCID iD") in found
    assert (7, "author 2: unknown field 'nom'") in found
    assert (10, "unknown target field 'extra'") in found
    assert any(line == 10 and "target needs `exact`" in m for line, m in found)


def test_numbers_of_lemmas_ending_together_read_in_order_with_a_comma(html_build, pdf_build):
    """Two lemmas end on "people" (one note's inside the other's): the numbers stood
    together, "⁶⁵" on the website and "people65" in the PDF, where they read as one
    (found by a newcomer's walkthrough). Now "5,6", each still a link."""
    from tests.outputs import pdftotext

    page = BeautifulSoup((html_build.outdir / "chapters/03-speeches.html").read_bytes(),
                         "lxml")
    outer = page.select_one("#lemma-commentary-crimes-russian-people")
    first, second = (page.select_one(f"#note-{ident} .edition-note-number").get_text()
                     for ident in ("commentary-crimes-russian-people", "textual-breaks-off"))
    assert int(second) == int(first) + 1
    after = outer.find_next_siblings(limit=3)
    assert [(a.name, a.get_text()) for a in after] == [("a", first), ("sup", ","),
                                                       ("a", second)]
    assert [a["href"] for a in (after[0], after[2])] == [
        "#note-commentary-crimes-russian-people", "#note-textual-breaks-off"]
    assert "edition-editorial" in after[1]["class"]  # not the essay's words
    assert f"Russian people{first},{second}" in pdftotext(pdf_build.artifact)


def test_a_note_is_signed_unless_it_is_the_editors(make_app, tmp_path):
    """A contributor's note keeps its author and its date, written as a date; the
    editors' own notes (edition_editors) are credited once, not under each note."""
    signed = build(make_app, tmp_path / "signed")
    page = BeautifulSoup((signed.outdir / "chapters/01-essay.html").read_bytes(), "lxml")
    meta = page.select_one("#note-note-steps .edition-note-meta")
    # The date kept on one line: no-break spaces in it.
    assert meta.get_text().split("¶")[0].strip() == "A. Contributor, 26\u00a0Nov.\u00a02026"
    commentary = BeautifulSoup((signed.outdir / "commentary.html").read_bytes(), "lxml")
    assert commentary.select_one(".edition-commentary-signature").get_text() == \
        "A. Contributor, 26\u00a0Nov.\u00a02026"
    editors = build(make_app, tmp_path / "editors",
                    confoverrides={"edition_editors": ["A. Contributor"]})
    page = BeautifulSoup((editors.outdir / "chapters/01-essay.html").read_bytes(), "lxml")
    meta = page.select_one("#note-note-steps .edition-note-meta")
    assert "A. Contributor" not in meta.get_text() and "2026" not in meta.get_text()
    epub = build(make_app, tmp_path / "epub", builder="epub",
                 confoverrides={"edition_editors": ["A. Contributor"]})
    xhtml = (epub.outdir / "chapters/01-essay.xhtml").read_text(encoding="utf-8")
    assert "edition-note-meta" not in xhtml and "A. Contributor" not in xhtml
