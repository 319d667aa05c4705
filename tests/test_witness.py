"""The project's copy of the witness is the witness, byte for byte."""

import hashlib
import re
import unicodedata

import pytest

import conf
from edition.text.witness import witness_paragraphs
from tests.outputs import ROOT, WITNESS_PATH

#: The witness as received, where the project's machines lay it beside the repository.
RECEIVED = ROOT.parent / "shared" / "witness" / "witness.txt"


def recorded_sha256(readme) -> str:
    found = re.search(r"\| sha256 \| `([0-9a-f]{64})` \|", readme.read_text(encoding="utf-8"))
    assert found, f"{readme} records no SHA-256"
    return found.group(1)


def test_witness_matches_pinned_sha256():
    assert conf.edition_witness == "witness/witness.txt"
    assert hashlib.sha256(WITNESS_PATH.read_bytes()).hexdigest() == conf.edition_witness_sha256
    # The pin is the one the witness's own README records, not a copy of itself.
    assert conf.edition_witness_sha256 == recorded_sha256(WITNESS_PATH.with_name("README.md"))


def test_witness_is_the_copy_received():
    if not RECEIVED.is_file():
        pytest.skip(f"the witness as received is not beside the repository ({RECEIVED})")
    assert WITNESS_PATH.read_bytes() == RECEIVED.read_bytes()
    assert recorded_sha256(RECEIVED.with_name("README.md")) == conf.edition_witness_sha256


def test_witness_shape_is_as_described_in_its_readme():
    data = WITNESS_PATH.read_bytes()
    text = data.decode("utf-8")
    assert len(data) == 2620
    assert len(text) == 2588
    assert unicodedata.is_normalized("NFC", text)
    assert not text.endswith("\n")
    assert len(witness_paragraphs(WITNESS_PATH)) == 3
