// Client-side search over the index the build writes into search/ (see the
// README, "Search"): search/index.json is the manifest, search/words/N.json
// the word shards, search/docs/N.json the documents' titles and links.
// Only the shards a query needs are fetched, and the documents and pages
// (for the excerpts) of the results shown, 10 at a time.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var filters = document.getElementById("search-filters");
  var callSel = document.getElementById("search-call");
  var yearSel = document.getElementById("search-year");
  var more = document.getElementById("search-more");
  if (!input || !status || !list || !window.fetch || !window.URLSearchParams || !window.DOMParser || !"".normalize) return;
  // Words as the build makes them (README, "Search"); SPAN finds them in
  // a page's text before normalising, so it takes combining marks in too.
  var WORD, MARK, SPAN, ENDS_IN_WORD, PUNCT;
  try {
    WORD = new RegExp("[\\p{Alphabetic}\\p{N}]+", "gu");
    MARK = new RegExp("\\p{M}", "gu");
    SPAN = new RegExp("[\\p{Alphabetic}\\p{N}\\p{M}]+", "gu");
    ENDS_IN_WORD = new RegExp("[\\p{Alphabetic}\\p{N}]$", "u");
    PUNCT = new RegExp("^[^\\s\\p{Alphabetic}\\p{N}]*", "u");
  } catch (e) {
    var letters = "0-9A-Za-z\\u00aa\\u00b5\\u00ba\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff";
    WORD = new RegExp("[" + letters + "]+", "g");
    MARK = /[\u0300-\u036f]/g;
    SPAN = new RegExp("[" + letters + "\\u0300-\\u036f]+", "g");
    ENDS_IN_WORD = new RegExp("[" + letters + "]$");
    PUNCT = new RegExp("^[^\\s" + letters + "]*");
  }
  var PAGE = 10;
  var PREFIX_MAX = 50;
  var PREFIX_WEIGHT = 0.75;
  var base = input.getAttribute("data-index").replace(/index\.json$/, "");

  // Fetches that are kept (a failed one is forgotten so a retry refetches).
  var cache = Object.create(null);
  function get(url, as) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        return as === "text" ? r.text() : r.json();
      });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  function norm(s) { return s.toLowerCase().normalize("NFD").replace(MARK, ""); }
  function words(s) {
    return (norm(s).match(WORD) || []).filter(function (w) { return w.length > 1; });
  }

  var manifest = null;
  var common = Object.create(null);
  function loadManifest() {
    return get(base + "index.json").then(function (m) {
      if (!manifest) {
        manifest = m;
        m.common.forEach(function (w) { common[w] = true; });
        fillFilters(m);
      }
      return m;
    });
  }
  function shardOf(w) {
    var s = manifest.shards, lo = 0, hi = s.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (s[mid] <= w) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function shard(i) { return get(base + "words/" + i + ".json"); }
  function chunk(n) { return get(base + "docs/" + n + ".json"); }

  // Postings decoded once per stem: {ids: [...], scores: [...]}.
  var postings = Object.create(null);
  function decode(stem, flat) {
    if (!postings[stem]) {
      var ids = [], scores = [], id = 0;
      for (var i = 0; i + 1 < flat.length; i += 2) { id += flat[i]; ids.push(id); scores.push(flat[i + 1]); }
      postings[stem] = { ids: ids, scores: scores };
    }
    return postings[stem];
  }

  // The word -> stem maps of the shards loaded so far (for highlighting).
  var stemOf = Object.create(null);
  function remember(sh) { for (var w in sh.w) stemOf[w] = sh.w[w]; }

  // The stems of each term, with a weight (1 for the word itself, less for
  // other words it begins, which are looked up for the last word while the
  // query is being typed). Fetches what it needs.
  async function stemsOf(terms, prefixLast) {
    var needed = {};
    terms.forEach(function (t, k) {
      var i = shardOf(t);
      needed[i] = true;
      // Words beginning with the last one may start the next shard.
      if (prefixLast && k === terms.length - 1 && i + 1 < manifest.shards.length &&
          manifest.shards[i + 1].lastIndexOf(t, 0) === 0) needed[i + 1] = true;
    });
    var shards = {};
    await Promise.all(Object.keys(needed).map(function (i) {
      return shard(i).then(function (sh) { remember(sh); shards[i] = sh; });
    }));
    var found = terms.map(function (t, k) {
      var stems = Object.create(null);
      var i = shardOf(t);
      if (shards[i].w[t]) stems[shards[i].w[t]] = 1;
      if (prefixLast && k === terms.length - 1) {
        var n = 0;
        [i, i + 1].forEach(function (j) {
          var sh = shards[j];
          if (!sh) return;
          for (var w in sh.w) {
            if (n >= PREFIX_MAX) break;
            if (w !== t && w.lastIndexOf(t, 0) === 0) {
              n += 1;
              if (!stems[sh.w[w]]) stems[sh.w[w]] = PREFIX_WEIGHT;
            }
          }
        });
      }
      return stems;
    });
    // A form of a word no page has ("decides" where pages say "decided"):
    // the words that begin with it less one, two or three letters.
    var unseen = [];
    found.forEach(function (stems, k) {
      if (Object.keys(stems).length) return;
      for (var cut = 1; cut <= 3 && terms[k].length - cut >= 4; cut++) unseen.push([k, terms[k].slice(0, -cut)]);
    });
    await Promise.all(unseen.map(function (u) {
      var j = shardOf(u[1]);
      return shards[j] ? null : shard(j).then(function (sh) { remember(sh); shards[j] = sh; });
    }));
    unseen.forEach(function (u) {
      var stems = found[u[0]], sh = shards[shardOf(u[1])], n = 0;
      if (Object.keys(stems).length) return;
      for (var w in sh.w) {
        if (n >= PREFIX_MAX) break;
        if (w.lastIndexOf(u[1], 0) === 0) { n += 1; stems[sh.w[w]] = PREFIX_WEIGHT; }
      }
    });
    // A stem's postings are in the shard the stem falls in.
    var more = {};
    found.forEach(function (stems) {
      for (var s in stems) { var j = shardOf(s); if (!shards[j]) more[j] = true; }
    });
    await Promise.all(Object.keys(more).map(function (j) {
      return shard(j).then(function (sh) { remember(sh); shards[j] = sh; });
    }));
    return found.map(function (stems) {
      var out = [];
      for (var s in stems) {
        var g = shards[shardOf(s)].g[s];
        if (g) out.push({ stem: s, weight: stems[s], p: decode(s, g) });
      }
      return out;
    });
  }

  function keep(id, call, year) {
    if (call && (id < call[2] || id >= call[2] + call[3])) return false;
    if (year && manifest.years.charAt(id) !== year) return false;
    return true;
  }

  // Ranked document ids: those with every term first, then by score.
  function rank(found, call, year) {
    var N = manifest.docs;
    var docs = new Map();
    found.forEach(function (stems, t) {
      stems.forEach(function (st) {
        var df = st.p.ids.length;
        var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
        for (var i = 0; i < st.p.ids.length; i++) {
          var id = st.p.ids[i];
          if (!keep(id, call, year)) continue;
          var s = st.weight * idf * st.p.scores[i] / 255;
          var d = docs.get(id);
          if (!d) { d = { id: id, per: new Array(found.length).fill(0) }; docs.set(id, d); }
          if (s > d.per[t]) d.per[t] = s;
        }
      });
    });
    var out = [];
    docs.forEach(function (d) {
      d.hits = 0; d.score = 0;
      d.per.forEach(function (s) { if (s > 0) { d.hits += 1; d.score += s; } });
      out.push(d);
    });
    out.sort(function (a, b) { return b.hits - a.hits || b.score - a.score || a.id - b.id; });
    return out;
  }

  async function docsOf(ids) {
    var size = manifest.chunk;
    var chunks = {};
    ids.forEach(function (id) { chunks[Math.floor(id / size)] = true; });
    var got = {};
    await Promise.all(Object.keys(chunks).map(function (n) {
      return chunk(n).then(function (c) { got[n] = c; });
    }));
    return ids.map(function (id) { return got[Math.floor(id / size)][id % size]; });
  }

  // The text of a page (or of the part of it an #anchor names).
  var parsed = Object.create(null);
  function pageText(url, title) {
    var hash = url.indexOf("#");
    var path = hash < 0 ? url : url.slice(0, hash);
    var anchor = hash < 0 ? "" : decodeURIComponent(url.slice(hash + 1));
    if (!parsed[path]) {
      parsed[path] = get(path, "text").then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
      parsed[path].catch(function () { delete parsed[path]; });
    }
    return parsed[path].then(function (doc) {
      var el = anchor && doc.getElementById(anchor);
      var root;
      if (el && /^H[1-6]$/.test(el.tagName)) {
        // A heading: its section is the heading and what follows it up to
        // the next heading of the same or a higher level.
        root = doc.createElement("div");
        var level = +el.tagName.charAt(1);
        for (var n = el; n; n = n.nextSibling) {
          if (n !== el && /^H[1-6]$/.test(n.tagName || "") && +n.tagName.charAt(1) <= level) break;
          root.appendChild(n.cloneNode(true));
        }
      } else if (el || doc.querySelector("[data-search]")) {
        root = (el || doc.querySelector("[data-search]")).cloneNode(true);
      } else {
        // A page not marked up for search: its main text, without its
        // heading (the result's title already says it) and menus.
        root = (doc.querySelector("main") || doc.body).cloneNode(true);
        Array.prototype.forEach.call(root.querySelectorAll("h1, nav"), function (n) { n.remove(); });
      }
      Array.prototype.forEach.call(root.querySelectorAll("[data-search-ignore]"), function (n) { n.remove(); });
      // The result's title is shown above the excerpt: not again in it.
      var clean = function (t) { return t.replace(/\s+/g, " ").trim(); };
      var head = root.querySelector("h1, h2, h3, h4, h5, h6");
      if (head && clean(head.textContent) === clean(title || "")) head.remove();
      // Block elements end a word even when the markup has no space.
      Array.prototype.forEach.call(root.querySelectorAll("p,li,h1,h2,h3,h4,h5,h6,dt,dd,td,th,div,br"), function (n) {
        n.appendChild(doc.createTextNode(" "));
      });
      return root.textContent.replace(/\s+/g, " ").trim();
    });
  }

  // Does a word of the page match term k of the query?
  function matcher(terms, found, prefixLast) {
    var sets = found.map(function (stems) {
      var s = Object.create(null);
      stems.forEach(function (st) { s[st.stem] = true; });
      return s;
    });
    return function (w) {
      for (var k = 0; k < terms.length; k++) {
        if (w === terms[k]) return k;
        if (prefixLast && k === terms.length - 1 && w.lastIndexOf(terms[k], 0) === 0) return k;
        if (stemOf[w] && sets[k][stemOf[w]]) return k;
      }
      return -1;
    };
  }

  // About 30 words around the place where the most query words occur, cut
  // at words, the matches in <mark>.
  function excerpt(text, match, nterms) {
    var toks = [], m;
    SPAN.lastIndex = 0;
    while ((m = SPAN.exec(text))) {
      var w = norm(m[0]);
      toks.push({ start: m.index, end: m.index + m[0].length, k: w.length > 1 ? match(w) : -1 });
    }
    var LEN = 30, BEFORE = 6;
    var best = 0, bestCount = 0;
    for (var i = 0; i < toks.length; i++) {
      if (toks[i].k < 0) continue;
      // A few words before the match, fewer near the end of the text.
      var from = Math.max(0, Math.min(i - BEFORE, toks.length - LEN)), seen = {}, count = 0;
      for (var j = from; j < Math.min(toks.length, from + LEN); j++) {
        if (toks[j].k >= 0 && !seen[toks[j].k]) { seen[toks[j].k] = true; count += 1; }
      }
      if (count > bestCount) { best = from; bestCount = count; if (count === nterms) break; }
    }
    var p = document.createElement("p");
    p.className = "excerpt";
    if (!toks.length) return null;
    var last = Math.min(toks.length, best + LEN) - 1;
    var start = best === 0 ? 0 : toks[best].start;
    var end = last === toks.length - 1 ? text.length : toks[last].end;
    if (last < toks.length - 1) {
      // Keep the punctuation that ends the last word ("vote." not "vote").
      var tail = PUNCT.exec(text.slice(end, end + 8));
      if (tail) end += tail[0].length;
    }
    var pos = start;
    if (start > 0) p.appendChild(document.createTextNode("… "));
    for (var t = best; t <= last; t++) {
      if (toks[t].k < 0) continue;
      p.appendChild(document.createTextNode(text.slice(pos, toks[t].start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(toks[t].start, toks[t].end);
      p.appendChild(mark);
      pos = toks[t].end;
    }
    p.appendChild(document.createTextNode(text.slice(pos, end)));
    if (end < text.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function fillFilters(m) {
    if (!filters || !callSel || !yearSel) return;
    m.calls.forEach(function (c) {
      var o = document.createElement("option");
      o.value = c[0];
      o.textContent = c[1];
      callSel.appendChild(o);
    });
    var seen = {};
    for (var i = 0; i < m.years.length; i++) {
      var ch = m.years.charAt(i);
      if (ch !== "-") seen[m.y0 + ch.charCodeAt(0) - 97] = true;
    }
    Object.keys(seen).map(Number).sort(function (a, b) { return b - a; }).forEach(function (y) {
      var o = document.createElement("option");
      o.value = String(y);
      o.textContent = String(y);
      yearSel.appendChild(o);
    });
    filters.hidden = false;
  }

  function quoted(s) { return "\u201c" + s + "\u201d"; }
  function plural(n) { return n === 1 ? "1 result" : n.toLocaleString("en") + " results"; }
  function setStatus(s) { if (status.textContent !== s) status.textContent = s; }
  function clear() {
    list.textContent = "";
    if (more) more.hidden = true;
  }

  function syncUrl(q, call, year) {
    var p = new URLSearchParams();
    if (q) p.set("q", q);
    if (call) p.set("call", call);
    if (year) p.set("year", year);
    var s = p.toString();
    var url = location.pathname + (s ? "?" + s : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(null, "", url);
  }

  var seq = 0;
  var current = null; // {ranked, shown, terms, found, prefixLast, seq}

  async function run() {
    var mine = ++seq;
    var q = input.value.trim();
    var callId = callSel ? callSel.value : "";
    var yearVal = yearSel ? yearSel.value : "";
    syncUrl(q, callId, yearVal);
    current = null;
    var all = words(q);
    if (!all.length) {
      clear();
      list.removeAttribute("aria-busy");
      setStatus(q ? "Type a word of two letters or more." : "");
      return;
    }
    try {
      // Never leave a previous query's results under this one.
      clear();
      setStatus("Searching for " + quoted(q) + "\u2026");
      list.setAttribute("aria-busy", "true");
      await loadManifest();
      if (mine !== seq) return;
      var terms = [], dropped = [];
      all.forEach(function (w) {
        if (common[w]) { if (dropped.indexOf(w) < 0) dropped.push(w); } else if (terms.indexOf(w) < 0) terms.push(w);
      });
      var where = "";
      var call = null, year = "";
      if (callId) {
        manifest.calls.forEach(function (c) { if (c[0] === callId) call = c; });
        if (call) where += " in " + call[1];
      }
      if (yearVal) {
        year = String.fromCharCode(97 + Number(yearVal) - manifest.y0);
        where += (call ? ", " : " in ") + yearVal;
      }
      var note = dropped.length && terms.length ? " (" + dropped.map(quoted).join(", ") + (dropped.length === 1 ? " is" : " are") +
        " too common to search for and left out)" : "";
      if (!terms.length) {
        // Only common words: they are in the index, so search them (the
        // ranking is weak, which the status says).
        terms = dropped;
        note = " (" + (dropped.length === 1 ? "a word" : "words") + " found on most pages: a more specific word narrows this)";
      }
      // While typing, the last word may be the start of a longer one.
      var prefixLast = ENDS_IN_WORD.test(input.value);
      var found = await stemsOf(terms, prefixLast);
      if (mine !== seq) return;
      var ranked = rank(found, call, year);
      current = { ranked: ranked, shown: 0, terms: terms, found: found, prefixLast: prefixLast, seq: mine };
      var every = 0;
      ranked.forEach(function (d) { if (d.hits === terms.length) every += 1; });
      var items = await render(current, true);
      if (mine !== seq) return;
      list.removeAttribute("aria-busy");
      var s = ranked.length ? plural(ranked.length) + " for " + quoted(q) + where : "No results for " + quoted(q) + where;
      if (terms.length > 1 && ranked.length && every < ranked.length) s += ", " + every + " with every word";
      setStatus(s + note);
      return items;
    } catch (e) {
      if (window.console) console.error(e);
      if (mine !== seq) return;
      list.removeAttribute("aria-busy");
      clear();
      setStatus("Search could not load its index (" + (navigator.onLine === false ? "you are offline" : "network error") +
        "). Try again in a moment, or browse the minutes, calls and FAQ.");
    }
  }

  // Shows the next page of results of a search; the excerpts follow.
  async function render(state, fresh) {
    var slice = state.ranked.slice(state.shown, state.shown + PAGE);
    var docs = await docsOf(slice.map(function (d) { return d.id; }));
    if (state.seq !== seq) return;
    if (fresh) list.textContent = "";
    var match = matcher(state.terms, state.found, state.prefixLast);
    var links = [];
    docs.forEach(function (doc) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = doc[0];
      a.textContent = doc[1];
      var h = document.createElement("h2");
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement("p");
      meta.className = "meta";
      // Kind and call (not when the result is the call's own page).
      var parts = [doc[2], doc[3] === doc[1] ? "" : doc[3]].filter(Boolean);
      meta.textContent = parts.join(" \u00b7 ");
      if (doc[4]) {
        if (parts.length) meta.appendChild(document.createTextNode(" \u00b7 "));
        var t = document.createElement("time");
        if (doc[5]) t.dateTime = doc[5];
        t.textContent = doc[4];
        meta.appendChild(t);
      }
      if (meta.childNodes.length) li.appendChild(meta);
      list.appendChild(li);
      links.push(a);
      pageText(doc[0], doc[1]).then(function (text) {
        if (state.seq !== seq) return;
        var p = excerpt(text, match, state.terms.length);
        if (p) li.appendChild(p);
      }, function () { /* no excerpt: the title and link still work */ });
    });
    state.shown += slice.length;
    if (more) {
      var left = state.ranked.length - state.shown;
      more.hidden = left <= 0;
    }
    return links;
  }

  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(run, 150); }
  input.addEventListener("input", later);
  input.form.addEventListener("submit", function (ev) { ev.preventDefault(); clearTimeout(timer); run(); });
  if (callSel) callSel.addEventListener("change", function () { clearTimeout(timer); run(); });
  if (yearSel) yearSel.addEventListener("change", function () { clearTimeout(timer); run(); });
  if (more) {
    more.addEventListener("click", async function () {
      var state = current;
      if (!state || state.seq !== seq) return;
      more.disabled = true;
      try {
        var links = await render(state, false);
        if (links && links.length) links[0].focus();
      } catch (e) {
        if (state.seq === seq) setStatus("More results could not be loaded (network error). Try again in a moment.");
      } finally {
        more.disabled = false;
      }
    });
  }

  setStatus("");
  var params = new URLSearchParams(location.search);
  if (params.get("q")) input.value = params.get("q");
  loadManifest().then(function () {
    if (callSel && params.get("call")) callSel.value = params.get("call");
    if (yearSel && params.get("year")) yearSel.value = params.get("year");
    if (callSel && callSel.selectedIndex < 0) callSel.value = "";
    if (yearSel && yearSel.selectedIndex < 0) yearSel.value = "";
  }, function () {
    if (!input.value.trim()) setStatus("Search could not load its index (network error). Try again in a moment, or browse the minutes, calls and FAQ.");
  }).then(function () {
    if (input.value.trim()) run();
  });
})();
