"""Citation network analysis (引证网络分析): the citation graph, main path analysis
(主路径分析) with SPC / SPLC / SPNP traversal weights, PageRank with an optional recency
correction, and the main-path chart.

Source: GB/T 39551.5 (R&D activities: choosing a technology route, a roadmap of key patents
on a time axis) and 39551.3 (core-patent lists), paraphrased and cited by part; the
method itself comes from
Hummon & Doreian (1989), *Social Networks* 11:39–63 (main paths, SPLC, SPNP); Batagelj
(2003), "Efficient algorithms for citation network analysis", arXiv cs/0309023 (SPC, the
O(V + E) topological computation); Liu & Lu (2012), *JASIST* 63(3):528–542 (key-route main
paths); Verspagen (2007), *Advances in Complex Systems* 10(1):93–115 (main paths in patent
citation networks); Brin & Page (1998) and Walker et al. (2007), *J. Stat. Mech.* P06010
(PageRank, CiteRank). Test oracle: the 17-edge network of the ``felipefrr/mpa_splc`` test
suite. See ``docs/methods/citations.md``.

Orientation: every graph here points along the knowledge flow, **cited → citing** (older
→ newer). Raw data lists citing → cited (``cites``), so :func:`citation_graph` reverses it;
:func:`citation_pagerank` reverses it back for PageRank.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from scipy.sparse.csgraph import connected_components

from navtrain import basis
from navtrain.clean import explode
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.plots import PALETTE, new_axes, save_chart
from navtrain.schema import BY_NAME, as_lists, standardize_columns

__all__ = ["CYCLE_RULES", "KINDS", "METHODS", "citation_graph", "citation_pagerank", "main_path", "path_weights",
           "plot_main_path"]

#: traversal weights: name → (中文, the formula in words)
METHODS: dict[str, tuple[str, str]] = {
    "spc": ("搜索路径计数", "N⁻(u)·N⁺(v): source→sink paths through the edge"),
    "splc": ("搜索路径连接计数", "N⁻_all(u)·N⁺(v): paths from any node to a sink through the edge"),
    "spnp": ("搜索路径节点对", "N⁻_all(u)·N⁺_all(v): paths between any two nodes through the edge"),
}
#: main-path searches: name → 中文
KINDS: dict[str, str] = {"global": "全局主路径", "key_route": "关键路径主路径", "local": "局部前向主路径",
                         "local_backward": "局部后向主路径"}
_KIND_ALIASES = {"global": "global", "全局": "global", "key_route": "key_route", "keyroute": "key_route",
                 "key-route": "key_route", "key route": "key_route", "关键路径": "key_route", "local": "local",
                 "local_forward": "local", "forward": "local", "局部": "local", "局部前向": "local",
                 "local_backward": "local_backward", "backward": "local_backward", "局部后向": "local_backward"}
#: how citation_graph makes the graph acyclic
CYCLE_RULES: dict[str, str] = {
    "time": "drop edges whose cited node is dated after its citing node; in what is still cyclic, "
            "drop edges against the order (date, id)",
    "condense": "merge every strongly connected component into one node (its earliest member)",
    "keep": "leave cycles in place (path_weights and main_path will refuse the graph)",
}
_UNIT_DATE = {"documents": ("app_date", "申请年"), "applications": ("app_date", "申请年"),
              "families": ("priority_date", "最早优先权年")}
_IMPORT_STEP = ("the import step (navtrain.read_patents / to_patent_table) fills 'cites' from the export's "
                "引用专利 / cited patents field: include that field when exporting, or use navtrain.load_dataset")


# --------------------------------------------------------------------------- helpers


def _unit(unit: str) -> str:
    try:
        return basis.unit_key(unit)
    except UnknownNameError:
        raise UnknownNameError(f"unknown citation graph unit {unit!r}",
                               fix="use 'applications' (件, one node per application), 'families' (项, one per "
                               "family) or 'documents' (篇, one per document)",
                               hint="unit 只能是 applications（件）、families（项）或 documents（篇）") from None


def _method(method: str) -> str:
    key = str(method).strip().lower()
    if key not in METHODS:
        raise UnknownNameError(f"unknown path weight {method!r}", fix="use 'spc', 'splc' or 'spnp'",
                               hint="权重方法只能是 SPC、SPLC 或 SPNP")
    return key


def _kind(kind: str) -> str:
    key = _KIND_ALIASES.get(str(kind).strip().lower().replace("-", "_"))
    if key is None:
        raise UnknownNameError(f"unknown main path kind {kind!r}",
                               fix="use 'global', 'key_route', 'local' (forward) or 'local_backward'",
                               hint="主路径类型只能是 global（全局）、key_route（关键路径）、local（局部）")
    return key


def _ties(ties: str) -> bool:
    key = str(ties).strip().lower()
    if key not in ("keep", "first"):
        raise UnknownNameError(f"unknown ties rule {ties!r}",
                               fix="use 'keep' (follow every tied edge) or 'first' (one path, earliest node first)",
                               hint="ties 只能是 keep（保留并列）或 first（只取一条）")
    return key == "keep"


def _as_lists(cells: pd.Series) -> pd.Series:
    """``cites`` cells as lists: ';'-joined text is split, missing values become empty."""
    return as_lists(cells)


def _first_value(cells: pd.Series) -> pd.Series:
    """First element of list cells (text cells as they are); None when empty or missing."""
    values = cells.map(lambda v: (v[0] if len(v) else None) if isinstance(v, list | tuple | np.ndarray) else v)
    return values.astype(object).where(values.notna(), None)


def _order_key(dates: pd.Series, ids: pd.Series) -> np.ndarray:
    """Rank of every node in the order (date, id), undated last; a total order for tie rules."""
    frame = pd.DataFrame({"d": dates.to_numpy(), "i": ids.astype(str).to_numpy()})
    order = frame.sort_values(["d", "i"], na_position="last", kind="stable").index.to_numpy()
    rank = np.empty(len(frame), dtype=np.int64)
    rank[order] = np.arange(len(frame))
    return rank


def _nodes_table(table: pd.DataFrame, unit: str) -> pd.DataFrame:
    """One row per node (document, application or family): id, pub_no, family_id, date, year,
    applicant, title (and ``members`` for applications and families)."""
    n = len(table)
    def col(name: str) -> pd.Series:
        return table[name] if name in table.columns else pd.Series([None] * n, index=table.index, dtype=object)

    def dates(name: str) -> pd.Series:
        s = col(name)
        return s if pd.api.types.is_datetime64_any_dtype(s) else pd.to_datetime(s, errors="coerce")

    app, prio, pub = dates("app_date"), dates("priority_date"), dates("pub_date")
    appl = col("applicants_std")
    if "applicants_std" not in table.columns or _first_value(appl).isna().all():
        appl = col("applicants")
    fam = col("family_id").astype(object)
    fam = fam.where(fam.notna() & (fam.astype(str).str.strip() != ""), table["pub_no"]).astype(str)
    docs = pd.DataFrame({
        "pub_no": table["pub_no"].astype(str).to_numpy(),
        "family_id": fam.to_numpy(),
        "date": (prio.fillna(app).fillna(pub) if unit == "families" else app.fillna(prio).fillna(pub)).to_numpy(),
        "applicant": _first_value(appl).to_numpy(),
        "title": col("title").astype(object).where(col("title").notna(), None).to_numpy(),
    })
    if unit == "documents":
        docs.insert(0, "node", docs["pub_no"])
    else:  # the node's date is its earliest member's; attributes come from that member
        docs["_group"] = (docs["family_id"].to_numpy() if unit == "families"
                          else basis.application_key(table).astype(str).to_numpy())
        docs = docs.iloc[_order_key(docs["date"], docs["pub_no"]).argsort()]
        members = docs.groupby("_group", sort=False)["pub_no"].agg(list)
        docs = docs.drop_duplicates("_group").copy()
        docs["members"] = members.reindex(docs["_group"]).to_numpy()
        # a family node is named by its family_id; an application node by its earliest document
        docs.insert(0, "node", docs["family_id"] if unit == "families" else docs["pub_no"])
        docs = docs.drop(columns="_group").sort_index()  # in the table order of their earliest member
    docs["year"] = docs["date"].dt.year.astype("Int64")
    return docs.reset_index(drop=True)


def _add_nodes(G: nx.DiGraph, nodes: pd.DataFrame) -> None:
    """Add the nodes of a node table with one attribute per column (missing values → None)."""
    ids = nodes["node"].tolist()
    G.add_nodes_from(ids)
    store = [G.nodes[v] for v in ids]
    for c in nodes.columns:
        if c == "node":
            continue
        values = nodes[c].astype(object)
        for attrs, x in zip(store, values.where(values.notna(), None).tolist(), strict=True):
            attrs[c] = x


def _strong_components(src: np.ndarray, dst: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Strongly connected component label of every node (scipy, C speed) and the size of each."""
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    A = sp.csr_array((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    _, labels = connected_components(A, directed=True, connection="strong")
    return labels, np.bincount(labels)


# --------------------------------------------------------------------------- graph


def citation_graph(df: pd.DataFrame, unit: str = "applications", include_external: bool = False,
                   cycles: str = "time") -> nx.DiGraph:
    """Citation network (引证网络) as a ``networkx.DiGraph`` pointing along the knowledge flow.

    Edge u → v means *v cites u* (cited → citing, older → newer), the orientation of main
    path analysis. Built vectorised from the ``cites`` list column (one row per
    (citing document, cited number) after :func:`navtrain.clean.explode`).

    Parameters
    ----------
    unit : what a node is (:mod:`navtrain.basis`): 'applications' (件, default: one node
        per application number, named by the ``pub_no`` of its earliest document — with one
        document per application, one node per document), 'documents' (篇: one node per
        ``pub_no``) or 'families' (项: one node per ``family_id``; a document without one is
        its own family). Citations between members of one family are removed (counted in
        ``G.graph['same_family_citations']``); several member-to-member citations between
        two families become one edge whose ``citations`` attribute counts them.
    include_external : citations to numbers that are not in the table are dropped and
        counted (``G.graph['external_citations']``) by default; ``True`` keeps them as nodes
        with ``external=True`` and no date.
    cycles : how the graph is made acyclic (a main path needs a DAG); see
        :data:`CYCLE_RULES`. ``'time'`` (default): (1) drop every edge whose cited node is
        dated strictly after its citing node (a data error, or a family whose later member
        cites a newer family); (2) in what is still cyclic (same-day or undated mutual
        citations), drop the edges that run against the order (date, node id).
        ``'condense'``: merge each strongly connected component into its earliest member
        (attribute ``condensed_members``; ``G.graph['condensed']``); backward edges that close
        no cycle stay. ``'keep'``: leave cycles in place (``G.graph['is_dag']`` is False).
        Removed edges are listed in ``G.graph['backward_edges']`` and
        ``G.graph['cycle_edges']`` (with a :class:`NavtrainWarning`).

    Node attributes: ``pub_no`` (the earliest member of an application or family),
    ``family_id``, ``date`` and ``year`` (documents: filing date 申请日; families: earliest
    priority date 最早优先权日 of any member; fallbacks priority → filing → publication
    date), ``applicant`` (first harmonised applicant), ``title``, and ``members`` (the
    documents of an application or family). Edge attribute: ``citations`` (document-level
    citations behind the edge). ``G.graph`` records the unit (``unit``, ``unit_zh``,
    ``unit_label``), the counts of citations used and removed
    (``dropped``), and the rule applied. Documents without a publication number are
    dropped with a warning; of duplicated numbers the first row is kept. A table whose
    citation lists are all empty gives a graph with nodes and no edges.

    >>> from navtrain import load_sample
    >>> G = citation_graph(load_sample())
    >>> G.number_of_nodes(), G.number_of_edges(), G.graph["external_citations"]
    (21, 25, 1)
    >>> G.has_edge("CN104651001B", "CN106187001A")  # CN106187001A cites CN104651001B
    True
    >>> F = citation_graph(load_sample(), unit="项")
    >>> F.number_of_nodes(), F.number_of_edges(), F["F0005"]["F0011"]["citations"]
    (19, 24, 2)
    """
    unit_k = _unit(unit)
    rule = str(cycles).strip().lower()
    if rule not in CYCLE_RULES:
        raise UnknownNameError(f"unknown cycle rule {cycles!r}", fix="use 'time', 'condense' or 'keep'",
                               hint="cycles 只能是 time（按时间删边）、condense（合并强连通分量）或 keep")
    table = standardize_columns(df)
    missing = [c for c in ("pub_no", "cites") if c not in table.columns]
    if missing:
        names = ", ".join(f"'{c}' ({BY_NAME[c].zh})" for c in missing)
        plural = "columns" if len(missing) > 1 else "column"
        raise SchemaError(f"citation_graph needs {plural} {names}, which the table lacks",
                          fix=_IMPORT_STEP if "cites" in missing else "the import step (read_patents) fills pub_no",
                          hint="缺少引用专利列：导出数据时请勾选“引用专利”字段，再用 read_patents 导入")
    dropped: dict[str, int] = {}
    pub = table["pub_no"].astype("string").str.strip()
    no_pub = pub.isna() | (pub == "")
    dup = pub.duplicated() & ~no_pub
    for mask, reason in ((no_pub, "no publication number"), (dup, "duplicated publication number")):
        if mask.any():
            dropped[reason] = int(mask.sum())
            warnings.warn(f"citation_graph: {int(mask.sum())} of {len(table)} rows have a {reason} and were "
                          "left out (公开号缺失或重复的记录未计入)", NavtrainWarning, stacklevel=2)
    table = table.loc[~(no_pub | dup)].assign(pub_no=pub[~(no_pub | dup)].astype(object))
    nodes = _nodes_table(table, unit_k)

    slim = pd.DataFrame({"pub_no": table["pub_no"].to_numpy(), "cites": _as_lists(table["cites"]).to_numpy()})
    long = explode(slim, "cites", value_name="cited")
    n_cit = len(long)
    node_of = pd.Series(nodes["node"].to_numpy(), index=nodes["node"].to_numpy())
    if unit_k != "documents":
        doc_family = pd.Series(nodes["node"].repeat(nodes["members"].map(len)).to_numpy(),
                               index=np.concatenate([np.asarray(m, dtype=object) for m in nodes["members"]])
                               if len(nodes) else pd.Index([], dtype=object))
        node_of = doc_family
    citing = node_of.reindex(long["pub_no"].to_numpy()).to_numpy()
    cited = node_of.reindex(long["cited"].to_numpy()).to_numpy()
    external = pd.isna(cited)
    n_ext = int(external.sum())
    ext_numbers = long["cited"].to_numpy()[external]
    if include_external:
        cited = np.where(external, long["cited"].to_numpy(), cited)
    edges = pd.DataFrame({"source": cited, "target": citing})
    if not include_external:
        edges = edges[~external]
    same = (edges["source"] == edges["target"]).to_numpy()
    n_same = int(same.sum())
    edges = edges[~same]
    edges = edges.groupby(["source", "target"], sort=False).size().rename("citations").reset_index()
    n_merged = int(len(long) - n_ext * (not include_external) - n_same - len(edges))

    ext_nodes = pd.DataFrame(columns=nodes.columns)
    if include_external and n_ext:
        numbers = pd.unique(pd.Series(ext_numbers, dtype=object))
        numbers = numbers[~pd.Series(numbers).isin(nodes["node"]).to_numpy()]
        ext_nodes = pd.DataFrame({"node": numbers, "pub_no": numbers})
    all_nodes = pd.concat([nodes, ext_nodes], ignore_index=True) if len(ext_nodes) else nodes
    all_nodes["external"] = np.r_[np.zeros(len(nodes), bool), np.ones(len(all_nodes) - len(nodes), bool)]
    date_of = pd.Series(all_nodes["date"].to_numpy(), index=all_nodes["node"].to_numpy())
    rank_of = pd.Series(_order_key(all_nodes["date"], all_nodes["node"]), index=all_nodes["node"].to_numpy())

    backward: list[tuple] = []
    cycle_edges: list[tuple] = []
    condensed: dict[Hashable, list] = {}
    if rule == "time" and len(edges):
        d_src = date_of.reindex(edges["source"].to_numpy()).to_numpy()
        d_tgt = date_of.reindex(edges["target"].to_numpy()).to_numpy()
        back = (pd.notna(d_src) & pd.notna(d_tgt)) & (d_src > d_tgt)
        backward = list(zip(edges["source"][back].tolist(), edges["target"][back].tolist(), strict=True))
        edges = edges[~back]
    code_of = pd.Series(np.arange(len(all_nodes)), index=all_nodes["node"].to_numpy())
    if rule in ("time", "condense") and len(edges):
        c_src = code_of.reindex(edges["source"].to_numpy()).to_numpy()
        c_tgt = code_of.reindex(edges["target"].to_numpy()).to_numpy()
        labels, sizes = _strong_components(c_src, c_tgt, len(all_nodes))
        inside = (labels[c_src] == labels[c_tgt]) & (sizes[labels[c_src]] > 1)
        if inside.any() and rule == "time":
            rank = rank_of.to_numpy()
            against = inside & (rank[c_src] > rank[c_tgt])
            cycle_edges = list(zip(edges["source"][against].tolist(), edges["target"][against].tolist(), strict=True))
            edges = edges[~against]
        elif inside.any():
            big = np.flatnonzero(sizes[labels] > 1)  # nodes in a non-trivial component
            members = pd.DataFrame({"node": all_nodes["node"].to_numpy()[big], "comp": labels[big],
                                    "rank": rank_of.to_numpy()[big]}).sort_values(["comp", "rank"])
            groups = members.groupby("comp", sort=False)["node"].agg(list)
            condensed = {g[0]: g for g in groups}
            rep = pd.Series({v: g[0] for g in groups for v in g}, dtype=object)
            src_rep = rep.reindex(edges["source"].to_numpy()).to_numpy()
            tgt_rep = rep.reindex(edges["target"].to_numpy()).to_numpy()
            edges = edges.assign(source=np.where(pd.isna(src_rep), edges["source"].to_numpy(), src_rep),
                                 target=np.where(pd.isna(tgt_rep), edges["target"].to_numpy(), tgt_rep))
            edges = edges[edges["source"] != edges["target"]]
            edges = edges.groupby(["source", "target"], sort=False)["citations"].sum().reset_index()
            gone = {v for g in groups for v in g[1:]}
            all_nodes = all_nodes[~all_nodes["node"].isin(gone)].copy()
            all_nodes["condensed_members"] = all_nodes["node"].map(condensed).astype(object)
            code_of = pd.Series(np.arange(len(all_nodes)), index=all_nodes["node"].to_numpy())
    for removed, what in ((backward, "backward in time"), (cycle_edges, "closing a cycle")):
        if removed:
            dropped[f"edges {what}"] = len(removed)
            warnings.warn(f"citation_graph: removed {len(removed)} citation edges {what} (see "
                          f"G.graph['{'backward_edges' if removed is backward else 'cycle_edges'}']; "
                          "逆时间或成环的引证关系已删除)", NavtrainWarning, stacklevel=2)
    if n_ext and not include_external:
        dropped["citations to documents outside the table"] = n_ext
    if n_same:
        dropped["same-family citations" if unit_k == "families" else "self-citations"] = n_same

    G = nx.DiGraph()
    _add_nodes(G, all_nodes)
    G.add_edges_from(zip(edges["source"].tolist(), edges["target"].tolist(),
                         ({"citations": int(c)} for c in edges["citations"].tolist()), strict=True))
    G.graph.update(
        **basis.unit_attrs(unit_k), orientation="cited → citing (knowledge flow)",
        date_basis=_UNIT_DATE[unit_k][0], year_label=_UNIT_DATE[unit_k][1],
        documents=len(table), citations=n_cit, external_citations=n_ext, include_external=bool(include_external),
        same_family_citations=n_same if unit_k == "families" else 0,
        self_citations=n_same if unit_k != "families" else 0, merged_citations=n_merged,
        cycles=rule, backward_edges=backward, cycle_edges=cycle_edges, condensed=condensed,
        is_dag=_is_dag(code_of, edges), dropped=dropped,
    )
    return G


def _is_dag(code_of: pd.Series, edges: pd.DataFrame) -> bool:
    c_src = code_of.reindex(edges["source"].to_numpy()).to_numpy()
    c_tgt = code_of.reindex(edges["target"].to_numpy()).to_numpy()
    _, sizes = _strong_components(c_src, c_tgt, len(code_of))
    return not bool((sizes > 1).any())


# --------------------------------------------------------------------------- traversal weights


def _generations(src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray:
    """Generation of every node: the length of the longest path reaching it from a source
    (Kahn's algorithm one layer at a time, vectorised); -1 for nodes on or behind a cycle."""
    gen = np.full(n, -1, dtype=np.int64)
    indeg = np.bincount(dst, minlength=n)
    by_src = np.argsort(src, kind="stable")
    targets = dst[by_src]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(src, minlength=n))])
    frontier = np.flatnonzero(indeg == 0)
    level = 0
    while frontier.size:
        gen[frontier] = level
        counts = indptr[frontier + 1] - indptr[frontier]
        total = int(counts.sum())
        if total == 0:
            break
        offsets = np.repeat(indptr[frontier] - np.cumsum(counts) + counts, counts) + np.arange(total)
        hit, times = np.unique(targets[offsets], return_counts=True)
        indeg[hit] -= times
        frontier = hit[indeg[hit] == 0]
        level += 1
    return gen


