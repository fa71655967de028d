"""navtrain.citations against the published 17-edge main-path network, hand counts on the
sample, and invariants on random DAGs.

Oracle (``felipefrr/mpa_splc`` test fixture; Hummon & Doreian 1989, Batagelj 2003; docs/methods/citations.md):
edges A→C, C→E, C→H, E→G, G→H, H→K, B→C, B→D, B→J, D→F, D→I, F→H, F→I, I→L, I→M, J→M, M→N;
SPC = [2,2,2,2,2,5,2,5,1,3,2,1,2,2,2,1,3], SPLC = [2,3,3,4,5,12,2,5,1,6,4,3,6,6,6,2,9],
SPNP = [7,12,6,12,10,12,7,12,3,14,8,6,12,6,12,4,9]; sources {A, B}, sinks {K, L, N}, 10
source→sink paths; global SPC main path B–D–F–I–M–N, weight 15 (SPLC: same path, 32); local
forward B–D–F–I then I→L and I→M tie at 2; PageRank on the reversed network: B 0.2164,
D 0.1227, C 0.0976.

Sample (datasets/sample, 21 documents), counted by hand from the ``cites`` column. Short
names: a CN104651001B 2015, b CN205398001U 2016, c CN106187001A 2016, d CN206887001U 2017,
e CN107502001B 2017, f CN110230001A 2019, g CN210100001U 2019, h CN110560001B 2019,
i CN111410001A 2020, j CN213300001U 2020, k WO2021200001A1 2021, l CN111500001B 2020,
m CN113020001A 2021, n CN215600001U 2021, o CN114560001A 2022, p CN217300001U 2022,
q CN115890001A 2022, r CN116500001A 2023, s CN221000001U 2024. Edges (cited → citing): a→c,
b→d, a→e, c→e, a→f, e→f, d→g, b→h, e→h, d→i, i→j, e→k, e→l, f→l, f→m, l→m, g→n, h→o, m→o,
d→p, g→p, l→q, m→r, o→r, j→s = 25 edges from 26 cited numbers (US2020300001A1 cites
US9000001B2, outside the table); 21 nodes (US2020300001A1 and the design CN307500001S are
isolated). Families: F0006 = {f, US2020300001A1}, F0011 = {l, k}: e→k and e→l merge into
F0005→F0011 (2 citations) → 19 nodes, 24 edges.
N⁻ (paths from the sources a, b): a 1, b 1, c 1, d 1, e 2, f 3, g 1, h 3, i 1, j 1, k 2,
l 5, m 8, n 1, o 11, p 2, q 5, r 19, s 1; sinks k, n, p, q, r, s → 2+1+2+5+19+1 = 30 paths.
N⁺ (paths to a sink): sinks 1; o 1, m 2, l 3, j 1, i 1, h 1, g 2, f 5, e 10, d 4, c 10,
b 5, a 25 (a + b = 30 ✓). SPC on a→c→e→f→l→m→o→r: 1·10, 1·10, 2·5, 3·3, 5·2, 8·1, 11·1 =
10, 10, 10, 9, 10, 8, 11, total 68; the shortcuts lose (a→e 10 < 20, e→l 6 < 19, f→m 6 < 19,
m→r 8 < 19), and paths from b weigh at most 4 per edge: the global main path.
"""

from __future__ import annotations

import copy
import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import navtrain as nt
from navtrain.citations import citation_graph, citation_pagerank, main_path, path_weights, plot_main_path
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from tests.helpers import missing_glyphs

ORACLE_EDGES = [tuple(e.split("→")) for e in
                "A→C C→E C→H E→G G→H H→K B→C B→D B→J D→F D→I F→H F→I I→L I→M J→M M→N".split()]
SPC = [2, 2, 2, 2, 2, 5, 2, 5, 1, 3, 2, 1, 2, 2, 2, 1, 3]
SPLC = [2, 3, 3, 4, 5, 12, 2, 5, 1, 6, 4, 3, 6, 6, 6, 2, 9]
SPNP = [7, 12, 6, 12, 10, 12, 7, 12, 3, 14, 8, 6, 12, 6, 12, 4, 9]
SAMPLE_PATH = ["CN104651001B", "CN106187001A", "CN107502001B", "CN110230001A", "CN111500001B", "CN113020001A",
               "CN114560001A", "CN116500001A"]


