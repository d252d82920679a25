// "Uudet viestit" (new messages): a divider above the first message that came while the visitor was
// away (the tab closed, another day). What they have seen is remembered per conversation in this
// browser: the time of the newest message shown while the page was visible.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('vastaa-config').textContent);
  var KEY = 'vastaa.chat.seen.';
  var conversationId;
  /** The newest message time the visitor had seen when this page opened; 0 for a new conversation. */
  var seenBefore = 0;
  var newest = 0;
  var firstNewId;
  /** Once the visitor writes, they are reading: later messages are not "new" any more. */
  var settled = false;

  function load(id) {
    try {
      return Number(window.localStorage.getItem(KEY + id)) || 0;
    } catch (ignored) {
      return 0;
    }
  }

  function save() {
    if (!conversationId || !newest || document.visibilityState !== 'visible') return;
    try {
      window.localStorage.setItem(KEY + conversationId, String(newest));
    } catch (ignored) {
      // Storage blocked: the divider is simply not shown next time.
    }
  }

  /** Only the visitor's current conversation matters; earlier ones' entries would pile up. */
  function forgetOthers(id) {
    try {
      for (var index = window.localStorage.length - 1; index >= 0; index--) {
        var name = window.localStorage.key(index);
        if (name && name.indexOf(KEY) === 0 && name !== KEY + id) window.localStorage.removeItem(name);
      }
    } catch (ignored) {
      // Storage blocked: nothing was kept either.
    }
  }

  document.addEventListener('visibilitychange', save);
  window.addEventListener('pagehide', save);

  /**
   * Web Chat renders with its own bundled React, which it does not expose. The divider is a plain
   * element object tagged with the same $$typeof as the element Web Chat made for the activity, so
   * it stays valid whichever React version the bundle carries.
   */
  function divider(next) {
    return {
      $$typeof: next.$$typeof,
      type: 'div',
      key: 'vastaa-new-messages',
      ref: null,
      props: { className: 'chat-new-divider', role: 'separator', 'aria-label': config.texts.newMessages, children: config.texts.newMessages },
      _owner: null,
      _store: {},
    };
  }

  window.vastaaChatPlugins = window.vastaaChatPlugins || [];
  window.vastaaChatPlugins.push({
    onStart: function (chat) {
      conversationId = chat.conversationId;
      seenBefore = chat.resumed ? load(conversationId) : 0;
      forgetOthers(conversationId);
    },
    onAction: function (action) {
      if (action.type !== 'DIRECT_LINE/INCOMING_ACTIVITY') return;
      var activity = action.payload && action.payload.activity;
      if (!activity || activity.type !== 'message') return;
      var at = Date.parse(activity.timestamp) || 0;
      if (activity.from && activity.from.role === 'user') {
        if (at > seenBefore) settled = true;
        return;
      }
      // Inside the embed's panel: the launcher counts what arrives while the panel is closed. Only
      // the fact goes to the host page, never the text, so any origin may hear it.
      if (window.parent !== window && at > seenBefore) window.parent.postMessage({ vastaa: 'message' }, '*');
      newest = Math.max(newest, at);
      if (!settled && !firstNewId && seenBefore && at > seenBefore) firstNewId = activity.id;
      save();
    },
    activityMiddleware: function () {
      return function (next) {
        return function (card) {
          var render = next(card);
          if (!render || !firstNewId || !card.activity || card.activity.id !== firstNewId) return render;
          return function () {
            var element = render.apply(null, arguments);
            return element ? [divider(element), element] : element;
          };
        };
      };
    },
  });
})();
