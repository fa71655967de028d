"""Legal status and risk (法律状态与风险): term, status as of a date, remaining life, FTO screening.

What it does: the statutory term and termination date of each document (:func:`term_end`);
a long, dated event table built from the canonical dates and the raw legal events
(:func:`legal_event_table`); the status of each document as of any date
(:func:`status_as_of`); the remaining life (:func:`remaining_life`); a freedom-to-operate
screening funnel with a shortlist and a lapsed list (:func:`fto_screen`); a claim-element
comparison table to fill in (:func:`claim_chart`); a comparison of two snapshots
(:func:`watch_changes`); and two charts (:func:`plot_legal_profile`,
:func:`plot_expiry_profile`).

**A teaching aid for screening, not legal advice**: the status and term figures come from
bibliographic data, which lag and simplify the register; whether a product falls within a
claim can only be judged by a qualified person reading the claims (专利侵权判定须由专业人员
阅读权利要求作出).

Sources: Chinese Patent Law Art. 42 (terms: invention 20 years, utility model 10, design
15 for filings from 2021-06-01, 10 before; counted from the filing date 申请日) and
Art. 44 (early termination); Guidelines for Patent Examination (专利审查指南 2010)
Part V Ch. 9 §2.1 (the day of termination is the anniversary of the filing date, not
extended for holidays) and Part V Ch. 7 (time limits in years: the corresponding day,
else the last day of the month); GB/T 39551.4 and .5 (专利导航指南) on the legal-status
and risk analyses of a navigation report (paraphrased, cited by part); WIPO *Guidelines for
Preparing Patent Landscape Reports* (2015) on legal-status data and its limits; dates and
cut-off by :mod:`navtrain.basis`. Status mapping, terms, FTO steps and the worked table:
``docs/methods/legal.md`` and ``tests/test_legal.py``.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from navtrain import basis
from navtrain.errors import NavtrainWarning, SchemaError
from navtrain.plots import PALETTE, new_axes, save_chart
from navtrain.schema import BY_NAME, standardize_columns

__all__ = [
    "DISCLAIMER",
    "claim_chart",
    "fto_screen",
    "legal_event_table",
    "plot_expiry_profile",
    "plot_legal_profile",
    "remaining_life",
    "status_as_of",
    "term_end",
    "watch_changes",
]

#: The caveat every FTO result carries (also in ``attrs["disclaimer"]``).
DISCLAIMER = ("教学用筛查工具，不构成法律意见；是否落入保护范围须由具备资质的专业人员阅读权利要求后判断。"
              "Teaching aid for screening, not legal advice: the claims must be read by a qualified person.")

#: Designs filed on or after this day get 15 years (Patent Law Art. 42 as amended 2020).
DESIGN_15_YEARS_FROM = pd.Timestamp("2021-06-01")

#: CN statutory terms in years (Patent Law Art. 42); designs: see DESIGN_15_YEARS_FROM.
CN_TERMS = {"invention": 20, "utility_model": 10, "design": 10}

STATUS_ZH = {"valid": "有效", "pending": "审中", "lapsed": "失效", "unknown": "未知"}
TYPE_ZH = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}

#: Where each needed column comes from (named in the error when it is missing).
_PROVIDED_BY = {
    "app_date": "the filing date 申请日 of the export, read by navtrain.read_patents / to_patent_table",
    "patent_type": "navtrain.read_patents, which derives it from the kind code or the 专利类型 label "
                   "(navtrain.normalize.patent_type)",
    "pub_no": "the 公开(公告)号 column of the export, read by navtrain.read_patents",
    "legal_events": "the 法律状态/法律事件 column of the export, read by navtrain.read_patents",
    "legal_status": "navtrain.read_patents (navtrain.normalize.legal_status maps 法律状态 to valid/pending/lapsed)",
}

_TYPE_ALIASES = {"um": "utility_model", "utility": "utility_model", "实用": "utility_model",
                 "外观": "design", "发明申请": "invention", "invention": "invention",
                 "utility_model": "utility_model", "design": "design"}

_OFFICE_ALIASES = {"中国": "CN", "中国大陆": "CN", "美国": "US", "欧洲": "EP", "欧专局": "EP", "日本": "JP",
                   "韩国": "KR", "德国": "DE", "世界知识产权组织": "WO", "PCT": "WO"}

#: event_type (navtrain/data/legal_status_map.csv) → event_class; lapsed types → termination.
_EVENT_CLASS = {
    "filing": "filing", "publication": "publication",
    "examination": "examination", "reexamination": "examination", "status_pending": "examination",
    "pct_international_phase": "examination",
    "grant": "grant", "status_valid": "grant", "maintained": "grant", "fee_paid": "grant",
    "partial_invalidation": "grant", "restoration": "restoration",
    "transfer": "transaction", "license": "transaction", "pledge": "transaction",
    "unrecognised": "unrecognised",
}
_PREC = {"pending": 10, "valid": 20, "lapsed": 30}

_DATE_KEYS = ("法律状态公告日", "法律状态日", "法律状态日期", "法律状态公告日期", "公告日", "事件日期", "生效日",
              "date", "eventdate", "legaldate", "legalstatusdate", "日期")
_EVENT_KEYS = ("法律状态", "法律事件", "法律状态信息", "法律状态/事件", "事件", "event", "legalevent",
               "legalstatus", "status", "eventtype", "legalevents")
_APPNO_KEYS = ("申请号", "appno", "applicationnumber")


# --------------------------------------------------------------------------- helpers


def _key(text: object) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).lower().split()).replace("_", "").replace("-", "")


def _need(table: pd.DataFrame, cols: Iterable[str], purpose: str) -> None:
    """Like schema.check_columns, but the message names the import step providing the column."""
    missing = [c for c in cols if c not in table.columns]
    if missing:
        names = ", ".join(f"'{c}' ({BY_NAME[c].zh})" if c in BY_NAME else f"'{c}'" for c in missing)
        steps = "; ".join(f"{c} comes from {_PROVIDED_BY[c]}" for c in missing if c in _PROVIDED_BY)
        raise SchemaError(
            f"{purpose} needs column{'s' if len(missing) > 1 else ''} {names}, which the table lacks",
            fix=(steps + "; " if steps else "") + "rename your headers (navtrain.standardize_columns) or load "
            "the data with navtrain.read_patents / load_dataset",
            hint="表中缺少所需的列（如申请日、专利类型），请先用 read_patents 导入并规范化",
        )


def _dates(s: pd.Series, col: str) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.astype("datetime64[ns]")
    parsed = pd.to_datetime(s, errors="coerce", format="mixed")
    bad = s.notna() & parsed.isna() & (s.astype("string").str.strip() != "")
    if bad.any():
        raise SchemaError(f"column '{col}' has {int(bad.sum())} value(s) that are not dates, first "
                          f"{s[bad].iloc[0]!r}", fix="convert it with navtrain.to_patent_table(df)",
                          hint="日期列格式无法识别")
    return parsed.astype("datetime64[ns]")


def _types(values: pd.Series) -> pd.Series:
    """Canonical patent types (invention/utility_model/design) or NA; unique values only."""
    from navtrain.normalize import patent_type as _pt

    codes, uniq = pd.factorize(values.astype("string").str.strip(), use_na_sentinel=True)
    u = pd.Series(np.asarray(uniq, dtype=object), dtype=object)
    keyed = u.map(lambda v: _TYPE_ALIASES.get(_key(v)))
    rest = keyed.isna()
    if rest.any():
        keyed[rest] = _pt(label=u[rest].astype(str)).to_numpy(dtype=object)
    mapped = np.append(keyed.to_numpy(dtype=object), None)[np.where(codes < 0, len(u), codes)]
    return pd.Series(mapped, index=values.index, dtype=object)


def _offices(table: pd.DataFrame, default: str = "CN") -> pd.Series:
    if "office" in table.columns:
        s = table["office"].astype("string").str.strip().str.upper()
    elif "pub_no" in table.columns:
        s = table["pub_no"].astype("string").str.strip().str[:2].str.upper()
        s = s.where(s.str.fullmatch(r"[A-Z]{2}").fillna(False).astype(bool))
    else:
        s = pd.Series(pd.NA, index=table.index, dtype="string")
    return s.fillna(default).astype(object)


def _add_years(dates: pd.Series, years: np.ndarray) -> pd.Series:
    """date + n years: same month and day, else the last day of that month (02-29 → 02-28)."""
    d = dates.to_numpy(dtype="datetime64[D]")
    ok = ~np.isnat(d) & np.isfinite(years)
    out = np.full(len(d), np.datetime64("NaT"), dtype="datetime64[D]")
    if ok.any():
        dd = d[ok]
        month = dd.astype("datetime64[M]")
        day = (dd - month.astype("datetime64[D]")).astype(np.int64)  # 0-based day of month
        target = month + (years[ok].astype(np.int64) * 12).astype("timedelta64[M]")
        dim = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]"))
        out[ok] = target.astype("datetime64[D]") + np.minimum(day, dim.astype(np.int64) - 1).astype("timedelta64[D]")
    return pd.Series(out.astype("datetime64[ns]"), index=dates.index)


def _holder_text(table: pd.DataFrame) -> pd.Series:
    col = "applicants_std" if "applicants_std" in table.columns else (
        "applicants" if "applicants" in table.columns else None)
    if col is None:
        return pd.Series("", index=table.index, dtype=object)
    s = table[col].astype(object)
    first = s.dropna()
    if len(first) and isinstance(first.iloc[0], list | tuple):
        return s.str.join("；").fillna("").astype(object)
    return s.where(s.notna(), "").astype(str).astype(object)


# --------------------------------------------------------------------------- term


def term_end(app_date: object, patent_type: object = None, office: object = "CN",
             term_adjustment_days: object = None, terms: Mapping[object, float] | None = None
             ) -> pd.DataFrame | pd.Series:
    """Statutory term (保护期限), last day in force and termination date (期满终止日).

    Formula (China, Patent Law Art. 42, counted from the filing date 申请日):
    term = 20 years (invention), 10 (utility model), 10 for a design filed before
    2021-06-01 and 15 for one filed on or after it; ``termination_date`` = the filing date's
    anniversary after *term* years (+ ``term_adjustment_days``, the Art. 42 ¶2–3 term
    compensation, if any) and ``last_day_in_force`` = ``termination_date − 1 day``
    (审查指南 Part V Ch. 9 §2.1: a utility model filed 1999-09-06 is protected until
    2009-09-05 and terminates on 2009-09-06, not extended for holidays). When the
    anniversary month has no such day (02-29) the last day of the month is used
    (审查指南 Part V Ch. 7 time-limit rule): 2000-02-29 + 10 years → 2010-02-28.
    Divisional applications take the parent's filing date (pass it); PCT national-phase
    entries count from the international filing date.

    Other offices: inventions get 20 years from filing (a simplification: US terms, for
    one, depend on the filing route and patent term adjustment); other types get NA
    unless ``terms`` gives them, as ``{"design": 15}`` or ``{("US", "design"): 15}``
    (office-specific keys win). WO (PCT) applications are not patents: NA.

    ``app_date`` may be a table (the canonical columns ``app_date``, ``patent_type`` and,
    if present, ``office`` and ``term_adjustment_days`` are used), a Series (with
    ``patent_type`` a Series or one value) or one date. A table or Series gives a new
    DataFrame (same index) with ``term_years``, ``last_day_in_force``,
    ``termination_date`` and ``term_rule``; one date gives a Series with those keys.
    Unknown patent types and missing dates give NA and are counted in
    ``attrs["unknown_type"]`` / ``attrs["no_date"]`` with a :class:`NavtrainWarning`.

    >>> r = term_end("1999-09-06", "utility_model")
    >>> str(r["last_day_in_force"].date()), str(r["termination_date"].date())
    ('2009-09-05', '2009-09-06')
    >>> [int(term_end(d, "design")["term_years"]) for d in ("2021-05-31", "2021-06-01")]
    [10, 15]
    >>> str(term_end("2000-02-29", "实用新型")["termination_date"].date())
    '2010-02-28'
    >>> from navtrain import load_sample
    >>> t = term_end(load_sample())
    >>> int(t.loc[0, "term_years"]), str(t.loc[0, "termination_date"].date())
    (20, '2035-03-12')
    """
    scalar = False
    if isinstance(app_date, pd.DataFrame):
        table = standardize_columns(app_date)
        _need(table, ["app_date", "patent_type"], "term_end")
        dates = _dates(table["app_date"], "app_date")
        types = table["patent_type"]
        offices = _offices(table)
        if term_adjustment_days is None and "term_adjustment_days" in table.columns:
            term_adjustment_days = table["term_adjustment_days"]
    else:
        if isinstance(app_date, pd.Series):
            dates = _dates(app_date, "app_date")
        elif isinstance(app_date, (list, tuple, np.ndarray, pd.Index)):
            dates = _dates(pd.Series(list(app_date)), "app_date")
        else:
            scalar = True
            dates = _dates(pd.Series([app_date]), "app_date")
        if patent_type is None:
            raise SchemaError("term_end needs the patent type (专利类型) with the filing dates",
                              fix="pass patent_type='invention' / 'utility_model' / 'design' or a table "
                              "with columns app_date and patent_type (from navtrain.read_patents)",
                              hint="计算保护期限需要专利类型")
        types = (patent_type.set_axis(dates.index) if isinstance(patent_type, pd.Series)
                 else pd.Series([patent_type] * len(dates), index=dates.index, dtype=object))
        offices = (office.set_axis(dates.index) if isinstance(office, pd.Series)
                   else pd.Series([office] * len(dates), index=dates.index, dtype=object))
        offices = offices.astype("string").str.strip().str.upper().fillna("CN").astype(object)
    offices = offices.replace(_OFFICE_ALIASES)
    ptype = _types(types)
    is_cn = (offices == "CN").to_numpy()
    p = ptype.to_numpy(dtype=object)
    years = np.full(len(dates), np.nan)
    rule = np.full(len(dates), "no rule (type or office unknown)", dtype=object)
    late_design = (dates >= DESIGN_15_YEARS_FROM).to_numpy()
    for t, y in CN_TERMS.items():
        sel = is_cn & (p == t)
        years[sel] = y
        rule[sel] = f"CN {t} {y} years (Patent Law Art. 42)"
    sel = is_cn & (p == "design") & late_design
    years[sel] = 15
    rule[sel] = "CN design 15 years (filed from 2021-06-01, Art. 42 as amended 2020)"
    inv_other = ~is_cn & (p == "invention") & (offices != "WO").to_numpy()
    years[inv_other] = 20
    rule[inv_other] = "non-CN invention 20 years from filing (simplification)"
    if terms:  # generic keys (non-CN only) first, then (office, type) keys, which win
        for k, y in sorted(terms.items(), key=lambda kv: isinstance(kv[0], tuple)):
            if isinstance(k, tuple):
                sel = (offices == str(k[0]).upper()).to_numpy() & (p == _TYPE_ALIASES.get(_key(k[1]), k[1]))
                label = f"{k[0]} {k[1]}"
            else:
                sel = ~is_cn & (p == _TYPE_ALIASES.get(_key(k), k)) & (offices != "WO").to_numpy()
                label = f"non-CN {k}"
            years[sel] = float(y)
            rule[sel] = f"{label} {y} years (caller's terms)"
    term_date = _add_years(dates, years)
    if term_adjustment_days is not None:
        adj = (term_adjustment_days.set_axis(dates.index) if isinstance(term_adjustment_days, pd.Series)
               else pd.Series([term_adjustment_days] * len(dates), index=dates.index))
        adj = pd.to_numeric(adj, errors="coerce").fillna(0)
        term_date = term_date + pd.to_timedelta(adj, unit="D")
    out = pd.DataFrame({
        "term_years": pd.array(np.where(np.isfinite(years), years, np.nan), dtype="Float64").astype("Int64"),
        "last_day_in_force": term_date - pd.Timedelta(days=1),
        "termination_date": term_date,
        "term_rule": rule,
    }, index=dates.index)
    unknown_type = int((ptype.isna() & types.notna()).sum())
    no_date = int(dates.isna().sum())
    no_type = int(types.isna().sum())
    if unknown_type:
        bad = types[ptype.isna() & types.notna()].astype(str).unique()[:5].tolist()
        warnings.warn(f"term_end: {unknown_type} row(s) have an unknown patent type (e.g. {bad}); their term "
                      "is NA (专利类型无法识别，保护期限记为缺失)", NavtrainWarning, stacklevel=2)
    if no_date:
        warnings.warn(f"term_end: {no_date} row(s) have no filing date; their term is NA (申请日缺失)",
                      NavtrainWarning, stacklevel=2)
    out.attrs = {"unknown_type": unknown_type, "no_date": no_date, "no_type": no_type,
                 "convention": "termination = anniversary of the filing date; last day in force = termination − 1 "
                               "day; 02-29 → 02-28 (month-end rule)"}
    if scalar:
        row = out.iloc[0]
        res = pd.Series({"term_years": None if pd.isna(row["term_years"]) else int(row["term_years"]),
                         "last_day_in_force": row["last_day_in_force"],
                         "termination_date": row["termination_date"], "term_rule": row["term_rule"]},
                        dtype=object)
        return res
    return out


# --------------------------------------------------------------------------- events


_STATUS_CODES = np.array([None, "pending", "valid", "lapsed"], dtype=object)  # code 0 = says nothing
_STATUS_CODE = {"pending": 1, "valid": 2, "lapsed": 3}
_SOURCES = np.array(["legal_events", "events", "app_date", "pub_date", "grant_date", "expiry_date", "term"],
                    dtype=object)
#: canonical events: (text, event_type, event_class, status, source code)
_CANON = {"filing": ("申请", "filing", "filing", "pending", 2), "publication": ("公开", "publication",
          "publication", "pending", 3), "grant": ("授权", "grant", "grant", "valid", 4),
          "expiry": ("期限届满", "expiry", "termination", "lapsed", 5),
          "termination": ("专利权终止", "termination", "termination", "lapsed", 5),
          "term": ("期限届满", "expiry", "termination", "lapsed", 6)}


def _vocabulary(terms: np.ndarray) -> pd.DataFrame:
    """One row per distinct event text (then the canonical events): status code, type, class, precedence."""
    from navtrain.normalize import classify_terms

    cls = classify_terms(pd.Series(terms, dtype=object).astype(str)) if len(terms) else pd.DataFrame(
        {"status": pd.Series([], dtype=object), "event_type": pd.Series([], dtype=object),
         "prec": pd.Series([], dtype=np.int64)})
    etype = cls["event_type"].to_numpy(dtype=object)
    st = cls["status"].to_numpy(dtype=object)
    eclass = np.array([_EVENT_CLASS.get(e, "other") for e in etype], dtype=object)
    eclass = np.where(st == "lapsed", "termination", eclass)
    voc = pd.DataFrame({"event": pd.Series(terms, dtype=object), "event_type": pd.Series(etype, dtype=object),
                        "event_class": pd.Series(eclass, dtype=object),
                        "scode": np.array([_STATUS_CODE.get(s, 0) for s in st], dtype=np.int8),
                        "precedence": cls["prec"].to_numpy(dtype=np.int64)})
    canon = pd.DataFrame({"event": [c[0] for c in _CANON.values()], "event_type": [c[1] for c in _CANON.values()],
                          "event_class": [c[2] for c in _CANON.values()],
                          "scode": np.array([_STATUS_CODE[c[3]] for c in _CANON.values()], dtype=np.int8),
                          "precedence": [_PREC[c[3]] for c in _CANON.values()]}, dtype=object)
    canon["scode"] = canon["scode"].astype(np.int8)
    canon["precedence"] = canon["precedence"].astype(np.int64)
    return pd.concat([voc, canon], ignore_index=True)


def _find_col(columns: Iterable[str], keys: Iterable[str]) -> str | None:
    cols = list(columns)
    keyed = {_key(c): c for c in cols}
    for k in keys:
        if _key(k) in keyed:
            return keyed[_key(k)]
    return None


def _caller_events(events: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """A caller's dated events (CNIPA 法律状态 export) → (_doc, date, event) rows."""
    ev = events.copy()
    date_col = _find_col(ev.columns, _DATE_KEYS)
    event_col = _find_col(ev.columns, _EVENT_KEYS)
    key_col = _find_col(ev.columns, ["pub_no", "公开(公告)号", "公开号", "公告号", "publication number"])
    app_col = _find_col(ev.columns, _APPNO_KEYS)
    if event_col is None or (key_col is None and app_col is None):
        raise SchemaError(
            "the events table needs a document number (公开(公告)号 or 申请号) and an event column (法律状态); "
            f"found {list(ev.columns)}",
            fix="rename the columns, e.g. pub_no / date (法律状态公告日) / event (法律状态)",
            hint="法律状态表需要公开号（或申请号）、法律状态公告日和法律状态三列")
    dates = (pd.to_datetime(ev[date_col], errors="coerce", format="mixed") if date_col is not None
             else pd.Series(pd.NaT, index=ev.index))
    if key_col is not None and "pub_no" in table.columns:
        pos = pd.Series(np.arange(len(table)), index=table["pub_no"].astype(str).to_numpy())
        pos = pos[~pos.index.duplicated()]
        doc = ev[key_col].astype(str).str.strip().map(pos)
    else:
        _need(table, ["app_no"], "legal_event_table(events with 申请号)")
        left = pd.DataFrame({"k": table["app_no"].astype(str).to_numpy(), "_doc": np.arange(len(table))})
        right = pd.DataFrame({"k": ev[app_col].astype(str).str.strip().to_numpy(), "_row": np.arange(len(ev))})
        m = right.merge(left, on="k", how="left")
        ev = ev.iloc[m["_row"].to_numpy()]
        dates = dates.iloc[m["_row"].to_numpy()]
        doc = pd.Series(m["_doc"].to_numpy(), index=ev.index)
    num = ev[key_col if key_col is not None else app_col].astype(str).str.strip()
    out = pd.DataFrame({"_doc": doc.fillna(-1).to_numpy(dtype=np.int64),
                        "date": dates.to_numpy(dtype="datetime64[ns]"), "_num": num.to_numpy(dtype=object),
                        "event": ev[event_col].astype("string").str.strip().to_numpy(dtype=object)})
    out = out[pd.notna(out["event"]).to_numpy()]
    out.attrs["unmatched"] = int((out["_doc"] < 0).sum())
    out.attrs["undated"] = int(out["date"].isna().sum())
    return out


