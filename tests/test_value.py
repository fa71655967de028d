"""navtrain.value: forward citations, value indicators, the composite score, core patents,
CNIPA high-value flags and the core-patent timeline.

Hand computations on the 21-document sample (datasets/sample/patents_sample.csv). The
citation network in ``cites`` (citing document, its pub_date → cited documents):

    CN106187001A 2016-12-07 → CN104651001B
    CN206887001U 2017-12-08 → CN205398001U
    CN107502001B 2019-02-26 → CN104651001B, CN106187001A
    CN110230001A 2019-09-13 (F0006) → CN104651001B, CN107502001B
    US2020300001A1 2020-09-24 (F0006) → US9000001B2 (not in the table)
    CN210100001U 2020-02-04 → CN206887001U
    CN111410001A 2020-07-14 → CN206887001U
    CN213300001U 2021-05-07 → CN111410001A
    CN110560001B 2021-05-18 → CN205398001U, CN107502001B
    CN113020001A 2021-06-25 → CN110230001A, CN111500001B
    WO2021200001A1 2021-10-14 (F0011) → CN107502001B
    CN215600001U 2022-01-04 → CN210100001U
    CN114560001A 2022-06-03 → CN110560001B, CN113020001A
    CN217300001U 2022-08-19 → CN206887001U, CN210100001U
    CN111500001B 2022-09-30 (F0011) → CN107502001B, CN110230001A
    CN115890001A 2023-02-28 → CN111500001B
    CN116500001A 2023-08-22 → CN113020001A, CN114560001A
    CN221000001U 2024-07-30 → CN213300001U
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import navtrain as nt
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.value import (
    DEFAULT_VALUE_WEIGHTS,
    VALUE_COMPONENTS,
    cohort_normalize,
    core_patents,
    entropy_weights,
    forward_citations,
    high_value_flags,
    plot_core_timeline,
    value_indicators,
    value_score,
)
from tests.helpers import missing_glyphs

CUT = "2024-12-31"
CASES = ["superhard", "tbm_drive", "changyuan_cranes", "pingdingshan_nylon", "luoyang_bearings"]
# Spearman(value_score, latent quality) measured on 2026-11-26 with the default weights:
# superhard 0.433, tbm_drive 0.455, changyuan_cranes 0.492, pingdingshan_nylon 0.429,
# luoyang_bearings 0.482. The assertion keeps a small margin below the lowest.
MIN_SPEARMAN = 0.40


def _by_pub(frame: pd.DataFrame, col: str) -> dict[str, float]:
    return dict(zip(frame["pub_no"], frame[col], strict=True))


# --------------------------------------------------------------------------- oracles


def test_cohort_normalisation_oracle():
    # Hall, Jaffe & Trajtenberg (2001) rescaling: H01M 2015 with 10/2/0 → mean 4, rel 2.5/0.5/0, pct 1.0/0.667/0.333;
    # 2018 with 3/1/2 → mean 2, rel 1.5/0.5/1.0
    values = pd.Series([10, 2, 0, 3, 1, 2])
    year = pd.Series([2015, 2015, 2015, 2018, 2018, 2018])
    field = pd.Series(["H01M"] * 6)
    c = cohort_normalize(values, [year, field], min_cohort=1)
    assert c["rel"].tolist() == pytest.approx([2.5, 0.5, 0.0, 1.5, 0.5, 1.0])
    assert c["pct"].round(3).tolist()[:3] == [1.0, 0.667, 0.333]
    # cohorts smaller than min_cohort → NaN, not 0
    small = cohort_normalize(values, [year, field], min_cohort=4)
    assert small["rel"].isna().all() and small["pct"].isna().all()
    # cohort mean 0 → rel NaN, the percentile rank still defined
    zero = cohort_normalize(pd.Series([0, 0, 0]), pd.Series(["a"] * 3), min_cohort=1)
    assert zero["rel"].isna().all() and zero["pct"].notna().all()


def test_entropy_weights_oracle():
    # docs/methods/value.md (熵权法): X = [[.2,.9,.5],[.6,.1,.5],[1,.5,.5]] → e = [0.8528, 0.7766, 1.0],
    # w = [0.3973, 0.6027, 0] (p = x / column sum; a constant column gets weight 0)
    w = entropy_weights([[.2, .9, .5], [.6, .1, .5], [1, .5, .5]])
    assert [round(x, 4) for x in w.attrs["entropy"]] == [0.8528, 0.7766, 1.0]
    assert w.round(4).tolist() == [0.3973, 0.6027, 0.0]
    assert w.sum() == pytest.approx(1.0)
    named = entropy_weights(pd.DataFrame({"a": [1, 2, 3], "b": [3, 3, 3]}))
    assert named.index.tolist() == ["a", "b"] and named["b"] == 0.0
    mm = entropy_weights([[.2, .9], [.6, .1], [1, .5]], normalize="minmax")
    assert mm.sum() == pytest.approx(1.0)
    with pytest.raises(SchemaError):
        entropy_weights([[-1, 2], [3, 4]])
    with pytest.raises(SchemaError):
        entropy_weights([[1, 2]])


# --------------------------------------------------------------------------- forward citations


def test_forward_citations_family_level(sample):
    f = _by_pub(forward_citations(sample, unit="families", cutoff=CUT), "fwd_cits")
    # CN104651001B published 2017-06-20, window to 2022-06-20: cited by the families of
    # CN106187001A (2016), CN107502001B (2019), CN110230001A (2019) → 3
    assert f["CN104651001B"] == 3
    # CN107502001B published 2019-02-26, window to 2024-02-26: F0006 (CN110230001A), F0008
    # (CN110560001B), F0011 (WO2021200001A1 2021-10-14 and CN111500001B 2022-09-30: one
    # family) → 3 families
    assert f["CN107502001B"] == 3
    # CN205398001U (2016-09-14 → 2021-09-14): CN206887001U, CN110560001B → 2
    assert f["CN205398001U"] == 2
    # CN206887001U (2017-12-08 → 2022-12-08): CN210100001U, CN111410001A, CN217300001U → 3
    assert f["CN206887001U"] == 3
    # family F0006 starts at its earliest publication 2019-09-13 → 2024-09-13 ≤ cut-off:
    # cited by F0011 (CN111500001B) and F0012 (CN113020001A) → 2 for both members
    assert f["CN110230001A"] == 2 and f["US2020300001A1"] == 2
    # CN110560001B published 2021-05-18: the window ends 2026 > cut-off → NaN, not 0
    assert np.isnan(f["CN110560001B"]) and np.isnan(f["CN221000001U"])


def test_forward_citations_documents_level(sample):
    d = forward_citations(sample, unit="documents", cutoff=CUT)
    # CN107502001B: 4 citing documents in the window (the two F0011 members count twice);
    # CN111500001B (2022-09-30) is inside the 2024-02-26 window end
    assert _by_pub(d, "fwd_cits")["CN107502001B"] == 4
    assert d.attrs["unit"] == "documents" and d.attrs["unit_zh"] == "篇"
    # the default unit is applications (件): one document per application in the sample → the same 4
    a = forward_citations(sample, cutoff=CUT)
    assert _by_pub(a, "fwd_cits")["CN107502001B"] == 4
    assert a.attrs["unit"] == "applications" and a.attrs["unit_zh"] == "件" and a.attrs["cutoff"] == pd.Timestamp(CUT)


def test_window_start_application(sample):
    # from the filing date 2015-03-12, 3 years → 2018-03-12: only CN106187001A (2016-12-07)
    f = _by_pub(forward_citations(sample, window=3, date="申请日", unit="families", cutoff=CUT), "fwd_cits")
    assert f["CN104651001B"] == 1


def test_window_truncation_gives_nan(sample):
    # default cut-off = latest pub_date 2024-07-30: F0006's window (to 2024-09-13) is incomplete
    f = forward_citations(sample, unit="families")
    assert f.attrs["cutoff"] == pd.Timestamp("2024-07-30")
    by = f.set_index("pub_no")
    assert np.isnan(by.loc["CN110230001A", "fwd_cits"]) and not by.loc["CN110230001A", "complete"]
    # the citations seen so far are kept separately
    assert by.loc["CN110230001A", "fwd_cits_to_cutoff"] == 2
    # a 7-year window from 2017-06-20 ends 2024-06-20: complete; one from 2019-02-26 is not
    f7 = forward_citations(sample, window=7, unit="families").set_index("pub_no")["fwd_cits"]
    assert f7["CN104651001B"] == 3 and np.isnan(f7["CN107502001B"])


def test_self_citations_excluded_on_request(sample):
    # CN110230001A (中原晶钻) cites CN104651001B (中原晶钻): a same-applicant citation, so
    # CN104651001B keeps F0003 (中岳理工大学) and F0005 (华原) → 2
    f = forward_citations(sample, unit="families", cutoff=CUT, exclude_self=True)
    assert _by_pub(f, "fwd_cits")["CN104651001B"] == 2
    assert f.attrs["dropped"]["same-applicant self-citations"] >= 1
    assert f.attrs["citations_outside_table"] == 1  # US9000001B2


def test_same_family_citations_never_count():
    t = pd.DataFrame({
        "pub_no": ["A1", "A2", "B1"], "family_id": ["F", "F", "G"],
        "pub_date": pd.to_datetime(["2010-01-01", "2011-01-01", "2012-01-01"]),
        "cites": [[], ["A1"], ["A1", "A2"]],
    })
    f = _by_pub(forward_citations(t, unit="families", cutoff="2020-01-01"), "fwd_cits")
    assert f == {"A1": 1.0, "A2": 1.0, "B1": 0.0}  # A2 → A1 is inside family F
    d = _by_pub(forward_citations(t, unit="documents", cutoff="2020-01-01"), "fwd_cits")
    assert d == {"A1": 1.0, "A2": 1.0, "B1": 0.0}


def test_fallback_to_cited_by_count(sample):
    t = sample.drop(columns=["cites"])
    with pytest.warns(NavtrainWarning, match="cited_by_count"):
        f = forward_citations(t)
    assert f.attrs["source"] == "cited_by_count"
    assert f["fwd_cits"].tolist() == sample["cited_by_count"].astype(float).tolist()


def test_missing_citation_columns_name_the_import_step(sample):
    with pytest.raises(SchemaError, match="引用专利") as err:
        forward_citations(sample.drop(columns=["cites", "cited_by_count"]))
    assert "read_patents" in str(err.value)


def test_unknown_options(sample):
    with pytest.raises(UnknownNameError):
        forward_citations(sample, date="grant")
    with pytest.raises(UnknownNameError):
        forward_citations(sample, unit="inventors")
    with pytest.raises(SchemaError):
        forward_citations(sample, window=0)


# --------------------------------------------------------------------------- indicators


def test_value_indicators_by_hand(sample):
    v = value_indicators(sample, as_of=CUT).set_index("pub_no")
    # F0011 = CN111500001B + WO2021200001A1: WO is not a jurisdiction → 1; family size 2
    assert v.loc["CN111500001B", "jurisdictions"] == 1 and v.loc["CN111500001B", "family_size"] == 2
    # F0006 = CN + US → 2 jurisdictions
    assert v.loc["CN110230001A", "jurisdictions"] == 2
    # scope: E21B10/567 + C22C26/00 → 2 subclasses; the design has no IPC → NaN
    assert v.loc["CN111500001B", "scope"] == 2 and np.isnan(v.loc["CN307500001S", "scope"])
    assert v.loc["CN111500001B", "claims"] == 15
    # legal events: 专利权转让 → transfer, 专利实施许可 → licence
    assert v.loc["CN107502001B", "transfers"] == 1 and v.loc["CN111500001B", "licences"] == 1
    assert v["legal_events"].sum() == 2 and v["pledges"].sum() == 0
    # years maintained: valid CN104651001B filed 2015-03-12 → as-of 2024-12-31 = 3582 days
    assert v.loc["CN104651001B", "years_maintained"] == pytest.approx(3582 / 365.25)
    # lapsed CN205398001U filed 2016-05-20, lapsed 2019-05-20 = 1095 days
    assert v.loc["CN205398001U", "years_maintained"] == pytest.approx(1095 / 365.25)
    # withdrawn application → 0; pending → NaN
    assert v.loc["CN106187001A", "years_maintained"] == 0
    assert np.isnan(v.loc["CN110230001A", "years_maintained"])
    # cohorts of 21 documents are below min_cohort=30 → the relative citations are NaN
    assert v["fwd_cits_rel"].isna().all()
    # WIPO field of C30B29/04 is 21 (surface technology, coating)
    assert v.loc["CN104651001B", "field"].startswith("21 ")


def test_legal_event_vocabulary():
    t = pd.DataFrame({
        "pub_no": ["A", "B", "C"],
        "legal_events": [["授权", "专利权质押合同登记的生效", "专利权质押合同登记的注销"],
                         ["权利转移", "许可", "诉讼", "无效宣告请求审查决定：维持专利权有效"],
                         ["授权", "部分无效", "专利申请权、专利权的转移"]],
    })
    v = value_indicators(t).set_index("pub_no")
    assert v.loc["A", ["pledges", "transfers"]].tolist() == [1, 0]  # the 注销 entry is not a pledge
    assert v.loc["B", ["transfers", "licences", "litigations", "invalidations_survived"]].tolist() == [1, 1, 1, 1]
    assert v.loc["C", ["transfers", "invalidations_survived"]].tolist() == [1, 1]


# --------------------------------------------------------------------------- composite score


def test_value_score_contract(sample):
    s = value_score(sample)
    assert s.index.equals(sample.index) and s["pub_no"].tolist() == sample["pub_no"].tolist()
    assert s["value_score"].between(0, 1).all() and s["value_score"].notna().all()
    assert sum(s.attrs["weights"].values()) == pytest.approx(1.0)
    for comp, col in VALUE_COMPONENTS.items():
        assert col in s.columns and f"s_{comp}" in s.columns
    # 21 documents: every cohort falls back to the whole table
    assert set(s["cohort_level"]) == {"all"}
    assert set(DEFAULT_VALUE_WEIGHTS) == set(VALUE_COMPONENTS)
    assert sum(DEFAULT_VALUE_WEIGHTS.values()) == pytest.approx(1.0)


def test_value_score_by_hand_one_component(sample):
    # only claims: the rank of claims_count among the 21 documents (average rank of ties / 21);
    # CN111500001B and WO2021200001A1 share the maximum 15 → (20 + 21) / 2 / 21
    s = value_score(sample, weights={"claims": 1}).set_index("pub_no")["value_score"]
    assert s["CN111500001B"] == pytest.approx(20.5 / 21)
    # the design (1 claim) is the unique minimum → 1/21
    assert s["CN307500001S"] == pytest.approx(1 / 21)


def test_weights_renormalised_and_checked(sample):
    a = value_score(sample, weights={"citations": 2, "claims": 2})
    b = value_score(sample, weights={"citations": 0.5, "claims": 0.5})
    assert np.allclose(a["value_score"], b["value_score"])
    assert a.attrs["weights"] == {"citations": 0.5, "claims": 0.5}
    with pytest.raises(UnknownNameError, match="beauty"):
        value_score(sample, weights={"beauty": 1})
    with pytest.raises(SchemaError):
        value_score(sample, weights={"claims": -1, "scope": 2})
    with pytest.raises(SchemaError):
        value_score(sample, weights={"claims": 0})
    with pytest.raises(UnknownNameError):
        value_score(sample, method="zscore")


def test_missing_component_renormalised(sample):
    s = value_score(sample.drop(columns=["claims_count"]))
    assert s.attrs["missing_components"] == ["claims"]
    assert sum(s.attrs["weights"].values()) == pytest.approx(1.0)
    assert s["value_score"].between(0, 1).all()


def test_minmax_method(sample):
    s = value_score(sample, method="minmax")
    assert s["value_score"].between(0, 1).all()
    # min-max with one component: claims 15 is the cohort maximum (p99 winsorising on 21
    # values clips at 15 - 0.2*0 = 15) → 1; the minimum 1 → 0
    c = value_score(sample, weights={"claims": 1}, method="minmax").set_index("pub_no")["value_score"]
    assert c["CN307500001S"] == 0.0 and c["CN111500001B"] == 1.0


def test_input_not_mutated(sample):
    before = sample.copy(deep=True)
    value_score(sample)
    core_patents(sample, by="patent_type")
    high_value_flags(sample, CUT, sei_ipc=["C30B"])
    forward_citations(sample, exclude_self=True)
    pd.testing.assert_frame_equal(sample, before)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000),
       w=st.lists(st.floats(0.01, 5), min_size=len(VALUE_COMPONENTS), max_size=len(VALUE_COMPONENTS)))
def test_property_scores_bounded_and_permutation_invariant(sample, seed, w):
    weights = dict(zip(VALUE_COMPONENTS, w, strict=True))
    s = value_score(sample, weights=weights)
    assert s["value_score"].between(0, 1).all()
    assert sum(s.attrs["weights"].values()) == pytest.approx(1.0)
    shuffled = sample.sample(frac=1, random_state=seed)
    s2 = value_score(shuffled, weights=weights).loc[s.index]
    assert np.allclose(s["value_score"], s2["value_score"], equal_nan=True)
    r1 = s["value_score"].rank()
    r2 = s2["value_score"].rank()
    assert r1.equals(r2)


def test_empty_input(sample):
    e = sample.iloc[:0]
    assert value_score(e).empty and forward_citations(e).empty and core_patents(e).empty
    assert high_value_flags(e, CUT).empty and value_indicators(e).empty


@pytest.mark.parametrize("case", CASES)
def test_value_score_tracks_latent_quality(repo, case):
    df = nt.load_dataset(case)
    truth = pd.read_csv(repo / "datasets" / case / "truth_documents.csv.gz", usecols=["pub_no", "quality"])
    q = df[["pub_no"]].merge(truth, on="pub_no", how="left")["quality"].set_axis(df.index)
    s = value_score(df)
    assert s["value_score"].notna().mean() > 0.99
    rho = s["value_score"].corr(q, method="spearman")
    assert rho >= MIN_SPEARMAN, rho
    # the core-patent list per true segment: its mean latent quality is well above the rest
    seg = pd.read_csv(repo / "datasets" / case / "truth_documents.csv.gz", usecols=["pub_no", "segment"])
    with_seg = df.merge(seg, on="pub_no", how="left")
    core = core_patents(with_seg, by="segment", score=s["value_score"].to_numpy())
    qmap = dict(zip(truth["pub_no"], truth["quality"], strict=True))
    inside = core["pub_no"].map(qmap).mean()
    assert inside > 1.5 * q.mean()


# --------------------------------------------------------------------------- core patents


def test_core_patents_ranked(sample):
    c = core_patents(sample, top=3, quantile=None)
    assert c["rank"].tolist() == [1, 2, 3]
    assert c["score"].is_monotonic_decreasing
    assert c.attrs["unit"] == "documents"
    # evidence columns travel with the list
    assert {"fwd_cits", "jurisdictions", "years_maintained", "s_citations"} <= set(c.columns)
    # the top decile of 21 documents: score ≥ the 0.9 quantile → 3 documents (ties kept)
    d = core_patents(sample)
    thr = value_score(sample)["value_score"].quantile(0.9)
    assert (d["score"] >= thr - 1e-12).all() and len(d) == int((value_score(sample)["value_score"] >= thr).sum())


def test_core_patents_by_group_and_family(sample):
    c = core_patents(sample, by="patent_type", top=2, quantile=None)
    assert c.groupby("patent_type")["rank"].max().to_dict() == {"design": 1, "invention": 2, "utility_model": 2}
    fam = core_patents(sample, top=5, quantile=None, one_per_family=True)
    assert fam["family_id"].is_unique
    # list-valued groups: a co-applied document is in the list of each applicant
    by_app = core_patents(sample, by="applicants_std", top=None, quantile=0.0)
    assert (by_app["pub_no"] == "CN110560001B").sum() == 2


def test_core_patents_with_given_score(sample):
    c = core_patents(sample, score="claims_count", top=1, quantile=None)
    assert c["pub_no"].tolist() == ["CN111500001B"]  # 15 claims, tie with the WO member, pub_no order
    series = pd.Series(np.arange(21.0), index=sample.index)
    assert core_patents(sample, score=series, top=1, quantile=None)["pub_no"].tolist() == ["CN221000001U"]
    with pytest.raises(SchemaError):
        core_patents(sample, score=pd.Series([1.0, 2.0]))
    with pytest.raises(SchemaError):
        core_patents(sample, quantile=1.5)
    with pytest.raises(SchemaError):
        core_patents(sample, by="segment")


# --------------------------------------------------------------------------- CNIPA high-value flags


def test_high_value_flags_by_hand(sample):
    # eligible = domestic CN invention valid at the date: CN104651001B, CN107502001B,
    # CN110560001B, CN111500001B
    h = high_value_flags(sample, as_of="2025-06-30", sei_ipc=["C30B"], pledge={"CN107502001B": 5e6},
                         pledge_min=1e6, awards=["CN110560001B"]).set_index("pub_no")
    assert h.index[h["eligible"]].tolist() == ["CN104651001B", "CN107502001B", "CN110560001B", "CN111500001B"]
    # CN104651001B: C30B29/04 (SEI prefix given) and filed 2015-03-12 → > 10 years at 2025-06-30
    assert bool(h.loc["CN104651001B", "sei"]) and bool(h.loc["CN104651001B", "maintained_10y"])
    assert h.loc["CN104651001B", "reasons"] == "战略性新兴产业；维持超10年"
    assert bool(h.loc["CN107502001B", "pledge_financing"]) and bool(h.loc["CN110560001B", "award"])
    # CN111500001B: its WO family member is not a grant abroad → not high-value
    assert not h.loc["CN111500001B", "high_value"] and not h.loc["CN111500001B", "overseas_family"]
    assert h["high_value"].sum() == 3
    # a pending US member of F0006 is not eligible (not CN, not valid)
    assert not h.loc["US2020300001A1", "eligible"]


def test_high_value_flags_not_assessed(sample):
    h = high_value_flags(sample, as_of=CUT)
    assert h.attrs["not_assessed"] == ["sei", "pledge_financing", "award"]
    assert h["sei"].isna().all() and h["award"].isna().all()
    # at 2024-12-31 CN104651001B is 9.8 years old: nothing known is true
    assert not h["high_value"].any()
    # the 10-year rule: filed 2015-03-12, so 2025-03-12 is exactly 10 years → not "over"
    assert not high_value_flags(sample, "2025-03-12").set_index("pub_no").loc["CN104651001B", "maintained_10y"]
    assert high_value_flags(sample, "2025-03-13").set_index("pub_no").loc["CN104651001B", "maintained_10y"]


def test_high_value_overseas_grant():
    t = pd.DataFrame({
        "pub_no": ["CN1B", "US1B2", "CN2B"], "office": ["CN", "US", "CN"], "family_id": ["F1", "F1", "F2"],
        "patent_type": ["invention"] * 3, "legal_status": ["valid", "valid", "valid"],
        "app_date": pd.to_datetime(["2018-01-01", "2019-01-01", "2018-01-01"]),
        "grant_date": pd.to_datetime(["2020-01-01", "2021-01-01", "2020-01-01"]),
        "province": ["河南省", None, "台湾省"],
    })
    h = high_value_flags(t, "2024-01-01").set_index("pub_no")
    assert h.loc["CN1B", "high_value"] and h.loc["CN1B", "reasons"] == "海外同族授权"
    assert not h.loc["CN2B", "eligible"]  # Taiwan: not domestic in the CNIPA statistic
    assert not h.loc["US1B2", "eligible"]
    with pytest.raises(SchemaError):
        high_value_flags(t.drop(columns=["office"]), "2024-01-01")


# --------------------------------------------------------------------------- chart


def test_plot_core_timeline(sample, tmp_path):
    core = core_patents(sample, by="patent_type", quantile=0.0)
    ax = plot_core_timeline(core, label_top=3, save=tmp_path / "core.png")
    assert (tmp_path / "core.png").stat().st_size > 0
    assert "核心专利" in ax.get_title()
    assert ax.get_xlabel() == "申请年"
    assert len(ax.collections[0].get_offsets()) == len(core)
    assert [t.get_text() for t in ax.get_yticklabels()] != []
    assert len(ax.texts) == 3
    assert sorted(t.get_text() for t in ax.get_yticklabels()) == ["design", "invention", "utility_model"]
    assert missing_glyphs(ax) == []


def test_plot_core_timeline_default_lanes(sample):
    ax = plot_core_timeline(core_patents(sample, quantile=0.5))
    assert ax.get_ylabel() == "申请人"
    with pytest.raises(SchemaError):
        plot_core_timeline(sample)


def test_core_patents_with_segment_long_table(sample):
    # a map_segments-style long table: CN107502001B in two segments, CN104651001B in one
    seg = pd.DataFrame({"pub_no": ["CN107502001B", "CN107502001B", "CN104651001B"],
                        "segment": ["tools", "materials", "materials"]})
    c = core_patents(sample, segments=seg, quantile=None)
    assert c.columns[0] == "segment"
    assert c.groupby("segment")["pub_no"].apply(list).to_dict() == {
        "materials": ["CN107502001B", "CN104651001B"], "tools": ["CN107502001B"]}
    assert c.attrs["dropped"] == {}  # documents without a segment are simply not listed


def test_list_cells_as_text_or_arrays(sample):
    # forgiving: 'A;B' text cells and numpy arrays read like lists
    t = sample.assign(cites=sample["cites"].map(";".join),
                      ipc=sample["ipc"].map(lambda v: np.array(v, dtype=object)))
    a = value_score(t)["value_score"]
    b = value_score(sample)["value_score"]
    assert np.allclose(a, b)


def test_high_value_valid_at_an_earlier_date(sample):
    # CN205398001U is a utility model (never eligible); make a lapsed invention: lapsed
    # 2019-05-20, so valid on 2018-12-31 but not on 2019-12-31
    t = sample.copy()
    t.loc[1, "patent_type"] = "invention"
    early = high_value_flags(t, "2018-12-31").set_index("pub_no")
    late = high_value_flags(t, "2019-12-31").set_index("pub_no")
    assert early.loc["CN205398001U", "eligible"] and not late.loc["CN205398001U", "eligible"]


def test_core_patents_aligns_a_series_by_label(sample):
    s = value_score(sample)["value_score"]
    a = core_patents(sample, score=s.sample(frac=1, random_state=1), top=3, quantile=None)
    b = core_patents(sample, score=s, top=3, quantile=None)
    assert a["pub_no"].tolist() == b["pub_no"].tolist()


def test_value_score_without_citation_columns(sample):
    with pytest.warns(NavtrainWarning, match="cited_by_count"):
        s = value_score(sample.drop(columns=["cites"]))
    assert s.attrs["citations"] == "cited_by_count"
    s = value_score(sample.drop(columns=["cites", "cited_by_count"]))
    assert s.attrs["missing_components"] == ["citations"]
    assert "citations" not in s.attrs["weights"] and sum(s.attrs["weights"].values()) == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 50)), min_size=1, max_size=60))
def test_property_cohort_normalisation(rows):
    cohort = pd.Series([c for c, _ in rows])
    values = pd.Series([float(v) for _, v in rows])
    out = cohort_normalize(values, cohort, min_cohort=1)
    assert out["pct"].between(0, 1, inclusive="right").all()
    # the mean of rel is 1 in every cohort with a positive mean
    rel_mean = out["rel"].groupby(cohort).mean().dropna()
    assert np.allclose(rel_mean, 1.0)
    # average ranks of a cohort of n sum to n(n+1)/2, ties or not → mean pct = (n+1)/(2n)
    n = cohort.map(cohort.value_counts())
    assert np.allclose(out["pct"].groupby(cohort).mean(), ((n + 1) / (2 * n)).groupby(cohort).first())


def test_citing_document_without_date_is_reported():
    t = pd.DataFrame({
        "pub_no": ["A", "B", "C"], "family_id": ["F1", "F2", "F3"],
        "pub_date": pd.to_datetime(["2010-01-01", None, "2011-01-01"]),
        "cites": [[], ["A"], ["A"]],
    })
    with pytest.warns(NavtrainWarning, match="1 citations"):
        f = forward_citations(t, cutoff="2020-01-01")
    assert _by_pub(f, "fwd_cits")["A"] == 1 and f.attrs["dropped"] == {"citing document without pub_date": 1}
    assert np.isnan(_by_pub(f, "fwd_cits")["B"])  # no start date → no window


def test_repeated_index_labels(sample):
    t = sample.set_axis([0] * 10 + [1] * 11)
    assert np.allclose(value_score(t)["value_score"], value_score(sample)["value_score"])
    assert core_patents(t, top=3, quantile=None)["pub_no"].tolist() == \
        core_patents(sample, top=3, quantile=None)["pub_no"].tolist()
    h = high_value_flags(t, "2025-06-30", sei_ipc=["C30B"])
    assert h.index.tolist() == t.index.tolist() and h["high_value"].sum() == 1


def test_entropy_weighted_score(sample):
    s = value_score(sample, weights="entropy")
    assert sum(s.attrs["weights"].values()) == pytest.approx(1.0)
    assert s["value_score"].between(0, 1).all()
    with pytest.raises(UnknownNameError):
        value_score(sample, weights="ahp")


def test_plot_core_timeline_empty_list(sample):
    ax = plot_core_timeline(core_patents(sample).iloc[:0])
    assert len(ax.collections[0].get_offsets()) == 0 and ax.get_title()


def test_an_application_with_two_documents_counts_once(sample):
    """Issue 10: the A and B documents of one application are one 件 (the default unit)."""
    both = pd.concat([sample, sample.iloc[[0]].assign(pub_no="CN104651001A", kind="A", cites=[[]])],
                     ignore_index=True)
    apps = forward_citations(both, cutoff=CUT).set_index("pub_no")["fwd_cits"]
    docs = forward_citations(both, unit="documents", cutoff=CUT).set_index("pub_no")["fwd_cits"]
    assert apps["CN104651001A"] == apps["CN104651001B"] == docs["CN104651001B"]  # the application's value
    assert docs["CN104651001A"] == 0  # nobody cites the A document itself
