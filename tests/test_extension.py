"""The `edition` extension as another edition would use it: its layout configurable,
its settings validated, installable from the repository; its format declared once."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest
import yaml
from bs4 import BeautifulSoup

from edition.annotations import files, frontmatter, model
from edition.cli import rebuild_witness
from edition.output.assets import WEBSITE_STATIC_DIR
from edition.output.epub import EPUB_STATIC
from tests.outputs import ROOT
from tests.project import copy_root, edit


def build(make_app, tmp_path, changes=None, builder="html"):
    app = make_app(builder, srcdir=copy_root("layout", tmp_path, changes), freshenv=True)
    app.build()
    return app


# -- a second edition, laid out differently ---------------------------------------------


def test_a_differently_laid_out_edition_builds(make_app, tmp_path):
    app = build(make_app, tmp_path)
    assert app.warning.getvalue() == ""
    page = BeautifulSoup((app.outdir / "essay/part-one.html").read_bytes(), "lxml")
    assert page.select_one("#lemma-old-order").get_text() == "The old order ended"
    assert "which Smith describes" in page.select_one("#note-old-order").get_text()
    assert page.select_one('a[href="../people.html#person-smith"]')
    # The notes folder is the edition's, not a set of pages.
    assert not (app.outdir / "notes").exists()


@pytest.mark.parametrize(("builder", "static"), [("html", WEBSITE_STATIC_DIR),
                                                  ("epub", EPUB_STATIC)])
def test_an_edited_asset_replaces_its_old_copy_on_the_next_build(make_app, tmp_path,
                                                                 builder, static):
    # A maintainer edits the notes' script and runs `make html` again: Sphinx's
    # copy_asset keeps an older copy that differs, warns, and -W fails the build.
    srcdir = copy_root("layout", tmp_path)
    first = make_app(builder, srcdir=srcdir, freshenv=True)
    first.build()
    ours = sorted(path for path in static.rglob("*") if path.is_file())
    for path in ours:
        (first.outdir / "_static" / path.relative_to(static)).write_bytes(b"stale")
    again = make_app(builder, srcdir=srcdir)
    again.build()
    assert "copy_overwrite" not in again.warning.getvalue()
    for path in ours:
        copied = again.outdir / "_static" / path.relative_to(static)
        assert copied.read_bytes() == path.read_bytes(), copied


#: Words of the real edition's TEI header and witness that another edition must not get.
THIS_EDITION = ("A digital edition", "essay-sharing", "show more content", "host-site",
                "Unknown", "was not recorded", "Khrushchev")


def test_a_differently_laid_out_edition_has_its_own_tei(make_app, tmp_path):
    app = build(make_app, tmp_path, builder="tei")
    assert app.warning.getvalue() == ""
    tei = next(app.outdir.glob("*.xml")).read_text(encoding="utf-8")
    for words in ("Layout fixture", "A fixture of another layout",
                  "A report received on paper", "Ann Smith", "Received by post."):
        assert words in tei, words
    assert [words for words in THIS_EDITION if words in tei] == []


def test_a_differently_laid_out_edition_has_its_own_lacunae(make_app, tmp_path):
    app = build(make_app, tmp_path, {"essay/part-one.md": (
        ROOT / "tests/roots/test-layout/essay/part-one.md").read_text(encoding="utf-8")
        .replace("Nothing stayed the same.", "Nothing stayed {gap}`torn`")},
        builder="tei")
    warnings = app.warning.getvalue()
    # The witness has no "[torn]": the witness check says so, which shows the kind was read.
    assert "unknown lacuna kind" not in warnings
    tei = next(app.outdir.glob("*.xml")).read_text(encoding="utf-8")
    assert 'reason="damage"' in tei and 'agent="tear"' in tei


def test_a_differently_laid_out_edition_gives_back_its_witness(tmp_path):
    root = copy_root("layout", tmp_path)
    data, warnings, path = rebuild_witness(root)
    assert warnings == "" and path == root / "sources/received.txt"
    assert data == path.read_bytes()


# -- settings -------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "message"), [
    ('edition_annotations = "notes"', "edition_annotations = 3",
     "edition_annotations = 3: must be str"),
    ('edition_witness = "sources/received.txt"', 'edition_witness = "../received.txt"',
     "edition_witness = '../received.txt' must be a path inside the project"),
    ('edition_witness = "sources/received.txt"', 'edition_witness = "sources/none.txt"',
     "edition_witness = 'sources/none.txt': no such file"),
    ('edition_witness_sha256 = "', 'edition_witness_sha256 = "0',
     "edition_witness_sha256 = '0"),
    ('"description": "The page is torn here.",', '',
     "edition_lacunae = 'torn' needs 'description' (text)"),
    ('"subtitle":', '"title":', "edition_tei = unknown key 'title'"),
    ('nitpicky = True', 'nitpicky = True\nedition_epub_accessibility = {"colour": ["red"]}',
     "edition_epub_accessibility = unknown key 'colour'"),
], ids=["type", "outside", "missing", "sha-form", "lacuna", "tei-key", "epub-key"])
def test_a_wrong_setting_is_named(make_app, tmp_path, old, new, message):
    root = copy_root("layout", tmp_path)
    (root / "conf.py").write_text(edit(root / "conf.py", old, new))
    app = make_app("dummy", srcdir=root, freshenv=True)
    warnings = app.warning.getvalue()
    assert f"{root / 'conf.py'}:1: WARNING: {message}" in warnings, warnings
    assert "[edition.config]" in warnings


def test_a_changed_witness_fails_the_build(make_app, tmp_path):
    root = copy_root("layout", tmp_path)
    witness = root / "sources/received.txt"
    witness.write_bytes(witness.read_bytes().replace(b"old", b"olde"))
    warnings = make_app("dummy", srcdir=root, freshenv=True).warning.getvalue()
    assert "the witness sources/received.txt has changed: its SHA-256 is" in warnings


# -- installable -------------------------------------------------------------------------


def test_pip_install_gives_the_extension_and_the_command(tmp_path):
    """A wheel of the repository, installed elsewhere, checks another edition."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("edition-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "edition = edition.cli:main" in zf.read(entry_points).decode()
    for data in ("edition/annotations/annotation.schema.json",
                 "edition/annotations/templates/edition/note-start.html",
                 "edition/output/static/edition.css", "edition/output/latex/edition.sty",
                 "edition/output/theme/edition/page.html",
                 "edition/output/theme/edition/partials/edition-cite.html",
                 "edition/output/website-static/edition-type.css",
                 "edition/output/website-static/fonts/EBGaramond12-Regular.woff2",
                 "edition/output/website-static/fonts/OFL.txt"):
        assert data in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    project = copy_root("layout", tmp_path)
    proc = subprocess.run([sys.executable, "-m", "edition", "--root", str(project), "check"],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert "No problems found." in proc.stdout
    import_check = subprocess.run(
        [sys.executable, "-c", "import edition; print(edition.__file__)"],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(target)})
    assert import_check.stdout.startswith(str(target))
    # The installed package brings its templates: the notes' and the theme's.
    site = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D",
                           "html_theme=edition", str(project), str(tmp_path / "html")],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert site.returncode == 0, site.stderr
    page = (tmp_path / "html" / "essay" / "part-one.html").read_text(encoding="utf-8")
    assert 'id="note-old-order"' in page and "edition-cite-section" in page