@pytest.fixture
def oracle() -> nx.DiGraph:
    return nx.DiGraph(ORACLE_EDGES)


def _in_oracle_order(w: pd.DataFrame) -> list:
    by_edge = dict(zip(zip(w["source"], w["target"], strict=True), w["weight"], strict=True))
    return [by_edge[e] for e in ORACLE_EDGES]


def _edges(mp: pd.DataFrame) -> list[tuple]:
    return list(zip(mp["source"], mp["target"], strict=True))


# --------------------------------------------------------------------------- published oracle


@pytest.mark.parametrize(("method", "expected"), [("spc", SPC), ("splc", SPLC), ("spnp", SPNP), ("SPC", SPC)])
def test_oracle_weights(oracle, method, expected):
    w = path_weights(oracle, method)
    assert _in_oracle_order(w) == expected
    assert w["weight"].dtype == "int64" and len(w) == 17
    assert (w["source"].tolist(), w["target"].tolist()) == ([u for u, _ in oracle.edges], [v for _, v in oracle.edges])


def test_oracle_totals_and_normalisation(oracle):
    w = path_weights(oracle, "spc")
    assert (w.attrs["total"], w.attrs["sources"], w.attrs["sinks"]) == (10, 2, 3)
    assert np.allclose(w["norm_weight"], w["weight"] / 10)
    # the 3 edges leaving the sources carry every source→sink path once: A→C 2 + B→C 2 + B→D 5 + B→J 1
    assert w.loc[w["source"].isin(["A", "B"]), "weight"].sum() == 10
    # SPLC total = paths of length ≥ 1 from any node to a sink = Σ over sinks (N⁻_all − 1), with N⁻_all:
    # A 1, B 1, C 3, D 2, J 2, E 4, F 3, G 5, I 6, H 12, K 13, L 7, M 9, N 10 → K 12 + L 6 + N 9 = 27;
    # checked against brute force (every path of length ≥ 1 that ends at K, L or N)
    sinks = ["K", "L", "N"]
    brute = sum(len(list(nx.all_simple_paths(oracle, s, t))) for s in oracle for t in sinks if s != t)
    assert path_weights(oracle, "splc").attrs["total"] == brute == 27
    all_paths = sum(len(list(nx.all_simple_paths(oracle, s, t))) for s in oracle for t in oracle if s != t)
    assert path_weights(oracle, "spnp").attrs["total"] == all_paths


def test_oracle_global_main_path(oracle):
    mp = main_path(oracle)
    assert mp.attrs["path"] == ["B", "D", "F", "I", "M", "N"]
    assert mp.attrs["total_weight"] == 15 and mp["weight"].tolist() == [5, 3, 2, 2, 3]
    splc = main_path(oracle, method="splc")
    assert splc.attrs["path"] == ["B", "D", "F", "I", "M", "N"] and splc.attrs["total_weight"] == 32
    # the same path as networkx's longest path with the weights as edge attributes
    H = oracle.copy()
    nx.set_edge_attributes(H, dict(zip(ORACLE_EDGES, SPC, strict=True)), "spc")
    assert nx.dag_longest_path(H, weight="spc") == mp.attrs["path"]
    assert nx.dag_longest_path_length(H, weight="spc") == 15


def test_oracle_local_forward_branches_at_the_tie(oracle):
    mp = main_path(oracle, kind="local")
    assert _edges(mp) == [("B", "D"), ("D", "F"), ("F", "I"), ("I", "L"), ("I", "M"), ("M", "N")]
    assert mp.attrs["path"] is None  # it branches at I (I→L and I→M both weigh 2)
    first = main_path(oracle, kind="local", ties="first")
    assert first.attrs["path"] == ["B", "D", "F", "I", "L"]


def test_oracle_key_route_and_local_backward(oracle):
    # top SPC edges: B→D and H→K (5 each, tied); B→D extends forward like the local path, back to B
    # (a source); H→K extends backward over C→H / G→H (2 each, tied) to A and B
    kr = main_path(oracle, kind="key_route", routes=1)
    assert set(kr.loc[kr["key_route"], "source"] + kr.loc[kr["key_route"], "target"]) == {"BD", "HK"}
    assert {("B", "D"), ("D", "F"), ("F", "I"), ("I", "M"), ("M", "N"), ("H", "K")} <= set(_edges(kr))
    one = main_path(oracle, kind="key_route", ties="first")
    assert one.attrs["path"] == ["B", "D", "F", "I", "L"] and one["key_route"].sum() == 1
    back = main_path(oracle, kind="local_backward", ties="first")
    assert back.attrs["path"][-2:] == ["H", "K"] and back.attrs["path"][0] in ("A", "B")


