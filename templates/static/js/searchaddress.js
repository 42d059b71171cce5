// A search in the page's address (after "?"): its query, filters and sort, as a shared or
// bookmarked search opens it and as Back and Forward show it again; where the page was
// opened from; and the other language's search page asked the same.

import { SORTS } from "./parts.js";

export const DEFAULT_SORT = "relevance";

/** The sort an address names, or the default where it names none the page knows. */
export function sortIn(params) {
  return SORTS[params.get("sort")] !== undefined ? params.get("sort") : DEFAULT_SORT;
}

/** Whether an address names a filter (anything but the query and the sort). */
export function namesFilter(params) {
  return [...params.keys()].some((key) => key !== "q" && key !== "sort");
}

/** A search's address (after "?"): the query, the filters named in `keys`, the sort. */
export function address({ q, filters, sort }, keys) {
  const next = new URLSearchParams();
  if (q) next.set("q", q);
  for (const key of keys) if (filters[key]) next.set(key, filters[key]);
  if (sort !== DEFAULT_SORT) next.set("sort", sort);
  return next.toString();
}

/** Whether this page was opened by a search from another page's header box: a link
followed (not a reload, nor Back or Forward) from a page of this site (`base`, its path) that
is not a search page, with a query and nothing else (what the header's form sends). A host
that sends no referrer leaves the focus where any page starts. */
export function cameFromHeader(params, base) {
  const [navigation] = performance.getEntriesByType("navigation");
  if (navigation?.type !== "navigate" || !document.referrer) return false;
  const from = new URL(document.referrer);
  return from.origin === location.origin && from.pathname.startsWith(base)
    && !/\/(ar|en)\/search\/$/.test(from.pathname)
    && [...params.keys()].every((key) => key === "q");
}

/** Points the language switch (`link`, if the page has one) at the other language's search
page asking `current`, with its sort and its year only: the other filters name people,
places and sources in the page's own language. */
export function languageSwitcher(link) {
  const otherPage = link?.getAttribute("href").split("?")[0];
  return (current) => {
    if (!link) return;
    const search = address(current, ["year"]);
    link.setAttribute("href", otherPage + (search ? "?" + search : ""));
  };
}
