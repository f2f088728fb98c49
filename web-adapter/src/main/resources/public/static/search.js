// Search as you type: fetches the same /search page the form would load (debounced) and swaps in its results.
// Without JavaScript the form works as it is; nothing here is needed to search.
(function () {
  'use strict';
  var form = document.querySelector('form.bigsearch');
  var input = document.getElementById('search-query');
  var results = document.getElementById('search-results');
  if (!form || !input || !results || !window.fetch || !window.DOMParser || !window.URLSearchParams) {
    return;
  }
  var DELAY_MS = 250;
  var timer = null;
  var latest = 0;
  var shown = input.value.trim();

  function update() {
    var query = input.value.trim();
    if (query === shown) {
      return;
    }
    var params = new URLSearchParams(new FormData(form));
    params.delete('page');
    var url = form.getAttribute('action') + '?' + params.toString();
    var request = ++latest;
    results.setAttribute('aria-busy', 'true');
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (request !== latest) {
          return; // a newer keystroke's answer wins
        }
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.getElementById('search-results');
        if (!fresh) {
          return;
        }
        results.replaceChildren.apply(results, Array.prototype.map.call(fresh.childNodes, function (node) {
          return document.importNode(node, true);
        }));
        shown = query;
        results.setAttribute('data-query', query);
        document.title = page.title;
        window.history.replaceState(null, '', url);
      })
      .catch(function () { /* the form still works: Enter submits it */ })
      .then(function () {
        if (request === latest) {
          results.removeAttribute('aria-busy');
        }
      });
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, DELAY_MS);
  });
}());