def test_oracle_pagerank(oracle):
    pr = citation_pagerank(oracle).set_index("node")
    assert pr["pagerank"].round(4)[["B", "D", "C"]].tolist() == [0.2164, 0.1227, 0.0976]
    assert pr.index[:3].tolist() == ["B", "D", "C"] and pr["rank"].tolist() == list(range(1, 15))
    assert pr["pagerank"].sum() == pytest.approx(1.0)
    assert pr.loc["B", "citations"] == 3  # B→C, B→D, B→J


# --------------------------------------------------------------------------- the sample


def test_sample_graph(sample):
    G = citation_graph(sample)
    assert (G.number_of_nodes(), G.number_of_edges()) == (21, 25)
    assert (G.graph["citations"], G.graph["external_citations"], G.graph["unit"]) == (26, 1, "applications")
    assert G.graph["unit_zh"] == "件" and G.graph["unit_label"] == "申请量（件）"
    D = citation_graph(sample, unit="documents")  # one document per application in the sample: the same graph
    assert sorted(D.edges) == sorted(G.edges) and D.graph["unit_zh"] == "篇"
    assert G.graph["dropped"] == {"citations to documents outside the table": 1}
    assert nx.is_isolate(G, "US2020300001A1") and nx.is_isolate(G, "CN307500001S")
    assert sorted(v for v in G if G.in_degree(v) == 0 and G.out_degree(v)) == ["CN104651001B", "CN205398001U"]
    node = G.nodes["CN110560001B"]
    assert (node["year"], node["applicant"], node["family_id"]) == (2019, "豫东微粉科技有限公司", "F0008")
    assert all(G.nodes[u]["date"] <= G.nodes[v]["date"] for u, v in G.edges)


def test_sample_families(sample):
    F = citation_graph(sample, unit="families")
    assert (F.number_of_nodes(), F.number_of_edges()) == (19, 24)
    assert F["F0005"]["F0011"]["citations"] == 2 and F.graph["merged_citations"] == 1
    assert F.nodes["F0011"]["members"] == ["CN111500001B", "WO2021200001A1"]  # earliest priority first
    assert F.nodes["F0011"]["pub_no"] == "CN111500001B" and F.nodes["F0006"]["year"] == 2019
    assert F.graph["unit_zh"] == "项"


def test_sample_main_path_hand_computed(sample):
    G = citation_graph(sample)
    w = path_weights(G).set_index(["source", "target"])["weight"]
    assert path_weights(G).attrs["total"] == 30
    assert w[("CN104651001B", "CN106187001A")] == 10 and w[("CN104651001B", "CN107502001B")] == 10
    assert w[("CN107502001B", "CN111500001B")] == 6 and w[("CN114560001A", "CN116500001A")] == 11
    mp = main_path(G)
    assert mp.attrs["path"] == SAMPLE_PATH
    assert mp["weight"].tolist() == [10, 10, 10, 9, 10, 8, 11] and mp.attrs["total_weight"] == 68
    assert mp["source_year"].tolist() == [2015, 2016, 2017, 2019, 2020, 2021, 2022]
    assert mp.attrs["nodes"] == SAMPLE_PATH and not mp["key_route"].any()


def test_sample_pagerank_recency(sample):
    G = citation_graph(sample)
    plain = citation_pagerank(G)
    recent = citation_pagerank(G, recency=3)
    assert plain["pagerank"].sum() == pytest.approx(1) and recent["pagerank"].sum() == pytest.approx(1)
    # the 2015 patent leads plain PageRank; a short half-life shifts mass to newer documents
    assert plain["node"].iloc[0] == "CN104651001B"
    p, r = plain.set_index("node")["pagerank"], recent.set_index("node")["pagerank"]
    assert r["CN221000001U"] > p["CN221000001U"] and r["CN104651001B"] < p["CN104651001B"]
    pd.testing.assert_frame_equal(recent, citation_pagerank(G, recency=3))  # deterministic
    assert citation_pagerank(G, recency=3, as_of="2030-12-31")["pagerank"].sum() == pytest.approx(1)


