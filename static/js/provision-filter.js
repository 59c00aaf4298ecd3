// Codes and law: a box that narrows the list of provisions to those whose topic, citation or
// text contain what is typed. Without this file every provision is listed (the ones this step
// does not point to inside "Other provisions").
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var picker = document.querySelector("[data-provision-picker]");
    if (!picker) { return; }
    var box = picker.querySelector("[data-provision-filter]");
    var input = box && box.querySelector("input");
    var count = document.getElementById("provision-filter-count");
    var more = picker.querySelector("[data-provision-more]");
    var rows = picker.querySelectorAll("[data-provision-row]");
    if (!input) { return; }
    var wasOpen = more ? more.open : false;

    function textOf(row) {
      var label = row.querySelector(".field__check label");
      var text = row.querySelector(".provision-text");
      return ((label ? label.textContent : "") + " " + (text ? text.textContent : "")).toLowerCase();
    }

    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var haystack = textOf(row);
        var match = words.every(function (word) { return haystack.indexOf(word) !== -1; });
        row.hidden = !match;
        if (match) { shown += 1; }
        // A match found only in the provision's text opens that text.
        var label = row.querySelector(".field__check label").textContent.toLowerCase();
        var text = row.querySelector("details.provision-text");
        if (text) {
          text.open = match && words.length > 0 && !words.every(function (word) {
            return label.indexOf(word) !== -1;
          });
        }
      });
      if (more) { more.open = words.length ? true : wasOpen; }
      count.textContent = words.length
        ? shown + " of " + rows.length + " provisions match."
        : "";
    }

    // The filter is not part of the worksheet: its typing must not reach the autosave, which
    // listens from the document in the capture phase; the window hears it first.
    ["input", "change"].forEach(function (type) {
      window.addEventListener(type, function (event) {
        if (event.target !== input) { return; }
        event.stopPropagation();
        if (type === "input") { apply(); }
      }, true);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    if (more) {
      more.addEventListener("toggle", function () {
        if (!input.value.trim()) { wasOpen = more.open; }
      });
    }
    box.hidden = false;
  });
})();
