"""The tests' cache of compiled templates (tests/compiled_templates.py) changes nothing
a reader gets: pages rendered from templates read back from it are byte for byte the
pages Sphinx renders without one."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests import compiled_templates
from tests.project import copy_root


class CountingCache(compiled_templates.ByExtensions):
    """The tests' cache, noting each template asked for: its name, and whether it was
    given back compiled."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir()
        super().__init__(str(folder))
        self.asked: list[tuple[str, bool]] = []

    def get_bucket(self, environment, name, filename, source):
        bucket = super().get_bucket(environment, name, filename, source)
        self.asked.append((name, bucket.code is not None))
        return bucket


def pages(make_app, srcdir: Path, outdir: Path) -> dict[str, bytes]:
    shutil.rmtree(outdir, ignore_errors=True)
    app = make_app("html", srcdir=srcdir, builddir=outdir, freshenv=True)
    app.build()
    return {str(p.relative_to(app.outdir)): p.read_bytes()
            for p in sorted(app.outdir.rglob("*")) if p.suffix in {".html", ".js", ".css"}}


def test_pages_from_the_cache_are_the_pages_without_it(make_app, tmp_path, monkeypatch):
    srcdir = copy_root("edition", tmp_path)
    outdir = tmp_path / "build"
    monkeypatch.setattr(compiled_templates, "cache", None)
    without = pages(make_app, srcdir, outdir)

    cache = CountingCache(tmp_path / "templates")
    monkeypatch.setattr(compiled_templates, "cache", cache)
    pages(make_app, srcdir, outdir)  # compiles, and fills the cache
    filled = len(list((tmp_path / "templates").iterdir()))
    cache.asked = []
    from_cache = pages(make_app, srcdir, outdir)

    # Every template came from the cache, the static files' given as text included
    # (documentation_options.js_t and the like).
    assert filled >= 5 and len(cache.asked) >= filled
    assert all(compiled for _, compiled in cache.asked), cache.asked
    assert any(name.startswith("render_string|") for name, _ in cache.asked)
    assert "_static/documentation_options.js" in without
    assert len([p for p in without if p.endswith(".html")]) >= 3 and from_cache == without
