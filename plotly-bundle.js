// The plotly.js bundle the dashboard serves: only the trace types its charts use.
// Built by `make plotly` (esbuild, from the npm plotly.js matching the Python plotly
// package) into .cache/plotly/. A test checks every figure's trace types are listed here.
var Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/bar"),
  require("plotly.js/lib/choropleth"),
  require("plotly.js/lib/treemap"),
  // plotly.js's own words (mode bar tips, month names) on the Japanese page (config.locale "ja")
  require("plotly.js/lib/locales/ja"),
]);

module.exports = Plotly;
