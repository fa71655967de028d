"""Shared helpers of the benchmark scripts: one timer, one duration format."""

from __future__ import annotations

import gc
import statistics
import time
import warnings
from collections.abc import Callable


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
