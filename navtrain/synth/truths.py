"""The truths a case plants (the answers exercises grade against) and the diagnosis rule
applied to them: segments (growth parameters, stages, realised position, 强链/补链/延链),
applicants (raw name → legal entity → group), people, documents and matrix cells.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from navtrain.chain import TIERS, Chain, diagnosis_rule, load_chain
from navtrain.errors import UnknownNameError
from navtrain.synth.core import logistic_cumulative, stage_of
from navtrain.synth.spec import DIAGNOSIS_RULE, LAYERS, ChainSpec, last_complete_year

if TYPE_CHECKING:
    from navtrain.synth.people import Actors as _Actors
    from navtrain.synth.people import People as _People

__all__ = ["diagnose", "make_truths"]


# =========================================================================== diagnosis rule
def diagnose(segments: pd.DataFrame, rule: Mapping[str, float] | None = None,
             chain: str | Path | Chain | None = None) -> pd.Series:
    """强链/补链/延链/维持 of a truth segment table by the library's one rule,
    :func:`navtrain.chain.diagnosis_rule` (the rule :func:`navtrain.chain.diagnose_chain` applies).

    Indicators of ``truth_segments.csv``: RTA = ``rta_region``, national growth =
    ``nation_cagr_5y``, still active = ``stage_nation`` is 成长期 or 成熟期 (the planted
    national logistic has not passed 90 % of K). Links: those of ``chain`` (the case name,
    read by :func:`navtrain.chain.load_chain`: tier order plus the spec's ``feeds``/``extends``);
    without one, the tier order plus a link into each segment flagged ``extension`` from every
    other segment. ``rule`` overrides thresholds of :data:`DIAGNOSIS_RULE` (``strong_rta``,
    ``weak_rta``, ``absent_rta``, ``growth``). A segment the spec plants no diagnosis for is
    written ``—`` in the truth file; the rule calls it 维持.

    >>> segs = pd.DataFrame({"segment": ["a", "b", "c", "d"],
    ...                      "tier": ["upstream", "midstream", "downstream", "downstream"],
    ...                      "rta_region": [0.3, 1.5, 0.05, 1.0], "nation_cagr_5y": [0.2, 0.0, 0.3, 0.2],
    ...                      "stage_nation": ["成长期", "成熟期", "成长期", "成长期"],
    ...                      "extension": [False, False, True, False]})
    >>> diagnose(segs).tolist()
    ['补链', '强链', '延链', '维持']
    """
    thresholds = {k: v for k, v in DIAGNOSIS_RULE.items() if k != "active"}
    unknown = sorted(set(rule or {}) - set(thresholds))
    if unknown:
        raise UnknownNameError(f"unknown diagnosis threshold {unknown[0]!r}", fix=f"use {', '.join(thresholds)}",
                               hint="诊断规则没有这个阈值")
    thresholds.update(rule or {})
    seg = segments["segment"].astype(str)
    if chain is not None:
        links = list(load_chain(chain).links)
    else:
        tiers = segments["tier"].astype(str).to_numpy()
        present = [t for t in TIERS if (tiers == t).any()]
        links = [(a, b) for t0, t1 in itertools.pairwise(present)
                 for a in seg[tiers == t0] for b in seg[tiers == t1]]
        ext = seg[segments["extension"].astype(str).str.lower().isin(["true", "1"]).to_numpy()]
        links += [(a, b) for b in ext for a in seg if a != b]
    active = segments["stage_nation"].isin(["成长期", "成熟期"]).to_numpy()
    out = diagnosis_rule(seg, segments["rta_region"], segments["nation_cagr_5y"], active, links, **thresholds)
    return pd.Series(out["diagnosis"].to_numpy(), index=segments.index, name="diagnosis_rule")


# =========================================================================== truths
def make_truths(spec: ChainSpec, actors: _Actors, people: _People, f: pd.DataFrame, rows: pd.DataFrame,
                patents: pd.DataFrame, extra: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The truth tables of a generated case: segments, applicants, people, documents, matrix."""
    T = actors.table
    segs = spec.segments
    last = last_complete_year(spec.cutoff)  # basis.incomplete_years with the 18-month lag
    years = np.arange(spec.start_year, spec.cutoff.year + 1)
    is_cn = (rows["office"] == "CN").to_numpy()
    layer = rows["layer"].to_numpy()
    seg = rows["seg"].to_numpy()
    yr = rows["year"].to_numpy()
    # ---- segments: parameters, stages, realised regional position
    cn_dom = is_cn & (layer < 2)
    region_total = (cn_dom & (layer == 0)).sum() / max(cn_dom.sum(), 1)
    recs = []
    for si, s in enumerate(segs):
        g = {ly: s.growth[ly] for ly in LAYERS}
        F = {ly: (logistic_cumulative(last, g[ly].K, g[ly].t_m, g[ly].dt) / g[ly].K if g[ly].K else np.nan)
             for ly in LAYERS}
        nat_cum = sum(logistic_cumulative(last, g[ly].K, g[ly].t_m, g[ly].dt) for ly in ("region", "domestic"))
        nat_K = g["region"].K + g["domestic"].K
        in_seg = cn_dom & (seg == si)
        n_reg = int((in_seg & (layer == 0)).sum())
        n_nat = int(in_seg.sum())
        counts = np.bincount(yr[in_seg] - spec.start_year, minlength=len(years))
        c_last, c_first = counts[last - spec.start_year], counts[last - 5 - spec.start_year]
        cagr = (c_last / c_first) ** 0.2 - 1 if c_first > 0 else np.nan
        share = n_reg / n_nat if n_nat else np.nan
        reg_names = {x for lst in patents.loc[in_seg & (layer == 0), "applicants_std"] for x in lst}
        frn = int((is_cn & (layer == 2) & (seg == si)).sum())
        fam_world = int(f.loc[f["seg"] == si, "fid"].isin(rows["fid"]).sum())
        recs.append(dict(
            segment=s.id, name=s.name, name_en=s.name_en, tier=s.tier, diagnosis=s.diagnosis,
            **{f"{k}_{ly}": getattr(g[ly], k) for ly in LAYERS for k in ("K", "t_m", "dt")},
            stage_region=stage_of(F["region"]).item() if g["region"].K else "",
            stage_nation=stage_of(nat_cum / nat_K).item() if nat_K else "",
            stage_foreign=stage_of(F["foreign"]).item() if g["foreign"].K else "",
            docs_region=n_reg, docs_nation=n_nat, docs_foreign_cn=frn, families_world=fam_world,
            region_share=round(share, 4), rta_region=round(share / region_total, 3) if n_nat else np.nan,
            nation_cagr_5y=round(float(cagr), 4), region_applicants=len(reg_names), extension=s.extension,
            note=s.note))
    seg_t = pd.DataFrame(recs)
    # ---- applicants: raw name → legal entity → group
    name = T["name"].to_numpy()
    group = T["group"].to_numpy()
    a = rows["actor"].to_numpy()
    c = rows["co_actor"].to_numpy()
    pairs = pd.DataFrame({
        "raw_name": np.r_[extra["raw1"], extra["raw2"][c >= 0]],
        "actor": np.r_[a, c[c >= 0]],
        "variant_kind": np.r_[extra["vkind1"], extra["vkind2"][c >= 0]],
    })
    app_t = (pairs.groupby(["raw_name", "actor", "variant_kind"], sort=True).size().rename("documents")
             .reset_index())
    app_t["entity"] = name[app_t["actor"]]
    app_t["group"] = group[app_t["actor"]]
    app_t["layer"] = T["layer"].to_numpy()[app_t["actor"]]
    app_t["kind"] = T["kind"].to_numpy()[app_t["actor"]]
    app_t["anchor"] = T["anchor"].to_numpy()[app_t["actor"]]
    app_t["actor_id"] = np.char.add("A", np.char.zfill(app_t["actor"].to_numpy().astype(str), 4))
    app_t = app_t[["raw_name", "entity", "group", "variant_kind", "layer", "kind", "anchor", "actor_id",
                   "documents"]].sort_values(["group", "entity", "raw_name"], kind="stable").reset_index(drop=True)
    # ---- people: true identities, movers, homonyms
    mem = people.members
    used = rows["inventor_ids"].str.split(";").explode()
    used = used[used.notna() & (used != "")]
    n_docs = used.value_counts()
    mem_sorted = mem.sort_values(["person", "start"], kind="stable")
    spells = mem_sorted.assign(entity=name[mem_sorted["actor"].to_numpy()],
                               span=lambda x: x["start"].astype(str) + "-" + x["end"].astype(str).str.replace(
                                   "9999", "", regex=False))
    per = spells.groupby("person", sort=True).agg(
        name=("name", "first"), name_en=("name_en", "first"), entities=("entity", ";".join),
        spans=("span", ";".join), mover=("mover", "max"), homonym_group=("homonym_group", "max"))
    per.index = "P" + pd.Index(per.index.astype(str)).str.zfill(5)
    per["documents"] = n_docs.reindex(per.index).fillna(0).astype(int)
    per = per[per["documents"] > 0].rename_axis("person_id").reset_index()
    # ---- documents
    doc_t = pd.DataFrame({
        "pub_no": patents["pub_no"], "family_id": patents["family_id"],
        "segment": np.array([s.id for s in segs], dtype=object)[seg],
        "layer": np.array(LAYERS, dtype=object)[layer],
        "applicant_groups": np.where(c >= 0, group[a] + ";" + group[np.maximum(c, 0)], group[a]),
        "inventor_ids": rows["inventor_ids"].to_numpy(),
        "quality": np.round(rows["quality"].to_numpy(), 3),
    })
    # ---- technology means × effect matrix: planted cells
    tags = pd.DataFrame({"means": patents["tag_means"], "effect": patents["tag_effects"],
                         "segment": doc_t["segment"]})
    tags = tags.explode("means").explode("effect").dropna()
    cell = tags.groupby(["means", "effect"]).size()
    rt = tags.groupby("means").size()
    ct = tags.groupby("effect").size()
    total = len(tags)
    mrecs = []
    for kind, cells in (("blank", spec.blank_cells), ("hot", spec.hot_cells)):
        for mn, ef in cells:
            owner = next(s.id for s in segs if mn in s.means)
            mrecs.append(dict(kind=kind, means=mn, effect=ef, segment=owner, observed=int(cell.get((mn, ef), 0)),
                              expected=round(float(rt.get(mn, 0) * ct.get(ef, 0) / max(total, 1)), 2),
                              row_total=int(rt.get(mn, 0)), column_total=int(ct.get(ef, 0))))
    mat_t = pd.DataFrame(mrecs, columns=["kind", "means", "effect", "segment", "observed", "expected", "row_total",
                                         "column_total"])
    return {"segments": seg_t, "applicants": app_t, "people": per, "documents": doc_t, "matrix": mat_t}
