// Arabic inside English text and Latin inside Arabic, set apart for the bidirectional
// algorithm in search results as the pages set them apart (newsarchive/content/bidi.py, whose
// runs these are): in an English excerpt "حزب الدعوة 2,100" drew the 2,100 before the name,
// in an Arabic one "U.S." drew its last full stop before the U.

// A run begins and ends with an Arabic letter or mark (digits around a name belong to the
// English sentence); spaces, underscores (#انتخابات_كردستان), digits and Arabic punctuation
// may stand between (bidi.py).
const LETTER = "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff" +
  "\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc";
const INSIDE = LETTER + " \u00a0_0-9\u0660-\u0669\u06f0-\u06f9\u060c\u061b\u061f\u066b\u066c\u06d4\u200c";
const ARABIC_RUN = new RegExp(`[${LETTER}](?:[${INSIDE}]*[${LETTER}])?`, "gu");
// A run of Latin: from a letter to a letter or digit (F-16, AT&T, file_name_v2), and the full
// stop closing an abbreviation of letters and stops (U.S., U.N.), not one ending a sentence; a
// hashtag or a handle (#KRG_Elections, @IraqiGov_PMO) whole, with its '#' or '@'; a number
// written onto Latin letters (5G, $5M) with them (bidi.py).
const LATIN_RUN =
  /(?:[A-Za-z]|[#@](?<![A-Za-z0-9_][#@])[0-9_]*[A-Za-z]|[$\u20ac\u00a3][0-9][0-9.,]*[A-Za-z]|(?<![0-9.,$\u20ac\u00a3])[0-9][0-9.,]*[A-Za-z])(?:[A-Za-z0-9 _.'\u2019/&-]*[A-Za-z0-9])?(?:(?<=\.[A-Za-z])\.)?/g;
// The letters Arabic writes onto the next word (و ف ب ل ك: and, so, with, for, as):
// core/arabic.py's PROCLITICS, which this file cannot import (tests/test_address_runs.py
// compares the two).
const PROCLITICS = "وفبلك";
// A number in groups of digits parted by spaces (+964 770 123 4567, 25 000), which a
// right-to-left line drew in the wrong order, and a number with its sign (+19, −٣١, -4.5%),
// whose sign it drew after the number: set apart left to right, in no language (bidi.py's
// _NUMBERS_AS_TYPED; a sign may follow a proclitic, و−٣١, not a word, كوفيد-19).
const DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9";
const NUMBERS_AS_TYPED = new RegExp(
  `(?<![A-Za-z${DIGIT}.,+])\\+?[${DIGIT}]+(?:[ \u00a0][${DIGIT}]+)+(?![A-Za-z${DIGIT}])` +
  `|(?<![A-Za-z${DIGIT}.,+\\-\u2212])(?<![${LETTER}]{2})(?:(?<![${LETTER}])|(?<=[${PROCLITICS}]))` +
  `[+\\-\u2212][${DIGIT}]+(?:[.,\u066b\u066c][${DIGIT}]+)*[%\u066a]?(?![A-Za-z${DIGIT}])`, "gu");

// A bare web or mail address is one run, whole: the characters a page links, which
// content/autolinks.py finds with linkify-it. Cut at its ':' '?' '=' '@' into runs of Latin,
// its pieces were drawn right to left (`//www.ina.iq/1:https`). What follows is linkify-it's
// rule for the common cases (the browser test checks it against the pages' links).
// A bare domain ends with one of linkify-it's top-level domains, so that report.pdf, U.S.
// and 3.5 are no address (but bidi.py and said.It are, to linkify-it as here: .py is
// Paraguay's, .it Italy's).
const TLD = "biz|com|edu|gov|net|org|pro|web|xxx|aero|asia|coop|info|museum|name|shop|" +
  "a[cdefgilmnoqrstuwxz]|b[abdefghijmnorstvwyz]|c[acdfghiklmnoruvwxyz]|d[ejkmoz]|" +
  "e[cegrstu]|f[ijkmor]|g[abdefghilmnpqrstuwy]|h[kmnrtu]|i[delmnoqrst]|j[emop]|" +
  "k[eghimnprwyz]|l[abcikrstuvy]|m[acdeghklmnopqrstuvwxyz]|n[acefgilopruz]|om|" +
  "p[aefghklmnrstwy]|qa|r[eosuw]|s[abcdeghijklmnortuvxyz]|t[cdfghjklmnortvwz]|u[agksyz]|" +
  "v[aceginu]|w[fs]|y[et]|z[amw]";
// A host ends before a space or a punctuation mark, but not before - _ :digit, nor before a
// full stop that goes on (`ina.iq.` ends a sentence, `ina.iq.x` is no address).
const HOST = "(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:" + TLD + ")" +
  "(?::\\d{1,5})?(?=$|[\\s\\p{P}<>|])(?![-_]|:\\d|\\.(?!$|[\\s\\p{P}]))";
// An address opens the text or follows a space or a punctuation mark (not . : / _ @ -,
// which would make it the tail of another), and runs up to a space; a mail address's name
// follows a space, a quote or a bracket.
const ADDRESS = new RegExp(
  "(?<=^|[\\s\\p{P}$+<=>^`|])(?<![.:/\\\\_@-])(?:https?://[^\\s<>]+|" + HOST +
  "(?:[/?#][^\\s<>]*)?)|(?<=^|[\\s\"(<>|])[\\w.+;:&=$,-]{1,64}@" + HOST, "giu");
// The marks that close a sentence or a quotation, not the address they follow
// (autolinks._CLOSING_MARKS).
const CLOSING = "\u060c\u061b\u061f\u06d4\u00bb\u203a\u201d\u2019\u2026.,;:!?";
const OPENING = { ")": "(", "]": "[", "}": "{" };

/** Whether a bracket or quote ending an address closes the sentence's (left unpaired in the
address), not the address's own (`…/Foo_(bar)`, `…/'a'`), as linkify-it reads it. */
function unpaired(address, mark) {
  if (mark in OPENING) return !address.includes(OPENING[mark]);
  return "\"'".includes(mark) && address.split(mark).length % 2 === 0;
}

// One or two PROCLITICS opening a word written straight onto Latin: read as spaces, outside
// the address (`وhttps://…`, `بina.iq`), as autolinks.py reads them.
const PROCLITIC_BEFORE_LATIN = new RegExp(`(?<![^\\s(\\[«"“‘'])[${PROCLITICS}]{1,2}(?=[A-Za-z])`, "g");

/** Where each bare web or mail address of an Arabic text that holds Latin starts and ends,
[[start, end]] in order (bidi._address_spans). */
export function addressSpans(text) {
  if (!/[A-Za-z]/.test(text)) return []; // most Arabic texts: nothing to look for
  const read = text.replace(PROCLITIC_BEFORE_LATIN, (letters) => " ".repeat(letters.length));
  const spans = [];
  for (const found of read.matchAll(ADDRESS)) {
    const start = found.index;
    let end = start + found[0].length;
    while (end > start &&
      (CLOSING.includes(text[end - 1]) || unpaired(text.slice(start, end), text[end - 1]))) end--;
    if (end > start && /[A-Za-z]/.test(text.slice(start, end))) spans.push([start, end]);
  }
  return spans;
}

// A hashtag mixing Arabic with Latin letters or digits (#COP28_العراق, #العراق_2024) is one
// unit in the direction of its first letter, its Latin set apart inside it (bidi.py,
// _mixed_hashtags): with its Latin alone set apart, #COP28_العراق was drawn العراق_#COP28.
// In English text so is every hashtag holding Arabic (#انتخابات_كردستان too), its Arabic set
// apart inside it: an English line drew the '#' of an Arabic one on its left, after it.
const HASHTAG = /(?<![A-Za-z0-9_&/#@.:=?%-])#[\p{L}\p{N}_\u200c\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+/gu;
const ARABIC_LETTER = new RegExp(`[${LETTER}]`, "u");
const MIXED = /[A-Za-z0-9\u0660-\u0669\u06f0-\u06f9]/;

/** The mixed hashtags of text[from, to) (in English text, `lang` "en": those holding
Arabic): [[start, end, dir]] in order. */
function mixedHashtags(text, from, to, lang = "ar") {
  if (!text.includes("#")) return [];
  const found = [];
  for (const tag of text.slice(from, to).matchAll(HASHTAG)) {
    const arabic = tag[0].search(ARABIC_LETTER);
    if (arabic < 0 || (lang === "ar" && !MIXED.test(tag[0]))) continue;
    const latin = tag[0].search(/[A-Za-z]/);
    const start = from + tag.index;
    found.push([start, start + tag[0].length, latin >= 0 && latin < arabic ? "ltr" : "rtl"]);
  }
  return found;
}

/** The runs of the script foreign to a page in `lang` in its text, [[start, end]] in order:
on an Arabic page each address whole and the runs of LATIN_RUN between them
(bidi._latin_runs), and the numbers in groups between those as [start, end, null, tag]; on an
English one the runs of ARABIC_RUN; a hashtag the page sets apart (mixedHashtags) as
[start, end, dir] before the runs inside it. */
function foreignRuns(text, lang) {
  const [pattern, whole] = lang === "ar" ? [LATIN_RUN, addressSpans(text)] : [ARABIC_RUN, []];
  const runs = [];
  let cursor = 0;
  const numbersUpTo = (end) => {
    if (lang !== "ar") return;
    for (const group of text.slice(cursor, end).matchAll(NUMBERS_AS_TYPED)) {
      const start = cursor + group.index;
      runs.push([start, start + group[0].length, null, '<bdi dir="ltr">']);
    }
  };
  const plainUpTo = (end) => {
    const from = cursor;
    for (const run of text.slice(from, end).matchAll(pattern)) {
      numbersUpTo(from + run.index);
      runs.push([from + run.index, from + run.index + run[0].length]);
      cursor = from + run.index + run[0].length;
    }
    numbersUpTo(end);
    cursor = end;
  };
  const runsUpTo = (end) => {
    for (const [start, tagEnd, dir] of mixedHashtags(text, cursor, end, lang)) {
      plainUpTo(start);
      runs.push([start, tagEnd, dir]);
      plainUpTo(tagEnd);
    }
    plainUpTo(end);
  };
  for (const [start, end] of whole) {
    runsUpTo(start);
    runs.push([start, end]);
    cursor = end;
  }
  runsUpTo(text.length);
  return runs;
}

/** Where text[from, to) needs a tag to set apart the runs of the script foreign to a page in
`lang` (Arabic on an English page, Latin on an Arabic one): [[offset, tag]] in order, a run's
end before the next one's start, but for a hashtag's <bdi dir>, which holds its runs.
A run is widened to whole `tokens` (the marked words), so that a tag never falls inside a
<mark>. */
export function runTags(text, from, to, tokens, lang) {
  const part = text.slice(from, to);
  const runs = foreignRuns(part, lang);
  const tagLang = lang === "ar" ? "en" : "ar";
  const tags = [];
  let hashtagEnd = null;
  for (let [start, end, dir, opening] of runs) {
    start += from;
    end += from;
    if (hashtagEnd !== null && start >= hashtagEnd) {
      tags.push([Math.max(hashtagEnd, tags.at(-1)[0]), "</bdi>"]);
      hashtagEnd = null;
    }
    if (dir) { // a mixed hashtag: closed after the runs inside it
      tags.push([start, `<bdi dir="${dir}">`]);
      hashtagEnd = end;
      continue;
    }
    for (const t of tokens) {
      if (t.start < start && start < t.end) start = t.start;
      if (t.start < end && end < t.end) end = t.end;
    }
    if (tags.length && start < tags.at(-1)[0]) continue; // widened into the run before it
    tags.push([start, opening ?? `<bdi lang="${tagLang}">`], [end, "</bdi>"]);
  }
  // A run widened past the hashtag's end (a marked word running on) closes first.
  if (hashtagEnd !== null) tags.push([Math.max(hashtagEnd, tags.at(-1)[0]), "</bdi>"]);
  return tags;
}
