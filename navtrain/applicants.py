"""Applicant analysis (申请人分析): ranking with portfolio profiles, matrices, type mix,
co-applicant network, and their charts.

Source: GB/T 39551.3 and 39551.4 (industrial planning and business operation: who the
leading innovators are, their portfolios and their co-operation) and common Chinese
practice (申请人排名, 申请人类型构成, 合作网络); WIPO *Guidelines for Preparing Patent
Landscape Reports* (2015, top-applicant charts and co-applicant networks); OECD *Patent
Statistics Manual* (2009, whole vs fractional counting; family size and forward
citations as value correlates). Names should be harmonised first (``applicants_std``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator
from scipy.sparse.csgraph import connected_components, dijkstra

from navtrain import basis
from navtrain.basis import incomplete_years
from navtrain.clean import explode
from navtrain.concentration import matrix
from navtrain.errors import NavtrainWarning, SchemaError, UnknownNameError
from navtrain.plots import INCOMPLETE_COLOR, PALETTE, new_axes, save_chart, unit_label
from navtrain.schema import APPLICANT_TYPES, check_columns, standardize_columns

__all__ = [
    "APPLICANT_TYPE_ZH",
    "applicant_matrix",
    "applicant_ranking",
    "applicant_type_mix",
    "collaboration_network",
    "network_metrics",
    "plot_applicants_over_time",
    "plot_flow_matrix",
    "plot_network",
    "plot_portfolio_bubble",
    "plot_top_applicants",
]

APPLICANT_TYPE_ZH = {"enterprise": "企业", "university": "高校", "institute": "科研院所",
                     "individual": "个人", "government_other": "机关团体及其他"}
#: chart labels of the ranking columns
COLUMN_ZH = {
    "count": "申请量", "share": "申请量占比", "invention_share": "发明占比", "grant_rate": "发明授权率（结案）",
    "valid_share": "有效专利占比", "mean_family_size": "平均同族数量", "mean_cited_by": "平均被引次数",
    "recent_share": "近五年申请占比",
}
#: components with at most this many nodes get exact betweenness; larger ones k-sampling
EXACT_BETWEENNESS_NODES = 1000
#: source nodes sampled per large component (``k`` of networkx.betweenness_centrality)
BETWEENNESS_SAMPLES = 500


# --------------------------------------------------------------------------- ranking


def _last_complete_year(cut: pd.Timestamp, lag_months: int) -> int | None:
    """The last year not hidden by the publication lag at the cut-off (None: no cut-off known)."""
    if cut >= basis.resolve_cutoff(None):  # a table without any date: no cut-off
        return None
    candidates = range(cut.year - lag_months // 12 - 2, cut.year + 1)
    late = set(incomplete_years(candidates, cut, lag_months))
    complete = [y for y in candidates if y not in late]
    return max(complete) if complete else None


def _unit_members(table: pd.DataFrame, unit_key: str) -> tuple[np.ndarray, np.ndarray]:
    """Unit code of every row (application, family or document) and the positions of the
    earliest member of each unit (:func:`navtrain.basis.earliest_members`), in table order."""
    if unit_key == "documents":
        return np.arange(len(table)), np.arange(len(table))
    codes = pd.factorize(basis.count_key(table, unit_key))[0]
    first = basis.earliest_members(table, pd.Series(codes, index=table.index))
    return codes, first


def _long_applicants(table: pd.DataFrame, col: str, mode: str, func: str) -> tuple[pd.DataFrame, dict[str, int]]:
    """(unit position, applicant, weight, first) rows; warns about documents without applicants."""
    base = pd.DataFrame({"_unit": np.arange(len(table)), col: table[col].to_numpy()})
    long = explode(base, col, weight=mode)
    dropped: dict[str, int] = {}
    n_missing = len(table) - int(long["_unit"].nunique())
    if n_missing:
        dropped[f"no {col}"] = n_missing
        warnings.warn(f"{func}: {n_missing} of {len(table)} rows have no {col} and were not counted "
                      "(无申请人的记录未计入)", NavtrainWarning, stacklevel=3)
    long = long.rename(columns={col: "_name", "weight": "_w"})
    long["_first"] = ~long["_unit"].duplicated().to_numpy()
    return long, dropped


def _mode_type(long: pd.DataFrame, types: pd.Series, codes: np.ndarray, n_names: int) -> np.ndarray:
    """Most frequent document ``applicant_type`` where the applicant is first applicant."""
    out = np.full(n_names, None, dtype=object)
    first = long["_first"].to_numpy()
    t = types.to_numpy(dtype=object)[long["_unit"].to_numpy()[first]]
    frame = pd.DataFrame({"code": codes[first], "type": t}).dropna()
    if frame.empty:
        return out
    counts = frame.groupby(["code", "type"]).size().rename("n").reset_index()
    order = {v: i for i, v in enumerate(APPLICANT_TYPES)}
    counts["_o"] = counts["type"].map(order).fillna(len(order))
    best = counts.sort_values(["code", "n", "_o"], ascending=[True, False, True]).drop_duplicates("code")
    out[best["code"].to_numpy()] = best["type"].to_numpy()
    return out


def applicant_ranking(
    df: pd.DataFrame,
    top: int | None = 10,
    col: str = "applicants_std",
    unit: str = "applications",
    weight: str = "whole",
    recent: int = 5,
    cutoff: object = None,
    lag_months: int | None = None,
) -> pd.DataFrame:
    """Rank applicants by applications (件), families (项) or documents (篇), with a portfolio profile.

    One row per applicant of the list column ``col`` (harmonised names by default),
    largest first, ``top`` rows (None: all). An application or family counts once,
    described by its earliest member (applicants, filing year, type); its status
    flags hold when any member shows them (granted, valid, lapsed: the B document of an
    application carries the grant) and its family size and citations are the largest of
    its members. Each co-applicant is credited with the unit: weight 1
    (``weight='whole'``) or 1/k for k applicants (``'fractional'``; the counts then sum
    to the number of units). All the ratios below use the same weights, over the
    applicant's units:

    - ``count`` Σ weights; ``share`` = count / units in the table (whole counting:
      shares add up to more than 1 because co-applied units count for each
      applicant); ``rank`` 1 = largest (ties share the smaller rank).
    - ``invention_share`` inventions / count.
    - ``grant_rate`` (结案授权率) = granted / decided inventions, where *granted* =
      invention with a ``grant_date`` and *decided* = granted, or ``legal_status ==
      'lapsed'`` without a grant (refused, withdrawn); pending inventions are not in the
      denominator. NaN when the applicant has no decided invention.
    - ``valid_share`` documents with ``legal_status == 'valid'`` / documents with a
      known status; ``mean_family_size`` and ``mean_cited_by`` (forward citations,
      ``cited_by_count``) are weighted means over documents with a value.
    - ``recent_share`` units filed (``app_year``) in the last ``recent``
      complete years / units filed up to the last complete year. Complete: not
      hidden by the ``lag_months`` publication lag (default 18 months, application
      dates) at ``cutoff`` (default :func:`navtrain.basis.default_cutoff`), as in
      :func:`navtrain.incomplete_years`; the window is in ``attrs['recent_window']``.
    - ``first_year``/``last_year`` of filing; ``applicant_type``: the most frequent
      ``applicant_type`` of the documents where the applicant is **first** applicant
      (the schema's type is the first applicant's), None when it never is.

    Missing profile columns give NaN with a
    :class:`NavtrainWarning`; documents without applicants are not counted
    (``attrs['dropped']``).

    >>> from navtrain import load_sample
    >>> r = applicant_ranking(load_sample(), cutoff="2024-12-31")
    >>> lead = r.iloc[0]
    >>> lead["applicant"], int(lead["count"]), lead["applicant_type"], int(r["rank"].iloc[1])
    ('中原晶钻科技有限公司', 6, 'enterprise', 2)
    >>> float(lead["grant_rate"]), round(float(lead["mean_cited_by"]), 3), float(lead["recent_share"])
    (1.0, 4.167, 0.8)
    >>> r.attrs["recent_window"]
    (2018, 2022)
    """
    unit_key = basis.unit_key(unit)
    mode = basis.weight_key(weight)
    if int(recent) < 1:
        raise SchemaError(f"recent must be >= 1, got {recent}", fix="pass e.g. 5",
                          hint="近年窗口至少为 1 年")
    full = standardize_columns(df)
    cut = basis.resolve_cutoff(cutoff, full)
    lag = basis.resolve_lag(lag_months)
    check_columns(full, [col], f"applicant_ranking(col={col!r})")
    if unit_key == "families":
        check_columns(full, ["family_id"], "applicant_ranking(unit='families')")
    unit_codes, first_rows = _unit_members(full, unit_key)
    n_codes = int(unit_codes.max()) + 1 if len(unit_codes) else 0
    table = full.iloc[first_rows]
    n_units = len(table)

    def any_member(mask: np.ndarray) -> np.ndarray:
        """Per unit (rows of ``table``): does any member satisfy the row ``mask``?"""
        hit = np.bincount(unit_codes, weights=np.asarray(mask, dtype=float), minlength=n_codes) > 0
        return hit[unit_codes[first_rows]]

    def max_member(values: np.ndarray) -> np.ndarray:
        top_value = pd.Series(values).groupby(unit_codes).max()
        return top_value.reindex(unit_codes[first_rows]).to_numpy(dtype="float64")

    long, dropped = _long_applicants(table, col, mode, "applicant_ranking")
    codes, names = pd.factorize(long["_name"])
    n_names = len(names)
    unit_pos = long["_unit"].to_numpy()
    w = long["_w"].to_numpy(dtype="float64")

    def wsum(mask: np.ndarray | None = None) -> np.ndarray:
        ww = w if mask is None else w * mask[unit_pos]
        return np.bincount(codes, weights=ww, minlength=n_names)

    def ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)

    not_computed: list[str] = []

    def column(name: str) -> pd.Series | None:
        """The column over all members (the full table), or None (noted) when absent."""
        if name in full.columns:
            return full[name]
        not_computed.append(name)
        return None

    count = wsum()
    nan = np.full(n_names, np.nan)
    ptype = column("patent_type")
    inv = any_member((ptype == "invention").to_numpy(dtype=bool)) if ptype is not None else None
    inventions = wsum(inv) if inv is not None else nan
    status = column("legal_status")
    grant = column("grant_date")
    if inv is not None and grant is not None and status is not None:
        granted_m = inv & any_member(grant.notna().to_numpy())
        decided_m = granted_m | (inv & any_member((status == "lapsed").to_numpy(dtype=bool)))
        granted, decided = wsum(granted_m), wsum(decided_m)
    else:
        granted = decided = nan
    if status is not None:
        valid_share = ratio(wsum(any_member((status == "valid").to_numpy(dtype=bool))),
                            wsum(any_member(status.notna().to_numpy())))
    else:
        valid_share = nan

    def wmean(name: str) -> np.ndarray:
        s = column(name)
        if s is None:
            return nan
        x = max_member(pd.to_numeric(s, errors="coerce").astype("float64").to_numpy())
        ok = ~np.isnan(x)
        return ratio(np.bincount(codes, weights=w * np.where(ok, x, 0.0)[unit_pos], minlength=n_names),
                     wsum(ok))

    mean_family = wmean("family_size")
    mean_cited = wmean("cited_by_count")
    has_year = "app_year" in table.columns or "app_date" in table.columns
    window: tuple[int, int] | None = None
    first_year = last_year = pd.array([pd.NA] * n_names, dtype="Int64")
    if has_year:
        years = basis.filing_year(table).to_numpy(dtype="float64", na_value=np.nan)
        last = _last_complete_year(cut, lag)
        if last is not None:
            window = (last - int(recent) + 1, last)
            in_window = (years >= window[0]) & (years <= window[1])
            upto = years <= last
            recent_share = ratio(wsum(in_window), wsum(upto))
        else:
            recent_share = nan
        y = pd.Series(years[unit_pos])
        first_year = y.groupby(codes).min().reindex(range(n_names)).astype("Int64").array
        last_year = y.groupby(codes).max().reindex(range(n_names)).astype("Int64").array
    else:
        not_computed.append("app_year")
        recent_share = nan
    types = table["applicant_type"] if "applicant_type" in table.columns else column("applicant_type")
    app_type = _mode_type(long, types, codes, n_names) if types is not None else np.full(n_names, None, object)
    if not_computed:
        warnings.warn(f"applicant_ranking: the table has no column(s) {', '.join(not_computed)}; the profile "
                      "values that need them are NaN (缺少相关列，对应指标为空)", NavtrainWarning, stacklevel=2)

    out = pd.DataFrame({
        "applicant": pd.Series(names, dtype=object),
        "applicant_type": app_type,
        "count": count,
        "share": count / n_units if n_units else nan,
        "inventions": inventions,
        "invention_share": ratio(inventions, count),
        "decided": decided,
        "granted": granted,
        "grant_rate": ratio(granted, decided),
        "valid_share": valid_share,
        "mean_family_size": mean_family,
        "mean_cited_by": mean_cited,
        "recent_share": recent_share,
        "first_year": first_year,
        "last_year": last_year,
    })
    if mode == "whole":
        for c in ("count", "inventions", "decided", "granted"):
            if out[c].notna().all():
                out[c] = out[c].round().astype("int64")
    out = out.sort_values(["count", "applicant"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.insert(0, "rank", out["count"].rank(method="min", ascending=False).astype("int64"))
    if top is not None:
        out = out.head(int(top)).reset_index(drop=True)
    out.attrs.update(basis.unit_attrs(unit_key), weight=mode, col=col, documents=n_units,
                     cutoff=cut, lag_months=lag, recent=int(recent), recent_window=window, dropped=dropped,
                     not_computed=not_computed,
                     grant_rate="granted inventions / decided inventions (granted or lapsed without grant)")
    return out


def applicant_matrix(
    df: pd.DataFrame,
    by: str = "ipc_main",
    top: int | None = 10,
    col: str = "applicants_std",
    unit: str = "applications",
    weight: str = "whole",
    missing: str = "drop",
) -> pd.DataFrame:
    """Applicant × field (``by='ipc_main'``, any column) or applicant × year matrix.

    Zero-filled counts of applications (件, default), families (项) or documents (篇),
    the ``top`` applicants (by units counted in the matrix) as rows; ``by='app_year'`` gives every year of
    the range as a column (entry and exit of applicants). Built by
    :func:`navtrain.matrix` (whole or fractional counting, list columns exploded);
    documents without a ``by`` value are left out with a warning unless
    ``missing='keep'``.

    >>> from navtrain import load_sample
    >>> m = applicant_matrix(load_sample(), by="app_year", top=3)
    >>> m.index.tolist()
    ['中原晶钻科技有限公司', '中岳理工大学', '华原超硬材料研究院']
    >>> m.loc["中原晶钻科技有限公司"].tolist()
    [1, 0, 0, 0, 1, 1, 1, 1, 1, 0]
    """
    return matrix(df, rows=col, cols=by, unit=unit, weight=weight, missing=missing, top=top)


def applicant_type_mix(df: pd.DataFrame, unit: str = "applications") -> pd.DataFrame:
    """Applications (件), families (项) or documents (篇) by applicant type (申请人类型构成), with shares.

    The type is the ``applicant_type`` of the unit's earliest member (the type of its
    first applicant, see ``docs/schema.md``), so every unit counts once and the shares
    sum to 1. The five schema types are always listed (zero-filled, schema order); other
    values follow. Units without a type are not counted (:class:`NavtrainWarning`,
    ``attrs['dropped']``).

    >>> from navtrain import load_sample
    >>> applicant_type_mix(load_sample())[["type_zh", "count"]].values.tolist()
    [['企业', 15], ['高校', 1], ['科研院所', 4], ['个人', 1], ['机关团体及其他', 0]]
    """
    unit_key = basis.unit_key(unit)
    table = standardize_columns(df)
    check_columns(table, ["applicant_type"], "applicant_type_mix")
    if unit_key == "families":
        check_columns(table, ["family_id"], "applicant_type_mix(unit='families')")
    table = basis.collapse(table, unit_key)
    types = table["applicant_type"].astype(object)
    types = types.where(types.notna(), None)
    dropped: dict[str, int] = {}
    if types.isna().any():
        dropped["no applicant_type"] = int(types.isna().sum())
        warnings.warn(f"applicant_type_mix: {dropped['no applicant_type']} of {len(types)} rows have no "
                      "applicant_type and were not counted (申请人类型缺失的记录未计入)", NavtrainWarning,
                      stacklevel=2)
    counts = types.dropna().value_counts()
    labels = [*APPLICANT_TYPES, *sorted(v for v in counts.index if v not in APPLICANT_TYPES)]
    counts = counts.reindex(labels, fill_value=0).astype("int64")
    total = int(counts.sum())
    out = pd.DataFrame({
        "applicant_type": labels,
        "type_zh": [APPLICANT_TYPE_ZH.get(v, v) for v in labels],
        "count": counts.to_numpy(),
        "share": counts.to_numpy() / total if total else np.nan,
    })
    out.attrs.update(basis.unit_attrs(unit_key), dropped=dropped,
                     basis="type of the first applicant of each unit's earliest member")
    return out


# --------------------------------------------------------------------------- network


def collaboration_network(
    df: pd.DataFrame,
    col: str = "applicants_std",
    unit: str = "applications",
    min_weight: int = 1,
) -> nx.Graph:
    """Co-applicant network (申请人合作网络) as an undirected ``networkx.Graph``.

    Nodes: every applicant in ``col`` (isolated ones too), with attribute
    ``documents`` (units naming it, whole counting: applications 件 by default, families
    项 or documents 篇; an application or family is read from its earliest member). Edges:
    two applicants named on the same unit; ``weight`` = number of co-applied units,
    ``distance`` = 1/weight
    (for shortest paths: stronger ties are shorter). Edges lighter than ``min_weight``
    are left out. The pairs are built vectorised (self-merge of the exploded table on
    the document, then a group-by count). ``G.graph`` records the unit, documents
    counted and the co-application rate (share of documents with ≥ 2 applicants).
    This is the bipartite projection used in WIPO landscape reports.

    >>> from navtrain import load_sample
    >>> G = collaboration_network(load_sample())
    >>> G.number_of_nodes(), G.number_of_edges()
    (9, 2)
    >>> G["豫东微粉科技有限公司"]["中岳理工大学"]["weight"], G.nodes["中原晶钻科技有限公司"]["documents"]
    (1, 6)
    """
    unit_key = basis.unit_key(unit)
    table = standardize_columns(df)
    check_columns(table, [col], f"collaboration_network(col={col!r})")
    if unit_key == "families":
        check_columns(table, ["family_id"], "collaboration_network(unit='families')")
    table = basis.collapse(table, unit_key)
    long, dropped = _long_applicants(table, col, "whole", "collaboration_network")
    codes, names = pd.factorize(long["_name"])
    unit_pos = long["_unit"].to_numpy()
    docs = np.bincount(codes, minlength=len(names))
    per_doc = np.bincount(unit_pos, minlength=len(table))
    pairs_src = pd.DataFrame({"u": unit_pos, "a": codes})
    pairs_src = pairs_src[per_doc[unit_pos] >= 2]
    pairs = pairs_src.merge(pairs_src.rename(columns={"a": "b"}), on="u")
    pairs = pairs[pairs["a"] < pairs["b"]]
    edges = pairs.groupby(["a", "b"], sort=False).size().rename("weight").reset_index()
    edges = edges[edges["weight"] >= int(min_weight)]
    names_arr = np.asarray(names, dtype=object)
    G = nx.Graph()
    G.add_nodes_from(zip(names_arr.tolist(), ({"documents": int(d)} for d in docs.tolist()), strict=True))
    weights = edges["weight"].to_numpy(dtype="int64")
    G.add_edges_from(zip(names_arr[edges["a"].to_numpy()].tolist(), names_arr[edges["b"].to_numpy()].tolist(),
                         ({"weight": int(x), "distance": 1.0 / x} for x in weights.tolist()), strict=True))
    counted = int((per_doc > 0).sum())
    co = int((per_doc >= 2).sum())
    G.graph.update(basis.unit_attrs(unit_key), col=col, documents=counted,
                   co_applied=co, co_application_rate=co / counted if counted else float("nan"),
                   dropped=dropped)
    return G


def _brandes_rounds(csr: sp.csr_array, labels: np.ndarray, k_comp: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Σ over the chosen sources of Brandes' dependencies δ_s(v), all components at once.

    Nodes are numbered so that components needing more sources come first; round r
    takes, in every component with more than r sources to run, its node of rank r as
    the source. Components are disjoint, so one multi-source Dijkstra (``min_only``)
    gives every node its distance from its own component's source, and the shortest-path
    DAG, the path counts σ and the dependencies δ are computed for all those sources
    together with sparse matrix products (each iteration advances one hop; the fixed
    point is reached after the longest shortest path): σ = e_S + Mσ, δ = B(1 + δ) with
    M[v, u] = 1 and B[u, v] = σ_u/σ_v for every DAG edge u → v (Brandes 2001).
    """
    n = csr.shape[0]
    raw = np.zeros(n)
    node_k = k_comp[labels]
    src_all = np.repeat(np.arange(n), np.diff(csr.indptr))
    for r in range(int(k_comp.max(initial=0))):
        active = int(np.searchsorted(-node_k, -r, side="left"))  # nodes with node_k > r form a prefix
        if active == 0:
            break
        nnz = int(csr.indptr[active])
        sub = sp.csr_array((csr.data[:nnz], csr.indices[:nnz], csr.indptr[: active + 1]), shape=(active, active))
        sources = np.flatnonzero(rank[:active] == r)
        dist = dijkstra(sub, directed=True, indices=sources, min_only=True)
        u, v, w = src_all[:nnz], csr.indices[:nnz], csr.data[:nnz]
        du, dv = dist[u], dist[v]
        on = np.isfinite(du) & (np.abs(du + w - dv) <= 1e-9 * (1.0 + np.abs(dv)))
        u, v = u[on], v[on]
        pred = sp.csr_array((np.ones(len(u)), (v, u)), shape=(active, active))  # pred[v, u]: u precedes v
        seed_vec = np.zeros(active)
        seed_vec[sources] = 1.0
        sigma = seed_vec.copy()
        for _ in range(active + 1):
            new = seed_vec + pred @ sigma
            if np.array_equal(new, sigma):
                break
            sigma = new
        succ = sp.csr_array((sigma[u] / sigma[v], (u, v)), shape=(active, active))  # succ[u, v] = σu/σv
        delta = np.zeros(active)
        for _ in range(active + 1):
            new = succ @ (1.0 + delta)
            if np.array_equal(new, delta):
                break
            delta = new
        delta[sources] = 0.0
        raw[:active] += delta
    return raw