# -- the annotation format, declared once ----------------------------------------------------


def _template() -> dict:
    text = (ROOT / "annotations/_template.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_the_schema_the_template_and_the_parser_agree():
    schema = json.loads(model.SCHEMA_PATH.read_text(encoding="utf-8"))
    template = _template()
    # The template shows every field the schema has (optional ones as comments).
    front = (ROOT / "annotations/_template.md").read_text(encoding="utf-8").split("---\n")[1]
    for field in schema["properties"]:
        assert f"{field}:" in front, field
    for field in schema["properties"]["target"]["properties"]:
        assert f"{field}:" in front, field
    assert set(template) == set(schema["required"])
    # Once its placeholders are filled, the template is valid: for the schema and for
    # the parser (which also refuses the placeholder date).
    filled = {**template, "date": "2026-11-27"}
    assert frontmatter.schema_problems(filled, {}) == []
    assert template["date"] == model.TEMPLATE_DATE
    # The types the parser labels are the schema's.
    assert list(model.TYPES) == schema["properties"]["type"]["enum"]
    # CONTRIBUTING names the schema as the format's reference, and documents each field.
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "edition/annotations/annotation.schema.json" in contributing
    documented = [f for f in schema["properties"] if f != "target"] + [
        f"target.{f}" for f in schema["properties"]["target"]["properties"]]
    for field in documented:
        assert f"`{field}`" in contributing, field


def test_every_schema_message_is_used(tmp_path):
    """Each field's x-message is what a contributor sees for a bad value of it."""
    good = (ROOT / "tests/roots/test-edition/annotations/note-steps.md").read_text()
    bad_values = {
        "id: note-steps": "id: Note_Steps", "type: source": "type: gossip",
        "date: 2026-11-26": "date: '26 November'",
        "chapter: chapters/01-essay": "chapter: ../x",
        'exact: "Steps were small"': 'exact: ""',
    }
    for old, new in bad_values.items():
        path = tmp_path / "note-steps.md"
        path.write_text(good.replace(old, new))
        _, problems = files.parse_annotation(path)
        field = old.split(":")[0]
        schema = model.SCHEMA["properties"].get(field) or \
            model.SCHEMA["properties"]["target"]["properties"][field]
        expected = schema["x-message"].split("{")[0]
        assert any(expected in p.message for p in problems), (new, problems)
