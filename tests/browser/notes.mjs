// How a reader meets the notes, in Debian's Chromium: beside the text and open on a wide
// screen; closed on a narrow one, and opened in place from the keyboard (Tab to a note's
// summary, Enter) or by following its number. Prints what it saw as JSON.
// Usage: node tests/browser/notes.mjs chapter.html
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

const url = pathToFileURL(process.argv[2]).href;
const browser = await launchChromium();
const openStates = (page) =>
  page.$$eval(".edition-note > details", (ds) => ds.map((d) => d.open));
const out = {};
try {
  const page = await browser.newPage();

  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  out.wide = await openStates(page);
  out.wideBeside = await page.$eval(".edition-annotated", (box) => {
    const text = box.querySelector(":scope > p").getBoundingClientRect();
    const notes = box.querySelector(":scope > .edition-notes").getBoundingClientRect();
    return notes.left >= text.right;
  });

  await page.setViewport({ width: 600, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  out.narrow = await openStates(page);

  // Tab through the page until the first note's summary has the focus, then press Enter.
  let reached = false;
  for (let i = 0; i < 200 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() =>
      document.activeElement?.matches(".edition-note > details > summary") ?? false);
  }
  out.keyboardReached = reached;
  await page.keyboard.press("Enter");
  out.afterEnter = await openStates(page);

  // Following a note's number opens that note in place.
  await page.goto(url, { waitUntil: "load" });
  const href = await page.$eval("a.edition-noteref", (a) => a.getAttribute("href"));
  await page.click("a.edition-noteref");
  await new Promise((resolve) => setTimeout(resolve, 200));
  out.followed = await page.$eval(`${href} > details`, (d) => d.open);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
