// Draws the observatory's charts from the numbers embedded in the page (#chart-data). The tables under each chart hold
// the same numbers: without JavaScript, or if chart.js fails to load, the page stays whole and the charts stay hidden.
/* global Chart */
(function drawCharts() {
  const source = document.getElementById('chart-data');
  if (!source || typeof Chart === 'undefined') return;
  const data = JSON.parse(source.textContent);
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1f2328';

  for (const chart of data.charts) {
    const canvas = document.getElementById(chart.canvas);
    if (!canvas) continue;
    canvas.closest('figure').hidden = false;
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.weeks,
        datasets: chart.series.map((series) => ({
          label: series.label,
          data: series.data,
          backgroundColor: series.colour,
          borderColor: '#ffffff',
          borderWidth: 1,
        })),
      },
      options: {
        animation: reducedMotion ? false : { duration: 300 },
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Résultats' } },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label} : ${item.raw === null ? 'masqué' : item.formattedValue}` } },
        },
      },
    });
  }
})();
