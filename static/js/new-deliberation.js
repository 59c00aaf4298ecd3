// New deliberation: picking how the dilemma feels pre-selects the framework seed 003 suggests.
// The form works without this file; the clinician can always choose another framework.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-new-deliberation]");
    if (!form) { return; }
    var select = form.querySelector("select[name=framework]");
    var note = document.getElementById("framework-suggestion");
    if (!select || !note) { return; }
    var autoSelected = null;

    function frameworkFor(feeling) {
      var items = form.querySelectorAll("[data-suggested-for]");
      for (var i = 0; i < items.length; i++) {
        if (feeling && items[i].getAttribute("data-suggested-for") === feeling) { return items[i]; }
      }
      return null;
    }

    form.addEventListener("change", function (event) {
      var input = event.target;
      if (input.name !== "feeling") { return; }
      var item = frameworkFor(input.value);
      if (item) {
        select.value = item.getAttribute("data-version");
        autoSelected = select.value;
        note.textContent = "Suggested: " + item.getAttribute("data-name") + " — you can choose any.";
        return;
      }
      // No suggestion: undo only a choice this script made, never one the clinician made.
      if (autoSelected !== null && select.value === autoSelected && select.dataset.default) {
        select.value = select.dataset.default;
      }
      autoSelected = null;
      note.textContent = "";
    });
  });
})();