class _Weights:
    """Topological order, edges and exact (Python int) traversal weights of a DAG.

    Nodes are indexed in a topological order sorted by (generation, date, id), so results do
    not depend on insertion order; isolated nodes are left out (they carry no path).
    """

    def __init__(self, G: nx.DiGraph, method: str, purpose: str) -> None:
        if not isinstance(G, nx.DiGraph):
            raise SchemaError(f"{purpose} needs a directed citation graph (networkx.DiGraph)",
                              fix="build one with navtrain.citation_graph(df)",
                              hint="请先用 citation_graph 生成引证网络")
        self.method = _method(method)
        nodes = list(G)
        idx = {v: i for i, v in enumerate(nodes)}
        m = G.number_of_edges()
        src = np.fromiter((idx[u] for u, _ in G.edges()), dtype=np.int64, count=m)
        dst = np.fromiter((idx[v] for _, v in G.edges()), dtype=np.int64, count=m)
        gen = _generations(src, dst, len(nodes))
        if (gen < 0).any():
            cyc = nx.find_cycle(G)
            raise SchemaError(
                f"{purpose} needs an acyclic citation graph, but it has a cycle: "
                + " → ".join(str(u) for u, _ in cyc) + f" → {cyc[0][0]}",
                fix="build the graph with citation_graph(df, cycles='time') or cycles='condense'",
                hint="引证网络中存在环，请先按时间删边或合并强连通分量")
        active = np.zeros(len(nodes), dtype=bool)
        active[src] = True
        active[dst] = True
        act = np.flatnonzero(active)
        dates = pd.to_datetime(pd.Series([G.nodes[nodes[i]].get("date") for i in act], dtype=object),
                               errors="coerce")
        rank = _order_key(dates, pd.Series([str(nodes[i]) for i in act], dtype=object))
        topo = act[np.lexsort((rank, gen[act]))]
        pos = np.full(len(nodes), -1, dtype=np.int64)
        pos[topo] = np.arange(len(topo))
        n = len(topo)
        self.order = [nodes[i] for i in topo.tolist()]
        ps, pt = pos[src], pos[dst]
        self.edges = list(zip(ps.tolist(), pt.tolist(), strict=True))
        self.preds: list[list[int]] = [[] for _ in range(n)]
        self.succs: list[list[int]] = [[] for _ in range(n)]
        for i, j in sorted(self.edges):
            self.preds[j].append(i)
            self.succs[i].append(j)
        n_minus, n_minus_all = [0] * n, [0] * n
        for i, preds in enumerate(self.preds):
            n_minus[i] = sum(n_minus[j] for j in preds) if preds else 1
            n_minus_all[i] = 1 + sum(n_minus_all[j] for j in preds)
        n_plus, n_plus_all = [0] * n, [0] * n
        for i in range(n - 1, -1, -1):
            succs = self.succs[i]
            n_plus[i] = sum(n_plus[j] for j in succs) if succs else 1
            n_plus_all[i] = 1 + sum(n_plus_all[j] for j in succs)
        sinks = [i for i in range(n) if not self.succs[i]]
        if self.method == "spc":
            head, tail = n_minus, n_plus
            self.total = sum(n_minus[i] for i in sinks)
        elif self.method == "splc":
            head, tail = n_minus_all, n_plus
            self.total = sum(n_minus_all[i] - 1 for i in sinks)
        else:
            head, tail = n_minus_all, n_plus_all
            self.total = sum(x - 1 for x in n_minus_all)
        self.weight = {(i, j): head[i] * tail[j] for i, j in self.edges}
        self.n_sources = sum(1 for p in self.preds if not p)
        self.n_sinks = len(sinks)

    def norm(self, w: int) -> float:
        return w / self.total if self.total else float("nan")

    def frame(self, pairs: list[tuple[int, int]]) -> pd.DataFrame:
        w = [self.weight[e] for e in pairs]
        fits = not w or max(w) < 2**63
        return pd.DataFrame({
            "source": pd.Series([self.order[i] for i, _ in pairs], dtype=object),
            "target": pd.Series([self.order[j] for _, j in pairs], dtype=object),
            "weight": pd.Series(w, dtype="int64" if fits else object),
            "norm_weight": pd.Series([self.norm(x) for x in w], dtype="float64"),
        })


