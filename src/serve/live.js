// callsite preview: reloads the page after each successful rebuild and
// shows build errors over the page until they are fixed.
(function () {
  "use strict";
  var overlay = null;
  var shown = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "callsite-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,22,.94);color:#fff;padding:1.5rem;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace";
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = "";
    var h = document.createElement("h2");
    h.textContent = "The last change broke the build; the page shows the last good version.";
    h.style.cssText = "font:600 16px system-ui,sans-serif;color:#ffb4a2;margin:0 0 1rem";
    var pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.whiteSpace = "pre-wrap";
    overlay.appendChild(h);
    overlay.appendChild(pre);
  }
  function clear() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  var source = new EventSource("/__callsite/events");
  source.addEventListener("hello", function (e) {
    if (shown !== null && shown !== e.data) { location.reload(); }
    shown = e.data;
  });
  source.addEventListener("reload", function (e) {
    if (e.data !== shown) { location.reload(); }
  });
  source.addEventListener("errors", function (e) { show(JSON.parse(e.data)); });
  source.addEventListener("clear", clear);
})();
