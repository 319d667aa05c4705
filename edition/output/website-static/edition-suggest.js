// The website's reading aids (edition-reader.js): suggest a note on these words.
(function (aids) {
  "use strict";
  var $all = aids.all;

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
    try { return data ? JSON.parse(data.textContent) : null; } catch { return null; }
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

  if (suggest) {
    var pending = null;
    document.addEventListener("selectionchange", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(offerSuggestion, 150);
    });
  }
})(window.editionAids = window.editionAids || {});
