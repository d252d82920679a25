// On the open case, under its summary: its tags (add, remove, suggestions from the tags used before),
// the customer's rating and comment, and a way to all of this customer's cases (console-history.js).
// Plain browser JavaScript, loaded before console.js, which calls window.VastaaCaseExtras.render.
(function () {
  'use strict';

  function ui() {
    return window.VastaaConsole;
  }

  function render(root, data) {
    var el = ui().el;
    var t = ui().strings;
    var c = data.case;
    var chips = el('ul', { className: 'tags', id: 'case-tags' });
    (c.tags || []).forEach(function (tag) {
      chips.append(
        el(
          'li',
          { className: 'tag' },
          el('span', { text: tag }),
          el('button', {
            type: 'button',
            className: 'tag-remove',
            'aria-label': ui().fmt(t.removeTag, { tag: tag }),
            text: '×',
            onclick: () => changeTags(c.id, { remove: [tag] }),
          }),
        ),
      );
    });
    if (!(c.tags || []).length) chips.append(el('li', { className: 'empty', text: t.noTags }));
    // The case is drawn again on every live change: the half-typed tag is kept like the other drafts.
    var drafts = ui().state.drafts;
    var input = el('input', {
      id: 'tag-input',
      list: 'case-tag-suggestions',
      maxlength: '40',
      autocomplete: 'off',
      oninput: function (event) {
        drafts[c.id + ':tag'] = event.target.value;
      },
    });
    input.value = drafts[c.id + ':tag'] || '';
    var suggestions = el('datalist', { id: 'case-tag-suggestions' });
    window.VastaaHistory.loadTagSuggestions(suggestions);
    var panel = el(
      'section',
      { 'aria-labelledby': 'tags-heading', className: 'panel case-extras' },
      el('h3', { id: 'tags-heading', text: t.tags }),
      chips,
      el(
        'form',
        {
          id: 'tag-form',
          className: 'row',
          onsubmit: function (event) {
            event.preventDefault();
            var tag = input.value.trim();
            if (tag) changeTags(c.id, { add: [tag] });
          },
        },
        el('label', { for: 'tag-input', text: t.newTag }),
        input,
        suggestions,
        el('button', { type: 'submit', id: 'tag-add', text: t.addTag }),
      ),
      c.status === 'closed' || data.rating
        ? el('p', { id: 'case-rating', className: 'rating' }, el('strong', { text: t.customerRating + ': ' }), window.VastaaHistory.ratingText(data.rating))
        : null,
      el('button', { type: 'button', id: 'case-customer', text: t.customerCases, onclick: () => window.VastaaHistory.showCustomer(c.customerKey) }),
    );
    root.append(panel);
  }

  async function changeTags(caseId, change) {
    try {
      await ui().api('POST', '/api/agent/cases/' + encodeURIComponent(caseId) + '/tags', change);
      if (change.add) delete ui().state.drafts[caseId + ':tag'];
      await ui().openCase(caseId, false);
      var input = document.getElementById('tag-input');
      if (input) input.focus();
    } catch (error) {
      ui().toast(ui().fmt(ui().strings.failed, { message: error.message }), 'error');
    }
  }

  window.VastaaCaseExtras = { render: render };
})();
