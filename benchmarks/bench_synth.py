"""Benchmark ``navtrain.synth``: generating, exporting and writing the five case datasets.

Standalone (no pytest-benchmark). Every bundled chain spec is generated with its own fixed
seed (all names fictitious); each public function is timed with ``time.perf_counter`` (one
warm-up call, then the median and min of a few timed calls). Prints a Markdown section and
writes it to ``docs/benchmarks/synth.md``. Target (issue #4): generating all five datasets
"well under a minute" on the 2-core CI machine.

    python benchmarks/bench_synth.py            # full run, writes the doc
    python benchmarks/bench_synth.py --quick    # one repeat, prints only
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from _common import fmt, timed  # benchmarks/_common.py (the script folder is on sys.path)

import navtrain
from navtrain import synth

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmarks" / "synth.md"
LIMIT_S = 60.0


LOAD_AT_START = "/".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def run(repeats: int) -> str:
    rows = []
    total_generate = 0.0
    for case in synth.chain_names():
        data = synth.generate(case)
        n = len(data.patents)
        sample = data.patents.iloc[:300]
        cases: list[tuple[str, Callable[[], object]]] = [
            (f"load_case('{case}')  [nt.load_chain + generator checks]", lambda case=case: synth.load_case(case)),
            (f"generate('{case}')", lambda case=case: synth.generate(case)),
            (f"to_raw(300 rows of {case}, 'incopat')", lambda s=sample: synth.to_raw(s, "incopat")),
            (f"calibration_report({case})", lambda d=data: synth.calibration_report(d)),
            (f"case_files({case})  [CSV + gzip + data card]", lambda d=data: synth.case_files(d)),
        ]
        for label, func in cases:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", navtrain.NavtrainWarning)
                med, low, _ = timed(func, repeats)
            if label.startswith("generate"):
                total_generate += med
            rows.append(f"| `{label}` | {n:,} | {fmt(med)} | {fmt(low)} | {med / n * 1e6:.1f} | {repeats} |")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        paths = synth.build_datasets(out=tmp)
        build_all = time.perf_counter() - start
        size = sum(Path(p).stat().st_size for p in paths)
    verdict = "PASS" if build_all < LIMIT_S else "FAIL"
    lines = [
        "# Benchmark: navtrain.synth (case datasets)",
        "",
        f"Run {dt.date.today().isoformat()} with `python benchmarks/bench_synth.py`. Machine: {os.cpu_count()} CPU(s), "
        f"{platform.platform()}, Python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}; "
        f"load average at start {LOAD_AT_START}. Times are median and min of {repeats} timed calls after one "
        "warm-up; rows = documents in the generated case.",
        "",
        "| call | rows | median | min | µs/row | runs |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"- generating all five cases (sum of medians): **{fmt(total_generate)}**",
        f"- `build_datasets()` (generate + write all files of the five cases, {len(paths)} files, "
        f"{size / 2**20:.1f} MiB): **{fmt(build_all)}** — target < {LIMIT_S:.0f} s: **{verdict}**",
        "",
        "Generation is vectorised per (layer, segment, year) group; the remaining Python loops run over "
        "actors (hundreds), planted variants and movers (dozens), never over documents. `generate` reads its "
        "case through `load_case`, i.e. through the one chain-spec reader `nt.load_chain`.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat, print only")
    args = parser.parse_args(argv)
    text = run(1 if args.quick else 3)
    print(text)
    if not args.quick:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
