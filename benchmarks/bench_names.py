"""Benchmark and truth-set evaluation of ``navtrain.names`` (name harmonisation).

Standalone (not part of the test suite). Two parts:

1. **Quality** on the analyst-cleaned truth set ``real/drones_applicant_cleaning_pairs.csv``
   of the real-data folder (see ``tests/conftest.py``; skipped when it is
   absent): pairwise precision/recall of the default settings on the full set, against the
   raw analyst labels and against the labels closed over trivial variants; the precision
   ceiling that the raw labels impose; a held-out figure (parameters tuned on a random
   half of the analyst's cleaned names, reported on the other half); and a breakdown of
   the remaining errors.
2. **Speed**: ``name_key``, ``harmonize_names`` on 1,000,000 applicant strings drawn from
   ~100,000 distinct synthetic (fictitious) names with variants, and ``harmonize`` on a
   1,000,000-row table; median of a few runs (``time.perf_counter``) and peak traced
   memory (``tracemalloc``, separate run).

    python benchmarks/bench_names.py            # both parts, rewrites docs/benchmarks/names.md
    python benchmarks/bench_names.py --quick    # 100k strings, prints only
    python benchmarks/bench_names.py --no-write # prints only

All names in the speed part are synthetic and fictitious.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import os
import platform
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import navtrain  # noqa: E402
from navtrain import names as nm  # noqa: E402

DOC = REPO / "docs" / "benchmarks" / "names.md"
TRUTH = REPO.parent / "shared" / "data" / "real" / "drones_applicant_cleaning_pairs.csv"
SEED = 20240601
N_BASE = 100_000
N_STRINGS = 1_000_000

# ----------------------------------------------------------------------------- quality


def _cell_labels(cells: pd.Series, mapping: pd.DataFrame, sep: str = ";") -> pd.Series:
    parts = cells.reset_index(drop=True).str.split(sep).explode().str.strip()
    parts = parts[parts.notna() & (parts != "")]
    gid = mapping.set_index("raw")["group_id"].reindex(parts.to_numpy()).to_numpy()
    lab = (pd.DataFrame({"c": parts.index.to_numpy(), "g": gid}).drop_duplicates().sort_values(["c", "g"])
           .groupby("c")["g"].agg(lambda g: tuple(g.tolist())))
    return lab.reindex(range(len(cells))).astype(object)


def _predict(cells: pd.Series, **options) -> pd.Series:
    parts = cells.str.split(";").explode().str.strip()
    parts = parts[parts.notna() & (parts != "")]
    mapping = nm.harmonize_names(parts.to_numpy(dtype=object), **options)
    return _cell_labels(cells, mapping)


def _pairs(labels: pd.Series) -> set[tuple[int, int]]:
    """All unordered pairs of item positions sharing a label (small label sets only)."""
    out: set[tuple[int, int]] = set()
    for members in pd.Series(range(len(labels))).groupby(labels.astype(str).to_numpy()).agg(list):
        out.update(itertools.combinations(sorted(members), 2))
    return out


def _fmt(r: dict) -> str:
    return (f"P = {r['precision']:.3f}, R = {r['recall']:.3f}, F1 = {r['f1']:.3f} "
            f"(TP {r['tp']}, predicted pairs {r['predicted_pairs']}, true pairs {r['true_pairs']})")


def quality() -> list[str]:
    if not TRUTH.is_file():
        return ["## Quality on the truth set", "", f"Skipped: {TRUTH} is absent (team machines only).", ""]
    d = pd.read_csv(TRUTH)
    raw, analyst = d["applicant"], d["applicant_cleaned"]
    closed = pd.Series(nm.close_trivial_variants(raw, analyst))
    lines = ["## Quality on the truth set", "",
             f"`{TRUTH.name}`: {len(d):,} raw applicant cells (several names joined by `;`), "
             f"{analyst.nunique():,} distinct cleaned cells; an item is a raw cell, its predicted label "
             "the set of groups of its names (`evaluate_cleaning`).", ""]

    configs = {
        "keys only (no word rules, no fuzzy)": dict(threshold=None, word_rules=False),
        "keys + word rules (order-free, person extensions)": dict(threshold=None),
        "**default**: keys + word rules + fuzzy (ratio ≥ 93)": dict(),
    }
    lines += ["### Full set", "", "| setting | raw analyst labels | labels closed over trivial variants |",
              "|---|---|---|"]
    preds = {}
    for name, opts in configs.items():
        t0 = time.perf_counter()
        pred = _predict(raw, **opts)
        preds[name] = pred
        r1, r2 = nm.pairwise_pr(analyst, pred), nm.pairwise_pr(closed, pred)
        lines.append(f"| {name} | {_fmt(r1)} | {_fmt(r2)} |")
        print(f"  {name}: {time.perf_counter() - t0:.1f} s", flush=True)
    lines.append("")

    # ceiling: pairs of cells that are identical up to case/accents/punctuation, labelled apart
    t_raw = nm.pairwise_pr(analyst, analyst)["true_pairs"]
    trivial = nm.pairwise_pr(analyst, nm._trivial_cell_keys(raw))
    forced = trivial["predicted_pairs"] - trivial["tp"]
    t_closed = nm.pairwise_pr(closed, closed)["true_pairs"]
    best_p = t_raw / (t_raw + forced)
    need_tp = int(np.ceil(0.95 * forced / 0.05))
    lines += ["### Precision ceiling of the raw labels", "",
              f"{forced} pairs of cells are identical up to case, accents, punctuation and spacing (same "
              "trivial key: each name case-folded, accent-free, letters and digits only) but carry different "
              "analyst labels — e.g. *Universität Zürich* / *UNIVERSITÄT ZÜRICH*, *Dell Products LP* / "
              "*Dell Products L.P.*, *Kónya Lajos* / *KÓNYA Lajos*. Any harmoniser that folds case and "
              f"accents predicts those pairs, so even with perfect recall (TP = {t_raw}) its precision is "
              f"at most {t_raw} / ({t_raw} + {forced}) = **{best_p:.3f}**; P ≥ 0.95 would need TP ≥ "
              f"{need_tp}, more than the {t_raw} true pairs that exist. The *closed* labels join the "
              f"analyst labels connected by such trivial variants (true pairs {t_raw} → {t_closed}; "
              "`close_trivial_variants`).", ""]

    # held-out: tune on a random half of the cleaned names, report on the other half
    rng = np.random.default_rng(SEED)
    names = analyst.unique()
    half = set(rng.choice(names, size=len(names) // 2, replace=False).tolist())
    in_a = analyst.isin(half).to_numpy()
    grid = [dict(threshold=None, word_rules=False), dict(threshold=None)]
    grid += [dict(scorer=s, threshold=t) for s in ("ratio", "token_sort", "jaro_winkler")
             for t in (85.0, 88.0, 90.0, 93.0, 95.0)]
    scored = []
    for opts in grid:
        pred_a = _predict(raw[in_a].reset_index(drop=True), **opts)
        r = nm.pairwise_pr(analyst[in_a].reset_index(drop=True), pred_a)
        scored.append((r["f1"], r, opts))
    scored.sort(key=lambda x: -x[0])
    _, r_a, best = scored[0]
    pred_b = _predict(raw[~in_a].reset_index(drop=True), **best)
    r_b = nm.pairwise_pr(analyst[~in_a].reset_index(drop=True), pred_b)
    closed_b = pd.Series(nm.close_trivial_variants(raw[~in_a], analyst[~in_a]))
    r_bc = nm.pairwise_pr(closed_b, pred_b)
    lines += ["### Held-out", "",
              f"Cleaned names split at random (seed {SEED}) into halves A ({int(in_a.sum()):,} cells) and "
              f"B ({int((~in_a).sum()):,} cells). {len(grid)} settings (keys only, word rules, and "
              "ratio / token_sort / jaro_winkler at 85–95) were scored on A by pairwise F1 against the raw "
              f"labels; the best, `{best}`, scored {_fmt(r_a)} on A. On B it scores:", "",
              f"- raw analyst labels: {_fmt(r_b)}",
              f"- labels closed over trivial variants: {_fmt(r_bc)}", ""]
    lines += ["| setting (on half A) | F1 | P | R |", "|---|---:|---:|---:|"]
    for f1, r, opts in scored:
        lines.append(f"| `{opts}` | {f1:.3f} | {r['precision']:.3f} | {r['recall']:.3f} |")
    lines.append("")

    # error breakdown of the default setting, against the closed labels
    pred = preds["**default**: keys + word rules + fuzzy (ratio ≥ 93)"]
    steps = [preds["keys only (no word rules, no fuzzy)"],
             preds["keys + word rules (order-free, person extensions)"], pred]
    truth_pairs, pred_pairs = _pairs(closed), _pairs(pred)
    fp = pred_pairs - truth_pairs
    fn = truth_pairs - pred_pairs
    step_pairs = [_pairs(p) for p in steps]
    by_step = [len(fp & step_pairs[0]), len((fp & step_pairs[1]) - step_pairs[0]),
               len(fp - step_pairs[1])]
    words = _predict_words(raw)
    multi = [(a, b) for a, b in fn if ";" in raw[a] or ";" in raw[b]]
    single = [(a, b) for a, b in fn if (a, b) not in set(multi)]
    typo = [(a, b) for a, b in single if _typo_only(words[a], words[b])]
    n_entity = len(single) - len(typo)
    lines += ["### Where the errors are (default setting, closed labels)", "",
              f"False-positive pairs: {len(fp)} — {by_step[0]} already from identical keys (legal-form "
              "differences the analyst kept apart, e.g. *Astrium GmbH* / *ASTRIUM SAS*, *OOO \"PARAFARM\"* / "
              f"*Parafarm LLC*), {by_step[1]} added by the word rules, {by_step[2]} added by fuzzy matching "
              "(mostly typo variants the analyst left unmerged: *Sumsung* / *Samsung Electronics*, "
              "*Internaitonal Business Machines*, *Honeyweill International*).", "",
              f"False-negative pairs: {len(fn)}:", "",
              f"- {n_entity} between single-name cells whose names differ by whole words — the analyst "
              "(working from Derwent) merged a subsidiary, division, country arm, renamed or abbreviated "
              "entity into another: *Motorola Inc.* / *Motorola Solutions Inc.*, *Northrop Grumman Corp* / "
              "*Northrop Grumman Systems Corporation*, *Airbus SAS* / *AIRBUS GROUP SAS*, *JAPAN AEROSPACE "
              "EXPLORATION AGENCY* / *NATIONAL AEROSPACE LABORATORY OF JAPAN*. No string rule can tell "
              "these from different entities (it would merge *Sony* with *Sony Electronics* too); an override "
              "table (`parent` column) can;",
              f"- {len(typo)} between single-name cells whose words match up to typos but were still missed "
              "(a typo in a short word, or two typos);",
              f"- {len(multi)} involving multi-name cells that differ in one co-applicant (a middle name added "
              "to one inventor-applicant, one subsidiary among several applicants).", "",
              f"Recall without the whole-word (entity-level) pairs: "
              f"{(len(truth_pairs) - len(fn)) / (len(truth_pairs) - n_entity):.3f} "
              f"(now {(len(truth_pairs) - len(fn)) / len(truth_pairs):.3f}).", ""]
    return lines


def _predict_words(cells: pd.Series) -> list[set[str]]:
    parts = cells.str.split(";").explode().str.strip()
    keyed = pd.Series(nm._keys_of_unique(parts.to_numpy(dtype=object), "applicant")[1], index=parts.index)
    return keyed.str.split().groupby(level=0).agg(lambda ws: set(itertools.chain.from_iterable(ws))).tolist()


def _typo_only(a: set[str], b: set[str]) -> bool:
    """Both names' words pair up, each within the key's typo budget (no word added or replaced)."""
    from rapidfuzz.distance import Levenshtein

    rest_a, rest_b = sorted(a - b), sorted(b - a)
    if len(rest_a) != len(rest_b):
        return False
    for w in rest_a:
        hit = next((v for v in rest_b if Levenshtein.distance(w, v) <= max(1, nm._typo_budget(min(w, v, key=len)))),
                   None)
        if hit is None:
            return False
        rest_b.remove(hit)
    return True


# ----------------------------------------------------------------------------- speed

_ZH_SYL = np.array([*"华中原晶钻金锋砺磨微粉嵩岳豫东新星天宇瑞丰恒通达远盛泰隆鑫源博创汇海联智云"], dtype=object)
_EN_SYL = np.array(["ka", "lo", "mi", "ter", "van", "sol", "ber", "dri", "qua", "zen", "tor", "lux",
                    "nor", "vel", "sar", "dex", "pol", "rin", "mar", "tec"], dtype=object)
_CITY = np.array(["郑州", "洛阳", "许昌", "商丘", "新乡", "南阳", "开封", "平顶山", "焦作", "安阳"], dtype=object)
_ZH_IND = np.array(["科技", "材料", "磨具", "超硬材料", "机械", "电子", "新能源", "智能装备"], dtype=object)
_ZH_FORM = np.array(["有限公司", "股份有限公司", "有限责任公司"], dtype=object)
_EN_IND = np.array(["Technology", "Materials", "Systems", "Robotics", "Electronics", "Instruments"], dtype=object)
_EN_FORM = np.array(["Co., Ltd.", "CO LTD", "Inc.", "Corporation", "Corp", "GmbH", "S.A.", "LLC"], dtype=object)


def synthetic_names(n_base: int = N_BASE, n: int = N_STRINGS, seed: int = SEED) -> tuple[np.ndarray, int]:
    """``n`` fictitious applicant strings from ``n_base`` entities with spelling variants.

    Half the entities are Chinese-style (city + 3-syllable brand + industry + legal form),
    half Latin (3-syllable brand + industry + legal form). Variants: legal form swapped,
    a region in full-width brackets, upper case, spacing/punctuation, one typo. Entity
    frequencies are Zipf-like (a few large applicants, a long tail).
    """
    rng = np.random.default_rng(seed)
    number = pd.Series(np.char.mod("%d", rng.integers(0, 100, n_base)).astype(object))
    zs = rng.integers(0, len(_ZH_SYL), size=(n_base, 3))
    es = rng.integers(0, len(_EN_SYL), size=(n_base, 3))
    brand_zh = pd.Series(_ZH_SYL[zs[:, 0]]) + _ZH_SYL[zs[:, 1]] + _ZH_SYL[zs[:, 2]] + number
    brand_en = pd.Series(_EN_SYL[es[:, 0]]) + _EN_SYL[es[:, 1]] + _EN_SYL[es[:, 2]] + number
    zh = rng.random(n_base) < 0.5
    ind_zh = _ZH_IND[rng.integers(0, len(_ZH_IND), n_base)]
    ind_en = _EN_IND[rng.integers(0, len(_EN_IND), n_base)]
    city = _CITY[rng.integers(0, len(_CITY), n_base)]
    base_zh = pd.Series(city) + brand_zh + ind_zh
    base_en = brand_en.str.capitalize() + " " + ind_en
    # draw entities (Zipf-like), then a variant for each occurrence
    weights = 1.0 / np.arange(1, n_base + 1) ** 0.8
    ent = rng.choice(n_base, size=n, p=weights / weights.sum())
    var = rng.integers(0, 6, size=n)
    is_zh = zh[ent]
    form_zh = _ZH_FORM[np.where(var == 1, 1, np.where(var == 2, 2, 0))]
    form_en = _EN_FORM[rng.integers(0, len(_EN_FORM), n)]
    out = np.where(is_zh, (base_zh.to_numpy()[ent] + form_zh), (base_en.to_numpy()[ent] + " " + form_en)).astype(object)
    s = pd.Series(out, dtype=object)
    region = (var == 3) & is_zh
    s[region] = s[region] + "（" + city[ent[region]] + "）"
    upper = (var == 4) & ~is_zh
    s[upper] = s[upper].str.upper()
    typo = (var == 5) & ~is_zh
    s[typo] = s[typo].str.slice_replace(2, 3, "x")
    return s.to_numpy(dtype=object), int(n_base)


def _time(fn, repeats: int) -> tuple[float, float, float]:
    """Median and min wall time, and median CPU time of this process (all threads)."""
    gc.collect()
    fn()  # warm-up (also fills the legal-forms cache)
    walls, cpus = [], []
    for _ in range(repeats):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def _peak(fn) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def speed(n: int, repeats: int) -> list[str]:
    t0 = time.perf_counter()
    strings, n_base = synthetic_names(n=n)
    build = time.perf_counter() - t0
    distinct = len(pd.unique(strings))
    rng = np.random.default_rng(SEED + 1)
    n_rows = n // 2
    lengths = rng.integers(1, 4, size=n_rows)
    ends = np.cumsum(lengths)
    flat = strings[rng.integers(0, len(strings), size=int(ends[-1]))].tolist()
    table = pd.DataFrame({"pub_no": np.char.add("CN", np.arange(n_rows).astype(str)).astype(object),
                          "applicants": [flat[a:b] for a, b in zip((ends - lengths).tolist(), ends.tolist(),
                                                                   strict=True)]})
    series = pd.Series(strings, dtype=object)
    cases = [
        (f"`name_key(names)` ({n:,} strings)", lambda: nm.name_key(series)),
        (f"`harmonize_names(names)` ({n:,} strings)", lambda: nm.harmonize_names(series)),
        (f"`harmonize(df)` ({n_rows:,} rows, {len(flat):,} names)", lambda: nm.harmonize(table)),
    ]
    h = nm.harmonize_names(series)
    lines = ["## Speed", "",
             f"Synthetic input (seed {SEED}, fictitious names): {n:,} applicant strings drawn (Zipf-like) "
             f"from {n_base:,} entities, half Chinese-style and half Latin, with variants (legal form "
             "swapped, region in full-width brackets, upper case, one typo): "
             f"{distinct:,} distinct strings, which the default settings group into "
             f"{h.attrs['groups']:,} groups. Built in {build:.1f} s (not timed).", "",
             f"Each case: one warm-up call, then {repeats} timed calls: wall time (median, min) and CPU "
             "time of the process (median; all threads, so on a machine shared with other jobs it is the "
             "better guide to the cost); peak memory from `tracemalloc` in a separate call (Python "
             "allocations, including numpy/pandas buffers; not pyarrow's).", "",
             "| step | wall median | wall min | CPU median | peak traced memory |", "|---|---:|---:|---:|---:|"]
    for label, fn in cases:
        med, low, cpu = _time(fn, repeats)
        peak = _peak(fn)
        lines.append(f"| {label} | {med:.2f} s | {low:.2f} s | {cpu:.2f} s | {peak:,.0f} MiB |")
        print(f"  {label}: {med:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MiB", flush=True)
    lines.append("")
    return lines


def machine() -> list[str]:
    import rapidfuzz

    return ["## Machine", "",
            f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
            f"- cpu: {os.cpu_count()} logical CPUs ({platform.machine()})",
            f"- python: {platform.python_version()}", f"- pandas: {pd.__version__}",
            f"- numpy: {np.__version__}", f"- rapidfuzz: {rapidfuzz.__version__}",
            f"- navtrain: {navtrain.__version__}", f"- platform: {platform.platform()}",
            f"- load average when started: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
            "(other jobs shared the machine if above the CPU count)", ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="100k strings, speed only, print only")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    lines = ["# Benchmarks: name harmonisation (`navtrain.names`)", "",
             "Generated by `benchmarks/bench_names.py` — do not edit by hand. Method and discussion: "
             "`docs/names.md`. Benchmarks are not part of `make test`.", ""]
    lines += machine()
    if not args.quick:
        print("quality ...", flush=True)
        lines += quality()
    print("speed ...", flush=True)
    lines += speed(100_000 if args.quick else N_STRINGS, 3)
    text = "\n".join(lines).rstrip() + "\n"
    print(text)
    if not (args.quick or args.no_write):
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
        print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
