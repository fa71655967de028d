"""Benchmark ``navtrain.normalize``: every field parser on 1,000,000 values.

Standalone (no pytest-benchmark). Builds synthetic columns with a fixed seed and fictitious
names (vectorised), times each public function with ``time.perf_counter`` (one warm-up call,
then the median and min of a few timed calls), prints a Markdown section and writes it to
``docs/benchmarks/normalize.md``. Target (issue #3): 1,000,000 values in a few seconds.

Every parser works on the distinct values of its column, so each case states how many
distinct values it has: typical exports repeat dates, statuses, types and addresses a lot,
while publication/application/priority numbers are all distinct (the worst case).

    python benchmarks/bench_normalize.py            # 1M values, writes the doc
    python benchmarks/bench_normalize.py --quick    # 100k values, prints only
"""

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

import numpy as np
import pandas as pd
import pyarrow as pa

import navtrain
from navtrain import normalize as nz

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmarks" / "normalize.md"
SEED = 20240611
LIMIT_S = 5.0

_OFFICES = np.array(["CN", "CN", "CN", "US", "EP", "WO", "JP", "KR", "DE"], dtype=object)
_KINDS = np.array(["A", "B", "U", "S", "A1", "B2", "A1", "A", "U1"], dtype=object)
_LABELS = np.array(["发明申请", "授权发明", "实用新型", "外观设计"], dtype=object)
_STATUS = np.array(["授权", "授权 | 权利转移", "实质审查", "实质审查 | 撤回", "未缴年费", "未缴年费 | 一案双申",
                    "撤回-视为撤回", "驳回 | 复审", "期限届满", "公开", "-", "授权 | 许可 | 复审", "Active",
                    "Expired", "放弃-视为放弃", "避免重复授权 | 一案双申"], dtype=object)
_ADDRESS_HEADS = np.array(["河南省郑州市高新区", "河南省新乡市长垣县", "河南省商丘市柘城县", "北京市海淀区",
                           "上海市浦东新区", "广东省深圳市南山区", "江苏省苏州市工业园区", "湖北省武汉市洪山区",
                           "四川省成都市武侯区", "重庆市渝北区", "浙江省杭州市余杭区", "河南省洛阳市涧西区"],
                          dtype=object)
_NAME_PARTS = (np.array(list("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"), dtype=object),
               np.array(["科技有限公司", "大学", "研究所", "研究院有限公司", "机械厂", "", "职业技术学院",
                         "Technologies Co., Ltd.", "卫生健康委员会"], dtype=object))


def _digits(rng: np.random.Generator, n: int, width: int) -> pd.Series:
    return pd.Series(rng.integers(0, 10**width, size=n)).astype(str).str.zfill(width)


