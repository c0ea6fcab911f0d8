// Mention review: clicking an unknown name (or selecting text) in the story body fills the
// "create an entity" form. Loaded as a static file: the CSP forbids inline scripts.
(function () {
  "use strict";
  function fill(text) {
    var form = document.getElementById("new-entity-form");
    if (!form || !text) { return; }
    form.querySelector("[name=name]").value = text;
    form.querySelector("[name=alias]").value = text;
    form.scrollIntoView({ behavior: "smooth", block: "center" });
    form.querySelector("[name=name]").focus();
  }
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.querySelector(".mention-review .review-body");
    if (!body) { return; }
    body.addEventListener("click", function (event) {
      var name = event.target.closest(".unknown-name");
      if (name) { fill(name.dataset.name); }
    });
    body.addEventListener("keydown", function (event) {
      var name = event.target.closest(".unknown-name");
      if (name && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); fill(name.dataset.name); }
    });
    body.addEventListener("mouseup", function () {
      var selected = String(window.getSelection() || "").trim();
      if (selected && selected.length <= 200 && selected.indexOf("\n") === -1) { fill(selected); }
    });
  });
})();
