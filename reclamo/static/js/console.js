// The desk form: show only the clock facts the chosen kind needs, the location only for a
// walk-in and the scan only for a letter; focus the error summary. Without this script every
// field is shown and the server still checks each one.
(function () {
  "use strict";

  function update(form) {
    var kind = form.querySelector("input[name=kind]:checked");
    form.querySelectorAll(".field[data-kinds]").forEach(function (field) {
      field.hidden = !kind || field.getAttribute("data-kinds").split(" ").indexOf(kind.value) === -1;
    });
    var channel = form.querySelector("input[name=channel]:checked");
    var value = channel ? channel.value : "";
    var location = form.querySelector(".field-location");
    var scan = form.querySelector(".field-scan");
    if (location) { location.hidden = value === "letter"; }
    if (scan) { scan.hidden = value === "in_person"; }
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("#desk [name=kind], #desk [name=channel]")) {
      update(event.target.form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("desk");
    if (form) { update(form); }
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();
