// Client-side search over search/index.json (calls, FAQ, pages) and the
// minutes shards search/minutes-YYYY.json, fetched newest first only when a
// search needs them. Every word of the query must appear.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input || !window.fetch) return;
  var base = input.getAttribute("data-index").replace(/index\.json$/, "");
  var items = [];
  var years = [];
  var loaded = 0;
  var ready = fetch(base + "index.json").then(function (r) { return r.json(); }).then(function (index) {
    items = index.items;
    years = index.years;
  });
  function norm(s) { return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  function matches(e, words) {
    var hay = norm(e[0] + " " + e[2] + " " + e[3]);
    return words.every(function (w) { return hay.indexOf(w) >= 0; });
  }
  function show(query) {
    var words = norm(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = items.filter(function (e) { return matches(e, words); });
    hits = hits.slice(0, 100);
    hits.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e[1];
      a.textContent = e[0];
      li.appendChild(a);
      if (e[2]) { var t = document.createElement("time"); t.dateTime = e[2]; t.textContent = " " + e[2]; li.appendChild(t); }
      if (e[3]) { var p = document.createElement("p"); p.textContent = e[3]; li.appendChild(p); }
      list.appendChild(li);
    });
    var more = loaded < years.length ? " (searching older minutes…)" : "";
    var count = hits.length === 1 ? "1 result" : hits.length + (hits.length === 100 ? "+" : "") + " results";
    status.textContent = (hits.length ? count : "No results") + more;
  }
  function loadMore(query) {
    if (loaded >= years.length) return Promise.resolve();
    var year = years[loaded];
    return fetch(base + "minutes-" + year + ".json").then(function (r) { return r.json(); }).then(function (entries) {
      items = items.concat(entries);
      loaded += 1;
      show(query);
      return loadMore(query);
    });
  }
  var timer = null;
  function run() {
    var query = input.value;
    ready.then(function () { show(query); return loadMore(query); });
  }
  status.textContent = "";
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
  input.form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(); }
})();
