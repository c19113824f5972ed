/* One record at a time: each evidence row's *Copy link* and *Cite*, and the marks of a linked
   (?record=<id>) or clicked record picked out in every chart that draws it. */
window.dashboardRecords = (function () {
  /* text to the clipboard; without the Clipboard API (a page served over plain http on a
     closed network) through a hidden text area */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).catch(function () {});
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* ignored */ }
    document.body.removeChild(area);
  }

  /* the rows' buttons carry their record id; one listener serves every page of the table */
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-record-link], [data-record-cite]");
    if (!target) { return; }
    var set = window.dash_clientside.set_props;
    var id = target.getAttribute("data-record-link");
    if (id) {
      var lang = document.documentElement.lang;  /* the record in the page's language */
      copy(window.location.origin + window.location.pathname + "?record=" + encodeURIComponent(id) +
        (lang && lang !== "en" ? "&lang=" + lang : ""));
      set("record-status", { children: window.dashboardText("recordCopied", { id: id }) });
      return;
    }
    set("record-cite", { data: { record: target.getAttribute("data-record-cite"), at: Date.now() } });
  });

  /* A figure whose marks of the selected records stay bright and the others fade (plotly.js
     selectedpoints). A mark names its records in customdata: [ids joined with ";", kind, …]. A
     chart that draws none of them is left as it is. Memoised, so an unchanged figure and
     selection are the same object and the lazy drawing sees nothing new. */
  var SELECTABLE = { scatter: 1, scattergl: 1, bar: 1, scattergeo: 1, choropleth: 1 };
  var memo = {};
  function mark(id, figure, selected) {
    if (!figure || !figure.data || !selected || !selected.length) { return figure; }
    var key = JSON.stringify(selected);
    var last = memo[id];
    if (last && last.figure === figure && last.key === key) { return last.out; }
    var wanted = {};
    selected.forEach(function (pair) { wanted[pair[0] + ":" + pair[1]] = true; });
    var any = false;
    var data = figure.data.map(function (trace) {
      var rows = trace.customdata;
      if (!SELECTABLE[trace.type || "scatter"] || !Array.isArray(rows)) { return trace; }
      var hits = [];
      rows.forEach(function (row, i) {
        var ids = Array.isArray(row) && typeof row[0] === "string" ? row[0].split(";") : [];
        if (ids.some(function (r) { return wanted[row[1] + ":" + r]; })) { hits.push(i); }
      });
      any = any || hits.length > 0;
      return Object.assign({}, trace, { selectedpoints: hits });
    });
    var out = any ? Object.assign({}, figure, { data: data }) : figure;
    memo[id] = { figure: figure, key: key, out: out };
    return out;
  }
  return { copy: copy, mark: mark };
})();
