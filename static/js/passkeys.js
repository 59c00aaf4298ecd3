// Passkeys and security keys: allauth's script (mfa/js/webauthn.js) asks the browser for the
// key and announces a failure as an "allauth.error" event, which by default only reaches the
// console. Here it is said in the page (a live region), in words, and the console stays quiet.
(function () {
  "use strict";

  function explain(exception) {
    var name = exception && exception.name;
    if (name === "NotAllowedError" || name === "AbortError") {
      return "The key was not used: the request was cancelled or timed out. Try again when you are ready.";
    }
    if (name === "InvalidStateError") {
      return "This key is already on your account. Use another key, or give up adding this one.";
    }
    if (name === "NotSupportedError" || name === "SecurityError") {
      return "This browser can't use a passkey or security key here. Try another browser, or use a code.";
    }
    return "Something went wrong talking to the key. Try again, or use a code instead.";
  }

  document.addEventListener("allauth.error", function (event) {
    var box = document.getElementById("key-error");
    if (!box) { return; }
    event.preventDefault();
    box.textContent = explain(event.detail && event.detail.exception);
    box.hidden = false;
  });
})();
