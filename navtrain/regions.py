"""Regional analysis (地域分布与区域指标): region rankings, per-capita indicators, IPC →
technology field / industry mapping, matching degree and peer benchmarks.

Domestic regions are those of the **first applicant** (``province``/``city``, filled by the
importer's address parsing). Sources: GB/T 39551.2 (区域规划类专利导航: regional
distribution, regional indicators, the match between industrial and patent structures);
CNIPA statistical indicators of the 14th Five-Year Plan (每万人口高价值发明专利拥有量);
WIPO IPC-Technology Concordance (Schmoch 2008, revised 2019) for the 35 technology fields;
OECD *Patent Statistics Manual* (2009) §5 on fractional counts. See ``docs/methods/regions.md``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from navtrain import basis as nb
from navtrain.basis import DATE_BASES, MISSING_GROUP, incomplete_years
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.ipc import DATA, check_ipc_columns, unit_long
from navtrain.plots import PALETTE, new_axes, save_chart, unit_label
from navtrain.schema import BY_NAME, check_columns, standardize_columns

__all__ = [
    "INDICATORS",
    "ipc_to_industry",
    "load_concordance",
    "matching_degree",
    "peer_benchmark",
    "per_capita",
    "plot_region_ranking",
    "region_counts",
]

MISSING_REGION = MISSING_GROUP
_REGION_LEVELS = {"province": "province", "省": "province", "省份": "province", "provinces": "province",
                  "city": "city", "市": "city", "城市": "city", "地市": "city", "cities": "city",
                  "prefecture": "city"}
_LEVEL_ZH = {"province": "省份", "city": "城市"}
_IMPORT_STEP = "the importer's address parsing (read_patents) fills province/city"


def _region_level(level: str) -> str:
    key = _REGION_LEVELS.get(str(level).strip().lower())
    if key is None:
        raise UnknownNameError(f"unknown region level {level!r}", fix="use 'province' (省份) or 'city' (城市)",
                               hint="地域层级只能是省份（province）或城市（city）")
    return key


def _need_region(table: pd.DataFrame, col: str, purpose: str) -> None:
    if col not in table.columns:
        zh = BY_NAME[col].zh if col in BY_NAME else col
        raise SchemaError(
            f"{purpose} needs column '{col}' ({zh}) of the first applicant, which the table lacks",
            fix=f"{_IMPORT_STEP} from the applicant address; or add the column yourself",
            hint="缺少省份/城市列：请用 read_patents 导入（会从申请人地址解析省市）或自行补充",
        )


def _region_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 = missing or blank) and the cleaned distinct names of a region column."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    names = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    clean = names.astype("string").str.strip()
    clean = clean.where(clean != "")
    recode, clean_names = pd.factorize(clean, use_na_sentinel=True)  # ' 郑州市' and '郑州市' merge
    recode = np.append(np.asarray(recode, dtype=np.int64), -1)
    return recode[np.asarray(codes)], np.asarray(clean_names, dtype=object)


def _clean_region(values: pd.Series) -> pd.Series:
    codes, names = _region_codes(values)
    out = np.append(names, np.nan).astype(object)[codes] if len(codes) else np.array([], dtype=object)
    return pd.Series(out, index=values.index, dtype=object)


def _region_key(values: pd.Series) -> pd.Series:
    """Matching key: 河南省 / 河南 / 河 南 → 河南; 郑州市 / 郑州 → 郑州."""
    text = values.astype("string").str.normalize("NFKC").str.replace(r"\s+", "", regex=True)
    return text.str.replace(r"(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|自治州|省|市|地区|盟)$", "",
                            regex=True)


def _unit_codes(table: pd.DataFrame, unit_key: str) -> np.ndarray:
    """Integer unit id per row: the application, family or row (:func:`navtrain.basis.count_key`)."""
    if unit_key == "documents":
        return np.arange(len(table), dtype=np.int64)
    return np.asarray(pd.factorize(nb.count_key(table, unit_key))[0], dtype=np.int64)


def _units_table(table: pd.DataFrame, region: str | None, unit_key: str,
                 date: str | None = None) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per unit (application, family or document): integer ``region`` code (-1 = none),
    flags and the filing year.

    Returns the table and the region names the codes index. An application or family takes
    the region of its earliest member (:func:`navtrain.basis.earliest_members`) that has one,
    its ``year`` (with a date basis ``date``) from its earliest member on it, and counts as an
    invention (valid invention) when any member is one. Integer arithmetic on codes.
    """
    n = len(table)
    keys = _unit_codes(table, unit_key)
    n_keys = int(keys.max()) + 1 if n else 0
    if region is not None:
        reg, names = _region_codes(table[region])
    else:
        reg, names = np.full(n, -1, dtype=np.int64), np.array([], dtype=object)
    ptype = table["patent_type"].astype(object).to_numpy() if "patent_type" in table.columns else None
    status = table["legal_status"].astype(object).to_numpy() if "legal_status" in table.columns else None
    if unit_key == "documents":
        unit_region = reg
    else:
        rows = np.flatnonzero(reg >= 0)
        sub = table.iloc[rows]
        first = rows[nb.earliest_members(sub, pd.Series(keys[rows], index=sub.index))]
        unit_region = np.full(n_keys, -1, dtype=np.int64)
        unit_region[keys[first]] = reg[first]
    out = pd.DataFrame({"key": np.arange(n_keys), "region": unit_region})
    if date is not None:
        years = nb.filing_year(table, date).to_numpy(dtype="float64", na_value=np.nan)
        first = nb.earliest_members(table, pd.Series(keys, index=table.index), date)
        unit_year = np.full(n_keys, np.nan)
        unit_year[keys[first]] = years[first]
        out["year"] = unit_year
    if ptype is not None:
        inv = ptype == "invention"
        out["invention"] = np.bincount(keys, weights=inv, minlength=n_keys) > 0
        if status is not None:
            out["valid_invention"] = np.bincount(keys, weights=inv & (status == "valid"), minlength=n_keys) > 0
    return out, names


