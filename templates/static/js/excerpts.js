// Excerpts and highlights from a result's original text (never from the hidden key copy),
// with the query's words marked as the article writes them, variants included.

import { EXCERPT_WORDS, excerptWindow, wordSpans } from "./excerptwindow.js";
import { escapeHtml, excerptHtml, shownHtml } from "./markedhtml.js";
import { namesJoined, numbersJoined, sameWord, tokenize, wordTerms } from "./readings.js";

const GROUP = "\u2042"; // starts an entity's name forms in the key copy (searchtext.GROUP)

// Two Latin letters around an apostrophe: one word, as Pagefind indexes it (O'Brien: obrien).
const APOSTROPHE_IN_WORD = /^[A-Za-z\u00c0-\u024f]['\u2019][A-Za-z\u00c0-\u024f]$/u;
const LATIN_LETTER = /^[A-Za-z\u00c0-\u024f]$/u;

/** Whether the text's word t goes on the word before it (last), as Pagefind reads them: after
an apostrophe between Latin letters (O'Brien), or as the next letter of an abbreviation of
single letters, each with its full stop (U.N., U.S.A.). */
function continues(text, last, t) {
  if (!last || t.start !== last.end + 1) return false;
  if (APOSTROPHE_IN_WORD.test(text.slice(last.end - 1, t.start + 1))) return true;
  const letters = (last.parts ?? [last.key]).every((key) => key.length === 1);
  return letters && LATIN_LETTER.test(text.slice(last.start, last.start + 1)) &&
    text[last.end] === "." && LATIN_LETTER.test(text.slice(t.start, t.end));
}

/** The words of a text as the page marks them: tokenize's, but a Latin word written with an
apostrophe (O'Brien, organisation's) or an abbreviation (U.N., its last full stop included)
is one word, keyed as the query reads it (obrien, un: readings.queryReadings), with its
parts' keys (`parts`) so that `organisation` still marks organisation's; and a name's عبد
written apart from the word after it is one word where the query holds the name
(readings.namesJoined: `عبد الستار` for عبدالستار), and so is a number in groups of
thousands where the query holds it (readings.numbersJoined: `120,000` for 120000). */
function textWords(text, query) {
  const found = [];
  for (const t of tokenize(text)) {
    const last = found.at(-1);
    if (continues(text, last, t)) {
      const parts = [...(last.parts ?? [last.key]), t.key];
      const end = parts.every((key) => key.length === 1) && text[t.end] === "." ? t.end + 1 : t.end;
      found[found.length - 1] = { start: last.start, end, key: last.key + t.key, parts };
    } else {
      found.push(t);
    }
  }
  // As written, for the forms a word is indexed in (readings.indexedForms: فئة, not فيه).
  for (const t of found) t.written ??= text.slice(t.start, t.end);
  return numbersJoined(text, namesJoined(text, found, query), query);
}

// A Latin word of three letters or fewer (the, of, al, the C. of Christopher C. Miller): an
// English name's group holds it (searchtext.english_key_text), but it is no sign of the
// name, and marking every `the` of a text would hide what matched.
const SHORT_LATIN = /^[a-z0-9\u00c0-\u024f]{1,3}$/u;

// What a result holds of no entity and no located reading (matchedNames, locatedReadings).
const NONE_NAMED = { names: [], forms: new Set(), readings: new Set() };

/** A word of the text's keys: its own, and its parts' (textWords). */
const keysOf = (word) => [word.key, ...(word.parts ?? [])];

/** Whether a word of the text spells a query word (its readings), whole or in a part. */
function writes(word, readings) {
  return keysOf(word).some((key) => sameWord(key, readings, word.written));
}

/** The groups of entity name forms in the key copy (searchtext.key_text) that a query
matched, each as the set of its forms: a group holding one of a query word's readings, or a
word Pagefind located with the stem it looked up (`located`, word indexes: its stemmer's
joins). */
export function matchedGroups(content, marker, located, query) {
  const words = content.split(/[\r\n\s]+/g);
  const boundary = words.findLastIndex((word) => word.includes(marker)); // as originalText()
  if (boundary < 0) return [];
  const starts = [];
  words.forEach((word, at) => { if (at > boundary && word === GROUP) starts.push(at + 1); });
  const stemmed = new Set(located);
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] - 1 : words.length;
    const span = words.slice(start, end);
    // Pagefind may end a block's last word with a full stop: keep the word alone.
    const forms = new Set(tokenize(span.join(" ")).map((t) => t.key));
    const hit = span.some((_, j) => stemmed.has(start + j)) ||
      query.some((readings) => readings.some((reading) => forms.has(reading)));
    return hit ? forms : null;
  }).filter(Boolean);
}

