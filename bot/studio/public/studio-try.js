// Try it: one message, or a whole list of phrases, through the live NLU, with the reply the bot would
// give. Nothing is recorded and no case is opened (POST /api/studio/try and /api/studio/try/batch).
(function () {
  'use strict';
  var S = window.VastaaStudio;
  var t = S.t;
  var el = S.el;
  var section = document.getElementById('try');
  var decimal = new Intl.NumberFormat(S.config.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  var message = el('input', { id: 'try-text', maxlength: '500', autocomplete: 'off' });
  var result = el('dl', { id: 'try-result', className: 'result', hidden: true });
  var form = el(
    'form',
    { className: 'try-form', id: 'try-form' },
    el('label', { for: 'try-text', className: 'visually-hidden', text: t.message }),
    message,
    el('button', { type: 'submit', className: 'primary', text: t.tryButton }),
  );
  var lines = el('textarea', { id: 'batch-text', rows: '6' });
  var file = el('input', { id: 'batch-file', type: 'file', accept: '.txt,.tsv,.csv,text/plain' });
  var summary = el('p', { id: 'batch-summary', className: 'hint', role: 'status' });
  var table = el('table', { id: 'batch-table', className: 'batch-table', hidden: true });
  section.append(
    el('h2', { id: 'try-heading', text: t.tryIt }),
    el('p', { className: 'hint', text: t.tryHelp }),
    form,
    result,
    el(
      'div',
      { className: 'batch' },
      el('h3', { text: t.batch }),
      el('p', { className: 'hint', id: 'batch-help', text: t.batchHelp }),
      el('label', { for: 'batch-text', className: 'visually-hidden', text: t.batch }),
      lines,
      el('div', { className: 'row' }, el('label', { for: 'batch-file', text: t.batchFile }), file),
      el('div', { className: 'row' }, el('button', { type: 'button', id: 'batch-run', text: t.batchButton, onclick: runBatch })),
      summary,
      table,
    ),
  );
  lines.setAttribute('aria-describedby', 'batch-help');
  section.hidden = false;

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    if (!message.value.trim()) return message.focus();
    try {
      show(await S.api('POST', '/api/studio/try', { text: message.value }));
    } catch (error) {
      S.toast(S.fmt(t.failed, { message: error.message }), 'error');
    }
  });

  file.addEventListener('change', async function () {
    if (file.files && file.files[0]) lines.value = await file.files[0].text();
  });

  function verdict(value) {
    return el('span', { className: 'badge verdict-' + value, text: t['verdict_' + value] || value });
  }

  function show(data) {
    var ranking = el('ol', { className: 'ranking' });
    data.ranking.slice(0, 3).forEach(function (ranked) {
      ranking.append(el('li', { text: ranked.intent + ' ' + decimal.format(ranked.score) }));
    });
    var reply =
      data.reply.kind === 'dialog'
        ? S.fmt(t.replyDialog, { dialog: data.reply.dialog })
        : data.reply.kind === 'handoff'
          ? t.replyHandoff + ' ' + data.reply.text
          : data.reply.text;
    var rows = [
      [t.detectedLanguage, data.language],
      [t.verdict, verdict(data.verdict)],
      [t.intent, data.intent || t.noIntent],
      [t.score, decimal.format(data.score)],
      [t.ranking, ranking],
      [t.reply, el('span', { id: 'try-reply', text: reply })],
      ['', S.fmt(t.took, { ms: data.ms })],
    ];
    result.replaceChildren();
    rows.forEach(function (row) {
      result.append(el('dt', { text: row[0] }), el('dd', {}, row[1]));
    });
    result.hidden = false;
  }

  async function runBatch() {
    try {
      var data = await S.api('POST', '/api/studio/try/batch', { text: lines.value });
      summary.textContent = S.fmt(t.batchSummary, {
        count: data.summary.count,
        mismatches: data.summary.mismatches,
        expected: data.summary.expected,
        ms: data.ms,
      });
      var head = el(
        'tr',
        {},
        el('th', { scope: 'col', text: t.message }),
        el('th', { scope: 'col', text: t.expected }),
        el('th', { scope: 'col', text: t.intent }),
        el('th', { scope: 'col', text: t.score }),
        el('th', { scope: 'col', text: t.verdict }),
      );
      var body = el('tbody');
      data.rows.forEach(function (row) {
        var mismatch = row.matches === false;
        body.append(
          el(
            'tr',
            { className: mismatch ? 'mismatch' : '', 'data-line': String(row.line) },
            el('td', { text: row.phrase }),
            el('td', { text: row.expected || '' }, mismatch ? el('span', { className: 'badge', text: ' ' + t.mismatch }) : null),
            el('td', { text: row.intent || t.noIntent }),
            el('td', { className: 'number', text: decimal.format(row.score) }),
            el('td', {}, verdict(row.verdict)),
          ),
        );
      });
      table.replaceChildren(el('thead', {}, head), body);
      table.hidden = false;
    } catch (error) {
      S.toast(S.fmt(t.failed, { message: error.message }), 'error');
    }
  }
})();
