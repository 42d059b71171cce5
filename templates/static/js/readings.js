// The query's words as the index holds them: a port of newsarchive/core/arabic.py (to_key,
// tokenize, split_proclitics) and of newsarchive/assembly/searchtext.py (word_terms); the
// tests model queryReadings in Python (tests/queryreadings.py). Keep them in step: tests
// compare them on a table of words. Which articles match a query's readings: docs/search.md.

const INVISIBLE = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" +
  "\u200b\u200c\u200d\u2060\ufeff\u00ad";
// Marks but the hamza marks (U+0654/U+0655), which stay until the seats are folded.
const DROP = new RegExp(
  "[" + INVISIBLE + "\u0640\u064b-\u0653\u0656-\u065f\u0670\u06d6-\u06ed\u0610-\u061a" +
  "\u0300-\u036f]", "gu");
// The hamza seat folds of arabic.py (_fold_hamza_seats): inside a word, ئ ؤ ء before و key
// to و (مسئول, مسؤول → مسوول), and a word's last ئ or ء, with a ي before it or not, to ء
// (شيء, شئ, شيئ → شء). Decomposed, ئ is ي and ؤ is و with the hamza mark U+0654.
const SEAT = "(?:[\u064a\u0648]\u0654|\u0621)";
const AFTER_LETTER = "(?<=[\\p{L}\\p{N}\u0654\u0655])";
const SEAT_BEFORE_WAW = new RegExp(AFTER_LETTER + SEAT + "(?=\u0648)", "gu");
const LAST_HAMZA = new RegExp(
  AFTER_LETTER + "\u064a?(?:\u064a\u0654|\u0621)(?![\\p{L}\\p{N}])", "gu");
// And ي + أ + ة at a word's end (ه: ة is folded first) keys as ي + ئ + ة: هيأة is هيئة.
const ALEF_SEAT_BEFORE_TEH = /(?<=\u064a)\u0627\u0654(?=\u0647(?![\p{L}\p{N}]))/gu;
// And a word's first ئ (ئا), Kurdish, keys to ا: ئازاد is آزاد; never after a proclitic.
const KURDISH_FIRST_HAMZA = /(?<![\p{L}\p{N}\u0654\u0655])\u064a\u0654\u0627?/gu;
const HAMZA_MARKS = /[\u0654\u0655]/gu;
const FOLD = {
  "\u0671": "\u0627", "\u0672": "\u0627", "\u0673": "\u0627",
  "\u0649": "\u064a", "\u0629": "\u0647", "\u06cc": "\u064a", "\u06a9": "\u0643", "\u06d5": "\u0647",
  "\u06be": "\u0647", "\u0695": "\u0631", "\u06b5": "\u0644", "\u06ce": "\u064a", "\u06c6": "\u0648",
  "\u067e": "\u0628", "\u0686": "\u062c", "\u06a4": "\u0641", "\u06af": "\u0643",
  "\u06d2": "\u064a", "\u06c1": "\u0647", "\u06c3": "\u0647", "\u0679": "\u062a",
  "\u0688": "\u062f", "\u0691": "\u0631", "\u06ba": "\u0646",
};
for (let d = 0; d < 10; d++) {
  FOLD[String.fromCharCode(0x0660 + d)] = String(d);
  FOLD[String.fromCharCode(0x06f0 + d)] = String(d);
}
// A Kurdish ە with a letter after it, in the word: a vowel Arabic does not write (arabic.py).
const KURDISH_VOWEL = /\u06d5(?=\p{L})/gu;
const FOLD_RE = new RegExp("[" + Object.keys(FOLD).join("") + "]", "gu");
const MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed";
const WORD = "(?:[\\p{L}\\p{N}]|[" + MARKS + "])";
const TOKEN_RE = new RegExp(WORD + "+(?:[" + INVISIBLE + "]+" + WORD + "+)*", "gu");

const TYPED_DROP = new RegExp(
  "[" + INVISIBLE + "\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u0610-\u061a]", "gu");

/** A word as the reader typed it (arabic.as_typed): hamza, ى and ة kept, marks dropped. */
export function asTyped(word) {
  return word.toLowerCase().normalize("NFC").replace(TYPED_DROP, "");
}

// Keys already made, by word: a page of results reads every word of twenty articles, most
// of them the same few hundred words, and making a key (two normalisations, five passes)
// was the search page's largest script time on a phone (Lighthouse's blocking time).
const KEYS = new Map();
const KEYS_KEPT = 20000;