def _betweenness(G: nx.Graph, nodes: list[object], seed: int, exact_nodes: int,
                 samples: int) -> tuple[np.ndarray, int]:
    """Normalised betweenness of ``nodes`` with distance = ``distance`` edge attribute.

    Per connected component: ≤ 2 nodes → 0; ≤ ``exact_nodes`` → exact (every node a
    source); larger → ``samples`` sources drawn with ``seed``, the dependencies scaled by
    |C|/k (an unbiased estimate, Brandes & Pich 2007). Raw pair values add up over
    components and are normalised for the whole graph by 1/((n−1)(n−2)), as networkx
    does for undirected graphs, so exact values equal
    ``networkx.betweenness_centrality(G, weight='distance')``.
    """
    n = len(nodes)
    if n <= 2 or G.number_of_edges() == 0:
        return np.zeros(n), 0
    adj = nx.to_scipy_sparse_array(G, nodelist=nodes, weight="distance", format="csr")
    n_comp, labels = connected_components(adj, directed=False)
    size = np.bincount(labels, minlength=n_comp)
    k_comp = np.where(size <= exact_nodes, size, np.minimum(int(samples), size))
    k_comp[size <= 2] = 0
    sampled = int(((size > exact_nodes) & (k_comp < size)).sum())
    # renumber: components with more sources first (a prefix per round), random order inside
    rng = np.random.default_rng(seed)
    order = np.lexsort((rng.random(n), labels, -k_comp[labels]))
    sizes_in_order = size[labels[order]]
    first = np.r_[True, labels[order][1:] != labels[order][:-1]]
    starts = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    rank = np.arange(n) - starts
    perm = adj[order][:, order].tocsr()
    perm.sort_indices()
    raw = _brandes_rounds(perm, labels[order], k_comp, rank)
    raw = raw * (sizes_in_order / np.maximum(k_comp[labels[order]], 1))
    out = np.zeros(n)
    out[order] = raw / ((n - 1) * (n - 2))
    return out, sampled


