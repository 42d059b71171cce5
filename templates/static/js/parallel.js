// Parallel view on Arabic article pages: show the English gloss under each paragraph.
// Off by default; the choice is remembered. Without JavaScript the button stays hidden.
(function () {
  "use strict";
  var KEY = "newsarchive.parallel";
  var button = document.querySelector(".parallel-toggle");
  if (!button) return;
  var glosses = document.querySelectorAll(".parallel-gloss");
  function set(on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
    for (var i = 0; i < glosses.length; i++) glosses[i].hidden = !on;
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* storage may be off */ }
  }
  var saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) { saved = null; }
  button.hidden = false;
  set(saved === "1");
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-pressed") !== "true");
  });
})();
