"""IPC composition (技术构成): parse IPC symbols, count them by level, by year, and together.

An IPC symbol such as ``C30B 29/04`` has five levels: section ``C`` (部), class ``C30``
(大类), subclass ``C30B`` (小类), main group ``C30B29/00`` (大组) and group ``C30B29/04``
(小组). Counting uses either the **main IPC** (``ipc_main``: each document once, exclusive)
or **all IPCs** (``ipc`` list: whole counting, where a document counts once in each of its
distinct codes, or fractional counting, 1/k for each of its k codes, so the counts add up to
the documents). Always say which.

Sources: GB/T 39551.1 (the descriptive analyses of 专利导航分析, among them the technology
composition by IPC); WIPO *Guide to the International Patent Classification*
(symbol structure, version 2024.01); WIPO *Manual on Open Source Patent Analytics* (split
multi-valued fields, then count; readable labels through a join table); OECD *Patent
Statistics Manual* (2009), §5, on fractional counts. Labels: ``navtrain/data/ipc_subclass_labels.csv``
(short labels written by the navtrain authors, not the official titles).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

from navtrain import basis as nb
from navtrain.basis import DATE_BASES, incomplete_years
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.normalize import ipc_parts as _factorized_parts
from navtrain.normalize import parse_ipc
from navtrain.plots import INCOMPLETE_COLOR, PALETTE, new_axes, save_chart, unit_label
from navtrain.schema import BY_NAME, check_columns, standardize_columns

__all__ = [
    "LEVELS",
    "SECTION_LABELS",
    "ipc_by_year",
    "ipc_cooccurrence",
    "ipc_counts",
    "ipc_label",
    "parse_ipc",
    "plot_ipc_composition",
    "plot_ipc_heatmap",
]

DATA = Path(__file__).resolve().parent / "data"

#: The five IPC levels, coarse to fine, with their Chinese names.
LEVELS: dict[str, str] = {"section": "部", "class": "大类", "subclass": "小类", "main_group": "大组",
                          "group": "小组"}
_LEVEL_ALIASES = {
    "section": "section", "部": "section", "1": "section",
    "class": "class", "大类": "class", "3": "class",
    "subclass": "subclass", "sub_class": "subclass", "小类": "subclass", "4": "subclass",
    "main_group": "main_group", "maingroup": "main_group", "main group": "main_group", "大组": "main_group",
    "group": "group", "subgroup": "group", "sub_group": "group", "小组": "group", "symbol": "group",
}
#: The eight IPC sections (official short titles).
SECTION_LABELS: dict[str, tuple[str, str]] = {
    "A": ("人类生活必需", "Human necessities"),
    "B": ("作业；运输", "Performing operations; transporting"),
    "C": ("化学；冶金", "Chemistry; metallurgy"),
    "D": ("纺织；造纸", "Textiles; paper"),
    "E": ("固定建筑物", "Fixed constructions"),
    "F": ("机械工程；照明；加热；武器；爆破", "Mechanical engineering; lighting; heating; weapons; blasting"),
    "G": ("物理", "Physics"),
    "H": ("电学", "Electricity"),
}
_BASES = {"main": "main", "主分类": "main", "main_ipc": "main", "ipc_main": "main", "first": "main",
          "exclusive": "main", "all": "all", "全部": "all", "ipc": "all", "all_ipc": "all"}

def _level(level: str) -> str:
    key = str(level).strip().lower()
    if key not in _LEVEL_ALIASES:
        raise UnknownNameError(
            f"unknown IPC level {level!r}",
            fix="use 'section' (部), 'class' (大类), 'subclass' (小类), 'main_group' (大组) or 'group' (小组)",
            hint="IPC 层级只能是部、大类、小类、大组或小组",
        )
    return _LEVEL_ALIASES[key]


def _basis_ipc(basis: str) -> str:
    key = _BASES.get(str(basis).strip().lower())
    if key is None:
        raise UnknownNameError(f"unknown IPC basis {basis!r}",
                               fix="use 'main' (the main IPC, ipc_main) or 'all' (every IPC in ipc)",
                               hint="basis 只能是 main（主分类号）或 all（全部分类号）")
    return key


# --------------------------------------------------------------------------- parsing


def _explode_encode(cells: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row position, code, distinct values) of every value in a list column.

    Equivalent to ``navtrain.clean.explode`` followed by ``pd.factorize`` (duplicates within
    a cell are kept; callers de-duplicate codes), but done in pyarrow when every cell is a
    list of strings (about 3x less CPU on a million rows than ``Series.explode``); a text
    cell counts as one value, as in ``explode``.
    """
    values = cells.to_numpy()
    try:
        import pyarrow as pa
        import pyarrow.compute as pc

        if not set(map(type, values)) <= {list, type(None), float}:  # arrow would split a text cell
            raise TypeError("not only lists")
        arr = pa.array(values, type=pa.list_(pa.string()), from_pandas=True)
        flat = pc.list_flatten(arr)
        pos = np.asarray(pc.list_parent_indices(arr), dtype=np.int64)
        enc = pc.dictionary_encode(flat)
        codes = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
        return pos, codes, np.asarray(enc.dictionary.to_pylist(), dtype=object)
    except (ImportError, TypeError, ValueError, ArithmeticError, NotImplementedError):
        values = pd.Series(values, dtype=object).explode()  # C-level, not per cell
        keep = values.notna().to_numpy()
        pos = np.asarray(values.index.to_numpy()[keep], dtype=np.int64)
        codes, uniques = pd.factorize(pd.Series(values.to_numpy()[keep], dtype=object), use_na_sentinel=True)
        return pos, np.asarray(codes, dtype=np.int64), np.asarray(uniques, dtype=object)


