// Keyboard shortcuts of a department's queue: j / k move to the next / previous case, Enter
// opens it (the focused link does that by itself), t takes it. Keys typed into a field, or with
// Ctrl, Alt or Meta, are left alone. The table refreshes itself through htmx every 30 s: the
// chosen case is found again by its number after each swap.
(function () {
  "use strict";

  var chosen = null; // the number of the chosen case

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr"));
  }

  function numberOf(row) {
    return row.getAttribute("data-number");
  }

  function mark(focus) {
    rows().forEach(function (row) {
      var on = numberOf(row) === chosen;
      row.classList.toggle("chosen", on);
      if (on && focus) {
        row.querySelector("th a").focus();
      }
    });
  }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) { return; }
    var all = rows();
    if (!all.length) { return; }
    var index = all.findIndex(function (row) { return numberOf(row) === chosen; });
    if (event.key === "j" || event.key === "k") {
      var step = event.key === "j" ? 1 : -1;
      index = index === -1 ? 0 : Math.min(all.length - 1, Math.max(0, index + step));
      chosen = numberOf(all[index]);
      mark(true);
      event.preventDefault();
    } else if (event.key === "t" && index !== -1) {
      var take = all[index].querySelector("form.take");
      if (take) {
        event.preventDefault();
        take.requestSubmit();
      }
    }
  });

  // A click or a tab into a row chooses it too, so j / k go on from there.
  document.addEventListener("focusin", function (event) {
    var row = event.target.closest("#queue tbody tr");
    if (row) {
      chosen = numberOf(row);
      mark(false);
    }
  });

  document.addEventListener("htmx:afterSwap", function () {
    mark(document.activeElement === document.body);
  });
})();
