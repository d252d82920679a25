// Read receipts: tells the server which agent messages the customer has had on screen, so the agent
// console can say "seen" instead of guessing. A message counts as seen once it has arrived while the
// page is visible and has focus (Web Chat keeps the newest message in view). One small event per
// newly seen message, never the text: `{ type: 'event', name: 'vastaa.seen', value: { upTo: id } }`.
(function () {
  'use strict';

  var EVENT = 'vastaa.seen';
  var newestAgentId = null;
  var reportedId = null;
  var directLine = null;

  function isAgentMessage(activity) {
    if (!activity || activity.type !== 'message' || !activity.from || activity.from.role === 'user') return false;
    return Boolean(activity.channelData && activity.channelData.vastaaAgent);
  }

  function pageInView() {
    return document.visibilityState === 'visible' && document.hasFocus();
  }

  function report() {
    if (!directLine || !newestAgentId || newestAgentId === reportedId || !pageInView()) return;
    var id = newestAgentId;
    reportedId = id;
    directLine.postActivity({ type: 'event', name: EVENT, value: { upTo: id }, from: { id: 'customer' } }).subscribe({
      error: function () {
        // Not sent (network): try again with the next focus or message.
        if (reportedId === id) reportedId = null;
      },
    });
  }

  function watch(chat) {
    directLine = chat.directLine;
    directLine.activity$.subscribe(function (activity) {
      if (isAgentMessage(activity) && activity.id) {
        newestAgentId = activity.id;
        report();
      }
    });
  }

  // chat.js sets window.vastaaChat once its Direct Line is up (after the token request).
  var waited = setInterval(function () {
    if (!window.vastaaChat || !window.vastaaChat.directLine) return;
    clearInterval(waited);
    watch(window.vastaaChat);
  }, 200);

  window.addEventListener('focus', report);
  document.addEventListener('visibilitychange', report);
})();
