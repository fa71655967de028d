"""Benchmark ``navtrain.lifecycle``: ``lifecycle_table`` and ``fit_s_curve`` on synthetic tables.

Standalone (no pytest-benchmark). Builds a canonical table of 1,000,000 documents (and
100,000 for scale) with a fixed seed and fictitious applicant names, times each public
function with ``time.perf_counter`` (one warm-up call, then the median and min of a few
timed calls), prints a Markdown section and writes it to ``docs/benchmarks/lifecycle.md``.
Target (issue #5): each function < 5 s on 1,000,000 records on the 2-core CI machine.

    python benchmarks/bench_lifecycle.py             # full run, writes the doc
    python benchmarks/bench_lifecycle.py --quick     # 100k rows only, prints only
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
from _common import (  # benchmarks/_common.py (the script folder is on sys.path)
    RESULTS_HEAD,
    fmt,
    machine_lines,
    script_main,
    timed,
    verdict_lines,
)

import navtrain
from navtrain.lifecycle import fit_s_curve, lifecycle_table

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmarks" / "lifecycle.md"
SEED = 20240605
CUTOFF = "2024-12-31"
LIMIT_S = 5.0
N_APPLICANTS = 20_000
FIRST_YEAR, LAST_YEAR = 2000, 2024
_PREFIXES = ("甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸")
_SUFFIXES = ("科技有限公司", "大学", "研究院", "材料股份有限公司", "装备制造有限公司")


def make_table(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` synthetic documents: logistic-shaped filing years 2000–2024, 55/40/5 % types,
    0.8 families per document, 1–3 applicants each from 20,000 fictitious names."""
    rng = np.random.default_rng(seed)
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    weights = np.diff(1 / (1 + np.exp(-np.log(81) / 14 * (np.r_[years[0] - 1, years] - 2016))))
    year = rng.choice(years, size=n, p=weights / weights.sum())
    day = rng.integers(0, 365, size=n)
    app_date = (pd.to_datetime(year.astype(str), format="%Y") + pd.to_timedelta(day, unit="D")).astype(
        "datetime64[ns]")
    pub_date = app_date + pd.to_timedelta(rng.integers(180, 720, size=n), unit="D")
    n_fam = int(n * 0.8)
    family = np.r_[np.arange(n_fam), rng.integers(0, n_fam, size=n - n_fam)]
    pool = np.array([f"示例{_PREFIXES[i % 10]}{i:05d}{_SUFFIXES[i % 5]}" for i in range(N_APPLICANTS)],
                    dtype=object)
    lengths = rng.integers(1, 4, size=n)
    ends = np.cumsum(lengths)
    flat = pool[rng.integers(0, N_APPLICANTS, size=int(ends[-1]))].tolist()
    names = [flat[a:b] for a, b in zip((ends - lengths).tolist(), ends.tolist(), strict=True)]
    return pd.DataFrame({
        "pub_no": pd.Series(np.arange(n)).map("CN{:09d}A".format).to_numpy(),
        "family_id": pd.Series(family).map("F{:08d}".format).to_numpy(),
        "app_date": app_date,
        "pub_date": pub_date,
        "patent_type": rng.choice(np.array(["invention", "utility_model", "design"], dtype=object), size=n,
                                  p=(0.55, 0.40, 0.05)),
        "applicants_std": names,
    })


def run(sizes: tuple[int, ...]) -> str:
    rows = []
    build = {}
    verdicts = []
    for n in sizes:
        t0 = time.perf_counter()
        df = make_table(n)
        build[n] = time.perf_counter() - t0
        repeats = 3 if n >= 1_000_000 else 5
        counts = None
        cases: list[tuple[str, Callable[[], object]]] = [
            ("lifecycle_table(df, cutoff='2024-12-31')",
             lambda df=df: lifecycle_table(df, cutoff=CUTOFF)),
            ("lifecycle_table(df, unit='families', smooth=3)",
             lambda df=df: lifecycle_table(df, unit="families", smooth=3, cutoff=CUTOFF)),
            ("fit_s_curve(df, cutoff=..., model='logistic')  [counting + fit]",
             lambda df=df: fit_s_curve(df, cutoff=CUTOFF)),
            ("fit_s_curve(df, cutoff=..., model='gompertz')  [counting + fit]",
             lambda df=df: fit_s_curve(df, model="gompertz", cutoff=CUTOFF)),
        ]
        counts = navtrain.trend(df, cutoff=CUTOFF)
        cases.append(("fit_s_curve(trend table, bootstrap=200)  [fit only, 200 refits; µs/row not meaningful]",
                      lambda counts=counts: fit_s_curve(counts, bootstrap=200)))
        for label, func in cases:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", navtrain.NavtrainWarning)
                med, low, cpu = timed(func, repeats)
            rows.append(f"| `{label}` | {n:,} | {fmt(med)} | {fmt(low)} | {fmt(cpu)} | {med / n * 1e6:.2f} "
                        f"| {repeats} |")
            if n >= 1_000_000 and not label.startswith("fit_s_curve(trend"):
                verdicts.append((label, med, low, cpu))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", navtrain.NavtrainWarning)
            fit = fit_s_curve(df, cutoff=CUTOFF)
        del df
    lines = [
        "# Benchmark: `navtrain.lifecycle`",
        "",
        "Generated by `python benchmarks/bench_lifecycle.py` — do not edit by hand.",
        "",
        *machine_lines(f", scipy: {scipy.__version__}"),
        "",
        "## Data",
        "",
        f"Synthetic canonical tables (`numpy.random.default_rng({SEED})`, fictitious names): filing years",
        f"{FIRST_YEAR}–{LAST_YEAR} drawn from a logistic-shaped distribution (midpoint 2016, Δt 14),",
        "`pub_date` 6–24 months later, `patent_type` invention/utility_model/design = 55/40/5 %,",
        "0.8 families per document, 1–3 applicants per document from a pool of "
        f"{N_APPLICANTS:,} names (`applicants_std`). Building the tables (not timed): "
        + ", ".join(f"{n:,} rows {fmt(s)}" for n, s in build.items()) + ".",
        "",
        "Each case: `gc.collect()`, one warm-up call, then timed calls with `time.perf_counter`",
        "(wall) and `time.process_time` (CPU of this process, all threads); median and min of the",
        "timed calls (repeats column). The code is single-threaded, so CPU time is less affected",
        "than wall time by other jobs (it still rises under contention). Cut-off 2024-12-31, so 2023–2024",
        "are incomplete and left out of the fits.",
        "",
        *RESULTS_HEAD,
        *rows,
        "",
        "## Verdict",
        "",
    ]
    lines += verdict_lines(verdicts, LIMIT_S, f"the < {LIMIT_S:g} s target")
    lines += [
        "- `lifecycle_table` calls `navtrain.trend` twice (split by patent type, whose sum over types",
        "  is n_t; and split by applicant, exploding the list column), so its time is pandas",
        "  reshaping, not Python loops; the applicant explode and its year × applicant grid dominate,",
        "  and with `unit='families'` each call also sorts to find every family's earliest member.",
        "  `fit_s_curve` on a patent table is one `trend` call plus",
        "  nine small `curve_fit` runs (3 start midpoints × 3 start Δt) on ~23 points; the fit itself",
        "  takes milliseconds, independent of the number of records.",
        f"- Sanity check on the largest table: logistic K = {fit.K:,.0f}, midpoint {fit.midpoint:.1f},",
        f"  Δt = {fit.delta_t:.1f} years, R² = {fit.r2:.4f} (fitted on {fit.first_year}–{fit.last_year}).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return script_main(DOC, run, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