# --------------------------------------------------------------------------- labels


@cache
def _label_table() -> pd.DataFrame:
    return pd.read_csv(DATA / "ipc_subclass_labels.csv", comment="#", dtype=str).set_index("subclass")


def ipc_label(codes: str | pd.Series | list[str], lang: str = "zh") -> str | float | pd.Series:
    """Short readable label of an IPC code: 'C30B' → '晶体生长' (lang='zh') or 'Single-crystal growth'.

    Any symbol is labelled by its subclass (``C30B29/04`` → 晶体生长); a single section
    letter by the section title (``H`` → 电学). Labels come from
    ``navtrain/data/ipc_subclass_labels.csv``: short labels the navtrain authors wrote
    after the WIPO IPC scheme (version 2024.01), not the official titles. Unknown or
    unparseable codes (and class-level codes such as ``C30``) give NaN. A string gives a
    string; a list or Series gives a Series.

    >>> ipc_label("C30B 29/04"), ipc_label("E21B", lang="en")
    ('晶体生长', 'Earth and rock drilling, drill bits')
    >>> ipc_label(["H", "B24D", "Z99Z"]).tolist()
    ['电学', '磨具（砂轮等）', nan]
    """
    lang_key = str(lang).strip().lower()
    if lang_key not in ("zh", "en", "中文", "英文", "cn", "chinese", "english"):
        raise UnknownNameError(f"unknown label language {lang!r}", fix="use lang='zh' or lang='en'",
                               hint="lang 只能是 zh（中文）或 en（英文）")
    col = "title_en" if lang_key in ("en", "英文", "english") else "title_zh"
    scalar = isinstance(codes, str)
    s = pd.Series([codes] if scalar else list(codes) if not isinstance(codes, pd.Series) else codes,
                  dtype=object)
    table = _label_table()
    sub = parse_ipc(s)["subclass"]
    labels = sub.map(table[col]).astype(object)
    key = s.where(s.map(lambda v: isinstance(v, str)).astype(bool)).astype("string")
    key = key.str.normalize("NFKC").str.strip().str.upper()
    section = key.map({k: v[1 if col == "title_en" else 0] for k, v in SECTION_LABELS.items()})
    labels = labels.where(labels.notna(), section).astype(object)
    labels = labels.where(labels.notna(), np.nan)
    labels.name = None
    if scalar:
        return labels.iloc[0]
    if not isinstance(codes, pd.Series):
        labels = labels.reset_index(drop=True)
    return labels


def _labels_for(codes: pd.Series, level: str, col: str) -> pd.Series:
    """Labels of level codes: section titles, subclass labels for subclass and finer, NaN for classes."""
    if level == "section":
        return codes.map({k: v[1 if col == "title_en" else 0] for k, v in SECTION_LABELS.items()}).astype(object)
    if level == "class":
        return pd.Series(np.nan, index=codes.index, dtype=object)
    return codes.str.slice(0, 4).map(_label_table()[col]).astype(object)


def _display(code: str, label: object) -> str:
    return f"{code} {label}" if isinstance(label, str) and label else str(code)


# --------------------------------------------------------------------------- long tables


def _unit_keys(table: pd.DataFrame, unit_key: str) -> np.ndarray:
    """Integer unit id per row (0..K-1): the application, family or row position
    (:func:`navtrain.basis.count_key`)."""
    if unit_key == "documents":
        return np.arange(len(table), dtype=np.int64)
    return np.asarray(pd.factorize(nb.count_key(table, unit_key))[0], dtype=np.int64)


