/* The page on paper (with the print rules in style.css): the view's link and where the full
   list of records is, written in; the charts laid out at the page's width; every chart's
   description open. Undone after printing. Runs inside "beforeprint", so all of it is
   synchronous: the browser lays out the printed page right after. */
window.dashboardPrint = (function () {
  var CHART_WIDTH = 660;  /* px: A4 (and Letter) at 12 mm margins, inside a card's padding */
  var undo = [];
  var printing = false;
  function text(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = value; }
  }
  function allRecordsLink() {
    var here = new URLSearchParams(window.location.search), query = new URLSearchParams();
    var page = document.getElementById("page-text");  /* the filters' parameters: components/shell.py */
    JSON.parse((page && page.getAttribute("data-filter-params")) || "[]").forEach(function (key) {
      if (here.get(key)) { query.set(key, here.get(key)); }
    });
    var search = document.getElementById("evidence-search");
    if (search && search.value.trim()) { query.set("q", search.value.trim()); }
    var q = query.toString();
    return window.location.origin + "/api/v1/records.csv" + (q ? "?" + q.replace(/%2C/g, ",") : "");
  }
  function before() {
    after();  /* a second "beforeprint" before an "afterprint" */
    printing = true;
    text("print-link", window.location.href.split("#")[0]);
    text("print-records", window.dashboardText("printRecords", { link: allRecordsLink() }));
    document.querySelectorAll("details.chart-description:not([open])").forEach(function (d) {
      d.open = true;
      undo.push(function () { d.open = false; });
    });
    document.querySelectorAll("[data-lazy] .js-plotly-plot").forEach(function (gd) {
      var part = gd.closest("[data-lazy]");
      var full = window.dashboardInternals.size(gd), handler = window.dashboardInternals.resizeHandler(gd);
      if (handler) {  /* plotly.js's own resize listener: the printed page's width must not redraw it */
        window.removeEventListener("resize", handler);
        undo.push(function () { window.addEventListener("resize", handler); });
      }
      if (!window.Plotly || !full || part.getAttribute("data-state") !== "drawn" || full.width <= CHART_WIDTH) {
        return;
      }
      if (window.dashboardInternals.hasMap(gd)) {
        /* a map redraws asynchronously (its base map is fetched and projected again): scaled
           as it is drawn instead */
        gd.style.zoom = String(CHART_WIDTH / full.width);
        undo.push(function () { gd.style.zoom = ""; });
        return;
      }
      window.Plotly.relayout(gd, { width: CHART_WIDTH });
      undo.push(function () { window.Plotly.relayout(gd, { width: null }); });
    });
  }
  function after() {
    printing = false;
    while (undo.length) { undo.pop()(); }
  }
  return { before: before, after: after, active: function () { return printing; } };
})();
