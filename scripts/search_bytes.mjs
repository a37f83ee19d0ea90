// What a first query downloads: each query typed on a fresh search page of
// a served site, with the bytes of every fetch it made, as sent and gzipped.
// Driven by scripts/search-bytes. Env: URL, MODULES, CHROMIUM; args: queries.
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";
const require = createRequire(path.join(path.resolve(process.env.MODULES), "x.js"));
const { chromium } = require("playwright-core");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ["--no-sandbox"] });
for (const query of process.argv.slice(2)) {
  const page = await browser.newPage();
  const sent = [];
  page.on("requestfinished", async (req) => {
    if (req.resourceType() !== "fetch") return;
    const res = await req.response(); const sizes = await req.sizes(); const body = await res.body();
    sent.push({ url: new URL(req.url()).pathname, enc: sizes.responseBodySize, gz: zlib.gzipSync(body, { level: 9 }).length });
  });
  await page.goto(process.env.URL + "search/", { waitUntil: "load" });
  await page.waitForSelector("#search-filters:not([hidden])");
  const t0 = Date.now();
  await page.fill("#q", query);
  await page.waitForFunction((q) => { const s = document.getElementById("search-status").textContent; return s.includes(q) && !s.startsWith("Searching"); }, query, { timeout: 30000 });
  const t1 = Date.now();
  await page.waitForFunction(() => [...document.querySelectorAll("#search-results > li")].every((li) => li.querySelector(".excerpt")), null, { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(300);
  const status = await page.textContent("#search-status");
  const kinds = {};
  for (const s of sent) { const k = s.url.startsWith("/search/words") ? "shards" : s.url.startsWith("/search/docs") ? "doc chunks" : s.url === "/search/index.json" ? "manifest" : "pages"; kinds[k] = kinds[k] || { n: 0, enc: 0, gz: 0 }; kinds[k].n++; kinds[k].enc += s.enc; kinds[k].gz += s.gz; }
  const tot = sent.reduce((a, s) => [a[0] + s.enc, a[1] + s.gz], [0, 0]);
  console.log(`${query}: "${status}" (${t1 - t0} ms to results)`);
  for (const [k, v] of Object.entries(kinds)) console.log(`   ${k.padEnd(11)} ${String(v.n).padStart(3)} files ${String(v.enc).padStart(8)} B ${String(v.gz).padStart(7)} B gzip`);
  console.log(`   ${"total".padEnd(11)} ${String(sent.length).padStart(3)} files ${String(tot[0]).padStart(8)} B ${String(tot[1]).padStart(7)} B gzip`);
  await page.close();
}
await browser.close();
