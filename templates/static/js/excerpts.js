// Excerpts and highlights from a result's original text (never from the hidden key copy),
// with the query's words marked as the article writes them, variants included.

import { sameWord, tokenize, wordTerms } from "./readings.js";

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

/** Which tokens spell a query word (in one of its readings), and, where some query word is
spelt by none of them (found by a registry spelling the text does not use: ترامب in a text
writing ترمب), also those that spell a name whose forms Pagefind matched (`forms`). */
function spelt(tokens, query, forms) {
  const spells = query.map((readings) => tokens.map((t) => sameWord(t.key, readings)));
  const byName = forms.size > 0 && spells.some((word) => !word.includes(true));
  return tokens.map((t, i) => spells.some((word) => word[i]) ||
    (byName && wordTerms(t.key).some((f) => forms.has(f))));
}

/** The text with the words of the query in <mark> (a result's title). */
export function marked(text, query, forms = new Set()) {
  let html = "";
  let at = 0;
  const tokens = tokenize(text);
  const hit = spelt(tokens, query, forms);
  tokens.forEach((t, i) => {
    const word = escapeHtml(text.slice(t.start, t.end));
    html += escapeHtml(text.slice(at, t.start));
    html += hit[i] ? `<mark>${word}</mark>` : word;
    at = t.end;
  });
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
matched in the hidden key copy (matchedForms), marked where a query word is spelt by none
of the text's words (spelt). */
export function excerpt(text, query, located = [], forms = new Set()) {
  const tokens = tokenize(text);
  const pagefindHits = new Set(located);
  const at = wordIndexes(text, tokens);
  const named = spelt(tokens, query, forms);
  const hit = tokens.map((t, i) => pagefindHits.has(at[i]) || named[i]);
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
