// Draws each trend table of /health as a uPlot chart beside it. Without JavaScript the tables carry the numbers.
(function () {
  if (typeof uPlot === 'undefined') {
    return;
  }
  var colors = ['#23395d', '#c0392b', '#1e7b34'];
  document.querySelectorAll('.chart[data-table]').forEach(function (target) {
    var table = document.getElementById(target.getAttribute('data-table'));
    if (!table) {
      return;
    }
    var names = table.getAttribute('data-series').split(';');
    var xs = [];
    var series = names.map(function () { return []; });
    table.querySelectorAll('tbody tr').forEach(function (row) {
      xs.push(Number(row.getAttribute('data-x')));
      row.getAttribute('data-y').split(';').forEach(function (value, i) {
        series[i].push(value === '' ? null : Number(value));
      });
    });
    if (xs.length === 0) {
      return;
    }
    var opts = {
      width: Math.min(target.clientWidth || 420, 460),
      height: 200,
      series: [{}].concat(names.map(function (name, i) {
        return { label: name, stroke: colors[i % colors.length], width: 2, spanGaps: false };
      })),
      axes: [{}, {}]
    };
    new uPlot(opts, [xs].concat(series), target);
    target.setAttribute('data-drawn', 'true');
  });
})();
