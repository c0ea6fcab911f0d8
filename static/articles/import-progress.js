// A background import's page follows its progress without reloading itself (a reload every two
// seconds reset keyboard focus, the scroll position and the screen reader). The state line is a
// polite live region; the counts and the report are swapped in only when they change.
(function () {
  "use strict";
  var region = document.getElementById("import-progress");
  var state = document.getElementById("import-state");
  if (!region || !state || region.dataset.finished === "true") { return; }
  function poll() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("import-progress");
        var freshState = page.getElementById("import-state");
        // Another page came back (the session expired: the login form): show it.
        if (!fresh || !freshState) { window.location.reload(); return; }
        if (freshState.textContent !== state.textContent) { state.textContent = freshState.textContent; }
        if (fresh.innerHTML !== region.innerHTML) { region.innerHTML = fresh.innerHTML; }
        region.dataset.finished = fresh.dataset.finished;
        if (fresh.dataset.finished !== "true") { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