/** The matching/search key of a word (arabic.to_key). */
export function toKey(text) {
  let key = KEYS.get(text);
  if (key === undefined) {
    const decomposed = text.replace(KURDISH_VOWEL, "").toLowerCase().normalize("NFKD");
    const letters = decomposed.replace(DROP, "").replace(FOLD_RE, (ch) => FOLD[ch]);
    const seated = letters.replace(KURDISH_FIRST_HAMZA, "\u0627")
      .replace(SEAT_BEFORE_WAW, "\u0648").replace(LAST_HAMZA, "\u0621")
      .replace(ALEF_SEAT_BEFORE_TEH, "\u064a\u0654");
    key = seated.replace(HAMZA_MARKS, "").normalize("NFC");
    if (KEYS.size >= KEYS_KEPT) KEYS.clear();
    KEYS.set(text, key);
  }
  return key;
}

/** Words with their offsets in the original text and their keys (arabic.tokenize). */
export function tokenize(text) {
  return Array.from(text.matchAll(TOKEN_RE), (m) => ({
    start: m.index, end: m.index + m[0].length, key: toKey(m[0]),
  }));
}

const STEMS = new Map(); // as KEYS: the stems of each key, made once (frozen: shared)

/** The key, then every stem left by stripping و/ف, ب/ل/ك and ال (arabic.proclitic_stems). */
export function procliticStems(key) {
  let stems = STEMS.get(key);
  if (stems === undefined) {
    stems = Object.freeze(stemsOf(key));
    if (STEMS.size >= KEYS_KEPT) STEMS.clear();
    STEMS.set(key, stems);
  }
  return stems;
}

/** The key and each stem stripping its proclitics leaves, as [stem, length of the prefix,
whether an article ال was stripped] (arabic.split_proclitics). */
function splitsOf(key) {
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
  return splits.sort((a, b) => a[1] - b[1] || Number(a[2]) - Number(b[2]));
}

function stemsOf(key) {
  const seen = new Set();
  const stems = [];
  for (const [stem, prefix] of splitsOf(key)) {
    const usable = prefix === 0 || ([...stem].length >= 2 && stem !== "ال");
    if (usable && !seen.has(stem)) {
      seen.add(stem);
      stems.push(stem);
    }
  }
  return stems;
}

/** The readings under which a word is indexed: its key and its stems (searchtext.word_terms). */
export function wordTerms(key) {
  return procliticStems(key);
}

// The words nearly every article holds, by key (searchtext.FUNCTION_WORDS): a query word meets
// one only when the reader typed it (docs/search.md, "Which articles match").
const FUNCTION_WORDS = new Set(
  "في فيه فيها لم لن لا ما هي هو هم من عن أن إن قد كل مع".split(" ").map(toKey));
// Around a reading that holds a function word, for a word that spells none (searchtext.EXACT):
// Pagefind's stemmer leaves it whole, so فئة's exactفيهexact does not find فيها.
const EXACT = "exact";
// A stem left by stripping a proclitic from a query word keeps this many letters (فلم is not
// لم), or is digits (queryreadings.QUERY_STEM_LETTERS).
const QUERY_STEM_LETTERS = 3;
const PLAIN_ALEF = /[\u0623\u0625\u0622\u0671\u0649]/gu; // أ إ آ ٱ ى, written either way
const DIGITS = /^[0-9]+$/u;

/** Whether a word as written is a function word, a proclitic on it or not (فيها, لأن, فلم);
فئة is not (searchtext.spells_function_word). */
export function spellsFunctionWord(word) {
  const plain = asTyped(word)
    .replace(PLAIN_ALEF, (ch) => (ch === "\u0649" ? "\u064a" : "\u0627"));
  return stemsOf(plain).some((stem) => FUNCTION_WORDS.has(stem));
}

/** Whether a reading is a function word or one with proclitics (searchtext.holds_function_word). */
function holdsFunctionWord(reading) {
  return procliticStems(reading).some((stem) => FUNCTION_WORDS.has(stem));
}

const exactForm = (reading) => EXACT + reading + EXACT;

/** The forms a word of a text is indexed in (searchtext.surface_terms): its readings, and,
unless it spells a function word, the EXACT form of each that holds one (its readings alone
where how it is written is not known: a number's). */
export function indexedForms(key, written) {
  const terms = wordTerms(key);
  if (written === undefined || spellsFunctionWord(written)) return terms;
  const exact = terms.filter(holdsFunctionWord).map(exactForm);
  return exact.length ? [...terms, ...exact] : terms;
}

