"""Filings and documents: first filings per (layer, segment, year), their attributes and
content, the documents of each family (CN A/B/U/S, overseas members), legal events,
publication and application numbers, citations; :func:`generate` assembles the canonical
table and the truths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from navtrain.chain import Chain
from navtrain.synth.core import anniversary as _anniversary
from navtrain.synth.core import app_number, logistic_cumulative
from navtrain.synth.core import day_number as _days
from navtrain.synth.core import join_nonempty as _join
from navtrain.synth.core import logit as _logit
from navtrain.synth.core import sigmoid as _sigmoid
from navtrain.synth.core import to_datetime as _to_dt
from navtrain.synth.core import weighted_choice as _choice
from navtrain.synth.core import year_of as _year_of
from navtrain.synth.exports import EVENTS, to_raw
from navtrain.synth.people import Actors as _Actors
from navtrain.synth.people import assign_inventors as _inventors
from navtrain.synth.people import make_actors as _make_actors
from navtrain.synth.people import make_people as _make_people
from navtrain.synth.pools import COUNTRIES as _COUNTRIES
from navtrain.synth.pools import PLACES
from navtrain.synth.spec import LAYERS, ChainSpec, load_case
from navtrain.synth.spec import checked_number as _num
from navtrain.synth.truths import make_truths as _truths

__all__ = ["SynthData", "generate"]


# =========================================================================== filings (families)
def _make_filings(spec: ChainSpec, actors: _Actors, rng: np.random.Generator, scale: float) -> pd.DataFrame:
    T = actors.table
    years = np.arange(spec.start_year, spec.cutoff.year + 1)
    size = T["size"].to_numpy()
    entry = T["entry"].to_numpy()
    exit_ = T["exit"].to_numpy()
    layer_of = T["layer"].to_numpy()
    out_layer, out_seg, out_year, out_actor = [], [], [], []
    for li, layer in enumerate(LAYERS):
        in_layer = layer_of == layer
        for si, seg in enumerate(spec.segments):
            g = seg.growth[layer]
            if g.K <= 0:
                continue
            cum = logistic_cumulative(years, g.K, g.t_m, g.dt)
            counts = rng.poisson(np.diff(cum, prepend=0.0) * scale)
            share = cum / g.K
            aff = actors.aff[:, si] * in_layer
            cand = np.nonzero(aff > 0)[0]
            if len(cand) == 0:
                cand = np.nonzero(in_layer)[0]
                aff = np.where(in_layer, 0.05, 0.0)
            for yi, y in enumerate(years):  # (layer, segment, year) groups, not rows
                c = int(counts[yi])
                if c == 0:
                    continue
                active = (entry[cand] <= y) & (exit_[cand] >= y)
                w = size[cand] ** (0.8 + 0.6 * share[yi]) * aff[cand]
                if (w * active).sum() > 0:
                    w = w * active
                pick = cand[_choice(rng, c, w)]
                out_layer.append(np.full(c, li))
                out_seg.append(np.full(c, si))
                out_year.append(np.full(c, y))
                out_actor.append(pick)
    f = pd.DataFrame({"layer": np.concatenate(out_layer), "seg": np.concatenate(out_seg),
                      "year": np.concatenate(out_year), "actor": np.concatenate(out_actor)})
    n = len(f)
    leap = ((f["year"] % 4 == 0) & ((f["year"] % 100 != 0) | (f["year"] % 400 == 0))).to_numpy()
    doy = np.floor(rng.random(n) * np.where(leap, 366, 365)).astype(np.int64)
    jan1 = (f["year"].to_numpy() - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    f["prio"] = jan1 + doy
    f = f.sort_values(["prio", "layer", "seg", "actor"], kind="stable").reset_index(drop=True)
    f["fid"] = np.arange(len(f))
    return f


def _attributes(spec: ChainSpec, actors: _Actors, f: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Type, quality and co-applicant of each first filing."""
    T = actors.table
    n = len(f)
    P = spec.params
    segs = spec.segments
    a = f["actor"].to_numpy()
    kind = T["kind"].to_numpy()[a]
    seg = f["seg"].to_numpy()
    layer = f["layer"].to_numpy()
    inv_share = np.array([s.invention_share for s in segs])[seg]
    des_share = np.array([s.design_share for s in segs])[seg]
    domestic = layer < 2
    p_design = np.where(domestic & np.isin(kind, ["enterprise", "individual"]), des_share, 0.0)
    is_design = rng.random(n) < p_design
    p_inv = _sigmoid(_logit(inv_share) + T["inv_shift"].to_numpy()[a])
    is_inv = ~is_design & (rng.random(n) < p_inv)
    ptype = np.where(is_design, 2, np.where(is_inv, 0, 1))
    ptype = np.where(domestic, ptype, 0)
    f = f.assign(ptype=ptype)
    q = np.exp(rng.normal(0.0, 0.6, n)) * T["quality"].to_numpy()[a] * np.array([s.quality for s in segs])[seg]
    f["quality"] = q * np.array([1.0, 0.45, 0.2])[ptype]
    # co-applicants
    p_co = np.select([kind == "enterprise", kind == "university", kind == "institute"],
                     [P["coapp_enterprise"], P["coapp_university"], P["coapp_institute"]], P["coapp_individual"])
    p_co = np.where(domestic, p_co, 0.01)
    co = rng.random(n) < p_co
    want = np.where(kind == "enterprise", np.where(rng.random(n) < 0.65, "academic", "enterprise"),
                    np.where(kind == "individual", "enterprise", "enterprise"))
    group = T["group"].to_numpy()
    co_actor = np.full(n, -1)
    t_kind = T["kind"].to_numpy()
    t_layer = T["layer"].to_numpy()
    for li in range(3):
        for w_kind in ("academic", "enterprise"):
            sel = np.nonzero(co & (layer == li) & (want == w_kind))[0]
            if not len(sel):
                continue
            ok_kind = np.isin(t_kind, ["university", "institute"]) if w_kind == "academic" else t_kind == "enterprise"
            cand = np.nonzero(ok_kind & (t_layer == LAYERS[li]))[0]
            if not len(cand):
                continue
            for si in np.unique(seg[sel]):  # per segment: affinity-weighted partners
                rows = sel[seg[sel] == si]
                w = T["size"].to_numpy()[cand] * (actors.aff[cand, si] + 0.02)
                co_actor[rows] = cand[_choice(rng, len(rows), w)]
    # members of a group (parent + subsidiaries) co-file with each other
    grp_sizes = pd.Series(group).map(pd.Series(group).value_counts()).to_numpy()
    in_group = (grp_sizes[a] > 1) & (rng.random(n) < 0.2) & domestic
    for gname in np.unique(group[a[in_group]]):
        rows = np.nonzero(in_group & (group[a] == gname))[0]
        mates = np.nonzero(group == gname)[0]
        co_actor[rows] = mates[rng.integers(0, len(mates), len(rows))]
    co_actor[co_actor == a] = -1
    f["co_actor"] = co_actor
    return f


