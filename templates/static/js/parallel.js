// Parallel view on Arabic article pages: show the English gloss under each paragraph.
// Off by default; the choice is remembered. Without JavaScript the button stays hidden.
// Clicks are delegated and the state is re-applied on "newsarchive:swapped", so the live
// preview can swap the page's body in place.
(function () {
  "use strict";
  var KEY = "newsarchive.parallel";
  // A toggle button: its name stays the same and aria-pressed carries the state (a name that
  // also changed would be announced as a different control, saying the state twice).
  // A pending paragraph has no gloss in the page: its note (one text, on the button) is
  // added under it the first time the view is shown.
  function addPendingNotes(button) {
    var blocks = document.querySelectorAll("#article-body > .block");
    for (var i = 0; i < blocks.length; i++) {
      var next = blocks[i].nextElementSibling;
      if (next && next.classList.contains("parallel-gloss")) continue;
      var gloss = document.createElement("div");
      gloss.className = "parallel-gloss pending";
      gloss.setAttribute("data-pagefind-ignore", "all");
      var note = document.createElement("p");
      note.className = "note";
      note.textContent = button.getAttribute("data-pending");
      gloss.appendChild(note);
      blocks[i].parentNode.insertBefore(gloss, next);
    }
  }
  function set(button, on) {
    if (on) addPendingNotes(button);
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
