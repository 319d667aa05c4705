"""External links: the checker can fail (offline, against loopback); the real check
runs where there is a network; the inventory lists every address; form checks."""

from __future__ import annotations

import json
import socket
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Response

from edition.cli import external_links, links_report
from tests.outputs import ROOT
from tests.project import ROOTS, copy_root

# -- the link checker can fail -------------------------------------------------------------


@pytest.fixture
def bad_server():
    """A loopback server that fails in every way a site can (threaded, so that the
    hanging request does not hold up the others)."""
    httpserver = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpserver.start()
    httpserver.expect_request("/ok").respond_with_data("fine")
    httpserver.expect_request("/missing").respond_with_data("gone", status=404)
    httpserver.expect_request("/error").respond_with_data("oops", status=500)
    httpserver.expect_request("/loop").respond_with_response(
        Response(status=302, headers={"Location": "/loop"}))
    httpserver.expect_request("/hang").respond_with_handler(
        lambda request: (time.sleep(5), Response("late"))[1])
    yield httpserver
    httpserver.clear()
    httpserver.stop()


def test_linkcheck_reports_each_kind_of_failure(make_app, tmp_path, bad_server):
    base = bad_server.url_for("")
    paths = ["ok", "missing", "error", "loop", "hang"]
    page = "# Links\n\n" + "\n".join(f"- <{base}{p}>" for p in paths) + "\n"
    srcdir = copy_root("linkcheck", tmp_path, {"index.md": page})
    app = make_app("linkcheck", srcdir=srcdir, freshenv=True)
    app.build()
    results = {r["uri"].rsplit("/", 1)[-1]: r for r in map(
        json.loads, (app.outdir / "output.json").read_text().splitlines())}
    assert results["ok"]["status"] == "working"
    for path in ("missing", "error", "loop", "hang"):
        assert results[path]["status"] in {"broken", "timeout"}, results[path]
    assert "404" in results["missing"]["info"] and "500" in results["error"]["info"]
    assert "redirect" in results["loop"]["info"].lower()
    assert results["hang"]["status"] == "broken"  # a timeout counts as broken


# -- the real check, where a network exists ---------------------------------------------------


def _online() -> bool:
    try:
        socket.create_connection(("doi.org", 443), timeout=3).close()
        return True
    except OSError:
        return False


@pytest.mark.network
def test_external_links_answer(tmp_path):
    if not _online():
        pytest.skip("no network here: external links are checked by `make linkcheck` "
                    "and the weekly CI job")
    from tests.outputs import BuildError, sphinx_build

    try:
        sphinx_build("linkcheck", tmp_path / "linkcheck", tmp_path / "doctrees")
    except BuildError:
        pass  # every broken link is listed below, by its address
    results = [json.loads(line) for line in (tmp_path / "linkcheck" / "output.json")
               .read_text(encoding="utf-8").splitlines() if line.strip()]
    assert results, "the link checker checked no address"
    broken = [(r["uri"], r["status"], r["info"]) for r in results
              if r["status"] not in {"working", "redirected", "ignored", "unchecked"}]
    assert broken == []


# -- the inventory ------------------------------------------------------------------------------


def test_inventory_lists_every_bibliography_address():
    from pybtex.database import parse_file


    links, warnings = external_links(ROOT)
    assert warnings == ""
    found = {link.uri for link in links}
    for entry in parse_file(ROOT / "references.bib").entries.values():
        if "url" in entry.fields:
            assert entry.fields["url"] in found
        if "doi" in entry.fields:
            assert f"https://doi.org/{entry.fields['doi']}" in found
    report = links_report(links)
    assert f"{len(found)} addresses" in report
    for link in links:
        assert link.uri.startswith("https://") or link.reason, link


# -- link form, in text and notes ------------------------------------------------------------------


NOTE = ROOTS / "test-edition" / "annotations" / "note-steps.md"


@pytest.mark.parametrize(
    ("link", "message", "kind"),
    [
        # Refused by the policy for contributed text, before the note is published.
        ("http://example.org/page", "a link to a http: address is not allowed",
         "edition.annotation"),
        ("https://example.org/page?utm_source=x&id=1",
         "carries tracking parameters (utm_source)", "edition.link"),
        ("https://www.history.com/this-day-in-history/khrushchev-becomes-soviet-premier",
         "is the address of a work in the bibliography", "edition.link"),
    ],
    ids=["http", "tracking", "differs-from-record"],
)
def test_link_form_in_a_note(make_app, tmp_path, link, message, kind):
    text = NOTE.read_text().replace("A note that cites", f"A note with <{link}> that cites")
    srcdir = copy_root("edition", tmp_path, {"annotations/note-steps.md": text})
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    assert "note-steps.md:12: WARNING: " in warnings and message in warnings
    assert f"[{kind}]" in warnings


def test_http_record_needs_a_reason(make_app, tmp_path):
    bib = (ROOTS / "test-edition" / "refs.bib").read_text()
    srcdir = copy_root("edition", tmp_path,
                       {"refs.bib": bib.replace("  urlreason   = {Given as recorded.},\n", "")})
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert "historycomndpremier: URL 'http://www.history.com" in app.warning.getvalue()
    assert "say why not in `urlreason`" in app.warning.getvalue()
