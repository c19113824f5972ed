/* Clientside callbacks: pure UI state that needs no round trip to the server. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  dashboard: {
    /* Bootstrap 5.3 colour mode on <html>; the switch persists in localStorage. */
    applyTheme: function (dark) {
      var theme = dark ? "dark" : "light";
      document.documentElement.setAttribute("data-bs-theme", theme);
      return theme;
    },
    /* Copy the current view's URL (filters included). */
    copyLink: function () {
      var url = window.location.href;
      var done = function () { return "Link copied"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).catch(function () {});
      } else {
        var area = document.createElement("textarea");
        area.value = url;
        area.setAttribute("readonly", "");
        area.className = "visually-hidden";
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); } catch (e) { /* ignored */ }
        document.body.removeChild(area);
      }
      return done();
    },
    /* Bring the highlighted evidence row into view after a chart click. */
    scrollToEvidence: function (_children, selected) {
      if (!selected || !selected.length) { return window.dash_clientside.no_update; }
      var row = document.querySelector("#evidence-table .evidence-hit");
      if (row) { row.scrollIntoView({ behavior: "smooth", block: "center" }); }
      return selected.length;
    }
  }
});

/* Dash 4's dcc.Dropdown puts tabindex=0 on an aria-hidden input that forwards focus to
   its button (axe: aria-hidden-focus). Make the labelled button itself the tab stop. */
(function () {
  function fix(root) {
    root.querySelectorAll(".dash-dropdown-wrapper").forEach(function (wrapper) {
      var target = wrapper.querySelector(".dash-dropdown-focus-target");
      var button = wrapper.querySelector("button.dash-dropdown");
      if (target && target.getAttribute("tabindex") !== "-1") { target.setAttribute("tabindex", "-1"); }
      if (button && button.getAttribute("tabindex") !== "0") { button.setAttribute("tabindex", "0"); }
    });
  }
  new MutationObserver(function () { fix(document); }).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["tabindex"]
  });
})();

/* Mode-bar PNGs get a meaningful name, <view>_<filters>_<yyyy-mm-dd>.png at scale 2: the same
   naming as the server-side downloads, whose filter part the server keeps in #file-slug
   (components/state.file_slug). Set just before Plotly handles the click, so changing
   filters never has to re-render the graphs' config. */
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".modebar-btn");
  var graph = button && button.closest(".dash-graph");
  var plot = graph && graph.querySelector(".js-plotly-plot");
  if (!plot || !plot._context) { return; }
  var slug = (document.getElementById("file-slug") || {}).textContent || "all";
  var filename = graph.id.replace(/-graph$/, "") + "_" + slug + "_" + new Date().toISOString().slice(0, 10);
  plot._context.toImageButtonOptions = Object.assign({}, plot._context.toImageButtonOptions, {
    format: "png", scale: 2, filename: filename
  });
}, true);

/* dcc.Graph calls Plotly.Plots.resize whenever a chart's box changes size, and that is a
   full redraw. A new figure that is simply taller (more lanes, more bars) grows its box,
   so every such filter change drew the chart twice. Redraw only when the box and the
   drawn figure disagree (the window or the column really changed width). */
(function () {
  function guard(P) {
    if (!P || !P.Plots || P.Plots.resizeOnlyWhenNeeded) { return; }
    var resize = P.Plots.resize;
    P.Plots.resize = function (gd) {
      var el = typeof gd === "string" ? document.getElementById(gd) : gd;
      var full = el && el._fullLayout;
      if (full && el.isConnected) {
        var box = window.getComputedStyle(el);
        if (Math.abs(parseFloat(box.width) - full.width) < 1 &&
            Math.abs(parseFloat(box.height) - full.height) < 1) {
          return Promise.resolve(el);
        }
      }
      return resize.apply(this, arguments);
    };
    P.Plots.resizeOnlyWhenNeeded = true;
  }
  if (window.Plotly) {
    guard(window.Plotly);  // the app's bundle, loaded before this file
  } else {
    // without the built bundle, dcc.Graph loads the full plotly.js later: guard it on arrival
    var plotly;
    Object.defineProperty(window, "Plotly", {
      configurable: true,
      get: function () { return plotly; },
      set: function (value) { plotly = value; guard(value); }
    });
  }
})();
