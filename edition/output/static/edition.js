// The edition's reading aids, for the website only (the EPUB has no script). No
// framework, nothing loaded from anywhere. Without JavaScript every note is open beside
// or under its paragraph and the citations are plain boxes: nothing here is needed to
// read the edition.
//
// * Notes beside their words (wide screens): each note starts at the height of its
//   lemma, pushed down only as far as needed to clear the note above.
// * Narrow screens: notes closed under their paragraph, opened in place by their number.
// * A lemma and its note highlight each other on hover and on focus.
// * Reader controls, remembered across pages (localStorage): notes shown or hidden,
//   one kind of note only, editorial signs emphasized or not; announced in a live region.
// * Cite this: copy buttons; each paragraph's citation offered from its number.
(function () {
  "use strict";
  var WIDE = "(min-width: 67em)";
  var wide = window.matchMedia(WIDE);
  var root = document.documentElement;
  var STORE = "edition-reader";
  var KINDS = { all: "all notes", commentary: "commentary only",
                source: "sources only", textual: "textual notes only" };

  function $all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }

  // -- preferences --------------------------------------------------------------------

  function load() {
    var prefs = { notes: true, signs: true, kind: "all" };
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      if (typeof saved.notes === "boolean") prefs.notes = saved.notes;
      if (typeof saved.signs === "boolean") prefs.signs = saved.signs;
      if (KINDS.hasOwnProperty(saved.kind)) prefs.kind = saved.kind;
    } catch (e) { /* storage refused (private mode, file://): defaults */ }
    return prefs;
  }

  function save(prefs) {
    try { window.localStorage.setItem(STORE, JSON.stringify(prefs)); } catch (e) {}
  }

  function apply(prefs) {
    root.classList.toggle("edition-notes-hidden", !prefs.notes);
    root.classList.toggle("edition-signs-plain", !prefs.signs);
    root.setAttribute("data-edition-kind", prefs.kind);
    $all("[data-edition-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(prefs[button.dataset.editionToggle]));
    });
    var select = document.getElementById("edition-kind");
    if (select) {
      select.value = prefs.kind;
      select.disabled = !prefs.notes;
    }
  }

  function announce(text) {
    var status = document.querySelector(".edition-status");
    if (status) status.textContent = text;
  }

  function controls(prefs) {
    var box = document.querySelector(".edition-controls");
    if (!box || !document.querySelector(".edition-annotated")) return;
    box.hidden = false;
    $all("[data-edition-toggle]", box).forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.dataset.editionToggle;
        prefs[key] = !prefs[key];
        save(prefs);
        apply(prefs);
        announce(key === "notes"
          ? (prefs.notes ? "Notes shown" : "Notes hidden")
          : (prefs.signs ? "Editorial signs emphasized" : "Editorial signs plain"));
        place();
      });
    });
    var select = document.getElementById("edition-kind");
    select.addEventListener("change", function () {
      prefs.kind = KINDS.hasOwnProperty(select.value) ? select.value : "all";
      save(prefs);
      apply(prefs);
      announce("Showing " + KINDS[prefs.kind]);
      place();
    });
  }

  // -- notes beside their words ---------------------------------------------------------

  function lemmaOf(note) {
    return document.getElementById("lemma-" + note.id.slice("note-".length));
  }

  function visible(element) {
    return element.getClientRects().length > 0;
  }

  // Each note's top at its lemma's top, unless the note above reaches lower: then just
  // below it. Done with margins, so the notes stay in the flow (and the grid row grows).
  function place() {
    $all(".edition-notes").forEach(function (column) {
      var notes = $all(":scope > .edition-note", column);
      notes.forEach(function (note) { note.style.marginTop = ""; });
      if (!wide.matches || !visible(column)) return;
      var gap = 0;
      var floor = column.getBoundingClientRect().top;
      notes.forEach(function (note) {
        if (!visible(note)) return;
        var lemma = lemmaOf(note);
        var want = lemma ? lemma.getBoundingClientRect().top : floor;
        var top = Math.max(want, floor + gap);
        var natural = note.getBoundingClientRect().top;
        note.style.marginTop = (top - natural) + "px";
        floor = note.getBoundingClientRect().bottom;
        gap = parseFloat(window.getComputedStyle(note).marginBottom) || 0;
      });
    });
  }

  function layout() {
    $all(".edition-note > details").forEach(function (details) {
      details.open = wide.matches;
    });
    openTarget();
    place();
  }

  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var details = target && target.querySelector(":scope > details");
    if (details) details.open = true;
  }

  // -- a lemma and its note highlight each other -------------------------------------------

  function pair(element) {
    var note = element.closest(".edition-note");
    if (note) return [note, lemmaOf(note)];
    var ref = element.closest(".edition-noteref");
    var lemma = ref ? ref.previousElementSibling : element.closest(".edition-lemma");
    if (lemma && ref && !lemma.classList.contains("edition-lemma")) lemma = null;
    var id = ref ? ref.getAttribute("href").slice(1) : lemma && "note-" + lemma.id.slice(6);
    return [id && document.getElementById(id), lemma];
  }

  function highlight(event, on) {
    if (!(event.target instanceof Element)) return;
    if (!event.target.closest(".edition-note, .edition-lemma, .edition-noteref")) return;
    pair(event.target).forEach(function (element) {
      if (element) element.classList.toggle("edition-active", on);
    });
  }

  // -- cite this ------------------------------------------------------------------------

  function copy(button) {
    var source = document.getElementById(button.dataset.copy);
    var text = source ? source.textContent : "";
    var done = function () {
      announce("Copied");
      button.dataset.copied = "true";
      window.setTimeout(function () { delete button.dataset.copied; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { select(source); });
    } else {
      select(source);
      try { if (document.execCommand("copy")) done(); } catch (e) {}
    }
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function citations() {
    $all(".edition-copy").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
    // Each paragraph's citation, offered beside its number.
    $all("details.edition-cite[data-paragraph]").forEach(function (box) {
      var n = box.dataset.paragraph;
      var number = document.getElementById("paragraph-" + n);
      var holder = number && number.closest(".edition-paragraph-number");
      if (!holder) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "edition-cite-button";
      button.textContent = "Cite";
      button.setAttribute("aria-label", "Cite paragraph " + n);
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", box.id);
      holder.appendChild(button);
      // The box moves to just before its paragraph, closed until asked for.
      var annotated = holder.closest(".edition-annotated") || holder.closest("p");
      annotated.parentNode.insertBefore(box, annotated);
      box.classList.add("edition-cite-inline");
      box.hidden = true;
      button.addEventListener("click", function () {
        var show = box.hidden;
        box.hidden = !show;
        box.open = show;
        button.setAttribute("aria-expanded", String(show));
        if (show) box.querySelector("summary").focus();
        place();
      });
    });
  }

  // -- start ------------------------------------------------------------------------

  var prefs = load();
  apply(prefs);
  controls(prefs);
  citations();
  document.addEventListener("mouseover", function (e) { highlight(e, true); });
  document.addEventListener("mouseout", function (e) { highlight(e, false); });
  document.addEventListener("focusin", function (e) { highlight(e, true); });
  document.addEventListener("focusout", function (e) { highlight(e, false); });
  document.addEventListener("toggle", function (e) {
    if (e.target.matches && e.target.matches(".edition-note > details")) place();
  }, true);
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("resize", place);
  window.addEventListener("load", place);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(place);
  wide.addEventListener("change", layout);
  window.addEventListener("beforeprint", function () {
    $all(".edition-note > details").forEach(function (d) { d.open = true; });
  });
  layout();
})();