def make_columns(n: int, seed: int = SEED) -> dict[str, pd.Series]:
    """Raw text columns as exports write them (fictitious names, fixed seed)."""
    rng = np.random.default_rng(seed)
    day = pd.Timestamp("1985-01-01") + pd.to_timedelta(rng.integers(0, 40 * 365, size=n), unit="D")
    stamp = day + pd.to_timedelta(rng.integers(0, 86_400, size=n), unit="s")
    office = _OFFICES[rng.integers(0, len(_OFFICES), size=n)]
    kind = _KINDS[rng.integers(0, len(_KINDS), size=n)]
    app_year = pd.Series(rng.integers(2003, 2025, size=n)).astype(str)
    app_no = ("CN" + app_year + pd.Series(rng.choice(list("12389"), size=n)) + _digits(rng, n, 7) + "."
              + pd.Series(rng.choice(list("0123456789X"), size=n)))
    pool_names = pd.Series(_NAME_PARTS[0][rng.integers(0, 20, size=50_000)]) + pd.Series(
        np.arange(50_000)).astype(str) + pd.Series(_NAME_PARTS[1][rng.integers(0, 9, size=50_000)])
    k = len(pool_names[::7])  # every 7th name a fictitious person
    pool_names[::7] = (np.array(["王", "李", "张", "刘", "陈"], dtype=object)[rng.integers(0, 5, size=k)]
                       + np.array(["明远", "静怡", "国栋", "思远", "佳宁"], dtype=object)[rng.integers(0, 5, size=k)])
    addresses = pd.Series(_ADDRESS_HEADS[rng.integers(0, len(_ADDRESS_HEADS), size=20_000)]) + "示例路" + pd.Series(
        np.arange(20_000)).astype(str) + "号"
    prio_date = day - pd.to_timedelta(rng.integers(0, 365, size=n), unit="D")
    second = prio_date - pd.to_timedelta(rng.integers(1, 365, size=n), unit="D")
    prio = (pd.Series(office) + " " + _digits(rng, n, 12) + " A " + prio_date.strftime("%Y%m%d") + ";;US "
            + _digits(rng, n, 8) + " P " + second.strftime("%Y%m%d"))
    return {
        "iso": pd.Series(day.strftime("%Y-%m-%d")),
        "dmy_yy": pd.Series(day.strftime("%d/%m/%y")),
        "dotted": pd.Series(day.strftime("%d.%m.%Y")),
        "chinese": pd.Series(day.strftime("%Y年%m月%d日")),
        "yyyymmdd_int": pd.Series(day.strftime("%Y%m%d").astype(int)),
        "excel": pd.Series((day - pd.Timestamp("1899-12-30")).days.astype(float)),
        "timestamp": pd.Series(stamp.strftime("%Y-%m-%d %H:%M:%S")),
        "pub_no": pd.Series(office) + " " + _digits(rng, n, 9) + " " + pd.Series(kind),
        "office": pd.Series(office),
        "kind": pd.Series(kind),
        "label": pd.Series(_LABELS[rng.integers(0, len(_LABELS), size=n)]),
        "app_no": app_no,
        "status": pd.Series(_STATUS[rng.integers(0, len(_STATUS), size=n)]),
        "names": pool_names[rng.integers(0, len(pool_names), size=n)].reset_index(drop=True),
        "names_unique": pd.Series(_NAME_PARTS[0][rng.integers(0, 20, size=n)]) + pd.Series(np.arange(n)).astype(str)
        + pd.Series(_NAME_PARTS[1][rng.integers(0, 9, size=n)]),
        "address": addresses[rng.integers(0, len(addresses), size=n)].reset_index(drop=True),
        "address_pool": addresses,
        "region_code": pd.Series(np.array(["410100", "410728", "豫", "郑州", "11", "44", "四川"],
                                          dtype=object)[rng.integers(0, 7, size=n)]),
        "priority": prio,
    }


def timed(func: Callable[[], object], repeats: int) -> list[float]:
    gc.collect()
    func()  # warm-up
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def cases(c: dict[str, pd.Series]) -> list[tuple[str, str, Callable[[], object]]]:
    """(call, column, function) for every case."""
    return [
        ("parse_dates — ISO 2020-03-01", "iso", lambda: nz.parse_dates(c["iso"])),
        ("parse_dates — dd/mm/yy (Lens)", "dmy_yy", lambda: nz.parse_dates(c["dmy_yy"])),
        ("parse_dates — dd.mm.yyyy (PATENTSCOPE)", "dotted", lambda: nz.parse_dates(c["dotted"])),
        ("parse_dates — 2020年03月01日", "chinese", lambda: nz.parse_dates(c["chinese"])),
        ("parse_dates — yyyymmdd integers", "yyyymmdd_int", lambda: nz.parse_dates(c["yyyymmdd_int"])),
        ("parse_dates — Excel serial numbers", "excel", lambda: nz.parse_dates(c["excel"])),
        ("parse_dates — timestamps to the second", "timestamp", lambda: nz.parse_dates(c["timestamp"])),
        ("split_number", "pub_no", lambda: nz.split_number(c["pub_no"])),
        ("split_app_number", "app_no", lambda: nz.split_app_number(c["app_no"])),
        ("patent_type(label, kind, office, app_no)", "app_no",
         lambda: nz.patent_type(kind=c["kind"], office=c["office"], label=c["label"], app_no=c["app_no"])),
        ("patent_type(kind, office)", "kind", lambda: nz.patent_type(kind=c["kind"], office=c["office"])),
        ("patent_type_conflicts(label, kind, office)", "kind",
         lambda: nz.patent_type_conflicts(kind=c["kind"], office=c["office"], label=c["label"])),
        ("legal_status (PatSnap-style cells)", "status", lambda: nz.legal_status(c["status"])),
        ("applicant_type — 50k distinct names", "names", lambda: nz.applicant_type(c["names"])),
        ("applicant_type — all distinct", "names_unique", lambda: nz.applicant_type(c["names_unique"])),
        ("region_from_address — 20k distinct", "address", lambda: nz.region_from_address(c["address"])),
        ("region_from_code", "region_code", lambda: nz.region_from_code(c["region_code"])),
        ("parse_priority — Lens style, 2 claims", "priority", lambda: nz.parse_priority(c["priority"])),
    ]


