// The search page in headless Chromium; driven by scripts/search-check.
// Env: URL (served site), OUT (screenshots), SITE (the built site folder),
// CHROMIUM, MODULES (node_modules dir).
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { violations } from "./wcag.mjs";
import zlib from "node:zlib";

const require = createRequire(path.join(path.resolve(process.env.MODULES), "x.js"));
const { chromium } = require("playwright-core");
const BASE = process.env.URL;
const SITE = process.env.SITE;
const SEARCH = new URL("search/", BASE).href;
const PUBLIC = "/minutes/caravan/2026-11-18/";
const failures = [];
const check = (ok, what) => { console.log(`${ok ? "ok  " : "FAIL"} ${what}`); if (!ok) failures.push(what); };
const manifest = JSON.parse(fs.readFileSync(path.join(SITE, "search/index.json"), "utf8"));
const shardOf = (w) => { let i = 0; manifest.shards.forEach((s, k) => { if (s <= w) i = k; }); return i; };
const q = (s) => `\u201c${s}\u201d`;

// Types a query and waits until the status names it (and its excerpts).
async function search(page, query, { excerpts = true } = {}) {
  await page.fill("#q", query);
  await page.waitForFunction((query) => {
    const s = document.getElementById("search-status").textContent;
    return s.includes(`\u201c${query}\u201d`) && !s.startsWith("Searching");
  }, query, { timeout: 10000 });
  if (excerpts) await waitExcerpts(page);
  return results(page);
}
async function waitExcerpts(page) {
  // Every result shown gets its excerpt (or the page could not be read).
  await page.waitForFunction(() => [...document.querySelectorAll("#search-results > li")]
    .every((li) => li.querySelector(".excerpt")), null, { timeout: 10000 }).catch(() => {});
}
async function results(page) {
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    items: [...document.querySelectorAll("#search-results > li")].map((li) => ({
      href: li.querySelector("a").getAttribute("href"),
      title: li.querySelector("a").textContent,
      meta: li.querySelector(".meta") ? li.querySelector(".meta").textContent : "",
      date: li.querySelector("time") ? li.querySelector("time").getAttribute("datetime") : "",
      excerpt: li.querySelector(".excerpt") ? li.querySelector(".excerpt").textContent : "",
      marks: [...li.querySelectorAll(".excerpt mark")].map((m) => m.textContent),
    })),
    more: !document.getElementById("search-more").hidden,
  }));
}
async function ready(page) {
  await page.goto(SEARCH, { waitUntil: "load" });
  await page.waitForSelector("#search-filters:not([hidden])", { timeout: 10000 });
}
async function axe(page, where) {
  const r = await violations(page);
  check(r.length === 0, `axe on ${where}: ${r.length ? r.join("; ") : "no violations"}`);
}
// Runs in the page: tap targets under 44x44 px that are not in a sentence
// (the rule of scripts/site_check.mjs).
function smallTargets(min) {
  const out = [];
  for (const el of document.querySelectorAll("main a[href], main button, main input, main select")) {
    const st = getComputedStyle(el);
    if (st.visibility === "hidden" || st.display === "none") continue;
    if (st.display === "inline") {
      let block = el.parentElement;
      while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
      const clone = block.cloneNode(true);
      clone.querySelectorAll("a, button").forEach((n) => n.remove());
      if (clone.textContent.replace(/[\s·|,()–—-]+/g, "").length > 0) continue;
    }
    const rects = [...el.getClientRects()];
    const h = Math.max(...rects.map((x) => x.height));
    const w = Math.max(...rects.map((x) => x.width));
    if (h < min - 0.5 || w < min - 0.5) out.push(`"${(el.textContent || el.id).trim().slice(0, 40)}" is ${Math.round(w)}x${Math.round(h)}`);
  }
  return out;
}
function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });

  // 1. The first query, and what it downloads.
  {
    const page = await context.newPage();
    const sent = [];
    page.on("requestfinished", async (req) => {
      const res = await req.response();
      const sizes = await req.sizes();
      const body = res ? await res.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
      sent.push({ url: new URL(req.url()).pathname, fetch: req.resourceType() === "fetch", status: res ? res.status() : 0, encoded: sizes.responseBodySize,
        headers: sizes.responseHeadersSize, gzip: zlib.gzipSync(body, { level: 9 }).length, at: Date.now() });
    });
    await ready(page);
    await page.waitForTimeout(200);
    const before = sent.length;
    const r = await search(page, "zorblax");
    await page.waitForTimeout(300);
    const first = r.items[0] || {};
    check(r.items.length >= 1 && first.href === PUBLIC, `"zorblax": the first result is ${PUBLIC} (${r.items.map((i) => i.href).join(", ")})`);
    check(first.marks && first.marks.some((m) => m.toLowerCase() === "zorblax"), `"zorblax" is marked in the excerpt: "${first.excerpt}"`);
    check(/^1 result for \u201czorblax\u201d/.test(r.status), `status: "${r.status}"`);
    check(/\u00b7/.test(first.meta) && first.date, `meta line: "${first.meta}"`);
    // What the query fetched: the manifest (on load), one shard (two when
    // the last word's prefix may go on in the next), the chunks and pages of
    // the results shown; nothing else.
    const shown = new Set(r.items.map((i) => i.href.split("#")[0]));
    const fetched = sent.slice(before).filter((s) => s.fetch).map((s) => s.url);
    const shards = fetched.filter((u) => u.startsWith("/search/words/"));
    const chunks = fetched.filter((u) => u.startsWith("/search/docs/"));
    const pages = fetched.filter((u) => !u.startsWith("/search/"));
    const want = shardOf("zorblax");
    check(shards.length >= 1 && shards.length <= 2 && shards.includes(`/search/words/${want}.json`),
      `"zorblax" fetched its shard ${want} only (${shards.join(", ")})`);
    const chunkOk = chunks.every((u) => {
      const docs = JSON.parse(fs.readFileSync(path.join(SITE, u), "utf8"));
      return docs.some((d) => shown.has(d[0].split("#")[0]));
    });
    check(chunks.length >= 1 && chunkOk, `fetched only document chunks of the results shown (${chunks.join(", ")})`);
    check(pages.length === shown.size && pages.every((u) => shown.has(u)), `fetched only the pages shown (${pages.join(", ")})`);
    check(sent.filter((s) => s.url === "/search/index.json").length === 1, "the manifest is fetched once");
    const data = sent.filter((s) => s.fetch);
    const sum = (xs, k) => xs.reduce((a, s) => a + s[k], 0);
    console.log("   first query, data (as sent / gzip -9):");
    for (const s of data) console.log(`     ${s.url.padEnd(40)} ${String(s.encoded).padStart(7)} B ${String(s.gzip).padStart(7)} B`);
    console.log(`     ${"total".padEnd(40)} ${String(sum(data, "encoded")).padStart(7)} B ${String(sum(data, "gzip")).padStart(7)} B`);
    const own = sent.filter((s, i) => !s.fetch && sent.findIndex((t) => t.url === s.url) === i);
    console.log(`   the page itself (${own.map((s) => s.url).join(", ")}): ${sum(own, "encoded")} B as sent, ${sum(own, "gzip")} B gzip`);
    await page.close();
  }

  // 2. The start of a word finds it while typing; withheld words find
  // nothing and are nowhere in the site.
  {
    const page = await context.newPage();
    await ready(page);
    const typing = await search(page, "zorbl");
    check(typing.items.length && typing.items[0].href === PUBLIC && typing.items[0].marks.some((m) => m.toLowerCase() === "zorblax"),
      `"zorbl" (still typing) finds ${PUBLIC} with "zorblax" marked`);
    const form = await search(page, "zorblaxes");
    check(form.items.length && form.items[0].href === PUBLIC,
      `"zorblaxes", a form no page has, finds ${PUBLIC} by "zorblax" (${form.status})`);
    for (const word of ["quuxwithheld", "quuxprivatecall"]) {
      const r = await search(page, word, { excerpts: false });
      check(r.items.length === 0 && r.status.startsWith(`No results for ${q(word)}`), `"${word}" finds nothing: "${r.status}"`);
      const leaks = files(SITE).filter((f) => fs.readFileSync(f).includes(word));
      check(leaks.length === 0, `"${word}" is in no file of the site${leaks.length ? ": " + leaks.join(", ") : ""}`);
    }
    await page.close();
  }

  // 3. Two queries, the first one held back: its results never show.
  {
    const page = await context.newPage();
    await ready(page);
    const second = ["volunteer", "training", "legal", "eviction", "solidarity"].find((w) => shardOf(w) !== shardOf("zorblax")) || "volunteer";
    const slow = `/search/words/${shardOf("zorblax")}.json`;
    let held = 0, released = 0;
    await page.route("**/search/words/*.json", async (route) => {
      if (new URL(route.request().url()).pathname === slow && !held) {
        held = Date.now();
        await new Promise((r) => setTimeout(r, 2500));
        released = Date.now();
      }
      await route.continue();
    });
    // Every state the list and status go through, with the query typed.
    await page.evaluate(() => {
      window.__states = [];
      const record = () => window.__states.push({
        q: document.getElementById("q").value,
        status: document.getElementById("search-status").textContent,
        marks: [...document.querySelectorAll("#search-results mark")].map((m) => m.textContent.toLowerCase()),
        hrefs: [...document.querySelectorAll("#search-results > li > h2 > a")].map((a) => a.getAttribute("href")),
        at: Date.now(),
      });
      new MutationObserver(record).observe(document.querySelector("main"), { subtree: true, childList: true, characterData: true });
    });
    const waitSlow = page.waitForRequest((r) => new URL(r.url()).pathname === slow);
    await page.fill("#q", "zorblax");
    await waitSlow;
    await page.fill("#q", second);
    await page.waitForTimeout(3500);
    await waitExcerpts(page);
    const states = await page.evaluate(() => window.__states);
    const after = states.filter((s) => s.q === second);
    const last = states[states.length - 1];
    // The first query's results are just PUBLIC; the second's are not.
    const firstOnes = JSON.stringify([PUBLIC]);
    const bad = after.filter((s) => s.marks.includes("zorblax") || s.status.includes(q("zorblax")) ||
      (JSON.stringify(s.hrefs) === firstOnes && JSON.stringify(last.hrefs) !== firstOnes));
    const shownAt = (after.find((s) => s.hrefs.length && s.status.includes(q(second))) || {}).at;
    check(held > 0 && released > 0, `the first query's shard (${slow}) was held back 2.5 s`);
    check(bad.length === 0, `under ${q(second)} nothing of ${q("zorblax")} ever shows (${after.length} states seen)`);
    check(last.q === second && last.status.includes(q(second)) && last.hrefs.length > 0 && !last.marks.includes("zorblax"),
      `the end state is ${q(second)}'s: "${last.status}", ${last.hrefs.length} shown`);
    const fresh = await browser.newPage();
    await fresh.goto(`${SEARCH}?q=${second}`, { waitUntil: "load" });
    await fresh.waitForFunction((w) => document.getElementById("search-status").textContent.includes(`\u201c${w}\u201d`) &&
      !document.getElementById("search-status").textContent.startsWith("Searching"), second);
    const alone = (await results(fresh)).items.map((i) => i.href);
    await fresh.close();
    check(JSON.stringify(alone) === JSON.stringify(last.hrefs), `they are the results ${q(second)} gets on its own`);
    if (shardOf(second) !== shardOf("zorblax")) {
      check(shownAt && shownAt < released, `${q(second)} (shard ${shardOf(second)}) showed its results while ${q("zorblax")}'s shard was held back`);
    } else {
      console.log(`   (${q(second)} is in the held shard too, so it waited for it)`);
    }
    await page.close();
  }

  // 4. Filters, the URL, more results, common words, network errors.
  {
    const page = await context.newPage();
    await ready(page);
    const word = "facilitator";
    const all = await search(page, word);
    const total = (s) => Number((/^([\d,]+) results?/.exec(s) || [0, "0"])[1].replace(/,/g, ""));
    const nAll = total(all.status);
    check(nAll > 10 && all.items.length === 10 && all.more, `${q(word)}: ${nAll} results, 10 shown, "More results" offered`);
    await page.click("#search-more");
    await page.waitForFunction(() => document.querySelectorAll("#search-results > li").length > 10);
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("href"));
    const more = await results(page);
    check(more.items.length === Math.min(20, nAll) && focused === more.items[10].href,
      `"More results" adds ${more.items.length - 10} and moves focus to the first new one`);

    const calls = await page.$$eval("#search-call option", (os) => os.map((o) => [o.value, o.textContent]));
    const years = await page.$$eval("#search-year option", (os) => os.map((o) => [o.value, o.textContent]));
    check(calls[0][0] === "" && calls[0][1] === "All calls" && calls.length === manifest.calls.length + 1, `call filter: ${calls.length - 1} calls and "All calls"`);
    check(years[0][0] === "" && years[0][1] === "All years" && years.length > 1, `year filter: ${years.slice(1).map((y) => y[1]).join(", ")} and "All years"`);
    const caravan = manifest.calls.find((c) => c[0] === "caravan");
    await page.selectOption("#search-call", "caravan");
    await page.waitForFunction(() => /in /.test(document.getElementById("search-status").textContent));
    await waitExcerpts(page);
    const byCall = await results(page);
    const nCall = total(byCall.status);
    check(nCall > 0 && nCall < nAll && byCall.items.every((i) => i.href.includes("/caravan/")),
      `call filter: ${nCall} of ${nAll}, all of ${caravan[1]} ("${byCall.status}")`);
    check(new URL(page.url()).search === `?q=${word}&call=caravan`, `the URL says so: ${new URL(page.url()).search}`);
    // The newest year in which the query has a result.
    const yearsOfHits = new Set(more.items.filter((i) => i.date).map((i) => i.date.slice(0, 4)));
    const year = (years.slice(1).find((y) => yearsOfHits.has(y[0])) || years[1])[0];
    await page.selectOption("#search-call", "");
    await page.selectOption("#search-year", year);
    await page.waitForFunction((y) => document.getElementById("search-status").textContent.includes(` in ${y}`), year);
    await waitExcerpts(page);
    const byYear = await results(page);
    const nYear = total(byYear.status);
    check(nYear > 0 && nYear < nAll && byYear.items.every((i) => i.date.startsWith(year)), `year filter: ${nYear} of ${nAll}, all dated ${year}`);
    await page.selectOption("#search-call", "caravan");
    await page.waitForFunction(() => /, \d{4}/.test(document.getElementById("search-status").textContent));
    const both = await results(page);
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared, { waitUntil: "load" });
    await other.waitForFunction((s) => document.getElementById("search-status").textContent === s, both.status, { timeout: 10000 }).catch(() => {});
    const again = await results(other);
    check(again.status === both.status && JSON.stringify(again.items.map((i) => i.href)) === JSON.stringify(both.items.map((i) => i.href)) &&
      await other.inputValue("#search-call") === "caravan" && await other.inputValue("#search-year") === year,
    `the URL ${new URL(shared).search} gives the same on a fresh load ("${again.status}")`);
    await other.close();

    await page.selectOption("#search-call", "");
    await page.selectOption("#search-year", "");
    await page.close();
    // Common words (a small site has none: the manifest is given two then).
    const commonPage = await context.newPage();
    let commonWords = manifest.common.slice(0, 2);
    if (commonWords.length < 2) {
      commonWords = ["the", "and"];
      await commonPage.route("**/search/index.json", async (route) => {
        const response = await route.fetch();
        const json = await response.json();
        json.common = [...new Set([...json.common, ...commonWords])].sort();
        await route.fulfill({ response, json });
      });
      console.log(`   (the index has no common words here; the manifest is given ${commonWords.join(", ")})`);
    }
    await ready(commonPage);
    await commonPage.fill("#q", commonWords.join(" "));
    await commonPage.waitForFunction(() => /found on most pages/.test(document.getElementById("search-status").textContent), null, { timeout: 10000 }).catch(() => {});
    const onlyCommon = await results(commonPage);
    check(/found on most pages/.test(onlyCommon.status) && onlyCommon.items.length > 0, `only common words (${commonWords.join(" ")}) are searched, and said to be weak: "${onlyCommon.status}"`);
    const withCommon = await search(commonPage, `${commonWords[0]} zorblax`, { excerpts: false });
    check(withCommon.items.length >= 1 && withCommon.items[0].href === PUBLIC && withCommon.status.includes(`${q(commonWords[0])} is too common`),
      `a common word is left out and said so: "${withCommon.status}"`);
    await commonPage.close();
    // A fresh page whose word shards cannot be fetched.
    const offline = await context.newPage();
    await ready(offline);
    await offline.route("**/search/words/*.json", (route) => route.abort("internetdisconnected"));
    await offline.fill("#q", "zorblax");
    await offline.waitForFunction(() => /could not/.test(document.getElementById("search-status").textContent), null, { timeout: 10000 }).catch(() => {});
    const err = await results(offline);
    check(/could not/.test(err.status) && err.items.length === 0, `a network error says so: "${err.status}"`);
    await offline.close();
  }

  // 5. Axe, keyboard and screenshots of a results page.
  for (const vp of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    for (const scheme of ["light", "dark"]) {
      const ctx = await browser.newContext({ viewport: vp, locale: "en-US", colorScheme: scheme, isMobile: vp.width < 600, hasTouch: vp.width < 600 });
      const page = await ctx.newPage();
      await page.goto(`${SEARCH}?q=eviction+defen`, { waitUntil: "load" });
      await page.waitForFunction(() => /results? for/.test(document.getElementById("search-status").textContent), null, { timeout: 10000 });
      await waitExcerpts(page);
      const r = await results(page);
      check(r.items.length > 0 && r.items.every((i) => i.excerpt) && r.items.some((i) => i.marks.length),
        `${vp.width} px ${scheme}: "eviction defen" shows ${r.items.length} with excerpts ("${r.status}")`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      check(wide <= vp.width, `${vp.width} px ${scheme}: no sideways scrolling (${wide} px)`);
      await axe(page, `/search/?q=eviction+defen at ${vp.width} px ${scheme}`);
      if (vp.width < 600) {
        const small = await page.evaluate(smallTargets, 44);
        check(small.length === 0, `${vp.width} px ${scheme}: tap targets of 44 px${small.length ? ": " + small.join("; ") : ""}`);
      }
      if (scheme === "light") {
        // Keyboard: from the search box, Tab reaches the button, both
        // filters and the results.
        await page.focus("#q");
        const stops = [];
        for (let i = 0; i < 6; i++) {
          await page.keyboard.press("Tab");
          stops.push(await page.evaluate(() => {
            const e = document.activeElement;
            const ring = getComputedStyle(e).outlineStyle !== "none" && parseFloat(getComputedStyle(e).outlineWidth) >= 2;
            return { id: e.id || e.tagName.toLowerCase() + (e.getAttribute("href") ? " " + e.getAttribute("href") : ""), ring };
          }));
        }
        const ids = stops.map((s) => s.id);
        check(ids[1] === "search-call" && ids[2] === "search-year" && ids[3].startsWith("a /"),
          `${vp.width} px: Tab goes search box → button → call → year → results (${ids.slice(0, 4).join(" → ")})`);
        check(stops.every((s) => s.ring), `${vp.width} px: every stop shows a focus ring`);
        await page.focus("#q");
      }
      await page.screenshot({ path: path.join(process.env.OUT, `search-${vp.width}-${scheme}.png`), fullPage: true });
      if (vp.width < 600) await page.screenshot({ path: path.join(process.env.OUT, `search-${vp.width}-${scheme}-screen.png`) });
      await ctx.close();
    }
  }

  // 6. Without JavaScript: the plain message, no filters.
  {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${SEARCH}?q=zorblax`, { waitUntil: "load" });
    const text = await page.textContent("#search-status");
    const links = await page.$$eval("#search-status a", (as) => as.map((a) => a.getAttribute("href")));
    check(/needs JavaScript/.test(text) && ["/minutes/", "/calls/", "/faq/"].every((l) => links.includes(l)),
      `without JavaScript: "${text.trim()}"`);
    check(!(await page.isVisible("#search-filters")) && !(await page.isVisible("#search-more")) &&
      (await page.$$("#search-results > li")).length === 0, "without JavaScript: no filters, no results, no button");
    await page.screenshot({ path: path.join(process.env.OUT, "search-nojs-390.png"), fullPage: true });
    await ctx.close();
  }
  await context.close();
} finally {
  await browser.close();
}
console.log(failures.length ? `${failures.length} failed` : "all passed");
process.exit(failures.length ? 1 : 0);
