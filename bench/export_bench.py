"""Server-side image export: the first (cold) PNG and warm PNGs of each chart.

    .venv/bin/python bench/export_bench.py [--runs 10] [--json bench/results/export.json]

Target (issue 5): a warm PNG of the map in under 0.5 s on the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components import downloads, export  # noqa: E402
from components.data import Filters, load  # noqa: E402
from components.views import DEFAULT_OPTIONS, TITLES, Views  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    views = Views.of(load())
    f = Filters(frozenset({"JPN"}), frozenset(), *views.ds.year_span)
    exporter = export.Exporter()
    results = {}
    try:
        started = time.perf_counter()
        downloads.chart_file(views, exporter, "map", "png", f, DEFAULT_OPTIONS)
        results["cold_map_png_s"] = round(time.perf_counter() - started, 3)
        for view in TITLES:
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                downloads.chart_file(views, exporter, view, "png", f, DEFAULT_OPTIONS)
                times.append(time.perf_counter() - started)
            times.sort()
            results[f"warm_{view}_png_s"] = {
                "min": round(times[0], 3),
                "median": round(statistics.median(times), 3),
                "p95": round(times[min(len(times) - 1, int(0.95 * len(times)))], 3),
            }
    finally:
        exporter.close()
    print(f"{'measure':<24} {'min':>7} {'median':>7} {'p95':>7}")
    print(f"{'cold map PNG (first)':<24} {results['cold_map_png_s']:>7.3f}")
    for view in TITLES:
        r = results[f"warm_{view}_png_s"]
        print(f"{'warm ' + view + ' PNG':<24} {r['min']:>7.3f} {r['median']:>7.3f} {r['p95']:>7.3f}")
    target = results["warm_map_png_s"]["median"] < 0.5
    print(f"target warm map PNG < 0.5 s: {'met' if target else 'NOT met'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
