// The page at a moved article's earlier address (redirect.html) leads to its new one keeping
// the part of the address after "#": a citation naming a paragraph (…/#p3) lands on that
// paragraph. A refresh (the page's <meta>, kept for readers without scripts) drops it.
// Loaded in <head> without defer, so it leaves before the refresh does.
location.replace(document.currentScript.dataset.to + location.hash);
