"""navtrain.basis: the one counting basis (units, date bases, cut-off, earliest member)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from navtrain import basis
from navtrain.errors import NavtrainError, SchemaError, UnknownNameError


def _app(pub_no, app_no, kind, app_date, pub_date, family="F1", office="CN"):
    return {"pub_no": pub_no, "app_no": app_no, "kind": kind, "office": office, "family_id": family,
            "app_date": pd.Timestamp(app_date), "pub_date": pd.Timestamp(pub_date)}


@pytest.fixture
def ab() -> pd.DataFrame:
    """One CN invention application with its A and B documents, and its US family member."""
    return pd.DataFrame([
        _app("CN1B", "CN201910211234.3", "B", "2019-03-20", "2021-05-18"),
        _app("CN1A", "CN201910211234.3", "A", "2019-03-20", "2019-09-13"),
        _app("US1A1", "US16/812345", "A1", "2020-03-09", "2020-09-24", office="US"),
        _app("CN2U", "CN202020000001.1", "U", "2020-01-02", "2020-06-01", family="F2"),
    ])


@pytest.mark.parametrize(("word", "key"), [
    ("件", "applications"), ("applications", "applications"), ("Application", "applications"),
    ("项", "families"), ("family", "families"), ("专利族", "families"),
    ("篇", "documents"), ("文献", "documents"), ("documents", "documents"), ("rows", "documents"),
])
def test_unit_words(word, key):
    assert basis.unit_key(word) == key


def test_unknown_unit_names_the_three_units():
    with pytest.raises(UnknownNameError, match=r"applications.*families.*documents"):
        basis.unit_key("patents")


def test_件_counts_applications_not_documents(ab):
    """The A and B documents of one application are one 件 and two 篇; the family is one 项."""
    assert len(basis.collapse(ab, "件")) == 3
    assert len(basis.collapse(ab, "documents")) == 4
    assert len(basis.collapse(ab, "项")) == 2


def test_an_application_is_represented_by_its_first_publication(ab):
    """On the publication basis the application counts when it first became visible (the A)."""
    first = basis.collapse(ab, "applications", date="publication")
    assert "CN1A" in set(first["pub_no"]) and "CN1B" not in set(first["pub_no"])


def test_a_family_counts_in_the_year_of_its_earliest_member(ab):
    fam = basis.collapse(ab, "families")
    assert fam.set_index("family_id").loc["F1", "app_date"] == pd.Timestamp("2019-03-20")


def test_the_earliest_member_does_not_depend_on_row_order(ab):
    forward = set(basis.collapse(ab, "families")["pub_no"])
    backward = set(basis.collapse(ab.iloc[::-1], "families")["pub_no"])
    assert forward == backward


def test_collapse_leaves_the_input_alone(ab):
    before = ab.copy(deep=True)
    out = basis.collapse(ab, "件")
    pd.testing.assert_frame_equal(ab, before)
    assert out.attrs["unit"] == "applications" and out.attrs["unit_label"] == "申请量（件）"


def test_rows_without_keys_are_never_merged():
    t = pd.DataFrame({"pub_no": ["a", "b", None], "app_no": [None, None, None], "family_id": [None, None, None]})
    assert len(basis.collapse(t, "件")) == 3
    assert len(basis.collapse(t, "项")) == 3


def test_application_numbers_are_compared_by_their_digits():
    t = pd.DataFrame({"pub_no": ["x", "y", "z"], "office": ["CN", "CN", "CN"],
                      "app_no": ["CN201510108321.8", "2015101083218", "CN 201510108321.9"]})
    assert basis.application_key(t).nunique() == 2


def test_default_cutoff_is_one_rule():
    t = pd.DataFrame({"app_date": pd.to_datetime(["2020-01-01", "2023-05-01"]),
                      "pub_date": pd.to_datetime(["2020-07-01", pd.NaT]),
                      "grant_date": pd.to_datetime([pd.NaT, "2024-02-01"])})
    assert basis.default_cutoff(t) == pd.Timestamp("2024-02-01")
    assert basis.default_cutoff(t.drop(columns=["grant_date", "pub_date"])) == pd.Timestamp("2023-05-01")
    t.attrs["cutoff"] = "2024-12-31"
    assert basis.default_cutoff(t) == pd.Timestamp("2024-12-31")


@pytest.mark.parametrize("bad", ["not-a-date", "2024-13-45", 2024, 2024.0, True, "", []])
def test_bad_dates_are_one_house_line(bad):
    with pytest.raises(NavtrainError) as info:
        basis.as_date(bad, "cutoff")
    assert "\n" not in str(info.value) and "cutoff" in str(info.value) and "fix:" in str(info.value)


def test_as_of_defaults_to_the_cutoff():
    t = pd.DataFrame({"pub_date": pd.to_datetime(["2022-03-04"])})
    assert basis.resolve_as_of(None, t) == pd.Timestamp("2022-03-04")
    assert basis.resolve_as_of("2020-01-01", t) == pd.Timestamp("2020-01-01")


@pytest.mark.parametrize("bad", [-1, 1.5, "x"])
def test_bad_lag(bad):
    with pytest.raises(SchemaError, match="lag_months"):
        basis.resolve_lag(bad)


def test_incomplete_years_by_basis():
    assert basis.incomplete_years(range(2020, 2025), "2024-12-31") == [2023, 2024]
    assert basis.incomplete_years(range(2020, 2025), "2024-12-31", basis.resolve_lag(None, "publication")) == []
    assert basis.incomplete_years(range(2020, 2025), "2024-06-30", 0) == [2024]


def test_filing_year_keeps_a_stated_year():
    t = pd.DataFrame({"app_date": pd.to_datetime(["2019-12-31", pd.NaT]), "app_year": [2020, 2018]})
    assert basis.filing_year(t).tolist() == [2020, 2018]


def test_filing_year_refuses_text_dates():
    with pytest.raises(SchemaError, match="not dates"):
        basis.filing_year(pd.DataFrame({"app_date": ["2020-01-01"]}))


def test_collapse_is_vectorised_on_a_large_table():
    """100,000 rows with two documents per application collapse to 50,000 (correctness, not timing)."""
    n = 100_000
    t = pd.DataFrame({"pub_no": np.arange(n).astype(str), "app_no": (np.arange(n) // 2).astype(str),
                      "office": "CN", "app_date": pd.Timestamp("2020-01-01")})
    assert len(basis.collapse(t, "件")) == n // 2
