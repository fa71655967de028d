"""navtrain.applicants against values counted by hand from datasets/sample/patents_sample.csv.

Hand count by harmonised applicant (applicants_std), applications (件; one document per application
in the sample, so also documents 篇):
- 中原晶钻科技有限公司: 6 — CN104651001B (2015, invention, granted, valid, family 1, cited 12),
  CN110230001A (2019, pending, family 2, cited 7), US2020300001A1 (filed 2020, its US family
  member, pending, family 2, cited 3), CN113020001A (2021, pending, 1, cited 1),
  CN114560001A (2022, pending, co-applied with 中岳理工大学, cited 2), CN116500001A (2023,
  pending, cited 0). All inventions; decided = 1 (the granted one), granted = 1 → grant rate
  1.0; valid 1/6; mean family size 8/6; mean citations 25/6. Cut-off 2024-12-31 with the
  18-month lag: 2023-2024 incomplete, window 2018-2022 → 4 filings (2019, 2020, 2021, 2022)
  of the 5 filed up to 2022 → recent share 0.8. First applicant on all 6 → enterprise.
- 中岳理工大学: 3 — CN106187001A (2016, lapsed without grant), CN110560001B (2019, granted,
  valid, 2nd applicant), CN114560001A (2022, pending, 2nd applicant). Decided 2, granted 1 →
  0.5; valid 1/3; cited (0 + 5 + 2)/3; recent 2/3; first applicant only on CN106187001A →
  university.
- 郑州华砺磨具有限公司: 3 (CN111410001A as 郑州华砺磨具股份有限公司 in the raw applicants,
  harmonised): 1 invention, refused (lapsed, no grant) → grant rate 0.0, not NaN.
- 嵩岳金刚石工具有限公司: 2 utility models → no invention → grant rate NaN.
Ranks: 6 | 3 3 3 | 2 2 2 | 1 1 → 1, 2, 2, 2, 5, 5, 5, 8, 8.
Co-applicant edges: 豫东微粉—中岳理工大学 (CN110560001B), 中原晶钻—中岳理工大学 (CN114560001A).
Applicant types (first applicant of each document): enterprise 15, university 1, institute 4,
individual 1.
"""

from __future__ import annotations

import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navtrain.applicants import (
    applicant_matrix,
    applicant_ranking,
    applicant_type_mix,
    collaboration_network,
    network_metrics,
    plot_applicants_over_time,
    plot_flow_matrix,
    plot_network,
    plot_portfolio_bubble,
    plot_top_applicants,
)
from navtrain.concentration import flow_matrix
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from tests.helpers import missing_glyphs

CUT = "2024-12-31"
JZ, ZY, HL = "中原晶钻科技有限公司", "中岳理工大学", "郑州华砺磨具有限公司"
SY, YD = "嵩岳金刚石工具有限公司", "豫东微粉科技有限公司"


@pytest.fixture
def ranking(sample) -> pd.DataFrame:
    return applicant_ranking(sample, top=None, cutoff=CUT).set_index("applicant")


# --------------------------------------------------------------------------- ranking


def test_ranking_profile_of_the_leader(ranking):
    r = ranking.loc[JZ]
    assert (r["rank"], r["count"], r["inventions"], r["decided"], r["granted"]) == (1, 6, 6, 1, 1)
    assert r["share"] == pytest.approx(6 / 21)
    assert r["invention_share"] == 1.0 and r["grant_rate"] == 1.0
    assert r["valid_share"] == pytest.approx(1 / 6)
    assert r["mean_family_size"] == pytest.approx(8 / 6)
    assert r["mean_cited_by"] == pytest.approx(25 / 6)
    assert r["recent_share"] == pytest.approx(0.8)
    assert (r["first_year"], r["last_year"], r["applicant_type"]) == (2015, 2023, "enterprise")


def test_ranking_university_co_applicant(ranking):
    r = ranking.loc[ZY]
    assert (r["count"], r["decided"], r["granted"]) == (3, 2, 1)
    assert r["grant_rate"] == 0.5
    assert r["valid_share"] == pytest.approx(1 / 3)
    assert r["mean_cited_by"] == pytest.approx(7 / 3)
    assert r["recent_share"] == pytest.approx(2 / 3)
    assert r["applicant_type"] == "university"


def test_grant_rate_zero_and_undefined(ranking):
    assert ranking.loc[HL, "grant_rate"] == 0.0 and ranking.loc[HL, "invention_share"] == pytest.approx(1 / 3)
    assert np.isnan(ranking.loc[SY, "grant_rate"]) and ranking.loc[SY, "decided"] == 0


