"""``annotations.jsonld`` written around each chapter's kept, encoded annotations
(``edition/exports/annotationparts.py``, ``annotationcollection.py``): the bytes are those
of encoding the whole collection, and a kept part is published again when what it was
published with changes, though its chapter is not written again."""

from __future__ import annotations

import json

import pytest

from edition.exports.annotationparts import published, splice
from tests.project import copy_root

ENVELOPE = {"@context": ["x", {"description": "schema:description"}], "total": 0,
            "first": {"id": "p", "type": "AnnotationPage", "items": []}, "last": "p"}
#: Annotations as a chapter might hold them: quotes, line ends, other scripts, nesting,
#: a string that looks like the placeholder the envelope is written around.
ANNOTATIONS = [
    {"id": "a#one", "body": [{"value": 'He said "no"\nand left.'}], "n": 1},
    {"id": "a#two", "target": {"selector": [{"exact": "Хрущёв", "start": 0}]}, "e": []},
    {"id": "a#three", "value": "\u0000items", "nested": {"deeper": [[], {}, [1, [2]]]}},
]


@pytest.mark.parametrize("chapters", [
    [],
    [[]],
    [ANNOTATIONS],
    [ANNOTATIONS[:1], [], ANNOTATIONS[1:]],
    [[], ANNOTATIONS[:2], [], [ANNOTATIONS[2]], []],
])
def test_the_collection_is_what_encoding_it_whole_gives(chapters):
    whole = json.loads(json.dumps(ENVELOPE))
    whole["first"]["items"] = [a for chapter in chapters for a in chapter]
    expected = json.dumps(whole, ensure_ascii=False, indent=1)
    parts = [published(chapter, tuple(a["id"] for a in chapter), "context")
             for chapter in chapters]
    assert splice(json.loads(json.dumps(ENVELOPE)), ("first", "items"), parts) == (
        expected.encode("utf-8"))


def test_a_kept_chapter_is_published_with_the_creators_of_this_build(make_app, tmp_path,
                                                                     monkeypatch):
    """A new author whose name shares an anchor with another's ("A. Contributor",
    "A Contributor") changes the other's creator id, in a chapter this build does not
    write: its kept annotations are published again, as a fresh build publishes them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764201600")  # "generated", in both builds
    contributors = "# Contributors\n\n```{contributors}\n```\n"
    index = (copy_root("edition", tmp_path / "model") / "index.md").read_text()
    changes = {"contributors.md": contributors,
               "index.md": index.replace("commentary\n", "commentary\ncontributors\n")}
    srcdir = copy_root("edition", tmp_path, changes)
    note = srcdir / "annotations/note-steps.md"
    note.write_text("".join(line for line in note.read_text().splitlines(keepends=True)
                            if "orcid" not in line))
    make_app("html", srcdir=srcdir, freshenv=True).build()

    second = (note.read_text().replace("id: note-steps", "id: note-second")
              .replace("A. Contributor", "A Contributor")
              .replace("chapters/01-essay", "chapters/02-essay")
              .replace('"Steps were small"', '"A second paragraph"'))
    (srcdir / "annotations/note-second.md").write_text(second)
    app = make_app("html", srcdir=srcdir)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    assert "chapters/01-essay" not in read
    incremental = (app.outdir / "annotations.jsonld").read_bytes()

    fresh = make_app("html", srcdir=srcdir, freshenv=True,
                     builddir=tmp_path / "fresh")
    fresh.build()
    assert incremental == (fresh.outdir / "annotations.jsonld").read_bytes()
    creators = {a["id"].rpartition("#")[2]: a["creator"][0]["id"]
                for a in json.loads(incremental)["first"]["items"]}
    assert creators["note-steps"].startswith("contributors.html#contributor-a-contributor--")
    assert creators["note-second"] != creators["note-steps"]


def test_a_kept_chapter_of_another_shape_is_made_again(tmp_path):
    """Material kept by an older version of the code (its version not bumped) is made
    again, never a traceback in the build."""
    from edition.exports.chaptercache import VERSION, ChapterCache, ChapterExport
    from edition.exports.teiparts import TeiPart
    from edition.trust import caches

    cache = ChapterCache(tmp_path)
    tei = TeiPart("<div/>", "", frozenset(), frozenset())
    part = published(ANNOTATIONS, tuple(a["id"] for a in ANNOTATIONS), "context")
    cache.store("chapters/one", ChapterExport(tei, part))
    assert cache.load("chapters/one") == ChapterExport(tei, part)
    older = ChapterExport(tei, part)
    older.annotations = '[{"id": "a#one"}]'  # type: ignore[assignment]  # as version 4 kept
    sealed = caches.seal(caches.dumps((VERSION, older)))
    assert sealed is not None
    (tmp_path / "chapters%2Fone.pickle").write_bytes(sealed)
    assert cache.load("chapters/one") is None


def test_a_change_to_the_publishing_code_publishes_every_kept_part_again(
        make_app, tmp_path, monkeypatch):
    """The kept parts are published again when the code that publishes them changes,
    though no chapter is read or written (a reviewer found them kept as they were)."""
    from edition.exports import annotationcollection

    contributors = "# Contributors\n\n```{contributors}\n```\n"
    index = (copy_root("edition", tmp_path / "model") / "index.md").read_text()
    srcdir = copy_root("edition", tmp_path, {
        "contributors.md": contributors,
        "index.md": index.replace("commentary\n", "commentary\ncontributors\n")})
    make_app("html", srcdir=srcdir, freshenv=True).build()

    def creators(self, record):
        return [{"type": "Human", "name": a.name} for a in record.authors]

    monkeypatch.setattr(annotationcollection.Publication, "_creators", creators)
    unchanged = make_app("html", srcdir=srcdir)
    unchanged.build()
    assert b'"Human"' not in (unchanged.outdir / "annotations.jsonld").read_bytes()
    monkeypatch.setattr(annotationcollection, "publishing_code", lambda: "other code")
    app = make_app("html", srcdir=srcdir)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    assert read == []
    published = json.loads((app.outdir / "annotations.jsonld").read_bytes())
    assert [a["creator"][0]["type"] for a in published["first"]["items"]] == ["Human"]
