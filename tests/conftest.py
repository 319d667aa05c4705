"""Fixtures: the real edition built once per test session in each format, and the
`sphinx.testing` fixtures for the small projects under tests/roots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.outputs import BUILD_ENV, Build, latex_to_pdf, no_downloads, sphinx_build

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the `test-*` projects."""
    return ROOTS


@pytest.fixture(scope="session")
def edition_tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("edition")


@pytest.fixture(scope="session")
def html_build(edition_tmp) -> Build:
    out = edition_tmp / "html"
    return Build(out, sphinx_build("html", out, edition_tmp / "doctrees-html",
                                   extra=no_downloads(edition_tmp), env=BUILD_ENV))


@pytest.fixture(scope="session")
def epub_build(edition_tmp) -> Build:
    out = edition_tmp / "epub"
    warnings = sphinx_build("epub", out, edition_tmp / "doctrees-epub", env=BUILD_ENV)
    return Build(out, warnings, out / "khrushchev-essay.epub")


@pytest.fixture(scope="session")
def pdf_build(edition_tmp) -> Build:
    out = edition_tmp / "latex"
    warnings = sphinx_build("latex", out, edition_tmp / "doctrees-latex", env=BUILD_ENV)
    return Build(out, warnings, latex_to_pdf(out, env=BUILD_ENV))
