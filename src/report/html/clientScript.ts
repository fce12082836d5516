/**
 * The report's only script: the paged, filterable table of every case (100 rows a page, built
 * with createElement/textContent from the `#parity-cases` JSON, so data never becomes markup),
 * and "What broke" rows that open their case. Plain ES2017, no dependencies. Allowed by its
 * sha256 in the CSP. (It must never contain a closing script tag or an HTML comment opener.)
 */
export const clientScript = `(function () {
  'use strict';
  var byId = function (id) { return document.getElementById(id); };
  var data = JSON.parse(byId('parity-cases').textContent);
  var pageSize = 100;
  var page = 0;
  var shown = [];
  var status = byId('filter-status');
  var api = byId('filter-api');
  var tag = byId('filter-tag');
  var text = byId('filter-text');
  var count = byId('filter-count');
  var body = byId('case-rows');
  function ms(v) { return v === null ? '–' : Math.round(v) + ' ms'; }
  function cell(tr, value, cls) {
    var td = document.createElement('td');
    td.textContent = value;
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  function matches(row) {
    var needle = text.value.trim().toLowerCase();
    return (status.value === '' || data.statuses[row[0]] === status.value) &&
      (api.value === '' || data.apis[row[3]] === api.value) &&
      (tag.value === '' || row[4].some(function (t) { return data.tags[t] === tag.value; })) &&
      (needle === '' || row[2].toLowerCase().indexOf(needle) !== -1);
  }
  function render() {
    var pages = Math.max(1, Math.ceil(shown.length / pageSize));
    if (page >= pages) page = pages - 1;
    while (body.firstChild) body.removeChild(body.firstChild);
    var slice = shown.slice(page * pageSize, (page + 1) * pageSize);
    for (var i = 0; i < slice.length; i += 1) {
      var row = slice[i];
      var st = data.statuses[row[0]];
      var tr = document.createElement('tr');
      tr.className = 'status-' + st;
      var badge = document.createElement('span');
      badge.className = 'badge badge-' + st;
      badge.textContent = st;
      cell(tr, '').appendChild(badge);
      var name = cell(tr, row[2], 'wrap');
      if (row[9] >= 0) { name.className = 'wrap jump'; name.setAttribute('data-case-ref', String(row[9])); name.title = 'shown in full above'; }
      cell(tr, data.apis[row[3]] || '', 'wrap');
      cell(tr, data.suites[row[1]] || '', 'wrap');
      cell(tr, ms(row[5]) + ' / ' + ms(row[6]));
      cell(tr, String(row[8]), 'num');
      body.appendChild(tr);
    }
    count.textContent = 'Showing ' + shown.length + ' of ' + data.rows.length + ' cases';
    byId('page-label').textContent = 'page ' + (page + 1) + ' of ' + pages;
    byId('page-prev').disabled = page === 0;
    byId('page-next').disabled = page >= pages - 1;
  }
  function apply() {
    shown = data.rows.filter(matches);
    page = 0;
    render();
  }
  function openCase(ref) {
    var section = byId('case-' + ref);
    if (!section) return;
    var details = section.querySelector('details');
    if (details) details.open = true;
    section.scrollIntoView();
  }
  document.addEventListener('click', function (event) {
    var target = event.target;
    while (target && target !== document && !(target.getAttribute && target.getAttribute('data-case-ref') !== null)) target = target.parentNode;
    if (target && target !== document) openCase(target.getAttribute('data-case-ref'));
  });
  status.addEventListener('change', apply);
  api.addEventListener('change', apply);
  tag.addEventListener('change', apply);
  text.addEventListener('input', apply);
  byId('page-prev').addEventListener('click', function () { page -= 1; render(); });
  byId('page-next').addEventListener('click', function () { page += 1; render(); });
  apply();
})();
`;