# --------------------------------------------------------------------------- counts


def region_counts(
    df: pd.DataFrame,
    level: str = "province",
    unit: str = "applications",
    top: int | None = None,
    missing: str = "drop",
) -> pd.DataFrame:
    """Count applications (件), families (项) or documents (篇) by the first applicant's province or city.

    The region is the ``province``/``city`` of the **first applicant** (docs/schema.md),
    which the importer fills from the applicant address. An application or family counts
    once, in the region of its earliest member that has one. Rows without a region (typically foreign
    documents without a Chinese address) are dropped with a :class:`NavtrainWarning`
    (``missing='drop'``, default) or counted as 「（缺失）」 (``missing='keep'``).

    Returns a new DataFrame: the region (column ``province`` or ``city``; a city table
    also gives its ``province``), ``count``, ``share`` (= count / Σ count, adding up to 1)
    and ``rank`` (1 = largest; ties share a rank), sorted by count. ``top`` keeps the
    first rows only (shares stay relative to the total). ``attrs`` gives unit, level,
    basis and dropped rows.

    Source: GB/T 39551.2 regional distribution (地域分布); WIPO *Guidelines for Preparing
    Patent Landscape Reports* (2015) on geographic distribution.

    >>> from navtrain import load_sample
    >>> cn = load_sample().query("office == 'CN'")
    >>> region_counts(cn, level="city")[["city", "count"]].values.tolist()
    [['郑州市', 13], ['商丘市', 2], ['许昌市', 2], ['南阳市', 1], ['新乡市', 1]]
    >>> region_counts(load_sample(), unit="项")[["province", "count", "share"]].values.tolist()
    [['河南省', 19, 1.0]]
    """
    level_key = _region_level(level)
    unit_key = nb.unit_key(unit)
    if missing not in ("drop", "keep"):
        raise UnknownNameError(f"unknown missing option {missing!r}", fix="use missing='drop' or missing='keep'",
                               hint="missing 只能是 drop（剔除）或 keep（保留为缺失组）")
    table = standardize_columns(df)
    purpose = f"region_counts(level={level_key!r})"
    _need_region(table, level_key, purpose)
    if unit_key == "families":
        check_columns(table, ["family_id"], f"{purpose} with unit='families'")
    units, names = _units_table(table, level_key, unit_key)
    dropped: dict[str, int] = {}
    region = units["region"].to_numpy()
    no_region = region < 0
    if no_region.any():
        if missing == "drop":
            n_bad = int(no_region.sum())
            dropped[f"no {level_key}"] = n_bad
            warnings.warn(f"region_counts: {n_bad} of {len(units)} {unit_key} have no first-applicant {level_key} "
                          f"and were not counted (地域缺失的记录未计入)", NavtrainWarning, stacklevel=2)
            region = region[~no_region]
        else:
            names = np.append(names, MISSING_REGION)
            region = np.where(no_region, len(names) - 1, region)
    tally = np.bincount(region, minlength=len(names))
    used = tally > 0
    out = pd.DataFrame({level_key: pd.Series(names[used], dtype=object), "count": tally[used]})
    if level_key == "city" and "province" in table.columns:
        city_codes, city_names = _region_codes(table["city"])
        prov_codes, prov_names = _region_codes(table["province"])
        rows = np.flatnonzero((city_codes >= 0) & (prov_codes >= 0))
        first_city, first_at = np.unique(city_codes[rows], return_index=True)
        first_prov = pd.Series(prov_names[prov_codes[rows[first_at]]], index=city_names[first_city], dtype=object)
        out.insert(1, "province", out["city"].map(first_prov).astype(object))
    out["count"] = out["count"].astype("int64")
    out = out.sort_values(["count", level_key], ascending=[False, True], kind="stable").reset_index(drop=True)
    total = int(out["count"].sum())
    out["share"] = out["count"] / total if total else np.nan
    out["rank"] = out["count"].rank(method="min", ascending=False).astype("int64")
    if top is not None:
        out = out.head(int(top)).reset_index(drop=True)
    out.attrs.update(level=level_key, level_zh=_LEVEL_ZH[level_key], **nb.unit_attrs(unit_key),
                     basis="first applicant (第一申请人)", total=total, dropped=dropped)
    return out


# --------------------------------------------------------------------------- per capita


def _as_series(obj: object, what: str, level: str, value_names: Sequence[str]) -> pd.Series:
    """A region → number Series from a Series, a mapping or a two-column table."""
    if isinstance(obj, pd.Series):
        s = obj.copy()
    elif isinstance(obj, Mapping):
        s = pd.Series(dict(obj))
    elif isinstance(obj, pd.DataFrame):
        t = standardize_columns(obj)
        names = {str(c).strip().lower(): c for c in t.columns}
        region_col = next((names[k] for k in (level, "region", "地区", "区域", _LEVEL_ZH[level], "name", "名称")
                           if k in names), None)
        value_col = next((names[k] for k in value_names if k in names), None)
        if region_col is None:
            region_col = next((c for c in t.columns if not pd.api.types.is_numeric_dtype(t[c])), None)
        if value_col is None:
            value_col = next((c for c in t.columns if c != region_col and pd.api.types.is_numeric_dtype(t[c])), None)
        if region_col is None or value_col is None:
            raise SchemaError(f"the {what} table needs a region column and a numeric column",
                              fix=f"pass columns '{level}' and '{value_names[0]}' (or a Series indexed by region)",
                              hint="需要地区列和数值列")
        s = pd.Series(pd.to_numeric(t[value_col], errors="coerce").to_numpy(), index=t[region_col].to_numpy())
    else:
        raise SchemaError(f"cannot read the {what} table from {type(obj).__name__}",
                          fix="pass a DataFrame (region, value), a Series indexed by region or a dict",
                          hint="请传入地区—数值表")
    s = pd.to_numeric(s, errors="coerce").astype("float64")
    s.index = pd.Index(s.index.astype(str), dtype=object)
    return s


