// The chat page's header: the service's name, whether agents are in now (from the opening hours of
// the channel where agents answer), "End conversation" and "Start a new conversation". Both buttons
// act on the visitor's conversation as the identity cookie names it, so every open tab agrees.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('vastaa-config').textContent);
  var texts = config.texts || {};
  var frame = document.getElementById('chat-frame');
  var status = document.getElementById('chat-status');
  var endButton = document.getElementById('chat-end');
  var newButton = document.getElementById('chat-new');

  frame.style.setProperty('--chat-accent', config.color);
  document.getElementById('chat-title').textContent = config.title;
  status.textContent = config.status ? config.status.text : '';
  // Without opening hours there is nothing to say about them.
  status.hidden = !status.textContent;
  if (config.status && config.status.open) status.classList.add('chat-status--open');
  endButton.textContent = texts.end;
  newButton.textContent = texts.newConversation;

  /** POST with a JSON body: the server takes the chat's own actions only as JSON from this origin. */
  function post(url) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then(function (response) {
      if (!response.ok) throw new Error(url + ' answered ' + response.status);
      return response.json();
    });
  }

  endButton.addEventListener('click', function () {
    endButton.disabled = true;
    post('/chat/end')
      .then(function () {
        // The ended conversation stays on screen with the bot's goodbye; the next one starts from here.
        endButton.hidden = true;
        newButton.focus();
      })
      .catch(function (error) {
        console.error('The conversation could not be ended:', error);
        endButton.disabled = false;
      });
  });

  newButton.addEventListener('click', function () {
    newButton.disabled = true;
    // Ends the old conversation (a waiting request is cancelled politely), then the page starts the new one.
    post('/chat/end')
      .then(function () {
        window.location.reload();
      })
      .catch(function (error) {
        console.error('A new conversation could not be started:', error);
        newButton.disabled = false;
      });
  });

  window.vastaaChatPlugins = window.vastaaChatPlugins || [];
  window.vastaaChatPlugins.push({
    onStart: function () {
      // With Azure's Direct Line the server holds no conversation of the visitor's to end.
      if (!config.identity) return;
      endButton.hidden = false;
      newButton.hidden = false;
    },
  });
})();
