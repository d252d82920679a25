// Keyboard shortcuts of the agent console and their help window ("?"). A shortcut never fires while the
// agent types in a text field (a "c" in a reply must stay a "c"); only sending works there, with
// Ctrl+Enter as well as Enter. Plain browser JavaScript, loaded before console.js; it reaches the
// console through window.VastaaConsole when a key is pressed.
(function () {
  'use strict';

  /** Key, what it does (a string key), and the action; the help window lists them in this order. */
  var SHORTCUTS = [
    { keys: ['J'], label: 'key_next', match: 'j', run: nextCase },
    { keys: ['C'], label: 'key_claim', match: 'c', run: claimOpen },
    { keys: ['R'], label: 'key_reply', match: 'r', run: focusReply },
    { keys: ['Ctrl', 'Enter'], label: 'key_send', run: null },
    { keys: ['E'], label: 'key_close', match: 'e', run: focusResolution },
    { keys: ['/'], label: 'key_search', match: '/', run: openSearch },
    { keys: ['?'], label: 'key_help', match: '?', run: openHelp },
    { keys: ['Esc'], label: 'key_escape', run: null },
  ];

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    if (tag === 'textarea' || tag === 'select' || target.isContentEditable) return true;
    return tag === 'input' && !/^(button|submit|reset|checkbox|radio)$/i.test(target.type || '');
  }

  /** The case after the open one in the queue, or the queue's first: the one the agent should take next. */
  function nextCase() {
    var ui = window.VastaaConsole;
    var queue = ui.state.queue;
    if (queue.length === 0) return ui.toast(ui.strings.emptyQueue);
    var at = queue.findIndex(function (item) {
      return item.id === ui.state.openId;
    });
    ui.openCase(queue[(at + 1) % queue.length].id, true);
  }

  function claimOpen() {
    var ui = window.VastaaConsole;
    if (document.getElementById('claim')) ui.claim();
  }

  function focusReply() {
    var reply = document.getElementById('reply-text');
    if (reply) {
      reply.focus();
      reply.scrollIntoView({ block: 'nearest' });
    }
  }

  function focusResolution() {
    var resolution = document.getElementById('resolution');
    if (resolution) {
      resolution.focus();
      resolution.scrollIntoView({ block: 'center' });
    }
  }

  function openSearch() {
    if (window.VastaaHistory) window.VastaaHistory.openSearch();
  }

  function sendReply() {
    var form = document.getElementById('reply-form');
    if (form) form.requestSubmit();
  }

  var help = null;
  function openHelp() {
    var ui = window.VastaaConsole;
    var t = ui.strings;
    if (!help) {
      var list = ui.el('dl', { className: 'shortcuts' });
      SHORTCUTS.forEach(function (shortcut) {
        var keys = ui.el('dt', {});
        shortcut.keys.forEach(function (key, index) {
          if (index > 0) keys.append(' + ');
          keys.append(ui.el('kbd', { text: key }));
        });
        list.append(keys, ui.el('dd', { text: t[shortcut.label] }));
      });
      help = ui.el(
        'dialog',
        { id: 'help-dialog', className: 'dialog help', 'aria-labelledby': 'help-title' },
        ui.el('h2', { id: 'help-title', text: t.shortcutsTitle }),
        list,
        ui.el('p', { className: 'hint', text: t.shortcutsHint }),
        ui.el('form', { method: 'dialog' }, ui.el('button', { type: 'submit', id: 'help-close', text: t.closeDialog })),
      );
      document.body.append(help);
    }
    if (!help.open) help.showModal();
  }

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.isComposing || !window.VastaaConsole) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      var target = event.target;
      if (target && target.id !== 'reply-text' && typing(target)) return;
      event.preventDefault();
      return sendReply();
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (document.querySelector('dialog[open]')) return;
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    var shortcut = SHORTCUTS.find(function (candidate) {
      return candidate.match === key;
    });
    if (!shortcut) return;
    event.preventDefault();
    shortcut.run();
  });

  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('open-help');
    if (!button) return;
    button.textContent = window.VastaaConsole.strings.help;
    button.addEventListener('click', openHelp);
  });

  window.VastaaKeys = { openHelp: openHelp };
})();
