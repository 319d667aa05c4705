"""The same sources give the same bytes: every output, built twice with the same
SOURCE_DATE_EPOCH (as `make` sets it from the last commit), is identical."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.outputs import latex_to_pdf, sphinx_build

EPOCH = {**os.environ, "SOURCE_DATE_EPOCH": "1764201600"}  # 2025-11-27, any fixed date


def build_twice(tmp_path: Path, builder: str) -> tuple[Path, Path]:
    outs = []
    for run in ("first", "second"):
        out = tmp_path / run / builder
        sphinx_build(builder, out, tmp_path / run / "doctrees", env=EPOCH)
        if builder == "latex":
            latex_to_pdf(out, env=EPOCH)
        outs.append(out)
        time.sleep(1.1)  # so that anything taken from the clock would differ
    return outs[0], outs[1]


def files(root: Path, suffixes: set[str]) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and p.suffix in suffixes}


@pytest.mark.parametrize(
    ("builder", "suffixes"),
    [("html", {".html", ".js", ".css", ".inv"}), ("epub", {".epub"}), ("latex", {".pdf"})],
    ids=["html", "epub", "pdf"],
)
def test_two_builds_are_identical(tmp_path, builder, suffixes):
    first, second = build_twice(tmp_path, builder)
    a, b = files(first, suffixes), files(second, suffixes)
    assert a, f"no {suffixes} files in the {builder} build"
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