/** The readings of a typed word that the page looks up (queryreadings.searched_terms): a
stripped stem of QUERY_STEM_LETTERS letters or digits, and each reading that holds a
function word in its EXACT form, unless the word is typed as one. */
function searchedTerms(typed, terms) {
  const kept = terms.filter((term, at) =>
    at === 0 || [...term].length >= QUERY_STEM_LETTERS || DIGITS.test(term));
  if (spellsFunctionWord(typed)) return kept;
  return [...new Set(kept.map((term) => (holdsFunctionWord(term) ? exactForm(term) : term)))];
}

// An apostrophe between two Latin letters, and the full stop after each single letter of an
// abbreviation, which Pagefind drops from the words it indexes (searchtext's
// _LATIN_APOSTROPHE and _ABBREVIATION_STOP): O'Brien is one word, obrien, and U.N. is un.
const LATIN_APOSTROPHE = /(?<=[A-Za-z\u00c0-\u024f])['\u2019](?=[A-Za-z\u00c0-\u024f])/gu;
const ABBREVIATION_STOP =
  /(?<![A-Za-z\u00c0-\u024f])([A-Za-z\u00c0-\u024f])\.(?=[A-Za-z\u00c0-\u024f](?![A-Za-z\u00c0-\u024f]))/gu;

// What may separate the words of a name (arabic.NAME_GAP): spaces and invisible characters,
// never punctuation or a line break.
const NAME_GAP = new RegExp("^(?:[^\\S\\r\\n\u0085\u2028\u2029]|[" + INVISIBLE + "])+$", "u");
const ABD = "\u0639\u0628\u062f"; // عبد

/** The key of the one word two words (their keys) make as a name's عبد and the word after it,
written apart (عبد الستار is عبدالستار), or null (arabic.joined_name): the second is ال and
two letters more, the first عبد with no proclitic but و ف ب ل ك (not العبد). */
function joinedName(first, second) {
  if (!second.startsWith("\u0627\u0644") || [...second].length < 4) return null;
  const abd = splitsOf(first).some(([stem, , article]) => stem === ABD && !article);
  return abd ? first + second : null;
}

/** Two tokens of a text as one word when they are a name's عبد and the word after it, apart
(queryreadings._typed_name): the joined key, or null. */
function nameOf(text, first, second) {
  return second && NAME_GAP.test(text.slice(first.end, second.start))
    ? joinedName(first.key, second.key) : null;
}

// A number written in groups of thousands (120,000, ١٢٠٬٠٠٠, in either digit set): a group of
// one to three digits, then groups of three each after one comma or ٬ (searchruns.py).
const GROUP_MARKS = ",\u066c";
// The first group may carry a proclitic, as a number may (و120,000: و + 120000).
const LEADING_GROUP = /^[\u0648\u0641]?[\u0628\u0644\u0643]?[0-9]{1,3}$/u;
const GROUP_OF_THREE = /^[0-9]{3}$/u;
const GROUPED = /[0-9\u0660-\u0669\u06f0-\u06f9][,\u066c][0-9\u0660-\u0669\u06f0-\u06f9]/u;

/** Where the number in groups of thousands that starts at tokens[at] ends (the index after its
last group), or at + 1 where none starts (searchruns.grouped_number_end). */
function groupedEnd(text, tokens, at) {
  let end = at + 1;
  if (!LEADING_GROUP.test(tokens[at].key)) return end;
  while (end < tokens.length && tokens[end].start === tokens[end - 1].end + 1 &&
    GROUP_MARKS.includes(text[tokens[end - 1].end]) && GROUP_OF_THREE.test(tokens[end].key)) end++;
  return end;
}

/** A number's groups (tokens) as one word: its key, the groups' keys joined (120000), and its
digits as written, without the marks between the groups (١٢٠٠٠٠). */
function groupsJoined(text, run) {
  return {
    key: run.map((t) => t.key).join(""),
    written: run.map((t) => text.slice(t.start, t.end)).join(""),
  };
}

/** The tokens of a text with each number written in groups of thousands one token, where its
digits joined are a word of the query (`120,000` for the query 120,000 or 120000): the words
the page marks, counts and reads a phrase in as the query reads it (docs/search.md). A joined
token spans the groups, with their keys as `parts` and its digits as written as `written`;
another query's `000` is not marked in it, nor is its 120 a phrase's. */
export function numbersJoined(text, tokens, query) {
  if (!GROUPED.test(text)) return tokens;
  const found = [];
  for (let i = 0; i < tokens.length; i++) {
    const end = groupedEnd(text, tokens, i);
    if (end === i + 1) {
      found.push(tokens[i]);
      continue;
    }
    const run = tokens.slice(i, end);
    const { key, written } = groupsJoined(text, run);
    if (query.some((readings) => sameWord(key, readings))) {
      found.push({ start: run[0].start, end: run.at(-1).end, key, parts: run.map((t) => t.key), written });
    } else {
      found.push(...run); // whole: the 120,000 of 1,120,000 is no number of its own
    }
    i = end - 1;
  }
  return found;
}

/** The readings of each word of a typed query (queryreadings.query_readings); a name's عبد and
the word after it are one word, as the key copy holds it written apart, and so is a number in
groups of thousands, its digits joined (120,000 is 120000, as Pagefind reads the text's). */
export function queryReadings(typedText) {
  const text = typedText.replace(LATIN_APOSTROPHE, "").replace(ABBREVIATION_STOP, "$1");
  const tokens = tokenize(text);
  const found = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const grouped = groupedEnd(text, tokens, i);
    if (grouped > i + 1) {
      const { key, written } = groupsJoined(text, tokens.slice(i, grouped));
      found.push(typedFirst(asTyped(written), searchedTerms(written, wordTerms(key))));
      i = grouped - 1;
      continue;
    }
    const joined = nameOf(text, t, tokens[i + 1]);
    const written = text.slice(t.start, t.end) +
      (joined ? text.slice(tokens[i + 1].start, tokens[i + 1].end) : "");
    if (joined) i++;
    found.push(typedFirst(asTyped(written), searchedTerms(written, wordTerms(joined ?? t.key))));
  }
  return found;
}

