// Excerpts and highlights from a result's original text (never from the hidden key copy),
// with the query's words marked as the article writes them, variants included.

import { addressSpans, runTags } from "./bidi.js";
import { namesJoined, sameWord, tokenize, wordTerms } from "./readings.js";

const EXCERPT_WORDS = 30;
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
(readings.namesJoined: `عبد الستار` for عبدالستار). */
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
  return namesJoined(text, found, query);
}

// A Latin word of three letters or fewer (the, of, al, the C. of Christopher C. Miller): an
// English name's group holds it (searchtext.english_key_text), but it is no sign of the
// name, and marking every `the` of a text would hide what matched.
const SHORT_LATIN = /^[a-z0-9\u00c0-\u024f]{1,3}$/u;

/** A word of the text's keys: its own, and its parts' (textWords). */
const keysOf = (word) => [word.key, ...(word.parts ?? [])];

/** Whether a word of the text spells a query word (its readings), whole or in a part. */
function writes(word, readings) {
  return keysOf(word).some((key) => sameWord(key, readings, word.written));
}

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

const NUMBER = /^[0-9]+$/u;

/** Whether a word (its key) may be one that Pagefind's stemmer joins with a query word: a
reading of each without the article ال, one all but its last letter a prefix of the other
(three letters at least, or the whole of a shorter one and one letter more), the other at
most three letters longer than what they share (جديداً and جديد, مسجداً and مسجدين,
launches and launched, السلة and السل; not الإمام and الأمن). The page
holds no stemmer, so this stands in for it only where Pagefind says the article holds the
word. A number is no inflection of another (500 is not 50): only the same digits meet. */
function near(key, readings) {
  const bare = (forms) => forms.filter((form) => !form.startsWith("ال") && !NUMBER.test(form));
  return bare(wordTerms(key)).some((form) => bare(readings).some((reading) => {
    let common = 0;
    while (common < form.length && form[common] === reading[common]) common++;
    const [shorter, longer] = [form.length, reading.length].sort((a, b) => a - b);
    return (common >= Math.max(3, shorter - 1) && longer - common <= 3) ||
      (common === shorter && longer - common === 1);
  }));
}

/** For each query word, whether the text shows it: a word spells it (in one of its
readings), or is a word Pagefind located in the article's text (`located`, keys) and may
be it inflected (near). */
export function shownWords(text, query, located) {
  const tokens = textWords(text, query);
  return query.map((readings) => tokens.some((t) =>
    writes(t, readings) || (located.has(t.key) && near(t.key, readings))));
}

