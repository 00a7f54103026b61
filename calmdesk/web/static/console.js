// calmdesk console: small enhancements on top of HTMX. Everything works without this file.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // HTMX requests that change something carry the page's CSRF token as a header too.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token && event.detail.verb !== "get") {
      event.detail.headers["X-CSRF-Token"] = token;
    }
  });

  // After a boosted page change, move focus to the new page like a full load would.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.detail.boosted) {
      return;
    }
    var target = document.querySelector("[autofocus]") || document.getElementById("main");
    if (target) {
      target.focus({ preventScroll: true });
    }
  });

  function typing(element) {
    if (!element) {
      return false;
    }
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    // "/" jumps to the inbox search, as in most web apps.
    if (event.key === "/" && !typing(document.activeElement) && !event.ctrlKey && !event.metaKey) {
      var search = document.getElementById("q");
      if (search) {
        event.preventDefault();
        search.focus();
        search.select();
      }
      return;
    }
    // Ctrl+Enter (or Cmd+Enter) in a message box sends its form.
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && document.activeElement &&
        document.activeElement.tagName === "TEXTAREA" && document.activeElement.form) {
      event.preventDefault();
      document.activeElement.form.requestSubmit();
    }
  });
})();
