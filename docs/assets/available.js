/* "Would the data still be there?": evaluates the same rules as `atlas available` in the browser.
   The query lives in the URL (?data=traffic,ip_source&age=P4M). Entry text goes in via textContent. */
(function () {
  "use strict";
  var root = document.getElementById("ra-available");
  if (!root) return;
  var RANK = ["retained", "some_cases", "not_applied", "unknown", "not_retained"];
  var COLOURS = { retained: "#0072B2", some_cases: "#56B4E9", not_applied: "#E69F00", not_retained: "#D55E00", unknown: "#BBBBBB" };
  var data;
  var slider = document.getElementById("ra-age-n"), unit = document.getElementById("ra-age-unit");
  var out = document.getElementById("ra-age-out"), status = document.getElementById("ra-avail-status");

  var el = window.raEl;

  function ageOf() {
    var n = Number(slider.value), u = unit.value;
    return { iso: "P" + n + u, md: u === "M" ? [n, 0] : [0, u === "W" ? 7 * n : n], days: u === "M" ? n * 30.44 : u === "W" ? 7 * n : n };
  }

  // Same rule as periods.within(): exact when both count in months or both in days.
  function within(age, rule) {
    if (!rule.md || rule.days === null) return null;
    var a = age.md, p = rule.md;
    if ((a[1] === 0 && p[1] === 0) || (a[0] === 0 && p[0] === 0)) return a[0] <= p[0] && a[1] <= p[1];
    return age.days <= rule.days;
  }

  function judge(rule, age) {
    var inside = within(age, rule);
    if (rule.state === "not_applied") return inside === false ? "not_retained" : "not_applied";
    if (rule.state !== "in_force" || inside === null) return "unknown";
    if (!inside) return "not_retained";
    return rule.some ? "some_cases" : "retained";
  }

  function answer(cat, age) {
    if (!cat.rules.length) return { kind: cat.empty };
    var best = null;
    cat.rules.forEach(function (r) {
      var k = judge(r, age);
      if (!best || RANK.indexOf(k) < RANK.indexOf(best.kind)) best = { kind: k, rule: r };
    });
    return best;
  }

  function selected() {
    return Array.prototype.filter.call(root.querySelectorAll("input[name=data]"), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }

  function render(push) {
    var age = ageOf(), cats = selected();
    out.textContent = slider.value;
    var table = el("table", { class: "ra-compare-table ra-sortable" });
    table.appendChild(el("caption", {}, "Data aged " + slider.value + " " + unit.options[unit.selectedIndex].text + " (" + age.iso + "), as of " + data.as_of));
    var tr = el("tr");
    ["Code", "Jurisdiction", "Group"].concat(cats.map(function (c) { return data.categories[c]; })).concat(["Prior authorisation", "Preservation"])
      .forEach(function (h) { tr.appendChild(el("th", { scope: "col" }, h)); });
    var thead = el("thead"); thead.appendChild(tr); table.appendChild(thead);
    var body = el("tbody"), counts = {};
    data.jurisdictions.forEach(function (j) {
      var row = el("tr", { "data-code": j.code }), best = null;
      row.appendChild(el("td", {}, j.code));
      var th = el("th", { scope: "row" }); th.appendChild(el("a", { href: root.dataset.pages + j.page }, j.name)); row.appendChild(th);
      row.appendChild(el("td", {}, data.groups[j.group]));
      var auths = [];
      cats.forEach(function (c) {
        var a = answer(j.cats[c], age);
        if (!best || RANK.indexOf(a.kind) < RANK.indexOf(best)) best = a.kind;
        var td = el("td", { "data-cat": c, "data-answer": a.kind }, data.answers[a.kind] + (a.rule && a.rule.period !== "unknown" ? " (" + a.rule.words + ")" : ""));
        if (a.rule) td.title = a.rule.why;
        row.appendChild(td);
        if (auths.indexOf(j.cats[c].auth) < 0) auths.push(j.cats[c].auth);
      });
      row.appendChild(el("td", {}, auths.join("; ")));
      row.appendChild(el("td", {}, j.preservation));
      body.appendChild(row);
      best = best || "unknown";
      if (j.group === "eu_member") counts[best] = (counts[best] || 0) + 1;  // EU figures: Member States only
      var tile = root.querySelector('.ra-map a[data-code="' + j.code + '"]');
      if (tile) {
        tile.setAttribute("data-class", best);
        tile.querySelector("rect").setAttribute("fill", COLOURS[best]);
        tile.querySelector("text").setAttribute("fill", best === "unknown" || best === "some_cases" ? "#000000" : "#FFFFFF");
        tile.querySelector("title").textContent = j.name + ": " + data.answers[best];
      }
    });
    table.appendChild(body);
    document.getElementById("ra-avail-table").replaceChildren(table);
    status.textContent = "EU Member States: " + RANK.filter(function (k) { return counts[k]; }).map(function (k) { return counts[k] + " " + data.answers[k].toLowerCase(); }).join(", ");
    var params = new URLSearchParams();
    params.set("data", cats.join(","));
    params.set("age", age.iso);
    var url = window.location.pathname + "?" + params.toString().replace(/%2C/g, ",");
    if (push) window.history.replaceState(null, "", url);
    root.setAttribute("data-ready", "1");
  }

  function init(json) {
    data = json;
    var params = new URLSearchParams(window.location.search);
    var wanted = (params.get("data") || "traffic,location,ip_source,subscriber").split(",");
    root.querySelectorAll("input[name=data]").forEach(function (i) { i.checked = wanted.indexOf(i.value) >= 0; });
    var m = /^P(\d+)([DWM])$/.exec((params.get("age") || "").toUpperCase());
    if (m) { slider.value = m[1]; unit.value = m[2]; }
    root.addEventListener("change", function () { render(true); });
    slider.addEventListener("input", function () { render(true); });
    render(true);
  }

  fetch(root.dataset.src).then(function (r) { return r.json(); }).then(init).catch(function (err) {
    status.textContent = "The data could not be loaded (" + err + ").";
  });
})();
