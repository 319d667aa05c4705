// Notes open beside the text on wide screens; on narrow screens they are closed and
// open in place from their number or their summary (a native, keyboard-operable
// <details>). Without JavaScript every note stays open. No framework, nothing remote.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 67em)");

  function notes() {
    return document.querySelectorAll(".edition-note > details");
  }

  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var details = target && target.querySelector(":scope > details");
    if (details) details.open = true;
  }

  function layout() {
    notes().forEach(function (details) {
      details.open = wide.matches;
    });
    openTarget();
  }

  window.addEventListener("hashchange", openTarget);
  wide.addEventListener("change", layout);
  layout();
})();
