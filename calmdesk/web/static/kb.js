// calmdesk console: "Insert link" on suggested knowledge-base articles puts the article's
// customer link into the reply box at the cursor. Loaded on every page (base.html) because
// boosted navigation does not run scripts that arrive inside a page.
(function () {
  "use strict";

  function insertAtCursor(box, text) {
    var start = box.selectionStart || 0;
    var end = box.selectionEnd || 0;
    var before = box.value.slice(0, start);
    var after = box.value.slice(end);
    var lead = before && !/\n$/.test(before) ? "\n" : "";
    var tail = after && !/^\n/.test(after) ? "\n" : "";
    var piece = lead + text + tail;
    box.value = before + piece + after;
    var caret = before.length + piece.length;
    box.setSelectionRange(caret, caret);
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-kb-insert]") : null;
    if (!button) {
      return;
    }
    var box = document.getElementById("reply-body");
    if (!box) {
      return;
    }
    event.preventDefault();
    insertAtCursor(box, button.getAttribute("data-kb-title") + ": " + button.getAttribute("data-kb-insert"));
    box.focus();
    // Let the reply coach and anything else listening see the new draft.
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
