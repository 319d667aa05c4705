"""What a build holds while it runs (edition/domain.py's BuildState, edition/heap.py,
edition/formats.py): held no longer than it should be, and only by what it is for."""

from __future__ import annotations

import gc
import weakref
from types import SimpleNamespace

import pytest

from edition import heap
from edition.domain import BuildState
from edition.formats import has_a_page_per_document, is_website
from tests.project import copy_root


def test_setting_up_gives_back_what_an_application_never_built_froze():
    """An application set up and never built (tests make them) leaves what it froze
    frozen; the next application's set-up gives it back to the collector first, so
    that its garbage is collected rather than frozen again."""

    class Cycle:
        pass

    garbage = Cycle()
    garbage.itself = garbage
    alive = weakref.ref(garbage)
    gc.freeze()  # as an application set up and never built leaves the process
    del garbage
    try:
        heap.freeze(None)  # the next application's set-up
        assert alive() is None
    finally:
        gc.unfreeze()


def test_a_build_freezes_what_it_loaded_and_gives_it_back_even_when_it_fails(make_app,
                                                                              tmp_path):
    app = make_app("html", srcdir=copy_root("edition", tmp_path), freshenv=True)
    frozen_while_reading = []

    def fail(app, doctree) -> None:
        frozen_while_reading.append(gc.get_freeze_count())
        raise RuntimeError("a listener that fails")

    app.connect("doctree-read", fail)
    with pytest.raises(Exception, match="a listener that fails"):
        app.build()
    assert frozen_while_reading and frozen_while_reading[0] > 0
    assert gc.get_freeze_count() == 0


def test_a_writer_has_its_own_state_and_it_goes_with_the_writer():
    class Writer:
        pass

    state, first, second = BuildState(), Writer(), Writer()
    assert state.of_writer(dict, first) is state.of_writer(dict, first)
    assert state.of_writer(dict, first) is not state.of_writer(dict, second)
    state.of_writer(dict, first)["kept"] = 1
    del first
    gc.collect()
    assert len(state._by_writer[dict]) == 1  # the second writer's only
    assert state.of(list) is state.of(list)


@pytest.mark.parametrize(("name", "fmt", "website", "pages"), [
    ("html", "html", True, True), ("dirhtml", "html", True, True),
    ("singlehtml", "html", True, False), ("json", "html", True, False),
    ("epub", "html", False, False), ("latex", "latex", False, False)])
def test_which_output_a_builder_makes(name, fmt, website, pages):
    builder = SimpleNamespace(name=name, format=fmt)
    assert is_website(builder) is website
    assert has_a_page_per_document(builder) is pages