/** The readings of the text's words (the key copy before its groups: searchtext.key_text)
that Pagefind located with the stem it looked up (`located`, word indexes): its stemmer joins
وزير, a reading of بوزير, with زير, so the text's بوزير is a match for زير. */
export function locatedReadings(content, marker, located) {
  const words = content.split(/[\r\n\s]+/g);
  const boundary = words.findLastIndex((word) => word.includes(marker)); // as originalText()
  const group = words.findIndex((word, at) => at > boundary && word === GROUP);
  const end = group < 0 ? words.length : group;
  const found = located.filter((at) => boundary >= 0 && at > boundary && at < end);
  return new Set(tokenize(found.map((at) => words[at]).join(" ")).map((t) => t.key));
}

/** What the search page knows of the entities a result matched by a registry name: `names`,
each registry name of theirs as the keys of its words (from the entities file's rows,
entitypages.js: their forms and names), and `forms`, every form of their
groups. A group is the entity's whose forms it holds, the most of them: the Syrian
Democratic Forces' group holds سوريا, all the forms of Syria, which is not matched so. */
export function matchedNames(groups, rows) {
  const names = [];
  for (const forms of groups) {
    let best = [];
    let most = 0;
    for (const row of rows ?? []) {
      const own = row.forms.split(" ");
      if (own.length < most || !own.every((form) => forms.has(form))) continue;
      if (own.length > most) [best, most] = [[], own.length];
      best.push(row);
    }
    for (const row of best) names.push(...(row.names ?? []).map((name) => name.split(" ")));
  }
  return { names, forms: new Set(groups.flatMap((forms) => [...forms])) };
}

// How Pagefind weighs a word it located (pagefind_web's word_length_bonus, with the page's
// termSimilarity 4): 0.625 for a word of the looked-up stem, 0.21 or less for a longer word
// its plain search extended the stem to (دولار for دول, المتحدثة for المتحدة), which no
// membership rule accepts (docs/search.md).
const SAME_STEM = 0.5;
const WEIGHT_UNIT = 24; // Pagefind's weights are in 24ths of a word's (data.weighted_locations)

/** The word indexes of a result where Pagefind located a word of the stem it looked up: every
location of an exact lookup (plain false), those of a plain search whose length bonus says
they are no longer word the stem extends to. */
export function sameStemLocations(data, plain) {
  if (!plain) return data.locations || [];
  return (data.weighted_locations || []).filter(({ weight, balanced_score: score }) =>
    weight > 0 && score / (weight * WEIGHT_UNIT) ** 2 >= SAME_STEM).map((w) => w.location);
}

/** The original text of a result: Pagefind's content up to the key copy. */
export function originalText(content, marker) {
  const at = content.lastIndexOf(marker);
  return (at < 0 ? content : content.slice(0, at)).trim();
}

const NUMBER = /^[0-9]+$/u;

/** How far a word (its key) is from being one that Pagefind's stemmer joins with a query
word: how many letters the longer of a reading of each without the article ال has beyond
what they share, where one is all but its last letter a prefix of the other (three letters
at least, or the whole of a shorter one and one letter more) and the other at most three
letters longer than what they share (جديداً and جديد, مسجداً and مسجدين, launches and
launched, السلة and السل; not الإمام and الأمن); Infinity where none is. The page holds no
stemmer, so this stands in for it. A number is no inflection of another (500 is not 50):
only the same digits meet. */
function distance(key, readings) {
  const bare = (forms) => forms.filter((form) => !form.startsWith("ال") && !NUMBER.test(form));
  let least = Infinity;
  for (const form of bare(wordTerms(key))) {
    for (const reading of bare(readings)) {
      let common = 0;
      while (common < form.length && form[common] === reading[common]) common++;
      const [shorter, longer] = [form.length, reading.length].sort((a, b) => a - b);
      if ((common >= Math.max(3, shorter - 1) && longer - common <= 3) ||
        (common === shorter && longer - common === 1)) least = Math.min(least, longer - common);
    }
  }
  return least;
}

/** Whether a word (its key) may be one that Pagefind's stemmer joins with a query word. */
const near = (key, readings) => distance(key, readings) < Infinity;

