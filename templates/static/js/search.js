// The search page: Pagefind in the browser, with Arabic queries normalised exactly as the
// index was (a port of newsarchive/core/arabic.py to_key + split_proclitics and of
// newsarchive/assembly/searchtext.py query_readings/word_terms; tests compare both on a table of
// words). The index comes in parts, one Pagefind bundle per year (per month in a large
// year; newsarchive/build/searchindex.py); a word map says which parts hold each word
// (searchmap.py), and only those are merged in. Which articles match, and in what order:
// docs/search.md.

// ---- normalisation (keep in step with core/arabic.py) ----
const INVISIBLE = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" +
  "\u200b\u200c\u200d\u2060\ufeff\u00ad";
const DROP = new RegExp(
  "[" + INVISIBLE + "\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u0610-\u061a\u0300-\u036f]", "gu");
const FOLD = {
  "\u0671": "\u0627", "\u0672": "\u0627", "\u0673": "\u0627",
  "\u0649": "\u064a", "\u0629": "\u0647", "\u06cc": "\u064a", "\u06a9": "\u0643", "\u06d5": "\u0647",
};
for (let d = 0; d < 10; d++) {
  FOLD[String.fromCharCode(0x0660 + d)] = String(d);
  FOLD[String.fromCharCode(0x06f0 + d)] = String(d);
}
const FOLD_RE = new RegExp("[" + Object.keys(FOLD).join("") + "]", "gu");
const MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed";
const WORD = "(?:[\\p{L}\\p{N}]|[" + MARKS + "])";
const TOKEN_RE = new RegExp(WORD + "+(?:[" + INVISIBLE + "]+" + WORD + "+)*", "gu");

/** The matching/search key of a word (arabic.to_key). */
export function toKey(text) {
  const decomposed = text.toLowerCase().normalize("NFKD");
  return decomposed.replace(DROP, "").replace(FOLD_RE, (ch) => FOLD[ch]).normalize("NFC");
}

/** Words with their offsets in the original text and their keys (arabic.tokenize). */
export function tokenize(text) {
  return Array.from(text.matchAll(TOKEN_RE), (m) => ({
    start: m.index, end: m.index + m[0].length, key: toKey(m[0]),
  }));
}

/** The key, then every stem left by stripping و/ف, ب/ل/ك and ال (arabic.proclitic_stems). */
export function procliticStems(key) {
  const splits = [[key, 0, false]];
  const conjEnds = key && "وف".includes(key[0]) ? [0, 1] : [0];
  for (const conj of conjEnds) {
    const prepEnds = ["ب", "ل", "ك"].includes(key.slice(conj, conj + 1)) ? [conj, conj + 1] : [conj];
    for (const prep of prepEnds) {
      if (prep > 0) splits.push([key.slice(prep), prep, false]);
      if (key.startsWith("ال", prep)) {
        splits.push([key.slice(prep + 2), prep + 2, true]);
      } else if (prep > conj && key[conj] === "ل" && key.startsWith("ل", prep)) {
        splits.push(["ال" + key.slice(prep + 1), prep, false]);
        splits.push([key.slice(prep + 1), prep + 1, true]);
      }
    }
  }
  splits.sort((a, b) => a[1] - b[1] || Number(a[2]) - Number(b[2]));
  const seen = new Set();
  const stems = [];
  for (const [stem, prefix] of splits) {
    const usable = prefix === 0 || ([...stem].length >= 2 && stem !== "ال");
    if (usable && !seen.has(stem)) {
      seen.add(stem);
      stems.push(stem);
    }
  }
  return stems;
}

/** The readings under which a word is indexed: its key and its stems (searchtext.word_terms). */
export function wordTerms(key) {
  return procliticStems(key);
}

/** The readings of each word of a typed query (searchtext.query_readings). */
export function queryReadings(text) {
  return tokenize(text).map((t) => wordTerms(t.key));
}

/** Whether a typed query is a quoted phrase, whose words must follow each other. */
export function isPhrase(text) {
  return /^\s*["«“].*\S.*["»”]\s*$/u.test(text);
}

