// A connection lost during a search (docs/search.md, "A connection lost"): the downloads of
// the index that did not arrive, and what the page says then. A search that lost one of
// its downloads is never shown as a complete answer: the page says the connection was lost
// and searches again when the reader asks, or when the browser is back online.

/** A download the search needed did not arrive (offline, or the connection dropped). */
export class LostDownload extends Error {}

/** fetch(), failing with LostDownload when nothing arrives. */
export async function download(url, options) {
  try {
    return await fetch(url, options);
  } catch (error) {
    throw new LostDownload(`${url}: ${error.message}`, { cause: error });
  }
}

const WORKER_SCRIPT = new URL("pagefindworker.js", import.meta.url).href;
const told = new Set(); // watchDownloads' listeners

/** Calls `listener(url)` with the address of each download of Pagefind's web worker that
did not arrive, before the worker's answer to the search that needed it; with the address
of the worker's script if the worker failed.

Pagefind downloads its index in its worker, where the page sees none of it, and keeps a
chunk that failed as loaded (pagefindworker.js says more); it offers no way to hear of
it. So the page starts Pagefind's worker through pagefindworker.js, which tells it: the
browser's Worker is replaced, for this page, by one that does that for Pagefind's script
and starts any other as it was. */
export function watchDownloads(listener) {
  if (told.size === 0) {
    const PlatformWorker = globalThis.Worker;
    globalThis.Worker = class extends PlatformWorker {
      constructor(script, options) {
        const url = new URL(script, location.href);
        const pagefind = url.pathname.endsWith("/pagefind-worker.js");
        // Fetched beside the watcher's script, not after it (the worker then finds it in the
        // browser's cache): started one after the other they cost the first search a round
        // trip more (0.45 s on a phone's 3G).
        if (pagefind) fetch(url.href).catch(() => {});
        super(pagefind ? `${WORKER_SCRIPT}?pagefind=${encodeURIComponent(url.href)}` : script, options);
        if (!pagefind) return;
        this.addEventListener("message", (event) => {
          if (event.data?.lostDownload) for (const each of told) each(event.data.lostDownload);
        });
        // Its script did not arrive (or it failed): Pagefind goes on without a worker,
        // where the page would hear of no download lost.
        this.addEventListener("error", () => { for (const each of told) each(url.href); });
      }
    };
  }
  told.add(listener);
}

let failures = 0; // the messages shown: each its own id

/** Says in `where` that the search failed (`text`), with a button (its words: `again`) that
tries once more (`retry`), as the browser coming back online does, once, unless another
search or message has replaced this one: the button. The message is the button's
description: a reader the button's focus brings there hears why it is there (a text beside
it is not read with it). A reader who clicks it waits on `status` (the page's status line,
where the count comes): the button goes with the message. */
export function showFailure(where, text, again, retry, status = where) {
  const message = document.createElement("span");
  message.id = `search-failure-${++failures}`;
  message.textContent = text;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "retry";
  button.textContent = again;
  button.setAttribute("aria-describedby", message.id);
  const once = () => {
    window.removeEventListener("online", once);
    if (!button.isConnected) return;
    if (document.activeElement === button) status.focus({ preventScroll: true });
    retry();
  };
  button.addEventListener("click", once, { once: true });
  window.addEventListener("online", once);
  where.replaceChildren(message, " ", button);
  return button;
}
