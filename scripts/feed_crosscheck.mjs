// Helper for scripts/feed-crosscheck: expands an iCalendar feed as Thunderbird
// does, with ical.js, and prints one line per occurrence whose start lies in
// [from, to):  UID<TAB>start in UTC (YYYY-MM-DDTHH:MM:SSZ)<TAB>status
//
//   node feed_crosscheck.mjs FILE.ics FROM TO        (FROM, TO: UTC ISO)
//   node feed_crosscheck.mjs --version
//
// ical.js is loaded from ICALJS_PATH (the package's folder), so that the copy
// installed in scripts/.cache is used. It has no time zone data of its own:
// every VTIMEZONE of the feed is registered with ICAL.TimezoneService after a
// reset, and a TZID that names no VTIMEZONE of the feed is an error (ical.js
// would silently read such a time as floating).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const pkgDir = process.env.ICALJS_PATH;
if (!pkgDir) {
  console.error("feed_crosscheck.mjs: set ICALJS_PATH to the ical.js package folder");
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const ICAL = (await import(pathToFileURL(join(pkgDir, pkg.main)).href)).default;

if (process.argv[2] === "--version") {
  console.log(`ical.js ${pkg.version}`);
  process.exit(0);
}

const [file, fromArg, toArg] = process.argv.slice(2);
if (!file || !fromArg || !toArg) {
  console.error("usage: feed_crosscheck.mjs FILE.ics FROM TO");
  process.exit(2);
}
const from = Date.parse(fromArg) / 1000;
const to = Date.parse(toArg) / 1000;
if (Number.isNaN(from) || Number.isNaN(to)) {
  console.error(`feed_crosscheck.mjs: bad window ${fromArg} ${toArg}`);
  process.exit(2);
}

const warn = (msg) => console.error(`feed_crosscheck.mjs: warning: ${msg}`);
const fail = (msg) => {
  console.error(`feed_crosscheck.mjs: ${msg}`);
  process.exit(1);
};

const vcalendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));

// Only the feed's own zones.
ICAL.TimezoneService.reset();
for (const vtz of vcalendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtz);
}

const zulu = (unix) => new Date(unix * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

// The time of a DTSTART/RECURRENCE-ID must be in the zone its TZID names.
function checkZone(component, propName) {
  const prop = component.getFirstProperty(propName);
  if (!prop) return;
  const tzid = prop.getParameter("tzid");
  const value = prop.getFirstValue();
  if (tzid && (!value.zone || value.zone.tzid !== tzid)) {
    fail(`${component.getFirstPropertyValue("uid")}: ${propName.toUpperCase()};TZID=${tzid} ` +
         `has no VTIMEZONE in the feed (ical.js read it as ${value.zone && value.zone.tzid})`);
  }
  if (!tzid && !value.isDate && value.zone !== ICAL.Timezone.utcTimezone) {
    warn(`${component.getFirstPropertyValue("uid")}: floating ${propName.toUpperCase()} ` +
         `${value.toString()} (read as ${value.zone && value.zone.tzid})`);
  }
}

const statusOf = (component) =>
  String(component.getFirstPropertyValue("status") || "").toUpperCase() === "CANCELLED"
    ? "cancelled"
    : "scheduled";

// Group VEVENTs by UID: the master (no RECURRENCE-ID) and its overrides.
const byUid = new Map();
for (const vevent of vcalendar.getAllSubcomponents("vevent")) {
  const uid = vevent.getFirstPropertyValue("uid");
  if (!byUid.has(uid)) byUid.set(uid, { master: null, exceptions: [] });
  const entry = byUid.get(uid);
  checkZone(vevent, "dtstart");
  checkZone(vevent, "dtend");
  if (vevent.hasProperty("recurrence-id")) {
    checkZone(vevent, "recurrence-id");
    entry.exceptions.push(vevent);
  } else if (entry.master) {
    fail(`${uid}: two VEVENTs without RECURRENCE-ID`);
  } else {
    entry.master = vevent;
  }
}

const lines = [];
const emit = (uid, unix, status) => {
  if (unix >= from && unix < to) lines.push(`${uid}\t${zulu(unix)}\t${status}`);
};

for (const [uid, { master, exceptions }] of byUid) {
  if (!master) {
    // Overrides without their series: a client shows them as they are.
    warn(`${uid}: ${exceptions.length} RECURRENCE-ID VEVENT(s) without a series`);
    for (const exc of exceptions) {
      const ev = new ICAL.Event(exc);
      emit(uid, ev.startDate.toUnixTime(), statusOf(exc));
    }
    continue;
  }

  // Passing `exceptions` matters: without it ICAL.Event relates every
  // RECURRENCE-ID VEVENT of the whole calendar, whatever its UID, keyed by
  // local time alone. Thunderbird groups by UID first; so do we.
  const event = new ICAL.Event(master, { exceptions: [], strictExceptions: true });
  for (const exc of exceptions) event.relateException(exc);

  // An override may move its occurrence: walk the recurrence ids far enough
  // past the window that an occurrence moved into it from later is seen.
  let shift = 0;
  for (const exc of exceptions) {
    const e = new ICAL.Event(exc);
    shift = Math.max(shift, e.recurrenceId.toUnixTime() - e.startDate.toUnixTime());
  }
  const walkUntil = to + shift + 2 * 86400;

  const seen = new Set();
  const it = event.iterator();
  let next;
  let steps = 0;
  while ((next = it.next())) {
    if (++steps > 1_000_000) fail(`${uid}: runaway expansion`);
    if (next.toUnixTime() >= walkUntil) break;
    const details = event.getOccurrenceDetails(next);
    const item = details.item; // the override's Event, or the series'
    if (item !== event) seen.add(item);
    emit(uid, details.startDate.toUnixTime(), statusOf(item.component));
  }

  for (const exc of Object.values(event.exceptions)) {
    if (!seen.has(exc) && exc.recurrenceId.toUnixTime() < walkUntil) {
      warn(`${uid}: override RECURRENCE-ID ${exc.recurrenceId.toString()} ` +
           `matches no occurrence of the series; ical.js ignores it`);
    }
  }
}

process.stdout.write(lines.map((l) => l + "\n").join(""));
