"""The counting basis: what is counted, by which date, up to which cut-off.

Every counting function of navtrain answers three questions the same way, and this
module is the one place that answers them:

1. **The unit** (``unit=``) — what one count is:

   * ``"applications"`` (件, the default): distinct application numbers. One Chinese
     invention application usually has two documents (the 申请公布 A and the 授权公告
     B); it is one 件. This is how CNIPA statistics and Chinese navigation reports count.
   * ``"documents"`` (文献, 篇): rows of the table, i.e. published documents, as a
     database shows them (检索结果条数).
   * ``"families"`` (项): patent families (``family_id``); a row without one is its own
     family. One invention protected in five offices is one 项.

   A unit other than documents keeps **the earliest member** of each application or family
   on the chosen date basis (ties: filing date, priority date, publication date, then table
   order), so it counts once, in the year and the group of that member.

2. **The date basis** (``date=``): ``"application"`` (申请日, default), ``"priority"``
   (最早优先权日) or ``"publication"`` (公开日). The year of a row is the year the source
   states (``app_year`` ...) where it states one, else the year of the date.

3. **The data cut-off** (``cutoff=``, 检索截止日): the last day the database could show.
   When it is not given, it is ``df.attrs["cutoff"]`` if the loader recorded one, else the
   latest date the table holds (publication, grant, filing, priority, or lapse date). The
   cut-off decides which recent years are incomplete (see :func:`incomplete_years`). An
   **evaluation date** (``as_of=``, e.g. "valid on 2024-06-30") is a different thing: it
   defaults to the cut-off, and it is always a date, never a year.

Sources: GB/T 39551.1-2020 (data processing and the descriptive analyses); OECD *Patent
Statistics Manual* (2009), ch. 4 (families) and §5 (counting); WIPO *Guidelines for
Preparing Patent Landscape Reports* (2015) on publication lag; Patent Law of the PRC
Art. 34 (publication 18 months after filing or priority).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from navtrain.errors import SchemaError, UnknownNameError

__all__ = [
    "DATE_BASES",
    "MISSING_GROUP",
    "UNITS",
    "UNIT_ZH",
    "WEIGHTS",
    "application_key",
    "as_date",
    "axis_label",
    "collapse",
    "count_key",
    "date_basis",
    "default_cutoff",
    "earliest_members",
    "family_key",
    "filing_year",
    "incomplete_years",
    "resolve_as_of",
    "resolve_cutoff",
    "resolve_lag",
    "unit_attrs",
    "unit_key",
    "weight_key",
]

#: date basis → (date column, stated-year column, default lag in months, 中文 year label)
DATE_BASES: dict[str, tuple[str, str, int, str]] = {
    "application": ("app_date", "app_year", 18, "申请年"),
    "priority": ("priority_date", "priority_year", 18, "最早优先权年"),
    "publication": ("pub_date", "pub_year", 0, "公开年"),
}
_BASIS_ALIASES = {
    "app": "application", "application": "application", "filing": "application",
    "app_date": "application", "app_year": "application", "申请日": "application", "申请": "application",
    "申请年": "application",
    "priority": "priority", "priority_date": "priority", "priority_year": "priority",
    "优先权日": "priority", "优先权": "priority", "最早优先权日": "priority", "earliest_priority": "priority",
    "pub": "publication", "publication": "publication", "pub_date": "publication", "pub_year": "publication",
    "公开日": "publication", "公开": "publication", "公开年": "publication",
}
#: the label of a group whose value is missing
MISSING_GROUP = "（缺失）"

#: unit words a trainee may type → canonical unit
UNITS: dict[str, str] = {
    "applications": "applications", "application": "applications", "apps": "applications",
    "件": "applications", "申请": "applications", "申请量": "applications",
    "documents": "documents", "document": "documents", "docs": "documents", "rows": "documents",
    "文献": "documents", "篇": "documents", "文献量": "documents",
    "families": "families", "family": "families", "项": "families", "族": "families",
    "专利族": "families",
}
#: canonical unit → its Chinese measure word
UNIT_ZH: dict[str, str] = {"applications": "件", "documents": "篇", "families": "项"}
_UNIT_NOUN = {"applications": "申请量", "documents": "文献量", "families": "专利族数"}

WEIGHTS: dict[str, str] = {"whole": "whole", "整数": "whole", "整数计数": "whole", "fractional": "fractional",
                           "fraction": "fractional", "分数": "fractional", "分数计数": "fractional"}

_NO_DATE = pd.Timestamp("2262-04-11")  # the largest date pandas holds: "no limit"


# --------------------------------------------------------------------------- units
def unit_key(unit: str) -> str:
    """Canonical counting unit: ``'applications'`` (件), ``'documents'`` (篇) or ``'families'`` (项).

    >>> unit_key("件"), unit_key("项"), unit_key("Documents")
    ('applications', 'families', 'documents')
    """
    key = UNITS.get(str(unit).strip().lower())
    if key is None:
        raise UnknownNameError(
            f"unknown unit {unit!r}",
            fix="use 'applications' (件, distinct application numbers), 'families' (项) or "
                "'documents' (篇, rows of the table)",
            hint="计数单位只能是件（applications，按申请号）、项（families，按专利族）或篇（documents，按文献）")
    return key


def unit_attrs(unit: str) -> dict[str, str]:
    """The ``attrs`` every counting result carries for its unit.

    >>> unit_attrs("件")
    {'unit': 'applications', 'unit_zh': '件', 'unit_label': '申请量（件）'}
    """
    key = unit_key(unit)
    return {"unit": key, "unit_zh": UNIT_ZH[key], "unit_label": axis_label(key)}


def axis_label(unit: str) -> str:
    """The chart axis label of a unit: 申请量（件）, 文献量（篇） or 专利族数（项）.

    >>> axis_label("families")
    '专利族数（项）'
    """
    key = unit_key(unit)
    return f"{_UNIT_NOUN[key]}（{UNIT_ZH[key]}）"


def weight_key(weight: str) -> str:
    """Canonical counting weight: ``'whole'`` (each value counts 1) or ``'fractional'`` (1/k each).

    >>> weight_key("分数")
    'fractional'
    """
    key = WEIGHTS.get(str(weight).strip().lower())
    if key is None:
        raise UnknownNameError(f"unknown weight {weight!r}",
                               fix="use 'whole' (each co-applicant counts 1) or 'fractional' (1/k each)",
                               hint="weight 只能是 whole（整数计数）或 fractional（分数计数）")
    return key


def _position_keys(table: pd.DataFrame) -> pd.Series:
    if "pub_no" in table.columns:
        pub = table["pub_no"].astype(object)
        own = ("pub:" + pub.astype(str)).where(pub.notna(), None)
    else:
        own = pd.Series(None, index=table.index, dtype=object)
    rows = pd.Series([f"row:{i}" for i in range(len(table))], index=table.index, dtype=object) \
        if own.isna().any() else None
    return own if rows is None else own.where(own.notna(), rows)


def family_key(df: pd.DataFrame) -> pd.Series:
    """The family of each row, for counting families (项): ``family_id``; a row without one
    is its own family, keyed ``pub:<pub_no>`` (``row:<position>`` when ``pub_no`` is missing too).

    Source: OECD *Patent Statistics Manual* (2009), ch. 4: a document outside any known
    family counts once. Returns a new object Series on the index of ``df``.

    >>> from navtrain import load_sample
    >>> fam = family_key(load_sample())
    >>> fam.nunique(), fam.iloc[0]
    (19, 'F0001')
    >>> family_key(pd.DataFrame({"pub_no": ["A", "B"], "family_id": ["F1", None]})).tolist()
    ['F1', 'pub:B']
    """
    fam = df["family_id"].astype(object) if "family_id" in df.columns else \
        pd.Series(None, index=df.index, dtype=object)
    missing = fam.isna()
    if missing.any():
        fam = fam.where(~missing, _position_keys(df))
    return fam


def application_key(df: pd.DataFrame) -> pd.Series:
    """The application of each row, for counting applications (件).

    Key: the application number with case, spaces, dots and dashes removed
    (``CN201510108321.8`` and ``cn 2015101083218`` are one application), prefixed with
    ``office`` when the number carries no office letters. A row without an application
    number is its own application (``pub:<pub_no>``), so nothing is silently merged.

    >>> t = pd.DataFrame({"pub_no": ["CN1A", "CN1B", "US2"], "office": ["CN", "CN", "US"],
    ...                   "app_no": ["CN201510108321.8", "cn 2015101083218", None]})
    >>> application_key(t).tolist()
    ['CN2015101083218', 'CN2015101083218', 'pub:US2']
    """
    if "app_no" not in df.columns:
        return _position_keys(df)
    raw = df["app_no"].astype("string").str.upper().str.replace(r"[\s.\-]", "", regex=True)
    raw = raw.mask(raw == "")
    if "office" in df.columns:
        bare = raw.str.match(r"^[0-9]").fillna(False).astype(bool)
        office = df["office"].astype("string").str.upper().str.strip().fillna("")
        raw = raw.where(~bare, office + raw)
    key = raw.astype(object)
    missing = key.isna()
    if missing.any():
        key = key.where(~missing, _position_keys(df))
    return key


def count_key(df: pd.DataFrame, unit: str) -> pd.Series:
    """The key whose distinct values are counted in ``unit``: the application key (件),
    the family key (项) or the row position (篇, documents).

    >>> from navtrain import load_sample
    >>> s = load_sample()
    >>> [count_key(s, u).nunique() for u in ("件", "项", "documents")]
    [21, 19, 21]
    """
    key = unit_key(unit)
    if key == "applications":
        return application_key(df)
    if key == "families":
        return family_key(df)
    return pd.Series(np.arange(len(df)), index=df.index, dtype="int64")


# --------------------------------------------------------------------------- dates
def date_basis(date: str) -> str:
    """Canonical date basis: ``'application'``, ``'priority'`` or ``'publication'``.

    >>> date_basis("申请日"), date_basis("pub_date")
    ('application', 'publication')
    """
    key = str(date).strip().lower()
    if key not in _BASIS_ALIASES:
        raise UnknownNameError(
            f"unknown date basis {date!r}",
            fix="use 'application' (申请日), 'priority' (优先权日) or 'publication' (公开日)",
            hint="date 参数只能是申请日、优先权日或公开日",
        )
    return _BASIS_ALIASES[key]


def as_date(value: object, what: str = "cutoff") -> pd.Timestamp:
    """``value`` as a date, or the house one-line error naming ``what``.

    A bare number is refused: ``pd.Timestamp(2024)`` is a moment in 1970, not the year 2024.

    >>> as_date("2024-12-31")
    Timestamp('2024-12-31 00:00:00')
    >>> as_date(2024, "as_of")
    Traceback (most recent call last):
    ...
    navtrain.errors.SchemaError: as_of must be a date, not the number 2024; fix: pass a date such as '2024-12-31' ...
    """
    if isinstance(value, bool | int | float | np.integer | np.floating):
        raise SchemaError(f"{what} must be a date, not the number {value!r}",
                          fix=f"pass a date such as '{int(value) if value == value else 2024}-12-31'"
                          if isinstance(value, int | np.integer) else "pass a date such as '2024-12-31'",
                          hint=f"{what} 须为日期，如 '2024-12-31'，不能只写年份")
    try:
        ts = pd.Timestamp(value) if value is not None else pd.NaT
    except (ValueError, TypeError, OverflowError):
        ts = pd.NaT
    if pd.isna(ts):
        raise SchemaError(f"{what} is not a date: {value!r}", fix="pass a date such as '2024-12-31'",
                          hint=f"{what} 日期格式不对，应写作 '2024-12-31'")
    return pd.Timestamp(ts).tz_localize(None) if ts.tzinfo is not None else pd.Timestamp(ts)


def default_cutoff(df: pd.DataFrame) -> pd.Timestamp:
    """The data cut-off when the caller gives none.

    Rule (one for the whole library): ``df.attrs["cutoff"]`` when the loader recorded it;
    else the latest date the table holds — publication, grant, filing or priority date, or
    the lapse date (``expiry_date``) of a lapsed row — because a database cannot show a
    date after its own cut-off. With no date at all: no limit (no year is incomplete).
    On a slice of a table this can be earlier than the real cut-off: pass ``cutoff=`` then.

    >>> from navtrain import load_sample
    >>> s = load_sample()
    >>> default_cutoff(s), default_cutoff(s.drop(columns=["pub_date"]))
    (Timestamp('2024-07-30 00:00:00'), Timestamp('2024-07-30 00:00:00'))
    """
    stated = df.attrs.get("cutoff") if hasattr(df, "attrs") else None
    if stated is not None:
        ts = pd.Timestamp(stated)
        if not pd.isna(ts):
            return ts
    dates = []
    for col in ("pub_date", "grant_date", "app_date", "priority_date"):
        if col in df.columns and pd.api.types.is_datetime64_any_dtype(df[col]):
            m = df[col].max()
            if not pd.isna(m):
                dates.append(pd.Timestamp(m))
    if {"expiry_date", "legal_status"} <= set(df.columns) and \
            pd.api.types.is_datetime64_any_dtype(df["expiry_date"]):
        lapse = df.loc[(df["legal_status"] == "lapsed").to_numpy(), "expiry_date"].max()
        if not pd.isna(lapse):
            dates.append(pd.Timestamp(lapse))
    return max(dates) if dates else _NO_DATE


def resolve_cutoff(cutoff: object, df: pd.DataFrame | None = None) -> pd.Timestamp:
    """The cut-off to use: ``cutoff`` as a date (house error when it is not one), else
    :func:`default_cutoff` of ``df``.

    >>> resolve_cutoff("2024-12-31")
    Timestamp('2024-12-31 00:00:00')
    >>> resolve_cutoff("not-a-date")
    Traceback (most recent call last):
    ...
    navtrain.errors.SchemaError: cutoff is not a date: 'not-a-date'; fix: pass a date such as '2024-12-31' ...
    """
    if cutoff is not None:
        return as_date(cutoff, "cutoff")
    return _NO_DATE if df is None else default_cutoff(df)


def resolve_as_of(as_of: object, df: pd.DataFrame | None = None, cutoff: object = None) -> pd.Timestamp:
    """The evaluation date to use: ``as_of`` as a date, else the cut-off (``cutoff``, else
    the default cut-off of ``df``): the status as the data show it on their last day.

    >>> resolve_as_of(None, cutoff="2024-06-30")
    Timestamp('2024-06-30 00:00:00')
    """
    if as_of is not None:
        return as_date(as_of, "as_of")
    return resolve_cutoff(cutoff, df)


def resolve_lag(lag_months: int | None, date: str = "application") -> int:
    """The publication lag in months: ``lag_months``, else the basis default (18 for
    application and priority dates — Patent Law Art. 34 publishes invention applications
    18 months after filing or priority — and 0 for publication dates).

    >>> resolve_lag(None), resolve_lag(None, "publication"), resolve_lag(6)
    (18, 0, 6)
    """
    if lag_months is None:
        return DATE_BASES[date_basis(date)][2]
    try:
        lag = int(lag_months)
    except (TypeError, ValueError):
        lag = -1
    if lag < 0 or lag != lag_months:
        raise SchemaError(f"lag_months must be a whole number of months >= 0, got {lag_months!r}",
                          fix="pass the publication lag in months, e.g. 18", hint="公开滞后月数须为不小于 0 的整数")
    return lag


def incomplete_years(year_values: object, cutoff: object, lag_months: int | None = None) -> list[int]:
    """Those of ``year_values`` (an iterable of years) whose counts are still incomplete at
    ``cutoff`` because of the lag.

    Rule: year *y* is incomplete when ``31 Dec y + lag_months > cutoff``, i.e. a
    document filed on the last day of *y* could still be unpublished at the data
    cut-off. ``lag_months=None`` is the application-date default, 18 months: invention
    applications are published 18 months after filing (Patent Law Art. 34). With a
    cut-off of 2024-12-31, 2023 and 2024 are incomplete and 2022 is complete. With
    ``lag_months=0`` (publication-date basis) only a year not yet over is incomplete.

    >>> incomplete_years(range(2020, 2025), "2024-12-31")
    [2023, 2024]
    >>> incomplete_years(range(2020, 2025), "2024-06-30", lag_months=0)
    [2024]
    """
    cut = as_date(cutoff, "cutoff")
    lag = resolve_lag(lag_months)
    ys = pd.Index(pd.unique(pd.Series(list(year_values), dtype="Int64").dropna()), dtype="int64")
    year_end = pd.to_datetime({"year": ys, "month": 12, "day": 31})
    ends = year_end + pd.DateOffset(months=lag)
    return sorted(int(y) for y in ys[(ends > cut).to_numpy()])


def filing_year(df: pd.DataFrame, date: str = "application") -> pd.Series:
    """The year of each row on a date basis: the year the source states (``app_year``,
    ``priority_year``, ``pub_year``) where it states one, else the year of the date.

    A stated year is kept as stated (docs/schema.md); ``Int64``, missing where neither is known.

    >>> from navtrain import load_sample
    >>> filing_year(load_sample()).head(3).tolist()
    [2015, 2016, 2016]
    """
    date_col, year_col, _, _ = DATE_BASES[date_basis(date)]
    derived = None
    if date_col in df.columns:
        col = df[date_col]
        if not pd.api.types.is_datetime64_any_dtype(col):
            raise SchemaError(f"column '{date_col}' holds {col.dtype}, not dates",
                              fix="convert it with pd.to_datetime or navtrain.to_patent_table(df)",
                              hint="日期列需先转换为日期类型")
        derived = col.dt.year.astype("Int64")
    if year_col in df.columns:
        stated = pd.to_numeric(df[year_col], errors="coerce").astype("Int64")
        return stated if derived is None else stated.fillna(derived)
    if derived is None:
        return pd.Series(pd.NA, index=df.index, dtype="Int64")
    return derived


# --------------------------------------------------------------------------- earliest member
def _sort_key(df: pd.DataFrame, col: str) -> np.ndarray | None:
    if col not in df.columns or not pd.api.types.is_datetime64_any_dtype(df[col]):
        return None
    v = df[col].to_numpy(dtype="datetime64[ns]").view("int64").copy()
    v[df[col].isna().to_numpy()] = np.iinfo("int64").max
    return v


def earliest_members(df: pd.DataFrame, key: pd.Series, date: str = "application") -> np.ndarray:
    """Positions (0-based) of the earliest row of each distinct ``key``, in table order.

    Earliest on the date basis ``date`` (missing dates last), ties broken by filing date,
    then priority date, then publication date, then table order — so the result does not
    depend on how the table happens to be sorted except for exact ties. A missing key is
    never merged: such a row is always kept.

    >>> t = pd.DataFrame({"app_date": pd.to_datetime(["2020-05-01", "2019-01-02", "2021-01-01"]),
    ...                   "family_id": ["F1", "F1", "F2"]})
    >>> earliest_members(t, t["family_id"]).tolist()
    [1, 2]
    """
    n = len(df)
    if n == 0:
        return np.arange(0)
    codes, uniques = pd.factorize(pd.Series(key.to_numpy(dtype=object)))
    basis_col = DATE_BASES[date_basis(date)][0]
    if len(uniques) == n:  # every key distinct (one row per unit): every row is its own earliest member
        return np.arange(n)
    keys: list[np.ndarray] = [np.arange(n)]  # np.lexsort: the last key is the primary one
    for col in ("pub_date", "priority_date", "app_date"):
        k = _sort_key(df, col)
        if k is not None:
            keys.append(k)
    year = filing_year(df, date) if basis_col not in df.columns else None
    if year is not None:
        keys.append(year.fillna(np.iinfo("int32").max).to_numpy(dtype="int64"))
    primary = _sort_key(df, basis_col)
    if primary is not None:
        keys.append(primary)
    order = np.lexsort(keys)
    valid = codes[order] >= 0
    first = order[valid]
    _, idx = np.unique(codes[first], return_index=True)
    keep = np.zeros(n, dtype=bool)
    keep[first[idx]] = True
    keep[codes < 0] = True
    return np.flatnonzero(keep)


def collapse(df: pd.DataFrame, unit: str = "applications", date: str = "application") -> pd.DataFrame:
    """The rows that represent each counted unit: every row for documents, the earliest
    member of each application (件) or family (项) on the date basis ``date`` otherwise.

    Counting the rows of the result counts the unit; grouping them counts each unit once,
    in the group and year of its earliest member. Returns a new table (the input is not
    changed) whose ``attrs`` carry the unit (see :func:`unit_attrs`).

    >>> from navtrain import load_sample
    >>> s = load_sample()
    >>> len(collapse(s, "件")), len(collapse(s, "项")), len(collapse(s, "documents"))
    (21, 19, 21)
    >>> both = pd.concat([s, s.iloc[[0]].assign(pub_no="CN104651001A", kind="A")])  # A beside B
    >>> len(collapse(both, "applications")), len(collapse(both, "documents"))
    (21, 22)
    """
    ukey = unit_key(unit)
    if ukey == "documents":
        out = df.copy()
    else:
        out = df.iloc[earliest_members(df, count_key(df, ukey), date)].copy()
    out.attrs = {**dict(df.attrs), **unit_attrs(ukey)}
    return out
