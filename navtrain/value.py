"""Patent value indicators, a composite value score and the core-patent list (核心专利清单).

Signals, not prices: every indicator here is a screening signal of technological and
economic value that the literature finds correlated with value (forward citations, family
breadth, claims, scope, renewal, transactions, litigation and invalidation survived); none
is a monetary value. Indicators are compared only within cohorts of filing year × field.

Sources: Squicciarini, Dernis & Criscuolo (2013), *Measuring Patent Quality*, OECD STI
Working Paper 2013/03 (indicators, cohorts, composite index); Harhoff, Scherer & Vopel
(2003), *Research Policy* 32:1343–1363 (citations, family size, opposition survival);
Pakes & Schankerman (1984) (renewal); Hall, Jaffe & Trajtenberg (2001), NBER WP 8498
(citations relative to the cohort mean); CNIPA statistical definition of 高价值发明专利
(十四五 plan indicator); GB/T 39551 (core patents in navigation analysis, paraphrased).
See ``docs/methods/value.md``; worked examples in ``tests/test_value.py``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from navtrain import basis
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.schema import check_columns, standardize_columns

__all__ = [
    "DEFAULT_VALUE_WEIGHTS",
    "VALUE_COMPONENTS",
    "cohort_normalize",
    "core_patents",
    "entropy_weights",
    "forward_citations",
    "high_value_flags",
    "plot_core_timeline",
    "value_indicators",
    "value_score",
]

#: Default weights of the composite :func:`value_score` (they sum to 1).
#:
#: Rationale (literature on value correlates, e.g. Squicciarini, Dernis & Criscuolo 2013):
#:
#: * ``citations`` 0.30 — forward citations in a fixed window are the best-documented value
#:   correlate (Trajtenberg 1990; Harhoff et al. 1999, 2003) and the core of the OECD index;
#: * ``jurisdictions`` 0.20 — the number of offices in the family: applicants pay to protect
#:   valuable inventions abroad (Putnam 1996; Harhoff et al. 2003);
#: * ``maintenance`` 0.20 — years kept in force: renewal fees are revealed value (Pakes &
#:   Schankerman 1984), and the CNIPA high-value definition uses > 10 years;
#: * ``legal_events`` 0.15 — transfers, licences, pledges, litigation and invalidations
#:   survived: market and legal validation (Harhoff et al. 2003 on opposition survival;
#:   GB/T 42748-2023 lists 转让许可, 融资, 诉讼 among the economic indicators);
#: * ``claims`` 0.10 — the number of claims (Tong & Frame 1994; OECD component), a weaker
#:   signal whose meaning depends on drafting practice;
#: * ``scope`` 0.05 — distinct IPC subclasses (Lerner 1994); the evidence is mixed.
#:
#: These are teaching defaults, not a standard: change them with ``weights=`` and state
#: the weights in the report. :func:`entropy_weights` gives data-driven weights.
DEFAULT_VALUE_WEIGHTS: dict[str, float] = {
    "citations": 0.30,
    "jurisdictions": 0.20,
    "maintenance": 0.20,
    "legal_events": 0.15,
    "claims": 0.10,
    "scope": 0.05,
}

#: component name → indicator column of :func:`value_indicators`
VALUE_COMPONENTS: dict[str, str] = {
    "citations": "fwd_cits",
    "jurisdictions": "jurisdictions",
    "maintenance": "years_maintained",
    "legal_events": "legal_events",
    "claims": "claims",
    "scope": "scope",
}

_COMPONENT_ZH = {"citations": "被引", "jurisdictions": "布局国家/地区", "maintenance": "维持年限",
                 "legal_events": "运营与诉讼事件", "claims": "权利要求", "scope": "IPC小类数"}

#: legal-event counters: column → (pattern counted, pattern excluded); matched on the raw text
_EVENT_RULES: dict[str, tuple[str, str | None]] = {
    "transfers": (r"转让|转移|transfer|assignment", r"注销|撤销|变更"),
    "licences": (r"许可|licen[cs]", r"注销|解除|撤销|变更"),
    "pledges": (r"质押|pledge", r"注销|解除|撤销|变更|release"),
    "litigations": (r"诉讼|侵权|litigation|infringement", None),
    "invalidations_survived": (r"无效宣告.*维持|维持.*有效|部分无效|invalidation.*(?:rejected|maintained|upheld)",
                               r"全部无效"),
}
EVENT_COLUMNS = tuple(_EVENT_RULES)

_NO_FIELD = "（无IPC）"
_CITES_STEP = ("import the citation lists with the export's 引用专利 column (read_patents / to_patent_table "
               "turns it into the 'cites' list column), or keep the source's 被引用次数 as 'cited_by_count'")


# --------------------------------------------------------------------------- small helpers


def _family_codes(table: pd.DataFrame) -> np.ndarray:
    """Integer family code per row; a row without ``family_id`` is its own family."""
    return pd.factorize(basis.family_key(table))[0]


def _flat(col: pd.Series) -> pd.Series:
    """Values of a list column, one per row, indexed by the row position (0..n-1).

    Lists, tuples and arrays are exploded; a text cell ``'A;B'`` is split on ``;``; empty
    and missing values are dropped.
    """
    s = pd.Series(col.to_numpy(dtype=object), index=np.arange(len(col))).explode().dropna()
    codes, uniq = pd.factorize(s)
    u = pd.Series(uniq, dtype=object).astype(str).str.strip()
    if u.str.contains(";", regex=False).any():
        s = pd.Series(u.to_numpy()[codes], index=s.index).str.split(";").explode().str.strip()
        return s[s != ""]
    keep = (u != "").to_numpy()[codes]
    return pd.Series(u.to_numpy()[codes][keep], index=s.index[keep], dtype=object)


def _obj(col: pd.Series) -> pd.Series:
    """The column's values as an object Series on the column's index (no string-dtype inference)."""
    return pd.Series(col.to_numpy(dtype=object), index=col.index, dtype=object)


def _per_unique(values: pd.Series, func) -> pd.Series:
    """Apply a vectorised string transform to the distinct values only, then spread back."""
    codes, uniq = pd.factorize(values, use_na_sentinel=True)
    done = func(pd.Series(uniq, dtype=object).astype("string")).astype(object).to_numpy()
    out = np.empty(len(codes), dtype=object)
    ok = codes >= 0
    out[ok] = done[codes[ok]]
    out[~ok] = None
    return pd.Series(out, index=values.index, dtype=object)


def _ipc_text(s: pd.Series) -> pd.Series:
    text = s.str.normalize("NFKC").str.upper().str.replace(r"\s+", "", regex=True)
    return text.where(text != "")


def _first_value(v: object) -> object:
    if isinstance(v, list | tuple | np.ndarray):
        return v[0] if len(v) else None
    return v


def _year(table: pd.DataFrame) -> pd.Series:
    """Filing year (:func:`navtrain.basis.filing_year`): the stated ``app_year``, else the year of ``app_date``."""
    return basis.filing_year(table, "application")


def _main_symbols(table: pd.DataFrame) -> pd.Series:
    """The main IPC symbol per row (``ipc_main``, else the first of ``ipc``), normalised."""
    main = pd.Series(pd.NA, index=table.index, dtype=object)
    if "ipc_main" in table.columns:
        main = table["ipc_main"].astype(object).where(table["ipc_main"].notna(), None)
    need = main.isna()
    if "ipc" in table.columns and need.any():
        main = main.copy()
        main[need] = table.loc[need, "ipc"].map(_first_value)
    return _per_unique(main, _ipc_text)


def _wipo_field(symbols: pd.Series) -> pd.Series:
    """WIPO 35-field label (``'21 表面技术、涂层'``) of IPC symbols by the longest prefix."""
    from navtrain.regions import load_concordance

    conc = load_concordance().sort_values("field_id", kind="stable").drop_duplicates("ipc_prefix")
    label = conc["field_id"].astype(str).str.zfill(2) + " " + conc.get("field_zh", conc["field_id"]).astype(str)
    lookup = pd.Series(label.to_numpy(), index=conc["ipc_prefix"].to_numpy())
    codes, raw = pd.factorize(symbols)
    uniq = pd.Series(raw, dtype=object).astype("string")
    group = uniq.str.extract(r"^([A-H]\d\d[A-Z]\d+/)", expand=False)
    sub = uniq.str.slice(0, 4)
    hit = group.map(lookup).astype(object)
    hit = hit.where(hit.notna(), sub.map(lookup).astype(object)).to_numpy(dtype=object)
    out = np.full(len(codes), None, dtype=object)
    ok = codes >= 0
    out[ok] = hit[codes[ok]]
    return pd.Series(out, index=symbols.index, dtype=object)


def _field(table: pd.DataFrame, cohort: str | None) -> tuple[pd.Series, str]:
    """The field part of the cohort key, and its name."""
    if cohort is None:
        return pd.Series("all", index=table.index, dtype=object), "year"
    key = str(cohort).strip()
    low = key.lower()
    if low in ("field", "wipo", "wipo35", "技术领域", "领域"):
        fld = _wipo_field(_main_symbols(table)) if ("ipc_main" in table.columns or "ipc" in table.columns) \
            else pd.Series(np.nan, index=table.index, dtype=object)
        return fld.astype(object).where(fld.notna(), _NO_FIELD), "field"
    if low in ("subclass", "ipc", "ipc_subclass", "小类"):
        sub = _main_symbols(table).str.slice(0, 4) if ("ipc_main" in table.columns or "ipc" in table.columns) \
            else pd.Series(np.nan, index=table.index, dtype=object)
        return sub.astype(object).where(sub.notna(), _NO_FIELD), "subclass"
    if low in ("year", "none", "年"):
        return pd.Series("all", index=table.index, dtype=object), "year"
    if key not in table.columns:
        raise UnknownNameError(f"unknown cohort {cohort!r}",
                               fix="use 'field' (WIPO 35 fields), 'subclass' (IPC subclass), None (year only) "
                               "or the name of a column of the table",
                               hint="cohort 只能是 field（WIPO技术领域）、subclass（IPC小类）或表中的列名")
    col = table[key].astype(object)
    return col.where(col.notna(), "（缺失）"), key


def _cohort_keys(table: pd.DataFrame, cohort: str | None) -> tuple[pd.Series, pd.Series, str]:
    fld, name = _field(table, cohort)
    return _year(table), fld, name


def cohort_normalize(values: pd.Series, cohorts: pd.Series | pd.DataFrame | list, min_cohort: int = 30
                     ) -> pd.DataFrame:
    """Cohort-relative value and within-cohort percentile rank of ``values``.

    Formula: ``rel = c / mean(c | cohort)`` (Hall, Jaffe &
    Trajtenberg 2001, the "fixed-effects" rescaling; Radicchi et al. 2008) and
    ``pct = rank(c | cohort) / n_cohort`` with tied values sharing their average rank.
    A cohort is any key (e.g. filing year × field); NaN values are left out of the mean
    and the ranking. Cohorts with fewer than ``min_cohort`` known values, and a cohort
    mean of 0 (for ``rel``), give NaN — never 0.

    Returns a new DataFrame aligned with ``values``: ``rel``, ``pct``, ``cohort_n``.

    >>> c = cohort_normalize(pd.Series([10, 2, 0]), pd.Series(["2015 H01M"] * 3), min_cohort=1)
    >>> c["rel"].tolist(), c["pct"].round(3).tolist()
    ([2.5, 0.5, 0.0], [1.0, 0.667, 0.333])
    """
    vals = pd.to_numeric(pd.Series(values), errors="coerce").astype(float)
    if isinstance(cohorts, pd.DataFrame):
        keys = [cohorts[c].set_axis(vals.index) for c in cohorts.columns]
    elif isinstance(cohorts, list):
        keys = [pd.Series(k).set_axis(vals.index) for k in cohorts]
    else:
        keys = [pd.Series(cohorts).set_axis(vals.index)]
    if len(vals) == 0:
        return pd.DataFrame({"rel": [], "pct": [], "cohort_n": []}, index=vals.index, dtype=float)
    grp = vals.groupby(keys, dropna=True, sort=False)
    n = grp.transform("count")
    mean = grp.transform("mean")
    pct = grp.rank(method="average", pct=True)
    ok = n >= max(int(min_cohort), 1)
    rel = (vals / mean.where(mean > 0)).where(ok)
    out = pd.DataFrame({"rel": rel.astype(float), "pct": pct.where(ok).astype(float),
                        "cohort_n": n.astype(float)}, index=vals.index)
    out.attrs["min_cohort"] = int(min_cohort)
    return out


# --------------------------------------------------------------------------- forward citations


def forward_citations(
    df: pd.DataFrame,
    window: int = 5,
    date: str = "publication",
    unit: str = "applications",
    exclude_self: bool = False,
    cutoff: object = None,
) -> pd.DataFrame:
    """Forward citations received within a fixed window (前引/被引, OECD ``fwd_cits5``).

    Built from the ``cites`` lists of the table itself: a row citing ``pub_no`` X is one
    citation received by X, dated by the citing document's publication date. Only
    citations from documents *in the table* are seen — the retrieved set, not the world.

    * ``window`` years from the cited document's ``date``: 'publication' (公开日, the OECD
      convention), 'application' (申请日) or 'priority' (优先权日); a citation counts when
      the citing document was published before date + window years.
    * ``unit`` (:mod:`navtrain.basis`) is what is cited and what cites: ``'applications'``
      (件, default): citations to any document of an application count for the
      application, the window starts at its earliest document, and each citing
      **application** counts once; ``'families'`` (项, the OECD family count): the same per
      family, each citing **family** counts once, every member gets the family's value;
      ``'documents'`` (篇): distinct citing documents of this document.
    * Citations within the same family are always excluded; ``exclude_self=True`` also
      drops citations between documents sharing an applicant (``applicants_std``, else
      ``applicants``) — same-applicant self-citations.
    * Truncation: when date + window is later than the data cut-off ``cutoff`` (default
      :func:`navtrain.basis.resolve_cutoff`: ``attrs['cutoff']``, else the latest date of the
      table) the window is incomplete and the count is NaN, not 0.

    Without a ``cites`` column the source's ``cited_by_count`` is returned instead (no
    window, no family rule: whatever the database counted), with a
    :class:`NavtrainWarning`; ``attrs['source']`` says which was used.

    Returns a new DataFrame with the index of ``df``: ``pub_no``, ``fwd_cits`` (float, NaN
    for an incomplete window), ``fwd_cits_to_cutoff`` (all citations seen up to the cut-off,
    same family rules, no window), ``window_end`` and ``complete``; ``attrs`` record
    ``cutoff``, ``date``, ``window`` and the unit (``unit``, ``unit_zh``, ``unit_label``).

    >>> from navtrain import load_sample
    >>> f = forward_citations(load_sample(), unit="families", cutoff="2024-12-31").set_index("pub_no")["fwd_cits"]
    >>> f.loc[["CN104651001B", "CN107502001B", "CN116500001A"]].tolist()
    [3.0, 3.0, nan]
    >>> d = forward_citations(load_sample(), cutoff="2024-12-31").set_index("pub_no")
    >>> float(d.loc["CN107502001B", "fwd_cits"])  # CN111500001B and WO2021200001A1: one family, two applications
    4.0
    """
    table = standardize_columns(df)
    check_columns(table, ["pub_no"], "forward_citations")
    date_key = basis.date_basis(date)
    ukey = basis.unit_key(unit)
    if int(window) <= 0:
        raise SchemaError(f"window must be a positive number of years, got {window}",
                          fix="pass e.g. window=5 (OECD uses 5 and 7)", hint="引证时间窗须为正整数年")
    cut = basis.resolve_cutoff(cutoff, table)
    if "cites" not in table.columns:
        if "cited_by_count" not in table.columns:
            raise SchemaError("forward_citations needs column 'cites' (引用专利) or 'cited_by_count' "
                              "(被引用次数), which the table lacks", fix=_CITES_STEP,
                              hint="缺少引用专利或被引用次数列，请在导入时保留")
        warnings.warn("forward_citations: no 'cites' column, so the source's cited_by_count (被引用次数) is used: "
                      "no citation window, no family rule, no truncation check", NavtrainWarning, stacklevel=2)
        out = pd.DataFrame({"pub_no": table["pub_no"],
                            "fwd_cits": pd.to_numeric(table["cited_by_count"], errors="coerce").astype(float),
                            "fwd_cits_to_cutoff": pd.to_numeric(table["cited_by_count"], errors="coerce").astype(float),
                            "window_end": pd.Series(pd.NaT, index=table.index, dtype="datetime64[ns]"),
                            "complete": pd.Series(pd.NA, index=table.index, dtype="boolean")}, index=table.index)
        out.attrs.update(source="cited_by_count", window=None, date=None, cutoff=cut,
                         exclude_self=None, dropped={}, **basis.unit_attrs(ukey))
        return out
    date_col = basis.DATE_BASES[date_key][0]
    check_columns(table, [date_col, "pub_date"] if date_col != "pub_date" else ["pub_date"],
                  f"forward_citations(date={date_key!r})")
    n = len(table)
    pub_date = pd.to_datetime(table["pub_date"]).to_numpy(dtype="datetime64[ns]")
    start_date = pd.to_datetime(table[date_col]).to_numpy(dtype="datetime64[ns]")
    fam = pd.factorize(basis.count_key(table, ukey))[0] if n else np.zeros(0, dtype=np.int64)
    same_fam = _family_codes(table)
    dropped: dict[str, int] = {}

    # edges: citing row → cited row
    flat = _flat(table["cites"])
    pub_no = pd.Series(table["pub_no"].to_numpy(dtype=object))
    first = ~pub_no.duplicated().to_numpy()
    where = pd.Index(pub_no.to_numpy()[first], dtype=object)
    rows_of = np.arange(n)[first]
    hit = where.get_indexer(flat.to_numpy())
    outside = int((hit < 0).sum())
    citing = flat.index.to_numpy()[hit >= 0].astype(np.int64)
    cited = rows_of[hit[hit >= 0]].astype(np.int64)
    keep = same_fam[citing] != same_fam[cited]
    citing, cited = citing[keep], cited[keep]
    if exclude_self and len(citing):
        col = "applicants_std" if "applicants_std" in table.columns else "applicants"
        check_columns(table, [col], "forward_citations(exclude_self=True)")
        apps = _flat(table[col])
        apps = pd.DataFrame({"row": apps.index.to_numpy(), "name": pd.factorize(apps)[0]}).drop_duplicates()
        edges = pd.DataFrame({"e": np.arange(len(citing)), "citing": citing, "cited": cited})
        m1 = edges.merge(apps, left_on="citing", right_on="row")[["e", "cited", "name"]]
        m2 = m1.merge(apps, left_on=["cited", "name"], right_on=["row", "name"])
        self_edges = np.zeros(len(citing), dtype=bool)
        self_edges[m2["e"].unique()] = True
        dropped["same-applicant self-citations"] = int(self_edges.sum())
        citing, cited = citing[~self_edges], cited[~self_edges]

    # window start per unit (family or document) = earliest start date of its members
    unit_start_row = pd.Series(start_date).groupby(fam).transform("min").to_numpy(dtype="datetime64[ns]")
    end_row = (pd.Series(unit_start_row) + pd.DateOffset(years=int(window))).to_numpy(dtype="datetime64[ns]")
    cit_date = pub_date[citing]
    no_date = np.isnat(cit_date)
    if no_date.any():
        dropped["citing document without pub_date"] = int(no_date.sum())
        warnings.warn(f"forward_citations: {int(no_date.sum())} citations come from documents without a pub_date "
                      "and were not counted (施引文献缺少公开日，未计入)", NavtrainWarning, stacklevel=2)
    cut64 = np.datetime64("NaT") if pd.isna(cut) else np.datetime64(cut.to_datetime64())
    seen = ~no_date & ((cit_date <= cut64) if not pd.isna(cut) else True)
    inside = seen & (cit_date < end_row[cited])
    src_all = fam[citing]
    size = int(fam.max()) + 1 if n else 0

    def count(mask: np.ndarray) -> tuple[np.ndarray, int]:
        pairs = pd.DataFrame({"unit": fam[cited[mask]], "src": src_all[mask]}).drop_duplicates()
        return np.bincount(pairs["unit"].to_numpy(), minlength=size), len(pairs)

    counts, n_pairs = count(inside)
    so_far, _ = count(seen)
    value = counts[fam].astype(float) if n else np.zeros(0)
    complete = ~np.isnat(end_row) & (end_row <= cut64) if not pd.isna(cut) else np.zeros(n, dtype=bool)
    value[~complete] = np.nan
    out = pd.DataFrame({"pub_no": _obj(table["pub_no"]), "fwd_cits": value,
                        "fwd_cits_to_cutoff": so_far[fam].astype(float) if n else np.zeros(0),
                        "window_end": end_row, "complete": complete}, index=table.index)
    out.attrs.update(source="cites", window=int(window), date=date_key, **basis.unit_attrs(ukey),
                     cutoff=cut, exclude_self=bool(exclude_self), citations_outside_table=outside,
                     n_citations=n_pairs, dropped=dropped)
    return out


# --------------------------------------------------------------------------- indicators


def _event_counts(table: pd.DataFrame) -> pd.DataFrame:
    n = len(table)
    if "legal_events" not in table.columns:  # unknown, not zero
        return pd.DataFrame({c: np.full(n, np.nan) for c in EVENT_COLUMNS}, index=table.index)
    out = pd.DataFrame({c: np.zeros(n, dtype=np.int64) for c in EVENT_COLUMNS}, index=table.index)
    if n == 0:
        return out
    flat = _flat(table["legal_events"])
    if flat.empty:
        return out
    codes, raw_uniq = pd.factorize(flat)
    u = pd.Series(raw_uniq, dtype="string").str.normalize("NFKC").str.lower()
    parent = flat.index.to_numpy()
    for name, (pattern, exclude) in _EVENT_RULES.items():
        match = u.str.contains(pattern, regex=True).fillna(False).to_numpy(dtype=bool)
        if exclude:
            match &= ~u.str.contains(exclude, regex=True).fillna(False).to_numpy(dtype=bool)
        hits = match[codes]
        out[name] = np.bincount(parent[hits], minlength=n).astype(np.int64)
    return out


def _years_maintained(table: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """Years from filing to the end of rights (lapse) or ``as_of``; 0 when never granted."""
    if "app_date" not in table.columns:
        return pd.Series(np.nan, index=table.index)
    app = pd.to_datetime(table["app_date"])
    status = table["legal_status"].astype(object) if "legal_status" in table.columns else pd.Series(
        None, index=table.index, dtype=object)
    granted = table["grant_date"].notna() if "grant_date" in table.columns else pd.Series(False, index=table.index)
    granted = granted | (status == "valid")
    if "grant_date" in table.columns:
        granted_by = granted & (table["grant_date"].isna() | (table["grant_date"] <= as_of))
    else:
        granted_by = granted
    expiry = pd.to_datetime(table["expiry_date"]) if "expiry_date" in table.columns else pd.Series(
        pd.NaT, index=table.index, dtype="datetime64[ns]")
    end = expiry.where(expiry.notna() & (expiry < as_of), as_of)
    # a lapsed grant without a lapse date: unknown end of rights
    end = end.where(~((status == "lapsed") & expiry.isna()), pd.NaT)
    years = (end - app).dt.days / 365.25
    out = pd.Series(np.nan, index=table.index)
    out[granted_by] = years[granted_by].clip(lower=0)
    never = ~granted & (status == "lapsed")  # rejected, withdrawn: never in force
    out[never] = 0.0
    return out


def value_indicators(
    df: pd.DataFrame,
    window: int = 5,
    cohort: str | None = "field",
    min_cohort: int = 30,
    as_of: object = None,
    date: str = "publication",
    exclude_self: bool = False,
) -> pd.DataFrame:
    """Per-document patent value indicators (专利价值指标), OECD style.

    Columns (one row per document, index of ``df``; a new DataFrame):

    * ``app_year``, ``field``, ``cohort`` — filing year, field (``cohort``: 'field' = WIPO
      35 technology field of the main IPC, Schmoch 2008; 'subclass' = IPC subclass; a column
      name; None = year only) and the cohort label ``year|field``;
    * ``fwd_cits`` — forward citations in ``window`` years, family level (项, OECD;
      :func:`forward_citations` with ``unit='families'`` and ``cutoff=as_of``: only
      citations published by ``as_of`` are seen; NaN when the window is incomplete), ``fwd_cits_rel`` =
      fwd_cits / cohort mean and ``fwd_cits_pct`` = within-cohort percentile rank
      (:func:`cohort_normalize`; NaN for cohorts with fewer than ``min_cohort`` documents);
      ``fwd_cits_to_cutoff`` — all citations seen up to the cut-off (no window);
    * ``family_size`` — documents in the simple family (the source's ``family_size``, else
      the members in the table); ``jurisdictions`` — distinct offices of the family members
      in the table, **WO not counted** (a PCT application is not a jurisdiction; EP counts
      as one office);
    * ``claims`` (``claims_count``); ``scope`` — distinct 4-character IPC subclasses
      (Lerner 1994), NaN without IPC (designs);
    * ``years_maintained`` — for a granted document, years from filing to the lapse date
      (``expiry_date`` of a lapsed grant) or to ``as_of`` (the evaluation date; default the
      data cut-off, :func:`navtrain.basis.resolve_as_of`);
      0 for applications rejected or withdrawn; NaN while pending;
    * ``transfers`` (转让/转移), ``licences`` (许可), ``pledges`` (质押), ``litigations``
      (诉讼/侵权), ``invalidations_survived`` (无效宣告后维持有效 / 部分无效) — counts of raw
      ``legal_events`` (registrations; 注销/解除 entries are not counted), and their sum
      ``legal_events``.

    ``window``, ``date`` (the window's start date) and ``exclude_self`` are passed to
    :func:`forward_citations`. ``attrs`` record ``as_of`` and ``cutoff`` (the same date).
    A missing source column leaves its indicator NaN (the composite then renormalises).

    >>> from navtrain import load_sample
    >>> v = value_indicators(load_sample(), min_cohort=1).set_index("pub_no")
    >>> v.loc["CN111500001B", ["jurisdictions", "scope", "licences"]].tolist()
    [1.0, 2.0, 1.0]
    """
    table = standardize_columns(df)
    check_columns(table, ["pub_no"], "value_indicators")
    n = len(table)
    as_of_ts = basis.resolve_as_of(as_of, table)
    if as_of_ts == basis.resolve_cutoff(None, pd.DataFrame()):  # a table without dates: today
        as_of_ts = pd.Timestamp.now().normalize()
    year, fld, cohort_name = _cohort_keys(table, cohort)
    out = pd.DataFrame({"pub_no": _obj(table["pub_no"])}, index=table.index)
    out["app_year"] = year
    out["field"] = fld
    yc, yu = _codes(year)
    fc, fu = _codes(fld)
    pc, pu = pd.factorize(yc * (len(fu) + 1) + fc)
    pair_label = np.array([f"{yu[k // (len(fu) + 1)]}|{fu[k % (len(fu) + 1)]}" for k in np.asarray(pu).tolist()],
                          dtype=object)  # one label per cohort
    out["cohort"] = pair_label[pc] if n else np.array([], dtype=object)
    dropped: dict[str, int] = {}
    notes: list[str] = []
    if "cites" in table.columns or "cited_by_count" in table.columns:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", NavtrainWarning)
            fc = forward_citations(table, window=window, date=date, unit="families", exclude_self=exclude_self,
                                   cutoff=as_of_ts)
        for w in caught:
            notes.append(str(w.message))
        out["fwd_cits"] = fc["fwd_cits"].to_numpy()
        out["fwd_cits_to_cutoff"] = fc["fwd_cits_to_cutoff"].to_numpy()
        if fc.attrs.get("source") == "cited_by_count":
            warnings.warn("value_indicators: no 'cites' column; fwd_cits is the source's cited_by_count "
                          "(no window)", NavtrainWarning, stacklevel=2)
        cit_source = fc.attrs.get("source")
    else:
        out["fwd_cits"] = np.nan
        out["fwd_cits_to_cutoff"] = np.nan
        cit_source = None
        notes.append("no 'cites' or 'cited_by_count' column: citations unknown")
    norm = cohort_normalize(out["fwd_cits"], [year, fld], min_cohort=min_cohort)
    out["fwd_cits_rel"] = norm["rel"].to_numpy()
    out["fwd_cits_pct"] = norm["pct"].to_numpy()
    fam = _family_codes(table)
    in_table = np.bincount(fam, minlength=int(fam.max()) + 1 if n else 0)[fam] if n else np.zeros(0)
    if "family_size" in table.columns:
        fs = pd.to_numeric(table["family_size"], errors="coerce").astype(float)
        out["family_size"] = fs.where(fs.notna(), pd.Series(in_table, index=table.index).astype(float))
    else:
        out["family_size"] = in_table.astype(float)
    if "office" in table.columns and n:
        off = table["office"].astype("string").str.strip().str.upper()
        real = off.notna() & (off != "WO") & (off != "")
        pairs = pd.DataFrame({"fam": fam[real.to_numpy()], "off": pd.factorize(off[real])[0]}).drop_duplicates()
        jur = np.bincount(pairs["fam"].to_numpy(), minlength=int(fam.max()) + 1)[fam]
        out["jurisdictions"] = jur.astype(float)
    else:
        out["jurisdictions"] = np.nan
    out["claims"] = (pd.to_numeric(table["claims_count"], errors="coerce").astype(float)
                     if "claims_count" in table.columns else np.nan)
    if "ipc" in table.columns and n:
        flat = _flat(table["ipc"])
        sub = _per_unique(flat, lambda t: _ipc_text(t).str.slice(0, 4))
        sub = sub[sub.str.len() == 4]
        nsub = pd.DataFrame({"r": sub.index.to_numpy(), "s": pd.factorize(sub)[0]}).drop_duplicates()
        scope = np.bincount(nsub["r"].to_numpy(), minlength=n).astype(float)
        scope[scope == 0] = np.nan
        out["scope"] = scope
    else:
        out["scope"] = np.nan
    out["years_maintained"] = _years_maintained(table, as_of_ts).to_numpy()
    events = _event_counts(table)
    for c in EVENT_COLUMNS:
        out[c] = events[c].to_numpy()
    out["legal_events"] = events[list(EVENT_COLUMNS)].sum(axis=1, min_count=1).to_numpy() \
        if "legal_events" in table.columns else np.nan
    out.attrs.update(window=int(window), cohort=cohort_name, min_cohort=int(min_cohort), as_of=as_of_ts,
                     cutoff=as_of_ts, citations=cit_source, notes=notes, dropped=dropped)
    return out


# --------------------------------------------------------------------------- composite score


def _weights(weights: Mapping[str, float] | pd.Series | None) -> dict[str, float]:
    if weights is None:
        return dict(DEFAULT_VALUE_WEIGHTS)
    items = dict(weights.items()) if isinstance(weights, pd.Series) else dict(weights)
    unknown = [k for k in items if k not in VALUE_COMPONENTS]
    if unknown:
        raise UnknownNameError(f"unknown value component(s) {unknown}",
                               fix=f"use some of {list(VALUE_COMPONENTS)}",
                               hint="权重名称只能是 " + "、".join(f"{k}（{v}）" for k, v in _COMPONENT_ZH.items()))
    vals = {k: float(v) for k, v in items.items()}
    if any(not np.isfinite(v) or v < 0 for v in vals.values()):
        raise SchemaError(f"weights must be finite and not negative, got {vals}",
                          fix="give every component a weight >= 0", hint="权重不能为负数")
    total = sum(vals.values())
    if total <= 0:
        raise SchemaError("the weights add up to 0", fix="give at least one component a positive weight",
                          hint="权重之和须大于0")
    return {k: v / total for k, v in vals.items() if v > 0}


def _codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (missing → its own code) and the distinct values as text."""
    codes, uniq = pd.factorize(values, use_na_sentinel=False)
    return codes.astype(np.int64), np.array([str(u) if not pd.isna(u) else "?" for u in uniq], dtype=object)


def _cohort_levels(year: pd.Series, fld: pd.Series, min_cohort: int) -> tuple[pd.Series, pd.Series]:
    """Cohort per row with fallback: year × field, else year, else all documents.

    Returns the cohort label (``'2015|21 表面技术、涂层'``, ``'2015|*'`` or ``'*'``) and the level.
    """
    n = len(year)
    yc, yu = _codes(year)
    fc, fu = _codes(fld)
    pair = yc * (len(fu) + 1) + fc
    pc, pu = pd.factorize(pair)
    n1 = np.bincount(pc, minlength=len(pu))[pc] if n else np.zeros(0, dtype=np.int64)
    n2 = np.bincount(yc, minlength=len(yu))[yc] if n else np.zeros(0, dtype=np.int64)
    lvl = np.where(n1 >= min_cohort, 0, np.where(n2 >= min_cohort, 1, 2))
    level = pd.Series(np.array(["year×field", "year", "all"], dtype=object)[lvl], index=year.index, dtype=object)
    # label per distinct (level, pair) only
    code = np.where(lvl == 0, pair, np.where(lvl == 1, -1 - yc, -(10 ** 12)))
    kc, ku = pd.factorize(code)
    ku = np.asarray(ku, dtype=np.int64)
    labels = np.empty(len(ku), dtype=object)
    nf = len(fu) + 1
    for i, k in enumerate(ku.tolist()):  # one label per cohort, not per row
        if k == -(10 ** 12):
            labels[i] = "*"
        elif k < 0:
            labels[i] = f"{yu[-1 - k]}|*"
        else:
            labels[i] = f"{yu[k // nf]}|{fu[k % nf]}"
    key = pd.Series(labels[kc] if n else np.array([], dtype=object), index=year.index, dtype=object)
    return key, level


def _normalise(raw: pd.DataFrame, key: pd.Series, method: str) -> pd.DataFrame:
    """Each column scaled to [0, 1] within the cohort ``key``; constant cohorts → NaN."""
    if raw.empty:
        return raw.astype(float)
    g = raw.groupby(key, sort=False)
    lo, hi = g.transform("min"), g.transform("max")
    varies = hi > lo
    if method == "rank":
        scaled = g.rank(method="average", pct=True)
    else:  # min-max after winsorising at the cohort's 99th percentile (OECD-style)
        p99 = g.quantile(0.99).reindex(key.to_numpy()).set_axis(raw.index)
        clipped = raw.clip(upper=p99, axis=None)
        lo2 = clipped.groupby(key, sort=False).transform("min")
        hi2 = clipped.groupby(key, sort=False).transform("max")
        scaled = (clipped - lo2) / (hi2 - lo2).where(hi2 > lo2)
    return scaled.where(varies).astype(float)


def value_score(
    df: pd.DataFrame,
    weights: Mapping[str, float] | pd.Series | str | None = None,
    window: int = 5,
    cohort: str | None = "field",
    min_cohort: int = 30,
    as_of: object = None,
    *,
    method: str = "rank",
    date: str = "publication",
) -> pd.DataFrame:
    """Composite patent value score (专利价值综合评分) in [0, 1], normalised within cohorts.

    Method (after the OECD composite quality index, Squicciarini, Dernis & Criscuolo 2013):

    1. the components of :data:`VALUE_COMPONENTS` are computed by :func:`value_indicators`
       (citations in ``window`` years, jurisdictions, years maintained, legal events,
       claims, IPC scope). Where the citation window is still incomplete (recent filings)
       the citations received up to the cut-off are used instead (``citations_basis`` =
       'to_cutoff'): the members of one filing-year cohort had about the same time to be
       cited, so their ranks within the cohort stay comparable;
    2. each component is scaled to [0, 1] **within its cohort** (filing year × field, see
       ``cohort``): ``method='rank'`` (default) = percentile rank (average rank of ties / n),
       robust to the skew of citation counts; ``'minmax'`` = (x − min) / (max − min) after
       winsorising at the cohort's 99th percentile (OECD style). A cohort with fewer than
       ``min_cohort`` documents falls back to the filing year, then to the whole table
       (column ``cohort_level``); a component that does not vary within its cohort, or is
       unknown for a document (NaN), carries no information there and is left out;
    3. ``value_score`` = Σ w_k s_k / Σ w_k over the known components of the document
       (weights renormalised per document). NaN only when no component is known.

    ``weights``: a dict component → weight (default :data:`DEFAULT_VALUE_WEIGHTS`); it
    replaces the defaults (unnamed components get 0), is renormalised to sum 1; unknown
    names raise :class:`UnknownNameError`, negative weights :class:`SchemaError`.
    ``weights='entropy'``: 熵权法 weights (:func:`entropy_weights`) of the scaled
    components over the documents where all are known — weights that reward dispersion,
    not importance. A
    component whose column the table lacks is dropped and the weights renormalised over
    the rest (``attrs['missing_components']``, ``attrs['weights']``).

    ``as_of`` (the evaluation date, default the data cut-off) and ``date`` (the start of the
    citation window) are passed to :func:`value_indicators`; ``attrs['as_of']`` records it.

    Returns a new DataFrame, index of ``df``: ``pub_no``, the raw indicator columns, the
    scaled components ``s_<component>``, ``cohort``, ``cohort_level`` and ``value_score``.
    Scores rank documents within comparable cohorts: a screening signal, not a price.

    >>> from navtrain import load_sample
    >>> s = value_score(load_sample())
    >>> s.sort_values("value_score", ascending=False, kind="stable")["pub_no"].head(3).tolist()
    ['CN107502001B', 'CN110230001A', 'US2020300001A1']
    >>> bool(s["value_score"].between(0, 1).all()), s.attrs["weights"]["citations"]
    (True, 0.3)
    """
    mkey = str(method).strip().lower()
    if mkey in ("percentile", "pct", "rank"):
        mkey = "rank"
    elif mkey in ("minmax", "min-max", "min_max"):
        mkey = "minmax"
    else:
        raise UnknownNameError(f"unknown method {method!r}", fix="use 'rank' (percentile) or 'minmax'",
                               hint="method 只能是 rank（百分位）或 minmax（极差标准化）")
    entropy = isinstance(weights, str)
    if entropy and str(weights).strip().lower() not in ("entropy", "熵权", "熵权法"):
        raise UnknownNameError(f"unknown weights {weights!r}",
                               fix="pass a dict of component weights, None (defaults) or 'entropy' (熵权法)",
                               hint="weights 只能是权重字典、None 或 'entropy'")
    w = _weights(None if entropy else weights)
    ind = value_indicators(df, window=window, cohort=cohort, min_cohort=min_cohort, as_of=as_of, date=date)
    year, fld = ind["app_year"], ind["field"]
    key, level = _cohort_levels(year, fld, int(min_cohort))
    comps = list(w)
    raw = pd.DataFrame({c: pd.to_numeric(ind[VALUE_COMPONENTS[c]], errors="coerce").astype(float) for c in comps},
                       index=ind.index)
    partial = 0
    if "citations" in raw.columns:  # incomplete windows: citations so far, compared within the filing-year cohort
        so_far = pd.to_numeric(ind["fwd_cits_to_cutoff"], errors="coerce").astype(float)
        use = raw["citations"].isna() & so_far.notna()
        partial = int(use.sum())
        raw["citations"] = raw["citations"].where(~use, so_far)
        ind = ind.assign(citations_basis=np.where(use, "to_cutoff", np.where(raw["citations"].notna(), "window", "")))
    missing = [c for c in comps if raw[c].isna().all()] if len(raw) else []
    known = [c for c in comps if c not in missing]
    if known:
        total = sum(w[c] for c in known)
        used = {c: w[c] / total for c in known}
    else:
        used = {}
    scaled = _normalise(raw[known], key, mkey)
    if entropy and known:  # 熵权法 on the scaled components of the documents where all are known
        complete = scaled[known].dropna()
        if len(complete) >= 2:
            ew = entropy_weights(complete)
            used = {c: float(ew[c]) for c in known if ew[c] > 0} or used
    out = ind.copy()
    for c in comps:
        out[f"s_{c}"] = scaled[c] if c in known else np.nan
    out["cohort"] = key.where(level != "all", "*")
    out["cohort_level"] = level
    if used and len(out):
        wv = pd.Series(used)
        s = scaled[list(used)]
        num = (s * wv).sum(axis=1, min_count=1)
        den = s.notna().mul(wv).sum(axis=1)
        out["value_score"] = (num / den.where(den > 0)).clip(0, 1).round(12)  # no float noise in ties
    else:
        out["value_score"] = np.nan
    out.attrs = dict(ind.attrs)
    out.attrs.update(weights=used, requested_weights=w, missing_components=missing, method=mkey,
                     citations_to_cutoff=partial,
                     cohort_levels=level.value_counts().to_dict())
    return out


def entropy_weights(X: pd.DataFrame | np.ndarray | Iterable, normalize: str | None = None) -> pd.Series:
    """Entropy weights (熵权法) of the columns of ``X`` (rows = items, columns = indicators).

    Formula: p_ij = x_ij / Σ_i x_ij; e_j = −(1/ln n) Σ_i p_ij ln p_ij (0 ln 0 = 0);
    w_j = (1 − e_j) / Σ_k (1 − e_k). A constant column has e = 1 and weight 0.
    ``X`` must be non-negative and on comparable scales (e.g. scores in [0, 1]);
    ``normalize='minmax'`` first rescales each column to (x − min)/(max − min), as many
    textbooks do (the lowest item then gets p = 0; the weights change). Rows with NaN are
    dropped. Entropy weights reward *dispersion*, not importance (docs/methods/value.md).
    Returns a Series of weights (sum 1) with ``attrs['entropy']``.

    >>> w = entropy_weights([[.2, .9, .5], [.6, .1, .5], [1, .5, .5]])
    >>> [round(x, 4) for x in w.attrs["entropy"]], w.round(4).tolist()
    ([0.8528, 0.7766, 1.0], [0.3973, 0.6027, 0.0])
    """
    if isinstance(X, pd.DataFrame):
        frame = X.copy()
    else:
        frame = pd.DataFrame(np.asarray(X if isinstance(X, np.ndarray) else list(X), dtype=float))
    frame = frame.apply(pd.to_numeric, errors="coerce").dropna().astype(float)
    n = len(frame)
    if n < 2:
        raise SchemaError("entropy weights need at least two complete rows", fix="pass more items",
                          hint="熵权法至少需要两行完整数据")
    key = None if normalize is None else str(normalize).strip().lower().replace("-", "").replace("_", "")
    if key not in (None, "minmax", "none"):
        raise UnknownNameError(f"unknown normalize {normalize!r}", fix="use None or 'minmax'",
                               hint="normalize 只能是 None 或 minmax")
    lo, hi = frame.min(), frame.max()
    if key == "minmax":
        frame = (frame - lo) / (hi - lo).where(hi > lo)
    elif (lo < 0).any():
        raise SchemaError("entropy weights need non-negative values", fix="pass normalize='minmax'",
                          hint="熵权法要求指标值非负，可先做极差标准化")
    colsum = frame.sum()
    p = frame / colsum.where(colsum > 0)
    plogp = (p * np.log(p.where(p > 0))).fillna(0.0)
    e = (-plogp.sum() / np.log(n)).where((hi > lo) & (colsum > 0), 1.0).clip(upper=1.0)
    d = 1 - e
    w = d / d.sum() if d.sum() > 0 else pd.Series(1.0 / len(d), index=d.index)
    w.attrs["entropy"] = e.round(12).tolist()
    return w.astype(float)


# --------------------------------------------------------------------------- core patents


def core_patents(
    df: pd.DataFrame,
    by: str | None = None,
    quantile: float | None = 0.9,
    top: int | None = None,
    score: pd.Series | str | None = None,
    *,
    one_per_family: bool = False,
    segments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The core-patent list (核心专利清单): the highest-scoring documents per group.

    Rule: within each group of ``by`` (e.g. ``segment``; all documents when None; a
    list-valued column counts a document in each of its groups), keep documents whose
    score is at or above the group's ``quantile`` (default 0.9: the top decile), then at
    most ``top`` per group (``quantile=None`` with ``top``: simply the top N). The score is
    ``score`` (a Series aligned with ``df`` or a column name) or :func:`value_score`. The
    unit is documents (件); ``one_per_family=True`` keeps the best member of each family.
    Ties at the threshold are all kept. ``segments``: a long table ``pub_no``, ``segment``
    (one row per document and segment, e.g. from ``navtrain.chain.map_segments``) to rank
    within segments when ``df`` has no ``segment`` column (``by`` then defaults to
    'segment'; a document in two segments is ranked in both).

    Returns a new DataFrame sorted by group and ``rank`` (1 = best): [``by``], ``rank``,
    ``pub_no``, ``title``, ``applicants_std``, ``app_year``, ``family_id``,
    ``legal_status``, ``score`` and, when the score was computed here, the evidence
    columns of :func:`value_score` (raw indicators and scaled components).

    >>> from navtrain import load_sample
    >>> core_patents(load_sample(), top=3, quantile=None)["pub_no"].tolist()
    ['CN107502001B', 'CN110230001A', 'US2020300001A1']
    >>> core_patents(load_sample(), top=3, quantile=None, one_per_family=True)["pub_no"].tolist()
    ['CN107502001B', 'CN110230001A', 'CN104651001B']
    """
    table = standardize_columns(df)
    check_columns(table, ["pub_no"], "core_patents")
    if quantile is not None and not 0 <= float(quantile) <= 1:
        raise SchemaError(f"quantile must be between 0 and 1, got {quantile}", fix="e.g. quantile=0.9 (top 10%)",
                          hint="分位数须在0到1之间")
    if top is not None and int(top) < 1:
        raise SchemaError(f"top must be at least 1, got {top}", fix="e.g. top=20", hint="top 须为正整数")
    if segments is not None:
        check_columns(segments, ["pub_no", "segment"], "core_patents(segments=...)")
        by = by or "segment"
        if by in table.columns:
            table = table.drop(columns=[by])
        seg = segments.dropna(subset=["pub_no"]).drop_duplicates(["pub_no", "segment"])
        lists = seg.groupby("pub_no", sort=False)["segment"].agg(list)
        table = table.assign(**{by: table["pub_no"].map(lists)})
    if by is not None:
        check_columns(table, [by], "core_patents(by=...)")
    evidence = None
    if score is None:
        evidence = value_score(table)
        sc = evidence["value_score"]
    elif isinstance(score, str):
        check_columns(table, [score], "core_patents(score=...)")
        sc = pd.to_numeric(table[score], errors="coerce")
    else:
        sc = pd.to_numeric(pd.Series(score), errors="coerce")
        same_labels = (isinstance(score, pd.Series) and sc.index.is_unique and table.index.is_unique
                       and len(sc) == len(table) and sc.index.isin(table.index).all())
        if same_labels:  # a Series is aligned by its index labels
            sc = sc.reindex(table.index)
        elif len(sc) != len(table):
            raise SchemaError(f"score has {len(sc)} values for {len(table)} documents",
                              fix="pass a Series aligned with df (e.g. value_score(df)['value_score'])",
                              hint="评分序列须与表格逐行对应")
        else:  # an array (or a Series with other labels): by position
            sc = sc.set_axis(table.index)
    cols = [c for c in ("pub_no", "title", "applicants_std", "app_year", "app_date", "family_id", "legal_status",
                        "patent_type", "office") if c in table.columns]
    base = table[cols].reset_index(drop=True)  # positional from here on (the index may repeat)
    if "app_year" not in base.columns:
        base["app_year"] = _year(table).to_numpy()
    base["score"] = sc.astype(float).to_numpy()
    if evidence is not None:
        ev_cols = [c for c in evidence.columns if c not in base.columns and c not in ("value_score", "field")]
        base = base.join(evidence[ev_cols].reset_index(drop=True))
    group_col = by or "_all"
    if by is None:
        base[group_col] = "全部"
    else:
        base[group_col] = table[by].to_numpy()
        first = base[group_col].dropna()
        if len(first) and isinstance(first.iloc[0], list | tuple | np.ndarray):
            base = base.explode(group_col)
    dropped: dict[str, int] = {}
    no_score = base["score"].isna()
    if no_score.any():
        dropped["no score"] = int(no_score.sum())
        base = base[~no_score]
    base = base[base[group_col].notna()]
    if one_per_family and "family_id" in base.columns:
        fam = basis.family_key(base)
        base = (base.assign(_fam=fam).sort_values("score", ascending=False, kind="stable")
                .drop_duplicates([group_col, "_fam"]).drop(columns="_fam"))
    if quantile is not None and len(base):
        base = base[core_mask(base["score"], base[group_col], float(quantile))]
    base = base.sort_values([group_col, "score", "pub_no"], ascending=[True, False, True], kind="stable")
    base["rank"] = base.groupby(group_col, sort=False).cumcount() + 1
    if top is not None:
        base = base[base["rank"] <= int(top)]
    front = ([by] if by else []) + ["rank"]
    rest = [c for c in base.columns if c not in (*front, group_col)]
    out = base[front + rest].reset_index(drop=True)
    out["rank"] = out["rank"].astype("int64")
    out.attrs.update(by=by, quantile=quantile, top=top, **basis.unit_attrs("documents"),
                     one_per_family=bool(one_per_family), dropped=dropped,
                     score="value_score" if score is None else (score if isinstance(score, str) else "caller"),
                     weights=evidence.attrs.get("weights") if evidence is not None else None)
    return out


def core_mask(scores: pd.Series, groups: object, quantile: float = 0.9) -> np.ndarray:
    """The core-patent rule shared by :func:`core_patents` and ``navtrain.chain``: True where a
    score is at or above its group's ``quantile`` score (ties at the threshold kept; a NaN
    score is never core). Vectorised: one grouped quantile.

    >>> core_mask(pd.Series([0.1, 0.5, 0.9, 0.2, 0.8]), ["a", "a", "a", "b", "b"], 0.5).tolist()
    [False, True, True, False, True]
    """
    s = pd.Series(np.asarray(scores, dtype=float))
    thr = s.groupby(np.asarray(groups, dtype=object)).transform("quantile", float(quantile))
    return ((s >= thr - 1e-12) & s.notna()).to_numpy(dtype=bool)


# --------------------------------------------------------------------------- CNIPA high-value flags


_NOT_DOMESTIC = ("香港", "澳门", "台湾", "香港特别行政区", "澳门特别行政区", "台湾省")


def high_value_flags(
    df: pd.DataFrame,
    as_of: object = None,
    sei_ipc: Iterable[str] | None = None,
    pledge: pd.DataFrame | pd.Series | Mapping[str, float] | None = None,
    pledge_min: float | None = None,
    awards: Iterable[str] | None = None,
) -> pd.DataFrame:
    """CNIPA high-value invention patent flags (高价值发明专利, 十四五 statistical definition).

    A document is **eligible** when it is a domestic (国内: office CN, applicant with a
    mainland province; HK/MO/TW and foreign owners excluded) invention patent valid at
    ``as_of``: granted on or before ``as_of`` and in force then (``legal_status`` 'valid'
    with the term end after ``as_of``, or 'lapsed' with the lapse date after ``as_of``).
    It is ``high_value`` when eligible AND any of:

    1. ``sei`` 战略性新兴产业: an IPC starts with one of the caller's ``sei_ipc`` prefixes.
       navtrain cannot ship the official 2021 SEI–IPC concordance; with ``sei_ipc=None``
       the flag is NA (not assessed);
    2. ``overseas_family`` 海外同族授权: another family member at an office other than CN
       and WO has a grant date;
    3. ``maintained_10y`` 维持超过10年: valid at ``as_of`` and ``as_of − app_date`` > 10 years
       (the exact reference day is an open question of the definition; docs/methods/value.md §6);
    4. ``pledge_financing`` 质押融资: the caller's ``pledge`` amounts (pub_no → amount) above
       ``pledge_min`` — no public threshold exists; NA when not given;
    5. ``award`` 国家科学技术奖/中国专利奖: pub_no in the caller's ``awards``; NA when not given.

    Returns a new DataFrame (index of ``df``): ``pub_no``, ``eligible``, the five flags
    (nullable boolean), ``high_value`` (bool: eligible and a known flag true — a lower bound
    when flags are NA, see ``attrs['not_assessed']``) and ``reasons`` (Chinese labels).

    >>> from navtrain import load_sample
    >>> h = high_value_flags(load_sample(), as_of="2024-12-31")
    >>> h.loc[h["high_value"], "pub_no"].tolist(), h.attrs["not_assessed"]
    ([], ['sei', 'pledge_financing', 'award'])
    >>> h = high_value_flags(load_sample(), as_of="2024-12-31", sei_ipc=["C30B"])
    >>> h.loc[h["high_value"], ["pub_no", "reasons"]].values.tolist()
    [['CN104651001B', '战略性新兴产业']]
    """
    table = standardize_columns(df)
    check_columns(table, ["pub_no", "office", "patent_type", "legal_status", "app_date"],
                  "high_value_flags (legal_status comes from the export's 法律状态 column via navtrain.read_patents)")
    original_index = table.index
    table = table.reset_index(drop=True)  # positional inside (the caller's index may repeat)
    at = basis.resolve_as_of(as_of, table)
    n = len(table)
    idx = table.index
    office = table["office"].astype("string").str.upper().str.strip()
    cn = (office == "CN").fillna(False)
    inv = (table["patent_type"] == "invention").fillna(False)
    granted = table["grant_date"].notna() & (table["grant_date"] <= at) if "grant_date" in table.columns \
        else table["legal_status"] == "valid"
    ended = (table["expiry_date"].notna() & (table["expiry_date"] <= at)) if "expiry_date" in table.columns \
        else pd.Series(False, index=idx)
    status = table["legal_status"].astype(object)
    lapsed_later = (status == "lapsed") & table["expiry_date"].notna() & (table["expiry_date"] > at) \
        if "expiry_date" in table.columns else pd.Series(False, index=idx)
    in_force = ((status == "valid") | lapsed_later).fillna(False)
    valid = in_force & granted.fillna(False) & ~ended.fillna(False)
    if "province" in table.columns:
        prov = table["province"].astype("string").str.strip()
        domestic = prov.notna() & (prov != "") & ~prov.isin(_NOT_DOMESTIC)
        domestic = domestic.fillna(False)
    else:
        domestic = pd.Series(True, index=idx)
    eligible = (cn & inv & valid & domestic).astype(bool)
    not_assessed: list[str] = []
    # 1 strategic emerging industry
    if sei_ipc is None:
        sei = pd.Series(pd.NA, index=idx, dtype="boolean")
        not_assessed.append("sei")
    else:
        prefixes = tuple(str(p).strip().upper().replace(" ", "") for p in sei_ipc if str(p).strip())
        flat = _flat(table["ipc"]) if "ipc" in table.columns else pd.Series([], dtype=object)
        sym = flat.astype("string").str.upper().str.replace(r"\s+", "", regex=True)
        hit_rows = np.unique(flat.index.to_numpy()[sym.str.startswith(prefixes).fillna(False).to_numpy(dtype=bool)]) \
            if prefixes and len(sym) else np.array([], dtype=np.int64)
        arr = np.zeros(n, dtype=bool)
        arr[hit_rows.astype(np.int64)] = True
        sei = pd.Series(arr, index=idx, dtype="boolean")
    # 2 overseas granted family member
    fam = _family_codes(table)
    g_all = table["grant_date"].notna() & (table["grant_date"] <= at) if "grant_date" in table.columns \
        else pd.Series(False, index=idx)
    abroad = (~office.isin(["CN", "WO"])).fillna(False) & g_all.fillna(False)
    fam_abroad = np.bincount(fam[abroad.to_numpy(dtype=bool)], minlength=int(fam.max()) + 1 if n else 0)
    overseas = pd.Series(fam_abroad[fam] > 0 if n else np.zeros(0, bool), index=idx, dtype="boolean")
    # 3 maintained over 10 years
    ten = pd.to_datetime(table["app_date"]) + pd.DateOffset(years=10)
    maintained = pd.Series((valid & ten.notna() & (at > ten)).to_numpy(dtype=bool), index=idx, dtype="boolean")
    # 4 pledge financing
    if pledge is None:
        pledged = pd.Series(pd.NA, index=idx, dtype="boolean")
        not_assessed.append("pledge_financing")
    else:
        if isinstance(pledge, pd.DataFrame):
            cols = list(pledge.columns)
            amount_col = "amount" if "amount" in cols else cols[-1]
            key_col = "pub_no" if "pub_no" in cols else cols[0]
            amounts = pd.to_numeric(pledge[amount_col], errors="coerce").groupby(pledge[key_col].astype(str)).sum()
        else:
            amounts = pd.to_numeric(pd.Series(pledge), errors="coerce").groupby(level=0).sum()
            amounts.index = amounts.index.astype(str)
        amt = table["pub_no"].astype(str).map(amounts)
        thr = float(pledge_min) if pledge_min is not None else 0.0
        pledged = pd.Series((amt.fillna(-np.inf) > thr).to_numpy(dtype=bool), index=idx, dtype="boolean")
    # 5 national award
    if awards is None:
        award = pd.Series(pd.NA, index=idx, dtype="boolean")
        not_assessed.append("award")
    else:
        award = pd.Series(table["pub_no"].astype(str).isin({str(a) for a in awards}).to_numpy(dtype=bool),
                          index=idx, dtype="boolean")
    flags = pd.DataFrame({"sei": sei, "overseas_family": overseas, "maintained_10y": maintained,
                          "pledge_financing": pledged, "award": award}, index=idx)
    flags = flags.where(eligible.to_numpy()[:, None] | flags.isna(), False).astype("boolean")
    labels = {"sei": "战略性新兴产业", "overseas_family": "海外同族授权", "maintained_10y": "维持超10年",
              "pledge_financing": "质押融资", "award": "国家级奖项"}
    known_true = flags.fillna(False).astype(bool)
    high = eligible & known_true.any(axis=1)
    reasons = pd.Series("", index=idx, dtype=object)
    for c, zh in labels.items():
        reasons = reasons.where(~known_true[c], reasons + np.where(reasons == "", "", "；") + zh)
    out = pd.DataFrame({"pub_no": _obj(table["pub_no"]), "eligible": eligible.to_numpy(dtype=bool)}, index=idx)
    out = out.join(flags)
    out["high_value"] = high.to_numpy(dtype=bool)
    out["reasons"] = reasons
    out.index = original_index
    out.attrs.update(as_of=at, not_assessed=not_assessed, pledge_min=pledge_min,
                     scope="domestic (国内) valid CN invention patents; HK/MO/TW and foreign owners excluded",
                     note="high_value is a lower bound while criteria are not assessed" if not_assessed else "")
    return out


# --------------------------------------------------------------------------- chart


def plot_core_timeline(
    core: pd.DataFrame,
    lane: str | None = None,
    label_top: int = 5,
    max_lanes: int = 12,
    order: list[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    save: str | Path | None = None,
) -> Axes:
    """Core-patent timeline / roadmap (核心专利技术路线图).

    x = filing year, one lane per ``lane`` value (default: the ``by`` column of
    :func:`core_patents`, else the first applicant), marker area ∝ score, the
    ``label_top`` highest-scoring patents labelled with their publication number. At most
    ``max_lanes`` lanes are drawn (those holding the best scores). Lanes run top to bottom
    in ``order`` (e.g. the chain's segments upstream → downstream) or by first filing year.

    >>> from navtrain import load_sample
    >>> ax = plot_core_timeline(core_patents(load_sample(), quantile=0.5))
    >>> ax.get_xlabel(), len(ax.collections[0].get_offsets())
    ('申请年', 11)
    """
    import seaborn as sns

    from navtrain.plots import PALETTE, new_axes, save_chart

    check_columns(core, ["pub_no", "score"], "plot_core_timeline (pass the output of core_patents)")
    ax = new_axes(ax)
    data = core.copy()
    lane_col = lane or core.attrs.get("by")
    if lane_col is None or lane_col not in data.columns:
        if "applicants_std" in data.columns:
            data["_lane"] = data["applicants_std"].map(_first_value)
        else:
            data["_lane"] = "全部"
        lane_label = "申请人"
    else:
        data["_lane"] = data[lane_col]
        lane_label = "产业链环节" if lane_col == "segment" else str(lane_col)
    if lane is not None:
        check_columns(core, [lane], "plot_core_timeline(lane=...)")
    data["_lane"] = data["_lane"].astype(object).where(data["_lane"].notna(), "（缺失）").astype(str)
    if "app_year" not in data.columns:
        check_columns(data, ["app_date"], "plot_core_timeline")
        data["app_year"] = data["app_date"].dt.year
    data = data[data["app_year"].notna() & data["score"].notna()]
    if data["_lane"].nunique() > int(max_lanes):
        keep = data.groupby("_lane")["score"].max().sort_values(ascending=False, kind="stable").index[:int(max_lanes)]
        data = data[data["_lane"].isin(keep)]
    lanes = list(dict.fromkeys(data.sort_values("app_year", kind="stable")["_lane"]))
    if order is not None:
        given = [str(v) for v in order if str(v) in set(lanes)]
        lanes = given + [v for v in lanes if v not in given]
    ypos = {name: i for i, name in enumerate(lanes)}
    y = data["_lane"].map(ypos).to_numpy(dtype=float)
    # spread documents of one lane and year so markers do not sit on top of each other
    k = data.groupby(["_lane", "app_year"]).cumcount().to_numpy()
    m = data.groupby(["_lane", "app_year"])["pub_no"].transform("size").to_numpy()
    y = y + np.where(m > 1, (k - (m - 1) / 2) * 0.5 / np.maximum(m, 1), 0)
    colors = sns.color_palette(PALETTE, max(len(lanes), 1))
    score = data["score"].to_numpy(dtype=float)
    top_score = float(np.nanmax(score)) if len(score) else 1.0
    size = 260 * np.clip(score / (top_score if top_score > 0 else 1.0), 0.05, 1)  # area ∝ score
    ax.scatter(data["app_year"].to_numpy(dtype=float), y, s=size, alpha=0.75,
               c=[colors[ypos[v]] for v in data["_lane"]], edgecolors="white", linewidths=0.5)
    best = data.assign(_y=y).sort_values("score", ascending=False).head(int(label_top))
    for i, (no, yr, yy) in enumerate(zip(best["pub_no"], best["app_year"], best["_y"], strict=True)):
        ax.annotate(str(no), (float(yr), float(yy)), xytext=(5, 7 if i % 2 == 0 else -12), textcoords="offset points",
                    fontsize=8)
    ax.set_yticks(range(len(lanes)))
    ax.set_yticklabels(lanes)
    ax.set_ylim(max(len(lanes) - 0.3, 0.7), -0.7)  # first lane on top
    ax.set_xlabel("申请年")
    ax.set_ylabel(lane_label)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title or "核心专利技术路线图（气泡大小 ∝ 价值评分；单位：件）")
    if save is not None:
        save_chart(ax, save)
    return ax

