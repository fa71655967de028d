"""The case spec: a chain spec (``navtrain/data/chains/<case>.toml``) plus the generator's tables.

There is one reader of chain specs, :func:`navtrain.chain.load_chain` (the learner API's
``nt.load_chain``): it checks the segments (ids, tiers, IPC patterns, keywords) and the
links. :func:`load_case` reads a case through it and adds, from the same parsed file, what
only the generator needs (growth parameters per layer, actors, places, planted truths),
range-checking every number (:class:`SynthParameterError` names the parameter and its range).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from navtrain import basis
from navtrain.chain import CHAINS_DIR, DIAGNOSIS_DEFAULTS, Chain, load_chain
from navtrain.errors import NavtrainError, UnknownNameError
from navtrain.synth.pools import COUNTRIES as _COUNTRIES
from navtrain.synth.pools import PLACE_INDEX as _PLACE_INDEX

__all__ = [
    "CALIBRATION",
    "CHAINS_DIR",
    "DEFAULT_PARAMS",
    "DIAGNOSES",
    "DIAGNOSIS_RULE",
    "GENERATOR_VERSION",
    "LAYERS",
    "ChainSpec",
    "Growth",
    "Segment",
    "SynthParameterError",
    "chain_names",
    "checked_number",
    "last_complete_year",
    "load_case",
    "parameter_error",
]


GENERATOR_VERSION = "1"
LAYERS: tuple[str, ...] = ("region", "domestic", "foreign")
LAYER_ZH = {"region": "本地区", "domestic": "国内其他省份", "foreign": "国外申请人"}
#: the planted diagnoses a spec may give a segment; "—" = none planted (the rule says 维持)
DIAGNOSES = ("强链", "补链", "延链", "—")
#: the thresholds of the one 强链/补链/延链 rule (:func:`navtrain.chain.diagnosis_rule`)
DIAGNOSIS_RULE = DIAGNOSIS_DEFAULTS
STAGE_BOUNDS = ((0.1, "萌芽期"), (0.5, "成长期"), (0.9, "成熟期"), (math.inf, "衰退期"))


class SynthParameterError(NavtrainError, ValueError):
    """An invalid generator parameter; the message names it and the allowed range."""


SynthParameterError.__module__ = "navtrain.synth"  # shown in tracebacks under its public name


def parameter_error(name: str, value: object, allowed: str) -> SynthParameterError:
    """The house error for a generator parameter outside its range (names it and the range)."""
    return SynthParameterError(f"invalid generator parameter {name} = {value!r}; allowed: {allowed}",
                               fix=f"set {name} within {allowed}", hint=f"生成参数 {name} 超出允许范围：{allowed}")


# =========================================================================== calibration
#: Marginal → (low, high, source). "approximate" marks public figures quoted as rough bands;
#: "assumption" marks stated modelling assumptions. Tests assert the generated values fall
#: inside; ``docs/datasets.md`` lists the measured values.
CALIBRATION: dict[str, tuple[float, float, str]] = {
    "invention_grant_rate": (0.40, 0.68, "CNIPA annual reports: invention grant rate of decided "
                             "examinations roughly 45–60 % in 2015–2023 (approximate)"),
    "foreign_grant_rate": (0.55, 0.85, "assumption: foreign applicants' Chinese inventions are granted "
                           "more often than domestic ones (CNIPA reports, approximate)"),
    "invention_pub_lag_median_months": (10.0, 19.5, "Patent Law Art. 34: publication 18 months from "
                                        "priority, earlier on request; Chinese applicants often request "
                                        "early publication (assumption for the mix)"),
    "um_pub_lag_median_months": (4.0, 10.0, "CNIPA annual reports: utility-model pendency of several "
                                 "months (approximate); published at grant"),
    "invention_grant_lag_median_months": (20.0, 40.0, "CNIPA annual reports: invention pendency about "
                                          "20–22 months (2021–2023) and longer before (approximate)"),
    "top10_share": (0.12, 0.50, "assumption: a mid-sized Chinese industrial field, documents with a top-10 "
                    "applicant (whole counting)"),
    "coapplication_share": (0.04, 0.20, "assumption: share of domestic documents with ≥ 2 applicants"),
    "university_invention_share": (0.05, 0.35, "CNIPA annual reports: universities file roughly a fifth "
                                   "to a quarter of domestic invention applications (approximate)"),
    "overseas_family_share": (0.005, 0.08, "CNIPA/WIPO: PCT filings are a few per cent of Chinese "
                              "invention applications (approximate)"),
    "valid_share_granted_10y": (0.15, 0.60, "assumption: share of domestic inventions granted and filed "
                                "10–15 years before the cut-off that are still in force"),
}



# =========================================================================== spec
@dataclass(frozen=True)
class Growth:
    """Logistic (Loglet) parameters: saturation K (documents or families), midpoint t_m
    (year, N(t_m) = K/2) and growth time Δt (years from 10 % to 90 % of K)."""

    K: float
    t_m: float
    dt: float


@dataclass(frozen=True)
class Segment:
    """One node of the industry chain (产业链环节) with its search elements and parameters."""

    id: str
    name: str
    name_en: str
    tier: str
    ipc: tuple[str, ...]
    keywords: tuple[str, ...]
    products: tuple[str, ...]
    devices: tuple[str, ...]
    means: tuple[str, ...]
    titles_en: tuple[str, ...]
    ipc_extra: tuple[str, ...]
    invention_share: float
    design_share: float
    quality: float
    growth: Mapping[str, Growth]
    diagnosis: str
    note: str = ""
    extension: bool = False


@dataclass(frozen=True)
class ChainSpec:
    """A case: its chain, places, actors and narrative (read by :func:`load_case`)."""

    case: str
    code: str
    title: str
    title_en: str
    scenario: str
    scenario_en: str
    standard_part: str
    seed: int
    start_year: int
    cutoff: pd.Timestamp
    raw_layout: str
    region: Mapping[str, Any]
    domestic: Mapping[str, Any]
    foreign: Mapping[str, Any]
    actors: Mapping[str, Mapping[str, int]]
    anchors: tuple[Mapping[str, Any], ...]
    segments: tuple[Segment, ...]
    effects: tuple[tuple[str, str], ...]
    blank_cells: tuple[tuple[str, str], ...]
    hot_cells: tuple[tuple[str, str], ...]
    firm_words: tuple[tuple[str, str], ...]
    narrative: str
    narrative_en: str
    params: Mapping[str, Any] = field(default_factory=dict)
    calibration: Mapping[str, Any] = field(default_factory=dict)
    path: str = ""
    #: the chain as :func:`navtrain.chain.load_chain` read it (segments, tiers, links)
    chain: Chain | None = field(default=None, repr=False, compare=False)

    @property
    def segment_ids(self) -> list[str]:
        return [s.id for s in self.segments]

    def segment(self, seg_id: str) -> Segment:
        for s in self.segments:
            if s.id == seg_id:
                return s
        raise UnknownNameError(f"unknown segment {seg_id!r} in case {self.case!r}",
                               fix=f"use one of: {', '.join(self.segment_ids)}", hint="产业链环节名称不存在")


#: default model parameters (a spec's [params] table may override any of them)
DEFAULT_PARAMS: dict[str, float] = {
    "p_early_publication": 0.40,      # domestic inventions published early on request
    "p_exam_request": 0.90,           # inventions whose substantive examination is requested
    "grant_logit": 0.25,              # base logit of grant for a decided domestic invention
    "foreign_grant_logit": 0.90,
    "p_foreign_cn": 0.65,             # foreign families with a Chinese member
    "overseas_base": 0.018,           # base share of domestic inventions with an overseas family
    "coapp_enterprise": 0.08,
    "coapp_university": 0.16,
    "coapp_institute": 0.14,
    "coapp_individual": 0.04,
    "typo_rate": 0.03,                # share of an affected applicant's documents carrying a typo
    "maintenance_years_invention": 12.0,
    "maintenance_years_um": 5.5,
    "maintenance_shape": 1.6,
}


def chain_names() -> list[str]:
    """Names of the bundled chain specs (``navtrain/data/chains/*.toml``).

    >>> chain_names()
    ['changyuan_cranes', 'luoyang_bearings', 'pingdingshan_nylon', 'superhard', 'tbm_drive']
    """
    return sorted(p.stem for p in CHAINS_DIR.glob("*.toml") if not p.stem.startswith("_"))


def last_complete_year(cutoff: object) -> int:
    """The last complete filing year at a data cut-off: the latest year that
    :func:`navtrain.basis.incomplete_years` (18-month publication lag) does not flag.

    >>> last_complete_year("2024-12-31"), last_complete_year("2024-06-29")
    (2022, 2021)
    """
    cut = basis.as_date(cutoff, "cutoff")
    years = range(cut.year - 3, cut.year + 1)  # an 18-month lag leaves at most three years incomplete
    incomplete = set(basis.incomplete_years(years, cut))
    return max(y for y in years if y not in incomplete)


def checked_number(value: object, name: str, lo: float, hi: float, integer: bool = False) -> float:
    """``value`` as a float within [lo, hi] (a whole number if ``integer``), else the house error.

    >>> checked_number(3, "seed", 0, 10, integer=True)
    3.0
    """
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise parameter_error(name, value, f"a number {lo} to {hi}")
    v = float(value)
    if not (lo <= v <= hi) or math.isnan(v) or (integer and v != int(v)):
        kind = "a whole number" if integer else "a number"
        raise parameter_error(name, value, f"{kind} {lo:g} ≤ {name.rsplit('.', 1)[-1]} ≤ {hi:g}")
    return v


def _strs(value: object, name: str, min_len: int = 0) -> tuple[str, ...]:
    if value is None:
        value = []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise parameter_error(name, value, "a list of non-empty strings")
    if len(value) < min_len:
        raise parameter_error(name, value, f"a list of at least {min_len} string(s)")
    return tuple(v.strip() for v in value)


def load_case(case: str | Path | Chain) -> ChainSpec:
    """Read and check a case spec: a bundled case name (see :func:`chain_names`), a path or a
    :class:`navtrain.chain.Chain`.

    The file is read once, by :func:`navtrain.chain.load_chain` (the one chain-spec reader:
    segments, tiers, IPC patterns, keywords and links, each error naming the file and line);
    the generator's own tables come from the same parsed file (``Chain.data``). Every number
    is range-checked; a bad value raises :class:`SynthParameterError` naming the parameter
    and its allowed range.

    >>> spec = load_case("superhard")
    >>> spec.segment("hpht_crystal").tier, spec.segment("hpht_crystal").ipc[0]
    ('midstream', 'C30B29/04')
    >>> spec.chain.segment("hpht_crystal").ipc == spec.segment("hpht_crystal").ipc
    True
    """
    if not isinstance(case, Chain):
        text = str(case)
        path = Path(text) if text.endswith(".toml") else CHAINS_DIR / f"{text}.toml"
        if not path.is_file():
            raise UnknownNameError(f"unknown case {text!r}", fix=f"use one of: {', '.join(chain_names())}",
                                   hint="案例数据集名称不存在")
        case = load_chain(path)
    return _spec_from_chain(case)


def _growth(d: object, name: str) -> Growth:
    if not isinstance(d, Mapping):
        raise parameter_error(name, d, "a table {K = ..., t_m = ..., dt = ...}")
    return Growth(K=checked_number(d.get("K"), f"{name}.K", 0, 100_000),
                  t_m=checked_number(d.get("t_m"), f"{name}.t_m", 1950, 2080),
                  dt=checked_number(d.get("dt"), f"{name}.dt", 1, 80))


def _spec_from_chain(chain: Chain) -> ChainSpec:
    """The generator's spec: the chain's checked segments plus the generator tables of ``chain.data``."""
    d = chain.data
    origin = chain.path or ""
    case = chain.case
    effects = tuple((str(e[0]), str(e[1])) for e in d.get("effects", []))
    if len(effects) < 3:
        raise parameter_error("effects", d.get("effects"), "a list of at least 3 [effect, verb] pairs")
    eff_names = [e[0] for e in effects]
    segs: list[Segment] = []
    seen_ipc: dict[str, str] = {}
    for cs, sd in zip(chain.segments, d.get("segments", []), strict=True):
        sid = cs.id
        pre = f"segments[{sid}]"
        ipc = _strs(list(cs.ipc), f"{pre}.ipc", 1)
        for pat in ipc:
            for other, owner in seen_ipc.items():
                if owner != sid and (pat.startswith(other) or other.startswith(pat)):
                    raise parameter_error(f"{pre}.ipc", pat,
                                          f"patterns that do not overlap other segments ({owner}: {other})")
            seen_ipc[pat] = sid
        growth = {}
        for layer in LAYERS:
            growth[layer] = _growth(sd.get("growth", {}).get(layer), f"{pre}.growth.{layer}")
        diag = str(sd.get("diagnosis", "—"))
        if diag not in DIAGNOSES:
            raise parameter_error(f"{pre}.diagnosis", diag, " / ".join(DIAGNOSES))
        segs.append(Segment(
            id=sid, name=cs.name, name_en=cs.name_en, tier=cs.tier, ipc=ipc,
            keywords=_strs(list(cs.keywords), f"{pre}.keywords", 1),
            products=_strs(sd.get("products"), f"{pre}.products", 1),
            devices=_strs(sd.get("devices", sd.get("products")), f"{pre}.devices", 1),
            means=_strs(sd.get("means"), f"{pre}.means", 2),
            titles_en=_strs(sd.get("titles_en", [cs.name_en]), f"{pre}.titles_en", 1),
            ipc_extra=cs.ipc_extra,
            invention_share=checked_number(sd.get("invention_share", 0.6), f"{pre}.invention_share", 0.01, 0.99),
            design_share=checked_number(sd.get("design_share", 0.0), f"{pre}.design_share", 0.0, 0.5),
            quality=checked_number(sd.get("quality", 1.0), f"{pre}.quality", 0.1, 5.0),
            growth=growth, diagnosis=diag, note=str(sd.get("note", "")), extension=bool(sd.get("extension", False))))
    if len(segs) < 2:
        raise parameter_error("segments", len(segs), "at least 2 segments")
    means_all = {m for s in segs for m in s.means}
    cells = []
    for key in ("blank_cells", "hot_cells"):
        pairs = []
        for c in d.get(key, []):
            if len(c) != 2 or c[0] not in means_all or c[1] not in eff_names:
                raise parameter_error(key, c, "[means, effect] pairs naming a segment means and a listed effect")
            pairs.append((str(c[0]), str(c[1])))
        cells.append(tuple(pairs))
    actors = {}
    for layer in LAYERS:
        row = d.get("actors", {}).get(layer, {})
        actors[layer] = {k: int(checked_number(row.get(k, 0), f"actors.{layer}.{k}", 0, 5000, integer=True))
                         for k in ("enterprise", "university", "institute", "individual")}
        if sum(actors[layer].values()) < 1:
            raise parameter_error(f"actors.{layer}", row, "at least one actor")
    params = dict(DEFAULT_PARAMS)
    for k, v in d.get("params", {}).items():
        if k not in DEFAULT_PARAMS:
            raise parameter_error(f"params.{k}", v, f"one of the known parameters ({', '.join(DEFAULT_PARAMS)})")
        hi = 20.0 if k.startswith("maintenance") else 5.0 if k.endswith("logit") else 1.0
        lo = -5.0 if k.endswith("logit") else 0.0
        params[k] = checked_number(v, f"params.{k}", lo, hi)
    try:
        cutoff = basis.as_date(d.get("cutoff", "2024-12-31"), "cutoff")
    except NavtrainError:
        raise parameter_error("cutoff", d.get("cutoff"), "a date such as '2024-12-31'") from None
    start = int(checked_number(d.get("start_year", 2000), "start_year", 1985, cutoff.year - 10, integer=True))
    checked_number(cutoff.year, "cutoff", 2000, 2035, integer=True)
    layout = str(d.get("raw_layout", "incopat"))
    if layout not in ("incopat", "patsnap"):
        raise parameter_error("raw_layout", layout, "incopat / patsnap")
    for sec in ("region", "domestic", "foreign"):
        if sec not in d:
            raise parameter_error(sec, None, f"a [{sec}] table")
    for pl in d["region"].get("places", []) + d["domestic"].get("places", []):
        if (pl[0], pl[1], pl[2]) not in _PLACE_INDEX:
            raise parameter_error("places", pl, "a (province, city, district) listed in navtrain.synth.PLACES")
    for cc in d["foreign"].get("countries", {}):
        if cc not in _COUNTRIES:
            raise parameter_error("foreign.countries", cc, ", ".join(_COUNTRIES))
    return ChainSpec(
        case=case, code=str(d.get("code", case[:2].upper())), title=str(d.get("title", case)),
        title_en=str(d.get("title_en", case)), scenario=str(d.get("scenario", "")),
        scenario_en=str(d.get("scenario_en", "")), standard_part=str(d.get("standard_part", "")),
        seed=int(checked_number(d.get("seed", 0), "seed", 0, 2**32 - 1, integer=True)), start_year=start,
        cutoff=cutoff, raw_layout=layout, region=d["region"], domestic=d["domestic"], foreign=d["foreign"],
        actors=actors, anchors=tuple(d.get("anchors", [])), segments=tuple(segs), effects=effects,
        blank_cells=cells[0], hot_cells=cells[1],
        firm_words=tuple((str(w[0]), str(w[1])) for w in d.get("firm_words", [["科技", "Technology"]])),
        narrative=str(d.get("narrative", "")), narrative_en=str(d.get("narrative_en", "")), params=params,
        calibration=_calibration_spec(d.get("calibration", {})), path=origin, chain=chain)


def _calibration_spec(d: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, val in d.items():
        if key == "cluster_district":
            out[key] = str(val)
            continue
        if not isinstance(val, list | tuple) or len(val) != 3:
            raise parameter_error(f"calibration.{key}", val, "[low, high, 'source or assumption']")
        lo = checked_number(val[0], f"calibration.{key}[0]", 0, 1)
        hi = checked_number(val[1], f"calibration.{key}[1]", lo, 1)
        out[key] = (lo, hi, str(val[2]))
    return out
