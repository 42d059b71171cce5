// Parallel view on Arabic article pages: show the English gloss under each paragraph.
// Off by default; the choice is remembered. Without JavaScript the button stays hidden.
// Clicks are delegated and the state is re-applied on "newsarchive:swapped", so the live
// preview can swap the page's body in place.
(function () {
  "use strict";
  var KEY = "newsarchive.parallel";
  // A toggle button: its name stays the same and aria-pressed carries the state (a name that
  // also changed would be announced as a different control, saying the state twice).
  function set(button, on) {
    var glosses = document.querySelectorAll(".parallel-gloss");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    for (var i = 0; i < glosses.length; i++) glosses[i].hidden = !on;
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* storage may be off */ }
  }
  function apply() {
    var button = document.querySelector(".parallel-toggle");
    if (!button) return;
    var saved = null;
    try { saved = localStorage.getItem(KEY); } catch (e) { saved = null; }
    button.hidden = false;
    set(button, saved === "1");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".parallel-toggle");
    if (button) set(button, button.getAttribute("aria-pressed") !== "true");
  });
  document.addEventListener("newsarchive:swapped", apply);
  apply();
})();
