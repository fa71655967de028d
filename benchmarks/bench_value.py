"""Benchmark ``navtrain.value``: forward citations, ``value_score`` and ``core_patents``.

Standalone (no pytest-benchmark). Builds canonical tables of 100,000 and 1,000,000
documents with a fixed seed (fictitious names, a random citation network in ``cites``),
times each public function with ``time.perf_counter`` (one warm-up call, then the median
and min of a few timed calls), prints a Markdown section and writes it to
``docs/benchmarks/value.md``. Issue #6 sets no target for this module; the aim is to stay
well under a minute on 1,000,000 documents on the 2-core CI machine.

    python benchmarks/bench_value.py             # full run, writes the doc
    python benchmarks/bench_value.py --quick     # 100k rows only, prints only
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from _common import fmt, machine_lines, script_main, timed  # benchmarks/_common.py (the script folder is on sys.path)

from navtrain.value import core_patents, forward_citations, high_value_flags, value_indicators, value_score

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmarks" / "value.md"
SEED = 20261126
CUTOFF = "2024-12-31"
LIMIT_S = 60.0
N_APPLICANTS = 20_000
_PREFIXES = ("甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸")
_SUFFIXES = ("科技有限公司", "大学", "研究院", "材料股份有限公司", "装备制造有限公司")
_SUBCLASSES = np.array(["C30B", "B24D", "B01J", "C04B", "E21B", "C23C", "B28D", "H01L", "C09K", "B22F",
                        "F16C", "B66C", "C08G", "E21D", "G01B"], dtype=object)
_EVENTS = np.array(["实质审查", "授权", "年费缴纳", "专利权转让", "专利实施许可", "专利权质押", "诉讼",
                    "未缴年费专利权终止", "视为撤回", "驳回"], dtype=object)


def _lists(lengths: np.ndarray, values: np.ndarray) -> list:
    """Python lists per row from flat ``values`` (``lengths`` per row), built by pyarrow."""
    offsets = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(values.tolist(), type=pa.string())).to_pylist()


def make_table(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` synthetic documents 2000–2024: 0.85 families per document with a foreign member
    for some, 1–3 IPC subclasses of 15, 1–3 applicants of 20,000, 0–4 legal events, claims
    1–20 and on average one citation of an earlier-published document per document."""
    rng = np.random.default_rng(seed)
    day0 = np.datetime64("2000-01-01")
    app = day0 + rng.integers(0, 365 * 25, n).astype("timedelta64[D]")
    pub = app + rng.integers(120, 900, n).astype("timedelta64[D]")
    n_fam = int(n * 0.85)
    family = np.r_[np.arange(n_fam), rng.integers(0, n_fam, n - n_fam)]
    office = np.where(np.arange(n) < n_fam, "CN",
                      rng.choice(np.array(["US", "EP", "JP", "WO"], dtype=object), n))
    ptype = np.where(office == "CN", rng.choice(np.array(["invention", "utility_model", "design"], dtype=object),
                                                n, p=(0.55, 0.4, 0.05)), "invention")
    granted = rng.random(n) < 0.6
    grant = np.where(granted, pub + rng.integers(0, 700, n).astype("timedelta64[D]"), np.datetime64("NaT"))
    lapsed = granted & (rng.random(n) < 0.5)
    expiry = np.where(granted, np.where(lapsed, grant + rng.integers(300, 4000, n).astype("timedelta64[D]"),
                                        app + np.timedelta64(20 * 365, "D")), np.datetime64("NaT"))
    status = np.where(granted, np.where(lapsed, "lapsed", "valid"),
                      rng.choice(np.array(["pending", "lapsed"], dtype=object), n))
    n_ipc = np.where(ptype == "design", 0, rng.integers(1, 4, n))
    ipc_vals = _SUBCLASSES[rng.integers(0, len(_SUBCLASSES), int(n_ipc.sum()))] + "1/00"
    n_ev = rng.integers(0, 5, n)
    events = _EVENTS[rng.integers(0, len(_EVENTS), int(n_ev.sum()))]
    pool = np.array([f"示例{_PREFIXES[i % 10]}{i:05d}{_SUFFIXES[i % 5]}" for i in range(N_APPLICANTS)],
                    dtype=object)
    n_app = rng.integers(1, 4, n)
    apps = pool[rng.integers(0, N_APPLICANTS, int(n_app.sum()))]
    pub_no = pd.Series(np.arange(n)).map("CN{:09d}A".format).to_numpy()
    # citations: each document cites k ~ Poisson(1) documents published before it
    order = np.argsort(pub, kind="stable")
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    k = rng.poisson(1.0, n)
    citing = np.repeat(np.arange(n), k)
    cited_pos = np.floor(rng.random(len(citing)) * position[citing]).astype(np.int64)
    ok = position[citing] > 0
    citing, cited = citing[ok], order[cited_pos[ok]]
    n_cites = np.bincount(citing, minlength=n)
    first_ipc = np.cumsum(np.r_[0, n_ipc[:-1]])
    ipc_main = np.where(n_ipc > 0, ipc_vals[np.minimum(first_ipc, max(len(ipc_vals) - 1, 0))], None)
    return pd.DataFrame({
        "pub_no": pub_no,
        "family_id": pd.Series(family).map("F{:08d}".format).to_numpy(),
        "office": office, "patent_type": ptype,
        "app_date": pd.to_datetime(app), "pub_date": pd.to_datetime(pub),
        "grant_date": pd.to_datetime(grant), "expiry_date": pd.to_datetime(expiry),
        "legal_status": status,
        "legal_events": _lists(n_ev, events),
        "ipc": _lists(n_ipc, ipc_vals), "ipc_main": ipc_main,
        "claims_count": pd.array(np.where(ptype == "design", 1, rng.integers(1, 21, n)), dtype="Int64"),
        "applicants_std": _lists(n_app, apps),
        "province": np.where(office == "CN", "河南省", None),
        "cites": _lists(n_cites, pub_no[cited]),
    })


