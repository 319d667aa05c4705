// The Commentary on the website: show the notes of one kind only. Without this script
// every note is shown; the controls are made here, so that they exist only where they
// work. The choice is the page's own (not remembered), and the page says how many
// notes it shows.
(() => {
  "use strict";
  const entries = [...document.querySelectorAll(".edition-commentary-entry")];
  if (!entries.length) return;
  const kinds = [
    ["all", "All notes"],
    ["commentary", "Commentary notes"],
    ["source", "Sources"],
    ["textual", "Textual notes"],
  ];
  const bar = document.createElement("div");
  bar.className = "edition-commentary-filter";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "Show notes of one kind");
  const status = document.createElement("p");
  status.className = "edition-commentary-status";
  status.setAttribute("aria-live", "polite");
  const buttons = kinds.map(([kind, label]) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.dataset.kind = kind;
    button.setAttribute("aria-pressed", String(kind === "all"));
    button.addEventListener("click", () => show(kind));
    bar.append(button);
    return button;
  });
  const headings = [...document.querySelectorAll(".edition-commentary-chapter")];

  function show(kind) {
    let shown = 0;
    for (const entry of entries) {
      entry.hidden = kind !== "all" && !entry.classList.contains(`edition-commentary-${kind}`);
      if (!entry.hidden) shown += 1;
    }
    for (const heading of headings) {
      // A chapter's heading goes with its notes: hidden when none of them is shown.
      let next = heading.nextElementSibling;
      let any = false;
      while (next && next.classList.contains("edition-commentary-entry")) {
        any = any || !next.hidden;
        next = next.nextElementSibling;
      }
      heading.hidden = !any;
    }
    for (const button of buttons) {
      button.setAttribute("aria-pressed", String(button.dataset.kind === kind));
    }
    status.textContent = shown === entries.length
      ? `All ${shown} notes.`
      : `${shown} of ${entries.length} notes.`;
  }

  const first = headings[0] || entries[0];
  first.before(bar, status);
  show("all");
})();
