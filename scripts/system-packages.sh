#!/bin/sh
# Make sure the system packages a task needs are installed.
#   scripts/system-packages.sh build   TeX for the PDF (xelatex, latexmk, fonts, xindy,
#                                      reledmac from texlive-humanities, EB Garamond)
#   scripts/system-packages.sh test    the above, plus poppler-utils, Java (EPUBCheck, the
#                                      Nu Html Checker), Chromium (Ace by DAISY), npm and
#                                      jing (validates the TEI export)
# On Debian/Ubuntu, missing packages are installed with apt-get when we are root or
# have passwordless sudo; otherwise the exact command is printed and we fail.
set -eu

# texlive-humanities: reledmac (line numbers, notes keyed by line); fonts-ebgaramond: the
# book face (true small caps, old-style figures), the only one the PDF uses.
build_pkgs="texlive-xetex latexmk texlive-fonts-recommended xindy
  texlive-humanities fonts-ebgaramond"
test_pkgs="poppler-utils default-jre-headless chromium npm jing"

case "${1:-}" in
  build) want="$build_pkgs" ;;
  test) want="$build_pkgs $test_pkgs" ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  # Not Debian: check for the programs themselves and say what is missing.
  missing=""
  for prog in xelatex latexmk xindy; do
    command -v "$prog" >/dev/null 2>&1 || missing="$missing $prog"
  done
  if command -v kpsewhich >/dev/null 2>&1 && [ -z "$(kpsewhich reledmac.sty)" ]; then
    missing="$missing reledmac.sty"
  fi
  if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list 'EB Garamond')" ]; then
    missing="$missing EB-Garamond-font"
  fi
  if [ "$1" = test ]; then
    for prog in pdftotext pdffonts pdfinfo java "${CHROMIUM:-chromium}" npm jing; do
      command -v "$prog" >/dev/null 2>&1 || missing="$missing $prog"
    done
  fi
  if [ -n "$missing" ]; then
    echo "error: these programs are missing:$missing" >&2
    echo "Install TeX Live with XeLaTeX, latexmk, xindy and reledmac, the EB Garamond" >&2
    echo "OpenType fonts, and, for the tests, poppler's utilities, a Java runtime, Chromium" >&2
    echo "and Node.js" >&2
    echo "with npm; then run make again." >&2
    exit 1
  fi
  exit 0
fi

missing=""
for pkg in $want; do
  # A Java runtime from another package (e.g. openjdk-17-jre-headless) will do.
  if [ "$pkg" = default-jre-headless ] && command -v java >/dev/null 2>&1; then
    continue
  fi
  # Another Chromium-based browser will do, when $CHROMIUM names it (Ubuntu's chromium
  # package is only a snap wrapper; GitHub's runners have Google Chrome).
  if [ "$pkg" = chromium ] && { command -v chromium >/dev/null 2>&1 ||
      { [ -n "${CHROMIUM:-}" ] && [ -x "${CHROMIUM:-}" ]; }; }; then
    continue
  fi
  # Any Node.js with npm will do (e.g. one installed from NodeSource or nvm).
  if [ "$pkg" = npm ] && command -v npm >/dev/null 2>&1; then
    continue
  fi
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "error: missing system packages:$missing" >&2
  echo "Install them (as root) and run make again:" >&2
  echo "    apt-get update && $cmd" >&2
  exit 1
fi
echo "Installing system packages:$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
