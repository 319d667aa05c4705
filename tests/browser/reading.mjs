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
//   to its summary, Enter), and a note opened by following its number.
// Nothing is fetched from other hosts: any request off this machine is refused.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

const [chapter, other, shots, notesChapter] = process.argv.slice(2);
const url = pathToFileURL(chapter).href;
const otherUrl = pathToFileURL(other).href;
mkdirSync(shots, { recursive: true });
const out = { offHost: [] };
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
