// The chat on another site: <script src="https://bot.example.com/chat/embed.js" data-title="…" data-color="#0b5cad" async></script>
// adds a launcher bubble; it opens the chat page (an iframe of /chat) in a panel. Nothing here reads or
// changes the host page beyond its own two elements; the chat itself runs in its own origin.
(function () {
  'use strict';

  // Filled in by the server from messages/bot.yaml, per language.
  var TEXTS = /*TEXTS*/ {};
  var script = document.currentScript;
  if (!script || window.vastaaEmbed) return;
  var origin = new URL(script.src).origin;
  var color = /^#[0-9a-fA-F]{6}$/.test(script.getAttribute('data-color') || '') ? script.getAttribute('data-color') : '#0b5cad';
  var locale = script.getAttribute('data-locale') || document.documentElement.lang || '';
  var language = /^en\b/i.test(locale) ? 'en' : /^fi\b/i.test(locale) ? 'fi' : TEXTS.default;
  var texts = TEXTS[language] || TEXTS[TEXTS.default];
  var title = (script.getAttribute('data-title') || '').trim() || texts.title;

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-label', texts.open + ': ' + title);
  launcher.textContent = '\u{1F4AC}';
  Object.assign(launcher.style, {
    position: 'fixed',
    right: '20px',
    bottom: '20px',
    zIndex: '2147483646',
    width: '60px',
    height: '60px',
    border: '0',
    borderRadius: '50%',
    background: color,
    color: '#fff',
    fontSize: '26px',
    cursor: 'pointer',
    boxShadow: '0 4px 14px rgba(0, 0, 0, 0.25)',
  });

  // The number of messages that came while the panel was closed, on the launcher.
  var unread = 0;
  var badge = document.createElement('span');
  badge.setAttribute('aria-hidden', 'true');
  badge.hidden = true;
  Object.assign(badge.style, {
    position: 'absolute',
    top: '-4px',
    right: '-4px',
    minWidth: '22px',
    height: '22px',
    padding: '0 6px',
    boxSizing: 'border-box',
    borderRadius: '11px',
    background: '#d13438',
    color: '#fff',
    font: 'bold 13px/22px system-ui, sans-serif',
    textAlign: 'center',
  });

  var panel = document.createElement('div');
  panel.hidden = true;
  Object.assign(panel.style, {
    position: 'fixed',
    right: '20px',
    bottom: '92px',
    zIndex: '2147483647',
    width: 'min(400px, calc(100vw - 40px))',
    height: 'min(620px, calc(100vh - 120px))',
    borderRadius: '10px',
    overflow: 'hidden',
    boxShadow: '0 8px 28px rgba(0, 0, 0, 0.25)',
    background: '#fff',
  });

  /** The chat starts only when the visitor first opens the panel: no conversation for every page view. */
  function frame() {
    var existing = panel.querySelector('iframe');
    if (existing) return existing;
    var query = new URLSearchParams({ title: title, color: color });
    if (language) query.set('locale', language);
    var iframe = document.createElement('iframe');
    iframe.src = origin + '/chat?' + query.toString();
    iframe.title = title;
    iframe.allow = 'clipboard-write';
    Object.assign(iframe.style, { width: '100%', height: '100%', border: '0' });
    panel.appendChild(iframe);
    return iframe;
  }

  /** The launcher's face, label and badge for the panel's state and the unread count. */
  function showLauncher(open) {
    var label = (open ? texts.close : texts.open) + ': ' + title;
    if (!open && unread > 0) label += ' (' + (unread === 1 ? texts.unreadOne : texts.unreadMany.replace('{count}', String(unread))) + ')';
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', label);
    launcher.textContent = open ? '\u2715' : '\u{1F4AC}';
    badge.textContent = String(unread);
    badge.hidden = open || unread === 0;
    launcher.appendChild(badge);
  }

  function toggle(open) {
    panel.hidden = !open;
    if (open) unread = 0;
    showLauncher(open);
    if (open) frame().focus();
  }

  // The chat page says when a message arrives (nothing else: no text); only our own frame is listened to.
  window.addEventListener('message', function (event) {
    var iframe = panel.querySelector('iframe');
    if (event.origin !== origin || !iframe || event.source !== iframe.contentWindow) return;
    if (!event.data || event.data.vastaa !== 'message' || !panel.hidden) return;
    unread += 1;
    showLauncher(false);
  });

  launcher.addEventListener('click', function () {
    toggle(panel.hidden);
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !panel.hidden) {
      toggle(false);
      launcher.focus();
    }
  });

  function mount() {
    showLauncher(false);
    document.body.appendChild(panel);
    document.body.appendChild(launcher);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
  window.vastaaEmbed = { open: toggle.bind(null, true), close: toggle.bind(null, false) };
})();