def test_ranks_order_and_attrs(sample):
    r = applicant_ranking(sample, top=None, cutoff=CUT)
    assert r["rank"].tolist() == [1, 2, 2, 2, 5, 5, 5, 8, 8]
    assert r["count"].tolist() == [6, 3, 3, 3, 2, 2, 2, 1, 1]
    assert r["applicant"].iloc[1:4].tolist() == [ZY, "华原超硬材料研究院", HL]  # ties by name
    assert r.attrs["recent_window"] == (2018, 2022) and r.attrs["unit_zh"] == "件"
    assert len(applicant_ranking(sample, top=3)) == 3


def test_ranking_fractional_counts_sum_to_documents(sample):
    r = applicant_ranking(sample, top=None, weight="fractional").set_index("applicant")
    assert r["count"].sum() == pytest.approx(21)
    assert r["share"].sum() == pytest.approx(1.0)
    # 中原晶钻: 5 sole documents + 1/2 of CN114560001A; 中岳: 1 + 1/2 + 1/2
    assert (r.loc[JZ, "count"], r.loc[ZY, "count"], r.loc[YD, "count"]) == (5.5, 2.0, 1.5)


def test_ranking_families(sample):
    r = applicant_ranking(sample, top=None, unit="families", cutoff=CUT).set_index("applicant")
    # F0006 (CN + US) counts once, in 2019: 5 families; window 2018-2022 holds 2019, 2021, 2022 of 4
    assert r.loc[JZ, "count"] == 5 and r.loc[JZ, "share"] == pytest.approx(5 / 19)
    assert r.loc[JZ, "recent_share"] == pytest.approx(0.75)
    assert r.attrs["documents"] == 19


def test_ranking_raw_names_keep_the_variant_apart(sample):
    r = applicant_ranking(sample, top=None, col="applicants").set_index("applicant")
    assert r.loc["郑州华砺磨具有限公司", "count"] == 2 and r.loc["郑州华砺磨具股份有限公司", "count"] == 1
    assert r.loc[JZ, "count"] == 5  # the US member is written in English


def test_ranking_cutoff_moves_the_window(sample):
    r = applicant_ranking(sample, cutoff="2025-06-30")
    assert r.attrs["recent_window"] == (2019, 2023)
    # default cut-off = latest date in the table (navtrain.basis.default_cutoff) 2024-07-30
    # → 2022 complete (2022-12-31 + 18 m ≤ cut-off)
    assert applicant_ranking(sample).attrs["recent_window"] == (2018, 2022)


def test_ranking_missing_profile_columns_warn(sample):
    with pytest.warns(NavtrainWarning, match="cited_by_count"):
        r = applicant_ranking(sample.drop(columns=["cited_by_count"]))
    assert r["mean_cited_by"].isna().all() and r.attrs["not_computed"] == ["cited_by_count"]


def test_ranking_documents_without_applicants_are_dropped(sample):
    df = sample.copy()
    df.at[0, "applicants_std"] = []
    with pytest.warns(NavtrainWarning, match="1 of 21"):
        r = applicant_ranking(df, top=None).set_index("applicant")
    assert r.loc[JZ, "count"] == 5 and r.attrs["dropped"] == {"no applicants_std": 1}


def test_ranking_errors_and_empty(sample):
    with pytest.raises(SchemaError):
        applicant_ranking(sample.drop(columns=["applicants_std"]))
    with pytest.raises(UnknownNameError):
        applicant_ranking(sample, unit="件数")
    with pytest.raises(SchemaError):
        applicant_ranking(sample, recent=0)
    assert applicant_ranking(sample.iloc[:0]).empty


def test_ranking_does_not_mutate(sample):
    before = sample.copy()
    applicant_ranking(sample, weight="fractional", unit="families")
    applicant_matrix(sample, by="app_year")
    applicant_type_mix(sample)
    collaboration_network(sample)
    pd.testing.assert_frame_equal(sample, before)


NAMES = st.sampled_from(["甲公司", "乙大学", "丙研究院", "丁个人", "戊公司"])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(NAMES, min_size=1, max_size=4), min_size=1, max_size=30))
def test_property_ranking_counts(lists):
    df = pd.DataFrame({"pub_no": [f"CN{i}A" for i in range(len(lists))], "applicants_std": lists})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NavtrainWarning)  # profile columns absent
        frac = applicant_ranking(df, top=None, weight="fractional")
        whole = applicant_ranking(df, top=None)
    assert frac["count"].sum() == pytest.approx(len(lists))
    assert whole["count"].sum() == sum(len(set(x)) for x in lists)
    assert (whole["rank"].diff().dropna() >= 0).all()