def test_inputs_not_mutated(sample):
    before = sample.copy(deep=True)
    G = citation_graph(sample)
    pd.testing.assert_frame_equal(sample, before)
    g_before = copy.deepcopy(G)
    path_weights(G, "splc")
    main_path(G, kind="key_route", routes=2)
    citation_pagerank(G, recency=5)
    plot_main_path(G, main_path(G))
    assert nx.utils.graphs_equal(G, g_before)
    assert G.graph == g_before.graph


# --------------------------------------------------------------------------- bad input, cycles, empty


def _table(rows: list[tuple]) -> pd.DataFrame:
    """(pub_no, family_id, app_date, cites) rows."""
    return pd.DataFrame({"pub_no": [r[0] for r in rows], "family_id": [r[1] for r in rows],
                         "app_date": pd.to_datetime([r[2] for r in rows]), "cites": [r[3] for r in rows]})


def test_backward_citation_is_dropped_with_warning():
    # X (2012) cites Y (2015) — a newer document: a data error; Y cites X as well → a 2-cycle
    df = _table([("X", "F1", "2012-01-01", ["Y"]), ("Y", "F2", "2015-01-01", ["X"])])
    with pytest.warns(NavtrainWarning, match="1 citation edges backward in time"):
        G = citation_graph(df)
    assert list(G.edges) == [("X", "Y")] and G.graph["backward_edges"] == [("Y", "X")]
    assert G.graph["is_dag"] and G.graph["dropped"] == {"edges backward in time": 1}


def test_same_day_cycle_dropped_by_order_and_condense():
    # P, Q, R filed the same day cite each other in a ring: P→Q→R→P (cited → citing) —
    # no time order; the rule keeps the edges that follow (date, id): P→Q, Q→R; drops R→P
    df = _table([("P", "F1", "2020-01-01", ["R"]), ("Q", "F2", "2020-01-01", ["P"]),
                 ("R", "F3", "2020-01-01", ["Q"]), ("S", "F4", "2021-01-01", ["R"])])
    with pytest.warns(NavtrainWarning, match="closing a cycle"):
        G = citation_graph(df)
    assert sorted(G.edges) == [("P", "Q"), ("Q", "R"), ("R", "S")] and G.graph["cycle_edges"] == [("R", "P")]
    C = citation_graph(df, cycles="condense")
    assert sorted(C.edges) == [("P", "S")] and C.graph["condensed"] == {"P": ["P", "Q", "R"]}
    assert C.nodes["P"]["condensed_members"] == ["P", "Q", "R"] and "Q" not in C
    K = citation_graph(df, cycles="keep")
    assert not K.graph["is_dag"] and K.number_of_edges() == 4
    with pytest.raises(SchemaError, match="cycle"):
        path_weights(K)
    with pytest.raises(SchemaError, match="acyclic"):
        main_path(K)


def test_family_level_cycle_and_same_family_citation():
    # F1 = {a1 (2010), a2 (2014)}, F2 = {b1 (2012)}: b1 cites a1 (F1→F2), a2 cites b1 (F2→F1: the
    # cited family F2 dates from 2012, after F1's 2010 → backward, dropped), a2 cites a1 (same family)
    df = _table([("a1", "F1", "2010-01-01", []), ("a2", "F1", "2014-01-01", ["b1", "a1"]),
                 ("b1", "F2", "2012-01-01", ["a1"])])
    with pytest.warns(NavtrainWarning):
        F = citation_graph(df, unit="families")
    assert list(F.edges) == [("F1", "F2")] and F.graph["backward_edges"] == [("F2", "F1")]
    assert F.graph["same_family_citations"] == 1 and F.graph["dropped"]["same-family citations"] == 1
    D = citation_graph(df, unit="documents")  # document level: no cycle, all three edges kept
    assert sorted(D.edges) == [("a1", "a2"), ("a1", "b1"), ("b1", "a2")]


