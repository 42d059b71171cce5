// The pages of the entities a query names, a line each above the results ("Entity page:
// Mustafa al-Kadhimi — 34 articles"). The build lists each entity with the key forms of its
// names' words (newsarchive/assembly/searchnames.py), so the page only compares keys: the
// query's readings (readings.js) with those forms (docs/search.md, "Entity pages").

import { runTags } from "./bidi.js";
import { withNameSpellings } from "./latinnames.js";

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

// The columns of the entities file the page reads (newsarchive/assembly/searchnames.py,
// ENTITY_COLUMNS): the file names them once, its rows are arrays in their order.
const COLUMNS = ["name", "page", "articles", "forms", "names", "other"];

/** The rows of an entities file ({columns, entities}) as objects keyed by the columns' names
({name, page, articles, forms, names, other}), made once when the file is read; a file that
lacks one of COLUMNS is refused, naming the file (url) and the columns. */
function namedRows({ columns, entities }, url) {
  const missing = COLUMNS.filter((column) => !columns?.includes(column));
  if (missing.length) throw new Error(`${url}: no column ${missing.join(", ")}`);
  return entities.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
}

/** The language's entities file (the address in the page's data-entities), read once:
{entities: its rows (namedRows: name, page, articles, forms, names, other: the name in the
other language, if any), most named first (names: for the results' marks, excerpts.js);
byForm: each form's rows; byName: each row by its name}, or null when the site has none or
it cannot be read (the search goes on without it). */
export async function loadEntityNames(url) {
  if (!url) return null;
  try {
    const response = await fetch(url, { cache: "no-cache" }); // rewritten by each build
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const entities = namedRows(await response.json(), url);
    const byForm = new Map();
    const byName = new Map();
    entities.forEach((entity, row) => {
      const { name, forms } = entity;
      if (!byName.has(name)) byName.set(name, entity);
      for (const form of forms.split(" ")) {
        if (!byForm.has(form)) byForm.set(form, []);
        byForm.get(form).push(row);
      }
    });
    return { entities, byForm, byName };
  } catch (error) {
    console.warn("entity pages not offered:", error);
    return null;
  }
}

/** The other language's entities file, read the first time it is asked for (a query in the
other script): most queries never need it. */
export function lazyEntityNames(url) {
  let names;
  return () => (names ??= loadEntityNames(url));
}

function joining(readings) {
  return readings.some((reading) => JOINING.has(reading));
}

/** The entities whose names hold every word of the query (queryReadings: each word's
readings), most named first, at most SHOWN. A word is the first of its readings that is a
word of some name: it is stripped of a proclitic only when it is no name's word as it is
(كندا is Canada's, never ندا; وبغداد is بغداد). A word of no name names no entity. */
export function namedEntities(names, query, most = SHOWN) {
  if (!names || query.length === 0 || query.every(joining)) return [];
  let rows = null;
  for (const readings of query) {
    const form = readings.find((reading) => names.byForm.has(reading));
    if (form === undefined) return [];
    const holding = names.byForm.get(form);
    rows = rows === null ? holding : rows.filter((row) => holding.includes(row));
  }
  return rows.slice(0, most).map((row) => names.entities[row]);
}

const ARABIC_LETTER = /(?=\p{L})\p{Script=Arabic}/u;
const LATIN_LETTER = /(?=\p{L})\p{Script=Latin}/u;

/** Whether the query is written in the other language's script alone (Latin on the Arabic
page, Arabic on the English page): the letters of its words as typed, each's first reading.
Digits and punctuation are no script's: ٢٠١٤ is 2014 to the index of either page, which
finds it already, and Trump ٢٠١٤ on the Arabic page is written in English. */
function inOtherScript(query, lang) {
  const typed = query.map((readings) => readings[0]).join(" ");
  const [arabic, latin] = [ARABIC_LETTER.test(typed), LATIN_LETTER.test(typed)];
  return lang === "ar" ? latin && !arabic : arabic && !latin;
}

/** What the page offers a query above its results (docs/search.md, "Entity pages"): `named`,
the rows of the entities it names (namedEntities); `otherName`, when it names one entity
alone, that entity's name in the other language, which the language switch carries instead
of the query (`القوات`, a word of several forces' names, is carried as typed); `otherScript`,
the query is in the other language's script. Such a query also names the entities whose
names in the other language hold its words (the other file, `loadOther`, read only then),
offered by their rows in this language (`Trump` on the Arabic page: دونالد ترامب's page);
the switch carries it as typed, already in the other page's language. */
export async function entityOffer(names, loadOther, query, lang) {
  const [own, otherScript] = [await names, inOtherScript(query, lang)];
  const named = namedEntities(own, query);
  if (!otherScript || !own) {
    return { named, otherName: (named.length === 1 && named[0].other) || null, otherScript };
  }
  // A Latin query on the Arabic page spells English names as the English page reads them.
  const other = await loadOther();
  const spelt = lang === "ar" ? withNameSpellings(query, other) : query;
  const theirs = namedEntities(other, spelt, Infinity);
  const found = new Set([...named, ...theirs.map((row) => own.byName.get(row.other))]);
  found.delete(undefined);
  return { named: [...found].slice(0, SHOWN), otherName: null, otherScript };
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
screen reader reads the link as it is shown); then, given `other` ({href, q}), a link to the
other language's search for the query. */
export function showEntityPages(list, named, strings, lang, other = null) {
  const items = named.map(({ name, page, articles }) => item(page, strings.entityPage, {
    "{name}": () => nameShown(name, lang),
    "{count}": () => countText(strings.entityArticles, lang, articles),
  }));
  if (other) {
    items.push(item(other.href, strings.searchOther, { "{query}": () => nameShown(other.q, lang) }));
  }
  list.replaceChildren(...items);
}

/** A line of the list: a link to `href` reading `text`, each of its placeholders filled. */
function item(href, text, fill) {
  const link = document.createElement("a");
  link.href = href;
  for (const piece of text.split(/(\{[a-z]+\})/)) {
    if (fill[piece]) link.append(fill[piece]());
    else if (piece) link.append(piece);
  }
  const line = document.createElement("li");
  line.append(link);
  return line;
}
