"""navtrain.legal: terms, dated events, status as of a date, remaining life, FTO funnel, charts.

Oracles: 审查指南 (2010) Part V Ch. 9 §2.1 (a utility model filed 1999-09-06 is protected to
2009-09-05 and terminates on 2009-09-06); Patent Law Art. 42 as amended 2020 (a design filed
2021-05-31 has 10 years, one filed 2021-06-01 15 years); the worked table of docs/methods/legal.md.
Hand counts on the 21-document sample are written next to each assertion.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import navtrain as nt
from navtrain import legal
from navtrain.errors import NavtrainWarning, SchemaError
from navtrain.legal import (
    claim_chart,
    fto_screen,
    legal_event_table,
    plot_expiry_profile,
    plot_legal_profile,
    remaining_life,
    status_as_of,
    term_end,
    watch_changes,
)
from tests.helpers import missing_glyphs

TS = pd.Timestamp


def _hand_cases() -> pd.DataFrame:
    """Four hand-made CN documents with known histories (data cut-off 2024-12-31)."""
    return pd.DataFrame({
        "pub_no": ["CN1B", "CN2U", "CN3A", "CN4B"],
        "office": ["CN"] * 4,
        "patent_type": ["invention", "utility_model", "invention", "invention"],
        # CN1B: filed, published, granted, lapsed for non-payment 2016-01-10 (end of year 6)
        # CN2U: the 审查指南 example, granted and kept to the end of its term
        # CN3A: published, later deemed withdrawn (date unknown: only the list says so)
        # CN4B: granted 2008, in force at the cut-off; its 20-year term ends 2025-03-15
        "app_date": pd.to_datetime(["2010-01-10", "1999-09-06", "2018-01-01", "2005-03-15"]),
        "pub_date": pd.to_datetime(["2013-03-01", "2000-03-01", "2019-07-01", "2008-06-01"]),
        "grant_date": pd.to_datetime(["2013-03-01", "2000-03-01", None, "2008-06-01"]),
        "expiry_date": pd.to_datetime(["2016-01-10", "2009-09-06", None, "2025-03-15"]),
        "legal_status": ["lapsed", "lapsed", "lapsed", "valid"],
        "legal_events": [["实质审查", "授权", "未缴年费专利权终止"], ["授权", "期限届满"], ["视为撤回"],
                         ["实质审查", "授权", "专利权转让"]],
        "applicants_std": [["甲公司"], ["乙公司"], ["丙大学"], ["甲公司"]],
        "title": ["一种金刚石刀头", "一种砂轮", "一种压机", "一种金刚石锯片"],
        "family_id": ["F1", "F2", "F3", "F4"],
    })


# --------------------------------------------------------------------------- term: published oracles


def test_guideline_example_utility_model_terminates_on_anniversary():
    r = term_end("1999-09-06", "utility_model")
    assert r["term_years"] == 10
    assert r["last_day_in_force"] == TS("2009-09-05")
    assert r["termination_date"] == TS("2009-09-06")  # 审查指南 Part V Ch. 9 §2.1


def test_design_term_switch_on_2021_06_01():
    assert term_end("2021-05-31", "design")["term_years"] == 10
    assert term_end("2021-06-01", "design")["term_years"] == 15


@pytest.mark.parametrize(("filed", "kind", "last_day", "termination"), [
    # worked table of docs/methods/legal.md
    ("1999-09-06", "utility_model", "2009-09-05", "2009-09-06"),
    ("2005-03-15", "invention", "2025-03-14", "2025-03-15"),
    ("2021-05-31", "design", "2031-05-30", "2031-05-31"),
    ("2021-06-01", "design", "2036-05-31", "2036-06-01"),
    ("2000-02-29", "utility_model", "2010-02-27", "2010-02-28"),  # no 02-29 in 2010: month-end rule
    ("2000-02-29", "invention", "2020-02-28", "2020-02-29"),  # 2020 has a 02-29
])
def test_worked_table(filed, kind, last_day, termination):
    r = term_end(filed, kind)
    assert (r["last_day_in_force"], r["termination_date"]) == (TS(last_day), TS(termination))


def test_vectorised_equals_scalar_and_chinese_labels():
    dates = pd.Series(pd.to_datetime(["1999-09-06", "2005-03-15", "2021-06-01", "2000-02-29"]), index=[5, 6, 7, 8])
    types = pd.Series(["实用新型", "发明", "外观设计", "UM"], index=[5, 6, 7, 8])
    t = term_end(dates, types)
    assert t.index.tolist() == [5, 6, 7, 8]
    assert t["termination_date"].tolist() == [TS("2009-09-06"), TS("2025-03-15"), TS("2036-06-01"), TS("2010-02-28")]
    assert t["term_years"].tolist() == [10, 20, 15, 10]


def test_table_input_and_sample(sample):
    t = term_end(sample)
    # every in-force CN grant of the sample carries its statutory term end in expiry_date
    live = (sample["legal_status"] == "valid") & (sample["office"] == "CN")
    assert (t.loc[live, "termination_date"] == sample.loc[live, "expiry_date"]).all()
    assert t.loc[17, "term_years"] == 15  # CN307500001S: a design filed 2022-07-11


def test_other_offices_and_caller_terms():
    # non-CN inventions: 20 years (simplification); other non-CN types NA unless the caller gives terms
    t = term_end(["2005-03-15"] * 4, pd.Series(["invention", "design", "utility_model", "invention"]),
                 office=pd.Series(["US", "US", "DE", "WO"]))
    assert t["termination_date"].iloc[0] == TS("2025-03-15")
    assert t["termination_date"].iloc[1:].isna().all()  # US design, DE utility model, WO (not a patent)
    t2 = term_end(["2005-03-15"] * 3, "design", office=pd.Series(["US", "EP", "CN"]),
                  terms={"design": 15, ("EP", "design"): 25})
    assert t2["term_years"].tolist() == [15, 25, 10]  # the CN statutory rule is not overridden by a generic key


def test_term_adjustment_days():
    r = term_end("2010-01-01", "invention", term_adjustment_days=100)
    assert r["termination_date"] == TS("2030-01-01") + pd.Timedelta(days=100)


def test_unknown_type_and_missing_date_are_reported_not_dropped():
    with pytest.warns(NavtrainWarning, match="unknown patent type"):
        t = term_end(pd.Series(pd.to_datetime(["2010-01-01", "2011-01-01"])), pd.Series(["invention", "植物品种"]))
    assert len(t) == 2 and pd.isna(t["termination_date"].iloc[1]) and t.attrs["unknown_type"] == 1
    with pytest.warns(NavtrainWarning, match="no filing date"):
        t = term_end(pd.Series([pd.NaT, TS("2010-01-01")]), "invention")
    assert t.attrs["no_date"] == 1 and t["termination_date"].iloc[1] == TS("2030-01-01")


dates_st = st.dates(min_value=pd.Timestamp("1985-01-01").date(), max_value=pd.Timestamp("2035-12-31").date())
types_st = st.sampled_from(["invention", "utility_model", "design"])


@given(st.lists(st.tuples(dates_st, types_st), min_size=1, max_size=30))
@settings(max_examples=60, deadline=None)
def test_property_termination_after_filing(rows):
    dates = pd.Series(pd.to_datetime([d for d, _ in rows]))
    types = pd.Series([t for _, t in rows])
    t = term_end(dates, types)
    assert (t["termination_date"] > dates).all()
    assert (t["last_day_in_force"] == t["termination_date"] - pd.Timedelta(days=1)).all()
    years = t["termination_date"].dt.year - dates.dt.year
    assert (years == t["term_years"].astype(int)).all()
    # same month; same day unless the anniversary month lacks it (02-29 → 02-28)
    assert (t["termination_date"].dt.month == dates.dt.month).all()
    same_day = t["termination_date"].dt.day == dates.dt.day
    assert (same_day | ((dates.dt.month == 2) & (dates.dt.day == 29))).all()


@given(dates_st, dates_st, types_st)
@settings(max_examples=80, deadline=None)
def test_property_term_monotone_in_filing_date(d1, d2, kind):
    a, b = sorted([d1, d2])
    assert term_end(a, kind)["termination_date"] <= term_end(b, kind)["termination_date"]


# --------------------------------------------------------------------------- dated events


def test_event_table_sample(sample):
    ev = legal_event_table(sample)
    assert list(ev.columns) == ["pub_no", "date", "date_min", "date_max", "event", "event_type", "event_class",
                                "status", "precedence", "source", "projected"]
    # every raw event is kept: 33 list items in the sample (hand count of legal_events)
    assert int(sample["legal_events"].str.len().sum()) == 33
    assert (ev["source"] == "legal_events").sum() == 33
    # 21 filing rows; publication rows only for the 9 documents without a grant (kind A/A1: rows 2, 5, 6,
    # 9, 11, 13, 15, 18, 19); for a grant the publication is the grant itself
    assert (ev["event"] == "申请").sum() == 21
    assert (ev["source"] == "pub_date").sum() == 9
    # undated events are counted and bounded
    und = ev[ev["date"].isna()]
    assert len(und) == ev.attrs["undated"] == 18
    assert (und["date_min"] <= und["date_max"]).all()
    assert ev.attrs["cutoff"] == TS("2024-07-30")  # latest publication date of the sample
    assert not ev["projected"].any()
    # transactions are not statuses
    assert ev.loc[ev["event"].isin(["专利权转让", "专利实施许可"]), "status"].isna().all()
    # the lapse date of a lapsed grant dates its terminating event
    row = ev[(ev["pub_no"] == "CN206887001U") & (ev["event_class"] == "termination")]
    assert row["date"].tolist() == [TS("2021-03-28")]


def test_event_table_adds_missing_canonical_events():
    cases = _hand_cases()
    cases.loc[1, "legal_events"] = []  # no list: the grant and the term end come from the dates
    ev = legal_event_table(cases, cutoff="2024-12-31")
    um = ev[ev["pub_no"] == "CN2U"]
    assert um[["event", "date"]].values.tolist() == [["申请", TS("1999-09-06")], ["授权", TS("2000-03-01")],
                                                    ["期限届满", TS("2009-09-06")]]
    # CN4B's term ends after the cut-off: only with projected=True, flagged
    assert not ((ev["pub_no"] == "CN4B") & (ev["event"] == "期限届满")).any()
    evp = legal_event_table(cases, cutoff="2024-12-31", projected=True)
    row = evp[(evp["pub_no"] == "CN4B") & (evp["event"] == "期限届满")]
    assert row["date"].tolist() == [TS("2025-03-15")] and row["projected"].all()


def test_caller_events_forgiving_names(sample):
    one = sample[sample["pub_no"] == "CN106187001A"]  # filed 2016-09-01; list [实质审查, 视为撤回], no dates
    calls = pd.DataFrame({"公开（公告）号": ["CN106187001A", "CN106187001A", "CN9A"],
                          "法律状态公告日": ["2017-03-01", "2019-12-06", "2020-01-01"],
                          "法律状态": ["实质审查的生效", "发明专利申请公布后的视为撤回", "授权"]})
    ev = legal_event_table(one, events=calls, cutoff="2024-07-30")
    assert ev.attrs["raw_events_replaced"] == 2 and ev.attrs["unmatched_events"] == 1
    assert ev["date"].notna().all()
    s = [status_as_of(one, d, cutoff="2024-07-30", events=calls)["status"].iloc[0]
         for d in ("2016-10-01", "2018-01-01", "2019-12-05", "2019-12-06")]
    assert s == ["pending", "pending", "pending", "lapsed"]
    # without the dated events the withdrawal date is unknown: pending but not certain in between
    r = status_as_of(one, "2018-01-01", cutoff="2024-07-30")
    assert r["status"].iloc[0] == "pending" and not r["certain"].iloc[0]
    # an application-number keyed export also works
    by_app = pd.DataFrame({"申请号": [one["app_no"].iloc[0]], "date": ["2019-12-06"], "event": ["视为撤回"]})
    assert status_as_of(one, "2020-01-01", cutoff="2024-07-30", events=by_app)["status"].iloc[0] == "lapsed"


def test_unknown_event_vocabulary_is_kept_and_reported():
    t = pd.DataFrame({"pub_no": ["CN1A"], "app_date": [TS("2015-01-01")], "patent_type": ["invention"],
                      "legal_events": ["实质审查;神秘事件"]})  # text cell, as a raw CSV gives it
    with pytest.warns(NavtrainWarning, match="神秘事件"):
        ev = legal_event_table(t, cutoff="2020-01-01")
    assert ev.attrs["unrecognised"] == {"神秘事件": 1}
    assert (ev["event_class"] == "unrecognised").sum() == 1 and len(ev) == 3
    with pytest.warns(NavtrainWarning, match="神秘事件"):
        assert status_as_of(t, "2019-01-01", cutoff="2020-01-01")["status"].iloc[0] == "pending"


# --------------------------------------------------------------------------- status as of a date


def test_status_reproduces_sample_at_cutoff(sample):
    s = status_as_of(sample)
    assert s.attrs["as_of"] == TS("2024-07-30")
    assert (s["status"] == sample["legal_status"]).all()
    assert s.attrs["counts"] == {"valid": 9, "pending": 7, "lapsed": 5, "unknown": 0}
    assert s.index.equals(sample.index)


@pytest.mark.parametrize(("pub_no", "as_of", "expected"), [
    ("CN1B", "2009-12-31", "unknown"),  # not yet filed
    ("CN1B", "2010-01-10", "pending"),  # filing day
    ("CN1B", "2013-02-28", "pending"),  # before grant
    ("CN1B", "2013-03-01", "valid"),  # grant day
    ("CN1B", "2016-01-09", "valid"),
    ("CN1B", "2016-01-10", "lapsed"),  # non-payment: terminated at the end of the last paid year
    ("CN2U", "2009-09-05", "valid"),  # last day in force
    ("CN2U", "2009-09-06", "lapsed"),  # 期满终止日
    ("CN3A", "2024-12-31", "lapsed"),
    ("CN4B", "2024-12-31", "valid"),
    ("CN4B", "2025-03-14", "valid"),  # projection after the cut-off
    ("CN4B", "2025-03-15", "lapsed"),  # statutory term end, 2005-03-15 + 20 years
])
def test_status_at_earlier_and_later_dates(pub_no, as_of, expected):
    cases = _hand_cases()
    s = status_as_of(cases, as_of, cutoff="2024-12-31").set_index("pub_no")
    assert s.loc[pub_no, "status"] == expected


def test_term_adjustment_column_moves_the_projected_end():
    cases = _hand_cases().assign(term_adjustment_days=[0, 0, 0, 100])
    # CN4B: 2025-03-15 + 100 days = 2025-06-23
    s = [status_as_of(cases, d, cutoff="2024-12-31").set_index("pub_no").loc["CN4B", "status"]
         for d in ("2025-03-15", "2025-06-22", "2025-06-23")]
    assert s == ["valid", "valid", "lapsed"]
    assert remaining_life(cases, "2025-06-22", cutoff="2024-12-31").set_index("pub_no").loc[
        "CN4B", "termination_date"] == TS("2025-06-23")


def test_undated_withdrawal_is_flagged_uncertain():
    s = status_as_of(_hand_cases(), "2020-01-01", cutoff="2024-12-31").set_index("pub_no")
    # CN3A's withdrawal is only known to have happened between filing and the cut-off
    assert s.loc["CN3A", "status"] == "pending" and not s.loc["CN3A", "certain"]
    assert s.loc["CN1B", "certain"] and s.loc["CN4B", "certain"]  # transfer says nothing about status


def test_status_from_event_table_equals_from_table(sample):
    ev = legal_event_table(sample, projected=True)
    for day in ("2017-01-01", "2020-06-30", "2024-07-30", "2040-01-01"):
        a = status_as_of(sample, day).set_index("pub_no")["status"]
        b = status_as_of(ev, day).set_index("pub_no")["status"]
        assert a.to_dict() == b.reindex(a.index).to_dict()


def test_same_day_grant_beats_publication_and_list_order_is_kept():
    t = pd.DataFrame({"pub_no": ["CN1U", "CN2B"], "patent_type": ["utility_model", "invention"],
                      "app_date": pd.to_datetime(["2020-01-01", "2010-01-01"]),
                      "pub_date": pd.to_datetime(["2020-06-01", "2012-01-01"]),
                      "grant_date": pd.to_datetime(["2020-06-01", "2012-01-01"]),
                      # terminated, then restored (恢复): the list order decides between undated events
                      "legal_events": [["授权"], ["授权", "未缴年费专利权终止", "权利恢复"]]})
    s = status_as_of(t, "2024-01-01", cutoff="2024-01-01").set_index("pub_no")["status"]
    assert s.to_dict() == {"CN1U": "valid", "CN2B": "valid"}
    assert status_as_of(t, "2020-06-01", cutoff="2024-01-01")["status"].iloc[0] == "valid"


CASES = ["superhard", "tbm_drive", "changyuan_cranes", "pingdingshan_nylon", "luoyang_bearings"]


@pytest.mark.parametrize("case", CASES)
def test_status_agreement_on_synthetic_cases(case):
    df = nt.load_dataset(case)
    s = status_as_of(df, "2024-12-31")
    agree = s["status"].to_numpy() == df["legal_status"].to_numpy()
    cn = (df["office"] == "CN").to_numpy()
    # measured: CN 100 %; all documents 93.7–97.8 % (see docs/methods/legal.md)
    assert agree[cn].mean() == 1.0
    assert agree.mean() > 0.93
    # every disagreement was investigated: a foreign document whose lapse the data do not show
    # (no event, no date: nothing to reproduce it from), or a foreign grant the generator keeps
    # valid although its 20-year term has run out (filed before 2005)
    bad = df[~agree]
    no_evidence = (bad["legal_status"] == "lapsed") & (s.loc[~agree, "status"] == "pending") \
        & (bad["legal_events"].str.len() == 0) & bad["grant_date"].isna()
    term_over = (bad["legal_status"] == "valid") & (s.loc[~agree, "status"] == "lapsed") \
        & (bad["app_date"] <= TS("2004-12-31"))
    assert (no_evidence | term_over).all()


# --------------------------------------------------------------------------- remaining life


def test_remaining_life(sample):
    r = remaining_life(sample, "2025-03-12").set_index("pub_no")
    # CN104651001B: term ends 2035-03-12, 3652 days later = 9.9986 years of 365.25 days
    assert r.loc["CN104651001B", "remaining_years"] == pytest.approx(3652 / 365.25, abs=1e-4)
    assert r.loc["CN205398001U", "remaining_years"] == 0.0  # lapsed
    assert r.loc["CN205398001U", "termination_date"] == TS("2019-05-20")  # the lapse date
    assert r.loc["CN110230001A", "provisional"] and r.loc["CN110230001A", "status"] == "pending"
    # CN110230001A: invention filed 2019-03-20 → provisional end 2039-03-20
    assert r.loc["CN110230001A", "termination_date"] == TS("2039-03-20")
    assert not r.loc[r["status"] != "pending", "provisional"].any()
    assert np.isnan(r.loc["WO2021200001A1", "remaining_years"])  # a PCT application has no term
    assert (r["remaining_years"].drop("WO2021200001A1") >= 0).all()
    early = remaining_life(sample, "2016-01-01").set_index("pub_no")
    assert not early.loc["CN221000001U", "filed"] and early.loc["CN221000001U", "status"] == "unknown"


# --------------------------------------------------------------------------- FTO


def test_fto_funnel_sample(sample):
    s = fto_screen(sample, "2024-12-31", keywords=["金刚石", "砂轮"])
    f = s.attrs["funnel"]
    # 21 docs → 19 CN → 9 valid + 5 pending CN → all have term left → 12 mention 金刚石/砂轮
    # (CN213300001U 超硬材料压机 and CN115890001A 氮化硼 do not)
    assert f["documents"].tolist() == [21, 19, 14, 14, 12, 12]
    assert f["removed"].tolist() == [0, 2, 5, 0, 2, 0]
    assert f["families"].iloc[0] == 19
    assert len(s) == 12 and set(s["status"]) == {"valid", "pending"}
    assert {"pub_no", "holder", "status", "termination_date", "remaining_years", "family_coverage",
            "matched_keywords"} <= set(s.columns)
    assert "not legal advice" in s.attrs["disclaimer"] and "不构成法律意见" in s.attrs["disclaimer"]
    # lapsed list: CN205398001U (金刚石), CN111410001A (砂轮), CN215600001U (金刚石)
    assert sorted(s.attrs["lapsed"]["pub_no"]) == ["CN111410001A", "CN205398001U", "CN215600001U"]
    assert s.attrs["lapsed"]["caveat"].str.len().gt(0).all()
    assert s.loc[s["pub_no"] == "CN111500001B", "matched_keywords"].item() == "金刚石"


def test_fto_holders_segments_ipc_and_family_coverage(sample):
    s = fto_screen(sample, "2024-12-31", jurisdictions=["CN", "美国"], keywords=["金刚石"],
                   exclude_holders=["中原晶钻"])
    # CN+US: 20 docs; the five 中原晶钻 documents among the survivors are excluded
    assert s.attrs["funnel"]["documents"].iloc[1] == 20
    assert not s["holder"].str.contains("中原晶钻").any()
    keep = fto_screen(sample, "2024-12-31", jurisdictions=["CN", "US"], holders=["中原晶钻"])
    row = keep.set_index("pub_no").loc["CN110230001A"]
    assert row["family_coverage"] == "CN;US"  # F0006 has a pending US member
    seg = sample.assign(segment=[["A"] if i % 2 else "B" for i in range(len(sample))])
    by_seg = fto_screen(seg, "2024-12-31", segments=["A"])
    assert set(by_seg["matched_segment"]) == {"A"}
    long = pd.DataFrame({"pub_no": ["CN104651001B", "CN110560001B"], "segment": ["上游", "上游"]})
    assert sorted(fto_screen(sample, "2024-12-31", segments=long)["pub_no"]) == ["CN104651001B", "CN110560001B"]
    by_ipc = fto_screen(sample, "2024-12-31", ipc=["C30B"])
    # C30B among alive CN docs: CN104651001B, CN110230001A, CN114560001A, CN116500001A
    assert sorted(by_ipc["pub_no"]) == ["CN104651001B", "CN110230001A", "CN114560001A", "CN116500001A"]


@given(st.floats(min_value=0, max_value=25), st.lists(st.sampled_from(["金刚石", "砂轮", "氮化硼", "装置", "方法"]),
                                                      max_size=3), st.booleans())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_property_funnel_non_increasing(min_years, kws, exclude):
    df = nt.load_sample()
    before = df.copy()
    s = fto_screen(df, "2024-12-31", keywords=kws or None, min_remaining_years=min_years,
                   exclude_holders=["中原晶钻"] if exclude else None)
    docs = s.attrs["funnel"]["documents"].to_numpy()
    assert (np.diff(docs) <= 0).all() and docs[-1] == len(s)
    assert (s["remaining_years"] >= min_years).all()
    pd.testing.assert_frame_equal(df, before)


def test_claim_chart_and_excel(sample, tmp_path):
    s = fto_screen(sample, "2024-12-31", keywords=["砂轮", "锯片"])
    c = claim_chart(s, {"T1": "金刚石节块", "T2": "钢基体"})
    assert len(c) == 2 * len(s)
    for col in ("权利要求要素", "产品对应特征", "是否相同或等同", "备注"):
        assert (c[col] == "").all()
    assert c["产品特征"].tolist()[:2] == ["金刚石节块", "钢基体"]
    out = nt.write_table(c, tmp_path / "claim_chart.xlsx")
    back = pd.read_excel(out, engine="openpyxl")
    assert list(back.columns)[-4:] == ["权利要求要素", "产品对应特征", "是否相同或等同", "备注"]
    assert len(back) == len(c)
    assert "not legal advice" in c.attrs["disclaimer"]
    assert claim_chart(s.iloc[:0], ["a"]).empty


# --------------------------------------------------------------------------- watch list


def test_watch_changes(sample):
    old = sample.iloc[:19].copy()
    new = sample.iloc[1:].copy()
    new.loc[5, "legal_status"] = "valid"  # CN110230001A granted between the snapshots
    new.at[4, "applicants_std"] = ["新受让人公司"]  # CN107502001B transferred
    w = watch_changes(old, new)
    assert w.attrs["counts"] == {"new_filing": 2, "removed": 1, "status_change": 1, "holder_change": 1}
    row = w[w["change"] == "status_change"].iloc[0]
    assert (row["pub_no"], row["old_status"], row["new_status"]) == ("CN110230001A", "pending", "valid")
    assert w.loc[w["change"] == "removed", "pub_no"].tolist() == ["CN104651001B"]
    assert sorted(w.loc[w["change"] == "new_filing", "pub_no"]) == ["CN116500001A", "CN221000001U"]
    assert w.loc[w["change"] == "holder_change", "new_holder"].tolist() == ["新受让人公司"]


def test_watch_changes_maps_and_reports_vocabulary(sample):
    old = sample[["pub_no", "legal_status"]].copy()
    new = old.copy()
    new["legal_status"] = new["legal_status"].map({"valid": "有效", "pending": "审中", "lapsed": "失效"})
    new.loc[0, "legal_status"] = "奇怪状态"
    with pytest.warns(NavtrainWarning, match="奇怪状态"):
        w = watch_changes(old, new)
    assert w.attrs["counts"]["status_change"] == 1  # only the unreadable one differs
    assert w.attrs["unrecognised"] == {"奇怪状态": 1}
    assert w["new_status"].tolist() == ["奇怪状态"]


# --------------------------------------------------------------------------- charts


def test_plot_legal_profile_by_year(sample, tmp_path):
    ax = plot_legal_profile(sample, save=tmp_path / "p.png")
    assert ax.get_title() == "法律状态构成" and ax.get_xlabel() == "申请年" and ax.get_ylabel() == "申请量（件）"
    wide = ax.legal_profile
    # 9 filing years present (no 2018) × 3 statuses = 27 bars; heights sum to 21 documents
    assert len(ax.patches) == 27 and int(wide.to_numpy().sum()) == 21
    assert wide.loc[2016].tolist() == [0, 0, 2]  # CN205398001U and CN106187001A, both lapsed
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["有效", "审中", "失效"]
    assert (tmp_path / "p.png").stat().st_size > 0
    assert missing_glyphs(ax) == []


def test_plot_legal_profile_by_applicant_and_families(sample):
    ax = plot_legal_profile(sample, by="applicant", top=3)
    wide = ax.legal_profile
    assert wide.index[-1] == "中原晶钻科技有限公司"  # the largest holder (6 documents, whole counting) on top
    assert int(wide.loc["中原晶钻科技有限公司"].sum()) == 6
    assert len(wide) == 3 and ax.get_xlabel() == "申请量（件）"
    fam = plot_legal_profile(sample, unit="项").legal_profile
    assert int(fam.to_numpy().sum()) == 19  # 19 families
    shares = plot_legal_profile(sample, share=True).legal_profile
    assert np.allclose(shares.sum(axis=1), 1.0)


def test_plot_legal_profile_unknown_status_is_shown():
    t = _hand_cases()
    t.loc[0, "legal_status"] = "奇怪"
    with pytest.warns(NavtrainWarning, match="未知|unrecognised"):
        ax = plot_legal_profile(t)
    assert "unknown" in ax.legal_profile.columns and int(ax.legal_profile.to_numpy().sum()) == 4


def test_plot_expiry_profile(sample, tmp_path):
    ax = plot_expiry_profile(sample, "2024-12-31", save=tmp_path / "e.svg")
    wide = ax.expiry_profile
    # 9 valid documents; term-end years 2029 (UM), 2030 (UM), 2032 (UM), 2034 (UM), 2035, 2037 (inv + design),
    # 2039, 2040
    assert int(wide.to_numpy().sum()) == 9
    assert wide.loc[2037].tolist() == [1, 0, 1]
    assert wide.index.min() == 2024 and wide.index.max() == 2040
    assert ax.get_title() == "有效专利到期分布" and ax.get_xlabel() == "届满年份"
    assert len(ax.patches) == 3 * 17
    assert missing_glyphs(ax) == []
    assert int(plot_expiry_profile(sample, "2024-12-31", horizon=5).expiry_profile.to_numpy().sum()) == 1


# --------------------------------------------------------------------------- bad input, empty, not mutated


@pytest.mark.parametrize("missing", ["app_date", "patent_type"])
def test_missing_columns_name_the_import_step(sample, missing):
    with pytest.raises(SchemaError, match=f"'{missing}'.*read_patents"):
        term_end(sample.drop(columns=[missing]))
    with pytest.raises(SchemaError, match=missing):
        remaining_life(sample.drop(columns=[missing]))
    with pytest.raises(SchemaError, match=missing):
        fto_screen(sample.drop(columns=[missing]))


def test_bad_dates_and_missing_type_argument():
    with pytest.raises(SchemaError, match="as_of"):
        status_as_of(_hand_cases(), "not a date")
    with pytest.raises(SchemaError, match="patent type"):
        term_end("2020-01-01")


def test_empty_input(sample):
    empty = sample.iloc[:0]
    assert term_end(empty).empty
    assert legal_event_table(empty).empty
    assert status_as_of(empty, "2024-01-01").empty
    assert remaining_life(empty, "2024-01-01").empty
    s = fto_screen(empty, "2024-01-01", keywords=["x"])
    assert s.empty and s.attrs["funnel"]["documents"].tolist() == [0] * 6
    assert watch_changes(empty, empty).empty


def test_inputs_not_mutated(sample):
    before = sample.copy()
    term_end(sample)
    legal_event_table(sample)
    status_as_of(sample, "2020-01-01")
    remaining_life(sample, "2020-01-01")
    fto_screen(sample, "2020-01-01", keywords=["金刚石"], ipc=["C30B"])
    watch_changes(sample, sample)
    plot_legal_profile(sample)
    plot_expiry_profile(sample)
    pd.testing.assert_frame_equal(sample, before)


def test_public_names_exist():
    for name in ("term_end", "legal_event_table", "status_as_of", "remaining_life", "fto_screen", "claim_chart",
                 "watch_changes", "plot_legal_profile", "plot_expiry_profile"):
        assert callable(getattr(legal, name))