def _warn(purpose: str, dropped: dict[str, int], reason: str, n: int, total: int, what: str,
          zh: str) -> None:
    if n:
        dropped[reason] = dropped.get(reason, 0) + int(n)
        warnings.warn(f"{purpose}: {n} of {total} {what} were not counted: {reason} ({zh})", NavtrainWarning,
                      stacklevel=4)


def check_ipc_columns(table: pd.DataFrame, basis: str, purpose: str) -> None:
    """Raise the house error when the table lacks the IPC column ``basis`` needs
    ('main': ``ipc_main`` or ``ipc``; 'all': ``ipc``)."""
    need = "ipc_main" if basis == "main" else "ipc"
    if need not in table.columns and not (basis == "main" and "ipc" in table.columns):
        raise SchemaError(
            f"{purpose} needs column '{need}' ({BY_NAME[need].zh}), which the table lacks",
            fix="the importer (read_patents) fills ipc / ipc_main from the IPC columns of the export; "
            "or rename your headers (navtrain.standardize_columns)",
            hint="缺少IPC分类号列，请用 read_patents 导入或检查列名",
        )


def _row_codes(table: pd.DataFrame, level: str, basis: str, purpose: str, dropped: dict[str, int],
               ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, object]:
    """Distinct (row, code) pairs with integer codes into ``names``; 'row has IPC text'; first bad text.

    Every symbol is parsed once per distinct value; the rest is integer arithmetic.
    """
    n = len(table)
    if basis == "main":
        if "ipc_main" in table.columns:
            raw = table["ipc_main"]
        else:  # forgiving: the main IPC is the first of the list
            raw = table["ipc"].map(lambda v: v[0] if isinstance(v, list | tuple) and len(v) else None)
        pos = np.arange(n, dtype=np.int64)
        codes, parts = _factorized_parts(raw)
    else:
        pos, codes, uniques = _explode_encode(table["ipc"])
        codes, parts = _factorized_parts(encoded=(codes, uniques))
    level_codes, names = pd.factorize(parts[level], use_na_sentinel=True)
    level_codes = np.append(np.asarray(level_codes, dtype=np.int64), -1)  # index -1: missing value
    blank = np.append(parts["_blank"].to_numpy(dtype=bool), True)
    row_code = level_codes[codes]
    text = ~blank[codes]
    ok = row_code >= 0
    bad = text & ~ok
    first = parts["_raw"].iloc[codes[bad][0]] if bad.any() else None
    if basis == "all" and bad.any():
        n_bad = int(bad.sum())
        dropped["unparseable IPC symbols"] = dropped.get("unparseable IPC symbols", 0) + n_bad
        warnings.warn(f"{purpose}: {n_bad} IPC symbol(s) could not be parsed and were ignored, "
                      f"first {first!r} (无法识别的分类号已忽略)", NavtrainWarning, stacklevel=4)
    present = np.zeros(n, dtype=bool)
    present[pos[text]] = True
    rows, row_codes = pos[ok], row_code[ok]
    if basis == "all":  # distinct (row, code) pairs, hashed as one int64
        first_seen = ~pd.Series(rows * (len(names) + 1) + row_codes).duplicated().to_numpy()
        rows, row_codes = rows[first_seen], row_codes[first_seen]
    long = pd.DataFrame({"_row": rows, "code": row_codes})
    return long, np.asarray(names, dtype=object), present, first


Mapper = Callable[[pd.DataFrame, np.ndarray], tuple[pd.DataFrame, np.ndarray]]


