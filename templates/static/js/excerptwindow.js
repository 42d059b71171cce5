// Where a result's excerpt starts and ends (excerpts.js cuts it and marks its words): at the
// start of the sentence that holds its first match when that is near, else a few words before
// the match after an ellipsis; always at the edge of a word as written (لـ«السومرية» whole)
// and never inside a run the page sets apart (U.S. Central Command, an address, an Arabic
// name in English), which drawn from its middle reads backwards or as a piece.

import { addressSpans, runTags } from "./bidi.js";

export const EXCERPT_WORDS = 30;
const LEAD = 8; // words shown before the first match when no sentence starts near it
// How many words before the first match an excerpt may start, at its sentence's start or a
// run's: half the excerpt, so that the match and what follows it keep the other half.
const FARTHEST_BACK = 15;

// What ends a sentence: a full stop, ! ? ; or Arabic ؟ ؛ and the Urdu full stop ۔, with any
// quotation mark or bracket closing after it, then a space (3.5, ina.iq and U.S. end none).
// Pagefind ends a paragraph that ends in a word with a full stop, and the search record one
// ending in » or : (or any mark Pagefind leaves) with PARAGRAPH_END, so a paragraph's start is
// a sentence's too.
const SENTENCE_END = /(?:[.!?;\u061f\u061b\u06d4][\u00bb\u201d\u2019"')\]]*|\u204b)\s/u;
// A full stop after a title or a short form of a name's (Gen. Kevin Copsey) ends nothing.
const TITLE_STOP = /^(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|Jr|Sr|No|vs)\.\s+$/;

/** The [start, end) offsets of the whitespace-separated words of text (as Pagefind counts). */
export function wordSpans(text) {
  return Array.from(text.matchAll(/[^\r\n\s]+/g), (m) => [m.index, m.index + m[0].length]);
}

/** Whether token i of the text starts a sentence: the text's first, or one after a
sentence's end (SENTENCE_END). */
function startsSentence(text, tokens, i) {
  if (i === 0) return true;
  const gap = text.slice(tokens[i - 1].end, tokens[i].start);
  return SENTENCE_END.test(gap) && !TITLE_STOP.test(text.slice(tokens[i - 1].start, tokens[i].start));
}

/** The [start, end) offsets of the runs the page sets apart (bidi.runTags) in text[0, end),
each outermost run once (a mixed hashtag holds runs of its own). */
function isolatedSpans(text, end, lang) {
  const spans = [];
  let depth = 0;
  for (const [offset, tag] of runTags(text, 0, end, [], lang)) {
    if (tag !== "</bdi>") {
      if (depth++ === 0) spans.push([offset, end]);
    } else if (--depth === 0) {
      spans.at(-1)[1] = offset;
    }
  }
  return spans;
}

/** The first token of the whitespace-separated word that holds token i (`at`: each token's
word index), and, when that word begins inside a run set apart (`spans`), the first token of
the run's first word: the run whole while it starts at most FARTHEST_BACK words before the
first match (`first`), else the token after it (or the match itself, inside a run too long to show). */
function outsideRuns(tokens, at, spans, i, first) {
  for (;;) {
    while (i > 0 && at[i - 1] === at[i]) i--;
    const offset = tokens[i].start;
    const run = spans.find(([start, end]) => start < offset && offset < end);
    if (!run) return i;
    const back = tokens.findIndex((t) => t.end > run[0]);
    if (first - back <= FARTHEST_BACK) {
      i = back;
      continue;
    }
    const after = tokens.findIndex((t) => t.start >= run[1]);
    return after >= 0 && after <= first ? after : first;
  }
}

/** The token an excerpt starts at, its first match at token `first`: the start of the
match's sentence when it is at most FARTHEST_BACK words before it, else LEAD words before
(more when the text ends within the excerpt), moved back to a whole word and out of a run set
apart (outsideRuns); never in a stretch of an outdated translation that ends before the
match (`outdated`: [first, end) word indexes), which has a note of its own. */
function excerptStart(text, tokens, at, first, lang, outdated) {
  let sentence = first;
  while (sentence > 0 && !startsSentence(text, tokens, sentence)) sentence--;
  let start = first - sentence <= FARTHEST_BACK ? sentence
    : Math.max(sentence, Math.min(first - LEAD, tokens.length - EXCERPT_WORDS));
  start = outsideRuns(tokens, at, isolatedSpans(text, tokens[first].end, lang), start, first);
  for (const [, end] of outdated) {
    while (end <= at[first] && start < first && at[start] < end) start++;
  }
  return start;
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

/** An excerpt's window, its first match at token `first`: the tokens [best, last), the text
[from, to) that shows them, whole words from the first word's first character to the last
word's last (an opening « or a closing ، with them), and whether it opens a sentence (no
ellipsis before it). At most EXCERPT_WORDS tokens, but for an address shown whole; the
last word is dropped rather than cut where the window would end inside it. */
export function excerptWindow(text, tokens, at, first, lang, outdated = []) {
  const start = excerptStart(text, tokens, at, first, lang, outdated);
  let [best, last] = wholeAddresses(text, tokens, start, start + EXCERPT_WORDS, lang);
  while (last < tokens.length && last - 1 > first && at[last] === at[last - 1]) last--;
  const words = wordSpans(text);
  const from = best > 0 ? words[at[best]][0] : 0;
  const to = last < tokens.length ? words[at[last - 1]][1] : text.length;
  return { best, last, from, to, sentence: startsSentence(text, tokens, best) };
}
