// Run axe-core in Debian's Chromium on local HTML pages; print the violations as JSON.
// Usage: node tests/browser/run-axe.mjs [--dark | --both] page.html [page.html ...]
// --dark: the reader's system prefers dark colours (furo follows it by default);
// --both: each page loaded once and checked in light and then dark colours, printed as
// {"light": {page: violations}, "dark": {...}}.
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

let args = process.argv.slice(2);
let schemes = ["light"];
if (args[0] === "--dark" || args[0] === "--both") {
  schemes = args[0] === "--dark" ? ["dark"] : ["light", "dark"];
  args = args.slice(1);
}
const results = Object.fromEntries(schemes.map((scheme) => [scheme, {}]));

const browser = await launchChromium();
try {
  // One tab for every page: a tab's renderer kept from page to page costs a third less
  // than a new tab each time (each page is still a document of its own: see below).
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on("request", (request) =>
    /^(file:|http:\/\/127\.0\.0\.1[:/])/.test(request.url())
      ? request.continue() : request.abort());
  let previous = null;
  for (const arg of args) {
    const [, width, path] = /^(?:(\d+):)?(.*)$/s.exec(arg);
    await page.setViewport({ width: Number(width || 800), height: 900 });
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: schemes[0] }]);
    const url = /^https?:/.test(path) ? path : pathToFileURL(path).href;
    // The same page again, at another #fragment, would only scroll: load a blank first.
    if (previous !== null && url.split("#")[0] === previous.split("#")[0]) {
      await page.goto("about:blank");
    }
    previous = url;
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate(axeSource);
    for (const scheme of schemes) {
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      const report = await page.evaluate(() =>
        window.axe.run(document, { resultTypes: ["violations"] }));
      results[scheme][arg] = report.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      }));
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(schemes.length > 1 ? results : results[schemes[0]], null, 2));
