// axe-core's WCAG 2.1 A and AA rules run in a page, for the browser checks
// (request_check.mjs, search_check.mjs). Env: MODULES (node_modules dir
// holding axe-core).
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(path.join(path.resolve(process.env.MODULES), "x.js"));
const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// The page's violations, one "rule: targets" line each.
export async function violations(page) {
  await page.addScriptTag({ content: source });
  return page.evaluate(async () =>
    (await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] })).violations
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
}
