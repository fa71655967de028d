"""Benchmarks for ``navtrain.concentration`` and ``navtrain.applicants`` on synthetic data.

Standalone (not part of ``make test``): every case is timed with ``time.perf_counter``
(one untimed warm-up, then a few timed calls; median and min reported). Targets from
issue #5: each descriptive function on 1,000,000 records in < 5 s, the co-applicant
network of 100,000 applicants (build + metrics) in < 60 s.

    python benchmarks/bench_applicants.py             # full run, writes docs/benchmarks/applicants.md
    python benchmarks/bench_applicants.py --quick     # 100k records / 10k applicants, prints only

All names are fictitious (示例申请人000123 ...); all numbers are random with a fixed seed.
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

import networkx as nx
import numpy as np
import pandas as pd
import scipy

import navtrain as nt
from navtrain.applicants import (
    BETWEENNESS_SAMPLES,
    EXACT_BETWEENNESS_NODES,
    applicant_matrix,
    applicant_ranking,
    applicant_type_mix,
    collaboration_network,
    network_metrics,
)
from navtrain.concentration import cr_n, flow_matrix, hhi, matrix, overseas_ratio, rta, shares

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmarks" / "applicants.md"
SEED = 20240605
RECORDS = 1_000_000
RECORD_POOL = 20_000  # applicants in the 1M-record table
NET_APPLICANTS = 100_000
NET_DOCS_PER_APPLICANT = 2.5
TARGET_DESCRIPTIVE = 5.0
TARGET_NETWORK = 60.0
COMPARE_NODES = 1_000  # exact betweenness compared with networkx on a graph this size
START_LOAD = " / ".join(f"{x:.1f}" for x in os.getloadavg())
TYPES = np.array(["enterprise", "university", "institute", "individual", "government_other"], dtype=object)
OFFICES = np.array(["CN", "US", "WO", "EP", "JP"], dtype=object)
PRIORITY = np.array(["CN", "US", "JP", "DE", "KR"], dtype=object)
PTYPES = np.array(["invention", "utility_model", "design"], dtype=object)


# --------------------------------------------------------------------------- data


def names(n: int) -> np.ndarray:
    return np.array([f"示例申请人{i:06d}" for i in range(n)], dtype=object)


def zipf_draw(rng: np.random.Generator, n_pool: int, size: int, a: float = 0.8) -> np.ndarray:
    """Indices into a pool with P(i) ∝ 1/(i+1)^a (a few big applicants, a long tail)."""
    p = 1.0 / np.arange(1, n_pool + 1) ** a
    return rng.choice(n_pool, size=size, p=p / p.sum())


def list_cells(rng: np.random.Generator, pool: np.ndarray, n: int, p_k: tuple[float, ...],
               cover: bool = False) -> list[list[str]]:
    """``n`` lists of 1..len(p_k) names; ``cover`` makes every pool name appear at least once."""
    k = rng.choice(np.arange(1, len(p_k) + 1), size=n, p=p_k)
    ends = np.cumsum(k)
    starts = ends - k
    draw = zipf_draw(rng, len(pool), int(ends[-1]))
    if cover:
        draw[: len(pool)] = rng.permutation(len(pool))
    flat = pool[draw].tolist()
    return [flat[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]


def make_records(n: int, n_pool: int, seed: int = SEED) -> pd.DataFrame:
    """A canonical table of ``n`` documents (the columns the applicant functions read)."""
    rng = np.random.default_rng(seed)
    n_fam = int(n * 0.85)
    fam = np.concatenate([np.arange(n_fam), rng.integers(0, n_fam, size=n - n_fam)])
    rng.shuffle(fam)
    day0 = np.datetime64("2005-01-01", "D")
    app = day0 + rng.integers(0, 7300, size=n).astype("timedelta64[D]")
    pub = app + np.maximum(rng.normal(548, 60, size=n).round(), 90).astype("int64").astype("timedelta64[D]")
    ptype = PTYPES[rng.choice(3, size=n, p=(0.6, 0.35, 0.05))]
    status = np.array(["valid", "pending", "lapsed"], dtype=object)[rng.choice(3, size=n, p=(0.45, 0.25, 0.3))]
    granted = (status == "valid") | ((status == "lapsed") & (rng.random(n) < 0.5))
    grant = np.where(granted, pub + np.timedelta64(400, "D"), np.datetime64("NaT"))
    ipc = np.array([f"{c}{g:02d}B{s}/{m:02d}" for c in "ABCDEFGH" for g in range(1, 16) for s in (1, 3, 5, 7, 9)
                    for m in (0, 2)], dtype=object)[:600]
    office = OFFICES[rng.choice(5, size=n, p=(0.85, 0.06, 0.04, 0.03, 0.02))]
    prio = PRIORITY[rng.choice(5, size=n, p=(0.8, 0.08, 0.06, 0.03, 0.03))].copy()
    prio[rng.random(n) < 0.03] = None
    fam_ids = pd.Series(fam)
    return pd.DataFrame({
        "pub_no": pd.Series("CN" + pd.Series(np.arange(n) + 100_000_000).astype(str) + "A", dtype=object),
        "family_id": ("F" + fam_ids.astype(str)).astype(object),
        "family_size": fam_ids.map(fam_ids.value_counts()).astype("Int64"),
        "office": office,
        "priority_country": prio,
        "patent_type": ptype,
        "app_date": app.astype("datetime64[ns]"),
        "pub_date": pub.astype("datetime64[ns]"),
        "grant_date": pd.Series(grant).astype("datetime64[ns]"),
        "legal_status": status,
        "applicants_std": pd.Series(list_cells(rng, names(n_pool), n, (0.82, 0.14, 0.04)), dtype=object),
        "applicant_type": TYPES[rng.choice(5, size=n, p=(0.7, 0.12, 0.08, 0.08, 0.02))],
        "ipc_main": ipc[zipf_draw(rng, len(ipc), n, a=1.0)],
        "cited_by_count": pd.array(rng.poisson(3, size=n), dtype="Int64"),
    })


def make_network_table(n_applicants: int, seed: int = SEED) -> pd.DataFrame:
    """Documents naming ``n_applicants`` distinct applicants (each at least once)."""
    rng = np.random.default_rng(seed + 1)
    n_docs = int(n_applicants * NET_DOCS_PER_APPLICANT)
    lists = list_cells(rng, names(n_applicants), n_docs, (0.8, 0.15, 0.05), cover=True)
    return pd.DataFrame({"pub_no": [f"CN{i}A" for i in range(n_docs)], "applicants_std": lists})


# --------------------------------------------------------------------------- timing


def time_it(fn: Callable[[], object], repeats: int, warm_up: bool = True) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of ``repeats`` calls: ``time.perf_counter`` and ``time.process_time``.

    CPU time of this process is reported too because the team's VM is shared: when other
    jobs run, wall time grows with the load while CPU time stays close to what an idle
    machine shows (numpy/pandas/scipy run these cases on one core).
    """
    gc.collect()
    if warm_up:
        fn()
    out = []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        out.append((time.perf_counter() - w0, time.process_time() - c0))
    return out


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def machine_info() -> dict[str, str]:
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "load average at the start (1/5/15 min)": START_LOAD,
        "cpu": f"{os.cpu_count()} logical CPUs ({platform.processor() or platform.machine()})",
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "networkx": nx.__version__,
        "navtrain": nt.__version__,
        "platform": platform.platform(),
        "load average at the end (1/5/15 min)": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def run_descriptive(records: int, pool: int, repeats: int) -> tuple[list[tuple], float]:
    """Time every descriptive function on one synthetic table of ``records`` documents."""
    t0 = time.perf_counter()
    df = make_records(records, pool)
    build = time.perf_counter() - t0
    print(f"# built {records:,} records in {build:.1f} s", file=sys.stderr)
    ranking_all = applicant_ranking(df, top=None)
    counts = pd.Series(np.random.default_rng(SEED).integers(0, 1000, size=records))
    m_ipc = matrix(df, cols="ipc_main")
    cases: list[tuple[str, Callable[[], object]]] = [
        ("matrix(df, rows='applicants_std', cols='ipc_main')", lambda: matrix(df, cols="ipc_main")),
        ("matrix(df, ..., weight='fractional')", lambda: matrix(df, cols="ipc_main", weight="fractional")),
        ("matrix(df, ..., unit='families')", lambda: matrix(df, cols="ipc_main", unit="families")),
        (f"rta(matrix)  [{m_ipc.shape[0]:,} × {m_ipc.shape[1]} matrix]", lambda: rta(m_ipc)),
        (f"shares(counts)  [{records:,} entities]", lambda: shares(counts)),
        (f"cr_n(counts, n=4)  [{records:,} entities]", lambda: cr_n(counts)),
        (f"hhi(counts)  [{records:,} entities]", lambda: hhi(counts)),
        ("flow_matrix(df)  [families]", lambda: flow_matrix(df)),
        ("flow_matrix(df, unit='documents')", lambda: flow_matrix(df, unit="documents")),
        ("overseas_ratio(df)", lambda: overseas_ratio(df)),
        ("applicant_ranking(df, top=20)", lambda: applicant_ranking(df)),
        ("applicant_ranking(df, weight='fractional')", lambda: applicant_ranking(df, weight="fractional")),
        ("applicant_ranking(df, unit='families')", lambda: applicant_ranking(df, unit="families")),
        ("applicant_matrix(df, by='app_year', top=20)", lambda: applicant_matrix(df, by="app_year", top=20)),
        ("applicant_matrix(df, by='ipc_main', top=20)", lambda: applicant_matrix(df, by="ipc_main", top=20)),
        ("applicant_type_mix(df)", lambda: applicant_type_mix(df)),
        ("hhi(ranking['count'])  [all applicants]", lambda: hhi(ranking_all["count"])),
    ]
    descriptive = []
    for label, fn in cases:
        times = time_it(fn, repeats)
        descriptive.append((label, records, times))
        print(f"#   {label:<58} wall {fmt(statistics.median(t[0] for t in times))}  "
              f"CPU {fmt(statistics.median(t[1] for t in times))}  load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return descriptive, build


def run_network(net_applicants: int, repeats: int) -> tuple[list[tuple], dict]:
    """Time the co-applicant network of ``net_applicants`` applicants."""
    net_df = make_network_table(net_applicants)
    G = collaboration_network(net_df)
    comps = sorted((len(c) for c in nx.connected_components(G)), reverse=True)
    net_info = {
        "documents": len(net_df), "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        "co_rate": G.graph["co_application_rate"], "giant": comps[0] if comps else 0,
        "components_3plus": sum(1 for c in comps if c >= 3),
        "linked": sum(1 for _, d in G.degree() if d > 0),
    }
    network = []
    net_repeats = max(1, repeats // 2)
    for label, fn in (
        ("collaboration_network(df)", lambda: collaboration_network(net_df)),
        ("network_metrics(G)", lambda: network_metrics(G)),
        ("collaboration_network + network_metrics", lambda: network_metrics(collaboration_network(net_df))),
    ):
        times = time_it(fn, net_repeats, warm_up=False)
        network.append((label, net_applicants, times))
        print(f"#   {label:<58} wall {fmt(statistics.median(t[0] for t in times))}  "
              f"CPU {fmt(statistics.median(t[1] for t in times))}  load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    # exact betweenness: navtrain's all-components Brandes vs networkx on the same graph
    B = nx.barabasi_albert_graph(COMPARE_NODES, 2, seed=SEED)
    nx.set_edge_attributes(B, 1, "weight")
    nx.set_edge_attributes(B, 1.0, "distance")
    ours = time_it(lambda: network_metrics(B, exact_nodes=COMPARE_NODES), 1, warm_up=False)
    ref = time_it(lambda: nx.betweenness_centrality(B, weight="distance"), 1, warm_up=False)
    got = network_metrics(B, exact_nodes=COMPARE_NODES).set_index("applicant")["betweenness"]
    want = pd.Series(nx.betweenness_centrality(B, weight="distance"))
    net_info["compare"] = (ours, ref, float((got.reindex(want.index) - want).abs().max()))
    print(f"#   exact betweenness {COMPARE_NODES:,} nodes: navtrain (whole network_metrics) "
          f"{fmt(cpu(ours))} CPU, networkx {fmt(cpu(ref))} CPU", file=sys.stderr)
    return network, net_info


def wall(times: list[tuple[float, float]]) -> float:
    return statistics.median(t[0] for t in times)


def cpu(times: list[tuple[float, float]]) -> float:
    return statistics.median(t[1] for t in times)


def table(rows: list[tuple], target: float) -> str:
    lines = ["| function | size | wall median | wall min | CPU median | target | CPU < target | wall < target |",
             "|---|---:|---:|---:|---:|---:|:-:|:-:|"]
    for label, n, times in rows:
        lines.append(f"| `{label}` | {n:,} | {fmt(wall(times))} | {fmt(min(t[0] for t in times))} | "
                     f"{fmt(cpu(times))} | < {target:.0f} s | {'✓' if cpu(times) < target else '✗'} | "
                     f"{'✓' if wall(times) < target else '✗'} |")
    return "\n".join(lines)


def render(descriptive: list[tuple], network: list[tuple], info: dict, records: int, pool: int,
           repeats: int) -> str:
    machine = "\n".join(f"- {k}: {v}" for k, v in machine_info().items())
    slowest = max(descriptive, key=lambda r: cpu(r[2]))
    total = next(r for r in network if "+" in r[0])
    return f"""# Benchmarks: applicants and concentration

Generated by `benchmarks/bench_applicants.py` — do not edit by hand. Reproduce with
`python benchmarks/bench_applicants.py` (writes this file; `--quick` is a small smoke run
that only prints). Not part of `make test`.

## Machine

{machine}

## Data

- **Records**: {records:,} synthetic canonical documents (`numpy.random.default_rng({SEED})`),
  0.85 families per document, filed 2005–2024; applicants drawn from {pool:,} fictitious
  names with a Zipf-like law (P ∝ 1/rank^0.8), 1/2/3 applicants per document with
  probability 0.82/0.14/0.04; 600 IPC main groups (Zipf); offices CN/US/WO/EP/JP; priority
  countries with 3 % missing (exercising the first-filing fallback). Built in
  {info['build_s']:.1f} s (not timed).
- **Network**: {info['documents']:,} documents naming {info['nodes']:,} applicants (each at least
  once; 1/2/3 applicants with probability 0.8/0.15/0.05, Zipf-like activity):
  {info['edges']:,} co-applicant edges, co-application rate {info['co_rate']:.1%},
  {info['linked']:,} applicants with a partner, largest component {info['giant']:,} nodes,
  {info['components_3plus']:,} components of 3+ nodes.

Each descriptive case: `gc.collect()`, one untimed warm-up, {repeats} timed calls;
network cases: {max(1, repeats // 2)} timed call(s), no warm-up. Wall time is
`time.perf_counter`, CPU time `time.process_time` of this process (these cases run on
one core). The VM is shared with other jobs (load average above): under load wall time
exceeds CPU time, and CPU time itself grows (shared cores and caches) — a run at load
≈ 6 measured about 2× the CPU and 3–6× the wall times of a run at load ≈ 2 (e.g.
`applicant_ranking` 2.5 s CPU / 6.4 s wall vs 1.2 s / 1.8 s; the network pipeline 19 s /
47 s vs 16 s / 16 s). The targets are judged on both columns.

## Descriptive functions on {records:,} records (target < {TARGET_DESCRIPTIVE:.0f} s each)

{table(descriptive, TARGET_DESCRIPTIVE)}

## Co-applicant network on {info['nodes']:,} applicants (target < {TARGET_NETWORK:.0f} s)

{table(network, TARGET_NETWORK)}

## Notes

- Slowest descriptive case: `{slowest[0]}` ({fmt(cpu(slowest[2]))} CPU, {fmt(wall(slowest[2]))} wall).
  Functions that split `applicants_std` spend most of their time in
  `navtrain.clean.explode`, whose per-cell `s.map(_as_unique_list)` (one Python call per
  list cell, to strip and de-duplicate names) dominates at this size; everything after it is
  vectorised (`pd.factorize` + `np.bincount`, group-by counts).
- `network_metrics` computes betweenness per connected component with distance = 1/weight:
  exact for components of ≤ {EXACT_BETWEENNESS_NODES:,} nodes, otherwise from
  k = {BETWEENNESS_SAMPLES} seeded source nodes (Brandes & Pich 2007 estimate, scaled by
  |C|/k). The Brandes recursions run for all components at once with sparse matrix
  products (scipy), not networkx's per-source Python loop. Exact check on a
  {COMPARE_NODES:,}-node Barabási–Albert graph: the whole `network_metrics` (betweenness +
  Louvain + degrees) takes {fmt(cpu(info['compare'][0]))} CPU against
  {fmt(cpu(info['compare'][1]))} CPU for `networkx.betweenness_centrality` alone, and the
  values agree to {info['compare'][2]:.1e}. Louvain communities
  (networkx, fixed seed) on the {info['linked']:,} applicants with partners take most of
  the remaining time. Whole pipeline: {fmt(cpu(total[2]))} CPU, {fmt(wall(total[2]))} wall (median).
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k records, 10k applicants; prints only")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    warnings.simplefilter("error")
    records, pool, net = (100_000, 5_000, 10_000) if args.quick else (RECORDS, RECORD_POOL, NET_APPLICANTS)
    descriptive, build = run_descriptive(records, pool, max(1, args.repeats))
    gc.collect()
    network, info = run_network(net, max(1, args.repeats))
    info["build_s"] = build
    text = render(descriptive, network, info, records, pool, max(1, args.repeats))
    print(text)
    if not args.quick:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
        print(f"wrote {DOC.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
