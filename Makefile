# The edition's commands. `make all` builds HTML, EPUB and PDF; `make test` runs the tests.
# Both set up what they need first: a Python >= 3.13 virtual environment in .venv
# with the pinned requirements, and (on Debian/Ubuntu, as root or with sudo) the
# system packages; see scripts/.

PYTHON   ?= $(shell scripts/find-python.sh)
VENV     ?= .venv
VPY      := $(VENV)/bin/python
# The benchmark's plot only (matplotlib): kept apart from the build's environment.
BENCH_VENV ?= .venv-benchmark
# cffconvert (validates CITATION.cff in the tests) needs jsonschema 3: its own environment.
CFF_VENV ?= .venv-cff
BUILDDIR ?= _build
NAME     := khrushchev-essay
# Warnings are errors, all of them reported before failing; nitpicky references; tracebacks shown.
SPHINXOPTS ?= -W --keep-going -n -T
# Each format keeps its own environment (doctrees/html, doctrees/epub, ...): with one
# shared, a note edited and built as HTML would leave the EPUB built next unchanged
# (Sphinx writes again only the pages whose own source is newer than its output).
SPHINXBUILD = $(VPY) -m sphinx $(SPHINXOPTS) -d $(BUILDDIR)/doctrees/$@
# Reproducible outputs: the same sources give the same bytes.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: safe-tree cover all html epub pdf tei tei-schema test release-files check review witness serve linkcheck links lint clean requirements venv system-build system-test benchmark webfonts screenshots

# The HTML last: it links the PDF and EPUB from every page and copies them into the site.
all: clean
	$(MAKE) epub pdf tei
	$(MAKE) html

html: safe-tree $(VENV)/.build-installed
	$(SPHINXBUILD) -b html . $(BUILDDIR)/html

epub: safe-tree $(VENV)/.build-installed
	$(SPHINXBUILD) -b epub . $(BUILDDIR)/epub

pdf: safe-tree $(VENV)/.build-installed system-build
	$(SPHINXBUILD) -b latex . $(BUILDDIR)/latex
	# TeX prints what it typesets badly, a note's words too: quoted, so that no line of
	# it is a CI workflow command (SECURITY.md).
	cd $(BUILDDIR)/latex && $(CURDIR)/scripts/quote-log.sh latexmk -r latexmkrc -pdf -dvi- -ps- -interaction=nonstopmode -halt-on-error $(NAME).tex
	@echo "PDF: $(BUILDDIR)/latex/$(NAME).pdf"

test: safe-tree $(VENV)/.test-installed $(CFF_VENV)/.installed system-test node_modules/.installed tei-schema
	$(VPY) -m pytest -n auto --maxprocesses 4 --dist worksteal

# A release's files (PDF, EPUB, TEI, Web Annotations, notes from CHANGELOG.md) in
# $(BUILDDIR)/release/, after a fresh build; TAG=v0.3 checks that the tag names conf.py's
# version. The release workflow publishes them; CI builds them without publishing.
release-files: all
	$(VPY) scripts/release-files.py --builddir $(BUILDDIR) $(if $(TAG),--tag $(TAG))

# Open exports: the edition as TEI P5 (the HTML build also writes it, with the notes as
# W3C Web Annotations in annotations.jsonld).
tei: safe-tree $(VENV)/.build-installed
	$(SPHINXBUILD) -b tei . $(BUILDDIR)/tei

# The website's book face: EB Garamond as WOFF2, from the packaged fonts (commit the result).
webfonts: safe-tree $(VENV)/.test-installed system-build node_modules/.installed
	$(VPY) scripts/webfonts.py

# The EPUB's cover, in the book's face, from conf.py's title (commit the result).
cover: safe-tree $(VENV)/.build-installed system-test
	$(VPY) scripts/cover.py

# The README's pictures of a chapter with a note open, 1500 and 390 px wide (docs/).
screenshots: html node_modules/.installed
	node scripts/readme-screenshots.mjs $(BUILDDIR)/html docs

# The TEI P5 schema the tests validate against, from a pinned PyPI sdist (never installed).
tei-schema: safe-tree $(VENV)/.build-installed
	scripts/tei-schema.sh $(VPY) .cache/tei

# Validate annotations, records, citations and the reading text; writes nothing.
check: safe-tree $(VENV)/.build-installed
	$(VPY) -m edition check

# What a change does to the edition since BASE (a commit, branch or tag; default:
# origin/main, else main): notes added, changed and removed as readers read them, the
# registers' entries, and the problems `make check` finds, as Markdown. OUT=file writes
# it there (CI: the pull request's job summary). Fails only when there are problems.
review: safe-tree $(VENV)/.build-installed
	@$(VPY) -m edition review $(if $(OUT),-o "$(OUT)") $(if $(BASE),-- "$(BASE)")

# Give back the witness from the reading text and its interventions, and compare.
witness: safe-tree $(VENV)/.build-installed
	$(VPY) -m edition witness --verify

# External links: do they answer? Needs the network (offline, every one fails).
linkcheck: safe-tree $(VENV)/.build-installed
	$(SPHINXBUILD) -b linkcheck . $(BUILDDIR)/linkcheck

# The list of every external address, with where it stands.
links: safe-tree $(VENV)/.build-installed
	@mkdir -p $(BUILDDIR)
	$(VPY) -m edition links -o $(BUILDDIR)/external-links.md
	@echo "Report: $(BUILDDIR)/external-links.md"

# Live preview while writing: rebuilds on every change, reloads the browser.
serve: safe-tree $(VENV)/.test-installed
	$(VENV)/bin/sphinx-autobuild $(SPHINXOPTS) --watch annotations --watch references.bib \
	  --watch edition . $(BUILDDIR)/serve

lint: safe-tree $(VENV)/.test-installed node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy
	node_modules/.bin/eslint --max-warnings 0 .

# Build times per format; then scaling with notes against plain Sphinx (table + plot).
benchmark: safe-tree $(VENV)/.test-installed $(BENCH_VENV)/.installed system-build
	$(VPY) benchmarks/build_times.py
	$(VPY) benchmarks/scaling.py --plotter $(BENCH_VENV)/bin/python

clean:
	rm -rf $(BUILDDIR)

# Before any of the project's Python runs: no build folder, cache or compiled file that
# git tracks (a pickle or a .pyc in a pull request would run as code; SECURITY.md).
safe-tree:
	@scripts/refuse-tracked-ignored.sh

# -- set-up --------------------------------------------------------------------

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "error: no Python >= 3.13 found (see above)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.build-installed: requirements.txt | $(VENV)/bin/python
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.build-installed
	$(VPY) -m pip install --quiet --require-hashes -r requirements-test.txt
	touch $@

venv: $(VENV)/.test-installed

$(CFF_VENV)/.installed: requirements-cff.txt | $(VENV)/bin/python
	$(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements-cff.txt
	touch $@

$(BENCH_VENV)/.installed: requirements-benchmark.txt | $(VENV)/bin/python
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements-benchmark.txt
	touch $@

# The validators the tests run (Nu Html Checker, Ace by DAISY), pinned in
# package-lock.json. No install scripts: they would download a browser and a Java
# runtime, and the tests use the system's (Debian's Chromium and Java).
node_modules/.installed: package.json package-lock.json | system-test
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
	touch $@

system-build:
	scripts/system-packages.sh build

system-test:
	scripts/system-packages.sh test

# Regenerate the pinned requirements from the short .in files.
requirements: $(VENV)/.build-installed
	$(VPY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements-test.txt requirements-test.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements-benchmark.txt requirements-benchmark.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements-cff.txt requirements-cff.in
