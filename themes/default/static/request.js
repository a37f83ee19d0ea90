// The call request form: checks a request against the site's policy and
// turns it into a call file (content/calls/ID.md, status: requested),
// opened as a new file on the site's repository or as an email. Nothing is
// stored and nothing is sent by this script. `callsite check` applies the
// same rules to the file; tests/fixtures/request/vectors.json holds cases
// both sides are tested on.
(function (exports) {
  "use strict";

  var ROLES = [
    ["facilitator", "facilitator"],
    ["backup_facilitator", "backup facilitator"],
    ["tech", "tech supporter"],
  ];

  // One line of text, double-quoted for YAML.
  function quote(text) {
    var one = String(text).replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
    return '"' + one.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
  }

  function slug(text) {
    var out = String(text).toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-");
    out = out.replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
    return out || "call";
  }

  function days(from, to) {
    var a = from.split("-").map(Number);
    var b = to.split("-").map(Number);
    return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / 86400000);
  }

  function addDays(date, n) {
    var a = date.split("-").map(Number);
    return new Date(Date.UTC(a[0], a[1] - 1, a[2] + n)).toISOString().slice(0, 10);
  }

  function validZone(zone) {
    if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
    if (typeof Intl === "undefined") return true;
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch (e) {
      return false;
    }
  }

  // Checks `r` (the form's values) as of `today` (YYYY-MM-DD) under
  // `policy`; returns [{field, message}] in the form's order.
  function check(r, policy, today) {
    var errors = [];
    var need = function (field, message) {
      if (!String(r[field] || "").trim()) errors.push({ field: field, message: message });
    };
    need("host", "Name the group requesting the call.");
    need("title", "Give the call a title.");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date || "")) {
      errors.push({ field: "date", message: "Choose the date of the call." });
    } else if (!r.emergency && days(today, r.date) < policy.lead_days) {
      errors.push({
        field: "date",
        message: "Calls are requested at least " + policy.lead_days + " days ahead: choose " +
          addDays(today, policy.lead_days) + " or later, or tick \u201cEmergency\u201d.",
      });
    }
    if (!/^\d{2}:\d{2}$/.test(r.time || "")) {
      errors.push({ field: "time", message: "Choose the start time." });
    }
    if (!validZone(String(r.timezone || "").trim())) {
      errors.push({ field: "timezone", message: "Write a time zone name like America/New_York." });
    }
    if (!r.emergency && !r.help_wanted) {
      ROLES.forEach(function (role) {
        need(role[0], "Name a " + role[1] + ", or tick \u201cWe need help finding\u201d.");
      });
    }
    return errors;
  }

  // The call file for request `r`, made on `today`: {id, path, text}.
  function file(r, policy, today) {
    var id = slug(r.title);
    if ((policy.ids || []).indexOf(id) >= 0) id = id + "-" + r.date;
    var lines = ["---", "title: " + quote(r.title)];
    if (String(r.summary || "").trim()) lines.push("summary: " + quote(r.summary));
    lines.push("host: " + quote(r.host));
    lines.push("start: " + r.date + " " + r.time);
    lines.push("timezone: " + String(r.timezone).trim());
    lines.push("duration: " + (r.duration || "1h"));
    if (r.repeat) lines.push("repeat: " + r.repeat);
    lines.push("status: requested");
    lines.push("requested: " + today);
    if (r.emergency) lines.push("emergency: true");
    var missing = [];
    ROLES.forEach(function (role) {
      var name = String(r[role[0]] || "").trim();
      if (name) lines.push(role[0] + ": " + quote(name));
      else missing.push(role[0]);
    });
    if (r.help_wanted && missing.length) lines.push("help_wanted: [" + missing.join(", ") + "]");
    if (r.list_wanted) lines.push("list_wanted: true");
    if (r.minutes_public === false) lines.push("minutes_public: false");
    lines.push("---");
    var body = String(r.description || "").replace(/\r\n?/g, "\n").trim();
    var text = lines.join("\n") + "\n" + (body ? body + "\n" : "");
    return { id: id, path: "content/calls/" + id + ".md", text: text };
  }

  // Where the file goes: a "new file" page of the repository, or a mail.
  function links(f, policy) {
    var out = {};
    var enc = encodeURIComponent;
    var name = f.path.split("/").pop();
    var dir = f.path.slice(0, f.path.length - name.length - 1);
    if (policy.repository && policy.target === "github") {
      out.propose = policy.repository + "/new/" + enc(policy.branch) + "/" + dir +
        "?filename=" + enc(name) + "&value=" + enc(f.text);
    } else if (policy.repository && policy.target === "gitlab") {
      out.propose = policy.repository + "/-/new/" + enc(policy.branch) + "/" + dir +
        "?file_name=" + enc(name) + "&content=" + enc(f.text);
    }
    if (policy.email) {
      out.mail = "mailto:" + policy.email + "?subject=" + enc("Call request: " + f.path) +
        "&body=" + enc("Please add this call as " + f.path + ":\n\n" + f.text);
    }
    return out;
  }

  function localToday() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  var FIELD_IDS = {
    host: "rq-host", title: "rq-title", date: "rq-date", time: "rq-time",
    timezone: "rq-zone", facilitator: "rq-facilitator",
    backup_facilitator: "rq-backup", tech: "rq-tech",
  };

  function values(form) {
    var v = function (name) { return form.elements[name] ? form.elements[name].value : ""; };
    var on = function (name) { return !!(form.elements[name] && form.elements[name].checked); };
    var repeat = form.querySelector('input[name="repeat"]:checked');
    var minutes = form.querySelector('input[name="minutes_public"]:checked');
    return {
      host: v("host"), title: v("title"), summary: v("summary"), description: v("description"),
      date: v("date"), time: v("time"), timezone: v("timezone"), duration: v("duration"),
      repeat: repeat ? repeat.value : "", emergency: on("emergency"),
      facilitator: v("facilitator"), backup_facilitator: v("backup_facilitator"), tech: v("tech"),
      help_wanted: on("help_wanted"), list_wanted: on("list_wanted"),
      minutes_public: !minutes || minutes.value !== "false",
    };
  }

  function clear(form, summary) {
    summary.hidden = true;
    summary.textContent = "";
    form.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id.slice(-6) !== "-error";
      });
      if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
      else input.removeAttribute("aria-describedby");
    });
  }

  function show(form, summary, errors) {
    var heading = document.createElement("h2");
    heading.textContent = errors.length === 1 ? "1 thing to fix" : errors.length + " things to fix";
    var list = document.createElement("ul");
    errors.forEach(function (e) {
      var id = FIELD_IDS[e.field];
      var input = document.getElementById(id);
      var note = document.createElement("span");
      note.className = "field-error";
      note.id = id + "-error";
      note.textContent = e.message;
      input.insertAdjacentElement("afterend", note);
      input.setAttribute("aria-invalid", "true");
      var described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
      var item = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + id;
      a.textContent = e.message;
      item.appendChild(a);
      list.appendChild(item);
    });
    summary.appendChild(heading);
    summary.appendChild(list);
    summary.hidden = false;
    summary.focus();
  }

  function init() {
    var form = document.getElementById("request-form");
    var policyNode = document.getElementById("request-policy");
    if (!form || !policyNode) return;
    var policy = JSON.parse(policyNode.textContent);
    var summary = document.getElementById("request-errors");
    var result = document.getElementById("request-result");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var today = localToday();
      var r = values(form);
      clear(form, summary);
      var errors = check(r, policy, today);
      if (errors.length) {
        result.hidden = true;
        show(form, summary, errors);
        return;
      }
      var f = file(r, policy, today);
      var to = links(f, policy);
      document.getElementById("request-file").textContent = f.path;
      document.getElementById("request-text").value = f.text;
      var propose = document.getElementById("request-propose");
      var mail = document.getElementById("request-mail");
      // A site with nowhere to send requests has neither link.
      if (propose) {
        propose.hidden = !to.propose;
        if (to.propose) propose.href = to.propose;
      }
      if (mail) {
        mail.hidden = !to.mail;
        if (to.mail) mail.href = to.mail;
      }
      result.hidden = false;
      result.focus();
    });
  }

  exports.check = check;
  exports.file = file;
  exports.links = links;
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})(typeof module === "object" && module.exports ? module.exports : (window.callsiteRequest = {}));
