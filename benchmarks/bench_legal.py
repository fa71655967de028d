"""Benchmark ``navtrain.legal``: ``term_end``, ``legal_event_table``, ``status_as_of``, ``remaining_life``
and ``fto_screen`` on synthetic tables with legal histories.

Standalone (no pytest-benchmark). Builds canonical tables of 100,000 and 1,000,000 documents with a
fixed seed and fictitious applicant names, times each public function with ``time.perf_counter``
(one warm-up call, then the median and min of a few timed calls), prints a Markdown section and
writes it to ``docs/benchmarks/legal.md``. The issue sets no target for this module; the
figures are reported against the 30 s used for the other 1,000,000-record analyses of issue 6.

    python benchmarks/bench_legal.py             # full run, writes the doc
    python benchmarks/bench_legal.py --quick     # 100k rows only, prints only
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from _common import (  # benchmarks/_common.py (the script folder is on sys.path)
    RESULTS_HEAD,
    fmt,
    machine_lines,
    script_main,
    timed,
    verdict_lines,
)

import navtrain
from navtrain.legal import fto_screen, legal_event_table, remaining_life, status_as_of, term_end

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmarks" / "legal.md"
SEED = 20261126
CUTOFF = pd.Timestamp("2024-12-31")
LIMIT_S = 30.0
N_APPLICANTS = 20_000
_PREFIXES = ("甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸")
_SUFFIXES = ("科技有限公司", "大学", "研究院", "材料股份有限公司", "装备制造有限公司")
_WORDS = np.array(["金刚石", "砂轮", "锯片", "压机", "氮化硼", "涂层", "刀具", "检测装置"], dtype=object)
# legal-event lists as CNIPA names (shared list objects: the table only reads them)
_PATTERNS = {
    "pending_exam": ["实质审查"],
    "pending_none": [],
    "rejected": ["实质审查", "驳回"],
    "withdrawn": ["实质审查", "视为撤回"],
    "granted_exam": ["实质审查", "授权"],
    "granted": ["授权"],
    "granted_transfer": ["实质审查", "授权", "专利权转让"],
    "lapsed_exam": ["实质审查", "授权", "未缴年费专利权终止"],
    "lapsed": ["授权", "未缴年费专利权终止"],
    "lapsed_pledge": ["授权", "专利权质押", "未缴年费专利权终止"],
    "expired": ["授权", "期限届满"],
}


def _anniversary(dates: pd.Series, years: np.ndarray) -> pd.Series:
    d = dates.to_numpy(dtype="datetime64[D]")
    month = d.astype("datetime64[M]")
    day = (d - month.astype("datetime64[D]")).astype(np.int64)
    target = month + (years.astype(np.int64) * 12).astype("timedelta64[M]")
    dim = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(int)
    return pd.Series(target.astype("datetime64[D]") + np.minimum(day, dim - 1).astype("timedelta64[D]"),
                     index=dates.index).astype("datetime64[ns]")


def make_table(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` synthetic documents filed 1995–2024 with dates, statuses and raw legal-event lists."""
    rng = np.random.default_rng(seed)
    year = rng.integers(1995, 2025, size=n)
    app = (pd.to_datetime(year.astype(str), format="%Y") + pd.to_timedelta(rng.integers(0, 365, n), unit="D"))
    app = pd.Series(app.astype("datetime64[ns]"))
    ptype = rng.choice(np.array(["invention", "utility_model", "design"], dtype=object), n, p=(0.55, 0.40, 0.05))
    office = rng.choice(np.array(["CN", "US", "EP", "WO"], dtype=object), n, p=(0.88, 0.06, 0.03, 0.03))
    ptype = np.where(office == "CN", ptype, "invention")
    inv = ptype == "invention"
    term_years = np.where(inv, 20, np.where(ptype == "utility_model", 10,
                                             np.where(app >= pd.Timestamp("2021-06-01"), 15, 10)))
    term = _anniversary(app, term_years)
    lag = np.where(inv, rng.integers(900, 1500, n), rng.integers(90, 400, n))
    grant = app + pd.to_timedelta(lag, unit="D")
    u = rng.random(n)
    outcome = np.where(inv & (u < 0.2), "rejected", np.where(inv & (u < 0.35), "withdrawn", "granted"))
    outcome = np.where(office == "WO", "pending", outcome)
    granted = (outcome == "granted") & (grant <= CUTOFF).to_numpy()
    decided = outcome != "granted"
    pending = ~granted & ((outcome == "pending") | (grant > CUTOFF).to_numpy()
                          | (decided & ((app + pd.Timedelta(days=1400)) > CUTOFF).to_numpy()))
    paid = np.maximum(rng.integers(3, 21, n), lag // 365 + 1)  # annuities run at least to the grant
    lapse = _anniversary(app, np.minimum(paid, term_years))
    ended = granted & (lapse <= CUTOFF).to_numpy()
    by_term = ended & (paid >= term_years)
    status = np.where(granted & ~ended, "valid", np.where(pending, "pending", "lapsed"))
    pattern = np.select(
        [pending & inv & (office == "CN"), pending, (outcome == "rejected") & ~pending,
         (outcome == "withdrawn") & ~pending, by_term, ended & inv, ended & (u < 0.7), ended,
         granted & inv & (u < 0.5), granted & inv, granted],
        ["pending_exam", "pending_none", "rejected", "withdrawn", "expired", "lapsed_exam", "lapsed", "lapsed_pledge",
         "granted_transfer", "granted_exam", "granted"], default="pending_none")
    pattern = np.where(office == "CN", pattern, "pending_none")
    lists = np.empty(len(_PATTERNS), dtype=object)
    lists[:] = list(_PATTERNS.values())
    codes = pd.Categorical(pattern, categories=list(_PATTERNS)).codes
    pool = np.array([f"示例{_PREFIXES[i % 10]}{i:05d}{_SUFFIXES[i % 5]}" for i in range(N_APPLICANTS)], dtype=object)
    holder = pool[rng.integers(0, N_APPLICANTS, n)]
    holders = np.empty(N_APPLICANTS, dtype=object)
    holders[:] = [[h] for h in pool]
    pub = np.where(inv, (app + pd.Timedelta(days=548)).to_numpy(), grant.to_numpy())
    title = "一种" + _WORDS[rng.integers(0, len(_WORDS), n)] + "及其" + _WORDS[rng.integers(0, len(_WORDS), n)]
    fam = rng.integers(0, int(n * 0.85), n)
    return pd.DataFrame({
        "pub_no": pd.Series(np.arange(n)).map("CN{:09d}A".format).to_numpy(),
        "office": office,
        "patent_type": ptype,
        "family_id": pd.Series(fam).map("F{:08d}".format).to_numpy(),
        "app_date": app,
        "pub_date": pd.Series(pub).where(pd.Series(pub) <= CUTOFF).astype("datetime64[ns]"),
        "grant_date": grant.where(granted & (office != "WO")),
        "legal_status": status,
        "legal_events": lists[codes],
        "expiry_date": lapse.where(ended).fillna(term.where(granted)),
        "title": title,
        "applicants_std": holders[pd.Index(pool).get_indexer(holder)],
    })


def run(sizes: tuple[int, ...]) -> str:
    rows, build, verdicts, notes = [], {}, [], []
    for n in sizes:
        t0 = time.perf_counter()
        df = make_table(n)
        build[n] = time.perf_counter() - t0
        repeats = 3
        cases: list[tuple[str, Callable[[], object]]] = [
            ("term_end(df)", lambda df=df: term_end(df)),
            ("legal_event_table(df)", lambda df=df: legal_event_table(df, cutoff=CUTOFF)),
            ("status_as_of(df, '2024-12-31')", lambda df=df: status_as_of(df, CUTOFF, cutoff=CUTOFF)),
            ("status_as_of(df, '2015-06-30')", lambda df=df: status_as_of(df, "2015-06-30", cutoff=CUTOFF)),
            ("remaining_life(df, '2024-12-31')", lambda df=df: remaining_life(df, CUTOFF, cutoff=CUTOFF)),
            ("fto_screen(df, keywords=['金刚石','砂轮'], exclude_holders=[...], min_remaining_years=3)",
             lambda df=df: fto_screen(df, CUTOFF, keywords=["金刚石", "砂轮"], exclude_holders=["示例甲00000"],
                                      min_remaining_years=3, cutoff=CUTOFF)),
        ]
        for label, func in cases:
            med, low, cpu = timed(func, repeats)
            rows.append(f"| `{label}` | {n:,} | {fmt(med)} | {fmt(low)} | {fmt(cpu)} | {med / n * 1e6:.2f} "
                        f"| {repeats} |")
            if n >= 1_000_000:
                verdicts.append((label, med, low, cpu))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", navtrain.NavtrainWarning)
            s = status_as_of(df, CUTOFF, cutoff=CUTOFF)
            ev = legal_event_table(df, cutoff=CUTOFF)
            f = fto_screen(df, CUTOFF, keywords=["金刚石", "砂轮"], exclude_holders=["示例甲00000"],
                           min_remaining_years=3, cutoff=CUTOFF).attrs["funnel"]
        same = s["status"].to_numpy() == df["legal_status"].to_numpy()
        cn = (df["office"] == "CN").to_numpy()
        agree, agree_cn, agree_fx = float(same.mean()), float(same[cn].mean()), float(same[~cn].mean())
        notes.append(f"- {n:,} rows: {len(ev):,} event rows ({ev.attrs['undated']:,} undated, kept); "
                     f"status at the cut-off agrees with the generated `legal_status` for {agree:.2%} of documents "
                     f"(CN {agree_cn:.2%}; foreign {agree_fx:.2%}: their rejections and withdrawals carry no event "
                     "and no date, so nothing shows them); "
                     f"funnel {' → '.join(f'{x:,}' for x in f['documents'])} documents.")
        del df, s, ev
    lines = [
        "# Benchmark: `navtrain.legal`",
        "",
        "Generated by `python benchmarks/bench_legal.py` — do not edit by hand.",
        "",
        *machine_lines(),
        "",
        "## Data",
        "",
        f"Synthetic canonical tables (`numpy.random.default_rng({SEED})`, fictitious names): filing dates",
        "1995–2024, offices CN/US/EP/WO = 88/6/3/3 %, CN types invention/utility model/design = 55/40/5 %,",
        "inventions granted after 2.5–4 years (20 % rejected, 15 % withdrawn), annuities paid for 3–20",
        "years (lapse at the anniversary, or term expiry), CNIPA event lists of 0–3 undated events per",
        "document (实质审查, 授权, 驳回, 视为撤回, 专利权转让, 专利权质押, 未缴年费专利权终止, 期限届满),",
        f"titles from 8 keywords, one applicant each from {N_APPLICANTS:,} names; data cut-off {CUTOFF.date()}.",
        "Building the tables (not timed): " + ", ".join(f"{n:,} rows {fmt(s)}" for n, s in build.items()) + ".",
        "",
        "Each case: `gc.collect()`, one warm-up call, then timed calls with `time.perf_counter`",
        "(wall) and `time.process_time` (CPU of this process); median and min of the timed calls.",
        "`status_as_of`, `remaining_life` and `fto_screen` each build the dated event table",
        "(`legal_event_table(..., projected=True)`) internally, so their times include it.",
        "",
        *RESULTS_HEAD,
        *rows,
        "",
        "## Verdict",
        "",
    ]
    lines += verdict_lines(verdicts, LIMIT_S, f"the < {LIMIT_S:g} s budget")
    lines += [
        *notes,
        "- The work is vectorised: one `explode` of the event lists, classification of the few distinct",
        "  event texts with `navtrain/data/legal_status_map.csv`, grouped forward/backward fills for the",
        "  bounds of undated events and one sort of the event rows; no Python loop over documents.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return script_main(DOC, run, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
