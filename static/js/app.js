// Small progressive enhancements. Pages work without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the first field with an error so keyboard and screen-reader users land on it.
    var invalid = document.querySelector("[aria-invalid=true]");
    if (invalid) { invalid.focus(); }
  });
})();
