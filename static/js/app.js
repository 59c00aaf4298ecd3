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
  // Unsaved text is kept per user: another user of this browser never gets it back, and
  // a signed-out page (no owner) drops it all, so logout and idle logoff clear it.
  var PREFIX = "ethicsdesk:";
  function owner() { return meta("storage-owner"); }
  function storageKey(form) { return PREFIX + owner() + ":" + form.getAttribute("data-autosave"); }
  // Drop every copy of unsaved text but those under ``keep`` (this user's prefix, or none).
  function drop(keep) {
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var key = localStorage.key(i);
        if (key && key.indexOf(PREFIX) === 0 && !(keep && key.indexOf(keep) === 0)) {
          localStorage.removeItem(key);
        }
      }
    } catch (e) { /* storage off */ }
  }
  // Requests nobody started (the badge poll, automatic retries, the last save before idle
  // logoff) say so: the server does not count them as activity, nor does the idle timer.
  var BACKGROUND = "X-EthicsDesk-Background";
  window.ethicsdesk = {
    background: function (event) {
      var headers = event.detail.requestConfig && event.detail.requestConfig.headers;
      return !!(headers && headers[BACKGROUND]);
    },
    saveInBackground: function () {
      // Every form, not only the dirty ones: moving focus to the idle banner fires a change
      // (and a save) on the field that had it, and that is not the person's doing either.
      var forms = document.querySelectorAll("form[data-autosave]");
      forms.forEach(function (form) { form._background = true; });
      forms.forEach(function (form) {
        if (form.hasAttribute("data-dirty")) { window.htmx.trigger(form, "change"); }
      });
    }
  };

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
    drop(owner() ? PREFIX + owner() + ":" : null);
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

  // The server's reason for refusing a save (busy, rate limited, database down): htmx swaps
  // no error response, so read the status it sent. Parsed, never inserted as markup.
  function refusal(xhr) {
    if (!xhr || !xhr.responseText || !window.DOMParser) { return ""; }
    var doc = new window.DOMParser().parseFromString(xhr.responseText, "text/html");
    var el = doc.querySelector("[data-not-saved]");
    return el ? el.textContent : "";
  }

  // A form is dirty from the first keystroke until a save that carried its last edit
  // succeeds; only then is its copy in this browser dropped. A change this script sends to
  // the form itself (restored text, a retry, a resend) marks it dirty but is not an edit:
  // counted, a resend during a slow save would call for another resend, for ever.
  function edited(event) {
    var form = event.target.closest && event.target.closest("form[data-autosave]");
    if (!form) { return; }
    if (event.isTrusted && event.type === "input") { form._background = false; }  // typing
    if (event.target !== form) { form._edits = (form._edits || 0) + 1; }
    form.setAttribute("data-dirty", "");
    remember(form);
    if (event.type === "input") { status("Unsaved changes…"); }
  }
  // Capture phase: count the edit before htmx (listening on the form) sends the save.
  document.addEventListener("input", edited, true);
  document.addEventListener("change", edited, true);
  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector("form[data-dirty]")) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // htmx sends the tab token and the newest revision this page has seen with every save.
  document.addEventListener("htmx:configRequest", function (event) {
    var elt = event.detail.elt;
    var form = elt.closest && elt.closest("form[data-autosave]");
    if ((elt.closest && elt.closest("[data-background]")) || (form && form._background)) {
      event.detail.headers[BACKGROUND] = "true";
    }
    var tab = meta("worksheet-tab");
    if (!tab) { return; }
    event.detail.parameters.tab = tab;
    if (!event.detail.parameters.overwrite_revision) {
      event.detail.parameters.revision = meta("worksheet-revision");
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
    if (form) {
      form._sent = form._edits || 0;
      status("Saving…");
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var form = event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
    var revision = xhr && xhr.getResponseHeader("X-Revision");
    if (revision) {
      setMeta("worksheet-revision", revision);
      if (form && event.detail.successful && (form._edits || 0) === form._sent) {
        form.removeAttribute("data-dirty");
        forget(form);
      }
    }
    if (form && form.hasAttribute("data-dirty") && revision) {
      // Edits made while that save was on its way: send them too.
      status("Saving…");
      window.setTimeout(function () {
        if (form.hasAttribute("data-dirty")) { window.htmx.trigger(form, "change"); }
      }, 300);
    }
    if (!event.detail.successful && form) {
      var wait = xhr && xhr.status === 429 ? 1000 : RETRY_MS;
      status(refusal(xhr) || "Not saved — we keep your text and retry in a moment.", "error");
      retry(form, wait);
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest && event.detail.elt.closest("form[data-autosave]");
    if (!form) { return; }
    status("Not saved — we keep your text and retry in a moment.", "error");
    retry(form, RETRY_MS);
  });
  // A retry is the page's doing, not the person's: it must not keep them signed in. Its
  // saves stay background until the person edits the form again. One retry at a time
  // (a failed send reports both afterRequest and sendError).
  function retry(form, wait) {
    if (form._retry) { return; }
    form._retry = window.setTimeout(function () {
      form._retry = null;
      form._background = true;
      window.htmx.trigger(form, "change");
    }, wait);
  }

  // Signing out drops this browser's copy of unsaved text (the next page drops it too).
  document.addEventListener("submit", function (event) {
    if (event.target.hasAttribute && event.target.hasAttribute("data-logout")) { drop(null); }
  });

  // Buttons that submit an autosaving form (Save, Save and continue, Keep my text) post it
  // the plain way, so the server's redirect takes the user on; htmx keeps to autosaves.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[type=submit]");
    if (!button || button.hasAttribute("hx-post")) { return; }
    var form = button.form;
    if (!form || !form.hasAttribute("data-autosave")) { return; }
    event.preventDefault();
    if (button.name) {
      var carrier = form.querySelector('input[type=hidden][name="' + button.name + '"]');
      if (!carrier) {
        carrier = document.createElement("input");
        carrier.type = "hidden";
        carrier.name = button.name;
        form.appendChild(carrier);
      }
      carrier.value = button.value;
    }
    status("Saving…");
    document.querySelectorAll("form[data-dirty]").forEach(function (f) { f.removeAttribute("data-dirty"); });
    form.submit();
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

// "Copy to clipboard" for the plain-text rationale.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-copy]");
  if (!button) { return; }
  var field = document.getElementById(button.getAttribute("data-copy"));
  var note = button.parentElement.querySelector(".copy-status");
  function done(text) { if (note) { note.textContent = text; } }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(function () { done("Copied."); }, function () { field.select(); done("Press Ctrl+C to copy."); });
  } else {
    field.select();
    done(document.execCommand && document.execCommand("copy") ? "Copied." : "Press Ctrl+C to copy.");
  }
});