# --------------------------------------------------------------------------- matrices and type mix


def test_applicant_year_matrix(sample):
    m = applicant_matrix(sample, by="app_year", top=3)
    assert m.columns.tolist() == list(range(2015, 2025))
    assert m.loc[JZ].tolist() == [1, 0, 0, 0, 1, 1, 1, 1, 1, 0]
    assert m.loc[ZY].tolist() == [0, 1, 0, 0, 1, 0, 0, 1, 0, 0]


def test_applicant_field_matrix(sample):
    with pytest.warns(NavtrainWarning):  # the design has no IPC
        m = applicant_matrix(sample, by="ipc_main", top=None)
    assert m.loc[JZ, "C23C16/27"] == 2 and m.loc[HL].sum() == 3
    assert m.shape[0] == 9


def test_applicant_type_mix(sample):
    t = applicant_type_mix(sample)
    assert t["applicant_type"].tolist() == ["enterprise", "university", "institute", "individual",
                                             "government_other"]
    assert t["count"].tolist() == [15, 1, 4, 1, 0]
    assert t["share"].sum() == pytest.approx(1.0)
    fam = applicant_type_mix(sample, unit="families")
    assert fam["count"].tolist() == [14, 1, 3, 1, 0]  # F0006 (enterprise) and F0011 (institute) once


def test_applicant_type_mix_missing_values(sample):
    df = sample.assign(applicant_type=[None, *sample["applicant_type"].tolist()[1:]])
    with pytest.warns(NavtrainWarning, match="1 of 21"):
        t = applicant_type_mix(df)
    assert t["count"].sum() == 20 and t.attrs["dropped"] == {"no applicant_type": 1}


# --------------------------------------------------------------------------- network


def test_collaboration_network_on_the_sample(sample):
    G = collaboration_network(sample)
    assert G.number_of_nodes() == 9 and G.number_of_edges() == 2
    assert G[YD][ZY]["weight"] == 1 and G[JZ][ZY]["weight"] == 1
    assert G[JZ][ZY]["distance"] == 1.0
    assert G.nodes[JZ]["documents"] == 6 and G.nodes[ZY]["documents"] == 3
    assert (G.graph["co_applied"], G.graph["documents"]) == (2, 21)
    assert G.graph["co_application_rate"] == pytest.approx(2 / 21)
    assert collaboration_network(sample, min_weight=2).number_of_edges() == 0
    assert collaboration_network(sample, unit="families").nodes[JZ]["documents"] == 5


def test_edge_weight_counts_co_applied_documents():
    df = pd.DataFrame({"pub_no": ["A", "B", "C", "D"],
                       "applicants_std": [["甲", "乙"], ["乙", "甲"], ["甲", "乙", "丙"], ["丙", "丙"]]})
    G = collaboration_network(df)
    assert G["甲"]["乙"]["weight"] == 3 and G["乙"]["丙"]["weight"] == 1
    assert G["甲"]["乙"]["distance"] == pytest.approx(1 / 3)
    assert not G.has_edge("丙", "丙")  # a name repeated in one cell is one applicant
    assert G.nodes["丙"]["documents"] == 2


def test_network_metrics_on_the_sample(sample):
    m = network_metrics(collaboration_network(sample)).set_index("applicant")
    assert m.loc[ZY, ["degree", "weighted_degree"]].tolist() == [2, 2]
    # 中岳理工大学 is on the one shortest path 中原晶钻—豫东微粉: 1 of C(8, 2) = 28 pairs
    assert m.loc[ZY, "betweenness"] == pytest.approx(1 / 28)
    assert m.loc[JZ, "betweenness"] == 0.0
    trio = m.loc[[JZ, ZY, YD], "community"]
    assert trio.nunique() == 1 and m.loc[JZ, "community_size"] == 3
    assert (m.drop(index=[JZ, ZY, YD])["community_size"] == 1).all()
    assert m.index[0] == ZY  # sorted by degree


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=3, max_value=30), st.floats(min_value=0.05, max_value=0.5),
       st.integers(min_value=0, max_value=10_000))
