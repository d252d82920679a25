// Alerts of the agent console, so nobody waits unnoticed: a sound (the agent can mute it; the choice
// is remembered in localStorage), a desktop notification (permission asked once, from a button the
// agent presses: browsers ignore or block requests made on load), and the count in the page title.
// Plain browser JavaScript, loaded before console.js, which calls window.VastaaAlerts.
(function () {
  'use strict';
  var SOUND_KEY = 'vastaa.console.sound';
  var audio = null;

  function soundOn() {
    try {
      return localStorage.getItem(SOUND_KEY) !== 'off';
    } catch (_ignored) {
      return true;
    }
  }

  function setSound(on) {
    try {
      localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    } catch (_ignored) {}
  }

  // Browsers keep an AudioContext suspended until the page gets a gesture: resume it on the first one,
  // or the first alert after sign-in would be silent.
  function audioContext() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (!audio) audio = new Context();
    return audio;
  }
  document.addEventListener(
    'pointerdown',
    function () {
      var context = audioContext();
      if (context && context.state === 'suspended') context.resume().catch(function () {});
    },
    { once: true },
  );

  /** Two short rising tones: distinct from the operating system's own sounds, quiet enough for an office. */
  function chime() {
    if (!soundOn()) return;
    try {
      var context = audioContext();
      if (!context) return;
      [660, 880].forEach(function (frequency, index) {
        var start = context.currentTime + index * 0.16;
        var tone = context.createOscillator();
        var gain = context.createGain();
        tone.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
        tone.connect(gain).connect(context.destination);
        tone.start(start);
        tone.stop(start + 0.15);
      });
    } catch (_ignored) {}
  }

  function notificationsSupported() {
    return typeof window.Notification === 'function';
  }

  /** A desktop notification when the agent allowed them; a click brings the console forward on the case. */
  function notify(title, body, caseId, onOpen) {
    if (!notificationsSupported() || window.Notification.permission !== 'granted') return;
    try {
      var notification = new window.Notification(title, { body: body || '', tag: caseId, lang: document.documentElement.lang });
      notification.onclick = function () {
        window.focus();
        onOpen(caseId);
        if (notification.close) notification.close();
      };
    } catch (_ignored) {}
  }

  /**
   * The controls in the top bar: the sound toggle (a pressed button is on) and, while the browser has
   * not been asked yet, the button that asks for notification permission.
   */
  function mountControls(container, t, toast) {
    var sound = document.createElement('button');
    sound.type = 'button';
    sound.id = 'sound-toggle';
    sound.textContent = t.sound;
    function showSound() {
      sound.setAttribute('aria-pressed', soundOn() ? 'true' : 'false');
    }
    sound.addEventListener('click', function () {
      setSound(!soundOn());
      showSound();
      if (soundOn()) chime();
    });
    showSound();
    container.append(sound);

    if (!notificationsSupported() || window.Notification.permission !== 'default') return;
    var ask = document.createElement('button');
    ask.type = 'button';
    ask.id = 'notifications-enable';
    ask.textContent = t.enableNotifications;
    ask.addEventListener('click', function () {
      ask.disabled = true;
      Promise.resolve(window.Notification.requestPermission())
        .then(function (answer) {
          ask.remove();
          toast(answer === 'granted' ? t.notificationsOn : t.notificationsBlocked);
        })
        .catch(function () {
          ask.disabled = false;
        });
    });
    container.append(ask);
  }

  /** "(2) Asiakaspalvelijan näkymä": what waits for an agent, visible from any other tab. */
  function showCount(count, title) {
    document.title = count > 0 ? '(' + count + ') ' + title : title;
  }

  window.VastaaAlerts = { chime: chime, notify: notify, mountControls: mountControls, showCount: showCount };
})();
