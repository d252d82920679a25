// The bot studio's shell: header, navigation, sign-out and the helpers its parts share
// (window.VastaaStudio); then it loads the inbox and try-it parts. Plain browser JavaScript, no build
// step; all text goes in with textContent, never as HTML.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('console-config').textContent);
  var t = config.strings;

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_m, key) {
      return values && key in values ? String(values[key]) : '';
    });
  }

  function el(tag, attributes) {
    var node = document.createElement(tag);
    for (var key in attributes || {}) {
      var value = attributes[key];
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else if (key.slice(0, 2) === 'on') node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.append(child);
    }
    return node;
  }

  async function api(method, path, body) {
    var response = await fetch(path, {
      method: method,
      credentials: 'same-origin',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (response.status === 401) {
      location.reload();
      throw new Error('signed out');
    }
    var data = response.status === 204 ? null : await response.json();
    if (!response.ok) {
      var error = new Error((data && data.error && data.error.message) || response.statusText);
      error.status = response.status;
      error.details = data && data.error && data.error.details;
      throw error;
    }
    return data;
  }

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
