// One search result as the page lists it: its data gathered from Pagefind's lookups, and its
// item (title, date, source, excerpt), the words that matched marked (excerpts.js).

import {
  excerpt, locatedKeys, locatedReadings, marked, matchedGroups, matchedNames, originalText,
  sameStemLocations, shownWords,
} from "./excerpts.js";
import { OUTDATED, outdatedRanges } from "./markedhtml.js";

// Opens an English record's title while it is pending, the Arabic headline after it
// (newsarchive/assembly/searchtext.py, PENDING): never shown.
const PENDING = "\u204e";

// How many times a result's data is read again when another lookup's locations were found in
// it (ownLocations): only a call for the same page in between, from a search the reader has
// already replaced, can write there.
const REREADS = 3;

/** A turn for the page between one result's work and the next, once the work has held the
page for TURN_MS: a page of twenty results was one task of 200 ms on a phone (Lighthouse's
mobile CPU, four times slower than this machine's), which held up every keystroke and tap
meanwhile and cost the search page its Performance score (total blocking time). A turn at
every result cost a fast machine 10 to 30 ms more from a keystroke to its results. */
const TURN_MS = 10;
let turnStarted = performance.now();

export async function giveWay() {
  if (performance.now() - turnStarted < TURN_MS) return;
  await (globalThis.scheduler?.yield
    ? globalThis.scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0)));
  turnStarted = performance.now();
}

/** A result's data and its word locations as its own lookup found them: {data, locations,
weighted_locations}.
Pagefind's data() keeps one object per page and writes into it the locations of the lookup
whose data() ran last, so a page that several lookups found (a query's several words, or a
word's several readings) had only the last one's, and the words only another located (تستخدم
for يستخدمونها) went unmarked. So each result's are copied right after its own call, and
checked against the result's own `words` (the same locations, without their weights). */
async function ownLocations(result) {
  let data;
  for (let read = 0; read < REREADS; read++) {
    data = await result.data();
    const weighted = [...(data.weighted_locations || [])];
    const locations = weighted.map((w) => w.location);
    const own = result.words ?? locations;
    if (own.length === locations.length && own.every((at, i) => at === locations[i])) {
      return { data, locations, weighted_locations: weighted };
    }
  }
  return { data, locations: [...(result.words || [])], weighted_locations: [] };
}

/** A hit's data, with the word locations of every form of every query word it holds (each
has its own result, read one at a time: ownLocations): `locations`, those of each query
word's forms (a list a word: the words Pagefind located for it, excerpts.js), and `exact`,
those of a word of the stem Pagefind looked up (its exact lookups', which leave some out, and
those of its plain search that are no longer word the stem extends to: sameStemLocations);
and its original text (before the key copy, at marker). */
export async function resultData(hit, marker) {
  const words = hit.each || [[hit.result]];
  const results = words.flat();
  const all = [];
  for (const result of results) all.push(await ownLocations(result));
  const { data } = all[0]; // its text and meta: the same for every lookup's
  let next = 0;
  const locations = words.map((forms) =>
    [...new Set(forms.flatMap(() => all[next++].locations))]);
  const plain = new Set(hit.plain || []);
  const exact = [...new Set(all.flatMap((each, i) => sameStemLocations(each, plain.has(results[i]))))];
  const text = originalText(data.content, marker);
  return { ...data, exact, locations, text };
}

/** A result's date as the site writes it, from the token its record carries ("d" and the
 * digits of the ISO date: Pagefind searches every meta field, and a month's name or a year
 * there would list every article of the month or year; searchtext.date_attributes). */
function shownDate(token, months) {
  const [, year, month, day] = /^d(\d{4})(\d{2})?(\d{2})?$/.exec(token || "") || [];
  if (!year) return { iso: "", text: "" };
  const iso = [year, month, day].filter(Boolean).join("-");
  const named = month ? `${months[Number(month) - 1]} ${year}` : year;
  return { iso, text: day ? `${Number(day)} ${named}` : named };
}

