// Runs request.js's check() and file() on the shared vectors and compares
// them with what the vectors hold. Usage: node request_vectors.cjs JS JSON
"use strict";
const fs = require("node:fs");
const rq = require(process.argv[2]);
const doc = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
let bad = 0;
for (const v of doc.vectors) {
  const errors = rq.check(v.input, doc.policy, v.today).map((e) => e.field);
  const f = rq.file(v.input, doc.policy, v.today);
  const same = JSON.stringify(errors) === JSON.stringify(v.errors) && f.text === v.text && f.path === v.path;
  console.log(`${same ? "ok  " : "FAIL"} ${v.name}: errors [${errors.join(", ")}], ${f.path}`);
  if (!same) {
    bad++;
    console.log(f.text);
  }
  const links = rq.links(f, doc.policy);
  const value = new URL(links.propose).searchParams.get("value");
  if (value !== v.text) {
    bad++;
    console.log(`FAIL ${v.name}: the new-file link does not carry the file`);
  }
}
console.log(`${doc.vectors.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
