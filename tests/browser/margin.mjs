// The margin at 1400 px, in Debian's Chromium: every way of opening a note brings it
// level with its number in the text, open, with no two notes overlapping. Prints what
// it saw as JSON: for each chapter and each way, one record per note.
// Usage: node tests/browser/margin.mjs site-folder chapter.html [chapter.html ...]
//
// First, each chapter at rest at 1500 px (issue 31): each note one line beside its
// words (its top against its number's), its first words cut at a word.
// Ways: clicking the note's number; clicking its lemma (on a point of the lemma that is
// no other lemma's and no link); following a link to it (the Commentary's); from the
// keyboard, Enter on the focused number, and the n key from note to note. Then Escape;
// and the page without JavaScript. Motion is reduced, so each place is final at once
// (the transition is only a transition).
// Nothing is fetched from other hosts: any request off this machine is refused.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

const [site, ...chapters] = process.argv.slice(2);
const out = { offHost: [], fontFiles: [], chapters: {} };
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// What a reader sees of one note once it is open: its top against its number's, both
// on screen, the note whole, no two notes on top of each other, the text not moved.
function seen(id) {
  const note = document.getElementById(id);
  const ref = document.querySelector(`.edition-noteref[href="#${id}"]`);
  const n = note.getBoundingClientRect();
  const r = ref.getBoundingClientRect();
  const details = note.querySelector(":scope > details");
  const onScreen = (box) => box.top >= 0 && box.top < window.innerHeight;
  const shown = [...document.querySelectorAll(".edition-notes > .edition-note")]
    .filter((el) => el.getClientRects().length > 0)
    .map((el) => ({ id: el.id, box: el.getBoundingClientRect() }));
  const overlaps = [];
  shown.forEach((a, i) => shown.slice(i + 1).forEach((b) => {
    if (a.box.top < b.box.bottom - 0.5 && b.box.top < a.box.bottom - 0.5) {
      overlaps.push([a.id, b.id]);
    }
  }));
  const lemma = document.getElementById("lemma-" + id.slice(5));
  return {
    id, offset: Math.round(n.top - r.top), noteOnScreen: onScreen(n), refOnScreen: onScreen(r),
    // the whole note in the window, or as much as fits from its top
    wholeOnScreen: n.bottom <= window.innerHeight || n.top <= 8,
    expanded: note.classList.contains("edition-note-expanded") && details.open &&
      details.scrollHeight <= details.clientHeight + 1,
    highlighted: note.classList.contains("edition-current") &&
      lemma.classList.contains("edition-current"),
    overlaps, refTop: r.top, scrollY: window.scrollY,
  };
}

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (/^(file|data):/.test(request.url())) {
      const font = /\/_static\/(fonts\/[^/]+\.woff2)$/.exec(request.url());
      if (font && !out.fontFiles.includes(font[1])) out.fontFiles.push(font[1]);
      request.continue();
    } else {
      out.offHost.push(request.url());
      request.abort();
    }
  });
  page.on("pageerror", (error) => { (out.errors ||= []).push(error.message); });
  await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
  await page.setViewport({ width: Number(process.env.MARGIN_WIDTH || 1400), height: 900 });
  // After the load event: the book face in, then two frames, so that the margin's
  // placing on the fonts' arrival and any scroll it asked for are done (without
  // JavaScript, nothing can be waited for in the page: a tenth of a second).
  const load = async (url, { script = true } = {}) => {
    await page.goto(url, { waitUntil: "load" });
    if (!script) return pause(100);
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((done) =>
      requestAnimationFrame(() => requestAnimationFrame(done)))));
  };
  const ids = () => page.$$eval(".edition-notes > .edition-note", (ns) => ns.map((n) => n.id));

  // The type: the essay and its notes in the book face, loaded from the site; the tools
  // in the theme's sans-serif.
  await load(pathToFileURL(join(site, chapters[0])).href);
  out.type = await page.evaluate(async () => {
    await document.fonts.ready;
    const family = (selector) => getComputedStyle(document.querySelector(selector)).fontFamily;
    // The distance between the paragraph's lines (raised note numbers in the sans-serif
    // opened up theirs by 3 px): from the bottoms of its words' boxes, line by line.
    const paragraph = document.querySelector(".edition-annotated > p");
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const bottoms = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest("sup, .edition-editorial")) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const box of range.getClientRects()) bottoms.push(box.bottom);
    }
    bottoms.sort((a, b) => a - b);
    const lines = bottoms.filter((b, i) => i === 0 || b - bottoms[i - 1] > 5);
    const lineGaps = lines.slice(1).map((b, i) => b - lines[i]);
    return {
      lineGaps,
      text: family(".edition-annotated > p"), notes: family(".edition-note p"),
      tools: family(".edition-tools"),
      loaded: [...document.fonts].filter((f) => f.status === "loaded")
        .map((f) => `${f.family.replace(/"/g, "")} ${f.style}`).sort(),
    };
  });

  // At rest, 1500 px wide: where each note stands against its number, how many lines it
  // takes, and what of its text it shows (cut at a word, or not at all).
  out.rest1500 = {};
  await page.setViewport({ width: 1500, height: 900 });
  for (const chapter of chapters) {
    await load(pathToFileURL(join(site, chapter)).href);
    out.rest1500[chapter] = await page.evaluate(() => [...document.querySelectorAll(
      ".edition-notes > .edition-note")].map((note) => {
      const ref = document.querySelector(`.edition-noteref[href="#${note.id}"]`);
      const summary = note.querySelector(":scope > details > summary");
      const teaser = summary.querySelector(".edition-note-teaser");
      const body = note.querySelector(":scope > details > p:not(.edition-note-meta)");
      const box = note.getBoundingClientRect();
      return {
        id: note.id,
        below: Math.round(box.top - ref.getBoundingClientRect().top),
        lines: box.height / parseFloat(getComputedStyle(summary).lineHeight),
        // nothing of the line cut off at its end, and nothing below it showing
        overflow: summary.scrollWidth - summary.clientWidth,
        shown: teaser ? teaser.textContent : "",
        teaserRight: teaser ? teaser.getBoundingClientRect().right : 0,
        lineRight: summary.getBoundingClientRect().right,
        text: body ? body.textContent.replace(/\s+/g, " ").trim() : "",
      };
    }));
  }
  await page.setViewport({ width: Number(process.env.MARGIN_WIDTH || 1400), height: 900 });

  for (const chapter of chapters) {
    const url = pathToFileURL(join(site, chapter)).href;
    const found = { number: [], lemma: [], link: [], enter: [], nextKey: [] };
    out.chapters[chapter] = found;
    await load(url);
    const notes = await ids();
    found.notes = notes.length;

    // At rest: compact, each a line for its number and kind and two of its text.
    found.rest = await page.$$eval(".edition-notes > .edition-note", (ns) => ns.map((n) => ({
      id: n.id, lines: n.getBoundingClientRect().height /
        parseFloat(getComputedStyle(n).lineHeight),
      lemmaShown: n.querySelector(".edition-note-lemma-group").getBoundingClientRect().width > 2,
    })));

    for (const id of notes) {  // its number, clicked
      const ref = `.edition-noteref[href="#${id}"]`;
      await page.$eval(ref, (el) => el.scrollIntoView({ block: "center", behavior: "instant" }));
      const before = await page.$eval(ref, (el) => el.getBoundingClientRect().top);
      await page.click(ref);
      await pause(5);
      const record = await page.evaluate(seen, id);
      record.textMoved = Math.abs(record.refTop - before) > 1;
      record.address = await page.evaluate(() => location.hash);
      record.focus = await page.evaluate(() => document.activeElement?.closest(".edition-note")?.id);
      found.number.push(record);
    }

    await load(url);
    for (const id of notes) {  // its lemma, clicked where it is only this note's lemma
      const point = await page.evaluate((lemmaId) => {
        const lemma = document.getElementById(lemmaId);
        lemma.scrollIntoView({ block: "center", behavior: "instant" });
        for (const box of lemma.getClientRects()) {
          for (let x = box.left + 2; x < box.right - 1; x += 3) {
            const y = box.top + box.height / 2;
            const hit = document.elementFromPoint(x, y);
            if (hit && hit.closest(".edition-lemma") === lemma && !hit.closest("a")) {
              return { x, y };
            }
          }
        }
        return null;
      }, "lemma-" + id.slice(5));
      if (!point) {
        found.lemma.push({ id, covered: true });
        continue;
      }
      await page.mouse.click(point.x, point.y);
      await pause(5);
      found.lemma.push(await page.evaluate(seen, id));
    }

    // Following a link to the note from the Commentary: a new page, at the note.
    const commentary = pathToFileURL(join(site, "chapters/commentary.html")).href;
    await load(commentary);
    const name = chapter.split("/").pop();
    const links = await page.$$eval(`a[href^="${name}#note-"]`, (as) => as.map((a) => a.href));
    for (const link of links) {
      await load(link);
      found.link.push(await page.evaluate(seen, decodeURIComponent(link.split("#")[1])));
    }

    // The keyboard: Enter on each focused number.
    await load(url);
    for (const id of notes) {
      await page.focus(`.edition-noteref[href="#${id}"]`);
      await page.keyboard.press("Enter");
      await pause(5);
      found.enter.push(await page.evaluate(seen, id));
    }
    // From the top of the page, n from note to note; then p back once; then Escape.
    await load(url);
    for (let i = 0; i < notes.length; i++) {
      await page.keyboard.press("n");
      await pause(5);
      found.nextKey.push(await page.evaluate(seen, notes[i]));
    }
    if (notes.length > 1) {
      await page.keyboard.press("p");
      await pause(5);
      found.previousKey = await page.evaluate(seen, notes[notes.length - 2]);
    }
    await page.keyboard.press("Escape");
    found.escape = await page.evaluate((id) => ({
      expanded: document.querySelectorAll(".edition-note-expanded").length,
      focus: document.activeElement?.getAttribute("href"),
      address: location.hash,
      id,
    }), notes[notes.length - 2] ?? notes[0]);
    // After Escape, n goes on from the note last open, not from the first.
    await page.keyboard.press("n");
    await pause(5);
    found.nextAfterEscape = await page.evaluate(
      () => document.querySelector(".edition-note-expanded")?.id);
    // A note opened by a link, then closed: crossing the wide breakpoint does not open
    // it again (and scroll to it).
    await load(`${url}#${notes[0]}`);
    await page.keyboard.press("Escape");
    await page.evaluate(() => window.scrollTo({ top: 300, behavior: "instant" }));
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.setViewport({ width: 1000, height: 900 });
    await pause(50);
    await page.setViewport({ width: Number(process.env.MARGIN_WIDTH || 1400), height: 900 });
    await pause(50);
    found.breakpoint = await page.evaluate((before) => ({
      expanded: document.querySelectorAll(".edition-note-expanded").length,
      address: location.hash, moved: Math.abs(window.scrollY - before) > 1,
      before, after: window.scrollY,
    }), scrolled);
  }

  // Without JavaScript: every note open beside its paragraph, in the flow, none
  // overlapping (as before the margin was made compact).
  await page.setJavaScriptEnabled(false);
  await load(pathToFileURL(join(site, chapters[0])).href, { script: false });
  out.noScript = await page.evaluate(() => {
    const notes = [...document.querySelectorAll(".edition-notes > .edition-note")];
    const boxes = notes.map((n) => n.getBoundingClientRect());
    const text = document.querySelector(".edition-annotated > p").getBoundingClientRect();
    return {
      notes: notes.length,
      open: notes.every((n) => n.querySelector("details").open),
      beside: boxes.every((b) => b.left >= text.right),
      inOrder: boxes.every((b, i) => i === 0 || b.top >= boxes[i - 1].bottom),
      lemmasInSummary: notes.every((n) =>
        n.querySelector(".edition-note-lemma-group").getBoundingClientRect().width > 2),
    };
  });
  await page.setJavaScriptEnabled(true);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