_NAT = np.iinfo(np.int64).min


def _i8(values: object) -> np.ndarray:
    """datetime-like → int64 nanoseconds (NaT = int64 min)."""
    return np.asarray(values, dtype="datetime64[ns]").view(np.int64)


def _same_group_prev(group: np.ndarray, has: np.ndarray, forward: bool) -> np.ndarray:
    """Index of the previous (forward) or next (backward) row with ``has`` in the same group, else -1."""
    m = len(group)
    if forward:
        idx = np.maximum.accumulate(np.where(has, np.arange(m), -1)) if m else np.zeros(0, np.int64)
    else:
        idx = np.minimum.accumulate(np.where(has, np.arange(m), m)[::-1])[::-1] if m else np.zeros(0, np.int64)
    ok = (idx >= 0) & (idx < m)
    safe = np.clip(idx, 0, max(m - 1, 0))
    ok &= group[safe] == group
    return np.where(ok, idx, -1)


def _build_events(table: pd.DataFrame, events: pd.DataFrame | None, cutoff: pd.Timestamp,
                  projected: bool, term_table: pd.DataFrame | None = None
                  ) -> tuple[dict[str, np.ndarray], pd.DataFrame, dict]:
    """The long event table as numpy arrays (sorted) plus the vocabulary of event texts.

    Arrays: ``doc`` (row position in ``table``, -1 for a caller's event of another document),
    ``code`` (row of the vocabulary), ``date``/``date_min``/``date_max`` (int64 ns, NaT = min),
    ``src`` (index into _SOURCES), ``num`` (caller's number, object, or None).
    """
    n = len(table)
    info: dict = {}

    def col_dates(name: str) -> np.ndarray:
        if name in table.columns:
            return _i8(_dates(table[name], name).to_numpy(dtype="datetime64[ns]"))
        return np.full(n, _NAT, dtype=np.int64)

    app_v, pub_v, grant_v, exp_v = (col_dates(c) for c in ("app_date", "pub_date", "grant_date", "expiry_date"))
    cut = pd.Timestamp(cutoff).as_unit("ns").value
    docs, terms, dates, srcs, nums = [], [], [], [], []
    if "legal_events" in table.columns:
        cells = pd.Series(table["legal_events"].to_numpy(dtype=object), index=np.arange(n))
        sample = cells.dropna()
        if len(sample) and isinstance(sample.iloc[0], str):  # text cells (a CSV read without to_patent_table)
            from navtrain.normalize import EVENT_SEP
            cells = cells.astype("string").str.split(EVENT_SEP, regex=True).astype(object)
        flat = cells.explode()  # one row per list item, duplicates kept (an event can recur); C-level
        vals = flat.to_numpy(dtype=object)
        ok = pd.notna(vals)
        vals, d = vals[ok], flat.index.to_numpy()[ok]
        docs.append(d.astype(np.int64))
        terms.append(vals)
        dates.append(np.full(len(d), _NAT, dtype=np.int64))
        srcs.append(np.zeros(len(d), dtype=np.int8))
        nums.append(np.full(len(d), None, dtype=object))
    if events is not None:
        ce = _caller_events(events, table)
        info["caller_events"] = len(ce)
        info["unmatched_events"] = ce.attrs["unmatched"]
        info["undated_caller_events"] = ce.attrs["undated"]
        covered = np.zeros(n, bool)
        covered[ce["_doc"].to_numpy()[ce["_doc"].to_numpy() >= 0]] = True
        if docs:
            repl = covered[docs[0]]
            info["raw_events_replaced"] = int(repl.sum())
            docs[0], terms[0], dates[0], srcs[0], nums[0] = (a[~repl] for a in (docs[0], terms[0], dates[0], srcs[0],
                                                                                 nums[0]))
        docs.append(ce["_doc"].to_numpy(dtype=np.int64))
        terms.append(ce["event"].to_numpy(dtype=object))
        dates.append(_i8(ce["date"].to_numpy(dtype="datetime64[ns]")))
        srcs.append(np.ones(len(ce), dtype=np.int8))
        nums.append(ce["_num"].to_numpy(dtype=object))
    doc = np.concatenate(docs) if docs else np.zeros(0, np.int64)
    term = np.concatenate(terms) if terms else np.zeros(0, dtype=object)
    date = np.concatenate(dates) if dates else np.zeros(0, np.int64)
    src = np.concatenate(srcs) if srcs else np.zeros(0, np.int8)
    num = np.concatenate(nums) if nums else np.zeros(0, dtype=object)
    codes, uniq = pd.factorize(pd.Series(term, dtype=object))
    stripped = pd.Series(np.asarray(uniq, dtype=object), dtype=object).map(lambda t: str(t).strip())  # per unique
    blank = stripped.to_numpy(dtype=object) == ""
    if blank.any():  # empty list items are not events
        keep = ~blank[codes]
        doc, codes, date, src, num = doc[keep], codes[keep], date[keep], src[keep], num[keep]
    voc = _vocabulary(stripped.to_numpy(dtype=object))
    canon_code = {k: len(uniq) + i for i, k in enumerate(_CANON)}
    etype = voc["event_type"].to_numpy(dtype=object)
    eclass = voc["event_class"].to_numpy(dtype=object)
    v_grant, v_pub = etype == "grant", etype == "publication"
    v_term, v_unknown = eclass == "termination", eclass == "unrecognised"
    unknown = v_unknown[codes]
    info["unrecognised"] = {str(k): int(v) for k, v in
                            pd.Series(voc["event"].to_numpy(dtype=object)[codes[unknown]], dtype=object)
                            .value_counts().items()}

    # list order within each document (stable: the explode keeps list order; caller rows after)
    order = np.lexsort((np.arange(len(doc)), doc))
    doc, code, date, src, num = doc[order], codes[order].astype(np.int64), date[order], src[order], num[order]
    inside = doc >= 0
    d_idx = np.where(inside, doc, 0)
    undated = (date == _NAT) & inside
    # date undated list events from the canonical columns
    is_grant, is_pub, is_term = v_grant[code], v_pub[code], v_term[code]
    g = undated & is_grant & (grant_v[d_idx] != _NAT)
    date[g] = grant_v[d_idx][g]
    p = undated & is_pub & (pub_v[d_idx] != _NAT)
    date[p] = pub_v[d_idx][p]
    ended = (exp_v != _NAT) & (grant_v != _NAT) & (exp_v <= cut)
    cand = np.flatnonzero(undated & is_term & ended[d_idx])
    if len(cand):  # the last terminating list event of a lapsed grant gets the lapse date
        last = cand[np.r_[doc[cand][1:] != doc[cand][:-1], True]]
        date[last] = exp_v[doc[last]]
    # bounds of undated list events: after the previous dated one, before the next one (else the cut-off)
    dated = date != _NAT
    prev_i = _same_group_prev(doc, dated, forward=True)
    next_i = _same_group_prev(doc, dated, forward=False)
    date_min = np.where(dated, date, np.maximum(np.where(prev_i >= 0, date[np.maximum(prev_i, 0)], _NAT),
                                                np.where(inside, app_v[d_idx], _NAT)))
    date_max = np.where(dated, date, np.where(next_i >= 0, date[np.maximum(next_i, 0)], cut))
    tier = np.where(dated, 1, np.where(next_i >= 0, 0, 2)).astype(np.int8)
    acc = np.maximum.accumulate(np.where(dated, np.arange(len(doc)), -1)) if len(doc) else np.zeros(0, np.int64)
    prev_strict = np.r_[-1, acc[:-1]] if len(doc) else acc  # the dated list event before each row
    same = (prev_strict >= 0) & (doc[np.maximum(prev_strict, 0)] == doc)
    conflict = dated & inside & same & (date < date[np.maximum(prev_strict, 0)])
    info["order_conflicts"] = int(conflict.sum())  # dated list events out of list order (a data error)
    pos = np.arange(len(doc), dtype=np.int64)

    # canonical events the lists lack
    has_grant = np.zeros(n, bool)
    has_grant[doc[inside & is_grant]] = True
    has_pub = np.zeros(n, bool)
    has_pub[doc[inside & is_pub & dated]] = True
    has_term = np.zeros(n, bool)
    has_term[doc[inside & is_term & dated]] = True
    add_doc, add_code, add_date = [doc], [code], [date]
    add_min, add_max, add_src, add_tier, add_pos, add_num = [date_min], [date_max], [src], [tier], [pos], [num]

    def add(mask: np.ndarray, when: np.ndarray, kind: str) -> None:
        idx = np.flatnonzero(mask)
        if len(idx):
            add_doc.append(idx.astype(np.int64))
            add_code.append(np.full(len(idx), canon_code[kind], dtype=np.int64))
            add_date.append(when[idx])
            add_min.append(when[idx])
            add_max.append(when[idx])
            add_src.append(np.full(len(idx), _CANON[kind][4], dtype=np.int8))
            add_tier.append(np.ones(len(idx), dtype=np.int8))
            add_pos.append(np.full(len(idx), -1, dtype=np.int64))
            add_num.append(np.full(len(idx), None, dtype=object))

    add(app_v != _NAT, app_v, "filing")
    add((pub_v != _NAT) & ~has_pub & ((grant_v == _NAT) | (pub_v < grant_v)), pub_v, "publication")
    add((grant_v != _NAT) & ~has_grant, grant_v, "grant")
    granted = (grant_v != _NAT) | has_grant
    if term_table is None and "patent_type" in table.columns and "app_date" in table.columns and n:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NavtrainWarning)
            term_table = term_end(table)
    if term_table is not None and n:
        term_v = _i8(term_table["termination_date"].to_numpy(dtype="datetime64[ns]"))
    else:
        term_v = np.full(n, _NAT, dtype=np.int64)
    lapse_only = ended & ~has_term  # a lapsed grant whose list lacks the terminating event
    by_term = lapse_only & (term_v != _NAT) & (exp_v >= term_v)
    add(by_term, exp_v, "expiry")
    add(lapse_only & ~by_term, exp_v, "termination")
    reach = granted & (term_v != _NAT) & ~(has_term | lapse_only)
    if not projected:
        reach &= term_v <= cut
    add(reach, term_v, "term")
    doc, code, date = np.concatenate(add_doc), np.concatenate(add_code), np.concatenate(add_date)
    date_min, date_max = np.concatenate(add_min), np.concatenate(add_max)
    src, tier, pos, num = (np.concatenate(x) for x in (add_src, add_tier, add_pos, add_num))
    prec = voc["precedence"].to_numpy(dtype=np.int64)[code]
    # same-day order: an undated list event bounded by the next dated list event comes before it (list
    # order); dated and canonical events follow by precedence (terminal > grant > pending); undated list
    # events with no later dated one (placed at the cut-off) come last, in list order
    sort_date = np.where(date != _NAT, date, date_max)
    order = np.lexsort((pos, np.where(tier == 1, prec, 0), tier, sort_date, doc))
    arrays = {"doc": doc[order], "code": code[order], "date": date[order], "date_min": date_min[order],
              "date_max": date_max[order], "src": src[order], "num": num[order]}
    info["undated"] = int((arrays["date"] == _NAT).sum())
    und_terms = voc["event"].to_numpy(dtype=object)[arrays["code"][arrays["date"] == _NAT]]
    info["undated_by_event"] = {str(k): int(v) for k, v in pd.Series(und_terms, dtype=object).value_counts().items()}
    info["cut_ns"] = cut
    return arrays, voc, info


