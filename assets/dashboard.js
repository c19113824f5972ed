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
      var url = window.location.href.split("#")[0];  /* a skip link's fragment is no part of the view */
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
      var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      if (row) { row.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "center" }); }
      return selected.length;
    }
  }
});

/* Small repairs to third-party markup, re-applied whenever it re-renders:
   - Dash 4's dcc.Dropdown puts tabindex=0 on an aria-hidden input that forwards focus to its
     button (axe: aria-hidden-focus): the labelled button itself becomes the tab stop.
   - Its button is named by aria-labelledby="<id>-value-count <id>-value": "5 selected Japan…",
     which neither contains the visible text in order nor the field's label (axe:
     label-content-name-mismatch, so a voice-control user cannot say what they see). Named here
     by the label, then the values, then the count, as they read on screen.
   - plotly.js's mode bar is one Tab stop per button, five to eight per chart: it becomes one
     toolbar with a roving tabindex (Tab enters it, the arrow keys move along it). */
(function () {
  function set(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }
  function dropdowns(root) {
    root.querySelectorAll(".dash-dropdown-wrapper").forEach(function (wrapper) {
      var target = wrapper.querySelector(".dash-dropdown-focus-target");
      var button = wrapper.querySelector("button.dash-dropdown");
      if (target) { set(target, "tabindex", "-1"); }
      if (!button) { return; }
      set(button, "tabindex", "0");
      var label = button.id && document.querySelector('label[for="' + button.id + '"]');
      if (label) {
        if (!label.id) { label.id = button.id + "-label"; }
        var parts = [label.id, button.id + "-value", button.id + "-value-count"].filter(function (id) {
          return document.getElementById(id);
        });
        set(button, "aria-labelledby", parts.join(" "));
      }
    });
  }
  function modebars(root) {
    root.querySelectorAll(".modebar").forEach(function (bar) {
      var buttons = bar.querySelectorAll(".modebar-btn");
      if (!buttons.length) { return; }
      set(bar, "role", "toolbar");
      set(bar, "aria-label", "Chart tools");
      var current = bar.querySelector('.modebar-btn[tabindex="0"]') || buttons[0];
      buttons.forEach(function (b) { set(b, "tabindex", b === current ? "0" : "-1"); });
    });
  }
  function fix() { dropdowns(document); modebars(document); }
  new MutationObserver(fix).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["tabindex", "aria-labelledby"]
  });
  document.addEventListener("keydown", function (event) {
    var button = event.target.closest && event.target.closest(".modebar-btn");
    var keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: "first", End: "last" };
    if (!button || !(event.key in keys)) { return; }
    var buttons = Array.prototype.slice.call(button.closest(".modebar").querySelectorAll(".modebar-btn"));
    var at = buttons.indexOf(button), step = keys[event.key];
    var next = step === "first" ? 0 : step === "last" ? buttons.length - 1
      : (at + step + buttons.length) % buttons.length;
    buttons.forEach(function (b, i) { b.setAttribute("tabindex", i === next ? "0" : "-1"); });
    buttons[next].focus();
    event.preventDefault();
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
