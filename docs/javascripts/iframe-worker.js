// Search on a page opened from disk (file://). Material's search runs in a Web Worker, and browsers refuse to start a
// worker from a file:// URL. Material's `offline` plugin inlines the search index into search/search_index.js and
// would load a Worker stand-in from a CDN (unpkg.com/iframe-worker); this file is that stand-in, served with the site.
// Its name contains "iframe-worker", so the plugin sees it listed under `extra.polyfills` and adds no CDN script.
// Over http(s) it does nothing: the browser's own Worker runs the search.
//
// The stand-in runs the worker script in a hidden same-origin iframe: the page's messages are dispatched to the
// iframe's window (where the script listens with `addEventListener("message", ...)`), and the script's `postMessage`
// calls come back as "message" events on the stand-in. `importScripts` loads scripts in order and returns a Promise
// (Material's worker awaits it; English search loads none).
(function () {
  if (location.protocol !== "file:") return;

  function loadScript(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      (doc.body || doc.documentElement).appendChild(script);
    });
  }

  class FileWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = this.onerror = this.onmessageerror = null;
      var self = this, src = new URL(url, document.baseURI).href;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.title = "search worker";
      document.body.appendChild(this.frame);
      var win = this.frame.contentWindow;
      win.postMessage = function (data) {                   // worker -> page, asynchronous as a worker's would be
        setTimeout(function () {
          var ev = new MessageEvent("message", {data: data});
          self.dispatchEvent(ev);
          if (typeof self.onmessage === "function") self.onmessage(ev);
        });
      };
      win.importScripts = function () {
        return [].slice.call(arguments).reduce(function (done, u) {
          return done.then(function () { return loadScript(win.document, new URL(u, src).href); });
        }, Promise.resolve());
      };
      win.close = function () { self.terminate(); };
      this.ready = loadScript(win.document, src).catch(function (err) {
        var ev = new ErrorEvent("error", {message: err.message, filename: src, error: err});
        self.dispatchEvent(ev);
        if (typeof self.onerror === "function") self.onerror(ev);
        throw err;
      });
    }
    postMessage(data) {                                     // page -> worker, once its script has run
      var frame = this.frame;
      this.ready.then(function () {
        if (frame.contentWindow) frame.contentWindow.dispatchEvent(new MessageEvent("message", {data: data}));
      }, function () {});
    }
    terminate() { this.frame.remove(); }
  }

  window.IFrameWorker = FileWorker;                          // Material's worker looks for this name in its parent
  window.Worker = FileWorker;
})();
