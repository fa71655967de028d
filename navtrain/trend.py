"""Filing trends (申请趋势): counts per year with the incomplete recent years flagged.

Source: GB/T 39551.1 (the descriptive analysis set of 专利导航分析) and common Chinese
practice (count by 申请日 for China, by earliest priority for global work, flag the
years still hidden by the publication lag); WIPO *Guidelines for Preparing Patent
Landscape Reports* (2015), on publication lag. See ``docs/methods/trend.md``.
"""

from __future__ import annotations

import warnings

import pandas as pd

from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.options import UNIT_ZH
from navtrain.options import unit_key as _unit_key
from navtrain.schema import BY_NAME, check_columns, standardize_columns

__all__ = ["DATE_BASES", "cagr", "grant_rate", "growth", "incomplete_years", "trend"]

#: date basis → (date column, stated-year column, default lag in months, 中文)
DATE_BASES: dict[str, tuple[str, str, int, str]] = {
    "application": ("app_date", "app_year", 18, "申请年"),
    "priority": ("priority_date", "priority_year", 18, "最早优先权年"),
    "publication": ("pub_date", "pub_year", 0, "公开年"),
}
_BASIS_ALIASES = {
    "app": "application", "application": "application", "filing": "application",
    "app_date": "application", "申请日": "application", "申请": "application",
    "priority": "priority", "priority_date": "priority", "优先权日": "priority",
    "优先权": "priority", "earliest_priority": "priority",
    "pub": "publication", "publication": "publication", "pub_date": "publication",
    "公开日": "publication", "公开": "publication",
}
MISSING_GROUP = "（缺失）"


def _basis(date: str) -> str:
    key = str(date).strip().lower()
    if key not in _BASIS_ALIASES:
        raise UnknownNameError(
            f"unknown date basis {date!r}",
            fix="use 'application' (申请日), 'priority' (优先权日) or 'publication' (公开日)",
            hint="date 参数只能是申请日、优先权日或公开日",
        )
    return _BASIS_ALIASES[key]


def incomplete_years(years: object, cutoff: object, lag_months: int = 18) -> list[int]:
    """Years whose counts are still incomplete at ``cutoff`` because of the lag.

    Rule: year *y* is incomplete when ``31 Dec y + lag_months > cutoff``, i.e. a
    document filed on the last day of *y* could still be unpublished at the data
    cut-off. With the usual 18-month lag of invention applications and a cut-off of
    2024-12-31, 2023 and 2024 are incomplete and 2022 is complete. With
    ``lag_months=0`` (publication-date basis) only a year not yet over is incomplete.

    >>> incomplete_years(range(2020, 2025), "2024-12-31")
    [2023, 2024]
    >>> incomplete_years(range(2020, 2025), "2024-06-30", lag_months=0)
    [2024]
    """
    cut = pd.Timestamp(cutoff)
    if pd.isna(cut):
        raise SchemaError("cutoff is not a date", fix="pass a date such as '2024-12-31'",
                          hint="检索截止日期格式不对")
    if lag_months < 0:
        raise SchemaError(f"lag_months must be >= 0, got {lag_months}",
                          fix="pass the publication lag in months, e.g. 18",
                          hint="公开滞后月数不能为负")
    ys = pd.Index(pd.unique(pd.Series(list(years), dtype="Int64").dropna()), dtype="int64")
    year_end = pd.to_datetime({"year": ys, "month": 12, "day": 31})
    ends = year_end + pd.DateOffset(months=int(lag_months))
    return sorted(int(y) for y in ys[(ends > cut).to_numpy()])


def _year_series(df: pd.DataFrame, date_col: str, year_col: str) -> pd.Series:
    """The stated year where the source gives one, else the year of the date."""
    derived = df[date_col].dt.year.astype("Int64") if date_col in df.columns else None
    if year_col in df.columns:
        stated = pd.to_numeric(df[year_col], errors="coerce").astype("Int64")
        return stated if derived is None else stated.fillna(derived)
    assert derived is not None
    return derived


