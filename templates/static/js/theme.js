// The theme: light or dark, remembered in localStorage ("newsarchive.theme"). Without a
// stored choice the page follows the system's setting (prefers-color-scheme, in the CSS).
// Loaded in <head> without defer, before the stylesheet applies: the stored choice is set on
// <html> before the first paint, so a page never shows the other theme first. The button is
// handled from the document, so a live-preview body swap keeps it working.
(function () {
  "use strict";
  var KEY = "newsarchive.theme";
  var root = document.documentElement;
  var system = window.matchMedia("(prefers-color-scheme: dark)");
  root.classList.add("js");
  function applyStored() {
    try {
      var stored = localStorage.getItem(KEY);
      if (stored === "dark" || stored === "light") root.setAttribute("data-theme", stored);
    } catch (e) { /* storage may be off: follow the system, or this page's choice */ }
  }
  applyStored();
  function current() {
    var chosen = root.getAttribute("data-theme");
    return chosen || (system.matches ? "dark" : "light");
  }
  function show() {
    var buttons = document.querySelectorAll(".theme-toggle");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
    }
  }
  document.addEventListener("click", function (event) {
    if (!(event.target.closest && event.target.closest(".theme-toggle"))) return;
    var next = current() === "dark" ? "light" : "dark";
    root.setAttribute("data-theme", next);
    try { localStorage.setItem(KEY, next); } catch (e) { /* storage may be off: this page only */ }
    show();
  });
  system.addEventListener("change", show);
  // A page the browser keeps for Back and Forward comes back as it was left, and another
  // tab may have changed the choice since: either shows the stored choice again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { applyStored(); show(); }
  });
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) { applyStored(); show(); }
  });
  document.addEventListener("DOMContentLoaded", show);
  document.addEventListener("newsarchive:swapped", show);
})();