/** A result's item. phrase: the query is a quoted phrase, marked where its words follow each
other (excerpts.js). */
export function renderResult(data, query, strings, phrase, entityNames) {
  const marker = strings.marker;
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  // The registry names of the entities whose spellings matched (matchedNames).
  const groups = matchedGroups(data.content, marker, data.exact, query);
  const matched = {
    ...matchedNames(groups, entityNames?.entities),
    readings: locatedReadings(data.content, marker, data.exact),
  };
  // Pagefind's word count starts at the content's first word; originalText() trims.
  const lead = /^[\r\n\s]/.test(data.content) ? 1 : 0;
  const located = data.locations.map((word) => word.map((at) => at - lead));
  const exact = data.exact.map((at) => at - lead);
  // Shown as its page shows it: what an outdated translation says, marked so.
  const outdated = { ranges: outdatedRanges(data.text), note: strings.outdated };
  const original = data.text;
  const full = data.meta.title || data.url;
  // The note its page sets beside an English title is a mark in the record, not words that
  // a search would find in every such article: a pending title (the Arabic headline) is
  // shown as every English page shows it (_english_title.html), the Arabic isolated after
  // the note; an outdated one with its note after it, as the lists show it.
  const pending = full.startsWith(`${PENDING} `);
  const stale = full.startsWith(`${OUTDATED} `);
  const title = pending || stale ? full.slice(2) : full;
  const keys = locatedKeys(original, exact, query);
  // A query word neither the title nor the text shows is marked where a word may be it.
  const [inTitle, inText] = [title, original].map((text) =>
    shownWords(text, query, keys, matched));
  const guess = query.map((_, w) => !inTitle[w] && !inText[w]);
  // An excerpt always shows what matched: where the text does not show a query word the
  // title writes, the words of the text that may be it.
  const unshown = query.map((_, w) => !inText[w]);
  // Safe: marked() escapes every piece of text and adds only <mark> and <bdi>. A pending
  // English title is Arabic: its own language, set apart as a whole below.
  const lang = document.documentElement.lang;
  const shown = marked(title, query, matched, keys, guess, pending ? "ar" : lang, phrase);
  if (pending) {
    const note = document.createElement("span");
    note.className = "note pending-title";
    note.textContent = strings.pending;
    const arabic = document.createElement("bdi");
    arabic.lang = "ar";
    arabic.dir = "rtl"; // as templates/_english_title.html: a headline opening in Latin too
    arabic.innerHTML = shown;
    link.append(note, " ", arabic);
  } else {
    link.innerHTML = shown;
  }
  heading.append(link);
  if (stale) {
    const note = document.createElement("span");
    note.className = "note";
    note.textContent = strings.titleOutdated;
    heading.append(" ", note);
  }
  const meta = document.createElement("p");
  meta.className = "meta";
  const time = document.createElement("time");
  const date = shownDate(data.meta.date, strings.months);
  time.dateTime = date.iso;
  time.textContent = date.text;
  meta.append(time);
  // The source is a filter of the record, not its meta: no reader's word for it.
  const named = (data.filters?.source || [])[0];
  if (named) {
    // A name in the other script (an Arabic source with no English name yet, on an English
    // page) is isolated and tagged with its language, as on the article's page.
    const arabic = /[\u0600-\u06ff]/.test(named);
    const foreign = arabic !== (document.documentElement.lang === "ar");
    const source = document.createElement(foreign ? "bdi" : "span");
    if (foreign) source.lang = arabic ? "ar" : "en";
    source.className = "source";
    source.textContent = named;
    meta.append(" · ", source);
  }
  const text = document.createElement("p");
  text.className = "excerpt";
  // Safe: excerpt() escapes every piece of text and adds only <mark>, <bdi> and the <span>s
  // of an outdated translation's stretch and note.
  text.innerHTML = excerpt(original, query, { located, exact, outdated }, matched, unshown, lang,
    phrase);
  item.append(heading, meta, text);
  return item;
}
