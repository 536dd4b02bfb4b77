// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="csrf-token"]');

  // htmx requests carry the CSRF token as a header (Flask-WTF reads X-CSRFToken).
  document.addEventListener("htmx:configRequest", function (event) {
    if (token) { event.detail.headers["X-CSRFToken"] = token.getAttribute("content"); }
  });

  // After a swap, move focus to the first error or heading so keyboard and screen-reader users follow.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var focus = target.querySelector('[role="alert"], [aria-invalid="true"], h1');
    if (focus) {
      if (!focus.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(focus.tagName)) {
        focus.setAttribute("tabindex", "-1");
      }
      focus.focus();
    }
  });

  // A swap that removes the focused control (the cookie banner after a choice) drops focus to the page:
  // give it to the next control in reading order, where Tab would go anyway, so the focus stays visible.
  var focusable = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), ' +
    'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  document.addEventListener("htmx:afterSwap", function (event) {
    var from = event.target;
    if (document.activeElement !== document.body || !from.isConnected || from.querySelector("[autofocus]")) { return; }
    var next = Array.prototype.find.call(document.querySelectorAll(focusable), function (candidate) {
      return (from.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING) && candidate.checkVisibility();
    });
    if (next) { next.focus(); }
  });

  // Errors that htmx does not swap get a visible, announced message instead of silence.
  document.addEventListener("htmx:responseError", function (event) {
    var box = document.getElementById("messages");
    if (!box) { return; }
    var p = document.createElement("p");
    p.className = "flash flash-error";
    p.textContent = document.documentElement.lang === "en"
      ? "Something went wrong (" + event.detail.xhr.status + "). Reload the page and try again."
      : "Något gick fel (" + event.detail.xhr.status + "). Ladda om sidan och försök igen.";
    box.replaceChildren(p);
  });
})();
