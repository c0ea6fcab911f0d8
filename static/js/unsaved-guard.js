// A story's change page holds other forms beside the story's own (re-run extraction, entity
// decisions, manual links): submitting one reloads the page and drops what the editor typed
// into the story without saving. Ask first. A form with data-confirm always asks (re-running
// extraction replaces the body). Loaded as a static file: the CSP forbids inline scripts.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var story = document.querySelector("#content-main form#article_form");
    if (!story) { return; }
    var dirty = false;
    function touched() { dirty = true; }
    story.addEventListener("input", touched);
    story.addEventListener("change", touched);
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form === story) { return; }
      var messages = [];
      if (form.dataset.confirm) { messages.push(form.dataset.confirm); }
      if (dirty) { messages.push("Your unsaved changes to this story will be lost. Save first to keep them."); }
      if (messages.length && !window.confirm(messages.join("\n\n"))) { event.preventDefault(); }
    }, true);
  });
})();
