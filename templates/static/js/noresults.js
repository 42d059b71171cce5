// What the page says under a search that found nothing (templates/search.html): what to
// try. The tips that fit the search come first: removing a filter where one is chosen, the
// search without its quotation marks for a quoted phrase, fewer words where there are several
// (every word is required); then another word or spelling, and the ways to every article
// without a search. The bare count ("No results") left the reader guessing which of these the
// search had needed.

/** The list's item of what to try, from the page's template, with the tips that fit the
search: the `filters` chosen, how many `words` the query has, whether it is a quoted
`phrase`. */
export function noResults(root, filters, words, phrase) {
  const fits = {
    filters: Object.keys(filters).length > 0,
    phrase: phrase,
    words: !phrase && words > 1,
  };
  const item = root.querySelector("template.no-results").content.firstElementChild.cloneNode(true);
  for (const tip of item.querySelectorAll("[data-tip]")) {
    if (!fits[tip.dataset.tip]) tip.remove();
  }
  return item;
}
