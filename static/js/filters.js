// On a phone the story filters fold away under a "Filters" button so the results come first;
// without scripts, and on wider screens, they stay open. Open when a filter is on or wrong.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.querySelector("details.filters-toggle");
    if (!panel) { return; }
    var narrow = window.matchMedia("(max-width: 49.99rem)");
    if (narrow.matches && !panel.hasAttribute("data-keep-open")) { panel.open = false; }
    // Wider screens hide the button: a panel folded on a phone opens when the screen widens.
    narrow.addEventListener("change", function () { if (!narrow.matches) { panel.open = true; } });
  });
})();