# =========================================================================== documents
_OVERSEAS = (("WO", 0.80), ("US", 0.45), ("EP", 0.25), ("JP", 0.12), ("KR", 0.06))


def _lognormal_days(rng: np.random.Generator, median_days: np.ndarray | float, sigma: float, n: int) -> np.ndarray:
    return np.asarray(median_days) * np.exp(rng.normal(0.0, sigma, n))


def _documents(spec: ChainSpec, actors: _Actors, f: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One row per document (all offices, visible or not), with dates and legal history."""
    T = actors.table
    P = spec.params
    n = len(f)
    layer = f["layer"].to_numpy()
    a = f["actor"].to_numpy()
    q = f["quality"].to_numpy()
    ptype = f["ptype"].to_numpy()
    country = T["country"].to_numpy()[a]
    home = np.array([_COUNTRIES[c][2] if c in _COUNTRIES else "CN" for c in country], dtype=object)
    domestic = layer < 2
    parts = []
    # domestic first filings: the Chinese application itself
    idx = np.nonzero(domestic)[0]
    parts.append(pd.DataFrame({"fid": idx, "office": "CN", "role": "root"}))
    # overseas members of domestic inventions
    p_ov = np.clip(P["overseas_base"] * T["overseas"].to_numpy()[a] * np.sqrt(q), 0, 0.7)
    ov = domestic & (ptype == 0) & (rng.random(n) < p_ov)
    for off, p in _OVERSEAS:
        sel = np.nonzero(ov & (rng.random(n) < p))[0]
        parts.append(pd.DataFrame({"fid": sel, "office": off, "role": "overseas"}))
    # foreign families: home first filing, Chinese member, others
    idx = np.nonzero(~domestic)[0]
    parts.append(pd.DataFrame({"fid": idx, "office": home[idx], "role": "root"}))
    cn = ~domestic & (rng.random(n) < P["p_foreign_cn"])
    parts.append(pd.DataFrame({"fid": np.nonzero(cn)[0], "office": "CN", "role": "foreign_cn"}))
    for off, p in (("US", 0.35), ("EP", 0.25), ("WO", 0.35), ("JP", 0.08), ("KR", 0.04)):
        sel = np.nonzero(~domestic & (home != off) & (rng.random(n) < p))[0]
        parts.append(pd.DataFrame({"fid": sel, "office": off, "role": "overseas"}))
    d = pd.concat(parts, ignore_index=True)
    d = d.sort_values(["fid", "role", "office"], kind="stable").reset_index(drop=True)
    m = len(d)
    fid = d["fid"].to_numpy()
    office = d["office"].to_numpy()
    role = d["role"].to_numpy()
    prio = f["prio"].to_numpy()[fid].astype(float)
    dq = q[fid]
    dtype_ = np.where(office == "CN", ptype[fid], 0)
    akind = T["kind"].to_numpy()[a[fid]]
    is_cn = office == "CN"
    cut = float(_days(spec.cutoff))
    # filing dates
    app = prio.copy()
    paris = (role == "foreign_cn") | ((role == "overseas") & (office == "WO"))
    app[paris] = prio[paris] + 365 - np.floor(rng.random(paris.sum()) * 40)
    national = (role == "overseas") & (office != "WO")
    app[national] = prio[national] + 913 - np.floor(rng.random(national.sum()) * 60)
    # first publication
    pub1 = prio + 548 + np.round(rng.normal(0, 12, m)) + np.floor(rng.random(m) * 25)
    early = is_cn & (role == "root") & (rng.random(m) < P["p_early_publication"])
    pub1[early] = app[early] + np.round(_lognormal_days(rng, 200, 0.45, int(early.sum())))
    pub1[national] = app[national] + 90 + np.floor(rng.random(national.sum()) * 200)
    # utility models and designs: published at grant
    um = is_cn & (dtype_ == 1)
    des = is_cn & (dtype_ == 2)
    trend = np.clip(1.0 - 0.015 * (_year_of(app.astype(np.int64)) - 2010), 0.8, 1.25)
    um_lag = np.clip(_lognormal_days(rng, 195 * trend, 0.33, m), 75, 540)
    des_lag = np.clip(_lognormal_days(rng, 150 * trend, 0.30, m), 60, 420)
    pub1[um] = app[um] + np.round(um_lag[um])
    pub1[des] = app[des] + np.round(des_lag[des])
    # invention examination and decision (CN); grant for other offices
    inv_cn = is_cn & (dtype_ == 0)
    exam = np.full(m, np.nan)
    decision = np.full(m, np.nan)
    outcome = np.zeros(m, dtype=np.int8)  # 0 none, 1 grant, 2 reject, 3 withdraw
    asked = inv_cn & (rng.random(m) < np.where(role == "foreign_cn", 0.97, P["p_exam_request"]))
    exam[asked] = np.maximum(app[asked] + 120 + np.floor(rng.random(asked.sum()) * 420), pub1[asked] - 30)
    yr = _year_of(app.astype(np.int64))
    med = np.clip(1050 - 25 * (yr - 2010), 640, 1180).astype(float)
    dec = app + np.round(_lognormal_days(rng, med, 0.28, m))
    decision[asked] = np.maximum(dec[asked], exam[asked] + 120)
    base = np.where(role == "foreign_cn", P["foreign_grant_logit"], P["grant_logit"])
    base = base + np.select([akind == "university", akind == "individual", akind == "institute"],
                            [0.35, -1.2, 0.2], 0.0)
    p_grant = _sigmoid(base + 0.8 * np.log(np.maximum(dq, 1e-3)))
    u = rng.random(m)
    outcome[asked] = np.where(u[asked] < p_grant[asked], 1, np.where(rng.random(asked.sum()) < 0.6, 2, 3))
    not_asked = inv_cn & ~asked
    decision[not_asked] = app[not_asked] + 3 * 365 + 60 + np.floor(rng.random(not_asked.sum()) * 90)
    outcome[not_asked] = 3
    decision[um] = pub1[um]
    decision[des] = pub1[des]
    outcome[um | des] = 1
    other = ~is_cn & (office != "WO")
    g_other = other & (rng.random(m) < 0.62)
    decision[g_other] = app[g_other] + np.round(_lognormal_days(rng, 1150, 0.3, int(g_other.sum())))
    outcome[g_other] = 1
    grant = np.where(outcome == 1, decision, np.nan)
    # terms, maintenance, transactions (granted CN documents)
    term_years = np.where(dtype_ == 0, 20, np.where(dtype_ == 1, 10, np.where(app >= _days("2021-06-01"), 15, 10)))
    app_i = app.astype(np.int64)
    term_end = _anniversary(app_i, term_years).astype(float)
    lam = np.where(dtype_ == 0, P["maintenance_years_invention"], P["maintenance_years_um"])
    lam = lam * np.select([akind == "university", akind == "individual", akind == "institute"], [0.6, 0.55, 0.8], 1.0)
    lam = lam * np.clip(dq, 0.2, 5) ** 0.25 * np.where(role == "foreign_cn", 1.4, 1.0)
    life = lam * rng.weibull(P["maintenance_shape"], m)
    g_age = np.where(np.isfinite(grant), (grant - app) / 365.25, 0)
    paid_years = np.maximum(np.ceil(life), np.floor(g_age) + 1).astype(np.int64)
    lapse = _anniversary(app_i, np.minimum(paid_years, term_years)).astype(float)
    ends_by_term = paid_years >= term_years
    granted_cn = is_cn & np.isfinite(grant)
    end_right = np.where(ends_by_term, term_end, lapse)
    ev = {}
    for name, base_p in (("transfer", 0.07), ("licence", 0.02), ("pledge", 0.03)):
        p = np.full(m, base_p)
        if name == "transfer":
            p = p * np.select([akind == "university", akind == "individual"], [1.6, 1.8], 1.0)
        if name == "licence":
            p = p * np.where(akind == "university", 2.0, 1.0)
        if name == "pledge":
            p = p * np.where(akind == "enterprise", 1.0, 0.1) * np.where(yr >= 2015, 2.0, 0.7)
        p = p * np.clip(dq, 0.3, 3) ** 0.5
        hit = granted_cn & (rng.random(m) < p)
        when = grant + rng.random(m) * (np.minimum(end_right, grant + 8 * 365) - grant)
        ev[name] = np.where(hit, np.round(when), np.nan)
    d = d.assign(app=app, prio=prio, pub1=pub1, exam=exam, decision=decision, outcome=outcome, grant=grant,
                 term_end=term_end, end_right=np.where(granted_cn, end_right, np.nan),
                 ends_by_term=ends_by_term, ptype=dtype_, quality=dq,
                 transfer=ev["transfer"], licence=ev["licence"], pledge=ev["pledge"])
    d["visible"] = d["pub1"] <= cut
    # statuses of non-CN documents
    lapsed_other = other & ~np.isfinite(grant) & (cut - app > 5 * 365) & (rng.random(m) < 0.5)
    d["other_lapsed"] = lapsed_other
    return d


def _legal(spec: ChainSpec, d: pd.DataFrame) -> pd.DataFrame:
    """Legal events up to the cut-off (canonical CNIPA names), status and expiry date."""
    cut = float(_days(spec.cutoff))
    is_cn = (d["office"] == "CN").to_numpy()
    dec = d["decision"].to_numpy()
    out = d["outcome"].to_numpy()
    decided = np.isfinite(dec) & (dec <= cut)
    grant = d["grant"].to_numpy()
    granted = np.isfinite(grant) & (grant <= cut)
    end_right = d["end_right"].to_numpy()
    ended = granted & np.isfinite(end_right) & (end_right <= cut)
    by_term = d["ends_by_term"].to_numpy()
    stamps = {
        "exam": np.where(is_cn & (d["exam"].to_numpy() <= cut), d["exam"].to_numpy(), np.nan),
        "grant": np.where(is_cn & granted, grant, np.nan),
        "reject": np.where(is_cn & decided & (out == 2), dec, np.nan),
        "withdraw": np.where(is_cn & decided & (out == 3), dec, np.nan),
    }
    for name in ("transfer", "licence", "pledge"):
        t = d[name].to_numpy()
        stamps[name] = np.where(is_cn & (t <= cut) & ~(ended & (t >= end_right)), t, np.nan)
    stamps["lapse"] = np.where(is_cn & ended & ~by_term, end_right, np.nan)
    stamps["expire"] = np.where(is_cn & ended & by_term, end_right, np.nan)
    names = list(stamps)
    mat = np.column_stack([stamps[k] for k in names])
    order = np.argsort(np.where(np.isnan(mat), np.inf, mat), axis=1, kind="stable")
    labels = {}
    for j in range(3):
        lab = np.array([EVENTS[k][j] for k in names], dtype=object)
        cols = []
        for c in range(len(names)):
            col = order[:, c]
            present = np.isfinite(mat[np.arange(len(d)), col])
            cols.append(np.where(present, lab[col], ""))
        labels[j] = _join(cols, ";")
    status = np.where(granted & ~ended, "valid", np.where((decided & (out > 1)) | ended, "lapsed", "pending"))
    status = np.where(is_cn, status, np.where(granted, "valid", np.where(d["other_lapsed"].to_numpy(), "lapsed",
                                                                       "pending")))
    expiry = np.where(granted & is_cn, np.where(ended, end_right, d["term_end"].to_numpy()), np.nan)
    return d.assign(legal_events=labels[0], events_incopat=labels[1], events_patsnap=labels[2],
                    legal_status=status, expiry=expiry, granted_now=granted)


# =========================================================================== numbers
#: (date, first number) anchors of publication-number series; numbers between anchors are
#: interpolated by date. Plausible ranges, not official ones (see docs/datasets.md).
_PUB_ANCHORS: dict[str, tuple[tuple[str, int], ...]] = {
    "CN-A7": (("2000-01-01", 1240000), ("2007-06-30", 1990000)),
    "CN-A9": (("2007-07-01", 101000000), ("2008-01-01", 101100000), ("2009-01-01", 101350000),
              ("2010-01-01", 101650000), ("2011-03-01", 102000000), ("2013-04-01", 103000000),
              ("2014-10-01", 104000000), ("2015-11-01", 105000000), ("2016-10-01", 106000000),
              ("2017-08-01", 107000000), ("2018-05-01", 108000000), ("2018-12-01", 109000000),
              ("2019-07-01", 110000000), ("2020-05-01", 111000000), ("2020-12-01", 112000000),
              ("2021-06-01", 113000000), ("2022-01-01", 114000000), ("2022-09-01", 115000000),
              ("2023-04-01", 116000000), ("2023-11-01", 117000000), ("2024-06-01", 118000000),
              ("2024-12-15", 119000000), ("2026-01-01", 120500000)),
    "CN-U7": (("2000-01-01", 2370000), ("2007-12-31", 2990000)),
    "CN-U9": (("2008-01-01", 201000000), ("2011-01-01", 202000000), ("2012-10-01", 203000000),
              ("2014-06-01", 204000000), ("2016-03-01", 205000000), ("2017-01-01", 206000000),
              ("2018-01-01", 207000000), ("2018-10-01", 208000000), ("2019-05-01", 209000000),
              ("2019-12-01", 210000000), ("2020-06-01", 211000000), ("2020-10-01", 212000000),
              ("2021-02-01", 213000000), ("2021-08-01", 214000000), ("2021-12-01", 215000000),
              ("2022-04-01", 216000000), ("2022-07-01", 217000000), ("2022-12-01", 218000000),
              ("2023-05-01", 219000000), ("2023-11-01", 220000000), ("2024-06-01", 221000000),
              ("2024-12-01", 222000000), ("2026-01-01", 224000000)),
    "CN-S7": (("2000-01-01", 3100000), ("2007-12-31", 3750000)),
    "CN-S9": (("2008-01-01", 300700000), ("2012-08-01", 302000000), ("2015-07-01", 303000000),
              ("2017-03-01", 304000000), ("2019-03-01", 305000000), ("2020-12-01", 306000000),
              ("2022-03-01", 307000000), ("2023-06-01", 308000000), ("2024-08-01", 309000000),
              ("2026-01-01", 310500000)),
    "US-B": (("2000-01-01", 6010000), ("2010-01-01", 7640000), ("2015-01-01", 8925000),
             ("2018-06-19", 10000000), ("2021-01-05", 10881000), ("2024-01-02", 11857000),
             ("2026-01-01", 12500000)),
    "EP": (("2000-01-01", 990000), ("2010-01-01", 2140000), ("2015-01-01", 2820000), ("2018-01-01", 3260000),
           ("2020-01-01", 3590000), ("2022-01-01", 3940000), ("2024-01-01", 4330000), ("2026-01-01", 4700000)),
    "JP-B": (("2000-01-01", 3000000), ("2010-01-01", 4420000), ("2015-01-01", 5680000),
             ("2020-01-01", 6640000), ("2024-01-01", 7420000), ("2026-01-01", 7800000)),
    "KR-B": (("2000-01-01", 250000), ("2010-01-01", 950000), ("2015-01-01", 1480000),
             ("2020-01-01", 2060000), ("2024-01-01", 2630000), ("2026-01-01", 2900000)),
}
#: approximate yearly application volumes at CNIPA (thousands) for plausible serial ranges
_CN_VOLUME = {1: ((2000, 170), (2005, 173), (2010, 391), (2015, 1102), (2020, 1497), (2024, 1800)),
              2: ((2000, 68), (2005, 139), (2010, 409), (2015, 1128), (2020, 2927), (2022, 2950),
                  (2023, 2090), (2024, 2100)),
              3: ((2000, 50), (2005, 163), (2010, 421), (2015, 569), (2020, 770), (2024, 900))}


def _interp_anchor(key: str, days: np.ndarray) -> np.ndarray:
    xs = np.array([_days(a[0]) for a in _PUB_ANCHORS[key]], dtype=float)
    ys = np.array([a[1] for a in _PUB_ANCHORS[key]], dtype=float)
    slope = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    out = np.interp(days, xs, ys)
    out = np.where(days > xs[-1], ys[-1] + (days - xs[-1]) * slope, out)
    return out


def _increasing(base: np.ndarray, order_by: np.ndarray, groups: np.ndarray, rng: np.random.Generator,
                jitter: int) -> np.ndarray:
    """Integers near ``base``, strictly increasing with ``order_by`` inside each group."""
    out = np.zeros(len(base), dtype=np.int64)
    if not len(base):
        return out
    order = np.lexsort((order_by, groups))
    x = np.floor(base[order] + rng.random(len(base)) * jitter).astype(np.int64)
    g = groups[order]
    starts = np.r_[True, g[1:] != g[:-1]]
    seg_id = np.cumsum(starts) - 1
    pos = np.arange(len(x)) - np.nonzero(starts)[0][seg_id]
    key = x - pos
    # running maximum restarted per group: add a large offset per group
    offset = seg_id.astype(np.int64) * (10**12)
    run = np.maximum.accumulate(key + offset) - offset
    out[order] = run + pos
    return out


def _numbers(spec: ChainSpec, d: pd.DataFrame, actors: _Actors, f: pd.DataFrame,
             rng: np.random.Generator) -> pd.DataFrame:
    m = len(d)
    office = d["office"].to_numpy()
    is_cn = office == "CN"
    ptype = d["ptype"].to_numpy()
    app = d["app"].to_numpy()
    app_i = app.astype(np.int64)
    pub1 = d["pub1"].to_numpy()
    granted = d["granted_now"].to_numpy()
    grant = d["grant"].to_numpy()
    year = _year_of(app_i)
    jan1 = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    frac = (app_i - jan1) / 366.0
    app_no = np.full(m, "", dtype=object)
    pub_no = np.full(m, "", dtype=object)
    kind = np.full(m, "", dtype=object)
    row_pub = np.where(granted, grant, pub1)
    # --- CN application numbers
    tdig = np.where(ptype == 0, 1, np.where(ptype == 1, 2, 3))
    vol = np.zeros(m)
    for t, pts in _CN_VOLUME.items():
        vol = np.where(tdig == t, np.interp(year, [p[0] for p in pts], [p[1] * 1000 for p in pts]), vol)
    serial = _increasing(frac * vol * 0.98 + 1, app, np.where(is_cn, year * 10 + tdig, -1), rng, 400)
    serial = np.clip(serial, 1, 9_999_999)
    sel = np.nonzero(is_cn)[0]
    app_no[sel] = app_number(year[sel], tdig[sel], serial[sel])
    # --- CN publication numbers (a granted invention keeps its A number with kind B)
    for t, letter in ((0, "A"), (1, "U"), (2, "S")):
        ser = {0: "A", 1: "U", 2: "S"}[t]
        s_idx = np.nonzero(is_cn & (ptype == t))[0]
        if not len(s_idx):
            continue
        days = pub1[s_idx]
        nine = days >= _days("2007-07-01" if t == 0 else "2008-01-01")
        base = np.where(nine, _interp_anchor(f"CN-{ser}9", days), _interp_anchor(f"CN-{ser}7", days))
        nums = _increasing(base, days, nine.astype(np.int64), rng, 600)
        text = nums.astype(str)
        k = np.where((t == 0) & granted[s_idx], "B", letter)
        pub_no[s_idx] = "CN" + text.astype(object) + k
        kind[s_idx] = k
    # --- other offices
    def put(mask: np.ndarray, fmt_no: np.ndarray, fmt_app: np.ndarray, k: np.ndarray) -> None:
        pub_no[mask] = fmt_no
        app_no[mask] = fmt_app
        kind[mask] = k

    pyear = _year_of(np.nan_to_num(pub1, nan=0).astype(np.int64))
    pjan = (pyear - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    pfrac = (pub1 - pjan) / 366.0
    fid = d["fid"].to_numpy()
    a_country = actors.table["country"].to_numpy()[f["actor"].to_numpy()[fid]]
    for off in ("US", "EP", "WO", "JP", "KR", "DE"):
        mask = office == off
        if not mask.any():
            continue
        idx = np.nonzero(mask)[0]
        g = granted[idx]
        if off == "US":
            pser = _increasing(pfrac[idx] * 420000 + 1, pub1[idx], pyear[idx], rng, 300)
            a_no = np.char.zfill(np.floor(rng.random(len(idx)) * 899999 + 100000).astype(np.int64).astype(str), 6)
            series = np.clip(13 + np.floor((year[idx] - 2011) * 0.45), 10, 19).astype(np.int64)
            gnum = _increasing(_interp_anchor("US-B", np.nan_to_num(grant[idx])), np.nan_to_num(grant[idx]),
                               np.zeros(len(idx), dtype=np.int64), rng, 2000)
            no = np.where(g, "US" + gnum.astype(str).astype(object) + "B2",
                          "US" + pyear[idx].astype(str).astype(object)
                          + np.char.zfill(pser.astype(str), 7).astype(object) + "A1")
            put(mask, no, "US" + series.astype(str).astype(object) + "/" + a_no.astype(object),
                np.where(g, "B2", "A1"))
        elif off == "EP":
            num = _increasing(_interp_anchor("EP", pub1[idx]), pub1[idx], np.zeros(len(idx), dtype=np.int64), rng, 900)
            chk = rng.integers(0, 10, len(idx)).astype(str)
            yy = np.char.zfill((year[idx] % 100).astype(str), 2)
            a_ser = np.char.zfill(np.floor(rng.random(len(idx)) * 899999 + 100000).astype(np.int64).astype(str), 6)
            put(mask, "EP" + num.astype(str).astype(object) + np.where(g, "B1", "A1").astype(object),
                "EP" + yy.astype(object) + a_ser.astype(object) + "." + chk.astype(object), np.where(g, "B1", "A1"))
        elif off == "WO":
            ser = _increasing(pfrac[idx] * 250000 + 1, pub1[idx], pyear[idx], rng, 200)
            cc = np.where(a_country[idx] == "CN", "CN", a_country[idx])
            a_ser = np.char.zfill(np.floor(rng.random(len(idx)) * 99999 + 10000).astype(np.int64).astype(str), 6)
            put(mask, "WO" + pyear[idx].astype(str).astype(object) + np.char.zfill(ser.astype(str), 6).astype(object)
                + "A1", "PCT/" + cc.astype(object) + year[idx].astype(str).astype(object) + "/" + a_ser.astype(object),
                np.full(len(idx), "A1", dtype=object))
        elif off in ("JP", "KR"):
            width = 6 if off == "JP" else 7
            ser = _increasing(pfrac[idx] * (90000 if off == "JP" else 150000) + 1, pub1[idx], pyear[idx], rng, 300)
            gnum = _increasing(_interp_anchor(f"{off}-B", np.nan_to_num(grant[idx])), np.nan_to_num(grant[idx]),
                               np.zeros(len(idx), dtype=np.int64), rng, 900)
            head = "KR10" if off == "KR" else "JP"
            pub_a = head + pyear[idx].astype(str).astype(object) + np.char.zfill(ser.astype(str), width).astype(object)
            pub_b = (("KR10" if off == "KR" else "JP") + gnum.astype(str).astype(object))
            app_s = np.char.zfill(np.floor(rng.random(len(idx)) * 89999 + 10000).astype(np.int64).astype(str), width)
            a_txt = (("KR10-" if off == "KR" else "JP") + year[idx].astype(str).astype(object) + "-"
                     + app_s.astype(object))
            put(mask, np.where(g, pub_b + ("B1" if off == "KR" else "B2"), pub_a + "A"),
                a_txt, np.where(g, "B1" if off == "KR" else "B2", "A"))
        else:  # DE
            ser = np.char.zfill(np.floor(rng.random(len(idx)) * 899999 + 100000).astype(np.int64).astype(str), 6)
            chk = rng.integers(0, 10, len(idx)).astype(str)
            base = "DE10" + year[idx].astype(str).astype(object) + ser.astype(object)
            put(mask, base + np.where(g, "B4", "A1").astype(object), base + "." + chk.astype(object),
                np.where(g, "B4", "A1"))
    return d.assign(app_no=app_no, pub_no=pub_no, kind=kind, row_pub=row_pub)


# =========================================================================== content
_INV_SUFFIX_MATERIAL = ("", "及其制备方法", "的制备方法", "及其应用", "的加工方法", "及其生产工艺")
_INV_SUFFIX_DEVICE = ("", "及其控制方法", "及其使用方法", "系统及方法", "的设计方法")
_DEVICE_END = ("装置", "系统", "机", "设备", "结构", "组件", "机构", "轴承", "钻头", "砂轮", "锯片", "刀具",
               "起重机", "葫芦", "减速机", "电机", "密封", "吊具", "吊钩", "机组", "掘进机", "盾构机")


def _pick(rng: np.random.Generator, choices: Sequence[str], n: int) -> np.ndarray:
    arr = np.array(list(choices), dtype=object)
    return arr[rng.integers(0, len(arr), n)]


def _content(spec: ChainSpec, f: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Titles, abstracts, IPC symbols and technology means × effect tags of each first filing."""
    n = len(f)
    segs = spec.segments
    seg = f["seg"].to_numpy()
    ptype = f["ptype"].to_numpy()
    title = np.full(n, "", dtype=object)
    title_en = np.full(n, "", dtype=object)
    abstract = np.full(n, "", dtype=object)
    ipc = np.full(n, "", dtype=object)
    means_t = np.full(n, "", dtype=object)
    effects_t = np.full(n, "", dtype=object)
    eff_names = np.array([e[0] for e in spec.effects], dtype=object)
    eff_verbs = np.array([e[1] for e in spec.effects], dtype=object)
    blank = set(spec.blank_cells)
    hot = set(spec.hot_cells)
    for si, s in enumerate(segs):  # per segment (a dozen groups)
        rows = np.nonzero(seg == si)[0]
        k = len(rows)
        if not k:
            continue
        pt = ptype[rows]
        kw = _pick(rng, s.keywords, k)
        prod = _pick(rng, s.products, k)
        dev = _pick(rng, s.devices, k)
        # means and effects (the analyst's 标引 tags)
        mw = rng.dirichlet(np.full(len(s.means), 3.0))
        mi = _choice(rng, k, mw)
        means = np.array(s.means, dtype=object)[mi]
        ew_seg = rng.dirichlet(np.full(len(eff_names), 2.5))
        e1 = np.zeros(k, dtype=np.int64)
        e2 = np.full(k, -1, dtype=np.int64)
        two = rng.random(k) < 0.35
        for j, mname in enumerate(s.means):
            r = np.nonzero(mi == j)[0]
            if not len(r):
                continue
            w = ew_seg.copy()
            for ei, en in enumerate(eff_names):
                if (mname, en) in blank:
                    w[ei] = 0.0
                if (mname, en) in hot:
                    w[ei] = max(w[ei] * 5.0, 2.0 * w.max())
            e1[r] = _choice(rng, len(r), w)
            second = _choice(rng, len(r), w)
            e2[r] = np.where(two[r] & (second != e1[r]), second, -1)
        eff_txt = np.where(e2 >= 0, eff_names[e1] + ";" + eff_names[np.maximum(e2, 0)], eff_names[e1])
        phrase = eff_verbs[e1] + eff_names[e1] + np.where(e2 >= 0, "，并" + eff_verbs[np.maximum(e2, 0)]
                                                          + eff_names[np.maximum(e2, 0)], "")
        # titles
        is_dev = np.array([any(str(p).endswith(e) for e in _DEVICE_END) for p in prod])
        suf = np.where(is_dev, _pick(rng, _INV_SUFFIX_DEVICE, k), _pick(rng, _INV_SUFFIX_MATERIAL, k))
        via = rng.random(k) < 0.25
        t_inv = np.where(via, "一种基于" + means + "的" + prod + suf, "一种" + prod + suf)
        t_um = "一种" + dev
        t_des = dev.copy()
        tt = np.where(pt == 0, t_inv, np.where(pt == 1, t_um, t_des))
        title[rows] = tt
        title_en[rows] = _pick(rng, s.titles_en, k)
        who = np.where(pt == 0, "发明", "实用新型")
        how = np.where(pt == 0, np.where(is_dev, "该装置", "该方法"), "该装置")
        core = np.where(pt == 0, np.where(via, prod + suf, prod + suf), dev)
        ab = ("本" + who + "涉及" + kw + "技术领域，公开了一种" + core + "。" + how + "通过" + means + "，"
              + phrase + "。")
        ab_des = "本外观设计产品的名称为" + dev + "；用于" + kw + "领域；设计要点在于产品的形状。"
        abstract[rows] = np.where(pt == 2, ab_des, ab)
        means_t[rows] = np.where(pt == 2, "", means)
        effects_t[rows] = np.where(pt == 2, "", eff_txt)
        # IPC: main symbol from the segment's own patterns; extra ones from the segment, its
        # extras, or (sometimes) a neighbouring segment in the chain
        w_ipc = 1.0 / np.arange(1, len(s.ipc) + 1) ** 0.8
        main = np.array(s.ipc, dtype=object)[_choice(rng, k, w_ipc)]
        pool = list(s.ipc) + list(s.ipc_extra)
        ex1 = _pick(rng, pool, k)
        nb = [x for x in (si + 1, si - 1) if 0 <= x < len(segs)]
        neigh = list(segs[nb[0]].ipc) if nb else pool
        ex2 = _pick(rng, neigh, k)
        use1 = rng.random(k) < 0.6
        use2 = rng.random(k) < 0.12
        sym = _join([main, np.where(use1 & (ex1 != main), ex1, ""),
                     np.where(use2 & (ex2 != main) & (ex2 != ex1), ex2, "")], ";")
        ipc[rows] = np.where(pt == 2, "", sym)
    claims = np.where(ptype == 0, 1 + rng.negative_binomial(3, 3 / (3 + 8.0), n),
                      np.where(ptype == 1, 1 + rng.poisson(5.5, n), 0))
    return f.assign(title=title, title_en=title_en, abstract=abstract, ipc=ipc, tag_means=means_t,
                    tag_effects=effects_t, claims=claims)



def _citations(spec: ChainSpec, rows: pd.DataFrame, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Backward citations within the data (``cites``) and forward-citation counts."""
    m = len(rows)
    cut = float(_days(spec.cutoff))
    office = rows["office"].to_numpy()
    ptype = rows["ptype"].to_numpy()
    q = rows["quality"].to_numpy()
    seg = rows["seg"].to_numpy()
    pub1 = rows["pub1"].to_numpy()
    app = rows["app"].to_numpy()
    fam = rows["fid"].to_numpy()
    lam = np.where(office == "CN", np.array([1.1, 0.5, 0.0])[ptype], np.where(office == "US", 2.6, 1.4))
    k = rng.poisson(lam)
    citing = np.repeat(np.arange(m), k)
    same = rng.random(len(citing)) < 0.8
    weight = q * np.array([1.0, 0.35, 0.05])[ptype]
    cited = np.full(len(citing), -1)
    for scope in ("segment", "all"):
        groups = np.unique(seg) if scope == "segment" else np.array([0])
        for gval in groups:
            pool = np.nonzero(seg == gval)[0] if scope == "segment" else np.arange(m)
            sel = np.nonzero((same if scope == "segment" else ~same)
                             & ((seg[citing] == gval) if scope == "segment" else True))[0]
            if not len(sel) or not len(pool):
                continue
            o = pool[np.argsort(pub1[pool], kind="stable")]
            cw = np.cumsum(weight[o])
            upto = np.searchsorted(pub1[o], app[citing[sel]], side="left")
            ok = upto > 0
            sel, upto = sel[ok], upto[ok]
            u = rng.random(len(sel)) * cw[upto - 1]
            cited[sel] = o[np.minimum(np.searchsorted(cw, u, side="right"), upto - 1)]
    pairs = pd.DataFrame({"citing": citing, "cited": cited})
    pairs = pairs[(pairs["cited"] >= 0)]
    pairs = pairs[fam[pairs["citing"].to_numpy()] != fam[pairs["cited"].to_numpy()]].drop_duplicates()
    pairs = pairs.sort_values(["citing", "cited"], kind="stable")
    pub_no = rows["pub_no"].to_numpy()
    by = pairs.assign(no=pub_no[pairs["cited"].to_numpy()]).groupby("citing", sort=True)["no"].agg(";".join)
    cites = np.full(m, "", dtype=object)
    cites[by.index.to_numpy()] = by.to_numpy()
    inside = np.bincount(pairs["cited"].to_numpy(), minlength=m)
    age = np.maximum(cut - pub1, 0) / 365.25
    ext_rate = np.where(office == "CN", np.array([1.6, 0.4, 0.05])[ptype], 2.5)
    external = rng.poisson(ext_rate * q * (1 - np.exp(-age / 5.0)))
    return cites, inside + external


# =========================================================================== assembly
@dataclass
class SynthData:
    """A generated case: the canonical table, its truths and how it was made."""

    case: str
    spec: ChainSpec
    seed: int
    scale: float
    patents: pd.DataFrame
    truths: dict[str, pd.DataFrame]
    raw_sample: pd.DataFrame
    frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)


def _split_cells(values: np.ndarray) -> list[list[str]]:
    return [v.split(";") if v else [] for v in values]  # list cells are Python lists by definition


def generate(case: str | Path | Chain | ChainSpec, seed: int | None = None, scale: float = 1.0) -> SynthData:
    """Generate a case dataset: canonical table (``docs/schema.md``) plus truths.

    Parameters
    ----------
    case : a bundled case name (:func:`navtrain.synth.chain_names`), a spec path, a
        :class:`navtrain.chain.Chain` or a :class:`ChainSpec` (read by :func:`load_case`).
    seed : random seed (0 ≤ seed < 2³²); default the spec's own seed. The same seed gives
        identical output; ``numpy.random.default_rng(seed)`` is the only source of randomness.
    scale : multiplies every expected count K (0.01 ≤ scale ≤ 2); 1 gives the bundled size.

    Returns a :class:`SynthData` whose ``patents`` is a new canonical table (one row per
    document visible at the spec's cut-off, ``source == 'synthetic'``) with two extra list
    columns ``tag_means`` and ``tag_effects`` (technology means × effect indexing), and whose
    ``truths`` hold the answers (segments, applicants, people, documents, matrix cells).

    >>> data = generate("superhard", scale=0.05)
    >>> data.patents["source"].unique().tolist(), bool(data.patents["pub_no"].is_unique)
    (['synthetic'], True)
    >>> generate("superhard", scale=3)
    Traceback (most recent call last):
    ...
    navtrain.synth.SynthParameterError: invalid generator parameter scale = 3; allowed: a number 0.01 ≤ scale ≤ 2; ...
    """
    spec = case if isinstance(case, ChainSpec) else load_case(case)
    seed_v = spec.seed if seed is None else int(_num(seed, "seed", 0, 2**32 - 1, integer=True))
    scale_v = _num(scale, "scale", 0.01, 2.0)
    rng = np.random.default_rng(seed_v)
    actors = _make_actors(spec, rng)
    people = _make_people(spec, actors, rng)
    f = _make_filings(spec, actors, rng, scale_v)
    f = _attributes(spec, actors, f, rng)
    f = _content(spec, f, rng)
    f = _inventors(spec, actors, f, people, rng)
    d = _documents(spec, actors, f, rng)
    d = _legal(spec, d)
    d = _numbers(spec, d, actors, f, rng)
    rows = d[d["visible"].to_numpy()].copy()
    rows = rows.join(f[["layer", "seg", "year", "actor", "co_actor", "title", "title_en", "abstract", "ipc",
                        "tag_means", "tag_effects", "claims", "inventors", "inventors_en", "inventor_ids"]],
                     on="fid")
    rows = rows.sort_values(["app", "fid", "office", "pub_no"], kind="stable").reset_index(drop=True)
    patents, extra = _assemble(spec, actors, rows, rng)
    cites, cited_by = _citations(spec, rows.assign(pub_no=patents["pub_no"].to_numpy()), rng)
    patents["cites"] = _split_cells(cites)
    patents["cited_by_count"] = pd.array(cited_by, dtype="Int64")
    truths = _truths(spec, actors, people, f, rows, patents, extra)
    raw_rng = np.random.default_rng(seed_v + 1)
    sample_idx = np.sort(raw_rng.choice(len(patents), size=min(300, len(patents)), replace=False))
    raw = to_raw(patents.iloc[sample_idx], spec.raw_layout)
    return SynthData(case=spec.case, spec=spec, seed=seed_v, scale=scale_v, patents=patents, truths=truths,
                     raw_sample=raw, frames={"rows": rows, "actors": actors.table, "members": people.members})


def _assemble(spec: ChainSpec, actors: _Actors, rows: pd.DataFrame,
              rng: np.random.Generator) -> tuple[pd.DataFrame, dict[str, Any]]:
    T = actors.table
    m = len(rows)
    office = rows["office"].to_numpy()
    is_cn = office == "CN"
    a = rows["actor"].to_numpy()
    c = rows["co_actor"].to_numpy()
    has_c = c >= 0
    cc = np.maximum(c, 0)
    name = T["name"].to_numpy()
    name_en = T["name_en"].to_numpy()
    year = _year_of(rows["app"].to_numpy().astype(np.int64))
    raw1 = np.where(is_cn, name[a], np.where(name_en[a] != "", name_en[a], name[a])).astype(object)
    raw2 = np.where(is_cn, name[cc], np.where(name_en[cc] != "", name_en[cc], name[cc])).astype(object)
    vkind1 = np.where(is_cn, "exact", "english").astype(object)
    vkind2 = vkind1.copy()
    for v in actors.variants.itertuples(index=False):  # planted variants: a few dozen
        for raw, col, vk in ((raw1, a, vkind1), (raw2, c, vkind2)):
            hit = is_cn & (col == v.actor) & (year >= v.from_year) & (year <= v.to_year) & (rng.random(m) < v.prob)
            raw[hit] = v.variant
            vk[hit] = v.kind
    for raw, vk in ((raw1, vkind1), (raw2, vkind2)):
        br = is_cn & np.array([("（" in x) for x in raw]) & (rng.random(m) < 0.15) & (vk == "exact")
        raw[br] = [x.replace("（", "(").replace("）", ")") for x in raw[br]]
        vk[br] = "bracket"
    applicants = np.where(has_c, raw1 + ";" + raw2, raw1)
    std = np.where(has_c, name[a] + ";" + name[cc], name[a])
    place = T["place"].to_numpy()[a]
    domestic_cn = is_cn & (place >= 0)
    pl = np.array(PLACES, dtype=object)
    get = lambda j: np.where(domestic_cn, pl[np.maximum(place, 0), j], None)  # noqa: E731
    addr = np.where(is_cn, T["address"].to_numpy()[a], None)
    country = T["country"].to_numpy()[a]
    prio_cc = np.array([("CN" if x == "CN" else _COUNTRIES[x][2] if _COUNTRIES[x][2] != "EP" else "EP")
                        for x in country], dtype=object)
    ptype = rows["ptype"].to_numpy()
    fam_id = np.char.add(spec.code, np.char.zfill(rows["fid"].to_numpy().astype(str), 6)).astype(object)
    fam_size = pd.Series(fam_id).map(pd.Series(fam_id).value_counts()).to_numpy()
    title = np.where(is_cn, rows["title"].to_numpy(), rows["title_en"].to_numpy())
    abstract = np.where(is_cn, rows["abstract"].to_numpy(),
                        rows["title_en"].to_numpy() + ". The invention relates to "
                        + np.array([spec.segments[s].name_en for s in rows["seg"].to_numpy()], dtype=object) + ".")
    inventors = np.where(is_cn, rows["inventors"].to_numpy(), rows["inventors_en"].to_numpy())
    ipc = rows["ipc"].to_numpy()
    ipc_main = np.array([x.split(";")[0] if x else None for x in ipc], dtype=object)
    claims = rows["claims"].to_numpy().astype(float)
    claims = np.where(is_cn & (ptype == 2), np.nan, claims + np.where(is_cn, 0, rng.integers(-2, 5, m)))
    claims = np.where(np.isnan(claims), np.nan, np.maximum(claims, 1))
    app_dt = _to_dt(rows["app"].to_numpy())
    pub_dt = _to_dt(rows["row_pub"].to_numpy())
    prio_dt = _to_dt(rows["prio"].to_numpy())
    grant_dt = _to_dt(np.where(rows["granted_now"].to_numpy(), rows["grant"].to_numpy(), np.nan))
    exp_dt = _to_dt(rows["expiry"].to_numpy())
    out = pd.DataFrame({
        "pub_no": rows["pub_no"].to_numpy(dtype=object),
        "app_no": rows["app_no"].to_numpy(dtype=object),
        "office": office.astype(object),
        "kind": rows["kind"].to_numpy(dtype=object),
        "patent_type": np.array(["invention", "utility_model", "design"], dtype=object)[ptype],
        "family_id": fam_id,
        "family_size": pd.array(fam_size, dtype="Int64"),
        "app_date": app_dt,
        "pub_date": pub_dt,
        "grant_date": grant_dt,
        "priority_date": prio_dt,
        "priority_country": prio_cc,
        "app_year": pd.array(app_dt.dt.year, dtype="Int64"),
        "pub_year": pd.array(pub_dt.dt.year, dtype="Int64"),
        "priority_year": pd.array(prio_dt.dt.year, dtype="Int64"),
        "title": title.astype(object),
        "abstract": abstract.astype(object),
        "claims_count": pd.array(np.where(np.isnan(claims), None, claims), dtype="Int64"),
        "applicants": _split_cells(applicants),
        "inventors": _split_cells(inventors),
        "applicants_std": _split_cells(std),
        "applicant_type": T["kind"].to_numpy()[a].astype(object),
        "applicant_address": addr,
        "province": get(0),
        "city": get(1),
        "province_code": get(3),
        "city_code": get(4),
        "ipc": _split_cells(ipc),
        "ipc_main": ipc_main,
        "cpc": [[] for _ in range(m)],
        "legal_status": rows["legal_status"].to_numpy(dtype=object),
        "legal_events": _split_cells(rows["legal_events"].to_numpy()),
        "expiry_date": exp_dt,
        "cited_by_count": pd.array(np.zeros(m, dtype=np.int64), dtype="Int64"),
        "cites": [[] for _ in range(m)],
        "source": "synthetic",
        "source_row": pd.array(np.arange(1, m + 1), dtype="Int64"),
        "tag_means": _split_cells(rows["tag_means"].to_numpy()),
        "tag_effects": _split_cells(rows["tag_effects"].to_numpy()),
    })
    for col in ("province", "city", "province_code", "city_code", "applicant_address", "ipc_main"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    extra = {"raw1": raw1, "raw2": raw2, "vkind1": vkind1, "vkind2": vkind2,
             "events_incopat": rows["events_incopat"].to_numpy(), "events_patsnap": rows["events_patsnap"].to_numpy()}
    return out, extra
