#!/bin/sh
# Print the path of a Python >= 3.13 (Sphinx 9.2 needs it), or explain and fail.
# Looks on PATH first, then in pyenv's versions folder: pyenv's shim refuses a bare
# `python3.13` unless pyenv selects it, but the interpreter itself runs fine.
set -u
ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null; }
for cand in python3.14 python3.13 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.14*/bin/python3 \
    "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3 \
    /usr/local/bin/python3.14 /usr/local/bin/python3.13 \
    /usr/bin/python3.14 /usr/bin/python3.13 python3; do
  if command -v "$cand" >/dev/null 2>&1 && ok "$cand"; then
    "$cand" -c "import sys; print(sys.executable)"
    exit 0
  fi
done
cat >&2 <<'MSG'
error: no Python 3.13 or newer was found (Sphinx 9.2 needs it).
Install one, for example `pyenv install 3.13` or your system's python3.13 package,
or name it explicitly: make all PYTHON=/path/to/python3.13
MSG
exit 1
