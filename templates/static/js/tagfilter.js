// An article's tags as a filter of the search page. The spellings of one tag (`#اقتصاد`,
// `الاقتصاد`, `اقتصاد`: content/tags.py says which are one) are one choice of the menu, and
// choosing it, or following a tag's link from an article in any of its spellings, searches
// every spelling the index holds (docs/search.md, "Tags").

import { toKey } from "./readings.js";

export const TAG = "tag";

/** The form the spellings of one tag share (tags.tag_key): each word's key, without a
leading ال; matching only, never shown. */
export function tagKey(tag) {
  const words = tag.replace(/^#+/, "").replaceAll("_", " ").split(/\s+/).filter(Boolean);
  return words.map((word) => {
    const key = toKey(word);
    const bare = key.startsWith("ال") ? key.slice(2) : key;
    return bare.length >= 2 ? bare : key;
  }).join(" ");
}

/** The tag menu's choices from the spellings the index holds: {shown: [spellings]}, each
tag shown in the spelling that sorts first. */
export function tagChoices(values, lang) {
  const byKey = new Map();
  for (const value of [...values].sort((a, b) => a.localeCompare(b, lang))) {
    const key = tagKey(value);
    byKey.set(key, [...(byKey.get(key) ?? []), value]);
  }
  return Object.fromEntries([...byKey.values()].map((spellings) => [spellings[0], spellings]));
}

/** The choice a tag written `value` (an article's spelling, in an address) selects among
`choices` (tagChoices); "" when the index holds no spelling of it. */
export function tagChoice(value, choices) {
  const key = tagKey(value ?? "");
  return Object.keys(choices).find((shown) => tagKey(shown) === key) ?? "";
}

/** The filters as Pagefind is asked them: a tag, every spelling of it (`available`: the
filters' values, as the menus list them). */
export function pagefindFilters(filters, available) {
  if (!filters[TAG]) return filters;
  const key = tagKey(filters[TAG]);
  const spellings = (available?.[TAG] ?? []).filter((value) => tagKey(value) === key);
  return { ...filters, [TAG]: { any: spellings.length ? spellings : [filters[TAG]] } };
}
