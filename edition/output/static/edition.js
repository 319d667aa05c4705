// The edition's reading aids, for the website only (the EPUB has no script). No
// framework, nothing loaded from anywhere. Without JavaScript every note is open beside
// or under its paragraph and the citations are plain boxes: nothing here is needed to
// read the edition.
//
// * Notes beside their words (wide screens): compact in the margin; the note a reader
//   opens comes level with its words, the others moving out of its way.
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

  // -- notes beside their words (wide screens) -------------------------------------------
  //
  // In the margin each note is compact: its number, its kind and the start of its text.
  // Activating a note (its number or its lemma clicked or tapped, its summary or any
  // link in it focused, a link to it followed, the n and p keys) opens it level with
  // its number in the text; the notes above and below move out of its way (those above
  // shrink to their number if they must). Notes are placed with absolute positions in
  // their paragraph's column, and a column keeps the height of its notes at rest: the
  // text never moves when a note opens.

  var GAP = 8;              // px between two notes in the margin
  var MINI_GAP = 3;         // and below a note shrunk to its number
  var inMargin = false;     // wide screen, notes shown
  var current = null;       // the note the reader opened
  var pointerDown = false;  // a focus that comes from a click is not a keyboard move
  var quietFocus = false;   // nor one the script gives

  function lemmaOf(note) {
    return document.getElementById("lemma-" + note.id.slice("note-".length));
  }

  function refOf(note) {
    return document.querySelector('.edition-noteref[href="#' + note.id + '"]');
  }

  function visible(element) {
    return element.getClientRects().length > 0;
  }

  function pageTop(element) {
    return element.getBoundingClientRect().top + window.scrollY;
  }

  // Where a note belongs: the height of its number in the text (its lemma's, if the
  // number is hidden).
  function wanted(note) {
    var ref = refOf(note);
    var anchor = ref && visible(ref) ? ref : lemmaOf(note);
    return anchor ? pageTop(anchor) : pageTop(note.parentNode);
  }

  function shownNotes() {
    return $all(".edition-notes > .edition-note").filter(visible);
  }

  // Tops (page coordinates) for notes of the given heights, each as near its wanted
  // height as the others allow: from the active note (or the first) downwards, each
  // below the one before; upwards, each above the one after.
  function stack(items, from) {
    var tops = [];
    tops[from] = items[from].want;
    for (var i = from + 1; i < items.length; i++) {
      tops[i] = Math.max(items[i].want, tops[i - 1] + items[i - 1].height + gapBelow(items[i - 1]));
    }
    for (var j = from - 1; j >= 0; j--) {
      tops[j] = Math.min(items[j].want, tops[j + 1] - items[j].height - gapBelow(items[j]));
    }
    return tops;
  }

  function gapBelow(item) {
    return item.mini ? MINI_GAP : GAP;
  }

  function heights(notes, className) {
    notes.forEach(function (note) { note.classList.add(className); });
    var found = notes.map(function (note) { return note.getBoundingClientRect().height; });
    notes.forEach(function (note) { note.classList.remove(className); });
    return found;
  }

  // Column heights are kept until new ones are known: a column without its height
  // for a moment would shorten the page, and the browser would scroll up to fit it.
  function clearPlacement(columnsToo) {
    if (columnsToo) {
      $all(".edition-notes").forEach(function (column) {
        column.style.height = "";
        column.style.marginBottom = "";
      });
    }
    $all(".edition-notes > .edition-note").forEach(function (note) {
      note.style.top = "";
      note.classList.remove("edition-note-mini", "edition-note-clipped");
    });
  }

  // At rest, every note compact, each column as tall as its notes need: a paragraph
  // whose notes take more room than its text leaves space below it.
  function placeAtRest(notes) {
    $all(".edition-notes").forEach(function (column) {
      var own = notes.filter(function (note) { return note.parentNode === column; });
      if (!own.length) {
        column.style.height = "";
        return;
      }
      var top = pageTop(column);
      var items = own.map(function (note) {
        return { want: Math.max(wanted(note), top), height: note.getBoundingClientRect().height };
      });
      var tops = stack(items, 0);
      var last = items.length - 1;
      column.style.height = (tops[last] + items[last].height - top) + "px";
    });
  }

  function place() {
    inMargin = wide.matches && !root.classList.contains("edition-notes-hidden");
    clearPlacement(!inMargin);
    root.classList.toggle("edition-margin", inMargin);
    if (!inMargin) return;
    var notes = shownNotes();
    if (!notes.length) return;
    if (current && notes.indexOf(current) < 0) deactivate(false);
    $all(".edition-note-expanded").forEach(function (note) {
      if (note !== current) note.classList.remove("edition-note-expanded");
    });
    if (current) current.classList.remove("edition-note-expanded");
    placeAtRest(notes);
    var items = notes.map(function (note) {
      return { note: note, want: wanted(note), height: note.getBoundingClientRect().height };
    });
    var mini = heights(notes, "edition-note-mini");
    var from = current ? notes.indexOf(current) : 0;
    if (current) {
      current.classList.add("edition-note-expanded");
      items[from].height = current.getBoundingClientRect().height;
    }
    var floor = pageTop(notes[0].parentNode);
    var tops = stack(items, from);
    // Not enough room above the open note: the notes furthest above shrink first.
    for (var k = 0; tops[0] < floor && k < from; k++) {
      items[k].height = mini[k];
      items[k].mini = true;
      tops = stack(items, from);
    }
    if (tops[0] < floor) {  // still none: everything moves down from the top
      items[0].want = floor;
      tops = stack(items, 0);
    }
    var bottom = 0;
    items.forEach(function (item, i) {
      var note = item.note;
      note.classList.toggle("edition-note-mini", !!item.mini);
      note.style.top = (tops[i] - pageTop(note.parentNode)) + "px";
      var details = note.querySelector(":scope > details");
      note.classList.toggle("edition-note-clipped", note !== current &&
        details.scrollHeight > details.clientHeight + 1);
      bottom = Math.max(bottom, tops[i] + item.height);
    });
    // The last column makes room for notes pushed below it.
    var lastColumn = notes[notes.length - 1].parentNode;
    var end = pageTop(lastColumn) + lastColumn.getBoundingClientRect().height;
    // (Never less than before: a shorter page would scroll the reader up.)
    var room = parseFloat(lastColumn.style.marginBottom) || 0;
    if (bottom > end) lastColumn.style.marginBottom = Math.max(room, bottom - end) + "px";
  }

  // Bring the words and the note into view, the words a third of the way down (always,
  // for a link followed: the browser scrolled to where the note was before it moved).
  function reveal(note, always) {
    var ref = refOf(note) || lemmaOf(note);
    var seen = function (el) {
      var box = el.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight - 40;
    };
    if (!always && ref && seen(ref) && seen(note)) return;
    var anchor = ref && visible(ref) ? ref : note;
    window.scrollTo(0, Math.max(0, pageTop(anchor) - window.innerHeight / 3));
  }

  function mark(note, on) {
    note.classList.toggle("edition-current", on);
    var lemma = lemmaOf(note);
    if (lemma) lemma.classList.toggle("edition-current", on);
  }

  function activate(note, how) {
    if (!note) return;
    var details = note.querySelector(":scope > details");
    if (!inMargin) {  // narrow: the note opens in place, under its paragraph
      if (details) details.open = true;
      return;
    }
    if (current && current !== note) mark(current, false);
    current = note;
    mark(note, true);
    place();
    if (how !== "pointer") reveal(note, how === "link");
  }

  function deactivate(relayout) {
    if (!current) return;
    mark(current, false);
    current.classList.remove("edition-note-expanded");
    current = null;
    if (relayout !== false) place();
  }

  function focusNote(note) {
    var summary = note.querySelector(":scope > details > summary");
    if (summary) summary.focus({ preventScroll: true });
  }

  function noteFor(element) {
    var ref = element.closest(".edition-noteref");
    if (ref) return document.getElementById(ref.getAttribute("href").slice(1));
    var lemma = element.closest(".edition-lemma");
    return lemma && document.getElementById("note-" + lemma.id.slice("lemma-".length));
  }

  function onClick(event) {
    if (!inMargin || !(event.target instanceof Element)) return;
    var target = event.target;
    var how = event.detail === 0 ? "keyboard" : "pointer";
    var summary = target.closest(".edition-notes > .edition-note > details > summary");
    if (summary) {  // the summary opens and closes the note in the margin
      event.preventDefault();
      var note = summary.closest(".edition-note");
      if (note === current) deactivate(); else activate(note, how);
      return;
    }
    var link = target.closest("a");
    if (link && !link.classList.contains("edition-noteref")) return;
    var inNote = target.closest(".edition-notes > .edition-note");
    if (inNote) {
      if (inNote !== current) activate(inNote, how);
      return;
    }
    var chosen = noteFor(target);
    if (!chosen || !visible(chosen)) return;
    if (link) {
      event.preventDefault();  // no jump: the note comes to the words instead
      history.replaceState(null, "", link.getAttribute("href"));
      activate(chosen, how);
      focusNote(chosen);
    } else {
      activate(chosen, how);
    }
  }

  function onFocus(event) {
    if (!inMargin || pointerDown || quietFocus || !(event.target instanceof Element)) return;
    var note = event.target.closest(".edition-notes > .edition-note") ||
      (event.target.matches(".edition-noteref") && noteFor(event.target));
    if (note && note !== current && visible(note)) activate(note, "keyboard");
  }

  function typing(element) {
    return element && (element.isContentEditable ||
      /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(element.tagName));
  }

  // n and p: the next and previous note; Escape closes the open one.
  function onKey(event) {
    if (!inMargin || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape" && current) {
      var ref = refOf(current);
      deactivate();
      if (ref) {
        quietFocus = true;
        ref.focus({ preventScroll: true });
        quietFocus = false;
      }
      return;
    }
    if ((event.key !== "n" && event.key !== "p") || typing(document.activeElement)) return;
    var notes = shownNotes();
    if (!notes.length) return;
    var at = current ? notes.indexOf(current) : -1;
    var next = event.key === "n" ? Math.min(at + 1, notes.length - 1) : Math.max(at - 1, 0);
    event.preventDefault();
    activate(notes[next], "keyboard");
    focusNote(notes[next]);
    announce("Note " + notes[next].querySelector(".edition-note-number").textContent +
             " of " + notes.length);
  }

  function layout() {
    $all(".edition-note > details").forEach(function (details) {
      details.open = wide.matches;
    });
    place();
    openTarget();
  }

  // A link to a note (from the Commentary, or a note's permalink): the note opens at
  // its words.
  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target || !target.matches(".edition-note")) return;
    var details = target.querySelector(":scope > details");
    if (details) details.open = true;
    if (inMargin) activate(target, "link");
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
  document.addEventListener("focusin", function (e) { highlight(e, true); onFocus(e); });
  document.addEventListener("focusout", function (e) { highlight(e, false); });
  document.addEventListener("pointerdown", function () { pointerDown = true; }, true);
  document.addEventListener("pointerup", function () {
    window.setTimeout(function () { pointerDown = false; }, 0);
  }, true);
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("resize", place);
  // After the browser's own scroll to a linked note: the note is at its words.
  window.addEventListener("load", function () {
    place();
    if (current) reveal(current, location.hash === "#" + current.id);
  });
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(place);
  wide.addEventListener("change", layout);
  window.addEventListener("beforeprint", function () {
    $all(".edition-note > details").forEach(function (d) { d.open = true; });
  });
  layout();
})();
