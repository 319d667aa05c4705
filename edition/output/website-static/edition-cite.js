// Cite this (the website's reading aids, edition-reader.js): copy buttons; each
// paragraph's citation offered from its number.
(function (aids) {
  "use strict";
  var $all = aids.all;
  var announce = aids.announce;

  // The margin's layout (edition-margin.js) follows every change the reader makes.
  function place() {
    if (aids.place) aids.place();
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
      try { if (document.execCommand("copy")) done(); } catch { /* not copied: selected */ }
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

  citations();
})(window.editionAids = window.editionAids || {});
