"""One cache of compiled Jinja templates for all the Sphinx builds of a test run.

Sphinx gives its template environment no bytecode cache, so every HTML or EPUB build
compiles furo's and the edition's templates again: in a test run, about 1,150
compilations and 15 CPU-seconds (measured with cProfile), for about 85 builds of the
same few templates. Here the builds of a run share Jinja's own file-system bytecode
cache (it writes each entry to a temporary file and renames it: the test workers and
the forked builds may share it). The static files Sphinx renders from templates given
as text (``documentation_options.js_t`` and the like: four for each HTML build, a sixth
of a small build's time) are compiled through the same cache, named by the text's
checksum.

What Jinja compiles depends on the template's source and on the environment's
extensions. Jinja keys its cache on the template's name and file and checks the
source's checksum on every load; the extensions are made part of the key here. The
pages rendered are the same: the builds in new interpreters
(`tests.sphinx_process.new_process`) compile as Sphinx does, and the reproducibility
test compares their bytes with the session's builds, which used this cache (though
whether those read from it or only filled it depends on which builds ran first):
tests/test_compiled_templates.py shows, every run, that pages rendered from templates
read back from the cache are the bytes of pages rendered without one, and so are the
static files.
"""

from __future__ import annotations

import hashlib
import os
import tempfile

from jinja2 import FileSystemBytecodeCache

#: The run's cache folder: chosen once (tests/conftest.py, before the workers start,
#: which inherit it).
VARIABLE = "EDITION_TESTS_TEMPLATE_CACHE"


def choose_folder() -> str | None:
    """Make the run's cache folder, unless one is chosen; the folder made, if any (for
    the caller to remove when the run ends)."""
    if VARIABLE in os.environ:
        return None
    folder = tempfile.mkdtemp(prefix="edition-tests-templates-")
    os.environ[VARIABLE] = folder
    return folder


class ByExtensions(FileSystemBytecodeCache):
    """Jinja's cache, with the environment's extensions in each entry's key."""

    def get_bucket(self, environment, name, filename, source):
        extensions = ",".join(sorted(environment.extensions))
        return super().get_bucket(environment, f"{extensions}|{name}", filename, source)


#: The cache the template environments get (None: none, as Sphinx has it).
cache: FileSystemBytecodeCache | None = None


def share() -> None:
    """Give every Sphinx template environment made in this process (and in processes
    forked from it) the run's cache."""
    global cache
    from sphinx.jinja2glue import BuiltinTemplateLoader

    if getattr(BuiltinTemplateLoader.init, "shares_compiled_templates", False):
        return
    folder = os.environ[VARIABLE]
    os.makedirs(folder, exist_ok=True)  # (a folder named from outside may not exist yet)
    cache = ByExtensions(folder)
    sphinx_init = BuiltinTemplateLoader.init

    def init(self, *args, **kwargs):
        sphinx_init(self, *args, **kwargs)
        self.environment.bytecode_cache = cache

    def render_string(self, source, context):
        """Sphinx's (a template given as text: the static files named ``*_t``), with the
        compiled text kept in the same cache, named by its checksum."""
        environment = self.environment
        if cache is None:
            return environment.from_string(source).render(context)
        name = "render_string|" + hashlib.sha256(source.encode("utf-8")).hexdigest()
        bucket = cache.get_bucket(environment, name, None, source)
        if bucket.code is None:
            bucket.code = environment.compile(source)
            cache.set_bucket(bucket)
        template = environment.template_class.from_code(
            environment, bucket.code, environment.make_globals(None), None)
        return template.render(context)

    init.shares_compiled_templates = True
    BuiltinTemplateLoader.init = init
    BuiltinTemplateLoader.render_string = render_string
