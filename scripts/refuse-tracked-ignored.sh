#!/bin/sh
# Refuse a checkout in which git tracks what a checkout must never carry: a build folder
# (_build/: Sphinx's and the edition's pickles run code when they are read), compiled
# Python (__pycache__/, *.pyc: Python may run one instead of its source), pickles,
# doctrees, a virtual environment, node_modules/, .cache/, and anything else .gitignore
# leaves out. Run before any of the project's Python is imported: by make (every target
# that runs it), as CI's first step after the checkout and by Read the Docs right after
# its checkout (SECURITY.md). Exit status 1, with the first 20 such files named.
#
# File names are untrusted: each is printed after "tracked: ", every character but
# letters, digits and ._/+- shown as "?", so that no line can hold a workflow command
# (the runner reads "::…" at the start of a line and the older "##[…" anywhere in one).
set -eu
cd "$(dirname "$0")/.."
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || exit 0

# The kinds of file named here count whatever .gitignore says: a pull request can change
# .gitignore. (The same list as edition/trust/caches.py's NEVER_TRACKED.)
tracked() {
  { git ls-files -z -- _build .cache '.venv*' node_modules '*__pycache__*' '*.pyc' \
      '*.pickle' '*.doctree'
    git ls-files -z -ci --exclude-standard; } | sort -zu
}

if [ -z "$(tracked | head -c 1)" ]; then
  exit 0
fi
message="git tracks build folders, caches or compiled Python (_build, .cache, .venv*,\
 node_modules, __pycache__, *.pyc, *.pickle, *.doctree, or files .gitignore leaves out),\
 which can run code when a build loads them. Remove them from git (git rm -r --cached\
 PATH) and commit; nothing was built."
if [ "${GITHUB_ACTIONS:-}" = true ]; then
  echo "::error::$message"
else
  echo "error: $message"
fi
tracked | head -z -n 20 | tr '\0\n' '\n?' | LC_ALL=C sed 's|[^A-Za-z0-9._/+-]|?|g; s|^|tracked: |'
exit 1
