// Driven by scripts/serve-browser-check.
const { chromium } = require("playwright-core");
const fs = require("fs");
const path = require("path");

const file = path.join(process.env.SITE, "content/minutes/weekly-2026-11-16.md");
const page_url = process.env.URL + "minutes/weekly/2026-11-16/";
const write = (text) => { fs.writeFileSync(file + ".tmp", text); fs.renameSync(file + ".tmp", file); };

// axe-core's colour-contrast rule on the overlay: every text node of it
// must pass (nothing left "incomplete", which axe reports when it cannot
// tell the background).
async function contrast(page, scheme) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  }
  const r = await page.evaluate(() =>
    window.axe.run({ include: [["#callsite-errors"]] }, { runOnly: ["color-contrast"] }));
  const nodes = (list) => list.flatMap((x) => x.nodes.map((n) => `${x.id}: ${n.failureSummary || n.html}`));
  if (r.violations.length || r.incomplete.length) {
    throw new Error(`overlay contrast in ${scheme} mode: ` + nodes(r.violations.concat(r.incomplete)).join("; "));
  }
  const passed = r.passes.reduce((n, x) => n + x.nodes.length, 0);
  if (passed < 2) throw new Error(`overlay contrast in ${scheme} mode: axe checked ${passed} text nodes`);
  const colors = await page.evaluate(() => {
    const box = document.getElementById("callsite-errors").shadowRoot.querySelector(".box");
    const s = getComputedStyle(box);
    return `${s.color} on ${s.backgroundColor}`;
  });
  console.log(`overlay, ${scheme} mode: axe colour-contrast passes on ${passed} text nodes, 0 violations (${colors})`);
}

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
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await contrast(page, scheme);
  }

  write("---\ncall: weekly\ndate: 2026-11-16\nattendance: 3\n---\nFixed again.\n");
  await page.waitForFunction(() => !document.getElementById("callsite-errors") && document.body.innerText.includes("Fixed again."), null, { timeout: 10000 });
  console.log("fixed edit: overlay gone, page shows the fix");
  await browser.close();
  console.log("serve-browser-check: ok");
})().catch((e) => { console.error("serve-browser-check: FAILED: " + e.message); process.exit(1); });
