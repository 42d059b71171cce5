// The search page: the query box, the results with their excerpts, the filters and the sort,
// kept in the URL. Pagefind runs in the browser over the index's parts (parts.js), with
// Arabic queries normalised exactly as the index was (readings.js).

import { giveWay, renderResult, resultData } from "./results.js";
import { isPhrase, queryReadings } from "./readings.js";
import {
  countText, entityOffer, lazyEntityNames, loadEntityNames, showEntityPages,
} from "./entitypages.js";
import { inWrittenOrder, writtenStanding } from "./relevance.js";
import { caughtUp, indexBehind } from "./manifest.js";
import { LostDownload, showFailure } from "./connection.js";
import { filterValues, openIndex, searchParts } from "./parts.js";
import {
  buildFilters, filteredNote, goneFilters, menuValue, showChosen, showGone,
} from "./chosenfilters.js";
import { pagefindFilters } from "./tagfilter.js";
import { keepPages, keepScrolling, placeKept, returnTo } from "./revisit.js";
import { withNameSpellings, withWrittenSpellings } from "./latinnames.js";
import { settling } from "./settling.js";
import { noResults } from "./noresults.js";
import {
  address, cameFromHeader, DEFAULT_SORT, languageSwitcher, namesFilter, sortIn,
} from "./searchaddress.js";

const PAGE_SIZE = 20;
// A search starts once typing pauses this long: shorter than the gap between a quick
// typist's keys would search every prefix of the word (docs/benchmarks.md).
const TYPING_PAUSE_MS = 120;
// A search reads parts.json again (is the index being updated?) only when the last read is
// this old, or the search before it failed: a read before every search cost a round trip
// (0.65 s on a phone's 3G) to each, and hung a search offline whose results were in memory.
// An edit's re-index is seen by a search a minute later at most; a chunk gone with a new
// deploy fails that search, and the next one reads it.
const MANIFEST_READ_MS = 60_000;