def path_weights(G: nx.DiGraph, method: str = "spc") -> pd.DataFrame:
    """Traversal weights of every edge (遍历权重): SPC, SPLC or SPNP, by one topological pass.

    With N⁻(u) the number of paths from any source (a node that cites nothing in the
    graph) to u, N⁺(v) the number from v to any sink (a node nobody cites), N⁻_all(u) =
    1 + Σ_{w→u} N⁻_all(w) (paths starting at u or any ancestor) and N⁺_all(v) = 1 +
    Σ_{v→w} N⁺_all(w), the weight of edge u → v is

    - ``spc`` (search path count, Batagelj 2003): N⁻(u) · N⁺(v) — the number of
      source→sink paths through the edge;
    - ``splc`` (search path link count, Hummon & Doreian 1989): N⁻_all(u) · N⁺(v);
    - ``spnp`` (search path node pair, Hummon & Doreian 1989): N⁻_all(u) · N⁺_all(v).

    ``norm_weight`` = weight / total, the share of the counted paths that use the edge:
    total = the number of source→sink paths (SPC), of paths from any node to a sink
    (SPLC) or of all paths of length ≥ 1 (SPNP). Computed by dynamic programming over a
    topological order in O(V + E) — no path is enumerated. Path counts grow exponentially
    with depth and overflow int64 on large graphs, so they are exact Python integers:
    ``weight`` is int64 when every value fits, else an object column of Python ints;
    ``norm_weight`` (float64) is the exactly rounded ratio. Rows follow ``G.edges`` order.
    The graph must be acyclic (build it with :func:`citation_graph`). ``attrs``: method,
    total, sources, sinks.

    >>> G = nx.DiGraph()
    >>> G.add_edges_from([("A", "C"), ("B", "C"), ("C", "D"), ("C", "E")])
    >>> list(G.edges)
    [('A', 'C'), ('C', 'D'), ('C', 'E'), ('B', 'C')]
    >>> w = path_weights(G)
    >>> w["weight"].tolist(), w["norm_weight"].tolist(), w.attrs["total"]
    ([2, 2, 2, 2], [0.5, 0.5, 0.5, 0.5], 4)
    >>> path_weights(G, "splc")["weight"].tolist()  # C→D: N⁻_all(C) = 3 (A, B, C), N⁺(D) = 1
    [2, 3, 3, 2]
    """
    W = _Weights(G, method, "path_weights")
    out = W.frame(W.edges)
    out.attrs.update(method=W.method, total=W.total, sources=W.n_sources, sinks=W.n_sinks,
                     unit=G.graph.get("unit"))
    return out


