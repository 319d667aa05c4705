// A note's first words, at rest in the margin (the website's reading aids,
// edition-reader.js); edition-margin.js fits them to each note's line.
(function (aids) {
  "use strict";

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

  aids.teaser = teaser;
})(window.editionAids = window.editionAids || {});
