// A quoted phrase (docs/search.md, "Which articles match"): which of the articles holding
// every word of it hold the words one after the other, in the title or in the text.

import { holdsPhrase, originalText } from "./excerpts.js";

/** The hits whose article holds the query's words consecutively in its title or in its
text: each is checked on its own, so a phrase that runs from the title's last words into
the text's first does not count. marker: where the key copy starts in Pagefind's content
(the phrase is looked for before it). */
export async function holdingPhrase(hits, query, marker) {
  const kept = await Promise.all(hits.map(async (hit) => {
    const data = await hit.result.data();
    return holdsPhrase(data.meta.title || "", query) ||
      holdsPhrase(originalText(data.content, marker), query);
  }));
  return hits.filter((_, i) => kept[i]);
}
