"""Technology life cycle (技术生命周期): stage trajectory, 专利指标法 coefficients, S-curves.

Three views of where a technology stands (trajectory stage, coefficients, S-curve), each a
documented method rather than a fact:

1. :func:`lifecycle_table` — per year the number of applications *n* and of distinct
   applicants *m*, their growth rates and a **stage label** from a parameterised rule
   (the Chinese 申请人数—申请量 trajectory reading), plus the 专利指标法 coefficients
   v, α, β, N. :func:`plot_lifecycle` draws the trajectory.
2. :func:`fit_s_curve` — a logistic (Loglet Lab form) or Gompertz curve fitted to the
   **cumulative** counts, returning an :class:`SCurveFit`; :func:`plot_s_curve` draws it.

Incomplete years (publication lag, :func:`navtrain.incomplete_years`) are never
given a stage, never enter the coefficients' ratios and are dropped before a fit: a
technology must not look 衰退 just because its last two years are not yet published.

Sources (paraphrased; see ``docs/methods/lifecycle.md``): the stage signatures of the trajectory
follow 谈帅 (2024), 产品技术生命周期判定——以"专利信息"为基础的分析模型, 行之知识产权
(ssuip.com/Detail/10319.html); the 专利指标法
(v, α, β, N) is common Chinese patent-analysis practice, e.g. in 陈燕等《专利信息采集与分析》
(清华大学出版社, 2006) and 杨铁军 主编《专利分析实务手册》(知识产权出版社, 2012); the logistic
parameterisation is Meyer, Yung & Ausubel (1999), *Technological Forecasting & Social
Change* 61(3):247–271 (Loglet Lab); life-cycle analysis is part of the descriptive set of
GB/T 39551.1-2020 (专利导航分析) and of R&D evaluation in GB/T 39551.5.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from navtrain import basis as nb
from navtrain.basis import DATE_BASES, MISSING_GROUP, incomplete_years
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.plots import INCOMPLETE_COLOR, PALETTE, new_axes, save_chart, unit_label
from navtrain.schema import PATENT_TYPES, check_columns, standardize_columns
from navtrain.trend import trend

__all__ = [
    "STAGES",
    "SCurveFit",
    "fit_s_curve",
    "lifecycle_table",
    "plot_lifecycle",
    "plot_s_curve",
]

#: Stage labels in life-cycle order; the last one is the rule's "none of the above".
STAGES: tuple[str, ...] = ("萌芽期", "成长期", "成熟期", "衰退期", "复苏期", "过渡/不确定")
#: Window of A, the trailing invention sum of the 技术生长率 v = a / A (years, inclusive).
A_WINDOW = 5
#: Fewer complete years than this and :func:`fit_s_curve` warns.
MIN_FIT_YEARS = 8
LN81 = math.log(81.0)
#: Gompertz 10 % → 90 % duration is GOMPERTZ_10_90 / c.
GOMPERTZ_10_90 = math.log(-math.log(0.1)) - math.log(-math.log(0.9))

_TYPE_ALIASES = {
    "invention": "invention", "发明": "invention", "发明专利": "invention", "发明申请": "invention",
    "发明授权": "invention", "utility_model": "utility_model", "utility model": "utility_model",
    "实用新型": "utility_model", "实用新型专利": "utility_model", "design": "design",
    "外观设计": "design", "外观设计专利": "design", "外观": "design",
}
_MODELS = {"logistic": "logistic", "loglet": "logistic", "逻辑斯蒂": "logistic", "logistic曲线": "logistic",
           "gompertz": "gompertz", "冈珀茨": "gompertz", "龚珀兹": "gompertz"}
_MODEL_ZH = {"logistic": "Logistic", "gompertz": "Gompertz"}

_NOTE_INCOMPLETE = "数据不完整（公开滞后），不判断阶段"
_NOTE_NO_GROWTH = "上年为0或无上年数据，增长率无定义"


# --------------------------------------------------------------------------- table


def _warn_dropped(func: str, dropped: dict[str, int], total: int) -> None:
    for reason, count in dropped.items():
        warnings.warn(f"{func}: {count} of {total} rows have {reason} and were not counted "
                      "(有日期缺失的记录未计入)", NavtrainWarning, stacklevel=3)


def _applicant_column(table: pd.DataFrame, applicant_col: str) -> tuple[str, bool]:
    """The applicant column to count, and whether it is the raw-name fallback."""
    if applicant_col in table.columns:
        return applicant_col, False
    if applicant_col == "applicants_std" and "applicants" in table.columns:
        warnings.warn(
            "lifecycle_table: no harmonised 'applicants_std' column, counting raw 'applicants' "
            "names instead; name variants will inflate the applicant counts (未标准化申请人名称，"
            "申请人数量可能偏大)", NavtrainWarning, stacklevel=3)
        return "applicants", True
    check_columns(table, [applicant_col], "lifecycle_table (distinct applicants per year)")
    raise AssertionError  # pragma: no cover - check_columns raised


def _stage_frame(n: pd.Series, m: pd.Series, incomplete: pd.Series, thr: float, min_count: float,
                 smooth: int) -> pd.DataFrame:
    """Growth rates, optional moving averages and the stage label, one row per year."""
    complete = ~incomplete.to_numpy(bool)
    n_c = n.astype("float64").where(complete)
    m_c = m.astype("float64").where(complete)
    if smooth > 1:
        n_s = n_c.rolling(smooth, min_periods=smooth).mean()
        m_s = m_c.rolling(smooth, min_periods=smooth).mean()
    else:
        n_s, m_s = n_c, m_c
    n_prev, m_prev = n_s.shift(1), m_s.shift(1)
    g_n = (n_s / n_prev - 1).where(n_prev > 0)
    g_m = (m_s / m_prev - 1).where(m_prev > 0)

    level_ok = (n_s.notna() & m_s.notna()).to_numpy()
    reached = ((n_s >= min_count) | (m_s >= min_count)).cummax().to_numpy()
    growth_ok = (g_n.notna() & g_m.notna()).to_numpy()
    gn, gm = g_n.to_numpy(), g_m.to_numpy()
    with np.errstate(invalid="ignore"):
        is_growth = growth_ok & (gn > thr) & (gm > thr)
        is_mature = growth_ok & (gn > -thr) & (gm <= thr)
        is_decline = growth_ok & (gn <= -thr) & (gm <= -thr)
    conds = [~complete, ~level_ok, ~reached, ~growth_ok, is_growth, is_mature, is_decline]
    base = np.select(conds, [None, None, "萌芽期", None, "成长期", "成熟期", "衰退期"], "过渡/不确定")
    notes = np.select(conds, [_NOTE_INCOMPLETE, f"{smooth}年移动平均窗口不足，不判断阶段",
                              f"申请量与申请人数均 < {min_count:g} 且此前未达到该水平",
                              _NOTE_NO_GROWTH, f"g_n > {thr:g} 且 g_m > {thr:g}",
                              f"g_n > {-thr:g} 且 g_m ≤ {thr:g}", f"g_n ≤ {-thr:g} 且 g_m ≤ {-thr:g}"],
                      "不满足成长、成熟、衰退任一条件")
    # 复苏期: a growth year whose nearest earlier decisive non-growth stage is 衰退期.
    decisive = pd.Series(base, dtype=object).where(pd.Series(base).isin(["萌芽期", "成熟期", "衰退期"]))
    previous = decisive.ffill().shift(1).to_numpy()
    recovery = is_growth & (previous == "衰退期")
    base = np.where(recovery, "复苏期", base)
    notes = np.where(recovery, np.char.add(notes.astype(str), "，前一明确阶段为衰退期"), notes)

    out = pd.DataFrame(index=n.index)
    if smooth > 1:
        out["applications_ma"] = n_s
        out["applicants_ma"] = m_s
    out["applications_growth"] = g_n
    out["applicants_growth"] = g_m
    out["stage"] = pd.Categorical(base, categories=list(STAGES))
    out["stage_note"] = notes.astype(object)
    return out


def _mapped_types(table: pd.DataFrame) -> pd.Series:
    """``patent_type`` with common Chinese labels mapped to the canonical values, else NA."""
    s = table["patent_type"]
    known = s.isin(PATENT_TYPES)
    mapped = s.where(known).astype(object)
    other = s.notna() & ~known
    if other.any():
        keys = s[other].astype("string").str.strip().str.lower()
        mapped[other] = keys.map(_TYPE_ALIASES).astype(object).to_numpy()
    return mapped


def lifecycle_table(
    df: pd.DataFrame,
    date: str = "application",
    unit: str = "applications",
    cutoff: object = None,
    lag_months: int | None = None,
    thr: float = 0.10,
    min_count: float = 10,
    smooth: int = 1,
    applicant_col: str = "applicants_std",
    coefficients: bool = True,
) -> pd.DataFrame:
    """Per-year applications, distinct applicants, growth, stage and 专利指标法 coefficients.

    **Counts.** ``applications`` n_t and the ``incomplete`` flag come from
    :func:`navtrain.trend` (same ``date``, ``unit``, ``cutoff``, ``lag_months``): applications
    (件, default), families (项) or documents (篇), each application or family once, in the
    year of its earliest member.
    ``applicants`` m_t is the number of **distinct** names in ``applicant_col`` over all
    co-applicants of the units counted in year t (whole counting: a co-applied unit
    makes each of its applicants active; the applicants of an application's or family's
    earliest member, as in ``trend(by=...)``). The harmonised ``applicants_std``
    is the default; when the table lacks it the raw ``applicants`` are used with a
    :class:`NavtrainWarning` and ``attrs["applicant_fallback"] = True``. Records without
    any applicant add to n_t but to no m_t.

    **Growth.** g_n = n_t / n_{t−1} − 1 and g_m likewise (NaN when the previous value is
    0, and in incomplete years). With ``smooth = k > 1`` both series are first replaced
    by their trailing k-year moving average over complete years (columns
    ``applications_ma``, ``applicants_ma``; the first k−1 years get none) and the growth
    rates and the ``min_count`` floor below apply to the averages.

    **Stage rule** (a teaching heuristic with parameters ``thr`` and ``min_count``, not
    a fact; see docs/methods/lifecycle.md), applied in this order to each complete year:

    ============  ======================================================================
    (none)        incomplete year, or moving-average window not full (reason in
                  ``stage_note``)
    萌芽期        n_t < min_count and m_t < min_count and neither count has reached
                  min_count in any earlier year (a field that shrinks back below the
                  floor is read by its growth rates instead)
    (none)        g_n or g_m undefined (first year, or previous year 0)
    成长期        g_n > thr and g_m > thr
    复苏期        as 成长期, when the nearest earlier year labelled 萌芽期/成熟期/衰退期 is
                  a 衰退期 (growth after a decline)
    成熟期        g_n > −thr and g_m ≤ thr (applications hold up, applicants stall)
    衰退期        g_n ≤ −thr and g_m ≤ −thr (both fall)
    过渡/不确定   anything else
    ============  ======================================================================

    Incomplete years are never labelled (``stage`` NA, ``stage_note`` says why).

    **Coefficients** (专利指标法, common Chinese practice; ``coefficients=True`` needs
    ``patent_type``): a, b, c = invention, utility-model and design records of the year;
    A = inventions over the five years **ending with the current year, inclusive**
    (t−4 … t; years before the table's first year count as 0), so 0 ≤ v ≤ 1.
    v = a / A (技术生长率), α = a / (a + b) (技术成熟系数), β = (a + b) / (a + b + c)
    (技术衰老系数), N = √(v² + α²) (新技术特征系数). An undefined ratio (zero
    denominator) is NaN, and so are all four ratios in incomplete years (utility models
    and designs publish on grant, inventions after 18 months, so a lagged year's type mix
    is biased). They are meant for Chinese (CNIPA) data: filter ``office == 'CN'``
    first for the textbook reading. Rows whose type is missing or not recognised are left
    out of a, b, c with a warning.

    Returns a new DataFrame, one row per year (zero-filled), columns ``year``,
    ``applications``, ``applicants``, [``applications_ma``, ``applicants_ma``],
    ``applications_growth``, ``applicants_growth``, ``incomplete``, ``stage``,
    ``stage_note`` and, with coefficients, ``a``, ``b``, ``c``, ``A``, ``v``, ``alpha``,
    ``beta``, ``N``. ``attrs`` records unit, date basis, cut-off, lag, the rule's
    parameters, the applicant column and dropped rows.

    >>> from navtrain import load_sample
    >>> t = lifecycle_table(load_sample(), cutoff="2024-12-31")
    >>> t.loc[t["year"] == 2020, ["applications", "applicants", "a", "b", "A"]].values.tolist()
    [[4, 3, 3, 1, 7]]
    >>> round(float(t.loc[t["year"] == 2022, "N"].iloc[0]), 4)   # √((2/9)² + (2/3)²)
    0.7027
    >>> t["stage"].value_counts().to_dict()["萌芽期"], t.loc[t["incomplete"], "stage_note"].iloc[0]
    (8, '数据不完整（公开滞后），不判断阶段')
    """
    if not (isinstance(smooth, int | np.integer) and smooth >= 1):
        raise SchemaError(f"smooth must be a whole number of years >= 1, got {smooth!r}",
                          fix="use smooth=1 (no smoothing) or smooth=3 (3-year moving average)",
                          hint="移动平均年数须为正整数")
    if not (thr >= 0 and min_count >= 0):
        raise SchemaError(f"thr and min_count must be >= 0, got thr={thr!r}, min_count={min_count!r}",
                          fix="e.g. thr=0.10, min_count=10", hint="阈值不能为负")
    smooth = int(smooth)
    table = standardize_columns(df)
    basis = nb.date_basis(date)
    nb.resolve_cutoff(cutoff)  # a bad date fails here, before any counting
    col, fallback = _applicant_column(table, applicant_col)
    if coefficients:
        check_columns(table, ["patent_type"],
                      "lifecycle_table coefficients v, α, β, N (pass coefficients=False to skip them)")
    unit_key = nb.unit_key(unit)
    if unit_key == "families":
        check_columns(table, ["family_id"], "lifecycle_table(unit='families')")
    if cutoff is None:  # the default cut-off of the whole table, not of its earliest members
        cutoff = nb.default_cutoff(table)
    undated = int(nb.filing_year(table, basis).isna().sum())
    table = nb.collapse(table, unit_key, basis)  # once: both trend calls below count its rows
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        if coefficients:  # one trend call split by type gives n_t (sum over types) and a, b, c
            split = trend(table.assign(_patent_type=_mapped_types(table)), date=basis, by="_patent_type",
                          unit="documents", cutoff=cutoff, lag_months=lag_months)
            per_year = split.groupby("year", sort=True)
            base = pd.DataFrame({"count": per_year["count"].sum(), "incomplete": per_year["incomplete"].first()})
            base = base.reset_index().astype({"year": "int64", "count": "int64", "incomplete": bool})
            base.attrs = split.attrs
        else:
            base = trend(table, date=basis, unit="documents", cutoff=cutoff, lag_months=lag_months)
    cut, lag = base.attrs["cutoff"], base.attrs["lag_months"]
    dropped: dict[str, int] = {f"no {basis} date": undated} if undated else {}
    _warn_dropped("lifecycle_table", dropped, len(df))

    years = pd.Index(base["year"], name="year")
    out = pd.DataFrame({"year": base["year"].to_numpy(), "applications": base["count"].to_numpy()})
    applicants = pd.Series(0, index=years, dtype="int64")
    abc = pd.DataFrame(0, index=years, columns=list(PATENT_TYPES), dtype="int64")
    if len(base):
        names = table[col]
        sample = names.dropna()
        if len(sample) and isinstance(sample.iloc[0], np.ndarray):  # e.g. read back from parquet
            names = names.map(lambda v: list(v) if isinstance(v, np.ndarray) else v)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NavtrainWarning)
            by_app = trend(table.assign(**{col: names}), date=basis, by=col, unit="documents", cutoff=cut,
                           lag_months=lag)
            active = by_app[(by_app["count"] > 0) & (by_app[col] != MISSING_GROUP)]
            applicants = active.groupby("year").size().reindex(years, fill_value=0).astype("int64")
        if coefficients:
            wide = split.pivot_table(index="year", columns="_patent_type", values="count", aggfunc="sum",
                                     fill_value=0)
            no_type = int(wide[MISSING_GROUP].sum()) if MISSING_GROUP in wide.columns else 0
            abc = wide.reindex(index=years, columns=list(PATENT_TYPES), fill_value=0).astype("int64")
        if coefficients and no_type:
            reason = "no recognised patent_type (left out of a, b, c only)"
            dropped[reason] = no_type
            warnings.warn(f"lifecycle_table: {no_type} counted records have no recognised patent_type "
                          "(invention/utility_model/design) and are left out of a, b, c "
                          "(专利类型缺失或无法识别的记录未计入 a、b、c)", NavtrainWarning, stacklevel=2)
    out["applicants"] = applicants.to_numpy()
    out["incomplete"] = base["incomplete"].to_numpy(bool)
    stage = _stage_frame(out["applications"], out["applicants"], out["incomplete"], thr, min_count, smooth)
    out = pd.concat([out[["year", "applications", "applicants"]], stage.drop(columns=["stage", "stage_note"]),
                     out[["incomplete"]], stage[["stage", "stage_note"]]], axis=1)
    if coefficients:
        a = pd.Series(abc["invention"].to_numpy(), dtype="int64")
        b = pd.Series(abc["utility_model"].to_numpy(), dtype="int64")
        c = pd.Series(abc["design"].to_numpy(), dtype="int64")
        big_a = a.rolling(A_WINDOW, min_periods=1).sum().astype("int64")
        keep = ~out["incomplete"].to_numpy(bool)
        v = (a / big_a).where((big_a > 0) & keep)
        alpha = (a / (a + b)).where((a + b > 0) & keep)
        beta = ((a + b) / (a + b + c)).where((a + b + c > 0) & keep)
        out = out.assign(a=a, b=b, c=c, A=big_a, v=v.astype("float64"), alpha=alpha.astype("float64"),
                         beta=beta.astype("float64"), N=np.sqrt(v**2 + alpha**2).astype("float64"))
    out.attrs.update(
        nb.unit_attrs(unit_key), date=basis,
        year_label=DATE_BASES[basis][3], cutoff=cut, lag_months=lag, thr=float(thr),
        min_count=float(min_count), smooth=smooth, applicant_col=col, applicant_fallback=fallback,
        counting="whole (每个共同申请人各计1次)", A_window=f"{A_WINDOW} years ending with the year, inclusive",
        coefficients=bool(coefficients), dropped=dropped,
    )
    return out


# --------------------------------------------------------------------------- S-curves


def _logistic(t: np.ndarray, k: float, t_m: float, dt: float) -> np.ndarray:
    """Loglet form N(t) = K / (1 + exp(−(ln 81 / Δt)(t − t_m)))."""
    z = (LN81 / dt) * (np.asarray(t, dtype="float64") - t_m)
    return k / (1.0 + np.exp(-np.clip(z, -700, 700)))


def _gompertz(t: np.ndarray, k: float, t_i: float, c: float) -> np.ndarray:
    """Gompertz with its inflection year t_i: K·exp(−exp(−c (t − t_i))) = K·exp(−b·exp(−c·(t − t0)))."""
    z = -c * (np.asarray(t, dtype="float64") - t_i)
    return k * np.exp(-np.exp(np.clip(z, -700, 700)))


@dataclass(frozen=True, eq=False)
class SCurveFit:
    """Result of :func:`fit_s_curve` (all years are calendar years, fractional allowed).

    ``K`` saturation level; ``midpoint`` the inflection year (logistic t_m, where N = K/2;
    Gompertz ln(b)/c after ``origin``, where N = K/e); ``r`` the intrinsic rate (logistic
    r = ln 81 / Δt in dN/dt = r·N·(1 − N/K); Gompertz r = c in dN/dt = c·N·ln(K/N));
    ``delta_t`` the 10 % → 90 % growth time (logistic Δt; Gompertz 3.0844 / c); ``b`` and
    ``c`` the Gompertz parameters with time counted from ``origin`` (NaN for the
    logistic). ``se`` standard errors from the covariance matrix (delta method for derived
    values); ``K_ci`` a 95 % interval for K (``K_ci_method`` says how). ``r2`` and
    ``rmse`` are on the cumulative values of the years used. ``fitted`` has one row per
    year: ``year``, ``count``, ``cumulative`` (observed), ``fitted``, ``residual``,
    ``used`` (False for incomplete years left out of the fit). ``unit``/``unit_zh`` name the
    unit counted (applications 件 by default) and ``cutoff`` the data cut-off the incomplete
    years were judged at (None for a Series given without one).
    """

    model: str
    K: float
    midpoint: float
    r: float
    delta_t: float
    b: float
    c: float
    origin: int
    se: dict[str, float]
    K_ci: tuple[float, float]
    K_ci_method: str
    r2: float
    rmse: float
    n_years: int
    first_year: int
    last_year: int
    passed_midpoint: bool
    fitted: pd.DataFrame = field(repr=False)
    unit: str = "applications"
    unit_zh: str = "件"
    year_label: str = "年份"
    excluded_years: tuple[int, ...] = ()
    cutoff: pd.Timestamp | None = None

    def predict(self, years: object) -> np.ndarray:
        """Model value (cumulative count) at ``years``.

        >>> fit = SCurveFit("logistic", 1000.0, 2015.0, LN81 / 12, 12.0, float("nan"), float("nan"),
        ...                 2000, {}, (1000.0, 1000.0), "wald", 1.0, 0.0, 25, 2000, 2024, True,
        ...                 pd.DataFrame())
        >>> [round(float(x), 6) for x in fit.predict([2009, 2015, 2021])]
        [100.0, 500.0, 900.0]
        """
        t = np.asarray(years, dtype="float64")
        if self.model == "logistic":
            return _logistic(t, self.K, self.midpoint, self.delta_t)
        return _gompertz(t, self.K, self.midpoint, self.c)

    def summary(self) -> pd.Series:
        """The key numbers with Chinese labels (for a report table).

        >>> fit = SCurveFit("logistic", 1000.0, 2015.0, LN81 / 12, 12.0, float("nan"), float("nan"),
        ...                 2000, {}, (900.0, 1100.0), "wald", 1.0, 0.0, 25, 2000, 2024, True,
        ...                 pd.DataFrame())
        >>> fit.summary()["饱和量 K"]
        1000.0
        """
        mid = "中点 t_m" if self.model == "logistic" else "拐点 ln(b)/c"
        return pd.Series({
            "模型": _MODEL_ZH[self.model], "饱和量 K": self.K, "K 95%区间 下限": self.K_ci[0],
            "K 95%区间 上限": self.K_ci[1], mid: self.midpoint, "增长率 r": self.r,
            "10%→90% 时长 Δt": self.delta_t, "R²": self.r2, "RMSE": self.rmse,
            "拟合年数": self.n_years, "已过拐点": self.passed_midpoint,
        }, dtype=object)


def _counts_input(obj: object, date: str, unit: str, cutoff: object,
                  lag_months: int | None) -> tuple[pd.DataFrame, dict]:
    """Per-year ``count`` and ``incomplete`` from a patent table, trend table or Series."""
    basis = nb.date_basis(date)
    if isinstance(obj, pd.Series):
        counts = pd.to_numeric(obj, errors="coerce")
        years = pd.to_numeric(pd.Index(obj.index), errors="coerce")
        if counts.isna().any() or pd.isna(years).any():
            raise SchemaError("the counts Series needs whole years as index and numbers as values",
                              fix="e.g. pd.Series({2015: 3, 2016: 5})", hint="请以年份为索引、申请量为值")
        series = pd.Series(counts.to_numpy("float64"), index=np.asarray(years, dtype="int64"))
        series = series.groupby(level=0).sum()
        if len(series):
            series = series.reindex(range(int(series.index.min()), int(series.index.max()) + 1), fill_value=0)
        table = pd.DataFrame({"year": series.index.astype("int64"), "count": series.to_numpy()})
        lag = nb.resolve_lag(lag_months, basis)
        cut = nb.resolve_cutoff(cutoff) if cutoff is not None else None
        flagged = set(incomplete_years(table["year"], cut, lag)) if cut is not None and len(table) else set()
        table["incomplete"] = table["year"].isin(flagged)
        return table, {**nb.unit_attrs("applications"), "year_label": "年份", "dropped": {}, "cutoff": cut}
    if not isinstance(obj, pd.DataFrame):
        raise SchemaError(f"fit_s_curve needs a patent table, a trend table or a Series, got {type(obj).__name__}",
                          fix="pass navtrain.trend(df) or the patent table itself", hint="输入数据类型不对")
    value_col = "count" if "count" in obj.columns else "applications" if "applications" in obj.columns else None
    if "year" in obj.columns and value_col is not None:  # a trend or lifecycle table
        if obj.attrs.get("by") is not None or obj["year"].duplicated().any():
            raise SchemaError("fit_s_curve needs one count per year, the table is split by a column",
                              fix="fit one group at a time, e.g. trend(df[df.patent_type == 'invention'])",
                              hint="请对单一序列拟合，不要按列分组")
        table = pd.DataFrame({"year": pd.to_numeric(obj["year"]).astype("int64").to_numpy(),
                              "count": pd.to_numeric(obj[value_col]).astype("float64").to_numpy()})
        table["incomplete"] = obj["incomplete"].to_numpy(bool) if "incomplete" in obj.columns else False
        table = table.sort_values("year").reset_index(drop=True)
        full = pd.RangeIndex(int(table["year"].min()), int(table["year"].max()) + 1) if len(table) else []
        table = table.set_index("year").reindex(full).rename_axis("year").reset_index()
        table["count"] = table["count"].fillna(0.0)
        table["incomplete"] = table["incomplete"].fillna(False).astype(bool)
        meta = {k: obj.attrs[k] for k in ("unit", "unit_zh", "unit_label", "year_label", "cutoff") if k in obj.attrs}
        return table, {**nb.unit_attrs("applications"), "year_label": "年份", **meta, "dropped": {}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        counted = trend(obj, date=basis, unit=unit, cutoff=cutoff, lag_months=lag_months)
    _warn_dropped("fit_s_curve", counted.attrs["dropped"], len(obj))
    table = counted[["year", "count", "incomplete"]].astype({"count": "float64"})
    return table, dict(counted.attrs)


def _fit_once(func, x: np.ndarray, y: np.ndarray, p0: list[float], lo: list[float],
              hi: list[float]) -> tuple[np.ndarray, np.ndarray, float] | None:
    from scipy.optimize import OptimizeWarning, curve_fit

    p0 = [min(max(p, lo_ + 1e-9 * (abs(lo_) + 1)), hi_ - 1e-9 * (abs(hi_) + 1))
          for p, lo_, hi_ in zip(p0, lo, hi, strict=True)]
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", OptimizeWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            popt, pcov = curve_fit(func, x, y, p0=p0, bounds=(lo, hi), method="trf", maxfev=20000,
                                   ftol=1e-12, xtol=1e-12, gtol=1e-12)
        except (RuntimeError, ValueError):
            return None
    sse = float(np.sum((func(x, *popt) - y) ** 2))
    return popt, pcov, sse


def fit_s_curve(
    df_or_counts: pd.DataFrame | pd.Series,
    model: str = "logistic",
    date: str = "application",
    unit: str = "applications",
    cutoff: object = None,
    lag_months: int | None = None,
    drop_incomplete: bool = True,
    bootstrap: int = 0,
    seed: int | None = 0,
) -> SCurveFit:
    """Fit a logistic or Gompertz S-curve to the cumulative counts per year.

    Input: a patent table (counted with :func:`navtrain.trend` using ``date``, ``unit``,
    ``cutoff``, ``lag_months``), a trend or :func:`lifecycle_table` table (``year`` with
    ``count`` or ``applications``, and ``incomplete``), or a Series year → count per year
    (not cumulative; incomplete years flagged only when ``cutoff`` is given). ``date``,
    ``unit`` and ``cutoff`` apply to a patent table (and ``cutoff``/``lag_months`` to a
    Series); a counts table brings its own unit and flags. Missing years count 0. With
    ``drop_incomplete`` (default) the incomplete years are left out of the fit (still
    shown in ``fitted`` with ``used = False``); cumulative counts start at the first year
    of the data.

    Models, with t in calendar years:

    * ``logistic`` (Loglet Lab, Meyer, Yung & Ausubel 1999):
      N(t) = K / (1 + exp(−(ln 81 / Δt)(t − t_m))); N(t_m) = K/2,
      N(t_m ∓ Δt/2) = 0.1 K / 0.9 K; r = ln 81 / Δt.
    * ``gompertz``: N(t) = K·exp(−b·exp(−c·(t − origin))), origin = first year of the
      data; inflection at origin + ln(b)/c (where N = K/e), 10 % → 90 % time
      Δt = [ln(−ln 0.1) − ln(−ln 0.9)] / c = 3.0844 / c; r = c. Fitted internally in
      (K, inflection, c), which is well conditioned; b = exp(c·(inflection − origin)).

    Least squares by :func:`scipy.optimize.curve_fit` (trust region) with bounds
    K ≥ last observed cumulative value, Δt > 0 (c > 0) and the midpoint within 200 years
    of the data, from a few start values (K0 = 1.5 × last value, midpoint at the middle,
    end and 10 years after the data, Δt0 ∈ {5, 10, 20}); the best fit is kept. Standard
    errors come from ``pcov`` (delta method for r, b, Δt); when a parameter ends on a
    bound (e.g. the Gompertz inflection pushed 200 years out) they are NaN and there is
    no interval, since ``pcov`` means nothing there. The 95 % interval for K is
    K ± t(0.975, n − 3)·se(K) with its lower end raised to the last observed value
    (``K_ci_method='wald'``), or, with ``bootstrap = B > 0``, the 2.5 – 97.5 % percentiles
    of K over B refits to fitted + resampled residuals (``'bootstrap'``; residuals of a
    cumulative series are autocorrelated, so both intervals are optimistic). R² is
    high on any cumulative series: judge the fit by the chart and by ``passed_midpoint``.

    Warns (:class:`NavtrainWarning`) when the last year used is before the midpoint (K is
    then not identified: any larger K fits almost as well), and when fewer than
    8 years are used. Fewer than 4 years, or no filings at all, raise
    :class:`SchemaError`.

    >>> from navtrain import load_sample
    >>> years = np.arange(2000, 2025)
    >>> cumulative = 1000 / (1 + np.exp(-np.log(81) / 12 * (years - 2015)))
    >>> counts = pd.Series(np.diff(cumulative, prepend=0.0), index=years)
    >>> fit = fit_s_curve(counts)
    >>> round(fit.K, 3), round(fit.midpoint, 3), round(fit.delta_t, 3), fit.passed_midpoint
    (1000.0, 2015.0, 12.0, True)
    >>> small = fit_s_curve(load_sample(), cutoff="2024-12-31")   # 2015–2022; 2023–2024 incomplete
    >>> small.excluded_years, small.n_years, round(small.K)
    ((2023, 2024), 8, 34)
    """
    model_key = _MODELS.get(str(model).strip().lower())
    if model_key is None:
        raise UnknownNameError(f"unknown S-curve model {model!r}", fix="use 'logistic' or 'gompertz'",
                               hint="模型只能是 logistic 或 gompertz")
    table, meta = _counts_input(df_or_counts, date, unit, cutoff, lag_months)
    if (table["count"] < 0).any():
        raise SchemaError("negative counts cannot be cumulated", fix="check the counts per year",
                          hint="申请量不能为负")
    table["cumulative"] = table["count"].cumsum()
    used = ~table["incomplete"].to_numpy(bool) if drop_incomplete else np.ones(len(table), bool)
    fit_rows = table[used]
    if len(fit_rows) < 4 or fit_rows["cumulative"].iloc[-1] <= 0:
        raise SchemaError(
            f"fit_s_curve needs at least 4 complete years with filings, got {len(fit_rows)} year(s)",
            fix="use a longer period or a wider technology field", hint="可用于拟合的完整年份太少")
    if len(fit_rows) < MIN_FIT_YEARS:
        warnings.warn(f"fit_s_curve: only {len(fit_rows)} complete years; an S-curve from fewer than "
                      f"{MIN_FIT_YEARS} years is unreliable (年份太少，拟合结果不可靠)", NavtrainWarning,
                      stacklevel=2)
    x = fit_rows["year"].to_numpy("float64")
    scale = float(fit_rows["cumulative"].iloc[-1])
    y = fit_rows["cumulative"].to_numpy("float64") / scale
    first, last = float(x[0]), float(x[-1])
    func = _logistic if model_key == "logistic" else _gompertz
    lo = [1.0, first - 200.0, 1e-3 if model_key == "logistic" else 1e-4]
    hi = [np.inf, last + 200.0, 1e3 if model_key == "logistic" else 10.0]
    mids = [(first + last) / 2, last, last + 10]
    spreads = [5.0, 10.0, 20.0]
    best = None
    for mid in mids:
        for spread in spreads:
            third = spread if model_key == "logistic" else GOMPERTZ_10_90 / spread
            result = _fit_once(func, x, y, [1.5, mid, third], lo, hi)
            if result is not None and (best is None or result[2] < best[2]):
                best = result
    if best is None:  # pragma: no cover - every start failed
        raise SchemaError("the S-curve fit did not converge", fix="check the counts or try the other model",
                          hint="拟合未收敛")
    popt, pcov, _ = best
    k_s, mid, third = (float(p) for p in popt)
    cov = np.asarray(pcov, dtype="float64")
    names = ("K", "midpoint", "delta_t" if model_key == "logistic" else "c")
    at_bound = [nm for nm, p, lo_, hi_ in zip(names, popt, lo, hi, strict=True)
                if np.isclose(p, lo_, rtol=1e-6, atol=1e-9) or np.isclose(p, hi_, rtol=1e-6, atol=1e-9)]
    if at_bound or not np.all(np.isfinite(cov)):  # pcov means nothing at a bound
        cov = np.full((3, 3), np.nan)
    var = np.diag(cov)
    se_k, se_mid, se_third = (float(np.sqrt(v)) if v >= 0 else math.nan for v in var)
    K = k_s * scale
    se: dict[str, float] = {"K": se_k * scale, "midpoint": se_mid}
    origin = int(table["year"].iloc[0])
    if model_key == "logistic":
        dt, r = third, LN81 / third
        b = c = math.nan
        se.update(delta_t=se_third, r=LN81 / third**2 * se_third)
    else:
        c = third
        dt, r = GOMPERTZ_10_90 / c, c
        b = math.exp(c * (mid - origin))
        # b = exp(c·(t_i − origin)): ∂b/∂t_i = b·c, ∂b/∂c = b·(t_i − origin)
        grad = np.array([0.0, b * c, b * (mid - origin)])
        se.update(c=se_third, r=se_third, delta_t=GOMPERTZ_10_90 / c**2 * se_third,
                  b=float(np.sqrt(grad @ cov @ grad)) if np.all(np.isfinite(cov)) else math.nan)

    n = len(fit_rows)
    obs = fit_rows["cumulative"].to_numpy("float64")
    pred = func(x, *popt) * scale
    sse = float(np.sum((obs - pred) ** 2))
    sst = float(np.sum((obs - obs.mean()) ** 2))
    r2 = 1 - sse / sst if sst > 0 else math.nan
    rmse = math.sqrt(sse / n)

    if bootstrap and bootstrap > 0:
        rng = np.random.default_rng(seed)
        resid = y - func(x, *popt)
        ks = []
        for _ in range(int(bootstrap)):
            y_star = func(x, *popt) + rng.choice(resid, size=n, replace=True)
            res = _fit_once(func, x, y_star, list(popt), lo, hi)
            if res is not None:
                ks.append(res[0][0] * scale)
        k_ci = (float(np.percentile(ks, 2.5)), float(np.percentile(ks, 97.5))) if ks else (math.nan, math.nan)
        ci_method = f"bootstrap ({len(ks)} residual resamples, percentile)"
    else:
        from scipy.stats import t as student_t

        half = float(student_t.ppf(0.975, n - 3)) * se["K"] if n > 3 else math.nan
        k_ci = (max(K - half, scale), K + half) if np.isfinite(half) else (math.nan, math.nan)
        ci_method = "wald (K ± t(0.975, n−3)·se, lower end ≥ last observed)"
        if at_bound:
            ci_method = f"not available: {', '.join(at_bound)} at the bound of the search range"

    passed = bool(last >= mid)
    if not passed:
        what = "midpoint" if model_key == "logistic" else "inflection"
        warnings.warn(f"fit_s_curve: the data end in {int(last)}, before the fitted {what} {mid:.1f}; "
                      f"K = {K:.4g} is not identified (still before the inflection: any larger K fits "
                      "almost as well) (数据尚未越过拐点，饱和量K无法确定)", NavtrainWarning, stacklevel=2)
    fitted = table[["year", "count", "cumulative"]].copy()
    fitted["fitted"] = func(fitted["year"].to_numpy("float64"), *popt) * scale
    fitted["residual"] = fitted["cumulative"] - fitted["fitted"]
    fitted["used"] = used
    return SCurveFit(
        model=model_key, K=K, midpoint=mid, r=r, delta_t=dt, b=b, c=c, origin=origin, se=se, K_ci=k_ci,
        K_ci_method=ci_method, r2=r2, rmse=rmse, n_years=n, first_year=int(first), last_year=int(last),
        passed_midpoint=passed, fitted=fitted, unit=meta.get("unit", "applications"),
        unit_zh=meta.get("unit_zh", nb.UNIT_ZH.get(meta.get("unit", "applications"), "件")),
        year_label=meta.get("year_label", "年份"),
        excluded_years=tuple(int(y) for y in table.loc[~used, "year"]),
        cutoff=None if meta.get("cutoff") is None else pd.Timestamp(meta["cutoff"]),
    )


# --------------------------------------------------------------------------- charts


def _stage_colors() -> dict[str, tuple[float, float, float]]:
    import seaborn as sns

    colors = sns.color_palette(PALETTE, len(STAGES))
    return dict(zip(STAGES, colors, strict=True))


def plot_lifecycle(table: pd.DataFrame, ax: Axes | None = None, title: str | None = None,
                   save: str | Path | None = None) -> Axes:
    """Chart the 申请人数—申请量 trajectory of a :func:`lifecycle_table`.

    x = applications (申请量), y = distinct applicants (申请人数量), one point per year
    joined in time order (arrows show the direction), each labelled with its year and
    coloured by its stage (legend). Incomplete years are hollow grey points labelled
    「数据不完整」, joined by a dashed line, and carry no stage; complete years
    without a stage are dark grey 「未判定」. Returns the Axes.

    >>> from navtrain import load_sample
    >>> ax = plot_lifecycle(lifecycle_table(load_sample(), cutoff="2024-12-31", min_count=1))
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('申请量（件）', '申请人数量（个）')
    >>> [t.get_text() for t in ax.texts if "数据不完整" in t.get_text()]
    ['2023（数据不完整）', '2024（数据不完整）']
    """
    check_columns(table, ["year", "applications", "applicants", "incomplete", "stage"], "plot_lifecycle")
    ax = new_axes(ax)
    data = table.sort_values("year")
    x = data["applications"].to_numpy("float64")
    y = data["applicants"].to_numpy("float64")
    inc = data["incomplete"].to_numpy(bool)
    years = data["year"].astype(int).to_numpy()
    stage = data["stage"].astype(object).to_numpy()
    complete_idx = np.flatnonzero(~inc)
    if len(complete_idx):
        ax.plot(x[~inc], y[~inc], color="#888888", linewidth=1.2, zorder=1, label="_path")
    if inc.any():
        start = complete_idx[-1] if len(complete_idx) else np.flatnonzero(inc)[0]
        tail = np.r_[start, np.flatnonzero(inc)] if len(complete_idx) else np.flatnonzero(inc)
        ax.plot(x[tail], y[tail], color="#aaaaaa", linewidth=1.0, linestyle="--", zorder=1, label="_tail")
    for i in range(len(x) - 1):  # direction arrows, one per step in time
        ax.annotate("", xy=((x[i] + x[i + 1]) / 2, (y[i] + y[i + 1]) / 2), xytext=(x[i], y[i]),
                    arrowprops={"arrowstyle": "->", "color": "#aaaaaa" if inc[i + 1] else "#666666",
                                "lw": 1.0})
    colors = _stage_colors()
    for name in STAGES:
        mask = (~inc) & (stage == name)
        if mask.any():
            ax.scatter(x[mask], y[mask], s=60, color=colors[name], edgecolor="white", zorder=3, label=name)
    unlabelled = (~inc) & pd.isna(stage)
    if unlabelled.any():
        ax.scatter(x[unlabelled], y[unlabelled], s=60, color="#555555", edgecolor="white", zorder=3,
                   label="未判定")
    if inc.any():
        ax.scatter(x[inc], y[inc], s=60, facecolors="none", edgecolors="#999999", linewidths=1.5, zorder=3,
                   label="数据不完整（不判断阶段）")
    for xi, yi, year, is_inc in zip(x, y, years, inc, strict=True):
        text = f"{year}（数据不完整）" if is_inc else f"{year}"
        ax.annotate(text, (xi, yi), xytext=(5, 5), textcoords="offset points", fontsize="small",
                    color="#999999" if is_inc else "#333333")
    ax.set_xlabel(unit_label(table))
    ax.set_ylabel("申请人数量（个）")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title or "技术生命周期（申请人数—申请量）")
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, labels, frameon=False, fontsize="small", title="阶段", loc="best")
    cut = table.attrs.get("cutoff")
    if cut is not None and not pd.isna(cut):
        ax.annotate(f"检索截止日：{pd.Timestamp(cut):%Y-%m-%d}；阶段规则 thr={table.attrs.get('thr', 0.1):g}，"
                    f"min_count={table.attrs.get('min_count', 10):g}", xy=(1, -0.25), xycoords="axes fraction",
                    ha="right", fontsize="small", color="#555555")
    if save is not None:
        save_chart(ax, save)
    return ax


def plot_s_curve(fit: SCurveFit, ax: Axes | None = None, title: str | None = None, extend: int = 5,
                 save: str | Path | None = None) -> Axes:
    """Chart an :class:`SCurveFit`: observed cumulative counts, fitted curve, K and midpoint.

    Observed cumulative counts are points (incomplete years left out of the fit are hollow
    grey, 「数据不完整（未参与拟合）」); the fitted curve runs from the first year to
    ``extend`` years after the last (and past the midpoint when that lies within 3 × ``extend``
    years); K is a dashed line; the midpoint (logistic t_m) or inflection (Gompertz) is
    marked. A K or midpoint far outside the data (fit before the inflection) is left out
    of view and its legend entry says 「超出图幅」.
    Returns the Axes.

    >>> years = np.arange(2000, 2025)
    >>> counts = pd.Series(np.diff(1000 / (1 + np.exp(-np.log(81) / 12 * (years - 2015))), prepend=0.0),
    ...                    index=years)
    >>> ax = plot_s_curve(fit_s_curve(counts))
    >>> ax.get_title(), ax.get_ylabel()
    ('S 曲线拟合（Logistic）', '累计申请量（件）')
    """
    ax = new_axes(ax)
    data = fit.fitted
    used = data["used"].to_numpy(bool)
    colors = _stage_colors()
    ax.scatter(data.loc[used, "year"], data.loc[used, "cumulative"], s=28, color="#333333", zorder=3,
               label="实际累计量")
    if (~used).any():
        ax.scatter(data.loc[~used, "year"], data.loc[~used, "cumulative"], s=28, facecolors="none",
                   edgecolors="#999999", zorder=3, label="数据不完整（未参与拟合）")
    end = fit.last_year + int(extend)
    if np.isfinite(fit.midpoint) and fit.midpoint <= fit.last_year + 3 * int(extend):
        end = max(end, math.ceil(fit.midpoint) + 1)
    grid = np.linspace(fit.first_year, end, 400)
    curve = fit.predict(grid)
    observed_max = float(data["cumulative"].max())
    top = max(observed_max, float(np.nanmax(curve)))
    k_in_view = fit.K <= 3 * max(top, 1e-9)
    top = 1.08 * (max(top, fit.K) if k_in_view else top)
    name = _MODEL_ZH[fit.model]
    ax.plot(grid, curve, color=colors["成长期"], linewidth=2, zorder=2, label=f"{name} 拟合")
    ax.axhline(fit.K, color=colors["衰退期"], linestyle="--", linewidth=1.2,
               label=f"饱和量 K = {fit.K:,.0f}" + ("" if k_in_view else "（超出图幅）"))
    mid_label = "中点 t_m" if fit.model == "logistic" else "拐点"
    mid_in_view = bool(np.isfinite(fit.midpoint) and fit.midpoint <= end)
    mid_y = float(fit.predict([fit.midpoint])[0])
    if mid_in_view:
        ax.axvline(fit.midpoint, color="#999999", linestyle=":", linewidth=1.0, zorder=1)
    ax.scatter([fit.midpoint], [mid_y], marker="D", s=50, color=colors["成熟期"], zorder=4,
               label=f"{mid_label} = {fit.midpoint:.1f}" + ("" if mid_in_view else "（超出图幅）"))
    ax.set_xlim(fit.first_year - 1, end + 1)
    if fit.excluded_years:
        lo, hi = min(fit.excluded_years), max(fit.excluded_years)
        ax.axvspan(lo - 0.5, hi + 0.5, color=INCOMPLETE_COLOR, alpha=0.5, zorder=0, linewidth=0)
    ax.set_xlabel(fit.year_label)
    ax.set_ylabel(f"累计{nb.axis_label(fit.unit)}")
    ax.set_ylim(0, top)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title or f"S 曲线拟合（{name}）")
    handles, labels = ax.get_legend_handles_labels()
    if not fit.passed_midpoint:
        handles.append(Line2D([], [], linestyle="none"))
        labels.append("注意：尚未越过拐点，K 不可靠")
    ax.legend(handles, labels, frameon=False, fontsize="small", loc="best")
    ax.annotate(f"R² = {fit.r2:.3f}，Δt(10%→90%) = {fit.delta_t:.1f} 年", xy=(1, -0.18),
                xycoords="axes fraction", ha="right", fontsize="small", color="#555555")
    if save is not None:
        save_chart(ax, save)
    return ax