def trend(
    df: pd.DataFrame,
    date: str = "application",
    by: str | None = None,
    unit: str = "documents",
    cutoff: object = None,
    lag_months: int | None = None,
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """Count documents (件) or families (项) per year, flagging incomplete years.

    Parameters
    ----------
    date : 'application' (申请日, default), 'priority' (最早优先权日) or 'publication'.
        The year is the one the source states (``app_year`` ...) where present,
        otherwise the year of the date.
    by : optional column to split by (e.g. ``patent_type``). A list-valued column
        (``applicants_std``) is exploded: each value counts the document once
        (whole counting). Missing values form the group ``（缺失）``.
    unit : 'documents' (件, default) or 'families' (项). A family (``family_id``;
        a document without one is its own family) counts once, in the year of its
        earliest member on the chosen basis, in the group of that member.
    cutoff : data cut-off date (检索截止日). Default: the latest ``pub_date`` in the
        table (the last day the database could show), else the latest date used.
    lag_months : publication lag; default 18 for application/priority dates, 0 for
        publication dates. Years with ``31 Dec + lag > cutoff`` are flagged
        ``incomplete`` (see :func:`incomplete_years`).
    start, end : first and last year to report (default: data range). Years with
        no filings are reported with count 0.

    Returns a new DataFrame with columns ``year``, [``by``], ``count``,
    ``incomplete``; ``attrs`` records unit, basis, cut-off, lag and dropped rows.
    Rows without a year are not counted: a :class:`NavtrainWarning` says how many.

    Formula: count(y) = |{d : year(d) = y}| (documents) or
    |{f : min over members m of f of year(m) = y}| (families).

    >>> from navtrain import load_sample
    >>> t = trend(load_sample(), cutoff="2024-12-31")
    >>> t.set_index("year")["count"].to_dict()
    {2015: 1, 2016: 2, 2017: 2, 2018: 0, 2019: 3, 2020: 4, 2021: 3, 2022: 4, 2023: 1, 2024: 1}
    >>> t.loc[t["incomplete"], "year"].tolist()
    [2023, 2024]
    >>> trend(load_sample(), unit="项", cutoff="2024-12-31")["count"].sum()
    np.int64(19)
    """
    basis = _basis(date)
    unit_key = _unit_key(unit)
    date_col, year_col, default_lag, _ = DATE_BASES[basis]
    table = standardize_columns(df)
    if date_col not in table.columns and year_col not in table.columns:
        check_columns(table, [date_col], f"trend by {basis} date")
    if date_col in table.columns and not pd.api.types.is_datetime64_any_dtype(table[date_col]):
        raise SchemaError(
            f"column '{date_col}' ({BY_NAME[date_col].zh}) holds {table[date_col].dtype}, not dates",
            fix="convert it with pd.to_datetime or navtrain.to_patent_table(df)",
            hint="日期列需先转换为日期类型",
        )
    if by is not None:
        check_columns(table, [by], "trend(by=...)")
    if unit_key == "families":
        check_columns(table, ["family_id"] if "pub_no" in table.columns else ["family_id", "pub_no"],
                      "trend(unit='families')")
    lag = default_lag if lag_months is None else int(lag_months)

    work = pd.DataFrame({"year": _year_series(table, date_col, year_col)}, index=table.index)
    if date_col in table.columns:
        work["_date"] = table[date_col]
    else:
        work["_date"] = pd.to_datetime({"year": work["year"], "month": 1, "day": 1}, errors="coerce")
    if by is not None:
        work["_group"] = table[by]
    dropped: dict[str, int] = {}
    no_year = work["year"].isna()
    if no_year.any():
        reason = f"no {basis} date"
        dropped[reason] = int(no_year.sum())
        warnings.warn(
            f"trend: {int(no_year.sum())} of {len(work)} rows have no {basis} date and were "
            "not counted (有日期缺失的记录未计入)",
            NavtrainWarning,
            stacklevel=2,
        )
        work = work[~no_year]

    if unit_key == "families":
        fam = table.loc[work.index, "family_id"]
        if fam.isna().any():  # a document without a family id is its own family
            fam = fam.where(fam.notna(), "pub:" + table.loc[work.index, "pub_no"].astype(str))
        work["_family"] = fam
        work = work.sort_values(["_date", "year"], kind="stable").drop_duplicates("_family")

    if by is not None:
        first = work["_group"].dropna()
        if len(first) and isinstance(first.iloc[0], list | tuple):  # list-valued column
            work = work.explode("_group")
        work["_group"] = work["_group"].fillna(MISSING_GROUP)

    if cutoff is None:
        if "pub_date" in table.columns and table["pub_date"].notna().any():
            cut = table["pub_date"].max()
        else:
            cut = work["_date"].max()
    else:
        cut = pd.Timestamp(cutoff)

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
    out.attrs.update(unit=unit_key, unit_zh=UNIT_ZH[unit_key], date=basis,
                     year_label=DATE_BASES[basis][3], cutoff=pd.Timestamp(cut),
                     lag_months=lag, by=by, dropped=dropped)
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
         window: int = 5) -> float | pd.Series:
    """Compound annual growth rate between two complete years.

    Formula: CAGR = (count(end) / count(start)) ** (1 / (end − start)) − 1. By default
    ``end`` is the last complete year and ``start = end − window``. NaN when
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
    start = end - int(window) if start is None else int(start)
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
               cutoff: object = None, lag_months: int | None = None) -> pd.DataFrame:
    """Grant outcome by filing cohort (授权率, per application year).

    Per cohort year: ``filed``, ``granted`` (a grant date is known), ``refused`` (lapsed
    without a grant: rejected, withdrawn, deemed withdrawn), ``pending`` (the rest),
    ``grant_rate = granted / filed`` and ``decided_grant_rate = granted / (granted +
    refused)``; both NaN when the denominator is 0. Recent cohorts are mostly pending, so
    their rates are flagged ``incomplete`` by the publication-lag rule. By default only
    inventions count (utility models and designs are granted without substantive
    examination). Undated rows are dropped with a warning.

    Source: common practice in Chinese navigation reports (授权率 by 申请年); CNIPA
    annual reports give the national invention grant rate for comparison.

    >>> from navtrain import load_sample
    >>> g = grant_rate(load_sample(), cutoff="2024-12-31").set_index("year")
    >>> g.loc[2019, ["filed", "granted", "refused", "pending"]].tolist()
    [2, 1, 0, 1]
    >>> float(g.loc[2020, "decided_grant_rate"])
    0.5
    """
    basis = _basis(date)
    date_col, year_col, _, _ = DATE_BASES[basis]
    table = standardize_columns(df)
    check_columns(table, ["grant_date", "legal_status"], "grant_rate")
    if patent_type is not None:
        check_columns(table, ["patent_type"], "grant_rate(patent_type=...)")
        table = table[table["patent_type"] == patent_type]
    t = trend(table, date=basis, cutoff=cutoff, lag_months=lag_months)
    years = _year_series(table, date_col, year_col)
    keep = years.notna()
    granted = table["grant_date"].notna()
    refused = (table["legal_status"] == "lapsed") & ~granted
    frame = pd.DataFrame({"year": years[keep].astype(int), "granted": granted[keep].astype(int),
                          "refused": refused[keep].astype(int)})
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
