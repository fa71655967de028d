"""navtrain.trend against values counted by hand from datasets/sample/patents_sample.csv.

Hand count of the 21 sample documents by filing year (申请日):
2015:1 2016:2 2017:2 2018:0 2019:3 2020:4 2021:3 2022:4 2023:1 2024:1.
Families (项): F0006 (CN 2019 + US 2020) counts in 2019, F0011 (CN 2020 + WO 2021) in
2020, so 2020 and 2021 each lose one: 2020:3, 2021:2 (19 families in all).
Earliest priority year: the US document claims 2019, the WO document 2020, so
2019:4 2020:4 2021:2.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import navtrain as nt

YEARS = list(range(2015, 2025))
BY_APP = [1, 2, 2, 0, 3, 4, 3, 4, 1, 1]


def counts(table: pd.DataFrame) -> dict[int, int]:
    return dict(zip(table["year"].tolist(), table["count"].tolist(), strict=True))


def test_documents_by_application_year():
    t = nt.trend(nt.load_sample(), cutoff="2024-12-31")
    assert t.columns.tolist() == ["year", "count", "incomplete"]
    assert counts(t) == dict(zip(YEARS, BY_APP, strict=True))
    assert t["count"].sum() == 21


def test_families_count_once_in_earliest_year():
    t = nt.trend(nt.load_sample(), unit="families", cutoff="2024-12-31")
    c = counts(t)
    assert (c[2019], c[2020], c[2021]) == (3, 3, 2)
    assert sum(c.values()) == 19
    assert t.attrs["unit_zh"] == "项"


def test_priority_basis():
    c = counts(nt.trend(nt.load_sample(), date="priority", cutoff="2024-12-31"))
    assert (c[2019], c[2020], c[2021]) == (4, 4, 2)


def test_publication_basis_has_no_lag_by_default():
    t = nt.trend(nt.load_sample(), date="publication", cutoff="2024-06-30")
    c = counts(t)
    assert c == {2016: 2, 2017: 2, 2018: 0, 2019: 2, 2020: 3, 2021: 4, 2022: 5, 2023: 2, 2024: 1}
    assert t.loc[t["incomplete"], "year"].tolist() == [2024]
    assert t.attrs["lag_months"] == 0


@pytest.mark.parametrize(
    ("cutoff", "lag", "expected"),
    [
        ("2024-12-31", 18, [2023, 2024]),
        ("2024-06-30", 18, [2023, 2024]),  # 2022-12-31 + 18 m == 2024-06-30: complete
        ("2024-06-29", 18, [2022, 2023, 2024]),
        ("2024-12-31", 12, [2024]),
        ("2024-12-31", 0, []),
        ("2025-06-30", 18, [2024]),
    ],
)
def test_incomplete_year_rule_and_its_boundary(cutoff, lag, expected):
    assert nt.incomplete_years(YEARS, cutoff, lag) == expected
    t = nt.trend(nt.load_sample(), cutoff=cutoff, lag_months=lag)
    assert t.loc[t["incomplete"], "year"].tolist() == expected


def test_default_cutoff_is_latest_publication():
    t = nt.trend(nt.load_sample())
    assert t.attrs["cutoff"] == pd.Timestamp("2024-07-30")
    assert t.loc[t["incomplete"], "year"].tolist() == [2023, 2024]


def test_split_by_patent_type_zero_fills_every_cell():
    t = nt.trend(nt.load_sample(), by="patent_type", cutoff="2024-12-31")
    assert t.columns.tolist() == ["year", "patent_type", "count", "incomplete"]
    assert len(t) == 10 * 3
    grid = t.pivot(index="year", columns="patent_type", values="count")
    assert grid.loc[2022].to_dict() == {"design": 1, "invention": 2, "utility_model": 1}
    assert grid.loc[2024].to_dict() == {"design": 0, "invention": 0, "utility_model": 1}
    assert grid.sum().to_dict() == {"design": 1, "invention": 13, "utility_model": 7}


def test_split_by_list_column_uses_whole_counting():
    t = nt.trend(nt.load_sample(), by="applicants_std", cutoff="2024-12-31")
    total = t.groupby("applicants_std")["count"].sum()
    assert total["中原晶钻科技有限公司"] == 6  # 5 CN documents + the US family member
    assert total["中岳理工大学"] == 3          # one alone, two co-applied
    assert t["count"].sum() == 23              # 21 documents + 2 co-applicants counted twice


def test_missing_dates_are_reported_not_silently_lost():
    df = nt.load_sample()
    df.loc[[0, 1], "app_date"] = pd.NaT
    df = df.drop(columns=["app_year"])
    with pytest.warns(nt.NavtrainWarning, match="2 of 21 rows have no application date"):
        t = nt.trend(df, cutoff="2024-12-31")
    assert t["count"].sum() == 19
    assert t.attrs["dropped"] == {"no application date": 2}


def test_missing_group_values_form_their_own_group():
    df = nt.load_sample()
    df.loc[0, "patent_type"] = None
    t = nt.trend(df, by="patent_type", cutoff="2024-12-31")
    assert t.loc[(t["patent_type"] == "（缺失）"), "count"].sum() == 1


def test_start_and_end_restrict_and_pad_years():
    t = nt.trend(nt.load_sample(), cutoff="2024-12-31", start=2012, end=2016)
    assert counts(t) == {2012: 0, 2013: 0, 2014: 0, 2015: 1, 2016: 2}


def test_input_is_not_mutated():
    df = nt.load_sample()
    before = df.copy()
    nt.trend(df, by="applicants_std", unit="families")
    pd.testing.assert_frame_equal(df, before)


def test_forgiving_names_for_basis_unit_and_columns():
    df = nt.load_sample().rename(columns={"app_date": "申请日"}).drop(columns=["app_year"])
    t = nt.trend(df, date="申请日", unit="件", cutoff="2024-12-31")
    assert t["count"].tolist() == BY_APP


def test_string_dates_give_a_clear_error():
    df = nt.load_sample().drop(columns=["app_year"])
    df["app_date"] = df["app_date"].dt.strftime("%Y-%m-%d")
    with pytest.raises(nt.SchemaError, match=r"'app_date' .*not dates.*fix: convert"):
        nt.trend(df)


def test_missing_date_column_is_named():
    df = nt.load_sample().drop(columns=["priority_date", "priority_year"])
    with pytest.raises(nt.SchemaError, match=r"needs column 'priority_date' \(最早优先权日\)"):
        nt.trend(df, date="priority")


@pytest.mark.parametrize(("kwargs", "word"), [({"date": "grant"}, "date basis"),
                                              ({"unit": "patents"}, "unit")])
def test_unknown_options_are_named(kwargs, word):
    with pytest.raises(nt.NavtrainError, match=f"unknown {word}"):
        nt.trend(nt.load_sample(), **kwargs)


def test_no_warning_on_clean_data():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nt.trend(nt.load_sample(), by="patent_type", unit="families")


# --- growth, CAGR and grant rate ------------------------------------------------------

def test_growth_is_nan_where_undefined_or_incomplete():
    g = nt.growth(nt.trend(nt.load_sample(), cutoff="2024-12-31")).set_index("year")["yoy"]
    assert g[2016] == 1.0 and g[2017] == 0.0 and g[2018] == -1.0
    assert pd.isna(g[2015]) and pd.isna(g[2019]), "first year and growth from 0 are undefined"
    assert g[2021] == pytest.approx(3 / 4 - 1)
    assert pd.isna(g[2023]) and pd.isna(g[2024]), "never a growth figure from an incomplete year"


def test_growth_per_group():
    g = nt.growth(nt.trend(nt.load_sample(), by="patent_type", cutoff="2024-12-31"))
    inv = g[g["patent_type"] == "invention"].set_index("year")["yoy"]
    # inventions per year: 2015 1, 2016 1, 2017 1, 2018 0, 2019 2, 2020 3, 2021 2, 2022 2
    assert inv[2016] == 0.0 and inv[2020] == pytest.approx(0.5) and inv[2021] == pytest.approx(-1 / 3)


def test_cagr_hand_computed_and_refuses_incomplete_years():
    t = nt.trend(nt.load_sample(), cutoff="2024-12-31")
    assert nt.cagr(t, start=2016, end=2022) == pytest.approx(2 ** (1 / 6) - 1)
    # default: last complete year 2022, five years back 2017: (4/2) ** (1/5) - 1
    assert nt.cagr(t) == pytest.approx(2 ** (1 / 5) - 1)
    assert pd.isna(nt.cagr(t, start=2018, end=2022)), "undefined from a zero start"
    with pytest.raises(nt.SchemaError, match="incomplete year"):
        nt.cagr(t, start=2019, end=2024)


def test_cagr_per_group_returns_series():
    t = nt.trend(nt.load_sample(), by="patent_type", cutoff="2024-12-31")
    c = nt.cagr(t, start=2017, end=2022)
    assert c["invention"] == pytest.approx((2 / 1) ** (1 / 5) - 1)
    assert pd.isna(c["design"])


def test_grant_rate_by_cohort():
    g = nt.grant_rate(nt.load_sample(), cutoff="2024-12-31").set_index("year")
    # 2016: CN106187001A deemed withdrawn -> refused; 2017: CN107502001B granted
    assert g.loc[2016, ["filed", "granted", "refused", "pending"]].tolist() == [1, 0, 1, 0]
    assert g.loc[2017, "grant_rate"] == 1.0
    assert pd.isna(g.loc[2018, "grant_rate"]), "no filings: undefined, not 0"
    assert g.loc[2020, "decided_grant_rate"] == 0.5
    assert g["filed"].sum() == 13 and bool(g.loc[2023, "incomplete"]) and g.index.max() == 2023


# --- properties ------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1990, 2030), st.sampled_from(["invention", "utility_model", "design"]),
                          st.integers(0, 5)), min_size=0, max_size=40))
def test_trend_conserves_records_and_never_mutates(rows):
    df = pd.DataFrame({
        "pub_no": [f"CN{i}A" for i in range(len(rows))],
        "app_date": pd.to_datetime([f"{y}-06-15" for y, _, _ in rows]),
        "patent_type": [t for _, t, _ in rows],
        "family_id": [f"F{f}" for _, _, f in rows],
    })
    before = df.copy()
    if not rows:
        t = nt.trend(df, cutoff="2030-12-31")
        assert t.empty
        return
    t = nt.trend(df, cutoff="2030-12-31")
    assert t["count"].sum() == len(df)
    assert nt.trend(df, by="patent_type", cutoff="2030-12-31")["count"].sum() == len(df)
    assert nt.trend(df, unit="families", cutoff="2030-12-31")["count"].sum() == df["family_id"].nunique()
    pd.testing.assert_frame_equal(df, before)


# --------------------------------------------------------------------------- issue 10: units and cut-off


def _with_a_publication(df: pd.DataFrame) -> pd.DataFrame:
    """The sample plus the 申请公布 A document of CN201510108321.8, whose 授权公告 B
    (CN104651001B, filed 2015) is already in the table: one application, two documents."""
    b = df[df["pub_no"] == "CN104651001B"]
    a = b.assign(pub_no="CN104651001A", kind="A", pub_date=pd.Timestamp("2016-09-14"), pub_year=2016,
                 grant_date=pd.NaT, legal_status="pending", expiry_date=pd.NaT)
    return pd.concat([df, a], ignore_index=True)


def test_the_a_publication_beside_the_b_document_is_one_application():
    """Issue 10, first finding: 件 counted rows, so the A document raised 2015 by one."""
    sample = nt.load_sample()
    both = _with_a_publication(sample)
    for unit in ("applications", "件"):
        assert counts(nt.trend(both, unit=unit, cutoff="2024-12-31")) == \
            counts(nt.trend(sample, unit=unit, cutoff="2024-12-31"))
    docs_before = counts(nt.trend(sample, unit="documents", cutoff="2024-12-31"))
    docs_after = counts(nt.trend(both, unit="documents", cutoff="2024-12-31"))
    assert docs_after[2015] == docs_before[2015] + 1
    assert {y: n for y, n in docs_after.items() if y != 2015} == {y: n for y, n in docs_before.items() if y != 2015}
    t = nt.trend(both, cutoff="2024-12-31")
    assert (t.attrs["unit"], t.attrs["unit_zh"], t.attrs["unit_label"]) == ("applications", "件", "申请量（件）")
    # the application is still granted: its B document carries the grant
    g = nt.grant_rate(both, cutoff="2024-12-31").set_index("year")
    assert g.loc[2015, ["filed", "granted"]].tolist() == [1, 1]
    assert nt.grant_rate(both, unit="documents", cutoff="2024-12-31").set_index("year").loc[2015, "filed"] == 2
    # the other counting functions agree
    r = nt.applicant_ranking(both, top=None, cutoff="2024-12-31").set_index("applicant")
    assert (r.loc["中原晶钻科技有限公司", "count"], r.loc["中原晶钻科技有限公司", "grant_rate"]) == (6, 1.0)
    assert nt.ipc_counts(both)["count"].sum() == nt.ipc_counts(sample)["count"].sum()
    with pytest.warns(nt.NavtrainWarning, match="2 of 21 applications"):  # the US and WO documents
        assert nt.region_counts(both)["count"].sum() == 19
    assert nt.lifecycle_table(both, cutoff="2024-12-31")["applications"].sum() == 21


def test_families_count_in_the_year_of_the_earliest_member_whatever_the_order():
    """F0006 (CN filed 2019, US filed 2020) counts in 2019, also when the US row comes first
    and when the A document of an application is added."""
    sample = _with_a_publication(nt.load_sample())
    reordered = sample.iloc[::-1].reset_index(drop=True)
    for table in (sample, reordered):
        c = counts(nt.trend(table, unit="families", cutoff="2024-12-31"))
        assert (c[2015], c[2019], c[2020], c[2021]) == (1, 3, 3, 2) and sum(c.values()) == 19


def test_one_default_cutoff_for_every_descriptive_function():
    """Issue 10: with pub_date removed, trend, applicant_ranking, ipc_by_year, lifecycle_table and
    peer_benchmark gave different default cut-offs; now all use navtrain.basis.default_cutoff."""
    df = nt.load_sample().drop(columns=["pub_date"])
    expected = nt.basis.default_cutoff(df)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", nt.NavtrainWarning)
        got = {
            "trend": nt.trend(df).attrs["cutoff"],
            "grant_rate": nt.grant_rate(df).attrs["cutoff"],
            "applicant_ranking": nt.applicant_ranking(df).attrs["cutoff"],
            "ipc_by_year": nt.ipc_by_year(df).attrs["cutoff"],
            "lifecycle_table": nt.lifecycle_table(df).attrs["cutoff"],
            "peer_benchmark": nt.peer_benchmark(df).attrs["cutoff"],
        }
    assert {k: pd.Timestamp(v) for k, v in got.items()} == {k: expected for k in got}
    assert expected == pd.Timestamp("2024-07-30")  # the last grant / lapse date the table shows