// Idle timeout: a minute before the session ends, offer to stay signed in and send any
// unsaved text (in the background). Requests the person started (an autosave, a page)
// restart the count; background ones (the badge poll, retries) do not, as on the server.
// At the end the page reloads: signed out, it shows the sign-in page, which drops the
// browser's copy of unsaved text and takes the clinical content off the screen.
(function () {
  "use strict";
  var idleMeta = document.querySelector('meta[name="session-idle-seconds"]');
  if (!idleMeta) { return; }
  var idle = parseInt(idleMeta.getAttribute("content"), 10) * 1000;
  var lead = Math.min(60000, idle / 2);
  var url = document.querySelector('meta[name="keepalive-url"]').getAttribute("content");
  var warnTimer, endTimer;
  function banner() { return document.getElementById("idle-warning"); }
  function schedule() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    if (banner()) { banner().hidden = true; }
    warnTimer = window.setTimeout(function () {
      window.ethicsdesk.saveInBackground();
      var b = banner();
      if (b) { b.hidden = false; b.querySelector("button").focus(); }
    }, idle - lead);
    endTimer = window.setTimeout(function () {
      document.querySelectorAll("form[data-dirty]").forEach(function (f) { f.removeAttribute("data-dirty"); });
      window.location.assign(window.location.href.split("#")[0]);  // a GET, even after a POST
    }, idle);
  }
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!window.ethicsdesk.background(event)) { schedule(); }
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest("[data-keepalive]")) { return; }
    fetch(url, { credentials: "same-origin" }).then(schedule);
  });
  schedule();
})();
