/* The report request form (reports/report_form.html): show only the fields that
   matter for the chosen kind and scope. Without JavaScript every field stays
   visible and the server checks the choice. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  function wrapper(name) {
    return document.getElementById("div_id_" + name);
  }
  function refresh() {
    var kind = form.elements.kind.value;
    var checked = form.querySelector("input[name=scope]:checked");
    var scope = checked ? checked.value : "";
    ["programme", "body", "unit"].forEach(function (name) {
      wrapper(name).classList.toggle("d-none", scope !== name);
    });
    wrapper("quarter").classList.toggle("d-none", kind !== "quarterly");
    wrapper("last_year").classList.toggle("d-none", kind !== "multi_year");
    var programmeChoice = form.querySelector("input[name=scope][value=programme]");
    programmeChoice.disabled = kind !== "quarterly";
    if (programmeChoice.disabled && programmeChoice.checked) {
      form.querySelector("input[name=scope][value=body]").checked = true;
      refresh();
    }
  }
  form.addEventListener("change", refresh);
  refresh();
})();
