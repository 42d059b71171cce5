(() => {
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
  // What the page behind the overlay is: the last good site, or none (no build succeeded).
  const SERVED = "Build failed: the last good site is still served";
  const NOT_SERVED = "Build failed: no site has been built yet; this page loads once the " +
    "errors are fixed";
  function showErrors(errors, served) {
    document.getElementById(OVERLAY)?.remove();
    if (!errors.length) return;
    const box = el("div", undefined,
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);" +
      "color:#fff;font:14px/1.5 monospace;padding:1.5em;direction:ltr;text-align:left");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.setAttribute("dir", "ltr");
    box.append(el("h2", served === false ? NOT_SERVED : SERVED, "margin:0 0 1em"));
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
  // The server reloads only the pages a build changed, and renders the viewed ones first.
  // A WebSocket, not an EventSource: a browser's six connections per host are not held by it.
  let source = null;
  let lost = false;  // the server went away; back, it counts its builds from 1 again
  function listen() {
    const url = new URL(base + "events?page=" + encodeURIComponent(location.pathname));
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url);
    socket.onmessage = (event) => lost ? location.reload() : onState(JSON.parse(event.data));
    socket.onclose = () => {
      if (source === socket) { lost = true; setTimeout(listen, 1000); }  // not closed by us
    };
    source = socket;
  }
  let swapping = false;
  function onState(state) {
    showErrors(state.errors, state.served);
    if (state.reload_epoch > epoch) {
      if (swapping) return;
      swapping = true;
      const socket = source;
      source = null;
      socket.close();
      swap().then(() => { swapping = false; listen(); }, () => location.reload());
      return;
    }
    if (state.css_epoch > cssEpoch) { swapCss(state.css_epoch); cssEpoch = state.css_epoch; }
  }
  listen();
})();