def _warn_conflicts(info: dict, fname: str) -> None:
    if info.get("order_conflicts"):
        warnings.warn(f"{fname}: {info['order_conflicts']} dated event(s) are earlier than an event listed before "
                      "them (e.g. a lapse date before the grant date); the dates decide the order — check the data "
                      "(事件日期与列表顺序矛盾)", NavtrainWarning, stacklevel=3)


def _event_frame(arrays: dict[str, np.ndarray], voc: pd.DataFrame, pub_no: np.ndarray) -> pd.DataFrame:
    """The public event table from the arrays."""
    doc, code = arrays["doc"], arrays["code"]
    inside = doc >= 0
    numbers = np.where(inside, pub_no[np.where(inside, doc, 0)] if len(pub_no) else None, arrays["num"])
    st_ = _STATUS_CODES[voc["scode"].to_numpy(dtype=np.int64)[code]]

    def obj(a: np.ndarray) -> pd.Series:
        return pd.Series(a, dtype=object)

    def dt_(a: np.ndarray) -> np.ndarray:
        return a.view("datetime64[ns]")

    date = dt_(arrays["date"])
    return pd.DataFrame({
        "pub_no": obj(numbers), "date": date, "date_min": dt_(arrays["date_min"]), "date_max": dt_(arrays["date_max"]),
        "event": obj(voc["event"].to_numpy(dtype=object)[code]),
        "event_type": obj(voc["event_type"].to_numpy(dtype=object)[code]),
        "event_class": obj(voc["event_class"].to_numpy(dtype=object)[code]),
        "status": obj(st_), "precedence": voc["precedence"].to_numpy(dtype=np.int64)[code],
        "source": obj(_SOURCES[arrays["src"].astype(np.int64)]),
        "projected": (arrays["src"] == 6) & (arrays["date"] > arrays.get("cut_ns", np.int64(np.iinfo(np.int64).max))),
    })


