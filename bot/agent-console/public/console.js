// The agent console: queue, case view and metrics over the agent API, kept live by the event stream.
// Plain browser JavaScript, no build step. All text goes in with textContent, never as HTML.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('console-config').textContent);
  var t = config.strings;
  var me = config.agent;
  var state = { queue: [], mine: [], skewMs: 0, openId: null, open: null, agents: [], teams: [], canned: null, unread: {}, drafts: {}, newCases: [] };
  var alerts = window.VastaaAlerts;
  var delivery = window.VastaaDelivery;
  // Numbers in the agent's language: a decimal comma in Finnish ("33,3 %", "4,5 / 5").
  var oneDecimal = new Intl.NumberFormat(config.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var percent = new Intl.NumberFormat(config.language, { style: 'percent', maximumFractionDigits: 1 });

  var dom = window.VastaaDom;
  var fmt = dom.fmt;
  var el = dom.el;
  var api = dom.api;

  var toastTimer;
  function toast(message, kind) {
    var box = document.getElementById('toast');
    box.textContent = message;
    box.className = 'toast visible' + (kind === 'error' ? ' error' : '');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(
      function () {
        box.className = 'toast';
      },
      kind === 'error' ? 8000 : 3000,
    );
  }

  function serverNow() {
    return Date.now() + state.skewMs;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    var minutes = Math.floor(seconds / 60);
    if (minutes < 1) return '< 1 min';
    if (minutes < 60) return minutes + ' min';
    return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
  }

  function clock(iso) {
    if (!iso) return '';
    return new Date(iso).toLocaleTimeString(config.language === 'fi' ? 'fi-FI' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
  }

  // The server sends each case's first-response due and warning times (and its clock as `now`); the
  // page only compares them with the server's time, so the colour turns at the right moment between
  // refreshes and a test's fake server clock decides it.
  function slaStateOf(sla) {
    if (!sla) return null;
    if (sla.state === 'met' || sla.state === 'missed') return sla.state;
    var now = serverNow();
    if (now >= Date.parse(sla.firstResponseDueAt)) return 'overdue';
    if (now >= Date.parse(sla.warningAt)) return 'warning';
    return 'on_time';
  }

  function slaBadge(sla, id) {
    var slaState = slaStateOf(sla);
    if (!slaState) return null;
    var text =
      slaState === 'overdue'
        ? fmt(t.slaOverdue, { time: duration((serverNow() - Date.parse(sla.firstResponseDueAt)) / 1000) })
        : slaState === 'met'
          ? t.slaMet
          : slaState === 'missed'
            ? t.slaMissed
            : fmt(t.slaDue, { time: clock(sla.firstResponseDueAt) });
    return el('span', { className: 'badge sla sla-' + slaState, id: id, 'data-sla': slaState, title: t['slaLabel_' + slaState], text: text });
  }

  function reasonBadge(reason) {
    return el('span', { className: 'badge reason-' + reason, text: t['reason_' + reason] || reason });
  }

  // ---- queue and my cases ----

  async function loadLists() {
    var data = await api('GET', '/api/agent/cases');
    state.skewMs = Date.parse(data.now) - Date.now();
    state.queue = data.queue;
    state.mine = data.mine;
    renderLists();
  }

  function renderLists() {
    renderList(document.getElementById('queue'), state.queue, t.emptyQueue);
    renderList(document.getElementById('mine'), state.mine, t.emptyMine);
    document.getElementById('queue-heading').textContent = t.queue + ' (' + state.queue.length + ')';
    document.getElementById('mine-heading').textContent = t.mine + ' (' + state.mine.length + ')';
    alerts.showCount(waitingForMe(), t.title);
  }

  /** What waits for this agent: every case in the queue, and each of their own cases with an unread customer message. */
  function waitingForMe() {
    return (
      state.queue.length +
      state.mine.filter(function (item) {
        return state.unread[item.id];
      }).length
    );
  }

  function renderList(list, items, emptyText) {
    var focusedId = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.caseId : undefined;
    list.replaceChildren();
    if (items.length === 0) list.append(el('li', { className: 'empty', text: emptyText }));
    items.forEach(function (item) {
      var waited = Math.max(0, (serverNow() - Date.parse(item.createdAt)) / 1000);
      var slaState = slaStateOf(item.sla);
      var button = el(
        'button',
        {
          type: 'button',
          className: 'case-item' + (item.id === state.openId ? ' current' : '') + (slaState ? ' sla-' + slaState : ''),
          'data-case-id': item.id,
          'aria-current': item.id === state.openId ? 'true' : undefined,
          onclick: function () {
            openCase(item.id, true);
          },
        },
        el(
          'span',
          { className: 'case-line' },
          reasonBadge(item.reason),
          el('span', { className: 'case-id', text: item.id }),
          item.team ? el('span', { className: 'badge team', text: fmt(t.teamOption, { team: item.team }) }) : null,
          state.unread[item.id] ? el('span', { className: 'badge unread', text: t.newMessage }) : null,
        ),
        el('span', { className: 'case-first', text: item.firstLine }),
        item.tags && item.tags.length ? el('span', { className: 'case-tags', text: item.tags.join(' · ') }) : null,
        el(
          'span',
          { className: 'case-meta' },
          el('span', { className: 'lang', text: item.language.toUpperCase() }),
          el('span', { text: item.channelId }),
          el('span', { className: 'wait', text: fmt(t.waiting, { time: duration(waited) }) }),
          slaBadge(item.sla),
        ),
      );
      list.append(el('li', {}, button));
      if (focusedId === item.id) button.focus();
    });
  }

  // ---- the case ----

  async function openCase(id, focus) {
    state.openId = id;
    delete state.unread[id];
    if (location.hash !== '#' + id) history.replaceState(null, '', '#' + id);
    renderLists();
    try {
      state.open = await api('GET', '/api/agent/cases/' + encodeURIComponent(id));
      renderCase();
      if (focus) document.getElementById('case').focus();
    } catch (error) {
      if (error.status === 404) {
        state.openId = null;
        state.open = null;
        renderCase();
      }
      toast(fmt(t.failed, { message: error.message }), 'error');
    }
  }

  function remember(id, field) {
    return function (event) {
      state.drafts[id + ':' + field] = event.target.value;
    };
  }

  function renderCase() {
    var root = document.getElementById('case');
    var active = document.activeElement && document.activeElement.id;
    var selection = active && document.activeElement.selectionStart;
    // The whole selection, not only its start: a canned reply's unfilled {variable} is selected for the
    // agent to type over, and a live re-draw must not collapse it (the typing would land beside it).
    var selectionEnd = active && document.activeElement.selectionEnd;
    root.replaceChildren();
    if (!state.open) {
      root.append(el('p', { className: 'placeholder', text: t.chooseCase }));
      return;
    }
    var c = state.open.case;
    var s = c.summary;
    var mineNow = c.status === 'assigned' && c.agent === me.login;

    root.append(
      el(
        'header',
        { className: 'case-header' },
        el('h2', { id: 'case-title', text: c.id + ' · ' + (s.topic || s.headline) }),
        el(
          'p',
          { className: 'case-meta' },
          reasonBadge(c.reason),
          el('span', { className: 'badge status-' + c.status, text: t['status_' + c.status] || c.status }),
          el('span', { text: fmt(t.priority, { n: c.priority }) }),
          el('span', { className: 'lang', text: c.language.toUpperCase() }),
          el('span', { text: c.channelId }),
          el('span', { text: fmt(t.waiting, { time: duration((serverNow() - Date.parse(c.createdAt)) / 1000) }) }),
          slaBadge(c.sla, 'case-sla'),
        ),
      ),
    );

    // Who has it and what this agent can do about it.
    var status = el('div', { className: 'case-status' });
    if (c.status === 'waiting') status.append(el('button', { type: 'button', id: 'claim', className: 'primary', text: t.claim, onclick: claim }));
    else if (mineNow) status.append(el('p', { className: 'ok', text: t.claimed }));
    else if (c.status === 'assigned') status.append(el('p', { className: 'warning', text: fmt(t.takenBy, { agent: agentName(c.agent) }) }));
    else if (c.status === 'closed') status.append(el('p', { text: t.caseClosed + (c.resolution ? ' ' + t.resolution + ': ' + c.resolution : '') }));
    else status.append(el('p', { text: t.caseAbandoned }));
    root.append(status);

    // Summary first: the agent should never need to ask what the customer already said. The server
    // gives it in this agent's words (summaryInWords): no raw codes such as "sensitive_topic:intent:billing".
    var w = c.summaryInWords;
    var summary = el('dl', { className: 'summary' });
    function row(label, value, className) {
      summary.append(el('dt', { text: label }), el('dd', className ? { className: className } : {}, value));
    }
    row(t.need, w.need, 'summary-need');
    if (c.handover) {
      var to = c.handover.to.team ? fmt(t.teamOption, { team: c.handover.to.team }) : agentName(c.handover.to.agent);
      row(t.handover, fmt(t.handoverLine, { from: agentName(c.handover.from), to: to }) + (c.handover.note ? ': ' + c.handover.note : ''), 'summary-handover');
    }
    row(t.reason, el('span', {}, reasonBadge(c.reason), ' ', w.reason), 'summary-reason');
    if (w.otherSignals.length) row(t.signals, w.otherSignals.join(' · '));
    row(t.intent, s.topic || '–');
    row(
      t.details,
      w.details.length
        ? w.details
            .map(function (detail) {
              return detail.label + ': ' + detail.value;
            })
            .join(' · ')
        : t.none,
      'summary-details',
    );
    if (w.whileQueued.length) {
      row(
        t.whileQueued,
        listOf(
          w.whileQueued.map(function (message) {
            return message.text;
          }),
        ),
        'summary-while-queued',
      );
    }
    row(t.sentiment, (t['sentiment_' + s.sentiment] || s.sentiment) + (w.upsetSignals.length ? ' (' + w.upsetSignals.join(', ') + ')' : ''));
    if (c.email) row(t.email_label, delivery.emailStep(c.email, t), 'summary-email');
    if (s.firstMessage && s.firstMessage !== w.need) row(t.firstMessage, s.firstMessage);
    row(t.botSaid, w.botSaid.length ? listOf(w.botSaid) : t.none);
    row(
      t.earlierCases,
      w.earlierCases.length
        ? listOf(
            w.earlierCases.map(function (earlier) {
              return (
                earlier.id +
                ' · ' +
                new Date(earlier.createdAt).toLocaleDateString(config.language) +
                ' · ' +
                (t['reason_' + earlier.reason] || earlier.reason) +
                ' · ' +
                (t['status_' + earlier.status] || earlier.status) +
                (earlier.resolution ? ' · ' + earlier.resolution : '') +
                (earlier.rating ? ' · ' + fmt(t.rating, { score: earlier.rating }) : '')
              );
            }),
          )
        : t.none,
      'summary-earlier',
    );
    root.append(el('section', { 'aria-labelledby': 'summary-heading', className: 'panel' }, el('h3', { id: 'summary-heading', text: t.summary }), summary));
    // Tags, the customer's rating and their other cases (console-case-extras.js).
    if (window.VastaaCaseExtras) window.VastaaCaseExtras.render(root, state.open);

    // The conversation.
    // It scrolls on its own, so a keyboard user must be able to focus it to scroll it (axe: scrollable-region-focusable).
    var transcript = el('ol', { className: 'transcript', id: 'transcript', tabindex: '0', 'aria-labelledby': 'transcript-heading' });
    state.open.transcript.forEach(function (line) {
      var who = line.from === 'agent' ? line.name : line.from === 'bot' ? t.bot : t.customer;
      transcript.append(
        el(
          'li',
          { className: 'from-' + line.from },
          el('span', { className: 'who', text: who + ' ' + clock(line.at) }),
          el('p', { className: 'text', text: line.text }),
          line.delivery ? delivery.badge(line.delivery, c.channelId, t) : null,
        ),
      );
    });
    root.append(
      el(
        'section',
        { 'aria-labelledby': 'transcript-heading', className: 'panel' },
        el('h3', { id: 'transcript-heading', text: t.transcript }),
        transcript,
        window.VastaaTyping ? window.VastaaTyping.indicator(c.id, t) : null,
      ),
    );

    if (mineNow) root.append(replyForm(c));

    // Internal notes: readable by every agent, writable while the case is open.
    var notes = el('ul', { className: 'notes', id: 'notes' });
    if (c.notes.length === 0) notes.append(el('li', { className: 'empty', text: t.noNotes }));
    c.notes.forEach(function (note) {
      notes.append(
        el(
          'li',
          { className: note.agent === 'system' ? 'system' : '' },
          el('span', { className: 'who', text: agentName(note.agent) + ' ' + clock(note.at) }),
          el('p', { className: 'text', text: note.text }),
        ),
      );
    });
    var notePanel = el('section', { 'aria-labelledby': 'notes-heading', className: 'panel' }, el('h3', { id: 'notes-heading', text: t.notes }), notes);
    if (c.status === 'waiting' || c.status === 'assigned') {
      var noteInput = el('textarea', { id: 'note-text', rows: '2', 'aria-describedby': 'note-hint', oninput: remember(c.id, 'note') });
      noteInput.value = state.drafts[c.id + ':note'] || '';
      notePanel.append(
        el(
          'form',
          { id: 'note-form', className: 'stack', onsubmit: submitNote },
          el('label', { for: 'note-text', text: t.addNote }),
          noteInput,
          el('p', { id: 'note-hint', className: 'hint', text: t.notesHint }),
          el('button', { type: 'submit', text: t.addNote }),
        ),
      );
    }
    root.append(notePanel);

    if (mineNow) root.append(handOverForms(c));

    // The latest message in view, scrolling only the transcript (never the page under the agent).
    transcript.scrollTop = transcript.scrollHeight;
    if (active && document.getElementById(active)) {
      var again = document.getElementById(active);
      again.focus();
      if (typeof selection === 'number' && 'setSelectionRange' in again) {
        try {
          again.setSelectionRange(selection, typeof selectionEnd === 'number' ? selectionEnd : selection);
        } catch (_ignored) {}
      }
    }
  }

  function listOf(items) {
    var list = el('ul', {});
    items.forEach(function (item) {
      list.append(el('li', { text: item }));
    });
    return list;
  }

  function agentName(login) {
    if (login === 'system') return '⚙';
    var found = state.agents.find(function (agent) {
      return agent.login === login;
    });
    return found ? found.name : login || '';
  }

  function replyForm(c) {
    var text = el('textarea', { id: 'reply-text', rows: '4', 'aria-describedby': 'reply-hint', oninput: remember(c.id, 'reply') });
    text.value = state.drafts[c.id + ':reply'] || '';
    text.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        document.getElementById('reply-form').requestSubmit();
      }
    });
    var canned = (state.canned && state.canned[c.language]) || [];
    var variables = state.open.cannedVariables || {};
    var select = el('select', { id: 'canned-select' });
    canned.forEach(function (reply, index) {
      select.append(el('option', { value: String(index), text: reply.title }));
    });
    var cannedRow = canned.length
      ? el(
          'div',
          { className: 'row' },
          el('label', { for: 'canned-select', text: t.cannedReplies }),
          select,
          el('button', {
            type: 'button',
            id: 'canned-insert',
            text: t.insert,
            onclick: function () {
              var chosen = canned[Number(select.value)];
              if (!chosen) return;
              var area = document.getElementById('reply-text');
              var filled = window.VastaaCanned ? window.VastaaCanned.fill(chosen.text, variables) : chosen.text;
              area.value = area.value ? area.value.replace(/\s*$/, '') + '\n' + filled : filled;
              state.drafts[c.id + ':reply'] = area.value;
              area.focus();
              area.setSelectionRange(area.value.length, area.value.length);
            },
          }),
        )
      : null;
    var section = el(
      'section',
      { 'aria-labelledby': 'reply-heading', className: 'panel reply' },
      el('h3', { id: 'reply-heading', text: t.reply }),
      el(
        'form',
        { id: 'reply-form', className: 'stack', onsubmit: submitReply },
        cannedRow,
        el('label', { for: 'reply-text', className: 'visually-hidden', text: t.reply }),
        text,
        el('p', { id: 'reply-hint', className: 'hint', text: t.replyHint }),
        el('button', { type: 'submit', id: 'reply-send', className: 'primary', text: t.send }),
      ),
    );
    // "/" opens the canned replies with their variables filled (console-canned.js).
    if (window.VastaaCanned) window.VastaaCanned.attach(section, text, canned, variables);
    return section;
  }

  function handOverForms(c) {
    var others = state.agents.filter(function (agent) {
      return agent.login !== me.login;
    });
    var select = el('select', { id: 'transfer-to' });
    var people = el('optgroup', { label: t.transferAgents });
    others.forEach(function (agent) {
      people.append(el('option', { value: agent.login, text: agent.name + ' (' + agent.login + ')' }));
    });
    var teams = el('optgroup', { label: t.transferTeams });
    state.teams.forEach(function (team) {
      teams.append(el('option', { value: 'team:' + team, text: fmt(t.teamOption, { team: team }) }));
    });
    if (others.length) select.append(people);
    if (state.teams.length) select.append(teams);
    var note = el('input', { id: 'transfer-note', maxlength: '1000', oninput: remember(c.id, 'transfer-note') });
    note.value = state.drafts[c.id + ':transfer-note'] || '';
    var resolution = el('input', { id: 'resolution', maxlength: '500', 'aria-describedby': 'resolution-hint', oninput: remember(c.id, 'resolution') });
    resolution.value = state.drafts[c.id + ':resolution'] || '';
    return el(
      'section',
      { className: 'panel actions' },
      el('button', { type: 'button', id: 'release', text: t.release, onclick: release }),
      others.length || state.teams.length
        ? el(
            'form',
            { id: 'transfer-form', className: 'row', onsubmit: submitTransfer },
            el('label', { for: 'transfer-to', text: t.transferTo }),
            select,
            el('label', { for: 'transfer-note', text: t.transferNote }),
            note,
            el('button', { type: 'submit', text: t.transfer }),
          )
        : null,
      el(
        'form',
        { id: 'close-form', className: 'stack', onsubmit: submitClose },
        el('label', { for: 'resolution', text: t.resolution }),
        resolution,
        el('p', { id: 'resolution-hint', className: 'hint', text: t.resolutionHint }),
        el('button', { type: 'submit', id: 'close', text: t.closeCase }),
      ),
    );
  }

  // ---- actions ----

  async function act(path, body, done) {
    var id = state.openId;
    try {
      var result = await api('POST', '/api/agent/cases/' + encodeURIComponent(id) + path, body || {});
      if (done) done(result);
      await Promise.all([openCase(id, false), loadLists()]);
      return true;
    } catch (error) {
      if (error.status === 409 || error.status === 403) {
        var agent = error.details && error.details.agent;
        toast(agent ? fmt(t.takenBy, { agent: agentName(agent) }) : fmt(t.failed, { message: error.message }), 'error');
        await Promise.all([openCase(id, false), loadLists()]);
      } else {
        toast(fmt(t.failed, { message: error.message }), 'error');
      }
      return false;
    }
  }

  // Focus goes to the reply box once the case has been drawn again with it (before that there is no
  // box, and focus fell to <body>); the sticky composer keeps it in view.
  async function claim() {
    if (!(await act('/claim'))) return false;
    var reply = document.getElementById('reply-text');
    if (reply) {
      reply.focus();
      reply.scrollIntoView({ block: 'nearest' });
    }
    return true;
  }

  async function submitReply(event) {
    event.preventDefault();
    var area = document.getElementById('reply-text');
    var text = area.value.trim();
    if (!text) return area.focus();
    var id = state.openId;
    var button = document.getElementById('reply-send');
    button.disabled = true;
    var ok = await act('/reply', { text: text }, function () {
      delete state.drafts[id + ':reply'];
    });
    if (ok) {
      toast(delivery.latestOf(state.open && state.open.case, t) || t.sent);
      var again = document.getElementById('reply-text');
      if (again) again.focus();
    } else if (document.getElementById('reply-send')) document.getElementById('reply-send').disabled = false;
  }

  async function submitNote(event) {
    event.preventDefault();
    var text = document.getElementById('note-text').value.trim();
    if (!text) return;
    var id = state.openId;
    if (
      await act('/notes', { text: text }, function () {
        delete state.drafts[id + ':note'];
      })
    )
      toast(t.noteAdded);
  }

  async function release() {
    if (await act('/release')) toast(t.released);
  }

  async function submitTransfer(event) {
    event.preventDefault();
    var to = document.getElementById('transfer-to').value;
    var note = document.getElementById('transfer-note').value.trim();
    var id = state.openId;
    var team = to.indexOf('team:') === 0 ? to.slice(5) : null;
    var body = team ? { team: team } : { to: to };
    if (note) body.note = note;
    if (await act('/transfer', body)) {
      delete state.drafts[id + ':transfer-note'];
      toast(team ? fmt(t.transferredToTeam, { team: team }) : fmt(t.transferred, { agent: agentName(to) }));
    }
  }

  async function submitClose(event) {
    event.preventDefault();
    var input = document.getElementById('resolution');
    if (!input.value.trim()) return input.focus();
    var id = state.openId;
    if (
      await act('/close', { resolution: input.value.trim() }, function () {
        delete state.drafts[id + ':resolution'];
      })
    )
      toast(t.closedDone);
  }

  // ---- metrics ----

  async function loadMetrics() {
    var m = await api('GET', '/api/agent/metrics');
    var list = document.getElementById('metrics');
    list.replaceChildren();
    function row(label, value, id) {
      list.append(el('div', { className: 'metric', id: id }, el('dt', { text: label }), el('dd', { text: value })));
    }
    row(t.queueLength, String(m.queue.waiting), 'metric-queue');
    row(t.longestWait, duration(m.queue.longestWaitSeconds), 'metric-longest-wait');
    var reasons = Object.keys(m.today.handoffsByReason)
      .filter(function (reason) {
        return m.today.handoffsByReason[reason] > 0;
      })
      .map(function (reason) {
        return (t['reason_' + reason] || reason) + ' ' + m.today.handoffsByReason[reason];
      });
    row(t.handoffsToday, String(m.today.handoffs) + (reasons.length ? ' (' + reasons.join(', ') + ')' : ''), 'metric-handoffs');
    // Every figure under "Today" is today's (since midnight in the service's time zone), never all-time.
    var today = m.today;
    row(t.containment, today.conversations.total ? percent.format(today.conversations.containmentRate / 100) : '–', 'metric-containment');
    row(t.firstReply, duration(today.timeToFirstAgentReply.medianSeconds), 'metric-first-reply');
    row(
      t.averageRating,
      today.ratings.average === null ? '–' : oneDecimal.format(today.ratings.average) + ' / 5 (' + today.ratings.count + ')',
      'metric-rating',
    );
  }

  // ---- live updates ----

  var refreshTimer;
  function refreshSoon(openToo) {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(function () {
      loadLists()
        .then(announceNewCases)
        .catch(function () {});
      loadMetrics().catch(function () {});
      if (openToo && state.openId) openCase(state.openId, false);
    }, 150);
  }

  /** A customer message matters to this agent when the case is theirs or still in the queue (anyone may take it). */
  function concernsMe(caseId) {
    return state.mine.concat(state.queue).some(function (item) {
      return item.id === caseId;
    });
  }

  /** One chime and one notification per new case, after the list has loaded it, so it can say what the customer wants. */
  function announceNewCases() {
    var ids = state.newCases.splice(0);
    ids.forEach(function (id) {
      var item = state.queue.find(function (candidate) {
        return candidate.id === id;
      });
      if (!item) return;
      alerts.chime();
      alerts.notify(fmt(t.notifyNewCase, { id: id }), item.firstLine, id, openFromAlert);
    });
  }

  function openFromAlert(id) {
    openCase(id, true);
  }
  window.VastaaConsole = { openCase: openFromAlert, toast: toast };

  function connect() {
    var live = document.getElementById('live');
    var stream = new EventSource('/api/agent/events');
    if (window.VastaaTyping) window.VastaaTyping.listen(stream);
    // Add-ons (console-routing.js) listen on the same stream instead of opening their own.
    window.dispatchEvent(new CustomEvent('vastaa:stream', { detail: stream }));
    stream.addEventListener('ready', function () {
      live.textContent = t.live;
      live.className = 'live on';
      refreshSoon(true);
    });
    stream.addEventListener('change', function (event) {
      var change = JSON.parse(event.data);
      if (change.kind === 'customer_message' && change.caseId !== state.openId) state.unread[change.caseId] = true;
      if (change.kind === 'opened') state.newCases.push(change.caseId);
      if (change.kind === 'customer_message' && concernsMe(change.caseId) && !(change.caseId === state.openId && document.hasFocus())) {
        alerts.chime();
        alerts.notify(fmt(t.notifyNewMessage, { id: change.caseId }), '', change.caseId, openFromAlert);
      }
      refreshSoon(change.caseId === state.openId);
    });
    stream.onerror = function () {
      live.textContent = t.offline;
      live.className = 'live off';
      if (stream.readyState === EventSource.CLOSED) {
        // Closed for good (e.g. the session ended): find out whether we are still signed in.
        setTimeout(function () {
          api('GET', '/api/agent/me').then(connect, function () {});
        }, 3000);
      }
    };
  }

  // ---- for console-keys.js and console-history.js ----

  window.VastaaConsole = {
    config: config,
    strings: t,
    el: el,
    fmt: fmt,
    api: api,
    toast: toast,
    clock: clock,
    reasonBadge: reasonBadge,
    agentName: agentName,
    state: state,
    openCase: openCase,
    claim: claim,
  };

  // ---- start ----

  document.title = t.title;
  alerts.mountControls(document.getElementById('alert-controls'), t, toast);
  document.getElementById('title').textContent = t.title;
  document.getElementById('who').textContent = fmt(t.signedInAs, { name: me.name });
  document.getElementById('metrics-heading').textContent = t.metrics;
  var signOut = document.getElementById('sign-out');
  signOut.textContent = t.signOut;
  signOut.addEventListener('click', async function () {
    await fetch('/api/agent/sign-out', { method: 'POST', credentials: 'same-origin' });
    location.reload();
  });
  // The server's order and clock every 30 s, so an overdue case moves up even when nothing else happens;
  // the day's numbers too, or after midnight a quiet console would show yesterday's as today's.
  setInterval(function () {
    loadLists().catch(function () {});
    loadMetrics().catch(function () {});
  }, 30000);

  Promise.all([api('GET', '/api/agent/me'), api('GET', '/api/agent/canned-replies'), loadLists(), loadMetrics()])
    .then(function (results) {
      state.agents = results[0].agents;
      state.teams = results[0].teams || [];
      state.canned = results[1].replies;
      var fromHash = decodeURIComponent(location.hash.slice(1));
      if (fromHash) openCase(fromHash, false);
      else renderCase();
      connect();
    })
    .catch(function (error) {
      toast(fmt(t.failed, { message: error.message }), 'error');
    });
})();
