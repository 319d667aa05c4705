#!/bin/sh
# Refuse a checkout in which git tracks files that .gitignore leaves out: a build folder
# (_build/: Sphinx's and the edition's pickles run code when they are read), compiled
# Python (__pycache__/*.pyc: Python may run one instead of its source), a virtual
# environment, node_modules/. Run before any of the project's Python is imported: by
# make, by CI's first step and by Read the Docs after checkout (SECURITY.md).
# File names are untrusted: git quotes them, and each line is marked.
set -eu
cd "$(dirname "$0")/.."
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || exit 0
# .gitignore's patterns, and the same kinds of file named here too: a pull request that
# changes .gitignore cannot make them welcome.
tracked=$(git ls-files -ci --exclude-standard -x '_build/' -x '__pycache__/' -x '*.pyc' \
  -x '*.pickle' -x '*.doctree' -x '.venv*/' -x 'node_modules/' -x '.cache/' | head -n 6)
[ -z "$tracked" ] && exit 0
echo "error: git tracks files that .gitignore leaves out, e.g.:" >&2
# git quotes a name with a line break or other control character ("a\nb"); each line is
# marked with "- ", so that none starts with "::", and "##[" is written "##\[": CI reads
# either as a command.
printf '%s\n' "$tracked" | sed -e 's/##\[/##\\[/g' -e 's/^/  - /' >&2
echo "A checkout must not carry build folders, caches or compiled files (they can run" >&2
echo "code). Remove them from git (git rm -r --cached PATH) and commit; nothing was built." >&2
exit 1