def legal_event_table(df: pd.DataFrame, events: pd.DataFrame | None = None, cutoff: object = None,
                      projected: bool = False) -> pd.DataFrame:
    """A long, dated legal-event table (法律事件表): one row per (document, event).

    The canonical table's ``legal_events`` lists carry no dates, so the table is built from:

    * the canonical dates: ``app_date`` → 申请 (pending), ``pub_date`` → 公开 (pending; not
      added when it is the grant publication), ``grant_date`` → 授权 (valid);
    * the raw events of ``legal_events``, classified with navtrain's status vocabulary
      (``navtrain/data/legal_status_map.csv``, as :func:`navtrain.normalize.legal_status`):
      a grant event gets ``grant_date``, a publication event ``pub_date``, and the last
      terminating event of a grant gets ``expiry_date`` when that is not after the cut-off
      (``expiry_date`` is the lapse date of a lapsed grant); other raw events keep
      ``date`` = NaT — kept, counted in ``attrs["undated"]``, never dropped — with the
      interval in which they happened: ``date_min`` (the previous dated event of the list,
      else the filing date) and ``date_max`` (the next dated event of the list, else the
      cut-off);
    * a terminating event at ``expiry_date`` for a grant that lapsed by the cut-off when
      the list lacks one, and 期限届满 at the statutory term end (:func:`term_end`) when
      it is reached by the cut-off (``projected=True`` adds it for later terms too,
      flagged ``projected``);
    * optionally a caller's dated events, ``events``: a CNIPA 法律状态 export with a
      number column (公开(公告)号 / pub_no, or 申请号 / app_no), a date (法律状态公告日 /
      date) and the event (法律状态 / event); header names are matched forgivingly.
      They replace the undated list events of the documents they cover (counted in
      ``attrs["raw_events_replaced"]``).

    ``cutoff`` is the data cut-off (检索截止日): ``df.attrs["cutoff"]`` if recorded, else the
    latest filing, publication, grant or lapse date (pass it for a slice of a table: undated
    events are placed no later than the cut-off). Columns: ``pub_no``,
    ``date``, ``date_min``, ``date_max``, ``event``
    (the text), ``event_type`` (standard name), ``event_class`` (filing, publication,
    examination, grant, restoration, termination, transaction, other, unrecognised),
    ``status`` (the status the event implies: valid/pending/lapsed, NA for transactions
    such as 转让/许可/质押 and notes), ``precedence`` (30 terminal > 20 grant > 10 pending,
    decides same-day ties), ``source`` and ``projected``. Rows are sorted by document and
    date (undated events at ``date_max``). Unknown event texts are kept with
    ``event_class = 'unrecognised'`` and counted in ``attrs["unrecognised"]`` with a warning.

    >>> from navtrain import load_sample
    >>> ev = legal_event_table(load_sample())
    >>> ev.loc[ev["pub_no"] == "CN205398001U", ["date", "event", "status"]].astype(str).values.tolist()
    [['2016-05-20', '申请', 'pending'], ['2016-09-14', '授权', 'valid'], ['2019-05-20', '未缴年费专利权终止', 'lapsed']]
    >>> ev.attrs["undated"]  # 7 实质审查 + 视为撤回 + 驳回 + 7 年费缴纳 + 转让 + 许可 have no date in the sample
    18
    """
    table = standardize_columns(df)
    _need(table, ["pub_no"], "legal_event_table")
    if "app_date" not in table.columns and "legal_events" not in table.columns and events is None:
        _need(table, ["app_date", "legal_events"], "legal_event_table")
    cut = basis.resolve_cutoff(cutoff, table)
    arrays, voc, info = _build_events(table, events, cut, projected)
    arrays["cut_ns"] = np.int64(info.pop("cut_ns"))
    out = _event_frame(arrays, voc, table["pub_no"].to_numpy(dtype=object))
    if info["unrecognised"]:
        warnings.warn(f"legal_event_table: {sum(info['unrecognised'].values())} event(s) not in the status "
                      f"vocabulary were kept as 'unrecognised': {dict(list(info['unrecognised'].items())[:5])} "
                      "(未识别的法律事件已保留并计数)", NavtrainWarning, stacklevel=2)
    _warn_conflicts(info, "legal_event_table")
    out.attrs = {"cutoff": cut, **info}
    return out


# --------------------------------------------------------------------------- status as of


def _is_event_table(df: pd.DataFrame) -> bool:
    return {"pub_no", "date", "date_max", "status"} <= set(df.columns)