def unit_long(table: pd.DataFrame, level: str, basis: str, unit_key: str, weight_key: str, purpose: str,
              mapper: Mapper | None = None, date: str = "application",
              ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, dict[str, int], dict[str, int]]:
    """Long table (key, code, weight) in the counting unit, code names, key per row, dropped, excluded.

    The building block of :func:`ipc_counts`, :func:`ipc_by_year` and
    :func:`navtrain.ipc_to_industry`. Keys and codes are integers (codes index ``names``).
    Documents: key = row position. Applications and families (:func:`navtrain.basis.count_key`):
    main basis uses the main IPC of the earliest member (:func:`navtrain.basis.earliest_members`
    on the date basis ``date``) that has one; all basis uses the union of the members'
    codes. Weight: 1 (whole / exclusive; or
    the ``base`` column a ``mapper`` sets) or 1/k over a unit's k distinct codes.
    ``mapper`` turns (row, code) pairs and names into (row, code, base) pairs and new
    names (e.g. IPC → technology field); units whose codes all fail to map are dropped
    with a warning.
    """
    dropped: dict[str, int] = {}
    excluded: dict[str, int] = {}
    long, names, present, first_bad = _row_codes(table, level, basis, purpose, dropped)
    n = len(table)
    design = (table["patent_type"].astype(object) == "design").fillna(False).to_numpy(dtype=bool) \
        if "patent_type" in table.columns else np.zeros(n, dtype=bool)
    keys = _unit_keys(table, unit_key)
    n_keys = int(keys.max()) + 1 if n else 0
    unit_has = np.bincount(keys[long["_row"].to_numpy()], minlength=n_keys) > 0
    unit_text = np.bincount(keys, weights=present, minlength=n_keys) > 0
    unit_design = np.bincount(keys, weights=~design, minlength=n_keys) == 0
    no_code = ~unit_has
    n_design = int((no_code & unit_design).sum())
    if n_design:
        excluded["design patents (Locarno, no IPC)"] = n_design
    what = unit_key
    _warn(purpose, dropped, "no IPC", int((no_code & ~unit_design & ~unit_text).sum()), n_keys, what,
          "无IPC分类号的记录未计入")
    _warn(purpose, dropped, "unparseable IPC", int((no_code & ~unit_design & unit_text).sum()), n_keys,
          what, f"分类号无法识别，首个 {first_bad!r}")
    if mapper is not None:
        long, names = mapper(long, names)
        unit_mapped = np.bincount(keys[long["_row"].to_numpy()], minlength=n_keys) > 0
        _warn(purpose, dropped, "IPC not in the concordance", int((unit_has & ~unit_mapped).sum()),
              n_keys, what, "分类号不在对照表中")
    long["key"] = keys[long["_row"].to_numpy()]
    if unit_key != "documents" and basis == "main":  # main IPC of the earliest member that has one
        rows = long["_row"].to_numpy()
        with_code = np.unique(rows)
        sub = table.iloc[with_code]
        first = with_code[nb.earliest_members(sub, pd.Series(keys[with_code], index=sub.index), date)]
        chosen = np.zeros(n, dtype=bool)
        chosen[first] = True
        long = long[chosen[rows]]
    if unit_key != "documents" or mapper is not None:  # documents without a mapper: already distinct
        combo = long["key"].to_numpy() * (len(names) + 1) + long["code"].to_numpy()
        long = long[~pd.Series(combo).duplicated().to_numpy()]
    if weight_key == "fractional" and basis == "all":
        k = np.bincount(long["key"].to_numpy(), minlength=n_keys)
        long["weight"] = 1.0 / k[long["key"].to_numpy()]
    elif "base" in long.columns and basis == "main":
        long["weight"] = long["base"]
    else:
        long["weight"] = 1
    return long[["key", "code", "weight"]].reset_index(drop=True), names, keys, dropped, excluded


def _code_totals(long: pd.DataFrame, names: np.ndarray) -> pd.Series:
    """Σ weight per code, indexed by the code names."""
    totals = np.bincount(long["code"].to_numpy(), weights=long["weight"].to_numpy(dtype=float),
                         minlength=len(names))
    used = np.bincount(long["code"].to_numpy(), minlength=len(names)) > 0
    return pd.Series(totals[used], index=pd.Index(names[used], dtype=object))


def _prepare(df: pd.DataFrame, level: str, basis: str, unit: str, weight: str,
             purpose: str) -> tuple[pd.DataFrame, str, str, str, str]:
    level_key, basis_key = _level(level), _basis_ipc(basis)
    unit_key, weight_key = nb.unit_key(unit), nb.weight_key(weight)
    table = standardize_columns(df)
    check_ipc_columns(table, basis_key, purpose)
    if unit_key == "families":
        check_columns(table, ["family_id"], f"{purpose}(unit='families')")
    return table, level_key, basis_key, unit_key, weight_key


def _main_source(table: pd.DataFrame, basis: str) -> str | None:
    if basis != "main":
        return None
    return "ipc_main" if "ipc_main" in table.columns else "first symbol of ipc"


def _counting_note(basis: str, weight: str, unit_zh: str) -> str:
    if basis == "main":
        return f"main IPC (exclusive): each {unit_zh} counted once (主分类号，独占计数)"
    if weight == "whole":
        return (f"all IPCs, whole counting: a {unit_zh} counts 1 in each of its distinct codes; counts add up "
                f"to more than the {unit_zh} (全部分类号，整数计数)")
    return (f"all IPCs, fractional counting: 1/k to each of a {unit_zh}'s k distinct codes; counts add up "
            f"to the {unit_zh} (全部分类号，分数计数)")


