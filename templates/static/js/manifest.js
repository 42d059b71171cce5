// The index's manifest, pagefind/parts.json (newsarchive/build/searchindex.py): the parts
// of each language, and those a build is re-indexing after an edit ("updating"), while which
// the search page waits rather than show results from the old index (docs/search.md); and
// the lists of the filters' values each part's bundle holds. Both are rewritten by each build.

import { download } from "./connection.js";

/** The list of parts, and those whose pages changed since they were indexed ("updating"). */
export async function readManifest(index) {
  const response = await download(index + "parts.json", { cache: "no-cache" });
  if (!response.ok) throw new Error(`${index}parts.json: ${response.status}`);
  return response.json();
}

/** Whether the manifest lists a part of this language as behind its pages (a build is
indexing it now). */
function behind(manifest, lang) {
  return (manifest.updating || []).some((name) => name.endsWith(`-${lang}`));
}

/** Whether some part of this language is behind its pages now. */
export async function indexBehind(index, lang) {
  return behind(await readManifest(index), lang);
}

/** The manifest, once no part of this language is behind its pages (waiting: whileBehind
is called first). */
export async function caughtUp(index, lang, whileBehind) {
  let manifest = await readManifest(index);
  if (behind(manifest, lang)) whileBehind();
  while (behind(manifest, lang)) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    manifest = await readManifest(index);
  }
  return manifest;
}

/** The values of every filter in the language's `parts` (its word map's `routes`, if any), as
the build lists them (newsarchive/build/bundlefiles.py): the word map's, for the parts it
maps, and each other part's own. Pagefind lists them only by loading every
part's metadata and filter chunks (635 kB at 20,000 articles, 3.2 MB at 100,000), and counts,
with every search, the results of each value of every filter loaded into the Pagefind
searched: each search of a common word took 1.4 to 2 times as long once the filters were
shown. */
export async function readFilterValues(index, lang, parts, routes) {
  const mapped = new Set(Object.values(routes ?? {}));
  const files = [
    ...(routes ? [`map-${lang}`] : []),
    ...parts.filter((name) => !mapped.has(name)),
  ].map((folder) => `${index}${folder}/filters.json`);
  const lists = await Promise.all(files.map(async (url) => {
    const response = await download(url, { cache: "no-cache" });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }));
  const values = {};
  for (const list of lists) {
    for (const [name, each] of Object.entries(list)) {
      values[name] = [...new Set([...(values[name] ?? []), ...each])];
    }
  }
  return values;
}
