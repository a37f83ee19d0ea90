// The request form in headless Chromium; driven by scripts/request-check.
// Env: URL (served site), OUT (screenshots), SITE (a copy of the site
// folder), BIN (callsite), CHROMIUM, MODULES (node_modules dir).
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { violations } from "./wcag.mjs";

const require = createRequire(path.join(path.resolve(process.env.MODULES), "x.js"));
const { chromium } = require("playwright-core");
const BASE = process.env.URL;
const failures = [];
const check = (ok, what) => { console.log(`${ok ? "ok  " : "FAIL"} ${what}`); if (!ok) failures.push(what); };

const pad = (n) => String(n).padStart(2, "0");
const ahead = (days) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

async function fill(page, values) {
  await page.goto(new URL("request/", BASE).href, { waitUntil: "load" });
  for (const [id, value] of Object.entries(values)) {
    if (value === true) await page.check(`#${id}`);
    else await page.fill(`#${id}`, value);
  }
  await page.click("#request-form button[type=submit]");
}

async function axe(page, where) {
  const r = await violations(page);
  check(r.length === 0, `axe on ${where}: ${r.length ? r.join("; ") : "no violations"}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  for (const vp of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ viewport: vp, locale: "en-US", isMobile: vp.width < 600, hasTouch: vp.width < 600 });
    const page = await context.newPage();
    const named = { "rq-host": "occupy-boston", "rq-title": "Winter housing call", "rq-time": "20:00", "rq-facilitator": "Sam", "rq-backup": "Alex" };

    // 1. Three days ahead, no tech supporter: two errors.
    await fill(page, { ...named, "rq-date": ahead(3) });
    const errors = await page.$$eval(".field-error", (els) => els.map((e) => e.id + ": " + e.textContent));
    check(errors.length === 2 && errors.some((e) => e.startsWith("rq-date-error")) && errors.some((e) => e.startsWith("rq-tech-error")),
      `${vp.width} px: 3 days ahead without a tech supporter shows two errors (${errors.join(" | ")})`);
    check(await page.isVisible("#request-errors") && !(await page.isVisible("#request-result")), `${vp.width} px: the error summary shows, no file`);
    check(await page.getAttribute("#rq-tech", "aria-invalid") === "true", `${vp.width} px: the tech field is marked invalid`);
    await axe(page, `/request/ with errors at ${vp.width} px`);
    await page.screenshot({ path: path.join(process.env.OUT, `request-errors-${vp.width}.png`), fullPage: true });

    // 2. A valid request: the new-file link's file passes check.
    await fill(page, { ...named, "rq-date": ahead(14), "rq-tech": "Jo", "rq-summary": "Coordinating \"winter\" eviction defence" });
    check(await page.isVisible("#request-result"), `${vp.width} px: a valid request is ready`);
    const href = await page.getAttribute("#request-propose", "href");
    const link = new URL(href);
    const file = link.searchParams.get("value");
    const name = link.searchParams.get("filename");
    check(link.origin === "https://github.com" && link.pathname.startsWith("/callsite-ssg/callsite/new/main/content/calls"), `${vp.width} px: GitHub new-file link (${link.pathname})`);
    check(file.includes("\nstatus: requested\n") && file === (await page.inputValue("#request-text")), `${vp.width} px: the link carries the file shown`);
    const mail = new URL(await page.getAttribute("#request-mail", "href"));
    check(mail.protocol === "mailto:" && mail.pathname === "calls@example.org", `${vp.width} px: mail link to the request address`);
    const target = path.join(process.env.SITE, "content/calls", name);
    fs.writeFileSync(target, file);
    let out = "";
    let code = 0;
    try {
      out = execFileSync(process.env.BIN, ["--root", process.env.SITE, "check", "--strict"], { encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      code = e.status;
      out = `${e.stdout}${e.stderr}`;
    }
    check(code === 0, `${vp.width} px: callsite check --strict passes on ${name}${code ? ":\n" + out : ""}`);
    fs.rmSync(target);
    await page.screenshot({ path: path.join(process.env.OUT, `request-ready-${vp.width}.png`), fullPage: true });

    // 3. An emergency for tomorrow with nobody named is accepted.
    await fill(page, { "rq-host": "Port solidarity group", "rq-title": "Arrests at the port", "rq-date": ahead(1), "rq-time": "18:00", "rq-emergency": true });
    const emergencyErrors = await page.$$eval(".field-error", (els) => els.length);
    check(emergencyErrors === 0 && await page.isVisible("#request-result"), `${vp.width} px: an emergency request 1 day ahead is accepted`);
    check((await page.inputValue("#request-text")).includes("\nemergency: true\n"), `${vp.width} px: it says emergency: true`);

    // 4. The widget of a CoC, as an iframe would show it.
    const widget = await context.newPage();
    await widget.goto(new URL("embed/upcoming/", BASE).href, { waitUntil: "load" });
    const wide = await widget.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= vp.width, `${vp.width} px: the widget does not scroll sideways (${wide} px)`);
    await axe(widget, `the widget at ${vp.width} px`);
    await widget.screenshot({ path: path.join(process.env.OUT, `widget-${vp.width}.png`), fullPage: true });
    await context.close();
  }
  // The widget at 320 px, light and dark, inside an iframe of another page.
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, colorScheme: scheme });
    const page = await context.newPage();
    await page.setContent(`<!DOCTYPE html><title>host</title><h1>A CoC's website</h1><iframe src="${new URL("embed/cocs/occupy-boston/", BASE).href}" title="Upcoming calls" width="100%" height="420" style="border:0"></iframe>`);
    await page.waitForTimeout(300);
    const frame = page.frames().find((f) => f.url().includes("/embed/"));
    const cookies = await context.cookies();
    check(frame !== undefined && cookies.length === 0, `320 px ${scheme}: the widget loads in an iframe and sets no cookie`);
    await page.screenshot({ path: path.join(process.env.OUT, `widget-iframe-320-${scheme}.png`), fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(failures.length ? `${failures.length} failed` : "all passed");
process.exit(failures.length ? 1 : 0);
