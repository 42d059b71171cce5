// The search page: Pagefind in the browser, with Arabic queries normalised exactly as the
// index was (a port of newsarchive/core/arabic.py to_key + split_proclitics and of
// newsarchive/assembly/searchtext.py query_key/word_terms; tests compare both on a table of words).
// The index comes in parts, one Pagefind bundle per year, merged here (newsarchive/build/searchindex.py).

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

/** Every form under which a word is indexed (searchdoc.word_terms). */
export function wordTerms(key) {
  const terms = new Set(procliticStems(key));
  for (const stem of [...terms]) procliticStems(stem).forEach((t) => terms.add(t));
  return [...terms];
}

/** What is sent to Pagefind for a typed query (searchdoc.query_key). */
export function queryKey(text) {
  return tokenize(text).map((t) => procliticStems(t.key).at(-1)).join(" ");
}

// ---- excerpts from the original text ----
const EXCERPT_WORDS = 30;

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The original text of a result: Pagefind's content up to the key copy. */
export function originalText(content, marker) {
  const at = content.lastIndexOf(marker);
  return (at < 0 ? content : content.slice(0, at)).trim();
}

/** An excerpt of the original text around the densest matches, matches in <mark>. */
export function excerpt(text, query) {
  const terms = query.split(" ").filter(Boolean);
  const tokens = tokenize(text);
  const hit = tokens.map((t) => terms.length > 0 &&
    wordTerms(t.key).some((w) => terms.some((q) => w.startsWith(q))));
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
  let at = from;
  shown.forEach((t, i) => {
    html += escapeHtml(text.slice(at, t.start));
    const word = escapeHtml(text.slice(t.start, t.end));
    html += hit[best + i] ? `<mark>${word}</mark>` : word;
    at = t.end;
  });
  html += escapeHtml(text.slice(at, to));
  return to < text.length ? html + " …" : html;
}

// ---- the page ----
const PAGE_SIZE = 20;
const SORTS = { newest: { date: "desc" }, oldest: { date: "asc" }, relevance: null };
// The hidden filter that marks which part (year bundle, see newsarchive/build/searchindex.py) a page is in.
const PART = "part";

/** The list of parts, and those whose pages changed since they were indexed ("updating"). */
async function readManifest(index) {
  const response = await fetch(index + "parts.json", { cache: "no-cache" });
  if (!response.ok) throw new Error(`${index}parts.json: ${response.status}`);
  return response.json();
}

/** Whether some part of this language is behind its pages (a build is indexing it now). */
export async function indexBehind(index, lang) {
  const updating = (await readManifest(index)).updating || [];
  return updating.some((name) => name.endsWith(`-${lang}`));
}

/** Pagefind with every part of the index merged in: {pagefind, parts (newest first)}. */
export async function openIndex(index, lang, baseUrl) {
  const manifest = await readManifest(index);
  const parts = manifest.parts
    .filter((part) => part.languages.includes(lang)).map((part) => part.name);
  if (parts.length === 0) return { pagefind: null, parts };
  const pagefind = await import(`${index}${parts[0]}/pagefind.js`);
  await pagefind.options({ baseUrl, mergeFilter: { [PART]: parts[0] } });
  await Promise.all(parts.slice(1).map((name) =>
    pagefind.mergeIndex(`${index}${name}/`, { baseUrl, mergeFilter: { [PART]: name } })));
  return { pagefind, parts };
}

/** Every result of a search across the parts, in the order asked for. */
export async function searchParts({ pagefind, parts }, query, filters, sort) {
  if (!pagefind) return [];
  if (!SORTS[sort]) return (await pagefind.search(query, { filters })).results;
  // Pagefind ranks a date sort within each part and its merge re-sorts by that rank, which
  // mixes the parts up; the parts are disjoint date ranges, so searching each one on its own
  // and joining the lists in part order gives the date order over the whole archive.
  const order = sort === "oldest" ? [...parts].reverse() : parts;
  const found = await Promise.all(order.map((name) =>
    pagefind.search(query, { filters: { ...filters, [PART]: name }, sort: SORTS[sort] })));
  return found.flatMap((each) => each.results);
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
  root.querySelector(".search-filters").hidden = list.children.length === 0;
}

function renderResult(data, query, marker) {
  const item = document.createElement("li");
  item.className = "article-item search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
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
  text.innerHTML = excerpt(originalText(data.content, marker), query);
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
  input.value = params.get("q") || "";
  form.elements.sort.value = SORTS[params.get("sort")] !== undefined ? params.get("sort") : "newest";
  let index;
  try {
    if (await indexBehind(root.dataset.index, lang)) {
      // Stale results would be wrong ones: say so, and search once the index has caught up.
      status.textContent = strings.behind;
      while (await indexBehind(root.dataset.index, lang)) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    index = await openIndex(root.dataset.index, lang, root.dataset.base);
    buildFilters(root, strings, index.pagefind ? await index.pagefind.filters() : {}, params);
  } catch (error) {
    status.textContent = strings.error;
    throw error;
  }
  let generation = 0;

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
    if (sort !== "newest") next.set("sort", sort);
    const search = next.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  async function run() {
    const current = state();
    remember(current);
    const mine = ++generation;
    const query = queryKey(current.q);
    if (!query && Object.keys(current.filters).length === 0) {
      list.replaceChildren();
      status.textContent = strings.hint;
      return;
    }
    status.textContent = strings.loading;
    if (await indexBehind(root.dataset.index, lang)) {
      // The pages changed since this page opened the index: open the new one when it is done.
      status.textContent = strings.behind;
      while (await indexBehind(root.dataset.index, lang)) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      location.reload();
      return;
    }
    const results = await searchParts(index, query || null, current.filters, current.sort);
    if (mine !== generation) return;
    list.replaceChildren();
    await showMore(results, 0, query, mine);
    if (mine !== generation) return;
    status.textContent = countText(strings, lang, results.length);
  }

  async function showMore(results, from, query, mine) {
    const page = await Promise.all(results.slice(from, from + PAGE_SIZE).map((r) => r.data()));
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
    timer = setTimeout(run, 200);
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