def network_metrics(
    G: nx.Graph,
    seed: int = 0,
    exact_nodes: int = EXACT_BETWEENNESS_NODES,
    samples: int = BETWEENNESS_SAMPLES,
) -> pd.DataFrame:
    """Centrality and community of every node of a co-applicant network.

    Columns: ``applicant``, ``documents`` (node attribute), ``degree`` (number of
    partners), ``weighted_degree`` (Σ edge weights = co-applied documents with partners),
    ``betweenness`` (normalised, shortest paths on distance = 1/weight, since networkx
    treats weights as distances), ``community`` (Louvain, ``weight``, fixed ``seed``;
    0 = largest community; an isolated applicant is its own community) and
    ``community_size``. Sorted by degree, weighted degree, documents.

    Betweenness is computed per connected component (Brandes' algorithm, run for all
    components at once with sparse matrix products): exact up to ``exact_nodes``
    (1,000) nodes, where it equals ``networkx.betweenness_centrality(G,
    weight='distance')``; a larger component uses ``samples`` (500) source nodes drawn
    with ``seed``, scaled by |C|/k (the unbiased estimate of Brandes & Pich 2007), so
    100,000 applicants stay well within a minute. ``attrs['sampled_components']`` says
    how many components were sampled. Path lengths equal within 10⁻⁹ (relative) are
    ties; networkx compares floats exactly and can miss ties such as 1/3 + 1/3 + 1/3
    vs 1. Sources: Freeman 1977; Brandes 2001; Blondel et al. 2008 (Louvain).

    >>> from navtrain import load_sample
    >>> m = network_metrics(collaboration_network(load_sample()))
    >>> # 中岳理工大学 is on the only path between its 2 partners: 1 of the C(8, 2) = 28 pairs
    >>> top = m.iloc[0]
    >>> top["applicant"], int(top["degree"]), int(top["weighted_degree"]), round(float(top["betweenness"]), 4)
    ('中岳理工大学', 2, 2, 0.0357)
    """
    if not isinstance(G, nx.Graph) or G.is_directed():
        raise SchemaError("network_metrics needs an undirected networkx Graph",
                          fix="build one with navtrain.collaboration_network(df)",
                          hint="请先用 collaboration_network 生成合作网络")
    H = G
    if G.number_of_edges() and any("distance" not in d for _, _, d in G.edges(data=True)):
        H = G.copy()
        for _, _, d in H.edges(data=True):
            d["distance"] = 1.0 / float(d.get("weight", 1) or 1)
    nodes = list(H.nodes)
    degree = dict(H.degree())
    strength = dict(H.degree(weight="weight"))
    between, sampled = _betweenness(H, nodes, seed, int(exact_nodes), int(samples))
    linked = nx.Graph()  # Louvain on the applicants with partners: isolates add nothing to modularity
    linked.add_weighted_edges_from(H.edges(data="weight", default=1))
    comms = nx.community.louvain_communities(linked, weight="weight", seed=seed) if len(linked) else []
    comms = sorted(comms, key=lambda c: (-len(c), min(str(v) for v in c)))
    community = {v: i for i, c in enumerate(comms) for v in c}
    isolated = sorted((v for v in nodes if degree[v] == 0), key=str)  # each its own community
    community.update({v: len(comms) + i for i, v in enumerate(isolated)})
    sizes = {i: len(c) for i, c in enumerate(comms)} | {len(comms) + i: 1 for i in range(len(isolated))}
    out = pd.DataFrame({
        "applicant": pd.Series(nodes, dtype=object),
        "documents": [H.nodes[v].get("documents", np.nan) for v in nodes],
        "degree": [degree[v] for v in nodes],
        "weighted_degree": [strength[v] for v in nodes],
        "betweenness": between,
        "community": [community[v] for v in nodes],
    })
    out["community_size"] = out["community"].map(sizes)
    out = out.astype({"degree": "int64", "community": "int64", "community_size": "int64"})
    if len(out):
        out["weighted_degree"] = pd.to_numeric(out["weighted_degree"])
        out["documents"] = pd.to_numeric(out["documents"])
        out = out.sort_values(["degree", "weighted_degree", "documents", "applicant"],
                              ascending=[False, False, False, True], kind="stable").reset_index(drop=True)
    out.attrs.update(sampled_components=sampled, exact_nodes=int(exact_nodes), samples=int(samples), seed=seed,
                     unit=G.graph.get("unit"), unit_zh=G.graph.get("unit_zh"), unit_label=G.graph.get("unit_label"))
    return out


