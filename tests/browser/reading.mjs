// How a reader meets a chapter, in Debian's Chromium; prints what it measured as JSON.
// Usage: node tests/browser/reading.mjs chapter.html other-chapter.html screenshots-dir
//        [notes-chapter.html]
//
// * 1400 px: where each note's top is against its number's in the text, and whether
//   notes overlap (at rest; tests/browser/margin.mjs opens each note);
// * 390 px: notes closed; opened by following the note number (click) and by keyboard;
// * the reader controls (notes, kind of note, editorial signs) and that the choice
//   survives going to another chapter;
// * a paragraph permalink scrolls to its paragraph;
// * print media: the notes are shown after their paragraph;
// * screenshots at both widths, light and dark;
// * on notes-chapter.html, if given, how a reader first meets its notes: open beside the
//   text at 1400 px; closed at 600 px, the first opened in place from the keyboard (Tab
//   to its summary, Enter), and a note opened by following its number;
// * the measure (issue 31): the median number of characters a line of the essay (the
//   three chapters) and of the Introduction (introduction.html beside them) holds at
//   1500, 1280, 1024, 800 and 390 px, notes shown and hidden;
// * the reading text at rest (issue 31): lemmata unmarked, links in the text's colour,
//   note numbers small in the book's face, each paragraph's number and "cite" in the
//   gutter (beside the text, not in its line; above it on a phone), the headings in the
//   book's face, the reading tools under the page's title.
// Nothing is fetched from other hosts: any request off this machine is refused.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

const [chapter, other, shots, notesChapter] = process.argv.slice(2);
const url = pathToFileURL(chapter).href;
const otherUrl = pathToFileURL(other).href;
mkdirSync(shots, { recursive: true });
const out = { offHost: [] };
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The median number of characters a line holds, in the paragraphs the selector names
// (runs in the page): each character placed by its box, the lines told apart by their
// height; a paragraph's last line (short) left out; note numbers, paragraph numbers and
// controls not counted.
function charactersPerLine(selector) {
  const skip = ".edition-noteref, .edition-noteref-sep, .edition-paragraph-number, " +
    ".edition-cite-button, .headerlink";
  const counts = [];
  const range = document.createRange();
  for (const p of document.querySelectorAll(selector)) {
    if (!p.getClientRects().length) continue;
    const middles = [];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest(skip)) continue;
      for (let i = 0; i < n.data.length; i++) {
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const box = range.getClientRects()[0];
        if (box) middles.push(box.top + box.height / 2);
      }
    }
    const half = parseFloat(getComputedStyle(p).lineHeight) / 2;
    const lines = [];
    for (const y of middles) {
      if (!lines.length || Math.abs(y - lines[lines.length - 1].y) > half) lines.push({ y, n: 0 });
      lines[lines.length - 1].n++;
    }
    lines.slice(0, -1).forEach((line) => counts.push(line.n));
  }
  counts.sort((a, b) => a - b);
  return { median: counts[Math.floor(counts.length / 2)], lines: counts.length };
}

