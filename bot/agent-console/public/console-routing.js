// Presence, routing alerts and the supervisors' team panel of the agent console. Plain browser
// JavaScript, loaded before console.js; it listens on console.js's event stream (the `vastaa:stream`
// event) rather than opening a second one. All text goes in with textContent, never as HTML.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('console-config').textContent);
  var t = config.strings;
  var me = config.agent;
  var alerts = window.VastaaAlerts;
  var STATES = ['online', 'away', 'offline'];

  var dom = window.VastaaDom;
  var fmt = dom.fmt;
  var el = dom.el;
  var api = dom.api;

  function toast(text, kind) {
    if (window.VastaaConsole) window.VastaaConsole.toast(text, kind);
  }

  // ---- presence: the agent's own state in the top bar ----

  var select = el('select', { id: 'presence' });
  STATES.forEach(function (state) {
    select.append(el('option', { value: state, text: t['presence_' + state] }));
  });

  function showPresence(data) {
    select.value = data.presence.status;
    select.dataset.status = data.presence.status;
    select.title = data.routing === 'off' ? t.routingOff : '';
  }

  select.addEventListener('change', function () {
    var wanted = select.value;
    api('POST', '/api/agent/presence', { status: wanted })
      .then(function (data) {
        showPresence(data);
        toast(fmt(t.presenceSet, { status: t['presence_' + wanted].toLowerCase() }));
      })
      .catch(function (error) {
        toast(fmt(t.failed, { message: error.message }), 'error');
        loadPresence();
      });
  });

  function loadPresence() {
    return api('GET', '/api/agent/presence')
      .then(showPresence)
      .catch(function () {});
  }

  document.getElementById('alert-controls').before(el('span', { className: 'presence-control' }, el('label', { for: 'presence', text: t.presence }), select));
  loadPresence();

  // ---- alerts: a case given to this agent by routing, a transfer or a supervisor ----

  function openCase(id) {
    if (window.VastaaConsole) window.VastaaConsole.openCase(id);
  }

  window.addEventListener('vastaa:stream', function (event) {
    var stream = event.detail;
    // After a reconnect the server may have set us offline (the console was closed for a while).
    stream.addEventListener('ready', loadPresence);
    stream.addEventListener('change', function (message) {
      var change = JSON.parse(message.data);
      if (me.role === 'supervisor' || me.role === 'admin') refreshTeamSoon();
      if (change.agent !== me.login) return;
      var text = change.kind === 'routed' ? fmt(t.routedToYou, { id: change.caseId }) : fmt(t.movedToYou, { id: change.caseId });
      alerts.chime();
      alerts.notify(text, '', change.caseId, openCase);
      toast(text);
    });
  });

  // ---- the supervisor's team panel: presence, load and skills, and reassigning a case ----

  if (me.role !== 'supervisor' && me.role !== 'admin') return;

  var rows = el('tbody', { id: 'team-agents' });
  var caseSelect = el('select', { id: 'reassign-case' });
  var toSelect = el('select', { id: 'reassign-to' });
  var routingNote = el('p', { className: 'hint', id: 'routing-note' });
  var panel = el(
    'section',
    { 'aria-labelledby': 'team-heading', className: 'team' },
    el('h2', { id: 'team-heading', text: t.team }),
    routingNote,
    el(
      'table',
      { className: 'team-table' },
      el(
        'thead',
        {},
        el('tr', {}, el('th', { text: t.teamAgent }), el('th', { text: t.teamPresence }), el('th', { text: t.teamLoad }), el('th', { text: t.teamSkills })),
      ),
      rows,
    ),
    el(
      'form',
      { id: 'reassign-form', className: 'stack', onsubmit: reassign },
      el('h3', { text: t.reassign }),
      el('label', { for: 'reassign-case', text: t.reassignCase }),
      caseSelect,
      el('label', { for: 'reassign-to', text: t.reassignTo }),
      toSelect,
      el('button', { type: 'submit', text: t.reassignSubmit }),
    ),
  );
  document.getElementById('sidebar').append(panel);

  function renderTeam(data) {
    routingNote.textContent = data.routing === 'off' ? t.routingOff : '';
    rows.replaceChildren();
    data.agents.forEach(function (agent) {
      rows.append(
        el(
          'tr',
          { 'data-login': agent.login },
          el('td', { text: agent.name }),
          el('td', { className: 'presence-' + agent.status, text: t['presence_' + agent.status] }),
          el('td', { text: agent.load + ' / ' + agent.maxChats }),
          el('td', { text: agent.languages.join(', ').toUpperCase() + ' · ' + (agent.teams.join(', ') || t.noTeams) }),
        ),
      );
    });
    var chosenCase = caseSelect.value;
    var chosenTo = toSelect.value;
    caseSelect.replaceChildren();
    data.cases.forEach(function (item) {
      var holder = item.agent ? agentNameIn(data, item.agent) : t.status_waiting;
      caseSelect.append(el('option', { value: item.id, text: item.id + ' · ' + item.language.toUpperCase() + ' · ' + holder }));
    });
    toSelect.replaceChildren(el('option', { value: '', text: t.toQueue }));
    data.agents.forEach(function (agent) {
      toSelect.append(el('option', { value: agent.login, text: agent.name }));
    });
    if (chosenCase) caseSelect.value = chosenCase;
    if (chosenTo) toSelect.value = chosenTo;
  }

  function agentNameIn(data, login) {
    var found = data.agents.find(function (agent) {
      return agent.login === login;
    });
    return found ? found.name : login;
  }

  function loadTeam() {
    return api('GET', '/api/agent/team').then(renderTeam);
  }

  var teamTimer;
  function refreshTeamSoon() {
    clearTimeout(teamTimer);
    teamTimer = setTimeout(function () {
      loadTeam().catch(function () {});
    }, 200);
  }

  async function reassign(event) {
    event.preventDefault();
    var id = caseSelect.value;
    if (!id) return;
    try {
      await api('POST', '/api/agent/cases/' + encodeURIComponent(id) + '/reassign', { to: toSelect.value || null });
      toast(fmt(t.reassigned, { id: id }));
      await loadTeam();
    } catch (error) {
      toast(fmt(t.failed, { message: error.message }), 'error');
    }
  }

  loadTeam().catch(function () {});
  // Presence changes without a case changing (someone goes away): look again now and then.
  setInterval(refreshTeamSoon, 15000);
})();
