"""Imported by the fork server of tests/sphinx_process.py, and only there: importing
Sphinx and the extensions once, before the builds are forked from it."""

from tests import compiled_templates
from tests.sphinx_process import preload

preload()
compiled_templates.share()