# --------------------------------------------------------------------------- charts


def _finish(ax: Axes, title: str | None, default: str, save: str | Path | None) -> Axes:
    ax.set_title(default if title is None else title)
    if save is not None:
        save_chart(ax, save)
    return ax


def plot_top_applicants(
    ranking: pd.DataFrame,
    normalize: bool = False,
    top: int | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    save: str | Path | None = None,
) -> Axes:
    """Horizontal bars of an :func:`applicant_ranking` table, the leader on top.

    ``normalize=True`` scales the counts to the leader = 100 (相对申请量), which makes
    rankings from different data sets comparable. Bars are labelled with their values;
    the axis names the unit of the ranking (``attrs['unit_label']``, e.g. 申请量（件）).

    >>> from navtrain import load_sample
    >>> ax = plot_top_applicants(applicant_ranking(load_sample(), top=5))
    >>> len(ax.patches), ax.get_xlabel(), ax.get_yticklabels()[0].get_text()
    (5, '申请量（件）', '中原晶钻科技有限公司')
    """
    check_columns(ranking, ["applicant", "count"], "plot_top_applicants")
    data = ranking.sort_values("count", ascending=False, kind="stable")
    if top is not None:
        data = data.head(int(top))
    values = data["count"].astype("float64")
    if normalize:
        lead = values.max() if len(values) else np.nan
        values = values / lead * 100 if lead and lead > 0 else values * np.nan
        xlabel = "相对申请量（领先者 = 100）"
    else:
        xlabel = unit_label(ranking)
    ax = new_axes(ax, figsize=(8, max(2.5, 0.4 * len(data) + 1)))
    import seaborn as sns

    color = sns.color_palette(PALETTE)[0]
    y = np.arange(len(data))
    bars = ax.barh(y, values.to_numpy(), color=color)
    ax.set_yticks(y, data["applicant"].astype(str).tolist())
    ax.invert_yaxis()
    fmt = "%.0f" if normalize or ranking.attrs.get("weight", "whole") == "whole" else "%.1f"
    ax.bar_label(bars, fmt=fmt, padding=2, fontsize="small")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("申请人")
    ax.margins(x=0.1)
    return _finish(ax, title, "主要申请人排名", save)


