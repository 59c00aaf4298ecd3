// Small progressive enhancements. Pages work without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the first field with an error so keyboard and screen-reader users land on it.
    var invalid = document.querySelector("[aria-invalid=true]");
    if (invalid) { invalid.focus(); }
  });

  // After htmx replaces a part of the page, put keyboard focus where the server asked
  // (e.g. the step just moved), or on the first field with an error.
  document.addEventListener("htmx:afterSettle", function () {
    var target = document.querySelector("[aria-invalid=true]") || document.querySelector("[data-autofocus]");
    if (target) {
      target.removeAttribute("data-autofocus");
      target.focus();
    }
  });
})();
