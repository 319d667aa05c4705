"""The same sources give the same bytes: every output, built again with the same
SOURCE_DATE_EPOCH (as `make` sets it from the last commit) as the session's build, is
identical to it."""

from __future__ import annotations

from pathlib import Path

import pytest


def files(root: Path, suffixes: set[str]) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and p.suffix in suffixes}


@pytest.mark.parametrize(
    ("builder", "suffixes"),
    [("html", {".html", ".js", ".css", ".inv", ".jsonld", ".xml"}), ("epub", {".epub"}),
     ("latex", {".pdf"})],
    ids=["html", "epub", "pdf"],
)
def test_two_builds_are_identical(request, rebuilt, builder, suffixes):
    """The second build (the `rebuilt` fixture) starts after the session's has ended,
    and more than a second later."""
    session = request.getfixturevalue(f"{'pdf' if builder == 'latex' else builder}_build")
    first, second = session.outdir, rebuilt[builder].outdir
    a, b = files(first, suffixes), files(second, suffixes)
    assert a, f"no {suffixes} files in the {builder} build"
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