def plot_applicants_over_time(
    df: pd.DataFrame,
    top: int = 10,
    kind: str = "heatmap",
    col: str = "applicants_std",
    unit: str = "applications",
    cutoff: object = None,
    lag_months: int | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    save: str | Path | None = None,
) -> Axes:
    """Filings per year of the ``top`` applicants: heat map (default) or lines.

    Uses :func:`applicant_matrix` with ``by='app_year'`` (every year zero-filled; ``unit``
    as there, applications 件 by default). Years still hidden by the publication lag
    (``lag_months``, default 18 months) at ``cutoff`` (default
    :func:`navtrain.basis.default_cutoff`; :func:`navtrain.incomplete_years`) are hatched
    (heat map) or shaded (lines) and labelled 「数据不完整」; the chart names the cut-off.

    >>> from navtrain import load_sample
    >>> ax = plot_applicants_over_time(load_sample(), top=3, cutoff="2024-12-31")
    >>> ax.collections[0].get_array().reshape(3, 10)[0].tolist()
    [1, 0, 0, 0, 1, 1, 1, 1, 1, 0]
    """
    if kind not in ("heatmap", "line"):
        raise UnknownNameError(f"unknown chart kind {kind!r}", fix="use kind='heatmap' or kind='line'",
                               hint="kind 只能是 heatmap（热力图）或 line（折线图）")
    table = standardize_columns(df)
    cut = basis.resolve_cutoff(cutoff, table)
    lag = basis.resolve_lag(lag_months)
    m = applicant_matrix(table, by="app_year", top=top, col=col, unit=unit)
    years = [int(y) for y in m.columns]
    late = incomplete_years(years, cut, lag) if years else []
    count_label = unit_label(m)
    ax = new_axes(ax, figsize=(max(6, 0.7 * len(years) + 3), max(2.5, 0.5 * len(m) + 1.5)))
    import seaborn as sns

    label = ""
    if late:
        lo, hi = min(late), max(late)
        label = f"数据不完整（{lo}–{hi}）" if lo != hi else f"数据不完整（{lo}）"
    if kind == "heatmap":
        whole = m.attrs.get("weight") == "whole"
        sns.heatmap(m, annot=True, fmt="d" if whole else ".1f", cmap="Blues", linewidths=0.5, linecolor="white",
                    ax=ax, cbar_kws={"label": count_label})
        if whole and ax.collections[0].colorbar is not None:
            ax.collections[0].colorbar.locator = MaxNLocator(integer=True)
            ax.collections[0].colorbar.update_ticks()
        for y in late:
            j = years.index(y)
            ax.add_patch(Rectangle((j, 0), 1, len(m), fill=False, hatch="//", edgecolor="#888888", lw=0))
        if late:
            ax.legend(handles=[Patch(facecolor="white", edgecolor="#888888", hatch="//", label=label)],
                      loc="upper left", bbox_to_anchor=(0, -0.12), frameon=False, fontsize="small")
        ax.set_ylabel("申请人")
    else:
        long = m.rename_axis(index="applicant", columns="year").stack().rename("count").reset_index()
        sns.lineplot(data=long, x="year", y="count", hue="applicant", marker="o", ax=ax, palette=PALETTE)
        if late:
            ax.axvspan(min(late) - 0.5, max(late) + 0.5, color=INCOMPLETE_COLOR, alpha=0.6, zorder=0,
                       hatch="//", linewidth=0, label=label)
        ax.set_ylabel(count_label)
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(frameon=False, fontsize="small")
    ax.set_xlabel("申请年")
    if cut < basis.resolve_cutoff(None):
        ax.annotate(f"检索截止日：{cut:%Y-%m-%d}", xy=(1, -0.18), xycoords="axes fraction", ha="right",
                    fontsize="small", color="#555555")
    return _finish(ax, title, f"主要申请人年度申请量（前 {len(m)} 位）", save)


