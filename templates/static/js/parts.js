// The search index in parts: one Pagefind bundle per year (per month in a large year;
// newsarchive/build/searchindex.py), a word map saying which parts hold each word
// (searchmap.py), and the lookups that decide which articles hold every word of a query and
// in what order they come (docs/search.md).

import {
  holdsInternalWord, isPhrase, numbersJoined, queryReadings, sameWord, toKey, tokenize,
  typedOnlyRanks,
} from "./readings.js";
import { holdingPhrase } from "./phrase.js";
import { keptOnce, partFactors, rankedListing } from "./relevance.js";
import { readFilterValues, readManifest } from "./manifest.js";
import { LostDownload, watchDownloads } from "./connection.js";

export const SORTS = { relevance: null, newest: { date: "desc" }, oldest: { date: "asc" } };
// The hidden filter that marks which bundle (a year's or month's part, see
// newsarchive/build/searchindex.py, or the word map) a page is in.
export const PART = "part";

// Pagefind's BM25 with little weight on page length (its default 0.75 let a short page that
// holds only a registry variant in its key copy outrank a long article naming the entity as
// typed), and a strong preference for whole words over longer ones that begin the same way.
const RANKING = { pageLength: 0.1, termSimilarity: 4 };

// The map's record of the words found in nearly every part (searchmap.py): a search for one
// of them goes to every part.
const EVERYWHERE = "everywhere";

/** Pagefind, opened on the language's parts: {parts (newest first), pages (part -> its page
count, where parts.json says), routes (map record id -> part, or null: no word map), map
(the map's folder, or null), instance(name): a promise of the Pagefind instance that searches that
part (or the map), lost(): how many of its downloads did not arrive}. An instance is opened
when a search first needs its part.

Each part has an instance of its own (Pagefind 1.5's createInstance), so that every result
is known to come from its part: relevance needs it (relevance.js, partFactors), and a search
runs in the parts it names only (merged into one instance, Pagefind searched every part
merged for each search, and no result said which part it came from). Every instance opens
the same bundle first (the word map, or the newest part without one) and merges its part
into it: Pagefind loads its WebAssembly from the first bundle's address, so it is
downloaded once for all. All of them run in the page's one Pagefind worker, and share its
one WebAssembly module, which the first instance made sets up: instances made before it was
set up each made one of their own, and the worker's searches then failed ("memory access
out of bounds"), so the first bundle's instance is opened, and has searched, before any
other is made. manifest: parts.json as just read, if it was. */
export async function openIndex(index, lang, baseUrl, manifest = null) {
  manifest ??= await readManifest(index);
  const own = manifest.parts.filter((part) => part.languages.includes(lang));
  const parts = own.map((part) => part.name);
  if (parts.length === 0) return { instance: null, parts, lost: () => 0 };
  const routes = manifest.maps?.[lang] ?? null;
  const first = routes ? `map-${lang}` : parts[0];
  const pagefind = await import(`${index}${first}/pagefind.js`);
  // Pagefind fetches a bundle's entry file anew for each instance that opens it (a timestamp
  // in its address); one per page keeps it fresh and fetches the first bundle's once.
  const options = { baseUrl, ranking: RANKING, metaCacheTag: String(Date.now()) };
  const instances = new Map();
  const lookups = new Map();
  let lost = 0;
  // A part that lost a download (connection.js) is opened anew by its next search, its entry
  // file read anew (a chunk gone with a new deploy is named in the new one), and its lookups
  // kept are forgotten; every part, if the worker failed. The instance that lost it is left
  // in the worker, not destroyed: the results shown read their data through it.
  const root = new URL(index, location.href).href;
  watchDownloads((url) => {
    const name = url.startsWith(root) ? url.slice(root.length).split("/")[0] : "";
    if (!name) return;
    lost += 1;
    const gone = url.endsWith("/pagefind-worker.js") ? [...instances.keys()] : [name];
    for (const each of gone) {
      instances.delete(each);
      for (const kept of lookups.values()) kept.delete(each);
    }
    options.metaCacheTag = String(Date.now());
  });
  const instance = (name) => {
    if (!instances.has(name)) {
      const made = open(name);
      made.catch(() => { if (instances.get(name) === made) instances.delete(name); });
      instances.set(name, made);
    }
    return instances.get(name);
  };
  const open = async (name) => {
    if (name !== first) await instance(first);
    const made = pagefind.createInstance(
      { ...options, basePath: `${index}${first}/`, mergeFilter: { [PART]: first } });
    if (name === first) {
      await made.search(""); // returns once the instance, and so the WebAssembly, is set up
    } else {
      await made.mergeIndex(`${index}${name}/`, { ...options, mergeFilter: { [PART]: name } });
    }
    return made;
  };
  return {
    parts, routes, map: routes ? first : null, instance, lost: () => lost, lookups,
    pages: new Map(own.filter((part) => part.pages > 0).map((part) => [part.name, part.pages])),
    filterValues: keptOnce(() => readFilterValues(index, lang, parts, routes)),
  };
}

