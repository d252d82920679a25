// The navigation between the cases (/agent) and the studio (/studio) for users whose role opens both.
// The page's JSON config lists the links (console-nav.ts); nothing is drawn when it lists none.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('console-config').textContent);
  var place = document.getElementById('area-nav');
  var links = config.nav || [];
  if (!place || links.length === 0) return;
  var list = document.createElement('ul');
  links.forEach(function (link) {
    var item = document.createElement('li');
    var anchor = document.createElement('a');
    anchor.href = link.href;
    anchor.textContent = link.label;
    if (link.current) anchor.setAttribute('aria-current', 'page');
    item.append(anchor);
    list.append(item);
  });
  place.append(list);
  place.hidden = false;
})();