/** Whether a word (its key) is one of the query word's accepted forms, without stemming. */
function sameWord(key, readings) {
  return wordTerms(key).some((form) => readings.includes(form));
}

/** Whether the text holds the query's words one after the other (a quoted phrase). */
export function holdsPhrase(text, query) {
  const tokens = tokenize(text);
  return tokens.some((_, i) => query.every((readings, j) =>
    i + j < tokens.length && sameWord(tokens[i + j].key, readings)));
}

// ---- excerpts from the original text ----
const EXCERPT_WORDS = 30;
const GROUP = "\u2042"; // starts an entity's name forms in the key copy (searchtext.GROUP)

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Where Pagefind's matches in the key copy point back to the text: the matched forms, and
every form of an entity whose registry name matched (its group, searchtext.key_text), so
that the text's own spelling of the name is highlighted. located: Pagefind's word indexes. */
export function matchedForms(content, marker, located) {
  const words = content.split(/[\r\n\s]+/g);
  const boundary = words.findLastIndex((word) => word.includes(marker)); // as originalText()
  const forms = new Set();
  if (boundary < 0) return forms;
  for (const at of located) {
    if (at <= boundary || at >= words.length) continue;
    let start = at;
    while (start > boundary + 1 && words[start - 1] !== GROUP) start--;
    let end = at;
    if (start > boundary + 1) {
      while (end + 1 < words.length && words[end + 1] !== GROUP) end++;
    } else {
      start = at;
    }
    // Pagefind may end a block's last word with a full stop: keep the word alone.
    tokenize(words.slice(start, end + 1).join(" ")).forEach((t) => forms.add(t.key));
  }
  return forms;
}

/** The original text of a result: Pagefind's content up to the key copy. */
export function originalText(content, marker) {
  const at = content.lastIndexOf(marker);
  return (at < 0 ? content : content.slice(0, at)).trim();
}

/** The text with the words of the query in <mark> (a result's title). */
export function marked(text, query) {
  let html = "";
  let at = 0;
  for (const t of tokenize(text)) {
    const word = escapeHtml(text.slice(t.start, t.end));
    html += escapeHtml(text.slice(at, t.start));
    html += query.some((readings) => sameWord(t.key, readings)) ? `<mark>${word}</mark>` : word;
    at = t.end;
  }
  return html + escapeHtml(text.slice(at));
}

/** Indexes of the whitespace-separated words of text at each token (Pagefind counts words so). */
function wordIndexes(text, tokens) {
  const starts = Array.from(text.matchAll(/[^\r\n\s]+/g), (m) => m.index);
  let at = 0;
  return tokens.map((t) => {
    while (at + 1 < starts.length && starts[at + 1] <= t.start) at++;
    return at;
  });
}

/** An excerpt of the original text around the densest matches, matches in <mark>.

query: the readings of each query word; located: the whitespace-separated word indexes that
Pagefind matched in the text (inflections its stemmer joins); forms: key forms that Pagefind
matched in the hidden key copy (matchedForms), marked when nothing else is. */
export function excerpt(text, query, located = [], forms = new Set()) {
  const tokens = tokenize(text);
  const pagefindHits = new Set(located);
  const at = wordIndexes(text, tokens);
  let hit = tokens.map((t, i) => pagefindHits.has(at[i]) ||
    query.some((readings) => sameWord(t.key, readings)));
  if (!hit.includes(true)) {
    // Found by a registry spelling the text does not use: mark how the text spells the name.
    hit = tokens.map((t) => wordTerms(t.key).some((form) => forms.has(form)));
  }
  // The window with the most matches, started a few words before its first match.
  let first = 0;
  let bestScore = 0;
  hit.forEach((isHit, i) => {
    const score = isHit ? hit.slice(i, i + EXCERPT_WORDS).filter(Boolean).length : 0;
    if (score > bestScore) [first, bestScore] = [i, score];
  });
  const best = Math.max(0, Math.min(first - 8, tokens.length - EXCERPT_WORDS));
  const shown = tokens.slice(best, best + EXCERPT_WORDS);
  if (shown.length === 0) return escapeHtml(text.slice(0, 200));
  const from = best > 0 ? shown[0].start : 0;
  const to = best + EXCERPT_WORDS < tokens.length ? shown.at(-1).end : text.length;
  let html = best > 0 ? "… " : "";
  let cursor = from;
  shown.forEach((t, i) => {
    html += escapeHtml(text.slice(cursor, t.start));
    const word = escapeHtml(text.slice(t.start, t.end));
    html += hit[best + i] ? `<mark>${word}</mark>` : word;
    cursor = t.end;
  });
  html += escapeHtml(text.slice(cursor, to));
  return to < text.length ? html + " …" : html;
}

