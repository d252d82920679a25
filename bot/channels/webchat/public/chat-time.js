// Message times as people read them in the page's language: "14.05" (and "26.11. 14.05" on another
// day) in Finnish, which uses the 24-hour clock. Web Chat's own Finnish pattern is a 12-hour clock
// ("klo 2.05 ip.") and "Juuri nyt" ("just now") stays on a message read the next day.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('vastaa-config').textContent);
  var finnish = /^fi\b/.test(config.locale);
  var time = new Intl.DateTimeFormat(config.locale, finnish ? { hour: 'numeric', minute: '2-digit', hour12: false } : { hour: 'numeric', minute: '2-digit' });
  var day = new Intl.DateTimeFormat(config.locale, { day: 'numeric', month: 'numeric' });

  /** "14.05" today, "26.11. 14.05" on another day (Finnish dates end with a full stop). */
  function when(at) {
    var sameDay = at.toDateString() === new Date().toDateString();
    var date = day.format(at) + (finnish && !/\.$/.test(day.format(at)) ? '.' : '');
    return (sameDay ? '' : date + ' ') + time.format(at);
  }

  /**
   * Web Chat renders with its own bundled React, which it does not expose. The time is a plain
   * element object tagged with the same $$typeof as the element Web Chat made, so it stays valid
   * whichever React version the bundle carries.
   */
  function element(like, type, props, key) {
    return { $$typeof: like.$$typeof, type: type, key: key || null, ref: null, props: props, _owner: null, _store: {} };
  }

  window.vastaaChatPlugins = window.vastaaChatPlugins || [];
  window.vastaaChatPlugins.push({
    activityStatusMiddleware: function () {
      return function (next) {
        return function (status) {
          var original = next(status);
          var activity = status.activity || {};
          var at = new Date(activity.timestamp);
          var own = activity.from && activity.from.role === 'user';
          // Sending and failed sends keep Web Chat's status (with its retry link).
          if (!original || status.hideTimestamp || isNaN(at.getTime()) || (own && status.sendState !== 'sent')) return original;
          var text = when(at);
          return element(original, 'span', {
            className: 'chat-time',
            children: [
              element(original, 'span', { className: 'chat-visually-hidden', children: config.texts.sentAt.replace('{time}', text) }, 'said'),
              element(original, 'span', { 'aria-hidden': 'true', children: text }, 'shown'),
            ],
          });
        };
      };
    },
  });
})();