def plot_portfolio_bubble(
    ranking: pd.DataFrame,
    y: str = "mean_cited_by",
    size: str = "recent_share",
    labels: bool = True,
    ax: Axes | None = None,
    title: str | None = None,
    save: str | Path | None = None,
) -> Axes:
    """Portfolio bubble chart of an :func:`applicant_ranking`: volume × quality × recency.

    x = ``count`` (documents or families), y = a quality measure (``mean_cited_by``
    by default; or ``invention_share``, ``grant_rate``, ``valid_share``,
    ``mean_family_size``), bubble area ∝ ``size`` (``recent_share``: how active the
    applicant is in the last five complete years), colour = applicant type. Each
    bubble is labelled with the applicant. Applicants with no y value are not drawn.

    >>> from navtrain import load_sample
    >>> ax = plot_portfolio_bubble(applicant_ranking(load_sample(), top=5))
    >>> ax.get_xlabel(), ax.get_ylabel(), len(ax.texts)
    ('申请量（件）', '平均被引次数', 5)
    """
    check_columns(ranking, ["applicant", "count", y], "plot_portfolio_bubble")
    data = ranking.dropna(subset=[y])
    ax = new_axes(ax)
    if size in data.columns:
        s = pd.to_numeric(data[size], errors="coerce").fillna(0).clip(lower=0)
        top_s = float(s.max()) if len(s) else 0.0
        area = 80 + 1200 * (s / top_s if top_s > 0 else s)
    else:
        area = pd.Series(300.0, index=data.index)
    import seaborn as sns

    colors = sns.color_palette(PALETTE)
    if "applicant_type" in data.columns:
        types = data["applicant_type"].astype(object).where(data["applicant_type"].notna(), "unknown")
    else:
        types = pd.Series("unknown", index=data.index)
    kinds = [t for t in (*APPLICANT_TYPES, "unknown") if t in set(types)]
    for i, t in enumerate(kinds):
        sel = (types == t).to_numpy()
        ax.scatter(data.loc[sel, "count"], data.loc[sel, y], s=area[sel], color=colors[i % len(colors)],
                   alpha=0.6, edgecolor="white", linewidth=0.8, label=APPLICANT_TYPE_ZH.get(t, "类型未知"))
    if labels:
        for name, xv, yv in zip(data["applicant"].astype(str), data["count"], data[y], strict=True):
            ax.annotate(name, (xv, yv), xytext=(4, 4), textcoords="offset points", fontsize="small")
    ax.set_xlabel(unit_label(ranking))
    ax.set_ylabel(COLUMN_ZH.get(y, y))
    ax.margins(0.15)
    if kinds:
        leg = ax.legend(frameon=False, fontsize="small", title=f"气泡大小：{COLUMN_ZH.get(size, size)}",
                        markerscale=0.5)
        leg.get_title().set_fontsize("small")
    return _finish(ax, title, "申请人专利组合：数量—质量—活跃度", save)