// ---- the page ----
const PAGE_SIZE = 20;
// A search starts once typing pauses this long: shorter than the gap between a quick
// typist's keys would search every prefix of the word (docs/benchmarks.md).
const TYPING_PAUSE_MS = 120;
const SORTS = { relevance: null, newest: { date: "desc" }, oldest: { date: "asc" } };
const DEFAULT_SORT = "relevance";
// The hidden filter that marks which part (a year's or month's bundle, see
// newsarchive/build/searchindex.py) a page is in.
const PART = "part";

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
async function caughtUp(index, lang, whileBehind) {
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
    load: (name) => pagefind.mergeIndex(`${index}${name}/`,
      { baseUrl, ranking: RANKING, mergeFilter: { [PART]: name } }),
  };
  if (!routes) await mergeParts(opened, parts);
  return opened;
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
    const records = await lookUp(opened.pagefind, reading, { [PART]: MAP }, false);
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

/** Articles in date order, newest first, per filters, from these parts: every part searched
on its own and the lists joined in part order (Pagefind ranks a date sort within each part
and its merge re-sorts by that rank; the parts are disjoint date ranges, newest part first). */
async function byDate({ pagefind }, parts, filters) {
  const found = await Promise.all(parts.map((name) =>
    pagefind.search(null, { filters: { ...filters, [PART]: name }, sort: SORTS.newest })));
  return found.flatMap((each) => each.results);
}

// A word's first reading is the key of the word as typed: matching it counts double, so an
// article holding the query as written ranks above one holding only a variant of it.
const AS_TYPED = 2;

/** The articles holding one reading: {id: [result, score]}.

Pagefind extends a query word to every indexed word it begins ("سور" finds "سوريا"), and
backtracks a word it cannot find to the longest indexed word it starts with: both list
articles without the word. A quoted word is looked up exactly (after Pagefind's stemmer), so
that search decides which articles hold the reading; the plain search ranks them (BM25 over
the text and the title, the hidden key copy weighing a tenth). */
async function lookUp(pagefind, reading, filters, rank) {
  if (reading === null) return new Map(); // a reading no part holds (route)
  const [exact, ranked] = await Promise.all([
    pagefind.search(`"${reading}"`, { filters }),
    rank ? pagefind.search(reading, { filters }) : { results: [] },
  ]);
  const score = new Map(ranked.results.map((r) => [r.id, r.score]));
  return new Map(exact.results.map((r) => [r.id, [r, score.get(r.id) ?? 0]]));
}

/** The articles holding every word of the query in one of its accepted forms, best first
(rank: false leaves them unranked):
[{result, score, each}], each: the result of every word (docs/search.md, "Which articles match"). */
export async function matching({ pagefind }, query, filters, rank = true) {
  if (!pagefind || query.length === 0) return [];
  let found = null;
  for (const readings of query) {
    const each =
      await Promise.all(readings.map((reading) => lookUp(pagefind, reading, filters, rank)));
    const word = new Map();
    each.forEach((hits, i) => {
      for (const [id, [result, score]] of hits) {
        const weighted = i === 0 ? score * AS_TYPED : score;
        if (!word.has(id) || word.get(id).score < weighted) word.set(id, { result, score: weighted });
      }
    });
    if (found === null) {
      found = new Map([...word].map(([id, { result, score }]) => [id, {
        result, score, each: [result],
      }]));
    } else {
      for (const [id, hit] of found) {
        if (!word.has(id)) {
          found.delete(id);
        } else {
          hit.score += word.get(id).score;
          hit.each.push(word.get(id).result);
        }
      }
    }
    if (found.size === 0) break;
  }
  return [...found.values()].sort((a, b) => b.score - a.score);
}

