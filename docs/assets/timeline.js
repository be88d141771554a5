/* Timeline filters: by jurisdiction and by event type; the choice is kept in the URL. */
(function () {
  "use strict";
  var table = document.getElementById("ra-timeline");
  if (!table) return;
  var selJ = document.getElementById("ra-filter-j"), selK = document.getElementById("ra-filter-kind");
  var count = document.getElementById("ra-timeline-count");
  var params = new URLSearchParams(window.location.search);
  selJ.value = params.get("j") || "";
  selK.value = params.get("kind") || "";

  function apply(push) {
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var ok = (!selJ.value || row.dataset.j === selJ.value) && (!selK.value || row.dataset.kind === selK.value);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + " event(s) shown";
    if (push) {
      var p = new URLSearchParams();
      if (selJ.value) p.set("j", selJ.value);
      if (selK.value) p.set("kind", selK.value);
      window.history.replaceState(null, "", window.location.pathname + (p.toString() ? "?" + p.toString() : ""));
    }
  }
  selJ.addEventListener("change", function () { apply(true); });
  selK.addEventListener("change", function () { apply(true); });
  apply(false);
})();
