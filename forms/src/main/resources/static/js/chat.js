// The patient's chat: when the conversation changes (a server-sent event), read the page again and put its
// conversation in place, so an answer appears without a reload. Without EventSource, every ten seconds.
(function () {
  var script = document.getElementById('chat-script');
  var list = document.getElementById('conversation');
  if (!script || !list) {
    return;
  }
  function refresh() {
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('conversation');
        if (fresh && fresh.innerHTML !== list.innerHTML) {
          list.innerHTML = fresh.innerHTML;
        }
      })
      .catch(function () { /* the next event tries again */ });
  }
  if (window.EventSource) {
    var events = new EventSource(script.dataset.events);
    events.addEventListener('changed', refresh);
  } else {
    window.setInterval(refresh, 10000);
  }
})();
