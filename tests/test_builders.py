"""Every Sphinx builder a user can name builds the edition, warning-free, and every
output that shows text shows the notes."""

from __future__ import annotations

import re
import zipfile

import pytest

from tests.outputs import sphinx_build

#: A sentence of a note (annotations/source-gill-paraphrase.md) and its lemma.
NOTE_WORDS = "The essay does not mark the borrowing as a quotation."
LEMMA = "taking Russia off of a safe course of development"


def _text_of(builder: str, outdir) -> str:
    """Everything the builder wrote that a reader would read, as one string."""
    if builder == "epub":
        with zipfile.ZipFile(next(outdir.glob("*.epub"))) as zf:
            return "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml"))
    suffixes = {"html": ".html", "dirhtml": ".html", "singlehtml": ".html", "text": ".txt",
                "man": ".1", "texinfo": ".texi", "latex": ".tex", "xml": ".xml",
                "pseudoxml": ".pseudoxml", "gettext": ".pot"}
    files = sorted(outdir.rglob(f"*{suffixes[builder]}"))
    assert files, f"{builder} wrote no {suffixes[builder]} file"
    return "".join(f.read_text(encoding="utf-8") for f in files)


def _normalize(text: str) -> str:
    # man and texinfo fold lines and escape some characters.
    return " ".join(text.replace("\\-", "-").replace("\\(aq", "'").split())


BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo",
            "xml", "pseudoxml", "gettext", "dummy"]
#: Built again for test_reproducible (the `rebuilt` fixture): not a third time here.
REBUILT = {"html", "epub", "latex"}


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_builds_the_edition(builder, request, tmp_path):
    if builder in REBUILT:
        build = request.getfixturevalue("rebuilt")[builder]
        out, warnings = build.outdir, build.warnings
    else:
        out = tmp_path / builder
        warnings = sphinx_build(builder, out, tmp_path / "doctrees")  # -W: a warning fails
    assert warnings == ""
    if builder == "dummy":
        return
    text = _normalize(_text_of(builder, out))
    if builder == "gettext":  # message catalogues: the note's sentence is a msgid
        assert NOTE_WORDS in text
        return
    assert NOTE_WORDS in text, f"{builder}: the note is missing"
    assert LEMMA in text, f"{builder}: the lemma is missing"
    if builder in {"text", "man", "texinfo"}:  # plain nodes: the number after the lemma
        assert re.search(re.escape(LEMMA) + r"\[\d+\]", text), text[:2000]
    if builder == "man":  # no internal link addresses printed after the words
        assert "<#" not in text

