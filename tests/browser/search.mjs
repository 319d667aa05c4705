// Search the website (served on loopback: its summaries are fetched) and print each
// result's summary as JSON.
//   node tests/browser/search.mjs http://127.0.0.1:PORT/ QUERY
import { launchChromium } from "./chromium.mjs";

const [base, query] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${base}search.html?q=${encodeURIComponent(query)}`, { waitUntil: "load" });
  await page.waitForFunction(
    () => document.querySelectorAll("#search-results li p.context").length > 2,
    { timeout: 30000 });
  const summaries = await page.$$eval("#search-results li p.context",
    (ps) => ps.map((p) => p.textContent));
  process.stdout.write(JSON.stringify(summaries));
} finally {
  await browser.close();
}
