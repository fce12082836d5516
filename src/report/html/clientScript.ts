/**
 * The report's only script: filters by status, API and tag, and expand/collapse. Plain ES2017,
 * no dependencies. It reads the embedded `#parity-data` JSON and toggles `hidden` on case sections;
 * it never builds markup from data, so it cannot inject anything. Allowed by its sha256 in the CSP.
 * (It must never contain a closing script tag or an HTML comment opener.)
 */
export const clientScript = `(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('parity-data').textContent);
  var index = data.index;
  var byId = function (id) { return document.getElementById(id); };
  var status = byId('filter-status');
  var api = byId('filter-api');
  var tag = byId('filter-tag');
  var count = byId('filter-count');
  var sections = document.querySelectorAll('section[data-case-index]');
  function matches(entry) {
    return Boolean(entry) &&
      (status.value === '' || entry.status === status.value) &&
      (api.value === '' || entry.api === api.value) &&
      (tag.value === '' || entry.tags.indexOf(tag.value) !== -1);
  }
  function apply() {
    var shown = 0;
    for (var i = 0; i < sections.length; i += 1) {
      var section = sections[i];
      var ok = matches(index[Number(section.getAttribute('data-case-index'))]);
      section.hidden = !ok;
      if (ok) shown += 1;
    }
    count.textContent = 'Showing ' + shown + ' of ' + sections.length + ' cases';
  }
  function setOpen(open) {
    for (var i = 0; i < sections.length; i += 1) {
      var details = sections[i].querySelector('details');
      if (details && !sections[i].hidden) details.open = open;
    }
  }
  status.addEventListener('change', apply);
  api.addEventListener('change', apply);
  tag.addEventListener('change', apply);
  byId('expand-all').addEventListener('click', function () { setOpen(true); });
  byId('collapse-all').addEventListener('click', function () { setOpen(false); });
  apply();
})();
`;