# --------------------------------------------------------------------------- main paths


def _best(cands: Iterable[tuple[int, int]], score: Callable[[tuple[int, int]], object], keep: bool
          ) -> list[tuple[int, int]]:
    """The candidates with the highest score (all tied ones, or the first in order)."""
    cands = list(cands)
    if not cands:
        return []
    top = max(score(c) for c in cands)
    best = [c for c in cands if score(c) == top]
    return best if keep else [min(best)]


def _local(W: _Weights, starts: list[int], forward: bool, keep: bool) -> set[tuple[int, int]]:
    """Follow the largest-weight out-edges (in-edges when backward) from ``starts`` to sinks (sources)."""
    chosen: set[tuple[int, int]] = set()
    frontier, seen = sorted(set(starts)), set(starts)
    while frontier:
        nxt: set[int] = set()
        for i in frontier:
            if forward:
                picks = _best(((i, j) for j in W.succs[i]), W.weight.__getitem__, keep)
                nxt.update(j for _, j in picks)
            else:
                picks = _best(((j, i) for j in W.preds[i]), W.weight.__getitem__, keep)
                nxt.update(j for j, _ in picks)
            chosen.update(picks)
        frontier = sorted(nxt - seen)
        seen |= nxt
    return chosen


def _global(W: _Weights, keep: bool) -> set[tuple[int, int]]:
    """Edges of the maximum-total-weight source→sink path(s), by DP over the topological order."""
    n = len(W.order)
    best: list[int] = [0] * n
    for i in range(n):
        if W.preds[i]:
            best[i] = max(best[j] + W.weight[(j, i)] for j in W.preds[i])
    ends = _best(((i, i) for i in range(n) if not W.succs[i] and W.preds[i]), lambda e: best[e[0]], keep)
    chosen: set[tuple[int, int]] = set()
    frontier, seen = sorted({i for i, _ in ends}), set()
    while frontier:
        nxt: set[int] = set()
        for i in frontier:
            tight = [(j, i) for j in W.preds[i] if best[j] + W.weight[(j, i)] == best[i]]
            picks = tight if keep else tight[:1]
            chosen.update(picks)
            nxt.update(j for j, _ in picks)
        frontier = sorted(nxt - seen)
        seen |= nxt
    return chosen