def test_empty_citation_lists_give_an_empty_graph(sample):
    df = sample.assign(cites=[[] for _ in range(len(sample))])
    G = citation_graph(df)
    assert (G.number_of_nodes(), G.number_of_edges()) == (21, 0)
    w = path_weights(G)
    assert w.empty and list(w.columns) == ["source", "target", "weight", "norm_weight"]
    mp = main_path(G)
    assert mp.empty and mp.attrs["total_weight"] == 0 and mp.attrs["path"] is None
    assert len(citation_pagerank(G)) == 21
    empty = citation_graph(sample.iloc[:0])
    assert empty.number_of_nodes() == 0 and citation_pagerank(empty).empty
    assert citation_graph(sample.iloc[:0], unit="families").number_of_nodes() == 0
    assert citation_graph(sample.assign(cites=None)).number_of_edges() == 0
    ax = plot_main_path(empty, main_path(empty))
    assert "无引证关系" in [t.get_text() for t in ax.texts]


def test_missing_cites_names_the_import_step(sample):
    with pytest.raises(SchemaError, match=r"'cites' \(引用专利\).*read_patents"):
        citation_graph(sample.drop(columns="cites"))


def test_text_cells_external_nodes_and_chinese_headers():
    df = pd.DataFrame({"公开号": ["A1", "B1"], "申请日": pd.to_datetime(["2010-01-01", "2011-01-01"]),
                       "引用专利": ["", "A1; Z9"]})
    G = citation_graph(df)
    assert list(G.edges) == [("A1", "B1")] and G.graph["external_citations"] == 1
    X = citation_graph(df, include_external=True)
    assert sorted(X.edges) == [("A1", "B1"), ("Z9", "B1")]
    assert X.nodes["Z9"]["external"] is True and X.nodes["Z9"]["year"] is None and not X.nodes["A1"]["external"]
    assert main_path(X).attrs["total_weight"] == 2  # two one-edge paths of weight 1: both kept (tie)


def test_missing_and_duplicated_numbers_warn():
    df = _table([("A", "F1", "2010-01-01", []), (None, "F2", "2011-01-01", ["A"]),
                 ("A", "F3", "2012-01-01", ["A"])])
    with pytest.warns(NavtrainWarning) as rec:
        G = citation_graph(df)
    assert len(rec) == 2 and G.number_of_nodes() == 1
    assert G.graph["dropped"] == {"no publication number": 1, "duplicated publication number": 1}


def test_unknown_options(oracle, sample):
    with pytest.raises(UnknownNameError, match="unit"):
        citation_graph(sample, unit="applicants")
    with pytest.raises(UnknownNameError, match="cycle rule"):
        citation_graph(sample, cycles="ignore")
    with pytest.raises(UnknownNameError, match="path weight"):
        path_weights(oracle, "hits")
    with pytest.raises(UnknownNameError, match="kind"):
        main_path(oracle, kind="longest")
    with pytest.raises(UnknownNameError, match="ties"):
        main_path(oracle, ties="random")
    with pytest.raises(SchemaError, match="key_route"):
        main_path(oracle, routes=3)
    with pytest.raises(SchemaError, match="routes"):
        main_path(oracle, kind="key_route", routes=0)
    with pytest.raises(SchemaError, match="DiGraph"):
        path_weights(nx.Graph(ORACLE_EDGES))
    with pytest.raises(SchemaError, match="alpha"):
        citation_pagerank(oracle, alpha=1.5)
    with pytest.raises(SchemaError, match="half-life"):
        citation_pagerank(oracle, recency=0)
    with pytest.raises(SchemaError, match="years"):
        citation_pagerank(oracle, recency=5)  # no node has a year
    assert main_path(oracle, kind="全局").attrs["kind"] == "global"
    assert main_path(oracle, kind="key-route", routes=2).attrs["kind"] == "key_route"


def test_exact_counts_beyond_int64():
    # 70 diamonds in a row: 2^70 source→sink paths, more than int64 holds; each diamond edge
    # lies on half of them
    edges = []
    for k in range(70):
        a, b, c, d = f"n{k}", f"u{k}", f"v{k}", f"n{k + 1}"
        edges += [(a, b), (a, c), (b, d), (c, d)]
    w = path_weights(nx.DiGraph(edges))
    assert w.attrs["total"] == 2**70 and w["weight"].dtype == object
    assert set(w["weight"]) == {2**69} and np.allclose(w["norm_weight"], 0.5)
    mp = main_path(nx.DiGraph(edges), ties="first")
    assert len(mp) == 140 and mp.attrs["total_weight"] == 140 * 2**69


# --------------------------------------------------------------------------- random DAGs