def _status_arrays(doc: np.ndarray, scode: np.ndarray, date: np.ndarray, date_min: np.ndarray,
                   date_max: np.ndarray, text: np.ndarray, as_of: int, n: int) -> pd.DataFrame:
    """Status per document 0..n-1 from event arrays sorted by (doc, effective date, tie order)."""
    eff = np.where(date != _NAT, date, date_max)
    rel = (scode > 0) & (doc >= 0)
    known = np.flatnonzero(rel & (eff <= as_of))
    last = known[np.r_[doc[known][1:] != doc[known][:-1], True]] if len(known) else known
    status_c = np.zeros(n, dtype=np.int64)
    status_c[doc[last]] = scode[last]
    last_event = np.full(n, None, dtype=object)
    last_event[doc[last]] = text[last]
    last_date = np.full(n, _NAT, dtype=np.int64)
    last_date[doc[last]] = eff[last]
    # uncertain: an undated event that may have happened by as_of would change the status
    open_ = np.flatnonzero(rel & (date == _NAT) & (date_min <= as_of) & (date_max > as_of))
    certain = np.ones(n, bool)
    certain[doc[open_][scode[open_] != status_c[doc[open_]]]] = False
    # filed: some event (dated, or undated with its earliest date) on or before as_of; a document without
    # any event counts as filed (its status is simply unknown)
    lower = np.where(date != _NAT, date, date_min)
    inside = doc >= 0
    early = np.zeros(n, bool)
    early[doc[inside & (lower <= as_of) & (lower != _NAT)]] = True
    anyev = np.zeros(n, bool)
    anyev[doc[inside]] = True
    undated_only = np.zeros(n, bool)
    undated_only[doc[inside & (lower == _NAT)]] = True
    filed = early | ~anyev | undated_only
    status = np.where(status_c == 0, "unknown", _STATUS_CODES[status_c])
    return pd.DataFrame({"status": pd.Series(status, dtype=object), "last_event": pd.Series(last_event, dtype=object),
                         "last_event_date": last_date.view("datetime64[ns]"), "certain": certain, "filed": filed})


def _status_table(table: pd.DataFrame, as_of: object, cutoff: object, events: pd.DataFrame | None,
                  term: pd.DataFrame | None, fname: str) -> pd.DataFrame:
    """status_as_of for a canonical table (``term`` = a precomputed term_end result, or None)."""
    _need(table, ["pub_no"], fname)
    if "app_date" not in table.columns and "legal_events" not in table.columns and events is None:
        _need(table, ["app_date", "legal_events"], fname)
    cut = basis.resolve_cutoff(cutoff, table)
    when = basis.resolve_as_of(as_of, table, cut)
    arrays, voc, info = _build_events(table, events, cut, projected=True, term_table=term)
    scode = voc["scode"].to_numpy(dtype=np.int64)[arrays["code"]]
    res = _status_arrays(arrays["doc"], scode, arrays["date"], arrays["date_min"], arrays["date_max"],
                         voc["event"].to_numpy(dtype=object)[arrays["code"]], when.as_unit("ns").value, len(table))
    res.insert(0, "pub_no", pd.Series(table["pub_no"].to_numpy(dtype=object), dtype=object))
    res.index = table.index
    if info["unrecognised"]:
        warnings.warn(f"{fname}: {sum(info['unrecognised'].values())} event(s) not in the status "
                      f"vocabulary were kept but cannot decide a status: "
                      f"{dict(list(info['unrecognised'].items())[:5])} (未识别的法律事件)",
                      NavtrainWarning, stacklevel=3)
    _warn_conflicts(info, fname)
    res.attrs = {"as_of": when, "cutoff": cut}
    return res


