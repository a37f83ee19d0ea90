// Filters a calendar page by topic in place. Without JavaScript the topic
// links lead to each topic's own page, which lists the same meetings.
(function () {
  "use strict";
  var nav = document.querySelector(".topics-filter");
  if (!nav) return;
  var status = nav.querySelector(".filter-status");
  var links = nav.querySelectorAll("a[data-tag]");

  function names(tag) {
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("data-tag") === tag) return links[i].textContent;
    }
    return null;
  }

  function apply(tag) {
    var items = document.querySelectorAll("li.occurrence[data-tags]");
    for (var i = 0; i < items.length; i++) {
      var tags = items[i].getAttribute("data-tags").split(" ");
      items[i].hidden = tag !== null && tags.indexOf(tag) < 0;
    }
    // A list, and the day heading before it, go when nothing in it is left.
    var lists = document.querySelectorAll("ul.occurrences");
    for (var j = 0; j < lists.length; j++) {
      var shown = lists[j].querySelector("li.occurrence:not([hidden])") !== null;
      lists[j].hidden = !shown;
      var heading = lists[j].previousElementSibling;
      if (heading && heading.classList.contains("day")) heading.hidden = !shown;
    }
    for (var k = 0; k < links.length; k++) {
      if (links[k].getAttribute("data-tag") === tag) links[k].setAttribute("aria-current", "true");
      else links[k].removeAttribute("aria-current");
    }
    status.textContent = "";
    if (tag !== null) {
      status.appendChild(document.createTextNode("Showing only calls about " + names(tag) + ". "));
      var all = document.createElement("button");
      all.type = "button";
      all.textContent = "Show all calls";
      all.addEventListener("click", function () { choose(null); });
      status.appendChild(all);
    }
  }

  function choose(tag) {
    var url = new URL(window.location.href);
    if (tag === null) url.searchParams.delete("tag");
    else url.searchParams.set("tag", tag);
    window.history.replaceState(null, "", url);
    apply(tag);
  }

  nav.addEventListener("click", function (e) {
    var a = e.target.closest("a[data-tag]");
    if (!a) return;
    e.preventDefault();
    var tag = a.getAttribute("data-tag");
    choose(a.getAttribute("aria-current") === "true" ? null : tag);
  });

  var initial = new URLSearchParams(window.location.search).get("tag");
  if (initial && names(initial) !== null) apply(initial);
})();
