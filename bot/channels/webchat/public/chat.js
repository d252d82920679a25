// The chat page: gets a Direct Line token, then renders Microsoft's Web Chat (window.WebChat, served
// from this server). A reloaded page (or the next page of a site that embeds the chat in an iframe)
// picks the same conversation up again while its token is valid.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('vastaa-config').textContent);

  // The page's CSP allows <style> elements only with this response's nonce (no 'unsafe-inline', so
  // markup injected into the page cannot restyle it). Web Chat passes its `nonce` option to most of
  // its style sheets but not to the transcript's scroll panel (react-scroll-to-bottom), whose sheet
  // the browser would then refuse, and the transcript would stop scrolling. So every <style> our
  // own scripts create carries the nonce; injected markup never goes through createElement.
  var createElement = document.createElement;
  document.createElement = function (name, options) {
    var element = createElement.call(document, name, options);
    if (String(name).toLowerCase() === 'style') element.setAttribute('nonce', config.styleNonce);
    return element;
  };
  var SESSION_KEY = 'vastaa.chat.session';
  // The page's own features (header, new-messages divider, rating comment) live in their own files,
  // loaded before this one; each may watch Web Chat's actions and set up once the chat runs.
  var plugins = window.vastaaChatPlugins || [];

  function readSession() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(SESSION_KEY) || 'null');
      return saved && saved.token && saved.conversationId && saved.domain ? saved : null;
    } catch (ignored) {
      return null;
    }
  }

  function writeSession(session) {
    try {
      window.sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } catch (ignored) {
      // Storage blocked (private mode, third-party iframe): the chat still works, only not across reloads.
    }
  }

  function postJson(url, token) {
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    return fetch(url, { method: 'POST', headers: headers }).then(function (response) {
      if (!response.ok) throw new Error(url + ' answered ' + response.status);
      return response.json();
    });
  }

  /**
   * The visitor's conversation. Built-in Direct Line: the server knows it from the identity cookie
   * (every tab and every visit get the same one). Azure: the tab's saved one with a refreshed token.
   */
  function openSession() {
    if (config.identity) {
      return postJson(config.tokenUrl).then(function (body) {
        return { token: body.token, conversationId: body.conversationId, domain: body.domain, resumed: body.resumed === true };
      });
    }
    var saved = readSession();
    var fresh = function () {
      return postJson(config.tokenUrl).then(function (body) {
        return { token: body.token, conversationId: body.conversationId, domain: body.domain, resumed: false };
      });
    };
    if (!saved) return fresh();
    return postJson(saved.domain + '/tokens/refresh', saved.token)
      .then(function (body) {
        return { token: body.token, conversationId: saved.conversationId, domain: saved.domain, resumed: true };
      })
      .catch(fresh);
  }

  /**
   * Web Chat's store (its public hook for incoming activities): every plugin sees each action first,
   * then chat-people.js names who spoke it (agents' names in bold, screen-reader text).
   */
  function chatStore(people) {
    return window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          plugins.forEach(function (plugin) {
            if (plugin.onAction) plugin.onAction(action);
          });
          return next(people.withSpeakers(action));
        };
      };
    });
  }

  /**
   * Middleware of one kind (activityMiddleware, activityStatusMiddleware): the plugins' in load order,
   * then `last` (chat-people.js draws event lines itself, so the plugins wrap it: the "new messages"
   * divider also goes above a "Vili joined" line); none: Web Chat's own.
   */
  function pluginMiddleware(kind, last) {
    var all = plugins
      .map(function (plugin) {
        return plugin[kind];
      })
      .concat([last])
      .filter(Boolean);
    return all.length ? window.WebChat.concatMiddleware.apply(null, all) : undefined;
  }

  function showUnavailable() {
    var alert = document.getElementById('chat-unavailable');
    alert.textContent = config.unavailable;
    alert.hidden = false;
  }

  openSession()
    .then(function (session) {
      writeSession(session);
      var options = {
        token: session.token,
        domain: session.domain,
        webSocket: config.transport !== 'polling',
        pollingInterval: 1000,
        conversationStartProperties: { locale: config.locale },
      };
      if (session.resumed) {
        options.conversationId = session.conversationId;
        options.watermark = '';
      }
      var directLine = window.WebChat.createDirectLine(options);
      var people = window.VastaaPeople(config);
      // Web Chat refreshes the token every 15 minutes; keep the newest for the next page.
      window.addEventListener('pagehide', function () {
        writeSession({ token: directLine.token || session.token, conversationId: session.conversationId, domain: session.domain });
      });
      // Before Web Chat connects, so a plugin knows the conversation before its first activity arrives.
      plugins.forEach(function (plugin) {
        if (plugin.onStart) plugin.onStart({ config: config, conversationId: session.conversationId, resumed: session.resumed, directLine: directLine });
      });
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          locale: config.locale,
          // The page's CSP allows no inline style: Web Chat's run-time <style> elements carry this nonce.
          nonce: config.styleNonce,
          sendTypingIndicator: true,
          // Who is talking (chat-people.js): agents' names and avatars, event lines, screen-reader text.
          store: chatStore(people),
          activityMiddleware: pluginMiddleware('activityMiddleware', people.activityMiddleware),
          activityStatusMiddleware: pluginMiddleware('activityStatusMiddleware'),
          avatarMiddleware: people.avatarMiddleware,
          groupActivitiesMiddleware: people.groupActivitiesMiddleware,
          overrideLocalizedStrings: people.localizedStrings,
          styleOptions: {
            hideUploadButton: true,
            suggestedActionLayout: 'flow',
            suggestedActionsStackedHeight: 200,
            botAvatarInitials: config.botName.slice(0, 2),
            accent: config.color || '#0b5cad',
            bubbleBorderRadius: 8,
            bubbleFromUserBorderRadius: 8,
            bubbleFromUserBackground: '#e6f0fa',
          },
        },
        document.getElementById('webchat'),
      );
      window.vastaaChat = { directLine: directLine, conversationId: session.conversationId, resumed: session.resumed };
    })
    .catch(function (error) {
      console.error('The chat could not start:', error);
      showUnavailable();
    });
})();
