"""The README a newcomer reads in five minutes, and the developer's guide that holds the
reference (issue 33): the README short, its headings its own, and every guide reachable
from it by links that arrive. Markdown is read with markdown-it-py (which MyST-Parser
uses), so fenced code, where the samples are quoted, is never taken for headings or
links."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt

from tests.outputs import ROOT

README = ROOT / "README.md"
GUIDE = ROOT / "docs" / "developer"
GUIDES = sorted(GUIDE.glob("*.md"))
#: The Markdown a reader of the repository meets, whose links must arrive.
DOCUMENTS = [README, ROOT / "CONTRIBUTING.md", ROOT / "SECURITY.md", *GUIDES]

#: The README's own headings, in order: nothing else becomes one.
README_HEADINGS = [
    (1, "Khrushchev and De-Stalinization: A Student Essay — a digital edition"),
    (2, "Two commands"),
    (3, "What make all produces"),
    (2, "What else make does"),
    (2, "Where things are"),
    (2, "Documentation"),
    (2, "Security"),
    (2, "Rights"),
]

#: Headings of the review `make review` writes (edition/review/report.py), which a quoted
#: sample must never lend to the document quoting it.
REVIEW_HEADINGS = {"What this change does to the edition", "Problems",
                   "This change is not only notes", "Notes and registers",
                   "Notes added (1)", "Notes changed (1)", "Notes removed (1)",
                   "commentary-desired-results", "source-rush-61",
                   "commentary-reign: the text changed"}

MD = MarkdownIt("commonmark").enable("table")


def _tokens(path: Path):
    return MD.parse(path.read_text(encoding="utf-8"))


def _plain(inline) -> str:
    """A heading's text as GitHub shows it: code spans without their backticks."""
    return "".join(child.content for child in inline.children or ()
                   if child.type in ("text", "code_inline"))


def headings(path: Path | str) -> list[tuple[int, str]]:
    """Each heading outside fenced and indented code (of a file, or of Markdown given
    as text): its level and text."""
    tokens = MD.parse(path) if isinstance(path, str) else _tokens(path)
    return [(int(tok.tag[1]), _plain(tokens[i + 1]))
            for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def slug(text: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as
    hyphens (letters, digits, `_` and `-` kept)."""
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of `path` (a repeated one gets -1, -2…)."""
    seen: dict[str, int] = {}
    found = set()
    for _, text in headings(path):
        base = slug(text)
        n = seen.get(base, 0)
        found.add(base if n == 0 else f"{base}-{n}")
        seen[base] = n + 1
    return found


class _Sources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def links(path: Path) -> list[str]:
    """Every link and image address outside code, in Markdown or in inline HTML."""
    found = []
    for tok in _tokens(path):
        for t in [tok, *(tok.children or ())]:
            if t.type == "link_open":
                found.append(t.attrs["href"])
            elif t.type == "image":
                found.append(t.attrs["src"])
            elif t.type in ("html_inline", "html_block"):
                parser = _Sources()
                parser.feed(t.content)
                found += parser.found
    return found


def relative_links(path: Path) -> list[tuple[str, Path, str]]:
    """Each link to a file of the repository: as written, the file, its anchor."""
    out = []
    for href in links(path):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue
        target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
        out.append((href, target, parts.fragment))
    return out


def test_the_readme_reads_in_five_minutes():
    assert README.stat().st_size < 12_000, README.stat().st_size


def test_the_readme_has_only_its_own_headings():
    assert headings(README) == README_HEADINGS


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_quoted_sample_lends_a_document_its_headings(path):
    found = headings(path)
    texts = [text for _, text in found]
    assert not REVIEW_HEADINGS & set(texts), path
    # A sample pasted in whole would repeat its headings ("What this change does to
    # the edition" twice); a document's own are each said once.
    assert len(texts) == len(set(texts)), [t for t in texts if texts.count(t) > 1]


def test_the_sample_review_is_quoted_in_a_fence():
    """The sample is still there, fenced: its headings are the review's."""
    fences = [tok for tok in _tokens(GUIDE / "review.md") if tok.type == "fence"]
    quoted = [tok for tok in fences if tok.info == "markdown"
              and "## What this change does to the edition" in tok.content]
    assert len(quoted) == 2
    sample = {text for tok in quoted for _, text in headings(tok.content)}
    assert {"What this change does to the edition", "Notes added (1)", "Problems"} <= sample


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_arrives(path):
    """Each link to a file of the repository names one that exists, and an anchor in a
    Markdown file names one of its headings."""
    broken = []
    for href, target, fragment in relative_links(path):
        if not target.exists():
            broken.append(f"{href}: no such file")
        elif fragment and target.suffix == ".md" and fragment not in anchors(target):
            broken.append(f"{href}: no heading #{fragment} in {target.name}")
    assert broken == [], path


def test_every_guide_is_linked_from_the_readme():
    """A guide moved out of the README stays one click away from it."""
    linked = {target for _, target, _ in relative_links(README)}
    assert GUIDES and not {g.resolve() for g in GUIDES} - linked


def test_the_guides_are_not_pages_of_the_edition():
    import conf

    assert conf.include_patterns == ["index.md", "chapters/**"]


def test_the_helpers_see_what_github_shows(tmp_path):
    """The checks' own reading: a heading in a fence is no heading, a link in a code
    span is no link, and anchors follow GitHub's rules."""
    page = tmp_path / "page.md"
    page.write_text("# Reviewing a change: `make review`\n\n## A, b\n\n## A, b\n\n"
                    "````markdown\n## What this change does to the edition\n"
                    "[gone](gone.md)\n````\n\n`[code](code.md)` [here](#a-b-1)"
                    ' <img src="pic.png" alt="">\n', encoding="utf-8")
    assert headings(page) == [(1, "Reviewing a change: make review"), (2, "A, b"),
                              (2, "A, b")]
    assert anchors(page) == {"reviewing-a-change-make-review", "a-b", "a-b-1"}
    assert links(page) == ["#a-b-1", "pic.png"]
