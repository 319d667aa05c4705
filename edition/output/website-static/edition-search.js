// Search results on the website: each result's summary is the page's text as a reader
// reads it. Sphinx takes a page's textContent, which runs blocks together ("5 March
// 1953Death of Stalin") and keeps the note numbers in the words ("so5. The6"): here the
// edition's numbers, notes and tools are left out, and blocks are kept apart by a space.
(() => {
  "use strict";
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  const original = Search.htmlToText;
  const notText = [".headerlink", "script", "style", ".edition-notes", ".edition-noteref",
    ".edition-noteref-sep", ".edition-paragraph-number", ".edition-cite-section",
    ".edition-cite-inline", ".edition-tools"].join(", ");
  const blocks = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, div, section, blockquote, td, th";
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const main = page.querySelector('[role="main"]');
    if (!main) return original(htmlString, anchor);
    main.querySelectorAll(notText).forEach((el) => el.remove());
    main.querySelectorAll(blocks).forEach((el) => el.append(" "));
    const scope = (anchor && main.querySelector(anchor)) || main;
    return scope.textContent.replace(/\s+/g, " ").trim();
  };
})();
