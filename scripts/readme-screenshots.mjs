// The README's pictures of the website: a chapter with a note open, 1500 px wide (the
// margin) and 390 px (a phone), in Debian's Chromium. `make screenshots` builds the
// site first. Usage: node scripts/readme-screenshots.mjs site-folder docs-folder
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "../tests/browser/chromium.mjs";

const [site, docs] = process.argv.slice(2);
const chapter = pathToFileURL(join(site, "chapters/02-cautious-destalinization.html")).href;
const note = "note-source-rush-61";
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
  await page.setViewport({ width: 1500, height: 900 });
  await page.goto(chapter, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  await page.click(`.edition-noteref[href="#${note}"]`);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(docs, "chapter-1500-note-open.png") });
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2 });
  await page.goto(`${chapter}#${note}`, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate((id) => {
    const ref = document.querySelector(`.edition-noteref[href="#${id}"]`);
    ref.click();
    document.getElementById(id).scrollIntoView({ block: "center", behavior: "instant" });
  }, note);
  await page.screenshot({ path: join(docs, "chapter-390-note-open.png") });
} finally {
  await browser.close();
}