async function main() {
  const root = document.querySelector("[data-search]");
  if (!root) return;
  const strings = JSON.parse(root.querySelector(".search-strings").textContent);
  const lang = root.dataset.lang;
  const form = root.querySelector(".search-form");
  const input = root.querySelector("#search-input");
  const status = root.querySelector(".search-status");
  // What a screen reader hears: a settled search's outcome, once (settling.js).
  const pace = settling(root.querySelector(".search-said"), status);
  const clearFilters = root.querySelector(".clear-filters");
  const list = root.querySelector(".search-results");
  const entityPages = root.querySelector(".entity-pages");
  // The entities a query may name: fetched while the index opens, not after the results.
  const entityNames = loadEntityNames(root.dataset.entities);
  const otherEntityNames = lazyEntityNames(root.dataset.otherEntities);
  const params = new URLSearchParams(location.search);
  keepScrolling(); // where Back returns to (revisit.js)
  if (params.get("q") && !input.value) input.value = params.get("q"); // keep what was typed
  // Where the keyboard starts. A search from a page's header box (this page opened from
  // another page of the site, not a search page, asking a query and nothing else) lands on
  // its results' count, once known: it is read out, and the next Tab reaches the first
  // result. With nothing to search (a phone's header has only the button) the box takes the
  // focus, so that typing goes there. A reader who came by a link from elsewhere (a shared
  // search), by a link with a filter (an entity page's), by a reload or by Back starts at the
  // top of the page, as on any other. Told without a mark in every page's header form (12
  // bytes a page, 0.03 kB an article of the site's weight target, docs/benchmarks.md).
  const nothingAsked = !input.value.trim() && [...params.keys()].every((key) => key === "q");
  // A shared search waits for the index as the box shows its query: the hint to type one
  // would be wrong (3.7 s of it on a phone's 3G).
  if (!nothingAsked) status.textContent = strings.opening;
  let focusCount = !nothingAsked && cameFromHeader(params, root.dataset.base);
  const untouched = () => document.activeElement === document.body || !document.activeElement;
  if (nothingAsked && untouched()) input.focus();
  form.elements.sort.value = sortIn(params);

  // The other language's search page, asking the same (searchaddress.js). Set from the
  // address at once: a reader may switch before the index has opened, or when it fails to.
  const languageSwitch = document.querySelector(".lang-switch");
  const switchLanguage = languageSwitcher(languageSwitch);
  const year = params.get("year");
  /** The lines above the results (entitypages.js, entityOffer); the switch carries the entity's
  name in the other language, and a query in its script is led there by a line of its own,
  found here or not: on the English page an Arabic name finds little more than the
  translations whose title is still the Arabic one, fewer than its entity line counts. */
  function offerEntities(offer) {
    if (offer.otherName) switchLanguage({ ...state(), q: offer.otherName });
    const other = offer.otherScript && languageSwitch
      ? { href: languageSwitch.getAttribute("href"), q: state().q } : null;
    showEntityPages(entityPages, offer.named, strings, lang, other);
  }
  switchLanguage({ q: input.value.trim(), filters: year ? { year } : {}, sort: form.elements.sort.value });

  let index;
  let available; // the filters' lists, once fetched (showFilters)
  try {
    // Stale results would be wrong ones: say so, and search once the index has caught up.
    const manifest = await caughtUp(root.dataset.index, lang, () => {
      status.textContent = strings.behind;
      pace.failed(strings.behind);
    });
    index = await openIndex(root.dataset.index, lang, root.dataset.base, manifest);
    if (namesFilter(params)) await showFilters();
  } catch (error) {
    // A download lost: the page opens the index again (its scripts' failed imports are kept
    // by the browser for the page's life), at the reader's word or back online.
    const lost = error instanceof LostDownload || !navigator.onLine;
    if (lost) showFailure(status, strings.lost, strings.retry, () => location.reload());
    else status.textContent = strings.error;
    pace.failed(lost ? strings.lost : strings.error);
    throw error;
  }
  let generation = 0;
  let manifestRead = performance.now(); // caughtUp read it
  let failed = false; // the last search failed: the next one reads parts.json again

  // The filters' lists (a file the build writes, 19 kB at 20,000 articles: filterValues) are
  // fetched when the reader asks for them, or the URL names a filter.
  async function showFilters() {
    available = await filterValues(index);
    buildFilters(root, strings, available, new URLSearchParams(location.search));
  }
  root.querySelector(".show-filters")?.addEventListener("click", async () => {
    if (!index) return; // the index is still loading: the button stays
    await showFilters();
    root.querySelector(".filter-list select")?.focus();
  });

  function state() {
    const filters = {};
    for (const select of root.querySelectorAll(".filter-list select")) {
      if (select.value) filters[select.name] = select.value;
    }
    return { q: input.value.trim(), filters, sort: form.elements.sort.value };
  }

  let timer; // the search after typing pauses (TYPING_PAUSE_MS)

  /** Keeps the search in the address (a settled one an entry of its own: settling.js), and
  in the language switch's link. how: "load" (the page opened: the address as the page reads
  it), "typing", "choosing" (a sort or filter, the focus still on it: the arrow keys choose
  at each step), "settled" (Enter, a button) or "history" (Back or Forward: the address is
  already the search's). */
  function remember(current, how) {
    const search = address(current, Object.keys(current.filters));
    switchLanguage(current);
    if (how !== "history") pace.keep(location.pathname + (search ? "?" + search : ""), how === "load");
  }

  // Back and Forward show the search of their entry: its query, sort, filters and results.
  window.addEventListener("popstate", showEntry);
  async function showEntry() {
    const next = new URLSearchParams(location.search);
    clearTimeout(timer);
    input.value = next.get("q") ?? "";
    form.elements.sort.value = sortIn(next);
    if (namesFilter(next) && !root.querySelector(".filter-list select")) {
      try {
        await showFilters();
      } catch (error) {
        ++generation; // no search before it shows its results now
        showFailed(error, index.lost(), null, showEntry);
        return;
      }
    }
    for (const select of root.querySelectorAll(".filter-list select")) {
      const values = available?.[select.name] ?? [];
      select.value = menuValue(select.name, next.get(select.name) ?? "", values, lang);
    }
    showGone(root, available ? goneFilters(strings, available, next) : [], strings);
    run("history");
  }

  async function run(how) {
    const place = placeKept(how); // before remember() changes the address
    if (how !== "load" && how !== "history") showGone(root, [], strings); // the reader moved on
    const current = state();
    pace.begin();
    if (how !== "typing" && how !== "choosing") pace.acted();
    remember(current, how);
    // Nothing to clear, no Tab stop: the button shows once a filter is chosen.
    clearFilters.hidden = Object.keys(current.filters).length === 0;
    const mine = ++generation;
    const lost = index.lost();
    try {
      await search(current, place, mine);
      failed = false;
    } catch (error) {
      if (mine === generation) showFailed(error, lost, null);
      if (!lostConnection(error, lost)) throw error;
    }
  }

  /** Whether a failure is the connection's: a download lost since the search began (when
  `lost` were), or the browser offline. */
  function lostConnection(error, lost) {
    return error instanceof LostDownload || index.lost() !== lost || !navigator.onLine;
  }

  /** Says where the search failed (the status, its results gone; or `more`, the place of the
  next page the reader asked for, its button taking the focus the reader left there): that
  the connection was lost, with a button that tries `again` (the search shown, with the
  pages and the place kept: revisit.js), as coming back online does; or, as it should never
  be, that the search failed. */
  function showFailed(error, lost, more, again = () => run("history")) {
    failed = true;
    if (!more) {
      list.replaceChildren();
      entityPages.replaceChildren();
    }
    const connection = lostConnection(error, lost);
    if (!connection) (more ?? status).textContent = strings.error;
    else if (!more) showFailure(status, strings.lost, strings.retry, again);
    // Where the reader was: the button, which the message describes (read with it, once).
    else return showFailure(more, strings.lost, strings.retry, again, status).focus();
    pace.failed(connection ? strings.lost : strings.error); // said at once
  }

  /** Searches `current` and shows its results (`place`: the pages and scroll kept) unless a
  later search (generation) has begun. */
  async function search(current, place, mine) {
    // On the English page a name's word in another spelling is read as the name's too.
    const names = lang === "en" && current.q ? await entityNames : null;
    if (mine !== generation) return;
    const query = withNameSpellings(queryReadings(current.q), names);
    if (query.length === 0 && Object.keys(current.filters).length === 0) {
      list.replaceChildren();
      entityPages.replaceChildren();
      showChosen(root, current.filters, strings);
      status.textContent = strings.hint; // shown, not said: nothing was searched
      return;
    }
    status.textContent = strings.loading;
    if ((failed || performance.now() - manifestRead > MANIFEST_READ_MS) && (await behind())) {
      // The pages changed since this page opened the index: open the new one when it is done.
      status.textContent = strings.behind;
      pace.failed(strings.behind);
      while (await indexBehind(root.dataset.index, lang)) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      location.reload();
      return;
    }
    const results =
      await searchParts(
        index, current.q, pagefindFilters(current.filters, available), current.sort,
        strings.marker, query);
    if (mine !== generation) return;
    list.replaceChildren();
    entityPages.replaceChildren();
    showChosen(root, current.filters, strings); // in the update that empties the list: no shift
    const phrase = isPhrase(current.q, query); // as parts.js reads it
    const shown = await showPages(results, place.pages, query, mine, current.sort, phrase);
    if (mine === generation) returnTo(place, shown);
  }

  /** Whether some part of the language is being re-indexed, as parts.json says now; not
  known offline, where the index opened is searched. */
  async function behind() {
    try {
      const now = await indexBehind(root.dataset.index, lang);
      manifestRead = performance.now();
      return now;
    } catch (error) {
      if (error instanceof LostDownload) return false;
      throw error;
    }
  }

  /** Shows up to `pages` pages of results one by one, as "show more" does: how many it showed. */
  async function showPages(results, pages, query, mine, sort, phrase) {
    let shown = 0;
    do await showMore(results, shown++ * PAGE_SIZE, query, mine, sort, false, phrase);
    while (shown < pages && mine === generation && list.querySelector(".more"));
    return shown;
  }

  /** Shows the results from `from` on. focus: the reader asked for them (the more button,
  which goes): the first of them takes the focus, or a keyboard's next Tab would start again
  at the top of the page. */
  async function showMore(results, from, query, mine, sort, focus, phrase) {
    const shown = await results.page(from, PAGE_SIZE);
    if (mine !== generation) return;
    const [data, offer, names] = await Promise.all([
      Promise.all(shown.map((hit) => resultData(hit, strings.marker))),
      from === 0 ? entityOffer(entityNames, otherEntityNames, query, lang) : null,
      entityNames, // the names the results' marks look for (excerpts.js)
    ]);
    if (mine !== generation) return;
    // Within the page, an article writing the query as typed above one with a variant only.
    let page = data;
    if (sort === DEFAULT_SORT) {
      const standing = [];
      for (const each of data) {
        standing.push(writtenStanding(each, query));
        await giveWay();
        if (mine !== generation) return;
      }
      page = inWrittenOrder(data, standing);
    }
    const items = [];
    for (const each of page) {
      // Marked as it writes the names the query spells otherwise (latinnames.js).
      const own = lang === "en"
        ? withWrittenSpellings(query, `${each.meta.title || ""}\n${each.text}`, names) : query;
      items.push(renderResult(each, own, strings, phrase, names));
      await giveWay();
      if (mine !== generation) return;
    }
    list.querySelector(".more")?.remove();
    // The entities the query names, above the results and in the same update: nothing moves.
    if (from === 0) offerEntities(offer);
    list.append(...items); // at once: the list grows once, not twenty times
    if (focus) items[0]?.querySelector("h2 a").focus();
    // Counted once the page is shown: the count may need lookups the page did not (parts.js).
    const count = await results.count();
    if (mine !== generation) return;
    status.replaceChildren(
      countText(strings.results, lang, count), filteredNote(state().filters, strings, lang));
    // Read out as the status takes the focus (a search from the header), or said as the
    // reader settles; "show more" leaves the count as it was, unsaid.
    if (focusCount && untouched()) status.focus({ preventScroll: true });
    focusCount = false;
    if (count === 0) list.append(noResults(root, state().filters, query.length, phrase));
    if (from === 0) pace.outcome(status.textContent);
    if (from + PAGE_SIZE < count) {
      const item = document.createElement("li");
      item.className = "more";
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = strings.more;
      // Once: a double click would show the next page twice.
      button.addEventListener("click", () => {
        button.disabled = true;
        keepPages(from / PAGE_SIZE + 2); // what Back to this search shows again
        const lost = index.lost();
        showMore(results, from + PAGE_SIZE, query, mine, sort, true, phrase).catch((error) => {
          if (mine === generation) showFailed(error, lost, item);
          if (!lostConnection(error, lost)) throw error;
        });
      }, { once: true });
      item.append(button);
      list.append(item);
    }
  }

  input.addEventListener("input", () => {
    pace.moved();
    clearTimeout(timer);
    timer = setTimeout(() => run("typing"), TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run("settled");
  });
  // A menu or the sorts, focused, change at each arrow key: searched at each, settled when
  // the reader pauses or leaves them (a mouse's choice is one change). A change made
  // elsewhere (a chosen filter's button) is settled.
  form.addEventListener("change", (event) => {
    if (event.target === input) return;
    const focused = event.target === document.activeElement;
    if (focused) pace.moved();
    run(focused ? "choosing" : "settled");
  });
  form.addEventListener("focusout", (event) => {
    if (event.relatedTarget?.name !== event.target.name) pace.settle(); // not the next sort
  });
  clearFilters.addEventListener("click", () => {
    root.querySelectorAll(".filter-list select").forEach((select) => { select.value = ""; });
    root.querySelector(".filter-list select")?.focus(); // the button goes
    run("settled");
  });
  await run("load");
  root.dataset.ready = "true";
}

main();
