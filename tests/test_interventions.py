"""The lacuna role: what it records, how it renders, and how it reports misuse."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from edition.text.interventions import GAP_SIGN
from edition.text.nodes import gap
from tests.outputs import HOST_MARKER


@pytest.mark.sphinx("html", testroot="gap-kinds", freshenv=True)
def test_gap_records_the_witness_reading(app):
    app.build()
    doctree = app.env.get_doctree("index")
    gaps = list(doctree.findall(gap))
    assert [(g["kind"], g["witness"]) for g in gaps] == [
        ("host-marker", HOST_MARKER),
        ("breaks-off", ""),
    ]
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="gap-kinds", freshenv=True)
def test_gap_renders_as_an_editorial_sign(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_bytes(), "lxml")
    spans = soup.select("span.edition-gap.edition-editorial")
    assert [s.get_text() for s in spans] == [GAP_SIGN, " " + GAP_SIGN]
    assert all(s["title"].startswith("Lacuna") for s in spans)


@pytest.mark.sphinx("latex", testroot="gap-kinds", freshenv=True)
def test_gap_renders_in_latex(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    # LaTeX escapes the brackets of the sign.
    sign = GAP_SIGN.replace("[", "{[}").replace("]", "{]}")
    # Each lacuna is anchored (the apparatus links to it); set the anchors aside.
    anchor = re.compile(r"\\phantomsection\\label\{\\detokenize\{index:intervention-\d+\}\}")
    assert len(anchor.findall(tex)) == 2
    tex = anchor.sub("", tex)
    assert "The " + sign in tex and "the end " + sign in tex


@pytest.mark.sphinx("html", testroot="gap-unknown-kind", freshenv=True)
def test_unknown_gap_kind_is_a_located_warning(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "index.md:3" in warnings
    assert "unknown lacuna kind 'torn-page'" in warnings
    assert "(in {gap}`torn-page`)" in warnings
    # Tells the contributor what is allowed: the kinds the fixture declares (none, so
    # the one every edition has).
    assert "write one of {gap}`breaks-off`" in warnings
    assert "[edition.intervention]" in warnings


@pytest.mark.sphinx("html", testroot="gap-unknown-kind", freshenv=True)
def test_malformed_corr_and_sic_are_located_warnings(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "corr.md:3: WARNING: write the correction, then the witness reading in angle " \
        "brackets, e.g. {corr}`. At <.At>` (in {corr}`no witness reading`)" in warnings
    assert "corr.md:3: WARNING: the correction is the same as the witness reading" in warnings
    assert "corr.md:3: WARNING: write the words kept as they stand" in warnings


@pytest.mark.sphinx("html", testroot="corr-sic", freshenv=True)
def test_corr_and_sic_record_the_witness_reading(app):
    from edition.text.nodes import corr, sic

    app.build()
    assert app.warning.getvalue() == ""
    doctree = app.env.get_doctree("index")
    assert [(n.astext(), n["witness"]) for n in doctree.findall(corr)] == [(". At", ".At")]
    [kept] = list(doctree.findall(sic))
    assert kept["witness"] == "these these" and kept.astext() == "these these [sic]"