def main_path(G: nx.DiGraph, method: str = "spc", kind: str = "global", routes: int = 1,
              ties: str = "keep") -> pd.DataFrame:
    """Main path (主路径) of a citation DAG: the backbone of the technology's development.

    Edges are weighted by :func:`path_weights` (``method`` = 'spc', 'splc' or 'spnp'), then

    - ``kind='global'`` (全局): the source→sink path with the largest *total* weight, by
      dynamic programming over the topological order (best(v) = max over u → v of
      best(u) + w(u, v); the same path as ``nx.dag_longest_path`` on a super-source /
      super-sink graph, since every weight is positive);
    - ``kind='key_route'`` (关键路径, Liu & Lu 2012): the ``routes`` largest-weight edges
      (the key routes), each extended backward to a source and forward to a sink by
      repeatedly taking the largest-weight neighbouring edge; the union of those paths;
    - ``kind='local'`` (局部前向): start at the largest-weight edge leaving a source and
      repeatedly take the largest-weight outgoing edge until a sink;
      ``'local_backward'`` mirrors it from the sinks.

    ``ties='keep'`` (default) follows every tied edge, so the main path may branch (as
    Liu & Lu recommend: otherwise the result depends on arbitrary order); ``'first'``
    keeps one path, preferring the earliest node of the topological order (generation, then
    date, then node id), so the result never depends on insertion order.

    Returns a new DataFrame, one row per main-path edge in topological order (earliest
    first): ``source``, ``target``, ``weight``, ``norm_weight``, ``source_year``,
    ``target_year``, ``key_route`` (the edge is one of the key routes). ``attrs``:
    ``total_weight`` (sum of the weights of the edges shown), ``nodes`` (in order),
    ``path`` (the node sequence when the main path does not branch, else None),
    method, kind, routes, ties. ``G.edge_subgraph(zip(mp["source"], mp["target"]))`` gives the
    main path as a subgraph. An empty graph gives an empty table.

    >>> from navtrain import load_sample
    >>> mp = main_path(citation_graph(load_sample()))
    >>> mp.attrs["path"]  # doctest: +NORMALIZE_WHITESPACE
    ['CN104651001B', 'CN106187001A', 'CN107502001B', 'CN110230001A', 'CN111500001B',
     'CN113020001A', 'CN114560001A', 'CN116500001A']
    >>> mp["weight"].tolist(), mp.attrs["total_weight"]
    ([10, 10, 10, 9, 10, 8, 11], 68)
    """
    kind_key = _kind(kind)
    keep = _ties(ties)
    if int(routes) < 1 or int(routes) != routes:
        raise SchemaError(f"routes must be a whole number >= 1, got {routes!r}",
                          fix="pass the number of key routes, e.g. routes=3", hint="关键路径数量需为正整数")
    if kind_key != "key_route" and routes != 1:
        raise SchemaError(f"routes={routes} applies to kind='key_route' only, not {kind_key!r}",
                          fix="use kind='key_route' for several key routes", hint="routes 仅用于关键路径主路径")
    W = _Weights(G, method, "main_path")
    key: set[tuple[int, int]] = set()
    if not W.edges:
        chosen: set[tuple[int, int]] = set()
    elif kind_key == "global":
        chosen = _global(W, keep)
    elif kind_key == "local":
        starts = _best((e for e in W.edges if not W.preds[e[0]]), W.weight.__getitem__, keep)
        chosen = set(starts) | _local(W, [j for _, j in starts], True, keep)
    elif kind_key == "local_backward":
        starts = _best((e for e in W.edges if not W.succs[e[1]]), W.weight.__getitem__, keep)
        chosen = set(starts) | _local(W, [i for i, _ in starts], False, keep)
    else:
        ranked = sorted(W.edges, key=lambda e: (-W.weight[e], e))
        k = min(int(routes), len(ranked))
        threshold = W.weight[ranked[k - 1]]
        key = {e for e in ranked if W.weight[e] >= threshold} if keep else set(ranked[:k])
        chosen = set(key)
        chosen |= _local(W, sorted({i for i, _ in key}), False, keep)
        chosen |= _local(W, sorted({j for _, j in key}), True, keep)
    pairs = sorted(chosen)
    out = W.frame(pairs)
    years = {v: G.nodes[v].get("year") for v in set(out["source"]) | set(out["target"])}
    out["source_year"] = pd.array([years[v] for v in out["source"]], dtype="Int64")
    out["target_year"] = pd.array([years[v] for v in out["target"]], dtype="Int64")
    out["key_route"] = [e in key for e in pairs]
    nodes_idx = sorted({i for e in pairs for i in e})
    branching = any(len([e for e in pairs if e[0] == i]) > 1 or len([e for e in pairs if e[1] == i]) > 1
                    for i in nodes_idx) or len(nodes_idx) != len(pairs) + 1
    total = sum(W.weight[e] for e in pairs)
    out.attrs.update(method=W.method, kind=kind_key, kind_zh=KINDS[kind_key], routes=int(routes),
                     ties="keep" if keep else "first", total_weight=total,
                     nodes=[W.order[i] for i in nodes_idx],
                     path=None if branching or not pairs else [W.order[i] for i in nodes_idx],
                     unit=G.graph.get("unit"), year_label=G.graph.get("year_label", "年份"))
    return out


