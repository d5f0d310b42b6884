(function () {
  'use strict';
  var root = document.documentElement;
  window.addEventListener('error', function () {
    root.dataset.jsErrors = String(Number(root.dataset.jsErrors || 0) + 1);
  });
  // A session's facts and diagram wait as raw text until the session is first opened.
  function draw(details) {
    var body = details.querySelector(':scope > .body');
    var deferred = body && body.querySelector(':scope > script.deferred');
    if (deferred) {
      var markup = deferred.textContent;
      deferred.remove();
      body.insertAdjacentHTML('beforeend', markup);
      details.dataset.drawn = '1';
    }
  }
  function all() {
    return document.querySelectorAll('details.lazy');
  }
  function setAll(open) {
    all().forEach(function (d) {
      if (open) draw(d);
      d.open = open;
    });
  }
  document.addEventListener('toggle', function (event) {
    var d = event.target;
    if (d.classList && d.classList.contains('lazy') && d.open) draw(d);
  }, true);
  document.addEventListener('click', function (event) {
    var act = event.target.closest && event.target.closest('[data-act]');
    if (act) setAll(act.dataset.act === 'open');
  });
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id === 'all') { setAll(true); return; }
    var target = id && document.getElementById(id);
    var d = target && target.closest('details.lazy');
    if (d) {
      draw(d);
      d.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener('hashchange', follow);
  window.addEventListener('beforeprint', function () {
    if (all().length <= Number(root.dataset.printOpenLimit || 0)) setAll(true);
  });
  follow();
  root.dataset.ready = '1';
})();
