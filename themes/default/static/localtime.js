// Adds the reader's own local time next to each call time, when it differs
// from the call's zone. Pages work without it.
(function () {
  "use strict";
  var fmt;
  try {
    fmt = new Intl.DateTimeFormat(undefined, { weekday: "short", hour: "numeric", minute: "2-digit" });
  } catch (e) { return; }
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
    if (own === offset) continue;
    var span = document.createElement("span");
    span.className = "local";
    span.textContent = fmt.format(when) + " your\u00a0time";
    el.appendChild(span);
  }
})();
