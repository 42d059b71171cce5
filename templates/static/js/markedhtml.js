// The HTML of a stretch of a result's title or text: escaped, the words that matched in
// <mark>, the other script set apart (bidi.js) and, in an excerpt, what an outdated
// translation says marked as such (excerpts.js builds the stretches).

import { runTags } from "./bidi.js";

// A word of its own where an English record's text turns from today's English to an outdated
// paragraph's and back, and before an outdated title (newsarchive/assembly/searchtext.py,
// OUTDATED): never shown.
export const OUTDATED = "\u2051";
// A word of its own after a paragraph that ends in no full stop Pagefind sees (a closing «…»,
// a colon before a quote: searchtext.py, PARAGRAPH_END): the end of a sentence, never shown.
export const PARAGRAPH_END = "\u204b";

/** Text as HTML, escaped, without the marks of outdated stretches and paragraph ends. */
export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`).replaceAll(OUTDATED, "")
    .replaceAll(PARAGRAPH_END, "");
}

/** The [first, end) whitespace-separated word indexes of each stretch of a result's text that
an outdated English paragraph writes (as Pagefind counts words: OUTDATED is one). */
export function outdatedRanges(text) {
  const ranges = [];
  if (!text.includes(OUTDATED)) return ranges;
  Array.from(text.matchAll(/[^\r\n\s]+/g), (m) => m[0]).forEach((word, at) => {
    if (word !== OUTDATED) return;
    if (ranges.at(-1)?.[1] === Infinity) ranges.at(-1)[1] = at;
    else ranges.push([at + 1, Infinity]);
  });
  return ranges;
}

const JOINING = /^[,.\-\u2010\u2011'\u2019\u066b\u066c]$/u; // marks inside a word or number

/** text[from, to) as HTML: escaped, `tokens` (those in it) in <mark> where `hit`, and each
run of the script foreign to a page in `lang` in a <bdi> (bidi.js), as the page sets it apart
(a proclitic written onto Latin, `وhttps://…`, outside it) but never inside a marked word. */
export function shownHtml(text, from, to, tokens, hit, lang) {
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

/** An excerpt's window text[from, to) as HTML (shownHtml), each stretch of it that an
outdated English paragraph writes in a <span class="outdated"> opened by `outdated.note`:
its English is shown on its page marked so, as the Arabic changed after it was translated.
`outdated.ranges`: outdatedRanges' (results.js); `at`: each token's word index (excerpts.js). */
export function excerptHtml(text, from, to, tokens, hit, at, lang, outdated) {
  const ranges = outdated?.ranges ?? [];
  const stale = at.map((word) => ranges.some(([first, end]) => first <= word && word < end));
  let html = "";
  let start = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length && stale[i] === stale[start]) continue;
    const [a, b] = [start > 0 ? tokens[start].start : from, i < tokens.length ? tokens[i].start : to];
    const part = shownHtml(text, a, b, tokens.slice(start, i), hit.slice(start, i), lang);
    const note = `<span class="note">${escapeHtml(outdated?.note ?? "")}</span>`;
    html += stale[start] ? `<span class="outdated">${note} ${part}</span>` : part;
    start = i;
  }
  return html;
}
