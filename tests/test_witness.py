"""The project's copy of the witness is the witness, byte for byte."""

import hashlib
import unicodedata

import conf
from edition.text.witness import witness_paragraphs
from tests.outputs import WITNESS_PATH


def test_witness_matches_pinned_sha256():
    assert conf.edition_witness == "witness/witness.txt"
    assert hashlib.sha256(WITNESS_PATH.read_bytes()).hexdigest() == conf.edition_witness_sha256
    assert conf.edition_witness_sha256 == (
        "f4268b763e84b1c2d4eb8e37f46cd70d5a3fffc0ed84aac27a0f2ecb22307de4")  # witness/README.md


def test_witness_shape_is_as_described_in_its_readme():
    data = WITNESS_PATH.read_bytes()
    text = data.decode("utf-8")
    assert len(data) == 2620
    assert len(text) == 2588
    assert unicodedata.is_normalized("NFC", text)
    assert not text.endswith("\n")
    assert len(witness_paragraphs(WITNESS_PATH)) == 3
