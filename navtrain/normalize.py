"""Field parsers for imported exports (字段规范化): dates, numbers, types, status, applicants,
regions, priorities and IPC symbols (``parse_ipc``).

Every function here takes one raw column (a pandas Series of text as a database exported it)
and returns a new Series or DataFrame with the same index: vectorised, never raising on odd
text, and NA/NaT for whatever it cannot read, so the caller (``navtrain.io``) can count what
was lost and say so in its import report. Each function works on the *unique* values of its
input and maps the answers back, so a million rows with a few thousand distinct values cost
little more than the distinct values.

The string work runs in ``pyarrow.compute`` (RE2 regular expressions, vectorised in C++);
patterns are therefore written without look-arounds.

The vocabularies are data, not code: ``navtrain/data/legal_status_map.csv``,
``patent_type_map.csv``, ``applicant_type_keywords.csv`` and ``province_abbreviations.csv``
(each file names its sources in its header). Administrative divisions come from the ``cpca``
package's own table.

Sources: WIPO Standard ST.16 (kind codes); WIPO *Guide to the IPC* (symbol structure);
CNIPA numbering rules for applications (申请号: year, type digit, serial, check digit);
GB/T 2260 (division codes); GB/T 39551.1 on the descriptive fields of a patent-navigation
data set (申请人类型, 法律状态, 地域); the status groups 有效/审中/失效 as in ``docs/methods/legal.md``.
See each function for its rules.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
from collections.abc import Iterable
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from navtrain.errors import SchemaError, UnknownNameError

__all__ = [
    "applicant_type",
    "classify_terms",
    "factorize_text",
    "ipc_parts",
    "legal_status",
    "parse_dates",
    "parse_ipc",
    "parse_priority",
    "patent_type",
    "patent_type_conflicts",
    "region_from_address",
    "region_from_code",
    "split_app_number",
    "split_number",
]

#: cell values that mean "empty" in exports (compared in lower case after stripping)
BLANKS = frozenset({"", "-", "--", "—", "–", "na", "n/a", "nan", "nat", "none", "null", "无", "空"})

# --------------------------------------------------------------------------- shared helpers


def _series(values: object, what: str) -> pd.Series:
    """Any 1-D input as a Series (a Series keeps its index and name)."""
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, pd.DataFrame):
        raise SchemaError(f"{what} takes one column, got a table with {values.shape[1]} columns",
                          fix="pass one column, e.g. df['申请日']", hint="请只传入一列")
    if values is None or isinstance(values, str | bytes | int | float | np.generic | _dt.date):
        return pd.Series([values], dtype=object)
    if isinstance(values, pd.Index | np.ndarray | list | tuple):
        return pd.Series(list(values) if isinstance(values, tuple) else values)
    if isinstance(values, Iterable):
        return pd.Series(list(values))
    return pd.Series([values], dtype=object)


def _first_cell(v: object) -> object:
    """A list cell's first element (lists are unhashable); other cells unchanged."""
    if isinstance(v, list | tuple | np.ndarray):
        return v[0] if len(v) else None
    return v


def _pa(s: pd.Series) -> pa.Array:
    """Text Series → pyarrow string array (missing → null); zero-copy for pandas' str dtype."""
    try:
        arr = pa.array(s, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        arr = None
    if arr is None or not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        obj = s.astype(object)
        obj = obj.where(obj.isna(), obj.astype(str))
        arr = pa.array(obj.to_numpy(dtype=object, na_value=None), type=pa.large_string(), from_pandas=True)
    return arr


def _text(arr: pa.Array, index: pd.Index | None = None) -> pd.Series:
    """pyarrow string array → pandas str Series (null → NaN)."""
    return pd.Series(arr, dtype="str", index=index)


def _nullify_empty(arr: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(arr, ""), pa.scalar(None, arr.type), arr)


def _extract(arr: pa.Array, pattern: str) -> dict[str, pa.Array]:
    """RE2 named-group extraction; a group that did not take part (or the row) → null."""
    if len(arr) == 0:
        names = re.findall(r"\(\?P<(\w+)>", pattern)
        return {n: pa.array([], type=pa.large_string()) for n in names}
    st = pc.extract_regex(arr, pattern)
    return {f.name: _nullify_empty(col) for f, col in zip(st.type, st.flatten(), strict=True)}


def _anum(arr: pa.Array) -> np.ndarray:
    """Digit strings → float64 (null or unreadable → NaN)."""
    if len(arr) == 0:
        return np.array([], dtype="float64")
    ok = pc.match_substring_regex(arr, r"^[+-]?\d{1,15}(?:\.\d*)?$")
    clean = pc.if_else(pc.fill_null(ok, False), arr, pa.scalar(None, arr.type))
    return pc.cast(clean, pa.float64()).to_numpy(zero_copy_only=False)


def _sub(arr: pa.Array, pattern: str, repl: str, guard: str | None = None) -> pa.Array:
    """``replace_substring_regex`` run only on the rows where ``guard`` (default: the pattern) matches."""
    if len(arr) == 0:
        return arr
    hit = pc.fill_null(pc.match_substring_regex(arr, guard or pattern), False)
    n_hit = pc.sum(hit).as_py() or 0
    if n_hit == 0:
        return arr
    if n_hit == len(arr):
        return pc.replace_substring_regex(arr, pattern, repl)
    return pc.replace_with_mask(arr, hit, pc.replace_substring_regex(arr.filter(hit), pattern, repl))


def _mask(arr: pa.Array) -> np.ndarray:
    """Boolean pyarrow array → numpy bool (null → False)."""
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False).astype(bool)


def _factorize(s: pd.Series, lists: str = "first") -> tuple[np.ndarray, pd.Series]:
    """Codes into the unique non-blank values, those values as NFKC-normalised, stripped text.

    Code -1 marks a missing or blank cell (:data:`BLANKS`). ``lists`` says what to do with
    list cells: ``"first"`` keeps the first element, ``"join"`` joins them with ``" | "``.
    """
    try:
        codes, uniq = pd.factorize(s, use_na_sentinel=True)
    except TypeError:  # unhashable list cells: one Python call per cell is unavoidable here
        if lists == "join":
            s = s.map(lambda v: " | ".join(map(str, v)) if isinstance(v, list | tuple | np.ndarray) else v)
        else:
            s = s.map(_first_cell)
        codes, uniq = pd.factorize(s, use_na_sentinel=True)
    u = pd.Series(uniq)
    if not pd.api.types.is_string_dtype(u.dtype) or u.dtype == object:
        kind = pd.api.types.infer_dtype(u, skipna=True)
        if kind not in ("string", "empty"):
            u = u.map(lambda v: v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v))  # per unique
    arr = pc.utf8_normalize(_pa(u), "NFKC")
    arr = _sub(arr, r"\s+", " ", guard=r"\s\s|[\t\n\r\f\v]")
    arr = pc.utf8_trim_whitespace(arr)
    keep = ~_mask(pc.is_in(pc.utf8_lower(arr), value_set=pa.array(sorted(BLANKS), type=arr.type)))
    newpos = np.cumsum(keep) - 1
    newpos[~keep] = -1
    codes = np.asarray(codes, dtype=np.int64)
    if len(newpos):
        codes = np.where(codes >= 0, newpos[np.maximum(codes, 0)], -1)
    return codes, _text(arr.filter(pa.array(keep, type=pa.bool_())))


def _expand(res: pd.DataFrame | pd.Series, codes: np.ndarray, index: pd.Index) -> pd.DataFrame | pd.Series:
    """Map per-unique results back to the rows (code -1 gives a missing row)."""
    n = len(res)
    padded = res.reset_index(drop=True).reindex(range(n + 1))
    out = padded.iloc[np.where(codes < 0, n, codes)]
    out.index = index
    return out


@cache
def _data(name: str) -> pd.DataFrame:
    """One of the vocabularies in ``navtrain/data`` (``#`` lines are comments)."""
    with resources.files("navtrain").joinpath("data", name).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, comment="#", dtype=str, keep_default_na=False)


def _key(s: pd.Series, squeeze: bool = False) -> pd.Series:
    """Lookup key: NFKC, lower case, spaces collapsed (or removed with ``squeeze``)."""
    k = s.astype(str).str.normalize("NFKC").str.lower().str.strip()
    if squeeze:
        return k.str.replace(r"[\s_\-]+", "", regex=True)
    return k.str.replace(r"\s+", " ", regex=True)


# --------------------------------------------------------------------------- dates

