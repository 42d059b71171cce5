// A reader's settled search: what a screen reader hears of it, and when it becomes an entry
// of the history (docs/search.md, "What a screen reader hears"). Each keystroke, and each
// step of the arrow keys through a filter's menu or the sorts, is searched and shown at once;
// but the status, a live region, said "Searching…" and then the count at every pause in
// typing (15 announcements for a name of 10 keys typed at 300 ms a key, five of them "no
// results" for the name half typed), and each step through a menu pushed a history entry
// (four ArrowDowns, four Backs). So a change waits to settle: typing or moving through a menu
// pauses SETTLED_MS, the focus leaves the box or the menu, or the reader presses Enter or a
// button. Then its search's outcome is said once, in a live region of its own (the status
// shown is not one), and the reader's next change is an entry of its own. A failure is said
// at once.

/** How long typing, or moving through a menu, pauses before the reader has settled: longer
than the gap between a slow typist's keys (300 ms), short enough that the count follows the
last key as the reader waits for it. */
export const SETTLED_MS = 1000;

/** The page's settling of `region` (its live region, said) and of the address; `status` is
the status line shown, which a search from the header focuses (it is read then). */
export function settling(region, status) {
  let settled = true;
  let round = 0; // the reader's changes up to a settled one: one history entry each round
  let written = -1; // the round whose entry the address holds
  let pending = null; // the outcome of the search shown, not said yet
  let timer;
  let readOnFocus = null; // what the status held as it took the focus: read out then
  status.addEventListener("focus", () => { readOnFocus = status.textContent; });
  status.addEventListener("blur", () => { readOnFocus = null; });

  /** Puts `text` in the live region; the same words as before again only if `repeat` (a
  live region says a change only: the repeat differs by a trailing no-break space). */
  function say(text, repeat) {
    if (document.activeElement === status && readOnFocus === text) return; // just read
    const same = region.textContent.trim() === text;
    if (same && !repeat) return;
    region.textContent = same && !region.textContent.endsWith("\u00a0") ? text + "\u00a0" : text;
  }

  function settle() {
    clearTimeout(timer);
    settled = true;
    if (pending !== null) say(pending, true);
    pending = null;
  }

  return {
    settle,
    /** The reader typed, or moved through a menu or the sorts: the outcome known is no
    longer the one to say, and the next is said once the reader settles. */
    moved() {
      if (settled) round++;
      settled = false;
      pending = null;
      clearTimeout(timer);
      timer = setTimeout(settle, SETTLED_MS);
    },
    /** The reader asked for a search (Enter, a button, Back): settled, and a round of its
    own unless it ends one that is under way (Enter after typing). */
    acted() {
      if (settled) round++;
      settle();
    },
    /** A search began: the outcome of the one before is not to be said. */
    begin() {
      pending = null;
    },
    /** The outcome of the search shown (its count): said now if the reader has settled,
    else when they do. */
    outcome(text) {
      pending = text;
      if (settled) settle();
    },
    /** A failure, said at once; the same one again only once the reader has settled. */
    failed(text) {
      pending = null;
      say(text, settled);
    },
    /** Keeps `url` in the address: an entry of its own for the first change of a round
    (Back returns to the search before it), over the round's entry for the rest; the page's
    own as it opens (`load`). */
    keep(url, load) {
      if (url === location.pathname + location.search) return;
      if (!load && round !== written) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
      written = round;
    },
  };
}