function typedFirst(typed, terms) {
  const readings = terms.includes(typed) ? terms : [typed, ...terms];
  // Pagefind reads a last ئ as ي (queryreadings._typed_first): so does the page.
  const seatless = typed.slice(0, -1) + "\u064a";
  return typed.endsWith("\u0626") && !readings.includes(seatless)
    ? [...readings, seatless] : readings;
}

/** The tokens of a text with each name whose عبد stands apart from the word after it
(عبد الستار) one token, where the joined word is a word of the query (its readings): the
words the page marks, counts and reads a phrase in as the key copy and the query hold them
(docs/search.md). A joined token spans both words, with their keys as `parts` and the words
as written, joined, as `written`. */
export function namesJoined(text, tokens, query) {
  if (!query.some((readings) => readings.some((r) => r.startsWith(ABD)))) return tokens;
  const found = [];
  for (let i = 0; i < tokens.length; i++) {
    const [t, next] = [tokens[i], tokens[i + 1]];
    const joined = nameOf(text, t, next);
    if (joined && query.some((readings) => sameWord(joined, readings))) {
      const written = text.slice(t.start, t.end) + text.slice(next.start, next.end);
      found.push({ start: t.start, end: next.end, key: joined, parts: [t.key, next.key], written });
      i++;
    } else {
      found.push(t);
    }
  }
  return found;
}

/** Whether a typed query (`text`; `query`, its words' readings) is searched as a phrase,
whose words must follow each other: quoted, of more than one word (one is that word). */
export function isPhrase(text, query) {
  return /^\s*["«“].*\S.*["»”]\s*$/u.test(text) && query.length > 1;
}

/** Whether a word (its key; written: as the text writes it) is one of the query word's
accepted forms, without stemming. */
export function sameWord(key, readings, written) {
  return indexedForms(key, written).some((form) => readings.includes(form));
}

// A word of the index that no text holds (searchtext's EVERY_PAGE, JOINED_NUMBER and EXACT
// forms): a reader who types one finds nothing.
const INTERNAL = new RegExp(
  "^(?:everyarchivepage|joineddigits[0-9]*|" + EXACT + "[^a-z0-9].*" + EXACT + ")$", "u");

/** Whether a typed text holds a word of the index that no text holds (INTERNAL). */
export function holdsInternalWord(text) {
  return tokenize(text).some((t) => INTERNAL.test(t.key));
}

// A letter of the Arabic script: a word typed in it with a letter its key folds (هيئة, مستشفى)
// is looked up as typed to rank, but decides nothing (docs/search.md).
const ARABIC = /[\u0600-\u06ff]/u;

/** Whether a word's first reading is the word as typed in a spelling that none of its readings
is (هيئة, whose key is هييه): Pagefind reads it as it indexes the text (هيية), and its stemmer
joins that with other words (هي), so an article it finds must also hold another reading. */
export function typedOnlyRanks(readings) {
  const typed = readings[0];
  return typed !== null && typed !== undefined && ARABIC.test(typed) && toKey(typed) !== typed;
}
