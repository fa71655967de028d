"""Helpers that turn multi-valued cells into long tables (the WIPO Manual's "split, then
count").

The canonical table keeps applicants, inventors and IPC symbols as lists in one row per
document; counting by applicant or by IPC needs one row per (document, value). Whole
counting gives every value weight 1; fractional counting gives each of the *k* values of a
document weight 1/k, so weights add up to the number of documents (OECD *Patent Statistics
Manual*, 2009, §5 on fractional counts).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from navtrain.basis import family_key, weight_key
from navtrain.schema import check_columns, standardize_columns

#: ``family_key`` lives in :mod:`navtrain.basis` (the one family rule); it stays importable here.
__all__ = ["explode", "family_key"]


def explode(df: pd.DataFrame, col: str, weight: str = "whole", keep_empty: bool = False,
            value_name: str | None = None) -> pd.DataFrame:
    """One row per (document, value) of a list column, with a ``weight`` column.

    Formula: for a document with values v1..vk, each row gets weight 1 (``whole``) or
    1/k (``fractional``); fractional weights of a document sum to 1. Duplicate values
    within one cell count once. Documents with an empty list are dropped unless
    ``keep_empty=True`` (then they keep one row with value ``None`` and weight 1, so
    the weights still sum to the number of documents). The exploded values replace the
    list column (or go to ``value_name``); all other columns are kept. The input is not
    changed.

    >>> from navtrain import load_sample
    >>> long = explode(load_sample(), "applicants_std", weight="fractional")
    >>> len(long), float(round(long["weight"].sum(), 6))
    (23, 21.0)
    >>> long.loc[long["pub_no"] == "CN110560001B", ["applicants_std", "weight"]].values.tolist()
    [['豫东微粉科技有限公司', 0.5], ['中岳理工大学', 0.5]]
    """
    mode = weight_key(weight)
    table = standardize_columns(df)
    check_columns(table, [col], f"explode({col!r})")
    n = len(table)
    pos = np.arange(n)
    cells = pd.Series(table[col].to_numpy(dtype=object), index=pos)
    flat = cells.explode()  # C-level; a text cell stays one value, an empty list gives NaN
    parent = flat.index.to_numpy()
    values = flat.astype("string").str.strip()
    valid = (values.notna() & (values != "")).to_numpy()
    valid &= ~pd.DataFrame({"p": parent, "v": values}).duplicated().to_numpy()  # repeats in a cell count once
    parent, values = parent[valid], values[valid].astype(object).to_numpy()
    sizes = np.bincount(parent, minlength=n)
    if keep_empty:
        empty_rows = np.flatnonzero(sizes == 0)
        parent = np.concatenate([parent, empty_rows])
        values = np.concatenate([values, np.full(len(empty_rows), None, dtype=object)])
        order = np.argsort(parent, kind="stable")
        parent, values = parent[order], values[order]
    out = table.drop(columns=[col]).iloc[parent]
    target = value_name or col
    out = out.assign(**{target: values})
    if mode == "whole":
        out["weight"] = 1.0
    else:
        out["weight"] = 1.0 / np.maximum(sizes, 1)[parent]
    return out.reset_index(drop=True)
