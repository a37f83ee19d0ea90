#!/usr/bin/env python3
"""Helpers for scripts/feed-crosscheck.

  feed_crosscheck.py ics  FILE.ics   --from ISO --to ISO
      Expands the feed with icalendar + recurring-ical-events, one line per
      occurrence whose start lies in [from, to):  UID<TAB>startZ<TAB>status

  feed_crosscheck.py html FILE.html  --from ISO --to ISO --base-url URL
      Reads the HTML calendar's <li class="occurrence ..."> items, same lines.

  feed_crosscheck.py collapse FILE.ics  < LINES
      Keeps, for a series cancelled as a whole (its VEVENT with an RRULE
      has STATUS:CANCELLED), only its first occurrence in the lines, as
      the HTML calendar shows such a series once; other lines pass.

  feed_crosscheck.py subset LIST --json calendar.json (--tag SLUG | --coc ID)
      The lines of LIST (an expansion of calendar.ics) that belong to the
      calls with that tag (slugged as callsite slugs it) or that CoC as
      host, by the calls calendar.json names: what a topic feed must hold.

  feed_crosscheck.py window --now NOW --days N
      Prints "FROM<TAB>TO" (UTC ISO) for the window [now, now + N days).
      NOW is YYYY-MM-DD (its midnight in UTC) or an RFC 3339 time, as the
      site's own --now.

Status is "cancelled" when the occurrence has STATUS:CANCELLED (the override's
own STATUS when the occurrence is overridden, else the series'), or, for the
HTML, when the <li> has the class is-cancelled; "scheduled" otherwise.

Time zones: icalendar reads a TZID that names an IANA zone with Python's own
zoneinfo (tzdata), not with the feed's VTIMEZONE, as Python subscribers do;
the feed's VTIMEZONEs themselves are checked by the ical.js side.

Cancelled occurrences: recurring-ical-events 3.x returns a STATUS:CANCELLED
RECURRENCE-ID override like any other override (it has no option to skip
them), and copies a cancelled series' STATUS to each occurrence.  Should a
version drop cancelled overrides, expand_ics adds them back from their VEVENTs
and warns on stderr.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time, timedelta, timezone
from html.parser import HTMLParser
from urllib.parse import urlparse

UTC = timezone.utc


def parse_instant(text: str) -> datetime:
    text = text.strip()
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), time.min, UTC)
    t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if t.tzinfo is None:
        raise SystemExit(f"feed_crosscheck: {text!r} has no UTC offset")
    return t.astimezone(UTC)


def zulu(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def warn(msg: str) -> None:
    print(f"feed_crosscheck: warning: {msg}", file=sys.stderr)


# ---------------------------------------------------------------- iCalendar

def to_utc(value, uid: str) -> datetime:
    """A DTSTART value (date or datetime) as an aware UTC datetime."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            warn(f"{uid}: floating DTSTART {value.isoformat()} read as UTC")
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if isinstance(value, date):
        warn(f"{uid}: all-day DTSTART {value.isoformat()} read as midnight UTC")
        return datetime.combine(value, time.min, UTC)
    raise SystemExit(f"feed_crosscheck: {uid}: unreadable DTSTART {value!r}")


def rie_version() -> str:
    from importlib.metadata import version
    return version("recurring-ical-events")


def is_cancelled(component) -> bool:
    return str(component.get("STATUS", "")).strip().upper() == "CANCELLED"


