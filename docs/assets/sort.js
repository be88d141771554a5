/* Sortable tables: any table with a .ra-sort key in its cells gets a sort button in each header.
   Keys are numbers (periods in days) or text; rows without a key sort last. */
(function () {
  "use strict";

  function key(cell) {
    var span = cell.querySelector(".ra-sort");
    var raw = span ? decodeURIComponent(span.getAttribute("data-sort")) : cell.textContent.trim();
    if (raw === null || raw === "") return { empty: true };
    var n = Number(raw);
    return isNaN(n) ? { text: raw.toLowerCase() } : { num: n };
  }

  function compare(a, b) {
    if (a.empty || b.empty) return a.empty === b.empty ? 0 : a.empty ? 1 : -1;
    if ("num" in a && "num" in b) return a.num - b.num;
    var x = "num" in a ? String(a.num) : a.text, y = "num" in b ? String(b.num) : b.text;
    return x.localeCompare(y);
  }

  function sortBy(table, index, button) {
    var th = button.parentNode;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var c = compare(key(r1.cells[index]), key(r2.cells[index]));
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function enable(table) {
    if (table.dataset.raSortable || !table.tHead || !table.tBodies.length) return;
    table.dataset.raSortable = "1";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ra-sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      button.title = "Sort by this column";
      button.addEventListener("click", function () { sortBy(table, index, button); });
      th.appendChild(button);
    });
  }

  window.raEnableSorting = function (root) {
    (root || document).querySelectorAll("table").forEach(function (table) {
      if (table.querySelector(".ra-sort") || table.classList.contains("ra-sortable")) enable(table);
    });
  };
  document.addEventListener("DOMContentLoaded", function () { window.raEnableSorting(document); });
})();
