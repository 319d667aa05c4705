// Run axe-core in Debian's Chromium on local HTML pages; print the violations as JSON.
// Usage: node tests/browser/run-axe.mjs [--dark] page.html [page.html ...]
// --dark: the reader's system prefers dark colours (furo follows it by default).
// A page is seen 800 px wide (the narrow layout), or as wide as a "1400:" before it says
// (1400:http://…/chapter.html#note-x: the margin, with that note open).
// Pages are files or http://127.0.0.1 addresses (the tests serve a build folder there,
// so that the 404 page's absolute links work). Nothing is fetched from other hosts:
// axe-core is injected from node_modules, and any request off this machine is refused.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await launchChromium();
const results = {};
try {
  const args = process.argv.slice(2);
  const dark = args[0] === "--dark";
  for (const arg of dark ? args.slice(1) : args) {
    const [, width, path] = /^(?:(\d+):)?(.*)$/s.exec(arg);
    const page = await browser.newPage();
    await page.setViewport({ width: Number(width || 800), height: 900 });
    await page.emulateMediaFeatures([
      { name: "prefers-color-scheme", value: dark ? "dark" : "light" }]);
    await page.setRequestInterception(true);
    page.on("request", (request) =>
      /^(file:|http:\/\/127\.0\.0\.1[:/])/.test(request.url())
        ? request.continue() : request.abort());
    const url = /^https?:/.test(path) ? path : pathToFileURL(path).href;
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate(axeSource);
    const report = await page.evaluate(() =>
      axe.run(document, { resultTypes: ["violations"] }));
    results[arg] = report.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 2));