/** Pagefind's search of one part (or of the map): its instance searches the first bundle
too, which the part filter leaves out. Pagefind answers without a download it lost: a
search while one was lost (its own, or another's that it waited for) fails with
LostDownload, and is forgotten (lookUpOnce). */
async function searchPart(opened, name, text, { filters = {}, sort } = {}) {
  const lost = opened.lost();
  let found;
  try {
    const instance = await opened.instance(name);
    found = await instance.search(text, { filters: { ...filters, [PART]: name }, ...(sort ? { sort } : {}) });
  } catch (error) {
    if (opened.lost() === lost) throw error;
  }
  if (opened.lost() !== lost) throw new LostDownload(`${name}: a download did not arrive`);
  return found;
}

/** The values of every filter in the language's parts: {filter: [values]}, read once. */
export function filterValues(opened) {
  return opened.instance ? opened.filterValues() : Promise.resolve({});
}

/** Where to search: {parts, query}. parts: those that can hold an article with every word
of the query (in one of its readings), newest first: the parts whose word map record holds
every word (a map record holds a reading exactly when a page of its part does: the same
Pagefind looks it up the same way), and any part the map does not know. query: the query
with the readings no part holds left out (null), which need no lookup in any part. */
export async function route(opened, query) {
  if (!opened.routes) return { parts: opened.parts, query };
  const lookUpMap = async (reading) => {
    const records = await lookUpOnce(opened, reading, {}, [opened.map], false);
    return [...records.keys()].flatMap((id) =>
      (opened.routes[id] === EVERYWHERE ? opened.parts : [opened.routes[id]]));
  };
  // Every reading of every word at once: one wait for the map, however long the query.
  const found = await Promise.all(query.map((readings) => Promise.all(readings.map(lookUpMap))));
  const holding = found
    .map((each) => new Set(each.flat()))
    .reduce((all, word) => new Set([...all].filter((name) => word.has(name))));
  const known = new Set(Object.values(opened.routes));
  const parts = opened.parts.filter((name) => !known.has(name) || holding.has(name));
  const searched = query.map((readings, i) =>
    readings.map((reading, j) => (found[i][j].length ? reading : null)));
  return { parts, query: parts.every((name) => known.has(name)) ? searched : query };
}

// The word of every indexed page (newsarchive/assembly/searchtext.py, EVERY_PAGE). Looking
// it up lists a part's pages from the one index chunk that holds it; Pagefind's search
// without a word would download every chunk of the part.
const EVERY_PAGE = "everyarchivepage";

/** A part's articles in date order, newest first, per filters (the word of every page looked
up in the part). */
async function byDate(opened, name, filters) {
  return (await searchPart(opened, name, `"${EVERY_PAGE}"`, { filters, sort: SORTS.newest })).results;
}

/** Results read a page at a time: {count(): a promise of how many, page(from, size): a
promise of those results}. */
function listing(results) {
  return {
    count: async () => results.length,
    page: async (from, size) => results.slice(from, from + size),
  };
}

/** `count` results in date order (oldest first when sort is "oldest", else newest first),
read a page at a time: the parts that can hold them are listed one by one, newest (or
oldest) first, only as far as the page read needs (listing every part of a large archive took
50 s: 132 parts a language at 100,000 articles). hitOf: a part's article's hit (its results
for each form of each query word, a list a word, whose word locations its highlights need), or undefined
if it is no result. */
function datedListing(opened, parts, filters, sort, count, hitOf) {
  const order = sort === "oldest" ? [...parts].reverse() : parts;
  const dated = [];
  let next = 0;
  let reading = Promise.resolve();
  const readTo = async (end) => {
    while (dated.length < end && next < order.length) {
      const found = (await byDate(opened, order[next++], filters))
        .map((result) => [result, hitOf(result)]).filter(([, hit]) => hit);
      dated.push(...(sort === "oldest" ? found.reverse() : found).map(([result, hit]) =>
        ({ result, each: hit.words?.map((forms) => forms.map((form) => form.result)) })));
    }
  };
  return {
    count: async () => count,
    page: (from, size) => {
      // One reader at a time; a failed read (the network) is tried again by the next.
      reading = reading.catch(() => {}).then(() => readTo(from + size));
      return reading.then(() => dated.slice(from, from + size));
    },
  };
}

const LOOKUPS_KEPT = 64; // readings with their filters

