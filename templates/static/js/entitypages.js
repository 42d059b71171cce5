// The pages of the entities a query names, a line each above the results ("Entity page:
// Mustafa al-Kadhimi — 34 articles"). The build lists each entity with the key forms of its
// names' words (newsarchive/assembly/searchnames.py), so the page only compares keys: the
// query's readings (readings.js) with those forms (docs/search.md, "Entity pages").

import { runTags } from "./bidi.js";

const SHOWN = 3; // the most named of the entities a query names
// Words that join the words of names and name nothing by themselves (keys): a query of
// these alone offers no page, though names hold them (`the` would offer The Pentagon, `في`
// any name written with في). A name as short as they are (CNN, قم) is offered.
const JOINING = new Set([
  "a", "an", "and", "the", "of", "for", "in", "on", "at", "to", "al", "el", "de",
  "في", "من", "عن", "الي", "ال", "و",
]);

/** A count in words, as the search page has always said its count of results: the
language's plural form of `forms`, {n} written as the browser writes numbers in the
language (toLocaleString: "3 مقالات" in Chromium). */
export function countText(forms, lang, n) {
  const form = n === 0 ? "zero" : new Intl.PluralRules(lang).select(n);
  return (forms[form] || forms.other).replace("{n}", n.toLocaleString(lang));
}

/** The language's entities file (the address in the page's data-entities), read once:
{entities: [name, page, articles, forms] rows, most named first; byForm: each form's rows}, or
null when the site has none or it cannot be read (the search goes on without it). */
export async function loadEntityNames(url) {
  if (!url) return null;
  try {
    const response = await fetch(url, { cache: "no-cache" }); // rewritten by each build
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const { entities } = await response.json();
    const byForm = new Map();
    entities.forEach(([, , , forms], row) => {
      for (const form of forms.split(" ")) {
        if (!byForm.has(form)) byForm.set(form, []);
        byForm.get(form).push(row);
      }
    });
    return { entities, byForm };
  } catch (error) {
    console.warn("entity pages not offered:", error);
    return null;
  }
}

function joining(readings) {
  return readings.some((reading) => JOINING.has(reading));
}

/** The entities whose names hold every word of the query (queryReadings: each word's
readings), most named first, at most SHOWN. A word is the first of its readings that is a
word of some name: it is stripped of a proclitic only when it is no name's word as it is
(كندا is Canada's, never ندا; وبغداد is بغداد). A word of no name names no entity. */
export function namedEntities(names, query) {
  if (!names || query.length === 0 || query.every(joining)) return [];
  let rows = null;
  for (const readings of query) {
    const form = readings.find((reading) => names.byForm.has(reading));
    if (form === undefined) return [];
    const holding = names.byForm.get(form);
    rows = rows === null ? holding : rows.filter((row) => holding.includes(row));
  }
  return rows.slice(0, SHOWN).map((row) => names.entities[row]);
}

/** A name set apart from the line's direction (bdi), its runs of the page's other script
(Latin in an Arabic name) set apart and tagged with their language, as the pages set them. */
export function nameShown(name, lang) {
  const shown = document.createElement("bdi");
  const tags = runTags(name, 0, name.length, [], lang);
  let at = 0;
  for (let i = 0; i < tags.length; i += 2) {
    const [start, end] = [tags[i][0], tags[i + 1][0]];
    const run = document.createElement("bdi");
    run.lang = lang === "ar" ? "en" : "ar";
    run.textContent = name.slice(start, end);
    shown.append(name.slice(at, start), run);
    at = end;
  }
  shown.append(name.slice(at));
  return shown;
}

/** `list`'s items: a link to the page of each entity named, the whole line its words (a
screen reader reads the link as it is shown). */
export function showEntityPages(list, named, strings, lang) {
  list.replaceChildren(...named.map(([name, page, articles]) => {
    const link = document.createElement("a");
    link.href = page;
    for (const piece of strings.entityPage.split(/(\{name\}|\{count\})/)) {
      if (piece === "{name}") {
        link.append(nameShown(name, lang));
      } else if (piece === "{count}") {
        link.append(countText(strings.entityArticles, lang, articles));
      } else if (piece) {
        link.append(piece);
      }
    }
    const item = document.createElement("li");
    item.append(link);
    return item;
  }));
}
