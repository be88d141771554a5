/* Compare view: pick jurisdictions and topics; the selection lives in the URL (?j=DE,FR&t=retention,access).
   All entry text is inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var root = document.getElementById("ra-compare");
  if (!root) return;

  var FLAGS = { secondary: "secondary source", unverified: "unverified" };
  var data, ui = {};

  var el = window.raEl;

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var codes = data.jurisdictions.map(function (j) { return j.code; });
    var topics = data.topics.map(function (t) { return t.key; });
    var j = (params.get("j") || "").toUpperCase().split(",").filter(function (c) { return codes.indexOf(c) >= 0; });
    var t = (params.get("t") || "").toLowerCase().split(",").filter(function (k) { return topics.indexOf(k) >= 0; });
    if (!params.get("j")) j = codes;
    if (!t.length) t = ["retention"];
    return { j: j, t: t };
  }

  function currentState() {
    var pick = function (name) {
      return Array.prototype.filter.call(ui.form.querySelectorAll("input[name=" + name + "]"), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    };
    return { j: pick("j"), t: pick("t") };
  }

  function stateUrl(state) {
    var params = new URLSearchParams(window.location.search);
    params.set("j", state.j.join(","));
    params.set("t", state.t.join(","));
    return window.location.pathname + "?" + params.toString().replace(/%2C/g, ",");
  }

  function buildPicker() {
    var form = el("form", { class: "ra-picker", "aria-label": "Selection" });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    var fsJ = el("fieldset");
    fsJ.appendChild(el("legend", {}, "Jurisdictions"));
    Object.keys(data.groups).forEach(function (group) {
      var members = data.jurisdictions.filter(function (j) { return j.group === group; });
      if (!members.length) return;
      var box = el("div", { class: "ra-group", role: "group", "aria-label": data.groups[group] });
      box.appendChild(el("span", { class: "ra-group-label" }, data.groups[group]));
      members.forEach(function (j) {
        var label = el("label", { title: j.name });
        var input = el("input", { type: "checkbox", name: "j", value: j.code });
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + j.code));
        box.appendChild(label);
      });
      fsJ.appendChild(box);
    });
    var all = el("button", { type: "button", class: "md-button" }, "Select all");
    var none = el("button", { type: "button", class: "md-button" }, "Clear");
    all.addEventListener("click", function () { setAll(true); });
    none.addEventListener("click", function () { setAll(false); });
    fsJ.appendChild(all);
    Object.keys(data.group_headings).forEach(function (group) {
      var only = el("button", { type: "button", class: "md-button", "data-group": group }, data.group_headings[group] + " only");
      only.addEventListener("click", function () { setGroup(group); });
      fsJ.appendChild(only);
    });
    fsJ.appendChild(none);
    var fsT = el("fieldset");
    fsT.appendChild(el("legend", {}, "Topics"));
    data.topics.forEach(function (t) {
      var label = el("label");
      label.appendChild(el("input", { type: "checkbox", name: "t", value: t.key }));
      label.appendChild(document.createTextNode(" " + t.title));
      fsT.appendChild(label);
    });
    form.appendChild(fsJ);
    form.appendChild(fsT);
    form.addEventListener("change", function () { update(true); });
    return form;
  }

  function setAll(on) {
    ui.form.querySelectorAll("input[name=j]").forEach(function (i) { i.checked = on; });
    update(true);
  }

  function setGroup(group) {
    var codes = data.jurisdictions.filter(function (j) { return j.group === group; }).map(function (j) { return j.code; });
    ui.form.querySelectorAll("input[name=j]").forEach(function (i) { i.checked = codes.indexOf(i.value) >= 0; });
    update(true);
  }

  function applyState(state) {
    ui.form.querySelectorAll("input[name=j]").forEach(function (i) { i.checked = state.j.indexOf(i.value) >= 0; });
    ui.form.querySelectorAll("input[name=t]").forEach(function (i) { i.checked = state.t.indexOf(i.value) >= 0; });
  }

  function columnsFor(state) {
    var cols = [];
    data.topics.forEach(function (t) { if (state.t.indexOf(t.key) >= 0) cols = cols.concat(t.columns); });
    return cols;
  }

  function sortSpan(value) {
    var span = el("span", { class: "ra-sort", "data-sort": value === undefined || value === null ? "" : encodeURIComponent(String(value)) });
    return span;
  }

  function render(state) {
    var cols = columnsFor(state);
    var rows = data.jurisdictions.filter(function (j) { return state.j.indexOf(j.code) >= 0; });
    var notes = [], noteIndex = {};
    var table = el("table", { class: "ra-compare-table ra-sortable" });
    table.appendChild(el("caption", {}, "Selected jurisdictions by " + cols.map(function (c) { return c.label; }).join(", ") +
      " (data as of " + data.as_of + ")"));
    var head = el("thead"), tr = el("tr");
    ["Code", "Jurisdiction"].concat(cols.map(function (c) { return c.label; })).forEach(function (h) {
      tr.appendChild(el("th", { scope: "col" }, h));
    });
    head.appendChild(tr);
    table.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (j) {
      var row = el("tr", { "data-code": j.code });
      var code = el("td");
      code.appendChild(sortSpan(j.code));
      code.appendChild(document.createTextNode(j.code));
      row.appendChild(code);
      var name = el("th", { scope: "row" });
      name.appendChild(sortSpan(j.name));
      name.appendChild(el("a", { href: root.dataset.pages + j.code.toLowerCase() + "/" }, j.name));
      row.appendChild(name);
      cols.forEach(function (c) {
        var cell = j.cells[c.key] || { text: "Not recorded" };
        var td = el("td", { "data-col": c.key });
        td.appendChild(sortSpan(cell.sort));
        td.appendChild(document.createTextNode(cell.text));
        (cell.notes || []).forEach(function (n) {
          var src = j.sources[n[0]], key = j.code + "|" + n[0] + "|" + n[1];
          if (!(key in noteIndex)) {
            notes.push({ code: j.code, title: src[0], url: src[1], date: src[2], at: n[1] });
            noteIndex[key] = notes.length;
          }
          var sup = el("sup");
          sup.appendChild(el("a", { href: "#ra-note-" + noteIndex[key], class: "ra-note-ref" }, "[" + noteIndex[key] + "]"));
          td.appendChild(sup);
        });
        if (FLAGS[cell.v]) td.appendChild(el("span", { class: "ra-flag ra-" + cell.v }, FLAGS[cell.v]));
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    table.appendChild(body);
    var list = el("ol", { class: "ra-notes", "aria-label": "Sources" });
    notes.forEach(function (n, i) {
      var li = el("li", { id: "ra-note-" + (i + 1) });
      li.appendChild(document.createTextNode(n.code + ": "));
      li.appendChild(el("a", { href: n.url }, n.title));
      li.appendChild(document.createTextNode(" (" + n.date + ")" + (n.at ? ", " + n.at : "")));
      list.appendChild(li);
    });
    ui.output.replaceChildren(table, list);
    ui.status.textContent = rows.length + " jurisdiction(s), " + cols.length + " column(s).";
    ui.current = { cols: cols, rows: rows, notes: notes, noteIndex: noteIndex };
    if (window.raEnableSorting) window.raEnableSorting(ui.output);
  }

  function update(push) {
    var state = currentState();
    if (push) window.history.pushState(state, "", stateUrl(state));
    render(state);
  }

  function csvField(value) {
    var s = String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function downloadCsv() {
    var cur = ui.current;
    var lines = [["Code", "Jurisdiction"].concat(cur.cols.map(function (c) { return c.label; }))];
    cur.rows.forEach(function (j) {
      lines.push([j.code, j.name].concat(cur.cols.map(function (c) {
        var cell = j.cells[c.key] || { text: "Not recorded" };
        var refs = (cell.notes || []).map(function (n) { return "[" + cur.noteIndex[j.code + "|" + n[0] + "|" + n[1]] + "]"; }).join("");
        return cell.text + refs + (FLAGS[cell.v] ? " (" + FLAGS[cell.v] + ")" : "");
      })));
    });
    lines.push([]);
    lines.push(["Data as of " + data.as_of + ". Sources:"]);
    cur.notes.forEach(function (n, i) { lines.push(["[" + (i + 1) + "]", n.code, n.title, n.url, n.at]); });
    var text = lines.map(function (row) { return row.map(csvField).join(","); }).join("\r\n") + "\r\n";
    var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })), download: "retention-atlas-compare.csv" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function init(json) {
    data = json;
    ui.form = buildPicker();
    var actions = el("div", { class: "ra-actions" });
    var csv = el("button", { type: "button", class: "md-button md-button--primary", id: "ra-download" }, "Download this table (CSV)");
    csv.addEventListener("click", downloadCsv);
    var print = el("button", { type: "button", class: "md-button" }, "Print");
    print.addEventListener("click", function () { window.print(); });
    actions.appendChild(csv);
    actions.appendChild(print);
    ui.status = el("p", { role: "status", class: "ra-status" });
    ui.output = el("div", { class: "ra-table-wrap" });
    root.replaceChildren(ui.form, actions, ui.status, ui.output);
    var state = readState();
    applyState(state);
    window.history.replaceState(state, "", stateUrl(state));
    render(state);
    window.addEventListener("popstate", function () { var s = readState(); applyState(s); render(s); });
    root.setAttribute("data-ready-ms", String(Math.round(performance.now())));
    root.setAttribute("data-ready", "1");
  }

  fetch(root.dataset.src).then(function (r) { return r.json(); }).then(init).catch(function (err) {
    root.textContent = "The comparison data could not be loaded (" + err + ").";
  });
})();