/** The articles holding one reading in these parts: a promise of {id: [result, score,
plain]} (score 0 and plain undefined unless ranked). plain: the article in Pagefind's plain
search, whose word locations are complete (the exact search's leave out some: highlights).

Pagefind extends a query word to every indexed word it begins ("سور" finds "سوريا"), and
backtracks a word it cannot find to the longest indexed word it starts with: both list
articles without the word. A quoted word is looked up exactly (after Pagefind's stemmer), so
that search decides which articles hold the reading; the plain search ranks them (BM25 over
the text and the title, the hidden key copy weighing a tenth), each part's scores scaled to
those of one index of all the parts searched (relevance.js, partFactors).

Both searches are kept on the page, by reading, filters and part: going back to a date sort,
or to relevance, adding a word to a query or taking it away repeats none of them (a common
word's searches are most of its search time: about a second at 20,000 articles), and
ranking a reading already looked up adds only its plain search. The index a page opened
does not change under it: when the parts are re-indexed, the page reloads (search.js). A
failed search is forgotten, to be tried again. */
function lookUpOnce(opened, reading, filters, parts, rank) {
  if (reading === null) return Promise.resolve(new Map()); // a reading no part holds (route)
  const key = JSON.stringify([reading, filters]);
  const kept = opened.lookups.get(key) ?? new Map(); // part -> {exact, ranked}
  opened.lookups.delete(key); // re-inserted last: the least recently used go first
  opened.lookups.set(key, kept);
  for (const oldest of opened.lookups.keys()) {
    if (opened.lookups.size <= LOOKUPS_KEPT) break;
    opened.lookups.delete(oldest);
  }
  const search = (name, field, text) => {
    const found = searchPart(opened, name, text, { filters });
    found.catch(() => { if (kept.get(name)?.[field] === found) delete kept.get(name)[field]; });
    return found;
  };
  const each = parts.map((name) => {
    const part = kept.get(name) ?? {};
    kept.set(name, part);
    part.exact ??= search(name, "exact", `"${reading}"`);
    if (rank) part.ranked ??= search(name, "ranked", reading);
    return Promise.all([part.exact, rank ? part.ranked : null]);
  });
  return Promise.all(each).then((found) => {
    // Each part's pages, and how many of them hold the reading in Pagefind's plain search
    // (before the filters: the count its idf is made of).
    const factors = rank ? partFactors(Object.fromEntries(found.map(([, ranked], i) => [
      parts[i],
      [opened.pages.get(parts[i]) ?? 0, ranked.totalFilters?.[PART]?.[parts[i]] ?? 0],
    ]))) : {};
    const hits = new Map();
    found.forEach(([exact, ranked], i) => {
      const plain = new Map((ranked?.results ?? []).map((result) => [result.id, result]));
      for (const result of exact.results) {
        const also = plain.get(result.id);
        hits.set(result.id, [result, (also?.score ?? 0) * (factors[parts[i]] ?? 1), also]);
      }
    });
    return hits;
  });
}

/** The articles holding every word of the query in one of its accepted forms, in these
parts, each with the forms it holds: [{result, words: [[{reading, result, score}]]}], a
word's forms in the order of its readings, so a word held as typed (its first reading) has
it first (docs/search.md, "Which articles match"). rank: the first reading of each word is
ranked (only it: see rankedListing). */
export async function matching(opened, query, filters, parts, rank = true) {
  if (!opened.instance || query.length === 0) return [];
  let found = null;
  for (const readings of query) {
    const each = await Promise.all(readings.map((reading, i) =>
      lookUpOnce(opened, reading, filters, parts, rank && i === 0)));
    const word = new Map();
    each.forEach((hits, i) => {
      for (const [id, [result, score, plain]] of hits) {
        if (!word.has(id)) word.set(id, []);
        word.get(id).push({ reading: i, result, score, plain });
      }
    });
    // The word as typed in a spelling none of its readings is ranks only: Pagefind's
    // stemmer joins it with words that are not it (هيئة, read as هيية, with هي).
    if (typedOnlyRanks(readings)) {
      for (const [id, forms] of word) if (forms.every((form) => form.reading === 0)) word.delete(id);
    }
    if (found === null) {
      found = new Map([...word].map(([id, forms]) => [id, { result: forms[0].result, words: [forms] }]));
    } else {
      for (const [id, hit] of found) {
        if (word.has(id)) hit.words.push(word.get(id));
        else found.delete(id);
      }
    }
    if (found.size === 0) break;
  }
  return withoutJoinedNumbers(opened, query, filters, parts, [...(found?.values() ?? [])]);
}

// Pagefind indexes a run of text between spaces without its non-word characters, so 4.7 or
// ٤٫٧ is also the word 47 to it, which no reader means by it. The build names each such run
// in the key copy as this word and its digits (searchtext.py, JOINED_NUMBER).
const JOINED_NUMBER = "joineddigits";
const DIGITS = /^[0-9]+$/;