_YEAR_MIN, _YEAR_MAX = 1700, 2199
_EXCEL_ORIGIN = np.datetime64("1899-12-30", "ns")
_DATE_RE = (
    r"^(?:(?P<c8>\d{8})(?:\.0*)?"
    r"|(?P<a>\d{1,4})\s*[-/.年]\s*(?P<b>\d{1,2})\s*[-/.月]\s*(?P<c>\d{1,4})\s*[日号]?)"
    r"(?:(?:\s*T\s*|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$"
)
_MONTH_RE = (
    r"^(?:(?P<d1>\d{1,2})[\s\-/.]*(?P<m1>[a-z]{3,9})\.?[\s\-/.,]*(?P<y1>\d{4})"
    r"|(?P<m2>[a-z]{3,9})\.?\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s*(?P<y2>\d{4}))$"
)
#: strict ISO shapes handed to pandas' C parser (fast path)
_ISO_FAST = ((r"^\d{4}-\d{2}-\d{2}$", "%Y-%m-%d"), (r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", "%Y-%m-%d %H:%M:%S"),
             (r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", "%Y-%m-%dT%H:%M:%S"))
_MONTHS = {m: i + 1 for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}
_ORDERS = {"ymd": "YMD", "dmy": "DMY", "mdy": "MDY"}


def _assemble(y: np.ndarray, m: np.ndarray, d: np.ndarray, hh: np.ndarray | None = None,
              mm: np.ndarray | None = None, ss: np.ndarray | None = None) -> np.ndarray:
    """datetime64[ns] from float arrays of parts; NaT where a part is missing or out of range."""
    y, m, d = (np.asarray(a, dtype="float64") for a in (y, m, d))
    ok = np.isfinite(y) & np.isfinite(m) & np.isfinite(d)
    ok &= (m >= 1) & (m <= 12) & (d >= 1) & (d <= 31) & (y >= _YEAR_MIN) & (y <= _YEAR_MAX)
    yi = np.where(ok, y, 1970).astype("int64")
    mi = np.where(ok, m, 1).astype("int64")
    di = np.where(ok, d, 1).astype("int64")
    month = ((yi - 1970) * 12 + (mi - 1)).astype("datetime64[M]")
    day = month.astype("datetime64[D]") + (di - 1).astype("timedelta64[D]")
    ok &= day.astype("datetime64[M]") == month  # 31 April, 29 Feb 2021 ... are not dates
    out = day.astype("datetime64[ns]")
    if hh is not None:
        parts = [np.nan_to_num(np.asarray(a, dtype="float64"), nan=0.0) for a in (hh, mm, ss)]
        ok &= (parts[0] <= 23) & (parts[1] <= 59) & (parts[2] <= 59)
        secs = (parts[0] * 3600 + parts[1] * 60 + parts[2]).astype("int64")
        out = out + secs.astype("timedelta64[s]").astype("timedelta64[ns]")
    out[~ok] = np.datetime64("NaT")
    return out


def _bounded(values: object) -> np.ndarray:
    """Datetimes of any unit → datetime64[ns], NaT outside the years 1700-2199 (no overflow)."""
    arr = np.asarray(values)
    if not np.issubdtype(arr.dtype, np.datetime64):
        arr = np.asarray(pd.to_datetime(pd.Series(arr), errors="coerce"))
    year = arr.astype("datetime64[Y]").astype("int64") + 1970
    ok = ~np.isnat(arr) & (year >= _YEAR_MIN) & (year <= _YEAR_MAX)
    out = np.full(arr.shape, np.datetime64("NaT"), dtype="datetime64[ns]")
    out[ok] = arr[ok].astype("datetime64[ns]")
    return out


def _two_digit(yy: np.ndarray, pivot: int) -> np.ndarray:
    """Two-digit year → four digits: ``yy <= pivot`` → 20yy, otherwise 19yy."""
    return np.where(yy <= pivot, 2000 + yy, 1900 + yy)


def _parse_numeric(v: np.ndarray, weights: np.ndarray, fmt: str | None) -> tuple[np.ndarray, str]:
    """Numbers: yyyymmdd (20200301, 20200301.0) or Excel serial days; one choice per column."""
    fin = np.isfinite(v) & (np.abs(np.where(np.isfinite(v), v, 0)) < 1e12)
    whole = fin & (np.floor(np.where(fin, v, 0)) == v)
    vi = np.where(whole, v, 0).astype("int64")
    ymd = np.where(whole & (v >= 10_000_101) & (v <= 29_991_231), 1.0, np.nan)
    as_ymd = _assemble(vi // 10000 * ymd, (vi // 100) % 100 * ymd, vi % 100 * ymd)
    # Excel: serial 61 = 1900-03-01 (earlier serials carry Excel's 1900 leap-year bug); bare
    # years (whole numbers 1000-2999) are not read as serials: a year column is not a date column.
    serial = fin & (v >= 61) & (v < 109_575) & ~(whole & (v >= 1000) & (v <= 2999))
    secs = np.round(np.where(serial, v, 0) * 86400).astype("int64")
    as_excel = _EXCEL_ORIGIN + secs.astype("timedelta64[s]").astype("timedelta64[ns]")
    as_excel[~serial] = np.datetime64("NaT")
    if fmt in ("excel",):
        return as_excel, "excel"
    if fmt in ("yyyymmdd", "%Y%m%d"):
        return as_ymd, "yyyymmdd"
    n_ymd = weights[~np.isnat(as_ymd)].sum()
    n_excel = weights[~np.isnat(as_excel)].sum()
    return (as_excel, "excel") if n_excel > n_ymd else (as_ymd, "yyyymmdd")


def _parse_text(u: pd.Series, weights: np.ndarray, dayfirst: bool | None, order: str | None,
                pivot: int) -> tuple[np.ndarray, str]:
    """Strings: yyyymmdd, Y-M-D, D-M-Y / M-D-Y (one order per column), month names, times."""
    arr = _pa(u)
    out = np.full(len(u), np.datetime64("NaT"), dtype="datetime64[ns]")
    fast = np.zeros(len(u), dtype=bool)
    for pattern, fmt in _ISO_FAST:  # unambiguous shapes: pandas' C parser
        m = _mask(pc.match_substring_regex(arr, pattern)) & ~fast
        if m.any():
            out[m] = _bounded(pd.to_datetime(u[m], format=fmt, errors="coerce").to_numpy())
            fast |= m
    rest = np.flatnonzero(~fast)
    if len(rest) == 0:
        return out, "YMD"
    sub = arr.take(pa.array(rest))
    g = _extract(sub, _DATE_RE)
    hh, mm, ss = _anum(g["H"]), _anum(g["M"]), _anum(g["S"])
    c8 = g["c8"]
    part = _assemble(_anum(pc.utf8_slice_codeunits(c8, 0, 4)), _anum(pc.utf8_slice_codeunits(c8, 4, 6)),
                     _anum(pc.utf8_slice_codeunits(c8, 6, 8)), hh, mm, ss)
    a, b, c = _anum(g["a"]), _anum(g["b"]), _anum(g["c"])
    la = pc.fill_null(pc.utf8_length(g["a"]), 0).to_numpy(zero_copy_only=False)
    lc = pc.fill_null(pc.utf8_length(g["c"]), 0).to_numpy(zero_copy_only=False)
    yfirst = la == 4
    short = (la >= 1) & (la <= 2) & (lc >= 1) & (lc <= 2)
    ylast = (la >= 1) & (la <= 2) & (lc == 4)
    amb = short | ylast
    c_year = np.where(short, _two_digit(c, pivot), np.where(ylast, c, np.nan))
    cands = {
        "DMY": _assemble(c_year, b, a, hh, mm, ss),
        "MDY": _assemble(c_year, a, b, hh, mm, ss),
        "YMD": _assemble(np.where(short, _two_digit(a, pivot), np.nan), b, c, hh, mm, ss),
    }
    w = weights[rest]
    if order is None:
        allowed = ["DMY", "MDY", "YMD"] if dayfirst is None else (["DMY", "YMD"] if dayfirst else ["MDY", "YMD"])
        scores = {k: w[amb & ~np.isnat(cands[k])].sum() for k in allowed}
        order = max(allowed, key=lambda k: scores[k])  # ties: earlier in the list (DMY first)
    if order in cands:
        part = np.where(amb, cands[order], part)
    part = np.where(yfirst, _assemble(np.where(yfirst, a, np.nan), b, c, hh, mm, ss), part)
    left = np.isnat(part)
    if left.any():  # month names: 01 Mar 2020, 1-MAR-2020, March 1, 2020
        gm = _extract(pc.utf8_lower(sub.filter(pa.array(left))), _MONTH_RE)
        mon = _text(pc.coalesce(gm["m1"], gm["m2"])).str[:3].map(_MONTHS).to_numpy(dtype="float64", na_value=np.nan)
        part[left] = _assemble(_anum(pc.coalesce(gm["y1"], gm["y2"])), mon, _anum(pc.coalesce(gm["d1"], gm["d2"])))
    out[rest] = part
    two = f"; two-digit years 00-{pivot:02d} → 20xx, others → 19xx"
    return out, order + (two if short.any() else "")


def parse_dates(values: object, dayfirst: bool | None = None, format: str | None = None,
                pivot: int | None = None) -> pd.Series:
    """Parse a column of dates in whatever form an export wrote them (日期解析).

    Reads, per column: ISO ``2020-03-01``, ``2020/3/1``, ``2020.03.01`` (year first, always
    year-month-day); ``dd/mm/yyyy``, ``dd.mm.yyyy`` (PATENTSCOPE), ``dd/mm/yy`` (Lens) and
    their month-first twins; ``yyyymmdd`` (also the numbers 20200301 and 20200301.0);
    Chinese ``2020年3月1日``; ``01 Mar 2020`` / ``March 1, 2020``; any of these followed by
    a time (``2020-03-01 10:30:00``, ``2020-03-01T10:30:00Z``; a time-zone suffix is dropped,
    the wall-clock time kept); datetime values (returned as they are); and Excel serial
    day numbers when the whole column is numeric (numbers or numeric text) and they read
    as such.

    Detection is per column, not per row: day-first and month-first readings of the
    ambiguous values are both tried (vectorised) and the one that yields more valid dates
    wins, ties going to day-first (Chinese, European and Lens usage); likewise a numeric
    column is read as ``yyyymmdd`` or as Excel serials, whichever parses more. Override
    with ``dayfirst=True/False`` or ``format=`` (``"ymd"``, ``"dmy"``, ``"mdy"``,
    ``"excel"``, ``"yyyymmdd"`` or any ``strptime`` format such as ``"%d.%m.%Y"``).

    Two-digit years: ``yy <= pivot`` → 20yy, else 19yy. The default pivot is the current
    year's last two digits, so no parsed date lies in a future year: patent dates
    (filing, publication, priority) are never in the future. On the Lens drones export
    (dd/mm/yy, filings 1945-2017) this reproduces the stated ``publication_year`` of all
    9,071 records, where Python's fixed pivot (69) would put 1945-1968 in the 2040s-60s.

    Years outside 1700-2199, impossible days (31 April) and anything else unreadable give
    ``NaT``; ``result.attrs`` records the reading chosen (``"date_format"``) and the number
    of non-blank cells that did not parse (``"unparsed"``). The input is not changed.

    >>> parse_dates(pd.Series(["2020-03-01", "2020/3/2", "20200303", "2020年3月4日"])).dt.strftime("%Y-%m-%d").tolist()
    ['2020-03-01', '2020-03-02', '2020-03-03', '2020-03-04']
    >>> lens = parse_dates(pd.Series(["25/04/13", "21/09/76", "03/02/45"]))
    >>> lens.dt.strftime("%Y-%m-%d").tolist(), lens.attrs["date_format"][:3]
    (['2013-04-25', '1976-09-21', '1945-02-03'], 'DMY')
    >>> parse_dates(pd.Series([43891, 43892.5])).astype(str).tolist()
    ['2020-03-01 00:00:00', '2020-03-02 12:00:00']
    >>> int(parse_dates(pd.Series(["2020-02-30", "n/a", None])).attrs["unparsed"])
    1
    """
    s = _series(values, "parse_dates")
    this_year = _dt.date.today().year % 100
    pivot = this_year if pivot is None else int(pivot)
    if not 0 <= pivot <= 99:
        raise SchemaError(f"pivot must be 0-99, got {pivot}", fix="e.g. pivot=29 reads 00-29 as 20xx",
                          hint="两位年份分界须在0到99之间")
    fmt = None if format is None else str(format).strip()
    order = _ORDERS.get(fmt.lower()) if fmt else None
    if pd.api.types.is_datetime64_any_dtype(s):
        out = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
        res = pd.Series(_bounded(out.to_numpy()), index=s.index, name=s.name)
        res.attrs = {"date_format": "datetime", "unparsed": 0}
        return res
    if pd.api.types.is_bool_dtype(s):
        s = s.astype(object)
    codes, u = _factorize(s)
    weights = np.bincount(codes[codes >= 0], minlength=len(u)).astype("float64")
    numeric = len(u) > 0 and bool(_mask(pc.match_substring_regex(_pa(u), r"^[+-]?\d+(?:\.\d*)?$")).all())
    if fmt and order is None and fmt.lower() not in ("excel", "yyyymmdd", "%y%m%d"):
        parsed = _bounded(pd.to_datetime(u, format=fmt, errors="coerce").to_numpy())
        how = fmt
    elif numeric and order is None and (fmt is None or fmt.lower() in ("excel", "yyyymmdd", "%y%m%d")):
        parsed, how = _parse_numeric(pd.to_numeric(u, errors="coerce").to_numpy(dtype="float64"), weights,
                                     None if fmt is None else fmt.lower().replace("%y%m%d", "yyyymmdd"))
    else:
        parsed, how = _parse_text(u, weights, dayfirst, order, pivot)
    res = _expand(pd.Series(parsed, dtype="datetime64[ns]"), codes, s.index)
    res.name = s.name
    res.attrs = {"date_format": how, "unparsed": int(((codes >= 0) & res.isna().to_numpy()).sum())}
    return res


# --------------------------------------------------------------------------- numbers

_PUB_RE = r"^(?P<office>[A-Z]{2})?(?P<serial>[A-Z]{0,3}\d(?:[A-Z0-9]*?\d)?)(?P<kind>[A-Z]\d?)?$"


def split_number(values: object) -> pd.DataFrame:
    """Split publication numbers into ``office``, ``serial`` and ``kind`` (公开号拆分).

    Accepts the usual spellings: ``CN104651001B``, ``CN 104651001 B``, ``US2020300001A1``,
    ``US 2020/0300001 A1``, ``WO2021200001A1``, ``WO 2021/200001``, ``EP1234567B1``,
    ``JP2019-123456A``, ``KR10-2019-0012345A``, Lens style ``US_2020_0300001_A1`` and
    ``US D670162 S1``. Rule: after NFKC and upper-casing, spaces, ``_ / - . ,`` are
    removed; then ``office`` = two leading letters, ``kind`` = a final letter with at
    most one digit (WIPO ST.16), ``serial`` = what lies between (it may start with up to
    three letters, e.g. design ``D670162``, and must end with a digit). A number with no
    kind code gets ``kind`` NA; one that does not fit gets all three NA.
    ``office + serial + kind`` is a canonical form that parses to the same parts.

    >>> split_number(pd.Series(["CN 104651001 B", "US 2020/0300001 A1", "WO 2021/200001"])).values.tolist()
    [['CN', '104651001', 'B'], ['US', '20200300001', 'A1'], ['WO', '2021200001', nan]]
    """
    s = _series(values, "split_number")
    codes, u = _factorize(s)
    compact = _sub(pc.utf8_upper(_pa(u)), r"[\s_/\-.,]+", "")
    g = _extract(compact, _PUB_RE)
    parts = pd.DataFrame({k: _text(g[k]) for k in ("office", "serial", "kind")})
    return _expand(parts, codes, s.index).astype("str")


_APP_COLS = ("office", "year", "type_code", "serial", "check_digit", "receiving_office")
#: rule → (text form, RE2 pattern); what each rule fills is in _app_rules
_APP_PATTERNS = {
    "pct": ("nospace", r"^PCT/?(?P<ro>[A-Z]{2})/?(?P<y>\d{4}|\d{2})/?(?P<n>\d{5,6})$"),
    "lens_pct": ("lens", r"^(?P<ro>[A-Z]{2})\s*(?P<y>(?:19|20)\d{2})\s*(?P<n>\d{6})\s+W$"),
    "cn": ("compact", r"^(?P<o>CN|ZL)?(?P<y>(?:19|20)\d{2})(?P<t>\d)(?P<n>\d{7})(?:(?P<dot>\.)?(?P<c>[0-9X]))?$"),
    "cn_old": ("compact", r"^(?P<o>CN|ZL)?(?P<y>\d{2})(?P<t>\d)(?P<n>\d{5})(?:(?P<dot>\.)?(?P<c>[0-9X]))?$"),
    "kr": ("compact", r"^KR(?P<t>10|20|30|40)(?P<y>(?:19|20)\d{2})(?P<n>\d{7})$"),
    "kr_lens": ("compact", r"^KR(?P<y>(?:19|20)\d{2})(?P<n>\d{7})$"),
    "us": ("nospace", r"^US(?P<t>\d{2})/(?P<n1>\d{3}),?(?P<n2>\d{3})$"),
    "us_lens": ("compact", r"^US(?P<y>(?:19|20)\d{2})(?P<t>\d{2})(?P<n>\d{6})$"),
    "jp": ("compact", r"^JP(?P<y>(?:19|20)\d{2})(?P<n>\d{6})$"),
    "ep": ("compact", r"^EP(?P<y>\d{2})(?P<n>\d{6})(?:\.(?P<c>\d))?$"),
    "other": ("compact", r"^(?P<o>[A-Z]{2})?(?P<n>[A-Z0-9]*\d[A-Z0-9]*)(?:\.(?P<c>[0-9X]))?$"),
}
_APP_OFFICE = {"kr": "KR", "kr_lens": "KR", "us_lens": "US", "jp": "JP", "ep": "EP"}


def _app_rules(arr: pa.Array) -> pd.DataFrame:
    """Application-number rules on cleaned upper-case text; each rule runs on the rows still open."""
    n = len(arr)
    cols = {c: np.full(n, None, dtype=object) for c in _APP_COLS if c != "year"}
    year = np.full(n, np.nan)
    done = np.zeros(n, dtype=bool)
    stripped = _sub(arr, r"\s+[A-Z]$", "")  # Lens appends a type letter: 'CN 201510108321 A'
    nospace = _sub(stripped, r"\s+", "")
    forms = {"lens": arr, "nospace": nospace, "compact": _sub(nospace, r"[\-_/,]", "")}

    for rule, (form, pattern) in _APP_PATTERNS.items():
        idx = np.flatnonzero(~done)
        if len(idx) == 0:
            break
        g = _extract(forms[form].take(pa.array(idx)), pattern)
        m = _mask(pc.is_valid(g["n"] if "n" in g else g["n1"]))
        if rule in ("cn", "cn_old"):  # without CN/ZL only in the dotted CNIPA form
            m &= _mask(pc.is_valid(g["o"])) | _mask(pc.is_valid(g["dot"]))
        yy = _anum(g["y"]) if "y" in g else None
        if rule == "cn_old":
            m &= (yy >= 85) | (yy <= 4)
        if not m.any():
            continue
        rows = idx[m]
        sel = pa.array(m)

        def val(k: str, g: dict[str, pa.Array] = g, sel: pa.Array = sel) -> np.ndarray:
            return g[k].filter(sel).to_numpy(zero_copy_only=False)

        y = None if yy is None else yy[m]
        if rule in ("pct", "lens_pct"):
            cols["office"][rows] = "WO"
            cols["receiving_office"][rows] = val("ro")
            cols["serial"][rows] = pd.Series(val("n"), dtype="str").str.zfill(6).to_numpy(dtype=object)
            year[rows] = np.where(y < 100, np.where(y >= 78, 1900 + y, 2000 + y), y)
        elif rule in ("cn", "cn_old"):
            cols["office"][rows] = "CN"
            year[rows] = y if rule == "cn" else np.where(y >= 85, 1900 + y, 2000 + y)
            cols["type_code"][rows] = val("t")
            cols["serial"][rows] = val("n")
            cols["check_digit"][rows] = val("c")
        elif rule == "us":
            cols["office"][rows] = "US"
            cols["type_code"][rows] = val("t")
            cols["serial"][rows] = val("t") + val("n1") + val("n2")
        else:
            cols["office"][rows] = _APP_OFFICE[rule] if rule in _APP_OFFICE else val("o")
            if "t" in g:
                cols["type_code"][rows] = val("t")
            serial = val("n")
            cols["serial"][rows] = (val("t") + serial) if rule == "us_lens" else serial
            if "c" in g:
                cols["check_digit"][rows] = val("c")
            if rule == "ep":
                year[rows] = np.where(y >= 78, 1900 + y, 2000 + y)
            elif rule == "other":  # a leading year only when a long serial starts with one
                lead = _extract(pa.array(serial, type=pa.large_string()), r"^(?P<y>(?:19|20)\d{2})\d{6,}$")["y"]
                year[rows] = _anum(lead)
            elif y is not None:
                year[rows] = y
        done[rows] = True
    res = pd.DataFrame({c: pd.Series(cols[c], dtype="str") for c in _APP_COLS if c != "year"})
    res.insert(1, "year", pd.array(np.where(np.isfinite(year), year, np.nan), dtype="Float64").astype("Int64"))
    return res[list(_APP_COLS)]


def split_app_number(values: object) -> pd.DataFrame:
    """Split application numbers (申请号拆分) into their parts.

    Returns ``office``, ``year`` (Int64), ``type_code``, ``serial``, ``check_digit`` and
    ``receiving_office`` (PCT only). Rules, tried in this order:

    * ``PCT/CN2021/081234`` (also 2-digit years before 2004): office ``WO``, the receiving
      office, year, 6-digit serial; Lens writes the same as ``CN 2015075923 W``.
    * CN since October 2003, ``CN201510108321.5`` / ``CN 2015 1 0108321.5`` / ``ZL...``:
      year (4 digits), type digit (1 invention, 2 utility model, 3 design, 8/9 PCT national
      phase of an invention/utility model), 7-digit serial, check digit (0-9 or X).
      CN 1985-2003, ``99123456.X``: 2-digit year (85-99 → 19xx, 00-04 → 20xx), the type
      digit in position 3, 5-digit serial, check digit. Without ``CN``/``ZL`` a number is
      read as Chinese only in the dotted CNIPA form ``201510108321.5``.
    * ``KR10-2019-0012345``: KIPO rights code (10 patent, 20 utility model, 30 design) in
      ``type_code``, year; ``US16/812,345``: series code in ``type_code`` (29 = design),
      serial ``16812345``; Lens ``US 201213657122 A``: year 2012, series 13;
      ``JP2019-123456``: year; ``EP 90115057.3``: year 1990, check digit.
    * Otherwise two office letters and the compacted serial; ``year`` only when a serial
      of 10+ digits starts with 19xx/20xx (Lens style, e.g. ``AU 1985/051755``).

    The check digit is reported, not verified. Unreadable text gives all NA.

    >>> parts = split_app_number(pd.Series(["CN201510108321.5", "99123456.X", "PCT/CN2021/081234"]))
    >>> parts.values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['CN', 2015, '1', '0108321', '5', nan],
     ['CN', 1999, '1', '23456', 'X', nan],
     ['WO', 2021, nan, '081234', nan, 'CN']]
    """
    s = _series(values, "split_app_number")
    codes, u = _factorize(s)
    parts = _app_rules(pc.utf8_upper(_pa(u)))
    out = _expand(parts, codes, s.index)
    out["year"] = out["year"].astype("Int64")
    for c in out.columns.drop("year"):
        out[c] = out[c].astype("str")
    return out


# --------------------------------------------------------------------------- patent type


@cache
def _type_tables() -> dict[str, object]:
    d = _data("patent_type_map.csv")
    lab = d[d["field"] == "label"]
    exact = lab[lab["match"] == "exact"]
    kinds = d[d["field"] == "kind"]
    app = d[d["field"] == "app_code"]
    co = lab[lab["match"] == "contains"]
    return {
        "label_exact": dict(zip(_key(exact["value"], squeeze=True),
                                zip(exact["patent_type"], exact["weak"] == "yes", strict=True), strict=True)),
        "label_contains": list(zip(_key(co["value"], squeeze=True), co["patent_type"], co["weak"] == "yes",
                                   strict=True)),
        "kind": dict(zip(kinds["office"] + "|" + kinds["value"], kinds["patent_type"], strict=True)),
        "app": dict(zip(app["office"] + "|" + app["value"], app["patent_type"], strict=True)),
    }


def _na_type(mapped: pd.Series) -> pd.Series:
    """Mapped types with '' (a known "none of the three") turned into NA."""
    return mapped.where(mapped.notna() & (mapped != ""), np.nan).astype("str")


def _type_from_label(label: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(strong, weak) types from labels; a weak label (Lens 'Patent Application') comes last."""
    tab = _type_tables()
    codes, u = _factorize(label)
    k = _key(u, squeeze=True)
    hit = k.map(tab["label_exact"])
    got = hit.map(lambda x: x[0] if isinstance(x, tuple) else np.nan)  # per unique label
    weak = hit.map(lambda x: x[1] if isinstance(x, tuple) else False).astype(bool)
    known = hit.notna()
    for word, typ, is_weak in tab["label_contains"]:
        todo = ~known
        if not todo.any():
            break
        m = todo & k.str.contains(word, regex=False)
        got = got.mask(m, typ)
        weak = weak | (m & is_weak)
        known = known | m
    got = _na_type(got.astype(object))
    strong = got.where(~weak)
    return (_expand(strong.astype("str"), codes, label.index),
            _expand(got.where(weak).astype("str"), codes, label.index))


def _type_from_kind(kind: pd.Series, office: pd.Series | None) -> pd.Series:
    """Types from (office, kind) pairs, looked up once per distinct pair."""
    tab = _type_tables()
    k_codes, k_u = _factorize(kind)
    if office is None:
        o_codes, o_u = np.full(len(kind), -1), pd.Series([], dtype="str")
    else:
        o_codes, o_u = _factorize(office)
    m = len(o_u) + 1
    pair = np.where(k_codes >= 0, k_codes * m + (o_codes + 1), -1)
    uniq, inv = np.unique(pair, return_inverse=True)
    shift = int(len(uniq) > 0 and uniq[0] < 0)  # the "no kind" marker -1 sorts first
    uniq = uniq[shift:]
    codes = np.where(pair >= 0, inv.reshape(-1) - shift, -1)
    kk = k_u.str.upper().str.replace(" ", "", regex=False).to_numpy(dtype=object)[uniq // m]
    oi = uniq % m - 1
    o_arr = o_u.str.upper().to_numpy(dtype=object)
    oo = np.where(oi >= 0, o_arr[np.maximum(oi, 0)] if len(o_arr) else "CN", "CN")
    kk, oo = pd.Series(kk, dtype="str"), pd.Series(oo, dtype="str")  # no office given: CN codes first
    kk = kk.where(kk.str.fullmatch(r"[A-Z][0-9A-Z]?").fillna(False).astype(bool))  # ST.16 shape only
    got = (oo + "|" + kk).map(tab["kind"])
    got = got.fillna(("*|" + kk).map(tab["kind"]))
    got = got.fillna(("*|" + kk.str[0] + "*").map(tab["kind"]))
    return _expand(_na_type(got), codes, kind.index)


def _type_from_app(app_no: pd.Series) -> pd.Series:
    tab = _type_tables()
    parts = split_app_number(app_no)
    key = parts["office"] + "|" + parts["type_code"]
    got = key.map(tab["app"])
    got = got.fillna((parts["office"] + "|*").where(parts["type_code"].notna()).map(tab["app"]))
    return _na_type(got)


def _type_sources(kind: object, office: object, label: object, app_no: object,
                  need_all: bool = True) -> pd.DataFrame:
    """Types from each source (columns label, kind, number, label_weak).

    With ``need_all=False`` the application numbers are read only where neither the label
    nor the kind code gave a type (all :func:`patent_type` needs, by precedence).
    """
    given = {n: _series(v, "patent_type") for n, v in
             (("label", label), ("kind", kind), ("office", office), ("app_no", app_no)) if v is not None}
    if not given.keys() - {"office"}:
        raise SchemaError("patent_type needs at least one of label, kind or app_no",
                          fix="pass the type label column (专利类型), the kind codes (from split_number) "
                              "or the application numbers (申请号)",
                          hint="判断专利类型需要专利类型标签、文献类型代码或申请号之一")
    index = next(iter(given.values())).index
    for n, v in given.items():
        if len(v) != len(index):
            raise SchemaError(f"patent_type: '{n}' has {len(v)} values, others {len(index)}",
                              fix="pass columns of the same table", hint="各参数应来自同一张表，长度须一致")
    given = {n: v.set_axis(index) for n, v in given.items()}
    none = pd.Series(np.nan, index=index, dtype="str")
    strong, weak = _type_from_label(given["label"]) if "label" in given else (none, none)
    by_kind = _type_from_kind(given["kind"], given.get("office")) if "kind" in given else none
    number = none
    if "app_no" in given:
        todo = np.ones(len(index), dtype=bool) if need_all else (strong.isna() & by_kind.isna()).to_numpy()
        if todo.all():
            number = _type_from_app(given["app_no"])
        elif todo.any():
            number = none.copy()
            number[todo] = _type_from_app(given["app_no"][todo]).to_numpy()
    return pd.DataFrame({"label": strong, "kind": by_kind, "number": number, "label_weak": weak}, index=index)


def patent_type(kind: object = None, office: object = None, label: object = None,
                app_no: object = None) -> pd.Series:
    """Patent type (专利类型): ``invention``, ``utility_model`` or ``design`` per row.

    Three sources, in this order of precedence (the first one that gives a type wins):

    1. ``label``, a database's type label: 发明 / 发明申请 / 发明授权 / 授权发明 / 发明专利,
       实用新型, 外观设计; Lens ``Limited Patent`` (utility models and second-tier
       patents), ``Design right``; navtrain's own values.
    2. ``kind`` (with ``office``): CN A/B/C → invention, U/Y → utility model, S/D → design;
       office-specific rows (US S1 → design, E → invention, plant patents → NA; JP, KR U/Y
       → utility model, S → design; DE U1 and AU innovation patents → utility model), then
       WIPO ST.16 letter groups for any office (A/B/C/E/T → invention, U/Y → utility
       model, S → design). Without ``office`` the CN codes are tried first.
    3. ``app_no``: the CN type digit (1/8 → invention, 2/9 → utility model, 3 → design),
       the KR rights code (10/20/30) and the US series code (29 → design, others →
       invention); see :func:`split_app_number`.
    4. generic labels that do not tell the type (Lens ``Patent Application`` and ``Granted
       Patent``, which Lens also gives to utility models) → invention, last resort only.

    The vocabulary is ``navtrain/data/patent_type_map.csv``. Rows no source can type
    are NA; rows where the sources disagree are flagged by :func:`patent_type_conflicts`.

    >>> patent_type(kind=pd.Series(["B", "U", "S1", "A1"]), office=pd.Series(["CN", "CN", "US", "EP"])).tolist()
    ['invention', 'utility_model', 'design', 'invention']
    >>> patent_type(label=pd.Series(["授权发明", "Design right", None]),
    ...             app_no=pd.Series(["CN201620456712.3"] * 3)).tolist()
    ['invention', 'design', 'utility_model']
    """
    src = _type_sources(kind, office, label, app_no, need_all=False)
    out = src["label"].fillna(src["kind"]).fillna(src["number"]).fillna(src["label_weak"]).astype("str")
    out.name = "patent_type"
    return out


def patent_type_conflicts(kind: object = None, office: object = None, label: object = None,
                          app_no: object = None) -> pd.Series:
    """True where two of the sources of :func:`patent_type` give different types.

    A row conflicts when at least two of label, kind code and application number yield a
    type and those types are not all the same (generic labels such as Lens ``Patent
    Application`` do not count); count with ``.sum()``.

    >>> patent_type_conflicts(label=pd.Series(["实用新型", "发明"]), kind=pd.Series(["U", "U"])).tolist()
    [False, True]
    """
    src = _type_sources(kind, office, label, app_no)
    def differ(a: pd.Series, b: pd.Series) -> np.ndarray:
        return (a.notna() & b.notna() & (a != b)).to_numpy(dtype=bool)

    lab, kind_, num = src["label"], src["kind"], src["number"]
    out = pd.Series(differ(lab, kind_) | differ(lab, num) | differ(kind_, num), index=src.index)
    out.name = "patent_type_conflict"
    return out


# --------------------------------------------------------------------------- legal status

#: separators between the events of one legal-events cell
EVENT_SEP = r"\s*(?:\|+|;;|;|；|\n)\s*"


@cache
def _status_tables() -> tuple[dict[str, tuple[str, str, int]], list[tuple[str, str, str, int]]]:
    d = _data("legal_status_map.csv")
    d = d.assign(key=_key(d["term"]), prec=d["precedence"].astype(int))
    ex = d[d["match"] == "exact"]
    exact = {k: (st, ev, p) for k, st, ev, p in zip(ex["key"], ex["status"], ex["event_type"], ex["prec"],
                                                   strict=True)}
    co = d[d["match"] == "contains"]
    contains = list(zip(co["key"], co["status"], co["event_type"], co["prec"], strict=True))
    return exact, contains


def classify_terms(terms: pd.Series) -> pd.DataFrame:
    """The legal status, event type and precedence of each legal-status term.

    One row per term, on the index of ``terms``: ``status`` (valid / pending / lapsed, or
    ``""`` when the term does not decide it), ``event_type`` (``grant``, ``non_payment``, ...;
    ``"unrecognised"`` for an unknown term) and ``prec`` (precedence: when a cell lists
    several terms, the highest decides the status). Matching: the term's lookup key (NFKC,
    lower case) exactly, then the part before a dash, then the first listed word it
    contains, from ``navtrain/data/legal_status_map.csv`` (which names its sources).
    Pass distinct terms: the work is per term. :func:`legal_status` and
    ``navtrain.legal`` classify with it.

    >>> classify_terms(pd.Series(["授权", "未缴年费专利权终止", "xyz"]))
      status    event_type  prec
    0  valid         grant    20
    1 lapsed   non_payment    30
    2         unrecognised     0
    """
    exact, contains = _status_tables()
    k = _key(terms)
    k = k.str.replace(r"\s*[-－–—]\s*", "-", regex=True)
    found = k.map(lambda x: exact.get(x))  # dict lookup per unique term
    before_dash = k.str.split("-", n=1, regex=False).str[0]
    found = found.where(found.notna(), before_dash.map(lambda x: exact.get(x)))
    for word, st, ev, p in contains:
        todo = found.isna()
        if not todo.any():
            break
        hit = todo & k.str.contains(word, regex=False)
        if hit.any():
            found = found.mask(hit, pd.Series([(st, ev, p)] * int(hit.sum()), index=hit[hit].index, dtype=object))
    status = found.map(lambda x: x[0] if isinstance(x, tuple) else "")
    event = found.map(lambda x: x[1] if isinstance(x, tuple) else "unrecognised")
    prec = found.map(lambda x: x[2] if isinstance(x, tuple) else 0)
    return pd.DataFrame({"status": status, "event_type": event, "prec": prec.astype("int64")})




def _status_of(text: pd.Series) -> tuple[pd.DataFrame, dict[str, int]]:
    """Per unique cell: legal_status, legal_events_std; plus counts of unrecognised terms."""
    codes, u = _factorize(text, lists="join")
    n = len(u)
    if n == 0:
        empty = pd.DataFrame({"legal_status": pd.Series([], dtype="str"),
                              "legal_events_std": pd.Series([], dtype=object)})
        return _expand(empty, codes, text.index), {}
    parts = u.str.split(EVENT_SEP, regex=True).explode()
    parts = parts[parts.notna() & ~parts.str.lower().isin(BLANKS)]
    if parts.empty:
        res = pd.DataFrame({"legal_status": pd.Series(np.nan, index=range(n), dtype="str"),
                            "legal_events_std": pd.Series([[] for _ in range(n)], dtype=object)})
        return _expand(res, codes, text.index), {}
    tcodes, tu = pd.factorize(parts)
    cls = classify_terms(pd.Series(np.asarray(tu, dtype=object)).astype(str))
    long = pd.DataFrame({
        "cell": parts.index.to_numpy(),
        "pos": np.arange(len(parts)),
        "status": cls["status"].to_numpy()[tcodes],
        "event_type": cls["event_type"].to_numpy()[tcodes],
        "prec": cls["prec"].to_numpy()[tcodes],
    })
    decisive = long[long["status"] != ""].sort_values(["cell", "prec", "pos"], ascending=[True, False, True])
    first = decisive.drop_duplicates("cell")
    status = pd.Series(np.nan, index=range(n), dtype="str")
    status[first["cell"].to_numpy()] = first["status"].to_numpy()
    events = long.groupby("cell", sort=True)["event_type"].agg(list)
    ev = pd.Series([[] for _ in range(n)], dtype=object)
    ev[events.index.to_numpy()] = events.to_numpy()
    res = pd.DataFrame({"legal_status": status.astype("str"), "legal_events_std": ev})
    weights = np.bincount(codes[codes >= 0], minlength=n)
    unknown = long[long["event_type"] == "unrecognised"]
    counts: dict[str, int] = {}
    if len(unknown):
        raw = pd.Series(np.asarray(tu, dtype=object)[tcodes][long.index.isin(unknown.index)], dtype=object)
        w = weights[unknown["cell"].to_numpy()]
        counts = {str(k): int(v) for k, v in pd.Series(w).groupby(raw.to_numpy()).sum().items()}
    return _expand(res, codes, text.index), counts


def legal_status(status_text: object = None, events: object = None) -> pd.DataFrame:
    """Simplified legal status (简单法律状态): ``valid`` / ``pending`` / ``lapsed`` per row.

    ``status_text`` is a database's status cell, possibly several values in one cell as
    PatSnap writes them (``授权 | 权利转移``, ``实质审查 | 撤回``; separators ``|``, ``;;``,
    ``;``); ``events`` is a list column of raw events (``legal_events``) or text of the
    same form. Each term is looked up in ``navtrain/data/legal_status_map.csv`` (exact,
    then the part before a dash as in ``撤回-视为撤回``, then the file's "contains" rules
    in order). Returns ``legal_status`` and ``legal_events_std`` (the standard event type
    of each term, in the order given; ``unrecognised`` for unknown terms). The raw text is
    not changed: keep it in ``legal_events``.

    Rule for several terms in one cell (GB/T 39551.1 asks for the status as of the data
    cut-off; the events' dates are usually missing, so precedence stands in for order):
    the term with the highest precedence decides — a terminal event (驳回, 撤回, 放弃, 未缴年费,
    期限届满, 全部无效 ...: ``lapsed``, 30) beats a grant or in-force event (授权, 权利恢复,
    部分无效: ``valid``, 20), which beats a pending one (公开, 实质审查, 复审: ``pending``,
    10); transactions and notes (权利转移, 许可, 质押, 一案双申, 诉讼, 无效程序 ...) say nothing
    and never decide; ties go to the first term. A cell with no deciding term is NA, as
    are 未确认 / unknown and PCT 指定期满 (kept explicit, not guessed as lapsed; see
    ``legal_status_map.csv``). Where both arguments are given, ``status_text`` decides where it gives a status
    and ``events`` fill the rest; ``legal_events_std`` comes from ``events``.

    ``result.attrs["unrecognised"]`` counts rows per unknown term, for the import report.

    >>> legal_status(pd.Series(["授权 | 权利转移", "实质审查 | 撤回", "Active", "-"]))["legal_status"].tolist()
    ['valid', 'lapsed', 'valid', nan]
    >>> legal_status(events=pd.Series([["实质审查", "视为撤回"]]))["legal_events_std"].tolist()
    [['examination', 'withdrawal']]
    """
    if status_text is None and events is None:
        raise SchemaError("legal_status needs status_text or events",
                          fix="pass the status column (法律状态) or the legal events (法律事件)",
                          hint="需要法律状态列或法律事件列")
    main = _series(status_text if status_text is not None else events, "legal_status")
    res, unknown = _status_of(main)
    if status_text is not None and events is not None:
        ev = _series(events, "legal_status").set_axis(main.index)
        res_ev, unknown_ev = _status_of(ev)
        res["legal_status"] = res["legal_status"].fillna(res_ev["legal_status"])
        res["legal_events_std"] = res_ev["legal_events_std"]
        for k, v in unknown_ev.items():
            unknown[k] = unknown.get(k, 0) + v
    missing = res["legal_events_std"].isna()
    if missing.any():
        res["legal_events_std"] = res["legal_events_std"].where(~missing, pd.Series(
            [[] for _ in range(int(missing.sum()))], index=res.index[missing], dtype=object))
    res["legal_status"] = res["legal_status"].astype("str")
    res.attrs = {"unrecognised": unknown}
    return res


# --------------------------------------------------------------------------- applicant type

_INDIVIDUAL_HAN = r"^\p{Han}{2,4}$|^\p{Han}{1,8}[·•・]\p{Han}{1,12}$"
_INDIVIDUAL_HANGUL = r"^\p{Hangul}{2,4}$"
_INDIVIDUAL_LATIN = r"^ \p{L}+(?: \p{L}+){1,4} $"
_NOT_WORD = r"[^\p{L}\p{N}]+"
_CJK_RE = r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"
_RE_SPECIAL = set(".^$*+?()[]{}|\\")


def _re2_escape(text: str) -> str:
    return "".join("\\" + ch if ch in _RE_SPECIAL else ch for ch in text)


def _name_key(arr: pa.Array) -> pa.Array:
    """' word word ': lower case, every run of non-letters/digits → one space, padded with spaces."""
    k = pc.utf8_trim_whitespace(_sub(pc.utf8_lower(arr), _NOT_WORD, " "))
    sp = pa.scalar(" ", k.type)
    return pc.binary_join_element_wise(sp, k, sp, pa.scalar("", k.type))


@cache
def _applicant_rules() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(CJK head-word rules, ordered rules): each a list of (type, RE2 pattern), by rank.

    Head-word patterns are written reversed (keywords spelled backwards): searched in the
    reversed name, the first hit is the keyword that ends last in the name.
    """
    d = _data("applicant_type_keywords.csv")
    kw = pc.utf8_trim_whitespace(pc.replace_substring_regex(
        pc.utf8_lower(pc.utf8_normalize(pa.array(d["keyword"].tolist(), type=pa.string()), "NFKC")), _NOT_WORD, " "))
    d = d.assign(rank=d["rank"].astype(int), kw=kw.to_pylist())
    d["head"] = ((d["rank"] <= 50) & (d["match"] == "contains")
                 & _mask(pc.match_substring_regex(pa.array(d["kw"].tolist()), _CJK_RE)))
    head: list[tuple[str, str]] = []
    ordered: list[tuple[str, str]] = []
    for (is_head, _rank, typ), grp in d.groupby(["head", "rank", "type"], sort=True):
        alts = []
        for word, match in zip(grp["kw"], grp["match"], strict=True):
            if match == "contains":
                alts.append(_re2_escape(word[::-1] if is_head else word))
            elif match == "word":
                alts.append(_re2_escape(f" {word} "))
            elif match == "suffix":
                alts.append(_re2_escape(f" {word} ") + "$")
            else:  # pragma: no cover - guarded by a test on the data file
                raise ValueError(f"unknown match {match!r} in applicant_type_keywords.csv")
        (head if is_head else ordered).append((str(typ), "(?:" + "|".join(alts) + ")"))
    return head, ordered


_APPLICANT_TYPES = ("enterprise", "university", "institute", "individual", "government_other")


def applicant_type(names: object, default: str | None = "enterprise") -> pd.Series:
    """Applicant type (申请人类型) from the name: enterprise / university / institute /
    individual / government_other.

    Keywords are in ``navtrain/data/applicant_type_keywords.csv`` in ranks (names are
    compared after NFKC, lower case, punctuation → spaces):

    10. company forms (公司, 集团, 株式会社, 厂, Co., Ltd, Inc, Corp, GmbH, S.A., LLC, KK ...)
        → enterprise;
    20. hospitals (医院, Hospital) → government_other (an affiliated hospital is not a
        university);
    30. 大学, 职业技术学院, University, Univ, Hochschule, Institute of Technology ...
        → university;
    40. 科学院, 研究院, 研究所, 研究中心, 实验室, Institute, Academy, Laboratory, Fraunhofer,
        CNRS ... → institute;
    50. 学院, 学校, College, School, École → university;
    60. 政府, 委员会, 局, 中心, 协会, 基金会, Ministry, Agency, Foundation, Republic ... →
        government_other;
    70. business words without a legal form (科技, 系统, 航空, Technologies, Systems ...)
        → enterprise.

    Step 1, Chinese (and Japanese/Korean) names: the *head noun* decides, i.e. of the CJK
    keywords of ranks 10-50 the one that ends last in the name (equal ends: lower rank).
    So 研究院有限公司 is an enterprise and 中国航空工业集团公司西安飞机设计研究所 an institute;
    职业技术学院 is a university; 中国科学院 an institute (科学院 and 学院 end together, rank
    40 wins); 郑州大学第一附属医院 a hospital; and a company's 研发中心 stays an enterprise
    (ranks 60-70 never override step 1). Step 2, other names: ranks in order, the first
    with a hit decides (Latin names put the head anywhere: University of X, X Inc).
    Step 3, person-shaped names → individual: 2-4 Han characters (or names joined by ·),
    2-4 Hangul syllables, or 2-5 Latin/Cyrillic words without digits ("SURNAME Given").
    Anything else → ``default`` (enterprise: in patent data an organisation name with no
    keyword is almost always a firm whose legal form was lost in translation; pass
    ``default=None`` to get NA and review those names).

    A list cell, or a cell with several names (``|``, ``;``), is typed by its first name.

    >>> applicant_type(pd.Series(["郑州大学", "中国科学院金属研究所", "河南黄河研究院有限公司",
    ...                          "李明远", "PIZZA HUT INC", "CANOVA JEAN PIERRE", "南阳市卫生健康委员会"])).tolist()
    ['university', 'institute', 'enterprise', 'individual', 'enterprise', 'individual', 'government_other']
    """
    if default is not None and default not in _APPLICANT_TYPES:
        raise UnknownNameError(f"unknown applicant type {default!r} for default",
                               fix="use one of " + ", ".join(_APPLICANT_TYPES) + " or None",
                               hint="默认类型须为 enterprise/university/institute/individual/government_other 之一")
    s = _series(names, "applicant_type")
    codes, u = _factorize(s, lists="first")
    first = _pa(u)
    several = pc.fill_null(pc.match_substring_regex(first, r"[|;；]"), False)
    if pc.any(several).as_py():  # several names in one cell: keep the first
        firsts = pc.list_element(pc.split_pattern_regex(first.filter(several), r"\s*(?:\||;;|;|；)\s*",
                                                        max_splits=1), 0)
        first = pc.replace_with_mask(first, several, pc.utf8_trim_whitespace(firsts).cast(first.type))
    key = _name_key(first)
    n = len(u)
    out = np.full(n, None, dtype=object)
    open_ = np.ones(n, dtype=bool)  # names not typed yet
    head, ordered = _applicant_rules()
    if n and head:
        # step 1: the CJK head word = the keyword that ends last (ties: lower rank), found as the
        # first hit of the reversed keywords in the reversed name
        rkey = pc.utf8_reverse(key)
        big = np.iinfo("int64").max
        starts = np.full((n, len(head)), big, dtype="int64")
        for j, (_typ, pattern) in enumerate(head):
            pos = pc.find_substring_regex(rkey, pattern).to_numpy(zero_copy_only=False)
            starts[:, j] = np.where(pos >= 0, pos, big)
        found = starts.min(axis=1) < big
        out[found] = np.array([typ for typ, _ in head], dtype=object)[starts.argmin(axis=1)[found]]
        open_ &= ~found
    for typ, pattern in ordered:  # step 2: first rank with a hit, on the names still open
        todo = np.flatnonzero(open_)
        if len(todo) == 0:
            break
        hit = todo[_mask(pc.match_substring_regex(key.take(pa.array(todo)), pattern))]
        out[hit] = typ
        open_[hit] = False
    todo = open_
    person = (_mask(pc.match_substring_regex(first, _INDIVIDUAL_HAN))
              | _mask(pc.match_substring_regex(first, _INDIVIDUAL_HANGUL))
              | (_mask(pc.match_substring_regex(key, _INDIVIDUAL_LATIN))
                 & (pc.utf8_length(key).to_numpy(zero_copy_only=False) <= 62)))
    out[todo & person] = "individual"
    open_ &= ~person
    nonblank = pc.utf8_length(key).to_numpy(zero_copy_only=False) > 2
    out[open_ & nonblank] = default
    res = _expand(pd.Series(out, dtype="str"), codes, s.index).astype("str")
    res.name = "applicant_type"
    return res


# --------------------------------------------------------------------------- regions

_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
_REGION_COLS = ("province", "city", "province_code", "city_code")


def _cpca() -> object:
    """Import cpca lazily (it loads its table at import) without letting its warnings escape."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import cpca
    return cpca


@cache
def _divisions() -> dict[str, str]:
    """6-digit code → name, from cpca's bundled division table."""
    cp = _cpca()
    out: dict[str, str] = {}
    for code, info in cp.ad_2_addr_dict.items():
        out.setdefault(str(code)[:6], info.name)
    return out


@cache
def _region_names() -> dict[str, str]:
    """Province and city names, short names and abbreviations → 6-digit code."""
    div = _divisions()
    names: dict[str, str] = {}
    ambiguous: set[str] = set()

    def add(name: str, code: str) -> None:
        if name in names and names[name] != code:
            ambiguous.add(name)
        names.setdefault(name, code)

    for code, name in div.items():
        if code.endswith("0000"):
            add(name, code)
            add(re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", name), code)
    for code, name in div.items():
        if code.endswith("00") and not code.endswith("0000") and name not in ("市辖区", "县"):
            if "直辖" in name:
                continue
            add(name, code)
            short = re.sub(r"(市|地区|盟|自治州)$", "", name)
            if len(short) >= 2 and short not in names:
                add(short, code)
    ab = _data("province_abbreviations.csv")
    for code2, abbr, short in zip(ab["code"], ab["abbreviation"], ab["short_name"], strict=True):
        add(abbr, code2 + "0000")
        add(short, code2 + "0000")
    for name in ambiguous:
        names.pop(name, None)
    return names


def _region_from_codes(code6: pd.Series, county_name: pd.Series | None = None) -> pd.DataFrame:
    """province / city / codes from 6-digit codes (strings; NaN where unknown)."""
    div = _divisions()
    c = code6.astype("str")
    p2 = c.str[:2]
    prov_code = (p2 + "0000").where(c.notna())
    province = prov_code.map(div)
    prov_code = prov_code.where(province.notna())
    city_code = (c.str[:4] + "00").where(c.notna() & (c.str[2:4] != "00"))
    city = city_code.map(div)
    direct = c.str[2:4] == "90"  # county-level cities under the province (济源市, 仙桃市, 海南/新疆 ...)
    if county_name is not None:
        own = c.map(div).fillna(county_name)
    else:
        own = c.map(div)
    city = city.mask(direct, own)
    city_code = city_code.mask(direct, c)
    muni = p2.isin(_MUNICIPALITIES) & province.notna()
    city = city.mask(muni, province)
    city_code = city_code.mask(muni, p2 + "0100")
    city_code = city_code.where(city.notna())
    return pd.DataFrame({"province": province, "city": city, "province_code": prov_code,
                         "city_code": city_code}).astype("str")


def region_from_address(addresses: object) -> pd.DataFrame:
    """Province and prefecture-level city of Chinese addresses (地址 → 省、市及代码).

    Uses ``cpca.transform`` (its own division table) on the unique addresses only and maps
    the answers back, so the cost grows with the number of distinct addresses, not rows.
    Returns ``province``, ``city``, ``province_code`` and ``city_code``, codes as 6-digit
    text (GB/T 2260): province code = first 2 digits + ``0000``, city code = first 4 +
    ``00``. Municipalities (北京市, 天津市, 上海市, 重庆市) are both province and city, with
    city code ``xx0100``; county-level cities governed by the province (济源市 419001,
    仙桃市 ...) are their own city with their own code. An address whose county-level
    city is newer than cpca's table (长垣市, a county until 2019) is retried with 县 for 市.
    Addresses outside mainland China (or none) give NA; 香港/澳门/台湾 give the province only.

    >>> region_from_address(pd.Series(["河南省长垣县人民路1号", "北京市海淀区中关村"])).values.tolist()
    [['河南省', '新乡市', '410000', '410700'], ['北京市', '北京市', '110000', '110100']]
    """
    s = _series(addresses, "region_from_address")
    codes, u = _factorize(s, lists="first")
    if len(u) == 0:
        empty = pd.DataFrame({c: pd.Series([], dtype="str") for c in _REGION_COLS})
        return _expand(empty, codes, s.index).astype("str")
    cp = _cpca()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = cp.transform(u.tolist())
    adcode = got["adcode"].astype("str").set_axis(u.index)
    county = got["区"].astype("str").set_axis(u.index)
    weak = (adcode.isna() | adcode.str.endswith("0000")) & ~adcode.str[:2].isin(_MUNICIPALITIES).fillna(False)
    retry = weak & _mask(pc.match_substring_regex(_pa(u), r"\p{Han}{2}市"))
    if retry.any():
        alt = _text(pc.replace_substring_regex(_pa(u[retry]), r"(\p{Han}{2})市", r"\1县"), index=u.index[retry])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got2 = cp.transform(alt.tolist())
        code2 = got2["adcode"].astype("str").set_axis(alt.index)
        better = code2.notna() & ~code2.str.endswith("00")
        adcode = adcode.mask(better.reindex(u.index, fill_value=False), code2)
        county = county.mask(better.reindex(u.index, fill_value=False),
                             got2["区"].astype("str").set_axis(alt.index))
    res = _region_from_codes(adcode, county)
    return _expand(res, codes, s.index).astype("str")


def region_from_code(codes: object) -> pd.DataFrame:
    """Province and city from division codes or names (行政区划代码/名称 → 省、市).

    Accepts 2-, 4-, 6-, 9- or 12-digit division codes (``41``, ``4101``, ``410100``,
    ``410728``; numbers too), province names in full or short (``河南省``, ``河南``), the
    one-character abbreviations (``豫``; ``navtrain/data/province_abbreviations.csv``)
    and prefecture-level city names (``郑州市``, ``郑州``). Same output columns and
    conventions as :func:`region_from_address`; anything else gives NA. Names come from
    cpca's division table, so a code newer than that table still gets its province and
    city from its leading digits.

    >>> region_from_code(pd.Series(["豫", "410728", "郑州", 11])).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['河南省', nan, '410000', nan],
     ['河南省', '新乡市', '410000', '410700'],
     ['河南省', '郑州市', '410000', '410100'],
     ['北京市', '北京市', '110000', '110100']]
    """
    s = _series(codes, "region_from_code")
    fcodes, u = _factorize(s, lists="first")
    arr = _sub(_sub(_pa(u), r"\.0+$", ""), r"\s+", "")
    t = _text(arr)
    digits = _text(_extract(arr, r"^(?:CN-?)?(?P<d>\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$")["d"])
    code6 = digits.str[:6].str.pad(6, side="right", fillchar="0")
    by_name = t.map(_region_names())
    code6 = code6.fillna(by_name)
    res = _region_from_codes(code6)
    return _expand(res, fcodes, s.index).astype("str")


# --------------------------------------------------------------------------- priority

_PRIO_SEP = r"\s*(?:;;|;|\||\n|,\s+|，|；)\s*"
_PRIO_TOKEN = (r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}"
               r"|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}/\d{1,2}/\d{4}|(?:19|20)\d{6})")
#: a date token at the end of a claim, optionally followed by a country code (the usual forms)
_PRIO_END = rf"(?P<lead>^|[^\d./-])(?P<date>{_PRIO_TOKEN})(?:T[\d:.]+Z?)?(?P<post>(?:\s+[A-Z]{{2}})?\s*)$"
#: the common whole-claim shapes in one anchored pattern (fast path): [CC] number [K] date [CC]
_PRIO_FAST = (r"^(?:(?P<c1>[A-Z]{2})\s*)?(?P<n>[0-9A-Z./,-]*\d[0-9A-Z./,-]*)(?:\s+(?P<k>[A-Z]))?\s+"
              r"(?P<date>\d{4}-\d{2}-\d{2}|\d{8}|\d{2}\.\d{2}\.\d{4})(?:T[\d:.]+Z?)?(?:\s+(?P<c2>[A-Z]{2}))?$")
#: otherwise the LAST stand-alone date token anywhere (greedy prefix; slower, so second)
_PRIO_LAST = rf"^(?P<pre>.*)(?:^|[^\d./-])(?P<date>{_PRIO_TOKEN})(?:T[\d:.]+Z?)?(?P<post>[^\d].*|)$"


def _priority_claims(parts: pa.Array) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """General path for claims the fast pattern does not fit: date token, country, number."""
    date = _extract(parts, _PRIO_END)["date"]
    rest = _sub(parts, _PRIO_END, r"\1\3")
    other = np.flatnonzero(~_mask(pc.is_valid(date)) & _mask(pc.match_substring_regex(parts, r"\d{6}")))
    if len(other):  # a date followed by more text: the slower greedy pattern, on those claims only
        g = _extract(parts.take(pa.array(other)), _PRIO_LAST)
        joined = pc.binary_join_element_wise(pc.fill_null(g["pre"], ""), pc.fill_null(g["post"], ""),
                                             pa.scalar(" ", parts.type))
        ok = _mask(pc.is_valid(g["date"]))
        if ok.any():
            hit = np.zeros(len(parts), dtype=bool)
            hit[other[ok]] = True
            date = pc.replace_with_mask(date, pa.array(hit), g["date"].filter(pa.array(ok)).cast(date.type))
            rest = pc.replace_with_mask(rest, pa.array(hit), joined.filter(pa.array(ok)).cast(rest.type))
    rest = pc.utf8_trim_whitespace(_sub(rest, r"\s+", " ", guard=r"\s\s"))
    tail = _extract(rest, r"\s(?P<c>[A-Z]{2})$")["c"]
    rest = pc.if_else(pc.is_valid(tail), pc.utf8_trim_whitespace(pc.utf8_slice_codeunits(rest, 0, -2)), rest)
    head = _extract(rest, r"^(?:PCT\s*/?\s*)?(?P<c>[A-Z]{2})(?:[^A-Z]|$)")["c"]
    pct = _mask(pc.match_substring_regex(rest, r"^PCT(?:[^A-Z]|$)|\sW$"))
    country = pc.coalesce(tail, head).to_numpy(zero_copy_only=False)
    country[pct] = "WO"
    number = _sub(rest, r"^(?:PCT\s*/?\s*)?[A-Z]{2}\s*|\s+[A-Z]$|\s+", "")
    return date, country, _nullify_empty(number).to_numpy(zero_copy_only=False)


def parse_priority(values: object, dayfirst: bool | None = None) -> pd.DataFrame:
    """Earliest priority (最早优先权): ``priority_country``, ``priority_date``, ``priority_number``.

    Reads priority fields that list one or more claims, each with a number and a date:
    ``CN201910211234.6 2019-03-20``; ``US 62/123,456 20190320; CN ...``; Lens ``Priority
    Numbers`` (``US 201161550506 P 20111024;;US 88088069 A 19691128``); PATENTSCOPE
    (``[60/225,166 14.08.2000 US, 90115057.3 1990-08-06T23:59:59.000Z EP]``). Claims are
    split on ``;;``, ``;``, ``|``, new lines and ", " (a comma *inside* a number, as in
    62/123,456, does not split). In each claim the date is the last stand-alone date token
    (parsed with :func:`parse_dates`); the country is a two-letter code at the end of the
    claim (PATENTSCOPE) or else at its start; ``PCT/..`` and Lens ``W`` claims (PCT
    applications) are ``WO``. The row's result is the claim with the earliest date; with
    no dated claim, the first claim's country and ``NaT``.

    >>> p = parse_priority(pd.Series(["US 201161550506 P 20111024;;US 88088069 A 19691128",
    ...                               "CN201910211234.6 2019-03-20", "[60/225,166 14.08.2000 US]"]))
    >>> p["priority_country"].tolist(), p["priority_date"].dt.strftime("%Y-%m-%d").tolist()
    (['US', 'CN', 'US'], ['1969-11-28', '2019-03-20', '2000-08-14'])
    """
    s = _series(values, "parse_priority")
    codes, u = _factorize(s, lists="join")
    n = len(u)
    arr = pc.utf8_trim_whitespace(_sub(pc.utf8_upper(_pa(u)), r"[\[\]【】]", " "))
    lists = pc.split_pattern_regex(arr, _PRIO_SEP)
    parts = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    cell = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)
    keep = _mask(pc.greater(pc.utf8_length(parts), 0))
    parts, cell = parts.filter(pa.array(keep)), cell[keep]
    fast = _extract(parts, _PRIO_FAST)
    quick = _mask(pc.is_valid(fast["date"])) & ~_mask(pc.starts_with(parts, "PCT"))
    date = pc.if_else(pa.array(quick), fast["date"], pa.scalar(None, fast["date"].type))
    country = pc.coalesce(fast["c2"], fast["c1"]).to_numpy(zero_copy_only=False)
    country[quick & (fast["k"].to_numpy(zero_copy_only=False) == "W")] = "WO"
    country[~quick] = None
    number = fast["n"].to_numpy(zero_copy_only=False)
    number[~quick] = None
    slow = np.flatnonzero(~quick)
    if len(slow):
        d2, c2, n2 = _priority_claims(parts.take(pa.array(slow)))
        date = pc.replace_with_mask(date, pa.array(~quick), d2.cast(date.type))
        country[slow], number[slow] = c2, n2
    dates = parse_dates(_text(date), dayfirst=dayfirst).to_numpy()
    # earliest dated claim per cell (undated claims last, then claim order): one lexsort
    order = np.lexsort((np.arange(len(cell)), dates.astype("int64"), np.isnat(dates), cell))
    first = order[np.r_[True, cell[order][1:] != cell[order][:-1]]] if len(order) else order
    idx = cell[first]
    ctry = np.full(n, None, dtype=object)
    ctry[idx] = country[first]
    when = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    when[idx] = dates[first]
    num = np.full(n, None, dtype=object)
    number = np.where(pd.isna(number) | (number == ""), None, number) if len(number) else number
    num[idx] = number[first]
    res = pd.DataFrame({"priority_country": pd.Series(ctry, dtype="str"), "priority_date": when,
                        "priority_number": pd.Series(num, dtype="str")})
    out = _expand(res, codes, s.index)
    out["priority_country"] = out["priority_country"].astype("str")
    out["priority_number"] = out["priority_number"].astype("str")
    out["priority_date"] = out["priority_date"].astype("datetime64[ns]")
    return out


# --------------------------------------------------------------------------- IPC symbols

# One regex for every export form; applied to NFKC-normalised, upper-cased text.
#   C30B29/04 | C30B 29/04 | C30B0029040000 (4-digit main group + 6-digit subgroup) |
#   H01L 21/02 (2006.01) | C30B (subclass only) | C30B 29 (main group only)
_IPC_RX = (
    r"^\s*(?P<section>[A-H])\s*(?P<cls>[0-9]{2})\s*(?P<sub>[A-Z])"
    r"(?:\s*(?:(?P<fmain>[0-9]{4})(?P<fsub>[0-9]{6})"
    r"|(?P<main>[0-9]{1,4})(?:\s*/\s*(?P<grp>[0-9]{2,6}))?))?"
    r"\s*(?:[(\[][\s\S]*)?$"
)
_PARTS = ["symbol", "section", "class", "subclass", "main_group", "group"]


def _str_dtype() -> pd.StringDtype:
    return pd.StringDtype("pyarrow", na_value=np.nan)


def _parse_unique(values: pd.Series) -> pd.DataFrame:
    """Parse distinct symbols (str dtype Series) into the parts table."""
    text = values.str.normalize("NFKC").str.upper()
    m = text.str.extract(_IPC_RX)
    subclass = m["section"] + m["cls"] + m["sub"]
    main = m["fmain"].fillna(m["main"]).str.lstrip("0")
    main = main.where(main.str.len() > 0)  # an all-zero main group is no main group
    sub = m["fsub"].fillna(m["grp"]).str.rstrip("0").str.pad(2, side="right", fillchar="0")
    sub = sub.where(main.notna()).fillna("00").where(main.notna())
    group = subclass + main + "/" + sub
    out = pd.DataFrame({
        "symbol": group.fillna(subclass),
        "section": m["section"],
        "class": m["section"] + m["cls"],
        "subclass": subclass,
        "main_group": subclass + main + "/00",
        "group": group,
    })
    return out.astype(_str_dtype())


def parse_ipc(symbols: pd.Series | list[str]) -> pd.DataFrame:
    """Split IPC symbols, as exports write them, into their five levels.

    Accepts ``C30B29/04``, ``C30B 29/04``, the fixed-width 14-character form
    ``C30B0029040000`` (4-digit main group, 6-digit subgroup), ``H01L 21/02 (2006.01)``
    (a version in brackets is ignored), lower case, full-width characters (Ｃ３０Ｂ,
    ／) and stray spaces. A subclass alone (``C30B``) gives the upper three levels; a main
    group without subgroup (``C30B 29``) means the main group itself (``C30B29/00``).
    Anything else gives NaN in every column (never an error).

    Returns a new DataFrame with the input's index and columns ``symbol`` (the normalised
    symbol, e.g. ``C30B29/04``), ``section`` (C), ``class`` (C30), ``subclass`` (C30B),
    ``main_group`` (C30B29/00) and ``group`` (C30B29/04). Parsing the normalised
    ``symbol`` again gives the same parts.

    Rule: after NFKC normalisation and upper-casing, one regular expression
    ``section [A-H] · class 2 digits · subclass letter · main group 1–4 digits ·
    / · subgroup 2–6 digits`` (WIPO IPC Guide, symbol structure); leading zeros of the
    main group and trailing zeros of the subgroup beyond two digits are dropped
    (``0029`` → 29, ``040000`` → 04). Distinct symbols are parsed once (fast on
    millions of rows with repeats).

    Source: WIPO *Guide to the International Patent Classification* (2024.01), symbol structure.

    >>> parse_ipc(pd.Series(["C30B 29/04", "c04b0035583100", "H01L 21/02 (2006.01)", "？"]))
           symbol section class subclass main_group        group
    0   C30B29/04       C   C30     C30B  C30B29/00    C30B29/04
    1  C04B35/5831      C   C04     C04B  C04B35/00  C04B35/5831
    2   H01L21/02       H   H01     H01L  H01L21/00    H01L21/02
    3         NaN     NaN   NaN      NaN        NaN          NaN
    """
    s = symbols if isinstance(symbols, pd.Series) else pd.Series(list(symbols), dtype=object)
    if s.dtype == object:
        sample = s.dropna()
        if len(sample) and isinstance(sample.iloc[0], list | tuple | np.ndarray):
            raise SchemaError(
                "parse_ipc takes one IPC symbol per cell, but the cells hold lists",
                fix="split the list column first: navtrain.clean.explode(df, 'ipc'), then parse_ipc(long['ipc'])",
                hint="ipc 列是多值列表，请先用 explode 拆成一行一个分类号",
            )
    codes, parts = ipc_parts(s)
    parts = parts[_PARTS]
    blank = pd.DataFrame({c: [np.nan] for c in _PARTS}).astype(_str_dtype())
    table = pd.concat([parts, blank], ignore_index=True)
    take = np.where(codes < 0, len(parts), codes)
    out = table.iloc[take].reset_index(drop=True)
    out.index = s.index
    return out


def factorize_text(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 = missing) and distinct values of ``s``, like ``pd.factorize``.

    Uses pyarrow's ``dictionary_encode`` (C++ hashing, no Python objects) when the values
    are text, which is several times faster on millions of rows; falls back to
    ``pd.factorize`` for anything else (mixed types, lists). The IPC counts of
    :mod:`navtrain.ipc` and :mod:`navtrain.regions` encode their keys with it.

    >>> codes, values = factorize_text(pd.Series(["C30B", None, "E21B", "C30B"]))
    >>> codes.tolist(), values.tolist()
    ([0, -1, 1, 0], ['C30B', 'E21B'])
    """
    try:
        arr = pa.array(s, from_pandas=True)
        if isinstance(arr, pa.ChunkedArray):  # pragma: no cover - depends on the pandas backend
            arr = arr.combine_chunks()
        if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
            raise TypeError(str(arr.type))
        enc = pc.dictionary_encode(arr)
        codes = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        return codes, np.asarray(enc.dictionary.to_pylist(), dtype=object)
    except (ImportError, TypeError, ValueError, ArithmeticError, NotImplementedError):
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
        return np.asarray(codes, dtype=np.int64), np.asarray(uniques, dtype=object)


def ipc_parts(s: pd.Series | None = None, encoded: tuple[np.ndarray, np.ndarray] | None = None,
              ) -> tuple[np.ndarray, pd.DataFrame]:
    """Codes of ``s`` into its distinct values (-1 = missing) and the IPC parts of those values.

    The distinct values are parsed once (the rule of :func:`parse_ipc`), so counting
    millions of rows costs the distinct symbols plus integer arithmetic. ``encoded``:
    codes and distinct values already computed (e.g. :func:`factorize_text` of an exploded
    list column) instead of ``s``. The parts table has one row per distinct value, the
    columns of :func:`parse_ipc`, ``_blank`` (the value is missing or blank) and ``_raw``
    (the value as given).

    >>> codes, parts = ipc_parts(pd.Series(["C30B 29/04", "C30B29/04", None, "?"]))
    >>> codes.tolist(), parts["group"].tolist(), parts["_blank"].tolist()
    ([0, 1, -1, 2], ['C30B29/04', 'C30B29/04', nan], [False, False, False])
    """
    codes, uniques = encoded if encoded is not None else factorize_text(s)
    uniq = pd.Series(uniques, dtype=object)
    uniq = uniq.where(uniq.map(lambda v: isinstance(v, str)).astype(bool))  # one call per distinct value
    parts = _parse_unique(uniq.astype(_str_dtype()))
    parts["_blank"] = (uniq.isna() | (uniq.astype(str).str.strip() == "")).to_numpy()
    parts["_raw"] = uniq.to_numpy()
    return np.asarray(codes), parts