@st.composite
def dags(draw, max_nodes: int = 8) -> nx.DiGraph:
    n = draw(st.integers(2, max_nodes))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=len(pairs), unique=True))
    perm = draw(st.permutations(range(n)))  # node labels not in topological order
    G = nx.DiGraph()
    G.add_nodes_from(perm)
    G.add_edges_from((perm[i], perm[j]) for i, j in chosen)
    return G


def _source_sink_paths(G: nx.DiGraph) -> list[list]:
    sources = [v for v in G if G.in_degree(v) == 0 and G.out_degree(v)]
    sinks = [v for v in G if G.out_degree(v) == 0 and G.in_degree(v)]
    return [p for s in sources for t in sinks for p in nx.all_simple_paths(G, s, t)]


@settings(max_examples=80, deadline=None)
@given(G=dags(), cut=st.integers(0, 10))
def test_spc_over_any_cut_counts_every_path(G, cut):
    paths = _source_sink_paths(G)
    w = path_weights(G)
    assert w.attrs["total"] == len(paths)
    order = list(nx.topological_sort(G))
    head = set(order[: 1 + cut % len(order)])  # closed under ancestors: every path crosses once
    crossing = w[w["source"].isin(head) & ~w["target"].isin(head)]
    assert crossing["weight"].sum() == sum(1 for p in paths if p[0] in head and p[-1] not in head)
    on_edge = {e: 0 for e in G.edges}
    for p in paths:
        for e in itertools.pairwise(p):
            on_edge[e] += 1
    assert dict(zip(zip(w["source"], w["target"], strict=True), w["weight"], strict=True)) == on_edge


@settings(max_examples=80, deadline=None)
@given(G=dags(), method=st.sampled_from(["spc", "splc", "spnp"]))
def test_weights_positive_and_normalised(G, method):
    w = path_weights(G, method)
    assert (w["weight"] > 0).all() and len(w) == G.number_of_edges()
    assert ((w["norm_weight"] > 0) & (w["norm_weight"] <= 1)).all()


@settings(max_examples=80, deadline=None)
@given(G=dags(), method=st.sampled_from(["spc", "splc", "spnp"]),
       kind=st.sampled_from(["global", "local", "local_backward", "key_route"]),
       ties=st.sampled_from(["keep", "first"]), routes=st.integers(1, 3))
def test_every_main_path_runs_from_a_source_to_a_sink(G, method, kind, ties, routes):
    before = copy.deepcopy(G)
    mp = main_path(G, method=method, kind=kind, ties=ties, routes=routes if kind == "key_route" else 1)
    assert nx.utils.graphs_equal(G, before)
    H = nx.DiGraph(_edges(mp))
    assert H.number_of_edges() > 0 and all(G.has_edge(*e) for e in H.edges)
    for v in H:
        if H.in_degree(v) == 0:
            assert G.in_degree(v) == 0, f"{kind} starts at {v}, not a source"
        if H.out_degree(v) == 0:
            assert G.out_degree(v) == 0, f"{kind} ends at {v}, not a sink"
    assert mp.attrs["total_weight"] == mp["weight"].sum()
    if ties == "first" and kind in ("global", "local", "local_backward"):
        assert mp.attrs["path"] is not None and len(mp.attrs["path"]) == len(mp) + 1


@settings(max_examples=60, deadline=None)
@given(G=dags(), method=st.sampled_from(["spc", "splc"]))
def test_global_main_path_is_the_heaviest_path(G, method):
    w = path_weights(G, method)
    weight = dict(zip(zip(w["source"], w["target"], strict=True), w["weight"], strict=True))
    best = max(sum(weight[e] for e in itertools.pairwise(p)) for p in _source_sink_paths(G))
    mp = main_path(G, method=method, ties="first")
    assert mp.attrs["total_weight"] == best
    for p in _source_sink_paths(nx.DiGraph(_edges(main_path(G, method=method)))):  # every tied path is optimal
        assert sum(weight[e] for e in itertools.pairwise(p)) == best


# --------------------------------------------------------------------------- synthetic case


@pytest.fixture(scope="module")
def superhard() -> pd.DataFrame:
    return nt.load_dataset("superhard")


