/* The scripts' words in the page's language (components/shell.SCRIPT_MESSAGES), with {name}
   fields filled from ``values``. */
window.dashboardText = (function () {
  var read = null, all = {};  /* parsed once per value of data-messages */
  return function (key, values) {
    var el = document.getElementById("page-text");
    var raw = (el && el.getAttribute("data-messages")) || "{}";
    if (raw !== read) {
      read = raw;
      try { all = JSON.parse(raw); } catch (e) { all = {}; }
    }
    var text = all[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  };
})();

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
      /* a skip link's fragment is no part of the view */
      window.dashboardRecords.copy(window.location.href.split("#")[0]);
      return window.dashboardText("linkCopied");
    },
    /* A chart's figure, the evidence page or the sources list, handed to its component only when
       that part is in or near the viewport (or asked for: a newly clicked mark's record). A
       chart's figure has the selected records' marks picked out (assets/records.js). */
    drawWhenNear: function (data, near, selected) {
      var id = window.dash_clientside.callback_context.outputs_list.id;
      var lazy = window.dashboardLazy;
      if (id === "evidence-table") { return lazy.offer(id, data, near || {}, lazy.newSelection(selected)); }
      return lazy.offer(id, window.dashboardRecords.mark(id, data, selected), near || {}, false);
    },
    /* "Clear the highlight" only while a record is highlighted. */
    hideWhenNothingHighlighted: function (selected) {
      return !(selected && selected.length);
    },
    /* A card's "Embed this chart…": the <iframe> snippet of the chart at the page's own
       filters and options (its query), ready to copy. */
    openEmbed: function (clicks) {
      var nothing = window.dash_clientside.no_update;
      var item = window.dash_clientside.callback_context.triggered_id;
      if (!item || !clicks.some(Boolean)) { return [nothing, nothing, nothing, nothing]; }
      var card = document.getElementById(item.view + "-title");
      var graph = document.getElementById(item.view + "-graph");
      var size = window.dashboardInternals.size(window.dashboardInternals.chartIn(graph));
      var wrap = graph.closest(".graph-wrap");
      var chart = (size && size.height) || parseInt(wrap.style.getPropertyValue("--graph-h"), 10);
      var height = Math.round(chart + 220);  /* title, filters and the source footer around it */
      var query = new URLSearchParams(window.location.search);
      query.delete("record");  /* a record is the page's highlight, not part of a chart's view */
      var q = query.toString().replace(/%2C/g, ",");
      var src = window.location.origin + "/embed/" + item.view + (q ? "?" + q : "");
      var title = (card ? card.textContent : item.view).replace(/"/g, "&quot;");
      var code = '<iframe src="' + src.replace(/"/g, "%22") + '" title="' + title +
        '" width="100%" height="' + height + '" style="border:0" loading="lazy"></iframe>';
      return [true, code, src, ""];
    },
    copyEmbed: function (_clicks, code) {
      window.dashboardRecords.copy(code || "");
      return window.dashboardText("copied");
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
   - plotly.js's mode bar is one Tab stop per button: it becomes one
     toolbar with a roving tabindex (Tab enters it, the arrow keys move along it).
   - dbc.Pagination's hidden words and the year slider's thumbs' names are English: they are
     said in the page's language. */
(function () {
  function set(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }
  function dropdowns(root) {
    root.querySelectorAll(".dash-dropdown-wrapper").forEach(function (wrapper) {
      var target = wrapper.querySelector(".dash-dropdown-focus-target");
      var button = wrapper.querySelector("button.dash-dropdown");
      if (target) { set(target, "tabindex", "-1"); }
      var clear = wrapper.querySelector(".dash-dropdown-clear");
      if (clear) {  /* its name and tooltip are English: in the page's language */
        set(clear, "aria-label", window.dashboardText("clearSelection"));
        set(clear, "title", window.dashboardText("clearSelection"));
      }
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
      set(bar, "aria-label", window.dashboardText("chartTools"));
      var current = bar.querySelector('.modebar-btn[tabindex="0"]') || buttons[0];
      buttons.forEach(function (b) { set(b, "tabindex", b === current ? "0" : "-1"); });
    });
  }
  /* dbc.Pagination's words for screen readers are fixed English: in the page's language */
  var PAGES = { "First": "pageFirst", "Previous": "pagePrevious", "(current)": "pageCurrent",
    "More": "pageMore", "Next": "pageNext", "Last": "pageLast" };
  function pagination(root) {
    root.querySelectorAll(".pagination .visually-hidden").forEach(function (span) {
      var key = span.getAttribute("data-message") || PAGES[span.textContent];
      if (!key) { return; }
      span.setAttribute("data-message", key);
      var text = window.dashboardText(key);
      if (span.textContent !== text) { span.textContent = text; }
    });
  }
  /* the year slider's two thumbs are named "Minimum" and "Maximum" in English */
  function thumbs(root) {
    root.querySelectorAll(".dash-slider-thumb[role=slider]").forEach(function (thumb, i) {
      set(thumb, "aria-label", window.dashboardText(i === 0 ? "firstYear" : "lastYear"));
    });
  }
  function fix() { dropdowns(document); modebars(document); pagination(document); thumbs(document); }
  new MutationObserver(fix).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["tabindex", "aria-labelledby", "aria-label", "title"]
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
  if (!graph) { return; }
  var slug = (document.getElementById("file-slug") || {}).textContent || "all";
  var filename = graph.id.replace(/-graph$/, "") + "_" + slug + "_" + new Date().toISOString().slice(0, 10);
  window.dashboardInternals.setImageOptions(window.dashboardInternals.chartIn(graph), {
    format: "png", scale: 2, filename: filename
  });
}, true);

/* dcc.Graph calls Plotly.Plots.resize whenever a chart's box changes size, and that is a
   full redraw. A new figure that is simply taller (more lanes, more bars) grows its box,
   so every such filter change drew the chart twice. Redraw only when the box and the
   drawn figure disagree (the window or the column really changed width). */
(function () {
  function unchanged(el) {
    /* on paper the charts are laid out already (assets/print.js); a map redrawn while the
       page is printed would be caught half-drawn */
    if (window.dashboardPrint && window.dashboardPrint.active()) { return true; }
    var full = window.dashboardInternals.size(el);
    if (!full || !el.isConnected) { return false; }
    var box = window.getComputedStyle(el);
    return Math.abs(parseFloat(box.width) - full.width) < 1 && Math.abs(parseFloat(box.height) - full.height) < 1;
  }
  function guard(P) { window.dashboardInternals.guardResize(P, unchanged); }
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

/* Draw only what the reader can see. Each part marked data-lazy (a chart's frame, the evidence
   table, the list of sources) is watched by two IntersectionObservers: in the viewport, and
   within a quarter screen of it. The near-screen store maps each part to 2 (in view) or 1
   (near); it is an input of each part's draw callback (dashboard.drawWhenNear). A part in view
   draws at once; a part only near draws in a second pass a moment later, so that what the reader
   sees is never queued behind what they might see next. A part whose data changes while it is
   far away is marked stale and hidden, so that when it comes near it shows only the current
   data, once drawn. The store is also an input of the page's server callback: a chart far from
   the screen is not even built there (its figure store is emptied when it goes out of date, and
   filled when it comes near). data-state: stale (hidden, out of date) → redraw (hidden,
   drawing) → drawn; a part on screen redraws in place (drawing → drawn). Printing draws every
   part. */
window.dashboardLazy = (function () {
  var drawn = {};  /* part id → the data last handed to its component */
  var tokens = {}, count = 0;  /* part id → the token of the figure it is drawing */
  var inView = {}, near = {};
  var everything = false, later = null, observers = null, sent = "";
  var moved = false;  /* parts only near the screen wait for the reader's first scroll */
  function part(id) { return document.querySelector('[data-lazy="' + id + '"]'); }
  function mark(id, state) {
    var el = part(id);
    if (el && el.getAttribute("data-state") !== state) { el.setAttribute("data-state", state); }
  }
  function state(id) { var el = part(id); return el ? el.getAttribute("data-state") : null; }
  function levels(second) {
    var data = {};
    document.querySelectorAll("[data-lazy]").forEach(function (el) {
      var id = el.getAttribute("data-lazy");
      if (everything || inView[id]) { data[id] = 2; } else if (near[id]) { data[id] = 1; }
    });
    if (second) { data._second = true; }
    return data;
  }
  var built = "", building = null;
  function build() {
    /* the server builds the charts in or near the view: it hears only when that set changes,
       once the observers' reports of one scroll are in (a jump reports in several frames), and
       never while a request is in flight: Dash drops the answer to a callback triggered again
       before it arrives, and a filter change's answer must not be lost to a scroll */
    if (window.dashboardInternals.busy()) {
      clearTimeout(building);
      building = setTimeout(build, 50);
      return;
    }
    var near = {};
    Object.keys(JSON.parse(sent || "{}")).forEach(function (id) { if (id.charAt(0) !== "_") { near[id] = 1; } });
    var names = JSON.stringify(near);
    if (names !== built) { built = names; window.dash_clientside.set_props("near-build", { data: near }); }
  }
  function send(data) {
    /* every draw callback runs on each change of the store: send only a real change */
    var text = JSON.stringify(data);
    if (text !== sent) { sent = text; window.dash_clientside.set_props("near-screen", { data: data }); }
    clearTimeout(building);
    building = setTimeout(build, everything ? 0 : 40);
  }
  function publish() {
    var now = levels(false);
    send(now);
    clearTimeout(later);
    var waiting = moved && Object.keys(now).some(function (id) { return now[id] === 1 && state(id) !== "drawn"; });
    if (waiting) { later = setTimeout(function () { send(levels(true)); }, 150); }
  }
  function settled(id, data) {
    if (data.layout) {  /* a chart: drawn on its own plotly_afterplot (see hook) */
      setTimeout(function () { if (state(id) !== "drawn") { mark(id, "drawn"); } }, 10000);  /* never hidden for good */
      return;
    }
    requestAnimationFrame(function () { requestAnimationFrame(function () { mark(id, "drawn"); }); });
  }
  function offer(id, data, nearNow, asked) {
    var nothing = window.dash_clientside.no_update;
    if (data === null || data === undefined) {
      /* no figure yet, or the server dropped a far chart's as out of date: hidden until the
         server sends the current one, when the chart comes near */
      delete drawn[id];
      mark(id, "stale");
      return nothing;
    }
    if (drawn[id] === data) { return nothing; }
    var level = nearNow[id] || 0;
    if (!(everything || asked || level === 2 || (level === 1 && nearNow._second))) {
      mark(id, "stale");
      if (level === 1 && moved) {  /* new data for a part just off screen: a second pass */
        clearTimeout(later);
        later = setTimeout(function () { sent = ""; send(levels(true)); }, 150);
      }
      return nothing;
    }
    var was = state(id);
    mark(id, was === "drawn" || was === "drawing" ? "drawing" : "redraw");
    drawn[id] = data;
    settled(id, data);
    if (!data.layout) { return data; }
    /* the token tells this figure's plotly_afterplot from the placeholder's, still in flight */
    tokens[id] = ++count;
    return Object.assign({}, data, { layout: Object.assign({}, data.layout, { _lazyToken: count }) });
  }
  /* a chart is drawn once plotly.js has drawn the figure handed to it (its token): on its
     plotly_afterplot, or, for a draw that ended before the hook, once dcc.Graph no longer marks
     it pending */
  function hook(el, gd, afterplot) {
    var id = el.getAttribute("data-lazy");
    var mine = gd.layout && gd.layout._lazyToken === tokens[id];
    var done = afterplot || !window.dashboardInternals.pending(gd);
    if (mine && done && (state(id) === "drawing" || state(id) === "redraw")) { mark(id, "drawn"); }
  }
  function observe(map, margin) {
    return new IntersectionObserver(function (entries) {
      var changed = false;
      entries.forEach(function (entry) {
        var id = entry.target.getAttribute("data-lazy");
        if (map[id] !== entry.isIntersecting) { map[id] = entry.isIntersecting; changed = true; }
      });
      if (changed) { publish(); }
    }, { rootMargin: margin });
  }
  function watch() {
    if (!("IntersectionObserver" in window)) {
      if (!everything) { everything = true; publish(); }  /* no observer: draw everything */
      return;
    }
    observers = observers || [observe(inView, "0px"), observe(near, "25% 0px")];
    document.querySelectorAll("[data-lazy]").forEach(function (el) {
      if (!el.__lazyWatched) {
        el.__lazyWatched = true;
        observers.forEach(function (o) { o.observe(el); });
      }
      var gd = window.dashboardInternals.chartIn(el);
      if (gd && gd.on && !gd.__lazyHooked) {
        gd.__lazyHooked = true;
        gd.on("plotly_afterplot", function () { hook(el, gd, true); });
        hook(el, gd, false);  /* the figure may have been drawn before this hook */
      }
    });
  }
  new MutationObserver(function (records) {
    if (records.some(function (r) { return r.addedNodes.length; })) { watch(); }
  }).observe(document.documentElement, { subtree: true, childList: true });
  window.addEventListener("scroll", function () { moved = true; publish(); }, { passive: true, once: true });
  function drawAll() { everything = true; publish(); }
  var lastSelection = "";
  function newSelection(selected) {  /* a clicked mark's record is drawn wherever the table is */
    var text = JSON.stringify(selected || []);
    var fresh = Boolean(selected && selected.length) && text !== lastSelection;
    lastSelection = text;
    return fresh;
  }
  /* every part drawn (or, unless ``everything``, marked stale far from the screen), the first
     chart among the drawn: what tests and the benchmark wait for */
  function settledParts(everything) {
    var parts = document.querySelectorAll("[data-lazy]");
    var first = parts.length ? parts[0].getAttribute("data-state") : null;
    return first === "drawn" && Array.prototype.every.call(parts, function (el) {
      var s = el.getAttribute("data-state");
      return s === "drawn" || (!everything && s === "stale");
    });
  }
  function allDrawn() { return settledParts(true); }
  /* Printing shows every part. The browser prints right after "beforeprint", before a chart
     can draw, so Ctrl+P (⌘P) and the Print button draw everything first and then print; a print
     started from the browser's menu gets whatever is drawn by then (the rest says so on paper). */
  var printing = false;
  function printAll() {
    if (printing) { return; }
    printing = true;
    drawAll();
    var waited = 0;
    (function wait() {
      if (allDrawn() || waited > 10000) { printing = false; window.print(); return; }
      waited += 100;
      setTimeout(wait, 100);
    })();
  }
  window.addEventListener("beforeprint", function () { drawAll(); window.dashboardPrint.before(); });
  window.addEventListener("afterprint", function () {
    window.dashboardPrint.after();
    everything = false;
    publish();
  });
  document.addEventListener("keydown", function (event) {
    var key = (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === "p";
    if (!key || allDrawn()) { return; }
    event.preventDefault();
    printAll();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#print-view")) { printAll(); }
  });
  return { offer: offer, drawAll: drawAll, settled: settledParts, newSelection: newSelection, print: printAll };
})();

/* The language switch (components/shell.py) opens this same view in the other language: its
   links get the page's current query, with only ``lang`` changed, as the reader reaches them
   (the filters change the query without reloading the page). */
(function () {
  function retarget(event) {
    var link = event.target.closest && event.target.closest("#lang-switch a[hreflang], #lang-offer a[hreflang]");
    if (!link) { return; }
    var query = new URLSearchParams(window.location.search);
    var lang = link.getAttribute("hreflang");
    if (lang === "en") { query.delete("lang"); } else { query.set("lang", lang); }
    var q = query.toString().replace(/%2C/g, ",");
    link.setAttribute("href", window.location.pathname + (q ? "?" + q : ""));
  }
  ["pointerdown", "focusin", "click"].forEach(function (name) {
    document.addEventListener(name, retarget, true);
  });
})();

/* Japanese offered, in Japanese, on an English page to a browser whose first language is
   Japanese, when the link names no language (a link's lang always wins) and the reader has not
   closed the offer before (components/shell.py). */
(function () {
  var KEY = "dashboard-lang-offer-closed";
  function closed() { try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return true; } }
  function offer() {
    /* done once the layout is drawn (#page-text): a Japanese page has no offer to show. The
       page's <html lang> is the layout's (the server drew it from the link; without a Referer
       the layout is the default one, and the page then says so) */
    var text = document.getElementById("page-text");
    var drawn = text && text.getAttribute("data-lang");
    if (drawn && document.documentElement.lang !== drawn) { document.documentElement.lang = drawn; }
    var box = document.getElementById("lang-offer");
    if (!box) { return Boolean(text); }
    var wanted = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    var named = new URLSearchParams(window.location.search).has("lang");
    if (/^ja\b/i.test(wanted) && !named && !closed()) { box.hidden = false; }
    return true;
  }
  if (!offer()) {
    var watch = new MutationObserver(function () { if (offer()) { watch.disconnect(); } });
    watch.observe(document.documentElement, { subtree: true, childList: true });
  }
  document.addEventListener("click", function (event) {
    if (!(event.target.closest && event.target.closest("#lang-offer-close"))) { return; }
    try { window.localStorage.setItem(KEY, "1"); } catch (e) { /* private mode: closed for now */ }
    document.getElementById("lang-offer").hidden = true;
  });
})();
