// The theme toggle: light or dark, remembered in localStorage ("newsarchive.theme").
// Without a stored choice the page follows the system's setting (prefers-color-scheme).
// The stored choice is applied before the stylesheet by a line in <head> (base.html), so
// the page never paints in the other theme first; this file only handles the button.
(function () {
  "use strict";
  var KEY = "newsarchive.theme";
  var root = document.documentElement;
  var system = window.matchMedia("(prefers-color-scheme: dark)");
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
  document.addEventListener("newsarchive:swapped", show);
  show();
})();
