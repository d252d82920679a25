// Canned replies from the reply box: "/" opens a list filtered by what follows it (arrows move,
// Enter inserts, Esc closes), and the chosen reply comes in with its {variables} filled from the case.
// A variable without a value stays visible and selected for the agent to fill, and a reply that still
// has one is not sent: a customer must never get "your order  is on its way".
// Plain browser JavaScript, loaded before console.js, which calls window.VastaaCanned.
(function () {
  'use strict';
  var VARIABLE = /\{(\w+)\}/g;
  // The list's place, kept across the case view being drawn again (it is on every live change): without
  // it, a customer's message arriving while the agent picks would close the list or move the choice.
  var remembered = { query: null, active: 0 };

  /** The text with every {name} that has a value replaced; the others stay as they are. */
  function fill(text, values) {
    return text.replace(VARIABLE, function (match, name) {
      var value = values && values[name];
      return typeof value === 'string' && value.trim() ? value : match;
    });
  }

  /** The variables named anywhere in the replies: a reply still holding one of them is not ready. */
  function variableNames(replies) {
    var names = {};
    replies.forEach(function (reply) {
      reply.text.replace(VARIABLE, function (_match, name) {
        names[name] = true;
        return '';
      });
    });
    return Object.keys(names);
  }

  function unfilled(text, names) {
    return names.filter(function (name) {
      return text.indexOf('{' + name + '}') >= 0;
    });
  }

  /** "/" at the start or after a space, up to the caret: the query typed after it, or null. */
  function triggerAt(area) {
    var before = area.value.slice(0, area.selectionStart);
    var match = /(^|\s)\/([^\s/]*)$/.exec(before);
    return match ? { start: before.length - match[2].length - 1, query: match[2].toLocaleLowerCase() } : null;
  }

  function selectFirstPlaceholder(area, names) {
    var first = -1;
    var length = 0;
    names.forEach(function (name) {
      var at = area.value.indexOf('{' + name + '}');
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
        length = name.length + 2;
      }
    });
    if (first >= 0) area.setSelectionRange(first, first + length);
    return first >= 0;
  }

  function attach(section, area, replies, values) {
    var ui = window.VastaaConsole;
    var t = ui.strings;
    var names = variableNames(replies);
    var list = ui.el('ul', { id: 'canned-list', role: 'listbox', className: 'canned-list', 'aria-label': t.cannedList, hidden: true });
    var status = ui.el('p', { id: 'canned-status', className: 'visually-hidden', role: 'status' });
    var matches = [];
    var active = 0;
    var trigger = null;
    area.setAttribute('aria-autocomplete', 'list');
    area.setAttribute('aria-controls', 'canned-list');
    area.after(list, status);
    var hint = section.querySelector('#reply-hint');
    if (hint && replies.length) hint.textContent = hint.textContent + ' ' + t.cannedHint;

    function isOpen() {
      return !list.hidden;
    }

    function close() {
      list.hidden = true;
      trigger = null;
      remembered = { query: null, active: 0 };
      area.removeAttribute('aria-activedescendant');
    }

    function render() {
      list.replaceChildren();
      if (matches.length === 0) {
        list.append(ui.el('li', { className: 'empty', text: t.cannedNone }));
        area.removeAttribute('aria-activedescendant');
      }
      matches.forEach(function (reply, index) {
        var option = ui.el(
          'li',
          {
            id: 'canned-option-' + index,
            role: 'option',
            'aria-selected': index === active ? 'true' : 'false',
            className: index === active ? 'active' : '',
            onmousedown: function (event) {
              event.preventDefault();
              insert(reply);
            },
          },
          ui.el('strong', { text: reply.title }),
          ui.el('span', { className: 'canned-preview', text: fill(reply.text, values) }),
        );
        list.append(option);
      });
      if (matches.length) {
        area.setAttribute('aria-activedescendant', 'canned-option-' + active);
        var current = document.getElementById('canned-option-' + active);
        if (current) current.scrollIntoView({ block: 'nearest' });
      }
      list.hidden = false;
      status.textContent = matches.length ? matches[active].title + ' (' + (active + 1) + '/' + matches.length + ')' : t.cannedNone;
    }

    function update() {
      trigger = triggerAt(area);
      if (!trigger) return close();
      matches = replies.filter(function (reply) {
        return !trigger.query || (reply.title + ' ' + reply.text).toLocaleLowerCase().indexOf(trigger.query) >= 0;
      });
      if (remembered.query !== trigger.query) active = 0;
      active = Math.min(active, Math.max(0, matches.length - 1));
      remembered = { query: trigger.query, active: active };
      render();
    }

    function insert(reply) {
      if (!trigger) return;
      var text = fill(reply.text, values);
      var end = area.selectionStart;
      area.value = area.value.slice(0, trigger.start) + text + area.value.slice(end);
      var caret = trigger.start + text.length;
      close();
      area.focus();
      if (!selectFirstPlaceholder(area, names)) area.setSelectionRange(caret, caret);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }

    area.addEventListener('input', update);
    area.addEventListener('blur', function () {
      // Focus leaves for good, not for the moment the case view is drawn again.
      setTimeout(function () {
        if (area.isConnected && document.activeElement !== area) close();
      }, 0);
    });
    area.addEventListener('click', update);

    // Capture on the section runs before console.js's own Enter-sends handler on the box.
    section.addEventListener(
      'keydown',
      function (event) {
        if (event.target !== area) return;
        // Drawn again with the list open and its reopening still waiting for the timer below: the key is meant
        // for the list the agent saw. Without this, an Enter in between sent "/auki" to the customer as typed.
        if (!isOpen() && remembered.query !== null) update();
        if (!isOpen()) return;
        var handled = true;
        if (event.key === 'ArrowDown') active = matches.length ? (active + 1) % matches.length : 0;
        else if (event.key === 'ArrowUp') active = matches.length ? (active - 1 + matches.length) % matches.length : 0;
        else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          if (matches[active]) insert(matches[active]);
          else close();
        } else if (event.key === 'Escape') close();
        else handled = false;
        if (!handled) return;
        event.preventDefault();
        event.stopPropagation();
        if (isOpen()) {
          remembered.active = active;
          render();
        }
      },
      true,
    );

    // Drawn again while the agent was choosing: open the list where it was.
    if (remembered.query !== null) {
      active = remembered.active;
      setTimeout(function () {
        if (document.activeElement === area) update();
      }, 0);
    }

    section.addEventListener(
      'submit',
      function (event) {
        var left = unfilled(area.value, names);
        if (left.length === 0) return;
        event.preventDefault();
        event.stopPropagation();
        ui.toast(
          ui.fmt(t.fillVariables, {
            variables: left
              .map(function (name) {
                return '{' + name + '}';
              })
              .join(', '),
          }),
          'error',
        );
        area.focus();
        selectFirstPlaceholder(area, names);
      },
      true,
    );
  }

  window.VastaaCanned = { fill: fill, attach: attach };
})();
