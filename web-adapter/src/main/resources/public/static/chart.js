// Draws the reputation table as a line chart. Without JavaScript the table itself is the chart.
(function () {
  var table = document.getElementById('reputation-data');
  var target = document.getElementById('reputation-chart');
  if (!table || !target || typeof uPlot === 'undefined') {
    return;
  }
  var days = [];
  var points = [];
  table.querySelectorAll('tbody tr').forEach(function (row) {
    var cells = row.querySelectorAll('td');
    days.push(Date.parse(cells[0].textContent + 'T00:00:00Z') / 1000);
    points.push(Number(cells[1].textContent));
  });
  if (days.length === 1) {
    days.unshift(days[0] - 86400);
    points.unshift(1);
  }
  if (days.length === 0) {
    return;
  }
  table.hidden = true;
  new uPlot({
    width: Math.min(target.clientWidth || 600, 700),
    height: 220,
    series: [{}, { label: 'Reputation', stroke: '#23395d', width: 2, fill: 'rgba(35,57,93,0.08)' }],
    axes: [{}, {}]
  }, [days, points], target);
  target.setAttribute('data-drawn', 'true');
})();
