// The sign-in form of the agent console. On success the server sets the session cookie and /agent shows the console.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('console-config').textContent);
  var t = config.strings;
  document.getElementById('signin-title').textContent = t.signInTitle;
  document.getElementById('login-label').textContent = t.login;
  document.getElementById('password-label').textContent = t.password;
  document.getElementById('signin-button').textContent = t.signIn;
  var form = document.getElementById('signin-form');
  var error = document.getElementById('signin-error');
  var button = document.getElementById('signin-button');

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    error.hidden = true;
    button.disabled = true;
    try {
      var response = await fetch('/api/agent/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ login: form.login.value, password: form.password.value }),
      });
      if (response.ok) {
        location.reload();
        return;
      }
      var seconds = String(Number(response.headers.get('retry-after') || '5'));
      error.textContent =
        response.status === 429
          ? t.tooManyAttempts.replace('{seconds}', seconds)
          : response.status === 503
            ? t.signInBusy.replace('{seconds}', seconds)
            : t.wrongCredentials;
      error.hidden = false;
      form.password.value = '';
      form.password.focus();
    } catch (failure) {
      error.textContent = t.failed.replace('{message}', failure.message);
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
})();
