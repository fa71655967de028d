"""navtrain.concentration: oracles, hand counts on the sample, and properties.

Hand counts on datasets/sample/patents_sample.csv (21 documents, 19 families):
- 13 inventions; two are co-applied (CN110560001B 豫东微粉 + 中岳理工大学, CN114560001A
  中原晶钻 + 中岳理工大学), so the applicant × ipc_main matrix of inventions holds
  13 + 2 = 15 (applicant, document) pairs with whole counting and 13 with fractional.
- 中岳理工大学's inventions: CN106187001A (C04B35/5831), CN110560001B (C23C18/36),
  CN114560001A (C30B29/04).
- The design CN307500001S has no IPC, so it is the one document dropped from any IPC matrix.
- Families F0006 (CN110230001A + US2020300001A1) and F0011 (CN111500001B + WO2021200001A1)
  have a foreign member; every family has priority country CN and a CN member, so the
  flow row CN is CN 19 / US 1 / WO 1 (families) and the overseas ratio of CN is 2/19.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navtrain.concentration import cr_n, flow_matrix, hhi, matrix, overseas_ratio, rta, shares
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError

COUNTS = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=30)
POSITIVE = COUNTS.filter(lambda xs: sum(xs) > 0)


@pytest.fixture
def inventions(sample) -> pd.DataFrame:
    return sample[sample["patent_type"] == "invention"]


# --------------------------------------------------------------------------- shares, CRn, HHI


def test_shares_of_a_series_keep_the_index():
    s = shares(pd.Series({"甲": 30, "乙": 30, "丙": 20, "丁": 20}))
    assert s.to_dict() == {"甲": 0.3, "乙": 0.3, "丙": 0.2, "丁": 0.2}


def test_shares_per_column_and_nan_for_a_zero_total():
    out = shares(pd.DataFrame({"a": [1, 3], "b": [0, 0]}))
    assert out["a"].tolist() == [0.25, 0.75]
    assert out["b"].isna().all()


def test_shares_ignore_missing_counts():
    s = shares(pd.Series([1.0, np.nan, 3.0]))
    assert s.iloc[0] == 0.25 and np.isnan(s.iloc[1]) and s.iloc[2] == 0.75


def test_shares_accept_dicts_and_lists():
    assert shares({"x": 1, "y": 1}).tolist() == [0.5, 0.5]
    assert shares([2, 6]).tolist() == [0.25, 0.75]


@pytest.mark.parametrize("bad", [[-1, 2], pd.Series(["a", "b"]), pd.DataFrame({"name": ["甲"], "n": [1]})])
def test_bad_counts_raise(bad):
    with pytest.raises(SchemaError):
        shares(bad)


def test_cr_n_oracle_and_small_n():
    # worked example (CR_n, docs/methods/applicants.md): counts A..E = 50/30/10/5/5 give CR3 = 0.90
    assert cr_n([50, 30, 10, 5, 5], n=3) == pytest.approx(0.9)
    assert cr_n([50, 30, 10, 5, 5], n=1) == pytest.approx(0.5)
    assert cr_n([3, 1], n=4) == 1.0  # fewer entities than n
    assert np.isnan(cr_n([0, 0]))
    with pytest.raises(SchemaError):
        cr_n([1, 2], n=0)


def test_cr_n_per_column():
    out = cr_n(pd.DataFrame({"a": [50, 30, 10, 5, 5], "b": [1, 1, 1, 1, 0]}), n=2)
    assert out.round(6).to_dict() == {"a": 0.8, "b": 0.5}


def test_hhi_published_oracles():
    # US DOJ HHI page: four firms 30/30/20/20 → 30² + 30² + 20² + 20² = 2,600
    assert hhi([30, 30, 20, 20]) == pytest.approx(2600)
    # merger example 45/15/10/8/7/6/5/4 → 2025 + 225 + 100 + 64 + 49 + 36 + 25 + 16 = 2,540
    assert hhi([45, 15, 10, 8, 7, 6, 5, 4]) == pytest.approx(2540)
    # 50/30/10/5/5: 0.25 + 0.09 + 0.01 + 0.0025 + 0.0025 = 0.355 (0–1 scale)
    assert hhi([50, 30, 10, 5, 5], scale=1) == pytest.approx(0.355)


@pytest.mark.parametrize("n", [1, 2, 4, 7, 50])
def test_hhi_of_n_equal_shares(n):
    assert hhi([3] * n) == pytest.approx(10_000 / n)


def test_hhi_normalised_and_undefined_cases():
    # H* = (0.355 − 1/5)/(1 − 1/5) = 0.19375
    assert hhi([50, 30, 10, 5, 5], scale=1, normalized=True) == pytest.approx(0.19375)
    assert np.isnan(hhi([5], normalized=True))  # one entity: H* undefined
    assert hhi([5]) == 10_000
    assert np.isnan(hhi([0, 0, 0]))
    assert hhi(pd.DataFrame({"a": [1, 1], "b": [1, 0]})).to_dict() == {"a": 5000.0, "b": 10000.0}


@settings(deadline=None)  # pandas calls; no timing assumption on a shared VM
@given(POSITIVE)
def test_property_shares_sum_to_one(xs):
    assert float(shares(xs).sum()) == pytest.approx(1.0)


@settings(deadline=None)  # pandas calls; no timing assumption on a shared VM
@given(POSITIVE)
def test_property_hhi_between_scale_over_n_and_scale(xs):
    n = sum(x > 0 for x in xs)
    h = hhi(xs)
    assert 10_000 / n - 1e-6 <= h <= 10_000 + 1e-6
    assert hhi(xs, scale=1) == pytest.approx(h / 10_000)


@settings(deadline=None)  # pandas calls; no timing assumption on a shared VM
@given(POSITIVE, st.integers(min_value=1, max_value=10))
def test_property_cr_n_is_monotone_in_n(xs, n):
    assert cr_n(xs, n) <= cr_n(xs, n + 1) + 1e-12
    assert 0 < cr_n(xs, n) <= 1 + 1e-12


@settings(deadline=None)  # pandas calls; no timing assumption on a shared VM
@given(COUNTS)
def test_property_inputs_not_mutated(xs):
    s = pd.Series(xs, dtype="int64")
    before = s.copy()
    shares(s), cr_n(s), hhi(s)
    pd.testing.assert_series_equal(s, before)


# --------------------------------------------------------------------------- RTA

CCY = pd.DataFrame({"H01M": [40, 10, 50], "G06F": [10, 60, 30], "A61K": [50, 30, 20]},
                   index=["CN", "US", "JP"])


def test_rta_worked_example():
    # worked example (Balassa 1965 RTA): CN H01M = (40/100)/(100/300) = 1.2 ...
    expected = [[1.2, 0.3, 1.5], [0.3, 1.8, 0.9], [1.5, 0.9, 0.6]]
    np.testing.assert_allclose(rta(CCY).to_numpy(), expected)


def test_symmetric_rta():
    # RSTA = (RTA − 1)/(RTA + 1): CN → 0.2/2.2, −0.7/1.3, 0.5/2.5
    np.testing.assert_allclose(rta(CCY, symmetric=True).loc["CN"].to_numpy(),
                               [0.2 / 2.2, -0.7 / 1.3, 0.2], rtol=1e-12)


def test_rta_of_the_whole_is_one():
    single = CCY.loc[["CN"]]
    assert rta(single).loc["CN"].tolist() == [1.0, 1.0, 1.0]
    with_total = pd.concat([CCY, CCY.sum().to_frame("总计").T])
    np.testing.assert_allclose(rta(with_total).loc["总计"].to_numpy(), 1.0)
    assert rta(single, symmetric=True).loc["CN"].tolist() == [0.0, 0.0, 0.0]


def test_rta_nan_where_undefined():
    m = pd.DataFrame({"a": [1, 0, 0], "b": [1, 2, 0], "c": [0, 0, 0]}, index=["x", "y", "z"])
    out = rta(m)
    assert out.loc["z"].isna().all()  # zero row
    assert out["c"].isna().all()  # zero column
    assert out.loc["y", "a"] == 0.0  # defined and zero
    assert rta(m, min_total=3).loc["x"].isna().all()  # row total 2 < 3
    assert rta(m, min_total=2).loc["x", ["a", "b"]].tolist() == [2.0, 2 / 3]


def test_rta_min_total_blanks_small_rows():
    out = rta(CCY.assign(H01M=[40, 10, 1]).rename(index={"JP": "KR"}), min_total=60)
    assert out.loc["KR"].isna().all() and out.loc["CN"].notna().all()


def test_rta_needs_a_matrix():
    with pytest.raises(SchemaError):
        rta(pd.Series([1, 2]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(min_value=0, max_value=50), min_size=3, max_size=3), min_size=1, max_size=6))
def test_property_rta_weighted_by_row_totals_averages_to_one(rows):
    m = pd.DataFrame(rows, columns=["a", "b", "c"])
    before = m.copy()
    out = rta(m)
    pd.testing.assert_frame_equal(m, before)
    weights = m.sum(axis=1) / m.to_numpy().sum() if m.to_numpy().sum() else None
    for col in m.columns:
        if m[col].sum() > 0:
            # Σ_i (r_i / T) · RTA_ij = Σ_i x_ij / c_j = 1
            assert float((weights * out[col]).sum()) == pytest.approx(1.0)


# --------------------------------------------------------------------------- matrix


def test_matrix_whole_counts_on_the_sample(inventions):
    m = matrix(inventions)
    assert int(m.to_numpy().sum()) == 15  # 13 inventions + 2 second co-applicants
    row = m.loc["中岳理工大学"]
    assert row[row > 0].to_dict() == {"C04B35/5831": 1, "C23C18/36": 1, "C30B29/04": 1}
    assert m.loc["中原晶钻科技有限公司", "C23C16/27"] == 2  # CN110230001A + its US member
    assert m.dtypes.unique().tolist() == [np.dtype("int64")]
    assert m.attrs["documents"] == 13 and m.attrs["weight"] == "whole"


def test_matrix_fractional_sums_to_documents(inventions):
    m = matrix(inventions, weight="fractional")
    assert float(m.to_numpy().sum()) == pytest.approx(13)
    assert m.loc["中岳理工大学", "C23C18/36"] == 0.5


def test_matrix_families_count_once(inventions):
    m = matrix(inventions, unit="项")
    # F0006 (2 members, both C23C16/27) and F0011 (2 members) count once: 11 families
    assert m.attrs["documents"] == 11 and m.attrs["unit_zh"] == "项"
    assert m.loc["中原晶钻科技有限公司", "C23C16/27"] == 1


def test_matrix_drops_rows_without_a_value_with_a_warning(sample):
    with pytest.warns(NavtrainWarning, match="1 of 21 rows"):
        m = matrix(sample)
    assert m.attrs["dropped"] == {"no ipc_main": 1}
    kept = matrix(sample, missing="keep", weight="fractional")
    assert kept["（缺失）"].sum() == 1 and float(kept.to_numpy().sum()) == pytest.approx(21)


def test_matrix_two_list_columns_fractional(sample):
    with pytest.warns(NavtrainWarning):
        m = matrix(sample, rows="applicants_std", cols="ipc", weight="fractional")
    # each document adds 1/(k·m): the 20 documents with IPC symbols sum to 20
    assert float(m.to_numpy().sum()) == pytest.approx(20)
    # CN110560001B: 2 applicants × 2 IPC → 0.25 each
    assert m.loc["中岳理工大学", "C09K3/14"] == pytest.approx(0.25)


def test_matrix_years_are_zero_filled_and_derived_from_dates(sample):
    m = matrix(sample.drop(columns=["app_year"]), cols="app_year")
    assert m.columns.tolist() == list(range(2015, 2025))
    assert (m[2018] == 0).all()
    assert int(m.to_numpy().sum()) == 23  # 21 documents + 2 second co-applicants


def test_matrix_top_and_forgiving_headers(inventions):
    renamed = inventions.rename(columns={"applicants_std": "标准化申请人", "ipc_main": "IPC主分类号"})
    m = matrix(renamed, top=2, top_cols=3)
    assert m.index.tolist() == ["中原晶钻科技有限公司", "中岳理工大学"] and m.shape == (2, 3)


def test_matrix_does_not_mutate_and_handles_empty(sample):
    before = sample.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)
        matrix(sample, weight="fractional", unit="families")
    pd.testing.assert_frame_equal(sample, before)
    empty = matrix(sample.iloc[:0])
    assert empty.empty and empty.attrs["documents"] == 0


def test_matrix_errors(sample):
    with pytest.raises(UnknownNameError):
        matrix(sample, unit="pieces")
    with pytest.raises(UnknownNameError):
        matrix(sample, weight="half")
    with pytest.raises(UnknownNameError):
        matrix(sample, missing="ignore")
    with pytest.raises(SchemaError, match="no_such"):
        matrix(sample, cols="no_such")


NAMES = st.sampled_from(["甲公司", "乙大学", "丙研究院", "丁个人"])
DOCS = st.lists(st.tuples(st.lists(NAMES, min_size=1, max_size=3), st.sampled_from(["A01", "B02", "C03"])),
                min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(DOCS)
def test_property_matrix_conserves_documents(docs):
    df = pd.DataFrame({"pub_no": [f"CN{i}A" for i in range(len(docs))],
                       "applicants_std": [d[0] for d in docs], "ipc_main": [d[1] for d in docs]})
    before = df.copy()
    frac = matrix(df, weight="fractional")
    whole = matrix(df)
    pd.testing.assert_frame_equal(df, before)
    assert float(frac.to_numpy().sum()) == pytest.approx(len(docs))
    assert int(whole.to_numpy().sum()) == sum(len(set(d[0])) for d in docs)


# --------------------------------------------------------------------------- flows


def test_flow_matrix_on_the_sample(sample):
    fam = flow_matrix(sample, unit="families")
    assert fam.loc["CN"].to_dict() == {"CN": 19, "US": 1, "WO": 1}
    assert fam.attrs["unit"] == "families"
    apps = flow_matrix(sample)  # default: applications (件), one per application number
    assert apps.loc["CN"].to_dict() == {"CN": 19, "US": 1, "WO": 1} and apps.attrs["unit_zh"] == "件"
    docs = flow_matrix(sample, unit="documents")
    assert docs.loc["CN"].to_dict() == {"CN": 19, "US": 1, "WO": 1}  # 19 CN documents


FLOWS = pd.DataFrame({
    "pub_no": ["US1A", "CN1A", "CN1B", "CN2A", "EP3A", "JP4A"],
    "family_id": ["F1", "F1", "F1", "F2", "F3", None],
    "office": ["US", "CN", "CN", "CN", "EP", "JP"],
    "priority_country": ["US", None, None, None, None, None],
    "app_date": pd.to_datetime(["2019-01-01", "2019-06-01", "2019-06-01", "2020-01-01", "2020-02-01", "2021-01-01"]),
})


def test_flow_matrix_fallback_to_first_filing_office():
    # F1: US priority → filed in US and CN (CN A and B documents); F2: no priority → its
    # first filing CN; F3: EP; JP4A: no family id → its own family, source JP.
    fam = flow_matrix(FLOWS, unit="families")
    assert fam.loc["US"].to_dict() == {"CN": 1, "US": 1, "EP": 0, "JP": 0}
    assert fam.loc["CN", "CN"] == 1 and fam.loc["EP", "EP"] == 1 and fam.loc["JP", "JP"] == 1
    docs = flow_matrix(FLOWS, unit="documents")
    assert docs.loc["US", "CN"] == 2  # the A and B documents
    no_fb = FLOWS.drop(columns=["family_id"])
    with pytest.warns(NavtrainWarning, match="5 of 6"):  # only US1A states a source
        strict = flow_matrix(no_fb, unit="documents", fallback=None)
    assert strict.loc["US"].sum() == 1


def test_overseas_ratio():
    r = overseas_ratio(FLOWS).set_index("source")
    assert r.loc["US", "overseas_ratio"] == 1.0  # the US family went to CN
    assert r.loc["CN", "overseas_ratio"] == 0.0
    assert r["families"].sum() == 4


def test_overseas_ratio_on_the_sample_and_ignore(sample):
    r = overseas_ratio(sample)
    assert r["overseas_families"].tolist() == [2] and r["overseas_ratio"].iloc[0] == pytest.approx(2 / 19)
    assert overseas_ratio(sample, ignore=("wo",))["overseas_families"].tolist() == [1]


def test_flows_missing_target_warns_and_priority_column_optional():
    df = FLOWS.assign(office=["US", "CN", None, "CN", "EP", "JP"])
    with pytest.warns(NavtrainWarning, match="no office"):
        flow_matrix(df, unit="documents")
    with pytest.warns(NavtrainWarning, match="no column 'priority_country'"):
        out = flow_matrix(FLOWS.drop(columns=["priority_country"]), unit="families")
    assert out.loc["US", "US"] == 1 and out.loc["US", "CN"] == 1  # F1 first filed in US