def plot_flow_matrix(
    flow: pd.DataFrame,
    ax: Axes | None = None,
    title: str | None = None,
    save: str | Path | None = None,
) -> Axes:
    """Heat map of a :func:`navtrain.flow_matrix` with the counts written in the cells.

    Rows: technology source (priority country); columns: target market (office).

    >>> from navtrain import load_sample
    >>> from navtrain.concentration import flow_matrix
    >>> ax = plot_flow_matrix(flow_matrix(load_sample(), unit="families"))
    >>> [t.get_text() for t in ax.texts], ax.get_title()
    (['19', '1', '1'], '技术来源国/地区—目标市场流向（项）')
    """
    if not isinstance(flow, pd.DataFrame):
        raise SchemaError("plot_flow_matrix needs the table from navtrain.flow_matrix",
                          fix="pass flow_matrix(df)", hint="请传入 flow_matrix 的结果")
    unit_zh = flow.attrs.get("unit_zh", "件")
    ax = new_axes(ax, figsize=(max(5, 0.8 * flow.shape[1] + 3), max(2.5, 0.5 * flow.shape[0] + 1.5)))
    whole = all(pd.api.types.is_integer_dtype(flow[c]) for c in flow.columns)
    import seaborn as sns

    sns.heatmap(flow, annot=True, fmt="d" if whole else ".1f", cmap="Blues", linewidths=0.5,
                linecolor="white", ax=ax, cbar_kws={"label": unit_label(flow)})
    ax.set_xlabel("目标市场（受理局）")
    ax.set_ylabel("技术来源国/地区")
    ax.tick_params(axis="y", rotation=0)
    return _finish(ax, title, f"技术来源国/地区—目标市场流向（{unit_zh}）", save)