def expand_ics(path: str, start: datetime, stop: datetime) -> list[str]:
    import icalendar
    import recurring_ical_events

    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())

    # The library reports occurrences that overlap the span; ask for a wider
    # span (a long call that began before `start` still overlaps it) and keep
    # those whose start is in [start, stop), as the HTML calendar does.
    margin = timedelta(days=2)
    found: dict[tuple[str, str, str], str] = {}
    lines: list[str] = []
    for occ in recurring_ical_events.of(cal).between(start - margin, stop + margin):
        uid = str(occ.get("UID"))
        at = to_utc(occ.get("DTSTART").dt, uid)
        if not (start <= at < stop):
            continue
        rid = occ.get("RECURRENCE-ID")
        key = (uid, zulu(to_utc(rid.dt, uid)) if rid is not None else "", zulu(at))
        status = "cancelled" if is_cancelled(occ) else "scheduled"
        found[key] = status
        lines.append(f"{uid}\t{zulu(at)}\t{status}")

    # recurring-ical-events 3.x returns a STATUS:CANCELLED override like any
    # other override (its tests, issue 18, check exactly that).  Should a
    # version drop them, add every cancelled RECURRENCE-ID override in the
    # window that it did not return, and say so, so that such a version cannot
    # hide a cancelled occurrence from the comparison.
    added = 0
    returned = {(u, at) for (u, _r, at) in found}
    for comp in cal.walk("VEVENT"):
        if comp.get("RECURRENCE-ID") is None or not is_cancelled(comp):
            continue
        uid = str(comp.get("UID"))
        at = to_utc(comp.get("DTSTART").dt, uid)
        if start <= at < stop and (uid, zulu(at)) not in returned:
            lines.append(f"{uid}\t{zulu(at)}\tcancelled")
            added += 1
    if added:
        warn(
            f"recurring-ical-events {rie_version()} dropped "
            f"{added} cancelled override(s); added back from their VEVENTs"
        )
    return lines


def collapse(path: str, lines: list[str]) -> list[str]:
    import icalendar

    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    whole = {
        str(c.get("UID"))
        for c in cal.walk("VEVENT")
        if c.get("RECURRENCE-ID") is None and c.get("RRULE") is not None and is_cancelled(c)
    }
    kept: list[str] = []
    seen: set[str] = set()
    for line in sorted(lines, key=lambda l: l.split("\t")[1]):
        uid = line.split("\t")[0]
        if uid in whole:
            if uid in seen:
                continue
            seen.add(uid)
        kept.append(line)
    return kept


# ---------------------------------------------------------------- HTML

