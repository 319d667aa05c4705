// "Suggest a note on these words", in Debian's Chromium: words of the essay are
// selected, and the address the control would open is read (nothing goes to the
// network). Prints, for each case, what the reader was offered, as JSON.
// Usage: node tests/browser/suggest.mjs chapter.html cases.json
// cases.json: [{"name", "text", "occurrence", "length"?, "until"?, "in"?, "drag"?}]:
// select `text` (its `occurrence`-th appearance in the element `in`, the essay paragraph
// by default; only its first `length` characters, or on to the end of `until`, if
// given); with `drag`, by dragging the mouse
// over it, else by the keyboard (caret browsing: Shift+ArrowRight from a caret placed at
// its start).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

const [chapter, casesFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, "utf8"));
const out = { offHost: [], cases: {} };
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Caret browsing (F7 in Chromium): how a keyboard reader selects words on a page.
const browser = await launchChromium(["--enable-caret-browsing"]);
try {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (/^(file|data):/.test(request.url())) {
      request.continue();
    } else {
      out.offHost.push(request.url());
      request.abort();
    }
  });
  page.on("pageerror", (error) => { (out.errors ||= []).push(error.message); });
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(pathToFileURL(chapter).href, { waitUntil: "load" });

  for (const test of cases) {
    await page.evaluate(() => window.getSelection().removeAllRanges());
    await pause(250);
    // Where the words are: the text node and offset of their start and end.
    const where = await page.evaluate((test) => {
      const scope = document.querySelector(test.in || ".edition-paragraph-number")
        .closest(test.in ? "*" : "p");
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let all = "";
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ n, at: all.length });
        all += n.data;
      }
      let at = -1;
      for (let k = 0; k <= test.occurrence; k++) at = all.indexOf(test.text, at + 1);
      if (at < 0) return null;
      const end = test.until ? all.indexOf(test.until, at) + test.until.length
        : at + (test.length ?? test.text.length);
      const locate = (offset, isEnd) => {
        const hit = nodes.find((x) => offset >= x.at && (isEnd ? offset <= x.at + x.n.data.length
          : offset < x.at + x.n.data.length));
        return [hit.n, offset - hit.at];
      };
      const [sn, so] = locate(at, false);
      const [en, eo] = locate(end, true);
      const range = document.createRange();
      range.setStart(sn, so);
      range.setEnd(en, eo);
      range.startContainer.parentElement.scrollIntoView({ block: "center", behavior: "instant" });
      const first = range.getClientRects()[0];
      const rects = range.getClientRects();
      const last = rects[rects.length - 1];
      window.__edition_test_range = range;
      return { start: { x: first.left + 1, y: first.top + first.height / 2 },
               end: { x: last.right - 1, y: last.top + last.height / 2 },
               chars: end - at };
    }, test);
    if (!where) {
      out.cases[test.name] = { missing: true };
      continue;
    }
    if (test.drag) {  // the mouse, pressed at the first letter and let go at the last
      await page.mouse.move(where.start.x, where.start.y);
      await page.mouse.down();
      await page.mouse.move(where.end.x, where.end.y, { steps: 8 });
      await page.mouse.up();
    } else {  // the keyboard: a caret at the start, then Shift+ArrowRight to the end
      await page.evaluate(() => {
        const range = window.__edition_test_range;
        const caret = document.createRange();
        caret.setStart(range.startContainer, range.startOffset);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(caret);
      });
      await page.keyboard.down("Shift");
      for (let i = 0; i < where.chars; i++) await page.keyboard.press("ArrowRight");
      await page.keyboard.up("Shift");
    }
    await pause(400);
    out.cases[test.name] = await page.evaluate(() => {
      const box = document.querySelector(".edition-suggest");
      const link = box && !box.hidden ? box.querySelector("a") : null;
      return {
        selected: window.getSelection().toString(),
        shown: !!box && !box.hidden,
        text: box && !box.hidden ? box.textContent : "",
        address: link ? link.href : null,
        afterParagraph: !!box && !!box.previousElementSibling &&
          box.previousElementSibling.matches(".edition-annotated, p"),
      };
    });
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