_POP_UNITS = {"persons": 1e-4, "person": 1e-4, "人": 1e-4, "people": 1e-4, "万人": 1.0, "10k": 1.0,
              "ten_thousand": 1.0, "10000": 1.0, "万": 1.0}
_RD_UNITS = {"亿元": 1.0, "100m": 1.0, "100m_yuan": 1.0, "万元": 1e-4, "10k_yuan": 1e-4, "元": 1e-8,
             "yuan": 1e-8, "千元": 1e-5, "百万元": 1e-2, "million": 1e-2, "million_yuan": 1e-2}


def per_capita(
    df_or_counts: pd.DataFrame,
    population: pd.DataFrame | pd.Series | Mapping[str, float],
    level: str = "province",
    population_unit: str = "persons",
    high_value: str | pd.Series | None = "high_value",
    rd: pd.DataFrame | pd.Series | Mapping[str, float] | None = None,
    rd_unit: str = "亿元",
    grant_year: int | None = None,
    office: str | None = "CN",
) -> pd.DataFrame:
    """Per-10,000-population patent indicators by region (每万人口发明专利拥有量 etc.).

    Indicators, all counted in applications (件: distinct application numbers, so the A
    and B documents of one patent count once) of first applicants located in the region:

    * ``valid_inventions_per_10k`` = valid invention patents held (``legal_status ==
      'valid'`` and ``patent_type == 'invention'``) ÷ population in 10,000 persons
      (每万人口发明专利拥有量);
    * ``high_value_per_10k`` = valid inventions that are high-value ÷ population in 10,000
      (每万人口高价值发明专利拥有量). ``high_value`` is a boolean column name or a boolean
      mask aligned with the table; when the default column ``high_value`` is absent the
      indicator is NaN and ``attrs['notes']`` says why (CNIPA's five criteria are
      summarised in :func:`navtrain.high_value_flags` and docs/methods/value.md §6);
    * with ``rd`` (region → R&D spending, unit ``rd_unit``: 亿元, 万元 or 元):
      ``grants_per_100m_yuan`` = grants (applications of any type with a ``grant_date``; only
      ``grant_year`` if given — the usual convention pairs R&D of year t with grants of
      t + 1) ÷ R&D spending in 100 million yuan (每亿元研发经费专利授权量).

    ``population`` is a table (region, population), a Series or a dict; say its unit with
    ``population_unit`` ('persons'/'人' or '万人'). Region names match forgivingly
    (河南省 = 河南, 郑州市 = 郑州). ``office='CN'`` counts Chinese documents only (the
    official indicators count domestic patents); ``None`` counts every row.
    ``df_or_counts`` may instead be a table of counts with the region column and
    ``valid_inventions`` (and optionally ``high_value_inventions``, ``grants``).
    Undefined ratios (no population, zero R&D) are NaN. Returns a new DataFrame.

    Source: CNIPA statistical indicators of the 14th Five-Year Plan (每万人口发明专利拥有量,
    每万人口高价值发明专利拥有量); patent grants per 100 million yuan of R&D as defined in
    docs/methods/regions.md.

    >>> from navtrain import load_sample
    >>> t = per_capita(load_sample(), {"河南": 9815}, population_unit="万人")
    >>> int(t.loc[0, "valid_inventions"]), round(float(t.loc[0, "valid_inventions_per_10k"]), 6)
    (4, 0.000408)
    >>> t.attrs["notes"][0][:40]
    "no 'high_value' column: high-value count"
    """
    level_key = _region_level(level)
    pop_factor = _POP_UNITS.get(str(population_unit).strip().lower())
    if pop_factor is None:
        raise UnknownNameError(f"unknown population unit {population_unit!r}",
                               fix="use 'persons' (人) or '万人' (10,000 persons)", hint="人口单位只能是人或万人")
    rd_factor = _RD_UNITS.get(str(rd_unit).strip().lower())
    if rd_factor is None:
        raise UnknownNameError(f"unknown R&D unit {rd_unit!r}", fix="use '亿元', '万元' or '元'",
                               hint="研发经费单位只能是亿元、万元或元")
    notes: list[str] = []
    table = standardize_columns(df_or_counts)
    is_patents = "patent_type" in table.columns or "legal_status" in table.columns
    if is_patents:
        purpose = "per_capita"
        _need_region(table, level_key, purpose)
        check_columns(table, ["patent_type", "legal_status"], purpose)
        if office is not None and "office" in table.columns:
            table = table[table["office"].astype(object) == office]
        region = _clean_region(table[level_key])
        valid_inv = ((table["patent_type"].astype(object) == "invention")
                     & (table["legal_status"].astype(object) == "valid")).to_numpy()
        if isinstance(high_value, pd.Series):
            mask = high_value.reindex(table.index).fillna(False).astype(bool).to_numpy()
        elif isinstance(high_value, str) and high_value in table.columns:
            mask = table[high_value].fillna(False).astype(bool).to_numpy()
        elif high_value is None or high_value == "high_value":
            mask = None
            notes.append(f"no {high_value!r} column: high-value counts are NaN; pass high_value=<boolean column "
                         "or mask> (CNIPA 14th Five-Year Plan criteria: see navtrain.high_value_flags)")
        else:
            check_columns(table, [str(high_value)], "per_capita(high_value=...)")
        unplaced = int((valid_inv & region.isna().to_numpy()).sum())
        dropped: dict[str, int] = {}
        if unplaced:
            dropped[f"valid inventions without {level_key}"] = unplaced
            warnings.warn(f"per_capita: {unplaced} valid invention(s) have no first-applicant {level_key} and were "
                          "not counted (地域缺失的有效发明未计入)", NavtrainWarning, stacklevel=2)
        frame = pd.DataFrame({"region": region.to_numpy(), "key": nb.application_key(table).to_numpy(),
                              "valid": valid_inv})
        frame["hv"] = (valid_inv & mask) if mask is not None else False
        if "grant_date" in table.columns:
            granted = table["grant_date"].notna().to_numpy()
            if grant_year is not None:
                granted = granted & (table["grant_date"].dt.year == int(grant_year)).fillna(False).to_numpy()
            frame["grants"] = granted
        else:
            frame["grants"] = False
            if rd is not None:
                notes.append("no 'grant_date' column: grants are NaN")
        per_app = frame.dropna(subset=["region"]).groupby(["region", "key"], sort=False)[["valid", "hv", "grants"]]
        counts = per_app.any().groupby(level="region", sort=False).sum()  # each application once
        counts.columns = ["valid_inventions", "high_value_inventions", "grants"]
        if mask is None:
            counts["high_value_inventions"] = np.nan
        if "grant_date" not in table.columns:
            counts["grants"] = np.nan
    else:
        dropped = {}
        _need_region(table, level_key, "per_capita (counts table)")
        check_columns(table, ["valid_inventions"], "per_capita (counts table)")
        counts = pd.DataFrame(index=_clean_region(table[level_key]).to_numpy())
        for col in ("valid_inventions", "high_value_inventions", "grants"):
            counts[col] = pd.to_numeric(table[col], errors="coerce").to_numpy() if col in table.columns else np.nan
        counts = counts[counts.index.notna()]
    counts.index = pd.Index(counts.index.astype(str), dtype=object)
    pop = _as_series(population, "population", level_key, ("population", "人口", "常住人口", "pop"))
    pop_10k = pop * pop_factor
    key_counts = pd.Series(_region_key(pd.Series(counts.index)).to_numpy(), index=counts.index)
    key_pop = pd.Series(_region_key(pd.Series(pop.index)).to_numpy(), index=pop.index)
    names = pd.Series(list(pop.index), index=key_pop.to_numpy(), dtype=object)
    names = names[~names.index.duplicated()]
    extra = pd.Series(list(counts.index), index=key_counts.to_numpy(), dtype=object)
    names = pd.concat([names, extra[~extra.index.isin(names.index) & ~extra.index.duplicated()]])
    by_key = counts.groupby(key_counts.to_numpy()).sum(min_count=1)
    out = pd.DataFrame({level_key: names.to_numpy()}, index=names.index)
    out["population_10k"] = pop_10k.groupby(key_pop.to_numpy()).sum(min_count=1).reindex(out.index)
    for col in ("valid_inventions", "high_value_inventions", "grants"):
        out[col] = by_key[col].reindex(out.index) if col in by_key.columns else np.nan
    if is_patents:
        out["valid_inventions"] = out["valid_inventions"].fillna(0)
        if mask is not None:
            out["high_value_inventions"] = out["high_value_inventions"].fillna(0)
        if "grant_date" in table.columns:
            out["grants"] = out["grants"].fillna(0)
    denom = out["population_10k"].where(out["population_10k"] > 0)
    out["valid_inventions_per_10k"] = out["valid_inventions"] / denom
    out["high_value_per_10k"] = out["high_value_inventions"] / denom
    cols = [level_key, "population_10k", "valid_inventions", "valid_inventions_per_10k",
            "high_value_inventions", "high_value_per_10k"]
    if rd is not None:
        rd_s = _as_series(rd, "R&D", level_key, ("rd", "r&d", "研发经费", "rd_spending", "expenditure"))
        key_rd = _region_key(pd.Series(rd_s.index)).to_numpy()
        out["rd_100m_yuan"] = (rd_s * rd_factor).groupby(key_rd).sum(min_count=1).reindex(out.index)
        out["grants_per_100m_yuan"] = out["grants"] / out["rd_100m_yuan"].where(out["rd_100m_yuan"] > 0)
        cols += ["rd_100m_yuan", "grants", "grants_per_100m_yuan"]
    result = out[cols].reset_index(drop=True)
    result.attrs.update(level=level_key, **nb.unit_attrs("applications"), population_unit="万人 (10,000 persons)",
                        office=office, grant_year=grant_year, notes=notes, dropped=dropped)
    return result