/** Which tokens to mark: those that spell a query word (in one of its readings), those that
Pagefind located (`located[i]`) and may be the query word inflected (near), and, for a
query word neither the title nor the text shows (`guess[w]`, from shownWords), the tokens
that may be it (near), or failing those the tokens Pagefind located: Pagefind listed the
article for it, so its title or text holds it, and a listed result always shows what matched
(docs/search.md).
Where a query word is shown by neither the title nor the text (`guess[w]`: found by a
registry spelling the text does not use, ترامب in a text writing ترمب), also those that spell
a name whose forms Pagefind matched (`forms`), but a short Latin word (SHORT_LATIN). Only then: `forms` holds every word of such a
name (قوات of قوات البيشمركة) and the longer words Pagefind's plain search extended a reading
to in the key copy (أممي for الأمم), which a title not showing the query word would otherwise
have marked. */
function spelt(tokens, query, forms, located, guess, exact = []) {
  const words = query.map((readings, w) => {
    const spells = tokens.map((t, i) =>
      writes(t, readings) || (located[i] && near(t.key, readings)));
    if (spells.includes(true) || !guess[w]) return spells;
    // Else the words that may be it, or at last those Pagefind located: an inflection its
    // stemmer joins that shares no start with the query word (تستخدم for يستخدمونها).
    const close = tokens.map((t) => near(t.key, readings));
    return close.includes(true) ? close : located;
  });
  const byName = forms.size > 0 && words.some((word, w) => guess[w] && !word.includes(true));
  const ofName = (key) => !SHORT_LATIN.test(key) && wordTerms(key).some((f) => forms.has(f));
  return tokens.map((t, i) => exact[i] || words.some((word) => word[i]) ||
    (byName && keysOf(t).some(ofName)));
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

const JOINING = /^[,.\-\u2010\u2011'\u2019\u066b\u066c]$/u; // marks inside a word or number

/** text[from, to) as HTML: escaped, `tokens` (those in it) in <mark> where `hit`, and each
run of the script foreign to a page in `lang` in a <bdi> (bidi.js), as the page sets it apart
(a proclitic written onto Latin, `وhttps://…`, outside it) but never inside a marked word. */
function shownHtml(text, from, to, tokens, hit, lang) {
  const tags = runTags(text, from, to, tokens.filter((_, i) => hit[i]), lang);
  let html = "";
  let next = 0;
  // The text up to `end`, with the tags at or before it (a tag at a word's start comes
  // before its <mark>, one at its end after its </mark>).
  const upTo = (start, end) => {
    let at = start;
    for (; next < tags.length && tags[next][0] <= end; next++) {
      html += escapeHtml(text.slice(at, tags[next][0])) + tags[next][1];
      at = tags[next][0];
    }
    html += escapeHtml(text.slice(at, end));
  };
  // Two marked words with one joining mark between them (70,000, al-Hasakah) are one mark,
  // not two with the comma or hyphen left out of it, unless a tag stands between them.
  const joined = (i) => i + 1 < tokens.length && hit[i] && hit[i + 1] &&
    tokens[i + 1].start - tokens[i].end === 1 && JOINING.test(text[tokens[i].end]) &&
    !tags.some(([at]) => at >= tokens[i].end && at <= tokens[i + 1].start);
  let cursor = from;
  tokens.forEach((t, i) => {
    if (!hit[i]) return; // an unmarked word is text like any other: a tag may fall inside it
    upTo(cursor, t.start);
    const word = escapeHtml(text.slice(t.start, t.end));
    html += `${joined(i - 1) ? "" : "<mark>"}${word}${joined(i) ? "" : "</mark>"}`;
    cursor = t.end;
  });
  upTo(cursor, to);
  return html;
}

/** The text with the words of the query in <mark> (a result's title), for a page in `lang`.
located: the keys of the words Pagefind matched in the article's text (locatedKeys), marked
where the title writes them too; guess: spelt's. */
export function marked(text, query, forms = new Set(), located = new Set(), guess = [],
  lang = "ar", phrase = false) {
  const tokens = textWords(text, query);
  const hit = phrase ? phraseRuns(tokens, query)
    : spelt(tokens, query, forms, tokens.map((t) => located.has(t.key)), guess);
  return shownHtml(text, 0, text.length, tokens, hit, lang);
}

/** The keys of the words of text (as the page reads them for query) at the
whitespace-separated word indexes Pagefind matched. */
export function locatedKeys(text, located, query) {
  const tokens = textWords(text, query);
  const at = wordIndexes(text, tokens);
  const wanted = new Set(located);
  return new Set(tokens.filter((_, i) => wanted.has(at[i])).map((t) => t.key));
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

/** The window of tokens [first, last) widened to whole web addresses in an Arabic text: one
it began or ended inside showed a piece (`… html، وقال`), set apart as an address of its own. */
function wholeAddresses(text, tokens, first, last, lang) {
  if (lang !== "ar") return [first, Math.min(last, tokens.length)];
  for (const [start, end] of addressSpans(text)) {
    while (first > 0 && start < tokens[first]?.start && tokens[first].start < end) first--;
    while (last < tokens.length && start < tokens[last].start && tokens[last].start < end) last++;
  }
  return [first, Math.min(last, tokens.length)];
}

/** An excerpt of the original text around the densest matches, matches in <mark>.

query: the readings of each query word; exact: the whitespace-separated word indexes that
Pagefind's exact lookups matched (the same stem: marked); located: the word indexes that
Pagefind matched in the text (inflections its stemmer joins, and the longer words its plain
search extends a word to, which spelt leaves out); forms: key forms that Pagefind
matched in the hidden key copy (matchedForms), marked where a query word is spelt by none
of the text's words; guess: spelt's; lang: the page's (bidi.js). */
export function excerpt(text, query, { located = [], exact = new Set() } = {}, forms = new Set(),
  guess = [], lang = "ar", phrase = false) {
  const tokens = textWords(text, query);
  const pagefindHits = new Set(located);
  const at = wordIndexes(text, tokens);
  const hit = phrase ? phraseRuns(tokens, query)
    : spelt(tokens, query, forms, tokens.map((_, i) => pagefindHits.has(at[i])), guess,
      tokens.map((_, i) => exact.has(at[i])));
  // The window with the most matches, started a few words before its first match.
  let first = 0;
  let bestScore = 0;
  hit.forEach((isHit, i) => {
    const score = isHit ? hit.slice(i, i + EXCERPT_WORDS).filter(Boolean).length : 0;
    if (score > bestScore) [first, bestScore] = [i, score];
  });
  const start = Math.max(0, Math.min(first - 8, tokens.length - EXCERPT_WORDS));
  const [best, last] = wholeAddresses(text, tokens, start, start + EXCERPT_WORDS, lang);
  const shown = tokens.slice(best, last);
  if (shown.length === 0) return escapeHtml(text.slice(0, 200));
  const from = best > 0 ? shown[0].start : 0;
  const to = last < tokens.length ? shown.at(-1).end : text.length;
  const html = shownHtml(text, from, to, shown, hit.slice(best, last), lang);
  return `${best > 0 ? "… " : ""}${html}${to < text.length ? " …" : ""}`;
}
