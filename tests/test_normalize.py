"""Tests for navtrain.normalize: the field parsers the importer calls.

Hand examples for every parser, the real vocabularies of real exports (the ``shared_data``
fixture of ``tests/conftest.py``; skipped when absent), and hypothesis properties: no crash on arbitrary text,
same length and index, outputs within their value sets, idempotence where it makes sense.
Timing lives in ``benchmarks/bench_normalize.py``, not here.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navtrain import normalize as nz
from navtrain.errors import SchemaError, UnknownNameError
from navtrain.schema import APPLICANT_TYPES, LEGAL_STATUSES, PATENT_TYPES

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MESSY = st.lists(st.one_of(st.none(), st.text(max_size=30), st.sampled_from(
    ["-", "", "2020-03-01", "01/02/03", "CN104651001B", "授权 | 权利转移", "郑州大学", "河南省郑州市",
     "US 62/123,456 20190320", "PCT/CN2021/081234", "99123456.X", "20200301", "43891"])), max_size=25)


def _iso(s: pd.Series) -> list[str | None]:
    return [None if pd.isna(v) else v.strftime("%Y-%m-%d %H:%M:%S") for v in s]


def _read_patsnap(shared_data):
    return pd.read_excel(shared_data / "real" / "patsnap_export_sample_300.xlsx", engine="openpyxl")


def _read_lens(shared_data):
    return pd.read_csv(shared_data / "real" / "pizza_lens_1000_raw.csv", encoding="latin-1", lineterminator="\r")


# --------------------------------------------------------------------------- parse_dates


@pytest.mark.parametrize("text", ["2020-03-01", "2020/3/1", "2020.03.01", "20200301", "20200301.0",
                                  "2020年3月1日", "2020 年 3 月 1 日", " 2020-03-01 ",
                                  "01 Mar 2020", "March 1, 2020", "1-MAR-2020"])
def test_dates_one_day_many_spellings(text):
    assert _iso(nz.parse_dates(pd.Series([text]))) == ["2020-03-01 00:00:00"]


def test_dates_full_width_and_times():
    got = nz.parse_dates(pd.Series(["２０２０－０３－０１", "2020-03-01 10:11:12", "2020-03-01T10:11:12Z",
                                    "2020-03-01T10:11:12.5+08:00", "2020年3月1日 8:05"]))
    assert _iso(got) == ["2020-03-01 00:00:00", "2020-03-01 10:11:12", "2020-03-01 10:11:12",
                         "2020-03-01 10:11:12", "2020-03-01 08:05:00"]


def test_dates_day_first_detected_per_column():
    # 25/04/13 can only be day-first (no month 25): the whole column is read day-first, so
    # 01/02/13 is 1 February, not 2 January
    got = nz.parse_dates(pd.Series(["25/04/13", "01/02/13"]))
    assert _iso(got) == ["2013-04-25 00:00:00", "2013-02-01 00:00:00"]
    assert got.attrs["date_format"].startswith("DMY")
    # 03/25/2020 forces month-first for the column
    got = nz.parse_dates(pd.Series(["03/25/2020", "01/02/2020"]))
    assert _iso(got) == ["2020-03-25 00:00:00", "2020-01-02 00:00:00"]
    assert got.attrs["date_format"] == "MDY"
    # ambiguous everywhere: tie → day-first (Chinese, European, Lens usage)
    assert _iso(nz.parse_dates(pd.Series(["01.02.2020"]))) == ["2020-02-01 00:00:00"]


def test_dates_overrides():
    assert _iso(nz.parse_dates(pd.Series(["01/02/2020"]), dayfirst=False)) == ["2020-01-02 00:00:00"]
    assert _iso(nz.parse_dates(pd.Series(["03/25/2020"]), dayfirst=True)) == [None]
    assert _iso(nz.parse_dates(pd.Series(["01.02.2020"]), format="%d.%m.%Y")) == ["2020-02-01 00:00:00"]
    assert _iso(nz.parse_dates(pd.Series(["01/02/2020"]), format="mdy")) == ["2020-01-02 00:00:00"]
    assert _iso(nz.parse_dates(pd.Series(["20200301"]), format="excel")) == [None]


def test_dates_two_digit_pivot():
    # default pivot = this year's last two digits: nothing lands in a future year
    yy = dt.date.today().year % 100
    nxt = f"01/01/{(yy + 1) % 100:02d}"
    got = nz.parse_dates(pd.Series([f"01/01/{yy:02d}", nxt, "01/01/45"]))
    assert got.dt.year.tolist() == [2000 + yy, 1900 + (yy + 1) % 100, 1945]
    # explicit pivot: 00-29 → 20xx, 30-99 → 19xx
    got = nz.parse_dates(pd.Series(["31/12/29", "01/01/30"]), pivot=29)
    assert got.dt.year.tolist() == [2029, 1930]
    with pytest.raises(SchemaError):
        nz.parse_dates(pd.Series(["01/01/20"]), pivot=100)


def test_dates_numbers_yyyymmdd_and_excel():
    assert _iso(nz.parse_dates(pd.Series([20200301, 20200302]))) == ["2020-03-01 00:00:00", "2020-03-02 00:00:00"]
    assert _iso(nz.parse_dates(pd.Series([20200301.0, np.nan]))) == ["2020-03-01 00:00:00", None]
    # Excel serials: 43891 = 2020-03-01 (origin 1899-12-30); .5 = noon; numeric text counts too
    assert _iso(nz.parse_dates(pd.Series([43891, 43892.5]))) == ["2020-03-01 00:00:00", "2020-03-02 12:00:00"]
    assert _iso(nz.parse_dates(pd.Series(["43891", "43892"]))) == ["2020-03-01 00:00:00", "2020-03-02 00:00:00"]
    assert nz.parse_dates(pd.Series([43891])).attrs["date_format"] == "excel"
    # a column of bare years is not a date column (not Excel day 2020 = 1905-07-12)
    assert nz.parse_dates(pd.Series([1990, 2020])).isna().all()


def test_dates_unparseable_give_nat_and_are_counted():
    s = pd.Series(["2020-02-30", "2021-02-29", "31/04/2020", "0202-01-01", "hello", "-", None, "2020-02-29"])
    got = nz.parse_dates(s)
    assert _iso(got) == [None] * 7 + ["2020-02-29 00:00:00"]
    assert got.attrs["unparsed"] == 5  # the blank '-' and None are not counted as failures


def test_dates_datetime_input_and_index_kept():
    s = pd.Series(pd.to_datetime(["2020-01-01", None]), index=[10, 20], name="app_date")
    got = nz.parse_dates(s)
    assert got.index.tolist() == [10, 20] and got.name == "app_date" and str(got.dtype) == "datetime64[ns]"
    tz = pd.Series(pd.to_datetime(["2020-01-01 08:00"]).tz_localize("Asia/Shanghai"))
    assert _iso(nz.parse_dates(tz)) == ["2020-01-01 08:00:00"]
    mixed = pd.Series([pd.Timestamp("2020-01-01"), "2020-02-02", None], dtype=object)
    assert _iso(nz.parse_dates(mixed)) == ["2020-01-01 00:00:00", "2020-02-02 00:00:00", None]


def test_dates_input_not_mutated_and_lists_accepted():
    s = pd.Series(["01/02/2020", None])
    before = s.copy()
    nz.parse_dates(s)
    pd.testing.assert_series_equal(s, before)
    assert len(nz.parse_dates(["2020-01-01"])) == 1 and len(nz.parse_dates("2020-01-01")) == 1
    assert len(nz.parse_dates(pd.Series([], dtype=object))) == 0


@FAST
@given(MESSY)
def test_dates_never_crash(values):
    s = pd.Series(values, dtype=object)
    got = nz.parse_dates(s)
    assert len(got) == len(s) and str(got.dtype) == "datetime64[ns]"


_DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d", "%Y年%m月%d日", "%Y-%m-%d %H:%M:%S"]


@FAST
@given(st.lists(st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(2099, 12, 31)),
                min_size=1, max_size=15), st.sampled_from(_DATE_FORMATS))
def test_dates_idempotent(stamps, fmt):
    s = pd.Series([d.replace(microsecond=0).strftime(fmt) for d in stamps])
    once = nz.parse_dates(s)
    twice = nz.parse_dates(once.dt.strftime("%Y-%m-%d %H:%M:%S"))
    pd.testing.assert_series_equal(once, twice, check_names=False)
    assert nz.parse_dates(once).equals(once)


def test_dates_lens_drones_dd_mm_yy(shared_data):
    # Lens drones export: dd/mm/yy, first filings 1945-2017, with a 4-digit publication_year.
    df = pd.read_csv(shared_data / "real" / "lens_drones_9071.csv", dtype=str)
    pub = nz.parse_dates(df["publication_date"])
    app = nz.parse_dates(df["application_date"])
    assert pub.attrs["unparsed"] == 0 and app.attrs["unparsed"] == 0
    assert app.min().year == 1945 and app.max().year == 2017  # Python's fixed pivot 69 would give 2045
    stated = df["publication_year"].astype(int)
    off = pub.dt.year != stated
    assert off.mean() < 0.01
    # the few disagreements are the export's week-year slip: last days of December, one year late
    assert ((pub[off].dt.month == 12) & (pub[off].dt.day >= 28) & (pub[off].dt.year == stated[off] + 1)).all()


def test_dates_real_exports(shared_data):
    ps = _read_patsnap(shared_data)
    for col in ("申请日", "公开(公告)日"):
        got = nz.parse_dates(ps[col])
        assert got.attrs["unparsed"] == 0 and got.notna().all()
    scope = pd.read_excel(shared_data / "real" / "patentscope_pizza_2012_2015_6177.xls", header=2, engine="calamine")
    got = nz.parse_dates(scope["Publication Date"])  # dd.mm.yyyy
    assert got.attrs["unparsed"] == 0 and got.attrs["date_format"] == "DMY"
    assert got.min() >= pd.Timestamp("2012-01-01") and got.max() <= pd.Timestamp("2015-12-31")


# --------------------------------------------------------------------------- split_number


@pytest.mark.parametrize(("raw", "parts"), [
    ("CN104651001B", ["CN", "104651001", "B"]),
    ("CN 104651001 B", ["CN", "104651001", "B"]),
    ("US2020300001A1", ["US", "2020300001", "A1"]),
    ("US 2020/0300001 A1", ["US", "20200300001", "A1"]),
    ("WO2021200001A1", ["WO", "2021200001", "A1"]),
    ("WO 2021/200001", ["WO", "2021200001", None]),
    ("EP1234567B1", ["EP", "1234567", "B1"]),
    ("JP2019-123456A", ["JP", "2019123456", "A"]),
    ("KR10-2019-0012345A", ["KR", "1020190012345", "A"]),
    ("US_2020_0300001_A1", ["US", "20200300001", "A1"]),
    ("US D670162 S1", ["US", "D670162", "S1"]),
    ("IN6822CHE2014A", ["IN", "6822CHE2014", "A"]),
    ("ＣＮ１０４６５１００１Ｂ", ["CN", "104651001", "B"]),
    ("not a number", [None, None, None]),
])
def test_split_number_examples(raw, parts):
    got = nz.split_number(pd.Series([raw])).iloc[0]
    assert [None if pd.isna(v) else v for v in got] == parts


_PUB = st.builds(lambda o, n, k, sep: f"{o}{sep}{n}{sep}{k}",
                 st.sampled_from(["CN", "US", "EP", "WO", "JP", "KR", "DE"]),
                 st.integers(1, 10**11).map(str), st.sampled_from(["A", "B", "U", "S", "A1", "B2", "S1", ""]),
                 st.sampled_from(["", " ", "_"]))


@FAST
@given(st.lists(_PUB, min_size=1, max_size=20))
def test_split_number_idempotent(numbers):
    once = nz.split_number(pd.Series(numbers))
    canonical = once["office"] + once["serial"] + once["kind"].fillna("")
    twice = nz.split_number(canonical)
    pd.testing.assert_frame_equal(once, twice)


@FAST
@given(MESSY)
def test_split_number_never_crashes(values):
    got = nz.split_number(pd.Series(values, dtype=object))
    assert list(got.columns) == ["office", "serial", "kind"] and len(got) == len(values)


def test_split_number_real(shared_data):
    lens = _read_lens(shared_data)
    got = nz.split_number(lens["Publication Number"])  # 'US 2013/0101709 A1'
    assert (got["office"] == lens["Jurisdiction"]).all() and (got["kind"] == lens["Kind"]).all()
    ps = _read_patsnap(shared_data)
    got = nz.split_number(ps["公开(公告)号"])
    assert got.notna().all().all()
    assert (got["office"] + got["serial"] + got["kind"]).tolist() == ps["公开(公告)号"].tolist()


# --------------------------------------------------------------------------- split_app_number


def _row(df: pd.DataFrame, i: int = 0) -> list:
    return [None if pd.isna(v) else (int(v) if k == "year" else v) for k, v in df.iloc[i].items()]


@pytest.mark.parametrize(("raw", "parts"), [
    # office, year, type_code, serial, check_digit, receiving_office
    ("CN201510108321.5", ["CN", 2015, "1", "0108321", "5", None]),
    ("CN 2015 1 0108321.5", ["CN", 2015, "1", "0108321", "5", None]),
    ("201620456712.3", ["CN", 2016, "2", "0456712", "3", None]),
    ("ZL201530123456.X", ["CN", 2015, "3", "0123456", "X", None]),
    ("99123456.X", ["CN", 1999, "1", "23456", "X", None]),  # old 8-digit: type digit in position 3
    ("CN 03 2 12345.6", ["CN", 2003, "2", "12345", "6", None]),
    ("PCT/CN2021/081234", ["WO", 2021, None, "081234", None, "CN"]),
    ("CN 2015075923 W", ["WO", 2015, None, "075923", None, "CN"]),  # Lens form of a PCT application
    ("US16/812345", ["US", None, "16", "16812345", None, None]),
    ("US 29/712,345", ["US", None, "29", "29712345", None, None]),
    ("US 201213657122 A", ["US", 2012, "13", "13657122", None, None]),
    ("KR10-2019-0012345", ["KR", 2019, "10", "0012345", None, None]),
    ("JP2019-123456", ["JP", 2019, None, "123456", None, None]),
    ("EP 90115057.3", ["EP", 1990, None, "115057", "3", None]),
    ("CN 201510108321 A", ["CN", 2015, "1", "0108321", None, None]),  # Lens: no check digit
    ("AU 1985/051755 D", ["AU", 1985, None, "1985051755", None, None]),
    ("12345678", [None, None, None, "12345678", None, None]),  # 8 digits without a dot: not read as CN
    ("???", [None] * 6),
])
def test_split_app_number_examples(raw, parts):
    assert _row(nz.split_app_number(pd.Series([raw]))) == parts


@FAST
@given(st.lists(st.tuples(st.integers(2003, 2030), st.sampled_from("12389"), st.integers(0, 9999999),
                          st.sampled_from("0123456789X")), min_size=1, max_size=20))
def test_split_app_number_idempotent(parts):
    raw = pd.Series([f"CN{y}{t}{n:07d}.{c}" for y, t, n, c in parts])
    once = nz.split_app_number(raw)
    canonical = "CN" + once["year"].astype(str) + once["type_code"] + once["serial"] + "." + once["check_digit"]
    assert canonical.tolist() == raw.tolist()
    pd.testing.assert_frame_equal(nz.split_app_number(canonical), once)


@FAST
@given(MESSY)
def test_split_app_number_never_crashes(values):
    got = nz.split_app_number(pd.Series(values, dtype=object))
    assert len(got) == len(values) and str(got["year"].dtype) == "Int64"


# --------------------------------------------------------------------------- patent_type


def test_patent_type_labels():
    labels = ["发明", "发明申请", "发明授权", "授权发明", "发明专利", "实用新型", "外观设计", "Utility Model",
              "Design", "Design Right", "design right", "Limited Patent", "invention", "utility_model"]
    assert nz.patent_type(label=pd.Series(labels)).tolist() == [
        "invention"] * 5 + ["utility_model", "design", "utility_model", "design", "design", "design",
                            "utility_model", "invention", "utility_model"]


def test_patent_type_kind_codes():
    kinds = pd.DataFrame([
        ("CN", "A", "invention"), ("CN", "B", "invention"), ("CN", "C", "invention"),
        ("CN", "U", "utility_model"), ("CN", "Y", "utility_model"), ("CN", "S", "design"), ("CN", "D", "design"),
        ("US", "A1", "invention"), ("US", "A2", "invention"), ("US", "B1", "invention"), ("US", "B2", "invention"),
        ("US", "S1", "design"), ("US", "E", "invention"), ("EP", "A1", "invention"), ("EP", "A2", "invention"),
        ("EP", "B1", "invention"), ("WO", "A1", "invention"), ("WO", "A2", "invention"), ("JP", "A", "invention"),
        ("JP", "B2", "invention"), ("JP", "U", "utility_model"), ("KR", "A", "invention"), ("KR", "B1", "invention"),
        ("KR", "U", "utility_model"), ("KR", "Y1", "utility_model"), ("KR", "S", "design"),
        ("DE", "U1", "utility_model"), ("DE", "A1", "invention"), ("AU", "A4", "utility_model"),
        ("GB", "D0", "invention"), ("FR", "T3", "invention"),
    ], columns=["office", "kind", "want"])
    got = nz.patent_type(kind=kinds["kind"], office=kinds["office"])
    assert got.tolist() == kinds["want"].tolist()
    # no office: CN codes first (D → design); US plant patents are none of the three types
    assert nz.patent_type(kind=pd.Series(["D", "U"])).tolist() == ["design", "utility_model"]
    assert nz.patent_type(kind=pd.Series(["P2"]), office=pd.Series(["US"])).isna().all()


def test_patent_type_from_application_numbers():
    apps = pd.Series(["CN201510108321.5", "CN201620456712.3", "CN201530123456.7", "CN201880012345.6",
                      "CN201990012345.6", "99123456.X", "KR20-2019-0012345", "US 29/712,345", "US16/812345", "xx"])
    assert nz.patent_type(app_no=apps).tolist()[:-1] == [
        "invention", "utility_model", "design", "invention", "utility_model", "invention", "utility_model",
        "design", "invention"]
    assert pd.isna(nz.patent_type(app_no=apps).iloc[-1])


def test_patent_type_precedence_and_conflicts():
    label = pd.Series(["实用新型", None, None, "发明", "Patent Application", "Patent Application", None])
    kind = pd.Series(["A", "U", None, "B", "U", None, None])
    app = pd.Series(["CN201510108321.5", "CN201510108321.5", "CN201630123456.7", None, None, None, None])
    # label > kind > number; a generic Lens label only as a last resort
    got = nz.patent_type(kind=kind, label=label, app_no=app)
    assert got.tolist()[:6] == ["utility_model", "utility_model", "design", "invention", "utility_model", "invention"]
    assert pd.isna(got.iloc[6])
    conflicts = nz.patent_type_conflicts(kind=kind, label=label, app_no=app)
    # row 0: label UM vs kind A and number 1; row 1: kind U vs number 1; generic labels never conflict
    assert conflicts.tolist() == [True, True, False, False, False, False, False]
    assert int(conflicts.sum()) == 2


def test_patent_type_errors_and_idempotence():
    with pytest.raises(SchemaError):
        nz.patent_type()
    with pytest.raises(SchemaError):
        nz.patent_type(office=pd.Series(["CN"]))
    with pytest.raises(SchemaError):
        nz.patent_type(kind=pd.Series(["A"]), label=pd.Series(["发明", "发明"]))
    once = nz.patent_type(label=pd.Series(["授权发明", "Limited Patent", "外观设计", None]))
    pd.testing.assert_series_equal(nz.patent_type(label=once), once)


@FAST
@given(MESSY)
def test_patent_type_never_crashes(values):
    s = pd.Series(values, dtype=object)
    got = nz.patent_type(kind=s, office=s, label=s, app_no=s)
    assert len(got) == len(s) and set(got.dropna()) <= set(PATENT_TYPES)
    assert len(nz.patent_type_conflicts(kind=s, label=s, app_no=s)) == len(s)


def test_patent_type_real(shared_data):
    ps = _read_patsnap(shared_data)
    parts = nz.split_number(ps["公开(公告)号"])
    args = {"label": ps["专利类型"], "kind": parts["kind"], "office": parts["office"]}
    assert nz.patent_type(**args).notna().all()
    assert int(nz.patent_type_conflicts(**args).sum()) == 0
    lens = _read_lens(shared_data)
    args = {"label": lens["Type"], "kind": lens["Kind"], "office": lens["Jurisdiction"],
            "app_no": lens["Application Number"]}
    got = nz.patent_type(**args)
    assert got.notna().all() and int(nz.patent_type_conflicts(**args).sum()) == 0
    assert (got[lens["Type"] == "Design right"] == "design").all()
    assert (got[lens["Type"] == "Limited Patent"] == "utility_model").all()
    assert (got[(lens["Jurisdiction"] == "KR") & (lens["Kind"] == "U")] == "utility_model").all()


# --------------------------------------------------------------------------- legal_status


@pytest.mark.parametrize(("text", "status"), [
    ("有效", "valid"), ("授权", "valid"), ("专利权维持", "valid"), ("权利恢复", "valid"),
    ("审中", "pending"), ("实质审查", "pending"), ("公开", "pending"), ("实审", "pending"),
    ("失效", "lapsed"), ("驳回", "lapsed"), ("撤回", "lapsed"), ("视为撤回", "lapsed"), ("放弃", "lapsed"),
    ("未缴年费", "lapsed"), ("专利权终止", "lapsed"), ("期限届满", "lapsed"), ("届满", "lapsed"),
    ("无效", "lapsed"), ("全部无效", "lapsed"), ("撤回-其他原因", "lapsed"),  # part before the dash
    ("发明专利申请公布后的视为撤回", "lapsed"), ("专利权的终止(未缴年费)", "lapsed"),  # contains rules
    ("Active", "valid"), ("PATENTED", "valid"), ("Granted", "valid"), ("Pending", "pending"),
    ("Inactive", "lapsed"), ("Expired", "lapsed"), ("Lapsed", "lapsed"), ("Revoked", "lapsed"),
    ("Withdrawn", "lapsed"), ("Discontinued", "lapsed"), ("Expired - Fee Related", "lapsed"),
    ("Abandoned -- Failure to Respond to an Office Action", "lapsed"),
])
def test_legal_status_single_terms(text, status):
    assert nz.legal_status(pd.Series([text]))["legal_status"].tolist() == [status]


def test_legal_status_multi_value_rule():
    # terminal (30) beats grant/in force (20) beats pending (10); transactions never decide
    cells = pd.Series(["授权 | 权利转移", "实质审查 | 撤回", "驳回 | 复审", "授权 | 复审", "实质审查 | 诉讼 | 复审",
                       "未缴年费 | 权利恢复", "权利转移", "部分无效 | 授权", "授权;;未缴年费", "公开; 实质审查"])
    got = nz.legal_status(cells)
    assert got["legal_status"].tolist()[:6] == ["valid", "lapsed", "lapsed", "valid", "pending", "lapsed"]
    assert pd.isna(got["legal_status"].iloc[6])
    assert got["legal_status"].tolist()[7:] == ["valid", "lapsed", "pending"]
    assert got["legal_events_std"].iloc[0] == ["grant", "transfer"]


def test_legal_status_unknowns_stay_na_and_are_counted():
    cells = pd.Series(["未确认", "PCT指定期满", "PCT-指定期内", "Unknown", "天书", "天书 | 授权", "-", None])
    got = nz.legal_status(cells)
    st_ = got["legal_status"]
    assert st_.isna().tolist() == [True, True, False, True, True, False, True, True]
    assert st_.iloc[2] == "pending" and st_.iloc[5] == "valid"
    assert got.attrs["unrecognised"] == {"天书": 2}
    assert got["legal_events_std"].iloc[4] == ["unrecognised"] and got["legal_events_std"].iloc[6] == []


def test_legal_status_events_and_both():
    events = pd.Series([["实质审查", "视为撤回"], [], ["授权", "年费缴纳"], None], dtype=object)
    got = nz.legal_status(events=events)
    assert got["legal_status"].tolist()[0] == "lapsed" and got["legal_status"].tolist()[2] == "valid"
    assert got["legal_status"].iloc[1:2].isna().all()
    assert got["legal_events_std"].tolist() == [["examination", "withdrawal"], [], ["grant", "fee_paid"], []]
    # status_text decides where it can; events fill the rest and give legal_events_std
    both = nz.legal_status(pd.Series(["有效", None, None, "未确认"]), events)
    assert [None if pd.isna(v) else v for v in both["legal_status"]] == ["valid", None, "valid", None]
    assert both["legal_events_std"].iloc[0] == ["examination", "withdrawal"]
    with pytest.raises(SchemaError):
        nz.legal_status()


@FAST
@given(MESSY)
def test_legal_status_never_crashes_and_idempotent(values):
    s = pd.Series(values, dtype=object)
    got = nz.legal_status(s)
    assert len(got) == len(s) and set(got["legal_status"].dropna()) <= set(LEGAL_STATUSES)
    again = nz.legal_status(got["legal_status"])["legal_status"]
    pd.testing.assert_series_equal(again, got["legal_status"])


def test_legal_status_vocabulary_file():
    d = nz._data("legal_status_map.csv")
    assert set(d["status"]) <= {"", *LEGAL_STATUSES} and set(d["match"]) <= {"exact", "contains"}
    expected = {"lapsed": 30, "valid": 20, "pending": 10, "": 0}
    assert (d["precedence"].astype(int) == d["status"].map(expected)).all()
    assert not d.duplicated(["term", "match"]).any()


def test_legal_status_every_patsnap_value(shared_data):
    ps = _read_patsnap(shared_data)
    values = ps["法律状态/事件"].drop_duplicates()
    got = nz.legal_status(values)
    blank = values.astype(str).str.strip().isin(["-", ""])
    missing = values[got["legal_status"].isna() & ~blank].tolist()
    assert missing == [], f"PatSnap values with no status: {missing}"
    assert got.attrs["unrecognised"] == {}
    # the terms one by one are all in the vocabulary (none falls through as unrecognised)
    terms = values.str.split("|").explode().str.strip()
    terms = terms[~terms.isin(["-", ""])].drop_duplicates()
    std = nz.legal_status(terms)["legal_events_std"].explode()
    assert "unrecognised" not in set(std)
    assert nz.legal_status(ps["法律状态/事件"])["legal_status"].value_counts().to_dict() == {
        "lapsed": 158, "valid": 137, "pending": 4}


# --------------------------------------------------------------------------- applicant_type

_NAMES = [
    ("郑州大学", "university"), ("河南工业职业技术学院", "university"), ("中国科学院大学", "university"),
    ("北京航空航天大学", "university"), ("中国人民解放军国防科技大学", "university"),
    ("UNIV CALIFORNIA", "university"), ("Massachusetts Institute of Technology", "university"),
    ("MASSACHUSETTS INST TECHNOLOGY", "university"), ("Technische Universität München", "university"),
    ("中国科学院", "institute"), ("中国科学院金属研究所", "institute"), ("河南省科学院", "institute"),
    ("中国航空工业集团公司西安飞机设计研究所", "institute"), ("国家超硬材料工程技术研究中心", "institute"),
    ("Fraunhofer-Gesellschaft zur Förderung der angewandten Forschung e.V.", "institute"),
    ("Centre National de la Recherche Scientifique (CNRS)", "institute"),
    ("河南黄河研究院有限公司", "enterprise"), ("郑州华砺磨具股份有限公司", "enterprise"),
    ("象山康丽针织厂", "enterprise"),
    ("株式会社岛津制作所", "enterprise"), ("PIZZA HUT INC", "enterprise"), ("Siemens AG", "enterprise"),
    ("Huawei Technologies Co., Ltd.", "enterprise"), ("BASF SE", "enterprise"), ("赛峰着陆系统", "enterprise"),
    ("某某科技有限公司研发中心", "enterprise"), ("SOC DE MOTORISATIONS AERONAUTIQUES", "enterprise"),
    ("南阳市卫生健康委员会", "government_other"), ("郑州大学第一附属医院", "government_other"),
    ("国家知识产权局专利局专利审查协作河南中心", "government_other"), ("US NAVY", "government_other"),
    ("REPUBLIC OF KOREA AIR FORCE CHIEF OF STAFF", "government_other"), ("中国人民解放军63961部队", "government_other"),
    ("李明远", "individual"), ("欧阳娜娜", "individual"), ("约翰·史密斯", "individual"), ("이정용", "individual"),
    ("CANOVA JEAN PIERRE", "individual"), ("Smith, John", "individual"), ("КАРПУХИН МИХАИЛ ГРИГОРЬЕВИЧ", "individual"),
]


def test_applicant_type_hand_examples():
    names, want = zip(*_NAMES, strict=True)
    got = nz.applicant_type(pd.Series(names))
    wrong = [(n, g, w) for n, g, w in zip(names, got, want, strict=True) if g != w]
    assert wrong == []


def test_applicant_type_lists_blanks_default():
    cells = pd.Series([["郑州大学", "中原晶钻科技有限公司"], "李明远 | 郑州大学", [], None, "-",
                       "Foo Bar Baz Qux Quux Corge"], dtype=object)
    got = nz.applicant_type(cells)
    assert got.tolist()[:2] == ["university", "individual"] and got.iloc[2:5].isna().all()
    assert got.iloc[5] == "enterprise"  # 6 words, no keyword: the default
    assert nz.applicant_type(pd.Series(["某某某某某某"]), default=None).isna().all()
    with pytest.raises(UnknownNameError):
        nz.applicant_type(pd.Series(["x"]), default="company")


@FAST
@given(MESSY)
def test_applicant_type_never_crashes(values):
    s = pd.Series(values, dtype=object)
    got = nz.applicant_type(s)
    assert len(got) == len(s) and set(got.dropna()) <= set(APPLICANT_TYPES)


def test_applicant_type_keyword_file():
    d = nz._data("applicant_type_keywords.csv")
    assert set(d["type"]) <= set(APPLICANT_TYPES) and set(d["match"]) <= {"contains", "word", "suffix"}
    assert not d.duplicated(["keyword", "match"]).any()


def test_applicant_type_real(shared_data):
    ps = _read_patsnap(shared_data)
    got = nz.applicant_type(ps["[标]当前申请(专利权)人"])
    assert got.notna().all()
    by_name = dict(zip(ps["[标]当前申请(专利权)人"], got, strict=True))
    assert by_name["南京航空航天大学"] == "university" and by_name["上海卫星工程研究所"] == "institute"
    assert by_name["西门子股份公司"] == "enterprise" and by_name["王志华"] == "individual"


# --------------------------------------------------------------------------- regions

_ADDR = [
    ("河南省郑州市高新技术产业开发区翠竹街1号", "河南省", "郑州市", "410000", "410100"),
    ("河南省长垣县人民路1号", "河南省", "新乡市", "410000", "410700"),
    ("河南省长垣市蒲东街道", "河南省", "新乡市", "410000", "410700"),  # county became a city in 2019
    ("河南省商丘市柘城县产业集聚区", "河南省", "商丘市", "410000", "411400"),
    ("柘城县产业集聚区", "河南省", "商丘市", "410000", "411400"),
    ("450001 河南省郑州市中原区科学大道100号", "河南省", "郑州市", "410000", "410100"),
    ("济源市玉泉街道", "河南省", "济源市", "410000", "419001"),  # county-level city under the province
    ("北京市海淀区中关村", "北京市", "北京市", "110000", "110100"),
    ("上海浦东新区张江", "上海市", "上海市", "310000", "310100"),
    ("重庆市城口县", "重庆市", "重庆市", "500000", "500100"),
    ("广东省深圳市南山区", "广东省", "深圳市", "440000", "440300"),
    ("东莞市长安镇", "广东省", "东莞市", "440000", "441900"),
]


def test_region_from_address_examples():
    addrs = pd.Series([a[0] for a in _ADDR] + ["美国加利福尼亚州", None, "香港九龙"], index=range(100, 115))
    got = nz.region_from_address(addrs)
    assert got.index.tolist() == list(range(100, 115))
    assert got.iloc[:len(_ADDR)].values.tolist() == [list(a[1:]) for a in _ADDR]
    assert got.iloc[len(_ADDR):len(_ADDR) + 2].isna().all().all()
    assert got.iloc[-1].tolist()[0] == "香港特别行政区" and pd.isna(got.iloc[-1]["city"])


def test_region_from_code_examples():
    codes = pd.Series(["豫", "河南", "河南省", "410000", "4107", "410728", 410100, 410100.0, "11", "110108",
                       "郑州", "郑州市", "蜀", "广西", "419001", "Beijing", None])
    got = nz.region_from_code(codes)
    rows = [[None if pd.isna(v) else v for v in r] for r in got.values.tolist()]
    henan = ["河南省", None, "410000", None]
    assert rows[:4] == [henan] * 4
    assert rows[4] == rows[5] == ["河南省", "新乡市", "410000", "410700"]
    assert rows[6] == rows[7] == rows[10] == rows[11] == ["河南省", "郑州市", "410000", "410100"]
    assert rows[8] == rows[9] == ["北京市", "北京市", "110000", "110100"]
    assert rows[12] == ["四川省", None, "510000", None] and rows[13][2] == "450000"
    assert rows[14] == ["河南省", "济源市", "410000", "419001"]
    assert rows[15] == rows[16] == [None] * 4


def test_region_round_trip():
    # idempotence: the city code of an address gives back the same province and city
    by_addr = nz.region_from_address(pd.Series([a[0] for a in _ADDR]))
    by_code = nz.region_from_code(by_addr["city_code"])
    pd.testing.assert_frame_equal(by_code, by_addr)


def test_region_codes_exist_in_reference(shared_data):
    provinces = pd.read_csv(shared_data / "ref" / "provinces.csv", dtype=str)
    cities = pd.read_csv(shared_data / "ref" / "cities.csv", dtype=str)
    got = nz.region_from_address(pd.Series([a[0] for a in _ADDR]))
    assert set(got["province_code"].str[:2]) <= set(provinces["code"])
    assert set(got["city_code"].str[:4]) <= set(cities["code"])
    assert set(got["province"]) <= set(provinces["name"])


@FAST
@given(MESSY)
def test_regions_never_crash(values):
    s = pd.Series(values, dtype=object)
    for got in (nz.region_from_address(s), nz.region_from_code(s)):
        assert list(got.columns) == ["province", "city", "province_code", "city_code"] and len(got) == len(s)
        codes = pd.concat([got["province_code"], got["city_code"]]).dropna()
        assert codes.str.fullmatch(r"\d{6}").all()


# --------------------------------------------------------------------------- parse_priority


def test_priority_examples():
    cells = pd.Series([
        "CN201910211234.6 2019-03-20",
        "US 62/123,456 20190320; CN201910211234.6 2019-03-21",
        "US 201161550506 P 20111024;;US 88088069 A 19691128",  # Lens Priority Numbers
        "[60/225,166 14.08.2000 US]",  # PATENTSCOPE: dd.mm.yyyy, country last
        "[200402236U 2004-10-01T23:59:59.000Z ES, 2005070132 2005-09-23T23:59:59.000Z ES]",
        "[VR2006A000171 2006-11-09T23:59:59.000Z IT]",  # the leading VR is Verona, not a country
        "PCT/CN2021/081234 2021-03-01", "CN 2015075923 W 20150403", "FR", "US | US", None,
    ])
    got = nz.parse_priority(cells)
    assert got["priority_country"].tolist()[:10] == ["CN", "US", "US", "US", "ES", "IT", "WO", "WO", "FR", "US"]
    assert _iso(got["priority_date"])[:8] == [
        "2019-03-20 00:00:00", "2019-03-20 00:00:00", "1969-11-28 00:00:00", "2000-08-14 00:00:00",
        "2004-10-01 00:00:00", "2006-11-09 00:00:00", "2021-03-01 00:00:00", "2015-04-03 00:00:00"]
    assert got["priority_date"].iloc[8:].isna().all() and got.iloc[10].isna().all()
    assert got["priority_number"].tolist()[:3] == ["201910211234.6", "62/123,456", "88088069"]


@FAST
@given(st.lists(st.tuples(st.sampled_from(["CN", "US", "EP", "JP", "WO"]),
                          st.dates(dt.date(1950, 1, 1), dt.date(2030, 12, 31)),
                          st.integers(1, 10**12)), min_size=1, max_size=4))
def test_priority_earliest_and_idempotent(claims):
    cell = ";".join(f"{c}{n} {d:%Y-%m-%d}" for c, d, n in claims)
    got = nz.parse_priority(pd.Series([cell]))
    earliest = min(d for _, d, _ in claims)
    assert got["priority_date"].iloc[0] == pd.Timestamp(earliest)
    assert got["priority_country"].iloc[0] in {c for c, d, _ in claims if d == earliest}
    again = nz.parse_priority(got["priority_country"] + " " + got["priority_date"].dt.strftime("%Y-%m-%d"))
    pd.testing.assert_series_equal(again["priority_date"], got["priority_date"])
    pd.testing.assert_series_equal(again["priority_country"], got["priority_country"])


@FAST
@given(MESSY)
def test_priority_never_crashes(values):
    got = nz.parse_priority(pd.Series(values, dtype=object))
    assert list(got.columns) == ["priority_country", "priority_date", "priority_number"] and len(got) == len(values)


def test_priority_real(shared_data):
    lens = _read_lens(shared_data)
    got = nz.parse_priority(lens["Priority Numbers"])
    assert got["priority_country"].notna().all()
    assert int(got["priority_date"].isna().sum()) == 9  # nine Canadian claims carry no date
    app = nz.parse_dates(lens["Application Date"])
    both = got["priority_date"].notna() & app.notna()
    assert (got.loc[both, "priority_date"] <= app[both]).all()  # earliest priority never after filing
    drones = pd.read_csv(shared_data / "real" / "lens_drones_9071.csv", dtype=str)
    got = nz.parse_priority(drones["priority_numbers"])
    assert got["priority_date"].notna().all() and got["priority_date"].min().year == 1944


# --------------------------------------------------------------------------- shared behaviour


def test_no_function_mutates_its_input():
    s = pd.Series(["CN104651001B", "授权 | 权利转移", "河南省郑州市", None], index=[5, 6, 7, 8])
    before = s.copy()
    for fn in (nz.parse_dates, nz.split_number, nz.split_app_number, nz.applicant_type, nz.legal_status,
               nz.region_from_address, nz.region_from_code, nz.parse_priority):
        out = fn(s)
        assert out.index.tolist() == [5, 6, 7, 8]
    nz.patent_type(kind=s, label=s, app_no=s)
    pd.testing.assert_series_equal(s, before)


def test_data_files_name_their_source():
    from importlib import resources

    for name in ("legal_status_map.csv", "patent_type_map.csv", "applicant_type_keywords.csv",
                 "province_abbreviations.csv"):
        text = resources.files("navtrain").joinpath("data", name).read_text(encoding="utf-8")
        head = "\n".join(line for line in text.splitlines() if line.startswith("#"))
        assert "Source" in head, name


# --------------------------------------------------------------------------- IPC symbols


def test_parse_ipc_lives_beside_the_other_parsers():
    import navtrain as nt
    import navtrain.ipc

    assert nt.parse_ipc is navtrain.ipc.parse_ipc is nz.parse_ipc
    parts = nz.parse_ipc(pd.Series(["C30B 29/04", None, "x"], index=[10, 11, 12]))
    assert parts.index.tolist() == [10, 11, 12]
    assert parts["group"].tolist()[0] == "C30B29/04" and parts["group"].isna().tolist()[1:] == [True, True]
    codes, table = nz.ipc_parts(pd.Series(["C30B 29/04", "C30B29/04", " ", None]))
    assert codes.tolist() == [0, 1, 2, -1]
    assert table["subclass"].tolist()[:2] == ["C30B", "C30B"] and table["_blank"].tolist() == [False, False, True]
    codes, values = nz.factorize_text(pd.Series(["a", 1, "a", None], dtype=object))  # mixed: pandas fallback
    assert codes.tolist() == [0, 1, 0, -1] and values.tolist() == ["a", 1]


def test_classify_terms_is_public():
    cls = nz.classify_terms(pd.Series(["授权", "未缴年费专利权终止", "无法识别的事件"]))
    assert cls["status"].tolist() == ["valid", "lapsed", ""]
    assert cls["event_type"].tolist()[2] == "unrecognised" and cls["prec"].dtype == "int64"
