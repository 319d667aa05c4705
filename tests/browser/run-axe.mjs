// Run axe-core in Debian's Chromium on local HTML pages; print the violations as JSON.
// Usage: node tests/browser/run-axe.mjs page.html [page.html ...]
// Nothing is fetched from other hosts: pages are file:// URLs, axe-core is injected
// from node_modules, and any request off this machine is refused.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const browser = await launchChromium();
const results = {};
try {
  for (const path of process.argv.slice(2)) {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on("request", (request) =>
      request.url().startsWith("file:") ? request.continue() : request.abort());
    await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
    await page.evaluate(axeSource);
    const report = await page.evaluate(() =>
      axe.run(document, { resultTypes: ["violations"] }));
    results[path] = report.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 2));
