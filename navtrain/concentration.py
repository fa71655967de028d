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

from navtrain import basis
from navtrain.basis import MISSING_GROUP
from navtrain.clean import explode
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.schema import BY_NAME, check_columns, standardize_columns

__all__ = ["cr_n", "flow_matrix", "hhi", "matrix", "overseas_ratio", "rta", "shares"]

_MISSING = {"drop": "drop", "keep": "keep"}
#: year column → the date basis it can be derived from
_YEAR_BASIS = {year: name for name, (_, year, _, _) in basis.DATE_BASES.items()}
#: above this many cells a dense matrix is refused (pass ``top=``)
MAX_CELLS = 50_000_000


# --------------------------------------------------------------------------- option parsing


def _missing(missing: str) -> str:
    key = _MISSING.get(str(missing).strip().lower())
    if key is None:
        raise UnknownNameError(f"unknown missing option {missing!r}",
                               fix="use 'drop' (warn and leave out) or 'keep' (group '（缺失）')",
                               hint="missing 只能是 drop（剔除并提示）或 keep（单列为“缺失”）")
    return key


# --------------------------------------------------------------------------- shared helpers


def _earliest_valid(table: pd.DataFrame, codes: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """For each group code, the position of its earliest member among the ``valid`` rows
    (−1 when none), by the one earliest-member rule (:func:`navtrain.basis.earliest_members`)."""
    n_groups = int(codes.max()) + 1 if len(codes) else 0
    first = np.full(n_groups, -1, dtype="int64")
    pos = np.flatnonzero(valid & (codes >= 0))
    if len(pos):
        sub = table.iloc[pos]
        picked = pos[basis.earliest_members(sub, pd.Series(codes[pos], index=sub.index))]
        first[codes[picked]] = picked
    return first


def _factorize_clean(values: pd.Series | np.ndarray, upper: bool = False) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (−1 = missing) and their labels; text stripped, blank text missing.

    Cleans the distinct values only, so a million cells cost one ``pd.factorize``.
    ``upper=True`` also upper-cases text (office and country codes).
    """
    codes, uniques = pd.factorize(values)
    labels = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    is_text = np.fromiter((isinstance(v, str) for v in labels), dtype=bool, count=len(labels))
    if not is_text.any():
        return codes, pd.Index(uniques)
    text = labels[is_text].str.strip()
    if upper:
        text = text.str.upper()
    labels[is_text] = text.where(text != "", None)
    remap, merged = pd.factorize(labels)
    codes = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1)
    return codes, pd.Index(merged, dtype=object)


def _is_list_column(series: pd.Series, name: str) -> bool:
    col = BY_NAME.get(name)
    if col is not None and col.kind == "list":
        return True
    first = series.dropna()
    return bool(len(first)) and isinstance(first.iloc[0], list | tuple | np.ndarray)


def _with_years(table: pd.DataFrame, names: Iterable[str]) -> pd.DataFrame:
    """Add or complete ``app_year``/``priority_year``/``pub_year`` from the dates when asked for."""
    for name in names:
        date = _YEAR_BASIS.get(name)
        if date is None:
            continue
        date_col = basis.DATE_BASES[date][0]
        if date_col in table.columns and pd.api.types.is_datetime64_any_dtype(table[date_col]):
            table = table.assign(**{name: basis.filing_year(table, date)})
    return table


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


def _dimension(series: pd.Series, is_list: bool, mode: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.Index]:
    """One entry per (document, value) of a column: unit positions, value codes (−1 =
    missing), weights and labels. List cells are split by :func:`navtrain.clean.explode`."""
    n = len(series)
    if is_list:
        base = pd.DataFrame({"_unit": np.arange(n), "_v": series.to_numpy()})
        long = explode(base, "_v", weight=mode, keep_empty=True)
        codes, labels = _factorize_clean(long["_v"])
        return long["_unit"].to_numpy(), codes, long["weight"].to_numpy(dtype="float64"), labels
    codes, labels = _factorize_clean(series.reset_index(drop=True))
    return np.arange(n), codes, np.ones(n), labels


def _with_missing_label(codes: np.ndarray, labels: pd.Index) -> tuple[np.ndarray, pd.Index]:
    if not (codes < 0).any():
        return codes, labels
    return np.where(codes < 0, len(labels), codes), pd.Index([*labels.tolist(), MISSING_GROUP], dtype=object)


def _unique_weight(unit: np.ndarray, codes: np.ndarray, w: np.ndarray, n_labels: int, repeated: bool) -> np.ndarray:
    """Σ of w over distinct (unit, code) pairs, per code: documents holding each value.

    Pairs repeat only when both dimensions are list columns (``repeated``).
    """
    if repeated and len(codes):
        key = unit.astype("int64") * max(n_labels, 1) + codes
        order = np.argsort(key, kind="stable")
        first = order[np.r_[True, key[order][1:] != key[order][:-1]]]
        codes, w = codes[first], w[first]
    return np.bincount(codes, weights=w, minlength=n_labels)


def _sorted_labels(sizes: pd.Series, by_value: bool) -> list[object]:
    """Labels by value (years) or by size (largest first, then label)."""
    if by_value:
        return sorted(sizes.index, key=_label_key)
    frame = pd.DataFrame({"label": sizes.index.astype(str), "size": sizes.to_numpy()})
    order = frame.sort_values(["size", "label"], ascending=[False, True], kind="stable").index
    return sizes.index[order].tolist()


def matrix(
    df: pd.DataFrame,
    rows: str = "applicants_std",
    cols: str = "ipc_main",
    unit: str = "applications",
    weight: str = "whole",
    missing: str = "drop",
    top: int | None = None,
    top_cols: int | None = None,
) -> pd.DataFrame:
    """Entity × field count matrix from the canonical table (zero-filled).

    Counts applications (件, default), families (项) or documents (篇) per (row value,
    column value); an application or family counts once, described by its earliest
    member (:func:`navtrain.basis.collapse`, the rule :func:`navtrain.trend` uses). List
    columns (``applicants_std``, ``ipc`` ...) are split with :func:`navtrain.clean.explode`
    (duplicates in a cell count once): with ``weight='whole'`` a unit counts 1 in
    every cell it belongs to; with ``'fractional'`` a unit with k row values and m
    column values adds 1/(k·m) to each of its k·m cells, so the matrix sums to the
    number of units counted (OECD *Patent Statistics Manual* 2009 on fractional
    counts).

    ``cols``/``rows`` may be any column; ``app_year``/``priority_year``/``pub_year`` are
    derived from the dates when absent. Year (integer) columns are sorted and every year
    in the range is kept (zero-filled); other rows and columns are ordered by how many
    units they hold. ``top``/``top_cols`` keep only the n largest rows/columns
    (by units counted). ``missing='drop'`` (default) leaves out units without a
    row or column value, with a :class:`NavtrainWarning` and ``attrs['dropped']``;
    ``'keep'`` counts them under ``（缺失）``. Whole counts are integers.

    >>> from navtrain import load_sample
    >>> inv = load_sample().query("patent_type == 'invention'")
    >>> m = matrix(inv, rows="applicants_std", cols="ipc_main")
    >>> int(m.loc["中岳理工大学"].sum()), m.attrs["unit"], m.shape
    (3, 'applications', (6, 9))
    >>> f = matrix(inv, cols="app_year", weight="fractional")
    >>> float(f.to_numpy().sum()), float(f.loc["中岳理工大学", 2019])
    (13.0, 0.5)
    """
    unit_key = basis.unit_key(unit)
    mode = basis.weight_key(weight)
    miss = _missing(missing)
    table = _with_years(standardize_columns(df), (rows, cols))
    check_columns(table, [rows, cols], f"matrix(rows={rows!r}, cols={cols!r})")
    if unit_key == "families":
        check_columns(table, ["family_id"], "counting families (unit='families')")
    table = basis.collapse(table, unit_key)
    n_units = len(table)
    u_r, r, w_r, r_labels = _dimension(table[rows], _is_list_column(table[rows], rows), mode)
    u_c, c, w_c, c_labels = _dimension(table[cols], _is_list_column(table[cols], cols), mode)
    both_lists = len(u_r) != n_units and len(u_c) != n_units
    if len(u_c) == n_units:  # one column value per document: look it up
        unit, c, w_c = u_r, c[u_r], w_c[u_r]
    elif len(u_r) == n_units:
        unit, r, w_r = u_c, r[u_c], w_r[u_c]
    else:  # two list columns: every row value meets every column value of the document
        pairs = pd.DataFrame({"u": u_r, "i": np.arange(len(u_r))}).merge(
            pd.DataFrame({"u": u_c, "j": np.arange(len(u_c))}), on="u")
        i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
        unit, r, w_r, c, w_c = u_r[i], r[i], w_r[i], c[j], w_c[j]
    dropped: dict[str, int] = {}
    if miss == "keep":
        r, r_labels = _with_missing_label(r, r_labels)
        c, c_labels = _with_missing_label(c, c_labels)
    else:
        bad = (r < 0) | (c < 0)
        if bad.any():
            for name, codes in ((rows, r), (cols, c)):
                n_miss = _n_distinct(unit[codes < 0], n_units)
                if n_miss:
                    dropped[f"no {name}"] = n_miss
            _warn_dropped("matrix", dropped, _n_distinct(unit[bad], n_units), n_units)
            keep = ~bad
            unit, r, w_r, c, w_c = unit[keep], r[keep], w_r[keep], c[keep], w_c[keep]
    counted = _n_distinct(unit, n_units)
    row_size = pd.Series(_unique_weight(unit, r, w_r, len(r_labels), both_lists), index=r_labels)
    col_size = pd.Series(_unique_weight(unit, c, w_c, len(c_labels), both_lists), index=c_labels)
    row_size, col_size = row_size[row_size > 0], col_size[col_size > 0]
    row_numeric = pd.api.types.is_integer_dtype(table[rows]) or _all_int(row_size.index)
    col_numeric = pd.api.types.is_integer_dtype(table[cols]) or _all_int(col_size.index)
    row_keep = _sorted_labels(row_size, row_numeric and top is None)
    if top is not None:
        row_keep = row_keep[: int(top)]
        if row_numeric:
            row_keep = sorted(row_keep, key=_label_key)
    col_keep = _sorted_labels(col_size, col_numeric and top_cols is None)
    if top_cols is not None:
        col_keep = col_keep[: int(top_cols)]
        if col_numeric:
            col_keep = sorted(col_keep, key=_label_key)
    row_labels, col_labels = list(row_keep), list(col_keep)
    if col_numeric and top_cols is None and col_labels:
        ints = [int(v) for v in col_labels if not isinstance(v, str)]
        extra = [v for v in col_labels if isinstance(v, str)]  # （缺失） with missing='keep'
        col_labels = [*range(min(ints), max(ints) + 1), *extra] if ints else extra
    if len(row_labels) * len(col_labels) > MAX_CELLS:
        raise SchemaError(f"the matrix would have {len(row_labels):,} × {len(col_labels):,} cells",
                          fix="pass top= (rows) and/or top_cols= to keep the largest",
                          hint="矩阵过大，请用 top / top_cols 只保留头部行列")
    # recode to output positions (−1 = not kept) and add up the weights in a dense grid
    r_pos = pd.Index(row_labels, dtype=object).get_indexer(pd.Index(r_labels, dtype=object))
    c_pos = pd.Index(col_labels, dtype=object).get_indexer(pd.Index(c_labels, dtype=object))
    rr, cc = r_pos[r], c_pos[c]
    ok = (rr >= 0) & (cc >= 0)
    n_r, n_c = len(row_labels), len(col_labels)
    grid = np.bincount(rr[ok] * n_c + cc[ok], weights=(w_r * w_c)[ok], minlength=n_r * n_c).reshape(n_r, n_c)
    if mode == "whole":  # sums of 1.0: exact integers
        grid = grid.astype("int64")
    out = pd.DataFrame(grid, index=pd.Index(row_labels, name=rows), columns=pd.Index(col_labels, name=cols))
    out.attrs.update(basis.unit_attrs(unit_key), weight=mode, rows=rows, cols=cols,
                     documents=counted, dropped=dropped)
    return out


def _n_distinct(positions: np.ndarray, n: int) -> int:
    """Number of distinct row positions (each in [0, n))."""
    return int(np.count_nonzero(np.bincount(positions, minlength=n))) if len(positions) else 0


def _all_int(labels: pd.Index) -> bool:
    return len(labels) > 0 and all(isinstance(v, int | np.integer) for v in labels)


def _label_key(v: object) -> tuple[bool, object]:
    return (isinstance(v, str), v)


# --------------------------------------------------------------------------- flows


def _flows(df: pd.DataFrame, source: str, target: str, fallback: str | None, unit_key: str,
           func: str) -> tuple[pd.DataFrame, dict[str, int]]:
    """Distinct (unit, source, target) rows for flow_matrix / overseas_ratio, as codes.

    Returns a frame with integer columns ``unit`` (application, family or document), ``src``, ``tgt``
    (codes into ``attrs['labels']``), and the dropped-row counts.
    """
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
    n = len(table)
    # one shared vocabulary of office/country codes for source, target and fallback
    parts = {"tgt": table[target]}
    if source in table.columns:
        parts["src"] = table[source]
    if fallback is not None:
        parts["fb"] = table[fallback]
    stacked = pd.concat([pd.Series(v.to_numpy(dtype=object), dtype=object) for v in parts.values()],
                        ignore_index=True)
    all_codes, labels = _factorize_clean(stacked, upper=True)
    code = {name: all_codes[i * n:(i + 1) * n] for i, name in enumerate(parts)}
    src = code.get("src", np.full(n, -1))
    fam = pd.factorize(basis.family_key(table))[0]
    unit = np.arange(n) if unit_key == "documents" else pd.factorize(basis.count_key(table, unit_key))[0]
    if unit_key != "documents":  # the unit's source: the first stated one, earliest member first
        first_src = _earliest_valid(table, unit, src >= 0)
        src = np.where(first_src[unit] >= 0, src[np.maximum(first_src[unit], 0)], -1)
    if fallback is not None:  # else the office of the family's first filing
        fb = code["fb"]
        first_fb = _earliest_valid(table, fam, fb >= 0)
        fb_fam = np.where(first_fb[fam] >= 0, fb[np.maximum(first_fb[fam], 0)], -1)
        src = np.where(src >= 0, src, fb_fam)
    tgt = code["tgt"]
    dropped: dict[str, int] = {}
    no_tgt, no_src = tgt < 0, src < 0
    if no_tgt.any():
        dropped[f"no {target}"] = int(no_tgt.sum())
    if no_src.any():
        dropped[f"no {source}" + (f" or {fallback}" if fallback else "")] = int(no_src.sum())
    bad = no_tgt | no_src
    if bad.any():
        _warn_dropped(func, dropped, int(bad.sum()), n)
    keep = ~bad
    long = pd.DataFrame({"unit": unit[keep], "src": src[keep], "tgt": tgt[keep]})
    if unit_key != "documents":
        long = long.drop_duplicates(["unit", "tgt"])
    long.attrs["labels"] = labels
    return long, dropped


def flow_matrix(
    df: pd.DataFrame,
    source: str = "priority_country",
    target: str = "office",
    unit: str = "applications",
    fallback: str | None = "office",
) -> pd.DataFrame:
    """Technology source → target market count matrix (技术来源国—目标市场国流向).

    Rows: the source, the ``priority_country`` (office of the earliest priority); where
    it is missing, the office (``fallback``) of the family's first filing (earliest
    ``app_date``). Columns: the target market, the ``office`` that published the
    document. ``unit='applications'`` (件, default): an application counts once (one
    application is filed in one office); ``'families'`` (项): a family counts once in
    every office it is filed in, so a row total exceeds the row's number of families when
    families go abroad; ``'documents'`` (篇): every document counts once. WO (PCT) and EP appear
    as offices of their own. Zero-filled; rows and columns ordered by total.
    Sources: OECD *Patent Statistics Manual* 2009; WIPO landscape guidelines 2015
    ("what is filed where"); GB/T 39551.3.

    >>> from navtrain import load_sample
    >>> flow_matrix(load_sample()).loc["CN"].to_dict()
    {'CN': 19, 'US': 1, 'WO': 1}
    """
    unit_key = basis.unit_key(unit)
    long, dropped = _flows(df, source, target, fallback, unit_key, "flow_matrix")
    labels = long.attrs["labels"]
    k = len(labels)
    counts = np.bincount(long["src"].to_numpy() * k + long["tgt"].to_numpy(), minlength=k * k).reshape(k, k)
    grid = pd.DataFrame(counts, index=pd.Index(labels, dtype=object), columns=pd.Index(labels, dtype=object))
    grid = grid.loc[grid.sum(axis=1) > 0, grid.sum(axis=0) > 0]
    out = grid.loc[_sorted_labels(grid.sum(axis=1), False), _sorted_labels(grid.sum(axis=0), False)]
    out = out.astype("int64")
    out.index.name = "source"
    out.columns.name = "target"
    out.attrs.update(basis.unit_attrs(unit_key), source=source, target=target,
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
    long, dropped = _flows(df, source, target, fallback, "families", "overseas_ratio")
    labels = long.attrs["labels"]
    skip = {str(v).strip().upper() for v in ignore}
    ignored = np.isin(np.asarray(labels, dtype=object), list(skip)) if len(labels) else np.zeros(0, dtype=bool)
    src, tgt, fam = long["src"].to_numpy(), long["tgt"].to_numpy(), long["unit"].to_numpy()
    foreign = (tgt != src) & ~ignored[tgt] if len(tgt) else np.zeros(0, dtype=bool)
    # one source per family: count each family once, overseas when any member is abroad
    fam_src = np.full(int(fam.max()) + 1 if len(fam) else 0, -1)
    fam_src[fam] = src
    abroad = np.zeros(len(fam_src), dtype=bool)
    abroad[fam[foreign]] = True
    present = fam_src >= 0
    k = len(labels)
    families = np.bincount(fam_src[present], minlength=k)
    overseas = np.bincount(fam_src[present & abroad], minlength=k)
    out = pd.DataFrame({"source": pd.Series(np.asarray(labels, dtype=object), dtype=object),
                        "families": families.astype("int64"), "overseas_families": overseas.astype("int64")})
    out = out[out["families"] > 0]
    out["overseas_ratio"] = out["overseas_families"] / out["families"]
    out = out.sort_values(["families", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs.update(basis.unit_attrs("families"), source=source, target=target, fallback=fallback,
                     ignore=sorted(skip), dropped=dropped)
    return out
