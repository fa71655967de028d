"""Benchmark for ``navtrain.talent`` on synthetic data (inventor disambiguation, metrics, network).

Standalone (not part of ``make test``): every case is timed with ``time.perf_counter`` (one
untimed warm-up, then a few timed calls; median and min reported, and the median CPU time).
Target from issue #6: inventor disambiguation on 200,000 inventor mentions in < 60 s.

    python benchmarks/bench_talent.py            # full run, writes docs/benchmarks/talent.md
    python benchmarks/bench_talent.py --quick    # 20,000 mentions, prints only

The table is built vectorised with a fixed seed: fictitious people (surname + two given
characters from small pools, so common names collide), each in a team at one employer in
one IPC field; documents name 1–4 members of a team; 4% of the documents get an overseas
family member with the names romanised (WANG Jingyi); 1% of the people move to another
employer half-way. The truth is known, so the benchmark also reports pairwise precision and
recall at this size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import fmt, timed

import navtrain as nt
from navtrain.names import pairwise_pr
from navtrain.talent import coinventor_network, disambiguate_inventors, inventor_metrics

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmarks" / "talent.md"
SEED = 20261126
MENTIONS = 200_000
TARGET = 60.0
# fictitious name parts with their pinyin (for the romanised overseas members)
SURNAMES = list(zip("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗",
                    "wang li zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo".split(),
                    strict=True))
GIVEN = list(zip("文华明国建立志海云新春晓光德永金红玉亮宏晨鹏雪峰静怡轩浩然思远佳宁雨桐子杰", (
    "wen hua ming guo jian li zhi hai yun xin chun xiao guang de yong jin hong yu liang hong chen peng xue feng jing "
    "yi xuan hao ran si yuan jia ning yu tong zi jie").split(), strict=True))


def make_table(n_mentions: int, seed: int = SEED) -> tuple[pd.DataFrame, np.ndarray]:
    """A canonical table with about ``n_mentions`` inventor mentions and the true person of each."""
    rng = np.random.default_rng(seed)
    n_people = n_mentions // 5
    team_size = 4
    n_teams = n_people // team_size
    n_apps = max(n_teams // 3, 1)
    sur = rng.integers(0, len(SURNAMES), n_people)
    g1 = rng.integers(0, len(GIVEN), n_people)
    g2 = np.where(rng.random(n_people) < 0.3, -1, rng.integers(0, len(GIVEN), n_people))  # 30% two-character names
    zh = np.array([SURNAMES[s][0] + GIVEN[a][0] + (GIVEN[b][0] if b >= 0 else "")
                   for s, a, b in zip(sur.tolist(), g1.tolist(), g2.tolist(), strict=True)], dtype=object)
    en = np.array([SURNAMES[s][1].upper() + " " + (GIVEN[a][1] + (GIVEN[b][1] if b >= 0 else "")).capitalize()
                   for s, a, b in zip(sur.tolist(), g1.tolist(), g2.tolist(), strict=True)], dtype=object)
    team_app = rng.integers(0, n_apps, n_teams)
    team_ipc = rng.integers(0, 300, n_teams)
    team_start = rng.integers(2000, 2016, n_teams)
    # documents: a team, 1-4 of its members
    n_docs = int(n_mentions / 2.5)
    d_team = rng.integers(0, n_teams, n_docs)
    k = rng.choice([1, 2, 3, 4], size=n_docs, p=[0.25, 0.3, 0.25, 0.2])
    order = np.argsort(rng.random((n_docs, team_size)), axis=1)
    slots = np.arange(team_size)[None, :] < k[:, None]
    doc_idx = np.repeat(np.arange(n_docs), k)
    person = (d_team[:, None] * team_size + order)[slots]
    year = (team_start[d_team] + rng.integers(0, 9, n_docs)).astype(int)
    app = team_app[d_team].copy()
    movers = rng.random(n_people) < 0.01  # the mover's documents from the mid-point on go to a new employer
    new_app = rng.integers(0, n_apps, n_people)
    mover_doc = movers[person] & (year[doc_idx] >= team_start[d_team][doc_idx] + 5)
    first_slot = np.r_[True, doc_idx[1:] != doc_idx[:-1]]
    moved_docs = np.zeros(n_docs, dtype=bool)
    moved_docs[doc_idx[mover_doc & first_slot]] = True
    app = np.where(moved_docs, new_app[person[first_slot]], app)
    ipc_codes = np.array([f"{c}{n:02d}{s}" for c in "ABCDEFGH" for n in range(1, 11) for s in "BCDFGHJKLMNP"],
                         dtype=object)[:300]
    cut = np.cumsum(k)[:-1]
    inventors = [list(x) for x in np.split(zh[person], cut)]
    docs = pd.DataFrame({
        "pub_no": [f"CN{i:09d}A" for i in range(n_docs)],
        "family_id": [f"F{i:08d}" for i in range(n_docs)],
        "office": "CN",
        "app_year": year,
        "applicants_std": [[f"示例申请人{a:05d}"] for a in app.tolist()],
        "inventors": inventors,
        "ipc": [[f"{ipc_codes[i]}1/00"] for i in team_ipc[d_team].tolist()],
        "cited_by_count": rng.poisson(3, n_docs),
        "grant_date": pd.to_datetime(np.where(rng.random(n_docs) < 0.5, "2020-01-01", None)),
    })
    truth = person
    # overseas members: same family, names romanised, same order
    over = np.flatnonzero(rng.random(n_docs) < 0.04)
    if len(over):
        extra = docs.iloc[over].copy()
        extra["pub_no"] = [f"US{i:09d}A1" for i in range(len(over))]
        extra["office"] = "US"
        en_lists = np.split(en[person], cut)
        extra["inventors"] = [list(en_lists[i]) for i in over.tolist()]
        docs = pd.concat([docs, extra], ignore_index=True)
        p_lists = np.split(person, cut)
        truth = np.concatenate([truth, *[p_lists[i] for i in over.tolist()]])
    return docs, truth


def machine() -> str:
    import scipy

    return (f"{os.cpu_count()} logical CPUs ({platform.processor() or platform.machine()}); Python "
            f"{platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}, scipy {scipy.__version__}, "
            f"networkx {nx.__version__}, navtrain {nt.__version__}; "
            f"load {' / '.join(f'{x:.1f}' for x in os.getloadavg())}"
            f"; {platform.platform()}; {dt.date.today().isoformat()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20,000 mentions; print only")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    n = 20_000 if args.quick else MENTIONS
    docs, truth = make_table(n)
    n_mentions = int(docs["inventors"].map(len).sum())
    rows = []
    wall, best, cpu = timed(lambda: disambiguate_inventors(docs), args.repeats)
    m = disambiguate_inventors(docs)
    rows.append(("disambiguate_inventors", f"{n_mentions:,} mentions, {len(docs):,} documents", wall, best, cpu,
                 "< 60 s", "yes" if wall < TARGET else "**no**"))
    wall, best, cpu = timed(lambda: disambiguate_inventors(docs, coinventors=False, applicant=False, family=False,
                                                           movers=False), args.repeats)
    base = disambiguate_inventors(docs, coinventors=False, applicant=False, family=False, movers=False)
    rows.append(("… name-only baseline", "same", wall, best, cpu, "", ""))
    wall, best, cpu = timed(lambda: inventor_metrics(docs, mentions=m, core=[]), args.repeats)
    rows.append(("inventor_metrics", f"{m['inventor_id'].nunique():,} inventors", wall, best, cpu, "", ""))
    wall, best, cpu = timed(lambda: coinventor_network(m), max(1, args.repeats - 1))
    G = coinventor_network(m)
    rows.append(("coinventor_network (build + metrics)",
                 f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges", wall, best, cpu, "", ""))
    pr, pb = pairwise_pr(truth, m["inventor_id"]), pairwise_pr(truth, base["inventor_id"])
    lines = [
        "# Benchmark: navtrain.talent",
        "",
        f"Machine: {machine()}.",
        "",
        "Synthetic table from `benchmarks/bench_talent.py` (fixed seed, fictitious names; common names collide; "
        "4% overseas members with romanised names; 1% movers). Median and min wall time of "
        f"{args.repeats} calls after a warm-up (`time.perf_counter`), median CPU time (`time.process_time`).",
        "",
        "| function | size | median | min | CPU | target | met |",
        "|---|---|---|---|---|---|---|",
        *[f"| {a} | {b} | {fmt(c)} | {fmt(d)} | {fmt(e)} | {f} | {g} |" for a, b, c, d, e, f, g in rows],
        "",
        "Pairwise precision / recall against the generator's truth at this size: "
        f"name-only baseline P = {pb['precision']:.4f}, R = {pb['recall']:.4f}; "
        f"`disambiguate_inventors` defaults P = {pr['precision']:.4f}, R = {pr['recall']:.4f} "
        f"({m['inventor_id'].nunique():,} ids for {len(np.unique(truth)):,} people).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.quick:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