# --------------------------------------------------------------------------- PageRank


def citation_pagerank(G: nx.DiGraph, alpha: float = 0.85, recency: float | None = None,
                      as_of: object = None) -> pd.DataFrame:
    """PageRank (and CiteRank-style recency-corrected PageRank) of a citation graph.

    PageRank runs on citing → cited edges (``G`` reversed), so a node's score is fed by
    the patents that cite it, and by what cites those: PR(i) = (1 − α) p_i + α Σ_{j cites i}
    PR(j) / out(j), with dangling nodes (citing nothing in the graph) spreading their
    score like the teleport vector p (networkx ``pagerank``, tol 1e-10; Brin & Page 1998).

    ``recency=None``: p is uniform, and old patents are favoured (they have had time to
    be cited). ``recency=h`` (a half-life in years): p_i ∝ 2^(−age_i / h), age = the year
    of the evaluation date ``as_of`` (a date, never a bare year; default: the end of the
    latest year in the graph; recorded in ``attrs['as_of']``) minus the node's year, clipped at
    0 — the random reader starts at recent patents, as in CiteRank (Walker et al. 2007).
    A node without a year gets the weight of the oldest one.

    Returns a new DataFrame sorted by score: ``node``, ``pub_no``, ``year``,
    ``citations`` (forward citations inside the graph), ``pagerank`` (sums to 1),
    ``rank`` (1 = highest). Deterministic. An empty graph gives an empty table.

    >>> from navtrain import load_sample
    >>> pr = citation_pagerank(citation_graph(load_sample()))
    >>> pr[["node", "citations"]].head(3).values.tolist()
    [['CN104651001B', 3], ['CN205398001U', 2], ['CN206887001U', 3]]
    >>> citation_pagerank(citation_graph(load_sample()), recency=3)["node"].head(2).tolist()
    ['CN205398001U', 'CN104651001B']
    """
    if not isinstance(G, nx.DiGraph):
        raise SchemaError("citation_pagerank needs a directed citation graph (networkx.DiGraph)",
                          fix="build one with navtrain.citation_graph(df)", hint="请先用 citation_graph 生成引证网络")
    if not 0 < float(alpha) < 1:
        raise SchemaError(f"alpha must lie strictly between 0 and 1, got {alpha}", fix="use e.g. alpha=0.85",
                          hint="阻尼系数应在 0 与 1 之间")
    when = None if as_of is None else basis.as_date(as_of, "as_of")
    columns = ["node", "pub_no", "year", "citations", "pagerank", "rank"]
    if G.number_of_nodes() == 0:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("node", "pub_no") else "float64") for c in columns})
    nodes = list(G.nodes)
    years = pd.Series([G.nodes[v].get("year") for v in nodes], dtype="Float64")
    personalization = None
    if recency is not None:
        if not float(recency) > 0:
            raise SchemaError(f"recency must be a half-life in years > 0, got {recency}",
                              fix="use e.g. recency=5 (a citation's weight halves every 5 years)",
                              hint="时效半衰期须为正数（年）")
        if years.isna().all():
            raise SchemaError("citation_pagerank(recency=...) needs node years, and no node has one",
                              fix="build the graph with citation_graph from a table with app_date",
                              hint="缺少年份，无法做时效修正")
        ref = float(years.max()) if when is None else float(when.year)
        age = (ref - years.fillna(years.min())).clip(lower=0).astype("float64").to_numpy()
        weights = np.power(2.0, -age / float(recency))
        personalization = dict(zip(nodes, (weights / weights.sum()).tolist(), strict=True))
    scores = nx.pagerank(G.reverse(copy=False), alpha=float(alpha), personalization=personalization, weight=None,
                         tol=1e-10, max_iter=1000)
    out = pd.DataFrame({
        "node": pd.Series(nodes, dtype=object),
        "pub_no": pd.Series([G.nodes[v].get("pub_no", v) for v in nodes], dtype=object),
        "year": years.astype("Int64"),
        "citations": pd.Series([G.out_degree(v) for v in nodes], dtype="int64"),
        "pagerank": pd.Series([scores[v] for v in nodes], dtype="float64"),
    })
    out = out.assign(_key=out["node"].astype(str)).sort_values(["pagerank", "_key"], ascending=[False, True],
                                                               kind="stable")
    out = out.drop(columns="_key").reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    if when is None and years.notna().any():
        when = pd.Timestamp(year=int(years.max()), month=12, day=31)
    out.attrs.update(alpha=float(alpha), recency=recency, unit=G.graph.get("unit"), as_of=when)
    return out


