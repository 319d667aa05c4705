"""The PDF's cross-references: every link target of the HTML exists in the PDF and the
EPUB too, the final LaTeX run leaves nothing undefined, and a PDF build with an
undefined reference fails."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup

from tests.outputs import ROOT, BuildError, epub_xhtml, latex_log_findings, run

#: The edition's own link targets: ¶ numbers, interventions (and regularized
#: citations), notes and their lemmas, persons, bibliography entries.
TARGET = re.compile(r"^(paragraph|intervention|regularization|note|lemma|person|cite)-")


def html_targets(html_dir) -> set[tuple[str, str]]:
    """(docname, id) of every edition link target in the HTML."""
    found = set()
    for page in html_dir.rglob("*.html"):
        docname = page.relative_to(html_dir).with_suffix("").as_posix()
        soup = BeautifulSoup(page.read_bytes(), "lxml")
        found |= {(docname, e["id"]) for e in soup.select("[id]") if TARGET.match(e["id"])}
    return found


def test_every_html_link_target_is_in_the_pdf_and_the_epub(html_build, epub_build,
                                                          pdf_build):
    targets = html_targets(html_build.outdir)
    kinds = {ident.split("-")[0] for _, ident in targets}
    assert kinds == {"paragraph", "intervention", "regularization", "note", "lemma",
                     "person", "cite"}, kinds
    aux = (pdf_build.outdir / "khrushchev-essay.aux").read_text(encoding="utf-8")
    labels = set(re.findall(r"\\newlabel\{([^}]*)\}", aux))
    # Lemmas are marked by their note number in the PDF, which links to the note.
    missing_pdf = sorted(f"{d}:{i}" for d, i in targets
                         if not i.startswith("lemma-") and f"{d}:{i}" not in labels)
    assert missing_pdf == []
    epub_ids = {(name.removesuffix(".xhtml"), m) for name, data in
                epub_xhtml(epub_build.artifact).items()
                for m in re.findall(r'id="([^"]+)"', data.decode())}
    assert sorted(targets - epub_ids) == []


def test_the_final_latex_run_reports_nothing(pdf_build, record_property):
    """Nothing undefined, no rerun asked for, and no warning of any kind (the counts are
    printed, and recorded in the JUnit report)."""
    log = (pdf_build.outdir / "khrushchev-essay.log").read_text(encoding="utf-8",
                                                                errors="replace")
    findings = latex_log_findings(log)
    for kind, count in sorted(findings.items()):
        print(f"{count:4d}  {kind}")
        record_property(kind, count)
    assert not re.search(r"Rerun to get|Please rerun|rerun LaTeX", log)
    assert findings == {}


def test_log_findings_are_counted():
    log = ("LaTeX Warning: Hyper reference `a:b' on page 1 undefined on input line 3.\n"
           "LaTeX Warning: Hyper reference `a:c' on page 1 undefined on input line 4.\n"
           "Package fancyhdr Warning: \\headheight is too small (12.0pt): \n"
           "Overfull \\hbox (0.5pt too wide) in paragraph\n"
           "Overfull \\hbox (3.2pt too wide) in paragraph\n")
    assert latex_log_findings(log) == {
        "LaTeX: Hyper reference `a:b' on": 1, "LaTeX: Hyper reference `a:c' on": 1,
        "Package fancyhdr: \\headheight is too small": 1,
        "Overfull box wider than 1 pt": 1}


@pytest.mark.parametrize("body", [r"See \ref{nowhere}.", r"See \cite{nobody}."],
                         ids=["undefined-reference", "undefined-citation"])
def test_a_pdf_build_with_something_undefined_fails(tmp_path, body):
    """The edition's latexmkrc (also what Read the Docs runs) fails the build."""
    shutil.copy(ROOT / "edition" / "output" / "latex" / "latexmkrc", tmp_path / "latexmkrc")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\\begin{document}" + body + "\\end{document}\n")
    with pytest.raises(BuildError, match="exited"):
        run(["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-",
             "-interaction=nonstopmode", "doc.tex"], cwd=tmp_path)
    # The same document with the reference defined builds.
    (tmp_path / "ok.tex").write_text(
        "\\documentclass{article}\\begin{document}\\section{A}\\label{nowhere}"
        "See \\ref{nowhere}.\\end{document}\n")
    run(["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-",
         "-interaction=nonstopmode", "ok.tex"], cwd=tmp_path)


def test_note_numbers_sit_tight_against_punctuation(pdf_build):
    """'today¹.' not 'today¹ .': measured on the page (poppler's word boxes)."""
    from lxml import etree

    boxes = run(["pdftotext", "-bbox", str(pdf_build.artifact), "-"]).stdout
    words = etree.fromstring(boxes.encode(), etree.HTMLParser()).iter("word")
    gaps = []
    previous = None
    for word in words:
        text = word.text or ""
        # A raised number (a note number: its baseline above the word's) before
        # punctuation on the same line.
        raised = previous is not None and 2 < float(word.get("ymax")) - float(
            previous.get("ymax")) < 8
        if raised and previous.text and previous.text.isdigit() and text[:1] in ".,;:)":
            gaps.append(float(word.get("xmin")) - float(previous.get("xmax")))
        previous = word
    assert len(gaps) >= 5, gaps  # "today¹.", "so⁶.", "speeches¹,", …
    assert max(gaps) < 0.2, gaps  # points
