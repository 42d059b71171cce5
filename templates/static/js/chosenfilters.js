// The filters a search is narrowed by, in sight wherever their menus are: the menus stand on
// one row that scrolls sideways (a fixed height: nothing moves while results arrive), where a
// chosen one may be out of view (on a phone, the place menu an entity's page set), and a
// reader took a filtered list for the whole archive. So a line under the count names every
// chosen filter, each with a button that removes it, the count says them to a screen reader,
// and the chosen menus come first in the row (docs/search.md, "Filters").

import { nameShown } from "./entitypages.js";
import { PART } from "./parts.js";
import { TAG, tagChoice, tagChoices } from "./tagfilter.js";

/** The order of the filters' menus (`keys`): those chosen in `params` (the address) first,
then the kinds of entity, the year, the source, the writer, the tag; a key of none of these
last. */
export function menuOrder(strings, keys, params) {
  const order = [...strings.types, "year", "source", "author", TAG];
  const place = (key) => (params.get(key) ? 0 : 100) + (order.indexOf(key) + 1 || 99);
  return keys.sort((a, b) => place(a) - place(b));
}

/** What the status says after the count of a filtered search, for a screen reader alone
(the line under it shows the filters): ", filtered by Iraq and 2022"; "" when none is chosen. */
export function filteredNote(filters, strings, lang) {
  const values = Object.values(filters);
  if (values.length === 0) return "";
  const note = document.createElement("span");
  note.className = "visually-hidden";
  const joined = new Intl.ListFormat(lang, { type: "conjunction" }).format(values);
  note.textContent = strings.filtered.replace("{filters}", joined);
  return note;
}

/** The button that removes one filter: its value as the menu names it (set apart from the
line's direction, its runs of the other script tagged), a cross, and for a screen reader
the words "remove filter" and the filter's kind. */
function removeButton(key, value, strings, lang) {
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.filter = key;
  button.dataset.value = value;
  const words = document.createElement("span");
  words.className = "visually-hidden";
  words.textContent = strings.remove.replace("{kind}", strings.labels[key] || key) + " ";
  const cross = document.createElement("span");
  cross.setAttribute("aria-hidden", "true");
  cross.textContent = "×";
  button.append(words, nameShown(value, lang), cross);
  return button;
}

/** Shows `filters` ({key: value}, the search's state) in the search page's line of chosen
filters, hidden when there are none. A button takes its item away, puts the focus on the next
button (or the previous, or the query box after the last) and sets its menu to "All", which
searches again as that choice in the menu does; the line is drawn again only when the filters
differ, so a focused button stays. */
export function showChosen(root, filters, strings) {
  const line = root.querySelector(".chosen-filters");
  const entries = Object.entries(filters);
  const shown = JSON.stringify(entries);
  if (line.dataset.shown === shown) return;
  line.dataset.shown = shown;
  line.hidden = entries.length === 0;
  const list = line.querySelector("ul");
  list.replaceChildren(...entries.map(([key, value]) => {
    const item = document.createElement("li");
    const button = removeButton(key, value, strings, root.dataset.lang);
    button.addEventListener("click", () => {
      const next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      line.dataset.shown = JSON.stringify([...list.querySelectorAll("button")].map(
        (left) => [left.dataset.filter, left.dataset.value]));
      line.hidden = !next;
      (next?.querySelector("button") || root.querySelector("#search-input")).focus();
      const menu = root.querySelector(`.filter-list select[name="${CSS.escape(key)}"]`);
      menu.value = "";
      menu.dispatchEvent(new Event("change", { bubbles: true }));
    });
    item.append(button);
    return item;
  }));
}

/** The filters the address names with a value the index no longer lists (a bookmark made
before the registry renamed an entity or changed its type): [key, value] pairs. Only the
filters' own keys count: an address may carry other parameters. */
export function goneFilters(strings, available, params) {
  return [...params].filter(([key, value]) =>
    key in strings.labels && value && !menuValue(key, value, available[key] ?? []));
}

/** The value of the menu of filter `key` that the address's `value` selects among its
`values` ("" for none): itself, or for a tag the choice of its spelling (tagfilter.js). */
export function menuValue(key, value, values, lang) {
  if (key === TAG) return tagChoice(value, tagChoices(values, lang));
  return values.includes(value) ? value : "";
}

/** Says under the status line that these filters no longer exist, so the search (its query
kept) goes on without them rather than dropping them unsaid; hidden when there are none. */
export function showGone(root, gone, strings) {
  const line = root.querySelector(".filters-gone");
  line.hidden = gone.length === 0;
  line.replaceChildren(...gone.flatMap(([key, value], n) => {
    const [before, after] = strings.gone.replace("{kind}", strings.labels[key]).split("{value}");
    return [n ? " " : "", before, nameShown(value, root.dataset.lang), after];
  }));
}

/** The filters' menus, one for each filter of `available` ({filter: [values]}), each set to
its value in `params` (the address); the filters the address names that are gone, said. */
export function buildFilters(root, strings, available, params) {
  const list = root.querySelector(".filter-list");
  list.replaceChildren();
  const keys = Object.keys(available).filter((key) => key !== PART);
  for (const key of menuOrder(strings, keys, params)) {
    const lang = root.dataset.lang;
    const values = key === TAG ? Object.keys(tagChoices(available[key], lang))
      : [...available[key]].sort((a, b) =>
        key === "year" ? b.localeCompare(a) : a.localeCompare(b, lang));
    if (values.length === 0) continue;
    const label = document.createElement("label");
    label.className = "filter";
    label.append(strings.labels[key] || key, " ");
    const select = document.createElement("select");
    select.name = key;
    select.add(new Option(strings.any, ""));
    for (const value of values) {
      // A name in the other script (a person with no English name yet, on the English
      // page) is tagged with its language, as the result's source is: read as Arabic.
      const option = new Option(value, value);
      const arabic = /[\u0600-\u06ff]/.test(value);
      if (arabic !== (root.dataset.lang === "ar")) option.lang = arabic ? "ar" : "en";
      select.add(option);
    }
    select.value = menuValue(key, params.get(key), available[key], lang);
    label.append(select);
    list.append(label);
  }
  showGone(root, goneFilters(strings, available, params), strings);
}
