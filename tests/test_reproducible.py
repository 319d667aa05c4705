"""The same sources give the same bytes: every output, built again with the same
SOURCE_DATE_EPOCH (as `make` sets it from the last commit) as the session's build, is
identical to it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.outputs import BUILD_ENV, latex_to_pdf, no_downloads, sphinx_build


def build_again(tmp_path: Path, builder: str) -> Path:
    """The edition built once more, as the session's build was (same SOURCE_DATE_EPOCH,
    same options), later, in another folder."""
    out = tmp_path / builder
    extra = no_downloads(tmp_path) if builder == "html" else ()
    sphinx_build(builder, out, tmp_path / "doctrees", extra=extra, env=BUILD_ENV)
    if builder == "latex":
        latex_to_pdf(out, env=BUILD_ENV)
    return out


def files(root: Path, suffixes: set[str]) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and p.suffix in suffixes}


@pytest.mark.parametrize(
    ("builder", "suffixes"),
    [("html", {".html", ".js", ".css", ".inv", ".jsonld", ".xml"}), ("epub", {".epub"}),
     ("latex", {".pdf"})],
    ids=["html", "epub", "pdf"],
)
def test_two_builds_are_identical(request, tmp_path, builder, suffixes):
    session = request.getfixturevalue(f"{'pdf' if builder == 'latex' else builder}_build")
    time.sleep(1.1)  # so that anything taken from the clock would differ
    first, second = session.outdir, build_again(tmp_path, builder)
    a, b = files(first, suffixes), files(second, suffixes)
    assert a, f"no {suffixes} files in the {builder} build"
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
