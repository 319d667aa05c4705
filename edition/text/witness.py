"""The witness: the essay exactly as received, and facts about it that never change."""

from __future__ import annotations

import hashlib
from pathlib import Path

#: The SHA-256 of witness/witness.txt as received; the file must never change.
WITNESS_SHA256 = "f4268b763e84b1c2d4eb8e37f46cd70d5a3fffc0ed84aac27a0f2ecb22307de4"

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WITNESS_PATH = PROJECT_ROOT / "witness" / "witness.txt"


def witness_bytes(path: Path = WITNESS_PATH) -> bytes:
    return path.read_bytes()


def witness_sha256(path: Path = WITNESS_PATH) -> str:
    return hashlib.sha256(witness_bytes(path)).hexdigest()


def witness_paragraphs(path: Path = WITNESS_PATH) -> list[str]:
    """The witness's paragraphs: one per line, as the host site gave them."""
    return witness_bytes(path).decode("utf-8").split("\n")
