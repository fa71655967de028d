"""Calibration report and the data card (``datasets/<case>/README.md``) of a generated case."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from navtrain.synth.spec import CALIBRATION, GENERATOR_VERSION, last_complete_year

if TYPE_CHECKING:
    from navtrain.synth.documents import SynthData

__all__ = ["calibration_report", "data_card"]


# =========================================================================== calibration
def _join_cells(s: pd.Series) -> pd.Series:
    return s.map(";".join)  # list cells: one call per cell


def calibration_report(data: SynthData) -> pd.DataFrame:
    """Measured marginals of a generated case next to their stated bands (:data:`CALIBRATION`
    plus the case's own ``[calibration]`` bands). Columns: metric, value, low, high, ok, source.

    >>> from navtrain.synth import generate
    >>> rep = calibration_report(generate("superhard", scale=0.2))
    >>> {"invention_grant_rate", "top10_share"} <= set(rep["metric"])
    True
    """
    t = data.patents
    rows = data.frames["rows"]
    cn = (t["office"] == "CN").to_numpy()
    dom = cn & (rows["layer"].to_numpy() < 2)
    frn = cn & (rows["layer"].to_numpy() == 2)
    inv = (t["patent_type"] == "invention").to_numpy()
    um = (t["patent_type"] == "utility_model").to_numpy()
    ev = _join_cells(t["legal_events"])
    g = ev.str.contains("授权").to_numpy()
    r = ev.str.contains("驳回|视为撤回").to_numpy()
    cut = data.spec.cutoff

    def rate(mask: np.ndarray) -> float:
        den = (mask & (g | r)).sum()
        return float((mask & g).sum() / den) if den else float("nan")

    months = 365.25 / 12
    pub1 = rows["pub1"].to_numpy()
    app = rows["app"].to_numpy()
    grant = rows["grant"].to_numpy()
    m: dict[str, float] = {
        "invention_grant_rate": rate(dom & inv),
        "foreign_grant_rate": rate(frn & inv),
        "invention_pub_lag_median_months": float(np.median((pub1 - app)[dom & inv]) / months),
        "um_pub_lag_median_months": float(np.median((pub1 - app)[dom & um]) / months) if (dom & um).any()
        else float("nan"),
        "invention_grant_lag_median_months": float(np.nanmedian((grant - app)[dom & inv & g]) / months),
    }
    std = t.loc[dom, "applicants_std"]
    long = std.explode()
    top = long.value_counts().head(10).index
    m["top10_share"] = float(long.isin(top).groupby(level=0).any().reindex(std.index, fill_value=False).mean())
    m["coapplication_share"] = float((std.str.len() >= 2).mean())
    m["university_invention_share"] = float((t.loc[dom & inv, "applicant_type"] == "university").mean())
    fam_off = (t["office"] != "CN").groupby(t["family_id"]).any()
    m["overseas_family_share"] = float(t.loc[dom & inv, "family_id"].map(fam_off).mean())
    y = t["app_date"].dt.year.to_numpy()
    old = dom & inv & g & (y >= cut.year - 15) & (y <= cut.year - 10)
    m["valid_share_granted_10y"] = float((t.loc[old, "legal_status"] == "valid").mean()) if old.any() else float("nan")
    bands: dict[str, tuple[float, float, str]] = dict(CALIBRATION)
    spec_cal = dict(data.spec.calibration)
    district = spec_cal.pop("cluster_district", None)
    for key, band in spec_cal.items():
        bands[key] = band
    if "invention_share" in bands:
        m["invention_share"] = float(inv[dom].mean())
    if "cluster_um_share" in bands and district:
        firm = (t["applicant_type"].isin(["enterprise", "individual"])).to_numpy()
        in_cl = dom & firm & t["applicant_address"].fillna("").str.contains(district).to_numpy() & (inv | um)
        m["cluster_um_share"] = float(um[in_cl].mean()) if in_cl.any() else float("nan")
    out = pd.DataFrame([dict(metric=k, value=round(v, 4), low=bands[k][0], high=bands[k][1],
                             ok=bool(bands[k][0] <= v <= bands[k][1]), source=bands[k][2]) for k, v in m.items()])
    return out



# =========================================================================== data card
def _md_table(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in df.astype(object).itertuples(index=False):  # a small summary table
        cells = []
        for v in row:
            if isinstance(v, float):
                cells.append("" if math.isnan(v) else f"{v:.4g}")
            else:
                cells.append(str(v).replace("|", "/"))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def data_card(data: SynthData, files: Mapping[str, bytes], calib: pd.DataFrame) -> str:
    """The data card (``README.md``) of a generated case: notice, background, files, parameters,
    schema, known truths and calibration (Markdown, deterministic)."""
    spec = data.spec
    t = data.patents
    tr = data.truths
    seg = tr["segments"]
    last = last_complete_year(spec.cutoff)
    cn = t["office"] == "CN"
    layer = data.frames["rows"]["layer"].to_numpy()
    n_fam = t["family_id"].nunique()
    lines = [
        f"# {spec.case} · {spec.title}（合成数据 / synthetic）",
        "",
        "> **合成数据声明**：本数据为教学用合成数据，企业、高校、机构与人员名称均为虚构，任何相似纯属巧合；"
        "数字不反映任何真实主体的情况。产业背景（地名、产业集群、技术路线）为真实语境，仅用于叙事。",
        "> **Synthetic data**: every firm, university, institute and person name is fictitious (any resemblance is "
        "coincidental) and no figure is a fact about a real organisation. The industrial context (places, clusters, "
        "technology routes) is real and serves the narrative only.",
        "",
        f"**Scenario · 导航类型**: {spec.scenario} — {spec.scenario_en} ({spec.standard_part}).",
        "",
        "## 背景 · Background",
        "",
        spec.narrative.strip(),
        "",
        spec.narrative_en.strip(),
        "",
        "## Files · 文件",
        "",
        _md_table(pd.DataFrame([
            ("patents.csv.gz", f"{len(t)} documents (篇), one per application: {t['app_no'].nunique()} "
             f"applications (件) in {n_fam} simple families (项)",
             "canonical table (docs/schema.md) + `tag_means`, `tag_effects`; lists joined with `;`"),
            (f"raw_{spec.raw_layout}_sample.csv", f"{len(data.raw_sample)} documents",
             f"the same kind of records in the raw {spec.raw_layout} export layout (UTF-8 with BOM)"),
            ("truth_segments.csv", f"{len(seg)} segments", "chain truths: growth parameters, stages, 强链/补链/延链"),
            ("truth_applicants.csv.gz", f"{len(tr['applicants'])} raw names", "raw name → legal entity → group"),
            ("truth_people.csv.gz", f"{len(tr['people'])} inventors", "true inventor identities, movers, homonyms"),
            ("truth_documents.csv.gz", f"{len(tr['documents'])} documents",
             "per document: true segment, layer, applicant groups, inventor ids (aligned with `inventors`)"),
            ("truth_matrix.csv", f"{len(tr['matrix'])} cells", "planted blank and hot means × effect cells"),
            ("build.json", "", "seed, generator version, checksums"),
        ], columns=["file", "rows", "content"])),
        "",
        "Units · 计数单位: 件 = applications (distinct 申请号), 项 = families, 篇 = documents (rows); see "
        "docs/vocabulary.md. This wording is new in navtrain 0.2 (0.1 wrote 'documents (件)'); every data file "
        "is byte-identical to 0.1.",
        "",
        f"Rows by office: {', '.join(f'{k} {v}' for k, v in t['office'].value_counts().sort_index().items())}. "
        f"Chinese documents by layer: 本地区 (region, {spec.region.get('label', spec.region.get('province'))}) "
        f"{int((cn & (layer == 0)).sum())}, 国内其他省份 {int((cn & (layer == 1)).sum())}, "
        f"国外申请人 {int((cn & (layer == 2)).sum())}. Types (CN): "
        + ", ".join(f"{k} {v}" for k, v in t.loc[cn, "patent_type"].value_counts().sort_index().items()) + ".",
        "",
        "## Generation parameters · 生成参数",
        "",
        f"- generator `navtrain.synth` version {GENERATOR_VERSION}; seed {data.seed}; scale {data.scale:g}; "
        f"filing years {spec.start_year}–{spec.cutoff.year}; data cut-off (检索截止日) {spec.cutoff.date()}.",
        f"- chain spec `navtrain/data/chains/{spec.case}.toml` (segments, IPC patterns, keywords, growth per layer).",
        "- model parameters: " + ", ".join(f"`{k}` = {v:g}" for k, v in spec.params.items()) + ".",
        "- rebuild: `navtrain datasets build` (byte-identical; `build.json` lists the checksums).",
        "- growth: cumulative eventually-published first filings N(t) = K / (1 + exp(−ln 81 · (t − t_m) / Δt)) "
        "per segment and layer (Loglet Lab form); yearly counts N(y) − N(y−1), Poisson noise. "
        "Documents not yet published at the cut-off are absent.",
        "",
        "## Schema · 字段",
        "",
        "All canonical columns of `docs/schema.md` (`source = synthetic`), one row per document: a Chinese "
        "application appears once, as its latest publication (B/U/S when granted, else A), with `pub_date` the "
        "date of that publication; overseas family members are their own rows (English titles and names, "
        "`applicants_std` in Chinese). Extra columns: `tag_means` (技术手段) and `tag_effects` (技术功效), the "
        "analyst's indexing (标引) for the technology–function matrix, lists joined with `;` (empty for designs). "
        "`applicants_std` holds the true legal entity (variants and typos merged; subsidiaries kept apart); the "
        "group level is only in `truth_applicants.csv.gz`. Harmonisation exercises should drop `applicants_std` "
        "and grade against `truth_applicants.csv.gz`.",
        "",
        "## Known truths · 标准答案",
        "",
        f"### Industry chain: life cycle and 强链/补链/延链 (stage at {last}, the last complete filing year)",
        "",
        "Stage rule (Loglet reading of the planted logistic): F = N(t)/K < 0.1 萌芽期, < 0.5 成长期, < 0.9 成熟期, "
        "else 衰退期. 本地区 = the region layer; nation = region + other provinces (Chinese applicants). "
        "RTA = region share of the segment ÷ region share of the whole chain (Chinese documents of Chinese "
        "applicants). 5-year CAGR over complete years "
        f"{last - 5}–{last}.",
        "",
        _md_table(seg[["segment", "name", "tier", "K_region", "t_m_region", "dt_region", "K_domestic", "t_m_domestic",
                       "dt_domestic", "stage_region", "stage_nation", "docs_region", "docs_nation", "region_share",
                       "rta_region", "nation_cagr_5y", "diagnosis"]]),
        "",
    ]
    notes = seg.loc[seg["note"] != "", ["segment", "diagnosis", "note"]]
    if len(notes):
        lines += ["Why each diagnosis holds (planted design):", ""]
        lines += [f"- **{r.segment}** ({r.diagnosis}): {r.note}" for r in notes.itertuples(index=False)]
        lines.append("")
    app = tr["applicants"]
    groups = app[(app["entity"] != app["group"]) | (app["variant_kind"] != "exact")]
    groups = groups[groups["layer"] != "foreign"]
    anchors = app[app["anchor"] & (app["layer"] != "foreign")].groupby("group")["entity"].agg(
        lambda s: "; ".join(sorted(set(s))))
    lines += [
        "### Applicants · 申请人",
        "",
        f"{app['entity'].nunique()} legal entities in {app['group'].nunique()} groups appear under "
        f"{app['raw_name'].nunique()} raw names. Planted variants: "
        + ", ".join(f"{k} {v}" for k, v in app.loc[app['variant_kind'] != 'exact', 'variant_kind']
                    .value_counts().sort_index().items())
        + " (`legal_form` = renamed after a restructuring, `typo` = one wrong character, `bracket` = half-width "
        "brackets, `english` = overseas members). Groups with subsidiaries (truth for group-level counting):",
        "",
    ]
    lines += [f"- {g}: {ents}" for g, ents in anchors.items() if ";" in ents]
    lines += ["", f"Non-exact names of Chinese applicants ({len(groups)}) are listed in `truth_applicants.csv.gz`.", ""]
    ppl = tr["people"]
    movers = ppl[ppl["mover"].astype(bool)]
    hom = ppl[ppl["homonym_group"] != ""].sort_values(["homonym_group", "person_id"])
    lines += [
        "### Inventors · 发明人",
        "",
        f"{len(ppl)} true persons behind {t['inventors'].explode().nunique()} distinct inventor names. "
        f"Planted **movers** (same person, new applicant; `spans` give the years): {len(movers)}; planted "
        f"**homonyms** (different persons, one name, same field): {hom['homonym_group'].nunique()} pairs. "
        "Common surnames and given names also produce natural homonyms; `truth_documents.csv.gz` gives the "
        "person id of every inventor slot.",
        "",
        _md_table(movers[["person_id", "name", "entities", "spans", "documents"]].head(15)),
        "",
        _md_table(hom[["homonym_group", "person_id", "name", "entities", "documents"]].head(16)),
        "",
        "### Technology means × effect matrix · 技术功效矩阵",
        "",
        "Planted **blank** cells are zero although their row and column totals are large (expected = row × "
        "column / total tags); **hot** cells are boosted five-fold. Other sparse cells are natural.",
        "",
        _md_table(tr["matrix"]),
        "",
        "## Calibration · 校准",
        "",
        "Measured on this dataset; bands and sources in `docs/datasets.md` (approximate public figures or stated "
        "assumptions).",
        "",
        _md_table(calib[["metric", "value", "low", "high", "ok"]]),
        "",
        "Licence: CC BY 4.0 (see `LICENSE-CONTENT.md`).",
        "",
    ]
    del files
    return "\n".join(lines)
