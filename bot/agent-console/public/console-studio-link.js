// A link to the service dashboard in the console's top bar, for agents whose role may read it (the
// server puts `studio` in the page's config only for them).
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('console-config').textContent);
  if (!config.studio) return;
  var link = document.createElement('a');
  link.href = config.studio.href;
  link.id = 'studio-link';
  link.textContent = config.studio.title;
  var signOut = document.getElementById('sign-out');
  signOut.parentNode.insertBefore(link, signOut);
})();
