// The pages of the entities a query names, a line each above the results ("Entity page:
// Mustafa al-Kadhimi — 34 articles"). The build lists each entity with the key forms of its
// names' words (newsarchive/assembly/searchnames.py), so the page only compares keys: the
// query's readings (readings.js) with those forms (docs/search.md, "Entity pages").

const SHOWN = 3; // the most named of the entities a query names
const ARABIC = /[\u0600-\u06ff]/;
// A query of short words only (في, al, of, the) names nothing: names of every kind hold them.
const SHORT = { arabic: 2, latin: 3 };

/** A count in words, as the site says counts: the language's plural form of `forms` ({n},
with the language's digits: Arabic-Indic on the Arabic page). */
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

function short(readings) {
  const longest = Math.max(...readings.map((reading) => [...reading].length));
  return longest <= (ARABIC.test(readings[0]) ? SHORT.arabic : SHORT.latin);
}

/** The entities whose names hold every word of the query (queryReadings: each word's
readings), most named first, at most SHOWN. A word is the first of its readings that is a
word of some name: it is stripped of a proclitic only when it is no name's word as it is
(كندا is Canada's, never ندا; وبغداد is بغداد). A word of no name names no entity. */
export function namedEntities(names, query) {
  if (!names || query.length === 0 || query.every(short)) return [];
  let rows = null;
  for (const readings of query) {
    const form = readings.find((reading) => names.byForm.has(reading));
    if (form === undefined) return [];
    const holding = names.byForm.get(form);
    rows = rows === null ? holding : rows.filter((row) => holding.includes(row));
  }
  return rows.slice(0, SHOWN).map((row) => names.entities[row]);
}

/** `list`'s items: a link to the page of each entity named, the whole line its words (a
screen reader reads the link as it is shown), the name set apart from the line's direction
(bdi) and tagged with its language where its script is the other one. */
export function showEntityPages(list, named, strings, lang) {
  list.replaceChildren(...named.map(([name, page, articles]) => {
    const link = document.createElement("a");
    link.href = page;
    for (const piece of strings.entityPage.split(/(\{name\}|\{count\})/)) {
      if (piece === "{name}") {
        const shown = document.createElement("bdi");
        shown.textContent = name;
        if (ARABIC.test(name) !== (lang === "ar")) shown.lang = lang === "ar" ? "en" : "ar";
        link.append(shown);
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
