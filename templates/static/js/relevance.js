// The order of results by relevance (docs/search.md, "Relevance"): the articles holding
// every query word as typed first, then by Pagefind's score of each word, made comparable
// across the index's parts (parts.js).

import {
  asTyped, namesJoined, numbersJoined, procliticStems, sameWord, tokenize,
} from "./readings.js";

/** A word's inverse document frequency, as Pagefind computes it (pagefind_web's
calculate_idf): `pages` pages, `holding` of which hold the word. */
export function idf(pages, holding) {
  return Math.log((pages - holding + 0.5) / (holding + 0.5) + 1);
}

/** What to multiply each part's scores of one word by, so that they are the scores one index
of all those parts would give: {part: factor}. counts: {part: [pages, pages holding the
word]}; a part whose page count is not known keeps its scores.

Pagefind scores a page for one word as the word's idf in its index times a factor of the
page alone (how often and where the page holds the word, and its length), its title's boost
included. Each part is an index of its own, so a word weighs more in a year where few
articles hold it: one passing mention there outranked an article naming the word in its
title and nine times in a year where many articles hold it. The idf of all the parts
together replaces each part's own. */
export function partFactors(counts) {
  const known = Object.values(counts).filter(([pages]) => pages > 0);
  const pages = known.reduce((sum, [each]) => sum + each, 0);
  const holding = known.reduce((sum, [, each]) => sum + each, 0);
  const whole = idf(pages, holding);
  return Object.fromEntries(Object.entries(counts).map(([part, [each, held]]) =>
    [part, each > 0 && held > 0 ? whole / idf(each, held) : 1]));
}

/** Where a hit stands: {typed: how many words it holds as typed, score, each: the results
of every form of each word it holds (a list a word), for its highlights: the plain search's where it ran,
whose word locations are complete, else the exact lookup's; plain: those of the plain search}. A word held as typed counts its
typed form's score, another its best variant's. */
function standing(hit) {
  let typed = 0;
  let score = 0;
  const each = [];
  const plain = [];
  for (const forms of hit.words) {
    const best = forms[0].reading === 0
      ? forms[0] : forms.reduce((a, b) => (b.score > a.score ? b : a));
    typed += best.reading === 0;
    score += best.score;
    each.push(forms.map((form) => form.plain ?? form.result));
    for (const form of forms) if (form.plain) plain.push(form.plain);
  }
  return { result: hit.result, typed, score, each, plain };
}

const byStanding = (a, b) => b.typed - a.typed || b.score - a.score;

// How much one more mention of a word adds (Pagefind's default termSaturation): the tenth
// mention counts little more than the fifth. A mention in the title counts as many in the text.
const SATURATION = 1.4;
const TITLE_MENTIONS = 5;

/** How closely an article writes the query: [how many words its title or text writes as
typed (hamza, ى and ة as typed, a proclitic attached or not), how many it writes in one of
their readings, how often it names them as typed (a title's mention counting TITLE_MENTIONS,
each word's mentions saturated as Pagefind saturates a word's count)]. Pagefind counts only
the mentions its stemmer joins with the typed word, so the demo's three البيشمركة, two of
them written والبيشمركة, were one to it, and a brief naming the Peshmerga once came first. */
function written(title, text, query) {
  // A name's عبد and the word after it, apart, are one word of the query's (namesJoined), and
  // so are the groups of a number in thousands (numbersJoined).
  const joined = (part) => numbersJoined(part, namesJoined(part, tokenize(part), query), query);
  const titleTokens = joined(title);
  const textTokens = joined(text);
  const typedForms = (part, tokens) => tokens.map((t) =>
    procliticStems(asTyped(t.written ?? part.slice(t.start, t.end))));
  const inTitle = typedForms(title, titleTokens);
  const inText = typedForms(text, textTokens);
  const keys = [[title, titleTokens], [text, textTokens]].flatMap(([part, tokens]) =>
    tokens.map((t) => [t.key, t.written ?? part.slice(t.start, t.end)]));
  let typed = 0;
  let spelt = 0;
  let often = 0;
  for (const readings of query) {
    const count = (forms) => forms.filter((each) => each.includes(readings[0])).length;
    const mentions = TITLE_MENTIONS * count(inTitle) + count(inText);
    typed += mentions > 0;
    spelt += keys.some(([key, spelling]) => sameWord(key, readings, spelling));
    often += (mentions * (SATURATION + 1)) / (mentions + SATURATION);
  }
  return [typed, spelt, often];
}

/** How closely a result writes the query (written): data is its data ({meta: {title},
text}). */
export function writtenStanding(data, query) {
  return written(data.meta.title || "", data.text, query);
}

/** A page of results by relevance: those writing more of the query as typed first, then
those writing more of it in a reading, then those naming it more often as typed, Pagefind's
order kept otherwise. Pagefind's stemmer joins spellings and words that the typed word is
not (آمن and الأمن, سورة and سورية), so its lookup of the typed reading cannot tell them
apart, nor count a mention it does not join (والبيشمركة); the page's own data can. page:
each result's data; standing: each one's writtenStanding. */
export function inWrittenOrder(page, standing) {
  const order = page.map((_, i) => i).sort((a, b) =>
    standing[b][0] - standing[a][0] || standing[b][1] - standing[a][1] ||
    standing[b][2] - standing[a][2] || a - b);
  return order.map((i) => page[i]);
}

/** make(), as a function that makes it once: a promise that failed (the network) is made
again at the next call. */
export function keptOnce(make) {
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

/** Hits best first, read a page at a time: first the articles holding every word as typed
(`typed`, looked up alone), by Pagefind's score of those words; then the others, by how many
words they hold as typed, then by score. The other readings are looked up only for the count
and for a page that reaches past the first articles (`all`, made once): for a common word
written with its article (القوات), looking up its bare stem (قوات) and ranking it were a
quarter of a second each at 20,000 articles, for results that come after the first 12,000.
The count looks them up when asked (after the first page is shown). rank(found): the scores
of every reading of found.query in found's parts, [word][reading] -> Map(id -> [result,
score]). */
export function rankedListing(typed, all, rank) {
  const first = (typed?.hits ?? []).map(standing).sort(byStanding);
  const firstIds = new Set(first.map((hit) => hit.result.id));
  const others = keptOnce(async () => {
    const found = await all();
    return { found, hits: (found?.hits ?? []).filter((hit) => !firstIds.has(hit.result.id)) };
  });
  const rest = keptOnce(async () => {
    const { found, hits } = await others();
    if (hits.length === 0) return [];
    const scores = await rank(found);
    return hits.map((hit) => standing({
      result: hit.result,
      words: hit.words.map((forms, w) => forms.map((form) => {
        const [, score = 0, plain] = scores[w][form.reading].get(form.result.id) ?? [];
        return { ...form, score, plain };
      })),
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