def test_superhard_main_path_runs_forward_in_time(superhard):
    G = citation_graph(superhard)
    assert G.graph["is_dag"] and G.number_of_edges() > 10_000
    years = pd.Series(dict(G.nodes(data="year")))
    for kind in ("global", "key_route"):
        mp = main_path(G, kind=kind, routes=1 if kind == "global" else 3)
        assert (mp["source_year"] <= mp["target_year"]).all()
        assert all(G.nodes[u]["date"] <= G.nodes[v]["date"] for u, v in _edges(mp))
        first = mp["source_year"].min()
        last = mp["target_year"].max()
        assert first <= years.min() + 3 and last >= years.max() - 3, (first, last)


def test_superhard_family_level_is_acyclic_after_the_time_rule(superhard):
    with pytest.warns(NavtrainWarning, match="backward in time"):
        F = citation_graph(superhard, unit="families")
    assert F.graph["is_dag"] and len(F.graph["backward_edges"]) > 0
    mp = main_path(F)
    assert (mp["source_year"] <= mp["target_year"]).all()


# --------------------------------------------------------------------------- chart


def test_plot_main_path_axes(sample, tmp_path):
    G = citation_graph(sample)
    mp = main_path(G)
    out = tmp_path / "mp.png"
    ax = plot_main_path(G, mp, save=out)
    assert ax.get_title() == "引证网络主路径（SPC，全局主路径）" and ax.get_xlabel() == "申请年"
    labels = [t.get_text() for t in ax.texts if t.get_text() in G]
    assert sorted(labels) == sorted(SAMPLE_PATH)
    arrows = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]
    assert len(arrows) == len(mp) == 7
    # main nodes at x = year + fraction of the year, left to right
    main_xy = ax.collections[-1].get_offsets()
    assert (np.diff(np.asarray(main_xy)[:, 0]) > 0).all() and 2015 <= main_xy[0, 0] < 2016
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["主路径", "其他引证关系"]
    assert out.stat().st_size > 0 and not missing_glyphs(ax)


def test_plot_main_path_options(sample):
    F = citation_graph(sample, unit="families")
    mp = main_path(F, kind="local")
    ax = plot_main_path(F, mp, label="applicant", context="none", title="主路径")
    assert ax.get_title() == "主路径" and ax.get_xlabel() == "最早优先权年"
    assert "中原晶钻科技有限公司" in [t.get_text() for t in ax.texts]
    assert not any(c.get_label() == "其他引证关系" for c in ax.collections)
    ax2 = plot_main_path(F, mp.attrs["nodes"][:2], context="all")
    assert len([t for t in ax2.texts if getattr(t, "arrow_patch", None) is not None]) == 1
    with pytest.raises(SchemaError, match="not in the graph"):
        plot_main_path(F, ["F0001", "F0019"])
    with pytest.raises(UnknownNameError):
        plot_main_path(F, mp, context="some")


def test_plot_without_dates_uses_citation_generations(oracle):
    ax = plot_main_path(oracle, main_path(oracle), context="all")
    assert ax.get_xlabel() == "引证层级（无日期）"
    xs = dict(zip([t.get_text() for t in ax.texts if t.get_text() in oracle],
                  [t.xy[0] for t in ax.texts if t.get_text() in oracle], strict=True))
    assert xs == {"B": 0.0, "D": 1.0, "F": 2.0, "I": 3.0, "M": 4.0, "N": 5.0}


@pytest.mark.parametrize("kind", ["global", "key_route", "local", "local_backward"])
def test_results_do_not_depend_on_insertion_order(oracle, kind):
    shuffled = nx.DiGraph()
    shuffled.add_edges_from(reversed(ORACLE_EDGES))
    for ties in ("keep", "first"):
        a, b = main_path(oracle, kind=kind, ties=ties), main_path(shuffled, kind=kind, ties=ties)
        pd.testing.assert_frame_equal(a, b)
        assert a.attrs == b.attrs


def test_application_nodes_merge_the_documents_of_one_application(sample):
    """Issue 10: unit='applications' (the default) makes the A and B documents of one application one node."""
    extra = sample.iloc[[0]].assign(pub_no="CN104651001A", kind="A", cites=[[]])
    both = pd.concat([sample, extra], ignore_index=True)
    G = citation_graph(both)
    D = citation_graph(both, unit="documents")
    assert (G.number_of_nodes(), D.number_of_nodes()) == (21, 22)
    node = next(v for v in G if "CN104651001A" in (G.nodes[v].get("members") or []))
    assert sorted(G.nodes[node]["members"]) == ["CN104651001A", "CN104651001B"]