class CalendarPage(HTMLParser):
    """Collects (href, datetime, classes) of each <li class="occurrence ...">."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[dict] = []
        self._cur: dict | None = None
        self._li_depth = 0  # <li> nesting inside the current occurrence

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "li":
            classes = (a.get("class") or "").split()
            if self._cur is None:
                if "occurrence" in classes:
                    self._cur = {"classes": classes, "times": [], "hrefs": [],
                                 "line": self.getpos()[0]}
                    self._li_depth = 1
            else:
                self._li_depth += 1
        elif self._cur is not None:
            if tag == "time" and a.get("datetime"):
                self._cur["times"].append(a["datetime"])
            elif tag == "a" and a.get("href"):
                self._cur["hrefs"].append(a["href"])

    def handle_endtag(self, tag):
        if tag == "li" and self._cur is not None:
            self._li_depth -= 1
            if self._li_depth == 0:
                self.items.append(self._cur)
                self._cur = None

    def close(self):
        super().close()
        if self._cur is not None:  # unterminated <li>: keep what we have
            self.items.append(self._cur)
            self._cur = None


def call_id(href: str, base_path: str) -> str | None:
    """The ID in a link to /calls/ID/ (under the site's base path)."""
    path = urlparse(href).path
    prefix = base_path.rstrip("/") + "/calls/"
    if not path.startswith(prefix):
        return None
    rest = path[len(prefix):]
    if not rest.endswith("/") or "/" in rest[:-1] or rest == "/":
        return None
    return rest[:-1]


def extract_html(path: str, start: datetime, stop: datetime, base_url: str) -> list[str]:
    base = urlparse(base_url)
    host = base.hostname or "example.org"
    page = CalendarPage()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    page.close()

    lines: list[str] = []
    bad = 0
    for item in page.items:
        ids = [i for i in (call_id(h, base.path or "/") for h in item["hrefs"]) if i]
        if len(item["times"]) != 1 or not ids:
            warn(f"{path}:{item['line']}: occurrence without one <time datetime> "
                 f"and a link to /calls/ID/ (times={item['times']}, links={item['hrefs']})")
            bad += 1
            continue
        dt = item["times"][0]
        at = datetime.fromisoformat(dt.replace("Z", "+00:00"))
        if at.tzinfo is None:
            warn(f"{path}:{item['line']}: datetime {dt!r} has no offset")
            bad += 1
            continue
        at = at.astimezone(UTC)
        if not (start <= at < stop):
            warn(f"{path}:{item['line']}: {ids[0]} at {dt} is outside the window "
                 f"[{zulu(start)}, {zulu(stop)})")
        status = "cancelled" if "is-cancelled" in item["classes"] else "scheduled"
        lines.append(f"{ids[0]}@{host}\t{zulu(at)}\t{status}")
    if not page.items:
        warn(f"{path}: no <li class=\"occurrence\"> found")
    if bad:
        lines.append(f"(unreadable occurrence items in HTML)\t{bad}\t-")
    return lines


# ---------------------------------------------------------------- main

def slug(text: str) -> str:
    """callsite's content::slugify: ASCII letters and digits, '-' between."""
    out = ""
    for ch in text:
        if ch.isascii() and ch.isalnum():
            out += ch.lower()
        elif out and not out.endswith("-"):
            out += "-"
    return out.rstrip("-") or "item"


def subset(list_path: str, json_path: str, tag: str | None, coc: str | None) -> list[str]:
    import json
    doc = json.load(open(json_path, encoding="utf-8"))
    uids = set()
    for o in doc["occurrences"]:
        host = (o.get("host") or {}).get("id")
        if (tag is not None and tag in {slug(t) for t in o["tags"]}) or (coc is not None and host == coc):
            uids.add(o["uid"])
    lines = open(list_path, encoding="utf-8").read().splitlines()
    return [line for line in lines if line.split("\t")[0] in uids]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p_ics = sub.add_parser("ics")
    p_ics.add_argument("file")
    p_html = sub.add_parser("html")
    p_html.add_argument("file")
    p_html.add_argument("--base-url", default="https://example.org/")
    for p in (p_ics, p_html):
        p.add_argument("--from", dest="start", required=True)
        p.add_argument("--to", dest="stop", required=True)
    p_col = sub.add_parser("collapse")
    p_col.add_argument("file")
    p_win = sub.add_parser("window")
    p_win.add_argument("--now", required=True)
    p_win.add_argument("--days", type=int, required=True)
    p_ver = sub.add_parser("versions")
    del p_ver
    p_sub = sub.add_parser("subset")
    p_sub.add_argument("list")
    p_sub.add_argument("--json", required=True)
    p_sub.add_argument("--tag")
    p_sub.add_argument("--coc")
    args = ap.parse_args(argv)

    if args.cmd == "subset":
        lines = subset(args.list, args.json, args.tag, args.coc)
        sys.stdout.write("".join(line + "\n" for line in lines))
        return 0

    if args.cmd == "window":
        now = parse_instant(args.now)
        print(f"{zulu(now)}\t{zulu(now + timedelta(days=args.days))}")
        return 0
    if args.cmd == "collapse":
        lines = [l.rstrip("\n") for l in sys.stdin if l.strip()]
        sys.stdout.write("".join(line + "\n" for line in collapse(args.file, lines)))
        return 0
    if args.cmd == "versions":
        from importlib.metadata import version
        print(f"icalendar {version('icalendar')}, "
              f"recurring-ical-events {version('recurring-ical-events')}")
        return 0

    start, stop = parse_instant(args.start), parse_instant(args.stop)
    if args.cmd == "ics":
        lines = expand_ics(args.file, start, stop)
    else:
        lines = extract_html(args.file, start, stop, args.base_url)
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
