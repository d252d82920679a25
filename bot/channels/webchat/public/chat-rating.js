// After the customer picks a rating (1-5), an optional comment: stored with the rating on the
// conversation (rating.comment), where the agent console shows it on the closed case.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('vastaa-config').textContent);
  var texts = config.texts || {};

  function showForm() {
    if (document.getElementById('chat-rating')) return;
    var form = document.createElement('form');
    form.id = 'chat-rating';
    var label = document.createElement('label');
    label.htmlFor = 'chat-rating-comment';
    label.textContent = texts.commentLabel;
    var comment = document.createElement('textarea');
    comment.id = 'chat-rating-comment';
    comment.maxLength = 1000;
    var send = document.createElement('button');
    send.type = 'submit';
    send.textContent = texts.commentSend;
    form.append(label, comment, send);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!comment.value.trim()) return;
      send.disabled = true;
      fetch('/chat/rating', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ comment: comment.value }) })
        .then(function (response) {
          if (!response.ok) throw new Error('/chat/rating answered ' + response.status);
          var thanks = document.createElement('p');
          thanks.id = 'chat-rating';
          thanks.setAttribute('role', 'status');
          thanks.textContent = texts.commentThanks;
          form.replaceWith(thanks);
        })
        .catch(function (error) {
          console.error('The comment could not be sent:', error);
          send.disabled = false;
        });
    });
    document.getElementById('chat-frame').appendChild(form);
  }

  window.vastaaChatPlugins = window.vastaaChatPlugins || [];
  window.vastaaChatPlugins.push({
    onAction: function (action) {
      // Only with the built-in Direct Line: the comment is stored on the conversation the cookie names.
      if (!config.identity || action.type !== 'DIRECT_LINE/POST_ACTIVITY') return;
      var value = action.payload && action.payload.activity && action.payload.activity.value;
      if (value && typeof value.rating === 'number') showForm();
    },
  });
})();