# --------------------------------------------------------------------------- concordance


def _normalise_prefix(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.normalize("NFKC").str.upper().str.replace(r"\s+", "", regex=True)
    return text.str.replace(r"[%*]+$", "", regex=True)


@cache
def _bundled_concordance() -> pd.DataFrame:
    return pd.read_csv(DATA / "wipo_ipc_technology_35.csv", comment="#", dtype={"ipc_prefix": str})


_CONCORDANCE_COLUMNS = ("ipc_prefix", "field_id", "field_en", "field_zh", "sector_en", "sector_zh")


def load_concordance(source: str | Path | pd.DataFrame | None = None) -> pd.DataFrame:
    """An IPC concordance table (IPC prefix → field / industry), as a new DataFrame.

    ``None`` or ``'wipo'``: the bundled WIPO IPC-Technology concordance
    (``navtrain/data/wipo_ipc_technology_35.csv``: 35 technology fields in 5 sectors,
    Schmoch 2008, revised by WIPO 2019; Chinese names by the navtrain authors). A path or
    a DataFrame: your own table with at least ``ipc_prefix`` and ``field_id`` (and
    optionally ``field_en``, ``field_zh``, ``sector_en``, ``sector_zh``), e.g. an IPC →
    国民经济行业 or 战略性新兴产业 table. Prefixes are normalised (NFKC, upper case, spaces
    and a trailing ``%`` or ``*`` removed), so ``'H04N  21/%'`` becomes ``'H04N21/'``.
    One prefix may map to several fields (one row each).

    >>> c = load_concordance()
    >>> len(c), c["field_id"].nunique(), c["sector_en"].nunique()
    (764, 35, 5)
    >>> c.loc[c["ipc_prefix"] == "C30B", ["field_id", "field_zh"]].values.tolist()
    [[21, '表面技术、涂层']]
    """
    if source is None or (isinstance(source, str) and source.strip().lower() in ("wipo", "wipo35", "wipo_35")):
        table = _bundled_concordance().copy()
        table.attrs["source"] = ("WIPO IPC-Technology Concordance (Schmoch 2008, revised 2019), "
                                 "navtrain/data/wipo_ipc_technology_35.csv")
    elif isinstance(source, pd.DataFrame):
        table = source.copy()
        table.attrs["source"] = source.attrs.get("source", "caller's table")
    else:
        path = Path(source)
        if not path.is_file():
            raise UnknownNameError(f"no concordance file {str(source)!r}",
                                   fix="pass None for the bundled WIPO table, or the path of a CSV file",
                                   hint="对照表文件不存在")
        table = pd.read_csv(path, comment="#", dtype={"ipc_prefix": str})
        table.attrs["source"] = str(path)
    missing = [c for c in ("ipc_prefix", "field_id") if c not in table.columns]
    if missing:
        raise SchemaError(f"a concordance table needs columns {missing}",
                          fix=f"use the columns {', '.join(_CONCORDANCE_COLUMNS)} (see load_concordance())",
                          hint="对照表需要 ipc_prefix 和 field_id 列")
    table["ipc_prefix"] = _normalise_prefix(table["ipc_prefix"]).astype(object)
    table = table[table["ipc_prefix"].notna() & (table["ipc_prefix"] != "")].reset_index(drop=True)
    return table


def _prefix_mapper(concordance: pd.DataFrame):
    """Map (row, symbol code) pairs to (row, field code, base) by the longest matching prefix.

    The match runs once per distinct symbol (``names``); ``base`` = 1/m when the matched
    prefix maps to m fields.
    """
    fields = concordance[["ipc_prefix", "field_id"]].drop_duplicates()
    per_prefix = fields.groupby("ipc_prefix")["field_id"].transform("size")
    fields = fields.assign(base=1.0 / per_prefix.to_numpy())
    prefixes = pd.Index(fields["ipc_prefix"].unique())
    lengths = sorted({len(p) for p in prefixes}, reverse=True)
    field_codes, field_names = pd.factorize(fields["field_id"])
    fields = fields.assign(field_code=field_codes)

    def mapper(long: pd.DataFrame, names: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
        sym = pd.Series(names, dtype=object).astype("string")
        hit = pd.Series(pd.NA, index=sym.index, dtype="string")
        for length in lengths:
            cand = sym.str.slice(0, length)
            hit = hit.fillna(cand.where(cand.isin(prefixes) & (sym.str.len() >= length)))
        symbol_prefix = pd.DataFrame({"code": np.arange(len(names)), "ipc_prefix": hit.astype(object)}).dropna()
        table = symbol_prefix.merge(fields, on="ipc_prefix", how="inner")[["code", "field_code", "base"]]
        if table["code"].is_unique:  # one field per symbol: plain array lookup (fast path)
            field_of = np.full(len(names) + 1, -1, dtype=np.int64)
            field_of[table["code"].to_numpy()] = table["field_code"].to_numpy()
            field = field_of[long["code"].to_numpy()]
            keep = field >= 0
            out = pd.DataFrame({"_row": long["_row"].to_numpy()[keep], "code": field[keep],
                                "base": np.ones(int(keep.sum()))})
        else:
            merged = long.merge(table, on="code", how="inner")
            out = pd.DataFrame({"_row": merged["_row"].to_numpy(), "code": merged["field_code"].to_numpy(),
                                "base": merged["base"].to_numpy()})
        return out, np.asarray(field_names, dtype=object)

    return mapper


_COUNTING = {"exclusive": ("main", "whole"), "独占": ("main", "whole"), "main": ("main", "whole"),
             "fractional": ("all", "fractional"), "分数": ("all", "fractional"),
             "whole": ("all", "whole"), "整数": ("all", "whole")}


def ipc_to_industry(
    df: pd.DataFrame,
    concordance: pd.DataFrame | str | Path | None = None,
    counting: str = "exclusive",
    level: str = "field",
    unit: str = "applications",
) -> pd.DataFrame:
    """Count applications (件, default), families (项) or documents (篇) by technology field
    (or industry) through an IPC concordance; an application or family is counted as in
    :func:`navtrain.ipc_counts`.

    Each IPC symbol is mapped by the **longest matching prefix** of the concordance
    (``A61K8/`` beats ``A61K``). ``counting``:

    * 'exclusive' (default): the main IPC (``ipc_main``) decides; each document counts 1
      in its field;
    * 'fractional': a document is split equally over the k distinct fields of all its
      IPCs (1/k each), so the counts add up to the number of documents with any mapped
      IPC (OECD *Patent Statistics Manual* 2009, §5);
    * 'whole': 1 in each distinct field (counts add up to more than the documents).

    ``concordance``: None for the bundled WIPO 35-field table, or any table with the
    same columns (:func:`load_concordance`; e.g. IPC → 国民经济行业 / 战略性新兴产业). When
    one prefix maps to several fields, exclusive counting splits the document equally
    between them. ``level``: 'field' or 'sector' (the WIPO table's 5 sectors). Documents
    whose IPCs are all outside the concordance are reported with a warning and in
    ``attrs['dropped']``; design patents (no IPC) are excluded.

    Returns a new DataFrame (``field_id``, ``field_zh``, ``field_en``, ``sector_zh``,
    ``sector_en`` as available — or the sector columns for ``level='sector'`` —, ``count``,
    ``share``), sorted by count.

    >>> from navtrain import load_sample
    >>> t = ipc_to_industry(load_sample())
    >>> t.head(3)[["field_id", "field_zh", "count"]].values.tolist()
    [[21, '表面技术、涂层', 6], [26, '机床', 4], [35, '土木工程', 3]]
    >>> f = ipc_to_industry(load_sample(), counting="fractional", level="sector")
    >>> f[["sector_zh", "count"]].values.tolist()
    [['化学', 11.0], ['机械工程', 5.5], ['其他领域', 1.5], ['仪器', 1.0], ['电气工程', 1.0]]
    """
    key = str(counting).strip().lower()
    if key not in _COUNTING:
        raise UnknownNameError(f"unknown counting {counting!r}", fix="use 'exclusive', 'fractional' or 'whole'",
                               hint="counting 只能是 exclusive（主分类号独占）、fractional（分数）或 whole（整数）")
    basis, weight = _COUNTING[key]
    level_key = str(level).strip().lower()
    if level_key in ("领域", "技术领域", "industry", "行业"):
        level_key = "field"
    if level_key in ("部门", "大领域"):
        level_key = "sector"
    if level_key not in ("field", "sector"):
        raise UnknownNameError(f"unknown level {level!r}", fix="use 'field' (技术领域) or 'sector' (5 大部门)",
                               hint="level 只能是 field 或 sector")
    conc = load_concordance(concordance)
    if level_key == "sector" and not {"sector_en", "sector_zh"} & set(conc.columns):
        raise SchemaError("this concordance has no sector columns", fix="use level='field'",
                          hint="对照表中没有 sector 列")
    unit_key = nb.unit_key(unit)
    table = standardize_columns(df)
    purpose = "ipc_to_industry"
    check_ipc_columns(table, basis, purpose)
    if unit_key == "families":
        check_columns(table, ["family_id"], f"{purpose}(unit='families')")
    mapper = _prefix_mapper(conc)
    long, names, _, dropped, excluded = unit_long(table, "symbol", basis, unit_key, weight, purpose,
                                                  mapper=mapper)
    long["code"] = names[long["code"].to_numpy()] if len(long) else long["code"]
    n_units = int(long["key"].nunique())
    info_cols = [c for c in ("field_id", "field_zh", "field_en", "sector_zh", "sector_en") if c in conc.columns]
    info = conc[info_cols].drop_duplicates("field_id").set_index("field_id")
    if level_key == "sector":
        sector_col = "sector_en" if "sector_en" in info.columns else "sector_zh"
        long["code"] = long["code"].map(info[sector_col])
        if weight == "fractional":  # a document's field fractions summed by sector (still 1 per document)
            long = long.groupby(["key", "code"], sort=False)["weight"].sum().reset_index()
        elif basis == "all":
            long = long.drop_duplicates(["key", "code"])
        info = info.reset_index()[[c for c in ("sector_zh", "sector_en") if c in info.columns]]
        info = info.drop_duplicates(sector_col).set_index(sector_col, drop=False)
    counts = long.groupby("code", sort=False)["weight"].sum()
    out = info.reindex(counts.index)
    if level_key == "field":
        out = out.rename_axis("field_id").reset_index()
    else:
        out = out.reset_index(drop=True)
    out["count"] = counts.to_numpy()
    whole = (basis == "all" and weight == "whole") or (basis == "main" and bool((long["weight"] == 1).all()))
    if whole:
        out["count"] = out["count"].round().astype("int64")
    sort_col = "field_id" if level_key == "field" else out.columns[0]
    out = out.sort_values(["count", sort_col], ascending=[False, True], kind="stable").reset_index(drop=True)
    total = float(out["count"].sum())
    out["share"] = out["count"] / total if total else np.nan
    unmapped = int(dropped.get("IPC not in the concordance", 0))
    out.attrs.update(level=level_key, counting=key if key in ("exclusive", "fractional", "whole") else
                     {"main": "exclusive"}.get(basis, weight), **nb.unit_attrs(unit_key),
                     n_units=n_units, unmapped=unmapped, dropped=dropped, excluded=excluded,
                     concordance=conc.attrs.get("source", ""))
    return out


# --------------------------------------------------------------------------- matching degree


def _structure(obj: object, what: str, key: str | None, value: str | None) -> pd.Series:
    if isinstance(obj, pd.Series):
        s = obj.copy()
    elif isinstance(obj, Mapping):
        s = pd.Series(dict(obj))
    elif isinstance(obj, pd.DataFrame):
        if len(obj.columns) < 2 and key is None:
            raise SchemaError(f"the {what} table needs an industry column and a value column",
                              fix="pass a Series indexed by industry, or name the columns with key=/value=",
                              hint="需要行业列和数值列")
        k = key if key is not None and key in obj.columns else obj.columns[0]
        if value is not None and value in obj.columns:
            v = value
        elif "count" in obj.columns:
            v = "count"
        else:
            numeric = [c for c in obj.columns if c != k and pd.api.types.is_numeric_dtype(obj[c])]
            if not numeric:
                raise SchemaError(f"the {what} table has no numeric column", fix="name it with value=",
                                  hint="缺少数值列")
            v = numeric[-1]
        s = pd.Series(pd.to_numeric(obj[v], errors="coerce").to_numpy(), index=obj[k].to_numpy())
    else:
        raise SchemaError(f"cannot read the {what} structure from {type(obj).__name__}",
                          fix="pass a Series, a dict or a two-column DataFrame", hint="请传入行业—数值结构")
    s = pd.to_numeric(s, errors="coerce").astype("float64")
    if (s < 0).any():
        raise SchemaError(f"the {what} structure has negative values", fix="use output, value added or counts (≥ 0)",
                          hint="结构数据不能为负")
    return s.groupby(s.index.astype(str)).sum()


def matching_degree(
    industry_structure: pd.Series | pd.DataFrame | Mapping[str, float],
    patent_structure: pd.Series | pd.DataFrame | Mapping[str, float],
    key: str | None = None,
    value: str | None = None,
) -> pd.DataFrame:
    """Matching degree (匹配度) between a region's industrial and patent structures.

    ``industry_structure``: the economic weight of each industry in the region (output,
    value added or employment; caller's data). ``patent_structure``: the region's patents
    in the same industries (e.g. :func:`ipc_to_industry` counts through an IPC →
    industry concordance). Both may be Series, dicts or tables (``key`` names the
    industry column, ``value`` the number; a ``count`` column is used if present).
    Industries missing from one side count 0 there.

    With shares E_i = e_i / Σe and P_i = p_i / Σp:

    * ``attrs['cosine']`` = Σ E_i P_i / (‖E‖ ‖P‖) ∈ [0, 1];
    * ``attrs['structural_similarity']`` M = 1 − ½ Σ |E_i − P_i| ∈ [0, 1];
    * per industry ``ratio`` R_i = P_i / E_i (> 1: technology ahead of the economy;
      < 1: economic weight without technological backing). NaN where E_i = 0, and
      every measure is NaN when a structure sums to 0.

    Source: GB/T 39551.2 regional planning navigation (the match between a region's
    industrial and patent structures), made computable after Dongguan practice with the
    cosine and the structural-similarity index (1 − half the L1 distance; cf. Krugman 1991).
    See docs/methods/regions.md.

    >>> m = matching_degree({"超硬材料": 60, "装备": 40}, {"超硬材料": 30, "装备": 10})
    >>> m[["industry", "industry_share", "patent_share", "ratio"]].values.tolist()
    [['超硬材料', 0.6, 0.75, 1.25], ['装备', 0.4, 0.25, 0.625]]
    >>> round(m.attrs["cosine"], 4), round(m.attrs["structural_similarity"], 4)
    (0.9648, 0.85)
    """
    e = _structure(industry_structure, "industry", key, value)
    p = _structure(patent_structure, "patent", key, value)
    idx = e.index.union(p.index)
    e = e.reindex(idx, fill_value=0.0)
    p = p.reindex(idx, fill_value=0.0)
    e_share = e / e.sum() if e.sum() > 0 else e * np.nan
    p_share = p / p.sum() if p.sum() > 0 else p * np.nan
    out = pd.DataFrame({"industry": idx.astype(object), "industry_value": e.to_numpy(),
                        "industry_share": e_share.to_numpy(), "patent_count": p.to_numpy(),
                        "patent_share": p_share.to_numpy()})
    out["ratio"] = out["patent_share"] / out["industry_share"].where(out["industry_share"] > 0)
    out = out.sort_values(["industry_share", "industry"], ascending=[False, True], kind="stable",
                          na_position="last").reset_index(drop=True)
    if e.sum() > 0 and p.sum() > 0:
        a, b = e_share.to_numpy(), p_share.to_numpy()
        cosine = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
        similarity = float(1 - 0.5 * np.abs(a - b).sum())
    else:
        cosine = similarity = float("nan")
    out.attrs.update(cosine=cosine, structural_similarity=similarity, n_industries=len(idx),
                     source="GB/T 39551.2-2020 (industry–patent structure matching); cosine, 1 − ½·L1 similarity")
    return out


# --------------------------------------------------------------------------- peers


#: Indicators :func:`peer_benchmark` can compute, with their Chinese names.
INDICATORS: dict[str, str] = {
    "count": "申请量",
    "invention_share": "发明占比",
    "valid_inventions": "有效发明量",
    "cagr": "年复合增长率",
    "national_share": "占全国比重",
}


def peer_benchmark(
    df: pd.DataFrame,
    region_col: str = "city",
    peers: Iterable[str] | None = None,
    focus: str | None = None,
    indicators: Iterable[str] | None = None,
    unit: str = "applications",
    date: str = "application",
    cutoff: object = None,
    lag_months: int | None = None,
    recent: int = 5,
    national_total: float | None = None,
) -> pd.DataFrame:
    """Compare a region with peer regions (对标分析) on standard indicators.

    Indicators (``indicators``, default all of :data:`INDICATORS`), per region of the
    first applicant (``region_col``: 'province' or 'city'):

    * ``count``: applications (件, default), families (项) or documents (篇) filed, each
      application or family once, in the region of its earliest member;
    * ``invention_share``: inventions / count (a family is an invention when any member is);
    * ``valid_inventions``: valid invention patents held (``legal_status == 'valid'``);
    * ``cagr``: compound annual growth of yearly counts over the ``recent`` years ending in
      the last **complete** year (the trend rule for incomplete years: cut-off, default
      :func:`navtrain.basis.default_cutoff`, and publication lag as in
      :func:`navtrain.trend`), CAGR = (n_end / n_start)^(1/recent) − 1, NaN when
      n_start = 0; ``attrs['cagr_years']`` and ``attrs['cutoff']`` give the years and the cut-off;
    * ``national_share``: count / ``national_total`` (default: all units in ``df``, so
      pass the national table or the national total).

    ``peers`` lists the regions to compare (default: every region); ``focus`` is put first
    and flagged in the ``focus`` column. A region with no documents gets 0 counts and NaN
    ratios. Returns a new DataFrame, one row per region.

    Source: GB/T 39551.2 regional planning (positioning against peer regions); CAGR and
    shares as defined in docs/methods/regions.md.

    >>> from navtrain import load_sample
    >>> b = peer_benchmark(load_sample(), peers=["商丘市", "许昌市"], focus="郑州市", cutoff="2024-12-31")
    >>> b[["city", "count", "valid_inventions", "national_share"]].round(4).values.tolist()
    [['郑州市', 13, 3, 0.619], ['商丘市', 2, 1, 0.0952], ['许昌市', 2, 0, 0.0952]]
    >>> b.attrs["cagr_years"]
    (2017, 2022)
    """
    level_key = _region_level(region_col)
    unit_key = nb.unit_key(unit)
    date_key = nb.date_basis(date)
    cut = nb.resolve_cutoff(cutoff, standardize_columns(df))
    lag = nb.resolve_lag(lag_months, date_key)
    chosen = list(INDICATORS) if indicators is None else [str(i).strip().lower() for i in indicators]
    bad = [i for i in chosen if i not in INDICATORS]
    if bad:
        raise UnknownNameError(f"unknown indicator(s) {bad}", fix=f"use some of {list(INDICATORS)}",
                               hint="指标名称不存在")
    table = standardize_columns(df)
    purpose = "peer_benchmark"
    _need_region(table, level_key, purpose)
    if unit_key == "families":
        check_columns(table, ["family_id"], f"{purpose}(unit='families')")
    if "invention_share" in chosen or "valid_inventions" in chosen:
        check_columns(table, ["patent_type"] + (["legal_status"] if "valid_inventions" in chosen else []),
                      purpose)
    date_col, year_col, _, _ = DATE_BASES[date_key]
    if "cagr" in chosen and date_col not in table.columns and year_col not in table.columns:
        check_columns(table, [date_col], f"{purpose} (cagr)")
    units, region_names = _units_table(table, level_key, unit_key, date_key if "cagr" in chosen else None)
    codes = units["region"].to_numpy()
    units["region"] = np.append(region_names, np.nan).astype(object)[codes] if len(codes) else np.nan
    total_units = len(units)
    names = list(dict.fromkeys(([focus] if focus is not None else []) + list(peers or [])))
    if not names:
        names = units["region"].dropna().value_counts().index.tolist()
    grouped = units.dropna(subset=["region"]).groupby("region", sort=False)
    out = pd.DataFrame({level_key: pd.Series(names, dtype=object)})
    out["focus"] = out[level_key] == focus
    count = grouped.size().reindex(names, fill_value=0).astype("int64").to_numpy()
    attrs: dict[str, object] = {}
    if "count" in chosen or "national_share" in chosen or "invention_share" in chosen:
        out["count"] = count
    if "invention_share" in chosen:
        inv = grouped["invention"].sum().reindex(names, fill_value=0).to_numpy(dtype=float)
        out["invention_share"] = np.where(count > 0, inv / np.where(count > 0, count, 1), np.nan)
    if "valid_inventions" in chosen:
        out["valid_inventions"] = grouped["valid_invention"].sum().reindex(names, fill_value=0).astype("int64") \
            .to_numpy()
    if "cagr" in chosen:
        per_year = units.dropna(subset=["region", "year"]).groupby(["region", "year"]).size()
        all_years = units["year"].dropna()
        present = sorted({int(y) for y in all_years})
        flagged = set(incomplete_years(present, cut, lag)) if present else set()
        complete = [y for y in present if y not in flagged]
        if complete:
            y_end = max(complete)
            y_start = y_end - int(recent)
            n_end = np.array([per_year.get((r, float(y_end)), 0) for r in names], dtype=float)
            n_start = np.array([per_year.get((r, float(y_start)), 0) for r in names], dtype=float)
            with np.errstate(divide="ignore", invalid="ignore"):
                cagr = np.where(n_start > 0, (n_end / np.where(n_start > 0, n_start, 1)) ** (1 / int(recent)) - 1,
                                np.nan)
            out["cagr"] = cagr
            attrs["cagr_years"] = (int(y_start), int(y_end))
        else:
            out["cagr"] = np.nan
            attrs["cagr_years"] = None
        attrs.update(cutoff=cut, lag_months=lag, recent=int(recent))
    if "national_share" in chosen:
        denom = float(national_total) if national_total is not None else float(total_units)
        out["national_share"] = count / denom if denom > 0 else np.nan
        attrs["national_total"] = denom
    if "count" not in chosen and "count" in out.columns:
        out = out.drop(columns="count")
    out.attrs.update(level=level_key, **nb.unit_attrs(unit_key), date=date_key,
                     indicators=chosen, indicators_zh=[INDICATORS[i] for i in chosen], **attrs)
    return out


# --------------------------------------------------------------------------- charts


def plot_region_ranking(
    counts: pd.DataFrame,
    top: int = 10,
    ax: Axes | None = None,
    title: str | None = None,
    save: str | Path | None = None,
) -> Axes:
    """Horizontal bars of a :func:`region_counts` table (省份/城市排名), largest on top.

    Bars are labelled with the Chinese region names and annotated with count and share;
    the x-axis names the unit (``attrs['unit_label']``: 申请量（件）/专利族数（项）/文献量（篇））
    and the title says the first applicant's region. The last y tick label is the top (largest) bar. Returns the Axes.

    >>> from navtrain import load_sample
    >>> ax = plot_region_ranking(region_counts(load_sample().query("office == 'CN'"), level="city"))
    >>> len(ax.patches), ax.get_yticklabels()[-1].get_text(), ax.get_xlabel()
    (5, '郑州市', '申请量（件）')
    """
    check_columns(counts, ["count"], "plot_region_ranking")
    level = counts.attrs.get("level")
    if level not in counts.columns:
        level = next((c for c in ("city", "province") if c in counts.columns), counts.columns[0])
    data = counts.sort_values("count", ascending=False, kind="stable").head(int(top))
    ax = new_axes(ax)
    y = np.arange(len(data))
    values = data["count"].to_numpy(dtype=float)[::-1]
    import seaborn as sns

    ax.barh(y, values, color=sns.color_palette(PALETTE)[0])
    ax.set_yticks(y, data[level].astype(str).tolist()[::-1])
    shares = data["share"].to_numpy(dtype=float)[::-1] if "share" in data.columns else [np.nan] * len(data)
    for yi, v, s in zip(y, values, shares, strict=True):
        text = f"{v:g}" if np.isnan(s) else f"{v:g}（{s:.1%}）"
        ax.annotate(text, xy=(v, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize="small")
    ax.set_xlabel(unit_label(counts))
    level_zh = _LEVEL_ZH.get(str(level), str(level))
    ax.set_ylabel(level_zh)
    ax.set_xlim(0, max(float(data["count"].max()) * 1.25, 1.0) if len(data) else 1.0)
    ax.set_title(title or f"第一申请人所在{level_zh}排名（前{len(data)}位）")
    if save is not None:
        save_chart(ax, save)
    return ax