const ESSAY = ".edition-annotated > p";
const PROSE = "article section > p, article section > section > p";

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url().startsWith("file:") || request.url().startsWith("data:")) {
      request.continue();
    } else {
      out.offHost.push(request.url());
      request.abort();
    }
  });
  const open = () => page.$$eval(".edition-note > details", (ds) => ds.map((d) => d.open));
  const shown = (selector) => page.$$eval(selector, (els) =>
    els.filter((el) => el.getClientRects().length > 0).length);
  // Tab through the page, at most `presses` times, until the focus is on `selector`.
  const tabTo = async (selector, presses) => {
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
        return true;
      }
    }
    return false;
  };

  // -- wide: notes beside their lemmas ------------------------------------------------
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  await pause(200);
  out.wide = await page.evaluate(() => {
    const notes = [...document.querySelectorAll(".edition-note")];
    return notes.map((note) => {
      const lemma = document.getElementById("lemma-" + note.id.slice(5));
      const ref = document.querySelector(`.edition-noteref[href="#${note.id}"]`);
      const n = note.getBoundingClientRect();
      return { id: note.id, noteTop: n.top, noteBottom: n.bottom, noteLeft: n.left,
               refTop: ref.getBoundingClientRect().top,
               textRight: lemma.closest("p").getBoundingClientRect().right,
               open: note.querySelector("details").open,
               compact: !note.classList.contains("edition-note-expanded") };
    });
  });
  // Hover on a lemma highlights its note, and focus on a note number too.
  const firstLemma = await page.$(".edition-lemma");
  await firstLemma.hover();
  out.hoverHighlights = await page.evaluate(() => {
    const lemma = document.querySelector(".edition-lemma");
    const note = document.getElementById("note-" + lemma.id.slice(6));
    return lemma.classList.contains("edition-active") && note.classList.contains("edition-active");
  });
  await page.focus(".edition-noteref:nth-of-type(1)");
  out.focusHighlights = await page.evaluate(() => {
    const ref = document.activeElement;
    return document.querySelector(ref.getAttribute("href")).classList.contains("edition-active");
  });
  await page.mouse.move(5, 5);
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: join(shots, "chapter-1400-light.png"), fullPage: false });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
  await page.screenshot({ path: join(shots, "chapter-1400-dark.png"), fullPage: false });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);

  // -- print: every note shown after its paragraph --------------------------------------
  await page.emulateMediaType("print");
  out.print = await page.evaluate(() => {
    const box = document.querySelector(".edition-annotated");
    const text = box.querySelector(":scope > p").getBoundingClientRect();
    const notes = [...box.querySelectorAll(".edition-note")];
    return {
      notesShown: notes.filter((n) => n.querySelector("p:not(.edition-note-meta)")
        ?.getClientRects().length > 0).length,
      notes: notes.length,
      afterParagraph: notes.every((n) => n.getBoundingClientRect().top >= text.bottom),
      navigationShown: [...document.querySelectorAll(".sidebar-drawer, .toc-drawer, " +
        ".edition-tools, .related-pages")].some((el) => el.getClientRects().length > 0 &&
        el.getBoundingClientRect().height > 0),
    };
  });
  await page.emulateMediaType("screen");

  // -- narrow: notes closed, opened in place ----------------------------------------------
  await page.setViewport({ width: 390, height: 844 });
  await page.goto(url, { waitUntil: "load" });
  await pause(200);
  out.narrow = await open();
  await page.screenshot({ path: join(shots, "chapter-390-light.png"), fullPage: false });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
  await page.screenshot({ path: join(shots, "chapter-390-dark.png"), fullPage: false });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
  // Click the third note number: its note opens, under the paragraph.
  const third = await page.$$eval("a.edition-noteref", (as) => as[2].getAttribute("href"));
  await page.click(`a.edition-noteref[href="${third}"]`);
  await pause(200);
  out.clicked = await page.$eval(third, (note) => ({
    open: note.querySelector("details").open,
    below: note.getBoundingClientRect().top >=
      note.closest(".edition-annotated").querySelector(":scope > p")
        .getBoundingClientRect().bottom,
  }));
  out.othersAfterClick = (await open()).filter(Boolean).length;
  // Keyboard: Tab to the first note number, Enter follows it and opens the note.
  await page.goto(url, { waitUntil: "load" });
  out.keyboardReached = await tabTo("a.edition-noteref", 300);
  const target = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("Enter");
  await pause(200);
  out.keyboardOpened = await page.$eval(target, (note) => note.querySelector("details").open);
  // And a note's summary toggles it with Enter.
  await page.focus(".edition-note:last-child > details > summary");
  await page.keyboard.press("Enter");
  out.summaryOpened = await page.$eval(".edition-note:last-child > details", (d) => d.open);

  // -- reader controls --------------------------------------------------------------
  await page.setViewport({ width: 1400, height: 900 });
  await page.evaluate(() => localStorage.clear());
  await page.goto(url, { waitUntil: "load" });
  out.controlsShown = await page.$eval(".edition-controls", (el) => !el.hidden);
  const before = { notes: await shown(".edition-note"), refs: await shown(".edition-noteref") };
  await page.click('[data-edition-toggle="notes"]');
  out.notesHidden = {
    before, notes: await shown(".edition-note"), refs: await shown(".edition-noteref"),
    pressed: await page.$eval('[data-edition-toggle="notes"]', (b) => b.getAttribute("aria-pressed")),
    status: await page.$eval(".edition-status", (s) => s.textContent),
  };
  // Keyboard: focus the toggle, Space turns the notes back on.
  await page.focus('[data-edition-toggle="notes"]');
  await page.keyboard.press("Space");
  out.notesBack = await shown(".edition-note");
  // Only the textual notes, chosen with the keyboard in the select.
  await page.focus("#edition-kind");
  await page.select("#edition-kind", "textual");
  out.filter = await page.evaluate(() => {
    const all = [...document.querySelectorAll(".edition-note")];
    const vis = all.filter((n) => n.getClientRects().length > 0);
    // Alone in its column, a note sits at its number's height.
    const offsets = vis.map((n) => n.getBoundingClientRect().top - document
      .querySelector(`.edition-noteref[href="#${n.id}"]`).getBoundingClientRect().top);
    return { shown: vis.length, allTextual: vis.every((n) => n.matches(".edition-note-textual")),
             offsets,
             textual: all.filter((n) => n.matches(".edition-note-textual")).length,
             status: document.querySelector(".edition-status").textContent };
  });
  await page.click('[data-edition-toggle="signs"]');
  out.signsPlain = await page.evaluate(() => {
    const sign = document.querySelector(".edition-sic-sign, .edition-gap");
    const text = sign.closest("p");
    return getComputedStyle(sign).color === getComputedStyle(text).color;
  });
  // Another page: the choices hold.
  await page.goto(otherUrl, { waitUntil: "load" });
  out.otherPage = await page.evaluate(() => ({
    kind: document.documentElement.dataset.editionKind,
    select: document.getElementById("edition-kind").value,
    signsPlain: document.documentElement.classList.contains("edition-signs-plain"),
    nonTextualShown: [...document.querySelectorAll(".edition-note:not(.edition-note-textual)")]
      .filter((n) => n.getClientRects().length > 0).length,
  }));
  await page.evaluate(() => localStorage.clear());

  // -- a paragraph permalink scrolls to its paragraph ------------------------------------
  await page.setViewport({ width: 1400, height: 500 });
  const anchor = await page.$eval(".edition-paragraph-number .target", (t) => t.id);
  await page.goto(otherUrl, { waitUntil: "load" });
  const scrollBefore = await page.evaluate(() => window.scrollY);
  await page.goto(`${otherUrl}#${anchor}`, { waitUntil: "load" });
  await pause(200);
  out.permalink = await page.evaluate((id) => ({
    top: document.getElementById(id).getBoundingClientRect().top,
    scrolled: window.scrollY,
  }), anchor);
  out.permalink.scrollBefore = scrollBefore;
  // The paragraph's citation, offered from its number.
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  await page.click(".edition-cite-button");
  out.paragraphCite = await page.evaluate(() => {
    const box = document.querySelector("details.edition-cite[data-paragraph]");
    return { open: box.open && !box.hidden, text: box.querySelector(".edition-cite-text").textContent,
             focus: document.activeElement === box.querySelector("summary") };
  });

  // -- a reader meets the notes of notes-chapter.html ------------------------------------
  if (notesChapter) {
    const notesUrl = pathToFileURL(notesChapter).href;
    const meet = {};
    out.notesChapter = meet;
    await page.setViewport({ width: 1400, height: 900 });
    await page.goto(notesUrl, { waitUntil: "load" });
    meet.wide = await open();
    meet.wideBeside = await page.$eval(".edition-annotated", (box) => {
      const text = box.querySelector(":scope > p").getBoundingClientRect();
      const notes = box.querySelector(":scope > .edition-notes").getBoundingClientRect();
      return notes.left >= text.right;
    });
    await page.setViewport({ width: 600, height: 900 });
    await page.goto(notesUrl, { waitUntil: "load" });
    meet.narrow = await open();
    // Tab through the page until the first note's summary has the focus, then Enter.
    meet.keyboardReached = await tabTo(".edition-note > details > summary", 200);
    await page.keyboard.press("Enter");
    meet.afterEnter = await open();
    // Following a note's number opens that note in place.
    await page.goto(notesUrl, { waitUntil: "load" });
    const href = await page.$eval("a.edition-noteref", (a) => a.getAttribute("href"));
    await page.click("a.edition-noteref");
    await pause(200);
    meet.followed = await page.$eval(`${href} > details`, (d) => d.open);
  }

  // -- the measure, and the reading text at rest (issue 31) ----------------------------
  const site = dirname(chapter);
  const essay = [chapter, other, notesChapter].filter(Boolean).map((c) => pathToFileURL(c).href);
  const introduction = pathToFileURL(join(site, "introduction.html")).href;
  const settle = () => page.evaluate(() => document.fonts.ready.then(() => new Promise(
    (done) => requestAnimationFrame(() => requestAnimationFrame(done)))));
  await page.evaluate(() => localStorage.clear());
  out.measure = {};
  for (const width of [1500, 1280, 1024, 800, 390]) {
    await page.setViewport({ width, height: 900 });
    const found = { essay: [], essayNotesHidden: [], introduction: null };
    for (const url of essay) {
      await page.goto(url, { waitUntil: "load" });
      await settle();
      found.essay.push(await page.evaluate(charactersPerLine, ESSAY));
      await page.click('[data-edition-toggle="notes"]');
      await settle();
      found.essayNotesHidden.push(await page.evaluate(charactersPerLine, ESSAY));
      await page.evaluate(() => localStorage.clear());
    }
    await page.goto(introduction, { waitUntil: "load" });
    await settle();
    found.introduction = await page.evaluate(charactersPerLine, PROSE);
    out.measure[width] = found;
  }

  // At rest, wide and on a phone: how the text is marked, where its tools stand.
  out.rest = {};
  for (const [width, height] of [[1400, 900], [1024, 900], [390, 844]]) {
    await page.setViewport({ width, height });
    await page.goto(pathToFileURL(notesChapter || chapter).href, { waitUntil: "load" });
    await settle();
    await page.mouse.move(0, 0);
    out.rest[width] = await page.evaluate(() => {
      const style = (el) => getComputedStyle(el);
      const text = document.querySelector(".edition-annotated > p");
      const first = text.getClientRects();
      const lemmas = [...document.querySelectorAll(".edition-annotated > p .edition-lemma")];
      const links = [...text.querySelectorAll("a.reference:not(.edition-noteref)")]
        .filter((a) => !a.closest(".edition-paragraph-number"));
      const ref = text.querySelector(".edition-noteref");
      const number = text.querySelector(".edition-paragraph-number");
      const cite = text.querySelector(".edition-cite-button");
      const words = document.createRange();
      const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
      let word = walker.nextNode();
      while (word && (word.parentElement.closest(".edition-paragraph-number") || !word.data.trim())) {
        word = walker.nextNode();
      }
      words.selectNodeContents(word);
      const firstWord = words.getClientRects()[0];
      const h1 = document.querySelector("article h1");
      const tools = document.querySelector(".edition-tools");
      return {
        lemmasMarked: lemmas.filter((l) => style(l).textDecorationLine !== "none" ||
          style(l).backgroundColor !== "rgba(0, 0, 0, 0)").length,
        lemmas: lemmas.length,
        linksColoured: links.filter((a) => style(a).color !== style(text).color).length,
        links: links.length,
        refFace: style(ref).fontFamily,
        refSmaller: parseFloat(style(ref).fontSize) < parseFloat(style(text).fontSize),
        refColour: style(ref).color,
        textColour: style(text).color,
        // The paragraph's number and "cite": beside the text (left of its first word)
        // or above its first line, never in it.
        citeRight: cite.getBoundingClientRect().right,
        citeBottom: cite.getBoundingClientRect().bottom,
        numberRight: number.getBoundingClientRect().right,
        firstWordLeft: firstWord.left,
        firstWordTop: firstWord.top,
        headingFace: style(h1).fontFamily,
        headingWeight: style(h1).fontWeight,
        titleTop: h1.getBoundingClientRect().top,
        toolsTop: tools.getBoundingClientRect().top,
        textTop: first[0].top,
        synthesis: style(document.querySelector("article")).fontSynthesis,
      };
    });
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
