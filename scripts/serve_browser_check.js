// Driven by scripts/serve-browser-check.
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");

const file = path.join(process.env.SITE, "content/minutes/weekly-2026-11-16.md");
const page_url = process.env.URL + "minutes/weekly/2026-11-16/";
const write = (text) => { fs.writeFileSync(file + ".tmp", text); fs.renameSync(file + ".tmp", file); };

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  let loads = 0;
  page.on("load", () => { loads += 1; });
  await page.goto(page_url);
  await page.waitForFunction(() => document.body.innerText.includes("Write to info@example.org"));
  console.log("opened " + page_url);
  await page.waitForTimeout(300); // let the page connect to the event stream

  const t0 = Date.now();
  write("---\ncall: weekly\ndate: 2026-11-16\n---\nEdited in the browser check.\n");
  await page.waitForFunction(() => document.body.innerText.includes("Edited in the browser check."), null, { timeout: 10000 });
  console.log(`edit shown after ${Date.now() - t0} ms, by a reload of its own (page loads: ${loads})`);

  write("---\ncall: weekly\ndate: 2026-11-16\nattendence: 3\n---\nBroken.\n");
  await page.waitForSelector("#callsite-errors", { timeout: 10000 });
  const overlay = await page.textContent("#callsite-errors pre");
  if (!overlay.includes("did you mean `attendance`?")) throw new Error("overlay lacks the hint: " + overlay);
  console.log("broken edit: overlay shows: " + overlay.split("\n").find((l) => l.startsWith("error")));

  write("---\ncall: weekly\ndate: 2026-11-16\nattendance: 3\n---\nFixed again.\n");
  await page.waitForFunction(() => !document.getElementById("callsite-errors") && document.body.innerText.includes("Fixed again."), null, { timeout: 10000 });
  console.log("fixed edit: overlay gone, page shows the fix");
  await browser.close();
  console.log("serve-browser-check: ok");
})().catch((e) => { console.error("serve-browser-check: FAILED: " + e.message); process.exit(1); });