/** Every result of a search, in the order asked for: [{result}] (score when relevant).
marker: where the key copy starts in Pagefind's content (a phrase is looked for before it). */
export async function searchParts(index, text, filters, sort, marker = "\u2042\u2042") {
  if (!index.pagefind) return [];
  const query = queryReadings(text);
  if (query.length === 0) {
    await mergeParts(index, index.parts);
    const dated = await byDate(index, index.parts, filters);
    return (sort === "oldest" ? dated.reverse() : dated).map((result) => ({ result }));
  }
  const { parts, query: searched } = await route(index, query);
  if (parts.length === 0) return [];
  await mergeParts(index, parts);
  // Only those parts: the map is merged in too, and so may be parts of an earlier query.
  const within = { ...filters, [PART]: { any: parts } };
  // A date sort needs no ranking: Pagefind's ordinary search, the slower, is left out.
  let hits = await matching(index, searched, within, sort === "relevance");
  if (isPhrase(text) && query.length > 1) {
    const kept = await Promise.all(hits.map(async (hit) => {
      const data = await hit.result.data();
      return holdsPhrase(`${data.meta.title || ""}\n${originalText(data.content, marker)}`, query);
    }));
    hits = hits.filter((_, i) => kept[i]);
  }
  if (sort === "relevance") return hits;
  const order = new Map((await byDate(index, parts, filters)).map((r, i) => [r.id, i]));
  const dated = hits.sort((a, b) => order.get(a.result.id) - order.get(b.result.id));
  return sort === "oldest" ? dated.reverse() : dated;
}

function countText(strings, lang, n) {
  const form = n === 0 ? "zero" : new Intl.PluralRules(lang).select(n);
  return (strings.results[form] || strings.results.other).replace("{n}", n.toLocaleString(lang));
}

function filterOrder(strings, keys) {
  const order = [...strings.types, "year", "source"];
  return keys.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
}

function buildFilters(root, strings, available, params) {
  const list = root.querySelector(".filter-list");
  list.replaceChildren();
  const keys = Object.keys(available).filter((key) => key !== PART);
  for (const key of filterOrder(strings, keys)) {
    const values = Object.keys(available[key]).sort((a, b) =>
      key === "year" ? b.localeCompare(a) : a.localeCompare(b, root.dataset.lang));
    if (values.length === 0) continue;
    const label = document.createElement("label");
    label.className = "filter";
    label.append(strings.labels[key] || key, " ");
    const select = document.createElement("select");
    select.name = key;
    select.add(new Option(strings.any, ""));
    for (const value of values) select.add(new Option(value, value));
    select.value = values.includes(params.get(key)) ? params.get(key) : "";
    label.append(select);
    list.append(label);
  }
}

/** A hit's data, with the word locations of every query word (each has its own result). */
async function resultData(hit) {
  const all = await Promise.all((hit.each || [hit.result]).map((result) => result.data()));
  return { ...all[0], locations: [...new Set(all.flatMap((data) => data.locations || []))] };
}

function renderResult(data, query, marker) {
  const item = document.createElement("li");
  item.className = "article-item search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  // Safe: marked() escapes every piece of text and adds only <mark>.
  link.innerHTML = marked(data.meta.title || data.url, query);
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  const time = document.createElement("time");
  time.dateTime = data.meta.iso || "";
  time.textContent = data.meta.date || "";
  meta.append(time);
  if (data.meta.source) {
    const source = document.createElement("span");
    source.className = "source";
    source.textContent = data.meta.source;
    meta.append(" · ", source);
  }
  const text = document.createElement("p");
  text.className = "excerpt";
  // Safe: excerpt() escapes every piece of text and adds only <mark>.
  // Pagefind's word count starts at the content's first word; originalText() trims.
  const lead = /^[\r\n\s]/.test(data.content) ? 1 : 0;
  const located = data.locations.map((at) => at - lead);
  const forms = matchedForms(data.content, marker, data.locations);
  text.innerHTML = excerpt(originalText(data.content, marker), query, located, forms);
  item.append(heading, meta, text);
  return item;
}

