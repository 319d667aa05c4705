"""When things happen is one table (edition/events.py): no listener or transform is
registered anywhere else, the table is what Sphinx runs, in the order a build runs it,
and the developer's map (docs/developer/events.md) is the table."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from sphinx.events import EventManager

from edition import events
from tests.outputs import ROOT
from tests.project import copy_root

REGISTERING = {"connect", "add_transform", "add_post_transform"}


def registrations(source: str) -> list[tuple[int, str]]:
    """(line, method) of every ``x.connect(…)``, ``x.add_transform(…)`` and
    ``x.add_post_transform(…)`` in a module's source."""
    return [(node.lineno, node.func.attr) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in REGISTERING]


def registered_outside_the_table(package: Path) -> dict[str, list[tuple[int, str]]]:
    found = {}
    for path in sorted(package.rglob("*.py")):
        name = str(path.relative_to(package.parent))
        if name == "edition/events.py":
            continue
        calls = registrations(path.read_text(encoding="utf-8"))
        if name in events.TOOL_LISTENERS:
            # A tool connects listeners to its own build, never adds a transform.
            calls = [call for call in calls if call[1] != "connect"]
        if calls:
            found[name] = calls
    return found


def test_no_listener_or_transform_is_registered_outside_the_table():
    assert registered_outside_the_table(ROOT / "edition") == {}


def test_a_listener_moved_out_of_the_table_is_found(tmp_path):
    package = tmp_path / "edition"
    (package / "pages").mkdir(parents=True)
    (package / "pages/places.py").write_text(
        "def setup(app):\n    app.connect('doctree-resolved', fill_person_places)\n")
    (package / "cli.py").write_text("def tool(app):\n    app.add_transform(T)\n")
    assert registered_outside_the_table(package) == {
        "edition/pages/places.py": [(2, "connect")], "edition/cli.py": [(2, "add_transform")]}


def connected_events(path: Path) -> set[str]:
    """The events a module connects to: each ``x.connect(EVENT, …)``'s first argument, a
    string or a name the module has (resolved by importing it)."""
    module = importlib.import_module(str(path.relative_to(ROOT).with_suffix(""))
                                     .replace("/", "."))
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "connect" and node.args:
            first = node.args[0]
            found.add(first.value if isinstance(first, ast.Constant)
                      else getattr(module, ast.unparse(first)))
    return found


def test_each_tool_listens_to_the_events_the_table_names():
    assert {name: connected_events(ROOT / name) for name in events.TOOL_LISTENERS} == {
        name: set(hooks) for name, hooks in events.TOOL_LISTENERS.items()}


def _mine(handler) -> bool:
    return getattr(handler, "__module__", "").startswith("edition.")


def test_the_table_is_what_sphinx_runs(make_app, tmp_path):
    app = make_app("html", srcdir=copy_root("edition", tmp_path), freshenv=True)
    for hook in {step.hook for step in events.STEPS} - set(events.TRANSFORM_HOOKS):
        # Sphinx calls an event's listeners sorted by priority, ties in connection order.
        running = [(listener.handler, listener.priority) for listener in
                   sorted(app.events.listeners[hook], key=lambda listener: listener.priority)
                   if _mine(listener.handler)]
        documented = [(step.handler, step.priority) for step in
                      sorted((s for s in events.STEPS if s.hook == hook),
                             key=lambda s: s.priority)]
        assert running == documented, hook
    for hook, registered in (("transform", app.registry.get_transforms()),
                             ("post-transform", app.registry.get_post_transforms())):
        documented = {step.handler: step.priority for step in events.STEPS
                      if step.hook == hook}
        assert {t: t.default_priority for t in registered if _mine(t)} == documented, hook
    # Every listener of the extension is in the table.
    everything = {listener.handler for listeners in app.events.listeners.values()
                  for listener in listeners if _mine(listener.handler)}
    assert everything == {s.handler for s in events.STEPS
                          if s.hook not in events.TRANSFORM_HOOKS}


def test_the_table_lists_things_in_the_order_a_build_runs_them(make_app, tmp_path,
                                                                monkeypatch):
    emitted: list[str] = []
    emit = EventManager.emit

    def recording(self, name, *args, **kwargs):
        emitted.append(name)
        return emit(self, name, *args, **kwargs)

    monkeypatch.setattr(EventManager, "emit", recording)
    app = make_app("html", srcdir=copy_root("edition", tmp_path), freshenv=True)
    app.build()
    nested = set(events.OWN_EVENTS)  # emitted inside each document's reading
    hooks = [s.hook for s in events.STEPS
             if s.hook not in events.TRANSFORM_HOOKS and s.hook not in nested]
    documented = list(dict.fromkeys(hooks))
    first = {name: emitted.index(name) for name in documented if name in emitted}
    assert set(first) == set(documented), "some documented event never ran"
    assert sorted(documented, key=first.get) == documented
    # A note is held while its chapter is read: after its source, before doctree-read.
    reading = [name for name in emitted if name in {"source-read", "doctree-read", *nested}]
    held = [i for i, name in enumerate(reading) if name in nested]
    assert held, "the test edition's notes were never held"
    for i in held:
        before = next(name for name in reversed(reading[:i]) if name not in nested)
        assert before == "source-read", reading
    # The phases come in their order, and within one hook the rows by priority.
    phases = list(events.Phase)
    order = [(phases.index(s.phase), events.HOOKS[s.phase].index(
        events.OWN_EVENTS.get(s.hook, s.hook))) for s in events.STEPS]
    assert order == sorted(order)
    for hook in {s.hook for s in events.STEPS}:
        priorities = [s.priority for s in events.STEPS if s.hook == hook]
        assert priorities == sorted(priorities), hook
    # Transforms while reading run before `doctree-read` is emitted (a transform at 880).
    assert max(s.priority for s in events.STEPS if s.hook == "transform") < 880


def test_the_developers_map_is_the_table():
    written = (ROOT / "docs/developer/events.md").read_text(encoding="utf-8")
    assert written == events.as_markdown(), (
        "docs/developer/events.md differs from edition/events.py: run "
        "`.venv/bin/python -m edition events > docs/developer/events.md`")
