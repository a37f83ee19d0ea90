// Adds the reader's own local time next to each call time when it differs
// from the call's zone, and "today", "tonight" or "tomorrow" for calls in
// the next two days. Only this script writes those: a static page cannot
// know the reader's day. Pages work without it.
(function () {
  "use strict";
  var fmt, hour;
  try {
    fmt = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "numeric", minute: "2-digit" });
    hour = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
  } catch (e) { return; }
  var now = new Date();
  var today = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  function relative(when) {
    var day = new Date(when.getFullYear(), when.getMonth(), when.getDate()).getTime();
    var days = Math.round((day - today) / 86400000);
    if (when < now) return "";
    if (days === 0) return when.getHours() >= 17 ? "Tonight" : "Today";
    if (days === 1) return "Tomorrow";
    return "";
  }
  var nodes = document.querySelectorAll("time[data-local][datetime]");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when.getTime())) continue;
    var offset = el.getAttribute("datetime").slice(-6);
    var mine = -when.getTimezoneOffset();
    var sign = mine >= 0 ? "+" : "-";
    var abs = Math.abs(mine);
    var own = sign + String(Math.floor(abs / 60)).padStart(2, "0") + ":" + String(abs % 60).padStart(2, "0");
    var label = relative(when);
    if (own === offset && !label) continue;
    var span = document.createElement("span");
    span.className = "local";
    if (own === offset) {
      span.textContent = label;
    } else {
      span.textContent = (label ? label + ", " + hour.format(when) : fmt.format(when)) + " your\u00a0time";
    }
    el.appendChild(span);
  }
})();
