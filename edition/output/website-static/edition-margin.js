// Notes beside their words (the website's reading aids, edition-reader.js): on wide
// screens in the margin, on narrow ones under their paragraph; a lemma and its note
// highlight each other.
(function (aids) {
  "use strict";
  var WIDE = "(min-width: 67em)";
  var wide = window.matchMedia(WIDE);
  var root = document.documentElement;
  var $all = aids.all;
  var announce = aids.announce;
  var teaser = aids.teaser;

  // -- notes beside their words (wide screens) -------------------------------------------
  //
  // In the margin each note is compact: its number, its kind and the start of its text.
  // Activating a note (its number or its lemma clicked or tapped, its summary or any
  // link in it focused, a link to it followed, the n and p keys) opens it level with
  // its number in the text; the notes above and below move out of its way (those above
  // shrink to their number if they must). Notes are placed with absolute positions in
  // their paragraph's column, and a column keeps the height of its notes at rest: the
  // text never moves when a note opens.

  var GAP = 6;              // px between two notes in the margin
  var MINI_GAP = 3;         // and below a note shrunk to its number
  var NUDGE = 40;           // px an open note may sit below its words, to keep the others
  var inMargin = false;     // wide screen, notes shown
  var current = null;       // the note the reader opened
  var lastOpened = null;    // and the last one, for n and p after Escape
  var pointerDown = false;  // a focus that comes from a click is not a keyboard move
  var quietFocus = false;   // nor one the script gives

  function lemmaOf(note) {
    return document.getElementById("lemma-" + note.id.slice("note-".length));
  }

  // A lemma with all its parts (one overlapping another lemma is marked in parts).
  function lemmasOf(note) {
    var ident = note.id.slice("note-".length);
    var first = lemmaOf(note);
    return (first ? [first] : []).concat($all('.edition-lemma-part[data-note="' + ident + '"]'));
  }

  // The note of a lemma or of one of its parts.
  function noteOfLemma(lemma) {
    var ident = lemma.dataset.note || lemma.id.slice("lemma-".length);
    return document.getElementById("note-" + ident);
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

  // The notes the reader's choices show (folded ones too: they are only out of the way).
  function shownNotes() {
    return $all(".edition-notes > .edition-note").filter(function (note) {
      return visible(note) || note.classList.contains("edition-note-folded");
    });
  }

  // Tops (page coordinates) for notes of the given heights, each as near its wanted
  // height as the others allow. The notes above the active one (or the first) stand
  // first where they would at rest, each below the one before; the active note and
  // those after it, downwards, each below the one before; then, upwards from the active
  // note, each note above moves up only as far as the one after it needs (so a note is
  // never pushed above the column, and folded away, while the column has room).
  function stack(items, from) {
    var tops = [];
    for (var a = 0; a < from; a++) {
      tops[a] = a === 0 ? items[0].want :
        Math.max(items[a].want, tops[a - 1] + items[a - 1].height + gapBelow(items[a - 1]));
    }
    tops[from] = items[from].want;
    for (var i = from + 1; i < items.length; i++) {
      tops[i] = Math.max(items[i].want, tops[i - 1] + items[i - 1].height + gapBelow(items[i - 1]));
    }
    for (var j = from - 1; j >= 0; j--) {
      tops[j] = Math.min(tops[j], tops[j + 1] - items[j].height - gapBelow(items[j]));
    }
    return tops;
  }

  function gapBelow(item) {
    return item.folded ? 0 : item.mini ? MINI_GAP : GAP;
  }

  function topShown(items, tops) {
    for (var i = 0; i < items.length; i++) if (!items[i].folded) return tops[i];
    return Infinity;
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
      note.classList.remove("edition-note-mini", "edition-note-clipped", "edition-note-folded");
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
    if (current) current.classList.remove("edition-note-expanded");
    notes.forEach(teaser);
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
    // Not enough room above the open note: the notes furthest above shrink first to
    // their number and kind; then the open note may sit a little lower than its words,
    // if that is enough; if not, the notes furthest above fold away until it is closed.
    for (var k = 0; tops[0] < floor && k < from; k++) {
      items[k].height = mini[k];
      items[k].mini = true;
      tops = stack(items, from);
    }
    if (tops[0] < floor && floor - tops[0] <= NUDGE) {
      items[from].want += floor - tops[0];
      tops = stack(items, from);
    }
    for (var f = 0; f < from && topShown(items, tops) < floor; f++) {
      items[f].folded = true;
      items[f].height = 0;
      tops = stack(items, from);
    }
    // Every change first, then every measure, then the next changes: a measure between
    // two changes makes the browser lay the page out again, once per note (the notes are
    // positioned absolutely, so none of them moves a column or another note's box).
    items.forEach(function (item) {
      item.note.classList.toggle("edition-note-mini", !!item.mini);
      item.note.classList.toggle("edition-note-folded", !!item.folded);
    });
    var columnTops = items.map(function (item) { return pageTop(item.note.parentNode); });
    items.forEach(function (item, i) { item.note.style.top = (tops[i] - columnTops[i]) + "px"; });
    var clipped = items.map(function (item) {
      var details = item.note.querySelector(":scope > details");
      return item.note !== current && details.scrollHeight > details.clientHeight + 1;
    });
    var bottom = 0;
    items.forEach(function (item, i) {
      item.note.classList.toggle("edition-note-clipped", clipped[i]);
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
  // for a link followed: the browser scrolled to where the note was before it moved);
  // then the whole note where it fits, never past its top. One scroll, to a place
  // worked out first (a smooth scroll is still moving when a second would be asked).
  var stillMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  var readerScrolled = false;  // the reader's own scrolling is never undone

  function reveal(note, always) {
    var ref = refOf(note) || lemmaOf(note);
    var seen = function (el) {
      var box = el.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight - 40;
    };
    var y = window.scrollY;
    if (always || !ref || !seen(ref) || !seen(note)) {
      var anchor = ref && visible(ref) ? ref : note;
      y = Math.max(0, pageTop(anchor) - window.innerHeight / 3);
    }
    var top = pageTop(note) - y;
    var over = top + note.getBoundingClientRect().height - (window.innerHeight - 8);
    if (over > 0 && top > 8) y += Math.min(over, top - 8);
    if (Math.abs(y - window.scrollY) >= 1) {
      window.scrollTo({ top: y, behavior: stillMotion.matches ? "instant" : "smooth" });
    }
  }

  function mark(note, on) {
    note.classList.toggle("edition-current", on);
    lemmasOf(note).forEach(function (lemma) { lemma.classList.toggle("edition-current", on); });
  }

  function activate(note, how) {
    if (!note) return;
    var details = note.querySelector(":scope > details");
    if (!inMargin) {  // narrow: the note opens in place, under its paragraph
      if (details) details.open = true;
      return;
    }
    if (current && current !== note) mark(current, false);
    current = lastOpened = note;
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
    return lemma && noteOfLemma(lemma);
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
      if (location.hash === "#" + current.id) {  // closed: the address no longer names it
        history.replaceState(null, "", location.pathname + location.search);
      }
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
    var at = notes.indexOf(current || lastOpened);
    var next = event.key === "n" ? Math.min(at + 1, notes.length - 1) : Math.max(at - 1, 0);
    event.preventDefault();
    activate(notes[next], "keyboard");
    focusNote(notes[next]);
    announce("Note " + notes[next].querySelector(".edition-note-number").textContent +
             ", " + (next + 1) + " of " + notes.length + " shown");
  }

  // On load, and when the window crosses the wide breakpoint (then the note open, if
  // any, stays open where it belongs, and nothing scrolls).
  function layout(initial) {
    $all(".edition-note > details").forEach(function (details) {
      details.open = wide.matches || details.parentNode === current;
    });
    place();
    if (initial === true) openTarget();
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
    var note = element.closest(".edition-note") || noteFor(element);
    return note ? [note].concat(lemmasOf(note)) : [];
  }

  function highlight(event, on) {
    if (!(event.target instanceof Element)) return;
    if (!event.target.closest(".edition-note, .edition-lemma, .edition-noteref")) return;
    pair(event.target).forEach(function (element) {
      if (element) element.classList.toggle("edition-active", on);
    });
  }

  aids.place = place;

  // -- start ------------------------------------------------------------------------

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
  ["wheel", "touchmove"].forEach(function (kind) {
    window.addEventListener(kind, function () { readerScrolled = true; }, { passive: true });
  });
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("resize", place);
  // After the browser's own scroll to a linked note: the note is at its words.
  window.addEventListener("load", function () {
    place();
    if (!current) return;
    var linked = location.hash === "#" + current.id;
    reveal(current, linked);
    // The browser's own scroll to a linked element comes after the load event (and,
    // with smooth scrolling, takes a while): place the words once more when it ends.
    if (!linked) return;
    var done = false;
    var again = function () {
      if (done) return;
      done = true;
      if (current && location.hash === "#" + current.id && !readerScrolled) {
        reveal(current, true);
      }
      root.dataset.editionSettled = "true";
    };
    window.addEventListener("scrollend", again, { once: true });
    window.setTimeout(again, 600);  // where no scroll came, or scrollend is unknown
  });
  // The book face arrives after the first layout and changes the notes' heights.
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(function () {
      place();
      if (current) reveal(current, false);
    });
  }
  wide.addEventListener("change", layout);
  window.addEventListener("beforeprint", function () {
    $all(".edition-note > details").forEach(function (d) { d.open = true; });
  });
  layout(true);
})(window.editionAids = window.editionAids || {});