def test_property_betweenness_equals_networkx(n, p, seed):
    # weights 1, 2, 4 → distances 1, 0.5, 0.25 are exact in binary, so networkx's exact
    # float comparison finds the same tied shortest paths
    G = nx.gnp_random_graph(n, p, seed=seed)
    rng = np.random.default_rng(seed)
    for a, b in G.edges:
        G[a][b]["weight"] = int(rng.choice([1, 2, 4]))
    for v in G.nodes:
        G.nodes[v]["documents"] = 1
    ours = network_metrics(G).set_index("applicant")["betweenness"]
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d["distance"] = 1 / d["weight"]
    ref = nx.betweenness_centrality(H, weight="distance")
    for v, value in ref.items():
        assert ours[v] == pytest.approx(value, abs=1e-12)


def test_large_components_are_sampled_with_a_seed():
    G = nx.barabasi_albert_graph(400, 2, seed=3)
    nx.set_edge_attributes(G, 1, "weight")
    exact = network_metrics(G).set_index("applicant")["betweenness"]
    a = network_metrics(G, exact_nodes=50, samples=120, seed=7)
    b = network_metrics(G, exact_nodes=50, samples=120, seed=7)
    assert a.attrs["sampled_components"] == 1
    pd.testing.assert_frame_equal(a, b)  # reproducible
    est = a.set_index("applicant")["betweenness"].reindex(exact.index)
    assert np.corrcoef(est, exact)[0, 1] > 0.95
    full = network_metrics(G, exact_nodes=50, samples=400).set_index("applicant")["betweenness"]
    np.testing.assert_allclose(full.reindex(exact.index), exact, atol=1e-12)  # k = n is exact


def test_network_metrics_rejects_other_objects():
    with pytest.raises(SchemaError):
        network_metrics(nx.DiGraph())
    assert network_metrics(nx.Graph()).empty


# --------------------------------------------------------------------------- charts


def test_plot_top_applicants(sample):
    r = applicant_ranking(sample, top=5)
    ax = plot_top_applicants(r)
    assert len(ax.patches) == 5 and ax.get_title() == "主要申请人排名"
    assert [t.get_text() for t in ax.get_yticklabels()] == r["applicant"].tolist()
    assert [p.get_width() for p in ax.patches] == [6, 3, 3, 3, 2]
    assert missing_glyphs(ax) == []
    norm = plot_top_applicants(r, normalize=True, title="相对申请量")
    assert [p.get_width() for p in norm.patches] == pytest.approx([100, 50, 50, 50, 100 / 3])
    assert norm.get_xlabel() == "相对申请量（领先者 = 100）"


def test_plot_applicants_over_time(sample):
    ax = plot_applicants_over_time(sample, top=5, cutoff=CUT)
    data = ax.collections[0].get_array().reshape(5, 10)
    assert data.sum() == 6 + 3 + 3 + 3 + 2 and ax.get_xlabel() == "申请年"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["数据不完整（2023–2024）"]
    assert missing_glyphs(ax) == []
    line = plot_applicants_over_time(sample, top=3, kind="line", cutoff=CUT)
    assert len(line.get_lines()) >= 3 and line.get_ylabel() == "申请量（件）"
    with pytest.raises(UnknownNameError):
        plot_applicants_over_time(sample, kind="pie")


def test_plot_portfolio_bubble(sample, tmp_path):
    r = applicant_ranking(sample, top=None, cutoff=CUT)
    ax = plot_portfolio_bubble(r, y="invention_share", save=tmp_path / "bubble.png")
    assert (tmp_path / "bubble.png").stat().st_size > 0
    points = np.vstack([c.get_offsets() for c in ax.collections])
    assert len(points) == 9 and len(ax.texts) == 9
    assert ax.get_ylabel() == "发明占比" and ax.get_xlabel() == "申请量（件）"
    assert sorted(map(tuple, points.tolist()))[-1] == (6.0, 1.0)  # the leader: 6 documents, all inventions
    assert missing_glyphs(ax) == []


def test_plot_flow_matrix(sample):
    ax = plot_flow_matrix(flow_matrix(sample))
    assert [t.get_text() for t in ax.texts] == ["19", "1", "1"]
    assert ax.get_xlabel() == "目标市场（受理局）" and ax.get_ylabel() == "技术来源国/地区"
    assert missing_glyphs(ax) == []


def test_plot_network(sample):
    G = collaboration_network(sample)
    ax = plot_network(G, top=1)
    assert len(ax.collections[0].get_offsets()) == 3  # only applicants with partners
    labels = [t.get_text() for t in ax.texts if "：" not in t.get_text()]
    assert labels == [JZ]
    every = plot_network(G, isolates=True, top=20)
    assert len(every.collections[0].get_offsets()) == 9
    assert missing_glyphs(every) == []
    empty = plot_network(nx.Graph())
    assert [t.get_text() for t in empty.texts] == ["无合作关系"]
