// A return to a search finds the reader's place again: Back from an article to the search
// page when the browser did not keep the page (a phone short of memory; a browser that keeps
// no page in its back/forward cache), Back or Forward between searches, a reload. The page
// keeps, for each search's address, how many pages of results were shown and where the page
// was scrolled, in the tab's session storage. Not in the address: a shared or bookmarked
// search opens at its first page, at the top. Not in the history entry's state either:
// with it written (history.replaceState) as the reader tapped "show more", Chrome counted the
// next results' arrival as a layout shift the reader had not caused (0.14 on a phone, in four
// runs of four of tests/test_search_page.py; none without that write).

// The browser's own restoring scrolls before the results are there (to the top, or part way):
// the page scrolls once it has shown them.
history.scrollRestoration = "manual";

// The scroll position is kept once scrolling pauses this long, and at once when a link is
// followed (a result opened right after scrolling to it).
const SCROLL_PAUSE_MS = 150;
const PREFIX = "search-place:";

function kept() {
  try {
    return JSON.parse(sessionStorage.getItem(PREFIX + location.pathname + location.search)) || {};
  } catch {
    return {}; // no storage (a browser's setting) or unreadable: the search's first page
  }
}

function keep(changes) {
  try {
    const key = PREFIX + location.pathname + location.search;
    sessionStorage.setItem(key, JSON.stringify({ ...kept(), ...changes }));
  } catch {
    // Storage full or refused: a return shows the first page, as it did.
  }
}

/** Keeps that the search shown shows `pages` pages of results. */
export function keepPages(pages) {
  if ((kept().pages ?? 1) !== pages) keep({ pages });
}

/** Keeps the search's scroll position as the reader scrolls and when a link is followed. */
export function keepScrolling() {
  let timer;
  const now = () => {
    clearTimeout(timer);
    keep({ scroll: Math.round(window.scrollY) });
  };
  window.addEventListener("scroll", () => {
    clearTimeout(timer);
    timer = setTimeout(now, SCROLL_PAUSE_MS);
  }, { passive: true });
  document.addEventListener("click", (event) => {
    if (event.target.closest?.("a[href]")) now();
  }, { capture: true });
}

/** Where a search shown `how` (search.js: "load", "history", "typing", "settled") returns
to: the pages and the scroll kept for its address when the page was opened by Back, Forward
or a reload, or Back or Forward came to it; a new search (or a link followed to this one),
its first page, unscrolled. */
export function placeKept(how) {
  const returned = ["back_forward", "reload"].includes(
    performance.getEntriesByType("navigation")[0]?.type);
  if (how !== "history" && !(how === "load" && returned)) return { pages: 1, scroll: null };
  const place = kept();
  const pages = Number.isInteger(place.pages) && place.pages > 1 ? place.pages : 1;
  // Back or Forward to a search that kept no scroll: its top, as the browser would have.
  return { pages, scroll: Number.isFinite(place.scroll) ? place.scroll : (how === "history" ? 0 : null) };
}

/** Once a search's pages are shown (`shown` of them): that number is kept for its address,
and the page scrolls to the place kept. */
export function returnTo(place, shown) {
  keepPages(shown);
  if (place.scroll !== null) window.scrollTo({ top: place.scroll, behavior: "instant" });
}
