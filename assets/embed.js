/* The embed page (components/embed.py): draw its one chart from the figure the server wrote
   into the page. Not loaded by the dashboard itself (app.py: assets_ignore). */
(function () {
  var figure = JSON.parse(document.getElementById("embed-figure").textContent);
  var config = JSON.parse(document.getElementById("embed-config").textContent);
  var el = document.getElementById("embed-chart");
  window.Plotly.newPlot(el, figure.data, figure.layout, config).then(function () {
    el.setAttribute("data-state", "drawn");
  });
})();
