// The edition's reading aids, for the website only (the EPUB has no script). No
// framework, nothing loaded from anywhere. Without JavaScript every note is open beside
// or under its paragraph and the citations are plain boxes: nothing here is needed to
// read the edition.
//
// The aids are five classic scripts, deferred, so run in this order, sharing one
// object, window.editionAids. Not ES modules: browsers run no module script on a page
// opened from the disk (file://), and the website is read from a folder too.
//
// * edition-reader.js (this file): what the others share ($all, announce), and the
//   reader controls, remembered across pages (localStorage): notes shown or hidden,
//   one kind of note only, editorial signs emphasized or not; announced in a live region.
// * edition-cite.js: Cite this: copy buttons; each paragraph's citation offered from
//   its number.
// * edition-teaser.js: a note's first words, at rest in the margin.
// * edition-margin.js: notes beside their words (wide screens), one line each in the
//   margin (number, kind, first words cut at a word); the note a reader opens comes
//   level with its words, whole, the others moving out of its way. Narrow screens:
//   notes closed under their paragraph, opened in place by their number. A lemma and
//   its note highlight each other on hover and on focus.
// * edition-suggest.js: "Suggest a note on these words", on the essay's chapters.
(function (aids) {
  "use strict";
  var root = document.documentElement;
  var STORE = "edition-reader";
  var KINDS = { all: "all notes", commentary: "commentary only",
                source: "sources only", textual: "textual notes only" };

  function isKind(value) {
    return Object.prototype.hasOwnProperty.call(KINDS, value);
  }

  function $all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }
  aids.all = $all;

  // -- preferences --------------------------------------------------------------------

  function load() {
    var prefs = { notes: true, signs: true, kind: "all" };
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      if (typeof saved.notes === "boolean") prefs.notes = saved.notes;
      if (typeof saved.signs === "boolean") prefs.signs = saved.signs;
      if (isKind(saved.kind)) prefs.kind = saved.kind;
    } catch { /* storage refused (private mode, file://): defaults */ }
    return prefs;
  }

  function save(prefs) {
    try { window.localStorage.setItem(STORE, JSON.stringify(prefs)); } catch { /* not kept */ }
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
  aids.announce = announce;

  // The margin's layout (edition-margin.js) follows every change the reader makes.
  function place() {
    if (aids.place) aids.place();
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
      prefs.kind = isKind(select.value) ? select.value : "all";
      save(prefs);
      apply(prefs);
      announce("Showing " + KINDS[prefs.kind]);
      place();
    });
  }

  // -- start ------------------------------------------------------------------------

  var prefs = load();
  apply(prefs);
  controls(prefs);
})(window.editionAids = window.editionAids || {});
