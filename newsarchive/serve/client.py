"""What the dev server adds to pages: the reload script, and error reports for its overlay.

Nothing here is ever written into the site; the server injects it into HTML as it serves.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..core.diagnostics import Diagnostic

ENDPOINT = "__live/"  # under the site's base path, so it works on /repo/ too
CONTEXT_LINES = 3

# Listens on server-sent events; when a build changed this page it fetches it and swaps the
# body in place (a full reload costs Chromium ~150 ms more), falling back to a reload when the
# stylesheets or scripts differ or a script on the page cannot cope with a new body; swaps
# stylesheets when CSS changed, and shows build errors in an overlay built with textContent.
CLIENT_JS = r"""(() => {
  const me = document.currentScript;
  const base = me.src.replace(/client\.js(\?.*)?$/, "");
  let epoch = Number(me.dataset.epoch);
  // Scripts that re-apply themselves on the "newsarchive:swapped" event; any other reloads.
  const SWAPPABLE = /\/js\/(parallel|theme)\.js$/;
  const LIVE = "script[data-epoch]";
  let cssEpoch = epoch;
  const OVERLAY = "newsarchive-live-errors";
  function swapCss(stamp) {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("live", stamp);
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = () => link.remove();
      link.after(fresh);
    }
  }
  function el(tag, text, style) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (style) node.style.cssText = style;
    return node;
  }
  function showErrors(errors) {
    document.getElementById(OVERLAY)?.remove();
    if (!errors.length) return;
    const box = el("div", undefined,
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);" +
      "color:#fff;font:14px/1.5 monospace;padding:1.5em;direction:ltr;text-align:left");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.setAttribute("dir", "ltr");
    box.append(el("h2", "Build failed: the last good site is still served", "margin:0 0 1em"));
    for (const e of errors) {
      const item = el("section", undefined, "margin-bottom:1.5em");
      item.className = "error";
      item.append(el("div", e.text, "font-weight:bold;color:#ff9b9b"));
      const pre = el("pre", undefined, "background:#000;padding:.5em;unicode-bidi:plaintext");
      for (const line of e.excerpt) {
        const row = el("div", String(line.number).padStart(5) + " | " + line.text,
          line.current ? "background:#6b1111" : "");
        row.dir = "auto";
        pre.append(row);
      }
      if (e.excerpt.length) item.append(pre);
      box.append(item);
    }
    document.body.append(box);
  }
  function resources(doc) {
    // What a body swap cannot update: stylesheets, scripts, the root element's language.
    const keys = [doc.documentElement.lang, doc.documentElement.dir];
    for (const node of doc.querySelectorAll('link[rel="stylesheet"], style, script')) {
      if (node.matches(LIVE)) continue;
      if (node.tagName === "LINK") {
        const url = new URL(node.getAttribute("href"), location.href);
        url.searchParams.delete("live");
        keys.push("css " + url.href);
      } else if (node.tagName === "STYLE") {
        keys.push("style " + node.textContent);
      } else if (node.src) {
        if (!SWAPPABLE.test(node.src)) return null;
        keys.push("js " + node.src);
      } else if (!/^application\/(ld\+)?json$/.test(node.type)) {
        return null;  // inline code: only a reload runs it
      }
    }
    return keys.join("\n");
  }
  async function swap() {
    const response = await fetch(location.href, { cache: "no-store" });
    if (!response.ok || response.redirected) throw new Error("not swappable");
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const now = resources(document);
    if (now === null || resources(doc) !== now) throw new Error("not swappable");
    const live = doc.querySelector(LIVE);
    const fresh = live ? Number(live.dataset.epoch) : NaN;
    if (!(fresh >= epoch)) throw new Error("no epoch");
    live.remove();
    const x = scrollX, y = scrollY;
    for (const node of [...document.head.children]) {
      if (!node.matches('link[rel="stylesheet"], style, script')) node.remove();
    }
    for (const node of [...doc.head.children]) {
      if (!node.matches('link[rel="stylesheet"], style, script')) document.head.append(node);
    }
    document.body.replaceWith(document.adoptNode(doc.body));
    document.body.append(me);
    scrollTo(x, y);
    epoch = fresh;
    document.dispatchEvent(new CustomEvent("newsarchive:swapped"));
  }
  // The server reloads only the pages a build changed, and renders the viewed ones first;
  // it waits for each showing browser to open a new stream before finishing the build.
  let source = null;
  function listen() {
    source = new EventSource(base + "events?page=" + encodeURIComponent(location.pathname));
    source.addEventListener("state", onState);
  }
  let swapping = false;
  function onState(event) {
    const state = JSON.parse(event.data);
    showErrors(state.errors);
    if (state.reload_epoch > epoch) {
      if (swapping) return;
      swapping = true;
      source.close();
      swap().then(() => { swapping = false; listen(); }, () => location.reload());
      return;
    }
    if (state.css_epoch > cssEpoch) { swapCss(state.css_epoch); cssEpoch = state.css_epoch; }
  }
  listen();
})();
"""


def script_tag(base_path: str, epoch: int) -> bytes:
    """The tag injected before </body> of every HTML page the dev server sends."""
    return f'<script src="{base_path}{ENDPOINT}client.js" data-epoch="{epoch}"></script>'.encode()


def inject(html: bytes, tag: bytes) -> bytes:
    """The page with the tag added at the end of its body."""
    at = html.rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


def error_report(diagnostics: Iterable[Diagnostic], roots: Iterable[Path]) -> list[dict[str, Any]]:
    """Each error as `path:line: message` with the lines around it, for the overlay (I/O)."""
    folders = [r.absolute() for r in roots]
    return [
        {
            "path": d.path,
            "line": d.line,
            "message": d.message,
            "text": f"{d.path}:{d.line}: {d.message}",
            "excerpt": _excerpt(d, folders),
        }
        for d in diagnostics
    ]


def _excerpt(diagnostic: Diagnostic, folders: list[Path]) -> list[dict[str, Any]]:
    file = _source_file(diagnostic.path, folders)
    if file is None or diagnostic.line < 1:
        return []
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    first = max(diagnostic.line - CONTEXT_LINES, 1)
    last = min(diagnostic.line + CONTEXT_LINES, len(lines))
    return [
        {"number": n, "text": lines[n - 1], "current": n == diagnostic.line}
        for n in range(first, last + 1)
    ]


def _source_file(path: str, folders: list[Path]) -> Path | None:
    """The file a diagnostic names, only if it lies inside one of our folders."""
    for folder in folders:
        candidate = (folder / path).resolve()
        if candidate.is_file() and any(candidate.is_relative_to(f.resolve()) for f in folders):
            return candidate
    return None
