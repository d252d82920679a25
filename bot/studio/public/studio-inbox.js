// The learning inbox: what the bot did not understand, grouped by similarity; each group is taught to
// an intent, marked out of scope or ignored, and then leaves the inbox.
(function () {
  'use strict';
  var S = window.VastaaStudio;
  var t = S.t;
  var el = S.el;
  var section = document.getElementById('inbox');
  var when = new Intl.DateTimeFormat(S.config.language, { dateStyle: 'short', timeStyle: 'short' });
  var state = { intents: [] };

  var language = el(
    'select',
    { id: 'inbox-language' },
    el('option', { value: '', text: t.allLanguages }),
    el('option', { value: 'fi', text: 'suomi' }),
    el('option', { value: 'en', text: 'English' }),
  );
  var from = el('input', { id: 'inbox-from', type: 'date' });
  var to = el('input', { id: 'inbox-to', type: 'date' });
  var list = el('ol', { id: 'clusters', className: 'clusters' });
  var status = el('p', { id: 'inbox-status', className: 'hint', role: 'status' });
  section.append(
    el('h2', { id: 'inbox-heading', text: t.inbox }),
    el('p', { className: 'hint', text: t.inboxHelp }),
    el(
      'div',
      { className: 'filters' },
      el('label', { for: 'inbox-language' }, t.language, language),
      el('label', { for: 'inbox-from' }, t.from, from),
      el('label', { for: 'inbox-to' }, t.to, to),
      el('button', { type: 'button', id: 'inbox-refresh', text: t.refresh, onclick: load }),
    ),
    status,
    list,
  );
  section.hidden = false;
  [language, from, to].forEach(function (input) {
    input.addEventListener('change', load);
  });

  /** A date input's day as the start of that day in the browser's time zone, as ISO 8601. */
  function dayStart(value, plusDays) {
    var parts = value.split('-').map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2] + (plusDays || 0)).toISOString();
  }

  function titleOf(name) {
    var intent = state.intents.find(function (candidate) {
      return candidate.name === name;
    });
    return intent ? intent.title[S.config.language] || name : name;
  }

  async function load() {
    var query = new URLSearchParams();
    if (language.value) query.set('language', language.value);
    if (from.value) query.set('from', dayStart(from.value));
    if (to.value) query.set('to', dayStart(to.value, 1));
    try {
      var data = await S.api('GET', '/api/studio/inbox?' + query.toString());
      state.intents = data.intents;
      render(data.clusters);
    } catch (error) {
      S.toast(S.fmt(t.failed, { message: error.message }), 'error');
    }
  }

  function render(clusters) {
    list.replaceChildren();
    status.textContent = clusters.length === 0 ? t.emptyInbox : '';
    clusters.forEach(function (cluster) {
      list.append(clusterItem(cluster));
    });
  }

  function clusterItem(cluster) {
    var phraseId = 'phrase-' + cluster.id;
    var phrase = el('input', { id: phraseId, className: 'phrase', value: cluster.examples[0].text, maxlength: '300' });
    var chooser = el('select', { className: 'intent-choice', 'aria-label': t.chooseIntent }, el('option', { value: '', text: t.chooseIntent }));
    state.intents.forEach(function (intent) {
      if (intent.name !== 'out_of_scope') chooser.append(el('option', { value: intent.name, text: titleOf(intent.name) + ' (' + intent.name + ')' }));
    });
    var kinds = Object.keys(cluster.kinds).map(function (kind) {
      return el('span', { className: 'badge kind-' + kind, text: t['kind_' + kind] + (cluster.kinds[kind] > 1 ? ' ×' + cluster.kinds[kind] : '') });
    });
    var examples = el('ul', { className: 'examples' });
    cluster.examples.forEach(function (item) {
      examples.append(
        el(
          'li',
          { 'data-item-id': item.id },
          el('span', { className: 'item-text', text: item.text }),
          ' ',
          el('span', { className: 'hint', text: '(' + (t['verdict_' + item.verdict] || item.verdict) + ')' }),
          cluster.count > 1
            ? el('button', {
                type: 'button',
                className: 'ignore-one',
                text: t.ignoreOne,
                'aria-label': t.ignoreOne + ': ' + item.text,
                onclick: function () {
                  ignore([item.id], this);
                },
              })
            : null,
          item.botAnswer ? el('span', { className: 'answer', text: t.botAnswered + ' ' + item.botAnswer }) : null,
        ),
      );
    });
    var actions = el('div', { className: 'cluster-actions' });
    cluster.suggestions.forEach(function (suggestion) {
      actions.append(
        el('button', {
          type: 'button',
          className: 'suggested',
          'data-intent': suggestion.intent,
          text: S.fmt(t.addTo, { intent: titleOf(suggestion.intent) }),
          onclick: function () {
            add(cluster, suggestion.intent, phrase.value, this);
          },
        }),
      );
    });
    actions.append(
      chooser,
      el('button', {
        type: 'button',
        className: 'add-chosen',
        text: t.addToChosen,
        onclick: function () {
          if (!chooser.value) return chooser.focus();
          add(cluster, chooser.value, phrase.value, this);
        },
      }),
      el('button', {
        type: 'button',
        className: 'out-of-scope',
        text: t.outOfScope,
        onclick: function () {
          add(cluster, null, phrase.value, this);
        },
      }),
      el('button', {
        type: 'button',
        className: 'ignore',
        text: t.ignore,
        onclick: function () {
          ignore(cluster.itemIds, this);
        },
      }),
    );
    return el(
      'li',
      { className: 'cluster', 'data-cluster-id': cluster.id, lang: cluster.language },
      el(
        'div',
        { className: 'cluster-head' },
        el('span', { className: 'count', text: cluster.count === 1 ? t.timesOne : S.fmt(t.times, { count: cluster.count }) }),
        el('span', { className: 'lang', text: cluster.language }),
        el('span', { text: S.fmt(t.newest, { time: when.format(new Date(cluster.newest)) }) }),
        kinds,
      ),
      examples,
      el('div', { className: 'phrase-row' }, el('label', { for: phraseId, text: t.phrase }), phrase),
      actions,
    );
  }

  /** Adds the phrase to an intent (null: out of scope); the group leaves the inbox once the bot uses it. */
  async function add(cluster, intent, text, button) {
    button.disabled = true;
    try {
      var body = { ids: cluster.itemIds, language: cluster.language, text: text };
      var result = intent
        ? await S.api('POST', '/api/studio/inbox/add-example', Object.assign({ intent: intent }, body))
        : await S.api('POST', '/api/studio/inbox/out-of-scope', body);
      S.toast(intent ? S.fmt(t.added, { intent: titleOf(intent), file: result.file, line: result.line }) : t.markedOutOfScope);
      await load();
    } catch (error) {
      var problems = error.details && error.details.problems;
      S.toast(problems ? S.fmt(t.refused, { problems: problems.join('; ') }) : S.fmt(t.failed, { message: error.message }), 'error');
      button.disabled = false;
    }
  }

  async function ignore(ids, button) {
    button.disabled = true;
    try {
      await S.api('POST', '/api/studio/inbox/ignore', { ids: ids });
      S.toast(t.ignored);
      await load();
    } catch (error) {
      S.toast(S.fmt(t.failed, { message: error.message }), 'error');
      button.disabled = false;
    }
  }

  load();
})();
