"""navtrain.lifecycle against hand counts, worked examples (docs/methods/lifecycle.md) and S-curve oracles.

Hand count of the 21 sample documents by filing year (申请日), applications (件; one document each, so also
documents 篇), distinct
harmonised applicants (applicants_std) over all co-applicants, and a/b/c = invention /
utility-model / design documents:

year  docs  applicants (names)                                   a  b  c
2015  1     1  中原晶钻                                           1  0  0
2016  2     2  豫东微粉, 中岳理工                                 1  1  0
2017  2     2  嵩岳, 华原                                         1  1  0
2018  0     0                                                     0  0  0
2019  3     4  中原晶钻, 许昌金锋, 豫东微粉 + 中岳理工 (co-applied)  2  1  0
2020  4     3  中原晶钻 (US member), 郑州华砺 ×2 (variant), 华原     3  1  0
2021  3     3  华原 (WO member), 中原晶钻, 刘建国                   2  1  0
2022  4     5  中原晶钻 + 中岳理工, 嵩岳, 许昌金锋, 平原              2  1  1
2023  1     1  中原晶钻                                           1  0  0
2024  1     1  郑州华砺                                           0  1  0

With the raw `applicants` column 2020 has 4 names (the English US name and the name
variant 郑州华砺磨具股份有限公司 count separately).
A (inventions 2015..t, five years ending with t inclusive; none before 2015):
2015 1, 2016 2, 2017 3, 2018 3, 2019 5, 2020 1+1+0+2+3 = 7, 2021 1+0+2+3+2 = 8,
2022 0+2+3+2+2 = 9, 2023 10, 2024 8.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import navtrain as nt
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.lifecycle import (
    GOMPERTZ_10_90,
    STAGES,
    SCurveFit,
    _gompertz,
    _logistic,
    fit_s_curve,
    lifecycle_table,
    plot_lifecycle,
    plot_s_curve,
)
from tests.helpers import missing_glyphs

YEARS = list(range(2015, 2025))
CUT = "2024-12-31"


def col(table: pd.DataFrame, name: str) -> dict[int, object]:
    return dict(zip(table["year"].tolist(), table[name].tolist(), strict=True))


def stages(table: pd.DataFrame) -> dict[int, object]:
    return {y: (None if pd.isna(s) else s) for y, s in col(table, "stage").items()}


def inline_table(spec: dict[int, tuple[int, int]], patent_type: str = "invention") -> pd.DataFrame:
    """Documents filed 1 June of each year: n documents with exactly m distinct applicants.

    Document i of year y gets applicant 申请人{i mod m}; when m > n the last document also
    gets the remaining names as co-applicants. Names are fictitious.
    """
    rows = []
    for year, (n, m) in spec.items():
        for i in range(n):
            names = [f"申请人{i % m}"] if m else []
            if i == n - 1 and m > n:
                names += [f"申请人{k}" for k in range(n, m)]
            rows.append({"pub_no": f"CN{year}{i:05d}A", "app_date": pd.Timestamp(f"{year}-06-01"),
                         "patent_type": patent_type, "applicants_std": names})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- counts


def test_sample_counts_by_hand():
    t = lifecycle_table(nt.load_sample(), cutoff=CUT)
    assert t["year"].tolist() == YEARS
    assert t["applications"].tolist() == [1, 2, 2, 0, 3, 4, 3, 4, 1, 1]
    assert t["applicants"].tolist() == [1, 2, 2, 0, 4, 3, 3, 5, 1, 1]
    assert t.loc[t["incomplete"], "year"].tolist() == [2023, 2024]
    assert t["applications"].sum() == 21
    assert t.attrs["unit_zh"] == "件" and t.attrs["applicant_col"] == "applicants_std"
    assert t.attrs["applicant_fallback"] is False and t.attrs["cutoff"] == pd.Timestamp(CUT)


def test_priority_basis():
    # earliest priority year: the US member (2020 filing) claims 2019, the WO member 2020
    t = lifecycle_table(nt.load_sample(), date="priority", cutoff=CUT)
    assert (col(t, "applications")[2019], col(t, "applications")[2021]) == (4, 2)
    assert t.attrs["date"] == "priority" and t.attrs["year_label"] == "最早优先权年"


def test_counts_come_from_trend():
    df = nt.load_sample()
    for unit in ("documents", "families"):
        t = lifecycle_table(df, unit=unit, cutoff=CUT)
        tr = nt.trend(df, unit=unit, cutoff=CUT)
        assert t["applications"].tolist() == tr["count"].tolist()
        assert t["incomplete"].tolist() == tr["incomplete"].tolist()


def test_growth_rates_by_hand():
    t = lifecycle_table(nt.load_sample(), cutoff=CUT)
    g_n, g_m = col(t, "applications_growth"), col(t, "applicants_growth")
    # 2016: 2/1 - 1 = 1; 2018: 0/2 - 1 = -1; 2019: previous year 0 -> undefined;
    # 2020: 4/3 - 1 = 1/3 and 3/4 - 1 = -1/4; 2022: 4/3 - 1 and 5/3 - 1
    assert (g_n[2016], g_m[2016], g_n[2018]) == (1.0, 1.0, -1.0)
    assert math.isnan(g_n[2015]) and math.isnan(g_n[2019]) and math.isnan(g_m[2019])
    assert g_n[2020] == pytest.approx(1 / 3) and g_m[2020] == pytest.approx(-0.25)
    assert g_n[2022] == pytest.approx(1 / 3) and g_m[2022] == pytest.approx(2 / 3)
    assert math.isnan(g_n[2023]) and math.isnan(g_m[2024])  # incomplete: no growth rate


def test_families_count_once_with_their_earliest_member():
    # F0006 (CN 2019 + US 2020) and F0011 (CN 2020 + WO 2021) count in 2019 and 2020:
    # 2020 keeps 郑州华砺 ×2 + 华原 (3 families, 2 applicants), 2021 keeps 中原晶钻 + 刘建国.
    t = lifecycle_table(nt.load_sample(), unit="项", cutoff=CUT)
    assert (col(t, "applications")[2020], col(t, "applicants")[2020]) == (3, 2)
    assert (col(t, "applications")[2021], col(t, "applicants")[2021]) == (2, 2)
    assert t["applications"].sum() == 19 and t.attrs["unit_zh"] == "项"


def test_falls_back_to_raw_applicants_and_says_so():
    df = nt.load_sample().drop(columns=["applicants_std"])
    with pytest.warns(NavtrainWarning, match="applicants_std"):
        t = lifecycle_table(df, cutoff=CUT)
    assert t.attrs["applicant_col"] == "applicants" and t.attrs["applicant_fallback"] is True
    assert col(t, "applicants")[2020] == 4  # English US name + name variant count separately


def test_chinese_headers_are_accepted():
    df = nt.load_sample().rename(columns={"app_date": "申请日", "patent_type": "专利类型",
                                          "applicants_std": "标准化申请人"}).drop(columns=["app_year"])
    t = lifecycle_table(df, cutoff=CUT)
    assert t["applicants"].tolist() == [1, 2, 2, 0, 4, 3, 3, 5, 1, 1]


# --------------------------------------------------------------------------- coefficients


def test_sample_coefficients_by_hand():
    t = lifecycle_table(nt.load_sample(), cutoff=CUT)
    assert t["a"].tolist() == [1, 1, 1, 0, 2, 3, 2, 2, 1, 0]
    assert t["b"].tolist() == [0, 1, 1, 0, 1, 1, 1, 1, 0, 1]
    assert t["c"].tolist() == [0, 0, 0, 0, 0, 0, 0, 1, 0, 0]
    assert t["A"].tolist() == [1, 2, 3, 3, 5, 7, 8, 9, 10, 8]
    v, alpha, beta, n = (col(t, k) for k in ("v", "alpha", "beta", "N"))
    # 2020: v = 3/7, α = 3/(3+1), β = 4/4, N = √((3/7)² + (3/4)²)
    assert v[2020] == pytest.approx(3 / 7) and alpha[2020] == 0.75 and beta[2020] == 1.0
    assert n[2020] == pytest.approx(math.hypot(3 / 7, 0.75))
    # 2022: v = 2/9, α = 2/3, β = 3/4, N = √(40)/9
    assert (v[2022], alpha[2022], beta[2022]) == pytest.approx((2 / 9, 2 / 3, 0.75))
    assert n[2022] == pytest.approx(math.sqrt(40) / 9)
    # 2018: nothing filed: v = 0/3 = 0, α and β are 0/0 -> NaN (not 0), hence N NaN
    assert v[2018] == 0.0 and math.isnan(alpha[2018]) and math.isnan(beta[2018]) and math.isnan(n[2018])
    # incomplete years: counts shown, ratios withheld
    assert col(t, "a")[2023] == 1 and all(math.isnan(x[2023]) and math.isnan(x[2024]) for x in (v, alpha, beta, n))


def test_coefficients_worked_example():
    # 专利指标法 (陈燕 2006): a = 120, b = 80, c = 50, A = 400 -> v 0.3, α 0.6, β 0.8, N = √0.45 = 0.6708.
    # A = 400 with the current year included: 70 inventions in each of 2016-2019, 120 in 2020.
    inv = inline_table({2016: (70, 5), 2017: (70, 5), 2018: (70, 5), 2019: (70, 5), 2020: (120, 5)})
    um = inline_table({2020: (80, 5)}, patent_type="utility_model").assign(pub_no=lambda d: d["pub_no"] + "U")
    de = inline_table({2020: (50, 5)}, patent_type="design").assign(pub_no=lambda d: d["pub_no"] + "S")
    t = lifecycle_table(pd.concat([inv, um, de], ignore_index=True), cutoff="2024-12-31")
    row = t.set_index("year").loc[2020]
    assert (row["a"], row["b"], row["c"], row["A"]) == (120, 80, 50, 400)
    assert (row["v"], row["alpha"], row["beta"]) == pytest.approx((0.3, 0.6, 0.8))
    assert row["N"] == pytest.approx(0.6708, abs=5e-5)


def test_missing_patent_type_names_the_column():
    df = nt.load_sample().drop(columns=["patent_type"])
    with pytest.raises(SchemaError, match=r"coefficients=False.*'patent_type' \(专利类型\)"):
        lifecycle_table(df, cutoff=CUT)
    t = lifecycle_table(df, cutoff=CUT, coefficients=False)
    assert "a" not in t.columns and "N" not in t.columns
    assert t["applications"].sum() == 21


def test_unrecognised_patent_types_are_left_out_with_a_count():
    df = nt.load_sample()
    df["patent_type"] = df["patent_type"].astype(object)
    df.loc[0, "patent_type"] = "发明"  # Chinese label: recognised
    df.loc[[1, 2], "patent_type"] = None  # 2016 utility model and invention: unknown
    with pytest.warns(NavtrainWarning, match="2 counted records have no recognised patent_type"):
        t = lifecycle_table(df, cutoff=CUT)
    assert col(t, "a")[2015] == 1 and (col(t, "a")[2016], col(t, "b")[2016]) == (0, 0)
    assert col(t, "applications")[2016] == 2  # still counted as applications
    assert t.attrs["dropped"] == {"no recognised patent_type (left out of a, b, c only)": 2}


# --------------------------------------------------------------------------- stages

# An invented field: emerging, growth, maturity, decline, recovery, maturity, growth,
# maturity, transition; the last two years are incomplete at cut-off 2017-12-31.
SPEC = {2000: (5, 3), 2001: (6, 4), 2002: (12, 8), 2003: (20, 14), 2004: (30, 20), 2005: (34, 20),
        2006: (36, 19), 2007: (30, 15), 2008: (20, 10), 2009: (15, 8), 2010: (22, 12), 2011: (30, 16),
        2012: (31, 17), 2013: (40, 24), 2014: (38, 25), 2015: (35, 30), 2016: (5, 2), 2017: (1, 1)}


def test_stage_rule_by_hand():
    t = lifecycle_table(inline_table(SPEC), cutoff="2017-12-31", thr=0.10, min_count=10)
    assert t.loc[t["incomplete"], "year"].tolist() == [2016, 2017]
    # g_n, g_m (thr 0.10):
    # 2000, 2001 both < 10, never reached -> 萌芽 ; 2002 12/6-1 = 1.0, 8/4-1 = 1.0 -> 成长
    # 2003 .667 .75, 2004 .5 .429 -> 成长 ; 2005 .133 0 ; 2006 .059 -.053 -> 成熟
    # 2007 -.167 -.211 ; 2008 -.333 -.333 ; 2009 -.25 -.2 (< 10 but reached before) -> 衰退
    # 2010 .467 .5 ; 2011 .364 .333, nearest decisive stage 衰退 -> 复苏
    # 2012 .033 .0625 -> 成熟 ; 2013 .290 .412 after 成熟 -> 成长 ; 2014 -.05 .042 -> 成熟
    # 2015 -.079 .2 -> none applies -> 过渡/不确定 ; 2016, 2017 incomplete -> no stage
    assert stages(t) == {
        2000: "萌芽期", 2001: "萌芽期", 2002: "成长期", 2003: "成长期", 2004: "成长期", 2005: "成熟期",
        2006: "成熟期", 2007: "衰退期", 2008: "衰退期", 2009: "衰退期", 2010: "复苏期", 2011: "复苏期",
        2012: "成熟期", 2013: "成长期", 2014: "成熟期", 2015: "过渡/不确定", 2016: None, 2017: None}
    assert list(t["stage"].cat.categories) == list(STAGES)
    notes = col(t, "stage_note")
    assert notes[2016] == "数据不完整（公开滞后），不判断阶段"
    assert "前一明确阶段为衰退期" in notes[2010]
    assert t.attrs["thr"] == 0.10 and t.attrs["min_count"] == 10


def test_stage_rule_worked_example_rows():
    # stage-rule worked example: 2020 (100 apps, 31 applicants after 110, 36): g_n = -0.091 > -thr -> 成熟;
    # 2021 (85, 26): -0.15, -0.161 -> 衰退. The first year has no growth rate -> no stage.
    t = lifecycle_table(inline_table({2019: (110, 36), 2020: (100, 31), 2021: (85, 26)}), cutoff="2024-12-31")
    assert col(t, "applications_growth")[2020] == pytest.approx(-0.0909, abs=5e-5)
    assert col(t, "applicants_growth")[2020] == pytest.approx(-0.1389, abs=5e-5)
    assert stages(t) == {2019: None, 2020: "成熟期", 2021: "衰退期"}
    assert col(t, "stage_note")[2019] == "上年为0或无上年数据，增长率无定义"
    # a larger threshold turns 2021 into 成熟 (g_n -0.15 > -0.2)
    assert stages(lifecycle_table(inline_table({2019: (110, 36), 2020: (100, 31), 2021: (85, 26)}),
                                  cutoff="2024-12-31", thr=0.2))[2021] == "成熟期"


def test_sample_stages_with_a_floor_of_one():
    t = lifecycle_table(nt.load_sample(), cutoff=CUT, min_count=1)
    # 2015 first year; 2016 1.0/1.0 成长; 2017 0/0 成熟; 2018 -1/-1 衰退 (floor reached in 2015);
    # 2019 previous 0 -> none; 2020 .333/-.25 成熟; 2021 -.25/0 过渡; 2022 .333/.667 成长
    # (nearest decisive non-growth stage is 成熟 2020, so not 复苏)
    assert stages(t) == {2015: None, 2016: "成长期", 2017: "成熟期", 2018: "衰退期", 2019: None,
                         2020: "成熟期", 2021: "过渡/不确定", 2022: "成长期", 2023: None, 2024: None}
    default = lifecycle_table(nt.load_sample(), cutoff=CUT)
    assert set(stages(default).values()) == {"萌芽期", None}  # tiny field: all complete years 萌芽


def test_moving_average_by_hand():
    t = lifecycle_table(inline_table(SPEC), cutoff="2017-12-31", smooth=3)
    ma_n, ma_m = col(t, "applications_ma"), col(t, "applicants_ma")
    # 2002: (5+6+12)/3 = 23/3, (3+4+8)/3 = 5 ; 2003: (6+12+20)/3 = 38/3, (4+8+14)/3 = 26/3
    assert ma_n[2002] == pytest.approx(23 / 3) and ma_m[2002] == 5
    assert ma_n[2003] == pytest.approx(38 / 3) and ma_m[2003] == pytest.approx(26 / 3)
    assert col(t, "applications_growth")[2003] == pytest.approx(38 / 23 - 1)
    assert col(t, "applicants_growth")[2003] == pytest.approx(26 / 15 - 1)
    assert math.isnan(ma_n[2001]) and math.isnan(ma_n[2016])  # window not full / incomplete
    s = stages(t)
    assert (s[2000], s[2001], s[2002], s[2003]) == (None, None, "萌芽期", "成长期")
    assert col(t, "stage_note")[2000] == "3年移动平均窗口不足，不判断阶段"
    assert t.attrs["smooth"] == 3


@pytest.mark.parametrize("cutoff", ["2016-06-30", "2017-12-31", "2015-12-31"])
def test_incomplete_years_are_never_labelled(cutoff):
    t = lifecycle_table(inline_table(SPEC), cutoff=cutoff)
    inc = t[t["incomplete"]]
    assert len(inc) > 0 and inc["stage"].isna().all()
    assert inc["applications_growth"].isna().all() and inc["v"].isna().all()


# --------------------------------------------------------------------------- bad input


def test_undated_rows_are_dropped_with_a_count():
    df = nt.load_sample()
    df.loc[[0, 1], "app_date"] = pd.NaT
    df.loc[[0, 1], "app_year"] = pd.NA
    with pytest.warns(NavtrainWarning, match="lifecycle_table: 2 of 21 rows have no application date"):
        t = lifecycle_table(df, cutoff=CUT)
    assert t["applications"].sum() == 19
    assert t.attrs["dropped"] == {"no application date": 2}


def test_empty_input_gives_an_empty_table():
    t = lifecycle_table(nt.load_sample().iloc[:0], cutoff=CUT)
    assert len(t) == 0
    assert {"year", "applications", "applicants", "stage", "v", "N"} <= set(t.columns)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"date": "grant"}, UnknownNameError, "unknown date basis"),
    ({"unit": "patents"}, UnknownNameError, "unknown unit"),
    ({"smooth": 0}, SchemaError, "smooth"),
    ({"thr": -0.1}, SchemaError, "thr"),
    ({"applicant_col": "inventor_std"}, SchemaError, "'inventor_std'"),
])
def test_bad_options(kwargs, error, match):
    with pytest.raises(error, match=match):
        lifecycle_table(nt.load_sample(), **kwargs)


def test_missing_applicants_names_the_column():
    df = nt.load_sample().drop(columns=["applicants_std", "applicants"])
    with pytest.raises(SchemaError, match=r"'applicants_std' \(申请人\(标准化\)\)"):
        lifecycle_table(df)


def test_input_is_not_mutated():
    df = nt.load_sample()
    before = df.copy(deep=True)
    lifecycle_table(df, cutoff=CUT, smooth=2, unit="families")
    fit_s_curve(df, cutoff=CUT)
    pd.testing.assert_frame_equal(df, before)


_TYPES = st.sampled_from(["invention", "utility_model", "design"])


@st.composite
def patent_tables(draw):
    n = draw(st.integers(0, 40))
    years = draw(st.lists(st.one_of(st.none(), st.integers(2010, 2020)), min_size=n, max_size=n))
    names = draw(st.lists(st.lists(st.sampled_from(["甲", "乙", "丙", "丁"]), max_size=3), min_size=n, max_size=n))
    types = draw(st.lists(_TYPES, min_size=n, max_size=n))
    dates = pd.to_datetime([f"{y}-03-01" if y else None for y in years]).astype("datetime64[ns]")
    return pd.DataFrame({"pub_no": [f"CN{i}A" for i in range(n)], "app_date": dates, "patent_type": types,
                         "applicants_std": names})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patent_tables())
def test_property_counts_conserve_dated_records(df):
    before = df.copy(deep=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        t = lifecycle_table(df, cutoff="2022-12-31", min_count=2)
    dated = int(df["app_date"].notna().sum())
    assert int(t["applications"].sum()) == dated
    assert int((t["a"] + t["b"] + t["c"]).sum()) == dated
    assert (t["applicants"] <= 4).all() and (t["applicants"] <= t["applications"] * 3).all()
    assert t.loc[~t["incomplete"], "v"].dropna().between(0, 1).all()
    assert t.loc[t["incomplete"], "stage"].isna().all()
    pd.testing.assert_frame_equal(df, before)


# --------------------------------------------------------------------------- S-curves

LOG_YEARS = np.arange(2000, 2025)


def logistic_counts(years=LOG_YEARS, k=1000.0, t_m=2015.0, dt=12.0) -> pd.Series:
    """Per-year counts whose cumulative sum is exactly the logistic at each year."""
    return pd.Series(np.diff(_logistic(years, k, t_m, dt), prepend=0.0), index=years)


def test_logistic_model_function_oracle():
    # Loglet oracle (Meyer, Yung & Ausubel 1999): K = 1000, t_m = 2015, Δt = 12 -> 100 in 2009, 500 in 2015, 900 in 2021
    assert _logistic(np.array([2009, 2015, 2021]), 1000, 2015, 12) == pytest.approx([100, 500, 900], rel=1e-12)


def test_gompertz_model_identities():
    # N(inflection) = K/e; the 10 % and 90 % times are 3.0844/c apart
    k, t_i, c = 800.0, 2012.0, 0.3
    assert _gompertz(np.array([t_i]), k, t_i, c)[0] == pytest.approx(k / math.e)
    t10 = t_i - math.log(-math.log(0.1)) / c  # K·exp(-exp(-c(t - t_i))) = 0.1 K
    t90 = t_i - math.log(-math.log(0.9)) / c
    assert _gompertz(np.array([t10, t90]), k, t_i, c) == pytest.approx([0.1 * k, 0.9 * k])
    assert t90 - t10 == pytest.approx(GOMPERTZ_10_90 / c) and GOMPERTZ_10_90 == pytest.approx(3.0844, abs=1e-4)


def test_logistic_fit_recovers_noiseless_parameters():
    fit = fit_s_curve(logistic_counts())
    assert isinstance(fit, SCurveFit) and fit.model == "logistic"
    assert fit.K == pytest.approx(1000, rel=1e-7)
    assert fit.midpoint == pytest.approx(2015, abs=1e-6)
    assert fit.delta_t == pytest.approx(12, rel=1e-7)
    assert fit.r == pytest.approx(math.log(81) / 12, rel=1e-7)
    assert fit.r2 == pytest.approx(1.0) and fit.rmse < 1e-6
    assert fit.passed_midpoint and fit.n_years == 25
    assert fit.K_ci[0] <= 1000 <= fit.K_ci[1] and fit.K_ci[1] - fit.K_ci[0] < 1e-3
    assert fit.fitted.columns.tolist() == ["year", "count", "cumulative", "fitted", "residual", "used"]
    assert fit.fitted["cumulative"].to_numpy() == pytest.approx(fit.fitted["fitted"].to_numpy(), abs=1e-6)
    assert fit.predict([2009, 2021]) == pytest.approx([100, 900], rel=1e-6)


def test_data_before_the_midpoint_warns():
    counts = logistic_counts()
    with pytest.warns(NavtrainWarning, match="before the fitted midpoint.*not identified"):
        fit = fit_s_curve(counts[counts.index <= 2013])
    assert not fit.passed_midpoint and fit.last_year == 2013


def test_noisy_data_before_the_midpoint_gives_a_wide_interval():
    # before the inflection K is not identified (there K = 1691 ± 721).
    rng = np.random.default_rng(7)
    counts = pd.Series(rng.poisson(logistic_counts().to_numpy()), index=LOG_YEARS)
    full = fit_s_curve(counts)
    assert full.K == pytest.approx(1000, rel=0.1) and full.midpoint == pytest.approx(2015, abs=1)
    assert full.se["K"] < 20
    with pytest.warns(NavtrainWarning, match="not identified"):
        early = fit_s_curve(counts[counts.index <= 2013])
    assert early.se["K"] > 10 * full.se["K"] or math.isnan(early.se["K"])


def test_gompertz_fit_recovers_noiseless_parameters():
    # N(t) = K·exp(-b·exp(-c·(t - 2000))) with K = 800, c = 0.3, inflection 2012 -> b = e^(0.3·12)
    years = np.arange(2000, 2025)
    counts = pd.Series(np.diff(_gompertz(years, 800, 2012, 0.3), prepend=0.0), index=years)
    fit = fit_s_curve(counts, model="gompertz")
    assert fit.origin == 2000
    assert fit.K == pytest.approx(800, rel=1e-7)
    assert fit.c == pytest.approx(0.3, rel=1e-7) and fit.r == fit.c
    assert fit.b == pytest.approx(math.exp(0.3 * 12), rel=1e-6)
    assert fit.midpoint == pytest.approx(2000 + math.log(fit.b) / fit.c)
    assert fit.delta_t == pytest.approx(3.0844 / 0.3, rel=1e-4)
    assert fit.passed_midpoint and set(fit.se) >= {"K", "b", "c", "midpoint", "delta_t"}


def test_fit_from_the_sample_drops_incomplete_years():
    fit = fit_s_curve(nt.load_sample(), cutoff=CUT)
    # cumulative 2015..2022: 1, 3, 5, 5, 8, 12, 15, 19 (2023, 2024 incomplete, not used)
    f = fit.fitted
    assert f["cumulative"].tolist() == [1, 3, 5, 5, 8, 12, 15, 19, 20, 21]
    assert f.loc[~f["used"], "year"].tolist() == [2023, 2024] and fit.excluded_years == (2023, 2024)
    assert fit.n_years == 8 and fit.K >= 19 and fit.unit_zh == "件" and fit.year_label == "申请年"
    same = fit_s_curve(nt.trend(nt.load_sample(), cutoff=CUT))
    assert same.K == pytest.approx(fit.K) and same.midpoint == pytest.approx(fit.midpoint)
    lt = fit_s_curve(lifecycle_table(nt.load_sample(), cutoff=CUT))
    assert lt.K == pytest.approx(fit.K)
    fam = fit_s_curve(nt.load_sample(), unit="项", cutoff=CUT)
    assert fam.unit_zh == "项" and fam.fitted["cumulative"].iloc[-1] == 19


def test_fit_keeps_incomplete_years_on_request():
    fit = fit_s_curve(nt.load_sample(), cutoff=CUT, drop_incomplete=False)
    assert fit.n_years == 10 and fit.fitted["used"].all()


def test_series_with_cutoff_flags_incomplete_years():
    counts = logistic_counts()
    fit = fit_s_curve(counts, cutoff="2024-12-31")  # 18-month lag: 2023, 2024 incomplete
    assert fit.excluded_years == (2023, 2024) and fit.last_year == 2022
    assert fit.K == pytest.approx(1000, rel=1e-6)


def test_few_years_warn_and_too_few_raise():
    counts = logistic_counts()
    with pytest.warns(NavtrainWarning, match="only 6 complete years"):
        fit_s_curve(counts[(counts.index >= 2012) & (counts.index <= 2017)])
    with pytest.raises(SchemaError, match="at least 4 complete years"):
        fit_s_curve(counts[(counts.index >= 2012) & (counts.index <= 2014)])
    with pytest.raises(SchemaError, match="at least 4"):
        fit_s_curve(nt.load_sample().iloc[:0])


def test_fit_bad_inputs():
    with pytest.raises(UnknownNameError, match="unknown S-curve model"):
        fit_s_curve(logistic_counts(), model="weibull")
    with pytest.raises(SchemaError, match="negative"):
        fit_s_curve(pd.Series([1, 2, -1, 3, 4], index=range(2000, 2005)))
    with pytest.raises(SchemaError, match="split by a column"):
        fit_s_curve(nt.trend(nt.load_sample(), by="patent_type", cutoff=CUT))
    with pytest.raises(SchemaError, match="Series"):
        fit_s_curve([1, 2, 3])


def test_fit_undated_rows_warn_with_a_count():
    df = nt.load_sample()
    df.loc[[3], "app_date"] = pd.NaT
    df.loc[[3], "app_year"] = pd.NA
    with pytest.warns(NavtrainWarning, match="fit_s_curve: 1 of 21 rows have no application date"):
        fit = fit_s_curve(df, cutoff=CUT)
    assert fit.fitted["count"].sum() == 20


def test_bootstrap_interval_is_reproducible():
    rng = np.random.default_rng(3)
    counts = pd.Series(rng.poisson(logistic_counts().to_numpy()), index=LOG_YEARS)
    a = fit_s_curve(counts, bootstrap=50, seed=1)
    b = fit_s_curve(counts, bootstrap=50, seed=1)
    assert a.K_ci == b.K_ci and a.K_ci[0] < a.K < a.K_ci[1]
    assert a.K_ci_method.startswith("bootstrap (50")
    wald = fit_s_curve(counts)
    assert wald.K_ci_method.startswith("wald") and wald.K_ci[0] < wald.K < wald.K_ci[1]


def test_summary_has_chinese_labels():
    s = fit_s_curve(logistic_counts()).summary()
    assert s["模型"] == "Logistic" and s["饱和量 K"] == pytest.approx(1000) and s["已过拐点"]


# --------------------------------------------------------------------------- charts


def test_plot_lifecycle_axes(tmp_path):
    t = lifecycle_table(nt.load_sample(), cutoff=CUT, min_count=1)
    ax = plot_lifecycle(t, save=tmp_path / "lc.svg")
    assert (tmp_path / "lc.svg").stat().st_size > 0
    assert ax.get_title() == "技术生命周期（申请人数—申请量）"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("申请量（件）", "申请人数量（个）")
    path = ax.lines[0]  # complete years joined in time order
    assert list(path.get_xdata()) == [1, 2, 2, 0, 3, 4, 3, 4]
    assert list(path.get_ydata()) == [1, 2, 2, 0, 4, 3, 3, 5]
    texts = [x.get_text() for x in ax.texts if x.get_text()]
    assert [x for x in texts if x[:4].isdigit()] == [str(y) for y in range(2015, 2023)] + [
        "2023（数据不完整）", "2024（数据不完整）"]
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert legend == ["成长期", "成熟期", "衰退期", "过渡/不确定", "未判定", "数据不完整（不判断阶段）"]
    hollow = ax.collections[-1]
    assert hollow.get_facecolors().size == 0 or hollow.get_facecolors()[0][3] == 0
    assert hollow.get_offsets().tolist() == [[1, 1], [1, 1]]
    assert missing_glyphs(ax) == []


def test_plot_s_curve_axes(tmp_path):
    fit = fit_s_curve(logistic_counts(), cutoff="2024-12-31")
    ax = plot_s_curve(fit, save=tmp_path / "s.png")
    assert (tmp_path / "s.png").stat().st_size > 0
    assert ax.get_title() == "S 曲线拟合（Logistic）"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("年份", "累计申请量（件）")
    curve = next(line for line in ax.lines if line.get_label() == "Logistic 拟合")
    assert curve.get_xdata()[0] == 2000 and curve.get_xdata()[-1] == 2022 + 5
    k_line = next(line for line in ax.lines if line.get_label().startswith("饱和量 K"))
    assert k_line.get_linestyle() == "--" and list(k_line.get_ydata()) == pytest.approx([1000, 1000])
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert "中点 t_m = 2015.0" in legend and "数据不完整（未参与拟合）" in legend
    observed = ax.collections[0].get_offsets()
    assert len(observed) == 23 and observed[-1].tolist() == [2022, pytest.approx(_logistic(2022, 1000, 2015, 12))]
    assert missing_glyphs(ax) == []


def test_plot_s_curve_gompertz_before_midpoint_says_so():
    counts = logistic_counts()
    with pytest.warns(NavtrainWarning):
        fit = fit_s_curve(counts[counts.index <= 2011], model="gompertz")
    ax = plot_s_curve(fit, title="示例")
    assert ax.get_title() == "示例"
    legend = [x.get_text() for x in ax.get_legend().get_texts()]
    assert "注意：尚未越过拐点，K 不可靠" in legend and any(x.startswith("拐点") for x in legend)
