// The worksheet's stepper folds to the current step on a narrow screen (a phone), so the step
// itself starts on the first screen; the summary opens the whole list. Without this file the
// stepper simply stays open.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var fold = document.querySelector("details[data-stepper]");
    if (fold && window.matchMedia("(max-width: 52rem)").matches) {
      fold.open = false;
    }
  });
})();
