// The edition's reading aids, for the website only (the EPUB has no script). No
// framework, nothing loaded from anywhere. Without JavaScript every note is open beside
// or under its paragraph and the citations are plain boxes: nothing here is needed to
// read the edition.
//
// * Notes beside their words (wide screens): one line each in the margin (number, kind,
//   first words cut at a word); the note a reader opens comes level with its words,
//   whole, the others moving out of its way.
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

  // -- a note's first words, at rest in the margin ---------------------------------------
  //
  // After its number and kind, as many of the note's first words as its line holds,
  // cut at a word and followed by an ellipsis. For the eye only (aria-hidden): the note
  // itself is read whole.

  var measurer = null;

  function noteWords(note) {
    var body = note.querySelector(":scope > details > p:not(.edition-note-meta)");
    return body ? body.textContent.replace(/\s+/g, " ").trim().split(" ") : [];
  }

  function textWidth(text, font) {
    measurer = measurer || document.createElement("canvas").getContext("2d");
    measurer.font = font;
    return measurer.measureText(text).width;
  }

  function teaser(note) {
    var summary = note.querySelector(":scope > details > summary");
    if (!summary) return;
    var span = summary.querySelector(".edition-note-teaser");
    if (!span) {
      span = document.createElement("span");
      span.className = "edition-note-teaser";
      span.setAttribute("aria-hidden", "true");
      summary.appendChild(span);
    }
    var key = summary.clientWidth + "/" + (document.fonts ? document.fonts.status : "");
    if (span.dataset.fitted === key) return;
    var words = noteWords(note);
    span.textContent = "";
    var room = summary.getBoundingClientRect().right - span.getBoundingClientRect().left - 6;
    var style = getComputedStyle(span);
    var font = style.fontStyle + " " + style.fontWeight + " " + style.fontSize + " " +
      style.fontFamily;
    var text = function (k) {  // (a comma or a full stop before the ellipsis dropped)
      var shown = words.slice(0, k).join(" ");
      return k < words.length ? shown.replace(/[,;:.]+$/, "") + "\u2026" : shown;
    };
    // A first guess from the words' widths, then the line itself decides: as many
    // words as it holds whole, never a word cut.
    var k = 0;
    while (k < words.length && textWidth(text(k + 1), font) <= room) k++;
    var holds = function (n) {
      span.textContent = text(n);
      return summary.scrollWidth <= summary.clientWidth;
    };
    while (k < words.length && holds(k + 1)) k++;
    while (k > 0 && !holds(k)) k--;
    span.textContent = text(k);
    if (k === 0) span.textContent = "";
    span.dataset.fitted = key;
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

  // -- suggest a note on these words ---------------------------------------------------
  //
  // On an essay chapter whose page names the repository (edition-suggest: conf.py's
  // source_repository), words selected in the essay (mouse, touch or keyboard) get
  // "Suggest a note on these words": GitHub's editor for a new annotation file, filled
  // from the template: an id made from the words, the chapter, `exact`, and a prefix
  // or suffix only where the words occur more than once, by the rule the anchoring
  // uses (edition/annotations/quotes.py), so that the file anchors as it is.

  var suggest = (function () {
    var data = document.getElementById("edition-suggest");
    try { return data ? JSON.parse(data.textContent) : null; } catch (e) { return null; }
  })();

  function essayParagraphs() {
    return $all(".edition-paragraph-number").map(function (n) { return n.closest("p"); })
      .filter(function (p, i, all) { return p && all.indexOf(p) === i; });
  }

  // The reading text as the anchoring reads it: the essay paragraphs' words, without
  // editorial signs or note numbers, joined by newlines; each text node with its offset.
  function readingText(paragraphs) {
    var text = "";
    var pieces = [];
    paragraphs.forEach(function (p, index) {
      if (index) text += "\n";
      var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var skipped = node.parentElement.closest(".edition-editorial");
        if (skipped && p.contains(skipped)) continue;
        pieces.push({ node: node, start: text.length, paragraph: index });
        text += node.data;
      }
    });
    return { text: text, pieces: pieces };
  }

  // quotes.find: where the words stand, with their prefix before and suffix after.
  function find(text, exact, prefix, suffix) {
    var found = [];
    for (var i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) {
      if (i >= prefix.length && text.slice(i - prefix.length, i) === prefix &&
          text.startsWith(suffix, i + exact.length)) found.push(i);
    }
    return found;
  }

  // An element's words in the reading text: [start, end).
  function spanOf(element, reading) {
    var inside = reading.pieces.filter(function (piece) { return element.contains(piece.node); });
    if (!inside.length) return null;
    var last = inside[inside.length - 1];
    return [inside[0].start, last.start + last.node.data.length];
  }

  // The selection as offsets in the reading text, or null outside the essay.
  function selected(range, reading) {
    var touched = reading.pieces.filter(function (piece) { return range.intersectsNode(piece.node); });
    if (!touched.length) return null;
    var first = touched[0];
    var last = touched[touched.length - 1];
    var start = first.start + (first.node === range.startContainer ? range.startOffset : 0);
    var end = last.start + (last.node === range.endContainer ? range.endOffset : last.node.data.length);
    return { start: start, end: end, paragraphs: [first.paragraph, last.paragraph] };
  }

  // Grow the words to whole markup, as the anchoring needs: a citation or a link taken
  // in part is taken whole. Another note's lemma is not markup: lemmas may nest and
  // overlap, so the reader's words stay as they are.
  function wholeMarkup(words, paragraph, reading) {
    var elements = $all("*", paragraph).filter(function (el) {
      return !el.closest(".edition-editorial") && !el.matches(".edition-lemma");
    });
    for (var changed = true, rounds = 0; changed && rounds < 10; rounds++) {
      changed = false;
      elements.forEach(function (el) {
        var span = spanOf(el, reading);
        if (!span || span[0] === span[1]) return;
        var startsInside = words.start > span[0] && words.start < span[1];
        var endsInside = words.end > span[0] && words.end < span[1];
        var link = el.matches("a, .bibtex-citation");  // never taken in part
        if ((startsInside && !endsInside) || (link && startsInside)) {
          words.start = span[0];
          changed = true;
        }
        if ((endsInside && !startsInside) || (link && endsInside)) {
          words.end = span[1];
          changed = true;
        }
        // Inside a citation's link: the whole citation, its parentheses too.
        if (el.matches(".bibtex-citation a") && words.start >= span[0] && words.end <= span[1]) {
          var citation = spanOf(el.closest(".bibtex-citation"), reading);
          if (citation) { words.start = citation[0]; words.end = citation[1]; changed = true; }
        }
      });
    }
    return words;
  }

  function suggestion(range) {
    var paragraphs = essayParagraphs();
    var reading = readingText(paragraphs);
    var words = selected(range, reading);
    if (!words) return null;
    var paragraph = paragraphs[words.paragraphs[0]];
    if (words.paragraphs[0] !== words.paragraphs[1]) {
      return { paragraph: paragraph,
               refused: "A note is on words within one paragraph: select fewer words." };
    }
    var text = reading.text;
    while (words.start < words.end && /\s/.test(text[words.start])) words.start++;
    while (words.end > words.start && /\s/.test(text[words.end - 1])) words.end--;
    if (words.end - words.start < 2) {
      return { paragraph: paragraph,
               refused: "Select the words of the essay the note is about." };
    }
    words = wholeMarkup(words, paragraph, reading);
    var exact = text.slice(words.start, words.end);
    var prefix = "", suffix = "";
    // The shortest prefix (then suffix) of whole words that makes the words unique.
    var before = text.slice(text.lastIndexOf("\n", words.start - 1) + 1, words.start);
    var after = text.slice(words.end).split("\n")[0];
    var cut;
    for (cut = before.length; find(text, exact, prefix, "").length > 1 && cut > 0;) {
      cut = Math.max(0, before.lastIndexOf(" ", cut - 2) + 1);
      prefix = before.slice(cut);
    }
    if (find(text, exact, prefix, "").length > 1) {
      for (cut = 0; find(text, exact, prefix, suffix).length > 1 && cut < after.length;) {
        var next = after.indexOf(" ", cut + 1);
        cut = next < 0 ? after.length : next;
        suffix = after.slice(0, cut);
      }
    }
    if (find(text, exact, prefix, suffix).length !== 1) {
      return { paragraph: paragraph,
               refused: "These words are not unique in the chapter: select more of them." };
    }
    return { paragraph: paragraph, exact: exact, prefix: prefix, suffix: suffix };
  }

  function slug(words) {
    return words.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
      .split("-").slice(0, 6).join("-");
  }

  function yamlString(value) {
    return JSON.stringify(value);  // a YAML double-quoted string, as JSON writes it
  }

  function noteFile(quote, id) {
    var today = new Date();
    var date = [today.getFullYear(), String(today.getMonth() + 1).padStart(2, "0"),
                String(today.getDate()).padStart(2, "0")].join("-");
    var fields = { id: id, date: date, chapter: suggest.chapter, exact: yamlString(quote.exact) };
    var file = suggest.template;
    var filled = /^id:.*$/m.test(file) && /^\s+exact:.*$/m.test(file);
    if (!filled) {
      file = "---\nid: \ntype: commentary\nauthors:\n  - name: Your Name\ndate: \n" +
        "target:\n  chapter: \n  exact: \n---\nThe note.\n";
    }
    file = file.replace(/^id:[^\n#]*(#.*)?$/m, function (line, comment) {
      return "id: " + fields.id + (comment ? "   " + comment : "");
    }).replace(/^date:[^\n#]*(#.*)?$/m, function (line, comment) {
      return "date: " + fields.date + (comment ? "   " + comment : "");
    }).replace(/^(\s+)chapter:[^\n#]*(#.*)?$/m, function (line, indent, comment) {
      return indent + "chapter: " + fields.chapter + (comment ? "   " + comment : "");
    }).replace(/^(\s+)exact:[^\n]*$/m, function (line, indent) {
      return indent + "exact: " + fields.exact;
    });
    ["prefix", "suffix"].forEach(function (name) {
      var pattern = new RegExp("^(\\s+)#?\\s*" + name + ":[^\\n]*$", "m");
      var value = quote[name];
      if (value) {
        var line = "  " + name + ": " + yamlString(value);
        file = pattern.test(file) ? file.replace(pattern, function (l, indent) {
          return indent + name + ": " + yamlString(value);
        }) : file.replace(/^(\s+exact:[^\n]*)$/m, "$1\n" + line);
      } else {  // the whole line, not leaving it blank
        file = file.replace(new RegExp("^[ \\t]*#?[ \\t]*" + name + ":[^\\n]*\\n", "m"), "");
      }
    });
    // The template's opening comments tell a contributor to copy it to a file of the
    // note's name: this file already has that name.
    file = file.replace(/^---\n(?:#[^\n]*\n)+/, "---\n");
    return file.replace(/\n{3,}/g, "\n\n");
  }

  function suggestAddress(quote) {
    var id = "commentary-" + (slug(quote.exact) || "note");
    for (var n = 2; document.getElementById("note-" + id); n++) {
      id = id.replace(/-\d+$/, "") + "-" + n;
    }
    return suggest.newFile + "?filename=" + encodeURIComponent(id + ".md") +
      "&value=" + encodeURIComponent(noteFile(quote, id));
  }

  var suggestBox = null;

  function offerSuggestion() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) {
      if (suggestBox) suggestBox.hidden = true;
      return;
    }
    var range = selection.getRangeAt(0);
    var found = suggestion(range);
    if (!found) {
      if (suggestBox) suggestBox.hidden = true;
      return;
    }
    if (!suggestBox) {
      suggestBox = document.createElement("p");
      suggestBox.className = "edition-suggest edition-editorial";
      suggestBox.setAttribute("role", "status");
      // A click here keeps the selection (and the offer).
      suggestBox.addEventListener("mousedown", function (e) { e.preventDefault(); });
    }
    // After the paragraph (and its notes) in the document: where Tab reaches it.
    var holder = found.paragraph.closest(".edition-annotated") || found.paragraph;
    holder.parentNode.insertBefore(suggestBox, holder.nextSibling);
    suggestBox.textContent = "";
    if (found.refused) {
      suggestBox.textContent = found.refused;
    } else {
      var link = document.createElement("a");
      link.className = "edition-suggest-link";
      link.href = suggestAddress(found);
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "Suggest a note on these words";
      link.title = "\u201c" + found.exact + "\u201d: a new annotation file, on GitHub";
      suggestBox.appendChild(link);
    }
    suggestBox.hidden = false;
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
  ["wheel", "touchmove"].forEach(function (kind) {
    window.addEventListener(kind, function () { readerScrolled = true; }, { passive: true });
  });
  window.addEventListener("hashchange", openTarget);
  if (suggest) {
    var pending = null;
    document.addEventListener("selectionchange", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(offerSuggestion, 150);
    });
  }
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
})();
