// The import form refuses a paste over the size limit before sending it: the server cannot
// read a request that large, and the editor would lose the text to a "Bad Request" page.
// Loaded as a static file: the CSP forbids inline scripts.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var text = document.querySelector("textarea[data-max-bytes]");
    if (!text || !text.form) { return; }
    var limit = parseInt(text.dataset.maxBytes, 10);
    text.form.addEventListener("submit", function (event) {
      var size = new Blob([text.value]).size;
      var old = document.getElementById("paste-size-error");
      if (old) { old.remove(); }
      if (size <= limit) { return; }
      event.preventDefault();
      var note = document.createElement("p");
      note.id = "paste-size-error";
      note.className = "errornote";
      note.setAttribute("role", "alert");
      note.textContent = "The pasted text is over the import size limit (" + text.dataset.maxLabel +
        "); upload it as a file in parts.";
      text.setAttribute("aria-invalid", "true");
      text.setAttribute("aria-describedby", note.id);
      text.parentNode.insertBefore(note, text);
      text.focus();
    });
  });
})();
