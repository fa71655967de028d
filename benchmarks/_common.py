"""Shared helpers of the benchmark scripts: one timer, one duration format, one machine
section and one command line."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path


def timed(func: Callable[[], object], repeats: int) -> tuple[float, float, float]:
    """Median and min wall time (``perf_counter``) and median CPU time (``process_time``)
    over ``repeats`` calls after one warm-up call; navtrain's data warnings are silenced."""
    from navtrain.errors import NavtrainWarning

    gc.collect()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        func()  # warm-up
        wall, cpu = [], []
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            func()
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), min(wall), statistics.median(cpu)


def fmt(seconds: float) -> str:
    """A duration as ``12.3 ms`` below one second, else ``1.23 s``."""
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


# Measured when the first benchmark module imports this file, i.e. before any timing.
LOAD_AT_START = "/".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def machine_lines(versions: str = "") -> list[str]:
    """The ``## Machine`` section every benchmark page opens with; ``versions`` adds
    library versions after pandas and numpy (e.g. ``", scipy: 1.16"``)."""
    import numpy as np
    import pandas as pd

    import navtrain

    return [
        "## Machine",
        "",
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- cpu: {os.cpu_count()} logical CPUs ({platform.machine()})",
        f"- python: {platform.python_version()}",
        f"- pandas: {pd.__version__}, numpy: {np.__version__}{versions}",
        f"- navtrain: {navtrain.__version__}",
        f"- platform: {platform.platform()}",
        f"- load average at the start (1/5/15 min): {LOAD_AT_START}  (other jobs on a shared VM inflate times)",
    ]


def script_main(doc: Path, run: Callable[[tuple[int, ...]], str], description: str,
                argv: list[str] | None = None) -> int:
    """Command line of the size-based benchmark scripts: ``--quick`` runs 100k rows and only
    prints; the full run (100k and 1M rows) also writes ``doc``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="100k rows only, print only")
    args = parser.parse_args(argv)
    text = run((100_000,) if args.quick else (100_000, 1_000_000))
    print(text)
    if not args.quick:
        doc.parent.mkdir(parents=True, exist_ok=True)
        doc.write_text(text, encoding="utf-8")
        print(f"wrote {doc}", file=sys.stderr)
    return 0


RESULTS_HEAD = [
    "## Results",
    "",
    "| step | rows | median (wall) | min (wall) | median CPU | µs / row (median wall) | repeats |",
    "|---|---:|---:|---:|---:|---:|---:|",
]


def verdict_lines(verdicts: list[tuple[str, float, float, float]], limit: float, target: str) -> list[str]:
    """One line per 1,000,000-row case (label, median, min, CPU): does the median wall time
    meet ``limit`` seconds (``target`` says which limit, e.g. "the < 30 s target")."""
    if not verdicts:
        return ["- (quick run: no 1,000,000-row case)"]
    return [f"- `{label}`: {fmt(med)} median wall time (min {fmt(low)}, CPU {fmt(cpu)}) at 1,000,000 rows — "
            f"{'meets' if med < limit else '**misses**'} {target}." for label, med, low, cpu in verdicts]
