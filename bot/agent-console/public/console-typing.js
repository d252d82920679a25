// Typing both ways in the open case. While the agent types a reply, the customer sees a typing indicator
// (POST /api/agent/cases/:id/typing, at most every 3 s); when the customer types (the event stream's
// `typing`), the case shows "Asiakas kirjoittaa…" until a few seconds pass or their message arrives.
// console.js calls `indicator` when it draws a case and `listen` with its event stream.
(function () {
  'use strict';
  /** The server takes one signal a second per case; Web Chat keeps its dots for about 5 s after one. */
  var SEND_EVERY_MS = 3000;
  /** Web Chat sends a customer's typing at most every few seconds while they type. */
  var SHOW_FOR_MS = 6000;

  var shownCase = null;
  var text = '';
  var typingUntil = {};
  var hideTimer;
  var lastSent = { caseId: null, at: 0 };

  function render() {
    var line = document.getElementById('customer-typing');
    if (!line) return;
    var left = (typingUntil[shownCase] || 0) - Date.now();
    line.textContent = left > 0 ? text : '';
    clearTimeout(hideTimer);
    if (left > 0) hideTimer = setTimeout(render, left + 50);
  }

  document.addEventListener('input', function (event) {
    if (!event.target || event.target.id !== 'reply-text' || !shownCase) return;
    var now = Date.now();
    if (lastSent.caseId === shownCase && now - lastSent.at < SEND_EVERY_MS) return;
    lastSent = { caseId: shownCase, at: now };
    fetch('/api/agent/cases/' + encodeURIComponent(shownCase) + '/typing', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).catch(function () {
      // A courtesy signal: the reply itself is what matters.
    });
  });

  window.VastaaTyping = {
    /** The live "customer is typing" line of the case being drawn (console.js puts it under the conversation). */
    indicator: function (caseId, strings) {
      shownCase = caseId;
      text = strings.customerTyping;
      var line = document.createElement('p');
      line.id = 'customer-typing';
      line.className = 'hint customer-typing';
      line.setAttribute('aria-live', 'polite');
      setTimeout(render, 0);
      return line;
    },

    listen: function (stream) {
      stream.addEventListener('typing', function (event) {
        var signal = JSON.parse(event.data);
        typingUntil[signal.caseId] = Date.now() + SHOW_FOR_MS;
        if (signal.caseId === shownCase) render();
      });
      // The message they were typing has arrived: the line goes at once.
      stream.addEventListener('change', function (event) {
        var change = JSON.parse(event.data);
        if (change.kind !== 'customer_message') return;
        delete typingUntil[change.caseId];
        if (change.caseId === shownCase) render();
      });
    },
  };
})();
