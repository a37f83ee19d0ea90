// Renders the main pages of a served site to PNGs; driven by scripts/screenshots.
// Env: URL (served site, ending in /), OUT (folder), CHROMIUM, MODULES
// (node_modules dir), SCHEMES ("light dark"), TIMEZONE (the reader's zone,
// default Europe/Berlin, so localtime.js shows its "your time" lines),
// PAGES (optional "name=/path/ ..." to render other pages instead).
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(path.resolve(process.env.MODULES), "x.js"));
const { chromium } = require("playwright-core");

const PAGES = process.env.PAGES
  ? process.env.PAGES.split(/\s+/).filter(Boolean).map((p) => p.split("="))
  : [
    ["home", "/"], ["calendar", "/calendar/"], ["month", "/calendar/2026-12/"],
    ["call", "/calls/caravan/"], ["minutes", "/minutes/"], ["faq", "/faq/"],
  ];
const SIZES = [{ width: 1280, height: 900 }, { width: 390, height: 844 }];
const SCHEMES = (process.env.SCHEMES || "light dark").split(/\s+/).filter(Boolean);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const scheme of SCHEMES) {
    for (const vp of SIZES) {
      const context = await browser.newContext({
        viewport: vp, colorScheme: scheme, locale: "en-US",
        timezoneId: process.env.TIMEZONE || "Europe/Berlin",
        isMobile: vp.width < 600, hasTouch: vp.width < 600,
      });
      const page = await context.newPage();
      for (const [name, p] of PAGES) {
        await page.goto(new URL(p.replace(/^\//, ""), process.env.URL).href, { waitUntil: "load" });
        const file = path.join(process.env.OUT, `${name}-${vp.width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
