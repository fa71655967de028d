"""Concentration and specialisation (集中度与专业化): shares, CRn, HHI, RTA, flows.

Generic indicators on a count vector or an entity × field count matrix (applicants,
regions or countries × IPC, years, offices ...), the matrix builder that makes such a
matrix from the canonical table (one row per document, list columns exploded with
:func:`navtrain.clean.explode`), and the technology-source → target-market flow matrix.

Sources: Hirschman (1945) / Herfindahl (1950) for the HHI and the US DOJ/FTC merger
guidelines for its 0–10,000 scale; Balassa (1965), *Manchester School* 33:99–123, for
revealed comparative advantage, Soete & Wyatt (1983), *Scientometrics* 5:31–54, for its
patent form (RTA) and the OECD *Patent Statistics Manual* (2009) for fractional counting
and the "what is filed where" flow analysis; GB/T 39551.3 (industrial planning: source →
target-market flows, concentration of leading firms) and GB/T 39551.2 (regional
planning: location quotient).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from navtrain.clean import explode
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.schema import BY_NAME, check_columns, standardize_columns
from navtrain.trend import _UNITS, DATE_BASES, MISSING_GROUP, UNIT_ZH, _year_series

__all__ = ["cr_n", "flow_matrix", "hhi", "matrix", "overseas_ratio", "rta", "shares"]

_WEIGHTS = {"whole": "whole", "整数": "whole", "整数计数": "whole", "fractional": "fractional",
            "fraction": "fractional", "分数": "fractional", "分数计数": "fractional"}
_MISSING = {"drop": "drop", "keep": "keep"}
#: year column → date column it can be derived from
_YEAR_FROM_DATE = {year: date for date, year, _, _ in DATE_BASES.values()}
#: above this many cells a dense matrix is refused (pass ``top=``)
MAX_CELLS = 50_000_000


# --------------------------------------------------------------------------- option parsing


def _unit(unit: str) -> str:
    key = _UNITS.get(str(unit).strip().lower())
    if key is None:
        raise UnknownNameError(f"unknown unit {unit!r}", fix="use 'documents' (件) or 'families' (项)",
                               hint="计数单位只能是件（documents）或项（families）")
    return key


def _weight(weight: str) -> str:
    key = _WEIGHTS.get(str(weight).strip().lower())
    if key is None:
        raise UnknownNameError(f"unknown weight {weight!r}",
                               fix="use 'whole' (each co-applicant counts 1) or 'fractional' (1/k each)",
                               hint="weight 只能是 whole（整数计数）或 fractional（分数计数）")
    return key


def _missing(missing: str) -> str:
    key = _MISSING.get(str(missing).strip().lower())
    if key is None:
        raise UnknownNameError(f"unknown missing option {missing!r}",
                               fix="use 'drop' (warn and leave out) or 'keep' (group '（缺失）')",
                               hint="missing 只能是 drop（剔除并提示）或 keep（单列为“缺失”）")
    return key


# --------------------------------------------------------------------------- shared helpers


def _family_key(table: pd.DataFrame) -> pd.Series:
    """Family of each row: ``family_id``; a row without one is its own family."""
    check_columns(table, ["family_id"], "counting families (unit='families')")
    fam = table["family_id"].astype(object)
    if fam.isna().any():
        own = ("pub:" + table["pub_no"].astype(str)) if "pub_no" in table.columns else \
            pd.Series([f"row:{i}" for i in range(len(table))], index=table.index)
        fam = fam.where(fam.notna(), own)
    return fam


def _date_order(table: pd.DataFrame) -> np.ndarray:
    """Positions sorted by filing date (then priority date, publication number), NaT last."""
    keys = [c for c in ("app_date", "priority_date", "pub_no") if c in table.columns]
    if not keys:
        return np.arange(len(table))
    order = table[keys].reset_index(drop=True).sort_values(keys, kind="stable", na_position="last").index
    return order.to_numpy()


def _first_members(table: pd.DataFrame) -> pd.DataFrame:
    """One row per family: its earliest-filed member (``app_date``), in table order.

    The same rule :func:`navtrain.trend` uses: a family counts once, described by its
    first filing.
    """
    fam = _family_key(table).to_numpy()
    order = _date_order(table)
    keep = np.zeros(len(table), dtype=bool)
    first = ~pd.Series(fam[order]).duplicated().to_numpy()
    keep[order[first]] = True
    return table[keep]


def _is_list_column(series: pd.Series, name: str) -> bool:
    col = BY_NAME.get(name)
    if col is not None and col.kind == "list":
        return True
    first = series.dropna()
    return bool(len(first)) and isinstance(first.iloc[0], list | tuple | np.ndarray)


def _with_years(table: pd.DataFrame, names: Iterable[str]) -> pd.DataFrame:
    """Add or complete ``app_year``/``priority_year``/``pub_year`` from the dates when asked for."""
    for name in names:
        date_col = _YEAR_FROM_DATE.get(name)
        if date_col is not None and date_col in table.columns:
            if pd.api.types.is_datetime64_any_dtype(table[date_col]):
                table = table.assign(**{name: _year_series(table, date_col, name)})
    return table


def _clean_scalar(series: pd.Series) -> pd.Series:
    """Text cells stripped, blanks → missing (object dtype); non-text columns unchanged."""
    if pd.api.types.infer_dtype(series, skipna=True) == "string":
        stripped = series.astype(object).str.strip()
        keep = stripped.notna() & (stripped != "")
        return stripped.astype(object).where(keep, None)
    return series


def _warn_dropped(func: str, dropped: Mapping[str, int], n_rows: int, n_total: int) -> None:
    reasons = ", ".join(f"{k}: {v}" for k, v in dropped.items())
    warnings.warn(f"{func}: {n_rows} of {n_total} rows were not counted ({reasons}) "
                  "(有字段缺失的记录未计入)", NavtrainWarning, stacklevel=3)


# --------------------------------------------------------------------------- concentration


def _as_counts(counts: object, func: str) -> pd.Series | pd.DataFrame:
    if isinstance(counts, pd.DataFrame):
        bad = [c for c in counts.columns if not pd.api.types.is_numeric_dtype(counts[c])
               or pd.api.types.is_bool_dtype(counts[c])]
        if bad:
            raise SchemaError(f"{func} needs numeric counts, but column(s) {bad} are not numeric",
                              fix="pass the count column only, e.g. ranking['count']",
                              hint="请只传入计数列（数值），如 ranking['count']")
        data = counts.astype("float64")
    else:
        if isinstance(counts, Mapping):
            data = pd.Series(counts, dtype="float64")
        elif isinstance(counts, pd.Series):
            if not pd.api.types.is_numeric_dtype(counts) or pd.api.types.is_bool_dtype(counts):
                raise SchemaError(f"{func} needs numeric counts, got {counts.dtype}",
                                  fix="pass counts per entity, e.g. ranking['count']",
                                  hint="请传入各主体的计数（数值）")
            data = counts.astype("float64")
        else:
            try:
                data = pd.Series(np.asarray(counts, dtype="float64"))
            except (TypeError, ValueError) as exc:
                raise SchemaError(f"{func} needs numeric counts", fix="pass numbers per entity",
                                  hint="请传入各主体的计数（数值）") from exc
            if data.ndim != 1:  # pragma: no cover - np.asarray of nested lists
                raise SchemaError(f"{func} needs a 1-D list of counts", fix="pass a Series or a DataFrame",
                                  hint="请传入一列计数")
    if bool((data < 0).to_numpy().any()):
        raise SchemaError(f"{func} got negative counts", fix="counts must be >= 0",
                          hint="计数不能为负数")
    return data


def shares(counts: pd.Series | pd.DataFrame | Sequence[float] | Mapping[str, float]) -> pd.Series | pd.DataFrame:
    """Shares s_i = n_i / Σ n (per column for a DataFrame); they sum to 1.

    Missing counts stay missing and are left out of the total. A total of 0 gives NaN
    shares (undefined, not 0). Whole or fractional counts both work; say which you used.
    Returns a new object with the same index (and columns).

    >>> shares(pd.Series({"甲": 3, "乙": 1})).to_dict()
    {'甲': 0.75, '乙': 0.25}
    >>> shares([0, 0]).isna().all()
    np.True_
    """
    data = _as_counts(counts, "shares")
    total = data.sum()
    if isinstance(data, pd.DataFrame):
        return data / total.where(total > 0)
    return data / (total if total > 0 else np.nan)


def _cr(col: pd.Series, n: int) -> float:
    s = col.dropna()
    total = s.sum()
    if total <= 0:
        return float("nan")
    return float(s.nlargest(n).sum() / total)


def cr_n(counts: pd.Series | pd.DataFrame | Sequence[float] | Mapping[str, float], n: int = 4) -> float | pd.Series:
    """Concentration ratio CR_n: the combined share of the ``n`` largest entities.

    Formula: CR_n = Σ of the n largest s_i (s_i = n_i / Σ n), in [0, 1]. With fewer
    than ``n`` entities it is 1. NaN when the total is 0. Chinese reports often use
    CR3/CR5/CR10 of applicants, industrial economics CR4/CR8 (Bain). A DataFrame gives
    one value per column.

    >>> cr_n([50, 30, 10, 5, 5], n=3)
    0.9
    """
    if int(n) < 1:
        raise SchemaError(f"n must be >= 1, got {n}", fix="pass the number of leading entities, e.g. 4",
                          hint="n 为头部主体个数，至少为 1")
    data = _as_counts(counts, "cr_n")
    if isinstance(data, pd.DataFrame):
        return data.apply(lambda c: _cr(c, int(n)))
    return _cr(data, int(n))


def _hhi(col: pd.Series, scale: float, normalized: bool) -> float:
    s = col.dropna()
    total = s.sum()
    if total <= 0:
        return float("nan")
    sh = s / total
    h = float((sh**2).sum())
    if normalized:
        k = int((s > 0).sum())
        if k <= 1:
            return float("nan")
        h = (h - 1 / k) / (1 - 1 / k)
    return h * scale


def hhi(counts: pd.Series | pd.DataFrame | Sequence[float] | Mapping[str, float], scale: float = 10_000,
        normalized: bool = False) -> float | pd.Series:
    """Herfindahl–Hirschman index H = scale · Σ s_i² of the shares s_i = n_i / Σ n.

    **Scale**: 0–10,000 by default (shares in per cent squared, the US DOJ/FTC
    convention); ``scale=1`` gives the 0–1 scale. With n entities of positive count
    H lies in [scale/n, scale]: scale/n when all are equal, scale for a monopoly; 1/H
    (on the 0–1 scale) is the "equivalent number" of equal-sized entities.
    ``normalized=True`` gives H* = (H − 1/n)/(1 − 1/n) (times ``scale``), NaN for n ≤ 1.
    NaN when the total is 0. Antitrust thresholds (2010 guidelines: < 1,500
    unconcentrated, > 2,500 highly concentrated) are borrowed conventions, not patent
    norms. Sources: Hirschman 1945; Herfindahl 1950; US DOJ HHI page (30/30/20/20 → 2,600).

    >>> hhi([30, 30, 20, 20])
    2600.0
    >>> round(hhi([50, 30, 10, 5, 5], scale=1), 3)
    0.355
    """
    data = _as_counts(counts, "hhi")
    if isinstance(data, pd.DataFrame):
        return data.apply(lambda c: _hhi(c, float(scale), normalized))
    return _hhi(data, float(scale), normalized)


def rta(matrix: pd.DataFrame, symmetric: bool = False, min_total: float = 0) -> pd.DataFrame:
    """Revealed technological advantage (RTA; = activity index, location quotient).

    Formula, for entity i (row) and field j (column) of a count matrix x:
    RTA_ij = (x_ij / Σ_j x_ij) / (Σ_i x_ij / Σ_ij x_ij) — the field's share in the
    entity's portfolio over the field's share in the whole. > 1: specialised in j.
    The whole itself (a one-row matrix, or a totals row appended) has RTA 1. NaN where
    undefined: a row or column total of 0, or a row total below ``min_total`` (RTA is
    unstable for small portfolios). ``symmetric=True`` returns (RTA − 1)/(RTA + 1) in
    [−1, 1] (Laursen 2015). Values are not rounded. Sources: Balassa 1965; Soete &
    Wyatt 1983; OECD *Patent Statistics Manual* 2009; GB/T 39551.2 (location quotient).

    >>> m = pd.DataFrame({"H01M": [40, 10, 50], "G06F": [10, 60, 30], "A61K": [50, 30, 20]},
    ...                  index=["CN", "US", "JP"])
    >>> rta(m).round(2).loc["CN"].tolist()
    [1.2, 0.3, 1.5]
    """
    if not isinstance(matrix, pd.DataFrame):
        raise SchemaError("rta needs an entity × field count matrix (DataFrame)",
                          fix="build one with navtrain.matrix(df, rows=..., cols=...)",
                          hint="RTA 需要“主体×领域”计数矩阵，可用 navtrain.matrix 生成")
    x = _as_counts(matrix, "rta")
    values = x.fillna(0).to_numpy(dtype="float64")
    row = values.sum(axis=1, keepdims=True)
    col = values.sum(axis=0, keepdims=True)
    total = values.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        row_ok = np.where((row > 0) & (row >= min_total), row, np.nan)
        col_share = np.where(col > 0, col, np.nan) / (total if total > 0 else np.nan)
        out = (values / row_ok) / col_share
        if symmetric:
            out = (out - 1) / (out + 1)
    result = pd.DataFrame(out, index=matrix.index, columns=matrix.columns)
    result.attrs.update(dict(matrix.attrs), indicator="RSTA" if symmetric else "RTA")
    return result


# --------------------------------------------------------------------------- matrix builder


def _long_values(work: pd.DataFrame, name: str, source: pd.Series, is_list: bool, mode: str,
                 miss: str) -> tuple[pd.DataFrame, int]:
    """Explode one column of ``work`` (a slim frame) into value ``name`` with weight ``_w<name>``."""
    if is_list:
        long = explode(work.assign(**{name: source.to_numpy()}), name, weight=mode, keep_empty=True)
        long = long.rename(columns={"weight": f"_w{name}"})
    else:
        long = work.assign(**{name: _clean_scalar(source).to_numpy(), f"_w{name}": 1.0})
    empty = long[name].isna()
    n_missing = int(long.loc[empty, "_unit"].nunique())
    if miss == "keep":
        long[name] = long[name].astype(object).where(~empty, MISSING_GROUP)
    return long, n_missing


def _sorted_labels(sizes: pd.Series, numeric: bool) -> list[object]:
    if numeric:
        return sorted(sizes.index, key=lambda v: (isinstance(v, str), v))
    frame = pd.DataFrame({"label": sizes.index.astype(str), "size": sizes.to_numpy()}, index=sizes.index)
    return frame.sort_values(["size", "label"], ascending=[False, True], kind="stable").index.tolist()


def matrix(
    df: pd.DataFrame,
    rows: str = "applicants_std",
    cols: str = "ipc_main",
    unit: str = "documents",
    weight: str = "whole",
    missing: str = "drop",
    top: int | None = None,
    top_cols: int | None = None,
) -> pd.DataFrame:
    """Entity × field count matrix from the canonical table (zero-filled).

    Counts documents (件) or families (项) per (row value, column value). List columns
    (``applicants_std``, ``ipc`` ...) are split with :func:`navtrain.clean.explode`
    (duplicates in a cell count once): with ``weight='whole'`` a document counts 1 in
    every cell it belongs to; with ``'fractional'`` a document with k row values and m
    column values adds 1/(k·m) to each of its k·m cells, so the matrix sums to the
    number of documents counted (OECD *Patent Statistics Manual* 2009 on fractional
    counts). ``unit='families'``: each family counts once, described by its
    earliest-filed member (the rule :func:`navtrain.trend` uses).

    ``cols``/``rows`` may be any column; ``app_year``/``priority_year``/``pub_year`` are
    derived from the dates when absent. Year (integer) columns are sorted and every year
    in the range is kept (zero-filled); other rows and columns are ordered by how many
    documents they hold. ``top``/``top_cols`` keep only the n largest rows/columns
    (by documents counted). ``missing='drop'`` (default) leaves out documents without a
    row or column value, with a :class:`NavtrainWarning` and ``attrs['dropped']``;
    ``'keep'`` counts them under ``（缺失）``. Whole counts are integers.

    >>> from navtrain import load_sample
    >>> inv = load_sample().query("patent_type == 'invention'")
    >>> m = matrix(inv, rows="applicants_std", cols="ipc_main")
    >>> int(m.loc["中岳理工大学"].sum()), m.attrs["unit"], m.shape
    (3, 'documents', (6, 9))
    >>> f = matrix(inv, cols="app_year", weight="fractional")
    >>> float(f.to_numpy().sum()), float(f.loc["中岳理工大学", 2019])
    (13.0, 0.5)
    """
    unit_key = _unit(unit)
    mode = _weight(weight)
    miss = _missing(missing)
    table = _with_years(standardize_columns(df), (rows, cols))
    check_columns(table, [rows, cols], f"matrix(rows={rows!r}, cols={cols!r})")
    if unit_key == "families":
        table = _first_members(table)
    n_units = len(table)
    base = pd.DataFrame({"_unit": np.arange(n_units)})
    r_list = _is_list_column(table[rows], rows)
    c_list = _is_list_column(table[cols], cols)
    long, miss_r = _long_values(base, "_r", table[rows], r_list, mode, miss)
    c_source = pd.Series(table[cols].to_numpy(), dtype=object)
    long, miss_c = _long_values(long, "_c", c_source.iloc[long["_unit"].to_numpy()], c_list, mode, miss)
    dropped: dict[str, int] = {}
    if miss == "drop":
        if miss_r:
            dropped[f"no {rows}"] = miss_r
        if miss_c:
            dropped[f"no {cols}"] = miss_c
        bad = long["_r"].isna() | long["_c"].isna()
        if bad.any():
            n_bad = int(long.loc[bad, "_unit"].nunique())
            _warn_dropped("matrix", dropped, n_bad, n_units)
            long = long[~bad]
    long = long.assign(_w=long["_w_r"] * long["_w_c"])
    counted = int(long["_unit"].nunique())

    if len(long):
        cells = long.groupby(["_r", "_c"], sort=False)["_w"].sum()
        grid = cells.unstack("_c", fill_value=0.0)
        row_size = long.drop_duplicates(["_unit", "_r"]).groupby("_r", sort=False)["_w_r"].sum()
        col_size = long.drop_duplicates(["_unit", "_c"]).groupby("_c", sort=False)["_w_c"].sum()
    else:
        grid = pd.DataFrame(dtype="float64")
        row_size = col_size = pd.Series(dtype="float64")
    col_numeric = pd.api.types.is_integer_dtype(table[cols]) or (
        len(col_size) > 0 and all(isinstance(v, int | np.integer) for v in col_size.index))
    row_numeric = pd.api.types.is_integer_dtype(table[rows]) or (
        len(row_size) > 0 and all(isinstance(v, int | np.integer) for v in row_size.index))
    row_labels = _sorted_labels(row_size, row_numeric)
    if top is not None:
        row_labels = _sorted_labels(row_size, False)[: int(top)]
        if row_numeric:
            row_labels = sorted(row_labels)
    col_labels = _sorted_labels(col_size, col_numeric)
    if top_cols is not None:
        col_labels = _sorted_labels(col_size, False)[: int(top_cols)]
        if col_numeric:
            col_labels = sorted(col_labels)
    elif col_numeric and col_labels:
        ints = [int(v) for v in col_labels if not isinstance(v, str)]
        extra = [v for v in col_labels if isinstance(v, str)]  # （缺失） with missing='keep'
        col_labels = [*range(min(ints), max(ints) + 1), *extra] if ints else extra
    if len(row_labels) * len(col_labels) > MAX_CELLS:
        raise SchemaError(f"the matrix would have {len(row_labels):,} × {len(col_labels):,} cells",
                          fix="pass top= (rows) and/or top_cols= to keep the largest",
                          hint="矩阵过大，请用 top / top_cols 只保留头部行列")
    out = grid.reindex(index=row_labels, columns=col_labels, fill_value=0.0).fillna(0.0)
    if mode == "whole":
        out = out.round().astype("int64")
    out.index.name = rows
    out.columns.name = cols
    out.attrs.update(unit=unit_key, unit_zh=UNIT_ZH[unit_key], weight=mode, rows=rows, cols=cols,
                     documents=counted, dropped=dropped)
    return out


# --------------------------------------------------------------------------- flows


def _codes(series: pd.Series) -> pd.Series:
    """Office / country codes: stripped, upper case, blanks → missing (object dtype)."""
    s = series.astype("string").str.strip().str.upper()
    s = s.where(s != "", pd.NA)
    return s.astype(object).where(s.notna(), None)


def _flows(df: pd.DataFrame, source: str, target: str, fallback: str | None, unit_key: str,
           func: str) -> tuple[pd.DataFrame, dict[str, int], int]:
    """Long (unit, source, target) table for flow_matrix / overseas_ratio."""
    table = standardize_columns(df)
    check_columns(table, [target], func)
    if fallback is None or source in table.columns:
        check_columns(table, [source], func)
    else:
        check_columns(table, [fallback], f"{func} (fallback={fallback!r})")
        warnings.warn(f"{func}: the table has no column '{source}'; every family's source is the "
                      f"'{fallback}' of its first filing (缺少{source}列，以首次申请受理局作为来源)",
                      NavtrainWarning, stacklevel=3)
    if fallback is not None:
        check_columns(table, [fallback], f"{func} (fallback={fallback!r})")
    if unit_key == "families":
        check_columns(table, ["family_id"], f"{func}(unit='families')")
    fam = _family_key(table) if "family_id" in table.columns else None
    order = _date_order(table)
    work = pd.DataFrame({
        "_fam": (fam.to_numpy() if fam is not None else np.arange(len(table)).astype(str)),
        "_src": _codes(table[source]).to_numpy() if source in table.columns else None,
        "_tgt": _codes(table[target]).to_numpy(),
    }).iloc[order]
    if fallback is not None:
        work["_fb"] = _codes(table[fallback]).to_numpy()[order]
        first_filing = work.dropna(subset=["_fb"]).drop_duplicates("_fam").set_index("_fam")["_fb"]
        fb = work["_fam"].map(first_filing)
    else:
        fb = pd.Series(None, index=work.index, dtype=object)
    if unit_key == "families":
        fam_src = work.groupby("_fam", sort=False)["_src"].first()  # first non-missing, by filing date
        src = work["_fam"].map(fam_src)
    else:
        src = work["_src"]
    work["_source"] = src.astype(object).where(src.notna(), fb)
    dropped: dict[str, int] = {}
    no_tgt = work["_tgt"].isna()
    no_src = work["_source"].isna()
    if no_tgt.any():
        dropped[f"no {target}"] = int(no_tgt.sum())
    if no_src.any():
        dropped[f"no {source}" + (f" or {fallback}" if fallback else "")] = int(no_src.sum())
    bad = no_tgt | no_src
    if bad.any():
        _warn_dropped(func, dropped, int(bad.sum()), len(work))
        work = work[~bad]
    long = work[["_fam", "_source", "_tgt"]]
    if unit_key == "families":
        long = long.drop_duplicates(["_fam", "_tgt"])
    return long.sort_index(), dropped, len(table)


def flow_matrix(
    df: pd.DataFrame,
    source: str = "priority_country",
    target: str = "office",
    unit: str = "families",
    fallback: str | None = "office",
) -> pd.DataFrame:
    """Technology source → target market count matrix (技术来源国—目标市场国流向).

    Rows: the source, the ``priority_country`` (office of the earliest priority); where
    it is missing, the office (``fallback``) of the family's first filing (earliest
    ``app_date``). Columns: the target market, the ``office`` that published the
    document. ``unit='families'`` (项, default): a family counts once in every office it
    is filed in, so a row total exceeds the row's number of families when families go
    abroad; ``'documents'`` (件): every document counts once. WO (PCT) and EP appear
    as offices of their own. Zero-filled; rows and columns ordered by total.
    Sources: OECD *Patent Statistics Manual* 2009; WIPO landscape guidelines 2015
    ("what is filed where"); GB/T 39551.3.

    >>> from navtrain import load_sample
    >>> flow_matrix(load_sample()).loc["CN"].to_dict()
    {'CN': 19, 'US': 1, 'WO': 1}
    """
    unit_key = _unit(unit)
    long, dropped, _ = _flows(df, source, target, fallback, unit_key, "flow_matrix")
    if len(long):
        grid = long.groupby(["_source", "_tgt"]).size().unstack("_tgt", fill_value=0)
        rows = _sorted_labels(grid.sum(axis=1), False)
        cols = _sorted_labels(grid.sum(axis=0), False)
        out = grid.reindex(index=rows, columns=cols, fill_value=0).astype("int64")
    else:
        out = pd.DataFrame(dtype="int64")
    out.index.name = "source"
    out.columns.name = "target"
    out.attrs.update(unit=unit_key, unit_zh=UNIT_ZH[unit_key], source=source, target=target,
                     fallback=fallback, dropped=dropped)
    return out


def overseas_ratio(
    df: pd.DataFrame,
    source: str = "priority_country",
    target: str = "office",
    fallback: str | None = "office",
    ignore: Iterable[str] = (),
) -> pd.DataFrame:
    """Per source country, the share of its families filed in another office (海外布局率).

    Formula: overseas_ratio(c) = |{families from c with ≥ 1 member in an office ≠ c}|
    / |{families from c}| — families (项), ``family_id``; a document without one is its
    own family. The source is determined as in :func:`flow_matrix`. WO (PCT) and EP
    filings count as filings outside c unless listed in ``ignore`` (e.g.
    ``ignore=("WO",)``). Trap: on a one-office export (e.g. CNIPA data only) a
    foreign-priority family is "overseas" by construction and a domestic family shows
    only the members the database holds — use a global (DOCDB) data set.

    Returns ``source``, ``families``, ``overseas_families``, ``overseas_ratio``.

    >>> from navtrain import load_sample
    >>> r = overseas_ratio(load_sample())
    >>> r[["source", "families", "overseas_families"]].values.tolist()
    [['CN', 19, 2]]
    >>> round(float(r["overseas_ratio"].iloc[0]), 4)
    0.1053
    """
    long, dropped, _ = _flows(df, source, target, fallback, "families", "overseas_ratio")
    skip = {str(v).strip().upper() for v in ignore}
    foreign = (long["_tgt"] != long["_source"]) & ~long["_tgt"].isin(skip)
    per_family = long.assign(_foreign=foreign).groupby(["_source", "_fam"], sort=False)["_foreign"].any()
    grouped = per_family.groupby(level="_source")
    out = pd.DataFrame({"families": grouped.size(), "overseas_families": grouped.sum()})
    out = out.rename_axis("source").reset_index()
    out["families"] = out["families"].astype("int64")
    out["overseas_families"] = out["overseas_families"].astype("int64")
    out["overseas_ratio"] = out["overseas_families"] / out["families"].where(out["families"] > 0)
    out = out.sort_values(["families", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs.update(unit="families", unit_zh="项", source=source, target=target, fallback=fallback,
                     ignore=sorted(skip), dropped=dropped)
    return out