def status_as_of(df_or_events: pd.DataFrame, as_of: object = None, cutoff: object = None,
                 events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Legal status of each document as of a date (某日的法律状态): valid / pending / lapsed / unknown.

    Rule (docs/methods/legal.md): the status is that of the **last status-bearing event on or
    before** ``as_of`` in the dated event table (:func:`legal_event_table`, built with
    ``projected=True`` so that a statutory term end after the cut-off counts when
    ``as_of`` passes it). Filing, publication, examination and re-examination → pending;
    grant, fee paid, restoration, partial invalidation (部分无效) → valid; rejection,
    withdrawal, surrender, non-payment, term expiry, full invalidation → lapsed.
    Transactions (转让/许可/质押) and notes are not statuses and never decide. Same-day
    events: the stronger wins (terminal > grant > pending). An undated event counts from
    the latest date it can have happened (``date_max``); while ``as_of`` lies inside its
    interval and it would change the status, ``certain`` is False (e.g. a withdrawal known
    only from the list, between filing and the cut-off). A document with no event on or
    before ``as_of`` (not yet filed: ``filed`` False; or only unrecognised events) is
    ``unknown``. After the data cut-off the status is a projection: it assumes fees are
    paid and nothing else happens, except that the statutory term ends. Not legal advice:
    check the register before relying on a status.

    ``df_or_events`` is the canonical table (the result has its index, with ``pub_no``)
    or an event table from :func:`legal_event_table` (one row per ``pub_no``). ``as_of``
    defaults to the cut-off. Columns: ``pub_no``, ``status``, ``last_event``,
    ``last_event_date``, ``certain``, ``filed``; ``attrs`` gives ``as_of``, ``counts``
    (documents, 件, per status) and ``uncertain``.

    >>> from navtrain import load_sample
    >>> df = load_sample()
    >>> s = status_as_of(df, "2024-07-30")
    >>> float((s["status"] == df["legal_status"]).mean())  # the table's status at its cut-off
    1.0
    >>> one = df[df["pub_no"] == "CN205398001U"]  # UM filed 2016-05-20, granted 2016-09-14, lapsed 2019-05-20
    >>> [status_as_of(one, d)["status"].iloc[0] for d in ("2016-06-01", "2017-01-01", "2019-05-20")]
    ['pending', 'valid', 'lapsed']
    """
    table = standardize_columns(df_or_events)
    if _is_event_table(table):
        cut = table.attrs.get("cutoff")
        keys, inv = pd.factorize(table["pub_no"].astype(object))
        date = _i8(pd.to_datetime(table["date"]).to_numpy(dtype="datetime64[ns]"))
        dmax = _i8(pd.to_datetime(table["date_max"]).to_numpy(dtype="datetime64[ns]"))
        dmin = (_i8(pd.to_datetime(table["date_min"]).to_numpy(dtype="datetime64[ns]")) if "date_min" in table.columns
                else np.where(date != _NAT, date, _NAT))
        scode = table["status"].map(_STATUS_CODE).fillna(0).to_numpy(dtype=np.int64)
        eff = np.where(date != _NAT, date, dmax)
        order = np.lexsort((np.arange(len(table)), eff, keys))  # rows keep their order for same-day ties
        when = (basis.as_date(as_of, "as_of") if as_of is not None
                else (pd.Timestamp(cut) if cut is not None else pd.Timestamp(dmax.max()) if len(dmax) else
                      pd.Timestamp("2262-04-11")))
        res = _status_arrays(keys[order].astype(np.int64), scode[order], date[order], dmin[order], dmax[order],
                             table["event"].to_numpy(dtype=object)[order], when.as_unit("ns").value, len(inv))
        res.insert(0, "pub_no", pd.Series(np.asarray(inv, dtype=object), dtype=object))
    else:
        res = _status_table(table, as_of, cutoff, events, None, "status_as_of")
        when, cut = res.attrs["as_of"], res.attrs["cutoff"]
    counts = res["status"].value_counts()
    res.attrs = {"as_of": when, "cutoff": cut, **basis.unit_attrs("documents"),
                 "counts": {k: int(counts.get(k, 0)) for k in ("valid", "pending", "lapsed", "unknown")},
                 "uncertain": int((~res["certain"]).sum())}
    return res


def remaining_life(df: pd.DataFrame, as_of: object = None, cutoff: object = None) -> pd.DataFrame:
    """Remaining life (剩余保护期, years) of each document as of a date.

    Formula (docs/methods/legal.md): remaining = max(0, termination_date − as_of) in years of
    365.25 days, with ``termination_date`` from :func:`term_end` (statutory term from the
    filing date, plus ``term_adjustment_days`` where the table has it). It is 0 for a
    document lapsed as of ``as_of`` (:func:`status_as_of`; its ``termination_date`` is
    then the date of the terminating event when known), NaN for status ``unknown``, and
    **provisional** for a pending application (flag ``provisional``): the term counts
    from filing but no right exists until grant, and it may never be granted.

    Returns a new DataFrame (same index): ``pub_no``, ``status``, ``termination_date``,
    ``remaining_years``, ``provisional``, ``certain``, ``filed``. A pending document
    without a statutory term (a WO application; a non-CN type without ``terms``) has NaN.

    >>> from navtrain import load_sample
    >>> r = remaining_life(load_sample(), "2025-03-12").set_index("pub_no")
    >>> float(r.loc["CN104651001B", "remaining_years"])  # 2035-03-12 − 2025-03-12 = 3652 days
    9.9986
    >>> float(r.loc["CN205398001U", "remaining_years"]), bool(r.loc["CN110230001A", "provisional"])
    (0.0, True)
    """
    table = standardize_columns(df)
    _need(table, ["pub_no", "app_date", "patent_type"], "remaining_life")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NavtrainWarning)
        te = term_end(table)
    for w in caught:
        warnings.warn(str(w.message).replace("term_end", "remaining_life"), NavtrainWarning, stacklevel=2)
    st = _status_table(table, as_of, cutoff, None, te, "remaining_life")
    when = st.attrs["as_of"]
    term = te["termination_date"]
    lapsed = (st["status"] == "lapsed").to_numpy()
    stop = term.where(~lapsed, st["last_event_date"].where(lapsed).fillna(term))
    years = ((term - when).dt.days / 365.25).clip(lower=0).round(4)
    years = years.where(~lapsed, 0.0).where(st["status"].to_numpy() != "unknown")
    out = pd.DataFrame({"pub_no": st["pub_no"], "status": st["status"], "termination_date": stop,
                        "remaining_years": years.astype("float64"),
                        "provisional": (st["status"] == "pending").to_numpy(), "certain": st["certain"],
                        "filed": st["filed"]},
                       index=table.index)
    out.attrs = {"as_of": when, "cutoff": st.attrs["cutoff"], **basis.unit_attrs("documents"),
                 "time_unit": "years (365.25 days)"}
    return out


# --------------------------------------------------------------------------- FTO


def _norm_jurisdictions(jurisdictions: object) -> list[str]:
    if isinstance(jurisdictions, str):
        jurisdictions = [jurisdictions]
    out = []
    for j in jurisdictions:  # type: ignore[union-attr]
        k = str(j).strip()
        out.append(_OFFICE_ALIASES.get(k, _OFFICE_ALIASES.get(k.upper(), k.upper())))
    return out


def _contains_any(text: pd.Series, words: list[str]) -> pd.DataFrame:
    low = text.str.lower()
    return pd.DataFrame({w: low.str.contains(w.lower(), regex=False).fillna(False).to_numpy() for w in words},
                        index=text.index)


def _joined_hits(hits: pd.DataFrame) -> pd.Series:
    """';'-joined names of the True columns of a boolean frame (object dot product, no row loop)."""
    if hits.shape[1] == 0:
        return pd.Series("", index=hits.index, dtype=object)
    names = np.array([f"{c};" for c in hits.columns], dtype=object)
    joined = hits.to_numpy().astype(object).dot(names) if len(hits) else np.array([], dtype=object)
    return pd.Series(joined, index=hits.index, dtype=object).astype(str).str.rstrip(";")


def fto_screen(df: pd.DataFrame, as_of: object = None, jurisdictions: Iterable[str] | str = ("CN",),
               keywords: Iterable[str] | None = None, segments: object = None, segment_col: str = "segment",
               ipc: Iterable[str] | None = None, holders: Iterable[str] | None = None,
               exclude_holders: Iterable[str] | None = None, min_remaining_years: float = 0,
               cutoff: object = None) -> pd.DataFrame:
    """FTO screening funnel (自由实施筛查漏斗) → shortlist of documents to read.

    **A teaching aid for screening, not legal advice**: it narrows a landscape to the
    documents whose claims a qualified person must read against the product; it says
    nothing about infringement (risk-analysis steps of GB/T 39551.4 and .5; docs/methods/legal.md).

    Steps (documents, 件, remaining after each; families, 项, alongside):

    1. **jurisdiction** (目标法域): ``office`` in ``jurisdictions`` (default CN);
    2. **in force or pending** (有效或审中) as of ``as_of`` (:func:`status_as_of`);
    3. **remaining term** (剩余期限): remaining years > 0 and ≥ ``min_remaining_years``
       (provisional for pending applications, :func:`remaining_life`);
    4. **relevance** (技术相关): any keyword in title/abstract (case-insensitive), OR a
       segment in ``segments`` (a list of ids matched against ``df[segment_col]``, or a
       long table ``pub_no``/``segment`` from ``navtrain.chain.map_segments`` already
       filtered to the segments of interest), OR an IPC prefix in ``ipc``; skipped when
       none is given;
    5. **holder** (权利人): keep ``holders`` and drop ``exclude_holders`` (e.g. your own
       company); names match as case-insensitive substrings of ``applicants_std``
       (else ``applicants``).

    Returns the shortlist (a new DataFrame): ``pub_no``, ``title``, ``holder``,
    ``office``, ``patent_type``, ``status``, ``app_date``, ``termination_date``,
    ``remaining_years``, ``provisional``, ``family_id``, ``family_coverage`` (target
    jurisdictions where the family has an in-force or pending member, ``;``-joined: the
    family expansion step), ``matched_keywords``, ``matched_segment``, ``matched_ipc``; sorted by
    number of matches, then status (valid first) and remaining years. ``attrs``:
    ``funnel`` (step, 步骤, documents, families, removed), ``lapsed`` (the "lapsed —
    possibly free to use in these jurisdictions" list: documents passing steps 1, 4 and 5
    but lapsed as of ``as_of``, with ``family_in_force_elsewhere`` and a ``caveat``),
    ``caveats``, ``disclaimer``, ``as_of``, ``unknown_status`` (documents whose status
    is unknown: not screened out silently, listed and warned about).

    >>> from navtrain import load_sample
    >>> s = fto_screen(load_sample(), "2024-12-31", keywords=["金刚石", "砂轮"])
    >>> s.attrs["funnel"][["step", "documents"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['all documents', 21], ['jurisdiction', 19], ['in force or pending', 14], ['remaining term', 14],
     ['relevance', 12], ['holder', 12]]
    >>> "not legal advice" in s.attrs["disclaimer"]
    True
    """
    table = standardize_columns(df)
    _need(table, ["pub_no", "app_date", "patent_type"], "fto_screen")
    juris = _norm_jurisdictions(jurisdictions)
    n = len(table)
    life = remaining_life(table, as_of, cutoff=cutoff)
    when = life.attrs["as_of"]
    office = _offices(table)
    fam = basis.family_key(table)
    fam_codes, fam_uniq = pd.factorize(fam)
    status = life["status"]
    alive = status.isin(["valid", "pending"])
    text = pd.Series("", index=table.index, dtype=object)
    for c in ("title", "abstract"):
        if c in table.columns:
            text = text + " " + table[c].astype("string").fillna("").astype(object)
    text = text.astype(str)

    # relevance
    hits_kw = _contains_any(text, [str(k) for k in keywords]) if keywords else pd.DataFrame(index=table.index)
    matched_kw = _joined_hits(hits_kw)
    rel_parts = []
    if keywords:
        rel_parts.append(hits_kw.any(axis=1).to_numpy())
    matched_seg = pd.Series("", index=table.index, dtype=object)
    if segments is not None:
        if isinstance(segments, pd.DataFrame):
            _need(segments, ["pub_no", "segment"], "fto_screen(segments=long table)")
            seg = segments.groupby("pub_no")["segment"].agg(lambda s: ";".join(map(str, pd.unique(s))))
            matched_seg = table["pub_no"].map(seg).fillna("").astype(object)
        else:
            if segment_col not in table.columns:
                raise SchemaError(f"fto_screen(segments=...) needs column '{segment_col}' (产业链环节)",
                                  fix="add it with navtrain.chain.map_segments, pass segments= as that long table, "
                                  "or name the column with segment_col=",
                                  hint="按产业链环节筛选需要环节列")
            wanted = [str(s) for s in ([segments] if isinstance(segments, str) else segments)]
            cells = table[segment_col]
            long = cells.explode().dropna().astype(str)
            ok = long[long.isin(wanted)]
            matched_seg = ok.groupby(level=0).agg(";".join).reindex(table.index).fillna("").astype(object)
        rel_parts.append((matched_seg != "").to_numpy())
    matched_ipc = pd.Series("", index=table.index, dtype=object)
    if ipc:
        prefixes = [str(p).replace(" ", "").upper() for p in ipc]
        if "ipc" in table.columns:
            long = table["ipc"].explode().dropna().astype(str).str.replace(" ", "").str.upper()
        else:
            _need(table, ["ipc_main"], "fto_screen(ipc=...)")
            long = table["ipc_main"].dropna().astype(str).str.replace(" ", "").str.upper()
        hit = pd.Series(False, index=long.index)
        for p in prefixes:
            hit |= long.str.startswith(p)
        matched_ipc = long[hit.to_numpy()].groupby(level=0).agg(lambda s: ";".join(pd.unique(s)))
        matched_ipc = matched_ipc.reindex(table.index).fillna("").astype(object)
        rel_parts.append((matched_ipc != "").to_numpy())
    relevant = np.logical_or.reduce(rel_parts) if rel_parts else np.ones(n, bool)

    holder = _holder_text(table)
    hcodes, huniq = pd.factorize(holder)  # match on the distinct holder strings only
    hu = pd.Series(np.asarray(huniq, dtype=object), dtype="string")
    hu = hu.str.normalize("NFKC").str.lower().str.replace(r"[\s_\-]+", "", regex=True).astype(object)
    hkey = pd.Series(hu.to_numpy(dtype=object)[hcodes] if n else [], index=table.index, dtype=object)
    keep_h = np.ones(n, bool)
    if holders:
        keep_h &= _contains_any(hkey, [_key(h) for h in holders]).any(axis=1).to_numpy()
    if exclude_holders:
        keep_h &= ~_contains_any(hkey, [_key(h) for h in exclude_holders]).any(axis=1).to_numpy()

    in_j = office.isin(juris).to_numpy()
    min_y = float(min_remaining_years)
    rem_ok = ((life["remaining_years"] > 0) & (life["remaining_years"] >= min_y)).fillna(False).to_numpy()
    steps = [("all documents", "全部文献", np.ones(n, bool)),
             ("jurisdiction", "目标法域", in_j),
             ("in force or pending", "有效或审中", alive.to_numpy()),
             ("remaining term", "剩余期限", rem_ok),
             ("relevance", "技术相关（关键词/环节/IPC）", relevant),
             ("holder", "权利人筛选", keep_h)]
    mask = np.ones(n, bool)
    rows = []
    for name, zh, m in steps:
        mask = mask & m
        rows.append({"step": name, "步骤": zh, "documents": int(mask.sum()),
                     "families": int(np.unique(fam_codes[mask]).size)})
    funnel = pd.DataFrame(rows)
    funnel["removed"] = (funnel["documents"].shift(1).fillna(funnel["documents"].iloc[0])
                         - funnel["documents"]).astype("int64")
    funnel.attrs["applied"] = {"relevance": bool(rel_parts), "holder": bool(holders or exclude_holders)}

    # family coverage: target jurisdictions with an in-force or pending member of the family
    lap_sel = in_j & relevant & keep_h & (status == "lapsed").to_numpy()
    needed = np.zeros(len(fam_uniq), bool)
    needed[fam_codes[mask | lap_sel]] = True
    keep_rows = alive.to_numpy() & needed[fam_codes]
    alive_off = pd.DataFrame({"fam": fam_codes[keep_rows], "office": office.to_numpy(dtype=object)[keep_rows],
                              "inj": in_j[keep_rows]}).drop_duplicates()

    def coverage(part: pd.DataFrame) -> np.ndarray:  # family code → 'CN;US' (offices in alphabetical order)
        out = np.full(len(fam_uniq) + 1, "", dtype=object)  # the extra slot is for empty selections
        if len(part):
            hits = _joined_hits(part.groupby(["fam", "office"]).size().unstack(fill_value=0).sort_index(axis=1) > 0)
            out[hits.index.to_numpy(dtype=np.int64)] = hits.to_numpy(dtype=object)
        return out

    cover_in = coverage(alive_off[alive_off["inj"].to_numpy()])
    cover_out = coverage(alive_off[~alive_off["inj"].to_numpy()])

    def _frame(sel: np.ndarray) -> pd.DataFrame:
        t = table[sel]
        return pd.DataFrame({
            "pub_no": t["pub_no"].to_numpy(dtype=object),
            "title": (t["title"] if "title" in t.columns else pd.Series(None, index=t.index)).to_numpy(dtype=object),
            "holder": holder[sel].to_numpy(dtype=object),
            "office": office[sel].to_numpy(dtype=object),
            "patent_type": t["patent_type"].to_numpy(dtype=object),
            "status": status[sel].to_numpy(dtype=object),
            "app_date": _dates(t["app_date"], "app_date").to_numpy(),
            "termination_date": life["termination_date"][sel].to_numpy(),
            "remaining_years": life["remaining_years"][sel].to_numpy(),
            "provisional": life["provisional"][sel].to_numpy(),
            "family_id": fam[sel].to_numpy(dtype=object),
            "matched_keywords": matched_kw[sel].to_numpy(dtype=object),
            "matched_segment": matched_seg[sel].to_numpy(dtype=object),
            "matched_ipc": matched_ipc[sel].to_numpy(dtype=object),
        })

    short = _frame(mask)
    short["family_coverage"] = pd.Series(cover_in[fam_codes[mask]], dtype=object)
    n_match = hits_kw[mask].sum(axis=1).to_numpy() if keywords else np.zeros(len(short), int)
    short = short.assign(_m=n_match + (short["matched_segment"] != "").to_numpy() + (short["matched_ipc"] != "")
                         .to_numpy(), _v=(short["status"] == "valid").to_numpy())
    short = short.sort_values(["_m", "_v", "remaining_years"], ascending=False, kind="stable")
    short = short.drop(columns=["_m", "_v"]).reset_index(drop=True)
    cols = ["pub_no", "title", "holder", "office", "patent_type", "status", "app_date", "termination_date",
            "remaining_years", "provisional", "family_id", "family_coverage", "matched_keywords", "matched_segment",
            "matched_ipc"]
    short = short[cols]

    lapsed = _frame(lap_sel).drop(columns=["remaining_years", "provisional"])
    lapsed["family_in_force_elsewhere"] = pd.Series(cover_out[fam_codes[lap_sel]], dtype=object)
    n_else = (lapsed["family_in_force_elsewhere"] != "").to_numpy()
    lapsed["caveat"] = np.where(n_else > 0,
                                "本法域已失效，但同族在其他法域仍有效或审中；注意权利恢复与期限补偿",
                                "本法域已失效；注意权利恢复（恢复期内）、同族其他成员与期限补偿")
    lapsed = lapsed.sort_values("termination_date", ascending=False, kind="stable").reset_index(drop=True)
    unknown = table.loc[in_j & (status == "unknown").to_numpy() & life["filed"].to_numpy(), "pub_no"] \
        .astype(str).tolist()
    if unknown:
        warnings.warn(f"fto_screen: {len(unknown)} document(s) in the target jurisdictions have an unknown legal "
                      "status and were not screened in; check them by hand (attrs['unknown_status']) "
                      "(法律状态未知的文献需人工核查)", NavtrainWarning, stacklevel=2)
    short.attrs = {
        "funnel": funnel, "lapsed": lapsed, "unknown_status": unknown, "as_of": when, "cutoff": life.attrs["cutoff"],
        "jurisdictions": juris, **basis.unit_attrs("documents"),
        "relevance_rule": "any of keywords (title/abstract) / segments / IPC prefixes",
        "disclaimer": DISCLAIMER,
        "caveats": [
            "status and term come from bibliographic data as of the cut-off; check the register "
            "(中国及多国专利审查信息查询)",
            "pending applications may be granted with different claims; their remaining term is provisional",
            "a lapsed patent may be restored (权利恢复) within the restoration period; family members elsewhere "
            "and term compensation (Art. 42 ¶2–3) can extend protection",
            "a lapsed document is still prior art (现有技术抗辩) against later claims",
            "keyword/segment/IPC relevance is a screen, not claim construction: read the claims",
        ],
    }
    return short


def claim_chart(shortlist: pd.DataFrame, features: Iterable[str] | Mapping[str, str]) -> pd.DataFrame:
    """A claim-element comparison table to fill in (权利要求特征比对表).

    One row per (shortlisted patent × product feature): ``pub_no``, ``title``, ``holder``,
    ``feature_no``, ``产品特征`` (the caller's feature or claim element to check), then the
    empty columns ``权利要求要素`` (the claim element, copied from the claims),
    ``产品对应特征`` (the matching feature of the product), ``是否相同或等同`` (same or
    equivalent: 相同/等同/不同, the all-elements rule) and ``备注``. Export with
    :func:`navtrain.write_table` (``.xlsx``). **A teaching aid, not legal advice**: the
    comparison must be made by a qualified person reading the claims.

    >>> import pandas as pd
    >>> c = claim_chart(pd.DataFrame({"pub_no": ["CN1B", "CN2B"]}), ["刀头", "基体"])
    >>> len(c), c.columns.tolist()[-4:]
    (4, ['权利要求要素', '产品对应特征', '是否相同或等同', '备注'])
    """
    table = standardize_columns(shortlist)
    _need(table, ["pub_no"], "claim_chart")
    if isinstance(features, Mapping):
        feats = pd.DataFrame({"feature_no": [str(k) for k in features],
                              "产品特征": [str(v) for v in features.values()]})
    else:
        items = [features] if isinstance(features, str) else list(features)
        feats = pd.DataFrame({"feature_no": [f"F{i + 1}" for i in range(len(items))],
                              "产品特征": [str(v) for v in items]})
    base = pd.DataFrame({"pub_no": table["pub_no"].astype(str).to_numpy(dtype=object)})
    for c in ("title", "holder"):
        base[c] = table[c].to_numpy(dtype=object) if c in table.columns else ""
    if "holder" not in table.columns and len(table):
        base["holder"] = _holder_text(table).to_numpy(dtype=object)
    out = base.merge(feats, how="cross")
    for c in ("权利要求要素", "产品对应特征", "是否相同或等同", "备注"):
        out[c] = pd.Series([""] * len(out), dtype=object)
    out.attrs = {"disclaimer": DISCLAIMER,
                 "how_to": "copy each independent claim's elements into 权利要求要素; all elements present in the "
                           "product (same or equivalent) means the claim may read on it (全面覆盖原则)"}
    return out


# --------------------------------------------------------------------------- watch list


def _std_status(s: pd.Series) -> tuple[pd.Series, dict[str, int]]:
    from navtrain.normalize import legal_status as _ls

    ok = s.isin(["valid", "pending", "lapsed"])
    out = s.astype(object).copy()
    unknown: dict[str, int] = {}
    if (~ok & s.notna()).any():
        m = _ls(s[~ok & s.notna()].astype(str))
        mapped = m["legal_status"]
        out[mapped.index] = mapped.astype(object).where(mapped.notna(), s[mapped.index])
        bad = s[mapped.index][mapped.isna()]
        unknown = {str(k): int(v) for k, v in bad.value_counts().items()}
    return out, unknown


def watch_changes(old: pd.DataFrame, new: pd.DataFrame, key: str = "pub_no") -> pd.DataFrame:
    """Compare two snapshots of a watch list (专利监控/预警): what changed between them.

    Rows: ``new_filing`` (in ``new`` only), ``removed`` (in ``old`` only: withdrawn from
    the source or out of the search), ``status_change`` (``legal_status`` differs: old →
    new), ``holder_change`` (the set of ``applicants_std``, else ``applicants``, differs:
    a transfer 权利转移 or a name change). A document can have several change rows.
    Statuses in other vocabularies (有效/失效 ...) are mapped with
    :func:`navtrain.normalize.legal_status`; values it cannot read are kept as written
    and counted in ``attrs["unrecognised"]`` (never dropped).

    Columns: ``key``, ``change``, ``变化``, ``old_status``, ``new_status``, ``old_holder``,
    ``new_holder``, ``title``; ``attrs["counts"]`` gives documents (件) per change type.

    >>> from navtrain import load_sample
    >>> old = load_sample().iloc[:19]
    >>> new = load_sample().iloc[1:].copy()
    >>> new.loc[5, "legal_status"] = "valid"
    >>> watch_changes(old, new).attrs["counts"]
    {'new_filing': 2, 'removed': 1, 'status_change': 1, 'holder_change': 0}
    """
    a, b = standardize_columns(old), standardize_columns(new)
    _need(a, [key], "watch_changes(old)")
    _need(b, [key], "watch_changes(new)")
    for t, name in ((a, "old"), (b, "new")):
        dup = t[key].duplicated()
        if dup.any():
            raise SchemaError(f"watch_changes: {int(dup.sum())} duplicated {key} value(s) in the {name} snapshot, "
                              f"first {t.loc[dup, key].iloc[0]!r}", fix="deduplicate the table first",
                              hint="快照中的编号重复")
    ka, kb = a[key].astype(str), b[key].astype(str)
    ha, hb = _holder_text(a), _holder_text(b)
    unknown: dict[str, int] = {}
    sa = pd.Series(None, index=a.index, dtype=object)
    sb = pd.Series(None, index=b.index, dtype=object)
    if "legal_status" in a.columns:
        sa, u = _std_status(a["legal_status"])
        unknown.update(u)
    if "legal_status" in b.columns:
        sb, u = _std_status(b["legal_status"])
        for k, v in u.items():
            unknown[k] = unknown.get(k, 0) + v
    left = pd.DataFrame({key: ka.to_numpy(), "old_status": sa.to_numpy(dtype=object),
                         "old_holder": ha.to_numpy(dtype=object),
                         "_ho": (a["applicants_std"] if "applicants_std" in a.columns else ha).map(
                             lambda v: tuple(sorted(map(str, v))) if isinstance(v, list | tuple) else (v,)).to_numpy()})
    right = pd.DataFrame({key: kb.to_numpy(), "new_status": sb.to_numpy(dtype=object),
                          "new_holder": hb.to_numpy(dtype=object),
                          "_hn": (b["applicants_std"] if "applicants_std" in b.columns else hb).map(
                              lambda v: tuple(sorted(map(str, v))) if isinstance(v, list | tuple) else (v,)).to_numpy(),
                          "title": (b["title"] if "title" in b.columns else pd.Series(None, index=b.index))
                          .to_numpy(dtype=object)})
    m = left.merge(right, on=key, how="outer", indicator=True, sort=False)
    parts = []
    zh = {"new_filing": "新增", "removed": "移除", "status_change": "法律状态变化", "holder_change": "权利人变化"}
    parts.append(m[m["_merge"] == "right_only"].assign(change="new_filing"))
    parts.append(m[m["_merge"] == "left_only"].assign(change="removed"))
    both = m[m["_merge"] == "both"]
    st_diff = both["old_status"].astype(str) != both["new_status"].astype(str)
    parts.append(both[st_diff.to_numpy()].assign(change="status_change"))
    h_diff = both["_ho"] != both["_hn"]
    parts.append(both[h_diff.to_numpy()].assign(change="holder_change"))
    out = pd.concat(parts, ignore_index=True)
    out["变化"] = out["change"].map(zh)
    out = out[[key, "change", "变化", "old_status", "new_status", "old_holder", "new_holder", "title"]]
    counts = out["change"].value_counts()
    out.attrs = {"counts": {k: int(counts.get(k, 0)) for k in zh}, **basis.unit_attrs("documents"),
                 "unrecognised": unknown, "old_size": len(a), "new_size": len(b)}
    if unknown:
        warnings.warn(f"watch_changes: status value(s) not in the vocabulary kept as written: {unknown} "
                      "(未识别的法律状态)", NavtrainWarning, stacklevel=2)
    return out


# --------------------------------------------------------------------------- charts


def _snapshot_status(table: pd.DataFrame, as_of: object) -> pd.Series:
    if as_of is not None or "legal_status" not in table.columns:
        return status_as_of(table, as_of)["status"]
    s, unknown = _std_status(table["legal_status"])
    s = s.where(s.isin(["valid", "pending", "lapsed"]), "unknown")
    n_unknown = int((s == "unknown").sum())
    if n_unknown:
        warnings.warn(f"{n_unknown} document(s) have a missing or unrecognised legal_status and are shown as 未知 "
                      f"{unknown or ''} (法律状态未知)", NavtrainWarning, stacklevel=3)
    return s


def plot_legal_profile(df: pd.DataFrame, by: str | None = None, as_of: object = None, top: int = 10,
                       unit: str = "applications", share: bool = False, ax: Axes | None = None,
                       title: str | None = None, save: str | Path | None = None) -> Axes:
    """Legal-status mix (法律状态构成): valid / pending / lapsed by filing year or by holder.

    Stacked bars of applications (件, default), families (项) or documents (篇) — see
    :mod:`navtrain.basis`; an application or family takes its strongest member's status
    (valid > pending > lapsed > unknown) — per filing year (``by=None``), per
    applicant (``by="applicant"``: the ``top`` holders of ``applicants_std``, whole
    counting, horizontal bars) or per any other column (e.g. ``patent_type``). The status
    is the table's ``legal_status`` (as of its cut-off), or :func:`status_as_of` when
    ``as_of`` is given; unknown statuses are drawn as 未知, not dropped. ``share=True``
    stacks shares. The count axis names the unit (:func:`navtrain.basis.axis_label`).
    Returns the Axes; the counted table is ``ax.legal_profile`` (``attrs``: unit, as_of).

    >>> from navtrain import load_sample
    >>> ax = plot_legal_profile(load_sample())
    >>> ax.get_title(), ax.get_ylabel(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('法律状态构成', '申请量（件）', ['有效', '审中', '失效'])
    """
    table = standardize_columns(df)
    ukey = basis.unit_key(unit)
    status = _snapshot_status(table, as_of)
    horizontal = False
    if by is None or _key(by) in ("year", "appyear", "filingyear", "申请年", "申请年份"):
        _need(table, ["app_date"], "plot_legal_profile")
        group = (table["app_year"] if "app_year" in table.columns else _dates(table["app_date"], "app_date").dt.year)
        group = pd.to_numeric(group, errors="coerce").astype("Int64")
        label = "申请年"
    elif _key(by) in ("applicant", "applicants", "applicantsstd", "申请人", "权利人", "holder"):
        col = "applicants_std" if "applicants_std" in table.columns else "applicants"
        _need(table, [col], "plot_legal_profile(by='applicant')")
        group = table[col]
        label = "申请人"
        horizontal = True
    else:
        _need(table, [by], "plot_legal_profile(by=...)")
        group = table[by]
        label = BY_NAME[by].zh if by in BY_NAME else by
    work = pd.DataFrame({"g": group.to_numpy(dtype=object), "status": status.to_numpy(dtype=object)})
    if ukey != "documents":
        if ukey == "families":
            _need(table, ["family_id"], "plot_legal_profile(unit='families')")
        fam = basis.count_key(table, ukey)
        rank = work["status"].map({"valid": 3, "pending": 2, "lapsed": 1}).fillna(0)
        work = work.assign(_f=fam.to_numpy(), _r=rank.to_numpy())
        first = work.sort_values("_r", ascending=False, kind="stable").drop_duplicates("_f")  # strongest status
        work = first.drop(columns=["_f", "_r"])
    if horizontal:
        work = work.explode("g")
    work = work[work["g"].notna()]
    wide = work.groupby(["g", "status"]).size().unstack(fill_value=0)
    order = [s for s in ("valid", "pending", "lapsed", "unknown") if s in wide.columns]
    wide = wide.reindex(columns=order)
    if horizontal:
        wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]].iloc[::-1]
    else:
        wide = wide.sort_index()
    if share:
        wide = wide.div(wide.sum(axis=1).where(lambda s: s > 0), axis=0)
    ax = new_axes(ax)
    colors = dict(zip(("valid", "pending", "lapsed", "unknown"), sns.color_palette(PALETTE, 4), strict=True))
    left = np.zeros(len(wide))
    pos = np.arange(len(wide))
    for s in order:
        vals = wide[s].fillna(0).to_numpy(dtype=float)
        if horizontal:
            ax.barh(pos, vals, left=left, color=colors[s], label=STATUS_ZH[s])
        else:
            ax.bar(pos, vals, bottom=left, color=colors[s], label=STATUS_ZH[s], width=0.8)
        left = left + vals
    qty = "占比" if share else basis.axis_label(ukey)
    if horizontal:
        ax.set_yticks(pos, [str(v) for v in wide.index])
        ax.set_xlabel(qty)
        ax.set_ylabel(label)
    else:
        ax.set_xticks(pos, [str(v) for v in wide.index], rotation=45 if len(wide) > 12 else 0)
        ax.set_xlabel(label)
        ax.set_ylabel(qty)
    if order:
        ax.legend(frameon=False)
    ax.set_title(title or "法律状态构成")
    wide.attrs.update(basis.unit_attrs(ukey), as_of=None if as_of is None else basis.as_date(as_of, "as_of"))
    ax.legal_profile = wide  # type: ignore[attr-defined]
    if save is not None:
        save_chart(ax, save)
    return ax


def plot_expiry_profile(df: pd.DataFrame, as_of: object = None, horizon: int | None = None,
                        ax: Axes | None = None, title: str | None = None, save: str | Path | None = None) -> Axes:
    """Expiry profile (到期分布): in-force patents reaching their statutory term end per future year.

    For the documents valid as of ``as_of`` (:func:`status_as_of`; default the data
    cut-off), counts applications (件: distinct application numbers) by the year of
    ``termination_date`` (:func:`term_end`) and patent type, as stacked bars from ``as_of``'s
    year on (``horizon`` years, default all). It shows when protection in a field thins out
    (assuming every annuity is paid — most patents lapse earlier). Returns the Axes; the
    counted table is ``ax.expiry_profile``.

    >>> from navtrain import load_sample
    >>> ax = plot_expiry_profile(load_sample(), "2024-12-31")
    >>> ax.get_title(), ax.get_xlabel(), int(ax.expiry_profile.to_numpy().sum())
    ('有效专利到期分布', '届满年份', 9)
    """
    table = standardize_columns(df)
    _need(table, ["pub_no", "app_date", "patent_type"], "plot_expiry_profile")
    st = status_as_of(table, as_of)
    when = st.attrs["as_of"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        te = term_end(table)
    valid = (st["status"] == "valid").to_numpy() & te["termination_date"].notna().to_numpy()
    valid &= ~basis.application_key(table).duplicated().to_numpy()  # one count per application (件)
    yrs = te["termination_date"][valid].dt.year
    types = table["patent_type"][valid].astype(object)
    wide = pd.crosstab(yrs.to_numpy(), types.to_numpy()) if valid.any() else pd.DataFrame()
    order = [t for t in TYPE_ZH if t in wide.columns] + [c for c in wide.columns if c not in TYPE_ZH]
    wide = wide.reindex(columns=order)
    if len(wide):
        hi = int(wide.index.max()) if horizon is None else when.year + int(horizon)
        wide = wide.reindex(pd.RangeIndex(when.year, hi + 1), fill_value=0)
    wide.index.name = "year"
    wide.attrs.update(basis.unit_attrs("applications"), as_of=when)
    ax = new_axes(ax)
    colors = sns.color_palette(PALETTE, max(len(order), 1))
    bottom = np.zeros(len(wide))
    for color, t in zip(colors, order, strict=False):
        vals = wide[t].to_numpy(dtype=float)
        ax.bar(wide.index, vals, bottom=bottom, color=color, label=TYPE_ZH.get(t, t), width=0.8)
        bottom = bottom + vals
    ax.set_xlabel("届满年份")
    ax.set_ylabel("有效" + basis.axis_label("applications"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if order:
        ax.legend(frameon=False)
    ax.set_title(title or "有效专利到期分布")
    ax.annotate(f"截至 {when:%Y-%m-%d} 的有效专利；假定按期缴费至届满", xy=(1, -0.18), xycoords="axes fraction",
                ha="right", fontsize="small", color="#555555")
    ax.expiry_profile = wide  # type: ignore[attr-defined]
    if save is not None:
        save_chart(ax, save)
    return ax
