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

from navtrain.errors import SchemaError
from navtrain.schema import check_columns, standardize_columns

__all__ = ["explode"]

_WEIGHTS = {"whole": "whole", "整数": "whole", "fractional": "fractional", "分数": "fractional",
            "fraction": "fractional"}


def explode(df: pd.DataFrame, column: str, weight: str = "whole", keep_empty: bool = False,
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
    mode = _WEIGHTS.get(str(weight).lower())
    if mode is None:
        raise SchemaError(f"unknown weight {weight!r}", fix="use 'whole' or 'fractional'",
                          hint="weight 只能是 whole（整数计数）或 fractional（分数计数）")
    table = standardize_columns(df)
    check_columns(table, [column], f"explode({column!r})")
    cells = table[column]
    lists = cells.map(_as_unique_list)  # one Python call per cell: cells hold Python lists
    sizes = lists.str.len().to_numpy()
    out = table.drop(columns=[column]).iloc[np.repeat(np.arange(len(table)), np.maximum(sizes, 1))]
    exploded = lists.explode()  # empty lists give one NaN row, matching np.maximum(sizes, 1)
    values = exploded.astype(object).where(exploded.notna(), None).to_numpy()
    target = value_name or column
    out = out.assign(**{target: values})
    if mode == "whole":
        w = np.ones(len(out))
    else:
        w = np.repeat(1.0 / np.maximum(sizes, 1), np.maximum(sizes, 1))
    out["weight"] = w
    if not keep_empty:
        out = out[np.repeat(sizes > 0, np.maximum(sizes, 1))]
    return out.reset_index(drop=True)


def _as_unique_list(value: object) -> list[str]:
    if isinstance(value, list | tuple | np.ndarray):
        seen: dict[str, None] = {}
        for v in value:
            if v is not None and str(v).strip():
                seen.setdefault(str(v).strip(), None)
        return list(seen)
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return []
    text = str(value).strip()
    return [text] if text else []
