// On a phone the story filters fold away under a "Filters" button so the results come first;
// without scripts, and on wider screens, they stay open. Open when a filter is on or wrong.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.querySelector("details.filters-toggle");
    if (!panel || panel.hasAttribute("data-keep-open")) { return; }
    if (window.matchMedia("(max-width: 49.99rem)").matches) { panel.open = false; }
  });
})();
