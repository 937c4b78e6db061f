// The deadline calculator and the complaint form: show only the facts the chosen kind needs, and move focus to the
// error summary so a phone user lands on it instead of the button far below. Without this
// script every field is shown and the summary still appears at the top of the form.
(function () {
  "use strict";

  function showFieldsFor(form) {
    var kind = form.querySelector("input[name=kind]:checked, select[name=kind]");
    if (!kind) { return; }
    form.querySelectorAll(".field[data-kinds]").forEach(function (field) {
      var wanted = field.getAttribute("data-kinds").split(" ").indexOf(kind.value) !== -1;
      field.hidden = !wanted;
    });
  }

  function prepare(root) {
    root.querySelectorAll("#calculator form, form[data-kind-form]").forEach(showFieldsFor);
    var summary = root.querySelector("#error-summary");
    if (summary) { summary.focus(); }
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("#calculator [name=kind], form[data-kind-form] [name=kind]")) {
      showFieldsFor(event.target.form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () { prepare(document); });
  document.addEventListener("htmx:afterSwap", function () { prepare(document); });
})();