/** The tokens closest to being a query word (distance), where any may be it: `الدولي`
(one letter beyond دول) rather than `دولار` (two) for الدولة. */
function closest(tokens, readings) {
  const far = tokens.map((t) => distance(t.key, readings));
  const least = far.reduce((a, b) => Math.min(a, b), Infinity);
  return far.map((each) => each === least && least < Infinity);
}

/** Which tokens write one of `names` (each the keys of a registry name's words): the runs of
consecutive words that spell every word of a name in order, each word in one of its
readings (لقوات for القوات). A name's word alone is no mention of it: لقوات of لقوات التحالف
is not the US forces' القوات الأمريكية, nor الدولة of الدولة التركية the Islamic State's. */
function nameRuns(tokens, names) {
  const run = tokens.map(() => false);
  const writesKey = (t, key) => wordTerms(key).some((form) => keysOf(t).some((own) => sameWord(own, [form])));
  for (const name of names) {
    tokens.forEach((_, i) => {
      if (name.every((key, j) => i + j < tokens.length && writesKey(tokens[i + j], key))) {
        name.forEach((_, j) => { run[i + j] = true; });
      }
    });
  }
  return run;
}

/** Whether a word has a reading Pagefind located with a query word's stem in the key copy
(locatedReadings: بوزير, by its reading وزير, for زير). */
function readsLocated(word, readings) {
  return readings.size > 0 && keysOf(word).some((key) => wordTerms(key).some((f) => readings.has(f)));
}

/** Whether a word of the text located with a query word's stem (`stem`) is that query word's:
one that may be it (near), or any such word of a query of one word. */
const stemOf = (t, stem, query, readings) => stem && (query.length === 1 || near(t.key, readings));

/** For each query word, whether the text shows it: a word spells it (in one of its
readings), is a word Pagefind located with its stem (`located`, keys; `named.readings`), or
the text writes a registry name of an entity the query matched (`named.names`). */
export function shownWords(text, query, located, named = NONE_NAMED) {
  const tokens = textWords(text, query);
  const runs = nameRuns(tokens, named.names).includes(true);
  const stem = tokens.map((t) => located.has(t.key) || readsLocated(t, named.readings));
  return query.map((readings) => runs || tokens.some((t, i) =>
    writes(t, readings) || stemOf(t, stem[i], query, readings)));
}

/** Which tokens to mark. First those that really match: that spell a query word (in one of
its readings), or that Pagefind located with a query word's stem (`stem[i]`, or by a reading
in the key copy, `named.readings`: its stemmer's joins, مسجداً for مسجدين); and for a query
word this text does not write so, the runs that write a registry name of an entity the query
matched (`named.names`: the text's own spelling, ترمب for ترامب, قوات سورية الديمقراطية for
قسد), however the other of title and text shows it. Only for a query word this text does not
show so (`guess[w]`, from shownWords: the title's, where the text does not show it either),
the words closest to it (distance), or failing those the words Pagefind located for it
(`located[w][i]`) but those it begins, or at last the words of the matched names
(`named.forms`, but a short Latin word, SHORT_LATIN): Pagefind listed the article for it, and a listed result always shows
what matched (docs/search.md). */
function spelt(tokens, query, named, located, guess, exact) {
  const runs = nameRuns(tokens, named.names);
  const stem = tokens.map((t, i) => exact[i] || readsLocated(t, named.readings));
  const words = query.map((readings, w) => {
    const spells = tokens.map((t, i) => writes(t, readings) || stemOf(t, stem[i], query, readings));
    if (spells.includes(true)) return spells;
    if (runs.includes(true) || !guess[w]) return runs;
    // Else the words that may be it, or those Pagefind located: an inflection its stemmer
    // joins that shares no start with the query word (تستخدم for يستخدمونها), not a longer
    // word its plain search extends the word to (Colonel for the C. of Christopher C. Miller).
    const close = closest(tokens, readings);
    if (close.includes(true)) return close;
    const extended = (t) => readings.some((r) => r && t.key.length > r.length && t.key.startsWith(r));
    const joined = located[w].map((is, i) => is && !extended(tokens[i]));
    if (joined.includes(true)) return joined;
    const ofName = (key) => !SHORT_LATIN.test(key) && wordTerms(key).some((f) => named.forms.has(f));
    return tokens.map((t) => keysOf(t).some(ofName));
  });
  return tokens.map((_, i) => stem[i] || words.some((word) => word[i]));
}

