"""Benchmark: import, normalise and harmonise a 1,000,000-record Chinese export.

Builds an incoPat/CNIPA-style CSV (Chinese headers, ';'-separated lists, fictitious
names, realistic Henan addresses), then times ``navtrain.read_patents`` on it in a fresh
process and records the peak resident memory, next to a bare
``pandas.read_csv(engine="pyarrow")`` of the same file. Writes
``docs/benchmarks/import.md``.

Usage: python benchmarks/bench_import.py [--rows N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261126

CITIES = [
    ("河南省郑州市高新技术产业开发区", 0.30), ("河南省郑州市二七区", 0.08), ("河南省洛阳市涧西区", 0.10),
    ("河南省新乡市长垣市", 0.08), ("河南省平顶山市新华区", 0.06), ("河南省商丘市柘城县", 0.05),
    ("河南省许昌市长葛市", 0.05), ("江苏省苏州市工业园区", 0.08), ("广东省深圳市南山区", 0.08),
    ("湖南省长沙市岳麓区", 0.06), ("北京市海淀区", 0.06),
]
STEMS = list("华中原嵩岳豫黄河洛伏牛太行龙门汝颍淇卫商许宛平梁郑洛新焦鹤濮漯周驻信南三门")
TRADES = ["超硬材料", "精密轴承", "起重机械", "新材料", "智能装备", "磨料磨具", "尼龙科技", "重工"]
FORMS = ["有限公司", "股份有限公司", "有限责任公司", "科技有限公司"]
IPC = ["C30B29/04", "B24D3/00", "C04B35/5831", "E21B10/567", "F16C19/36", "B66C13/06", "C08G69/26",
       "C07C253/10", "F16C33/58", "B01J3/06", "B28D5/04", "C23C16/27", "G05B19/418", "H01L23/373"]
STATUS = ["有效", "审中", "实质审查", "未缴年费专利权终止", "视为撤回", "驳回", "期限届满"]
SURNAMES = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞鹏斌宇浩凯")


def make_export(n: int, path: Path) -> None:
    rng = np.random.default_rng(SEED)
    # ~50,000 distinct firms with planted variants (legal form swaps)
    n_firms = 50_000
    stem = (pd.Series(rng.choice(STEMS, n_firms)) + pd.Series(rng.choice(STEMS, n_firms))
            + pd.Series(rng.choice(STEMS, n_firms)))
    base = stem + pd.Series(rng.choice(TRADES, n_firms))
    firm_idx = rng.zipf(1.3, n) % n_firms
    form = pd.Series(rng.choice(FORMS, n))
    applicant = base.to_numpy()[firm_idx] + form.to_numpy()
    co = rng.random(n) < 0.15
    second = base.to_numpy()[rng.integers(0, n_firms, n)] + "有限公司"
    applicants = pd.Series(applicant).where(~co, pd.Series(applicant) + "; " + pd.Series(second))
    city_names = [c for c, _ in CITIES]
    p = np.array([w for _, w in CITIES])
    address = (pd.Series(rng.choice(city_names, n, p=p / p.sum()))
               + pd.Series(rng.integers(1, 300, n)).astype(str) + "号")
    years = rng.integers(2005, 2025, n)
    day = pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    app_date = pd.to_datetime(pd.Series(years).astype(str) + "-01-01") + day
    ptype = rng.choice([1, 2, 3], n, p=[0.45, 0.5, 0.05])
    kind = np.select([ptype == 1, ptype == 2], ["A", "U"], "S")
    pub_date = app_date + pd.to_timedelta(np.where(ptype == 1, 540, 200) + rng.integers(0, 120, n), unit="D")
    serial = pd.Series(rng.integers(0, 9_999_999, n)).astype(str).str.zfill(7)
    app_no = "CN" + pd.Series(years).astype(str) + pd.Series(ptype).astype(str) + serial + ".X"
    pub_no = "CN" + pd.Series(np.arange(n) + 100_000_000).astype(str) + pd.Series(kind)
    ipc1 = pd.Series(rng.choice(IPC, n))
    ipc2 = pd.Series(rng.choice(IPC, n))
    inventors = (pd.Series(rng.choice(SURNAMES, n)) + pd.Series(rng.choice(GIVEN, n)) + pd.Series(rng.choice(GIVEN, n))
                 + "; " + pd.Series(rng.choice(SURNAMES, n)) + pd.Series(rng.choice(GIVEN, n)))
    frame = pd.DataFrame({
        "公开（公告）号": pub_no, "公开（公告）日": pub_date.dt.strftime("%Y-%m-%d"),
        "申请号": app_no, "申请日": app_date.dt.strftime("%Y-%m-%d"),
        "标题": "一种" + pd.Series(rng.choice(TRADES, n)) + "的制备方法",
        "申请人": applicants, "申请人地址": address, "发明人": inventors,
        "IPC主分类": ipc1, "IPC": ipc1 + "; " + ipc2,
        "法律状态": rng.choice(STATUS, n), "被引证次数": rng.poisson(2, n),
    })
    frame.to_csv(path, index=False, encoding="utf-8")


CHILD = """
import json, resource, sys, time, warnings
import pandas as pd
path, mode = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if mode == "pyarrow":
    df = pd.read_csv(path, engine="pyarrow")
    rows = len(df)
else:
    import navtrain as nt
    warnings.simplefilter("ignore")
    df = nt.read_patents(path)
    rows = len(df)
elapsed = time.perf_counter() - t0
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "rows": rows}))
"""


def run_child(path: Path, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), mode], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _row(label: str, r: dict) -> str:
    return f"| {label} | {r['seconds']:.1f} | {r['peak_mb']:.0f} | {r['rows']:,} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        t0 = time.perf_counter()
        make_export(args.rows, path)
        build = time.perf_counter() - t0
        size_mb = path.stat().st_size / 1e6
        bare = run_child(path, "pyarrow")
        full = run_child(path, "navtrain")
    ratio = full["seconds"] / bare["seconds"]
    text = f"""# Import benchmark

Generated by `benchmarks/bench_import.py` on {dt.date.today()} ({os.cpu_count()} CPUs,
Python {platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}).
Not part of `make test`.

Data: an incoPat/CNIPA-style CSV with Chinese headers, {args.rows:,} records, {size_mb:.0f} MB
(built in {build:.1f} s): fictitious firm names drawn from 50,000 firms with legal-form variants
and 15% co-applied documents, Henan and other addresses, two IPC symbols per document,
Chinese legal statuses, two inventors.

| step | seconds | peak memory (MB) | rows |
|---|---:|---:|---:|
{_row('`pandas.read_csv(engine="pyarrow")` (bare read, no normalisation)', bare)}
{_row('`navtrain.read_patents` (decode, detect, normalise, regions, harmonise)', full)}

Ratio navtrain / bare read: **{ratio:.1f}×**. Target (issue #3): under 60 s and under 4 GB peak.
Each figure is one run in a fresh process (peak = maximum resident set size).
"""
    out = ROOT / "docs" / "benchmarks" / "import.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
