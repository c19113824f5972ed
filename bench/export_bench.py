"""Server-side image export: the first (cold) PNG and warm PNGs of each chart.

    .venv/bin/python -m bench.export_bench [--runs 10] [--json bench/results/export.json]

Target (issue 5): a warm PNG of the map in under 0.5 s on the 2-core reference machine.
The first export starts the export browser (kaleido's Chromium), hence the cold figure.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.stats import stats
from components import downloads, images
from components.filters import Filters, load
from components.views.context import Context
from components.views.registry import BY_NAME, VIEWS, default_options


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    ds = load()
    ctx, options = Context.of(ds), default_options(ds)
    f = Filters(countries=("JPN",), year_from=ds.year_span[0], year_to=ds.year_span[1])
    exporter = images.Exporter()
    results = {}
    try:
        started = time.perf_counter()
        downloads.chart_file(ctx, exporter, BY_NAME["map"], "png", f, options)
        results["cold_map_png_s"] = round(time.perf_counter() - started, 3)
        for view in VIEWS:
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                downloads.chart_file(ctx, exporter, view, "png", f, options)
                times.append(time.perf_counter() - started)
            results[f"warm_{view.name}_png_s"] = stats(times, 3)
    finally:
        exporter.close()
    print(f"{'measure':<24} {'min':>7} {'median':>7} {'p95':>7}")
    print(f"{'cold map PNG (first)':<24} {results['cold_map_png_s']:>7.3f}")
    for view in VIEWS:
        r = results[f"warm_{view.name}_png_s"]
        print(f"{'warm ' + view.name + ' PNG':<24} {r['min']:>7.3f} {r['median']:>7.3f} {r['p95']:>7.3f}")
    met = results["warm_map_png_s"]["median"] < 0.5
    print(f"target warm map PNG < 0.5 s: {'met' if met else 'NOT met'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
