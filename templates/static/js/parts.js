// The search index in parts: one Pagefind bundle per year (per month in a large year;
// newsarchive/build/searchindex.py), a word map saying which parts hold each word
// (searchmap.py), and the lookups that decide which articles hold every word of a query and
// in what order they come (docs/search.md).

import { holdsPhrase, isPhrase, queryReadings } from "./readings.js";
import { originalText } from "./excerpts.js";

export const SORTS = { relevance: null, newest: { date: "desc" }, oldest: { date: "asc" } };
// The hidden filter that marks which part (a year's or month's bundle, see
// newsarchive/build/searchindex.py) a page is in.
export const PART = "part";

/** The list of parts, and those whose pages changed since they were indexed ("updating"). */
async function readManifest(index) {
  const response = await fetch(index + "parts.json", { cache: "no-cache" });
  if (!response.ok) throw new Error(`${index}parts.json: ${response.status}`);
  return response.json();
}

/** Whether the manifest lists a part of this language as behind its pages (a build is
indexing it now). */
function behind(manifest, lang) {
  return (manifest.updating || []).some((name) => name.endsWith(`-${lang}`));
}

/** Whether some part of this language is behind its pages now. */
export async function indexBehind(index, lang) {
  return behind(await readManifest(index), lang);
}

/** The manifest, once no part of this language is behind its pages (waiting: whileBehind
is called first). */
export async function caughtUp(index, lang, whileBehind) {
  let manifest = await readManifest(index);
  if (behind(manifest, lang)) whileBehind();
  while (behind(manifest, lang)) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    manifest = await readManifest(index);
  }
  return manifest;
}

// Pagefind's BM25 with little weight on page length (its default 0.75 let a short page that
// holds only a registry variant in its key copy outrank a long article naming the entity as
// typed), and a strong preference for whole words over longer ones that begin the same way.
const RANKING = { pageLength: 0.1, termSimilarity: 4 };

// The hidden filter value of the word map's records (searchmap.py), which no part has.
const MAP = "map";
// The map's record of the words found in nearly every part (searchmap.py): a search for one
// of them goes to every part.
const EVERYWHERE = "everywhere";

/** Pagefind, opened on the language's word map (or, where the site has none, on every part
merged): {pagefind, parts (newest first), routes (map record id -> part, or null), merged,
load (merges one part in)}. Parts are merged in when a search needs them (mergeParts).
manifest: parts.json as just read, if it was. */
export async function openIndex(index, lang, baseUrl, manifest = null) {
  manifest ??= await readManifest(index);
  const parts = manifest.parts
    .filter((part) => part.languages.includes(lang)).map((part) => part.name);
  if (parts.length === 0) return { pagefind: null, parts };
  const routes = manifest.maps?.[lang] ?? null;
  const first = routes ? `map-${lang}` : parts[0];
  const pagefind = await import(`${index}${first}/pagefind.js`);
  await pagefind.options({ baseUrl, ranking: RANKING, mergeFilter: { [PART]: routes ? MAP : first } });
  const opened = {
    pagefind, parts, routes, merged: new Map(routes ? [] : [[first, Promise.resolve()]]),
    lookups: new Map(),
    load: (name) => pagefind.mergeIndex(`${index}${name}/`,
      { baseUrl, ranking: RANKING, mergeFilter: { [PART]: name } }),
    filterValues: keptOnce(() => readFilterValues(index, lang, parts, routes)),
  };
  if (!routes) await mergeParts(opened, parts);
  return opened;
}

/** make(), as a function that makes it once: a promise that failed (the network) is made
again at the next call. */
function keptOnce(make) {
  let kept = null;
  return () => {
    if (!kept) {
      const made = make();
      made.catch(() => { if (kept === made) kept = null; });
      kept = made;
    }
    return kept;
  };
}

/** The values of every filter in the language's parts: {filter: [values]}, read once. */
export function filterValues(opened) {
  return opened.pagefind ? opened.filterValues() : Promise.resolve({});
}

/** The filter values the build lists (newsarchive/build/bundlefiles.py): the word map's, for
the parts it maps, and each other part's own. Pagefind lists them only by loading every
part's metadata and filter chunks (635 kB at 20,000 articles, 3.2 MB at 100,000), and counts,
with every search, the results of each value of every filter loaded into the Pagefind
searched: each search of a common word took 1.4 to 2 times as long once the filters were
shown. */
async function readFilterValues(index, lang, parts, routes) {
  const mapped = new Set(Object.values(routes ?? {}));
  const files = [
    ...(routes ? [`map-${lang}`] : []),
    ...parts.filter((name) => !mapped.has(name)),
  ].map((folder) => `${index}${folder}/filters.json`);
  const lists = await Promise.all(files.map(async (url) => {
    const response = await fetch(url, { cache: "no-cache" }); // rewritten by each build
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }));
  const values = {};
  for (const list of lists) {
    for (const [name, each] of Object.entries(list)) {
      values[name] = [...new Set([...(values[name] ?? []), ...each])];
    }
  }
  return values;
}

