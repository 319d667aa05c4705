#!/bin/sh
# Run a command with its output (standard output and error, together) quoted for a CI
# log: a line that starts with "::" (after spaces) is marked "› ", and "##[" anywhere is
# written "##\[", so that no line of it is read as a workflow command. Tools such as
# TeX print contributed text (an overfull line of a note) as they meet it; the
# edition's own messages are kept to one line by edition/trust/logs.py. The command's
# exit status is kept.
#   scripts/quote-log.sh latexmk -pdf book.tex
set -eu
status=$(mktemp)
trap 'rm -f "$status"' EXIT
{ "$@" 2>&1 && echo 0 >"$status" || echo $? >"$status"; } | sed -e 's/^\([[:space:]]*\)::/› \1::/' -e 's/##\[/##\\[/g'
exit "$(cat "$status")"