async function main() {
  const root = document.querySelector("[data-search]");
  if (!root) return;
  const strings = JSON.parse(root.querySelector(".search-strings").textContent);
  const lang = root.dataset.lang;
  const form = root.querySelector(".search-form");
  const input = root.querySelector("#search-input");
  const status = root.querySelector(".search-status");
  const list = root.querySelector(".search-results");
  const params = new URLSearchParams(location.search);
  if (params.get("q") && !input.value) input.value = params.get("q"); // keep what was typed
  form.elements.sort.value = SORTS[params.get("sort")] !== undefined ? params.get("sort") : DEFAULT_SORT;
  let index;
  try {
    // Stale results would be wrong ones: say so, and search once the index has caught up.
    const manifest = await caughtUp(root.dataset.index, lang, () => {
      status.textContent = strings.behind;
    });
    index = await openIndex(root.dataset.index, lang, root.dataset.base, manifest);
    if ([...params.keys()].some((key) => key !== "q" && key !== "sort")) await showFilters();
  } catch (error) {
    status.textContent = strings.error;
    throw error;
  }
  let generation = 0;
  let justOpened = true; // the first search needs no second look at parts.json

  // The filters' lists are Pagefind's largest download after the index chunks a query needs
  // (a third of a first search at 20,000 articles): fetched when the reader asks for them.
  async function showFilters() {
    if (index.pagefind) await mergeParts(index, index.parts); // every part's values
    buildFilters(root, strings, index.pagefind ? await index.pagefind.filters() : {}, params);
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

  function remember({ q, filters, sort }) {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    for (const [key, value] of Object.entries(filters)) next.set(key, value);
    if (sort !== DEFAULT_SORT) next.set("sort", sort);
    const search = next.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  async function run() {
    const current = state();
    remember(current);
    const mine = ++generation;
    const query = queryReadings(current.q);
    if (query.length === 0 && Object.keys(current.filters).length === 0) {
      list.replaceChildren();
      status.textContent = strings.hint;
      return;
    }
    status.textContent = strings.loading;
    const checked = justOpened;
    justOpened = false;
    if (!checked && (await indexBehind(root.dataset.index, lang))) {
      // The pages changed since this page opened the index: open the new one when it is done.
      status.textContent = strings.behind;
      while (await indexBehind(root.dataset.index, lang)) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      location.reload();
      return;
    }
    const results =
      await searchParts(index, current.q, current.filters, current.sort, strings.marker);
    if (mine !== generation) return;
    list.replaceChildren();
    await showMore(results, 0, query, mine);
    if (mine !== generation) return;
    status.textContent = countText(strings, lang, results.length);
  }

  async function showMore(results, from, query, mine) {
    const shown = results.slice(from, from + PAGE_SIZE);
    const page = await Promise.all(shown.map(resultData));
    if (mine !== generation) return;
    list.querySelector(".more")?.remove();
    list.append(...page.map((data) => renderResult(data, query, strings.marker)));
    if (from + PAGE_SIZE < results.length) {
      const item = document.createElement("li");
      item.className = "more";
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = strings.more;
      button.addEventListener("click", () => showMore(results, from + PAGE_SIZE, query, mine));
      item.append(button);
      list.append(item);
    }
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  form.addEventListener("change", (event) => {
    if (event.target !== input) run();
  });
  root.querySelector(".clear-filters").addEventListener("click", () => {
    root.querySelectorAll(".filter-list select").forEach((select) => { select.value = ""; });
    run();
  });
  await run();
  root.dataset.ready = "true";
}

main();
