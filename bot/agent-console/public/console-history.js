// History in the agent console: searching cases (GET /api/agent/search) in a window of its own, a
// found case's transcript read-only, and one customer's conversations and cases. Plain browser
// JavaScript, loaded before console.js; the '/' shortcut and console-case-extras.js call
// window.VastaaHistory. Text goes in with textContent only.
(function () {
  'use strict';
  var dialog = null;
  var lastQuery = null;
  var shown = [];

  function ui() {
    return window.VastaaConsole;
  }

  function date(iso) {
    return iso ? new Date(iso).toLocaleDateString(ui().config.language === 'fi' ? 'fi-FI' : 'en-GB') : '';
  }

  async function loadTagSuggestions(list) {
    try {
      var data = await ui().api('GET', '/api/agent/tags');
      list.replaceChildren();
      data.tags.forEach(function (entry) {
        list.append(ui().el('option', { value: entry.tag }));
      });
    } catch (_ignored) {}
  }

  // ---- the search window ----

  function field(id, label, control) {
    control.id = id;
    return ui().el('div', { className: 'field' }, ui().el('label', { for: id, text: label }), control);
  }

  function select(name, options) {
    var t = ui().strings;
    var node = ui().el('select', { name: name }, ui().el('option', { value: '', text: t.anyOption }));
    options.forEach(function (option) {
      node.append(ui().el('option', { value: option, text: t[name + '_' + option] || option }));
    });
    return node;
  }

  function build() {
    var el = ui().el;
    var t = ui().strings;
    var form = el(
      'form',
      { id: 'search-form', className: 'search-form', role: 'search', onsubmit: submitSearch },
      field('search-text', t.searchText, el('input', { name: 'text', type: 'search', maxlength: '200' })),
      field('search-tag', t.searchTag, el('input', { name: 'tag', list: 'tag-suggestions', maxlength: '40', autocomplete: 'off' })),
      field('search-reason', t.searchReason, select('reason', ['upset', 'sensitive_topic', 'customer_request', 'low_confidence'])),
      field('search-status', t.searchStatus, select('status', ['waiting', 'assigned', 'closed', 'abandoned'])),
      field('search-agent', t.searchAgent, el('input', { name: 'agent', maxlength: '40', autocomplete: 'off' })),
      field('search-case-id', t.searchCaseId, el('input', { name: 'caseId', maxlength: '40', autocomplete: 'off' })),
      field('search-customer', t.searchCustomer, el('input', { name: 'customer', maxlength: '300', autocomplete: 'off', placeholder: 'webchat/…' })),
      field('search-from', t.searchFrom, el('input', { name: 'from', type: 'date' })),
      field('search-to', t.searchTo, el('input', { name: 'to', type: 'date' })),
      el('button', { type: 'submit', className: 'primary', id: 'search-submit', text: t.searchButton }),
    );
    dialog = el(
      'dialog',
      { id: 'search-dialog', className: 'dialog search', 'aria-labelledby': 'search-title' },
      el(
        'div',
        { className: 'dialog-head' },
        el('h2', { id: 'search-title', text: t.searchTitle }),
        el('button', { type: 'button', id: 'search-close', text: t.closeDialog, onclick: closeSearch }),
      ),
      el(
        'div',
        { className: 'search-panes' },
        el(
          'div',
          { className: 'search-side' },
          form,
          el('datalist', { id: 'tag-suggestions' }),
          el(
            'section',
            { 'aria-labelledby': 'search-results-heading' },
            el('h3', { id: 'search-results-heading', text: t.searchResults }),
            el('p', { id: 'search-status-line', className: 'hint', role: 'status' }),
            el('ol', { id: 'search-results', className: 'cases' }),
            el('button', { type: 'button', id: 'search-more', hidden: true, text: t.searchMore, onclick: more }),
          ),
        ),
        el('section', { id: 'search-detail', className: 'search-detail', tabindex: '-1', 'aria-label': t.transcript }),
      ),
    );
    document.body.append(dialog);
  }

  function openSearch() {
    if (!dialog) build();
    loadTagSuggestions(document.getElementById('tag-suggestions'));
    if (!dialog.open) dialog.showModal();
    document.getElementById('search-text').focus();
  }

  function closeSearch() {
    if (dialog && dialog.open) dialog.close();
  }

  function queryOf(form, offset) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (String(value).trim()) params.set(name, String(value).trim());
    });
    if (offset) params.set('offset', String(offset));
    return params;
  }

  async function submitSearch(event) {
    event.preventDefault();
    lastQuery = queryOf(event.target, 0);
    shown = [];
    await runSearch(lastQuery, false);
  }

  async function more() {
    if (!lastQuery || lastQuery.get('offset') === null) return;
    await runSearch(lastQuery, true);
  }

  async function runSearch(params, append) {
    var t = ui().strings;
    var line = document.getElementById('search-status-line');
    try {
      var page = await ui().api('GET', '/api/agent/search?' + params.toString());
      shown = append ? shown.concat(page.results) : page.results;
      renderHits(document.getElementById('search-results'), shown);
      var moreButton = document.getElementById('search-more');
      moreButton.hidden = page.nextOffset === null;
      if (page.nextOffset !== null) params.set('offset', String(page.nextOffset));
      else params.delete('offset');
      line.textContent = (shown.length ? t.searchResults + ': ' + shown.length : t.searchNone) + (page.partial ? ' ' + t.searchPartial : '');
    } catch (error) {
      line.textContent = ui().fmt(t.failed, { message: error.message });
    }
  }

  function renderHits(list, hits) {
    var el = ui().el;
    var t = ui().strings;
    list.replaceChildren();
    hits.forEach(function (hit) {
      list.append(
        el(
          'li',
          {},
          el(
            'button',
            { type: 'button', className: 'case-item hit', 'data-case-id': hit.id, onclick: () => showCase(hit.id) },
            el(
              'span',
              { className: 'case-line' },
              ui().reasonBadge(hit.reason),
              el('span', { className: 'case-id', text: hit.id }),
              el('span', { text: date(hit.createdAt) }),
              el('span', { className: 'badge status-' + hit.status, text: t['status_' + hit.status] || hit.status }),
            ),
            el('span', { className: 'case-first', text: hit.match || hit.firstLine }),
            hit.tags.length ? el('span', { className: 'case-tags', text: hit.tags.join(' · ') }) : null,
          ),
        ),
      );
    });
  }

  // ---- a found case, read-only ----

  async function showCase(id) {
    var el = ui().el;
    var t = ui().strings;
    var pane = document.getElementById('search-detail');
    try {
      var data = await ui().api('GET', '/api/agent/cases/' + encodeURIComponent(id));
    } catch (error) {
      ui().toast(ui().fmt(t.failed, { message: error.message }), 'error');
      return;
    }
    var c = data.case;
    var ended = c.status === 'closed' || c.status === 'abandoned';
    var transcript = el('ol', { className: 'transcript', id: 'search-transcript' });
    data.transcript.forEach(function (line) {
      var who = line.from === 'agent' ? line.name : line.from === 'bot' ? t.bot : t.customer;
      transcript.append(
        el(
          'li',
          { className: 'from-' + line.from },
          el('span', { className: 'who', text: who + ' ' + date(line.at) + ' ' + ui().clock(line.at) }),
          el('p', { className: 'text', text: line.text }),
        ),
      );
    });
    pane.replaceChildren(
      el('h3', { id: 'search-detail-title', text: c.id + ' · ' + (c.summary.topic || c.summary.headline) }),
      el('p', { className: 'hint', text: ended ? t.readOnly : t['status_' + c.status] }),
      el(
        'dl',
        { className: 'summary' },
        el('dt', { text: t.need }),
        el('dd', { text: c.summaryInWords.need }),
        el('dt', { text: t.reason }),
        el('dd', { text: c.summaryInWords.reason }),
        c.resolution ? el('dt', { text: t.resolution }) : null,
        c.resolution ? el('dd', { text: c.resolution }) : null,
        el('dt', { text: t.tags }),
        el('dd', { text: (c.tags || []).join(', ') || t.noTags }),
        el('dt', { text: t.customerRating }),
        el('dd', { id: 'search-rating', text: ratingText(data.rating) }),
      ),
      el('h4', { text: t.transcript }),
      transcript,
      el(
        'div',
        { className: 'row' },
        el('button', { type: 'button', id: 'search-back', text: t.backToResults, onclick: backToResults }),
        el('button', { type: 'button', id: 'search-customer', text: t.customerCases, onclick: () => showCustomer(c.customerKey) }),
        ended
          ? null
          : el('button', {
              type: 'button',
              className: 'primary',
              text: t.openInConsole,
              onclick: function () {
                closeSearch();
                ui().openCase(c.id, true);
              },
            }),
      ),
    );
    pane.focus();
  }

  function backToResults() {
    var first = document.querySelector('#search-results button') || document.getElementById('search-text');
    first.focus();
  }

  function ratingText(rating) {
    var t = ui().strings;
    if (!rating) return t.noRating;
    return ui().fmt(t.ratingOutOf, { score: rating.score }) + (rating.comment ? ' – ' + t.ratingComment + ': “' + rating.comment + '”' : '');
  }

  // ---- one customer ----

  async function showCustomer(customerKey) {
    if (!dialog) build();
    if (!dialog.open) dialog.showModal();
    var el = ui().el;
    var t = ui().strings;
    var pane = document.getElementById('search-detail');
    try {
      var view = await ui().api('GET', '/api/agent/customer?key=' + encodeURIComponent(customerKey));
    } catch (error) {
      ui().toast(ui().fmt(t.failed, { message: error.message }), 'error');
      return;
    }
    var conversations = el('ul', { className: 'plain' });
    view.conversations.forEach(function (conversation) {
      conversations.append(
        el('li', {
          text:
            date(conversation.startedAt) +
            ' ' +
            ui().clock(conversation.startedAt) +
            ' · ' +
            conversation.channelId +
            ' · ' +
            (t['outcome_' + conversation.outcome] || conversation.outcome) +
            (conversation.rating ? ' · ' + ui().fmt(t.rating, { score: conversation.rating.score }) : ''),
        }),
      );
    });
    var cases = el('ol', { id: 'customer-cases', className: 'cases' });
    renderHits(cases, view.cases);
    pane.replaceChildren(
      el('h3', { id: 'customer-title', text: ui().fmt(t.customerTitle, { customer: view.customerKey }) }),
      el('h4', { text: t.customerConversations }),
      conversations,
      el('h4', { text: t.earlierCases }),
      cases,
      view.hiddenCases ? el('p', { className: 'hint', text: ui().fmt(t.customerHidden, { n: view.hiddenCases }) }) : null,
    );
    pane.focus();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('open-search');
    if (!button) return;
    button.textContent = ui().strings.search;
    button.addEventListener('click', openSearch);
  });

  window.VastaaHistory = { openSearch: openSearch, showCustomer: showCustomer, ratingText: ratingText, loadTagSuggestions: loadTagSuggestions };
})();
