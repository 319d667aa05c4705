"""What the annotation files gave when a build last read them, kept beside the doctrees.

A build reads again only the files that changed since (``files.read_all``). The readings
are kept in :data:`SHARDS` files, each file's reading in the one its name falls in, so
that an edited note rewrites one of them: at 10,000 notes, rewriting them all took
0.13 s of a 3.5 s rebuild. Each is sealed (``trust/caches.py``): one this machine did not
write is never unpickled, and its files are read again. What a reading depends on
besides its file (the code that reads it, the schema, MyST's settings) is the
fingerprint: another, and every file is read again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import os
import pickle
import sys
import zlib
from pathlib import Path

from sphinx.environment import BuildEnvironment

from edition.annotations import bodies, bodycheck, fieldcheck, files, frontmatter, model, rawfile
from edition.annotations.model import FileReading
from edition.trust import caches, links, markup

#: Bump when what is kept between builds changes shape, or what reading a file checks.
KEPT_VERSION = 2
SHARDS = 16
FOLDER = "edition-annotation-files"
#: Where earlier builds kept every reading, in one file (removed when seen).
FORMER_FILE = "edition-annotation-files.pickle"


def fingerprint(env: BuildEnvironment) -> str:
    """What a file's reading depends on besides the file: the code that reads it, the
    schema and the build's Markdown settings."""
    digest = hashlib.sha256(f"{KEPT_VERSION} {settings_text(bodies.myst_config(env))}".encode())
    for module in (files, rawfile, model, frontmatter, fieldcheck, bodycheck, links, markup,
                   sys.modules[__name__]):
        digest.update(Path(inspect.getfile(module)).read_bytes())
    digest.update(model.SCHEMA_PATH.read_bytes())
    return digest.hexdigest()


def settings_text(config) -> str:
    """MyST's settings as text that is the same in every process: its sets sorted (their
    repr follows the process's hash seed, and the readings kept were never reused)."""
    return repr({field.name: sorted(value) if isinstance(value, (set, frozenset)) else value
                 for field in dataclasses.fields(config)
                 for value in [getattr(config, field.name)]})


def shard_of(path: str) -> int:
    """The shard a file's reading is kept in, by the file's name."""
    return zlib.crc32(os.path.basename(path).encode("utf-8", "surrogateescape")) % SHARDS


def _stamps(kept: files.Kept) -> dict[str, tuple[int, int]]:
    return {path: stamp for path, (stamp, _) in kept.items()}


def _well_formed(kept: object) -> bool:
    """Readings as this code keeps them (path -> ((size, mtime), FileReading)); any
    other shape is read again from the files, never trusted."""
    return isinstance(kept, dict) and all(
        isinstance(path, str) and isinstance(value, tuple) and len(value) == 2
        and isinstance(value[0], tuple) and isinstance(value[1], FileReading)
        for path, value in kept.items())


class KeptReadings:
    """The readings kept in a doctree folder, under one fingerprint."""

    def __init__(self, doctreedir: Path, fingerprint: str) -> None:
        self.folder = doctreedir / FOLDER
        self.former = doctreedir / FORMER_FILE
        self.fingerprint = fingerprint
        #: shard -> what it held when loaded (only the shards that loaded)
        self.loaded: dict[int, files.Kept] = {}

    def _file(self, shard: int) -> Path:
        return self.folder / f"{shard:02d}.pickle"

    def load(self) -> files.Kept:
        """Every kept reading that is still good to use (none from a shard that was
        kept under another fingerprint, or not sealed here)."""
        for shard in range(SHARDS):
            readings = self._load_shard(self._file(shard))
            if readings is not None:
                self.loaded[shard] = readings
        return {path: kept for readings in self.loaded.values()
                for path, kept in readings.items()}

    def _load_shard(self, path: Path) -> files.Kept | None:
        try:
            payload = caches.unseal(path.read_bytes())  # never unpickle what this
            if payload is None:                           # machine did not write
                return None
            kept_fingerprint, kept = caches.loads(payload)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError,
                TypeError, ImportError):
            return None
        if kept_fingerprint != self.fingerprint or not _well_formed(kept):
            return None
        return kept

    def store(self, readings: files.Kept) -> None:
        """Keep `readings`: rewrite only the shards whose files changed."""
        by_shard: dict[int, files.Kept] = {shard: {} for shard in range(SHARDS)}
        for path, reading in readings.items():
            by_shard[shard_of(path)][path] = reading
        for shard, kept in by_shard.items():
            if shard in self.loaded and _stamps(self.loaded[shard]) == _stamps(kept):
                continue  # the same bytes again
            if not kept:
                self._file(shard).unlink(missing_ok=True)
                continue
            self._store_shard(self._file(shard), kept)
        self.former.unlink(missing_ok=True)

    def _store_shard(self, path: Path, kept: files.Kept) -> None:
        sealed = caches.seal(caches.dumps((self.fingerprint, kept)))
        if sealed is None:
            return  # no key to seal it with: nothing is kept, every file is read again
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(sealed)
        temporary.replace(path)
