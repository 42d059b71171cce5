// Pagefind's web worker, started through this script (connection.js, watchDownloads) so that
// the search page hears of each of its downloads that did not arrive. Pagefind 1.5 catches a
// chunk of an index that failed to download, logs it ("Failed to load the index chunk") and
// keeps it as loaded: never fetched again, its words were missing from every later search
// (a rare word found nothing, a common word 417 of its 913 articles) until a reload. It has
// no way to tell the page, and its own files are left as they come. A classic script, as
// Pagefind's worker is (importScripts), and only for a worker of this site.
"use strict";

(function () {
  var pagefind = new URL(new URLSearchParams(self.location.search).get("pagefind"), self.location.href);
  if (pagefind.origin !== self.location.origin) throw new Error("not this site's Pagefind: " + pagefind);
  var platformFetch = self.fetch.bind(self);

  self.fetch = async function (input, init) {
    var url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    try {
      var response = await platformFetch(input, init);
      // Read whole here: a connection lost in the middle of a body loses that download too.
      var body = await response.arrayBuffer();
      if (!response.ok) throw new Error(response.status + " " + url);
      return new Response(body, response);
    } catch (error) {
      self.postMessage({ lostDownload: url }); // before Pagefind's answer that needed it
      throw error;
    }
  };

  importScripts(pagefind.href);
})();