# --------------------------------------------------------------------------- counts


def ipc_counts(
    df: pd.DataFrame,
    level: str = "subclass",
    basis: str = "main",
    unit: str = "applications",
    weight: str = "whole",
    top: int | None = None,
) -> pd.DataFrame:
    """Count applications (件), families (项) or documents (篇) by IPC level, with shares and labels (技术构成).

    Parameters
    ----------
    level : 'section', 'class', 'subclass' (default), 'main_group' or 'group'
        (also 部/大类/小类/大组/小组).
    basis : 'main' (default): the main IPC ``ipc_main`` (the first symbol of ``ipc``
        when the table has no ``ipc_main``), each document once (exclusive); 'all':
        every IPC in the ``ipc`` list.
    weight : with ``basis='all'``: 'whole' (a document counts 1 in each of its distinct
        codes at the level) or 'fractional' (1/k to each of its k codes).
    unit : 'applications' (件, default), 'families' (项) or 'documents' (篇). An
        application or family counts once: the main IPC of its earliest member that has
        one, or the union of its members' IPCs.
    top : keep only the first ``top`` rows (shares stay relative to all codes).

    Returns a new DataFrame: the level code (column named after the level),
    ``label_zh``, ``label_en``, ``count``, ``share`` (= count / Σ count, so shares add up to
    1) and, for whole counting of all IPCs, ``share_of_units`` (= count / number of
    counted documents or families; these add up to more than 1). Sorted by count.
    ``attrs`` states level, basis, weight, unit, the counting rule, the number of counted
    units and the rows dropped. Design patents carry no IPC (they use Locarno) and are
    excluded without a warning (``attrs['excluded']``); other rows without a usable IPC
    are dropped with a :class:`NavtrainWarning`.

    Formula: exclusive n_c = |{d : main(d) ∈ c}|; whole n_c = |{d : c ∈ C(d)}|;
    fractional n_c = Σ_d [c ∈ C(d)] / |C(d)|, with C(d) the distinct codes of d.

    >>> from navtrain import load_sample
    >>> t = ipc_counts(load_sample())
    >>> t.head(3)[["subclass", "label_zh", "count"]].values.tolist()
    [['C23C', '镀覆与气相沉积', 3], ['C30B', '晶体生长', 3], ['E21B', '钻探与钻头', 3]]
    >>> int(t["count"].sum()), t.attrs["excluded"]
    (20, {'design patents (Locarno, no IPC)': 1})
    >>> f = ipc_counts(load_sample(), basis="all", weight="fractional")
    >>> round(float(f["count"].sum()), 6), float(f.set_index("subclass").loc["C30B", "count"])
    (20.0, 3.0)
    """
    purpose = "ipc_counts"
    table, level_key, basis_key, unit_key, weight_key = _prepare(df, level, basis, unit, weight, purpose)
    long, names, _, dropped, excluded = unit_long(table, level_key, basis_key, unit_key, weight_key, purpose)
    n_units = int(long["key"].nunique())
    counts = _code_totals(long, names)
    out = counts.rename("count").rename_axis(level_key).reset_index()
    if weight_key == "whole" or basis_key == "main":
        out["count"] = out["count"].astype("int64")
    out[level_key] = out[level_key].astype(object)
    out = out.sort_values(["count", level_key], ascending=[False, True], kind="stable").reset_index(drop=True)
    total = float(out["count"].sum())
    out["share"] = out["count"] / total if total else np.nan
    if basis_key == "all" and weight_key == "whole":
        out["share_of_units"] = out["count"] / n_units if n_units else np.nan
    codes = out[level_key].astype(str)
    out.insert(1, "label_zh", _labels_for(codes, level_key, "title_zh").to_numpy())
    out.insert(2, "label_en", _labels_for(codes, level_key, "title_en").to_numpy())
    if top is not None:
        out = out.head(int(top)).reset_index(drop=True)
    out.attrs.update(level=level_key, level_zh=LEVELS[level_key], basis=basis_key,
                     weight="exclusive" if basis_key == "main" else weight_key,
                     counting=_counting_note(basis_key, weight_key, nb.UNIT_ZH[unit_key]),
                     **nb.unit_attrs(unit_key), n_units=n_units,
                     dropped=dropped, excluded=excluded, main_ipc=_main_source(table, basis_key))
    return out


