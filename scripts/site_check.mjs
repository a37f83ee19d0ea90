// Browser checks of a served site, driven by scripts/site-check.
//
// For each page, at 1280 px and 390 px, in light and dark colour schemes:
// - axe-core with the WCAG 2.1 A/AA rules (a violation fails);
// - at 390 px: no horizontal scrolling (scrollWidth <= 390), and every tap
//   target that does not sit inside running text is at least 44x44 px;
// - the first Tab stop is a visible skip link to the main content, and
//   every element reached by Tab shows a focus indicator.
// Pages are opened in a time zone no call uses, so localtime.js adds its
// "your time" lines and those are checked too.
//
// Env: URL (served site, ending in /), CHROMIUM, MODULES (node_modules dir).
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(path.resolve(process.env.MODULES), "x.js"));
const { chromium } = require("playwright-core");
const axePath = require.resolve("axe-core/axe.min.js");

const BASE = process.env.URL;
const PAGES = (process.env.PAGES ||
  "/ /calendar/ /calendar/2026-12/ /calls/caravan/ /minutes/ /minutes/io-planning/2026-11-16/ /faq/ /cocs/")
  .split(/\s+/).filter(Boolean);
const WIDTHS = [{ width: 1280, height: 900 }, { width: 390, height: 844 }];
const SCHEMES = ["light", "dark"];
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const PHONE = 390;
const TARGET = 44;

const failures = [];
const fail = (where, what) => failures.push({ page: where.page, variant: where.variant, what });

// Runs in the page: targets smaller than 44x44 that are not part of a
// sentence. A target is "in running text" when its display is inline and
// its nearest block container holds text outside any link or button.
function smallTargets(min) {
  const out = [];
  const sel = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  const label = (el) => (el.textContent || el.getAttribute("aria-label") || el.outerHTML).trim().replace(/\s+/g, " ").slice(0, 60);
  for (const el of document.querySelectorAll(sel)) {
    const st = getComputedStyle(el);
    if (st.visibility === "hidden" || st.display === "none") continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.classList.contains("skip") && r.right <= 0) continue;
    if (st.display === "inline") {
      let block = el.parentElement;
      while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
      if (block) {
        const clone = block.cloneNode(true);
        clone.querySelectorAll("a, button").forEach((n) => n.remove());
        const other = clone.textContent.replace(/[\s·|,()–—-]+/g, "");
        if (other.length > 0) continue;
      }
    }
    // the box a finger can hit: the element's own rectangles
    const rects = [...el.getClientRects()];
    const h = Math.max(...rects.map((x) => x.height));
    const w = Math.max(...rects.map((x) => x.width));
    if (h < min - 0.5 || w < min - 0.5) out.push(`"${label(el)}" is ${Math.round(w)}x${Math.round(h)}`);
  }
  return out;
}

// Runs in the page: elements sticking out to the right of the viewport.
function overflowers(width) {
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5 && r.width > 0) {
      let p = el.parentElement, parentToo = false;
      while (p && p !== document.body) {
        if (p.getBoundingClientRect().right > width + 0.5) { parentToo = true; break; }
        p = p.parentElement;
      }
      if (!parentToo) out.push(`<${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""}> right edge ${Math.round(r.right)}`);
    }
  }
  return out.slice(0, 5);
}

// Runs in the page: is the focused element visibly marked?
function focusShown() {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: "body", ok: true };
  const st = getComputedStyle(el);
  const outline = st.outlineStyle !== "none" && parseFloat(st.outlineWidth) > 0;
  const shadow = st.boxShadow && st.boxShadow !== "none";
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), text: (el.textContent || "").trim().slice(0, 40),
    cls: el.className, href: el.getAttribute("href"),
    ok: outline || !!shadow,
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.left < innerWidth,
  };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let runs = 0;
try {
  for (const scheme of SCHEMES) {
    for (const vp of WIDTHS) {
      const context = await browser.newContext({
        viewport: vp, colorScheme: scheme, timezoneId: "Asia/Kolkata", locale: "en-US",
        reducedMotion: "reduce",
      });
      const page = await context.newPage();
      for (const p of PAGES) {
        const where = { page: p, variant: `${vp.width} ${scheme}` };
        const resp = await page.goto(new URL(p.replace(/^\//, ""), BASE).href, { waitUntil: "load" });
        if (!resp || !resp.ok()) { fail(where, `HTTP ${resp ? resp.status() : "no response"}`); continue; }
        runs += 1;

        // keyboard: first stop is the skip link, and focus is always shown
        await page.keyboard.press("Tab");
        const first = await page.evaluate(focusShown);
        if (!(first.href || "").startsWith("#") || !first.visible) {
          fail(where, `first Tab stop is not a visible skip link (got <${first.tag}> "${first.text}" ${first.href || ""})`);
        } else {
          const target = first.href.slice(1);
          const ok = await page.evaluate((id) => !!document.getElementById(id) && !!document.getElementById(id).closest("main, [role=main]"), target);
          if (!ok) fail(where, `skip link ${first.href} does not lead to the main content`);
        }
        const seen = [first];
        for (let i = 0; i < 30; i++) {
          await page.keyboard.press("Tab");
          const f = await page.evaluate(focusShown);
          if (f.tag === "body") break;
          seen.push(f);
        }
        for (const f of seen) if (!f.ok) fail(where, `no visible focus indicator on <${f.tag}> "${f.text}"`);
        await page.evaluate(() => document.activeElement && document.activeElement.blur());

        // axe
        await page.addScriptTag({ path: axePath });
        const result = await page.evaluate(async (tags) => {
          const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
          return r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: (n.failureSummary || "").split("\n").slice(1, 2).join(" ").trim() })),
          }));
        }, TAGS);
        for (const v of result) {
          for (const n of v.nodes.slice(0, 6)) fail(where, `axe ${v.id} (${v.impact}): ${v.help}: ${n.target} ${n.summary}`);
          if (v.nodes.length > 6) fail(where, `axe ${v.id}: and ${v.nodes.length - 6} more nodes`);
        }

        if (vp.width === PHONE) {
          const sw = await page.evaluate(() => document.documentElement.scrollWidth);
          if (sw > PHONE) {
            const who = await page.evaluate(overflowers, PHONE);
            fail(where, `horizontal scrolling: scrollWidth ${sw} > ${PHONE}; ${who.join("; ")}`);
          }
          for (const t of await page.evaluate(smallTargets, TARGET)) fail(where, `tap target under ${TARGET}x${TARGET}: ${t}`);
        }
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}

// One line per page and problem, with how often and in which variants.
const grouped = new Map();
for (const f of failures) {
  const key = `${f.page}\u0000${f.what}`;
  if (!grouped.has(key)) grouped.set(key, { page: f.page, what: f.what, n: 0, variants: new Set() });
  const g = grouped.get(key);
  g.n += 1;
  g.variants.add(f.variant);
}
for (const g of grouped.values()) {
  const all = g.variants.size === WIDTHS.length * SCHEMES.length;
  console.log(`  ${g.page}: ${g.what}  [${all ? "all variants" : [...g.variants].join(", ")}${g.n > g.variants.size ? `; ${g.n}x` : ""}]`);
}
console.log(`browser: ${PAGES.length} pages x ${WIDTHS.length} widths x ${SCHEMES.length} schemes = ${runs} page loads, ${failures.length} problems`);
process.exit(failures.length ? 1 : 0);