def run(sizes: tuple[int, ...]) -> str:
    rows, build, verdicts = [], {}, []
    for n in sizes:
        start = time.perf_counter()
        df = make_table(n)
        build[n] = time.perf_counter() - start
        repeats = 3 if n <= 100_000 else 2
        scores = value_score(df)["value_score"]
        cases = [
            ("forward_citations (5 years, families)",
             lambda df=df: forward_citations(df, unit="families", cutoff=CUTOFF)),
            ("forward_citations (exclude_self=True)",
             lambda df=df: forward_citations(df, unit="families", cutoff=CUTOFF, exclude_self=True)),
            ("value_indicators", lambda df=df: value_indicators(df, as_of=CUTOFF)),
            ("value_score (defaults)", lambda df=df: value_score(df, as_of=CUTOFF)),
            ("core_patents (score computed)", lambda df=df: core_patents(df, by="patent_type")),
            ("core_patents (score given, by office)",
             lambda df=df, s=scores: core_patents(df, by="office", score=s)),
            ("high_value_flags", lambda df=df: high_value_flags(df, CUTOFF, sei_ipc=["C30B", "H01L"])),
        ]
        for name, func in cases:
            med, best, cpu = timed(func, repeats)
            rows.append((name, n, med, best, cpu, repeats))
            if n == 1_000_000 and name.startswith(("value_score", "core_patents (score computed)")):
                verdicts.append(f"- {name} on 1,000,000 documents: median {fmt(med)} "
                                f"({'under' if med < LIMIT_S else 'OVER'} the {LIMIT_S:.0f} s aim)")
        print(f"{n:,} rows done", file=sys.stderr)
    lines = [
        "# Benchmark: `navtrain.value`", "",
        "Generated by `python benchmarks/bench_value.py` — do not edit by hand.", "",
        *machine_lines(f", pyarrow: {pa.__version__}"),
        "", "## Data", "",
        f"Synthetic canonical tables (`numpy.random.default_rng({SEED})`, fictitious names): filing dates "
        "2000–2024, publication 4–30 months later, 0.85 families per document (foreign US/EP/JP/WO members "
        "for the rest), 60 % granted (half of them lapsed), 1–3 IPC subclasses of 15, 0–4 raw legal events, "
        "1–3 applicants from 20,000 names, and on average one citation per document of an earlier-published "
        "document (`cites`). Building the tables (not timed): "
        + ", ".join(f"{n:,} rows {fmt(t)}" for n, t in build.items()) + ".", "",
        "Each case: `gc.collect()`, one warm-up call, then timed calls with `time.perf_counter` (wall) and "
        "`time.process_time` (CPU); median and min of the timed calls. Cut-off 2024-12-31.", "",
        "## Results", "",
        "| step | rows | median (wall) | min (wall) | median CPU | µs / row (median wall) | repeats |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, n, med, best, cpu, rep in rows:
        lines.append(f"| {name} | {n:,} | {fmt(med)} | {fmt(best)} | {fmt(cpu)} | {med / n * 1e6:.2f} | {rep} |")
    lines += ["", "## Verdict", "", "No target in issue #6 for this module; aim: well under a minute.", "",
              *verdicts, ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return script_main(DOC, run, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