def plot_network(
    G: nx.Graph,
    top: int = 10,
    max_nodes: int = 200,
    isolates: bool = False,
    seed: int = 0,
    ax: Axes | None = None,
    title: str | None = None,
    save: str | Path | None = None,
) -> Axes:
    """Draw a co-applicant network: spring layout (seeded), size = documents.

    Only applicants with at least one partner are drawn unless ``isolates=True``; of
    those, the ``max_nodes`` with most documents. Node area ∝ documents, colour =
    Louvain community of the drawn graph (seeded), edge width ∝ weight; the ``top``
    nodes by documents are labelled (Chinese font).

    >>> from navtrain import load_sample
    >>> ax = plot_network(collaboration_network(load_sample()), top=2)
    >>> len(ax.collections[0].get_offsets()), sorted(t.get_text() for t in ax.texts if "：" not in t.get_text())
    (3, ['中原晶钻科技有限公司', '中岳理工大学'])
    """
    if not isinstance(G, nx.Graph):
        raise SchemaError("plot_network needs a networkx Graph", fix="build one with collaboration_network(df)",
                          hint="请先用 collaboration_network 生成合作网络")
    ax = new_axes(ax, figsize=(8, 6))
    nodes = [v for v in G.nodes if isolates or G.degree(v) > 0]
    docs = {v: float(G.nodes[v].get("documents", 1) or 1) for v in nodes}
    nodes = sorted(nodes, key=lambda v: (-docs[v], str(v)))[: int(max_nodes)]
    H = G.subgraph(nodes)
    ax.set_axis_off()
    if H.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "无合作关系", ha="center", va="center", transform=ax.transAxes)
        return _finish(ax, title, "申请人合作网络", save)
    pos = nx.spring_layout(H, seed=seed, weight="weight")
    biggest = max(docs[v] for v in H.nodes)
    comms = sorted(nx.community.louvain_communities(H, weight="weight", seed=seed),
                   key=lambda c: (-len(c), min(str(v) for v in c)))
    import seaborn as sns

    colors = sns.color_palette(PALETTE, n_colors=max(len(comms), 1))
    node_color = {v: colors[i % len(colors)] for i, c in enumerate(comms) for v in c}
    order = list(H.nodes)
    nx.draw_networkx_nodes(H, pos, nodelist=order, ax=ax, node_size=[80 + 1200 * docs[v] / biggest for v in order],
                           node_color=[node_color[v] for v in order], alpha=0.85, linewidths=0.5,
                           edgecolors="white")
    if H.number_of_edges():
        wmax = max(float(d.get("weight", 1)) for _, _, d in H.edges(data=True))
        nx.draw_networkx_edges(H, pos, ax=ax, alpha=0.5, edge_color="#888888",
                               width=[0.5 + 3 * float(d.get("weight", 1)) / wmax for _, _, d in H.edges(data=True)])
    labelled = order if top is None else sorted(order, key=lambda v: (-docs[v], str(v)))[: int(top)]
    nx.draw_networkx_labels(H, pos, labels={v: str(v) for v in labelled}, ax=ax, font_size=9,
                            font_family=list(mpl.rcParams["font.family"]))
    ax.margins(x=0.2, y=0.1)
    ax.text(0.0, -0.02, f"节点大小：{unit_label(G.graph)}；连线粗细：合作{unit_label(G.graph)}；颜色：社区",
            transform=ax.transAxes, fontsize="small", color="#555555", va="top")
    return _finish(ax, title, "申请人合作网络", save)
