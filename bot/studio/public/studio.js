// The bot studio's shell: header, navigation, sign-out and the helpers its parts share
// (window.VastaaStudio); then it loads the inbox and try-it parts. Plain browser JavaScript, no build
// step; all text goes in with textContent, never as HTML.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('console-config').textContent);
  var t = config.strings;

  var dom = window.VastaaDom;
  var fmt = dom.fmt;
  var el = dom.el;
  var api = dom.api;

  var toastTimer;
  function toast(message, kind) {
    var node = document.getElementById('toast');
    node.textContent = message;
    node.className = 'toast visible' + (kind === 'error' ? ' error' : '');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      node.className = 'toast';
    }, 6000);
  }

  document.getElementById('title').textContent = t.title;
  document.getElementById('who').textContent = fmt(t.signedInAs, { name: config.agent.name });
  var signOut = document.getElementById('sign-out');
  signOut.textContent = t.signOut;
  signOut.addEventListener('click', async function () {
    await fetch('/api/agent/sign-out', { method: 'POST', credentials: 'same-origin' });
    location.reload();
  });

  if (config.denied) {
    var denied = document.getElementById('denied');
    denied.append(fmt(t.noAccess, { role: t['role_' + config.agent.role] || config.agent.role }), ' ', el('a', { href: '/agent', text: t.toCases }));
    denied.hidden = false;
    return;
  }

  window.VastaaStudio = { config: config, t: t, fmt: fmt, el: el, api: api, toast: toast };
  ['/studio/studio-inbox.js', '/studio/studio-try.js'].forEach(function (src) {
    document.body.append(el('script', { src: src }));
  });
})();
