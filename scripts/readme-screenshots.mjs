// The README's pictures of the edition, in Debian's Chromium and poppler: a chapter at
// rest and with a note open, 1500 px wide (the margin) and 390 px (a phone); the home
// page, the Commentary and the index of persons; and, where the PDF has been built, its
// title page and verso, its first page of the essay and a page of its commentary.
// `make screenshots` builds the site first (build the PDF before it, `make pdf`, for
// the PDF's pages).
// Usage: node scripts/readme-screenshots.mjs site-folder docs-folder [the.pdf]
//   (default PDF: latex/khrushchev-essay.pdf beside the site folder, if it is there)
import { execFileSync } from "node:child_process";
import { existsSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "../tests/browser/chromium.mjs";

const [site, docs, pdfArgument] = process.argv.slice(2);
const chapter = pathToFileURL(join(site, "chapters/02-cautious-destalinization.html")).href;
const note = "note-source-rush-61";
const settle = (page) => page.evaluate(() => document.fonts.ready.then(() => new Promise(
  (done) => requestAnimationFrame(() => requestAnimationFrame(done)))));

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" },
                                   { name: "prefers-color-scheme", value: "light" }]);
  // 1500 px: at rest, then the note opened from its number.
  await page.setViewport({ width: 1500, height: 900 });
  await page.goto(chapter, { waitUntil: "load" });
  await settle(page);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(docs, "chapter-1500-rest.png") });
  await page.click(`.edition-noteref[href="#${note}"]`);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(docs, "chapter-1500-note-open.png") });
  // 390 px: the top of the page at rest (the title, the tools under it, the text), then
  // the note opened in place under its paragraph.
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2 });
  await page.goto("about:blank");
  await page.goto(chapter, { waitUntil: "load" });
  await settle(page);
  await page.screenshot({ path: join(docs, "chapter-390-rest.png") });
  await page.evaluate((id) => {
    const ref = document.querySelector(`.edition-noteref[href="#${id}"]`);
    ref.click();
    document.getElementById(id).scrollIntoView({ block: "center", behavior: "instant" });
  }, note);
  await page.screenshot({ path: join(docs, "chapter-390-note-open.png") });
  // The pages a reader meets besides the essay, 1280 px wide, their first screen: the
  // home page, the Commentary, the index of persons.
  await page.setViewport({ width: 1280, height: 1000, deviceScaleFactor: 1 });
  for (const [name, path] of [["home-1280", "index.html"],
                              ["commentary-1280", "chapters/commentary.html"],
                              ["persons-1280", "chapters/persons.html"]]) {
    await page.goto("about:blank");
    await page.goto(pathToFileURL(join(site, path)).href, { waitUntil: "load" });
    await settle(page);
    await page.screenshot({ path: join(docs, `${name}.png`) });
  }
} finally {
  await browser.close();
}

// The PDF: its first page of the essay, and the first page of its commentary.
const pdf = pdfArgument || join(dirname(site), "latex", "khrushchev-essay.pdf");
if (existsSync(pdf)) {
  const pages = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"],
                             { encoding: "utf-8" }).split("\f");
  const find = (test) => pages.findIndex(test) + 1;
  const essay = find((text) => /\u00b6\s?1\b/.test(text) && /^\s+5\s/m.test(text));
  const commentary = find((text) => /^\s*Commentary\s*$/m.test(text) &&
                                    /p\.\s?\d+, ll?\.\s?\d+/.test(text));
  // The title page and its verso (the imprint) are the first two pages.
  for (const [name, number] of [["pdf-title-page", 1], ["pdf-verso", 2],
                                ["pdf-essay-page", essay], ["pdf-commentary-page", commentary]]) {
    if (!number) continue;
    const out = join(docs, name);
    execFileSync("pdftoppm", ["-png", "-r", "70", "-singlefile", "-f", String(number), "-l",
                              String(number), pdf, out]);
    if (!existsSync(`${out}.png`)) renameSync(out, `${out}.png`);
    console.log(`${out}.png: page ${number} of ${pdf}`);
  }
} else {
  console.log(`no PDF at ${pdf}: its pages not made (make pdf first)`);
}