def cpca_rate(pool: pd.Series, k: int = 5_000) -> float:
    """Seconds per address of ``cpca.transform`` itself (no unique-ing), on ``k`` addresses."""
    cp = nz._cpca()
    sample = pool.iloc[:k].tolist()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        cp.transform(sample)
    return (time.perf_counter() - start) / k


def machine() -> str:
    rows = [("date", dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
            ("CPU", f"{os.cpu_count()} logical CPUs ({platform.processor() or platform.machine()})"),
            ("Python", platform.python_version()), ("pandas", pd.__version__), ("numpy", np.__version__),
            ("pyarrow", pa.__version__), ("cpca", getattr(nz._cpca(), "__version__", "?")),
            ("navtrain", navtrain.__version__), ("platform", platform.platform())]
    return "\n".join(f"- {k}: {v}" for k, v in rows)


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k values, print only")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    n = 100_000 if args.quick else 1_000_000
    warnings.simplefilter("error")  # a warning would mean the synthetic data is off
    t0 = time.perf_counter()
    cols = make_columns(n)
    build = time.perf_counter() - t0
    print(f"# built {n:,} values per column in {build:.1f} s", file=sys.stderr)
    rows = []
    for call, col, func in cases(cols):
        times = timed(func, args.repeats)
        distinct = cols[col].nunique()
        med = statistics.median(times)
        rows.append((call, distinct, med, min(times)))
        print(f"#   {call:<44} {distinct:>9,} distinct  median {_fmt(med)}", file=sys.stderr)
    per_addr = cpca_rate(cols["address_pool"])
    lines = [f"| call | distinct values | median | min | µs / value | within {LIMIT_S:.0f} s |",
             "|---|---:|---:|---:|---:|:---:|"]
    for call, distinct, med, best in rows:
        lines.append(f"| `{call}` | {distinct:,} | {_fmt(med)} | {_fmt(best)} | {med / n * 1e6:.2f} | "
                     f"{'yes' if med <= LIMIT_S else '**no**'} |")
    table = "\n".join(lines)
    slowest = max(rows, key=lambda r: r[2])
    addr = next(r for r in rows if r[0].startswith("region_from_address"))
    notes = (
        f"- Slowest case: `{slowest[0]}`, {_fmt(slowest[2])} for {n:,} values ({slowest[1]:,} distinct).\n"
        f"- cpca itself: {per_addr * 1e6:.0f} µs per address (`cpca.transform` on 5,000 addresses). "
        f"Calling it on every row would take ~{per_addr * n:.0f} s for {n:,} rows; "
        f"`region_from_address` calls it on the {addr[1]:,} distinct addresses only and took "
        f"{_fmt(addr[2])}. Its cost grows with the number of distinct addresses "
        f"(~{per_addr * 1e6:.0f} µs each), not with rows.\n"
        "- Columns with all-distinct values (numbers, priority claims, timestamps) are the worst case: "
        "every value goes through the regular expressions (pyarrow / RE2, vectorised). Columns that "
        "repeat (dates, types, statuses, names, addresses) cost little more than their distinct values.\n"
        "- `patent_type` reads the application numbers only for rows whose label and kind code give no "
        "type (precedence label > kind > number), so with labels present it skips `split_app_number`; "
        "`patent_type_conflicts` needs every source, so with `app_no` it pays `split_app_number` in full."
    )
    doc = f"""# Benchmark: navtrain.normalize (field parsers)

Generated by `benchmarks/bench_normalize.py` — do not edit by hand; re-run
`python benchmarks/bench_normalize.py` to refresh. Target (issue #3): 1,000,000 values in a
few seconds (this table marks ≤ {LIMIT_S:.0f} s).

## Machine

{machine()}

## Data

{n:,} values per column, built vectorised with `numpy.random.default_rng({SEED})` in {build:.1f} s
(not timed): dates spread over 1985–2024 in seven spellings, publication numbers of 7 offices
with kind codes, CN application numbers (all distinct), PatSnap-style status cells
(16 distinct), fictitious applicant names (a pool of 50,000, and an all-distinct column),
20,000 distinct synthetic addresses in 12 districts, division codes and names, and
Lens-style priority fields with two claims each (all distinct).
Each case: one warm-up call, then {args.repeats} timed calls (`time.perf_counter`); median
and min. On a shared VM runs differ by tens of percent.

## Results

{table}

## Notes

{notes}
"""
    print(doc)
    if not args.quick:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(doc, encoding="utf-8")
        print(f"wrote {DOC.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