def ipc_by_year(
    df: pd.DataFrame,
    level: str = "subclass",
    top: int | None = 10,
    basis: str = "main",
    weight: str = "whole",
    unit: str = "applications",
    date: str = "application",
    cutoff: object = None,
    lag_months: int | None = None,
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """IPC × year matrix (IPC 技术构成年度变化), zero-filled, incomplete years flagged.

    Rows are the ``top`` codes by total count (all codes when ``top=None``), columns are
    every year from ``start`` to ``end`` (default: the data range), cells are counts
    counted as in :func:`ipc_counts` (``basis``/``weight``/``unit``). The year is taken
    as in :func:`navtrain.trend` (``date``: application 申请日, priority or publication;
    the stated year where present); an application or family counts in the year of its
    earliest member. Years still incomplete at ``cutoff`` because of the publication lag
    are listed in ``attrs['incomplete_years']`` by :func:`navtrain.incomplete_years` (the
    trend rule: 31 Dec + lag > cut-off; default lag 18 months for application dates,
    cut-off :func:`navtrain.basis.default_cutoff`).

    Formula: M[c, y] = Σ over units d filed in year y of w(d, c).

    >>> from navtrain import load_sample
    >>> m = ipc_by_year(load_sample(), top=3, cutoff="2024-12-31")
    >>> m.loc["E21B"].to_dict()
    {2015: 0, 2016: 0, 2017: 1, 2018: 0, 2019: 0, 2020: 1, 2021: 1, 2022: 0, 2023: 0, 2024: 0}
    >>> m.attrs["incomplete_years"]
    [2023, 2024]
    """
    purpose = "ipc_by_year"
    table, level_key, basis_key, unit_key, weight_key = _prepare(df, level, basis, unit, weight, purpose)
    date_basis = nb.date_basis(date)
    cut = nb.resolve_cutoff(cutoff, table)
    lag = nb.resolve_lag(lag_months, date_basis)
    date_col, year_col, _, year_label = DATE_BASES[date_basis]
    if date_col not in table.columns and year_col not in table.columns:
        check_columns(table, [date_col], f"{purpose} by {date_basis} date")
    if date_col in table.columns and not pd.api.types.is_datetime64_any_dtype(table[date_col]):
        raise SchemaError(f"column '{date_col}' ({BY_NAME[date_col].zh}) holds {table[date_col].dtype}, not dates",
                          fix="convert it with pd.to_datetime or navtrain.to_patent_table(df)",
                          hint="日期列需先转换为日期类型")
    long, names, keys, dropped, excluded = unit_long(table, level_key, basis_key, unit_key, weight_key,
                                                     purpose, date=date_basis)
    years = nb.filing_year(table, date_basis).to_numpy(dtype="float64", na_value=np.nan)
    first = nb.earliest_members(table, pd.Series(keys, index=table.index), date_basis)
    unit_year = np.full(int(keys.max()) + 1 if len(keys) else 0, np.nan)
    unit_year[keys[first]] = years[first]  # a unit files in the year of its earliest member
    long["year"] = unit_year[long["key"].to_numpy()]
    no_year = long.loc[long["year"].isna(), "key"].nunique()
    if no_year:
        what = unit_key
        _warn(purpose, dropped, f"no {date_basis} date", int(no_year), int(long["key"].nunique()), what,
              "日期缺失的记录未计入")
        long = long[long["year"].notna()]
    long["year"] = long["year"].astype("int64")
    lo = start if start is not None else (int(long["year"].min()) if len(long) else None)
    hi = end if end is not None else (int(long["year"].max()) if len(long) else None)
    if lo is None or hi is None:
        all_years = pd.Index([], dtype="int64", name="year")
    else:
        all_years = pd.RangeIndex(int(lo), int(hi) + 1, name="year")
        long = long[(long["year"] >= int(lo)) & (long["year"] <= int(hi))]
    long = long.assign(code=names[long["code"].to_numpy()] if len(long) else pd.Series([], dtype=object))
    totals = long.groupby("code")["weight"].sum()
    order = totals.reset_index().sort_values(["weight", "code"], ascending=[False, True], kind="stable")["code"]
    keep = order if top is None else order.head(int(top))
    grid = (long[long["code"].isin(keep)].groupby(["code", "year"])["weight"].sum().unstack(fill_value=0)
            .reindex(index=pd.Index(keep.tolist(), dtype=object, name=level_key), columns=all_years,
                     fill_value=0))
    if basis_key == "main" or weight_key == "whole":
        grid = grid.astype("int64")
    grid.columns = pd.Index([int(y) for y in grid.columns], dtype="int64", name="year")
    flagged = incomplete_years(grid.columns, cut, lag) if len(grid.columns) else []
    grid.attrs.update(level=level_key, level_zh=LEVELS[level_key], basis=basis_key,
                      weight="exclusive" if basis_key == "main" else weight_key,
                      counting=_counting_note(basis_key, weight_key, nb.UNIT_ZH[unit_key]),
                      **nb.unit_attrs(unit_key), date=date_basis, year_label=year_label,
                      cutoff=cut, lag_months=lag, incomplete_years=flagged,
                      n_codes_total=len(totals), dropped=dropped, excluded=excluded)
    return grid


def ipc_cooccurrence(df: pd.DataFrame, level: str = "subclass", top: int | None = None,
                     unit: str = "applications") -> pd.DataFrame:
    """Co-occurrence matrix of IPC codes (技术融合): applications classified in both.

    Uses all IPCs of each unit (the ``ipc`` list), distinct at ``level``. Cell
    (a, b) is the number of applications (件, default; or families 项, or documents 篇;
    an application's or family's members' codes pooled) that carry both a and b; the
    diagonal is the number carrying a. Rows and columns are ordered by the diagonal
    (largest first); ``top`` keeps the most frequent codes. Formula: C = XᵀX with X the
    binary unit × code incidence matrix.

    >>> from navtrain import load_sample
    >>> c = ipc_cooccurrence(load_sample())
    >>> int(c.loc["C30B", "C30B"]), int(c.loc["C30B", "C23C"]), int(c.loc["C30B", "H01L"])
    (5, 2, 1)
    """
    purpose = "ipc_cooccurrence"
    table, level_key, _, unit_key, _ = _prepare(df, level, "all", unit, "whole", purpose)
    long, names, _, dropped, excluded = unit_long(table, level_key, "all", unit_key, "whole", purpose)
    from scipy import sparse

    key_codes, key_uniques = pd.factorize(long["key"])
    codes = long["code"].to_numpy()
    diag_all = np.bincount(codes, minlength=len(names))
    order = np.lexsort((names.astype(str), -diag_all)) if len(names) else np.array([], dtype=np.int64)
    order = order[diag_all[order] > 0]
    if top is not None:
        order = order[: int(top)]
    position = np.full(len(names), -1, dtype=np.int64)
    position[order] = np.arange(len(order))
    sel = position[codes] >= 0 if len(codes) else np.zeros(0, dtype=bool)
    x = sparse.csr_matrix((np.ones(int(sel.sum()), dtype=np.int64), (key_codes[sel], position[codes[sel]])),
                          shape=(len(key_uniques), len(order)))
    c = (x.T @ x).toarray()
    idx = pd.Index(names[order], dtype=object, name=level_key)
    out = pd.DataFrame(c, index=idx, columns=idx.rename(None))
    out.attrs.update(level=level_key, level_zh=LEVELS[level_key], **nb.unit_attrs(unit_key),
                     n_units=len(key_uniques), dropped=dropped, excluded=excluded)
    return out


# --------------------------------------------------------------------------- charts


def _code_column(table: pd.DataFrame) -> str:
    level = table.attrs.get("level")
    if level in table.columns:
        return str(level)
    for name in LEVELS:
        if name in table.columns:
            return name
    return str(table.columns[0])


def plot_ipc_composition(
    counts: pd.DataFrame,
    top: int = 10,
    ax: Axes | None = None,
    title: str | None = None,
    save: str | Path | None = None,
) -> Axes:
    """Horizontal bars of an :func:`ipc_counts` table, labelled 'C30B 晶体生长', largest on top.

    Each bar is annotated with its count and share. The x-axis names the unit and the
    counting rule (主分类号 / 全部分类号, 整数 / 分数计数). The last y tick label is the top
    (largest) bar. Returns the Axes.

    >>> from navtrain import load_sample
    >>> ax = plot_ipc_composition(ipc_counts(load_sample()), top=5)
    >>> len(ax.patches), ax.get_yticklabels()[-1].get_text()
    (5, 'C23C 镀覆与气相沉积')
    >>> ax.get_xlabel()
    '申请量（件，主分类号）'
    """
    check_columns(counts, ["count"], "plot_ipc_composition")
    code_col = _code_column(counts)
    data = counts.sort_values("count", ascending=False, kind="stable").head(int(top))
    labels_zh = data["label_zh"] if "label_zh" in data.columns else \
        _labels_for(data[code_col].astype(str), counts.attrs.get("level", "subclass"), "title_zh")
    names = [_display(c, lab) for c, lab in zip(data[code_col].astype(str), labels_zh, strict=True)]
    ax = new_axes(ax)
    import seaborn as sns

    color = sns.color_palette(PALETTE)[0]
    y = np.arange(len(data))  # bottom to top: the largest bar is drawn last, on top
    values = data["count"].to_numpy(dtype=float)[::-1]
    ax.barh(y, values, color=color)
    ax.set_yticks(y, names[::-1])
    shares = data["share"].to_numpy(dtype=float)[::-1] if "share" in data.columns else [np.nan] * len(data)
    for yi, v, s in zip(y, values, shares, strict=True):
        text = f"{v:g}" if np.isnan(s) else f"{v:g}（{s:.1%}）"
        ax.annotate(text, xy=(v, yi), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize="small")
    label = unit_label(counts)
    basis = counts.attrs.get("basis")
    rule = {"main": "主分类号", "all": "全部分类号"}.get(str(basis), "")
    if basis == "all":
        rule += "，分数计数" if counts.attrs.get("weight") == "fractional" else "，整数计数"
    ax.set_xlabel(f"{label[:-1]}，{rule}）" if rule else label)  # 申请量（件，主分类号）
    ax.set_ylabel(f"IPC{counts.attrs.get('level_zh', '')}")
    ax.set_xlim(0, max(float(data["count"].max()) * 1.2, 1.0) if len(data) else 1.0)
    ax.set_title(title or f"技术构成（IPC{counts.attrs.get('level_zh', '')}，前{len(data)}位）")
    if save is not None:
        save_chart(ax, save)
    return ax


def plot_ipc_heatmap(
    matrix: pd.DataFrame,
    ax: Axes | None = None,
    title: str | None = None,
    annot: bool | None = None,
    save: str | Path | None = None,
) -> Axes:
    """Heat map of an :func:`ipc_by_year` matrix, incomplete years hatched and starred.

    Rows are labelled 'C30B 晶体生长'; the columns of the years in
    ``matrix.attrs['incomplete_years']`` get a grey hatched overlay, an asterisk on the
    tick label ('2023*') and a legend entry 「数据不完整」, so nobody reads a decline into
    them. Cells are annotated with the counts when the matrix is small (≤ 20 × 20).

    >>> from navtrain import load_sample
    >>> ax = plot_ipc_heatmap(ipc_by_year(load_sample(), top=4, cutoff="2024-12-31"))
    >>> [t.get_text() for t in ax.get_xticklabels()][-2:]
    ['2023*', '2024*']
    >>> ax.get_yticklabels()[0].get_text(), ax.get_legend().get_texts()[0].get_text()
    ('C23C 镀覆与气相沉积', '数据不完整（2023–2024）')
    """
    ax = new_axes(ax)
    level = matrix.attrs.get("level", "subclass")
    codes = pd.Series(matrix.index.astype(str), dtype=object)
    labels = _labels_for(codes, level, "title_zh") if level != "class" else codes.map(lambda _: np.nan)
    rows = [_display(c, lab) for c, lab in zip(codes, labels, strict=True)]
    years = [int(y) for y in matrix.columns]
    flagged = set(matrix.attrs.get("incomplete_years", []))
    cols = [f"{y}*" if y in flagged else str(y) for y in years]
    data = pd.DataFrame(matrix.to_numpy(dtype=float), index=rows, columns=cols)
    if annot is None:
        annot = data.shape[0] <= 20 and data.shape[1] <= 20
    is_int = bool(np.all(np.mod(data.to_numpy(), 1) == 0)) if data.size else True
    import seaborn as sns

    cmap = sns.light_palette(sns.color_palette(PALETTE)[0], as_cmap=True)
    if data.size:
        sns.heatmap(data, ax=ax, cmap=cmap, annot=annot, fmt="g" if is_int else ".1f", linewidths=0.5,
                    cbar_kws={"label": unit_label(matrix)})
    ax.set_xlabel(matrix.attrs.get("year_label", "年份"))
    ax.set_ylabel(f"IPC{matrix.attrs.get('level_zh', '')}")
    marked = [i for i, y in enumerate(years) if y in flagged]
    if marked:
        lo, hi = min(y for y in years if y in flagged), max(y for y in years if y in flagged)
        label = f"数据不完整（{lo}–{hi}）" if lo != hi else f"数据不完整（{lo}）"
        for i in marked:
            ax.add_patch(Rectangle((i, 0), 1, len(rows), fill=False, hatch="//", edgecolor=INCOMPLETE_COLOR,
                                   linewidth=0, zorder=3))
        ax.legend(handles=[Patch(facecolor="white", edgecolor=INCOMPLETE_COLOR, hatch="//", label=label)],
                  loc="upper left", bbox_to_anchor=(0, -0.12), frameon=False, fontsize="small")
    ax.set_title(title or f"IPC{matrix.attrs.get('level_zh', '')}年度分布")
    if save is not None:
        save_chart(ax, save)
    return ax
