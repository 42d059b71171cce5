// The index's manifest, pagefind/parts.json (newsarchive/build/searchindex.py): the parts
// of each language, and those a build is re-indexing after an edit ("updating"), while which
// the search page waits rather than show results from the old index (docs/search.md).

/** The list of parts, and those whose pages changed since they were indexed ("updating"). */
export async function readManifest(index) {
  const response = await fetch(index + "parts.json", { cache: "no-cache" });
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
