// Parallel view on Arabic article pages: the English gloss under each paragraph.
// Off by default (on when the address ends in #parallel); the choice is remembered. Without
// JavaScript the button is not shown (site.css shows it under html.js).
// The English is not in this page: it is written once, on the article's English page, and
// fetched from there the first time the view is shown; each paragraph is matched by its
// anchor (#p1, #p2, …), which both pages share. Clicks are delegated and the state is
// re-applied on "newsarchive:swapped", so the live preview can swap the page's body in place.
(function () {
  "use strict";
  var KEY = "newsarchive.parallel";
  var loading = null;
  // Said under the button when the English did not arrive (offline, or the English page
  // gone), in Arabic and, for the reader the English page's "side by side" link brings, in
  // English. Written here, not in each page as the notes' words are (data-pending): a
  // message few readers see would add 0.1 kB to every article with a translation, and the
  // site's weight target (25 kB an article) has 0.02 kB to spare (docs/benchmarks.md).
  var FAILED_AR = "تعذّر تحميل الترجمة الإنجليزية. تحقّق من الاتصال وأعد المحاولة.";
  var FAILED_EN = "The English could not be loaded. Check the connection and try again.";

  // Which of the two languages a screen reader is given where the page says a thing in both
  // (the button's name, the notes): English for the reader the English page's "side by side"
  // link brought here, Arabic, the page's language, for any other. Both read one after the
  // other said each thing twice, under every paragraph of a pending run.
  var READER_LANG = location.hash === "#parallel" ? "en" : "ar";

  // The button's name in the reader's language only; the other stays on screen.
  function nameButton(button) {
    var english = button.querySelector("bdi[lang='en']");
    if (!english || button.querySelector("[aria-hidden]")) return;
    if (READER_LANG === "ar") { english.setAttribute("aria-hidden", "true"); return; }
    var arabic = document.createElement("span");
    arabic.setAttribute("aria-hidden", "true");
    while (button.firstChild !== english) arabic.appendChild(button.firstChild);
    button.insertBefore(arabic, english);
  }

  // A note on the English (pending, outdated) in Arabic, from the button, then in English
  // on a line of its own, set and read as English, for the reader the English page's "side
  // by side" link brings here: the words of the English page's own note (`english`, the
  // note's block there), without its link to the Arabic paragraph, which is this one. A
  // screen reader reads the one in its reader's language (READER_LANG).
  function note(button, state, english) {
    var notes = document.createDocumentFragment();
    var arabic = document.createElement("p");
    arabic.className = "note";
    arabic.textContent = button.getAttribute("data-" + state);
    notes.appendChild(arabic);
    var said = english && english.querySelector(".note");
    if (said && said.firstChild) {
      var p = document.createElement("p");
      p.className = "note";
      p.lang = "en";
      p.dir = "ltr";
      p.textContent = said.firstChild.textContent.trim();
      notes.appendChild(p);
      (READER_LANG === "en" ? arabic : p).setAttribute("aria-hidden", "true");
    }
    return notes;
  }
  // The gloss under one Arabic paragraph, from its block on the English page: translated,
  // stale (the Arabic changed since: said, and the old English shown) or pending (`run`:
  // the English page's note on the pending paragraphs it is one of).
  function glossFor(block, run, button) {
    var gloss = document.createElement("div");
    var state = !block || block.classList.contains("pending") ? "pending"
      : block.classList.contains("stale") ? "stale" : "done";
    gloss.className = "parallel-gloss " + state;
    if (state === "pending") {
      gloss.appendChild(note(button, "pending", block || run));
      // A paragraph after the first of a pending run: its English note is the run's ("for
      // paragraphs 6–13"), shown under each paragraph and said once, under the first; the
      // Arabic one is this paragraph's own.
      if (run && READER_LANG === "en") gloss.setAttribute("aria-hidden", "true");
      return gloss;
    }
    if (state === "stale") gloss.appendChild(note(button, "stale", block));
    var source = state === "stale" ? block.querySelector(".stale-text") : block;
    var english = document.createElement("div");
    english.lang = "en";
    english.dir = "ltr";
    while (source && source.firstChild) english.appendChild(document.adoptNode(source.firstChild));
    gloss.appendChild(english);
    return gloss;
  }
  function load(button) {
    if (document.querySelector(".parallel-gloss")) return Promise.resolve();
    if (loading) return loading;
    var link = button.closest(".gloss-link").querySelector("a[hreflang='en']");
    loading = fetch(link.href, { cache: "no-cache" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + link.href);
        return response.text();
      })
      .then(function (html) {
        var english = new DOMParser().parseFromString(html, "text/html");
        // This page's blocks: each child of its body with an anchor (a paragraph, a list…).
        var blocks = document.querySelectorAll("#article-body > [id]");
        for (var i = 0; i < blocks.length; i++) {
          var match = english.getElementById(blocks[i].id);
          if (match && match.classList.contains("figure")) continue;  // an image: no English
          // A paragraph of the English page's body (its blocks are the body's divs with an id).
          var inBody = match && match.parentElement && match.parentElement.classList.contains("body");
          var run = match && !inBody ? match.closest(".body > .pending") : null;
          var gloss = glossFor(inBody ? match : null, run, button);
          gloss.hidden = true;
          blocks[i].parentNode.insertBefore(gloss, blocks[i].nextSibling);
        }
        // Each footnote's English under it, from the English page's note of its number, with
        // that note's id (en-n1): the English references brought in above lead to it.
        var notes = document.querySelectorAll(".notes li[id^='ar-n']");
        for (var j = 0; j < notes.length; j++) {
          var same = english.getElementById("en-n" + notes[j].id.slice(4));
          if (!same) continue;
          var noteGloss = document.createElement("div");
          noteGloss.className = "parallel-gloss";
          noteGloss.id = same.id;
          noteGloss.lang = "en";
          noteGloss.dir = "ltr";
          noteGloss.hidden = true;
          while (same.firstChild) noteGloss.appendChild(document.adoptNode(same.firstChild));
          notes[j].appendChild(noteGloss);
        }
      })
      .finally(function () { loading = null; });
    return loading;
  }
  function show(button, on) {
    var glosses = document.querySelectorAll(".parallel-gloss");
    for (var i = 0; i < glosses.length; i++) glosses[i].hidden = !on;
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }
  function failed(button) {
    var said = document.createElement("span");
    said.className = "parallel-failed";
    said.setAttribute("role", "alert");
    var english = document.createElement("bdi");
    english.lang = "en";
    english.textContent = FAILED_EN;
    said.append(FAILED_AR, " ", english);
    button.after(said);
  }
  // The button says the reader's choice at once; the English follows when it has arrived.
  function set(button, on) {
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* storage may be off */ }
    var said = document.querySelector(".parallel-failed");
    if (said) said.remove();
    show(button, false);
    if (!on) return;
    button.setAttribute("aria-pressed", "true");
    button.setAttribute("aria-busy", "true");
    load(button).then(
      function () { if (button.getAttribute("aria-pressed") === "true") show(button, true); },
      function () { show(button, false); failed(button); }  // offline or moved: the view stays off
    ).finally(function () { button.removeAttribute("aria-busy"); });
  }
  function apply() {
    var button = document.querySelector(".parallel-toggle");
    if (!button) return;
    nameButton(button);
    var saved = null;
    try { saved = localStorage.getItem(KEY); } catch (e) { saved = null; }
    // A link asking for the view (the English page's "side by side") turns it on: its
    // reader may not read the button's Arabic.
    if (location.hash === "#parallel") saved = "1";
    if (saved === "1") set(button, true); else show(button, false);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".parallel-toggle");
    if (button) set(button, button.getAttribute("aria-pressed") !== "true");
  });
  document.addEventListener("newsarchive:swapped", apply);
  apply();
})();
