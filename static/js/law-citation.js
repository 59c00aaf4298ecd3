// Codes and law: "Add citation" appends a rule's citation, "<citation> (<duty>)", to the
// legal-duties box and lets the autosave take it from there. Without this file the buttons
// stay hidden and the citation is on the page to copy.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-add-citation]").forEach(function (button) {
      var box = document.getElementById(button.getAttribute("data-target"));
      if (!box) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var citation = button.getAttribute("data-add-citation");
        if (box.value.indexOf(citation) !== -1) { box.focus(); return; }
        var text = box.value.replace(/\s+$/, "");
        box.value = text ? text + "\n" + citation : citation;
        // The worksheet form autosaves on input: this is typing, as far as it is concerned.
        box.dispatchEvent(new Event("input", { bubbles: true }));
        box.focus();
      });
    });
  });
})();
