// callsite preview: reloads the page after each successful rebuild and
// shows build errors over the page until they are fixed.
//
// The overlay lives in a shadow root so that no theme's CSS reaches it
// (a theme's `pre { background }` once made its text white on near-white),
// and it carries its own colours for light and dark schemes, chosen to
// pass WCAG 2.1 AA contrast (scripts/serve-browser-check runs axe on both).
(function () {
  "use strict";
  var STYLE =
    ":host{all:initial;position:fixed;inset:0;z-index:2147483647}" +
    ".box{box-sizing:border-box;height:100%;overflow:auto;padding:1.5rem;" +
    "background:#ffffff;color:#1d1d1f;border-top:6px solid #b3261e;" +
    "font:14px/1.45 ui-monospace,Menlo,Consolas,monospace}" +
    "h2{font:600 16px/1.4 system-ui,sans-serif;color:#a4260b;margin:0 0 1rem}" +
    "pre{margin:0;padding:0;background:none;border:0;color:inherit;font:inherit;" +
    "white-space:pre-wrap;overflow-wrap:anywhere}" +
    ".box:focus-visible{outline:3px solid #b45309;outline-offset:-3px}" +
    "@media (prefers-color-scheme:dark){" +
    ".box{background:#141416;color:#ececef;border-top-color:#ff9b85}" +
    "h2{color:#ff9b85}.box:focus-visible{outline-color:#ffbf47}}";
  var host = null;
  var shown = null;
  function show(text) {
    if (!host) {
      host = document.createElement("div");
      host.id = "callsite-errors";
      host.setAttribute("role", "alert");
      var root = host.attachShadow({ mode: "open" });
      var style = document.createElement("style");
      style.textContent = STYLE;
      var box = document.createElement("div");
      box.className = "box";
      // Long error lists scroll; keyboard users can scroll them too.
      box.tabIndex = 0;
      var h = document.createElement("h2");
      h.textContent = "The last change broke the build; the page shows the last good version.";
      box.appendChild(h);
      box.appendChild(document.createElement("pre"));
      root.appendChild(style);
      root.appendChild(box);
      document.body.appendChild(host);
    }
    host.shadowRoot.querySelector("pre").textContent = text;
  }
  function clear() {
    if (host) { host.remove(); host = null; }
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
