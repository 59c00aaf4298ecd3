// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  var SKIP = { csrfmiddlewaretoken: 1, revision: 1, tab: 1, overwrite_revision: 1 };
  var RETRY_MS = 5000;

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : "";
  }
  function setMeta(name, value) {
    var el = document.querySelector('meta[name="' + name + '"]');
    if (el) { el.setAttribute("content", value); }
  }
  function status(text, kind) {
    var el = document.getElementById("save-status");
    if (!el) { return; }
    el.textContent = text;
    el.className = "save-status" + (kind ? " save-status--" + kind : "");
    el.removeAttribute("data-saved");
  }
  function storageKey(form) { return "ethicsdesk:" + form.getAttribute("data-autosave"); }

  // What the user typed, keyed by field name, kept until the server confirms it.
  function snapshot(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.disabled) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        values[el.name] = values[el.name] || [];
        if (el.checked) { values[el.name].push(el.value); }
      } else if (el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.type === "text" || el.type === "date" || el.type === "datetime-local") {
        values[el.name] = el.value;
      }
    });
    return values;
  }
  function remember(form) {
    try { localStorage.setItem(storageKey(form), JSON.stringify(snapshot(form))); } catch (e) { /* storage full or off */ }
  }
  function forget(form) {
    try { localStorage.removeItem(storageKey(form)); } catch (e) { /* ignore */ }
  }
  function restore(form) {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(storageKey(form)) || "null"); } catch (e) { saved = null; }
    if (!saved) { return false; }
    var current = snapshot(form), changed = false;
    Object.keys(saved).forEach(function (name) {
      if (JSON.stringify(saved[name]) === JSON.stringify(current[name])) { return; }
      var fields = form.querySelectorAll('[name="' + name + '"]');
      Array.prototype.forEach.call(fields, function (el) {
        if (el.type === "checkbox" || el.type === "radio") {
          el.checked = saved[name].indexOf(el.value) !== -1;
        } else {
          el.value = saved[name];
        }
      });
      changed = true;
    });
    if (!changed) { forget(form); }
    return changed;
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Keyboard and screen-reader users land on the first field with an error.
    var invalid = document.querySelector("[aria-invalid=true]");
    if (invalid) { invalid.focus(); }

    var restored = false;
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      if (restore(form)) {
        restored = true;
        if (window.htmx) { window.htmx.trigger(form, "change"); }
      }
    });
    if (restored) {
      status("Restored text you typed earlier that had not been saved; saving it now.", "warn");
    }
  });

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosave]");
    if (!form) { return; }
    remember(form);
    status("Unsaved changes…");
  });
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosave]");
    if (form) { remember(form); }
  });

  // htmx sends the tab token and the newest revision this page has seen with every save.
  document.addEventListener("htmx:configRequest", function (event) {
    var tab = meta("worksheet-tab");
    if (!tab) { return; }
    event.detail.parameters.tab = tab;
    if (!event.detail.parameters.overwrite_revision) {
      event.detail.parameters.revision = meta("worksheet-revision");
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]")) { status("Saving…"); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var form = event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
    var revision = xhr && xhr.getResponseHeader("X-Revision");
    if (revision) {
      setMeta("worksheet-revision", revision);
      if (form && event.detail.successful) { forget(form); }
    }
    if (!event.detail.successful && form) {
      var wait = xhr && xhr.status === 429 ? 1000 : RETRY_MS;
      status("Not saved — we keep your text and retry in a moment.", "error");
      window.setTimeout(function () { window.htmx.trigger(form, "change"); }, wait);
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
    if (!form) { return; }
    status("Not saved — we keep your text and retry in a moment.", "error");
    window.setTimeout(function () { window.htmx.trigger(form, "change"); }, RETRY_MS);
  });

  // "Discard mine": forget what this browser kept for that form before reloading.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-discard-local]");
    if (!link) { return; }
    var form = document.getElementById(link.getAttribute("data-discard-local"));
    if (form && form.hasAttribute("data-autosave")) { forget(form); }
  });

  // After htmx replaces a part of the page, put keyboard focus where the server asked
  // (e.g. the step just moved), or on a new row.
  document.addEventListener("htmx:afterSettle", function (event) {
    var row = document.querySelector("[data-new-row]");
    if (row) {
      row.removeAttribute("data-new-row");
      var first = row.querySelector("input:not([type=hidden]), textarea, select");
      if (first) { first.focus(); }
    }
    var target = document.querySelector("[data-autofocus]");
    if (target) {
      target.removeAttribute("data-autofocus");
      target.focus();
    }
  });
})();