# --------------------------------------------------------------------------- chart


def _label_of(G: nx.DiGraph, label: str | Callable[[Hashable], str]) -> Callable[[Hashable], str]:
    if callable(label):
        return lambda v: str(label(v))
    return lambda v: str(G.nodes[v].get(label) or v)


def plot_main_path(G: nx.DiGraph, path: pd.DataFrame | list, ax: Axes | None = None, label: str | Callable = "pub_no",
                   context: str = "neighbors", max_context: int = 300, title: str | None = None,
                   save: str | Path | None = None) -> Axes:
    """Main-path chart (主路径图): nodes laid out left → right by year, main path highlighted.

    ``path`` is a :func:`main_path` table (or a list of nodes in order). Main-path nodes
    sit on the middle band at x = their year, labelled with ``label`` (a node attribute
    such as 'pub_no', 'applicant' or 'title', or a function node → text); main-path
    edges are arrows whose width grows with the normalised weight. ``context``:
    'neighbors' (default) also draws, faintly, the nodes citing or cited by the main path
    and their edges; 'all' the whole graph; 'none' only the main path — at most
    ``max_context`` context nodes (the most cited first). Nodes without a year (external
    ones) sit one year left of the earliest; within a year, nodes sit at their date. A graph
    without any dates is laid out by citation generation instead. Returns the Axes.

    >>> from navtrain import load_sample
    >>> G = citation_graph(load_sample())
    >>> ax = plot_main_path(G, main_path(G))
    >>> ax.get_title(), ax.get_xlabel()
    ('引证网络主路径（SPC，全局主路径）', '申请年')
    >>> len([t for t in ax.texts if t.get_text().startswith("CN")])
    8
    """
    if not isinstance(G, nx.DiGraph):
        raise SchemaError("plot_main_path needs the citation graph (networkx.DiGraph) the path came from",
                          fix="pass citation_graph(df) and main_path(G)", hint="请传入引证网络和主路径")
    ctx = str(context).strip().lower()
    if ctx not in ("neighbors", "neighbours", "all", "none"):
        raise UnknownNameError(f"unknown context {context!r}", fix="use 'neighbors', 'all' or 'none'",
                               hint="context 只能是 neighbors、all 或 none")
    if isinstance(path, pd.DataFrame):
        if not {"source", "target"} <= set(path.columns):
            raise SchemaError("plot_main_path needs a main_path table with 'source' and 'target' columns",
                              fix="pass main_path(G)", hint="请传入 main_path 的结果")
        main_edges = list(zip(path["source"].tolist(), path["target"].tolist(), strict=True))
        norm = path["norm_weight"].tolist() if "norm_weight" in path.columns else [1.0] * len(main_edges)
        attrs = path.attrs
    else:
        nodes_seq = list(path)
        main_edges = list(itertools.pairwise(nodes_seq))
        norm, attrs = [1.0] * len(main_edges), {}
    unknown = [e for e in main_edges if not G.has_edge(*e)]
    if unknown:
        raise SchemaError(f"{len(unknown)} main-path edges are not in the graph, e.g. {unknown[0]}",
                          fix="pass the graph the main path was computed on", hint="主路径与引证网络不匹配")
    main_nodes = list(dict.fromkeys(v for e in main_edges for v in e))
    if not main_edges and isinstance(path, list):
        main_nodes = [v for v in path if v in G]
    main_set = set(main_nodes)
    if ctx == "none":
        extra: list = []
    else:
        pool = set(G) if ctx == "all" else {w for v in main_nodes for w in (*G.pred[v], *G.succ[v])}
        extra = sorted(pool - main_set, key=lambda v: (-G.degree(v), str(v)))[: int(max_context)]
    drawn = [*main_nodes, *extra]
    ax = new_axes(ax, figsize=(10, 5))
    xs = _x_positions(G, drawn)
    ys: dict = {}
    offsets = [0.0, 0.35, -0.35, 0.7, -0.7, 1.05, -1.05]
    last, k = None, 0
    for v in sorted(main_nodes, key=lambda v: (xs[v], str(v))):  # close main nodes: staggered in the band
        k = k + 1 if last is not None and xs[v] - last < 0.3 else 0
        last = xs[v] if k == 0 else last
        ys[v] = offsets[k % len(offsets)]
    band = max((abs(y) for y in ys.values()), default=0.0) + 0.8
    stack: dict[int, int] = {}
    for v in sorted(extra, key=lambda v: (xs[v], str(v))):
        bucket = int(np.floor(xs[v]))
        k = stack.get(bucket, 0)
        stack[bucket] = k + 1
        ys[v] = (1 if (k + bucket) % 2 == 0 else -1) * (band + 0.35 * (k // 2))
    colors = sns.color_palette(PALETTE, 4)
    main_color, faint = colors[0], "#b0b0b0"
    drawn_set = set(drawn)
    main_edge_set = set(main_edges)
    small = 8 if len(main_nodes) <= 12 else 6
    other = [] if ctx == "none" else [e for e in G.subgraph(drawn_set).edges() if e not in main_edge_set]
    if other:
        ax.add_collection(LineCollection([[(xs[u], ys[u]), (xs[v], ys[v])] for u, v in other], colors=faint,
                                         linewidths=0.6, alpha=0.5, zorder=1, label="其他引证关系"))
    if extra:
        ax.scatter([xs[v] for v in extra], [ys[v] for v in extra], s=18, color=faint, zorder=2, label="相关专利")
    top = max([float(x) for x in norm if not pd.isna(x)], default=1.0) or 1.0
    for (u, v), w in zip(main_edges, norm, strict=True):
        width = 1.2 + 3.0 * (float(w) / top if not pd.isna(w) else 0.0)
        ax.annotate("", xy=(xs[v], ys[v]), xytext=(xs[u], ys[u]), zorder=3,
                    arrowprops={"arrowstyle": "-|>", "color": main_color, "lw": width, "shrinkA": 6, "shrinkB": 6})
    if main_nodes:
        ax.scatter([xs[v] for v in main_nodes], [ys[v] for v in main_nodes], s=70, color=main_color, zorder=4,
                   edgecolors="white", linewidths=0.8)
    text_of = _label_of(G, label)
    for k, v in enumerate(sorted(main_nodes, key=lambda v: (xs[v], ys[v]))):
        up = ys[v] > 0 or (ys[v] == 0 and k % 2 == 0)  # staggered nodes: label away from the band
        ax.annotate(text_of(v), (xs[v], ys[v]), xytext=(0, 9 if up else -9), textcoords="offset points",
                    ha="center", va="bottom" if up else "top", fontsize=small, zorder=5,
                    family=list(mpl.rcParams["font.family"]))
    handles = [Line2D([], [], color=main_color, lw=2.5, label="主路径")]
    if other or extra:
        handles.append(Line2D([], [], color=faint, lw=1, marker="o", markersize=4, label="其他引证关系"))
    ax.legend(handles=handles, frameon=False, loc="upper left")
    if not drawn:
        ax.text(0.5, 0.5, "无引证关系", ha="center", va="center", transform=ax.transAxes)
    ax.autoscale_view()
    ax.margins(x=0.08, y=0.25)
    ax.set_yticks([])
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    dated = any(G.nodes[v].get("year") is not None or G.nodes[v].get("date") is not None for v in drawn)
    ax.set_xlabel(G.graph.get("year_label", "年份") if dated or not drawn else "引证层级（无日期）")
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    method = str(attrs.get("method", "")).upper()
    kind_zh = attrs.get("kind_zh", "")
    default = f"引证网络主路径（{method}，{kind_zh}）" if method else "引证网络主路径"
    ax.set_title(default if title is None else title)
    if "total_weight" in attrs:
        unit = G.graph.get("unit_zh", "件")
        ax.text(1.0, -0.12, f"主路径 {len(main_nodes)} {unit}，总权重 {_short(attrs['total_weight'])}",
                transform=ax.transAxes, ha="right", fontsize="small", color="#555555")
    if save is not None:
        save_chart(ax, save)
    return ax


def _x_positions(G: nx.DiGraph, nodes: list) -> dict:
    """x = year + fraction of the year from the node's date; undated nodes one year left of the earliest."""
    dates = pd.to_datetime(pd.Series([G.nodes[v].get("date") for v in nodes], dtype=object), errors="coerce")
    years = pd.Series([G.nodes[v].get("year") for v in nodes], dtype="Float64").astype("float64")
    frac = ((dates.dt.day_of_year - 1) / 366.0).astype("float64").fillna(0.5)
    x = years.fillna(dates.dt.year.astype("float64")) + frac
    if x.isna().all() and nx.is_directed_acyclic_graph(G):  # no dates at all: x = citation generation
        level = {v: k for k, layer in enumerate(nx.topological_generations(G)) for v in layer}
        return {v: float(level[v]) for v in nodes}
    floor = float(np.floor(x.min())) - 1 if x.notna().any() else 0.0
    return dict(zip(nodes, x.fillna(floor).tolist(), strict=True))


def _short(x: object) -> str:
    """A weight for display: exact below 10^12, else in scientific notation (Python ints may be huge)."""
    if isinstance(x, int | np.integer) and abs(int(x)) >= 10**12:
        return f"{int(x) / 10 ** (len(str(abs(int(x)))) - 1):.2f}e{len(str(abs(int(x)))) - 1}"
    return f"{x}"

