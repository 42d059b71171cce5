// Arabic inside English text and Latin inside Arabic, set apart for the bidirectional
// algorithm in search results as the pages set them apart (newsarchive/content/bidi.py, whose
// runs these are): in an English excerpt "حزب الدعوة 2,100" drew the 2,100 before the name,
// in an Arabic one "U.S." drew its last full stop before the U.

// A run begins and ends with an Arabic letter or mark (digits around a name belong to the
// English sentence); spaces, digits and Arabic punctuation may stand between (bidi.py).
const LETTER = "\u0610-\u061a\u0620-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff" +
  "\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefc";
const INSIDE = LETTER + " \u00a00-9\u0660-\u0669\u06f0-\u06f9\u060c\u061b\u061f\u066b\u066c\u06d4\u200c";
const ARABIC_RUN = new RegExp(`[${LETTER}](?:[${INSIDE}]*[${LETTER}])?`, "gu");
// A run of Latin: from a letter to a letter or digit (F-16, AT&T), and the full stop closing
// an abbreviation of letters and stops (U.S., U.N.), not one ending a sentence.
const LATIN_RUN = /[A-Za-z](?:[A-Za-z0-9 .'\u2019/&-]*[A-Za-z0-9])?(?:(?<=\.[A-Za-z])\.)?/g;

/** Where text[from, to) needs a tag to set apart the runs of the script foreign to a page in
`lang` (Arabic on an English page, Latin on an Arabic one): [[offset, tag]] in order, a run's
end before the next one's start. A run is widened to whole tokens (words), so that a tag
never falls inside a word that may be marked. */
export function runTags(text, from, to, tokens, lang) {
  const [pattern, tagLang] = lang === "ar" ? [LATIN_RUN, "en"] : [ARABIC_RUN, "ar"];
  const tags = [];
  for (const run of text.slice(from, to).matchAll(pattern)) {
    let start = from + run.index;
    let end = start + run[0].length;
    for (const t of tokens) {
      if (t.start < start && start < t.end) start = t.start;
      if (t.start < end && end < t.end) end = t.end;
    }
    if (tags.length && start < tags.at(-1)[0]) continue; // widened into the run before it
    tags.push([start, `<bdi lang="${tagLang}">`], [end, "</bdi>"]);
  }
  return tags;
}