/** Merge these parts into Pagefind, each once. */
export async function mergeParts(opened, names) {
  for (const name of names) {
    if (!opened.merged.has(name)) opened.merged.set(name, opened.load(name));
  }
  await Promise.all(names.map((name) => opened.merged.get(name)));
}

/** Where to search: {parts, query}. parts: those that can hold an article with every word
of the query (in one of its readings), newest first: the parts whose word map record holds
every word (a map record holds a reading exactly when a page of its part does: the same
Pagefind looks it up the same way), and any part the map does not know. query: the query
with the readings no part holds left out (null), which need no lookup in any part. */
export async function route(opened, query) {
  if (!opened.routes) return { parts: opened.parts, query };
  const lookUpMap = async (reading) => {
    const records = await lookUpOnce(opened, reading, { [PART]: MAP }, false);
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
up in the part alone: Pagefind's merge of several parts re-sorts a date sort by rank). */
async function byDate({ pagefind }, name, filters) {
  const found = await pagefind.search(`"${EVERY_PAGE}"`,
    { filters: { ...filters, [PART]: name }, sort: SORTS.newest });
  return found.results;
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
oldest) first, only as far as the page read needs. Pagefind searches every part merged into
it for each search, so listing every part of a large archive took 50 s (132 parts a language
at 100,000 articles). keep: which of a part's articles are results. */
function datedListing(opened, parts, filters, sort, count, keep) {
  const order = sort === "oldest" ? [...parts].reverse() : parts;
  const dated = [];
  let next = 0;
  let reading = Promise.resolve();
  const readTo = async (end) => {
    while (dated.length < end && next < order.length) {
      const found = (await byDate(opened, order[next++], filters)).filter(keep);
      dated.push(...(sort === "oldest" ? found.reverse() : found).map((result) => ({ result })));
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

/** The articles holding one reading: a promise of {id: [result, score]} (score 0 unless
ranked).

Pagefind extends a query word to every indexed word it begins ("سور" finds "سوريا"), and
backtracks a word it cannot find to the longest indexed word it starts with: both list
articles without the word. A quoted word is looked up exactly (after Pagefind's stemmer), so
that search decides which articles hold the reading; the plain search ranks them (BM25 over
the text and the title, the hidden key copy weighing a tenth).

Both searches are kept on the page, by reading and filters (the parts included): going back
to a date sort, or to relevance, adding a word to a query or taking it away repeats none of
them (a common word's searches are most of its search time: about a second at 20,000
articles), and ranking a reading already looked up adds only its plain search. The index a
page opened does not change under it: when the parts are re-indexed, the page reloads
(search.js). A failed search is forgotten, to be tried again. */
function lookUpOnce(opened, reading, filters, rank) {
  if (reading === null) return Promise.resolve(new Map()); // a reading no part holds (route)
  const key = JSON.stringify([reading, filters]);
  const kept = opened.lookups.get(key) ?? {};
  opened.lookups.delete(key); // re-inserted last: the least recently used go first
  const search = (field, text) => {
    const found = opened.pagefind.search(text, { filters }).then((each) => each.results);
    found.catch(() => {
      if (opened.lookups.get(key)?.[field] === found) delete opened.lookups.get(key)[field];
    });
    return found;
  };
  kept.exact ??= search("exact", `"${reading}"`);
  if (rank) kept.ranked ??= search("ranked", reading);
  opened.lookups.set(key, kept);
  for (const oldest of opened.lookups.keys()) {
    if (opened.lookups.size <= LOOKUPS_KEPT) break;
    opened.lookups.delete(oldest);
  }
  return Promise.all([kept.exact, rank ? kept.ranked : []]).then(([exact, ranked]) => {
    const score = new Map(ranked.map((result) => [result.id, result.score]));
    return new Map(exact.map((result) => [result.id, [result, score.get(result.id) ?? 0]]));
  });
}

/** The articles holding every word of the query in one of its accepted forms, each with the
forms it holds: [{result, words: [[{reading, result, score}]]}], a word's forms in the order
of its readings, so a word held as typed (its first reading) has it first (docs/search.md,
"Which articles match"). rank: the first reading of each word is ranked (only it: see
rankedListing). */
export async function matching(opened, query, filters, rank = true) {
  if (!opened.pagefind || query.length === 0) return [];
  let found = null;
  for (const readings of query) {
    const each = await Promise.all(readings.map((reading, i) =>
      lookUpOnce(opened, reading, filters, rank && i === 0)));
    const word = new Map();
    each.forEach((hits, i) => {
      for (const [id, [result, score]] of hits) {
        if (!word.has(id)) word.set(id, []);
        word.get(id).push({ reading: i, result, score });
      }
    });
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
  return [...found.values()];
}

/** Where a hit stands: {typed: how many words it holds as typed, score, each: the result of
every word}. A word held as typed counts its typed form's score, another its best
variant's. */
function standing(hit) {
  let typed = 0;
  let score = 0;
  const each = [];
  for (const forms of hit.words) {
    const best = forms[0].reading === 0
      ? forms[0] : forms.reduce((a, b) => (b.score > a.score ? b : a));
    typed += best.reading === 0;
    score += best.score;
    each.push(best.result);
  }
  return { result: hit.result, typed, score, each };
}

const byStanding = (a, b) => b.typed - a.typed || b.score - a.score;

/** Hits best first, read a page at a time: first the articles holding every word as typed
(`typed`, looked up alone), by Pagefind's score of those words; then the others, by how many
words they hold as typed, then by score. The other readings are looked up only for the count
and for a page that reaches past the first articles (`all`, made once): for a common word
written with its article (القوات), looking up its bare stem (قوات) and ranking it were a
quarter of a second each at 20,000 articles, for results that come after the first 12,000.
The count looks them up when asked (after the first page is shown). */
function rankedListing(opened, typed, all) {
  const first = (typed?.hits ?? []).map(standing).sort(byStanding);
  const firstIds = new Set(first.map((hit) => hit.result.id));
  const others = keptOnce(async () => {
    const found = await all();
    return { found, hits: (found?.hits ?? []).filter((hit) => !firstIds.has(hit.result.id)) };
  });
  const rest = keptOnce(async () => {
    const { found, hits } = await others();
    if (hits.length === 0) return [];
    // Every reading ranked in the parts of the whole query: a typed reading looked up in the
    // same parts is kept, not searched again.
    const scores = await Promise.all(found.query.map((readings) => Promise.all(readings.map(
      (reading) => lookUpOnce(opened, reading, found.within, true)))));
    return hits.map((hit) => standing({
      result: hit.result,
      words: hit.words.map((forms, w) => forms.map((form) => ({
        ...form, score: scores[w][form.reading].get(form.result.id)?.[1] ?? 0,
      }))),
    })).sort(byStanding);
  });
  return {
    count: () => others().then(({ hits }) => first.length + hits.length),
    page: async (from, size) => {
      if (from + size <= first.length) return first.slice(from, from + size);
      return [...first, ...(await rest())].slice(from, from + size);
    },
  };
}

/** The articles holding every word of the query in one of its readings, in the parts that
can hold them: {query: as searched (route), within: the filters and those parts, hits}; null
when no part can. rank: each word's first reading is ranked (matching). */
async function lookUp(opened, query, filters, rank) {
  const { parts, query: searched } = await route(opened, query);
  if (parts.length === 0) return null;
  await mergeParts(opened, parts);
  // Only those parts: the map is merged in too, and so may be parts of an earlier query.
  const within = { ...filters, [PART]: { any: parts } };
  return { query: searched, within, hits: await matching(opened, searched, within, rank) };
}

/** Every result of a search, in the order asked for: a listing (count, page) of {result}
(and score when relevant). marker: where the key copy starts in Pagefind's content (a
phrase is looked for before it). */
export async function searchParts(index, text, filters, sort, marker = "\u2042\u2042") {
  if (!index.pagefind) return listing([]);
  const query = queryReadings(text);
  // No text holds the word of every page: a reader who types it finds nothing.
  if (query.some((readings) => readings.includes(EVERY_PAGE))) return listing([]);
  if (query.length === 0) {
    await mergeParts(index, index.parts);
    // One search finds them all and says how many each part holds; only parts holding some
    // are listed in date order.
    const found = await index.pagefind.search(`"${EVERY_PAGE}"`,
      { filters: { ...filters, [PART]: { any: index.parts } } });
    const held = found.filters[PART] ?? {};
    const parts = index.parts.filter((name) => held[name] > 0);
    return datedListing(index, parts, filters, sort, found.results.length, () => true);
  }
  const phrase = isPhrase(text) && query.length > 1;
  if (sort === "relevance" && !phrase) {
    // The first page needs only the articles holding every word as typed (rankedListing).
    const typed = query.map((readings) => readings.slice(0, 1));
    const all = () => lookUp(index, query, filters, false);
    return rankedListing(index, await lookUp(index, typed, filters, true), keptOnce(all));
  }
  // A date sort needs no ranking: Pagefind's ordinary search, the slower, is left out.
  const found = await lookUp(index, query, filters, sort === "relevance");
  if (!found) return listing([]);
  let { hits } = found;
  if (phrase) {
    const kept = await Promise.all(hits.map(async (hit) => {
      const data = await hit.result.data();
      return holdsPhrase(`${data.meta.title || ""}\n${originalText(data.content, marker)}`, query);
    }));
    hits = hits.filter((_, i) => kept[i]);
  }
  if (sort === "relevance") {
    const asTyped = (hit) => hit.words.every((forms) => forms[0].reading === 0);
    const typed = { ...found, hits: hits.filter(asTyped) };
    return rankedListing(index, typed, async () => ({ ...found, hits }));
  }
  const ids = new Set(hits.map((hit) => hit.result.id));
  return datedListing(index, found.within[PART].any, filters, sort, hits.length,
    (result) => ids.has(result.id));
}
