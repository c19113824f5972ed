/* Every use of plotly.js's and Dash's undocumented browser internals, fenced in one file.
   The public APIs do not give a drawn chart's size, its mode-bar download options, its own
   resize listener, whether a map is in it, or whether Dash has a request in flight; the page
   needs each (dashboard.js, print.js). Checked against plotly.js 4.1.1 and Dash 4.4.1
   (components/internals.py, CHECKED); tests/test_internals.py fails, by name, on an upgrade
   that moves one. Loaded first: Dash serves assets in name order. */
window.dashboardInternals = (function () {
  /* the figure as plotly.js drew it (sizes resolved, defaults filled) */
  function drawn(gd) { return (gd && gd._fullLayout) || null; }
  return {
    /* the chart element inside a dcc.Graph (plotly.js's class on its root) */
    chartIn: function (el) { return el ? el.querySelector(".js-plotly-plot") : null; },
    /* the drawn chart's size in px, or null before it is drawn */
    size: function (gd) {
      var full = drawn(gd);
      return full ? { width: full.width, height: full.height } : null;
    },
    hasMap: function (gd) {
      var full = drawn(gd);
      return Boolean(full && full._subplots && full._subplots.geo && full._subplots.geo.length);
    },
    /* the mode bar's "Download plot as a png" options of a drawn chart (false before) */
    setImageOptions: function (gd, options) {
      if (!gd || !gd._context) { return false; }
      gd._context.toImageButtonOptions = Object.assign({}, gd._context.toImageButtonOptions, options);
      return true;
    },
    /* plotly.js's own window "resize" listener of a responsive chart */
    resizeHandler: function (gd) { return (gd && gd._responsiveChartHandler) || null; },
    /* dcc.Graph's mark on a chart whose figure it has not finished handing to plotly.js */
    pending: function (gd) { return gd.classList.contains("dash-graph--pending"); },
    /* Dash marks the page while a callback request is in flight */
    busy: function () { return Boolean(document.querySelector("._dash-loading-callback")); },
    /* wrap Plotly.Plots.resize, which dcc.Graph calls whenever a chart's box changes size:
       skip(gd) true answers at once instead of redrawing */
    guardResize: function (P, skip) {
      if (!P || !P.Plots || P.Plots.resizeOnlyWhenNeeded) { return; }
      var resize = P.Plots.resize;
      P.Plots.resize = function (gd) {
        var el = typeof gd === "string" ? document.getElementById(gd) : gd;
        if (skip(el)) { return Promise.resolve(el); }
        return resize.apply(this, arguments);
      };
      P.Plots.resizeOnlyWhenNeeded = true;
    }
  };
})();
