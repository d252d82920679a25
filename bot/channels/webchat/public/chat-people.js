// Who is talking in the web chat: each agent's messages under their own name and initials avatar (never
// grouped with the bot's), event lines ("Vili liittyi keskusteluun") centred instead of in a bubble, and a
// screen reader that says who spoke each message. chat.js passes these options to Web Chat.
(function () {
  'use strict';

  /** The mark of an event line in a bot message's channelData (handoff/agent-message.ts, EVENT_LINE_MARK). */
  var EVENT_LINE_MARK = 'vastaaEventLine';
  /** How many avatar colours chat-people.css has (.vastaa-avatar--0 …). */
  var AVATAR_COLOURS = 6;

  // Web Chat's middleware returns React elements, but the full bundle keeps its React (16.8) private. An
  // element is a plain object React tells by its $$typeof; this builds the few simple ones we need.
  var REACT_ELEMENT = typeof Symbol === 'function' && Symbol.for ? Symbol.for('react.element') : 0xeac7;
  function h(type, props, child) {
    var all = Object.assign({}, props);
    if (child !== undefined) all.children = child;
    return { $$typeof: REACT_ELEMENT, type: type, key: null, ref: null, props: all, _owner: null, _store: {} };
  }

  function fill(text, name) {
    return text.replace('{name}', name);
  }

  /** "Vili" → "VI", "Anna-Liisa Virtanen" → "AV". */
  function initialsOf(name) {
    var words = name.trim().split(/\s+/);
    var letters = words.length > 1 ? words[0].charAt(0) + words[words.length - 1].charAt(0) : words[0].slice(0, 2);
    return letters.toUpperCase();
  }

  /** The same agent always gets the same colour. */
  function colourOf(name) {
    var sum = 0;
    for (var i = 0; i < name.length; i++) sum = (sum * 31 + name.charCodeAt(i)) % 9973;
    return sum % AVATAR_COLOURS;
  }

  /** What a screen reader should read of a markdown message: its words, blocks apart. */
  function plainText(markdown) {
    if (!markdown) return '';
    var html = window.WebChat.renderMarkdown(markdown, { markdownRespectCRLF: true }, { externalLinkAlt: '' });
    var text = new DOMParser().parseFromString(html.replace(/<(\/p|\/li|\/h\d|br\s*\/?)>/g, '$& '), 'text/html').body.textContent || '';
    return text.replace(/\s+/g, ' ').trim();
  }

  window.VastaaPeople = function (config) {
    var strings = config.people;

    function isEventLine(activity) {
      return Boolean(activity && activity.channelData && activity.channelData[EVENT_LINE_MARK] && activity.from && activity.from.role !== 'user');
    }

    /** The agent's name on an agent's message or typing; undefined for the bot's own and the customer's. */
    function agentName(activity) {
      var from = activity && activity.from;
      if (!from || from.role === 'user' || !from.name || from.name === config.botName || isEventLine(activity)) return undefined;
      return from.name;
    }

    /**
     * Incoming messages, in Web Chat's store (its public hook for them): an agent's message starts with
     * their name in bold, and every message says to screen readers who spoke it (Web Chat's own
     * "Bot Va said:" would name the bot for an agent's message too; its text is blanked below).
     */
    function withSpeakers(action) {
      var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
      if (!activity || activity.type !== 'message' || !activity.from || activity.from.role === 'user') return action;
      var name = agentName(activity);
      var changed = Object.assign({}, activity);
      var said;
      if (isEventLine(activity)) said = activity.text || '';
      else if (name) {
        said = fill(strings.agentSaid, name) + ' ' + plainText(activity.text);
        if (typeof activity.text === 'string') {
          changed.text = '**' + name.replace(/[*_`\\[\]]/g, '') + '**\n\n' + activity.text;
          changed.textFormat = 'markdown';
        }
      } else said = fill(strings.botSaid, config.botName) + ' ' + plainText(activity.text);
      changed.channelData = Object.assign({}, activity.channelData, { 'webchat:fallback-text': said });
      return Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: changed }) });
    }

    /** Speakers in a row: the customer, the bot, each agent apart; every event line alone. */
    function speakerOf(activity, index) {
      if (activity.from && activity.from.role === 'user') return 'user';
      if (isEventLine(activity)) return 'event:' + index;
      var name = agentName(activity);
      return name ? 'agent:' + name : 'bot';
    }

    return {
      // For the page's store (chat.js), which also lets the other chat plugins see each action.
      withSpeakers: withSpeakers,

      // Event lines centred, without bubble or avatar.
      activityMiddleware: function () {
        return function (next) {
          return function (args) {
            var activity = args && args.activity;
            if (!isEventLine(activity)) return next.apply(null, arguments);
            return function () {
              return h('div', { className: 'vastaa-event-line', 'data-event': activity.channelData[EVENT_LINE_MARK] }, h('span', {}, activity.text || ''));
            };
          };
        };
      },

      // An agent's initials on a circle of their colour instead of the bot's.
      avatarMiddleware: function () {
        return function (next) {
          return function (args) {
            var name = agentName(args.activity);
            if (!name) return next(args);
            return function () {
              return h('div', { className: 'vastaa-avatar vastaa-avatar--' + colourOf(name), 'aria-hidden': 'true', 'data-agent': name }, initialsOf(name));
            };
          };
        };
      },

      // Web Chat groups by role alone, which put an agent's messages under the bot's avatar.
      groupActivitiesMiddleware: function () {
        return function (next) {
          return function (args) {
            var groups = next(args);
            var sender = [];
            var previous;
            args.activities.forEach(function (activity, index) {
              var speaker = speakerOf(activity, index);
              if (speaker === previous) sender[sender.length - 1].push(activity);
              else sender.push([activity]);
              previous = speaker;
            });
            return Object.assign({}, groups, { sender: sender });
          };
        };
      },

      // The speaker is in each message's screen-reader text (above), so Web Chat's "Bot Va said:" goes.
      localizedStrings: { ACTIVITY_BOT_SAID_ALT: ' ' },
    };
  };
})();