/** Which tokens to mark for a quoted phrase: the runs of consecutive words that hold it, the
phrase as it matched (phrase.js), not its words one by one, which may stand apart or in
another order (قوات ... سوريا in a title, for "قوات سوريا"). */
function phraseRuns(tokens, query) {
  const hit = tokens.map(() => false);
  tokens.forEach((_, i) => {
    if (query.every((readings, j) => i + j < tokens.length && writes(tokens[i + j], readings))) {
      query.forEach((_, j) => { hit[i + j] = true; });
    }
  });
  return hit;
}

/** Whether the text holds the query's words one after the other (a quoted phrase), its
words read as the page marks them (textWords: O'Brien is one). */
export function holdsPhrase(text, query) {
  return phraseRuns(textWords(text, query), query).includes(true);
}

/** The text with the words of the query in <mark> (a result's title), for a page in `lang`.
located: the keys of the words Pagefind located with a query word's stem in the article's
text (locatedKeys), marked where the title writes them too; named: matchedNames'; guess:
spelt's. */
export function marked(text, query, named = NONE_NAMED, located = new Set(), guess = [],
  lang = "ar", phrase = false) {
  const tokens = textWords(text, query);
  const same = tokens.map((t) => located.has(t.key));
  const hit = phrase ? phraseRuns(tokens, query)
    : spelt(tokens, query, named, query.map(() => same), guess, same);
  return shownHtml(text, 0, text.length, tokens, hit, lang);
}

/** The keys of the words of text (as the page reads them for query) at the
whitespace-separated word indexes Pagefind matched. */
export function locatedKeys(text, located, query) {
  const tokens = textWords(text, query);
  const hit = locatedWords(tokens, wordIndexes(text, tokens), located, query);
  return new Set(tokens.filter((_, i) => hit[i]).map((t) => t.key));
}

/** Which tokens (their whitespace-separated word indexes `at`) Pagefind located (`located`,
word indexes). Pagefind locates a run between spaces: where it holds several words
(www.alsumaria.tv/news/1, لـ«السومرية»), those that may be a query word. */
function locatedWords(tokens, at, located, query) {
  const wanted = new Set(located);
  const sharing = (i) => at[i - 1] === at[i] || at[i + 1] === at[i];
  const mayBe = (t) => query.some((readings) => writes(t, readings) || near(t.key, readings));
  return tokens.map((t, i) => wanted.has(at[i]) && (!sharing(i) || mayBe(t)));
}

/** Indexes of the whitespace-separated words of text at each token (Pagefind counts words so). */
function wordIndexes(text, tokens) {
  const starts = wordSpans(text).map(([start]) => start);
  let at = 0;
  return tokens.map((t) => {
    while (at + 1 < starts.length && starts[at + 1] <= t.start) at++;
    return at;
  });
}

/** An excerpt of the original text around the densest matches, matches in <mark>.

query: the readings of each query word; located: for each, the whitespace-separated word
indexes that its lookups matched in the text (marked only failing any other, for that word
alone, and never the longer words its plain search extends it to: spelt); exact: those located with a query word's stem
(sameStemLocations: marked); outdated: the stretches of an outdated translation, marked so
(markedhtml.excerptHtml); named: the registry names the query matched (matchedNames);
guess: spelt's; lang: the page's (bidi.js). */
export function excerpt(text, query, { located = [], exact = [], outdated } = {},
  named = NONE_NAMED, guess = [], lang = "ar", phrase = false) {
  const tokens = textWords(text, query);
  const at = wordIndexes(text, tokens);
  const anywhere = query.map((_, w) => new Set(located[w] ?? []));
  const hit = phrase ? phraseRuns(tokens, query)
    : spelt(tokens, query, named, anywhere.map((word) => tokens.map((_, i) => word.has(at[i]))),
      guess, locatedWords(tokens, at, exact, query));
  // The window with the most matches, started where a reader can start (excerptwindow.js).
  let first = 0;
  let bestScore = 0;
  hit.forEach((isHit, i) => {
    const score = isHit ? hit.slice(i, i + EXCERPT_WORDS).filter(Boolean).length : 0;
    if (score > bestScore) [first, bestScore] = [i, score];
  });
  if (tokens.length === 0) return escapeHtml(text.slice(0, 200));
  const { best, last, from, to, sentence } =
    excerptWindow(text, tokens, at, first, lang, outdated?.ranges);
  const html = excerptHtml(text, from, to, tokens.slice(best, last), hit.slice(best, last),
    at.slice(best, last), lang, outdated);
  return `${sentence ? "" : "… "}${html}${to < text.length ? " …" : ""}`;
}
