"""The project's copy of the witness is the witness, byte for byte."""

import hashlib
import unicodedata

from edition.text.witness import WITNESS_PATH, WITNESS_SHA256, witness_paragraphs


def test_witness_matches_pinned_sha256():
    assert hashlib.sha256(WITNESS_PATH.read_bytes()).hexdigest() == WITNESS_SHA256


def test_witness_shape_is_as_described_in_its_readme():
    data = WITNESS_PATH.read_bytes()
    text = data.decode("utf-8")
    assert len(data) == 2620
    assert len(text) == 2588
    assert unicodedata.is_normalized("NFC", text)
    assert not text.endswith("\n")
    assert len(witness_paragraphs()) == 3
