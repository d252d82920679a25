// The service dashboard: everything is drawn on the server; this only switches each panel between its
// chart and its table, and moves focus to the drill-down list when the page opens on one.
(function () {
  'use strict';
  document.querySelectorAll('.panel').forEach(function (panel) {
    var buttons = panel.querySelectorAll('.view-toggle');
    var chart = panel.querySelector('.chart-view');
    var table = panel.querySelector('.table-view');
    if (!chart || !table) return;
    buttons.forEach(function (button) {
      button.addEventListener('click', function () {
        var showTable = button.getAttribute('data-view') === 'table';
        chart.hidden = showTable;
        table.hidden = !showTable;
        buttons.forEach(function (other) {
          other.setAttribute('aria-pressed', String(other === button));
        });
      });
    });
  });
  var drill = document.getElementById('drill');
  if (drill) drill.focus();
})();