/** The hits that hold each number of the query as a word (docs/search.md, "Which articles
match"): of the articles Pagefind finds for a number, only those that also hold it joined
from a run such as 4.7 are read, and kept if their title or text (or a registry name, in the
key copy) has the number as a word of its own (a proclitic attached: و47), or as its groups of
thousands (120,000 for 120000: numbersJoined). */
async function withoutJoinedNumbers(opened, query, filters, parts, hits) {
  const digits = (readings) => readings.filter((r) => r !== null && DIGITS.test(toKey(r)));
  const numbers = query.filter((readings) => digits(readings).length > 0);
  if (hits.length === 0 || numbers.length === 0) return hits;
  const joined = await Promise.all(numbers.map(async (readings) => {
    const terms = [...new Set(digits(readings).map((r) => JOINED_NUMBER + toKey(r)))];
    const { parts: holding, query: held } = await route(opened, [terms]);
    const names = parts.filter((name) => holding.includes(name));
    const found = await Promise.all(held[0].map((term) => lookUpOnce(opened, term, filters, names, false)));
    return new Set(found.flatMap((ids) => [...ids.keys()]));
  }));
  const kept = await Promise.all(hits.map(async (hit) => {
    const doubtful = numbers.filter((_, i) => joined[i].has(hit.result.id));
    if (doubtful.length === 0) return true;
    const data = await hit.result.data();
    const text = `${data.meta.title || ""}\n${data.content}`;
    const keys = numbersJoined(text, tokenize(text), doubtful)
      .flatMap((t) => [t.key, ...(t.parts ?? [])]);
    return doubtful.every((readings) => keys.some((key) => sameWord(key, readings)));
  }));
  return hits.filter((_, i) => kept[i]);
}

/** The articles holding every word of the query in one of its readings, in the parts that
can hold them: {query: as searched (route), filters, parts: those parts, hits}; null when no
part can. rank: each word's first reading is ranked (matching). */
async function lookUp(opened, query, filters, rank) {
  const { parts, query: searched } = await route(opened, query);
  if (parts.length === 0) return null;
  const hits = await matching(opened, searched, filters, parts, rank);
  return { query: searched, filters, parts, hits };
}

/** The scores of every reading of a lookUp's query in its parts: [word][reading] -> {id:
[result, score]}. A typed reading looked up in the same parts is kept, not searched again. */
function rankAll(opened, found) {
  return Promise.all(found.query.map((readings) => Promise.all(readings.map(
    (reading) => lookUpOnce(opened, reading, found.filters, found.parts, true)))));
}

/** Every result of a search, in the order asked for: a listing (count, page) of {result}
(and score when relevant). marker: where the key copy starts in Pagefind's content (a
phrase is looked for before it); query: the readings of the text's words, where the page
reads more than queryReadings does (names in other spellings: latinnames.js). */
export async function searchParts(
  index, text, filters, sort, marker = "\u2042\u2042", query = queryReadings(text),
) {
  if (!index.instance) return listing([]);
  // No text holds the word of every page, nor the index's other words of its own (a number
  // joined from 4.7, a reading in its exact form): a reader who types one finds nothing.
  if (holdsInternalWord(text)) return listing([]);
  if (query.length === 0) {
    // How many pages each part holds under the filters; only parts holding some are listed
    // in date order.
    const held = await Promise.all(index.parts.map(async (name) =>
      (await searchPart(index, name, `"${EVERY_PAGE}"`, { filters })).results.length));
    const parts = index.parts.filter((_, i) => held[i] > 0);
    const count = held.reduce((sum, each) => sum + each, 0);
    return datedListing(index, parts, filters, sort, count, () => ({}));
  }
  const rank = (found) => rankAll(index, found);
  const phrase = isPhrase(text, query);
  if (sort === "relevance" && !phrase) {
    // The first page needs only the articles holding every word as typed (rankedListing).
    // A word typed in a spelling that only ranks (typedOnlyRanks) holds no article by itself:
    // those holding it are found with its other readings, after the first page.
    const typed = query.map((readings) => readings.slice(0, 1));
    const all = () => lookUp(index, query, filters, false);
    return rankedListing(await lookUp(index, typed, filters, true), keptOnce(all), rank);
  }
  // A date sort needs no ranking: Pagefind's ordinary search, the slower, is left out.
  const found = await lookUp(index, query, filters, sort === "relevance");
  if (!found) return listing([]);
  let { hits } = found;
  if (phrase) hits = await holdingPhrase(hits, query, marker);
  if (sort === "relevance") {
    const asTyped = (hit) => hit.words.every((forms) => forms[0].reading === 0);
    const typed = { ...found, hits: hits.filter(asTyped) };
    return rankedListing(typed, async () => ({ ...found, hits }), rank);
  }
  const byId = new Map(hits.map((hit) => [hit.result.id, hit]));
  return datedListing(index, found.parts, filters, sort, hits.length,
    (result) => byId.get(result.id));
}
