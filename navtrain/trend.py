"""Filing trends (申请趋势): counts per year with the incomplete recent years flagged.

Source: GB/T 39551.1 (the descriptive analysis set of 专利导航分析) and common Chinese
practice (count by 申请日 for China, by earliest priority for global work, flag the
years still hidden by the publication lag); WIPO *Guidelines for Preparing Patent
Landscape Reports* (2015), on publication lag. See ``docs/methods/trend.md``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from navtrain import basis
from navtrain.basis import DATE_BASES, MISSING_GROUP, incomplete_years
from navtrain.errors import NavtrainWarning, SchemaError
from navtrain.schema import BY_NAME, check_columns, standardize_columns

__all__ = ["DATE_BASES", "MISSING_GROUP", "cagr", "grant_rate", "growth", "incomplete_years", "trend"]


def _check_dates(table: pd.DataFrame, date: str, purpose: str) -> None:
    """The table can give a year on the date basis ``date`` (a date or a stated-year column)."""
    date_col, year_col, _, _ = DATE_BASES[date]
    if date_col not in table.columns and year_col not in table.columns:
        check_columns(table, [date_col], f"{purpose} by {date} date")
    if date_col in table.columns and not pd.api.types.is_datetime64_any_dtype(table[date_col]):
        raise SchemaError(
            f"column '{date_col}' ({BY_NAME[date_col].zh}) holds {table[date_col].dtype}, not dates",
            fix="convert it with pd.to_datetime or navtrain.to_patent_table(df)",
            hint="日期列需先转换为日期类型",
        )


def trend(
    df: pd.DataFrame,
    date: str = "application",
    by: str | None = None,
    unit: str = "applications",
    cutoff: object = None,
    lag_months: int | None = None,
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """Count applications (件), families (项) or documents (篇) per year, flagging incomplete years.

    Parameters
    ----------
    date : 'application' (申请日, default), 'priority' (最早优先权日) or 'publication'.
        The year is the one the source states (``app_year`` ...) where present,
        otherwise the year of the date (:func:`navtrain.basis.filing_year`).
    by : optional column to split by (e.g. ``patent_type``). A list-valued column
        (``applicants_std``) is exploded: each value counts the unit once
        (whole counting). Missing values form the group ``（缺失）``.
    unit : 'applications' (件, default: distinct application numbers), 'families' (项;
        ``family_id``, a document without one is its own family) or 'documents' (篇,
        rows). An application or family counts once, in the year and the group of its
        earliest member on the chosen date basis (:func:`navtrain.basis.collapse`), so
        the 申请公布 A and 授权公告 B documents of one application are one 件.
    cutoff : data cut-off date (检索截止日). Default: :func:`navtrain.basis.default_cutoff`
        (``df.attrs['cutoff']``, else the latest date the table holds).
    lag_months : publication lag; default (None) 18 for application/priority dates, 0 for
        publication dates. Years with ``31 Dec + lag > cutoff`` are flagged
        ``incomplete`` (see :func:`incomplete_years`).
    start, end : first and last year to report (default: data range). Years with
        no filings are reported with count 0.

    Returns a new DataFrame with columns ``year``, [``by``], ``count``,
    ``incomplete``; ``attrs`` records the unit (``unit``, ``unit_zh``, ``unit_label``),
    basis, cut-off, lag and dropped rows. Units without a year are not counted: a
    :class:`NavtrainWarning` says how many.

    Formula: count(y) = |{u : year(earliest member of u) = y}|, u an application,
    family or document.

    >>> from navtrain import load_sample
    >>> t = trend(load_sample(), cutoff="2024-12-31")
    >>> t.set_index("year")["count"].to_dict()
    {2015: 1, 2016: 2, 2017: 2, 2018: 0, 2019: 3, 2020: 4, 2021: 3, 2022: 4, 2023: 1, 2024: 1}
    >>> t.loc[t["incomplete"], "year"].tolist(), t.attrs["unit_label"]
    ([2023, 2024], '申请量（件）')
    >>> trend(load_sample(), unit="项", cutoff="2024-12-31")["count"].sum()
    np.int64(19)
    """
    date_key = basis.date_basis(date)
    unit_key = basis.unit_key(unit)
    table = standardize_columns(df)
    _check_dates(table, date_key, "trend")
    if by is not None:
        check_columns(table, [by], "trend(by=...)")
    if unit_key == "families":
        check_columns(table, ["family_id"], "trend(unit='families')")
    cut = basis.resolve_cutoff(cutoff, table)
    lag = basis.resolve_lag(lag_months, date_key)

    dropped: dict[str, int] = {}
    undated = int(basis.filing_year(table, date_key).isna().sum())
    if undated:
        dropped[f"no {date_key} date"] = undated
        warnings.warn(
            f"trend: {undated} of {len(table)} rows have no {date_key} date and were "
            "not counted (有日期缺失的记录未计入)",
            NavtrainWarning,
            stacklevel=2,
        )
    units = basis.collapse(table, unit_key, date_key)  # undated members sort last
    work = pd.DataFrame({"year": basis.filing_year(units, date_key)}, index=units.index)
    if by is not None:
        work["_group"] = units[by].to_numpy()
    work = work[work["year"].notna()]

    if by is not None:
        first = work["_group"].dropna()
        if len(first) and isinstance(first.iloc[0], list | tuple | np.ndarray):  # list-valued column
            work = work.explode("_group")
        work["_group"] = work["_group"].fillna(MISSING_GROUP)

    years_present = work["year"].astype(int)
    lo = int(years_present.min()) if start is None and len(work) else start
    hi = int(years_present.max()) if end is None and len(work) else end
    if lo is None or hi is None:
        all_years = pd.Index([], dtype="int64", name="year")
    else:
        all_years = pd.RangeIndex(int(lo), int(hi) + 1, name="year")
        work = work[(work["year"] >= lo) & (work["year"] <= hi)]

    if by is None:
        counts = work.groupby("year").size().reindex(all_years, fill_value=0)
        out = counts.rename("count").reset_index()
    else:
        grid = (work.groupby([work["year"].astype("int64"), "_group"]).size()
                .unstack(fill_value=0).reindex(all_years, fill_value=0))
        grid.columns.name = by
        out = grid.stack().rename("count").reset_index()
        out = out.sort_values(["year", by], kind="stable").reset_index(drop=True)
    out["year"] = out["year"].astype("int64")
    out["count"] = out["count"].astype("int64")
    flagged = set(incomplete_years(out["year"], cut, lag)) if len(out) else set()
    out["incomplete"] = out["year"].isin(flagged)
    out.attrs.update(basis.unit_attrs(unit_key), date=date_key, year_label=DATE_BASES[date_key][3],
                     cutoff=cut, lag_months=lag, by=by, dropped=dropped)
    return out


def growth(trend_table: pd.DataFrame) -> pd.DataFrame:
    """Add year-on-year growth ``yoy`` = count(y) / count(y−1) − 1 to a :func:`trend` table.

    Undefined growth (previous year 0, first year, or either year incomplete) is NaN,
    never 0 and never a figure computed from an incomplete year. Works per group when
    the table was split ``by`` a column. Returns a new table.

    >>> from navtrain import load_sample
    >>> g = growth(trend(load_sample(), cutoff="2024-12-31"))
    >>> g.set_index("year")["yoy"].round(3).to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {2015: nan, 2016: 1.0, 2017: 0.0, 2018: -1.0, 2019: nan, 2020: 0.333, 2021: -0.25,
     2022: 0.333, 2023: nan, 2024: nan}
    """
    check_columns(trend_table, ["year", "count", "incomplete"], "growth")
    out = trend_table.copy()
    by = trend_table.attrs.get("by")
    keys = [by] if by and by in out.columns else []
    out = out.sort_values([*keys, "year"], kind="stable")
    grouped = out.groupby(keys, sort=False) if keys else None
    prev = grouped["count"].shift(1) if grouped is not None else out["count"].shift(1)
    prev_year = grouped["year"].shift(1) if grouped is not None else out["year"].shift(1)
    prev_inc = (grouped["incomplete"].shift(1) if grouped is not None else out["incomplete"].shift(1))
    ok = (prev > 0) & (prev_year == out["year"] - 1) & ~out["incomplete"] & (prev_inc == False)  # noqa: E712
    out["yoy"] = (out["count"] / prev - 1).where(ok)
    out.attrs = dict(trend_table.attrs)
    return out.sort_index()


def cagr(trend_table: pd.DataFrame, start: int | None = None, end: int | None = None,
         recent: int = 5) -> float | pd.Series:
    """Compound annual growth rate between two complete years.

    Formula: CAGR = (count(end) / count(start)) ** (1 / (end − start)) − 1. By default
    ``end`` is the last complete year and ``start = end − recent``. NaN when
    count(start) is 0 or a year is missing. Incomplete years are refused (an error), so
    a growth figure is never computed from data the publication lag still hides.
    With a ``by`` split, returns one figure per group (a Series).

    >>> from navtrain import load_sample
    >>> round(cagr(trend(load_sample(), cutoff="2024-12-31"), start=2016, end=2022), 4)  # (4/2) ** (1/6) - 1
    0.1225
    """
    check_columns(trend_table, ["year", "count", "incomplete"], "cagr")
    complete = trend_table.loc[~trend_table["incomplete"], "year"]
    if complete.empty:
        return float("nan")
    end = int(complete.max()) if end is None else int(end)
    start = end - int(recent) if start is None else int(start)
    if end <= start:
        raise SchemaError(f"cagr needs start < end, got {start} and {end}", fix="pass start < end",
                          hint="起止年份顺序不对")
    flagged = set(trend_table.loc[trend_table["incomplete"], "year"].astype(int))
    if {start, end} & flagged:
        raise SchemaError(
            f"cagr over {start}–{end} uses an incomplete year ({', '.join(map(str, sorted({start, end} & flagged)))})",
            fix="choose complete years (see the 'incomplete' column) or pass a later cut-off",
            hint="复合增长率不能使用数据不完整的年份")
    by = trend_table.attrs.get("by")
    if by and by in trend_table.columns:
        wide = trend_table.pivot_table(index="year", columns=by, values="count", aggfunc="sum")
        a, b = wide.reindex([start]).iloc[0], wide.reindex([end]).iloc[0]
        return ((b / a.where(a > 0)) ** (1 / (end - start)) - 1).rename("cagr")
    series = trend_table.set_index("year")["count"]
    a, b = series.get(start, float("nan")), series.get(end, float("nan"))
    if not a or pd.isna(a) or pd.isna(b):
        return float("nan")
    return float((b / a) ** (1 / (end - start)) - 1)


def grant_rate(df: pd.DataFrame, date: str = "application", patent_type: str | None = "invention",
               cutoff: object = None, lag_months: int | None = None,
               unit: str = "applications") -> pd.DataFrame:
    """Grant outcome by filing cohort (授权率, per application year).

    Per cohort year: ``filed``, ``granted`` (a grant date is known), ``refused`` (lapsed
    without a grant: rejected, withdrawn, deemed withdrawn), ``pending`` (the rest),
    ``grant_rate = granted / filed`` and ``decided_grant_rate = granted / (granted +
    refused)``; both NaN when the denominator is 0. Recent cohorts are mostly pending, so
    their rates are flagged ``incomplete`` by the publication-lag rule. By default only
    inventions count (utility models and designs are granted without substantive
    examination). Undated rows are dropped with a warning.

    ``unit='applications'`` (件, default): an application is granted when any of its
    documents shows a grant (the B document), refused when one shows it lapsed and none
    a grant; it counts in the cohort of its earliest member, so its A and B documents
    are one filing. ``'families'`` (项) the same per family; ``'documents'`` per row.

    Source: common practice in Chinese navigation reports (授权率 by 申请年); CNIPA
    annual reports give the national invention grant rate for comparison.

    >>> from navtrain import load_sample
    >>> g = grant_rate(load_sample(), cutoff="2024-12-31").set_index("year")
    >>> g.loc[2019, ["filed", "granted", "refused", "pending"]].tolist()
    [2, 1, 0, 1]
    >>> float(g.loc[2020, "decided_grant_rate"])
    0.5
    """
    date_key = basis.date_basis(date)
    unit_key = basis.unit_key(unit)
    table = standardize_columns(df)
    check_columns(table, ["grant_date", "legal_status"], "grant_rate")
    cutoff = basis.resolve_cutoff(cutoff, table)  # the cut-off of the whole table, not of the slice
    if patent_type is not None:
        check_columns(table, ["patent_type"], "grant_rate(patent_type=...)")
        table = table[table["patent_type"] == patent_type]
    t = trend(table, date=date_key, unit=unit_key, cutoff=cutoff, lag_months=lag_months)
    # outcome per unit: any member granted; refused = any member lapsed and none granted
    codes = pd.factorize(basis.count_key(table, unit_key))[0]
    n_units = int(codes.max()) + 1 if len(codes) else 0
    granted_any = np.bincount(codes, weights=table["grant_date"].notna().to_numpy(), minlength=n_units) > 0
    lapsed_any = np.bincount(codes, weights=(table["legal_status"] == "lapsed").to_numpy(dtype=bool),
                             minlength=n_units) > 0
    first = basis.earliest_members(table, pd.Series(codes, index=table.index), date_key)
    years = basis.filing_year(table.iloc[first], date_key)
    keep = years.notna().to_numpy()
    unit_codes = codes[first][keep]
    frame = pd.DataFrame({"year": years[keep].astype(int).to_numpy(),
                          "granted": granted_any[unit_codes].astype(int),
                          "refused": (lapsed_any & ~granted_any)[unit_codes].astype(int)})
    agg = frame.groupby("year").agg(filed=("granted", "size"), granted=("granted", "sum"),
                                    refused=("refused", "sum"))
    out = t[["year", "incomplete"]].merge(agg, left_on="year", right_index=True, how="left")
    for c in ("filed", "granted", "refused"):
        out[c] = out[c].fillna(0).astype("int64")
    out["pending"] = out["filed"] - out["granted"] - out["refused"]
    out["grant_rate"] = out["granted"] / out["filed"].where(out["filed"] > 0)
    decided = out["granted"] + out["refused"]
    out["decided_grant_rate"] = out["granted"] / decided.where(decided > 0)
    out = out[["year", "filed", "granted", "refused", "pending", "grant_rate", "decided_grant_rate",
               "incomplete"]]
    out.attrs.update(t.attrs, patent_type=patent_type)
    return out
