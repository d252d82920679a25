// Helpers every page of the console and the studio shares (window.VastaaDom): fill a text's {names},
// build an element (text always as textContent, never as HTML), and call the API as the signed-in user.
(function () {
  'use strict';

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

  /** JSON in and out; a 401 (the session ended) reloads to the sign-in page; an error carries the API's message, status and details. */
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

  window.VastaaDom = { fmt: fmt, el: el, api: api };
})();
