"""The engine: the shims around upstream costs still pay their way, and incremental
builds re-read what changed — a deleted note, the register, the bibliography."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pybtex.plugin
from bs4 import BeautifulSoup

from edition.annotations.nodes import annotation
from edition.bibliography import plugincache
from tests.outputs import copy_project, no_downloads, sphinx_build
from tests.project import ROOTS, copy_root, edit

# -- shims -----------------------------------------------------------------------------


def _counting(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_plugin_lookups_are_cached(monkeypatch):
    calls = _counting(monkeypatch, metadata, "entry_points")
    plugincache.forget()
    plugincache.install()
    for _ in range(50):
        pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
        pybtex.plugin.find_plugin("pybtex.style.formatting", "plain")
    # One scan of the installed packages for every group, and the same answers.
    assert len(calls) == 1
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "plain").__name__ == "Style"


def test_pybtex_still_looks_plugins_up_every_time(monkeypatch):
    """Why the cache exists: without it, each lookup scans the installed packages. When
    this fails, pybtex caches by itself, and ``plugincache.py`` can go."""
    calls = _counting(monkeypatch, metadata, "entry_points")
    monkeypatch.setattr(pybtex.plugin, "entry_points", metadata.entry_points)
    for _ in range(10):
        pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    assert len(calls) >= 10


def test_myst_still_makes_a_default_document_it_does_not_use(monkeypatch):
    """Why ``bodies._no_default_document`` exists: MyST's renderer builds a throw-away
    document (docutils' whole option parser) on every render, even when it is given
    one. When this fails, MyST-Parser makes it lazily, and the shim can go."""
    from docutils.utils import new_document
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils import base
    from myst_parser.parsers.mdit import create_md_parser

    calls = _counting(monkeypatch, base, "make_document")
    md = create_md_parser(MdParserConfig(), base.DocutilsRenderer)
    document = new_document("note.md")
    md.renderer.setup_render({**md.options, "document": document}, {})
    assert md.renderer.document is document
    assert len(calls) == 1


def test_note_rendering_needs_no_option_parser(monkeypatch, make_app, tmp_path):
    """With the shim, nineteen more notes build docutils' option parser no more often."""
    from myst_parser.mdit_to_docutils import base

    note = (copy_root("edition", tmp_path / "probe") / "annotations/note-steps.md").read_text()

    def settings_built(extra_notes: int) -> int:
        changes = {f"annotations/extra-{i}.md": note.replace("note-steps", f"extra-{i}")
                   for i in range(extra_notes)}
        srcdir = copy_root("edition", tmp_path / f"n{extra_notes}", changes)
        calls = _counting(monkeypatch, base, "get_default_settings")
        app = make_app("dummy", srcdir=srcdir, freshenv=True)
        app.build()
        assert _warnings(app) == []
        monkeypatch.undo()
        return len(calls)

    # (Nineteen: twenty notes on the same words is the most one passage carries.)
    assert settings_built(19) == settings_built(0)


# -- incremental builds ------------------------------------------------------------------


def _reads(app) -> list[str]:
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    return read


def _warnings(app) -> list[str]:
    return [w for w in app.warning.getvalue().splitlines() if "already registered" not in w]


def test_a_note_belongs_to_its_chapter_doctree(make_app, tmp_path):
    """Each note's body is parsed in a document of its own; its nodes must then belong
    to the chapter's doctree. Left pointing at their own documents, every pickled
    doctree carried those documents' settings and the build environment with them."""
    srcdir = copy_root("edition", tmp_path)
    app = make_app("dummy", srcdir=srcdir, freshenv=True)
    app.build()
    # As pickled and read back: every node's document is the chapter's.
    doctree = app.env.get_doctree("chapters/01-essay")
    assert list(doctree.findall(annotation))
    strays = [node for node in doctree.findall() if node.document is not doctree]
    assert strays == []


def test_deleting_a_note_rereads_its_chapter(make_app, tmp_path):
    srcdir = copy_root("edition", tmp_path)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    (srcdir / "annotations/note-steps.md").unlink()
    app = make_app("html", srcdir=srcdir)
    read = _reads(app)
    app.build()
    assert read == ["chapters/01-essay"]
    page = (app.outdir / "chapters/01-essay.html").read_text()
    assert "note-note-steps" not in page and "edition-noteref" not in page
    assert "note-steps" not in (app.outdir / "commentary.html").read_text()
    assert _warnings(app) == []


def test_editing_the_register_rereads_the_pages_that_link_it(make_app, tmp_path):
    srcdir = copy_root("layout", tmp_path)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    people = srcdir / "data/people.yaml"
    people.write_text(edit(people, "dates: fl. 2000", "dates: fl. 2001"))
    app = make_app("html", srcdir=srcdir)
    read = _reads(app)
    app.build()
    assert set(read) == {"essay/part-one", "people"}
    listing = BeautifulSoup((app.outdir / "people.html").read_bytes(), "lxml")
    assert "fl. 2001" in listing.select_one("#person-smith").get_text()
    assert _warnings(app) == []


def test_editing_the_bibliography_updates_the_entries(make_app, tmp_path):
    srcdir = copy_root("layout", tmp_path)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    bib = srcdir / "works.bib"
    bib.write_text(edit(bib, "{A Report}", "{A Longer Report}"))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "A Longer Report" in (app.outdir / "index.html").read_text()
    assert _warnings(app) == []


def test_a_bib_syntax_error_is_reported_on_every_build(make_app, tmp_path):
    """sphinxcontrib-bibtex parses a .bib file again only when it changes; its errors
    are kept with the environment, so a second build does not pass by silence."""
    srcdir = copy_root("layout", tmp_path)
    bib = srcdir / "works.bib"
    bib.write_text(bib.read_text() + "\n@book{broken,\n  title = {No end\n")
    first = make_app("html", srcdir=srcdir, freshenv=True)
    first.build()
    assert "works.bib cannot be read" in first.warning.getvalue()
    second = make_app("html", srcdir=srcdir)
    second.build()
    assert "works.bib cannot be read" in second.warning.getvalue()


def test_pages_are_rewritten_when_the_downloads_on_offer_change(tmp_path):
    """A site built before the PDF existed links it once it does, on the next
    incremental build (`make html` after `make pdf`)."""
    from tests.outputs import ROOT, sphinx_build

    offered = tmp_path / "offered"
    offered.mkdir()
    extra = ("-D", f"edition_download_pdf={offered}/khrushchev-essay.pdf",
             "-D", f"edition_download_epub={offered}/khrushchev-essay.epub")
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"
    sphinx_build("html", out, doctrees, srcdir=ROOT, extra=extra)
    page = out / "chapters/introduction.html"
    assert BeautifulSoup(page.read_bytes(), "lxml").select("a.edition-download") == []
    (offered / "khrushchev-essay.pdf").write_bytes(b"%PDF-1.7 stand-in")
    (offered / "khrushchev-essay.epub").write_bytes(b"stand-in")
    sphinx_build("html", out, doctrees, srcdir=ROOT, extra=extra)  # incremental
    links = BeautifulSoup(page.read_bytes(), "lxml").select("a.edition-download")
    assert {a.text.split()[0] for a in links} == {"PDF", "EPUB"}
    assert (out / "downloads/khrushchev-essay.pdf").read_bytes() == b"%PDF-1.7 stand-in"


def test_an_incremental_build_publishes_what_a_fresh_build_does(tmp_path):
    """Editing one note rewrites its chapter only; the exports take the other chapters'
    material as kept (``exports/chaptercache.py``), and every page, the Web Annotations
    and the TEI come out byte for byte as a fresh build of the same sources makes them.
    (Sphinx's own search index is left out: a page it does not rewrite loses its index
    entries there, in any Sphinx project.)

    Both builds print progress and nothing else (issue 20): no notice that matplotlib
    is missing (social cards are off), no dump of MyST's settings, and on the second no
    "The configuration has changed (1 option: 'pygments_dark_style')" (furo declares
    that setting when its theme is loaded, after Sphinx has compared the settings:
    ``edition/quiet.py``)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764201600"}
    src = copy_project(tmp_path)
    opts = no_downloads(tmp_path)
    incremental, fresh = tmp_path / "incremental", tmp_path / "fresh"

    def build_as_make_does() -> None:
        # Without -q, as `make html` runs it, to see what a contributor sees.
        proc = subprocess.run(
            [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-b", "html",
             "-d", str(incremental / "doctrees"), str(src), str(incremental / "html"),
             *opts], capture_output=True, text=True, check=True, env=env)
        output = proc.stdout + proc.stderr
        assert "build succeeded" in output
        for noise in ("matplotlib", "MdParserConfig", "configuration has changed"):
            assert noise not in output, noise

    build_as_make_does()
    kept = incremental / "doctrees" / "edition-exports"
    before = {p.name: p.stat().st_mtime_ns for p in kept.iterdir()}
    assert len(before) == 3  # one per essay chapter
    note = src / "annotations/source-gill-paraphrase.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nA sentence added to the note.\n",
                    encoding="utf-8")
    build_as_make_does()
    sphinx_build("html", fresh / "html", fresh / "doctrees", src, opts, env)

    after = {p.name: p.stat().st_mtime_ns for p in kept.iterdir()}
    remade = sorted(name for name in after if after[name] != before[name])
    assert remade == ["chapters%2F03-speeches.pickle"]  # the edited note's chapter

    def published(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.suffix in {".html", ".jsonld", ".xml"}}

    a, b = published(incremental / "html"), published(fresh / "html")
    assert "annotations.jsonld" in a and "khrushchev-essay.xml" in a
    assert "A sentence added to the note." in a["annotations.jsonld"].decode()
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


# -- what is kept between builds ------------------------------------------------------------


def test_annotation_files_are_read_again_only_when_they_change(make_app, tmp_path,
                                                                 monkeypatch):
    """A second build (a new process, as `make html` is) takes the readings of the
    files that did not change from the first; a file with a problem is read every time."""
    from edition.annotations import files

    srcdir = copy_root("edition", tmp_path, {"annotations/note-bad.md": "No front matter.\n"})
    make_app("dummy", srcdir=srcdir, freshenv=True).build()
    (srcdir / "annotations/note-steps.md").write_text(
        (srcdir / "annotations/note-steps.md").read_text(encoding="utf-8") + "More.\n",
        encoding="utf-8")
    read = []
    original = files.read_file
    monkeypatch.setattr(files, "read_file",
                        lambda *args, **kwargs: read.append(args) or original(*args, **kwargs))
    app = make_app("dummy", srcdir=srcdir)  # its own build state: nothing read yet
    app.build()
    assert sorted(Path(args[0]).name for args in read) == ["note-bad.md", "note-steps.md"]
    assert "no front matter" in app.warning.getvalue()


def test_an_edited_note_rewrites_the_one_shard_that_keeps_its_reading(make_app, tmp_path):
    """The readings are kept in shards by file name: editing a note rewrites its shard
    and no other; a build with nothing changed rewrites none."""
    from edition.annotations.keptreadings import FOLDER, shard_of

    note_text = (ROOTS / "test-edition/annotations/note-steps.md").read_text(encoding="utf-8")
    others = {f"annotations/note-{i}.md": note_text.replace("id: note-steps", f"id: note-{i}")
              for i in range(12)}
    srcdir = copy_root("edition", tmp_path, others)
    app = make_app("dummy", srcdir=srcdir, freshenv=True)
    app.build()
    kept = Path(app.doctreedir) / FOLDER

    def stamps() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in kept.glob("*.pickle")}

    first = stamps()
    assert len(first) > 1
    make_app("dummy", srcdir=srcdir).build()
    assert stamps() == first
    note = srcdir / "annotations/note-3.md"
    note.write_text(note.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    make_app("dummy", srcdir=srcdir).build()
    after = stamps()
    assert [name for name in after if after[name] != first[name]] == [
        f"{shard_of(str(note)):02d}.pickle"]


def test_what_the_kept_readings_depend_on_reads_the_same_in_every_process():
    """The readings kept are reused by a new process only if it computes the same
    fingerprint: MyST's settings hold a set, whose repr followed the hash seed, so no
    reading was ever reused by another process (found measuring `make check`)."""
    code = ("from myst_parser.config.main import MdParserConfig\n"
            "from edition.annotations.keptreadings import settings_text\n"
            "print(settings_text(MdParserConfig(enable_extensions={'colon_fence', 'deflist', "
            "'dollarmath', 'tasklist'})))")
    texts = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
             for seed in ("1", "2", "3", "4")}
    assert len(texts) == 1 and "['colon_fence', 'deflist', 'dollarmath', 'tasklist']" in \
        texts.pop()


def test_a_tei_part_pointing_outside_the_document_is_made_whole(make_app, tmp_path):
    """A note linking to a place the TEI does not hold (a heading of another page): its
    chapter's kept part cannot be spliced in, and the website's TEI is made whole, as the
    tei builder makes it, the link left as plain text."""
    index = (ROOTS / "test-edition/index.md").read_text(encoding="utf-8")
    note = (ROOTS / "test-edition/annotations/note-steps.md").read_text(encoding="utf-8")
    srcdir = copy_root("edition", tmp_path, {
        "index.md": "(fixture-target)=\n" + index,
        "annotations/note-steps.md": note.rstrip() + " See {ref}`fixture-target`.\n"})
    html = make_app("html", srcdir=srcdir, freshenv=True)
    html.build()
    tei = make_app("tei", srcdir=srcdir, freshenv=True)
    tei.build()
    assert _warnings(html) == [] and _warnings(tei) == []
    published = next(html.outdir.glob("*.xml")).read_bytes()
    assert published == next(tei.outdir.glob("*.xml")).read_bytes()
    assert b"See Fixture." in published and b"fixture-target" not in published


def test_the_lists_are_written_again_only_when_what_they_show_changes(make_app, tmp_path):
    """Editing a note's words rewrites its chapter and the Commentary, not the apparatus;
    changing its type rewrites the lists."""
    srcdir = copy_root("edition", tmp_path)
    make_app("html", srcdir=srcdir, freshenv=True).build()
    note = srcdir / "annotations/note-steps.md"

    def written_after(change: tuple[str, str]) -> set[str]:
        note.write_text(edit(note, *change), encoding="utf-8")
        app = make_app("html", srcdir=srcdir)
        pages = {p: p.stat().st_mtime_ns for p in app.outdir.rglob("*.html")}
        time.sleep(0.01)
        app.build()
        assert _warnings(app) == []
        return {str(p.relative_to(app.outdir).with_suffix("")) for p, mtime in pages.items()
                if p.stat().st_mtime_ns != mtime}

    # The chapter, the page whose table of contents holds it, and the Commentary, which
    # gives the note in full (Sphinx writes its search page and general index every
    # time); not the apparatus.
    assert written_after(("A note that cites", "A short note that cites")) - {
        "search", "genindex"} == {"chapters/01-essay", "index", "commentary"}
    assert {"commentary", "chapters/01-essay"} <= written_after(
        ("type: source", "type: commentary"))


def test_a_kept_shard_of_another_shape_is_not_trusted(tmp_path):
    """Readings kept in a shape this code does not keep (its version not bumped) are
    read again from the files, never used."""
    from edition.annotations.keptreadings import FOLDER, KeptReadings
    from edition.trust import caches

    (tmp_path / FOLDER).mkdir()
    for shape in ({"annotations/a.md": "a reading"}, ["not", "a", "dict"],
                  {"annotations/a.md": ((1, 2), "not a reading")}):
        sealed = caches.seal(caches.dumps(("fingerprint", shape)))
        assert sealed is not None
        (tmp_path / FOLDER / "00.pickle").write_bytes(sealed)
        assert KeptReadings(tmp_path, "fingerprint").load() == {}
