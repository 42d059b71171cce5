// A transliterated name has many English spellings (Hasaka and Hasakah, Qassem and Qasim,
// Mosul and Mousul): on the English page a query word that spells a word of an entity's
// English names (the registry's variants too) the way its letters transliterate, its
// skeleton, is read as that word too, so that it finds the articles naming the entity and
// offers its page (docs/search.md, "Names in other spellings"). Only the words of names are
// read so: an ordinary word keeps the exact rule. tests/searchrule.py (skeleton) is the
// independent model the browser tests compare this with.

import { tokenize, toKey } from "./readings.js";

// A word this short, or a skeleton this short, is read only as typed: `Ali` and `Aly` would
// meet `Al`, `Ala`, and every name written with al-.
const FEWEST_LETTERS = 4;
const FEWEST_SKELETON = 3;
// A final vowel (y or i, a or e, after a final h is dropped) counts as one letter of its own,
// whatever it is: Sudani is Sudany but not Sudan, Iraqi not Iraq, Maliki not Malikiyah.
const FINAL_VOWEL = "V";
// Words that join the words of names (entitypages.js, JOINING): never read as a name's word.
const JOINING = new Set(["al", "el", "the", "of", "and", "for", "to", "de"]);

/** The skeleton of a Latin word (its key: lowercase, accents folded), or null for a word
with anything but letters a-z, or too short to be read by it: a final h dropped; a final
vowel one FINAL_VOWEL; every other vowel dropped but a leading one (y is a vowel only at the
end); doubled letters one. Qassem and Qasim are qsm, Muhammad and Mohammed mhmd,
Hasaka and Hasakah hskV, Rumeilan and Rmelan rmln, McGregor and Macgregor mcgrgr. */
export function skeleton(key) {
  if (!/^[a-z]+$/u.test(key) || key.length < FEWEST_LETTERS || JOINING.has(key)) return null;
  const word = key.replace(/(?<=[aeiou])h$/u, "");
  const final = /[aeiouy]$/u.test(word) ? FINAL_VOWEL : "";
  const body = word.replace(/(?:[aeiou]+|y)$/u, "");
  const shape = (body[0] + body.slice(1).replace(/[aeiou]/gu, "")).replace(/(.)\1+/gu, "$1");
  const found = shape + final;
  return found.length >= FEWEST_SKELETON ? found : null;
}

const SKELETONS = new WeakMap(); // each entities file's forms by skeleton, made once

function formsBySkeleton(names) {
  if (!SKELETONS.has(names)) {
    const found = new Map();
    for (const form of names.byForm.keys()) {
      const shape = skeleton(form);
      if (shape === null) continue;
      if (!found.has(shape)) found.set(shape, []);
      found.get(shape).push(form);
    }
    SKELETONS.set(names, found);
  }
  return SKELETONS.get(names);
}

/** The query's readings (readings.js, queryReadings) with, for each word that is no word of
an entity's English names as typed, the names' words that share its skeleton, after its own
readings (so the spelling typed ranks first). names: the English entities file
(entitypages.js, loadEntityNames), or null. */
export function withNameSpellings(query, names) {
  if (!names) return query;
  const bySkeleton = formsBySkeleton(names);
  return query.map((readings) => {
    if (readings.some((reading) => names.byForm.has(reading))) return readings;
    const shape = skeleton(toKey(readings[0] ?? ""));
    const spelt = (shape && bySkeleton.get(shape)) || [];
    return [...readings, ...spelt.filter((form) => !readings.includes(form))];
  });
}

/** The query's readings for one result (its title and text, `written`): each word read as a
name's word (one of its readings a word of an entity's English names) is also every word
the result writes with that word's skeleton, so that its excerpt marks the name as the
article writes it (Qassem, for a query Qasim). */
export function withWrittenSpellings(query, written, names) {
  if (!names) return query;
  const shapes = query.map((readings) => new Set(readings
    .filter((reading) => names.byForm.has(reading)).map(skeleton).filter(Boolean)));
  if (shapes.every((each) => each.size === 0)) return query;
  const keys = [...new Set(tokenize(written).map((t) => t.key))];
  return query.map((readings, w) => {
    const spelt = keys.filter((key) => shapes[w].has(skeleton(key)) && !readings.includes(key));
    return spelt.length > 0 ? [...readings, ...spelt] : readings;
  });
}
